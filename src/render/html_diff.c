/*
 * html_diff.c - a diff as an HTML page: the verdict and counts, the two
 * inputs, a table of the roles that differ, then a section per role
 * with its privilege changes, its profile verdicts and its grids, where
 * a changed cell shows the old and the new depth and whether the change
 * is an escalation.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

/*
 * Whether either side holds privilege P, read from V->levels (both
 * sides' levels in a byte, 0 when neither holds it): the grids ask for
 * every privilege of the catalog, in their order, and looking each up
 * in both roles' sets took a sixth of the page's time.
 */
static int
diff_shown(const struct ra_html_view *v, size_t p)
{
	return v->levels[p] != 0;
}

/*
 * Set (ON 1) or clear V->levels for the privileges of R (NULL: none) as
 * the side SHIFT (0 old, 4 new); setting, add their grid rows to
 * V->rows (unsorted, with repeats; NULL once memory ran out, when the
 * grids walk every row).
 */
static void
mark_levels(struct ra_html_view *v, const struct ra_role *r, int shift,
    int on)
{
	struct ra_bitmap_iter	 it;
	size_t			 p;
	enum ra_level		 l;

	if (r == NULL)
		return;
	ra_bitmap_iter_init(&it, &r->bits);
	while (ra_bitmap_iter_next(&it, &p, &l)) {
		v->levels[p] = on ? (unsigned char)(v->levels[p] |
		    (unsigned)l << shift) : 0;
		if (!on || v->rows == NULL)
			continue;
		if (ra_grow(&v->rows, &v->caprows, v->nrows + 1,
		    sizeof(*v->rows)) == -1) {
			free(v->rows);
			v->rows = NULL;
			v->caprows = 0;
			continue;
		}
		v->rows[v->nrows++] = v->row_of[p];
	}
}

static int
row_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* V->rows in order, each once. */
static void
sort_rows(struct ra_html_view *v)
{
	size_t	 i, n = 0;

	if (v->rows == NULL || v->nrows == 0)
		return;
	qsort(v->rows, v->nrows, sizeof(*v->rows), row_cmp);
	for (i = 0; i < v->nrows; i++)
		if (n == 0 || v->rows[i] != v->rows[n - 1])
			v->rows[n++] = v->rows[i];
	v->nrows = n;
}

/*
 * V->row_of, each privilege's row in GRID, and V->rows ready for the
 * first role; without the memory for them the grids walk every row.
 */
static void
rows_init(struct ra_html_view *v, const struct ra_grid *grid, size_t ncat)
{
	size_t	 i, k, n;

	if ((v->row_of = calloc(ncat + 1, sizeof(*v->row_of))) == NULL)
		return;
	for (i = 0; i < grid->n; i++) {
		n = (size_t)__builtin_popcount(grid->row[i].mask);
		for (k = 0; k < n; k++)
			v->row_of[grid->priv[grid->row[i].first + k]] =
			    (uint32_t)i;
	}
	if (ra_grow(&v->rows, &v->caprows, 64, sizeof(*v->rows)) == -1) {
		free(v->row_of);
		v->row_of = NULL;
	}
}

/*
 * The depth on both sides, and how the change is marked: an escalation
 * (ra_pdiff_reason(), as the diff has it; for an added or removed role
 * the same rules), more, or less.
 */
static void
diff_cell(struct ra_html *pg, const struct ra_html_view *v,
    struct ra_html_node *tr, size_t p)
{
	enum ra_level		 o = (enum ra_level)(v->levels[p] & 0xf);
	enum ra_level		 n = (enum ra_level)(v->levels[p] >> 4);
	struct ra_buf		*t = v->tip;
	struct ra_pdiff		 pc;
	const char		*reason = NULL, *cls = "c";
	struct ra_html_node	*td;

	t->len = 0;
	ra_buf_add_safe(t, v->ctx->cat.v[p].name);
	ra_buf_adds(t, ": ");
	if (o == n)
		ra_buf_adds(t, ra_level_editor_name(n));
	else {
		ra_buf_adds(t, ra_level_editor_name(o));
		ra_buf_adds(t, " \xe2\x86\x92 ");
		ra_buf_adds(t, ra_level_editor_name(n));
		pc = ra_pdiff_make(v->ctx, p, o, n);
		reason = ra_pdiff_reason(v->ctx, &pc, v->why);
		cls = reason != NULL ? "c esc" : n > o ? "c up" : "c down";
		if (reason != NULL) {
			ra_buf_adds(t, "; escalation: ");
			ra_buf_adds(t, reason);
		}
	}
	td = ra_html_el(pg, tr, "td", cls);
	if (t->oom || v->why->oom)
		ra_html_fail(pg);
	else
		ra_html_attr(pg, td, "title", t->s);
	ra_html_circle(pg, td, o);
	if (o != n) {
		ra_html_tel(pg, td, "span", "arrow", "\xe2\x86\x92");
		ra_html_circle(pg, td, n);
		if (reason != NULL)
			ra_html_tel(pg, td, "span", "why", "escalation");
	}
}

static const char *
change_label(const struct ra_rdiff *r)
{
	return r->change == RA_RCH_ADDED ? "ADDED" :
	    r->change == RA_RCH_REMOVED ? "REMOVED" : "CHANGED";
}

/* The badge of a role's own change. */
static void
change_badge(struct ra_html *pg, struct ra_html_node *parent,
    const struct ra_rdiff *r)
{
	ra_html_badge(pg, parent, r->change == RA_RCH_REMOVED ? "note" :
	    r->change == RA_RCH_ADDED ? "warning" : "neutral",
	    change_label(r));
}

/* "profile: pass -> fail" for verdict K of R. */
static void
verdict(struct ra_html *pg, struct ra_html_node *n, const struct ra_rdiff *r,
    size_t k)
{
	ra_html_utext(pg, n, r->t[k].prof->name);
	ra_html_textf(pg, n, ": %s \xe2\x86\x92 %s",
	    r->t[k].old_pass ? "pass" : "fail",
	    r->t[k].new_pass ? "pass" : "fail");
}

/* WHY is scratch for a change's reasons. */
static void
changes_table(struct ra_html *pg, struct ra_html_node *sec,
    const struct ra_diff *d, const struct ra_rdiff *r, struct ra_buf *why)
{
	static const char *const heads[] = { "Tab", "Privilege", "Entity",
	    "Change", "Old", "New", "Severity", "Escalation" };
	const struct ra_solution *sides[2] = { d->new, d->old };
	struct ra_html_node	*tb, *tr, *td;
	struct ra_pinfo		 pi;
	const char		*reason;
	size_t			 k;

	ra_html_tel(pg, sec, "h3", NULL, "Privilege changes");
	tb = ra_html_thead(pg, ra_html_el(pg, sec, "table", "changes"), heads,
	    8);
	for (k = 0; k < r->np; k++) {
		const struct ra_pdiff	*p = &r->p[k];
		enum ra_severity	 s = ra_pdiff_severity(p);

		ra_pinfo(d->ctx, sides, 2, p->priv, &pi);
		tr = ra_html_el(pg, tb, "tr", NULL);
		ra_html_place_cell(pg, tr, &pi);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    pi.name);
		ra_html_label_cell(pg, tr, &pi);
		ra_html_tel(pg, tr, "td", NULL, ra_pchange_name(p->change));
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_circle(pg, td, p->old);
		ra_html_text(pg, td, " ");
		ra_html_text(pg, td, p->old ? ra_level_name(p->old) :
		    "\xe2\x80\x94");
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_circle(pg, td, p->new);
		ra_html_text(pg, td, " ");
		ra_html_text(pg, td, p->new ? ra_level_name(p->new) :
		    "\xe2\x80\x94");
		ra_html_badge(pg, ra_html_el(pg, tr, "td", NULL),
		    ra_severity_name(s), ra_severity_name(s));
		reason = ra_pdiff_reason(d->ctx, p, why);
		if (why->oom)
			ra_html_fail(pg);
		ra_html_tel(pg, tr, "td", NULL, reason ? reason : "");
	}
}

/* The table of the roles that differ, each a link to its section. */
static void
roles_table(struct ra_html *pg, const struct ra_diff *d)
{
	static const char *const heads[] = { "Change", "Role", "Id",
	    "Privilege changes", "Escalations", "Profiles", "Severity" };
	struct ra_html_node	*body = ra_html_body(pg), *tb, *tr, *td, *n;
	char			 id[32];
	size_t			 i, k, esc;

	ra_html_tel(pg, body, "h2", NULL, "Roles");
	if (d->nr == 0) {
		ra_html_tel(pg, body, "p", NULL, "No differences in roles.");
		return;
	}
	tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "summary"), heads,
	    7);
	for (i = 0; i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];
		const struct ra_role	*cur = r->new ? r->new : r->old;
		enum ra_severity	 s = ra_rdiff_severity(r);

		tr = ra_html_el(pg, tb, "tr", NULL);
		change_badge(pg, ra_html_el(pg, tr, "td", NULL), r);
		snprintf(id, sizeof(id), "#role-%zu", i + 1);
		td = ra_html_el(pg, tr, "td", NULL);
		n = ra_html_el(pg, td, "a", NULL);
		ra_html_attr(pg, n, "href", id);
		ra_html_utext(pg, n, cur->name);
		if (r->renamed) {
			ra_html_text(pg, td, " (was \xe2\x80\x9c");
			ra_html_utext(pg, td, r->old->name);
			ra_html_text(pg, td, "\xe2\x80\x9d)");
		}
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    *cur->id ? cur->id : "(no id)");
		td = ra_html_el(pg, tr, "td", NULL);
		if (r->change == RA_RCH_CHANGED && r->unexported)
			ra_html_text(pg, td, "not compared: privileges not in "
			    "one export");
		else if (r->change == RA_RCH_CHANGED)
			ra_html_textf(pg, td, "%zu", r->np);
		else
			ra_html_textf(pg, td, "%s, %zu privilege%s",
			    ra_rchange_name(r->change), cur->nprivs,
			    cur->nprivs == 1 ? "" : "s");
		esc = r->change == RA_RCH_ADDED ? (size_t)r->escalation :
		    r->nesc;
		ra_html_textf(pg, ra_html_el(pg, tr, "td", "num"), "%zu", esc);
		td = ra_html_el(pg, tr, "td", NULL);
		for (k = 0; k < r->nt; k++) {
			if (k)
				ra_html_el(pg, td, "br", NULL);
			verdict(pg, td, r, k);
		}
		ra_html_badge(pg, ra_html_el(pg, tr, "td", NULL),
		    ra_severity_name(s), ra_severity_name(s));
	}
}

/* The location of R (not NULL) as a row of table T. */
static void
location_row(struct ra_html *pg, struct ra_html_node *t, const char *th,
    const struct ra_role *r, struct ra_buf *b)
{
	b->len = 0;
	ra_role_location(r, b);
	ra_html_utext(pg, ra_html_el(pg, ra_html_meta_row(pg, t, th), "code",
	    NULL), b->oom ? "" : b->s);
}

/*
 * The section of role I: what changed, the verdicts, and (unless only
 * its name changed) its grids.
 */
static void
role_section(struct ra_html *pg, const struct ra_diff *d, size_t i,
    struct ra_html_view *v, struct ra_buf *b)
{
	const struct ra_rdiff	*r = &d->r[i];
	const struct ra_role	*cur = r->new ? r->new : r->old;
	struct ra_html_node	*sec, *n, *t, *td, *ul;
	char			 id[32];
	size_t			 k;

	sec = ra_html_el(pg, ra_html_body(pg), "section", "role");
	snprintf(id, sizeof(id), "role-%zu", i + 1);
	ra_html_attr(pg, sec, "id", id);
	n = ra_html_el(pg, sec, "h2", NULL);
	change_badge(pg, n, r);
	ra_html_utext(pg, n, cur->name);
	t = ra_html_el(pg, sec, "table", "meta");
	ra_html_utext(pg, ra_html_el(pg, ra_html_meta_row(pg, t, "Id"),
	    "code", NULL), *cur->id ? cur->id : "(no id)");
	if (r->renamed)
		ra_html_utext(pg, ra_html_meta_row(pg, t, "Renamed from"),
		    r->old->name);
	if (r->old != NULL)
		location_row(pg, t, "Old location", r->old, b);
	if (r->new != NULL)
		location_row(pg, t, "New location", r->new, b);
	if (r->unexported) {
		td = ra_html_meta_row(pg, t, "Privileges");
		ra_html_text(pg, td, r->unexported == RA_UNEXPORTED_OLD ?
		    "old: " : r->unexported == RA_UNEXPORTED_NEW ? "new: " : "");
		ra_html_text(pg, td, RA_NOT_EXPORTED_REASON);
		return;
	}
	if (r->change != RA_RCH_CHANGED) {
		td = ra_html_meta_row(pg, t, "Privileges");
		ra_html_textf(pg, td, "%zu %s", cur->nprivs,
		    r->change == RA_RCH_ADDED ? "granted" :
		    "no longer granted");
		if (r->escalation)
			ra_html_text(pg, td, "; grants escalating privileges");
	}
	if (r->np)
		changes_table(pg, sec, d, r, v->why);
	if (r->nt) {
		ra_html_tel(pg, sec, "h3", NULL, "Profile verdicts");
		ul = ra_html_el(pg, sec, "ul", NULL);
		for (k = 0; k < r->nt; k++)
			verdict(pg, ra_html_el(pg, ul, "li", NULL), r, k);
	}
	if (r->np == 0 && r->change == RA_RCH_CHANGED)
		return;
	v->old = r->old;
	v->new = r->new;
	v->nrows = 0;
	mark_levels(v, r->old, 0, 1);
	mark_levels(v, r->new, 4, 1);
	sort_rows(v);
	v->anchor = id;
	ra_html_tel(pg, sec, "h3", NULL, "Privileges by tab");
	ra_html_tel(pg, sec, "p", "hint", r->change == RA_RCH_CHANGED ?
	    "Every entity the role holds anything on, on either side; "
	    "changed cells show the old and the new depth." :
	    "Every privilege of the role, marked as added or removed.");
	ra_html_grids(pg, v, sec);
	mark_levels(v, r->old, 0, 0);
	mark_levels(v, r->new, 4, 0);
}

/* The badge of an app or column change of severity SEV, saying S. */
static void
access_badge(struct ra_html *pg, struct ra_html_node *td,
    enum ra_severity sev, const char *s)
{
	ra_html_badge(pg, td, sev == RA_SEV_ERROR ? "error" :
	    sev == RA_SEV_WARNING ? "warning" : "note", s);
}

/*
 * The app role-map and column permission changes, when there are any:
 * the "Apps" and "Column security" sections of the comparison.
 */
static void
access_tables(struct ra_html *pg, const struct ra_diff *d)
{
	static const char *const ahead[] = { "Change", "Role", "Id", "App" };
	static const char *const chead[] = { "Change", "Profile", "Table",
	    "Column", "Right" };
	struct ra_html_node	*body = ra_html_body(pg), *tb = NULL, *tr, *td;
	size_t			 i;

	if (d->nad) {
		ra_html_tel(pg, body, "h2", NULL, "Apps");
		tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "summary"),
		    ahead, 4);
	}
	for (i = 0; i < d->nad; i++) {
		const struct ra_adiff	*a = &d->ad[i];

		tr = ra_html_el(pg, tb, "tr", NULL);
		access_badge(pg, ra_html_el(pg, tr, "td", NULL),
		    ra_adiff_severity(a), a->added ? "added: newly able to "
		    "open the app" : "removed");
		ra_html_uel(pg, tr, "td", NULL, a->role ? a->role->name :
		    RA_UNKNOWN_ROLE_ID);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    a->role_id);
		td = ra_html_el(pg, tr, "td", NULL);
		ra_html_utext(pg, td, a->app->display ? a->app->display :
		    a->app->name);
		ra_html_text(pg, td, " ");
		ra_html_uel(pg, td, "code", NULL, a->app->name);
	}
	if (d->ncd) {
		ra_html_tel(pg, body, "h2", NULL, "Column security");
		tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "summary"),
		    chead, 5);
	}
	for (i = 0; i < d->ncd; i++) {
		const struct ra_cdiff	*c = &d->cd[i];

		tr = ra_html_el(pg, tb, "tr", NULL);
		access_badge(pg, ra_html_el(pg, tr, "td", NULL),
		    ra_cdiff_severity(c), c->escalation ? "granted: newly able "
		    "to read a secured column" : c->granted ? "granted" :
		    "revoked");
		ra_html_uel(pg, tr, "td", NULL, c->profile);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    c->entity);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    c->attribute);
		ra_html_tel(pg, tr, "td", NULL, ra_fright_name(c->right));
	}
}

enum ra_err
ra_render_diff_html(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	static const char *const sides[] = { "old", "new" };
	const struct ra_solution *sol[2];
	struct ra_html		*pg;
	struct ra_grid		 grid;
	struct ra_buf		 b = { 0 }, tip = { 0 }, why = { 0 };
	struct ra_html_view	 v;
	struct ra_html_node	*t, *td, *n;
	size_t			 i;

	memset(&v, 0, sizeof(v));
	if ((v.levels = calloc(d->ctx->cat.n + 1, 1)) == NULL)
		return RA_ENOMEM;
	sol[0] = d->new;
	sol[1] = d->old;
	if (ra_grid_build(d->ctx, sol, 2, &grid) == -1) {
		free(v.levels);
		return RA_ENOMEM;
	}
	ra_buf_adds(&b, "Security role comparison: ");
	ra_buf_adds(&b, d->old->path);
	ra_buf_adds(&b, " \xe2\x86\x92 ");
	ra_buf_adds(&b, d->new->path);
	if ((pg = ra_html_new(b.oom ? "" : b.s, out)) == NULL) {
		ra_buf_free(&b);
		ra_grid_free(&grid);
		free(v.levels);
		return RA_ENOMEM;
	}
	sol[0] = d->old;
	sol[1] = d->new;

	ra_html_tel(pg, ra_html_body(pg), "h1", NULL,
	    "Security role comparison");
	n = ra_html_el(pg, ra_html_body(pg), "p", "lead");
	ra_html_badge(pg, n, d->escalations ? "error" : d->nr ? "warning" :
	    "pass", d->escalations ? "ESCALATION" : d->nr ? "CHANGED" :
	    "SAME");
	ra_html_textf(pg, n, " Roles: %zu added, %zu removed, %zu changed",
	    d->roles_added, d->roles_removed, d->roles_changed);
	if (d->roles_not_exported)
		ra_html_textf(pg, n, ", %zu not in one export",
		    d->roles_not_exported);
	ra_html_textf(pg, n, ".  Privileges: %zu added, %zu removed, %zu "
	    "raised, %zu lowered.  Escalations: %zu.", d->added, d->removed,
	    d->raised, d->lowered, d->escalations);
	t = ra_html_meta_table(pg, o->generated);
	td = ra_html_meta_row(pg, t, "Profiles evaluated");
	for (i = 0; i < d->nprof; i++) {
		if (i)
			ra_html_text(pg, td, ", ");
		ra_html_uel(pg, td, "strong", NULL, d->prof[i]->name);
	}
	ra_html_inputs(pg, sol, 2, sides);
	ra_html_diags(pg, d->ctx);
	roles_table(pg, d);
	ra_html_legend(pg, 2);
	ra_html_flush(pg);

	v.ctx = d->ctx;
	v.grid = &grid;
	rows_init(&v, &grid, d->ctx->cat.n);
	v.shown = diff_shown;
	v.cell = diff_cell;
	v.tip = &tip;
	v.why = &why;
	for (i = 0; i < d->nr; i++) {
		ra_html_flush(pg);
		role_section(pg, d, i, &v, &b);
	}
	ra_html_flush(pg);
	access_tables(pg, d);
	ra_html_footer(pg, "An escalation or a role that stops passing a "
	    "profile is an error; another change that grants more, a "
	    "warning; a change that grants less, a note.");
	ra_buf_free(&b);
	ra_buf_free(&tip);
	ra_buf_free(&why);
	ra_grid_free(&grid);
	free(v.levels);
	free(v.rows);
	free(v.row_of);
	return ra_html_end(pg);
}
