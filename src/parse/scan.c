/*
 * scan.c - read the roles of a large customizations.xml without a
 * general XML parser.
 *
 * Entity definitions, forms and workflows make up most of a 100 MB
 * customizations.xml and hold no roles.  This stage tokenizes the stream
 * just enough to follow its structure (start and end tags, their names
 * matched on a stack, comments, CDATA, processing instructions) and reads
 * the one <Roles> element under the root with a strict parser of its own
 * that builds roles through build.c, as xml.c does.  Of the entity
 * definitions it reads only a table's metadata (build.c's ra_tbuild: the
 * <Name>, <entity> and <LocalizedName> tags, parsed strictly, and the
 * text of <Name>, <OwnershipTypeMask> and <IsBPFEntity>), found by depth
 * below each /ImportExportXml/Entities/Entity; the thousands of tags of a
 * table's attributes and forms cost one comparison each.
 *
 * Strict means: inside <Roles> every tag, attribute, character and
 * reference is checked, and anything outside a plain subset of XML
 * (prefixed names, processing instructions, whitespace that attribute
 * normalisation would change, a reference other than the five predefined
 * ones or a character reference) or anything that would make libxml2
 * report a diagnostic (a role without name or id, a privilege without
 * name or level, an unknown level, a name over the length limit) makes
 * the scan unsure.  So does, outside <Roles>, a DOCTYPE, an encoding other
 * than UTF-8, an unmatched tag, a second <Roles>, content after the root,
 * a truncated document, a token over 1 MiB or nesting past the depth
 * limit.  When unsure, the input stage drops what was read and parses the
 * whole document with libxml2 (ra_load_stream()), which then reports
 * whatever there is to report.  Outside <Roles> the scan still checks
 * characters, references, comments and CDATA (body_ok()), but not the
 * syntax of attributes and names; --full-parse checks everything.
 * tests/fuzz/fuzz_xml.c holds the scan to this against libxml2.
 *
 * Loading diff's second input, the scan takes each role written byte for
 * byte alike in the first from the first's scan instead of reading it
 * (twin.c): twin_role() at each child of <Roles>, capture() and post()
 * for the roles the first input's scan reads.
 */
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "parse/parse.h"

#define TOKEN_MAX	(1024 * 1024)
/*
 * What part of a new chunk ra_scan_feed() joins to an incomplete token
 * first: 4 KiB of a 256 KiB chunk, a few bytes of a small one.
 */
#define BRIDGE_PART	64
#define ATTR_MAX	16
#define ROOT		"ImportExportXml"

/*
 * Byte classes for the hot loops: a byte with no class is plain in every
 * context (printable ASCII other than the characters listed here).
 */
enum {
	C_PLAIN = 0,
	C_SPECIAL = 1,	/* & < > " ' ] and all bytes from 0x80 */
	C_CTRL = 2	/* below 0x20, and DEL-free: TAB LF CR included */
};

static unsigned char	 cls[256];

static void
cls_init(void)
{
	int	 c;

	for (c = 0; c < 0x20; c++)
		cls[c] = C_CTRL;
	for (c = 0x80; c < 0x100; c++)
		cls[c] = C_SPECIAL;
	cls['&'] = cls['<'] = cls['>'] = cls['"'] = cls['\''] = C_SPECIAL;
	cls[']'] = C_SPECIAL;
}

/*
 * First byte at or after P (before E) that is not plain, or E.  Most of a
 * customizations.xml goes through here, so with SSE2 (every x86-64) it
 * looks at 16 bytes a step: a signed compare below 0x20 catches controls
 * and every byte from 0x80 at once, six more compares the specials.
 */
static inline const char *
skip_plain(const char *p, const char *e)
{
#ifdef __SSE2__
	const __m128i	 lim = _mm_set1_epi8(0x20);
	__m128i		 x, m;
	int		 bits;

	while (e - p >= 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)p);
		m = _mm_cmplt_epi8(x, lim);
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('&')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('<')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('>')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(']')));
		if ((bits = _mm_movemask_epi8(m)) != 0)
			return p + __builtin_ctz((unsigned)bits);
		p += 16;
	}
#endif
	while (p < e && cls[(unsigned char)*p] == C_PLAIN)
		p++;
	return p;
}

/* Bytes skip_valid() stops at (in text also ']'): see body_ok(). */
static unsigned char	 vstop[2][256];

static void
vstop_init(void)
{
	int	 c, t;

	for (t = 0; t < 2; t++) {
		for (c = 0; c < 0x20; c++)
			vstop[t][c] = c != '\t' && c != '\n' && c != '\r';
		for (c = 0x80; c < 0x100; c++)
			vstop[t][c] = 1;
		vstop[t]['&'] = vstop[t]['<'] = 1;
	}
	vstop[1][']'] = 1;
}

/*
 * First byte at or after P (before E) that could make the text or tag
 * [P, E) not well-formed: a control other than TAB, LF and CR, a
 * non-ASCII byte, '&', '<', and in text also ']' (of "]]>").  Spans are
 * short (the blanks between two tags), so with SSE2 it reads 16 bytes at
 * a time even past E, up to LIM, the end of the bytes at hand, and masks
 * off what lies beyond E.
 */
static inline const char *
skip_valid(const char *p, const char *e, const char *lim, int text)
{
#ifdef __SSE2__
	const __m128i	 ctl = _mm_set1_epi8(0x20);
	const __m128i	 br = _mm_set1_epi8(text ? ']' : '&');
	__m128i		 x, m, ws;
	unsigned	 bits;

	while (p < e && lim - p >= 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)p);
		ws = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
		m = _mm_andnot_si128(ws, _mm_cmplt_epi8(x, ctl));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('&')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('<')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, br));
		bits = (unsigned)_mm_movemask_epi8(m);
		if (e - p < 16)
			bits &= (1u << (e - p)) - 1;
		if (bits != 0)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#else
	(void)lim;
#endif
	while (p < e && !vstop[text][(unsigned char)*p])
		p++;
	return p < e ? p : e;
}

enum state {
	S_PROLOG = 0,	/* before the root element */
	S_BODY,		/* inside the root, outside <Roles> */
	S_ROLES,	/* inside <Roles>: read strictly */
	S_AFTER,	/* after the root's end tag */
	S_DONE		/* unsure, or out of memory */
};

struct attr {
	const char	*name;
	size_t		 nlen;
	const char	*val;	/* raw, between the quotes */
	size_t		 vlen;
	const char	*v;	/* decoded (see values()) */
	size_t		 n;
	size_t		 off;	/* in the decode arena, or SIZE_MAX */
};

struct ra_scan {
	struct ra_load	*ld;
	struct ra_ctx	*ctx;
	enum ra_doc	 doc;
	struct ra_build	 b;
	enum state	 state;
	int		 unsure;
	enum ra_err	 rc;
	struct ra_buf	 pend;		/* an incomplete token, kept */
	const char	*buf;		/* what is being tokenized: pend, */
	size_t		 len;		/* or the caller's chunk itself */
	size_t		 counted;	/* offset in buf lines are counted to */
	unsigned long	 line;		/* line at buf + counted */
	unsigned long	 col;		/* code points of the line before it */
	struct ra_buf	 names;		/* open elements' names, end to end */
	size_t		*name_at;	/* where each open name ends */
	size_t		 depth, capdepth;
	size_t		 roles_at;	/* depth of <Roles>, 0 outside */
	size_t		 role_at;	/* depth of the open <Role>, 0 none */
	size_t		 privs_at;	/* depth of <RolePrivileges>, 0 none */
	int		 roles_seen;
	int		 started;	/* byte-order mark looked at */
	struct ra_buf	 arena;		/* attribute values with references */
	/* A table's metadata: the open elements, as in xml.c. */
	size_t		 ents_at;	/* <Entities>, 0 none */
	size_t		 ent_at;	/* <Entity> */
	size_t		 info_at;	/* <EntityInfo> */
	size_t		 einfo_at;	/* <entity> */
	size_t		 lnames_at;	/* <LocalizedNames> */
	size_t		 tfield_at;	/* the element read as text */
	struct ra_tbuild tb;
	struct ra_buf	 ref;		/* a reference of that text, decoded */
	/* Apps, column security, a table's columns (build.c's ra_sbuild). */
	size_t		 sect_at;	/* the section's root, 0 none */
	struct ra_sbuild sb;
	/*
	 * The other input of a diff (twin.c): the claim on the role being
	 * read, and its bytes kept so far (CAP, then buf from CAP_FROM).
	 */
	struct ra_twin	*twin;
	int		 side;
	size_t		 ord;		/* number of the next role met */
	struct ra_twin_slot *claim;
	int		 capping;
	struct ra_buf	 cap;
	size_t		 cap_from;
	size_t		 tok_end;	/* buf offset after the token read */
};

static pthread_once_t	 tables_once = PTHREAD_ONCE_INIT;

static void
tables_init(void)
{
	cls_init();
	vstop_init();
}

/* The role being read will not be posted: the other side reads its own. */
static void
unclaim(struct ra_scan *s)
{
	if (s->claim != NULL)
		ra_twin_drop(s->twin, s->claim);
	s->claim = NULL;
	s->capping = 0;
	s->cap.len = 0;
	s->cap.oom = 0;
}

/*
 * The scan meets no more roles: the other side no longer waits for it,
 * and the reader's roles all have their sets sealed.
 */
static void
pass(struct ra_scan *s)
{
	if (s->twin != NULL && s->side == 0)
		ra_twin_sealed(s->twin, s->ld->sol, 1);
	ra_twin_pass(s->twin, s->side);
}

/* The same, and the role being read is not posted. */
static void
leave(struct ra_scan *s)
{
	unclaim(s);
	pass(s);
}

struct ra_scan *
ra_scan_new(struct ra_load *ld, enum ra_doc doc)
{
	struct ra_scan	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->ld = ld;
	s->ctx = ld->ctx;
	s->doc = doc;
	s->line = 1;
	ra_build_init(&s->b, ld);
	ra_tbuild_init(&s->tb, ld);
	ra_sbuild_init(&s->sb, ld, &s->tb);
	/* A focused load keeps too little of a role to give it away. */
	if (!s->ctx->focused && (s->twin = ra_twin_bound(&s->side)) != NULL)
		s->ord = ra_twin_enter(s->twin, s->side);
	/* Once a process: inputs may be read on several threads at once. */
	pthread_once(&tables_once, tables_init);
	return s;
}

void
ra_scan_free(struct ra_scan *s)
{
	if (s == NULL)
		return;
	leave(s);
	ra_buf_free(&s->cap);
	ra_build_free(&s->b);
	ra_tbuild_free(&s->tb);
	ra_sbuild_free(&s->sb);
	ra_buf_free(&s->ref);
	ra_buf_free(&s->pend);
	ra_buf_free(&s->names);
	ra_buf_free(&s->arena);
	free(s->name_at);
	free(s);
}

int
ra_scan_unsure(const struct ra_scan *s)
{
	return s->unsure;
}

/* Give up: the caller parses the document whole.  Returns 0 for step(). */
static int
unsure(struct ra_scan *s)
{
	leave(s);
	s->unsure = 1;
	s->state = S_DONE;
	return 0;
}

static int
oom(struct ra_scan *s)
{
	leave(s);
	s->rc = RA_ENOMEM;
	s->state = S_DONE;
	return 0;
}

/* Keep buf from CAP_FROM to offset TO as the claimed role's bytes. */
static void
capture(struct ra_scan *s, size_t to)
{
	if (!s->capping)
		return;
	ra_buf_add(&s->cap, s->buf + s->cap_from, to - s->cap_from);
	s->cap_from = to;
	/* Too long to keep, or no memory to: the other side reads its own. */
	if (s->cap.oom || s->cap.len > TWIN_ROLE_MAX) {
		s->capping = 0;
		s->cap.len = 0;
		s->cap.oom = 0;
	}
}

/*
 * The claimed role, just built (the solution's last), goes to the
 * follower with its bytes: the capture buffer itself, cut to their
 * length, for the twin's window counts what it keeps.  The next role's
 * capture starts in a buffer as large as this one was, so that roles of
 * a size are kept without growing it; a buffer that a role past what is
 * kept grew is dropped instead.  A role built deferred (its set for the
 * follower to seal) that the follower does not get is sealed here; the
 * sets the follower sealed so far are taken.  The caller unclaims.
 */
static void
post(struct ra_scan *s)
{
	struct ra_solution		*sol = s->ld->sol;
	struct ra_role			*r = &sol->role[sol->nrole - 1];
	char				*bytes = NULL, *fit;
	size_t				 len = 0, room;

	capture(s, s->tok_end);
	if (s->capping && s->cap.s != NULL) {
		room = s->cap.cap;
		len = s->cap.len;
		bytes = s->cap.s;
		if ((fit = realloc(bytes, len ? len : 1)) != NULL)
			bytes = fit;
		memset(&s->cap, 0, sizeof(s->cap));
		if ((s->cap.s = malloc(room)) != NULL)
			s->cap.cap = room;
	}
	if (!ra_twin_post(s->twin, s->claim, bytes, len, r, sol->nrole - 1) &&
	    r->deferred)
		ra_role_seal(r);
	s->claim = NULL;
	ra_twin_sealed(s->twin, sol, 0);
	if (s->cap.cap > 2 * TWIN_ROLE_MAX)
		ra_buf_free(&s->cap);
}

/*
 * Count newlines from the counted point up to pend offset END, and the
 * code points after the last one (the column, as libxml2 counts it).
 */
static void
count_lines(struct ra_scan *s, size_t end)
{
	const char	*p = s->buf + s->counted, *e = s->buf + end, *q;

	if (end <= s->counted)
		return;
	while (p < e && (q = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		s->line++;
		s->col = 0;
		p = q + 1;
	}
	s->col += ra_cp_count(p, (size_t)(e - p));
	s->counted = end;
}

/* Where the tag from buf offset P to its '>' at END is (struct ra_span). */
static void
tag_span(struct ra_scan *s, size_t p, size_t end, struct ra_span *sp)
{
	count_lines(s, p);
	sp->line = s->line;
	sp->col = s->col + 1;
	count_lines(s, end + 1);
	sp->endline = s->line;
	sp->endcol = s->col + 1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static inline int
is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static inline int
is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.';
}

/* Find NEEDLE in [P, E); NULL when absent. */
static const char *
find(const char *p, const char *e, const char *needle)
{
	size_t		 n = strlen(needle);
	const char	*q;

	while ((size_t)(e - p) >= n &&
	    (q = memchr(p, needle[0], (size_t)(e - p))) != NULL) {
		if ((size_t)(e - q) < n)
			return NULL;
		if (memcmp(q, needle, n) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/*
 * An XML 1.0 Char (not U+FFFE or U+FFFF; surrogates and overlong forms
 * are not valid UTF-8 to begin with) starting at P: its byte length, or
 * 0.  Controls other than TAB, LF and CR are not Chars.
 */
static size_t
char_len(const char *p, const char *e)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 n;

	if (u[0] < 0x80)
		return u[0] >= 0x20 || u[0] == '\t' || u[0] == '\n' ||
		    u[0] == '\r' ? 1 : 0;
	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : 2;
	if ((size_t)(e - p) < n || ra_utf8_len(u) != n)
		return 0;
	if (n == 3 && u[0] == 0xef && u[1] == 0xbf && u[2] >= 0xbe)
		return 0;
	return n;
}

/* Append code point C as UTF-8; 0 when it is not an XML Char. */
static int
put_char(struct ra_buf *out, unsigned long c)
{
	char	 u[4];

	if (!(c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)))
		return 0;
	if (out == NULL)
		return 1;
	if (c < 0x80) {
		u[0] = (char)c;
		ra_buf_add(out, u, 1);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		ra_buf_add(out, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		ra_buf_add(out, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		ra_buf_add(out, u, 4);
	}
	return 1;
}

/*
 * The reference at P ('&'): its length, with its character appended to
 * OUT (when not NULL), or 0 when it is not one the scan is sure about.
 */
static size_t
reference(const char *p, const char *e, struct ra_buf *out)
{
	static const struct {
		const char	*name;
		char		 c;
	} pre[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
	    { "quot;", '"' }, { "apos;", '\'' } };
	const char	*q = p + 1;
	unsigned long	 c = 0;
	size_t		 i, n;
	int		 hex;

	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		n = strlen(pre[i].name);
		if ((size_t)(e - q) >= n && memcmp(q, pre[i].name, n) == 0) {
			if (out)
				ra_buf_add(out, &pre[i].c, 1);
			return n + 1;
		}
	}
	if (q >= e || *q != '#')
		return 0;
	q++;
	hex = q < e && *q == 'x';
	q += hex;
	for (n = 0; q < e && n < 8; q++, n++) {
		if (*q >= '0' && *q <= '9')
			c = c * (hex ? 16 : 10) + (unsigned long)(*q - '0');
		else if (hex && ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'f'))
			c = c * 16 + (unsigned long)((*q | 0x20) - 'a' + 10);
		else
			break;
	}
	if (n == 0 || n == 8 || q >= e || *q != ';' || !put_char(out, c))
		return 0;
	return (size_t)(q + 1 - p);
}


/*
 * Text (TEXT) or a tag between '<' and '>' is sound: characters are XML
 * Chars, every '&' starts a reference the scan knows (with no DTD there
 * are no others), no '<' inside a tag, no "]]>" in text.  Inside <Roles>
 * this is all text needs; outside it, it is what the scan still checks
 * of the parts it skips (see the file's comment).
 */
static int
body_ok(const char *p, const char *e, const char *lim, int text)
{
	size_t	 n;

	while ((p = skip_valid(p, e, lim, text)) < e) {
		if (*p == '&')
			n = reference(p, e, NULL);
		else if (*p == '<')
			n = 0;
		else if (*p == ']')
			n = e - p >= 3 && p[1] == ']' && p[2] == '>' ? 0 : 1;
		else
			n = char_len(p, e);
		if (n == 0)
			return 0;
		p += n;
	}
	return 1;
}

/*
 * Check an attribute value; when it holds a reference and OUT is not
 * NULL, also append its decoded text to OUT and set *REFS.  0 when the
 * scan is not sure of it: '<', a reference it does not know, a character
 * that is not a Char, or TAB/LF/CR, which attribute normalisation would
 * turn into spaces.
 */
static int
value(const struct attr *a, struct ra_buf *out, int *refs)
{
	const char	*p = a->val, *e = a->val + a->vlen, *run = p;
	size_t		 n;

	*refs = 0;
	while ((p = skip_plain(p, e)) < e) {
		if (*p == '&') {
			*refs = 1;
			if (out)
				ra_buf_add(out, run, (size_t)(p - run));
			if ((n = reference(p, e, out)) == 0)
				return 0;
			run = p + n;
		} else if (*p == '<' || cls[(unsigned char)*p] == C_CTRL)
			n = 0;	/* TAB LF CR: normalisation would change them */
		else
			n = char_len(p, e);
		if (n == 0)
			return 0;
		p += n;
	}
	if (out && *refs)
		ra_buf_add(out, run, (size_t)(p - run));
	return 1;
}

/*
 * Check every value of A and set its decoded text: the raw bytes when it
 * holds no reference (the common case costs no copy), else its decoding
 * in the scan's arena.  0 when unsure.
 */
static int
values(struct ra_scan *s, struct attr *a, size_t na)
{
	size_t	 i, start;
	int	 refs;

	s->arena.len = 0;
	for (i = 0; i < na; i++) {
		start = s->arena.len;
		if (!value(&a[i], &s->arena, &refs))
			return 0;
		a[i].off = refs ? start : SIZE_MAX;
		a[i].n = refs ? s->arena.len - start : a[i].vlen;
	}
	if (s->arena.oom)
		return 0;
	for (i = 0; i < na; i++)
		a[i].v = a[i].off == SIZE_MAX ? a[i].val : s->arena.s + a[i].off;
	return 1;
}

/*
 * Parse the start tag [P, END] strictly: its name in *NAME and *NLEN, its
 * attributes in A (at most ATTR_MAX, names unique), *SELFCLOSE.
 */
static int
start_tag(const char *p, const char *end, const char **name, size_t *nlen,
    struct attr *a, size_t *na, int *selfclose)
{
	const char	*q = p + 1, *stop = end;
	size_t		 i;
	char		 quote;

	*na = 0;
	*selfclose = end[-1] == '/';
	if (*selfclose)
		stop = end - 1;
	if (q >= stop || !is_name_start(*q))
		return 0;
	for (*name = q; q < stop && is_name_char(*q); q++)
		continue;
	*nlen = (size_t)(q - *name);
	for (;;) {
		if (q == stop)
			return 1;
		if (!is_space(*q))
			return 0;	/* attributes need a blank before */
		while (q < stop && is_space(*q))
			q++;
		if (q == stop)
			return 1;
		if (*na == ATTR_MAX || !is_name_start(*q))
			return 0;
		a[*na].name = q;
		while (q < stop && is_name_char(*q))
			q++;
		a[*na].nlen = (size_t)(q - a[*na].name);
		while (q < stop && is_space(*q))
			q++;
		if (q == stop || *q++ != '=')
			return 0;
		while (q < stop && is_space(*q))
			q++;
		if (q == stop || (*q != '"' && *q != '\''))
			return 0;
		quote = *q++;
		a[*na].val = q;
		while (q < stop && *q != quote)
			q++;
		if (q == stop)
			return 0;
		a[*na].vlen = (size_t)(q - a[*na].val);
		q++;
		for (i = 0; i < *na; i++)
			if (a[i].nlen == a[*na].nlen &&
			    memcmp(a[i].name, a[*na].name, a[i].nlen) == 0)
				return 0;
		(*na)++;
	}
}

/* The first attribute named NAME, ignoring ASCII case, or NULL. */
static const struct attr *
attr(const struct attr *a, size_t na, const char *name)
{
	size_t	 i, n = strlen(name);

	for (i = 0; i < na; i++)
		if (a[i].nlen == n && ra_name_eq(name, a[i].name, n))
			return &a[i];
	return NULL;
}

static int
push(struct ra_scan *s, const char *name, size_t n)
{
	if (s->depth + 1 > s->ctx->limit[RA_LIMIT_XML_DEPTH])
		return unsure(s);
	if (ra_grow(&s->name_at, &s->capdepth, s->depth + 1,
	    sizeof(*s->name_at)) == -1)
		return oom(s);
	ra_buf_add(&s->names, name, n);
	s->name_at[s->depth++] = s->names.len;
	return s->names.oom ? oom(s) : 1;
}

/* Pop the innermost name if it is NAME; 0 (unsure) when it is not. */
static int
pop(struct ra_scan *s, const char *name, size_t n)
{
	size_t	 start;

	if (s->depth == 0)
		return unsure(s);
	start = s->depth > 1 ? s->name_at[s->depth - 2] : 0;
	if (s->names.len - start != n ||
	    memcmp(s->names.s + start, name, n) != 0)
		return unsure(s);
	s->names.len = start;
	s->depth--;
	return 1;
}

static int
is(const char *name, size_t n, const char *want)
{
	return n == strlen(want) && memcmp(name, want, n) == 0;
}

/* <Role> at AT: begin building it; 0 when unsure. */
static int
role_start(struct ra_scan *s, const struct attr *a, size_t na,
    const struct ra_span *at)
{
	const struct attr	*name = attr(a, na, "name");
	const struct attr	*id = attr(a, na, "id");
	const struct attr	*inh;
	uint64_t		 max = s->ctx->limit[RA_LIMIT_NAME_LENGTH];
	enum ra_err		 rc;

	/* Missing attributes are diagnostics: libxml2's path words them. */
	if (name == NULL || id == NULL || name->n > max || id->n > max)
		return unsure(s);
	rc = ra_build_begin(&s->b, id->v, id->n, name->v, name->n, at);
	if (rc == RA_OK && (inh = attr(a, na, "isinherited")) != NULL)
		ra_role_set_inherit(&s->b.cur, inh->v, inh->n);
	if (rc == RA_OK && (inh = attr(a, na, "unmodified")) != NULL)
		ra_role_set_unmodified(&s->b.cur, inh->v, inh->n);
	return rc == RA_OK ? 1 : oom(s);
}

/* <RolePrivilege> at AT: add it to the role; 0 when unsure. */
static int
privilege(struct ra_scan *s, const struct attr *a, size_t na,
    const struct ra_span *at)
{
	const struct attr	*name = attr(a, na, "name");
	const struct attr	*lv = attr(a, na, "level");
	char			 level[16];
	enum ra_level		 l;

	/* Unknown levels and missing names are diagnostics too. */
	if (name == NULL || lv == NULL || name->n == 0 ||
	    name->n > s->ctx->limit[RA_LIMIT_NAME_LENGTH] ||
	    lv->n >= sizeof(level))
		return unsure(s);
	memcpy(level, lv->v, lv->n);
	level[lv->n] = '\0';
	if (ra_level_parse(level, &l) != RA_OK || l == RA_LEVEL_NONE)
		return unsure(s);
	if (!s->b.open)
		return 1;
	return ra_build_privilege(&s->b, name->v, name->n, l, at) == RA_OK ?
	    1 : oom(s);
}

/* The element at depth D inside <Roles> has ended. */
static int
roles_end_element(struct ra_scan *s, size_t d)
{
	int	 built;

	if (d == s->privs_at)
		s->privs_at = 0;
	if (d == s->role_at) {
		s->role_at = 0;
		built = s->b.open;
		/* A role kept for the follower leaves it its set to seal. */
		s->b.defer = s->claim != NULL && s->capping;
		if (built && ra_build_end(&s->b) != RA_OK)
			return oom(s);
		if (built && s->claim != NULL)
			post(s);
		unclaim(s);
	}
	if (d == s->roles_at) {
		s->roles_at = 0;
		s->state = S_BODY;
		pass(s);
	}
	return 1;
}

/*
 * The common shape of a privilege, read in one pass without the general
 * machinery:
 *   <RolePrivilege name="prvReadAccount" level="Global" />
 * attributes in either order, double quotes, plain ASCII values, one of
 * the four levels spelled exactly.  P is the '<', E the end of the bytes
 * at hand.  Returns 1 when read (*POS the buf offset after the tag), 0
 * when unsure or out of memory, -1 when the tag has another shape (the
 * general reader then decides), -2 when the bytes end inside the tag.
 */
static int
fast_privilege(struct ra_scan *s, const char *p, const char *e,
    size_t *pos)
{
	static const struct {
		const char	*name;
		size_t		 len;
	} lv[] = { { "Basic", 5 }, { "Local", 5 }, { "Deep", 4 },
	    { "Global", 6 } };
	const char	*q = p + 14, *v[2] = { NULL, NULL }, *end;
	size_t		 n[2] = { 0, 0 }, k, i;
	enum ra_level	 l = RA_LEVEL_NONE;
	struct ra_span	 at;

	if (e - p < 15)
		return -2;
	if (memcmp(p, "<RolePrivilege", 14) != 0 || !is_space(*q))
		return -1;
	for (i = 0; i < 2; i++) {
		while (q < e && is_space(*q))
			q++;
		if (e - q < 8)
			return -2;
		if (memcmp(q, "name=\"", 6) == 0)
			k = 0, q += 6;
		else if (memcmp(q, "level=\"", 7) == 0)
			k = 1, q += 7;
		else
			return -1;
		if (v[k] != NULL)
			return -1;
		v[k] = q;
		if ((q = skip_plain(q, e)) >= e)
			return -2;
		if (*q != '"')
			return -1;
		n[k] = (size_t)(q - v[k]);
		if (++q >= e)
			return -2;
		if (!is_space(*q) && *q != '/')
			return -1;
	}
	while (q < e && is_space(*q))
		q++;
	if (e - q < 2)
		return -2;
	if (q[0] != '/' || q[1] != '>')
		return -1;
	end = q + 1;
	for (i = 0; i < 4; i++)
		if (n[1] == lv[i].len && memcmp(v[1], lv[i].name, n[1]) == 0)
			l = (enum ra_level)(i + 1);
	if (l == RA_LEVEL_NONE || n[0] == 0 ||
	    n[0] > s->ctx->limit[RA_LIMIT_NAME_LENGTH])
		return -1;
	if (s->b.open) {
		/* Where it is written: only when grants are located. */
		memset(&at, 0, sizeof(at));
		if (!s->ctx->unlocated)
			tag_span(s, (size_t)(p - s->buf),
			    (size_t)(end - s->buf), &at);
		if (ra_build_privilege(&s->b, v[0], n[0], l, &at) != RA_OK)
			return oom(s);
	}
	*pos = (size_t)(end + 1 - s->buf);
	return 1;
}

/* A start tag [P, END] inside <Roles>: the role reader proper. */
static int
roles_start(struct ra_scan *s, const char *p, const char *end)
{
	struct attr	 a[ATTR_MAX];
	struct ra_span	 at;
	const char	*name;
	size_t		 n, na, d = s->depth + 1;	/* its depth */
	int		 selfclose;

	if (!start_tag(p, end, &name, &n, a, &na, &selfclose))
		return unsure(s);
	/* Every value must be sound, read or not. */
	if (!values(s, a, na))
		return s->arena.oom ? oom(s) : unsure(s);
	tag_span(s, (size_t)(p - s->buf), (size_t)(end - s->buf), &at);
	if (d == s->roles_at + 1 && is(name, n, "Role")) {
		s->role_at = d;
		if (!role_start(s, a, na, &at))
			return 0;
	} else if (s->role_at && d == s->role_at + 1 &&
	    is(name, n, "RolePrivileges")) {
		s->privs_at = d;
		ra_build_privileges(&s->b, &at);
	} else if (s->privs_at && d == s->privs_at + 1 &&
	    is(name, n, "RolePrivilege") && !privilege(s, a, na, &at))
		return 0;
	if (selfclose)
		return roles_end_element(s, d);
	return push(s, name, n);
}

/* Comment or CDATA content inside <Roles>: Chars only. */
static int
chars_ok(const char *p, const char *e)
{
	size_t	 n;

	for (; p < e; p += n)
		if ((n = char_len(p, e)) == 0)
			return 0;
	return 1;
}

/*
 * The end of the start tag at P ('>' outside quoted values), or NULL when
 * it is not complete yet; *BAD for a '<' inside the tag.
 */
static const char *
tag_end(const char *p, const char *e, int *bad)
{
	const char	*q;

	for (p++; (p = skip_plain(p, e)) < e; p++) {
		if (*p == '>')
			return p;
		if (*p == '<') {
			*bad = 1;
			return NULL;
		}
		if (*p == '"' || *p == '\'') {
			/* A quoted value may hold '>': jump over it. */
			if ((q = memchr(p + 1, *p, (size_t)(e - p - 1))) == NULL)
				return NULL;
			p = q;
		}
	}
	return NULL;
}

/* <?xml ...?> [P, E) declares version 1.0 and UTF-8, or no encoding. */
static int
decl_ok(const char *p, const char *e)
{
	const char	*ver, *enc;

	if ((ver = find(p, e, "version")) != NULL &&
	    find(ver, e, "1.0") == NULL)
		return 0;
	if ((enc = find(p, e, "encoding")) == NULL)
		return 1;
	return find(enc, e, "utf-8") != NULL || find(enc, e, "UTF-8") != NULL ||
	    find(enc, e, "Utf-8") != NULL;
}

/* The value of attribute NAME of A (decoded) and its length, or NULL. */
static const char *
value_of(const struct attr *a, size_t na, const char *name, size_t *n)
{
	const struct attr	*v = attr(a, na, name);

	*n = v ? v->n : 0;
	return v ? v->v : NULL;
}

/* The element at depth D, whose tag starts at P, opens section SECT. */
static void
section_begin(struct ra_scan *s, const char *p, enum ra_sect sect, size_t d)
{
	count_lines(s, (size_t)(p - s->buf));
	s->sect_at = d;
	ra_sbuild_begin(&s->sb, sect, s->line);
}

/*
 * A start tag [P, END] inside the open section, named by the N bytes at
 * NAME: read strictly when the section reader asks for its attributes.
 * 1, or 0 when unsure.
 */
static int
section_start(struct ra_scan *s, const char *p, const char *end,
    const char *name, size_t n)
{
	struct attr	 a[ATTR_MAX];
	const char	*tn, *n1, *n2, *v1, *v2 = NULL;
	size_t		 tl, na, l1, l2 = 0;
	int		 selfclose;
	enum ra_swant	 w;
	enum ra_err	 rc;

	count_lines(s, (size_t)(p - s->buf));
	if ((w = ra_sbuild_start(&s->sb, name, n, s->line)) == RA_SW_NONE)
		return 1;
	if (!start_tag(p, end, &tn, &tl, a, &na, &selfclose) ||
	    !values(s, a, na))
		return s->arena.oom ? oom(s) : unsure(s);
	ra_swant_names(w, &n1, &n2);
	v1 = value_of(a, na, n1, &l1);
	if (n2 != NULL)
		v2 = value_of(a, na, n2, &l2);
	if ((rc = ra_sbuild_attrs(&s->sb, v1, l1, v2, l2)) != RA_OK)
		return oom(s);
	return 1;
}

/* An end tag at depth D inside the open section, or its own; 1 or 0. */
static int
section_end(struct ra_scan *s, size_t d)
{
	if (ra_sbuild_end(&s->sb) != RA_OK)
		return oom(s);
	if (d == s->sect_at)
		s->sect_at = 0;
	return 1;
}

/*
 * A start tag [P, END] of an element at depth D below an <Entity> (see
 * build.c) whose name is the N bytes at NAME: the parts of a table's
 * metadata.  Tags that are read are read strictly, as in <Roles>.
 * 1, or 0 when unsure.
 */
static int
table_start(struct ra_scan *s, const char *p, const char *end,
    const char *name, size_t n, size_t d)
{
	struct attr	 a[ATTR_MAX];
	const char	*tn, *v1, *v2;
	size_t		 tl, na, n1, n2;
	int		 selfclose, which;

	if (d == s->ent_at + 1 && is(name, n, "Name"))
		which = 0;
	else if (d == s->ent_at + 1 && is(name, n, "EntityInfo")) {
		s->info_at = d;
		return 1;
	} else if (s->info_at && d == s->info_at + 1 && is(name, n, "entity"))
		which = 1;
	else if (s->einfo_at && d == s->einfo_at + 1) {
		if (is(name, n, "OwnershipTypeMask"))
			s->tb.field = RA_TF_OWNER;
		else if (is(name, n, "IsBPFEntity"))
			s->tb.field = RA_TF_BPF;
		else if (is(name, n, "LocalizedNames"))
			s->lnames_at = d;
		else if (is(name, n, "attributes"))
			section_begin(s, p, RA_SECT_ATTRS, d);
		if (s->tb.field != RA_TF_NONE)
			s->tfield_at = d;
		return 1;
	} else if (s->lnames_at && d == s->lnames_at + 1 &&
	    is(name, n, "LocalizedName"))
		which = 2;
	else
		return 1;
	if (!start_tag(p, end, &tn, &tl, a, &na, &selfclose) ||
	    !values(s, a, na))
		return s->arena.oom ? oom(s) : unsure(s);
	switch (which) {
	case 0:
		v1 = value_of(a, na, "LocalizedName", &n1);
		v2 = value_of(a, na, "OriginalName", &n2);
		ra_tbuild_name_attrs(&s->tb, v1, n1, v2, n2);
		s->tb.field = RA_TF_NAME;
		s->tfield_at = d;
		break;
	case 1:
		v1 = value_of(a, na, "Name", &n1);
		v2 = value_of(a, na, "unmodified", &n2);
		ra_tbuild_entity_attrs(&s->tb, v1, n1, v2, n2);
		s->einfo_at = d;
		break;
	default:
		v1 = value_of(a, na, "description", &n1);
		v2 = value_of(a, na, "languagecode", &n2);
		ra_tbuild_localized(&s->tb, v1, n1, v2, n2);
		break;
	}
	return 1;
}

/* The element at depth D outside <Roles> has ended: tables only. */
static int
body_end_element(struct ra_scan *s, size_t d)
{
	if (d == s->tfield_at) {
		s->tfield_at = 0;
		s->tb.field = RA_TF_NONE;
	}
	if (d == s->lnames_at)
		s->lnames_at = 0;
	if (d == s->einfo_at)
		s->einfo_at = 0;
	if (d == s->info_at)
		s->info_at = 0;
	if (d == s->ent_at) {
		s->ent_at = 0;
		if (ra_tbuild_end(&s->tb) != RA_OK)
			return oom(s);
	}
	if (d == s->ents_at)
		s->ents_at = 0;
	return 1;
}

/* Hand text to the table builder (TO 0) or the section reader (1). */
static void
put_text(struct ra_scan *s, int to, const char *p, size_t n)
{
	if (to)
		ra_sbuild_text(&s->sb, p, n);
	else
		ra_tbuild_text(&s->tb, p, n);
}

/*
 * Text of the element read as text, [P, E), decoded, for the table
 * builder (TO 0) or the section reader (1); 1, 0 when unsure.
 */
static int
table_text(struct ra_scan *s, int to, const char *p, const char *e)
{
	const char	*run = p;
	size_t		 n;

	while ((p = memchr(p, '&', (size_t)(e - p))) != NULL) {
		put_text(s, to, run, (size_t)(p - run));
		s->ref.len = 0;
		if ((n = reference(p, e, &s->ref)) == 0)
			return unsure(s);
		if (s->ref.oom)
			return oom(s);
		put_text(s, to, s->ref.s, s->ref.len);
		p += n;
		run = p;
	}
	put_text(s, to, run, (size_t)(e - run));
	return 1;
}

/* A start tag [P, END] outside <Roles>: structure only. */
static int
start(struct ra_scan *s, const char *p, const char *end)
{
	size_t	 n = 0;
	int	 selfclose = end[-1] == '/';

	if (s->state == S_ROLES)
		return roles_start(s, p, end);
	if (!body_ok(p + 1, end, s->buf + s->len, 0))
		return unsure(s);
	/* Prefixed names are fine here: only nesting matters. */
	while (p + 1 + n < end && (is_name_char(p[1 + n]) || p[1 + n] == ':'))
		n++;
	if (n == 0 || !is_name_start(p[1]) || s->state == S_AFTER)
		return unsure(s);
	if (s->state == S_PROLOG) {
		if (selfclose || !is(p + 1, n, ROOT) || (p[1 + n] != '>' &&
		    p[1 + n] != '/' && !is_space(p[1 + n])))
			return unsure(s);
		s->state = S_BODY;
		return push(s, p + 1, n);
	}
	if (s->sect_at) {
		if (!section_start(s, p, end, p + 1, n))
			return 0;
		if (selfclose)
			return section_end(s, s->depth + 1);
		return push(s, p + 1, n);
	}
	if (s->depth == 1 && (is(p + 1, n, "AppModules") ||
	    is(p + 1, n, "FieldSecurityProfiles"))) {
		section_begin(s, p, p[1] == 'A' ? RA_SECT_APPS : RA_SECT_FSPS,
		    2);
		if (selfclose)
			return section_end(s, 2);
		return push(s, p + 1, n);
	}
	if (s->ent_at) {
		/*
		 * <LocalizedName>, 4 below <Entity> in <LocalizedNames>, is
		 * the deepest element read.
		 */
		if (s->depth + 1 > s->ent_at + 3 + (s->lnames_at != 0))
			return selfclose ? 1 : push(s, p + 1, n);
		if (!table_start(s, p, end, p + 1, n, s->depth + 1))
			return 0;
		/* A self-closed element of a table ends here. */
		if (selfclose && s->sect_at == s->depth + 1 &&
		    !section_end(s, s->depth + 1))
			return 0;
		if (selfclose && !body_end_element(s, s->depth + 1))
			return 0;
	} else if (s->ents_at && s->depth + 1 == s->ents_at + 1 &&
	    is(p + 1, n, "Entity")) {
		s->ent_at = s->depth + 1;
		ra_tbuild_begin(&s->tb);
		if (selfclose && !body_end_element(s, s->ent_at))
			return 0;
	} else if (s->depth == 1 && is(p + 1, n, "Entities") && !selfclose)
		s->ents_at = 2;
	if (s->depth == 1 && is(p + 1, n, "Roles") && (p[6] == '>' ||
	    p[6] == '/' || is_space(p[6]))) {
		if (s->roles_seen)
			return unsure(s);	/* two sections */
		s->roles_seen = 1;
		if (selfclose)
			return 1;
		s->state = S_ROLES;
		s->roles_at = 2;
	}
	if (selfclose)
		return 1;
	return push(s, p + 1, n);
}

/*
 * A child of <Roles> starts at P (bytes to E): ask the twin about it.
 * Returns 1 when the other side's role was taken (*POS after its bytes),
 * 0 when out of memory, -2 when more bytes are needed to tell, -1 when
 * this side reads the role itself (claimed for the other side, maybe).
 */
static int
twin_role(struct ra_scan *s, const char *p, const char *e, size_t *pos,
    int final)
{
	struct attr		 a[ATTR_MAX];
	const struct attr	*id;
	const struct ra_role	*had;
	struct ra_twin_slot	*sl;
	struct ra_role		 r;
	const char		*end, *name, *bytes;
	size_t			 n, na, len;
	int			 selfclose, bad = 0;

	if ((end = tag_end(p, e, &bad)) == NULL)
		return bad ? -1 : -2;
	if (!start_tag(p, end, &name, &n, a, &na, &selfclose) ||
	    !is(name, n, "Role") || (id = attr(a, na, "id")) == NULL)
		return -1;
	switch (ra_twin_meet(s->twin, s->side, id->val, id->vlen, s->ord,
	    &sl)) {
	case RA_TWIN_CLAIMED:
		s->ord++;
		s->claim = sl;
		s->capping = 1;
		s->cap.len = 0;
		s->cap_from = (size_t)(p - s->buf);
		return -1;
	case RA_TWIN_OFFERED:
		break;
	default:
		s->ord++;
		return -1;
	}
	ra_twin_offer(sl, &bytes, &len, &had);
	if ((size_t)(e - p) < len) {
		if (final || memcmp(p, bytes, (size_t)(e - p)) != 0)
			goto refuse;
		return -2;	/* asked again, as the same number */
	}
	if (memcmp(p, bytes, len) != 0)
		goto refuse;
	/* The same bytes in the same column read the same, lines apart. */
	count_lines(s, (size_t)(p - s->buf));
	if (s->col + 1 != had->col)
		goto refuse;
	ra_twin_take(s->twin, sl, &r);
	s->ord++;
	if (ra_build_adopt(&s->b, &r, s->line) != RA_OK)
		return oom(s);
	*pos = (size_t)(p - s->buf) + len;
	return 1;
refuse:
	ra_twin_drop(s->twin, sl);
	s->ord++;
	return -1;
}

/*
 * One token of pend from offset *POS.  Returns 1 after consuming one, 0
 * when the rest needs more bytes or the scan is over.
 */
static int
step(struct ra_scan *s, size_t *pos, int final)
{
	const char	*b = s->buf, *p = b + *pos, *e = b + s->len;
	const char	*q, *end, *t;
	size_t		 n;
	int		 bad = 0, got = -1;

	if ((q = memchr(p, '<', (size_t)(e - p))) == NULL)
		q = e;
	switch (s->state) {
	case S_PROLOG:
	case S_AFTER:
		/* Outside the root only blanks stand between markup. */
		for (t = p; t < q; t++)
			if (!is_space(*t))
				return unsure(s);
		break;
	case S_ROLES:
		if (!body_ok(p, q, e, 1))
			return unsure(s);
		break;
	default:
		if (!body_ok(p, q, e, 1))
			return unsure(s);
		if (ra_sbuild_wants_text(&s->sb)) {
			if (!table_text(s, 1, p, q))
				return 0;
		} else if (s->tb.field != RA_TF_NONE && !table_text(s, 0, p, q))
			return 0;
		break;
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
		if (find(p + 4, end, "--") != NULL || end[-1] == '-' ||
		    !chars_ok(p + 4, end))
			return unsure(s);
		*pos = (size_t)(end + 3 - b);
		return 1;
	}
	if (e - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
		if (s->state != S_BODY && s->state != S_ROLES)
			return unsure(s);
		if ((end = find(p + 9, e, "]]>")) == NULL)
			goto more;
		if (!chars_ok(p + 9, end))
			return unsure(s);
		if (s->state == S_BODY && ra_sbuild_wants_text(&s->sb))
			ra_sbuild_text(&s->sb, p + 9, (size_t)(end - p - 9));
		else if (s->state == S_BODY && s->tb.field != RA_TF_NONE)
			ra_tbuild_text(&s->tb, p + 9, (size_t)(end - p - 9));
		*pos = (size_t)(end + 3 - b);
		return 1;
	}
	if (e - p >= 2 && p[1] == '?') {
		if (s->state == S_ROLES)
			return unsure(s);
		if ((end = find(p + 2, e, "?>")) == NULL)
			goto more;
		if (s->state == S_PROLOG && e - p >= 6 &&
		    memcmp(p, "<?xml", 5) == 0 && is_space(p[5]) &&
		    !decl_ok(p, end))
			return unsure(s);
		*pos = (size_t)(end + 2 - b);
		return 1;
	}
	if (e - p >= 2 && p[1] == '!')
		return unsure(s);	/* DOCTYPE: libxml2 refuses it */
	if (e - p >= 2 && p[1] == '/') {
		if ((end = memchr(p, '>', (size_t)(e - p))) == NULL)
			goto more;
		n = 0;
		while (p + 2 + n < end && (is_name_char(p[2 + n]) ||
		    p[2 + n] == ':'))
			n++;
		for (t = p + 2 + n; t < end; t++)
			if (!is_space(*t))
				return unsure(s);
		if ((s->state != S_BODY && s->state != S_ROLES) ||
		    !pop(s, p + 2, n))
			return unsure(s);
		*pos = s->tok_end = (size_t)(end + 1 - b);
		if (s->state == S_ROLES)
			return roles_end_element(s, s->depth + 1);
		if (s->depth == 0)
			s->state = S_AFTER;
		if (s->sect_at && s->depth + 1 >= s->sect_at &&
		    !section_end(s, s->depth + 1))
			return 0;
		if (s->ents_at && (!s->ent_at || s->depth + 1 <= s->ent_at +
		    3) && !body_end_element(s, s->depth + 1))
			return 0;
		return 1;
	}
	/*
	 * Inside <Roles>, a privilege in its common shape, and diff's
	 * second input's roles that the first has read (-1: read in full).
	 */
	if (s->state == S_ROLES && p[1] == 'R') {
		if (s->privs_at && s->depth == s->privs_at)
			got = fast_privilege(s, p, e, pos);
		else if (s->twin != NULL && s->depth == s->roles_at)
			got = twin_role(s, p, e, pos, final);
	}
	if (got == -2)
		goto more;
	if (got >= 0)
		return got;
	if ((end = tag_end(p, e, &bad)) == NULL) {
		if (bad)
			return unsure(s);
		goto more;
	}
	*pos = s->tok_end = (size_t)(end + 1 - b);
	return start(s, p, end);
more:
	if ((size_t)(e - p) > TOKEN_MAX || final)
		return unsure(s);
	return 0;
}

/*
 * Tokenize buf; returns how much was consumed (the rest is an incomplete
 * token for later), counting its lines.
 */
static size_t
run(struct ra_scan *s, int final)
{
	size_t	 pos = 0;

	if (!s->started) {
		if (s->len < 4 && !final)
			return 0;
		s->started = 1;
		if (s->len >= 3 && memcmp(s->buf, "\xef\xbb\xbf", 3) == 0)
			pos = s->counted = 3;
		else if (s->len >= 2 && ((unsigned char)s->buf[0] >= 0xfe ||
		    s->buf[0] == '\0' || s->buf[1] == '\0')) {
			unsure(s);	/* UTF-16 or UTF-32 */
			return 0;
		}
	}
	while (s->state != S_DONE && step(s, &pos, final))
		continue;
	/* The next buffer starts at POS: keep what came before it. */
	capture(s, pos);
	s->cap_from = 0;
	if (s->state != S_DONE)
		count_lines(s, pos);
	s->counted = 0;
	return pos;
}

/* Tokenize LEN bytes at DATA where they are; keep only their tail. */
static void
in_place(struct ra_scan *s, const char *data, size_t len)
{
	size_t	 used;

	s->buf = data;
	s->len = len;
	used = run(s, 0);
	if (s->state != S_DONE)
		ra_buf_add(&s->pend, data + used, len - used);
}

enum ra_err
ra_scan_feed(struct ra_scan *s, const char *data, size_t len)
{
	size_t	 used;

	if (s->state == S_DONE)
		return s->rc;
	if (s->pend.len == 0)
		in_place(s, data, len);
	else {
		/*
		 * An incomplete token waits in pend: join it to as little of
		 * the chunk as completes it (a BRIDGE_PART'th of the chunk,
		 * then twice as much each time it does not), then tokenize the
		 * rest of the chunk where it is rather than copy it all.
		 */
		size_t	 old = s->pend.len, took = 0;
		size_t	 want = len / BRIDGE_PART + 1;

		for (;;) {
			want = want < len ? want : len;
			ra_buf_add(&s->pend, data + took, want - took);
			took = want;
			if (s->pend.oom)
				return s->rc = RA_ENOMEM;
			s->buf = s->pend.s;
			s->len = s->pend.len;
			used = run(s, 0);
			if (s->state == S_DONE || used >= old || took == len)
				break;
			want *= 2;
		}
		if (s->state != S_DONE && used >= old && took < len) {
			s->pend.len = 0;
			in_place(s, data + (used - old), len - (used - old));
		} else {
			memmove(s->pend.s, s->pend.s + used,
			    s->pend.len - used);
			s->pend.len -= used;
		}
	}
	if (s->pend.oom)
		return s->rc = RA_ENOMEM;
	return s->rc;
}

enum ra_err
ra_scan_finish(struct ra_scan *s)
{
	if (s->state != S_DONE) {
		s->buf = s->pend.s ? s->pend.s : "";
		s->len = s->pend.len;
		s->pend.len -= run(s, 1);
	}
	if (s->state == S_DONE)
		return s->rc;
	/*
	 * A truncated document, or one without the <Roles> it needs: let
	 * libxml2 say so in its words.
	 */
	if (s->state != S_AFTER || s->pend.len != 0 || s->b.open ||
	    (!s->roles_seen && s->doc != RA_DOC_CUSTOMIZATIONS_OPT))
		unsure(s);
	return s->rc;
}
