/*
 * lint.c - how roles are built: depths a privilege cannot take, Append
 * without Append To (and the reverse), and team roles that grant User
 * depth while members inherit only team privileges.
 *
 * What the checks know comes from the catalog's `depths` column
 * (schema/privileges.csv, derived from ../shared/reference: stated
 * allowed depths, privacy privileges Organization only) and from the
 * role's isinherited attribute; the man page (LINT) says what they do
 * not know.  Findings are kept per role in role order; within a role,
 * privilege findings come in tab order, then by name, then the role's
 * own findings by code.
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

/* A word of NAME (letters only around it) is "team", ignoring case. */
static int
names_team(const char *name)
{
	const char	*p;
	size_t		 i;

	for (p = name; *p; p++) {
		if (p > name && ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z'))
			continue;
		for (i = 0; i < 4 && p[i] && ra_lower((unsigned char)p[i]) ==
		    (unsigned char)"team"[i]; i++)
			continue;
		if (i == 4 && !(((p[4] | 0x20) >= 'a' && (p[4] | 0x20) <= 'z')))
			return 1;
	}
	return 0;
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
 * Whether privilege D held at L is a finding about its depth: RA401
 * (depths it cannot take) or RA402 (an unknown miscellaneous one short
 * of Organization); 0 when it is none.
 */
static int
depth_code(const struct ra_privdef *d, enum ra_level l)
{
	unsigned	 depths = ra_privdef_depths(d);

	if (depths != 0 && !(depths & RA_DEPTH(l)))
		return RA_C_LINT_DEPTH;
	if (depths == 0 && d->section == RA_SECTION_MISC &&
	    l != RA_LEVEL_GLOBAL)
		return RA_C_LINT_MISC_DEPTH;
	return 0;
}

/* The message of a depth finding of CODE: privilege D held at L. */
static void
depth_message(struct ra_buf *b, int code, const struct ra_privdef *d,
    enum ra_level l)
{
	unsigned	 depths = ra_privdef_depths(d);

	if (code == RA_C_LINT_DEPTH) {
		ra_buf_printf(b, "%s is held at %s; it takes only ", d->name,
		    ra_level_both(l));
		ra_depths_format(depths, b);
		if (d->section == RA_SECTION_PRIVACY)
			ra_buf_adds(b, " (privacy-related privileges take "
			    "only Organization)");
		else if (d->access != RA_ACCESS_NONE &&
		    depths == RA_DEPTH(RA_LEVEL_GLOBAL))
			ra_buf_adds(b, " (an organization-owned table)");
		return;
	}
	ra_buf_printf(b, "%s is held at %s; most miscellaneous privileges "
	    "take only Organization (Global), and roleaudit does not know "
	    "this one's depths", d->name, ra_level_both(l));
}

const char *
ra_finding_message(const struct ra_lint *ln, const struct ra_finding *f,
    struct ra_buf *b)
{
	if (f->message != NULL)
		return f->message;
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
	if (f->priv < ln->ctx->cat.n)
		depth_message(b, f->code, &ln->ctx->cat.v[f->priv], f->level);
	return b->oom || b->s == NULL ? "" : b->s;
}

/* Add the finding depth_code() found for privilege P of R at L. */
static int
depth_finding(struct ra_lint *ln, size_t sol, const struct ra_role *r,
    size_t p, enum ra_level l)
{
	int	 code = depth_code(&ln->ctx->cat.v[p], l);

	return add(ln, code, code == RA_C_LINT_DEPTH ? RA_SEV_WARNING :
	    RA_SEV_NOTE, sol, r, p, l, NULL);
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
    int team_by_option)
{
	const struct ra_catalog	*cat = &ln->ctx->cat;
	struct held		*found = NULL, h;
	struct ra_bitmap_iter	 it;
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
		const struct ra_privdef	*d = &cat->v[i];

		h.priv = i;
		h.tab = d->tab;
		h.name = d->name;
		if (d->access == RA_ACCESS_APPEND)
			some_add(&app, &h);
		else if (d->access == RA_ACCESS_APPENDTO)
			some_add(&appto, &h);
		if (d->access != RA_ACCESS_NONE) {
			ntable++;
			if (l == RA_LEVEL_BASIC)
				some_add(&basic, &h);
		}
		if (depth_code(d, l) != 0) {
			if (ra_grow(&found, &capfound, nfound + 1,
			    sizeof(*found)) == -1)
				goto out;
			found[nfound++] = h;
		}
	}
	if (nfound > 1)
		qsort(found, nfound, sizeof(*found), held_cmp);
	for (k = 0; k < nfound; k++)
		if (depth_finding(ln, sol, r, found[k].priv,
		    ra_bitmap_get(&r->bits, found[k].priv)) == -1)
			goto out;

	if (app.n && !appto.n && append_alone(ln, RA_C_LINT_APPEND, sol, r,
	    "Append", "Append To", &app, &msg) == -1)
		goto out;
	if (appto.n && !app.n && append_alone(ln, RA_C_LINT_APPENDTO, sol, r,
	    "Append To", "Append", &appto, &msg) == -1)
		goto out;
	if ((team_by_option || names_team(r->name)) &&
	    r->inherit != RA_INHERIT_DIRECT && basic.n > 0) {
		ra_buf_printf(&msg, "a role for teams (%s) grants %zu of its "
		    "%zu table privileges at User (Basic) depth (",
		    team_by_option ? "named with --team-role" :
		    "its name says team", basic.n, ntable);
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
			if (lint_role(ln, s, r, team) == -1)
				goto nomem;
		}
	for (k = 0; opts && k < opts->nteam_roles; k++)
		if (!used[k]) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ROLE_UNKNOWN, NULL,
			    NULL, 0, 0, "--team-role \"%s\" names no role of "
			    "the inputs", opts->team_roles[k]);
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
	size_t	 n = 0;
	int	 s;

	for (s = (int)min; s <= RA_SEV_ERROR; s++)
		n += ln->count[s];
	return n;
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
