/*
 * html_parts.c - what the HTML pages share: the header table (time and
 * tool), the inputs table, the input diagnostics, table heads, badges,
 * the editor's depth circles and their legend, the footer, and the
 * grids of one role as the security-role editor shows them.
 *
 * Grids follow the editor: tabs in the editor's order, entities as rows,
 * the eight access rights as columns, depth as the editor's circles
 * (none, user, business unit, parent: child business units,
 * organization), then the Miscellaneous and Privacy-related privileges.
 * The layout comes from grid.c (ra_grid_build()); what a cell shows is
 * the page's (struct ra_html_view).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/render.h"

/* The editor's circles: empty, quarter, half, three quarters, full. */
static const char *const glyph[] = {
	"\xe2\x97\x8b", "\xe2\x97\x94", "\xe2\x97\x91", "\xe2\x97\x95",
	"\xe2\x97\x8f"
};

static const char *const kind_names[] = { "zip", "folder", "xml", "package" };

void
ra_html_title(struct ra_buf *b, const char *what,
    const struct ra_solution *const *sol, size_t nsol)
{
	ra_buf_adds(b, what);
	if (nsol > 0) {
		ra_buf_adds(b, ": ");
		ra_buf_adds(b, sol[0]->path);
		if (nsol > 1)
			ra_buf_printf(b, " and %zu more", nsol - 1);
	}
}

struct ra_html_node *
ra_html_meta_row(struct ra_html *pg, struct ra_html_node *table,
    const char *th)
{
	struct ra_html_node	*tr = ra_html_el(pg, table, "tr", NULL);

	ra_html_tel(pg, tr, "th", NULL, th);
	return ra_html_el(pg, tr, "td", NULL);
}

struct ra_html_node *
ra_html_meta_table(struct ra_html *pg, int64_t generated)
{
	struct ra_html_node	*t;
	char			 when[64];
	struct tm		 tm;
	time_t			 tt = (time_t)generated;

	t = ra_html_el(pg, ra_html_body(pg), "table", "meta");
	if (generated != 0 && gmtime_r(&tt, &tm) != NULL &&
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm) > 0)
		ra_html_text(pg, ra_html_meta_row(pg, t, "Generated"), when);
	ra_html_text(pg, ra_html_meta_row(pg, t, "Tool"),
	    "roleaudit " RA_VERSION);
	return t;
}

static const char *
managed_name(const struct ra_solution *s)
{
	switch (s->managed) {
	case 0:
		return "unmanaged";
	case 1:
		return "managed";
	case 2:
		return "managed and unmanaged";
	default:
		return "unknown";
	}
}

/* One row of the inputs table; SIDE ("old", "new") or NULL for a number. */
static void
input_row(struct ra_html *pg, struct ra_html_node *tbody,
    const struct ra_solution *s, size_t i, const char *side)
{
	struct ra_html_node	*tr = ra_html_el(pg, tbody, "tr", NULL);

	if (side != NULL)
		ra_html_tel(pg, tr, "td", NULL, side);
	else
		ra_html_textf(pg, ra_html_el(pg, tr, "td", "num"), "%zu",
		    i + 1);
	ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
	    s->path);
	ra_html_tel(pg, tr, "td", NULL, kind_names[s->kind]);
	ra_html_tel(pg, tr, "td", "hash", s->sha256);
	ra_html_uel(pg, tr, "td", NULL, s->unique_name ? s->unique_name :
	    "\xe2\x80\x94");
	ra_html_uel(pg, tr, "td", NULL, s->version ? s->version :
	    "\xe2\x80\x94");
	ra_html_tel(pg, tr, "td", NULL, s->has_manifest ? managed_name(s) :
	    "\xe2\x80\x94");
	ra_html_textf(pg, ra_html_el(pg, tr, "td", "num"), "%zu", s->nrole);
}

struct ra_html_node *
ra_html_thead(struct ra_html *pg, struct ra_html_node *table,
    const char *const *heads, size_t n)
{
	struct ra_html_node	*tr;
	size_t			 i;

	tr = ra_html_el(pg, ra_html_el(pg, table, "thead", NULL), "tr", NULL);
	for (i = 0; i < n; i++)
		ra_html_tel(pg, tr, "th", NULL, heads[i]);
	return ra_html_el(pg, table, "tbody", NULL);
}

void
ra_html_inputs(struct ra_html *pg, const struct ra_solution *const *sol,
    size_t nsol, const char *const *side)
{
	static const char *const heads[] = { "#", "Input", "Kind", "SHA-256",
	    "Solution", "Version", "Managed", "Roles" };
	static const char *const dheads[] = { "Side", "Input", "Kind",
	    "SHA-256", "Solution", "Version", "Managed", "Roles" };
	struct ra_html_node	*body = ra_html_body(pg), *tb;
	size_t			 i;

	ra_html_tel(pg, body, "h2", NULL, nsol == 1 ? "Input" : "Inputs");
	tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "inputs"),
	    side ? dheads : heads, 8);
	for (i = 0; i < nsol; i++)
		input_row(pg, tb, sol[i], i, side ? side[i] : NULL);
}

void
ra_html_diags(struct ra_html *pg, const struct ra_ctx *ctx)
{
	static const char *const heads[] = { "Severity", "Location",
	    "Message", "Code" };
	struct ra_html_node	*body = ra_html_body(pg), *tb, *tr;
	struct ra_buf		 loc = { 0 };
	char			 code[16];
	size_t			 i;

	if (ctx->ndiag == 0)
		return;
	ra_html_tel(pg, body, "h2", NULL, "Input diagnostics");
	tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "diags"), heads,
	    4);
	for (i = 0; i < ctx->ndiag; i++) {
		const struct ra_diag	*d = &ctx->diag[i];

		tr = ra_html_el(pg, tb, "tr", NULL);
		ra_html_tel(pg, ra_html_el(pg, tr, "td", NULL), "span",
		    ra_severity_name(d->severity),
		    ra_severity_name(d->severity));
		loc.len = 0;
		if (loc.s != NULL)
			loc.s[0] = '\0';
		if (d->file != NULL) {
			ra_buf_adds(&loc, d->file);
			if (d->member != NULL) {
				ra_buf_adds(&loc, "!");
				ra_buf_adds(&loc, d->member);
			}
			if (d->line)
				ra_buf_printf(&loc, ":%lu", d->line);
			if (d->line && d->column)
				ra_buf_printf(&loc, ":%lu", d->column);
		}
		if (loc.oom)
			ra_html_fail(pg);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    loc.s != NULL ? loc.s : "");
		ra_html_uel(pg, tr, "td", NULL, d->message);
		snprintf(code, sizeof(code), "RA%03d", d->code);
		ra_html_tel(pg, tr, "td", "mono", d->code ? code : "");
	}
	ra_buf_free(&loc);
}

void
ra_html_circle(struct ra_html *pg, struct ra_html_node *parent,
    enum ra_level l)
{
	static const char *const cls[] = { "d d0", "d d1", "d d2", "d d3",
	    "d d4" };
	struct ra_html_node	*s;

	if ((unsigned)l > RA_LEVEL_GLOBAL)
		l = RA_LEVEL_NONE;
	s = ra_html_el(pg, parent, "span", cls[l]);
	ra_html_attr(pg, s, "role", "img");
	ra_html_attr(pg, s, "aria-label", ra_level_editor_name(l));
	ra_html_text(pg, s, glyph[l]);
}

struct ra_html_node *
ra_html_badge(struct ra_html *pg, struct ra_html_node *parent,
    const char *cls, const char *s)
{
	char	 c[64];

	snprintf(c, sizeof(c), "badge %s", cls);
	return ra_html_tel(pg, parent, "span", c, s);
}

/* "category (ids)" of a fact, or the category alone when it has no ids. */
static void
why_add(struct ra_buf *b, enum ra_prov by, const char *ids)
{
	ra_buf_adds(b, ra_prov_name(by));
	if (*ids && strcmp(ids, "unplaced") != 0)
		ra_buf_printf(b, " (%s)", ids);
}

struct ra_html_node *
ra_html_place_cell(struct ra_html *pg, struct ra_html_node *tr,
    const struct ra_pinfo *pi)
{
	struct ra_html_node	*td;
	struct ra_buf		 t = { 0 };

	/* Written as it goes: the title before the text. */
	ra_buf_adds(&t, "tab: ");
	why_add(&t, pi->tab_by, pi->tab_ids);
	td = ra_html_el(pg, tr, "td", NULL);
	if (t.oom)
		ra_html_fail(pg);
	else
		ra_html_uattr(pg, td, "title", t.s);
	ra_buf_free(&t);
	ra_html_text(pg, td, ra_tab_name(pi->tab));
	if (pi->section != RA_SECTION_ENTITIES) {
		ra_html_text(pg, td, " \xe2\x80\xba ");
		ra_html_text(pg, td, ra_section_name(pi->section));
	}
	if (pi->tab_by == RA_PROV_UNPLACED)
		ra_html_unplaced(pg, td);
	return td;
}

struct ra_html_node *
ra_html_label_cell(struct ra_html *pg, struct ra_html_node *tr,
    const struct ra_pinfo *pi)
{
	struct ra_html_node	*td;
	struct ra_buf		 l = { 0 };

	/* Written as it goes: the title before the text. */
	ra_buf_adds(&l, "display name: ");
	why_add(&l, pi->entity_by, pi->entity_ids);
	ra_buf_adds(&l, "; depths: ");
	why_add(&l, pi->depths_by, pi->depth_ids);
	td = ra_html_el(pg, tr, "td", NULL);
	if (l.oom)
		ra_html_fail(pg);
	else
		ra_html_uattr(pg, td, "title", l.s);
	l.len = 0;
	ra_pinfo_label(pi, &l);
	ra_buf_add(&l, "", 0);
	if (l.oom)
		ra_html_fail(pg);
	else
		ra_html_utext(pg, td, l.s);
	ra_buf_free(&l);
	return td;
}

void
ra_html_unplaced(struct ra_html *pg, struct ra_html_node *parent)
{
	struct ra_html_node	*n;

	/* Written as it goes: the attribute before the text. */
	n = ra_html_el(pg, parent, "span", "unplaced");
	ra_html_attr(pg, n, "title", "no fact places it: shown under "
	    "Missing Entities, as the role editor shows a table it has no "
	    "place for");
	ra_html_text(pg, n, "unplaced");
}

/* One key of the legend: a sample cell styled STYLE, then what it means. */
static void
swatch(struct ra_html *pg, struct ra_html_node *div, const char *style,
    const char *what)
{
	struct ra_html_node	*k = ra_html_el(pg, div, "span", "k"), *box;

	if (style != NULL) {
		box = ra_html_el(pg, k, "span", "box");
		ra_html_attr(pg, box, "style", style);
		ra_html_text(pg, box, " ");
	}
	ra_html_text(pg, k, what);
}

void
ra_html_legend(struct ra_html *pg, int marks)
{
	struct ra_html_node	*div, *k;
	enum ra_level		 l;

	div = ra_html_el(pg, ra_html_body(pg), "div", "legend");
	ra_html_tel(pg, div, "strong", NULL, "Depth: ");
	for (l = RA_LEVEL_NONE; l <= RA_LEVEL_GLOBAL; l++) {
		k = ra_html_el(pg, div, "span", "k");
		ra_html_circle(pg, k, l);
		ra_html_text(pg, k, " ");
		ra_html_text(pg, k, ra_level_editor_name(l));
		if (l != RA_LEVEL_NONE) {
			ra_html_text(pg, k, " (");
			ra_html_text(pg, k, ra_level_name(l));
			ra_html_text(pg, k, ")");
		}
	}
	if (marks == 0)
		return;
	ra_html_el(pg, div, "br", NULL);
	ra_html_tel(pg, div, "strong", NULL, "Cells: ");
	if (marks == 1) {
		swatch(pg, div, "background:#fdecea;outline:2px solid #c62828;"
		    "outline-offset:-2px", "required but missing "
		    "(\xe2\x80\x9cneeds\xe2\x80\x9d names the depth required)");
		swatch(pg, div, "box-shadow:inset 0 -3px 0 #66bb6a",
		    "required and held");
		swatch(pg, div, NULL, "blank: the entity has no such privilege");
		return;
	}
	swatch(pg, div, "background:#fdecea;outline:2px solid #c62828;"
	    "outline-offset:-2px", "escalation");
	swatch(pg, div, "background:#fff4d6;outline:2px solid #e0a100;"
	    "outline-offset:-2px", "grants more (added, raised)");
	swatch(pg, div, "background:#e8f0fe;outline:2px solid #7baaf7;"
	    "outline-offset:-2px", "grants less (removed, lowered)");
	swatch(pg, div, NULL, "old \xe2\x86\x92 new");
}

void
ra_html_footer(struct ra_html *pg, const char *what)
{
	struct ra_html_node	*f;

	f = ra_html_el(pg, ra_html_body(pg), "footer", NULL);
	ra_html_text(pg, f, what);
	ra_html_text(pg, f, " Made by roleaudit " RA_VERSION " from the "
	    "exported solution files alone; circles follow the security-role "
	    "editor's depths.  See roleaudit(1).");
}

/* ---- the grids of one role ------------------------------------------ */

/* A walk of the grid rows [I, B) that V visits (struct ra_html_view). */
struct walk {
	const struct ra_html_view	*v;
	size_t				 i, b;
};

static void
walk_init(struct walk *w, const struct ra_html_view *v, size_t a, size_t b)
{
	size_t	 lo = 0, hi, mid;

	w->v = v;
	w->b = b;
	if (v->rows == NULL) {
		w->i = a;
		return;
	}
	/* The first of V->rows at or after A. */
	for (hi = v->nrows; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (v->rows[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	w->i = lo;
}

/* The next row of the walk into *ROW: 1, or 0 at its end. */
static int
walk_next(struct walk *w, size_t *row)
{
	if (w->v->rows == NULL) {
		if (w->i >= w->b)
			return 0;
		*row = w->i++;
		return 1;
	}
	if (w->i >= w->v->nrows || w->v->rows[w->i] >= w->b)
		return 0;
	*row = w->v->rows[w->i++];
	return 1;
}

static int
row_shown(const struct ra_html_view *v, const struct ra_grid_row *r)
{
	size_t	 k, p;

	for (k = 0; k < RA_ACCESS__COUNT; k++)
		if ((p = ra_grid_cell(v->grid, r, k)) != RA_NOPRIV &&
		    v->shown(v, p))
			return 1;
	return 0;
}

/* The entity grid of a tab (rows A to B of the grid). */
static void
entity_table(struct ra_html *pg, const struct ra_html_view *v,
    struct ra_html_node *parent, size_t a, size_t b)
{
	struct ra_html_node	*tb, *tr, *th;
	struct walk		 w;
	size_t			 i, k;

	tb = ra_html_el(pg, parent, "table", "grid ent");
	tr = ra_html_el(pg, ra_html_el(pg, tb, "thead", NULL), "tr", NULL);
	ra_html_tel(pg, tr, "th", NULL, "Entity");
	for (k = RA_ACCESS_CREATE; k < RA_ACCESS__COUNT; k++)
		ra_html_tel(pg, tr, "th", NULL, ra_access_label(k));
	tb = ra_html_el(pg, tb, "tbody", NULL);
	for (walk_init(&w, v, a, b); walk_next(&w, &i);) {
		const struct ra_grid_row	*r = &v->grid->row[i];

		if (r->section != RA_SECTION_ENTITIES || !row_shown(v, r))
			continue;
		tr = ra_html_el(pg, tb, "tr", NULL);
		th = ra_html_el(pg, tr, "th", NULL);
		ra_html_attr(pg, th, "scope", "row");
		ra_html_utext(pg, th, r->label);
		if (r->unplaced)
			ra_html_unplaced(pg, th);
		for (k = RA_ACCESS_CREATE; k < RA_ACCESS__COUNT; k++) {
			size_t	 p = ra_grid_cell(v->grid, r, k);

			if (p == RA_NOPRIV)
				ra_html_el(pg, tr, "td", "c na");
			else
				v->cell(pg, v, tr, p);
		}
	}
}

/* The rows of section SEC in rows A to B, when any is shown. */
static void
section_table(struct ra_html *pg, const struct ra_html_view *v,
    struct ra_html_node *parent, size_t a, size_t b, enum ra_section sec)
{
	static const char *const heads[] = { "Privilege", "Name", "Depth" };
	struct ra_html_node	*tb = NULL, *tr, *th;
	struct walk		 w;
	size_t			 i;

	for (walk_init(&w, v, a, b); walk_next(&w, &i);) {
		const struct ra_grid_row	*r = &v->grid->row[i];
		size_t				 p = ra_grid_cell(v->grid, r,
						    RA_ACCESS_NONE);

		if (r->section != sec || !v->shown(v, p))
			continue;
		if (tb == NULL) {
			ra_html_tel(pg, parent, "h4", NULL,
			    ra_section_name(sec));
			tb = ra_html_thead(pg, ra_html_el(pg, parent, "table",
			    "grid sec"), heads, 3);
		}
		tr = ra_html_el(pg, tb, "tr", NULL);
		th = ra_html_el(pg, tr, "th", NULL);
		ra_html_attr(pg, th, "scope", "row");
		ra_html_utext(pg, th, r->label);
		if (r->access != RA_ACCESS_NONE) {
			ra_html_text(pg, th, ": ");
			ra_html_text(pg, th, ra_access_label(r->access));
		}
		if (r->unplaced)
			ra_html_unplaced(pg, th);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    v->ctx->cat.v[p].name);
		v->cell(pg, v, tr, p);
	}
}

void
ra_html_grids(struct ra_html *pg, const struct ra_html_view *v,
    struct ra_html_node *sec)
{
	size_t			 start[RA_TAB__COUNT + 1], i, a, b;
	struct walk		 w;
	int			 any[RA_TAB__COUNT];
	struct ra_html_node	*nav, *ts, *n;
	char			 id[96];
	enum ra_tab		 t;

	/* Rows are sorted by tab: find where each tab starts. */
	for (t = 0, i = 0; t < RA_TAB__COUNT; t++) {
		while (i < v->grid->n && v->grid->row[i].tab < t)
			i++;
		start[t] = i;
	}
	start[RA_TAB__COUNT] = v->grid->n;
	for (t = 0; t < RA_TAB__COUNT; t++) {
		any[t] = 0;
		for (walk_init(&w, v, start[t], start[t + 1]);
		    !any[t] && walk_next(&w, &i);)
			any[t] = row_shown(v, &v->grid->row[i]);
	}
	nav = ra_html_el(pg, sec, "nav", "tabs");
	for (t = 0; t < RA_TAB__COUNT; t++) {
		snprintf(id, sizeof(id), "#%s-t%d", v->anchor, (int)t);
		if (any[t]) {
			n = ra_html_el(pg, nav, "a", NULL);
			ra_html_attr(pg, n, "href", id);
		} else {
			n = ra_html_el(pg, nav, "span", NULL);
			ra_html_attr(pg, n, "title",
			    "nothing to show on this tab");
		}
		ra_html_text(pg, n, ra_tab_name(t));
	}
	for (t = 0; t < RA_TAB__COUNT; t++) {
		if (!any[t])
			continue;
		a = start[t];
		b = start[t + 1];
		ts = ra_html_el(pg, sec, "section", "tab");
		n = ra_html_el(pg, ts, "h3", NULL);
		snprintf(id, sizeof(id), "%s-t%d", v->anchor, (int)t);
		ra_html_attr(pg, n, "id", id);
		ra_html_text(pg, n, ra_tab_name(t));
		for (walk_init(&w, v, a, b); walk_next(&w, &i);)
			if (v->grid->row[i].section == RA_SECTION_ENTITIES &&
			    row_shown(v, &v->grid->row[i])) {
				entity_table(pg, v, ts, a, b);
				break;
			}
		section_table(pg, v, ts, a, b, RA_SECTION_MISC);
		section_table(pg, v, ts, a, b, RA_SECTION_PRIVACY);
	}
}
