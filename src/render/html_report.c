/*
 * html_report.c - the check report as an HTML page: a verdict, the
 * profiles and inputs, a table of roles, then a section per role with
 * the privileges it lacks and its grids, where each required cell shows
 * whether the role holds it deep enough.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

static int
check_shown(const struct ra_html_view *v, size_t p)
{
	return ra_bitmap_get(&v->role->bits, p) != RA_LEVEL_NONE ||
	    v->need[p] != RA_LEVEL_NONE;
}

/* The level the role holds, and whether that meets the requirement. */
static void
check_cell(struct ra_html *pg, const struct ra_html_view *v,
    struct ra_html_node *tr, size_t p)
{
	enum ra_level		 held = ra_bitmap_get(&v->role->bits, p);
	enum ra_level		 need = v->need[p];
	int			 miss = need != RA_LEVEL_NONE && held < need;
	struct ra_buf		*t = v->tip;
	struct ra_html_node	*td;

	t->len = 0;
	ra_buf_add_safe(t, v->ctx->cat.v[p].name);
	ra_buf_adds(t, ": ");
	ra_buf_adds(t, ra_level_editor_name(held));
	if (need != RA_LEVEL_NONE) {
		ra_buf_adds(t, "; required: ");
		ra_buf_adds(t, ra_need_name(need));
	}
	td = ra_html_el(pg, tr, "td", miss ? "c miss" :
	    need != RA_LEVEL_NONE ? "c req" : "c");
	if (t->oom)
		ra_html_fail(pg);
	else
		ra_html_attr(pg, td, "title", t->s);
	ra_html_circle(pg, td, held);
	if (miss)
		ra_html_text(pg, ra_html_tel(pg, td, "span", "why", "needs "),
		    ra_need_name(need));
}

/* The privileges R lacks, each where the editor shows it. */
static void
missing_table(struct ra_html *pg, struct ra_html_node *sec,
    const struct ra_report *rep, const struct ra_result *r)
{
	static const char *const heads[] = { "Tab", "Privilege", "Name",
	    "Needs", "Holds" };
	const struct ra_catalog	*cat = &rep->ctx->cat;
	const struct ra_missing	*miss;
	struct ra_html_node	*tb, *tr, *td;
	struct ra_pinfo		 pi;
	size_t			 k;

	if (ra_report_missing(rep, r, &miss) == -1) {
		ra_html_fail(pg);
		return;
	}
	ra_html_tel(pg, sec, "h3", NULL, "Missing privileges");
	tb = ra_html_thead(pg, ra_html_el(pg, sec, "table", "missing"), heads,
	    5);
	for (k = 0; k < r->nmiss; k++) {
		const struct ra_missing	*m = &miss[k];

		pi = *m->pi;
		tr = ra_html_el(pg, tb, "tr", NULL);
		ra_html_place_cell(pg, tr, &pi);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    cat->v[m->priv].name);
		ra_html_label_cell(pg, tr, &pi);
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_circle(pg, td, m->req->min);
		ra_html_text(pg, td, " ");
		ra_html_text(pg, td, ra_need_name(m->req->min));
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_circle(pg, td, m->actual);
		ra_html_text(pg, td, " ");
		ra_html_text(pg, td, m->actual == RA_LEVEL_NONE ?
		    "not granted" : ra_level_editor_name(m->actual));
	}
}

/* R's policy violations: the privilege, the depths, the row and why. */
static void
violation_table(struct ra_html *pg, struct ra_html_node *sec,
    const struct ra_report *rep, const struct ra_result *r, struct ra_buf *b)
{
	static const char *const heads[] = { "Severity", "Tab", "Privilege",
	    "Name", "Holds", "Allowed", "Policy row", "Reason" };
	struct ra_html_node	*tb, *tr, *td;
	size_t			 k;

	ra_html_tel(pg, sec, "h3", NULL, "Policy violations");
	tb = ra_html_thead(pg, ra_html_el(pg, sec, "table", "missing"), heads,
	    8);
	for (k = 0; k < r->nviol; k++) {
		const struct ra_violation	*v = &r->viol[k];
		const struct ra_policy		*p = rep->pol[v->pol];

		tr = ra_html_el(pg, tb, "tr", NULL);
		ra_html_badge(pg, ra_html_el(pg, tr, "td", NULL),
		    ra_severity_name(v->row->sev),
		    ra_severity_name(v->row->sev));
		ra_html_place_cell(pg, tr, &v->pi);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    v->pi.name);
		ra_html_label_cell(pg, tr, &v->pi);
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_circle(pg, td, v->held);
		ra_html_text(pg, td, " ");
		ra_html_text(pg, td, ra_level_editor_name(v->held));
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_circle(pg, td, v->row->max);
		ra_html_text(pg, td, " ");
		ra_html_text(pg, td, v->row->max == RA_LEVEL_NONE ?
		    "forbidden" : ra_level_editor_name(v->row->max));
		b->len = 0;
		ra_buf_printf(b, "%s:%lu", p->file, v->row->line);
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_uel(pg, td, "code", NULL, b->oom ? "" : b->s);
		b->len = 0;
		ra_prule_describe(v->row, b);
		ra_html_text(pg, td, " ");
		ra_html_utext(pg, td, b->oom ? "" : b->s);
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_utext(pg, td, v->row->reason);
		if (v->via & RA_VIA_TABLE)
			ra_html_text(pg, td, " (matched through unknown: no "
			    "fact names its table)");
		if (v->via & RA_VIA_TAB)
			ra_html_text(pg, td, " (matched through unknown: no "
			    "fact places it on a tab)");
	}
}

static void	 verdict_badge(struct ra_html *, struct ra_html_node *,
		    const struct ra_result *);

/* The table of every role: verdict, name (a link to its section), place. */
static void
roles_table(struct ra_html *pg, const struct ra_report *rep,
    struct ra_buf *b)
{
	static const char *const heads[] = { "Status", "Role", "Input",
	    "Location", "Privileges", "Missing", "Violations" };
	struct ra_html_node	*body = ra_html_body(pg), *tb, *tr, *td, *n;
	char			 id[32];
	size_t			 i;

	ra_html_tel(pg, body, "h2", NULL, "Roles");
	if (rep->nres == 0) {
		ra_html_tel(pg, body, "p", NULL, "No roles.");
		return;
	}
	tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "summary"), heads,
	    rep->npol ? 7 : 6);
	for (i = 0; i < rep->nres; i++) {
		const struct ra_result	*r = &rep->res[i];

		tr = ra_html_el(pg, tb, "tr", NULL);
		verdict_badge(pg, ra_html_el(pg, tr, "td", NULL), r);
		snprintf(id, sizeof(id), "#role-%zu", i + 1);
		n = ra_html_el(pg, ra_html_el(pg, tr, "td", NULL), "a", NULL);
		ra_html_attr(pg, n, "href", id);
		ra_html_utext(pg, n, r->role->name);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    rep->sol[r->sol]->path);
		b->len = 0;
		ra_role_location(r->role, b);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    b->oom ? "" : b->s);
		ra_html_textf(pg, ra_html_el(pg, tr, "td", "num"), "%zu",
		    r->role->nprivs);
		td = ra_html_el(pg, tr, "td", "num");
		if (r->nmiss)
			ra_html_textf(pg, td, "%zu of %zu", r->nmiss,
			    rep->req.n);
		else
			ra_html_text(pg, td, "\xe2\x80\x94");
		if (rep->npol == 0)
			continue;
		td = ra_html_el(pg, tr, "td", "num");
		if (r->nviol)
			ra_html_textf(pg, td, "%zu", r->nviol);
		else
			ra_html_text(pg, td, "\xe2\x80\x94");
	}
}

/* The badge of result R: PASS, FAIL or NOT EXPORTED. */
static void
verdict_badge(struct ra_html *pg, struct ra_html_node *parent,
    const struct ra_result *r)
{
	if (r->not_exported)
		ra_html_badge(pg, parent, "skip", "NOT EXPORTED");
	else
		ra_html_badge(pg, parent, ra_result_fails(r) ? "fail" :
		    "pass", ra_result_fails(r) ? "FAIL" : "PASS");
}

/* The section of result I: what the role is, what it lacks, its grids. */
static void
role_section(struct ra_html *pg, const struct ra_report *rep, size_t i,
    struct ra_html_view *v, struct ra_buf *b)
{
	const struct ra_result	*r = &rep->res[i];
	struct ra_html_node	*sec, *n, *tb, *td;
	char			 id[32];

	sec = ra_html_el(pg, ra_html_body(pg), "section", "role");
	snprintf(id, sizeof(id), "role-%zu", i + 1);
	ra_html_attr(pg, sec, "id", id);
	n = ra_html_el(pg, sec, "h2", NULL);
	verdict_badge(pg, n, r);
	ra_html_utext(pg, n, r->role->name);
	tb = ra_html_el(pg, sec, "table", "meta");
	ra_html_utext(pg, ra_html_el(pg, ra_html_meta_row(pg, tb, "Id"),
	    "code", NULL), *r->role->id ? r->role->id : "(no id)");
	ra_html_utext(pg, ra_html_el(pg, ra_html_meta_row(pg, tb, "Input"),
	    "code", NULL), rep->sol[r->sol]->path);
	b->len = 0;
	ra_role_location(r->role, b);
	ra_html_utext(pg, ra_html_el(pg, ra_html_meta_row(pg, tb, "Location"),
	    "code", NULL), b->oom ? "" : b->s);
	ra_html_textf(pg, ra_html_meta_row(pg, tb, "Privileges"),
	    "%zu granted", r->role->nprivs);
	if (r->not_exported) {
		ra_html_text(pg, ra_html_meta_row(pg, tb, "Requirements"),
		    "not judged: " RA_NOT_EXPORTED_REASON);
		return;
	}
	td = ra_html_meta_row(pg, tb, "Requirements");
	if (r->nmiss)
		ra_html_textf(pg, td, "%zu of %zu required privilege%s "
		    "missing", r->nmiss, rep->req.n,
		    rep->req.n == 1 ? "" : "s");
	else
		ra_html_textf(pg, td, "all %zu met", rep->req.n);
	if (rep->npol)
		ra_html_textf(pg, ra_html_meta_row(pg, tb, "Policies"),
		    "%zu violation%s", r->nviol, r->nviol == 1 ? "" : "s");
	if (r->nmiss)
		missing_table(pg, sec, rep, r);
	if (r->nviol)
		violation_table(pg, sec, rep, r, b);
	ra_html_tel(pg, sec, "h3", NULL, "Privileges by tab");
	ra_html_tel(pg, sec, "p", "hint", "As the security-role editor shows "
	    "them; an entity is left out when the role holds nothing on it "
	    "and no profile requires anything of it.");
	v->role = r->role;
	v->anchor = id;
	ra_html_grids(pg, v, sec);
}

enum ra_err
ra_render_report_html(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	const struct ra_catalog	*cat = &rep->ctx->cat;
	struct ra_html		*pg;
	struct ra_grid		 grid;
	struct ra_buf		 b = { 0 }, tip = { 0 };
	struct ra_html_view	 v;
	enum ra_level		*need;
	struct ra_html_node	*t, *td, *n;
	size_t			 i;

	memset(&v, 0, sizeof(v));
	if ((need = calloc(cat->n ? cat->n : 1, sizeof(*need))) == NULL)
		return RA_ENOMEM;
	for (i = 0; i < rep->req.n; i++)
		if (rep->req.req[i].priv < cat->n)
			need[rep->req.req[i].priv] =
			    rep->req.req[i].min > RA_LEVEL_BASIC ?
			    rep->req.req[i].min : RA_LEVEL_BASIC;
	if (ra_grid_build(rep->ctx, rep->sol, rep->nsol, &grid) == -1) {
		free(need);
		return RA_ENOMEM;
	}
	ra_html_title(&b, "Security role audit", rep->sol, rep->nsol);
	pg = ra_html_new(b.oom ? "" : b.s, out);
	ra_buf_free(&b);
	if (pg == NULL) {
		ra_grid_free(&grid);
		free(need);
		return RA_ENOMEM;
	}

	ra_html_tel(pg, ra_html_body(pg), "h1", NULL, "Security role audit");
	n = ra_html_el(pg, ra_html_body(pg), "p", "lead");
	ra_html_badge(pg, n, rep->nfail ? "fail" : "pass", rep->nfail ?
	    "FAIL" : "PASS");
	ra_html_textf(pg, n, " %zu role%s in %zu input%s: %zu pass, %zu fail",
	    rep->nres, rep->nres == 1 ? "" : "s", rep->nsol,
	    rep->nsol == 1 ? "" : "s", rep->npass, rep->nfail);
	if (rep->nskip)
		ra_html_textf(pg, n, ", %zu not exported", rep->nskip);
	t = ra_html_meta_table(pg, o->generated);
	td = ra_html_meta_row(pg, t, rep->nprof == 1 ? "Profile" :
	    "Profiles");
	for (i = 0; i < rep->nprof; i++) {
		if (i)
			ra_html_el(pg, td, "br", NULL);
		ra_html_uel(pg, td, "strong", NULL, rep->prof[i]->name);
		ra_html_textf(pg, td, " (%zu privilege%s): ", rep->prof[i]->n,
		    rep->prof[i]->n == 1 ? "" : "s");
		ra_html_utext(pg, td, rep->prof[i]->source);
	}
	ra_html_textf(pg, ra_html_meta_row(pg, t, "Required"),
	    "%zu privilege%s%s", rep->req.n, rep->req.n == 1 ? "" : "s",
	    rep->nprof > 1 ? ", the profiles united (the highest depth "
	    "wins)" : "");
	if (rep->npol) {
		td = ra_html_meta_row(pg, t, rep->npol == 1 ? "Policy" :
		    "Policies");
		for (i = 0; i < rep->npol; i++) {
			if (i)
				ra_html_el(pg, td, "br", NULL);
			ra_html_uel(pg, td, "strong", NULL,
			    rep->pol[i]->name);
			ra_html_textf(pg, td, " (%zu row%s): ",
			    rep->pol[i]->n, rep->pol[i]->n == 1 ? "" : "s");
			ra_html_utext(pg, td, rep->pol[i]->file);
		}
		ra_html_textf(pg, ra_html_meta_row(pg, t, "Violations"),
		    "%zu error, %zu warning, %zu note",
		    rep->nviol[RA_SEV_ERROR], rep->nviol[RA_SEV_WARNING],
		    rep->nviol[RA_SEV_NOTE]);
	}
	ra_html_inputs(pg, rep->sol, rep->nsol, NULL);
	ra_html_diags(pg, rep->ctx);
	roles_table(pg, rep, &b);
	ra_html_legend(pg, 1);
	ra_html_flush(pg);

	v.ctx = rep->ctx;
	v.grid = &grid;
	v.shown = check_shown;
	v.cell = check_cell;
	v.need = need;
	v.tip = &tip;
	for (i = 0; i < rep->nres; i++) {
		ra_html_flush(pg);
		role_section(pg, rep, i, &v, &b);
	}
	ra_html_footer(pg, rep->npol ? "Every required privilege a role "
	    "lacks is an error; a policy violation has its row's severity." :
	    "Every required privilege a role lacks is an error.");
	ra_buf_free(&b);
	ra_buf_free(&tip);
	ra_grid_free(&grid);
	free(need);
	return ra_html_end(pg);
}
