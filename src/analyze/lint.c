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

static int
add(struct ra_lint *ln, int code, enum ra_severity sev, size_t sol,
    const struct ra_role *role, size_t priv, enum ra_level level,
    struct ra_buf *msg)
{
	struct ra_finding	*f;

	if (msg->oom || ra_grow(&ln->f, &ln->cap, ln->n + 1,
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
	f->message = msg->s ? msg->s : ra_strdup("");
	memset(msg, 0, sizeof(*msg));
	if (f->message == NULL) {
		ln->n--;
		return -1;
	}
	ln->count[sev]++;
	return 0;
}

struct held {
	size_t		 priv;
	enum ra_tab	 tab;
	const char	*name;
};

static int
held_cmp(const void *a, const void *b)
{
	const struct held	*x = a, *y = b;

	return ra_priv_order_cmp(x->tab, x->name, y->tab, y->name);
}

/* Up to three names of V (N of them), then "and K more". */
static void
some_names(struct ra_buf *b, const struct ra_catalog *cat,
    const size_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n && i < 3; i++) {
		ra_buf_adds(b, i ? ", " : "");
		ra_buf_adds(b, cat->v[v[i]].name);
	}
	if (n > 3)
		ra_buf_printf(b, " and %zu more", n - 3);
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
 * RA401, RA402 or RA403 for privilege PI held at L by role R; 0 or -1
 * (memory).
 */
static int
depth_findings(struct ra_lint *ln, size_t sol, const struct ra_role *r,
    size_t priv, const struct ra_pinfo *pi, enum ra_level l, int unknown,
    struct ra_buf *msg)
{
	if (pi->observed & RA_DEPTH(l))
		return 0;	/* a real export holds it so: accepted */
	if (!ra_pinfo_access_ok(pi)) {
		ra_buf_printf(msg, "%s is held, but its table is "
		    "organization-owned (", pi->name);
		fact_source(msg, pi->owner_by, pi->owner_ids);
		ra_buf_adds(msg, "), and an organization-owned table has no "
		    "Assign or Share privilege (rule:ms-tableref-own+"
		    "ms-learn-secroles)");
		return add(ln, RA_C_LINT_ACCESS, RA_SEV_WARNING, sol, r, priv,
		    l, msg);
	}
	if (pi->depths != 0 && !(pi->depths & RA_DEPTH(l))) {
		ra_buf_printf(msg, "%s is held at %s; it takes only ",
		    pi->name, ra_level_both(l));
		ra_depths_format(pi->depths, msg);
		ra_buf_adds(msg, " (");
		if (pi->section == RA_SECTION_PRIVACY &&
		    pi->depths_by == RA_PROV_RULE)
			ra_buf_adds(msg, "privacy-related privileges take only "
			    "Organization: ");
		else if (pi->access != RA_ACCESS_NONE &&
		    pi->depths == RA_DEPTH(RA_LEVEL_GLOBAL) &&
		    pi->owner == RA_OWNER_ORG)
			ra_buf_adds(msg, "an organization-owned table: ");
		fact_source(msg, pi->depths_by, pi->depth_ids);
		ra_buf_adds(msg, ")");
		return add(ln, RA_C_LINT_DEPTH, RA_SEV_WARNING, sol, r, priv,
		    l, msg);
	}
	if (unknown && pi->depths == 0 &&
	    pi->section != RA_SECTION_ENTITIES && l != RA_LEVEL_GLOBAL) {
		ra_buf_printf(msg, "%s is held at %s; most miscellaneous "
		    "privileges take only Organization (Global), and no fact "
		    "says which depths this one takes", pi->name,
		    ra_level_both(l));
		return add(ln, RA_C_LINT_MISC_DEPTH, RA_SEV_NOTE, sol, r, priv,
		    l, msg);
	}
	return 0;
}

/*
 * RA410/RA411: role R holds HAS on the N tables of V but LACKS on none.
 * 0 or -1 (memory).
 */
static int
append_alone(struct ra_lint *ln, int code, size_t sol,
    const struct ra_role *r, const char *has, const char *lacks,
    const size_t *v, size_t n, struct ra_buf *msg)
{
	ra_buf_printf(msg, "%s on %zu table%s (", has, n, n == 1 ? "" : "s");
	some_names(msg, &ln->ctx->cat, v, n);
	ra_buf_printf(msg, ") but %s on none: a record can be attached to "
	    "another only with Append on it and Append To on the other, so "
	    "this role alone attaches nothing, unless another role of the "
	    "same user grants %s", lacks, lacks);
	return add(ln, code, RA_SEV_WARNING, sol, r, RA_NOPRIV, RA_LEVEL_NONE,
	    msg);
}

/* Lint role R of solution SOL into LN; 0 or -1 (memory). */
static int
lint_role(struct ra_lint *ln, size_t sol, const struct ra_role *r,
    int team, int unknown)
{
	const struct ra_catalog	*cat = &ln->ctx->cat;
	const struct ra_solution *const *own = &ln->sol[sol];
	struct ra_pinfo		 pi;
	struct held		*h = NULL;
	struct ra_buf		 msg = { 0 };
	size_t			*app = NULL, *appto = NULL, *basic = NULL;
	size_t			 nh = 0, napp = 0, nappto = 0, nbasic = 0;
	size_t			 ntable = 0, i, k;
	int			 rc = -1;

	nh = ra_bitmap_count(&r->bits);
	if (nh && ((h = calloc(nh, sizeof(*h))) == NULL ||
	    (app = calloc(nh, sizeof(*app))) == NULL ||
	    (appto = calloc(nh, sizeof(*appto))) == NULL ||
	    (basic = calloc(nh, sizeof(*basic))) == NULL))
		goto out;
	k = 0;
	for (i = ra_bitmap_next(&r->bits, 0); i != RA_NOPRIV;
	    i = ra_bitmap_next(&r->bits, i + 1)) {
		ra_pinfo(ln->ctx, own, 1, i, &pi);
		h[k].priv = i;
		h[k].tab = pi.tab;
		h[k].name = cat->v[i].name;
		k++;
	}
	if (nh > 1)
		qsort(h, nh, sizeof(*h), held_cmp);

	for (k = 0; k < nh; k++) {
		enum ra_level	 l = ra_bitmap_get(&r->bits, h[k].priv);

		ra_pinfo(ln->ctx, own, 1, h[k].priv, &pi);
		switch (pi.access) {
		case RA_ACCESS_APPEND:
			app[napp++] = h[k].priv;
			break;
		case RA_ACCESS_APPENDTO:
			appto[nappto++] = h[k].priv;
			break;
		default:
			break;
		}
		if (pi.access != RA_ACCESS_NONE) {
			ntable++;
			if (l == RA_LEVEL_BASIC)
				basic[nbasic++] = h[k].priv;
		}
		if (depth_findings(ln, sol, r, h[k].priv, &pi, l, unknown,
		    &msg) == -1)
			goto out;
	}

	if (napp && !nappto && append_alone(ln, RA_C_LINT_APPEND, sol, r,
	    "Append", "Append To", app, napp, &msg) == -1)
		goto out;
	if (nappto && !napp && append_alone(ln, RA_C_LINT_APPENDTO, sol, r,
	    "Append To", "Append", appto, nappto, &msg) == -1)
		goto out;
	if (team && r->inherit != RA_INHERIT_DIRECT && nbasic > 0) {
		ra_buf_printf(&msg, "a role for teams (named with "
		    "--team-role) grants %zu of its %zu table privileges at "
		    "User (Basic) depth (", nbasic, ntable);
		some_names(&msg, cat, basic, nbasic);
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
	free(h);
	free(app);
	free(appto);
	free(basic);
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

void
ra_lint_role_findings(const struct ra_lint *ln, const struct ra_role *r,
    size_t *first, size_t *end)
{
	size_t	 i;

	for (i = 0; i < ln->n && ln->f[i].role != r; i++)
		continue;
	*first = i;
	for (; i < ln->n && ln->f[i].role == r; i++)
		continue;
	*end = i;
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
	size_t	 n = 0;
	int	 s;

	for (s = (int)min; s <= RA_SEV_ERROR; s++)
		n += ln->count[s];
	return n;
}

RA_EXPORT void
ra_lint_record(struct ra_ctx *ctx, const struct ra_lint *ln)
{
	struct ra_buf	 file = { 0 };
	const char	*member;
	size_t		 i;

	for (i = 0; i < ln->n; i++) {
		const struct ra_finding	*f = &ln->f[i];

		file.len = 0;
		ra_role_diag_location(ln->sol[f->sol], f->role, &file,
		    &member);
		if (file.oom)
			break;
		ra_diag_add(ctx, f->severity, f->code, file.s, member,
		    f->role->line, 0, "role \"%s\": %s", f->role->name,
		    f->message);
	}
	ra_buf_free(&file);
}
