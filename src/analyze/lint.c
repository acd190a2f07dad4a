/*
 * lint.c - how roles are built: depths a privilege cannot take, Assign
 * or Share on a table that has neither, Append without Append To (and the
 * reverse), and team roles that grant User depth while members inherit
 * only team privileges.
 *
 * A finding needs a fact: what ra_pinfo() knows of a privilege (depths
 * stated by a source, derived from its table's ownership, in the
 * knowledge base or in the solution's own metadata, the privacy rule),
 * a depth a real export holds never being one it cannot take; the
 * role's isinherited attribute; the team roles --team-role names (the
 * export does not say which roles teams hold).  Depths no fact covers
 * are a note only when asked (unknown_depths).  The man page (LINT)
 * says what the checks do not know.  A role whose privileges are not in
 * the export is skipped.  Findings are kept per role in role order;
 * within a role, privilege findings come in tab order, then by name,
 * then the role's own findings by code.
 */
#include <stdlib.h>

#include <string.h>

#include "analyze/analyze.h"

/*
 * Add a finding; its message is MSG's text, taken over (MSG is left
 * empty), or NULL for one ra_finding_message() makes.  0 or -1 (memory).
 */
static int
add(struct ra_lint *ln, int code, enum ra_severity sev, size_t sol,
    const struct ra_role *role, size_t priv, enum ra_level level,
    struct ra_buf *msg)
{
	struct ra_finding	*f;

	if ((msg != NULL && msg->oom) || ra_grow(&ln->f, &ln->cap, ln->n + 1,
	    sizeof(*ln->f)) == -1)
		return -1;
	f = &ln->f[ln->n++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = sev;
	f->sol = sol;
	f->role = role;
	f->priv = priv;
	f->level = level;
	if (msg != NULL) {
		f->message = msg->s ? msg->s : ra_strdup("");
		memset(msg, 0, sizeof(*msg));
		if (f->message == NULL) {
			ln->n--;
			return -1;
		}
	}
	ln->count[sev]++;
	return 0;
}

/* A privilege a role holds, with what orders it in reports. */
struct held {
	const char	*name;
	size_t		 priv;
	enum ra_tab	 tab;
};

static int
held_cmp(const void *a, const void *b)
{
	const struct held	*x = a, *y = b;

	return ra_priv_order_cmp(x->tab, x->name, y->tab, y->name);
}

/*
 * Some of a role's privileges: how many, and the first three in report
 * order, which is all a message names.  Kept as the role's privileges
 * go by in any order, so a role of a million privileges needs no list.
 */
struct some {
	size_t		 n;
	struct held	 first[3];
};

static void
some_add(struct some *s, const struct held *h)
{
	size_t	 k = s->n < 3 ? s->n : 3;

	s->n++;
	if (k == 3 && held_cmp(h, &s->first[2]) >= 0)
		return;
	if (k == 3)
		k = 2;
	for (; k > 0 && held_cmp(h, &s->first[k - 1]) < 0; k--)
		s->first[k] = s->first[k - 1];
	s->first[k] = *h;
}

/* The names of S, "and K more" past three. */
static void
some_names(struct ra_buf *b, const struct some *s)
{
	size_t	 i;

	for (i = 0; i < s->n && i < 3; i++) {
		ra_buf_adds(b, i ? ", " : "");
		ra_buf_adds(b, s->first[i].name);
	}
	if (s->n > 3)
		ra_buf_printf(b, " and %zu more", s->n - 3);
}

/* Where a fact came from: its source ids, named for the solution's. */
static void
fact_source(struct ra_buf *b, enum ra_prov by, const char *ids)
{
	if (by == RA_PROV_SOLUTION)
		ra_buf_adds(b, "the solution's own metadata, ");
	ra_buf_adds(b, ids);
}

/*
 * RA410/RA411: role R holds HAS on the tables of S but LACKS on none.
 * 0 or -1 (memory).
 */
static int
append_alone(struct ra_lint *ln, int code, size_t sol,
    const struct ra_role *r, const char *has, const char *lacks,
    const struct some *s, struct ra_buf *msg)
{
	ra_buf_printf(msg, "%s on %zu table%s (", has, s->n,
	    s->n == 1 ? "" : "s");
	some_names(msg, s);
	ra_buf_printf(msg, ") but %s on none: a record can be attached to "
	    "another only with Append on it and Append To on the other, so "
	    "this role alone attaches nothing, unless another role of the "
	    "same user grants %s", lacks, lacks);
	return add(ln, code, RA_SEV_WARNING, sol, r, RA_NOPRIV, RA_LEVEL_NONE,
	    msg);
}

/*
 * Whether privilege PI held at L is a finding: RA403 (Assign or Share on
 * an organization-owned table), RA401 (a depth a fact says it cannot
 * take) or, with UNKNOWN, RA402 (a miscellaneous one short of
 * Organization that no fact covers); 0 when it is none.  A depth a real
 * export holds is accepted.
 */
static int
depth_code(const struct ra_pinfo *pi, enum ra_level l, int unknown)
{
	if (pi->observed & RA_DEPTH(l))
		return 0;
	if (!ra_pinfo_access_ok(pi))
		return RA_C_LINT_ACCESS;
	if (pi->depths != 0 && !(pi->depths & RA_DEPTH(l)))
		return RA_C_LINT_DEPTH;
	if (unknown && pi->depths == 0 &&
	    pi->section != RA_SECTION_ENTITIES && l != RA_LEVEL_GLOBAL)
		return RA_C_LINT_MISC_DEPTH;
	return 0;
}

/* The message of a depth finding of CODE: privilege PI held at L. */
static void
depth_message(struct ra_buf *b, int code, const struct ra_pinfo *pi,
    enum ra_level l)
{
	if (code == RA_C_LINT_ACCESS) {
		ra_buf_printf(b, "%s is held, but its table is "
		    "organization-owned (", pi->name);
		fact_source(b, pi->owner_by, pi->owner_ids);
		ra_buf_adds(b, "), and an organization-owned table has no "
		    "Assign or Share privilege (rule:ms-tableref-own+"
		    "ms-learn-secroles)");
		return;
	}
	if (code == RA_C_LINT_DEPTH) {
		ra_buf_printf(b, "%s is held at %s; it takes only ", pi->name,
		    ra_level_both(l));
		ra_depths_format(pi->depths, b);
		ra_buf_adds(b, " (");
		if (pi->section == RA_SECTION_PRIVACY &&
		    pi->depths_by == RA_PROV_RULE)
			ra_buf_adds(b, "privacy-related privileges take only "
			    "Organization: ");
		else if (pi->access != RA_ACCESS_NONE &&
		    pi->depths == RA_DEPTH(RA_LEVEL_GLOBAL) &&
		    pi->owner == RA_OWNER_ORG)
			ra_buf_adds(b, "an organization-owned table: ");
		fact_source(b, pi->depths_by, pi->depth_ids);
		ra_buf_adds(b, ")");
		return;
	}
	ra_buf_printf(b, "%s is held at %s; most miscellaneous privileges "
	    "take only Organization (Global), and no fact says which depths "
	    "this one takes", pi->name, ra_level_both(l));
}

const char *
ra_finding_message(const struct ra_lint *ln, const struct ra_finding *f,
    struct ra_buf *b)
{
	struct ra_pinfo	 pi;

	if (f->message != NULL)
		return f->message;
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
	if (f->priv < ln->ctx->cat.n && f->sol < ln->nsol) {
		ra_pinfo(ln->ctx, &ln->sol[f->sol], 1, f->priv, &pi);
		depth_message(b, f->code, &pi, f->level);
	}
	return b->oom || b->s == NULL ? "" : b->s;
}

/* Add the finding depth_code() found for privilege PI (P) of R at L. */
static int
depth_finding(struct ra_lint *ln, size_t sol, const struct ra_role *r,
    size_t p, const struct ra_pinfo *pi, enum ra_level l, int unknown)
{
	int	 code = depth_code(pi, l, unknown);

	return add(ln, code, code == RA_C_LINT_MISC_DEPTH ? RA_SEV_NOTE :
	    RA_SEV_WARNING, sol, r, p, l, NULL);
}

/*
 * Lint role R of solution SOL into LN; 0 or -1 (memory).  One pass over
 * the role's privileges in catalog order counts what the role-wide
 * checks need and collects the privileges with a depth finding, which
 * alone are then sorted into report order: memory follows the findings,
 * not the role.
 */
static int
lint_role(struct ra_lint *ln, size_t sol, const struct ra_role *r,
    int team, int unknown)
{
	const struct ra_catalog	*cat = &ln->ctx->cat;
	const struct ra_solution *const *own = &ln->sol[sol];
	struct ra_bitmap_iter	 it;
	struct ra_pinfo		 pi;
	struct held		*found = NULL, h;
	struct some		 app, appto, basic;
	struct ra_buf		 msg = { 0 };
	size_t			 nfound = 0, capfound = 0, ntable = 0, i, k;
	enum ra_level		 l;
	int			 rc = -1;

	memset(&app, 0, sizeof(app));
	memset(&appto, 0, sizeof(appto));
	memset(&basic, 0, sizeof(basic));
	ra_bitmap_iter_init(&it, &r->bits);
	while (ra_bitmap_iter_next(&it, &i, &l)) {
		ra_pinfo(ln->ctx, own, 1, i, &pi);
		h.priv = i;
		h.tab = pi.tab;
		h.name = cat->v[i].name;
		if (pi.access == RA_ACCESS_APPEND)
			some_add(&app, &h);
		else if (pi.access == RA_ACCESS_APPENDTO)
			some_add(&appto, &h);
		if (pi.access != RA_ACCESS_NONE) {
			ntable++;
			if (l == RA_LEVEL_BASIC)
				some_add(&basic, &h);
		}
		if (depth_code(&pi, l, unknown) != 0) {
			if (ra_grow(&found, &capfound, nfound + 1,
			    sizeof(*found)) == -1)
				goto out;
			found[nfound++] = h;
		}
	}
	if (nfound > 1)
		qsort(found, nfound, sizeof(*found), held_cmp);
	for (k = 0; k < nfound; k++) {
		l = ra_bitmap_get(&r->bits, found[k].priv);
		ra_pinfo(ln->ctx, own, 1, found[k].priv, &pi);
		if (depth_finding(ln, sol, r, found[k].priv, &pi, l,
		    unknown) == -1)
			goto out;
	}

	if (app.n && !appto.n && append_alone(ln, RA_C_LINT_APPEND, sol, r,
	    "Append", "Append To", &app, &msg) == -1)
		goto out;
	if (appto.n && !app.n && append_alone(ln, RA_C_LINT_APPENDTO, sol, r,
	    "Append To", "Append", &appto, &msg) == -1)
		goto out;
	if (team && r->inherit != RA_INHERIT_DIRECT && basic.n > 0) {
		ra_buf_printf(&msg, "a role for teams (named with "
		    "--team-role) grants %zu of its %zu table privileges at "
		    "User (Basic) depth (", basic.n, ntable);
		some_names(&msg, &basic);
		ra_buf_printf(&msg, "), and %s: through the team, User depth "
		    "reaches only records the team owns, not the members' "
		    "own; raise those privileges to Business Unit, or set "
		    "Member's privilege inheritance to \"Direct User (Basic) "
		    "access level and Team privileges\"",
		    r->inherit == RA_INHERIT_TEAM ? "its members inherit "
		    "team privileges only (isinherited=\"0\")" : "the export "
		    "does not say how members inherit it (no isinherited "
		    "attribute: team privileges only)");
		if (add(ln, RA_C_LINT_TEAM, RA_SEV_WARNING, sol, r,
		    RA_NOPRIV, RA_LEVEL_BASIC, &msg) == -1)
			goto out;
	}
	rc = 0;
out:
	ra_buf_free(&msg);
	free(found);
	return rc;
}

RA_EXPORT enum ra_err
ra_lint(struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_lint_opts *opts, struct ra_lint **out)
{
	struct ra_lint	*ln;
	size_t		 s, i, k, n;
	char		*used = NULL;
	int		 team, bad = 0;

	if (ctx->focused)
		return RA_EINVAL;
	if ((ln = calloc(1, sizeof(*ln))) == NULL)
		return RA_ENOMEM;
	ln->ctx = ctx;
	ln->sol = sol;
	ln->nsol = nsol;
	if (opts && opts->nteam_roles &&
	    (used = calloc(opts->nteam_roles, 1)) == NULL)
		goto nomem;
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++) {
			const struct ra_role	*r = &sol[s]->role[i];

			team = 0;
			for (k = 0; opts && k < opts->nteam_roles; k++) {
				n = strlen(opts->team_roles[k]);
				if (ra_role_matches(r, opts->team_roles[k], n)) {
					team = 1;
					used[k] = 1;
				}
			}
			ln->nrole++;
			/* Nothing to lint: its privileges are not here. */
			if (ra_role_not_exported(r))
				continue;
			if (lint_role(ln, s, r, team, opts != NULL &&
			    opts->unknown_depths) == -1)
				goto nomem;
		}
	for (k = 0; opts && k < opts->nteam_roles; k++)
		if (!used[k]) {
			ra_role_unknown(ctx, "--team-role",
			    opts->team_roles[k], sol, nsol);
			bad = 1;
		}
	free(used);
	if (bad) {
		ra_lint_free(ln);
		return RA_EINVAL;
	}
	*out = ln;
	return RA_OK;
nomem:
	free(used);
	ra_lint_free(ln);
	return RA_ENOMEM;
}

/* Where role R (of input SOL) comes among all the inputs' roles. */
static int
role_cmp(const struct ra_lint *ln, size_t sol, const struct ra_role *r,
    const struct ra_finding *f)
{
	if (f->sol != sol)
		return sol < f->sol ? -1 : 1;
	if (f->role != r)
		return r - ln->sol[sol]->role < f->role - ln->sol[sol]->role ?
		    -1 : 1;
	return 0;
}

/*
 * Findings are kept in role order, the inputs' one after another: find
 * R's by bisection, not by a walk that would make a report of many roles
 * and many findings quadratic.
 */
void
ra_lint_role_findings(const struct ra_lint *ln, const struct ra_role *r,
    size_t *first, size_t *end)
{
	size_t	 sol, lo, hi, mid;

	for (sol = 0; sol < ln->nsol; sol++)
		if (r >= ln->sol[sol]->role &&
		    r < ln->sol[sol]->role + ln->sol[sol]->nrole)
			break;
	*first = *end = ln->n;
	if (sol == ln->nsol)
		return;
	for (lo = 0, hi = ln->n; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if (role_cmp(ln, sol, r, &ln->f[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (hi = ln->n; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if (role_cmp(ln, sol, r, &ln->f[mid]) >= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*end = lo;
}

RA_EXPORT void
ra_lint_free(struct ra_lint *ln)
{
	size_t	 i;

	if (ln == NULL)
		return;
	for (i = 0; i < ln->n; i++)
		free(ln->f[i].message);
	free(ln->f);
	free(ln);
}

RA_EXPORT size_t
ra_lint_count(const struct ra_lint *ln, enum ra_severity min)
{
	return ra_sev_at_least(ln->count, min);
}

RA_EXPORT void
ra_lint_record(struct ra_ctx *ctx, const struct ra_lint *ln)
{
	struct ra_buf	 file = { 0 }, msg = { 0 };
	const char	*member, *m;
	size_t		 i;

	for (i = 0; i < ln->n; i++) {
		const struct ra_finding	*f = &ln->f[i];

		file.len = 0;
		ra_role_diag_location(ln->sol[f->sol], f->role, &file,
		    &member);
		m = ra_finding_message(ln, f, &msg);
		if (file.oom || msg.oom)
			break;
		ra_diag_add(ctx, f->severity, f->code, file.s, member,
		    f->role->line, 0, "role \"%s\": %s", f->role->name, m);
	}
	ra_buf_free(&file);
	ra_buf_free(&msg);
}
