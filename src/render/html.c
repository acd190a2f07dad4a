/*
 * html.c - the HTML page writer: the skeleton of a self-contained page
 * (doctype, head with Content-Security-Policy and inline CSS, body),
 * elements, attributes and text, escaped and written as they come.  The
 * pages (html_report.c, html_diff.c, html_matrix.c) and the parts they
 * share (html_parts.c) use only the ra_html_*() calls of render.h.
 *
 * Nothing is kept of the page once written: an element's start tag goes
 * out when it is made, its text as it is added, its end tag when an
 * element is added to one of its ancestors (or the page flushes or
 * ends).  Memory follows the depth of the page, not its size, save for
 * one thing: the line breaks below need to know whether an element
 * holds one node or more, so the first child of an element that may
 * break lines is held back (in the output buffer) until a second child
 * comes or the element ends, unless the page said which
 * (ra_html_expect()).  What is held is the first row of a table or a
 * cell's first part: never a role's grids, nor the matrix's head.
 *
 * Escaping, the page's security: every string from the input reaches
 * the page as text or as an attribute value, escaped here.  In text, &
 * < and > become references; in attribute values also ", and values are
 * always double-quoted; an href is percent-encoded as a URL first.
 * Control characters become numeric references.  Before that, text from
 * the input has control characters, bidirectional overrides and invalid
 * UTF-8 escaped as in the text report (ra_buf_add_safe()), so a name
 * cannot make the page read differently from what it says.  Only the
 * CSS in the head is written as it is.
 *
 * Line breaks follow the layout of HTML 4's block elements (the layout
 * the pages have always had, byte for byte): a break after the start
 * tag of a block element whose first node is an element and that holds
 * more than one, before the end tag of one whose last node is an element
 * (likewise), and after a block element followed by an element; never
 * inside a paragraph.  HTML5's section, nav and footer, and the inline
 * elements, break no lines.
 *
 * The page has inline CSS and nothing else: no script, no image, no font,
 * no link to anything but its own anchors; a Content-Security-Policy
 * meta element forbids fetching anything should a browser be asked to.
 * It reads the same printed (a role per page, colours kept).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- elements --------------------------------------------------------- */

#define T_BREAK	0x1	/* a block element: lines break around it */
#define T_PARA	0x2	/* no line breaks inside (p) */
#define T_VOID	0x4	/* no content and no end tag */
#define T_OPTEND 0x8	/* no end tag when it is empty (li) */
#define T_RAW	0x10	/* text written as it is (the CSS) */
#define T_URL	0x20	/* its href is a URL (a) */

/*
 * The elements a page may use, sorted by name for lookup(); any other is
 * a bug of the page.
 */
static const struct tag {
	const char	*name;
	unsigned	 flags;
} tags[] = {
	{ "a", T_URL },
	{ "body", T_BREAK },
	{ "br", T_VOID },
	{ "code", 0 },
	{ "div", T_BREAK },
	{ "footer", 0 },
	{ "h1", T_BREAK },
	{ "h2", T_BREAK },
	{ "h3", T_BREAK },
	{ "h4", T_BREAK },
	{ "head", T_BREAK },
	{ "html", T_BREAK },
	{ "li", T_BREAK | T_OPTEND },
	{ "meta", T_BREAK | T_VOID },
	{ "nav", 0 },
	{ "p", T_BREAK | T_PARA },
	{ "section", 0 },
	{ "span", 0 },
	{ "strong", 0 },
	{ "style", T_BREAK | T_RAW },
	{ "table", T_BREAK },
	{ "tbody", T_BREAK },
	{ "td", T_BREAK },
	{ "th", T_BREAK },
	{ "thead", T_BREAK },
	{ "title", T_BREAK },
	{ "tr", T_BREAK },
	{ "ul", T_BREAK }
};

/*
 * An element whose end tag is not written yet.  A handle given to the
 * pages is the element's number (1, 2, ...): a handle of an element that
 * has ended finds nothing, and the call is refused as a bug of the page.
 */
struct open {
	const struct tag *tag;
	uintptr_t	 id;
	unsigned char	 nkids;		/* nodes, adjacent text as one: 0, 1, 2+ */
	unsigned char	 last_text;	/* the last node is text */
	unsigned char	 in_tag;	/* the start tag lacks its ">" */
	unsigned char	 brk;		/* a block child ended: break before
					   an element */
	unsigned char	 skeleton;	/* html, body: tags written by the page */
	unsigned char	 held;		/* the break after the start tag waits */
	unsigned char	 expect;	/* ra_html_expect(): 0, 1 one, 2 more */
	size_t		 held_at;	/* where in the buffer it would go */
};

/* The page being written.  The first error is kept and ends the writing. */
struct ra_html {
	FILE		*out;
	char		*ob;		/* output not yet written to OUT */
	size_t		 oblen, obcap;
	size_t		 nheld;		/* elements whose first break waits */
	struct open	*el;		/* el[0] html, el[1] body, ... */
	size_t		 n, cap;
	uintptr_t	 next_id;
	const char	*seen[8];	/* names looked up, by their address */
	const struct tag *seen_tag[8];
	struct ra_buf	 b;		/* safe()'s scratch */
	enum ra_err	 err;
};

/* The buffer's size; it grows past it only while a break waits. */
#define OB_SIZE		(64 * 1024)

#define HANDLE(id)	((struct ra_html_node *)(id))

static void
fail(struct ra_html *pg, enum ra_err e)
{
	if (pg->err == RA_OK)
		pg->err = e;
}

/* Write the buffer to OUT, unless a break before some of it may come. */
static void
drain(struct ra_html *pg)
{
	if (pg->nheld > 0 || pg->oblen == 0)
		return;
	if (pg->err == RA_OK &&
	    fwrite(pg->ob, 1, pg->oblen, pg->out) != pg->oblen)
		fail(pg, RA_EIO);
	pg->oblen = 0;
}

/* emit() when the N bytes do not fit: drain, or grow while held. */
static void
emit_slow(struct ra_html *pg, const char *s, size_t n)
{
	if (pg->err != RA_OK)
		return;
	drain(pg);
	if (n > pg->obcap - pg->oblen && ra_grow(&pg->ob, &pg->obcap,
	    pg->oblen + n, 1) == -1) {
		fail(pg, RA_ENOMEM);
		return;
	}
	memcpy(pg->ob + pg->oblen, s, n);
	pg->oblen += n;
}

static inline void
emit(struct ra_html *pg, const char *s, size_t n)
{
	if (n <= pg->obcap - pg->oblen) {
		memcpy(pg->ob + pg->oblen, s, n);
		pg->oblen += n;
	} else
		emit_slow(pg, s, n);
}

#define emits(pg, s)	emit((pg), (s), strlen(s))

/*
 * S escaped for text (ATTR 0) or a double-quoted attribute value (1):
 * & < > (and ") as references, control characters but tab, newline and
 * carriage return as numeric references; the rest as it is.
 */
static void
emit_escaped(struct ra_html *pg, const char *s, int attr)
{
	const char	*run = s;
	char		 ref[8];
	unsigned char	 c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		const char	*r;

		if (c > '>')		/* beyond all that is escaped */
			continue;
		if (c == '&')
			r = "&amp;";
		else if (c == '<')
			r = "&lt;";
		else if (c == '>')
			r = "&gt;";
		else if (c == '"' && attr)
			r = "&quot;";
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			snprintf(ref, sizeof(ref), "&#%u;", c);
			r = ref;
		} else
			continue;
		emit(pg, run, (size_t)(s - run));
		emits(pg, r);
		run = s + 1;
	}
	emit(pg, run, (size_t)(s - run));
}

/*
 * URL S escaped for an href: leading blanks dropped, bytes that may
 * stand in a URL as they are (letters, digits, - _ . ! ~ * ' ( ) and
 * @ / : = ? ; # % , +), & < > as references, any other as %XX.
 */
static void
emit_url(struct ra_html *pg, const char *s)
{
	static const char	 keep[] = "-_.!~*'()@/:=?;#%,+";
	char			 pct[4];
	unsigned char		 c;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(keep, c) != NULL)
			emit(pg, s, 1);
		else if (c == '&')
			emits(pg, "&amp;");
		else if (c == '<')
			emits(pg, "&lt;");
		else if (c == '>')
			emits(pg, "&gt;");
		else {
			snprintf(pct, sizeof(pct), "%%%02X", c);
			emit(pg, pct, 3);
		}
	}
}

/* The open element of handle H, or NULL (and the page's bug noted). */
static struct open *
find(struct ra_html *pg, struct ra_html_node *h)
{
	uintptr_t	 id = (uintptr_t)h;
	size_t		 i;

	if (h == NULL || pg->err != RA_OK)
		return NULL;
	for (i = pg->n; i-- > 0;)
		if (pg->el[i].id == id)
			return &pg->el[i];
	fail(pg, RA_EINVAL);
	return NULL;
}

/*
 * The break after E's start tag is decided: a newline, or none.  The
 * newline makes its room while E is still held, as emit() drains a full
 * buffer when nothing is held, and E's place in it would be gone.
 */
static void
settle(struct ra_html *pg, struct open *e, int brk)
{
	if (brk && pg->err == RA_OK) {
		emit(pg, "\n", 1);
		if (pg->err == RA_OK) {
			memmove(pg->ob + e->held_at + 1, pg->ob + e->held_at,
			    pg->oblen - 1 - e->held_at);
			pg->ob[e->held_at] = '\n';
		}
	}
	e->held = 0;
	pg->nheld--;
	if (pg->oblen >= OB_SIZE)
		drain(pg);
}

/* End the topmost element. */
static void
end_top(struct ra_html *pg)
{
	struct open	*e = &pg->el[pg->n - 1], *parent;
	unsigned	 f = e->tag->flags;

	if (e->in_tag) {
		emits(pg, ">");
		if (!(f & (T_VOID | T_OPTEND))) {
			emits(pg, "</");
			emits(pg, e->tag->name);
			emits(pg, ">");
		}
	} else {
		if (e->held)
			settle(pg, e, 0);
		if ((f & T_BREAK) && !(f & T_PARA) && e->nkids > 1 &&
		    !e->last_text)
			emits(pg, "\n");
		emits(pg, "</");
		emits(pg, e->tag->name);
		emits(pg, ">");
	}
	pg->n--;
	parent = &pg->el[pg->n - 1];
	if ((f & T_BREAK) && !(parent->tag->flags & T_PARA))
		parent->brk = 1;
}

/* End every element inside E. */
static void
end_inside(struct ra_html *pg, const struct open *e)
{
	while (&pg->el[pg->n - 1] != e)
		end_top(pg);
}

/*
 * A node (text when TEXT) is about to be written into E, its last open
 * element: close E's start tag, and write the breaks the node decides.
 * 0, or -1 when E cannot take it (a void element).
 */
static int
add_node(struct ra_html *pg, struct open *e, int text)
{
	unsigned	 f = e->tag->flags;

	if (f & T_VOID) {
		fail(pg, RA_EINVAL);
		return -1;
	}
	if (e->in_tag) {
		emits(pg, ">");
		e->in_tag = 0;
	}
	if (text && e->nkids > 0 && e->last_text)
		return 0;	/* more of the same text node */
	if (!text && e->brk)
		emits(pg, "\n");
	e->brk = 0;
	if (e->nkids == 0 && !text && !e->skeleton && (f & T_BREAK) &&
	    !(f & T_PARA)) {
		/* Whether a second node comes decides; the page may know. */
		if (e->expect == 2)
			emits(pg, "\n");
		else if (e->expect == 0) {
			e->held = 1;
			e->held_at = pg->oblen;
			pg->nheld++;
		}
	} else if (e->nkids == 1 && e->held)
		settle(pg, e, 1);
	if (e->nkids < 2)
		e->nkids++;
	e->last_text = (unsigned char)text;
	return 0;
}

/*
 * The tag of element NAME, or NULL.  The last names asked for are kept
 * by address, a page asking for the same few again and again: a hit is
 * one comparison, not a bisection.
 */
static const struct tag *
lookup(struct ra_html *pg, const char *name)
{
	size_t	 lo = 0, hi = sizeof(tags) / sizeof(tags[0]), mid;
	size_t	 slot = ((uintptr_t)name >> 3) % 8;
	int	 c;

	if (pg->seen[slot] == name && strcmp(pg->seen_tag[slot]->name,
	    name) == 0)
		return pg->seen_tag[slot];
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(name, tags[mid].name)) == 0) {
			pg->seen[slot] = name;
			pg->seen_tag[slot] = &tags[mid];
			return &tags[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Push element NAME (its start tag written but for ">") into PARENT. */
static struct open *
push(struct ra_html *pg, struct open *parent, const char *name)
{
	const struct tag	*t;
	struct open		*e;

	if ((t = lookup(pg, name)) == NULL) {
		fail(pg, RA_EINVAL);
		return NULL;
	}
	end_inside(pg, parent);
	if (add_node(pg, parent, 0) == -1)
		return NULL;
	if (ra_grow(&pg->el, &pg->cap, pg->n + 1, sizeof(*pg->el)) == -1) {
		fail(pg, RA_ENOMEM);
		return NULL;
	}
	e = &pg->el[pg->n++];
	memset(e, 0, sizeof(*e));
	e->tag = t;
	e->id = ++pg->next_id;
	e->in_tag = 1;
	emits(pg, "<");
	emits(pg, name);
	return e;
}

struct ra_html_node *
ra_html_el(struct ra_html *pg, struct ra_html_node *parent, const char *name,
    const char *cls)
{
	struct open	*p, *e;

	if ((p = find(pg, parent)) == NULL || (e = push(pg, p, name)) == NULL)
		return NULL;
	if (cls != NULL) {
		emits(pg, " class=\"");
		emit_escaped(pg, cls, 1);
		emits(pg, "\"");
	}
	return pg->err == RA_OK ? HANDLE(e->id) : NULL;
}

void
ra_html_attr(struct ra_html *pg, struct ra_html_node *n, const char *name,
    const char *value)
{
	struct open	*e;

	if ((e = find(pg, n)) == NULL)
		return;
	/* Attributes come right after the element is made. */
	if (e != &pg->el[pg->n - 1] || !e->in_tag) {
		fail(pg, RA_EINVAL);
		return;
	}
	emits(pg, " ");
	emits(pg, name);
	emits(pg, "=\"");
	if ((e->tag->flags & T_URL) && strcmp(name, "href") == 0)
		emit_url(pg, value);
	else
		emit_escaped(pg, value, 1);
	emits(pg, "\"");
}

void
ra_html_expect(struct ra_html *pg, struct ra_html_node *n, int several)
{
	struct open	*e;

	if ((e = find(pg, n)) == NULL)
		return;
	if (e != &pg->el[pg->n - 1] || !e->in_tag) {
		fail(pg, RA_EINVAL);
		return;
	}
	e->expect = several ? 2 : 1;
}

/* Text S into N: escaped, or as it is in a raw element. */
void
ra_html_text(struct ra_html *pg, struct ra_html_node *n, const char *s)
{
	struct open	*e;

	if (s == NULL || *s == '\0' || (e = find(pg, n)) == NULL)
		return;
	end_inside(pg, e);
	if (add_node(pg, e, 1) == -1)
		return;
	if (e->tag->flags & T_RAW)
		emits(pg, s);
	else
		emit_escaped(pg, s, 0);
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
		fail(pg, RA_ENOMEM);
		return "";
	}
	return pg->b.s != NULL ? pg->b.s : "";
}

void
ra_html_utext(struct ra_html *pg, struct ra_html_node *n, const char *s)
{
	struct open	*e;

	/* Raw text never comes from the input. */
	if ((e = find(pg, n)) != NULL && (e->tag->flags & T_RAW)) {
		fail(pg, RA_EINVAL);
		return;
	}
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
	fail(pg, RA_ENOMEM);
}

/* A skeleton element (html, body) whose tags the page writes itself. */
static void
push_skeleton(struct ra_html *pg, const char *name)
{
	struct open	*e = &pg->el[pg->n++];

	memset(e, 0, sizeof(*e));
	e->tag = lookup(pg, name);
	e->id = ++pg->next_id;
	e->skeleton = 1;
}

struct ra_html *
ra_html_new(const char *title, FILE *out)
{
	struct ra_html		*pg;
	struct ra_html_node	*head, *n;

	if ((pg = calloc(1, sizeof(*pg))) == NULL)
		return NULL;
	pg->out = out;
	if (ra_grow(&pg->el, &pg->cap, 16, sizeof(*pg->el)) == -1 ||
	    ra_grow(&pg->ob, &pg->obcap, OB_SIZE, 1) == -1) {
		free(pg->el);
		free(pg);
		return NULL;
	}
	emits(pg, "<!DOCTYPE html>\n<html lang=\"en\">\n");
	push_skeleton(pg, "html");
	head = ra_html_el(pg, HANDLE(pg->el[0].id), "head", NULL);
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
	/* The head ends; the body follows it as the html's next element. */
	end_inside(pg, &pg->el[0]);
	add_node(pg, &pg->el[0], 0);
	emits(pg, "\n<body>\n");
	push_skeleton(pg, "body");
	return pg;
}

struct ra_html_node *
ra_html_body(struct ra_html *pg)
{
	return pg->n > 1 ? HANDLE(pg->el[1].id) : NULL;
}

/*
 * End what the body holds and write it out.  A page flushes before each
 * role; what ends here is followed by no line break, as a part of the
 * page written on its own.
 */
void
ra_html_flush(struct ra_html *pg)
{
	if (pg->n < 2)
		return;
	end_inside(pg, &pg->el[1]);
	pg->el[1].brk = 0;
	drain(pg);
	if (pg->err == RA_OK && ferror(pg->out))
		fail(pg, RA_EIO);
}

enum ra_err
ra_html_end(struct ra_html *pg)
{
	enum ra_err	 rc;

	if (pg == NULL)
		return RA_ENOMEM;
	if (pg->n >= 2) {
		end_inside(pg, &pg->el[1]);
		emits(pg, "</body>\n</html>\n");
	}
	drain(pg);
	if (pg->err == RA_OK && (fflush(pg->out) != 0 || ferror(pg->out)))
		fail(pg, RA_EIO);
	rc = pg->err;
	free(pg->ob);
	ra_buf_free(&pg->b);
	free(pg->el);
	free(pg);
	return rc;
}
