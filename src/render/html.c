/*
 * render_html.c - reports as one self-contained HTML page.
 *
 * The page is built as a libxml2 HTML tree and written by libxml2's HTML
 * serializer, so every string from the input reaches the page as a text
 * node or an attribute value that the library escapes: a role named
 * "<script>" shows as text, never as markup.  Before that, control
 * characters, bidirectional overrides and invalid UTF-8 are escaped as in
 * the text report (ra_buf_add_safe()), so a name cannot make the page
 * read differently from what it says.
 *
 * The page has inline CSS and nothing else: no script, no image, no font,
 * no link to anything but its own anchors; a Content-Security-Policy
 * meta element forbids fetching anything should a browser be asked to.
 * It reads the same printed (a role per page, colours kept).
 *
 * Grids follow the security-role editor: tabs in the editor's order,
 * entities as rows, the eight access rights as columns, depth as the
 * editor's circles (none, user, business unit, parent: child business
 * units, organization), then the Miscellaneous and Privacy-related
 * privileges.  The layout comes from grid.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "render/render.h"

/* The editor's circles: empty, quarter, half, three quarters, full. */
static const char *const glyph[] = {
	"\xe2\x97\x8b", "\xe2\x97\x94", "\xe2\x97\x91", "\xe2\x97\x95",
	"\xe2\x97\x8f"
};

/* Column heads of the entity grid, as the editor writes them. */
static const char *const access_head[RA_ACCESS__COUNT] = {
	"", "Create", "Read", "Write", "Delete", "Append", "Append To",
	"Assign", "Share"
};

static const char *const kind_names[] = { "zip", "folder", "xml" };

static const char css[] =
":root{color-scheme:light}"
"*{box-sizing:border-box;-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}\n"
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"DejaVu Sans\",Arial,sans-serif;color:#1b1b1b;background:#fff;"
"margin:0 auto;max-width:1280px;padding:20px 28px}\n"
"h1{font-size:1.6em;margin:0 0 .2em}\n"
"h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;"
"border-bottom:2px solid #d0d7de}\n"
"h3{font-size:1.08em;margin:1.3em 0 .4em}\n"
"h4{font-size:.95em;margin:.9em 0 .3em;color:#444}\n"
"p.lead{font-size:1.1em;margin:.2em 0 1em}\n"
"p.hint{color:#555;font-size:.9em;margin:.2em 0}\n"
"table{border-collapse:collapse;margin:.3em 0 1em}\n"
"th,td{border:1px solid #c8ccd1;padding:3px 8px;text-align:left;"
"vertical-align:top}\n"
"thead th{background:#eef1f4}\n"
"table.meta th{background:#f6f8fa;font-weight:600;white-space:nowrap}\n"
"code,.mono{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;"
"font-size:.9em}\n"
".hash{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;"
"font-size:.8em;word-break:break-all}\n"
".num{text-align:right}\n"
".badge{display:inline-block;min-width:4.2em;text-align:center;"
"padding:0 .45em;border:1px solid;border-radius:3px;font-weight:700;"
"font-size:.82em;letter-spacing:.03em}\n"
".pass,.note{color:#1b5e20;background:#e8f5e9;border-color:#81c784}\n"
".fail,.error{color:#b71c1c;background:#ffebee;border-color:#e57373}\n"
".warning{color:#7a4f01;background:#fff4d6;border-color:#e0b252}\n"
".neutral{color:#333;background:#f0f2f4;border-color:#aab}\n"
"h2 .badge{font-size:.65em;vertical-align:middle;margin-right:.5em}\n"
"nav.tabs{margin:.5em 0;padding:0;border-bottom:1px solid #c8ccd1}\n"
"nav.tabs a,nav.tabs span{display:inline-block;padding:3px 10px;"
"margin:0 2px -1px 0;border:1px solid #c8ccd1;border-radius:4px 4px 0 0;"
"background:#f6f8fa;color:#0b57d0;text-decoration:none;font-size:.9em}\n"
"nav.tabs span{color:#999;background:#fff}\n"
"table.grid td.c,table.matrix td.c{text-align:center;min-width:4.6em}\n"
"table.grid th[scope=row]{font-weight:normal}\n"
"table.ent{table-layout:fixed;width:64em;max-width:100%}\n"
"table.ent thead th{width:5.75em;text-align:center}\n"
"table.ent thead th:first-child{width:18em;text-align:left}\n"
"table.ent th[scope=row]{overflow-wrap:anywhere}\n"
"table.sec{width:64em;max-width:100%}\n"
"table.sec td.c{width:5.75em}\n"
".d{font-size:1.3em;line-height:1}\n"
".d0{color:#b0b4b8}.d1,.d2{color:#c77700}.d3,.d4{color:#2e7d32}\n"
"td.na{background:#fafafa}\n"
"td.req{box-shadow:inset 0 -3px 0 #66bb6a}\n"
"td.miss{background:#fdecea;outline:2px solid #c62828;"
"outline-offset:-2px}\n"
".why{display:block;font-size:.72em;font-weight:700;color:#b71c1c;"
"white-space:nowrap}\n"
"td.up{background:#fff4d6;outline:2px solid #e0a100;outline-offset:-2px}\n"
"td.down{background:#e8f0fe;outline:2px solid #7baaf7;"
"outline-offset:-2px}\n"
"td.esc{background:#fdecea;outline:2px solid #c62828;"
"outline-offset:-2px}\n"
".arrow{color:#555;padding:0 .15em}\n"
"table.matrix thead th.role{writing-mode:vertical-rl;"
"transform:rotate(180deg);white-space:nowrap;max-height:16em;"
"overflow:hidden;text-align:left;font-weight:600}\n"
"table.matrix tr.sec th{background:#f6f8fa;font-style:italic}\n"
".legend{margin:.5em 0 1em;padding:.5em .8em;border:1px solid #d0d7de;"
"border-radius:4px;background:#fbfcfd;font-size:.9em}\n"
".legend span.k{display:inline-block;margin-right:1.2em;"
"white-space:nowrap}\n"
".legend .box{display:inline-block;width:1.6em;height:1.1em;"
"vertical-align:middle;margin-right:.3em}\n"
"footer{margin-top:2em;color:#666;font-size:.85em;"
"border-top:1px solid #d0d7de;padding-top:.5em}\n"
"@media print{body{max-width:none;padding:0;font-size:9.5pt}"
"nav.tabs{display:none}section.role{break-before:page}"
"tr,.legend,h2,h3,h4{break-inside:avoid}h2,h3,h4{break-after:avoid}"
"thead{display:table-header-group}a{color:inherit;"
"text-decoration:none}}\n";

/*
 * The page being built.  Parts of the body are written and freed as they
 * are finished (page_flush()), so memory follows one role, not the
 * report.  OOM is sticky and checked when the page is written.
 */
struct page {
	htmlDocPtr		 doc;
	xmlNodePtr		 head;
	xmlNodePtr		 body;
	xmlOutputBufferPtr	 ob;
	FILE			*out;
	struct ra_buf		 b;
	int			 oom;
	int			 started;
};

/* A child element NAME of PARENT with class CLS (may be NULL). */
static xmlNodePtr
el(struct page *pg, xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr	 n;

	if (parent == NULL)
		return NULL;
	if ((n = xmlNewChild(parent, NULL, BAD_CAST name, NULL)) == NULL) {
		pg->oom = 1;
		return NULL;
	}
	if (cls != NULL && xmlNewProp(n, BAD_CAST "class", BAD_CAST cls) ==
	    NULL)
		pg->oom = 1;
	return n;
}

/*
 * Set an attribute, replacing one of the same name; libxml2 escapes VALUE
 * when the page is written.
 */
static void
attr(struct page *pg, xmlNodePtr n, const char *name, const char *value)
{
	if (n != NULL && xmlSetProp(n, BAD_CAST name, BAD_CAST value) == NULL)
		pg->oom = 1;
}

/* Append S to N as a text node (escaped by libxml2 when written). */
static void
text(struct page *pg, xmlNodePtr n, const char *s)
{
	xmlNodePtr	 t;

	if (n == NULL || s == NULL || *s == '\0')
		return;
	if ((t = xmlNewDocText(pg->doc, BAD_CAST s)) == NULL) {
		pg->oom = 1;
		return;
	}
	if (xmlAddChild(n, t) == NULL) {
		xmlFreeNode(t);
		pg->oom = 1;
	}
}

static void textf(struct page *, xmlNodePtr, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
textf(struct page *pg, xmlNodePtr n, const char *fmt, ...)
{
	va_list		 ap;
	char		 s[256];

	va_start(ap, fmt);
	vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	text(pg, n, s);
}

/*
 * S from the input, with control characters, bidirectional overrides and
 * invalid UTF-8 escaped; borrowed until the next call.
 */
static const char *
safe(struct page *pg, const char *s)
{
	pg->b.len = 0;
	if (pg->b.s != NULL)
		pg->b.s[0] = '\0';
	ra_buf_add_safe(&pg->b, s != NULL ? s : "");
	if (pg->b.oom) {
		pg->oom = 1;
		return "";
	}
	return pg->b.s != NULL ? pg->b.s : "";
}

/* Text from the input. */
static void
utext(struct page *pg, xmlNodePtr n, const char *s)
{
	text(pg, n, safe(pg, s));
}

/* An attribute from the input. */
static void
uattr(struct page *pg, xmlNodePtr n, const char *name, const char *s)
{
	attr(pg, n, name, safe(pg, s));
}

/* Element with trusted text. */
static xmlNodePtr
tel(struct page *pg, xmlNodePtr parent, const char *name, const char *cls,
    const char *s)
{
	xmlNodePtr	 n = el(pg, parent, name, cls);

	text(pg, n, s);
	return n;
}

/* Element with text from the input. */
static xmlNodePtr
uel(struct page *pg, xmlNodePtr parent, const char *name, const char *cls,
    const char *s)
{
	xmlNodePtr	 n = el(pg, parent, name, cls);

	utext(pg, n, s);
	return n;
}

/* The document, its head (title from the input) and an empty body. */
static int
page_new(struct page *pg, const char *title, FILE *out)
{
	xmlNodePtr	 html, n;

	memset(pg, 0, sizeof(*pg));
	pg->out = out;
	xmlInitParser();	/* idempotent; the first call sets libxml2 up */
	if ((pg->doc = htmlNewDocNoDtD(NULL, NULL)) == NULL ||
	    (html = xmlNewDocNode(pg->doc, NULL, BAD_CAST "html", NULL)) ==
	    NULL)
		return -1;
	xmlDocSetRootElement(pg->doc, html);
	pg->head = el(pg, html, "head", NULL);
	n = el(pg, pg->head, "meta", NULL);
	attr(pg, n, "charset", "utf-8");
	n = el(pg, pg->head, "meta", NULL);
	attr(pg, n, "http-equiv", "Content-Security-Policy");
	attr(pg, n, "content", "default-src 'none'; style-src 'unsafe-inline'; "
	    "base-uri 'none'; form-action 'none'");
	n = el(pg, pg->head, "meta", NULL);
	attr(pg, n, "name", "referrer");
	attr(pg, n, "content", "no-referrer");
	n = el(pg, pg->head, "meta", NULL);
	attr(pg, n, "name", "viewport");
	attr(pg, n, "content", "width=device-width, initial-scale=1");
	n = el(pg, pg->head, "meta", NULL);
	attr(pg, n, "name", "generator");
	attr(pg, n, "content", "roleaudit " RA_VERSION);
	uel(pg, pg->head, "title", NULL, title);
	tel(pg, pg->head, "style", NULL, css);
	pg->body = el(pg, html, "body", NULL);
	return pg->oom ? -1 : 0;
}

/* Write what fixed text the page needs between serialized nodes. */
static void
page_raw(struct page *pg, const char *s)
{
	if (pg->ob != NULL && xmlOutputBufferWriteString(pg->ob, s) < 0)
		pg->oom = 1;
}

/*
 * Write the head (first time) and every part of the body built so far,
 * through libxml2's HTML serializer, and free those parts.  Only the
 * doctype and the html and body tags, which hold nothing from the
 * input, are written as fixed text.  Text is written as UTF-8, which
 * the head declares; what came from the input was made valid UTF-8 by
 * safe() first.
 */
static void
page_flush(struct page *pg)
{
	xmlNodePtr	 n;

	if (pg->oom || pg->doc == NULL)
		return;
	if (!pg->started) {
		if ((pg->ob = xmlOutputBufferCreateFile(pg->out, NULL)) ==
		    NULL) {
			pg->oom = 1;
			return;
		}
		pg->started = 1;
		page_raw(pg, "<!DOCTYPE html>\n<html lang=\"en\">\n");
		htmlNodeDumpFormatOutput(pg->ob, pg->doc, pg->head, NULL, 1);
		page_raw(pg, "\n<body>\n");
	}
	while ((n = pg->body->children) != NULL) {
		htmlNodeDumpFormatOutput(pg->ob, pg->doc, n, NULL, 1);
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	if (xmlOutputBufferFlush(pg->ob) < 0)
		pg->oom = 1;
}

/* Write the rest of the page to its file and release it. */
static enum ra_err
page_write(struct page *pg)
{
	enum ra_err	 rc = RA_OK;
	int		 oom;

	page_flush(pg);
	page_raw(pg, "</body>\n</html>\n");
	oom = pg->oom;
	if (pg->ob != NULL && (xmlOutputBufferClose(pg->ob) < 0 ||
	    ferror(pg->out)))
		rc = RA_EIO;
	if (oom || !pg->started)
		rc = ferror(pg->out) ? RA_EIO : RA_ENOMEM;
	if (pg->doc != NULL)
		xmlFreeDoc(pg->doc);
	ra_buf_free(&pg->b);
	memset(pg, 0, sizeof(*pg));
	return rc;
}

/* A row of a two-column table: TH and an empty TD to fill. */
static xmlNodePtr
meta_row(struct page *pg, xmlNodePtr table, const char *th)
{
	xmlNodePtr	 tr = el(pg, table, "tr", NULL);

	tel(pg, tr, "th", NULL, th);
	return el(pg, tr, "td", NULL);
}

/* The generated time and the tool, first rows of the header table. */
static xmlNodePtr
meta_table(struct page *pg, int64_t generated)
{
	xmlNodePtr	 t = el(pg, pg->body, "table", "meta");
	char		 when[64];
	struct tm	 tm;
	time_t		 tt = (time_t)generated;

	if (generated != 0 && gmtime_r(&tt, &tm) != NULL &&
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm) > 0)
		text(pg, meta_row(pg, t, "Generated"), when);
	text(pg, meta_row(pg, t, "Tool"), "roleaudit " RA_VERSION);
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
input_row(struct page *pg, xmlNodePtr tbody, const struct ra_solution *s,
    size_t i, const char *side)
{
	xmlNodePtr	 tr = el(pg, tbody, "tr", NULL);

	if (side != NULL)
		tel(pg, tr, "td", NULL, side);
	else
		textf(pg, el(pg, tr, "td", "num"), "%zu", i + 1);
	uel(pg, el(pg, tr, "td", NULL), "code", NULL, s->path);
	tel(pg, tr, "td", NULL, kind_names[s->kind]);
	tel(pg, tr, "td", "hash", s->sha256);
	uel(pg, tr, "td", NULL, s->unique_name ? s->unique_name : "\xe2\x80\x94");
	uel(pg, tr, "td", NULL, s->version ? s->version : "\xe2\x80\x94");
	tel(pg, tr, "td", NULL, s->has_manifest ? managed_name(s) :
	    "\xe2\x80\x94");
	textf(pg, el(pg, tr, "td", "num"), "%zu", s->nrole);
}

static xmlNodePtr
thead(struct page *pg, xmlNodePtr table, const char *const *heads, size_t n)
{
	xmlNodePtr	 tr = el(pg, el(pg, table, "thead", NULL), "tr", NULL);
	size_t		 i;

	for (i = 0; i < n; i++)
		tel(pg, tr, "th", NULL, heads[i]);
	return el(pg, table, "tbody", NULL);
}

static void
inputs_table(struct page *pg, const struct ra_solution *const *sol,
    size_t nsol, const char *const *side)
{
	static const char *const heads[] = { "#", "Input", "Kind", "SHA-256",
	    "Solution", "Version", "Managed", "Roles" };
	static const char *const dheads[] = { "Side", "Input", "Kind",
	    "SHA-256", "Solution", "Version", "Managed", "Roles" };
	xmlNodePtr	 tb;
	size_t		 i;

	tel(pg, pg->body, "h2", NULL, nsol == 1 ? "Input" : "Inputs");
	tb = thead(pg, el(pg, pg->body, "table", "inputs"),
	    side ? dheads : heads, 8);
	for (i = 0; i < nsol; i++)
		input_row(pg, tb, sol[i], i, side ? side[i] : NULL);
}

/* Diagnostics about the inputs, when there are any. */
static void
diag_table(struct page *pg, const struct ra_ctx *ctx)
{
	static const char *const heads[] = { "Severity", "Location",
	    "Message", "Code" };
	struct ra_buf	 loc = { 0 };
	xmlNodePtr	 tb;
	char		 code[16];
	size_t		 i;

	if (ctx->ndiag == 0)
		return;
	tel(pg, pg->body, "h2", NULL, "Input diagnostics");
	tb = thead(pg, el(pg, pg->body, "table", "diags"), heads, 4);
	for (i = 0; i < ctx->ndiag; i++) {
		const struct ra_diag	*d = &ctx->diag[i];
		xmlNodePtr		 tr = el(pg, tb, "tr", NULL);

		tel(pg, el(pg, tr, "td", NULL), "span",
		    ra_severity_name(d->severity), ra_severity_name(d->severity));
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
			pg->oom = 1;
		uel(pg, el(pg, tr, "td", NULL), "code", NULL,
		    loc.s != NULL ? loc.s : "");
		uel(pg, tr, "td", NULL, d->message);
		snprintf(code, sizeof(code), "RA%03d", d->code);
		tel(pg, tr, "td", "mono", d->code ? code : "");
	}
	ra_buf_free(&loc);
}

/* The circle of level L, with its name for tooltips and screen readers. */
static void
circle(struct page *pg, xmlNodePtr parent, enum ra_level l)
{
	static const char *const cls[] = { "d d0", "d d1", "d d2", "d d3",
	    "d d4" };
	xmlNodePtr	 s;

	if ((unsigned)l > RA_LEVEL_GLOBAL)
		l = RA_LEVEL_NONE;
	s = tel(pg, parent, "span", cls[l], glyph[l]);
	attr(pg, s, "role", "img");
	attr(pg, s, "aria-label", ra_level_editor_name(l));
}

/* One key of the legend: a sample cell styled STYLE, then what it means. */
static void
swatch(struct page *pg, xmlNodePtr div, const char *style, const char *what)
{
	xmlNodePtr	 k = el(pg, div, "span", "k");

	if (style != NULL)
		attr(pg, tel(pg, k, "span", "box", " "), "style", style);
	text(pg, k, what);
}

/*
 * The legend of the circles, and of the cell marks: MARKS 1 for a
 * report's required cells, 2 for a diff's changes, 0 for none.
 */
static void
legend(struct page *pg, int marks)
{
	xmlNodePtr	 div = el(pg, pg->body, "div", "legend"), k;
	enum ra_level	 l;

	tel(pg, div, "strong", NULL, "Depth: ");
	for (l = RA_LEVEL_NONE; l <= RA_LEVEL_GLOBAL; l++) {
		k = el(pg, div, "span", "k");
		circle(pg, k, l);
		text(pg, k, " ");
		text(pg, k, ra_level_editor_name(l));
		if (l != RA_LEVEL_NONE) {
			text(pg, k, " (");
			text(pg, k, ra_level_name(l));
			text(pg, k, ")");
		}
	}
	if (marks == 0)
		return;
	el(pg, div, "br", NULL);
	tel(pg, div, "strong", NULL, "Cells: ");
	if (marks == 1) {
		swatch(pg, div, "background:#fdecea;outline:2px solid #c62828;"
		    "outline-offset:-2px", "required but missing (\xe2\x80\x9cneeds\xe2\x80\x9d "
		    "names the depth required)");
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

static void
footer(struct page *pg, const char *what)
{
	xmlNodePtr	 f = el(pg, pg->body, "footer", NULL);

	text(pg, f, what);
	text(pg, f, " Made by roleaudit " RA_VERSION " from the exported "
	    "solution files alone; circles follow the security-role "
	    "editor's depths.  See roleaudit(1).");
}

/* ---- the grid of one role ------------------------------------------ */

/*
 * What a grid shows: SHOWN() decides whether a privilege's row is listed
 * (a row is listed when one of its privileges is), CELL() fills the cell
 * of a privilege.
 */
struct view {
	const struct ra_ctx	*ctx;
	const struct ra_grid	*grid;
	const char		*anchor;	/* id prefix of the tabs */
	int			(*shown)(const struct view *, size_t);
	void			(*cell)(struct page *, const struct view *,
				    xmlNodePtr, size_t);
	/* check */
	const struct ra_role	*role;
	const enum ra_level	*need;		/* per privilege */
	/* diff */
	const struct ra_role	*old, *new;
	const struct ra_pdiff	**pd;		/* per privilege */
	struct ra_buf		 why;
};

static int
row_shown(const struct view *v, const struct ra_grid_row *r)
{
	size_t	 k;

	for (k = 0; k < RA_ACCESS__COUNT; k++)
		if (r->priv[k] != RA_NOPRIV && v->shown(v, r->priv[k]))
			return 1;
	return 0;
}

/* The entity grid of tab T (rows A to B of the grid). */
static void
entity_table(struct page *pg, const struct view *v, xmlNodePtr parent,
    size_t a, size_t b)
{
	xmlNodePtr	 tb, tr, td;
	size_t		 i, k;

	tb = el(pg, parent, "table", "grid ent");
	tr = el(pg, el(pg, tb, "thead", NULL), "tr", NULL);
	tel(pg, tr, "th", NULL, "Entity");
	for (k = RA_ACCESS_CREATE; k < RA_ACCESS__COUNT; k++)
		tel(pg, tr, "th", NULL, access_head[k]);
	tb = el(pg, tb, "tbody", NULL);
	for (i = a; i < b; i++) {
		const struct ra_grid_row	*r = &v->grid->row[i];

		if (r->section != RA_SECTION_ENTITIES || !row_shown(v, r))
			continue;
		tr = el(pg, tb, "tr", NULL);
		attr(pg, uel(pg, tr, "th", NULL, r->label), "scope", "row");
		for (k = RA_ACCESS_CREATE; k < RA_ACCESS__COUNT; k++) {
			if (r->priv[k] == RA_NOPRIV) {
				el(pg, tr, "td", "c na");
				continue;
			}
			td = el(pg, tr, "td", "c");
			v->cell(pg, v, td, r->priv[k]);
		}
	}
}

/* The rows of section SEC in rows A to B, when any is shown. */
static void
section_table(struct page *pg, const struct view *v, xmlNodePtr parent,
    size_t a, size_t b, enum ra_section sec)
{
	static const char *const heads[] = { "Privilege", "Name", "Depth" };
	xmlNodePtr	 tb = NULL, tr, td;
	size_t		 i;

	for (i = a; i < b; i++) {
		const struct ra_grid_row	*r = &v->grid->row[i];
		size_t				 p = r->priv[RA_ACCESS_NONE];

		if (r->section != sec || !v->shown(v, p))
			continue;
		if (tb == NULL) {
			tel(pg, parent, "h4", NULL, ra_section_name(sec));
			tb = thead(pg, el(pg, parent, "table", "grid sec"),
			    heads, 3);
		}
		tr = el(pg, tb, "tr", NULL);
		td = uel(pg, tr, "th", NULL, r->label);
		attr(pg, td, "scope", "row");
		if (r->access != RA_ACCESS_NONE) {
			text(pg, td, ": ");
			text(pg, td, access_head[r->access]);
		}
		uel(pg, el(pg, tr, "td", NULL), "code", NULL,
		    v->ctx->cat.v[p].name);
		td = el(pg, tr, "td", "c");
		v->cell(pg, v, td, p);
	}
}

/* Tabs in the editor's order, each with its grid and sections. */
static void
role_grids(struct page *pg, const struct view *v, xmlNodePtr sec)
{
	size_t		 start[RA_TAB__COUNT + 1], i, a, b;
	int		 any[RA_TAB__COUNT];
	xmlNodePtr	 nav, ts, n;
	char		 id[96];
	enum ra_tab	 t;

	/* Rows are sorted by tab: find where each tab starts. */
	for (t = 0, i = 0; t < RA_TAB__COUNT; t++) {
		while (i < v->grid->n && v->grid->row[i].tab < t)
			i++;
		start[t] = i;
	}
	start[RA_TAB__COUNT] = v->grid->n;
	for (t = 0; t < RA_TAB__COUNT; t++) {
		any[t] = 0;
		for (i = start[t]; i < start[t + 1] && !any[t]; i++)
			any[t] = row_shown(v, &v->grid->row[i]);
	}
	nav = el(pg, sec, "nav", "tabs");
	for (t = 0; t < RA_TAB__COUNT; t++) {
		snprintf(id, sizeof(id), "#%s-t%d", v->anchor, (int)t);
		if (any[t]) {
			n = tel(pg, nav, "a", NULL, ra_tab_name(t));
			attr(pg, n, "href", id);
		} else {
			n = tel(pg, nav, "span", NULL, ra_tab_name(t));
			attr(pg, n, "title", "nothing to show on this tab");
		}
	}
	for (t = 0; t < RA_TAB__COUNT; t++) {
		if (!any[t])
			continue;
		a = start[t];
		b = start[t + 1];
		ts = el(pg, sec, "section", "tab");
		n = tel(pg, ts, "h3", NULL, ra_tab_name(t));
		snprintf(id, sizeof(id), "%s-t%d", v->anchor, (int)t);
		attr(pg, n, "id", id);
		for (i = a; i < b; i++)
			if (v->grid->row[i].section == RA_SECTION_ENTITIES &&
			    row_shown(v, &v->grid->row[i])) {
				entity_table(pg, v, ts, a, b);
				break;
			}
		section_table(pg, v, ts, a, b, RA_SECTION_MISC);
		section_table(pg, v, ts, a, b, RA_SECTION_PRIVACY);
	}
}

/* ---- check --------------------------------------------------------- */

static int
check_shown(const struct view *v, size_t p)
{
	return ra_bitmap_get(&v->role->bits, p) != RA_LEVEL_NONE ||
	    v->need[p] != RA_LEVEL_NONE;
}

static void
check_cell(struct page *pg, const struct view *v, xmlNodePtr td, size_t p)
{
	enum ra_level	 held = ra_bitmap_get(&v->role->bits, p);
	enum ra_level	 need = v->need[p];
	struct ra_buf	 t = { 0 };

	circle(pg, td, held);
	ra_buf_add_safe(&t, v->ctx->cat.v[p].name);
	ra_buf_printf(&t, ": %s", ra_level_editor_name(held));
	if (need != RA_LEVEL_NONE)
		ra_buf_printf(&t, "; required: %s or more",
		    ra_level_editor_name(need));
	if (need != RA_LEVEL_NONE && held < need) {
		attr(pg, td, "class", "c miss");
		text(pg, tel(pg, td, "span", "why", "needs "),
		    ra_level_editor_name(need));
	} else if (need != RA_LEVEL_NONE)
		attr(pg, td, "class", "c req");
	if (t.oom)
		pg->oom = 1;
	else
		attr(pg, td, "title", t.s);
	ra_buf_free(&t);
}

/* Where a missing privilege is shown: "Tab" or "Tab > Section". */
static void
missing_table(struct page *pg, xmlNodePtr sec, const struct ra_report *rep,
    const struct ra_result *r)
{
	static const char *const heads[] = { "Tab", "Privilege", "Entity",
	    "Access", "Needs", "Holds" };
	const struct ra_catalog	*cat = &rep->ctx->cat;
	xmlNodePtr		 tb, tr, td;
	size_t			 k;

	tel(pg, sec, "h3", NULL, "Missing privileges");
	tb = thead(pg, el(pg, sec, "table", "missing"), heads, 6);
	for (k = 0; k < r->nmiss; k++) {
		const struct ra_missing	*m = &r->miss[k];
		enum ra_section		 s = ra_req_section(cat, m->req);
		enum ra_access		 acc = cat->v[m->priv].access;

		tr = el(pg, tb, "tr", NULL);
		td = tel(pg, tr, "td", NULL, ra_tab_name(m->tab));
		if (s != RA_SECTION_ENTITIES) {
			text(pg, td, " \xe2\x80\xba ");
			text(pg, td, ra_section_name(s));
		}
		uel(pg, el(pg, tr, "td", NULL), "code", NULL,
		    cat->v[m->priv].name);
		uel(pg, tr, "td", NULL, ra_req_entity(cat, m->req));
		tel(pg, tr, "td", NULL, acc == RA_ACCESS_NONE ? "" :
		    access_head[acc]);
		td = el(pg, tr, "td", NULL);
		circle(pg, td, m->req->min);
		text(pg, td, " ");
		text(pg, td, m->req->min > RA_LEVEL_BASIC ?
		    ra_level_editor_name(m->req->min) : "any depth");
		td = el(pg, tr, "td", NULL);
		circle(pg, td, m->actual);
		text(pg, td, " ");
		text(pg, td, m->actual == RA_LEVEL_NONE ? "not granted" :
		    ra_level_editor_name(m->actual));
	}
}

static xmlNodePtr
badge(struct page *pg, xmlNodePtr parent, const char *cls, const char *s)
{
	char	 c[64];

	snprintf(c, sizeof(c), "badge %s", cls);
	return tel(pg, parent, "span", c, s);
}

enum ra_err
ra_render_report_html(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const heads[] = { "Status", "Role", "Input",
	    "Location", "Privileges", "Missing" };
	const struct ra_catalog	*cat = &rep->ctx->cat;
	struct page		 pg;
	struct ra_grid		 grid;
	struct ra_buf		 b = { 0 };
	struct view		 v;
	enum ra_level		*need;
	xmlNodePtr		 t, tb, tr, td, sec, n;
	char			 id[32];
	size_t			 i;

	memset(&v, 0, sizeof(v));
	if ((need = calloc(cat->n ? cat->n : 1, sizeof(*need))) == NULL)
		return RA_ENOMEM;
	for (i = 0; i < rep->req.n; i++)
		if (rep->req.req[i].priv < cat->n)
			need[rep->req.req[i].priv] =
			    rep->req.req[i].min > RA_LEVEL_BASIC ?
			    rep->req.req[i].min : RA_LEVEL_BASIC;
	if (ra_grid_build(cat, &rep->req, &grid) == -1) {
		free(need);
		return RA_ENOMEM;
	}
	ra_buf_adds(&b, "Security role audit");
	if (rep->nsol > 0) {
		ra_buf_adds(&b, ": ");
		ra_buf_adds(&b, rep->sol[0]->path);
		if (rep->nsol > 1)
			ra_buf_printf(&b, " and %zu more", rep->nsol - 1);
	}
	if (page_new(&pg, b.oom ? "" : b.s, out) == -1)
		pg.oom = 1;
	ra_buf_free(&b);

	tel(&pg, pg.body, "h1", NULL, "Security role audit");
	n = el(&pg, pg.body, "p", "lead");
	badge(&pg, n, rep->nfail ? "fail" : "pass", rep->nfail ? "FAIL" :
	    "PASS");
	textf(&pg, n, " %zu role%s in %zu input%s: %zu pass, %zu fail",
	    rep->nres, rep->nres == 1 ? "" : "s", rep->nsol,
	    rep->nsol == 1 ? "" : "s", rep->npass, rep->nfail);
	t = meta_table(&pg, o->generated);
	td = meta_row(&pg, t, rep->nprof == 1 ? "Profile" : "Profiles");
	for (i = 0; i < rep->nprof; i++) {
		if (i)
			el(&pg, td, "br", NULL);
		uel(&pg, td, "strong", NULL, rep->prof[i]->name);
		textf(&pg, td, " (%zu privilege%s): ", rep->prof[i]->n,
		    rep->prof[i]->n == 1 ? "" : "s");
		utext(&pg, td, rep->prof[i]->source);
	}
	textf(&pg, meta_row(&pg, t, "Required"), "%zu privilege%s%s",
	    rep->req.n, rep->req.n == 1 ? "" : "s", rep->nprof > 1 ?
	    ", the profiles united (the highest depth wins)" : "");
	inputs_table(&pg, rep->sol, rep->nsol, NULL);
	diag_table(&pg, rep->ctx);

	tel(&pg, pg.body, "h2", NULL, "Roles");
	if (rep->nres == 0)
		tel(&pg, pg.body, "p", NULL, "No roles.");
	else {
		tb = thead(&pg, el(&pg, pg.body, "table", "summary"), heads, 6);
		for (i = 0; i < rep->nres; i++) {
			const struct ra_result	*r = &rep->res[i];

			tr = el(&pg, tb, "tr", NULL);
			badge(&pg, el(&pg, tr, "td", NULL), r->nmiss ? "fail" :
			    "pass", r->nmiss ? "FAIL" : "PASS");
			snprintf(id, sizeof(id), "#role-%zu", i + 1);
			n = uel(&pg, el(&pg, tr, "td", NULL), "a", NULL,
			    r->role->name);
			attr(&pg, n, "href", id);
			uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
			    rep->sol[r->sol]->path);
			b.len = 0;
			ra_role_location(r->role, &b);
			uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
			    b.oom ? "" : b.s);
			textf(&pg, el(&pg, tr, "td", "num"), "%zu",
			    r->role->nprivs);
			td = el(&pg, tr, "td", "num");
			if (r->nmiss)
				textf(&pg, td, "%zu of %zu", r->nmiss,
				    rep->req.n);
			else
				text(&pg, td, "\xe2\x80\x94");
		}
	}
	legend(&pg, 1);
	page_flush(&pg);

	v.ctx = rep->ctx;
	v.grid = &grid;
	v.shown = check_shown;
	v.cell = check_cell;
	v.need = need;
	for (i = 0; i < rep->nres; i++) {
		const struct ra_result	*r = &rep->res[i];

		page_flush(&pg);
		sec = el(&pg, pg.body, "section", "role");
		snprintf(id, sizeof(id), "role-%zu", i + 1);
		attr(&pg, sec, "id", id);
		n = el(&pg, sec, "h2", NULL);
		badge(&pg, n, r->nmiss ? "fail" : "pass", r->nmiss ? "FAIL" :
		    "PASS");
		utext(&pg, n, r->role->name);
		tb = el(&pg, sec, "table", "meta");
		utext(&pg, el(&pg, meta_row(&pg, tb, "Id"), "code", NULL),
		    *r->role->id ? r->role->id : "(no id)");
		utext(&pg, el(&pg, meta_row(&pg, tb, "Input"), "code", NULL),
		    rep->sol[r->sol]->path);
		b.len = 0;
		ra_role_location(r->role, &b);
		utext(&pg, el(&pg, meta_row(&pg, tb, "Location"), "code", NULL),
		    b.oom ? "" : b.s);
		textf(&pg, meta_row(&pg, tb, "Privileges"), "%zu granted",
		    r->role->nprivs);
		td = meta_row(&pg, tb, "Requirements");
		if (r->nmiss)
			textf(&pg, td, "%zu of %zu required privilege%s "
			    "missing", r->nmiss, rep->req.n,
			    rep->req.n == 1 ? "" : "s");
		else
			textf(&pg, td, "all %zu met", rep->req.n);
		if (r->nmiss)
			missing_table(&pg, sec, rep, r);
		tel(&pg, sec, "h3", NULL, "Privileges by tab");
		tel(&pg, sec, "p", "hint", "As the security-role editor shows "
		    "them; an entity is left out when the role holds nothing "
		    "on it and no profile requires anything of it.");
		v.role = r->role;
		v.anchor = id;
		role_grids(&pg, &v, sec);
	}
	footer(&pg, "Every required privilege a role lacks is an error.");
	ra_buf_free(&b);
	ra_grid_free(&grid);
	free(need);
	return page_write(&pg);
}

/* ---- diff ---------------------------------------------------------- */

static enum ra_level
side_level(const struct ra_role *r, size_t p)
{
	return r != NULL ? ra_bitmap_get(&r->bits, p) : RA_LEVEL_NONE;
}

static int
diff_shown(const struct view *v, size_t p)
{
	return side_level(v->old, p) != RA_LEVEL_NONE ||
	    side_level(v->new, p) != RA_LEVEL_NONE;
}

static void
diff_cell(struct page *pg, const struct view *v, xmlNodePtr td, size_t p)
{
	enum ra_level	 o = side_level(v->old, p), n = side_level(v->new, p);
	struct ra_buf	 t = { 0 }, why = { 0 };
	const char	*reason = NULL, *cls;

	ra_buf_add_safe(&t, v->ctx->cat.v[p].name);
	if (o == n) {
		circle(pg, td, n);
		ra_buf_printf(&t, ": %s", ra_level_editor_name(n));
	} else {
		circle(pg, td, o);
		tel(pg, td, "span", "arrow", "\xe2\x86\x92");
		circle(pg, td, n);
		ra_buf_printf(&t, ": %s \xe2\x86\x92 %s",
		    ra_level_editor_name(o), ra_level_editor_name(n));
		if (v->pd != NULL && v->pd[p] != NULL)
			reason = v->pd[p]->reason;
		else if (v->pd == NULL && n > o &&
		    ra_escalation(v->ctx, p, o, n, &why))
			reason = why.oom ? "" : why.s;
		cls = reason != NULL ? "c esc" : n > o ? "c up" : "c down";
		attr(pg, td, "class", cls);
		if (reason != NULL) {
			tel(pg, td, "span", "why", "escalation");
			ra_buf_adds(&t, "; escalation: ");
			ra_buf_adds(&t, reason);
		}
	}
	if (t.oom || why.oom)
		pg->oom = 1;
	else
		attr(pg, td, "title", t.s);
	ra_buf_free(&t);
	ra_buf_free(&why);
}

static const char *
change_label(const struct ra_rdiff *r)
{
	return r->change == RA_RCH_ADDED ? "ADDED" :
	    r->change == RA_RCH_REMOVED ? "REMOVED" : "CHANGED";
}

static const char *
pchange_label(enum ra_pchange c)
{
	static const char *const names[] = { "added", "removed", "raised",
	    "lowered" };

	return (unsigned)c <= RA_PCH_LOWERED ? names[c] : "";
}

static void
changes_table(struct page *pg, xmlNodePtr sec, const struct ra_diff *d,
    const struct ra_rdiff *r)
{
	static const char *const heads[] = { "Tab", "Privilege", "Entity",
	    "Change", "Old", "New", "Severity", "Escalation" };
	const struct ra_catalog	*cat = &d->ctx->cat;
	xmlNodePtr		 tb, tr, td;
	size_t			 k;

	tel(pg, sec, "h3", NULL, "Privilege changes");
	tb = thead(pg, el(pg, sec, "table", "changes"), heads, 8);
	for (k = 0; k < r->np; k++) {
		const struct ra_pdiff	*p = &r->p[k];
		const struct ra_privdef	*pd = &cat->v[p->priv];
		enum ra_severity	 s = ra_pdiff_severity(p);

		tr = el(pg, tb, "tr", NULL);
		td = tel(pg, tr, "td", NULL, ra_tab_name(pd->tab));
		if (pd->section != RA_SECTION_ENTITIES) {
			text(pg, td, " \xe2\x80\xba ");
			text(pg, td, ra_section_name(pd->section));
		}
		uel(pg, el(pg, tr, "td", NULL), "code", NULL, pd->name);
		td = uel(pg, tr, "td", NULL, pd->entity);
		if (pd->access != RA_ACCESS_NONE) {
			text(pg, td, ": ");
			text(pg, td, access_head[pd->access]);
		}
		tel(pg, tr, "td", NULL, pchange_label(p->change));
		td = el(pg, tr, "td", NULL);
		circle(pg, td, p->old);
		text(pg, td, " ");
		text(pg, td, p->old ? ra_level_name(p->old) : "\xe2\x80\x94");
		td = el(pg, tr, "td", NULL);
		circle(pg, td, p->new);
		text(pg, td, " ");
		text(pg, td, p->new ? ra_level_name(p->new) : "\xe2\x80\x94");
		badge(pg, el(pg, tr, "td", NULL), ra_severity_name(s),
		    ra_severity_name(s));
		tel(pg, tr, "td", NULL, p->reason ? p->reason : "");
	}
}

enum ra_err
ra_render_diff_html(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	static const char *const heads[] = { "Change", "Role", "Id",
	    "Privilege changes", "Escalations", "Profiles", "Severity" };
	static const char *const sides[] = { "old", "new" };
	const struct ra_catalog	*cat = &d->ctx->cat;
	const struct ra_solution *sol[2];
	const struct ra_pdiff	**pd;
	struct page		 pg;
	struct ra_grid		 grid;
	struct ra_buf		 b = { 0 };
	struct view		 v;
	xmlNodePtr		 t, tb, tr, td, sec, n, ul;
	char			 id[32];
	size_t			 i, k, esc;

	memset(&v, 0, sizeof(v));
	if ((pd = calloc(cat->n ? cat->n : 1, sizeof(*pd))) == NULL)
		return RA_ENOMEM;
	if (ra_grid_build(cat, NULL, &grid) == -1) {
		free(pd);
		return RA_ENOMEM;
	}
	ra_buf_adds(&b, "Security role comparison: ");
	ra_buf_adds(&b, d->old->path);
	ra_buf_adds(&b, " \xe2\x86\x92 ");
	ra_buf_adds(&b, d->new->path);
	if (page_new(&pg, b.oom ? "" : b.s, out) == -1)
		pg.oom = 1;
	sol[0] = d->old;
	sol[1] = d->new;

	tel(&pg, pg.body, "h1", NULL, "Security role comparison");
	n = el(&pg, pg.body, "p", "lead");
	badge(&pg, n, d->escalations ? "error" : d->nr ? "warning" : "pass",
	    d->escalations ? "ESCALATION" : d->nr ? "CHANGED" : "SAME");
	textf(&pg, n, " Roles: %zu added, %zu removed, %zu changed.  "
	    "Privileges: %zu added, %zu removed, %zu raised, %zu lowered.  "
	    "Escalations: %zu.", d->roles_added, d->roles_removed,
	    d->roles_changed, d->added, d->removed, d->raised, d->lowered,
	    d->escalations);
	t = meta_table(&pg, o->generated);
	td = meta_row(&pg, t, "Profiles evaluated");
	for (i = 0; i < d->nprof; i++) {
		if (i)
			text(&pg, td, ", ");
		uel(&pg, td, "strong", NULL, d->prof[i]->name);
	}
	inputs_table(&pg, sol, 2, sides);
	diag_table(&pg, d->ctx);

	tel(&pg, pg.body, "h2", NULL, "Roles");
	if (d->nr == 0)
		tel(&pg, pg.body, "p", NULL, "No differences in roles.");
	else {
		tb = thead(&pg, el(&pg, pg.body, "table", "summary"), heads, 7);
		for (i = 0; i < d->nr; i++) {
			const struct ra_rdiff	*r = &d->r[i];
			const struct ra_role	*cur = r->new ? r->new : r->old;
			enum ra_severity	 s = ra_rdiff_severity(r);

			tr = el(&pg, tb, "tr", NULL);
			badge(&pg, el(&pg, tr, "td", NULL),
			    r->change == RA_RCH_REMOVED ? "note" :
			    r->change == RA_RCH_ADDED ? "warning" : "neutral",
			    change_label(r));
			snprintf(id, sizeof(id), "#role-%zu", i + 1);
			td = el(&pg, tr, "td", NULL);
			n = uel(&pg, td, "a", NULL, cur->name);
			attr(&pg, n, "href", id);
			if (r->renamed) {
				text(&pg, td, " (was \xe2\x80\x9c");
				utext(&pg, td, r->old->name);
				text(&pg, td, "\xe2\x80\x9d)");
			}
			uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
			    *cur->id ? cur->id : "(no id)");
			td = el(&pg, tr, "td", NULL);
			if (r->change == RA_RCH_CHANGED)
				textf(&pg, td, "%zu", r->np);
			else
				textf(&pg, td, "%s, %zu privilege%s",
				    ra_rchange_name(r->change), cur->nprivs,
				    cur->nprivs == 1 ? "" : "s");
			for (k = 0, esc = 0; k < r->np; k++)
				esc += r->p[k].reason != NULL;
			if (r->change == RA_RCH_ADDED)
				esc = (size_t)r->escalation;
			textf(&pg, el(&pg, tr, "td", "num"), "%zu", esc);
			td = el(&pg, tr, "td", NULL);
			for (k = 0; k < r->nt; k++) {
				if (k)
					el(&pg, td, "br", NULL);
				utext(&pg, td, r->t[k].prof->name);
				textf(&pg, td, ": %s \xe2\x86\x92 %s",
				    r->t[k].old_pass ? "pass" : "fail",
				    r->t[k].new_pass ? "pass" : "fail");
			}
			badge(&pg, el(&pg, tr, "td", NULL), ra_severity_name(s),
			    ra_severity_name(s));
		}
	}
	legend(&pg, 2);
	page_flush(&pg);

	v.ctx = d->ctx;
	v.grid = &grid;
	v.shown = diff_shown;
	v.cell = diff_cell;
	for (i = 0; i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];
		const struct ra_role	*cur = r->new ? r->new : r->old;

		page_flush(&pg);
		sec = el(&pg, pg.body, "section", "role");
		snprintf(id, sizeof(id), "role-%zu", i + 1);
		attr(&pg, sec, "id", id);
		n = el(&pg, sec, "h2", NULL);
		badge(&pg, n, r->change == RA_RCH_REMOVED ? "note" :
		    r->change == RA_RCH_ADDED ? "warning" : "neutral",
		    change_label(r));
		utext(&pg, n, cur->name);
		t = el(&pg, sec, "table", "meta");
		utext(&pg, el(&pg, meta_row(&pg, t, "Id"), "code", NULL),
		    *cur->id ? cur->id : "(no id)");
		if (r->renamed)
			utext(&pg, meta_row(&pg, t, "Renamed from"),
			    r->old->name);
		if (r->old != NULL) {
			b.len = 0;
			ra_role_location(r->old, &b);
			utext(&pg, el(&pg, meta_row(&pg, t, "Old location"),
			    "code", NULL), b.oom ? "" : b.s);
		}
		if (r->new != NULL) {
			b.len = 0;
			ra_role_location(r->new, &b);
			utext(&pg, el(&pg, meta_row(&pg, t, "New location"),
			    "code", NULL), b.oom ? "" : b.s);
		}
		if (r->change != RA_RCH_CHANGED) {
			td = meta_row(&pg, t, "Privileges");
			textf(&pg, td, "%zu %s", cur->nprivs,
			    r->change == RA_RCH_ADDED ? "granted" :
			    "no longer granted");
			if (r->escalation)
				text(&pg, td, "; grants escalating privileges");
		}
		if (r->np)
			changes_table(&pg, sec, d, r);
		if (r->nt) {
			tel(&pg, sec, "h3", NULL, "Profile verdicts");
			ul = el(&pg, sec, "ul", NULL);
			for (k = 0; k < r->nt; k++) {
				n = el(&pg, ul, "li", NULL);
				utext(&pg, n, r->t[k].prof->name);
				textf(&pg, n, ": %s \xe2\x86\x92 %s",
				    r->t[k].old_pass ? "pass" : "fail",
				    r->t[k].new_pass ? "pass" : "fail");
			}
		}
		if (r->np == 0 && r->change == RA_RCH_CHANGED)
			continue;
		for (k = 0; k < cat->n; k++)
			pd[k] = NULL;
		for (k = 0; k < r->np; k++)
			if (r->p[k].priv < cat->n)
				pd[r->p[k].priv] = &r->p[k];
		v.old = r->old;
		v.new = r->new;
		v.pd = r->change == RA_RCH_CHANGED ? pd : NULL;
		v.anchor = id;
		tel(&pg, sec, "h3", NULL, "Privileges by tab");
		tel(&pg, sec, "p", "hint", r->change == RA_RCH_CHANGED ?
		    "Every entity the role holds anything on, on either side; "
		    "changed cells show the old and the new depth." :
		    "Every privilege of the role, marked as added or "
		    "removed.");
		role_grids(&pg, &v, sec);
	}
	footer(&pg, "An escalation or a role that stops passing a profile is "
	    "an error; another change that grants more, a warning; a change "
	    "that grants less, a note.");
	ra_buf_free(&b);
	ra_grid_free(&grid);
	free(pd);
	return page_write(&pg);
}

/* ---- matrix -------------------------------------------------------- */

enum ra_err
ra_render_matrix_html(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const rheads[] = { "#", "Role", "Id", "Input",
	    "Location", "Privileges" };
	const struct ra_catalog	*cat = &ctx->cat;
	const struct ra_role	**roles = NULL;
	struct page		 pg;
	struct ra_grid		 grid;
	struct ra_buf		 b = { 0 };
	xmlNodePtr		 tb, tr, td, n, table;
	size_t			 s, i, k, j, nroles = 0, start, span;
	char			 id[32];
	enum ra_tab		 t;
	enum ra_section		 cursec;

	for (s = 0; s < nsol; s++)
		nroles += sol[s]->nrole;
	if ((roles = calloc(nroles + 1, sizeof(*roles))) == NULL)
		return RA_ENOMEM;
	if (ra_grid_build(cat, NULL, &grid) == -1) {
		free(roles);
		return RA_ENOMEM;
	}
	ra_buf_adds(&b, "Security role matrix");
	if (nsol > 0) {
		ra_buf_adds(&b, ": ");
		ra_buf_adds(&b, sol[0]->path);
		if (nsol > 1)
			ra_buf_printf(&b, " and %zu more", nsol - 1);
	}
	if (page_new(&pg, b.oom ? "" : b.s, out) == -1)
		pg.oom = 1;
	tel(&pg, pg.body, "h1", NULL, "Security role matrix");
	textf(&pg, el(&pg, pg.body, "p", "lead"), "%zu role%s in %zu input%s "
	    "against %zu privilege%s, by the security-role editor's tabs.",
	    nroles, nroles == 1 ? "" : "s", nsol, nsol == 1 ? "" : "s",
	    cat->n, cat->n == 1 ? "" : "s");
	meta_table(&pg, o->generated);
	inputs_table(&pg, sol, nsol, NULL);
	diag_table(&pg, ctx);

	tel(&pg, pg.body, "h2", NULL, "Roles");
	tb = thead(&pg, el(&pg, pg.body, "table", "summary"), rheads, 6);
	for (s = 0, k = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++, k++) {
			roles[k] = &sol[s]->role[i];
			tr = el(&pg, tb, "tr", NULL);
			textf(&pg, el(&pg, tr, "td", "num"), "R%zu", k + 1);
			uel(&pg, tr, "td", NULL, roles[k]->name);
			uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
			    *roles[k]->id ? roles[k]->id : "(no id)");
			uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
			    sol[s]->path);
			b.len = 0;
			ra_role_location(roles[k], &b);
			uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
			    b.oom ? "" : b.s);
			textf(&pg, el(&pg, tr, "td", "num"), "%zu",
			    roles[k]->nprivs);
		}
	legend(&pg, 0);
	page_flush(&pg);

	/* Tab by tab: one row per privilege, one column per role. */
	for (t = 0, i = 0; t < RA_TAB__COUNT; t++) {
		start = i;
		while (i < grid.n && grid.row[i].tab == t)
			i++;
		if (i == start)
			continue;
		page_flush(&pg);
		n = tel(&pg, pg.body, "h2", NULL, ra_tab_name(t));
		snprintf(id, sizeof(id), "tab-%d", (int)t);
		attr(&pg, n, "id", id);
		table = el(&pg, pg.body, "table", "matrix");
		tr = el(&pg, el(&pg, table, "thead", NULL), "tr", NULL);
		tel(&pg, tr, "th", NULL, "Entity");
		tel(&pg, tr, "th", NULL, "Access");
		tel(&pg, tr, "th", NULL, "Privilege");
		for (k = 0; k < nroles; k++) {
			n = el(&pg, tr, "th", "role");
			textf(&pg, n, "R%zu ", k + 1);
			utext(&pg, n, roles[k]->name);
			uattr(&pg, n, "title", roles[k]->name);
		}
		tb = el(&pg, table, "tbody", NULL);
		cursec = RA_SECTION_ENTITIES;
		for (j = start; j < i; j++) {
			const struct ra_grid_row	*r = &grid.row[j];

			if (r->section != cursec) {
				cursec = r->section;
				tr = el(&pg, tb, "tr", "sec");
				n = tel(&pg, tr, "th", NULL,
				    ra_section_name(cursec));
				snprintf(id, sizeof(id), "%zu", nroles + 3);
				attr(&pg, n, "colspan", id);
			}
			for (span = 0, k = 0; k < RA_ACCESS__COUNT; k++)
				span += r->priv[k] != RA_NOPRIV;
			for (k = 0; k < RA_ACCESS__COUNT; k++) {
				size_t	 p = r->priv[k], q;

				if (p == RA_NOPRIV)
					continue;
				tr = el(&pg, tb, "tr", NULL);
				if (span > 0) {
					n = uel(&pg, tr, "th", NULL, r->label);
					attr(&pg, n, "scope", "row");
					snprintf(id, sizeof(id), "%zu", span);
					if (span > 1)
						attr(&pg, n, "rowspan", id);
					span = 0;
				}
				tel(&pg, tr, "td", NULL, k != RA_ACCESS_NONE ?
				    access_head[k] :
				    access_head[cat->v[p].access]);
				uel(&pg, el(&pg, tr, "td", NULL), "code", NULL,
				    cat->v[p].name);
				for (q = 0; q < nroles; q++) {
					enum ra_level	 l = ra_bitmap_get(
					    &roles[q]->bits, p);

					td = el(&pg, tr, "td", "c");
					circle(&pg, td, l);
				}
			}
		}
	}
	footer(&pg, "Every privilege the catalog knows, including those "
	    "met in the inputs.");
	ra_buf_free(&b);
	ra_grid_free(&grid);
	free(roles);
	return page_write(&pg);
}
