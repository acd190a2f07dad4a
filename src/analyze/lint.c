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

/* A privilege a role holds, with what orders it in reports. */
struct ra_lint_held {
	const char	*name;
	size_t		 priv;
	enum ra_tab	 tab;
	enum ra_level	 level;
};

static int
held_cmp(const void *a, const void *b)
{
	const struct ra_lint_held	*x = a, *y = b;

	return ra_priv_order_cmp(x->tab, x->name, y->tab, y->name);
}

/*
 * Some of a role's privileges: how many, and the first three in report
 * order, which is all a message names.  Kept as the role's privileges
 * go by in any order, so a role of a million privileges needs no list.
 */
struct some {
	size_t		 n;
	struct ra_lint_held	 first[3];
};

static void
some_add(struct some *s, const struct ra_lint_held *h)
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
 * Add a finding of LR about its role itself, its message MSG's text,
 * taken over (MSG is left empty); or, when LR only counts, count it.
 * 0 or -1 (memory).
 */
static int
add_own(struct ra_lint_role *lr, int code, enum ra_level level,
    struct ra_buf *msg, int collect)
{
	struct ra_finding	*f;

	if (msg->oom)
		return -1;
	if (collect) {
		f = &lr->own[lr->nown];
		memset(f, 0, sizeof(*f));
		f->code = code;
		f->severity = RA_SEV_WARNING;
		f->sol = lr->sol;
		f->role = lr->role;
		f->priv = RA_NOPRIV;
		f->level = level;
		f->message = msg->s ? msg->s : ra_strdup("");
		memset(msg, 0, sizeof(*msg));
		if (f->message == NULL)
			return -1;
		lr->nown++;
	}
	ra_buf_free(msg);
	lr->count[RA_SEV_WARNING]++;
	return 0;
}

/*
 * RA410/RA411: the role holds HAS on the tables of S but LACKS on none.
 * 0 or -1 (memory).
 */
static int
append_alone(struct ra_lint_role *lr, int code, const char *has,
    const char *lacks, const struct some *s, struct ra_buf *msg,
    int collect)
{
	ra_buf_printf(msg, "%s on %zu table%s (", has, s->n,
	    s->n == 1 ? "" : "s");
	some_names(msg, s);
	ra_buf_printf(msg, ") but %s on none: a record can be attached to "
	    "another only with Append on it and Append To on the other, so "
	    "this role alone attaches nothing, unless another role of the "
	    "same user grants %s", lacks, lacks);
	return add_own(lr, code, RA_LEVEL_NONE, msg, collect);
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

/* Release what LR's last opening made, keeping its list's memory. */
static void
role_clear(struct ra_lint_role *lr)
{
	size_t	 k;

	for (k = 0; k < lr->nown; k++)
		free(lr->own[k].message);
	lr->nown = lr->npriv = lr->n = 0;
	memset(lr->count, 0, sizeof(lr->count));
	lr->worst = RA_SEV_NOTE;
}

/* Whether --team-role named role R of input SOL. */
static int
is_team(const struct ra_lint *ln, size_t sol, const struct ra_role *r)
{
	size_t	 s, i = (size_t)(r - ln->sol[sol]->role);

	for (s = 0; s < sol; s++)
		i += ln->sol[s]->nrole;
	return ln->team != NULL && ln->team[i];
}

/*
 * Lint role ROLE of input SOL into LR: count its findings and, with
 * COLLECT, keep them.  One pass over the role's privileges in catalog
 * order counts what the role-wide checks need and collects the
 * privileges with a depth finding, which alone are then sorted into
 * report order: memory follows the role's findings, one small record
 * each, and their messages are made when asked for.  0 or -1 (memory).
 */
static int
lint_role(struct ra_lint_role *lr, const struct ra_lint *ln, size_t sol,
    size_t role, int collect)
{
	const struct ra_catalog	*cat = &ln->ctx->cat;
	const struct ra_solution *const *own = &ln->sol[sol];
	const struct ra_role	*r = &ln->sol[sol]->role[role];
	struct ra_bitmap_iter	 it;
	struct ra_pinfo		 pi;
	struct ra_lint_held		 h;
	struct some		 app, appto, basic;
	struct ra_buf		 msg = { 0 };
	size_t			 ntable = 0, i;
	enum ra_level		 l;
	int			 code, s;

	role_clear(lr);
	lr->ln = ln;
	lr->sol = sol;
	lr->role = r;
	/* Nothing to lint: its privileges are not here. */
	if (ra_role_not_exported(r))
		return 0;
	memset(&app, 0, sizeof(app));
	memset(&appto, 0, sizeof(appto));
	memset(&basic, 0, sizeof(basic));
	ra_bitmap_iter_init(&it, &r->bits);
	while (ra_bitmap_iter_next(&it, &i, &l)) {
		ra_pinfo(ln->ctx, own, 1, i, &pi);
		h.priv = i;
		h.tab = pi.tab;
		h.name = cat->v[i].name;
		h.level = l;
		if (pi.access == RA_ACCESS_APPEND)
			some_add(&app, &h);
		else if (pi.access == RA_ACCESS_APPENDTO)
			some_add(&appto, &h);
		if (pi.access != RA_ACCESS_NONE) {
			ntable++;
			if (l == RA_LEVEL_BASIC)
				some_add(&basic, &h);
		}
		if ((code = depth_code(&pi, l, ln->unknown)) == 0)
			continue;
		lr->count[code == RA_C_LINT_MISC_DEPTH ? RA_SEV_NOTE :
		    RA_SEV_WARNING]++;
		if (!collect)
			continue;
		if (ra_grow(&lr->priv, &lr->cappriv, lr->npriv + 1,
		    sizeof(*lr->priv)) == -1)
			return -1;
		lr->priv[lr->npriv++] = h;
	}
	if (lr->npriv > 1)
		qsort(lr->priv, lr->npriv, sizeof(*lr->priv), held_cmp);

	if (app.n && !appto.n && append_alone(lr, RA_C_LINT_APPEND,
	    "Append", "Append To", &app, &msg, collect) == -1)
		goto nomem;
	if (appto.n && !app.n && append_alone(lr, RA_C_LINT_APPENDTO,
	    "Append To", "Append", &appto, &msg, collect) == -1)
		goto nomem;
	if (is_team(ln, sol, r) && r->inherit != RA_INHERIT_DIRECT &&
	    basic.n > 0) {
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
		if (add_own(lr, RA_C_LINT_TEAM, RA_LEVEL_BASIC, &msg,
		    collect) == -1)
			goto nomem;
	}
	lr->n = lr->npriv + lr->nown;
	for (s = RA_SEV_ERROR; s > RA_SEV_NOTE && lr->count[s] == 0; s--)
		continue;
	lr->worst = (enum ra_severity)s;
	return 0;
nomem:
	ra_buf_free(&msg);
	return -1;
}

int
ra_lint_role_open(struct ra_lint_role *lr, const struct ra_lint *ln,
    size_t sol, size_t role)
{
	return lint_role(lr, ln, sol, role, 1);
}

const struct ra_finding *
ra_lint_role_get(struct ra_lint_role *lr, size_t k)
{
	struct ra_finding		*f = &lr->cur;
	const struct ra_lint_held	*h;
	struct ra_pinfo			 pi;

	if (k >= lr->n)
		return NULL;
	if (k >= lr->npriv)
		return &lr->own[k - lr->npriv];
	h = &lr->priv[k];
	ra_pinfo(lr->ln->ctx, &lr->ln->sol[lr->sol], 1, h->priv, &pi);
	memset(f, 0, sizeof(*f));
	f->code = depth_code(&pi, h->level, lr->ln->unknown);
	f->sol = lr->sol;
	f->role = lr->role;
	f->priv = h->priv;
	f->level = h->level;
	f->severity = f->code == RA_C_LINT_MISC_DEPTH ? RA_SEV_NOTE :
	    RA_SEV_WARNING;
	return f;
}

void
ra_lint_role_free(struct ra_lint_role *lr)
{
	role_clear(lr);
	free(lr->priv);
	memset(lr, 0, sizeof(*lr));
}

RA_EXPORT enum ra_err
ra_lint(struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_lint_opts *opts, struct ra_lint **out)
{
	struct ra_lint		*ln;
	struct ra_lint_role	 lr;
	size_t			 s, i, k, n, at;
	char			*used = NULL;
	int			 bad = 0, sev;

	if (ctx->focused)
		return RA_EINVAL;
	if ((ln = calloc(1, sizeof(*ln))) == NULL)
		return RA_ENOMEM;
	memset(&lr, 0, sizeof(lr));
	ln->ctx = ctx;
	ln->sol = sol;
	ln->nsol = nsol;
	ln->unknown = opts != NULL && opts->unknown_depths;
	for (s = 0; s < nsol; s++)
		ln->nrole += sol[s]->nrole;
	if (opts && opts->nteam_roles && ((used = calloc(opts->nteam_roles,
	    1)) == NULL || (ln->team = calloc(ln->nrole ? ln->nrole : 1,
	    1)) == NULL))
		goto nomem;
	for (s = 0, at = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++, at++)
			for (k = 0; opts && k < opts->nteam_roles; k++) {
				n = strlen(opts->team_roles[k]);
				if (ra_role_matches(&sol[s]->role[i],
				    opts->team_roles[k], n)) {
					ln->team[at] = 1;
					used[k] = 1;
				}
			}
	for (k = 0; opts && k < opts->nteam_roles; k++)
		if (!used[k]) {
			ra_role_unknown(ctx, "--team-role",
			    opts->team_roles[k], sol, nsol);
			bad = 1;
		}
	free(used);
	used = NULL;
	if (bad) {
		ra_lint_free(ln);
		return RA_EINVAL;
	}
	/* The counts a report states first; the findings wait for it. */
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++) {
			if (lint_role(&lr, ln, s, i, 0) == -1)
				goto nomem;
			for (sev = RA_SEV_NOTE; sev <= RA_SEV_ERROR; sev++)
				ln->count[sev] += lr.count[sev];
		}
	ra_lint_role_free(&lr);
	*out = ln;
	return RA_OK;
nomem:
	ra_lint_role_free(&lr);
	free(used);
	ra_lint_free(ln);
	return RA_ENOMEM;
}

RA_EXPORT void
ra_lint_free(struct ra_lint *ln)
{
	if (ln == NULL)
		return;
	free(ln->team);
	free(ln);
}

RA_EXPORT size_t
ra_lint_count(const struct ra_lint *ln, enum ra_severity min)
{
	return ra_sev_at_least(ln->count, min);
}

/*
 * What ra_lint_record() holds back of one code in one input: how many,
 * and the first role they are about (the summary's location).
 */
struct held_back {
	size_t			 n;
	const struct ra_role	*first;
	size_t			 nroles;
	const struct ra_role	*last;
	enum ra_severity	 severity;
};

/* A diagnostic of LN about role R of input SOL: MSG after its name. */
static void
record(struct ra_ctx *ctx, const struct ra_lint *ln, size_t sol,
    const struct ra_role *r, enum ra_severity sev, int code,
    struct ra_buf *file, const char *msg)
{
	const char	*member;

	file->len = 0;
	ra_role_diag_location(ln->sol[sol], r, file, &member);
	if (file->oom)
		return;
	ra_diag_add(ctx, sev, code, file->s, member, r->line, 0,
	    "role \"%s\": %s", r->name, msg);
}

/*
 * The diagnostics of an input's lint findings: the first
 * RA_LINT_DIAG_MAX of each code, then one line for the rest, so that a
 * role of a million findings prints a few lines, not a million; the
 * report of `roleaudit lint` lists them all.
 */
RA_EXPORT void
ra_lint_record(struct ra_ctx *ctx, const struct ra_lint *ln)
{
	struct held_back	 back[RA_C_LINT_LAST - RA_C_LINT_FIRST + 1];
	struct ra_lint_role	 lr;
	struct ra_buf		 file = { 0 }, msg = { 0 }, sum = { 0 };
	const struct ra_finding	*f;
	size_t			 s, i, k, shown[sizeof(back) / sizeof(*back)];
	struct held_back	*hb;

	memset(&lr, 0, sizeof(lr));
	for (s = 0; s < ln->nsol; s++) {
		memset(back, 0, sizeof(back));
		memset(shown, 0, sizeof(shown));
		for (i = 0; i < ln->sol[s]->nrole; i++) {
			if (ra_lint_role_open(&lr, ln, s, i) == -1)
				goto out;
			for (k = 0; (f = ra_lint_role_get(&lr, k)) != NULL;
			    k++) {
				size_t	 c = (size_t)(f->code -
				    RA_C_LINT_FIRST);

				if (shown[c] < RA_LINT_DIAG_MAX) {
					shown[c]++;
					record(ctx, ln, s, f->role, f->severity,
					    f->code, &file,
					    ra_finding_message(ln, f, &msg));
					if (msg.oom)
						goto out;
					continue;
				}
				hb = &back[c];
				if (hb->n++ == 0)
					hb->first = f->role;
				if (hb->last != f->role)
					hb->nroles++;
				hb->last = f->role;
				hb->severity = f->severity;
			}
		}
		for (k = 0; k < sizeof(back) / sizeof(*back); k++) {
			hb = &back[k];
			if (hb->n == 0)
				continue;
			sum.len = 0;
			ra_buf_printf(&sum, "%zu more finding%s of this "
			    "kind", hb->n, hb->n == 1 ? "" : "s");
			if (hb->nroles > 1)
				ra_buf_printf(&sum, " in this role and %zu "
				    "other role%s", hb->nroles - 1,
				    hb->nroles == 2 ? "" : "s");
			ra_buf_adds(&sum, ", not printed (roleaudit lint "
			    "lists them all)");
			if (sum.oom)
				goto out;
			record(ctx, ln, s, hb->first, hb->severity,
			    (int)(k + RA_C_LINT_FIRST), &file, sum.s);
		}
	}
out:
	ra_lint_role_free(&lr);
	ra_buf_free(&file);
	ra_buf_free(&msg);
	ra_buf_free(&sum);
}
