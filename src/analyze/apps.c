/*
 * apps.c - which roles open which model-driven app and what they cannot
 * read in it (ra_apps()), and who can read secured columns
 * (ra_columns()).  Both read the model only: the apps, column security
 * profiles and secured columns parse/build.c's section reader stored.
 *
 * A table of an app is judged by its Read privilege, named as the
 * editor's grid names it: prvRead and the base its privileges carry
 * (the knowledge base's, else the solution's own table's, else, for a
 * publisher-prefixed schema name, the name itself, which is what a
 * custom table's privileges carry).  A table none of these covers has
 * no known Read privilege and is not judged.  Its display name and tab
 * are ra_pinfo()'s, as in every other report.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

static const char *const amstatus_names[] = {
	[RA_AM_PASS] = "pass",
	[RA_AM_FAIL] = "fail",
	[RA_AM_NOT_EXPORTED] = "not-exported",
	[RA_AM_UNKNOWN] = "unknown-role",
};

const char *
ra_amstatus_name(enum ra_amstatus s)
{
	return (unsigned)s <= RA_AM_UNKNOWN ? amstatus_names[s] : "";
}

int
ra_atable_init(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, size_t own, const char *name, struct ra_atable *t)
{
	const struct ra_table		*st = NULL;
	const struct ra_kb_table	*kt;
	const char			*base = name;
	struct ra_buf			 b = { 0 };
	size_t				 i;

	memset(t, 0, sizeof(*t));
	t->name = name;
	if (own < nsol)
		st = ra_solution_table_named(sol[own], name);
	for (i = 0; st == NULL && i < nsol; i++)
		st = ra_solution_table_named(sol[i], name);
	/*
	 * The knowledge base first: a table whose base other tables share
	 * (task and Activity) is indexed by its own name in the solution.
	 */
	if ((kt = ra_kb_table(ra_kb(), name, strlen(name))) != NULL &&
	    *kt->base)
		base = kt->base;
	else if (st != NULL && st->base != NULL)
		base = st->base;
	else if (!ra_name_prefixed(name)) {
		/* No fact names its privileges: not judged. */
		t->priv = RA_NOPRIV;
		t->pi.tab = RA_TAB_MISSING;
		t->pi.entity = "";
		t->pi.tab_by = RA_PROV_UNPLACED;
		return 0;
	}
	ra_buf_adds(&b, "prvRead");
	ra_buf_adds(&b, base);
	if (b.oom) {
		ra_buf_free(&b);
		return -1;
	}
	t->read = b.s;
	t->priv = ra_catalog_find(&ctx->cat, t->read, b.len);
	if (t->priv != RA_NOPRIV)
		ra_pinfo(ctx, sol, nsol, t->priv, &t->pi);
	else {
		ra_classify(&ctx->cat, t->read, &t->def);
		t->def.name = t->read;
		ra_pinfo_def(ctx, sol, nsol, &t->def, &t->pi);
	}
	return 0;
}

void
ra_atable_free(struct ra_atable *t)
{
	free(t->read);
	memset(t, 0, sizeof(*t));
}

/* A role of the inputs by id, for the role maps. */
struct rkey {
	const char		*id;
	size_t			 sol;
	const struct ra_role	*role;
	size_t			 res;		/* its result in the check */
	int			 mapped;
};

static int
rkey_cmp(const void *a, const void *b)
{
	const struct rkey	*x = a, *y = b;
	int			 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->sol < y->sol ? -1 : x->sol > y->sol;
}

/*
 * The role whose id is ID, of input OWN when it carries one, else of the
 * first input that does; NULL when none.
 */
static struct rkey *
rkey_find(struct rkey *k, size_t n, const char *id, size_t own)
{
	size_t		 lo = 0, hi = n, mid;
	struct rkey	*first = NULL;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(k[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(k[lo].id, id) == 0; lo++) {
		if (first == NULL)
			first = &k[lo];
		if (k[lo].sol == own)
			return &k[lo];
	}
	return first;
}

RA_EXPORT void
ra_apps_free(struct ra_apps *ap)
{
	size_t	 i, k;

	if (ap == NULL)
		return;
	for (i = 0; i < ap->na; i++) {
		for (k = 0; k < ap->a[i].nt; k++)
			ra_atable_free(&ap->a[i].t[k]);
		free(ap->a[i].t);
		free(ap->a[i].m);
	}
	free(ap->a);
	free(ap->orphan);
	ra_report_free(ap->rep);
	free(ap);
}

/* Judge mapped role M of app A (its tables made). 0, or -1 (memory). */
static int
judge(struct ra_apps *ap, struct ra_aapp *a, struct ra_amap *m,
    const struct rkey *k)
{
	const struct ra_result	*res;
	enum ra_level		 held;
	size_t			 i;

	if (k == NULL) {
		m->status = RA_AM_UNKNOWN;
		return 0;
	}
	m->sol = k->sol;
	m->role = k->role;
	res = m->res = &ap->rep->res[k->res];
	if (res->not_exported) {
		m->status = RA_AM_NOT_EXPORTED;
		return 0;
	}
	m->status = res->nmiss > 0 ? RA_AM_FAIL : RA_AM_PASS;
	if (m->status == RA_AM_FAIL) {
		ap->count[RA_SEV_APP_OPEN]++;
		ap->ncannot++;
	}
	/* Counted, not listed: the renderers ask ra_apps_unread(). */
	for (i = 0; i < a->nt; i++)
		if (ra_apps_unread(ap, a, m, i, &held)) {
			m->nun++;
			ap->count[RA_SEV_APP_READ]++;
			ap->nunread++;
		}
	return 0;
}

int
ra_apps_unread(const struct ra_apps *ap, const struct ra_aapp *a,
    const struct ra_amap *m, size_t t, enum ra_level *held)
{
	const struct ra_atable	*tb = &a->t[t];

	*held = RA_LEVEL_NONE;
	if ((m->status != RA_AM_PASS && m->status != RA_AM_FAIL) ||
	    tb->read == NULL)
		return 0;
	if (tb->priv != RA_NOPRIV)
		*held = ra_bitmap_get(&m->role->bits, tb->priv);
	return *held < ap->need;
}

int
ra_apps_unread_next(const struct ra_apps *ap, const struct ra_aapp *a,
    const struct ra_amap *m, struct ra_unread *it,
    const struct ra_atable **tb, enum ra_level *held)
{
	if (it->n >= m->nun)
		return 0;
	for (; it->t < a->nt; it->t++)
		if (ra_apps_unread(ap, a, m, it->t, held)) {
			*tb = &a->t[it->t++];
			it->n++;
			return 1;
		}
	return 0;
}

RA_EXPORT enum ra_err
ra_apps(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_profile *prof,
    const struct ra_check_opts *opts, struct ra_apps **out)
{
	struct ra_apps		*ap;
	struct rkey		*key = NULL, *k;
	struct ra_aapp		*a;
	size_t			 s, i, j, n = 0, nk = 0;
	enum ra_err		 e;

	if (ctx->focused || prof == NULL)
		return RA_EINVAL;
	if ((ap = calloc(1, sizeof(*ap))) == NULL)
		return RA_ENOMEM;
	ap->ctx = ctx;
	ap->sol = sol;
	ap->nsol = nsol;
	ap->prof = prof;
	ap->need = opts != NULL && opts->min_level != RA_LEVEL_NONE ?
	    opts->min_level : RA_LEVEL_BASIC;
	/* Every role against the minimum, once: the profile's own depths. */
	if ((e = ra_check_every_role(ctx, sol, nsol, &prof, 1, NULL,
	    &ap->rep)) != RA_OK) {
		ra_apps_free(ap);
		return e;
	}
	for (s = 0; s < nsol; s++)
		n += sol[s]->napp;
	if ((n > 0 && (ap->a = calloc(n, sizeof(*ap->a))) == NULL) ||
	    (ap->rep->nres > 0 && ((key = calloc(ap->rep->nres,
	    sizeof(*key))) == NULL || (ap->orphan = calloc(ap->rep->nres,
	    sizeof(*ap->orphan))) == NULL)))
		goto oom;
	for (i = 0; i < ap->rep->nres; i++) {
		key[nk].id = ap->rep->res[i].role->id;
		key[nk].sol = ap->rep->res[i].sol;
		key[nk].role = ap->rep->res[i].role;
		key[nk++].res = i;
	}
	if (nk > 1)
		qsort(key, nk, sizeof(*key), rkey_cmp);
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->napp; i++) {
			const struct ra_app	*app = &sol[s]->app[i];

			a = &ap->a[ap->na++];
			a->sol = s;
			a->app = app;
			if ((app->ntable > 0 && (a->t = calloc(app->ntable,
			    sizeof(*a->t))) == NULL) || (app->nrole > 0 &&
			    (a->m = calloc(app->nrole, sizeof(*a->m))) == NULL))
				goto oom;
			for (j = 0; j < app->ntable; j++, a->nt++)
				if (ra_atable_init(ctx, sol, nsol, s,
				    app->table[j], &a->t[j]) == -1)
					goto oom;
			if (app->nrole == 0)
				ap->unmapped_apps++;
			for (j = 0; j < app->nrole; j++, a->nm++) {
				a->m[j].id = app->role[j];
				k = rkey_find(key, nk, app->role[j], s);
				if (k != NULL)
					k->mapped = 1;
				if (judge(ap, a, &a->m[j], k) == -1)
					goto oom;
			}
		}
	/* Roles no app maps, in input and role order (the check's). */
	for (i = 0; i < ap->rep->nres; i++) {
		const struct ra_result	*r = &ap->rep->res[i];

		k = r->role->id[0] != '\0' ? rkey_find(key, nk, r->role->id,
		    r->sol) : NULL;
		if (k != NULL && k->mapped)
			continue;
		ap->orphan[ap->norphan].sol = r->sol;
		ap->orphan[ap->norphan++].role = r->role;
	}
	free(key);
	*out = ap;
	return RA_OK;
oom:
	free(key);
	ra_apps_free(ap);
	return RA_ENOMEM;
}

RA_EXPORT size_t
ra_apps_finding_count(const struct ra_apps *ap, enum ra_severity min)
{
	return ra_sev_at_least(ap->count, min);
}

/* ---- columns ---------------------------------------------------------- */

/* A column while they are gathered: input, table, column, where from. */
struct ckey {
	size_t			 sol;
	const char		*entity, *attribute;
	const struct ra_fsp	*fsp;	/* NULL: a table's secured column */
	const struct ra_fperm	*perm;
};

/* A and B with ASCII case ignored, and nothing else: one column. */
static int
casecmp(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;

	for (; *p && ra_lower(*p) == ra_lower(*q); p++, q++)
		continue;
	return (int)ra_lower(*p) - (int)ra_lower(*q);
}

static int
ckey_cmp(const void *a, const void *b)
{
	const struct ckey	*x = a, *y = b;
	int			 c;

	if (x->sol != y->sol)
		return x->sol < y->sol ? -1 : 1;
	if ((c = casecmp(x->entity, y->entity)) != 0)
		return c;
	if ((c = casecmp(x->attribute, y->attribute)) != 0)
		return c;
	/* The table's own mark first, then the profiles by name. */
	if ((x->fsp == NULL) != (y->fsp == NULL))
		return x->fsp == NULL ? -1 : 1;
	if (x->fsp == NULL)
		return 0;
	return ra_namecmp(x->fsp->name, y->fsp->name);
}

RA_EXPORT void
ra_columns_free(struct ra_columns *cs)
{
	size_t	 i;

	if (cs == NULL)
		return;
	for (i = 0; i < cs->nc; i++) {
		ra_atable_free(&cs->c[i].t);
		free(cs->c[i].g);
	}
	free(cs->c);
	free(cs->nr);
	free(cs);
}

RA_EXPORT enum ra_err
ra_columns(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, struct ra_columns **out)
{
	struct ra_columns	*cs;
	struct ckey		*key = NULL;
	struct ra_ccol		*c;
	size_t			 s, i, j, n = 0, nk = 0, nnr = 0, end;

	if ((cs = calloc(1, sizeof(*cs))) == NULL)
		return RA_ENOMEM;
	cs->ctx = ctx;
	cs->sol = sol;
	cs->nsol = nsol;
	for (s = 0; s < nsol; s++) {
		for (i = 0; i < sol[s]->ntable; i++)
			n += sol[s]->table[i].nsecured;
		for (i = 0; i < sol[s]->nfsp; i++)
			n += sol[s]->fsp[i].nperm;
		cs->nprofiles += sol[s]->nfsp;
	}
	if (n > 0 && ((key = calloc(n, sizeof(*key))) == NULL ||
	    (cs->c = calloc(n, sizeof(*cs->c))) == NULL ||
	    (cs->nr = calloc(n, sizeof(*cs->nr))) == NULL))
		goto oom;
	for (s = 0; s < nsol; s++) {
		for (i = 0; i < sol[s]->ntable; i++)
			for (j = 0; j < sol[s]->table[i].nsecured; j++) {
				key[nk].sol = s;
				key[nk].entity = sol[s]->table[i].name;
				key[nk++].attribute =
				    sol[s]->table[i].secured[j];
			}
		for (i = 0; i < sol[s]->nfsp; i++)
			for (j = 0; j < sol[s]->fsp[i].nperm; j++) {
				const struct ra_fperm	*p =
				    &sol[s]->fsp[i].perm[j];

				key[nk].sol = s;
				key[nk].entity = p->entity;
				key[nk].attribute = p->attribute;
				key[nk].fsp = &sol[s]->fsp[i];
				key[nk++].perm = p;
				if ((p->can[RA_FR_UPDATE] == 1 ||
				    p->can[RA_FR_CREATE] == 1) &&
				    p->can[RA_FR_READ] != 1) {
					cs->nr[nnr].sol = s;
					cs->nr[nnr].fsp = &sol[s]->fsp[i];
					cs->nr[nnr++].perm = p;
				}
			}
	}
	cs->nnr = nnr;
	cs->count[RA_SEV_COL_NOREAD] += nnr;
	if (nk > 1)
		qsort(key, nk, sizeof(*key), ckey_cmp);
	for (i = 0; i < nk; i = end) {
		for (end = i + 1; end < nk && key[end].sol == key[i].sol &&
		    casecmp(key[end].entity, key[i].entity) == 0 &&
		    casecmp(key[end].attribute, key[i].attribute) == 0;
		    end++)
			continue;
		c = &cs->c[cs->nc++];
		c->sol = key[i].sol;
		c->entity = key[i].entity;
		c->attribute = key[i].attribute;
		if (ra_atable_init(ctx, sol, nsol, c->sol, c->entity,
		    &c->t) == -1 ||
		    (c->g = calloc(end - i, sizeof(*c->g))) == NULL)
			goto oom;
		/* Marked secured by its table, or by the solution's table. */
		c->secured = key[i].fsp == NULL ||
		    ra_table_secured(ra_solution_table_named(sol[c->sol],
		    c->entity), c->attribute);
		for (j = i; j < end; j++) {
			if (key[j].fsp == NULL)
				continue;
			/* A profile with two rows for it: the first counts. */
			if (c->ng > 0 && c->g[c->ng - 1].fsp == key[j].fsp)
				continue;
			c->g[c->ng].fsp = key[j].fsp;
			c->g[c->ng++].perm = key[j].perm;
			if (key[j].perm->can[RA_FR_READ] == 1)
				c->nread++;
		}
		if (c->secured && c->nread == 0) {
			cs->count[RA_SEV_COL_UNREADABLE]++;
			cs->nunreadable++;
		}
	}
	free(key);
	*out = cs;
	return RA_OK;
oom:
	free(key);
	ra_columns_free(cs);
	return RA_ENOMEM;
}

RA_EXPORT size_t
ra_columns_finding_count(const struct ra_columns *cs, enum ra_severity min)
{
	return ra_sev_at_least(cs->count, min);
}
