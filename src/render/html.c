/*
 * html.c - the HTML document builder: the skeleton of a self-contained
 * page (doctype, head with Content-Security-Policy and inline CSS,
 * body), elements, attributes and text, escaping, and the writing.  The
 * pages (html_report.c, html_diff.c, html_matrix.c) and the parts they
 * share (html_parts.c) use only the ra_html_*() calls of render.h, never
 * libxml2, which stays in this file.
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
 * Pages build in document order (see render.h), and parts of the body
 * are written and freed as they are finished (ra_html_flush()), so
 * memory follows one role, not the report.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "render/render.h"

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
".neutral,.skip{color:#333;background:#f0f2f4;border-color:#aab}\n"
".unplaced{font-size:.72em;font-weight:600;color:#7a4f01;margin-left:.4em}\n"
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

/* The page being built.  OOM is sticky and checked when it is written. */
struct ra_html {
	htmlDocPtr		 doc;
	xmlNodePtr		 head;
	xmlNodePtr		 body;
	xmlOutputBufferPtr	 ob;
	FILE			*out;
	struct ra_buf		 b;
	int			 oom;
	int			 started;
};

/* A handle is the libxml2 node; only this file looks inside. */
#define NODE(h)		((xmlNodePtr)(void *)(h))
#define HANDLE(n)	((struct ra_html_node *)(void *)(n))

struct ra_html_node *
ra_html_el(struct ra_html *pg, struct ra_html_node *parent, const char *name,
    const char *cls)
{
	xmlNodePtr	 n;

	if (parent == NULL)
		return NULL;
	if ((n = xmlNewChild(NODE(parent), NULL, BAD_CAST name, NULL)) ==
	    NULL) {
		pg->oom = 1;
		return NULL;
	}
	if (cls != NULL && xmlNewProp(n, BAD_CAST "class", BAD_CAST cls) ==
	    NULL)
		pg->oom = 1;
	return HANDLE(n);
}

void
ra_html_attr(struct ra_html *pg, struct ra_html_node *n, const char *name,
    const char *value)
{
	if (n != NULL && xmlSetProp(NODE(n), BAD_CAST name, BAD_CAST value) ==
	    NULL)
		pg->oom = 1;
}

void
ra_html_text(struct ra_html *pg, struct ra_html_node *n, const char *s)
{
	xmlNodePtr	 t;

	if (n == NULL || s == NULL || *s == '\0')
		return;
	if ((t = xmlNewDocText(pg->doc, BAD_CAST s)) == NULL) {
		pg->oom = 1;
		return;
	}
	if (xmlAddChild(NODE(n), t) == NULL) {
		xmlFreeNode(t);
		pg->oom = 1;
	}
}

void
ra_html_textf(struct ra_html *pg, struct ra_html_node *n, const char *fmt,
    ...)
{
	va_list		 ap;
	char		 s[256];

	va_start(ap, fmt);
	vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	ra_html_text(pg, n, s);
}

/*
 * S from the input, with control characters, bidirectional overrides and
 * invalid UTF-8 escaped; borrowed until the next call.
 */
static const char *
safe(struct ra_html *pg, const char *s)
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

void
ra_html_utext(struct ra_html *pg, struct ra_html_node *n, const char *s)
{
	ra_html_text(pg, n, safe(pg, s));
}

void
ra_html_uattr(struct ra_html *pg, struct ra_html_node *n, const char *name,
    const char *s)
{
	ra_html_attr(pg, n, name, safe(pg, s));
}

struct ra_html_node *
ra_html_tel(struct ra_html *pg, struct ra_html_node *parent,
    const char *name, const char *cls, const char *s)
{
	struct ra_html_node	*n = ra_html_el(pg, parent, name, cls);

	ra_html_text(pg, n, s);
	return n;
}

struct ra_html_node *
ra_html_uel(struct ra_html *pg, struct ra_html_node *parent,
    const char *name, const char *cls, const char *s)
{
	struct ra_html_node	*n = ra_html_el(pg, parent, name, cls);

	ra_html_utext(pg, n, s);
	return n;
}

void
ra_html_fail(struct ra_html *pg)
{
	pg->oom = 1;
}

struct ra_html *
ra_html_new(const char *title, FILE *out)
{
	struct ra_html		*pg;
	struct ra_html_node	*head, *n;
	xmlNodePtr		 html;

	if ((pg = calloc(1, sizeof(*pg))) == NULL)
		return NULL;
	pg->out = out;
	xmlInitParser();	/* idempotent; the first call sets libxml2 up */
	if ((pg->doc = htmlNewDocNoDtD(NULL, NULL)) == NULL ||
	    (html = xmlNewDocNode(pg->doc, NULL, BAD_CAST "html", NULL)) ==
	    NULL) {
		pg->oom = 1;
		return pg;
	}
	xmlDocSetRootElement(pg->doc, html);
	head = ra_html_el(pg, HANDLE(html), "head", NULL);
	pg->head = NODE(head);
	n = ra_html_el(pg, head, "meta", NULL);
	ra_html_attr(pg, n, "charset", "utf-8");
	n = ra_html_el(pg, head, "meta", NULL);
	ra_html_attr(pg, n, "http-equiv", "Content-Security-Policy");
	ra_html_attr(pg, n, "content", "default-src 'none'; style-src "
	    "'unsafe-inline'; base-uri 'none'; form-action 'none'");
	n = ra_html_el(pg, head, "meta", NULL);
	ra_html_attr(pg, n, "name", "referrer");
	ra_html_attr(pg, n, "content", "no-referrer");
	n = ra_html_el(pg, head, "meta", NULL);
	ra_html_attr(pg, n, "name", "viewport");
	ra_html_attr(pg, n, "content", "width=device-width, initial-scale=1");
	n = ra_html_el(pg, head, "meta", NULL);
	ra_html_attr(pg, n, "name", "generator");
	ra_html_attr(pg, n, "content", "roleaudit " RA_VERSION);
	ra_html_uel(pg, head, "title", NULL, title);
	ra_html_tel(pg, head, "style", NULL, css);
	pg->body = NODE(ra_html_el(pg, HANDLE(html), "body", NULL));
	return pg;
}

struct ra_html_node *
ra_html_body(struct ra_html *pg)
{
	return HANDLE(pg->body);
}

/* Write what fixed text the page needs between serialized nodes. */
static void
raw(struct ra_html *pg, const char *s)
{
	if (pg->ob != NULL && xmlOutputBufferWriteString(pg->ob, s) < 0)
		pg->oom = 1;
}

/*
 * Only the doctype and the html and body tags, which hold nothing from
 * the input, are written as fixed text; the rest goes through libxml2's
 * HTML serializer.  Text is written as UTF-8, which the head declares;
 * what came from the input was made valid UTF-8 by safe() first.
 */
void
ra_html_flush(struct ra_html *pg)
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
		raw(pg, "<!DOCTYPE html>\n<html lang=\"en\">\n");
		htmlNodeDumpFormatOutput(pg->ob, pg->doc, pg->head, NULL, 1);
		raw(pg, "\n<body>\n");
	}
	while ((n = pg->body->children) != NULL) {
		htmlNodeDumpFormatOutput(pg->ob, pg->doc, n, NULL, 1);
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	if (xmlOutputBufferFlush(pg->ob) < 0)
		pg->oom = 1;
}

enum ra_err
ra_html_end(struct ra_html *pg)
{
	enum ra_err	 rc = RA_OK;
	int		 oom;

	if (pg == NULL)
		return RA_ENOMEM;
	ra_html_flush(pg);
	raw(pg, "</body>\n</html>\n");
	oom = pg->oom;
	if (pg->ob != NULL && (xmlOutputBufferClose(pg->ob) < 0 ||
	    ferror(pg->out)))
		rc = RA_EIO;
	if (oom || !pg->started)
		rc = ferror(pg->out) ? RA_EIO : RA_ENOMEM;
	if (pg->doc != NULL)
		xmlFreeDoc(pg->doc);
	ra_buf_free(&pg->b);
	free(pg);
	return rc;
}
