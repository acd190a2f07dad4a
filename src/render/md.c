/*
 * md.c - check reports and diffs as GitHub-flavoured Markdown, compact
 * enough for a pull-request comment: a headline, a table of inputs, a
 * table of roles, and the details of each failing or changed role folded
 * in a <details> element.
 *
 * Names from the input are text, never markup: control characters,
 * bidirectional overrides and invalid UTF-8 are escaped as in the text
 * report, then every character Markdown or a table cell could read as
 * syntax is escaped with a backslash (in code spans: a fence longer than
 * any backtick run), and inside HTML elements (<summary>) as a character
 * reference.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

#define PASS	"\xe2\x9c\x85"		/* white heavy check mark */
#define FAIL	"\xe2\x9d\x8c"		/* cross mark */
#define WARN	"\xe2\x9a\xa0\xef\xb8\x8f"	/* warning sign */
#define STOP	"\xf0\x9f\x9b\x91"	/* stop sign */
#define INFO	"\xe2\x84\xb9\xef\xb8\x8f"	/* information source */
#define ARROW	"\xe2\x86\x92"
#define DASH	"\xe2\x80\x94"

static const char *const kind_names[] = { "zip", "folder", "xml", "package" };

/* S from the input as Markdown text in a table cell. */
static void
md(struct ra_buf *b, const char *s)
{
	struct ra_buf	 t = { 0 };
	const char	*p;

	ra_buf_add_safe(&t, s != NULL ? s : "");
	for (p = t.s; p != NULL && *p != '\0'; p++) {
		if (strchr("\\`*_[]<>|~&@", *p) != NULL)
			ra_buf_add(b, "\\", 1);
		ra_buf_add(b, p, 1);
	}
	if (t.oom)
		b->oom = 1;
	ra_buf_free(&t);
}

/* S from the input as a code span in a table cell. */
static void
md_code(struct ra_buf *b, const char *s)
{
	struct ra_buf	 t = { 0 };
	const char	*p;
	size_t		 run = 0, longest = 0, i;

	ra_buf_add_safe(&t, s != NULL ? s : "");
	for (p = t.s; p != NULL && *p != '\0'; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	for (i = 0; i <= longest; i++)
		ra_buf_add(b, "`", 1);
	/* A space keeps a backtick at either end out of the fence. */
	if (longest)
		ra_buf_add(b, " ", 1);
	for (p = t.s; p != NULL && *p != '\0'; p++) {
		if (*p == '|')
			ra_buf_add(b, "\\", 1);
		ra_buf_add(b, p, 1);
	}
	if (longest)
		ra_buf_add(b, " ", 1);
	for (i = 0; i <= longest; i++)
		ra_buf_add(b, "`", 1);
	if (t.oom)
		b->oom = 1;
	ra_buf_free(&t);
}

/* S from the input inside an HTML element. */
static void
md_html(struct ra_buf *b, const char *s)
{
	struct ra_buf	 t = { 0 };
	const char	*p;

	ra_buf_add_safe(&t, s != NULL ? s : "");
	for (p = t.s; p != NULL && *p != '\0'; p++)
		switch (*p) {
		case '&':
			ra_buf_adds(b, "&amp;");
			break;
		case '<':
			ra_buf_adds(b, "&lt;");
			break;
		case '>':
			ra_buf_adds(b, "&gt;");
			break;
		case '"':
			ra_buf_adds(b, "&quot;");
			break;
		case '@':
			/* No mention of a user or team from a role name. */
			ra_buf_adds(b, "&#64;");
			break;
		default:
			ra_buf_add(b, p, 1);
		}
	if (t.oom)
		b->oom = 1;
	ra_buf_free(&t);
}


/*
 * Where privilege PI is and what it is, as three cells of a row: "Tab"
 * or "Tab › Section" (with "(unplaced)" when no fact places it), its
 * name as code, and its display name (ra_pinfo_label()).
 */
static void
priv_cells(struct ra_buf *b, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };

	ra_buf_adds(b, ra_tab_name(pi->tab));
	if (pi->section != RA_SECTION_ENTITIES) {
		ra_buf_adds(b, " \xe2\x80\xba ");
		ra_buf_adds(b, ra_section_name(pi->section));
	}
	if (pi->tab_by == RA_PROV_UNPLACED)
		ra_buf_adds(b, " (unplaced)");
	ra_buf_adds(b, " | ");
	md_code(b, pi->name);
	ra_buf_adds(b, " | ");
	ra_pinfo_label(pi, &l);
	md(b, l.oom || l.s == NULL ? "" : l.s);
	if (l.oom)
		b->oom = 1;
	ra_buf_free(&l);
}

static void
solution_cell(struct ra_buf *b, const struct ra_solution *s)
{
	if (s->unique_name == NULL) {
		ra_buf_adds(b, DASH);
		return;
	}
	md(b, s->unique_name);
	if (s->version) {
		ra_buf_adds(b, " ");
		md(b, s->version);
	}
	if (s->managed >= 0)
		ra_buf_adds(b, s->managed == 2 ? " (managed and unmanaged)" :
		    s->managed ? " (managed)" : " (unmanaged)");
}

/* Input problems, one line each, when there are any. */
static void
diags(struct ra_buf *b, const struct ra_ctx *ctx)
{
	size_t	 i;
	char	*s;

	if (ctx->ndiag == 0)
		return;
	ra_buf_printf(b, "\n**Input diagnostics** (%zu):\n\n", ctx->ndiag);
	for (i = 0; i < ctx->ndiag; i++) {
		const struct ra_diag	*d = &ctx->diag[i];

		ra_buf_adds(b, "- ");
		ra_buf_adds(b, d->severity == RA_SEV_ERROR ? STOP :
		    d->severity == RA_SEV_WARNING ? WARN : INFO);
		ra_buf_adds(b, " ");
		/* ra_diag_format() has escaped what came from the input. */
		if ((s = ra_diag_format(d)) == NULL) {
			b->oom = 1;
			return;
		}
		md(b, s + strlen("roleaudit: "));
		free(s);
		ra_buf_adds(b, "\n");
	}
}

/*
 * Result R's policy violations, when it has any: a folded list with the
 * severity, privilege, depth held and allowed, and the row's message.
 * M is scratch.
 */
static enum ra_err
violations(struct ra_buf *b, const struct ra_report *rep,
    const struct ra_result *r, struct ra_buf *m, FILE *out)
{
	size_t	 k;

	if (r->nviol == 0)
		return RA_OK;
	ra_buf_printf(b, "\n<details><summary>%s ", r->nviol_error ? FAIL :
	    WARN);
	md_html(b, r->role->name);
	ra_buf_printf(b, ": %zu policy violation%s</summary>\n\n", r->nviol,
	    r->nviol == 1 ? "" : "s");
	ra_buf_adds(b, "| Severity | Privilege | Holds | Allowed | Row |\n"
	    "| --- | --- | --- | --- | --- |\n");
	for (k = 0; k < r->nviol; k++) {
		const struct ra_violation	*v = &r->viol[k];

		ra_buf_printf(b, "| %s %s | ", v->row->sev == RA_SEV_ERROR ?
		    STOP : v->row->sev == RA_SEV_WARNING ? WARN : INFO,
		    ra_severity_name(v->row->sev));
		md_code(b, v->pi.name);
		ra_buf_printf(b, " | %s | %s | ", ra_level_name(v->held),
		    ra_level_name(v->row->max));
		m->len = 0;
		ra_violation_message(rep, NULL, v, m);
		md(b, m->oom || m->s == NULL ? "" : m->s);
		ra_buf_adds(b, " |\n");
	}
	ra_buf_adds(b, "\n</details>\n");
	return ra_buf_flush(b, out);
}

enum ra_err
ra_render_report_md(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf		 b = { 0 }, loc = { 0 };
	const struct ra_missing	*miss;
	struct ra_pinfo		 pi;
	size_t			 i, k, s, pass, fail;
	enum ra_err		 rc;

	(void)o;
	if (rep->nfail)
		ra_buf_printf(&b, "### roleaudit check: " FAIL " %zu of %zu "
		    "role%s fail%s\n\n", rep->nfail, rep->nres,
		    rep->nres == 1 ? "" : "s", rep->nfail == 1 ? "s" : "");
	else
		ra_buf_printf(&b, "### roleaudit check: " PASS " %s%zu "
		    "role%s pass%s\n\n", rep->nres > 1 ? "all " : "",
		    rep->nres, rep->nres == 1 ? "" : "s",
		    rep->nres == 1 ? "es" : "");
	ra_buf_adds(&b, rep->nprof == 1 ? "Profile " : "Profiles ");
	for (i = 0; i < rep->nprof; i++) {
		if (i)
			ra_buf_adds(&b, " + ");
		md_code(&b, rep->prof[i]->name);
	}
	ra_buf_printf(&b, ": %zu required privilege%s", rep->req.n,
	    rep->req.n == 1 ? "" : "s");
	if (rep->npol > 0) {
		ra_buf_adds(&b, rep->npol == 1 ? "; policy " : "; policies ");
		for (i = 0; i < rep->npol; i++) {
			if (i)
				ra_buf_adds(&b, " + ");
			md_code(&b, rep->pol[i]->name);
		}
		ra_buf_printf(&b, ": %zu error, %zu warning, %zu note",
		    rep->nviol[RA_SEV_ERROR], rep->nviol[RA_SEV_WARNING],
		    rep->nviol[RA_SEV_NOTE]);
	}
	ra_buf_adds(&b, " " DASH " roleaudit " RA_VERSION "\n\n");

	if (rep->nskip)
		ra_buf_printf(&b, "%zu role%s not judged: " RA_NOT_EXPORTED_REASON
		    ".\n\n", rep->nskip, rep->nskip == 1 ? "" : "s");
	ra_buf_adds(&b, "| Input | Kind | Solution | Roles | Pass | Fail |\n"
	    "| --- | --- | --- | ---: | ---: | ---: |\n");
	for (s = 0; s < rep->nsol; s++) {
		pass = fail = 0;
		for (i = 0; i < rep->nres; i++)
			if (rep->res[i].sol == s) {
				if (rep->res[i].not_exported)
					continue;
				if (ra_result_fails(&rep->res[i]))
					fail++;
				else
					pass++;
			}
		ra_buf_adds(&b, "| ");
		md_code(&b, rep->sol[s]->path);
		ra_buf_printf(&b, " | %s | ", kind_names[rep->sol[s]->kind]);
		solution_cell(&b, rep->sol[s]);
		ra_buf_printf(&b, " | %zu | %zu | %zu |\n", rep->sol[s]->nrole,
		    pass, fail);
	}
	if (rep->nres) {
		ra_buf_adds(&b, rep->npol ? "\n| | Role | Location | "
		    "Violations | Missing |\n| --- | --- | --- | ---: | ---: |\n" :
		    "\n| | Role | Location | Missing |\n"
		    "| --- | --- | --- | ---: |\n");
		for (i = 0; i < rep->nres; i++) {
			const struct ra_result	*r = &rep->res[i];

			ra_buf_adds(&b, r->not_exported ? "| " DASH " | " :
			    ra_result_fails(r) ? "| " FAIL " | " :
			    "| " PASS " | ");
			md(&b, r->role->name);
			ra_buf_adds(&b, " | ");
			loc.len = 0;
			if (rep->nsol > 1) {
				ra_buf_adds(&loc, rep->sol[r->sol]->path);
				ra_buf_adds(&loc, "!");
			}
			ra_role_location(r->role, &loc);
			md_code(&b, loc.oom ? "" : loc.s);
			if (rep->npol && r->nviol)
				ra_buf_printf(&b, " | %zu", r->nviol);
			else if (rep->npol)
				ra_buf_adds(&b, " | " DASH);
			if (r->not_exported)
				ra_buf_adds(&b, " | not exported |\n");
			else if (r->nmiss)
				ra_buf_printf(&b, " | %zu of %zu |\n", r->nmiss,
				    rep->req.n);
			else
				ra_buf_adds(&b, " | " DASH " |\n");
		}
	}
	if ((rc = ra_buf_flush(&b, out)) != RA_OK)
		goto out;
	for (i = 0; i < rep->nres; i++) {
		const struct ra_result	*r = &rep->res[i];

		if (r->nmiss == 0)
			continue;
		if (ra_report_missing(rep, r, &miss) == -1) {
			rc = RA_ENOMEM;
			goto out;
		}
		ra_buf_adds(&b, "\n<details><summary>" FAIL " ");
		md_html(&b, r->role->name);
		ra_buf_printf(&b, ": %zu missing</summary>\n\n", r->nmiss);
		ra_buf_adds(&b, "| Tab | Privilege | Name | Needs | Holds |\n"
		    "| --- | --- | --- | --- | --- |\n");
		for (k = 0; k < r->nmiss; k++) {
			const struct ra_missing	*m = &miss[k];

			pi = *m->pi;
			ra_buf_adds(&b, "| ");
			priv_cells(&b, &pi);
			ra_buf_printf(&b, " | %s | %s |\n",
			    ra_need_name(m->req->min),
			    m->actual == RA_LEVEL_NONE ? DASH :
			    ra_level_name(m->actual));
		}
		ra_buf_adds(&b, "\n</details>\n");
		if ((rc = ra_buf_flush(&b, out)) != RA_OK)
			goto out;
	}
	for (i = 0; i < rep->nres; i++)
		if ((rc = violations(&b, rep, &rep->res[i], &loc, out)) !=
		    RA_OK)
			goto out;
	diags(&b, rep->ctx);
	rc = ra_buf_flush(&b, out);
out:
	ra_buf_free(&b);
	ra_buf_free(&loc);
	return rc;
}

static const char *
sev_icon(enum ra_severity s)
{
	return s == RA_SEV_ERROR ? STOP : s == RA_SEV_WARNING ? WARN : INFO;
}

static void
input_line(struct ra_buf *b, const char *side, const struct ra_solution *s)
{
	ra_buf_printf(b, "| %s | ", side);
	md_code(b, s->path);
	ra_buf_printf(b, " | %s | ", kind_names[s->kind]);
	solution_cell(b, s);
	ra_buf_printf(b, " | %zu |\n", s->nrole);
}

/* The app role-map and column permission changes of D, if any. */
static void
diff_access_md(struct ra_buf *b, const struct ra_diff *d)
{
	size_t	 i;

	if (d->nad)
		ra_buf_adds(b, "\n**App role maps**\n\n| | Role | Change | App |"
		    "\n| --- | --- | --- | --- |\n");
	for (i = 0; i < d->nad; i++) {
		const struct ra_adiff	*a = &d->ad[i];

		ra_buf_adds(b, a->added ? "| " STOP " | " : "| " INFO " | ");
		if (a->role)
			md(b, a->role->name);
		else {
			ra_buf_adds(b, RA_UNKNOWN_ROLE_ID " ");
			md_code(b, a->role_id);
		}
		ra_buf_adds(b, a->added ? " | added: newly able to open the app "
		    "| " : " | removed | ");
		md(b, a->app->display ? a->app->display : a->app->name);
		ra_buf_adds(b, " (");
		md_code(b, a->app->name);
		ra_buf_adds(b, ") |\n");
	}
	if (d->ncd)
		ra_buf_adds(b, "\n**Column permissions**\n\n| | Profile | "
		    "Column | Right | Change |\n| --- | --- | --- | --- | --- |\n");
	for (i = 0; i < d->ncd; i++) {
		const struct ra_cdiff	*c = &d->cd[i];

		ra_buf_adds(b, c->escalation ? "| " STOP " | " : c->granted ?
		    "| " WARN " | " : "| " INFO " | ");
		md(b, c->profile);
		ra_buf_adds(b, " | ");
		md_code(b, c->entity);
		ra_buf_adds(b, ".");
		md_code(b, c->attribute);
		ra_buf_printf(b, " | %s | %s |\n", ra_fright_name(c->right),
		    c->escalation ? "granted: newly able to read a secured "
		    "column" : c->granted ? "granted" : "revoked");
	}
}

enum ra_err
ra_render_diff_md(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	static const char	 marks[] = { '+', '-', '^', 'v' };
	const struct ra_solution *sides[2] = { d->new, d->old };
	struct ra_buf		 b = { 0 }, why = { 0 };
	struct ra_pinfo		 pi;
	const char		*reason;
	size_t			 i, k, esc;
	enum ra_err		 rc;

	(void)o;
	ra_buf_adds(&b, "### roleaudit diff: ");
	if (d->escalations)
		ra_buf_printf(&b, STOP " %zu escalation%s", d->escalations,
		    d->escalations == 1 ? "" : "s");
	else if (d->nr)
		ra_buf_printf(&b, WARN " %zu role%s changed, no escalation",
		    d->nr, d->nr == 1 ? "" : "s");
	else if (d->nad + d->ncd)
		ra_buf_printf(&b, WARN " %zu app role-map and column permission "
		    "change%s, no escalation", d->nad + d->ncd,
		    d->nad + d->ncd == 1 ? "" : "s");
	else
		ra_buf_adds(&b, PASS " no differences in roles");
	ra_buf_adds(&b, "\n\n| | Input | Kind | Solution | Roles |\n"
	    "| --- | --- | --- | --- | ---: |\n");
	input_line(&b, "old", d->old);
	input_line(&b, "new", d->new);
	ra_buf_printf(&b, "\nRoles: %zu added, %zu removed, %zu changed",
	    d->roles_added, d->roles_removed, d->roles_changed);
	if (d->roles_not_exported)
		ra_buf_printf(&b, ", %zu not in one export",
		    d->roles_not_exported);
	ra_buf_printf(&b, ".  Privileges: %zu added, %zu removed, %zu raised, "
	    "%zu lowered.  Escalations: %zu.  " DASH " roleaudit " RA_VERSION
	    "\n", d->added, d->removed, d->raised, d->lowered,
	    d->escalations);
	if (d->nr) {
		ra_buf_adds(&b, "\n| | Change | Role | Privileges | "
		    "Escalations | Profiles |\n"
		    "| --- | --- | --- | --- | ---: | --- |\n");
		for (i = 0; i < d->nr; i++) {
			const struct ra_rdiff	*r = &d->r[i];
			const struct ra_role	*cur = r->new ? r->new : r->old;

			ra_buf_printf(&b, "| %s | %s | ",
			    sev_icon(ra_rdiff_severity(r)),
			    ra_rchange_name(r->change));
			md(&b, cur->name);
			if (r->renamed) {
				ra_buf_adds(&b, " (was ");
				md(&b, r->old->name);
				ra_buf_adds(&b, ")");
			}
			if (r->change == RA_RCH_CHANGED && r->unexported)
				ra_buf_adds(&b, " | not compared: privileges "
				    "not in one export | ");
			else if (r->change == RA_RCH_CHANGED)
				ra_buf_printf(&b, " | %zu changed | ", r->np);
			else
				ra_buf_printf(&b, " | %zu privilege%s | ",
				    cur->nprivs, cur->nprivs == 1 ? "" : "s");
			esc = r->change == RA_RCH_ADDED ?
			    (size_t)r->escalation : r->nesc;
			ra_buf_printf(&b, "%zu | ", esc);
			for (k = 0; k < r->nt; k++) {
				if (k)
					ra_buf_adds(&b, "; ");
				md(&b, r->t[k].prof->name);
				ra_buf_printf(&b, ": %s " ARROW " %s",
				    r->t[k].old_pass ? "pass" : "fail",
				    r->t[k].new_pass ? "pass" : "fail");
			}
			ra_buf_adds(&b, " |\n");
		}
	}
	if ((rc = ra_buf_flush(&b, out)) != RA_OK)
		goto out;
	for (i = 0; i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];
		const struct ra_role	*cur = r->new ? r->new : r->old;

		if (r->np == 0)
			continue;
		ra_buf_printf(&b, "\n<details><summary>%s ",
		    sev_icon(ra_rdiff_severity(r)));
		md_html(&b, cur->name);
		ra_buf_printf(&b, ": %zu privilege change%s</summary>\n\n",
		    r->np, r->np == 1 ? "" : "s");
		ra_buf_adds(&b, "| | Tab | Privilege | Name | Old | New | "
		    "Escalation |\n"
		    "| --- | --- | --- | --- | --- | --- | --- |\n");
		for (k = 0; k < r->np; k++) {
			const struct ra_pdiff	*p = &r->p[k];

			ra_pinfo(d->ctx, sides, 2, p->priv, &pi);
			ra_buf_printf(&b, "| %s %c | ", sev_icon(
			    ra_pdiff_severity(p)), marks[p->change]);
			priv_cells(&b, &pi);
			ra_buf_printf(&b, " | %s | %s | ", p->old ?
			    ra_level_name(p->old) : DASH, p->new ?
			    ra_level_name(p->new) : DASH);
			if ((reason = ra_pdiff_reason(d->ctx, p, &why)) != NULL)
				md(&b, reason);
			ra_buf_adds(&b, " |\n");
			/* A role may have millions: written as they come. */
			if (why.oom)
				b.oom = 1;
			if (b.len >= 65536 &&
			    (rc = ra_buf_flush(&b, out)) != RA_OK)
				goto out;
		}
		ra_buf_adds(&b, "\n</details>\n");
		if ((rc = ra_buf_flush(&b, out)) != RA_OK)
			goto out;
	}
	diff_access_md(&b, d);
	diags(&b, d->ctx);
	rc = ra_buf_flush(&b, out);
out:
	ra_buf_free(&b);
	ra_buf_free(&why);
	return rc;
}

/* ---- apps and column security ---------------------------------------- */

/* A table of an app or a column: display name, then its tab. */
static void
md_atable(struct ra_buf *b, const struct ra_atable *t)
{
	md(b, *t->pi.entity ? t->pi.entity : t->name);
	ra_buf_adds(b, " (");
	ra_buf_adds(b, ra_tab_name(t->pi.tab));
	ra_buf_adds(b, ")");
}

enum ra_err
ra_render_apps_md(const struct ra_apps *ap, const struct ra_write_opts *o,
    FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i, k;
	enum ra_err	 rc;

	(void)o;
	ra_buf_printf(&b, "### roleaudit apps: %s %zu app%s, %zu role%s "
	    "cannot open one, %zu unreadable app table%s\n\n",
	    ap->ncannot || ap->nunread ? FAIL : PASS, ap->na,
	    ap->na == 1 ? "" : "s", ap->ncannot, ap->ncannot == 1 ? "" : "s",
	    ap->nunread, ap->nunread == 1 ? "" : "s");
	ra_buf_adds(&b, "Profile ");
	md_code(&b, ap->prof->name);
	ra_buf_printf(&b, ": %zu required privilege%s " DASH " roleaudit "
	    RA_VERSION "\n\n", ap->prof->n, ap->prof->n == 1 ? "" : "s");
	if (ap->na)
		ra_buf_adds(&b, "| App | Role | Opens | Cannot read |\n"
		    "| --- | --- | --- | --- |\n");
	for (i = 0, rc = RA_OK; i < ap->na && rc == RA_OK; i++) {
		const struct ra_aapp	*a = &ap->a[i];

		for (k = 0; k < (a->nm ? a->nm : 1) && rc == RA_OK; k++) {
			const struct ra_amap	*m = a->nm ? &a->m[k] : NULL;
			const struct ra_atable	*tb;
			struct ra_unread	 un;
			enum ra_level		 held;
			size_t			 n = 0;

			ra_buf_adds(&b, "| ");
			md(&b, a->app->display ? a->app->display :
			    a->app->name);
			ra_buf_adds(&b, " (");
			md_code(&b, a->app->name);
			ra_buf_adds(&b, ") | ");
			if (m == NULL)
				ra_buf_adds(&b, "*mapped to no role*");
			else if (m->role == NULL) {
				ra_buf_adds(&b, RA_UNKNOWN_ROLE_ID " ");
				md_code(&b, m->id);
			} else
				md(&b, m->role->name);
			ra_buf_adds(&b, " | ");
			ra_buf_adds(&b, m == NULL || m->role == NULL ? DASH :
			    m->status == RA_AM_PASS ? PASS :
			    m->status == RA_AM_FAIL ? FAIL " RA501" :
			    INFO " not exported");
			ra_buf_adds(&b, " | ");
			memset(&un, 0, sizeof(un));
			while (m != NULL && rc == RA_OK &&
			    ra_apps_unread_next(ap, a, m, &un, &tb, &held)) {
				if (n++)
					ra_buf_adds(&b, ", ");
				md_atable(&b, tb);
				rc = ra_buf_flush_full(&b, out);
			}
			if (n == 0)
				ra_buf_adds(&b, DASH);
			ra_buf_adds(&b, " |\n");
			if (rc == RA_OK)
				rc = ra_buf_flush_full(&b, out);
		}
	}
	if (rc != RA_OK) {
		ra_buf_free(&b);
		return rc;
	}
	if (ap->norphan) {
		ra_buf_printf(&b, "\n**Roles mapped to no app** (%zu): ",
		    ap->norphan);
		for (i = 0; i < ap->norphan; i++) {
			if (i)
				ra_buf_adds(&b, ", ");
			md(&b, ap->orphan[i].role->name);
		}
		ra_buf_adds(&b, "\n");
	}
	diags(&b, ap->ctx);
	rc = ra_buf_flush(&b, out);
	ra_buf_free(&b);
	return rc;
}

/* The profiles of column C that grant right R, or a dash. */
static void
md_granted(struct ra_buf *b, const struct ra_ccol *c, enum ra_fright r)
{
	size_t	 k, n = 0;

	for (k = 0; k < c->ng; k++)
		if (c->g[k].perm->can[r] == 1) {
			if (n++)
				ra_buf_adds(b, ", ");
			md(b, c->g[k].fsp->name);
		}
	if (n == 0)
		ra_buf_adds(b, DASH);
}

enum ra_err
ra_render_columns_md(const struct ra_columns *cs,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;
	int		 r;
	enum ra_err	 rc = RA_OK;

	(void)o;
	ra_buf_printf(&b, "### roleaudit columns: %s %zu column%s, %zu "
	    "unreadable, %zu granting update or create without read\n\n",
	    cs->nunreadable || cs->nnr ? WARN : PASS, cs->nc,
	    cs->nc == 1 ? "" : "s", cs->nunreadable, cs->nnr);
	if (cs->nc)
		ra_buf_adds(&b, "| | Table | Column | Read | Update | Create "
		    "| Read unmasked |\n| --- | --- | --- | --- | --- | --- | "
		    "--- |\n");
	for (i = 0; i < cs->nc && rc == RA_OK; i++) {
		const struct ra_ccol	*c = &cs->c[i];

		ra_buf_adds(&b, c->secured && c->nread == 0 ? "| " WARN
		    " RA511 | " : c->secured ? "| " PASS " | " : "| " DASH
		    " | ");
		md_atable(&b, &c->t);
		ra_buf_adds(&b, " | ");
		md_code(&b, c->attribute);
		for (r = 0; r < RA_FR__COUNT; r++) {
			ra_buf_adds(&b, " | ");
			md_granted(&b, c, (enum ra_fright)r);
		}
		ra_buf_adds(&b, " |\n");
		if (b.len >= 65536)
			rc = ra_buf_flush(&b, out);
	}
	for (i = 0; i < cs->nnr; i++) {
		ra_buf_adds(&b, i ? "- " : "\n**Update or create without read**"
		    " (RA512):\n\n- ");
		md(&b, cs->nr[i].fsp->name);
		ra_buf_adds(&b, ": ");
		md_code(&b, cs->nr[i].perm->entity);
		ra_buf_adds(&b, ".");
		md_code(&b, cs->nr[i].perm->attribute);
		ra_buf_adds(&b, "\n");
	}
	diags(&b, cs->ctx);
	if (rc == RA_OK)
		rc = ra_buf_flush(&b, out);
	ra_buf_free(&b);
	return rc;
}
