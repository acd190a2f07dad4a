/*
 * scan_roles.c - hand libxml2 only the <Roles> section of a large
 * customizations.xml.
 *
 * Entity definitions, forms and workflows can make up most of a 100 MB
 * customizations.xml and hold no roles.  This stage tokenizes the stream
 * just enough to track element nesting (start and end tags, with their
 * names matched on a stack; comments; CDATA; processing instructions) and
 * forwards to the parser (parse_roles.c) a document made of the root's
 * start tag, the <Roles> element that is the root's child, and the
 * root's end tag.  Lines reported by the parser are shifted back to the
 * original file's.
 *
 * Whenever the scan cannot be sure it sees what libxml2 would see (a
 * DOCTYPE, an encoding other than UTF-8, an unmatched tag, a second
 * <Roles>, anything after the root, a truncated document, a token larger
 * than 1 MiB, nesting past the depth limit), it says so
 * (ra_scan_unsure()) and the input stage parses the whole document
 * instead.  What it does not check outside <Roles> is that the rest is
 * valid XML: text characters, entity references, attribute syntax.
 * ra_ctx_set_limit(RA_LIMIT_SCAN_SIZE) chooses which members are scanned.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define TOKEN_MAX	(1024 * 1024)
#define ROOT		"ImportExportXml"

enum state {
	S_PROLOG = 0,	/* before the root element */
	S_BODY,		/* inside the root, outside <Roles> */
	S_ROLES,	/* inside <Roles>: forwarded */
	S_AFTER,	/* after the root's end tag */
	S_DONE		/* unsure, or the parser failed */
};

struct ra_scan {
	struct ra_xml	*x;
	struct ra_ctx	*ctx;
	enum state	 state;
	int		 unsure;
	enum ra_err	 rc;
	struct ra_buf	 pend;		/* bytes not yet tokenized */
	unsigned long	 line;		/* line at pend.s[counted] */
	size_t		 counted;
	struct ra_buf	 names;		/* open elements, NUL-separated */
	size_t		*name_at;	/* offset of each open name */
	size_t		 depth, capdepth;
	size_t		 roles_depth;	/* depth inside <Roles> */
	int		 roles_seen;
	int		 started;	/* byte-order mark looked at */
	unsigned long	 root_lines;	/* newlines inside the root tag */
};

struct ra_scan *
ra_scan_new(struct ra_ctx *ctx, struct ra_xml *x)
{
	struct ra_scan	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->ctx = ctx;
	s->x = x;
	s->line = 1;
	return s;
}

void
ra_scan_free(struct ra_scan *s)
{
	if (s == NULL)
		return;
	ra_buf_free(&s->pend);
	ra_buf_free(&s->names);
	free(s->name_at);
	free(s);
}

int
ra_scan_unsure(const struct ra_scan *s)
{
	return s->unsure;
}

static void
unsure(struct ra_scan *s)
{
	s->unsure = 1;
	s->state = S_DONE;
}

static void
forward(struct ra_scan *s, const char *p, size_t n)
{
	if (s->state == S_DONE || n == 0)
		return;
	if ((s->rc = ra_xml_feed(s->x, p, n)) != RA_OK)
		s->state = S_DONE;
}

/* Count newlines up to END (an offset into pend). */
static void
count_lines(struct ra_scan *s, size_t end)
{
	const char	*p = s->pend.s + s->counted, *e = s->pend.s + end;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		s->line++;
		p++;
	}
	s->counted = end;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Find NEEDLE in [P, E); NULL when absent. */
static const char *
find(const char *p, const char *e, const char *needle)
{
	size_t		 n = strlen(needle);
	const char	*q;

	while (p < e && (size_t)(e - p) >= n &&
	    (q = memchr(p, needle[0], (size_t)(e - p))) != NULL) {
		if ((size_t)(e - q) < n)
			return NULL;
		if (memcmp(q, needle, n) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* Push an element name; -1 when unsure (too deep) or out of memory. */
static int
push(struct ra_scan *s, const char *name, size_t n)
{
	if (s->depth + 1 > s->ctx->limit[RA_LIMIT_XML_DEPTH])
		return -1;
	if (ra_grow(&s->name_at, &s->capdepth, s->depth + 1,
	    sizeof(*s->name_at)) == -1) {
		s->rc = RA_ENOMEM;
		return -1;
	}
	s->name_at[s->depth++] = s->names.len;
	ra_buf_add(&s->names, name, n);
	ra_buf_add(&s->names, "", 1);
	if (s->names.oom) {
		s->rc = RA_ENOMEM;
		return -1;
	}
	return 0;
}

/* Pop the innermost name if it is NAME; -1 when it is not. */
static int
pop(struct ra_scan *s, const char *name, size_t n)
{
	const char	*top;

	if (s->depth == 0)
		return -1;
	top = s->names.s + s->name_at[s->depth - 1];
	if (strlen(top) != n || memcmp(top, name, n) != 0)
		return -1;
	s->names.len = s->name_at[--s->depth];
	return 0;
}

/* Length of the element name at P (stops at blank, '/', '>'). */
static size_t
name_len(const char *p, const char *e)
{
	const char	*q = p;

	while (q < e && !is_space(*q) && *q != '/' && *q != '>')
		q++;
	return (size_t)(q - p);
}

/*
 * The end of the start tag at P ('>' not inside a quoted value), or NULL
 * when it is not complete yet.  Sets *BAD for a '<' inside the tag.
 */
static const char *
tag_end(const char *p, const char *e, int *bad)
{
	char	 quote = 0;

	for (p++; p < e; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '>')
			return p;
		else if (*p == '<') {
			*bad = 1;
			return NULL;
		}
	}
	return NULL;
}

/* <?xml ...?> must declare version 1.0 and, if any, encoding UTF-8. */
static int
decl_ok(const char *p, const char *e)
{
	const char	*enc, *ver;

	if ((ver = find(p, e, "version")) != NULL &&
	    find(ver, e, "1.0") == NULL)
		return 0;
	if ((enc = find(p, e, "encoding")) == NULL)
		return 1;
	return find(enc, e, "utf-8") != NULL || find(enc, e, "UTF-8") != NULL ||
	    find(enc, e, "Utf-8") != NULL;
}

/*
 * Tokenize pend from offset *POS.  Returns 0 when the rest needs more
 * bytes (or the scan ended), 1 after consuming a token.
 */
static int
step(struct ra_scan *s, size_t *pos, int final)
{
	const char	*b = s->pend.s, *p = b + *pos, *e = b + s->pend.len;
	const char	*q, *end, *tail;
	size_t		 n;
	int		 bad = 0, selfclose;

	if ((q = memchr(p, '<', (size_t)(e - p))) == NULL)
		q = e;
	if (s->state == S_PROLOG || s->state == S_AFTER) {
		/* Outside the root only blanks may stand between markup. */
		for (tail = p; tail < q; tail++)
			if (!is_space(*tail)) {
				unsure(s);
				return 0;
			}
	}
	*pos = (size_t)(q - b);
	if (q == e)
		return 0;
	p = q;
	if ((size_t)(e - p) < 9 && !final)
		return 0;
	if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
		if ((end = find(p + 4, e, "-->")) == NULL)
			goto more;
		*pos = (size_t)(end + 3 - b);
		return 1;
	}
	if (e - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
		if (s->state != S_BODY && s->state != S_ROLES) {
			unsure(s);
			return 0;
		}
		if ((end = find(p + 9, e, "]]>")) == NULL)
			goto more;
		*pos = (size_t)(end + 3 - b);
		return 1;
	}
	if (e - p >= 2 && p[1] == '?') {
		if ((end = find(p + 2, e, "?>")) == NULL)
			goto more;
		if (s->state == S_PROLOG && e - p >= 6 &&
		    memcmp(p, "<?xml", 5) == 0 && is_space(p[5]) &&
		    !decl_ok(p, end)) {
			unsure(s);
			return 0;
		}
		*pos = (size_t)(end + 2 - b);
		return 1;
	}
	if (e - p >= 2 && p[1] == '!') {
		/* DOCTYPE and declarations: libxml2 decides (and refuses). */
		unsure(s);
		return 0;
	}
	if (e - p >= 2 && p[1] == '/') {
		if ((end = memchr(p, '>', (size_t)(e - p))) == NULL)
			goto more;
		if (memchr(p + 1, '<', (size_t)(end - p - 1)) != NULL) {
			unsure(s);
			return 0;
		}
		n = name_len(p + 2, end);
		for (tail = p + 2 + n; tail < end; tail++)
			if (!is_space(*tail)) {
				unsure(s);
				return 0;
			}
		if (s->state != S_BODY && s->state != S_ROLES) {
			unsure(s);
			return 0;
		}
		if (pop(s, p + 2, n) == -1) {
			unsure(s);
			return 0;
		}
		*pos = (size_t)(end + 1 - b);
		if (s->state == S_ROLES && --s->roles_depth == 0) {
			/* </Roles>: the end of what libxml2 needs. */
			forward(s, s->pend.s + s->counted,
			    *pos - s->counted);
			s->counted = *pos;
			if (s->state != S_DONE)
				s->state = S_BODY;
		} else if (s->depth == 0 && s->state == S_BODY)
			s->state = S_AFTER;
		return 1;
	}
	if ((end = tag_end(p, e, &bad)) == NULL) {
		if (bad) {
			unsure(s);
			return 0;
		}
		goto more;
	}
	n = name_len(p + 1, end);
	selfclose = end[-1] == '/';
	if (n == 0 || s->state == S_AFTER) {
		unsure(s);
		return 0;
	}
	*pos = (size_t)(end + 1 - b);
	switch (s->state) {
	case S_PROLOG:
		if (selfclose || n != strlen(ROOT) || memcmp(p + 1, ROOT, n)) {
			unsure(s);
			return 0;
		}
		/* The parser's line 1 is the root tag's first line. */
		count_lines(s, (size_t)(p - b));
		ra_xml_set_line_offset(s->x, (long)s->line - 1);
		for (tail = p; (tail = memchr(tail, '\n',
		    (size_t)(end - tail))) != NULL; tail++)
			s->root_lines++;
		forward(s, p, (size_t)(end + 1 - p));
		if (push(s, p + 1, n) == -1) {
			unsure(s);
			return 0;
		}
		s->state = S_BODY;
		return 1;
	case S_BODY:
		if (s->depth == 1 && n == 5 && memcmp(p + 1, "Roles", 5) == 0) {
			if (s->roles_seen) {
				unsure(s);	/* two sections */
				return 0;
			}
			s->roles_seen = 1;
			/*
			 * The parser has had only the root tag, so <Roles>
			 * is on its line 1 + root_lines: shift that to here.
			 */
			count_lines(s, (size_t)(p - b));
			ra_xml_set_line_offset(s->x, (long)s->line - 1 -
			    (long)s->root_lines);
			if (selfclose) {
				forward(s, p, (size_t)(end + 1 - p));
				s->counted = *pos;
				return 1;
			}
			s->state = S_ROLES;
			s->roles_depth = 1;
		}
		break;
	case S_ROLES:
		if (!selfclose)
			s->roles_depth++;
		break;
	default:
		break;
	}
	if (!selfclose && push(s, p + 1, n) == -1) {
		unsure(s);
		return 0;
	}
	return 1;
more:
	if ((size_t)(e - p) > TOKEN_MAX || final)
		unsure(s);
	return 0;
}

/* Tokenize what pend holds; keep an incomplete token for later. */
static void
run(struct ra_scan *s, int final)
{
	size_t	 pos = 0;

	if (!s->started) {
		if (s->pend.len < 3 && !final)
			return;
		s->started = 1;
		if (s->pend.len >= 3 &&
		    memcmp(s->pend.s, "\xef\xbb\xbf", 3) == 0)
			pos = s->counted = 3;
		else if (s->pend.len >= 2 &&
		    ((unsigned char)s->pend.s[0] >= 0xfe ||
		    s->pend.s[0] == '\0' || s->pend.s[1] == '\0')) {
			unsure(s);	/* UTF-16 or UTF-32 */
			return;
		}
	}
	while (s->state != S_DONE && step(s, &pos, final))
		continue;
	if (s->state == S_DONE)
		return;
	if (s->state == S_ROLES) {
		forward(s, s->pend.s + s->counted, pos - s->counted);
		s->counted = pos;
	} else if (!s->roles_seen)
		count_lines(s, pos);
	/* Drop what was consumed; the offsets move with it. */
	memmove(s->pend.s, s->pend.s + pos, s->pend.len - pos);
	s->pend.len -= pos;
	s->counted = s->counted > pos ? s->counted - pos : 0;
}

enum ra_err
ra_scan_feed(struct ra_scan *s, const char *buf, size_t len)
{
	if (s->state == S_DONE)
		return s->rc;
	ra_buf_add(&s->pend, buf, len);
	if (s->pend.oom)
		return s->rc = RA_ENOMEM;
	run(s, 0);
	return s->rc;
}

enum ra_err
ra_scan_finish(struct ra_scan *s)
{
	static const char	 end[] = "</" ROOT ">";

	if (s->state != S_DONE)
		run(s, 1);
	if (s->state == S_DONE)
		return s->rc;
	if (s->state != S_AFTER || s->pend.len != 0) {
		unsure(s);
		return s->rc;
	}
	forward(s, end, sizeof(end) - 1);
	if (s->state == S_DONE)
		return s->rc;
	return s->rc = ra_xml_finish(s->x);
}
