/*
 * combine.c - several roles as one user holding all of them.
 *
 * A user's privileges are the union of the privileges of their roles,
 * each at the highest level any role grants it.  Each combination is
 * evaluated against the union of the profiles, as ra_check() does for a
 * single role, and keeps, for every required privilege, the roles that
 * grant it and at which level, so a report can say who contributes what.
 * A role whose privileges are not in the export (ra_role_not_exported())
 * is left out, with a note (RA310): what it grants is unknown.
 */
#include <stdlib.h>

#include <string.h>

#include "analyze/analyze.h"

/*
 * The next name of a --combine list at *P: up to an unescaped ',', with
 * "\," and "\\" unescaped and blanks around it dropped, into B.  Returns
 * 0, or -1 at the end of the list.
 */
static int
next_name(const char **pp, struct ra_buf *b)
{
	const char	*p = *pp;

	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	if (*p == '\0')
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	for (; *p && *p != ','; p++) {
		if (*p == '\\' && (p[1] == ',' || p[1] == '\\'))
			p++;
		ra_buf_add(b, p, 1);
	}
	while (b->len && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t'))
		b->s[--b->len] = '\0';
	*pp = *p == ',' ? p + 1 : p;
	ra_buf_add(b, "", 0);
	return 0;
}

/*
 * Find the one role NAME names: by id, else by exact name, else by name
 * ignoring case.  Returns 0 with *OUT set, or -1 with a diagnostic
 * (RA307 none, RA308 several).
 */
static int
find_role(struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const char *name, struct ra_member *out)
{
	struct ra_buf	 where = { 0 };
	struct ra_member m = { 0, NULL };
	size_t		 s, i, n, pass;

	for (pass = 0; pass < 3; pass++) {
		n = 0;
		for (s = 0; s < nsol; s++)
			for (i = 0; i < sol[s]->nrole; i++) {
				const struct ra_role	*r = &sol[s]->role[i];
				int			 hit;

				if (pass == 0)
					hit = ra_role_id_is(r, name, strlen(name));
				else if (pass == 1)
					hit = strcmp(r->name, name) == 0;
				else
					hit = ra_strcaseeq(r->name, name);
				if (!hit)
					continue;
				if (n++ == 0) {
					m.sol = s;
					m.role = r;
				}
				ra_buf_adds(&where, n > 1 ? ", " : "");
				ra_buf_adds(&where, sol[s]->path);
				ra_buf_printf(&where, " %s:%lu", r->file,
				    r->line);
			}
		if (n == 1) {
			ra_buf_free(&where);
			*out = m;
			return 0;
		}
		if (n > 1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ROLE_AMBIGUOUS,
			    NULL, NULL, 0, 0, "--combine: \"%s\" names %zu "
			    "roles (%s); name it by its id", name, n,
			    where.oom ? "" : where.s);
			ra_buf_free(&where);
			return -1;
		}
		where.len = 0;
	}
	ra_buf_free(&where);
	ra_role_unknown(ctx, "--combine:", name, sol, nsol);
	return -1;
}

/* Note that ROLE of SOL is left out of the combinations. */
static void
left_out(struct ra_ctx *ctx, const struct ra_solution *sol,
    const struct ra_role *role)
{
	struct ra_buf	 file = { 0 };
	const char	*member;

	ra_role_diag_location(sol, role, &file, &member);
	ra_diag_add(ctx, RA_SEV_NOTE, RA_C_ROLE_NOT_EXPORTED, file.oom ? NULL :
	    file.s, member, role->line, 0, "role \"%s\": %s; left out of the "
	    "combination", role->name, RA_NOT_EXPORTED_REASON);
	ra_buf_free(&file);
}

static int
add_member(struct ra_combo *c, const struct ra_member *m)
{
	size_t	 i;

	for (i = 0; i < c->nm; i++)
		if (c->m[i].role == m->role)
			return 0;	/* named twice: once is enough */
	if (ra_grow(&c->m, &c->capm, c->nm + 1, sizeof(*c->m)) == -1)
		return -1;
	c->m[c->nm++] = *m;
	return 0;
}

struct order {
	size_t		 i;
	enum ra_tab	 tab;
	const char	*name;
};

static int
order_cmp(const void *a, const void *b)
{
	const struct order	*x = a, *y = b;

	return ra_priv_order_cmp(x->tab, x->name, y->tab, y->name);
}

static int
grant_cmp(const void *a, const void *b)
{
	const struct ra_grant	*x = a, *y = b;

	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	return x->member < y->member ? -1 : x->member > y->member;
}

/* Evaluate combination C against CB->req. */
static int
evaluate(struct ra_combined *cb, struct ra_combo *c, const struct order *ord)
{
	struct ra_bitmap	 u = { 0 };
	struct ra_bitmap_iter	 it;
	size_t			 k, i, m;
	enum ra_level		 l;
	int			 rc = -1;

	for (m = 0; m < c->nm; m++) {
		ra_bitmap_iter_init(&it, &c->m[m].role->bits);
		while (ra_bitmap_iter_next(&it, &i, &l))
			if (ra_bitmap_set(&u, i, l) == -1)
				goto out;
	}
	c->nprivs = ra_bitmap_count(&u);
	if (cb->req.n && (c->r = calloc(cb->req.n, sizeof(*c->r))) == NULL)
		goto out;
	for (k = 0; k < cb->req.n; k++) {
		struct ra_creq		*q = &c->r[c->nr++];
		const struct ra_req	*req = &cb->req.req[ord[k].i];

		q->req = req;
		q->held = ra_bitmap_get(&u, req->priv);
		if (q->held < req->min)
			c->nmiss++;
		if ((q->g = calloc(c->nm ? c->nm : 1, sizeof(*q->g))) == NULL)
			goto out;
		for (m = 0; m < c->nm; m++) {
			l = ra_bitmap_get(&c->m[m].role->bits, req->priv);
			if (l == RA_LEVEL_NONE)
				continue;
			q->g[q->ng].member = m;
			q->g[q->ng].level = l;
			q->ng++;
		}
		if (q->ng > 1)
			qsort(q->g, q->ng, sizeof(*q->g), grant_cmp);
	}
	rc = 0;
out:
	ra_bitmap_free(&u);
	return rc;
}

RA_EXPORT enum ra_err
ra_combine(struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_profile *const *prof, size_t nprof,
    const struct ra_check_opts *opts, const char *const *specs,
    size_t nspecs, struct ra_combined **out)
{
	struct ra_combined	*cb;
	struct ra_buf		 name = { 0 };
	struct ra_member	 m;
	struct order		*ord = NULL;
	const char		*p;
	size_t			 k, s, i, ncombo = nspecs ? nspecs : 1;
	enum ra_err		 rc = RA_ENOMEM;
	int			 bad = 0;

	if ((cb = calloc(1, sizeof(*cb))) == NULL)
		return RA_ENOMEM;
	cb->ctx = ctx;
	cb->sol = sol;
	cb->nsol = nsol;
	cb->prof = prof;
	cb->nprof = nprof;
	if (ra_profiles_unite(&cb->req, prof, nprof, opts) == -1 ||
	    (cb->c = calloc(ncombo, sizeof(*cb->c))) == NULL)
		goto out;
	for (k = 0; k < nspecs; k++) {
		struct ra_combo	*c = &cb->c[cb->nc++];
		size_t		 skipped = 0;

		for (p = specs[k]; next_name(&p, &name) == 0; ) {
			if (name.oom)
				goto out;
			if (name.len == 0)
				continue;
			if (find_role(ctx, sol, nsol, name.s, &m) == -1) {
				bad = 1;
				continue;
			}
			if (ra_role_not_exported(m.role)) {
				left_out(ctx, sol[m.sol], m.role);
				skipped++;
				continue;
			}
			if (add_member(c, &m) == -1)
				goto out;
		}
		if (c->nm == 0 && skipped > 0)
			cb->nc--;	/* nothing left to combine: noted */
		else if (c->nm == 0 && !bad) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ROLE_UNKNOWN, NULL,
			    NULL, 0, 0, "--combine \"%s\" names no role",
			    specs[k]);
			bad = 1;
		}
	}
	if (nspecs == 0) {
		struct ra_combo	*c = &cb->c[cb->nc++];

		c->all = 1;
		for (s = 0; s < nsol; s++)
			for (i = 0; i < sol[s]->nrole; i++) {
				m.sol = s;
				m.role = &sol[s]->role[i];
				if (ra_role_not_exported(m.role)) {
					left_out(ctx, sol[s], m.role);
					continue;
				}
				if (add_member(c, &m) == -1)
					goto out;
			}
	}
	if (bad) {
		rc = RA_EINVAL;
		goto out;
	}
	/* Requirements in the report's order: tab, then name. */
	if (cb->req.n &&
	    (ord = calloc(cb->req.n, sizeof(*ord))) == NULL)
		goto out;
	for (k = 0; k < cb->req.n; k++) {
		struct ra_pinfo	 pi;

		ra_pinfo(ctx, sol, nsol, cb->req.req[k].priv, &pi);
		ord[k].i = k;
		ord[k].tab = pi.tab;
		ord[k].name = ctx->cat.v[cb->req.req[k].priv].name;
	}
	if (cb->req.n > 1)
		qsort(ord, cb->req.n, sizeof(*ord), order_cmp);
	for (k = 0; k < cb->nc; k++) {
		if (evaluate(cb, &cb->c[k], ord) == -1)
			goto out;
		if (cb->c[k].nmiss)
			cb->nfail++;
		else
			cb->npass++;
	}
	rc = RA_OK;
out:
	free(ord);
	ra_buf_free(&name);
	if (rc != RA_OK) {
		ra_combined_free(cb);
		return rc;
	}
	*out = cb;
	return RA_OK;
}

RA_EXPORT void
ra_combined_free(struct ra_combined *cb)
{
	size_t	 k, i;

	if (cb == NULL)
		return;
	for (k = 0; k < cb->nc; k++) {
		struct ra_combo	*c = &cb->c[k];

		for (i = 0; i < c->nr; i++)
			free(c->r[i].g);
		free(c->r);
		free(c->m);
	}
	free(cb->c);
	free(cb->req.req);	/* entity strings belong to the profiles */
	free(cb);
}

RA_EXPORT size_t
ra_combined_fail_count(const struct ra_combined *cb)
{
	return cb->nfail;
}
