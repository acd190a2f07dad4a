/*
 * json.c - every result as JSON (jansson): the check report, roles, the
 * built-in profiles, a diff, lint findings, combined roles and an
 * explanation, each with the tool, its inputs and the diagnostics.  The
 * shapes are schema/{check,roles,profiles,diff,lint,combined,explain}
 * .schema.json; keys keep their insertion order so output is stable.
 * Also the writing of a JSON document, whole (ra_json_dump()) or with
 * one array written as it is made (ra_json_dump_streamed()), which
 * sarif.c shares.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render/render.h"

/*
 * A JSON string of S.  jansson refuses invalid UTF-8 (a file name can
 * hold anything): such bytes become U+FFFD.  NULL S gives JSON null.
 */
static json_t *
jstr(const char *s)
{
	struct ra_buf	 b = { 0 };
	const unsigned char *p;
	json_t		*j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	for (p = (const unsigned char *)s; *p; p++) {
		char	 one[2] = { (char)*p, 0 };

		if (*p < 0x80)
			ra_buf_add(&b, one, 1);
		else {
			/* Keep a valid sequence, replace a stray byte. */
			size_t	 n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 :
			    *p >= 0xc0 ? 2 : 0;
			size_t	 k;

			for (k = 1; n && k < n; k++)
				if ((p[k] & 0xc0) != 0x80)
					n = 0;
			if (n) {
				char	 seq[5] = { 0 };

				memcpy(seq, p, n);
				if ((j = json_string(seq)) != NULL) {
					json_decref(j);
					ra_buf_add(&b, (const char *)p, n);
					p += n - 1;
					continue;
				}
			}
			ra_buf_adds(&b, "\xef\xbf\xbd");
		}
	}
	j = b.oom ? NULL : json_string(b.s ? b.s : "");
	ra_buf_free(&b);
	return j;
}

/* A level by name; null for none. */
static json_t *
json_level(enum ra_level l)
{
	return l == RA_LEVEL_NONE ? json_null() : jstr(ra_level_name(l));
}

static const char *const kind_names[] = { "zip", "folder", "xml", "package" };

static json_t *
json_input(const struct ra_solution *sol)
{
	json_t	*o = json_object(), *s;

	json_object_set_new(o, "path", jstr(sol->path));
	json_object_set_new(o, "kind", jstr(kind_names[sol->kind]));
	json_object_set_new(o, "sha256", jstr(sol->sha256));
	if (sol->has_manifest) {
		s = json_object();
		json_object_set_new(s, "unique_name", jstr(sol->unique_name));
		json_object_set_new(s, "version", jstr(sol->version));
		/* Managed 2 ("both", unpacked sources) is neither. */
		json_object_set_new(s, "managed", sol->managed == 0 ||
		    sol->managed == 1 ? json_boolean(sol->managed) :
		    json_null());
		json_object_set_new(s, "publisher_prefix", jstr(sol->prefix));
	} else
		s = json_null();
	json_object_set_new(o, "solution", s);
	return o;
}

static json_t *
json_inputs(const struct ra_solution *const *sol, size_t nsol)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; a && i < nsol; i++)
		json_array_append_new(a, json_input(sol[i]));
	return a;
}

static json_t *
json_tool(void)
{
	json_t	*t = json_object();

	json_object_set_new(t, "name", json_string("roleaudit"));
	json_object_set_new(t, "version", json_string(RA_VERSION));
	return t;
}

static json_t *
json_diags(const struct ra_ctx *ctx)
{
	json_t	*a = json_array(), *o;
	char	 code[16];
	size_t	 i;

	for (i = 0; a && i < ctx->ndiag; i++) {
		const struct ra_diag	*d = &ctx->diag[i];

		o = json_object();
		json_object_set_new(o, "severity",
		    jstr(ra_severity_name(d->severity)));
		snprintf(code, sizeof(code), "RA%03d", d->code);
		json_object_set_new(o, "code", d->code ? jstr(code) :
		    json_null());
		json_object_set_new(o, "file", jstr(d->file));
		json_object_set_new(o, "member", jstr(d->member));
		json_object_set_new(o, "line", d->line ?
		    json_integer((json_int_t)d->line) : json_null());
		json_object_set_new(o, "message", jstr(d->message));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * A profile as reports describe it: name, size, source, and the audit
 * evidence of which profile it was (version comment and SHA-256 of the
 * CSV bytes).
 */
static json_t *
json_profile(const struct ra_profile *p)
{
	json_t	*o = json_object();

	json_object_set_new(o, "name", jstr(p->name));
	json_object_set_new(o, "privileges", json_integer((json_int_t)p->n));
	json_object_set_new(o, "source", jstr(p->source));
	json_object_set_new(o, "version", *p->version ? jstr(p->version) :
	    json_null());
	json_object_set_new(o, "sha256", jstr(p->sha256));
	return o;
}

/*
 * Where the members of an object go: into a jansson tree, or written
 * straight into a buffer (struct jw, below) for the elements a report
 * may have millions of.  STR adds member KEY, string S as jstr() makes
 * it (NULL: null); OPEN starts a nested object member KEY and CLOSE ends
 * it.
 */
struct sink {
	void	(*str)(void *, const char *key, const char *s);
	void	(*open)(void *, const char *key);
	void	(*close)(void *);
	void	*arg;
};

/*
 * What every JSON report says of privilege PI, into S: its name, its one
 * display name (ra_pinfo_label()), its table's display name, where the
 * editor shows it, and where the tab, the display name and the depths
 * came from (source, solution, rule, unplaced).  -1 when memory runs
 * out.
 */
static int
priv_members(const struct sink *s, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };

	ra_pinfo_label(pi, &l);
	s->str(s->arg, "privilege", pi->name);
	if (!l.oom)
		s->str(s->arg, "display_name", l.s ? l.s : "");
	s->str(s->arg, "entity", pi->entity);
	s->str(s->arg, "tab", ra_tab_name(pi->tab));
	s->str(s->arg, "section", pi->section == RA_SECTION_ENTITIES ? NULL :
	    ra_section_name(pi->section));
	s->str(s->arg, "access", pi->access == RA_ACCESS_NONE ? NULL :
	    ra_access_name(pi->access));
	s->open(s->arg, "source");
	s->str(s->arg, "tab", ra_prov_name(pi->tab_by));
	s->str(s->arg, "entity", ra_prov_name(pi->entity_by));
	s->str(s->arg, "depths", ra_prov_name(pi->depths_by));
	s->close(s->arg);
	ra_buf_free(&l);
	return l.oom ? -1 : 0;
}

/* A tree sink: the object members go to, and the one it is inside. */
struct tree {
	json_t	*o, *outer;
};

static void
tree_str(void *arg, const char *key, const char *s)
{
	struct tree	*t = arg;

	json_object_set_new(t->o, key, jstr(s));
}

static void
tree_open(void *arg, const char *key)
{
	struct tree	*t = arg;
	json_t		*in = json_object();

	json_object_set_new(t->o, key, in);
	t->outer = t->o;
	t->o = in;
}

static void
tree_close(void *arg)
{
	struct tree	*t = arg;

	t->o = t->outer;
}

/* priv_members() of PI into object O. */
static void
json_priv(json_t *o, const struct ra_pinfo *pi)
{
	struct tree	 t = { o, NULL };
	struct sink	 s = { tree_str, tree_open, tree_close, &t };

	(void)priv_members(&s, pi);
}

static json_t *
json_role_location(const struct ra_role *r)
{
	struct ra_buf	 loc = { 0 };
	json_t		*j;

	ra_role_location(r, &loc);
	j = loc.oom ? NULL : jstr(loc.s);
	ra_buf_free(&loc);
	return j;
}

/* {input, id, name, location, privileges} of a role of input SOL. */
static json_t *
json_role(const struct ra_role *r, size_t sol)
{
	json_t		*o = json_object();

	json_object_set_new(o, "input", json_integer((json_int_t)sol));
	json_object_set_new(o, "id", jstr(r->id));
	json_object_set_new(o, "name", jstr(r->name));
	json_object_set_new(o, "location", json_role_location(r));
	json_object_set_new(o, "privileges",
	    json_integer((json_int_t)r->nprivs));
	return o;
}

enum ra_err
ra_json_dump(json_t *root, FILE *out)
{
	int	 rc;

	if (root == NULL)
		return RA_ENOMEM;
	rc = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	if (rc != 0 || fputc('\n', out) == EOF)
		return RA_EIO;
	return RA_OK;
}

/* Stands in for the streamed array while the rest of the report is dumped. */
#define STREAM_MARK	"(streamed)"

/*
 * A member of the part after the streamed array whose value is known
 * only once the array is written (SARIF's count of results not
 * written): RA_JSON_LATE_MARK stands in for it in the dump, and VALUE,
 * called then, gives it; a NULL value drops the member, which must not
 * be the first of its object.
 */
struct late {
	json_t		*(*value)(void *);
	void		*arg;
};

/* Write S with every line after the first indented by N spaces. */
static int
put_indented(const char *s, int n, FILE *out)
{
	static const char	 blanks[64] =
	    "                                "
	    "                                ";
	const char		*nl;
	size_t			 k;

	for (; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		if (fwrite(s, 1, (size_t)(nl - s + 1), out) !=
		    (size_t)(nl - s + 1))
			return -1;
		for (k = (size_t)n; k > 0; k -= k < 64 ? k : 64)
			if (fwrite(blanks, 1, k < 64 ? k : 64, out) !=
			    (k < 64 ? k : 64))
				return -1;
	}
	return fputs(s, out) == EOF ? -1 : 0;
}

/*
 * Where LATE's member is in TAIL, the part of a dump after the streamed
 * array: the last string RA_JSON_LATE_MARK, which must be a member's
 * value on a line of its own.  The last, since the member is the last
 * string of the dump (ra_json_dump_streamed()'s contract) and a string
 * from the input may equal the mark before it; a newline cannot occur
 * inside a string, so a line that starts with a key is a member.  NULL
 * when there is no such member.
 */
static char *
late_member(char *tail)
{
	static const char	 mark[] = "\"" RA_JSON_LATE_MARK "\"";
	char			*at = NULL, *p, *q;

	for (p = tail; (p = strstr(p, mark)) != NULL; p++)
		at = p;
	if (at == NULL || at - tail < 4 || memcmp(at - 3, "\": ", 3) != 0)
		return NULL;
	/* Back over the key to its opening quote, then the blanks. */
	for (q = at - 4; q > tail && *q != '"'; q--)
		continue;
	for (p = q; p > tail && p[-1] == ' '; p--)
		continue;
	return q > tail && p > tail && p[-1] == '\n' ? at : NULL;
}

/*
 * put_indented() TAIL, the part of a dump after the streamed array, with
 * LATE's member (when there is one) given its value or dropped: 0, -1
 * when writing failed, -2 when memory ran out (or the member is not
 * where late_member() looks, which only a failed allocation of the
 * mark's string can cause).
 */
static int
put_tail(char *tail, int n, const struct late *late, FILE *out)
{
	char	*at, *from, *v;
	json_t	*j;
	int	 rc;

	if (late == NULL)
		return put_indented(tail, n, out);
	if ((at = late_member(tail)) == NULL)
		return -2;
	from = at;
	if ((j = late->value(late->arg)) == NULL) {
		/* Back to the comma before the member's line. */
		while (from > tail && from[-1] != ',')
			from--;
		if (from > tail)
			from--;
		v = NULL;
	} else if ((v = json_dumps(j, JSON_ENCODE_ANY)) == NULL) {
		json_decref(j);
		return -2;
	}
	json_decref(j);
	*from = '\0';
	rc = put_indented(tail, n, out) || (v != NULL &&
	    fputs(v, out) == EOF) || put_indented(at +
	    strlen("\"" RA_JSON_LATE_MARK "\""), n, out) ? -1 : 0;
	free(v);
	return rc;
}

/*
 * Writes element I of a streamed array to OUT when there is one: first
 * SEP (what comes before it: the bracket or a comma, a newline and the
 * indentation), then the element with every line after its first
 * indented by INDENT.  1 when it wrote one, 0 when there is no element I
 * (the array ends), -1 when writing failed, -2 when memory ran out.
 */
typedef int	(*el_writer)(void *arg, size_t i, const char *sep, int indent,
		    FILE *out);

/* A streamed array: the value of KEY, written by EL(ARG, ...). */
struct stream {
	const char	*key;
	el_writer	 el;
	void		*arg;
};

/*
 * Write ROOT as json_dumps(JSON_INDENT(2)) would, every line after the
 * first indented BASE more, but with the value of each stream's KEY of
 * object PARENT (ROOT or an object in it, its keys INDENT blanks in) the
 * array of the elements its EL writes: N streams, at most 4, written in
 * the order their keys hold in PARENT.  Releases ROOT.  Only PARENT may
 * have keys at that depth before the last stream's.
 */
static enum ra_err
dump_streams(json_t *root, json_t *parent, int indent, int base,
    const struct stream *st, size_t n, const struct late *late, FILE *out)
{
	char		*text, *mark[4], *cur, find[128], *sep;
	size_t		 i, k, order[4], o;
	int		 rc = 0, w, at = base + indent + 2, bad;

	bad = root == NULL || parent == NULL || n > 4;
	for (k = 0; !bad && k < n; k++)
		bad = json_object_set_new(parent, st[k].key,
		    json_string(STREAM_MARK)) != 0;
	if (bad) {
		json_decref(root);
		return RA_ENOMEM;
	}
	/*
	 * Dump the rest around the markers, then put the arrays in their
	 * place.  A marker is found as the value of its key on a line of
	 * its own, INDENT blanks in: such a line cannot come from inside a
	 * string, where a newline is escaped, and only PARENT's keys sit
	 * at that depth before it.
	 */
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	sep = malloc((size_t)at + 3);
	bad = text == NULL || sep == NULL;
	for (k = 0; !bad && k < n; k++) {
		bad = snprintf(find, sizeof(find), "\n%*s\"%s\": \"%s\"",
		    indent, "", st[k].key, STREAM_MARK) >= (int)sizeof(find) ||
		    (mark[k] = strstr(text, find)) == NULL;
		if (bad)
			break;
		mark[k] += strlen(find) - strlen(STREAM_MARK) - 2;
		/* In the order of the text. */
		for (o = k; o > 0 && mark[order[o - 1]] > mark[k]; o--)
			order[o] = order[o - 1];
		order[o] = k;
	}
	if (bad) {
		free(text);
		free(sep);
		return RA_ENOMEM;
	}
	memset(sep, ' ', (size_t)at + 2);
	sep[1] = '\n';
	sep[at + 2] = '\0';
	for (cur = text, o = 0; o < n && rc == 0; o++) {
		k = order[o];
		*mark[k] = '\0';
		rc = put_indented(cur, base, out);
		cur = mark[k] + strlen(STREAM_MARK) + 2;
		for (i = 0; rc == 0; i++) {
			sep[0] = i ? ',' : '[';
			if ((w = st[k].el(st[k].arg, i, sep, at, out)) != 1) {
				rc = w;
				break;
			}
		}
		if (rc == 0 && (i ? fprintf(out, "\n%*s]", base + indent,
		    "") < 0 : fputs("[]", out) == EOF))
			rc = -1;
	}
	if (rc == 0)
		rc = put_tail(cur, base, late, out);
	free(text);
	free(sep);
	return rc == -2 ? RA_ENOMEM : rc ? RA_EIO : RA_OK;
}

/* dump_streams() of the one stream KEY, EL, ARG. */
static enum ra_err
dump_around(json_t *root, json_t *parent, const char *key, int indent,
    int base, el_writer el, void *arg, const struct late *late, FILE *out)
{
	struct stream	 st = { key, el, arg };

	return dump_streams(root, parent, indent, base, &st, 1, late, out);
}

/* N blanks into B. */
static void
blanks(struct ra_buf *b, size_t n)
{
	static const char	 sp[64] = "                                "
				    "                                ";

	for (; n > 64; n -= 64)
		ra_buf_add(b, sp, 64);
	ra_buf_add(b, sp, n);
}

/* String S (valid UTF-8, as jansson holds it) quoted and escaped into B. */
static void
put_string(struct ra_buf *b, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const char		*run = s, *end = s + len;
	char			 esc[6] = { '\\', 'u', '0', '0' };
	unsigned char		 c;

	ra_buf_add(b, "\"", 1);
	for (; s < end; s++) {
		c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		ra_buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':	ra_buf_add(b, "\\\"", 2);	break;
		case '\\':	ra_buf_add(b, "\\\\", 2);	break;
		case '\b':	ra_buf_add(b, "\\b", 2);	break;
		case '\f':	ra_buf_add(b, "\\f", 2);	break;
		case '\n':	ra_buf_add(b, "\\n", 2);	break;
		case '\r':	ra_buf_add(b, "\\r", 2);	break;
		case '\t':	ra_buf_add(b, "\\t", 2);	break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			ra_buf_add(b, esc, 6);
			break;
		}
	}
	ra_buf_add(b, run, (size_t)(end - run));
	ra_buf_add(b, "\"", 1);
}

/* Before member K of a container at AT: a comma but first, its line. */
static void
member_line(struct ra_buf *b, size_t k, size_t at)
{
	if (k)
		ra_buf_add(b, ",", 1);
	ra_buf_add(b, "\n", 1);
	blanks(b, at + 2);
}

/* The end of a container at AT: its line, then END. */
static void
end_line(struct ra_buf *b, size_t at, const char *end)
{
	ra_buf_add(b, "\n", 1);
	blanks(b, at);
	ra_buf_adds(b, end);
}

/*
 * V into B as json_dumps(JSON_INDENT(2)) writes it, every line after
 * the first indented AT blanks more: the same bytes, without the tree
 * walk through callbacks, the string it makes and the pass that indents
 * it (two thirds of the time of a diff of a million changes).  0, or -1
 * when memory runs out.
 */
static int
put_value(struct ra_buf *b, const json_t *v, size_t at)
{
	const char	*key;
	char		*t;
	json_t		*x;
	size_t		 i, n;
	int		 rc = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (json_object_size(v) == 0) {
			ra_buf_add(b, "{}", 2);
			break;
		}
		ra_buf_add(b, "{", 1);
		n = 0;
		json_object_foreach((json_t *)v, key, x) {
			member_line(b, n++, at);
			put_string(b, key, strlen(key));
			ra_buf_add(b, ": ", 2);
			if (put_value(b, x, at + 2) == -1)
				rc = -1;
		}
		end_line(b, at, "}");
		break;
	case JSON_ARRAY:
		if ((n = json_array_size(v)) == 0) {
			ra_buf_add(b, "[]", 2);
			break;
		}
		ra_buf_add(b, "[", 1);
		for (i = 0; i < n; i++) {
			member_line(b, i, at);
			if (put_value(b, json_array_get(v, i), at + 2) == -1)
				rc = -1;
		}
		end_line(b, at, "]");
		break;
	case JSON_STRING:
		put_string(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		/* Not JSON_INTEGER_FORMAT: on Windows it is "I64d",
		 * which the ANSI stdio of the mingw build rejects. */
		ra_buf_printf(b, "%lld",
		    (long long)json_integer_value(v));
		break;
	case JSON_TRUE:
		ra_buf_add(b, "true", 4);
		break;
	case JSON_FALSE:
		ra_buf_add(b, "false", 5);
		break;
	case JSON_NULL:
		ra_buf_add(b, "null", 4);
		break;
	default:
		/* A real: as jansson writes it. */
		if ((t = json_dumps(v, JSON_ENCODE_ANY)) == NULL)
			return -1;
		ra_buf_adds(b, t);
		free(t);
		break;
	}
	return rc;
}

/*
 * Write element V (taken) after SEP, at INDENT: what an el_writer
 * returns for it, 1, or -1 (write) or -2 (memory) on failure.
 */
static int
put_el(json_t *v, const char *sep, int indent, FILE *out)
{
	struct ra_buf	 b = { 0 };
	int		 rc;

	if (v == NULL)
		return -2;
	ra_buf_adds(&b, sep);
	rc = put_value(&b, v, (size_t)indent) == -1 || b.oom ? -2 :
	    ra_buf_flush(&b, out) == RA_OK ? 1 : -1;
	json_decref(v);
	ra_buf_free(&b);
	return rc;
}

/*
 * An object written straight into B, member by member, in the bytes
 * put_value() would write from its tree, with objects nested in it up
 * to JW_DEPTH: at depth D, AT[D] is the object's indentation and K[D]
 * its members so far.  A sink's ARG.
 */
#define JW_DEPTH	4
struct jw {
	struct ra_buf	*b;
	size_t		 at[JW_DEPTH], k[JW_DEPTH];
	int		 d;
};

/* Start W's object into B at indentation AT. */
static void
jw_begin(struct jw *w, struct ra_buf *b, size_t at)
{
	w->b = b;
	w->d = 0;
	w->at[0] = at;
	w->k[0] = 0;
	ra_buf_add(b, "{", 1);
}

static void
jw_key(struct jw *w, const char *key)
{
	member_line(w->b, w->k[w->d]++, w->at[w->d]);
	put_string(w->b, key, strlen(key));
	ra_buf_add(w->b, ": ", 2);
}

static void
jw_str(void *arg, const char *key, const char *s)
{
	struct jw		*w = arg;
	const unsigned char	*p;
	size_t			 n;
	json_t			*j;

	jw_key(w, key);
	if (s == NULL) {
		ra_buf_adds(w->b, "null");
		return;
	}
	for (p = (const unsigned char *)s; *p; p += n)
		if ((n = ra_utf8_len(p)) == 0)
			break;
	if (*p == '\0') {
		put_string(w->b, s, (size_t)(p - (const unsigned char *)s));
		return;
	}
	/* Invalid UTF-8: jstr()'s replacement characters. */
	if ((j = jstr(s)) == NULL ||
	    put_value(w->b, j, w->at[w->d] + 2) == -1)
		w->b->oom = 1;
	json_decref(j);
}

static void
jw_bool(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	ra_buf_adds(w->b, v ? "true" : "false");
}

static void
jw_open(void *arg, const char *key)
{
	struct jw	*w = arg;

	assert(w->d + 1 < JW_DEPTH);
	jw_key(w, key);
	ra_buf_add(w->b, "{", 1);
	w->d++;
	w->at[w->d] = w->at[w->d - 1] + 2;
	w->k[w->d] = 0;
}

/* End the innermost open object (the outermost last). */
static void
jw_close(void *arg)
{
	struct jw	*w = arg;

	if (w->k[w->d] == 0)
		ra_buf_add(w->b, "}", 1);
	else
		end_line(w->b, w->at[w->d], "}");
	if (w->d > 0)
		w->d--;
}

/* ra_json_dump_streamed()'s maker of elements, and what it reads. */
struct made {
	json_t		*(*next)(void *, size_t);
	void		*arg;
};

/* An el_writer of the elements M->next() makes. */
static int
made_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	const struct made	*m = arg;
	json_t			*v;

	if ((v = m->next(m->arg, i)) == NULL)
		return 0;
	return put_el(v, sep, indent, out);
}

enum ra_err
ra_json_dump_streamed(json_t *root, json_t *parent, const char *key,
    int indent, json_t *(*next)(void *, size_t), json_t *(*late)(void *),
    void *arg, FILE *out)
{
	struct made	 m = { next, arg };
	struct late	 l = { late, arg };
	enum ra_err	 e;

	e = dump_around(root, parent, key, indent, 0, made_el, &m,
	    late != NULL ? &l : NULL, out);
	if (e == RA_OK && fputc('\n', out) == EOF)
		e = RA_EIO;
	return e;
}

/* Policy P of a report: its name, file, rows and evidence. */
static json_t *
json_policy(const struct ra_policy *p)
{
	json_t	*o = json_object();

	json_object_set_new(o, "name", jstr(p->name));
	json_object_set_new(o, "file", jstr(p->file));
	json_object_set_new(o, "rows", json_integer((json_int_t)p->n));
	json_object_set_new(o, "source", jstr(p->source));
	json_object_set_new(o, "version", *p->version ? jstr(p->version) :
	    json_null());
	json_object_set_new(o, "sha256", jstr(p->sha256));
	return o;
}

/*
 * Violation V of result R: the privilege as every report says it, the
 * depth held and the most the row allows (null: none), the policy and
 * its row, the row's severity and reason, what it matched through
 * "unknown", and the sentence text and SARIF say.
 */
static json_t *
json_violation(const struct ra_report *rep, const struct ra_result *r,
    const struct ra_violation *v)
{
	struct ra_buf	 b = { 0 };
	json_t		*o = json_object(), *row = json_object(), *via;

	json_priv(o, &v->pi);
	json_object_set_new(o, "held", json_level(v->held));
	json_object_set_new(o, "allowed", json_level(v->row->max));
	json_object_set_new(o, "severity",
	    jstr(ra_severity_name(v->row->sev)));
	json_object_set_new(o, "policy", jstr(rep->pol[v->pol]->name));
	json_object_set_new(row, "file", jstr(rep->pol[v->pol]->file));
	json_object_set_new(row, "line", json_integer((json_int_t)
	    v->row->line));
	ra_prule_describe(v->row, &b);
	json_object_set_new(row, "pattern", b.oom ? NULL : jstr(b.s));
	json_object_set_new(o, "row", row);
	json_object_set_new(o, "reason", jstr(v->row->reason));
	via = json_array();
	if (v->via & RA_VIA_TABLE)
		json_array_append_new(via, jstr("table"));
	if (v->via & RA_VIA_TAB)
		json_array_append_new(via, jstr("tab"));
	json_object_set_new(o, "through_unknown", via);
	b.len = 0;
	ra_violation_message(rep, r, v, &b);
	json_object_set_new(o, "message", b.oom ? NULL : jstr(b.s));
	ra_buf_free(&b);
	return o;
}

/* JSON of one missing privilege X of a check. */
static json_t *
json_missing(const struct ra_missing *x)
{
	struct ra_pinfo	 pi = *x->pi;
	json_t		*m = json_object();

	json_priv(m, &pi);
	json_object_set_new(m, "required", jstr(ra_level_name(x->req->min)));
	json_object_set_new(m, "actual", json_level(x->actual));
	return m;
}

/*
 * Role R's result against the profiles, without its missing privileges:
 * the role, "pass", "fail" or "not-exported" (with the reason), an empty
 * "missing" and, with policies, each violation.
 */
static json_t *
json_verdict(const struct ra_report *rep, const struct ra_result *r)
{
	json_t	*o = json_role(r->role, r->sol), *ma;
	size_t	 k;

	json_object_set_new(o, "status", jstr(r->not_exported ?
	    "not-exported" : ra_result_fails(r) ? "fail" : "pass"));
	json_object_set_new(o, "reason", r->not_exported ?
	    jstr(RA_NOT_EXPORTED_REASON) : json_null());
	json_object_set_new(o, "missing", json_array());
	if (rep->npol > 0) {
		ma = json_array();
		for (k = 0; k < r->nviol; k++)
			json_array_append_new(ma, json_violation(rep, r,
			    &r->viol[k]));
		json_object_set_new(o, "violations", ma);
	}
	return o;
}

/*
 * Role R's result with each privilege it lacks, where the editor shows
 * it, made whole (explain's, of a built-in profile's rows); NULL when
 * memory runs out.
 */
static json_t *
json_result(const struct ra_report *rep, const struct ra_result *r)
{
	const struct ra_missing	*miss;
	json_t			*o, *ma;
	size_t			 k;

	if (ra_report_missing(rep, r, &miss) == -1)
		return NULL;
	o = json_verdict(rep, r);
	ma = json_object_get(o, "missing");
	for (k = 0; k < r->nmiss; k++)
		json_array_append_new(ma, json_missing(&miss[k]));
	return o;
}

/* What the writers of a check report's elements read. */
struct check_at {
	const struct ra_report	*rep;
	const struct ra_result	*r;	/* the role being written */
	const struct ra_missing	*miss;	/* its missing privileges */
};

/* An el_writer of a role's missing privileges, one at a time. */
static int
missing_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct check_at	*at = arg;

	if (i >= at->r->nmiss)
		return 0;
	return put_el(json_missing(&at->miss[i]), sep, indent, out);
}

/*
 * An el_writer of a check report's roles, each with its missing
 * privileges written one at a time: a role may lack each of a profile's
 * 100,000 rows.
 */
static int
check_role_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct check_at	*at = arg;
	json_t		*o;
	enum ra_err	 e;

	if (i >= at->rep->nres)
		return 0;
	at->r = &at->rep->res[i];
	if (ra_report_missing(at->rep, at->r, &at->miss) == -1)
		return -2;
	o = json_verdict(at->rep, at->r);
	if (fputs(sep, out) == EOF) {
		json_decref(o);
		return -1;
	}
	e = dump_around(o, o, "missing", 2, indent, missing_el, at, NULL,
	    out);
	return e == RA_OK ? 1 : e == RA_ENOMEM ? -2 : -1;
}

enum ra_err
ra_render_report_json(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	json_t		*root = json_object(), *a, *s;
	struct check_at	 at = { rep, NULL, NULL };
	size_t		 i;
	enum ra_err	 e;

	(void)o;
	json_object_set_new(root, "tool", json_tool());
	a = json_array();
	for (i = 0; i < rep->nprof; i++)
		json_array_append_new(a, json_profile(rep->prof[i]));
	json_object_set_new(root, "profiles", a);
	if (rep->npol > 0) {
		a = json_array();
		for (i = 0; i < rep->npol; i++)
			json_array_append_new(a, json_policy(rep->pol[i]));
		json_object_set_new(root, "policies", a);
	}
	json_object_set_new(root, "inputs", json_inputs(rep->sol, rep->nsol));
	json_object_set_new(root, "roles", json_array());
	s = json_object();
	json_object_set_new(s, "roles", json_integer((json_int_t)rep->nres));
	json_object_set_new(s, "pass", json_integer((json_int_t)rep->npass));
	json_object_set_new(s, "fail", json_integer((json_int_t)rep->nfail));
	json_object_set_new(s, "not_exported",
	    json_integer((json_int_t)rep->nskip));
	if (rep->npol > 0) {
		a = json_object();
		json_object_set_new(a, "error", json_integer((json_int_t)
		    rep->nviol[RA_SEV_ERROR]));
		json_object_set_new(a, "warning", json_integer((json_int_t)
		    rep->nviol[RA_SEV_WARNING]));
		json_object_set_new(a, "note", json_integer((json_int_t)
		    rep->nviol[RA_SEV_NOTE]));
		json_object_set_new(s, "violations", a);
	}
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(rep->ctx));
	e = dump_around(root, root, "roles", 2, 0, check_role_el, &at, NULL,
	    out);
	if (e == RA_OK && fputc('\n', out) == EOF)
		e = RA_EIO;
	return e;
}

enum ra_err
ra_render_roles_json(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	json_t	*root = json_object(), *a;
	size_t	 s, i;

	(void)o;
	json_object_set_new(root, "tool", json_tool());
	json_object_set_new(root, "inputs", json_inputs(sol, nsol));
	a = json_array();
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++) {
			json_t	*r = json_role(&sol[s]->role[i], s);

			json_object_set_new(r, "reason", ra_role_not_exported(
			    &sol[s]->role[i]) ? jstr(RA_NOT_EXPORTED_REASON) :
			    json_null());
			json_array_append_new(a, r);
		}
	json_object_set_new(root, "roles", a);
	json_object_set_new(root, "diagnostics", json_diags(ctx));
	return ra_json_dump(root, out);
}

enum ra_err
ra_render_profiles_json(const struct ra_profile *const *p, size_t n,
    FILE *out)
{
	json_t	*root = json_object(), *a = json_array();
	size_t	 i;

	json_object_set_new(root, "tool", json_tool());
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_profile(p[i]));
	json_object_set_new(root, "profiles", a);
	return ra_json_dump(root, out);
}

json_t *
ra_json_diff_summary(const struct ra_diff *d)
{
	json_t	*s = json_object();

	json_object_set_new(s, "roles_added",
	    json_integer((json_int_t)d->roles_added));
	json_object_set_new(s, "roles_removed",
	    json_integer((json_int_t)d->roles_removed));
	json_object_set_new(s, "roles_changed",
	    json_integer((json_int_t)d->roles_changed));
	json_object_set_new(s, "roles_not_exported",
	    json_integer((json_int_t)d->roles_not_exported));
	json_object_set_new(s, "privileges_added",
	    json_integer((json_int_t)d->added));
	json_object_set_new(s, "privileges_removed",
	    json_integer((json_int_t)d->removed));
	json_object_set_new(s, "raised", json_integer((json_int_t)d->raised));
	json_object_set_new(s, "lowered", json_integer((json_int_t)d->lowered));
	/* Present when there are any: older readers see the same shape. */
	if (d->nad + d->ncd > 0) {
		json_object_set_new(s, "app_role_map_changes",
		    json_integer((json_int_t)d->nad));
		json_object_set_new(s, "column_permission_changes",
		    json_integer((json_int_t)d->ncd));
	}
	json_object_set_new(s, "escalations",
	    json_integer((json_int_t)d->escalations));
	return s;
}

/* An el_writer of D's app role-map changes. */
static int
adiff_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	const struct ra_diff	*d = arg;
	const struct ra_adiff	*x;
	json_t			*o;

	if (i >= d->nad)
		return 0;
	x = &d->ad[i];
	o = json_object();
	json_object_set_new(o, "app", jstr(x->app->name));
	json_object_set_new(o, "app_display_name", jstr(x->app->display));
	json_object_set_new(o, "role_id", jstr(x->role_id));
	json_object_set_new(o, "role_name", x->role ? jstr(x->role->name) :
	    json_null());
	json_object_set_new(o, "change", jstr(x->added ? "added" :
	    "removed"));
	json_object_set_new(o, "escalation", json_boolean(x->added));
	json_object_set_new(o, "severity",
	    jstr(ra_severity_name(ra_adiff_severity(x))));
	return put_el(o, sep, indent, out);
}

/* An el_writer of D's column permission changes. */
static int
cdiff_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	const struct ra_diff	*d = arg;
	const struct ra_cdiff	*x;
	json_t			*o;

	if (i >= d->ncd)
		return 0;
	x = &d->cd[i];
	o = json_object();
	json_object_set_new(o, "profile", jstr(x->profile));
	json_object_set_new(o, "table", jstr(x->entity));
	json_object_set_new(o, "column", jstr(x->attribute));
	json_object_set_new(o, "right", jstr(ra_fright_name(x->right)));
	json_object_set_new(o, "change", jstr(x->granted ? "granted" :
	    "revoked"));
	json_object_set_new(o, "escalation", json_boolean(x->escalation));
	json_object_set_new(o, "severity",
	    jstr(ra_severity_name(ra_cdiff_severity(x))));
	return put_el(o, sep, indent, out);
}

/* What the writers of a diff's elements read. */
struct diff_at {
	const struct ra_diff	*d;
	const struct ra_rdiff	*r;	/* the role whose privileges are written */
	struct ra_buf		 why;	/* a change's reasons */
	struct ra_buf		 out;	/* a change's JSON */
};

/*
 * Write change P of AT's role after SEP at INDENT, as an el_writer
 * does: its privilege (priv_members()), levels, kind and escalation
 * reasons, written straight into a buffer without a tree (a role may
 * have a million changes).
 */
static int
pdiff_put(struct diff_at *at, const struct ra_pdiff *p, const char *sep,
    int indent, FILE *out)
{
	const struct ra_diff	*d = at->d;
	const struct ra_solution *sides[2] = { d->new, d->old };
	const char		*reason = ra_pdiff_reason(d->ctx, p, &at->why);
	struct ra_pinfo		 pi;
	struct jw		 w;
	struct sink		 s = { jw_str, jw_open, jw_close, &w };
	int			 rc;

	at->out.len = 0;
	ra_buf_adds(&at->out, sep);
	ra_pinfo(d->ctx, sides, 2, p->priv, &pi);
	jw_begin(&w, &at->out, (size_t)indent);
	rc = priv_members(&s, &pi);
	jw_str(&w, "old", p->old == RA_LEVEL_NONE ? NULL :
	    ra_level_name(p->old));
	jw_str(&w, "new", p->new == RA_LEVEL_NONE ? NULL :
	    ra_level_name(p->new));
	jw_str(&w, "change", ra_pchange_name(p->change));
	jw_bool(&w, "escalation", reason != NULL);
	jw_str(&w, "reason", reason);
	jw_close(&w);
	if (rc == -1 || at->out.oom || at->why.oom)
		return -2;
	return fwrite(at->out.s, 1, at->out.len, out) == at->out.len ? 1 : -1;
}

/* An el_writer of a role's privilege changes, one at a time. */
static int
pdiff_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct diff_at	*at = arg;

	if (i >= at->r->np)
		return 0;
	return pdiff_put(at, &at->r->p[i], sep, indent, out);
}

/*
 * An el_writer of the diff's roles, each with its privilege changes
 * written one at a time: a role may have a million.
 */
static int
diff_role_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct diff_at		 at = { arg, NULL, { 0 }, { 0 } };
	const struct ra_diff	*d = at.d;
	const struct ra_rdiff	*r;
	const struct ra_role	*cur;
	json_t			*o, *ta, *t;
	size_t			 k;
	enum ra_err		 e;

	if (i >= d->nr)
		return 0;
	r = at.r = &d->r[i];
	cur = r->new ? r->new : r->old;
	o = json_object();
	json_object_set_new(o, "id", jstr(cur->id));
	json_object_set_new(o, "name", jstr(cur->name));
	json_object_set_new(o, "old_name", r->old ? jstr(r->old->name) :
	    json_null());
	json_object_set_new(o, "change", jstr(ra_rchange_name(r->change)));
	json_object_set_new(o, "escalation", json_boolean(r->escalation));
	json_object_set_new(o, "old_location", r->old ?
	    json_role_location(r->old) : json_null());
	json_object_set_new(o, "new_location", r->new ?
	    json_role_location(r->new) : json_null());
	json_object_set_new(o, "not_exported", r->unexported == 0 ?
	    json_null() : jstr(r->unexported == RA_UNEXPORTED_OLD ? "old" :
	    r->unexported == RA_UNEXPORTED_NEW ? "new" : "both"));
	json_object_set_new(o, "reason", r->unexported == 0 ? json_null() :
	    jstr(RA_NOT_EXPORTED_REASON));
	json_object_set_new(o, "privileges", json_array());
	ta = json_array();
	for (k = 0; k < r->nt; k++) {
		t = json_object();
		json_object_set_new(t, "name", jstr(r->t[k].prof->name));
		json_object_set_new(t, "old", jstr(r->t[k].old_pass ?
		    "pass" : "fail"));
		json_object_set_new(t, "new", jstr(r->t[k].new_pass ?
		    "pass" : "fail"));
		json_array_append_new(ta, t);
	}
	json_object_set_new(o, "profiles", ta);
	if (fputs(sep, out) == EOF) {
		json_decref(o);
		return -1;
	}
	e = dump_around(o, o, "privileges", 2, indent, pdiff_el, &at, NULL,
	    out);
	ra_buf_free(&at.why);
	ra_buf_free(&at.out);
	return e == RA_OK ? 1 : e == RA_ENOMEM ? -2 : -1;
}

enum ra_err
ra_render_diff_json(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	json_t		*root = json_object(), *a;
	struct stream	 st[3] = { { "roles", diff_role_el,
			    (void *)(uintptr_t)d } };
	size_t		 i, n = 1;
	enum ra_err	 e;

	(void)o;
	json_object_set_new(root, "tool", json_tool());
	json_object_set_new(root, "old", json_input(d->old));
	json_object_set_new(root, "new", json_input(d->new));
	a = json_array();
	for (i = 0; i < d->nprof; i++)
		json_array_append_new(a, json_profile(d->prof[i]));
	json_object_set_new(root, "profiles", a);
	json_object_set_new(root, "roles", json_array());
	json_object_set_new(root, "summary", ra_json_diff_summary(d));
	json_object_set_new(root, "diagnostics", json_diags(d->ctx));
	/* The app and column changes only when there are some. */
	if (d->nad > 0)
		st[n++] = (struct stream){ "app_role_maps", adiff_el,
		    (void *)(uintptr_t)d };
	if (d->ncd > 0)
		st[n++] = (struct stream){ "column_permissions", cdiff_el,
		    (void *)(uintptr_t)d };
	e = dump_streams(root, root, 2, 0, st, n, NULL, out);
	if (e == RA_OK && fputc('\n', out) == EOF)
		e = RA_EIO;
	return e;
}

/* The depths of RA_DEPTH() bits DEPTHS by name; null when none is known. */
static json_t *
json_depths(unsigned depths)
{
	json_t		*a;
	enum ra_level	 l;

	if (depths == 0)
		return json_null();
	a = json_array();
	for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
		if (depths & RA_DEPTH(l))
			json_array_append_new(a, jstr(ra_level_name(l)));
	return a;
}

/* What the writers of lint's elements read. */
struct lint_at {
	const struct ra_lint	*ln;
	size_t			 sol, role;	/* the role being written */
	struct ra_lint_role	 lr;		/* its findings */
	struct ra_buf		 m;		/* message scratch */
};

/* An el_writer of a role's findings, one at a time. */
static int
finding_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct lint_at		*at = arg;
	const struct ra_finding	*f;
	struct ra_pinfo		 pi;
	json_t			*f1;
	int			 d;
	char			 code[16];

	if ((f = ra_lint_role_get(&at->lr, i)) == NULL)
		return 0;
	d = f->priv != RA_NOPRIV;
	if (d)
		ra_pinfo(at->ln->ctx, &at->ln->sol[at->sol], 1, f->priv, &pi);
	f1 = json_object();
	json_object_set_new(f1, "severity", jstr(ra_severity_name(f->severity)));
	snprintf(code, sizeof(code), "RA%03d", f->code);
	json_object_set_new(f1, "code", jstr(code));
	json_object_set_new(f1, "privilege", jstr(d ? pi.name : NULL));
	json_object_set_new(f1, "level", d ? jstr(ra_level_name(f->level)) :
	    json_null());
	json_object_set_new(f1, "allowed", d ? json_depths(pi.depths) :
	    json_null());
	json_object_set_new(f1, "allowed_source", d ?
	    jstr(ra_prov_name(pi.depths_by)) : json_null());
	json_object_set_new(f1, "message",
	    jstr(ra_finding_message(at->ln, f, &at->m)));
	if (at->m.oom) {
		json_decref(f1);
		return -2;
	}
	return put_el(f1, sep, indent, out);
}

/*
 * An el_writer of lint's roles (the Ith of all the inputs'), each with
 * its findings written one at a time: a role may have a million.
 */
static int
lint_role_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	static const char *const inherit[] = { NULL, "team",
	    "direct and team" };
	struct lint_at		*at = arg;
	const struct ra_role	*r;
	json_t			*o;
	enum ra_err		 e;

	/* Roles are asked for in order: step to the next one. */
	if (i == 0)
		at->sol = at->role = 0;
	else
		at->role++;
	while (at->sol < at->ln->nsol &&
	    at->role >= at->ln->sol[at->sol]->nrole) {
		at->sol++;
		at->role = 0;
	}
	if (at->sol >= at->ln->nsol)
		return 0;
	r = &at->ln->sol[at->sol]->role[at->role];
	o = json_role(r, at->sol);
	json_object_set_new(o, "inherit", jstr(inherit[r->inherit]));
	json_object_set_new(o, "reason", ra_role_not_exported(r) ?
	    jstr(RA_NOT_EXPORTED_REASON) : json_null());
	json_object_set_new(o, "findings", json_array());
	if (ra_lint_role_open(&at->lr, at->ln, at->sol, at->role) == -1) {
		json_decref(o);
		return -2;
	}
	if (fputs(sep, out) == EOF) {
		json_decref(o);
		return -1;
	}
	e = dump_around(o, o, "findings", 2, indent, finding_el, at, NULL,
	    out);
	return e == RA_OK ? 1 : e == RA_ENOMEM ? -2 : -1;
}

enum ra_err
ra_render_lint_json(const struct ra_lint *ln, const struct ra_write_opts *wo,
    FILE *out)
{
	struct lint_at	 at;
	json_t		*root = json_object(), *s;
	enum ra_err	 e;

	(void)wo;
	memset(&at, 0, sizeof(at));
	at.ln = ln;
	json_object_set_new(root, "tool", json_tool());
	json_object_set_new(root, "inputs", json_inputs(ln->sol, ln->nsol));
	json_object_set_new(root, "roles", json_array());
	s = json_object();
	json_object_set_new(s, "roles", json_integer((json_int_t)ln->nrole));
	json_object_set_new(s, "warnings",
	    json_integer((json_int_t)(ln->count[RA_SEV_WARNING] +
	    ln->count[RA_SEV_ERROR])));
	json_object_set_new(s, "notes",
	    json_integer((json_int_t)ln->count[RA_SEV_NOTE]));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(ln->ctx));
	e = dump_around(root, root, "roles", 2, 0, lint_role_el, &at, NULL,
	    out);
	if (e == RA_OK && fputc('\n', out) == EOF)
		e = RA_EIO;
	ra_lint_role_free(&at.lr);
	ra_buf_free(&at.m);
	return e;
}

enum ra_err
ra_render_combined_json(const struct ra_combined *cb,
    const struct ra_write_opts *wo, FILE *out)
{
	struct ra_pinfo		 pi;
	json_t			*root = json_object(), *a, *o, *ra, *qa;
	json_t			*q1, *ga, *g1, *s;
	size_t			 i, k, g;

	(void)wo;
	json_object_set_new(root, "tool", json_tool());
	a = json_array();
	for (i = 0; i < cb->nprof; i++)
		json_array_append_new(a, json_profile(cb->prof[i]));
	json_object_set_new(root, "profiles", a);
	json_object_set_new(root, "inputs", json_inputs(cb->sol, cb->nsol));
	a = json_array();
	for (i = 0; i < cb->nc; i++) {
		const struct ra_combo	*co = &cb->c[i];

		o = json_object();
		json_object_set_new(o, "all", json_boolean(co->all));
		ra = json_array();
		for (k = 0; k < co->nm; k++)
			json_array_append_new(ra, json_role(co->m[k].role,
			    co->m[k].sol));
		json_object_set_new(o, "roles", ra);
		json_object_set_new(o, "privileges",
		    json_integer((json_int_t)co->nprivs));
		json_object_set_new(o, "status",
		    json_string(co->nmiss ? "fail" : "pass"));
		qa = json_array();
		for (k = 0; k < co->nr; k++) {
			const struct ra_creq	*q = &co->r[k];

			ra_pinfo(cb->ctx, cb->sol, cb->nsol, q->req->priv,
			    &pi);
			q1 = json_object();
			json_priv(q1, &pi);
			json_object_set_new(q1, "required",
			    jstr(ra_level_name(q->req->min)));
			json_object_set_new(q1, "held",
			    q->held == RA_LEVEL_NONE ? json_null() :
			    jstr(ra_level_name(q->held)));
			json_object_set_new(q1, "missing",
			    json_boolean(q->held < q->req->min));
			ga = json_array();
			for (g = 0; g < q->ng; g++) {
				g1 = json_object();
				json_object_set_new(g1, "role",
				    json_integer((json_int_t)q->g[g].member));
				json_object_set_new(g1, "level",
				    jstr(ra_level_name(q->g[g].level)));
				json_array_append_new(ga, g1);
			}
			json_object_set_new(q1, "granted_by", ga);
			json_array_append_new(qa, q1);
		}
		json_object_set_new(o, "requirements", qa);
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "combinations", a);
	s = json_object();
	json_object_set_new(s, "combinations", json_integer((json_int_t)cb->nc));
	json_object_set_new(s, "pass", json_integer((json_int_t)cb->npass));
	json_object_set_new(s, "fail", json_integer((json_int_t)cb->nfail));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(cb->ctx));
	return ra_json_dump(root, out);
}

static json_t *
json_xpriv(const struct ra_explanation *x, const struct ra_xpriv *xp)
{
	const struct ra_catalog	*cat = &x->ctx->cat;
	struct ra_privdef	 def, *d = &def;
	struct ra_pinfo		 pi;
	json_t			*o = json_object(), *a, *e;
	size_t			 k;

	ra_explanation_privdef(x, xp->priv, &def);
	ra_pinfo_def(x->ctx, x->sol, x->nsol, d, &pi);
	json_priv(o, &pi);
	json_object_set_new(o, "in_catalog", json_boolean(d->listed));
	a = json_array();
	if (xp->how & RA_XHOW_NAMED)
		json_array_append_new(a, jstr("named"));
	if (xp->how & RA_XHOW_ID)
		json_array_append_new(a, jstr("id"));
	if (xp->how & RA_XHOW_IMPLIED)
		json_array_append_new(a, jstr("implied"));
	json_object_set_new(o, "found", a);
	json_object_set_new(o, "id", jstr(d->id));
	json_object_set_new(o, "id_in_text", jstr(xp->idtext));
	json_object_set_new(o, "implied_by", jstr(xp->why));
	json_object_set_new(o, "required", json_level(xp->required));
	json_object_set_new(o, "depths", json_depths(pi.depths));
	a = json_array();
	for (k = 0; k < xp->np; k++) {
		const struct ra_req	*q = xp->p[k].req;

		e = json_object();
		json_object_set_new(e, "name", jstr(xp->p[k].prof->name));
		json_object_set_new(e, "required",
		    jstr(ra_level_name(q->min)));
		json_object_set_new(e, "tab",
		    jstr(ra_tab_name(ra_req_tab(cat, q))));
		json_object_set_new(e, "section",
		    ra_req_section(cat, q) == RA_SECTION_ENTITIES ?
		    json_null() :
		    jstr(ra_section_name(ra_req_section(cat, q))));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "profiles", a);
	a = json_array();
	for (k = 0; k < xp->nr; k++) {
		e = json_role(xp->r[k].role, xp->r[k].sol);
		json_object_set_new(e, "held", json_level(xp->r[k].held));
		json_object_set_new(e, "lacks", json_boolean(xp->r[k].lacks));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "roles", a);
	return o;
}

/* A profile checked because the text names none of its privileges. */
static json_t *
json_check(const struct ra_report *rep)
{
	json_t	*o = json_object(), *a;
	size_t	 i;

	json_object_set_new(o, "profile", jstr(rep->prof[0]->name));
	a = json_array();
	for (i = 0; i < rep->nres; i++)
		json_array_append_new(a, json_result(rep, &rep->res[i]));
	json_object_set_new(o, "roles", a);
	return o;
}

enum ra_err
ra_render_explain_json(const struct ra_explanation *x,
    const struct ra_write_opts *wo, FILE *out)
{
	json_t	*root = json_object(), *a, *o, *s;
	size_t	 k;

	(void)wo;
	json_object_set_new(root, "tool", json_tool());
	a = json_array();
	for (k = 0; k < x->nbprof; k++)
		json_array_append_new(a, json_profile(x->bprof[k]));
	json_object_set_new(root, "profiles", a);
	json_object_set_new(root, "inputs", json_inputs(x->sol, x->nsol));
	o = json_object();
	json_object_set_new(o, "bytes", json_integer((json_int_t)x->textlen));
	json_object_set_new(o, "sha256", jstr(x->sha256));
	json_object_set_new(root, "text", o);
	a = json_array();
	for (k = 0; k < x->ns; k++) {
		o = json_object();
		json_object_set_new(o, "code", jstr(x->s[k].def->code));
		json_object_set_new(o, "matched", jstr(x->s[k].matched));
		json_object_set_new(o, "meaning", jstr(x->s[k].def->meaning));
		json_object_set_new(o, "source", jstr(x->s[k].def->source));
		json_object_set_new(o, "profile",
		    jstr(x->s[k].def->profile));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "errors", a);
	if (x->principal >= 0) {
		o = json_object();
		json_object_set_new(o, "type",
		    json_integer((json_int_t)x->principal));
		json_object_set_new(o, "kind", x->principal == 8 ?
		    jstr("user") : x->principal == 9 ? jstr("team") :
		    json_null());
	} else
		o = json_null();
	json_object_set_new(root, "principal", o);
	if (x->otc >= 0) {
		o = json_object();
		json_object_set_new(o, "object_type_code",
		    json_integer((json_int_t)x->otc));
		json_object_set_new(o, "table", jstr(ra_otc_table(x->otc)));
		json_object_set_new(o, "access", jstr(x->access));
	} else
		o = json_null();
	json_object_set_new(root, "access_check", o);
	a = json_array();
	for (k = 0; k < x->np; k++)
		json_array_append_new(a, json_xpriv(x, &x->p[k]));
	json_object_set_new(root, "privileges", a);
	a = json_array();
	for (k = 0; k < x->nrep; k++)
		json_array_append_new(a, json_check(x->rep[k]));
	json_object_set_new(root, "profile_checks", a);
	s = json_object();
	json_object_set_new(s, "errors", json_integer((json_int_t)x->ns));
	json_object_set_new(s, "privileges", json_integer((json_int_t)x->np));
	json_object_set_new(s, "lacking_roles",
	    json_integer((json_int_t)x->nlacking));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(x->ctx));
	return ra_json_dump(root, out);
}

enum ra_err
ra_render_privileges_json(const struct ra_privlist *pl,
    const struct ra_write_opts *wo, FILE *out)
{
	json_t	*root = json_object(), *a, *o, *ids, *t, *ca, *c1, *s;
	size_t	 i, k, unplaced = 0;

	(void)wo;
	json_object_set_new(root, "tool", json_tool());
	json_object_set_new(root, "inputs", json_inputs(pl->sol, pl->nsol));
	a = json_array();
	for (i = 0; i < pl->n; i++) {
		const struct ra_privrec	*r = &pl->v[i];
		const struct ra_pinfo	*pi = &r->info;

		unplaced += pi->tab_by == RA_PROV_UNPLACED;
		o = json_object();
		json_priv(o, pi);
		ids = json_object();
		json_object_set_new(ids, "tab", jstr(pi->tab_ids));
		json_object_set_new(ids, "entity", jstr(pi->entity_ids));
		json_object_set_new(ids, "depths", jstr(pi->depth_ids));
		json_object_set_new(o, "source_ids", ids);
		json_object_set_new(o, "in_catalog",
		    json_boolean(pi->in_catalog));
		json_object_set_new(o, "id", jstr(r->def.id));
		json_object_set_new(o, "depths", json_depths(pi->depths));
		t = json_object();
		json_object_set_new(t, "depths", json_depths(pi->observed));
		json_object_set_new(t, "roles", json_integer((json_int_t)
		    (r->kb ? r->kb->observed_roles : 0)));
		json_object_set_new(t, "source_ids", jstr(pi->observed_ids));
		json_object_set_new(o, "observed", t);
		if (pi->owner != RA_OWNER_UNKNOWN) {
			t = json_object();
			json_object_set_new(t, "logical_name",
			    r->table && *r->table->logical ?
			    jstr(r->table->logical) : json_null());
			json_object_set_new(t, "ownership",
			    jstr(ra_owner_name(pi->owner)));
			json_object_set_new(t, "source",
			    jstr(ra_prov_name(pi->owner_by)));
			json_object_set_new(t, "source_ids",
			    jstr(pi->owner_ids));
			json_object_set_new(t, "has_privilege",
			    json_boolean(ra_pinfo_access_ok(pi)));
		} else
			t = json_null();
		json_object_set_new(o, "table", t);
		ca = json_array();
		for (k = 0; k < r->nconf; k++) {
			const struct ra_kb_conflict	*c = r->conf[k];

			c1 = json_object();
			json_object_set_new(c1, "subject", jstr(c->subject));
			json_object_set_new(c1, "field", jstr(c->field));
			json_object_set_new(c1, "value_a", jstr(c->value_a));
			json_object_set_new(c1, "source_a", jstr(c->source_a));
			json_object_set_new(c1, "value_b", jstr(c->value_b));
			json_object_set_new(c1, "source_b", jstr(c->source_b));
			json_object_set_new(c1, "preferred",
			    jstr(c->preferred));
			json_object_set_new(c1, "used", jstr(c->used));
			json_object_set_new(c1, "reason", jstr(c->reason));
			json_array_append_new(ca, c1);
		}
		json_object_set_new(o, "conflicts", ca);
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "privileges", a);
	s = json_object();
	json_object_set_new(s, "privileges", json_integer((json_int_t)pl->n));
	json_object_set_new(s, "unplaced", json_integer((json_int_t)unplaced));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(pl->ctx));
	return ra_json_dump(root, out);
}

/* ---- apps and column security ---------------------------------------- */

/*
 * A table as apps and columns show it: its name, display name (its Read
 * privilege's entity, ra_pinfo()'s) and tab, and the Read privilege.
 */
static json_t *
json_atable(const struct ra_atable *t)
{
	json_t	*o = json_object();

	json_object_set_new(o, "name", jstr(t->name));
	json_object_set_new(o, "display_name", jstr(*t->pi.entity ?
	    t->pi.entity : t->name));
	json_object_set_new(o, "tab", jstr(ra_tab_name(t->pi.tab)));
	json_object_set_new(o, "tab_source", jstr(ra_prov_name(t->pi.tab_by)));
	json_object_set_new(o, "read_privilege", jstr(t->read));
	return o;
}

/* "file:line" of something read from input SOL's FILE at LINE. */
static json_t *
json_at(const char *file, unsigned long line)
{
	struct ra_buf	 b = { 0 };
	json_t		*j;

	ra_buf_printf(&b, "%s:%lu", file ? file : "", line);
	j = b.oom ? NULL : jstr(b.s);
	ra_buf_free(&b);
	return j;
}

/*
 * What the writers of an app's elements read: an app of 200,000 tables
 * and as many mapped roles is written an element at a time, and a
 * role's unreadable tables as ra_apps_unread() finds them.
 */
struct apps_at {
	const struct ra_apps	*ap;
	const struct ra_aapp	*a;	/* the app being written */
	const struct ra_amap	*m;	/* its role being written */
	struct ra_unread	 un;	/* M's unreadable tables so far */
};

/* An el_writer of the app's tables. */
static int
atable_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct apps_at	*at = arg;

	if (i >= at->a->nt)
		return 0;
	return put_el(json_atable(&at->a->t[i]), sep, indent, out);
}

/* An el_writer of the role's unreadable tables, in the app's order. */
static int
unread_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct apps_at		*at = arg;
	const struct ra_atable	*tb;
	enum ra_level		 held;
	json_t			*u;

	(void)i;
	if (!ra_apps_unread_next(at->ap, at->a, at->m, &at->un, &tb, &held))
		return 0;
	u = json_atable(tb);
	json_object_set_new(u, "held", json_level(held));
	return put_el(u, sep, indent, out);
}

/* An el_writer of the app's mapped roles. */
static int
amap_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct apps_at		*at = arg;
	const struct ra_amap	*mp;
	const struct ra_missing	*miss;
	json_t			*m, *ma;
	size_t			 j;
	enum ra_err		 e;

	if (i >= at->a->nm)
		return 0;
	mp = at->m = &at->a->m[i];
	memset(&at->un, 0, sizeof(at->un));
	m = json_object();
	json_object_set_new(m, "id", jstr(mp->id));
	json_object_set_new(m, "name", mp->role ? jstr(mp->role->name) :
	    json_null());
	json_object_set_new(m, "input", mp->role ?
	    json_integer((json_int_t)mp->sol) : json_null());
	json_object_set_new(m, "status", jstr(ra_amstatus_name(mp->status)));
	/* Out of memory, "missing" is left out, as a string would be. */
	ma = mp->res != NULL && ra_report_missing(at->ap->rep, mp->res,
	    &miss) == -1 ? NULL : json_array();
	for (j = 0; ma != NULL && mp->res != NULL && j < mp->res->nmiss; j++)
		json_array_append_new(ma, json_missing(&miss[j]));
	json_object_set_new(m, "missing", ma);
	if (fputs(sep, out) == EOF) {
		json_decref(m);
		return -1;
	}
	e = dump_around(m, m, "unreadable", 2, indent, unread_el, at, NULL,
	    out);
	return e == RA_OK ? 1 : e == RA_ENOMEM ? -2 : -1;
}

/* An el_writer of AT's apps, each with its tables and roles streamed. */
static int
apps_app_el(void *arg, size_t i, const char *sep, int indent, FILE *out)
{
	struct apps_at		*at = arg;
	const struct stream	 st[2] = { { "tables", atable_el, at },
				    { "roles", amap_el, at } };
	const struct ra_aapp	*a;
	json_t			*o;
	enum ra_err		 e;

	if (i >= at->ap->na)
		return 0;
	a = at->a = &at->ap->a[i];
	o = json_object();
	json_object_set_new(o, "input", json_integer((json_int_t)a->sol));
	json_object_set_new(o, "unique_name", jstr(a->app->name));
	json_object_set_new(o, "display_name", jstr(a->app->display));
	json_object_set_new(o, "location", json_at(a->app->file,
	    a->app->line));
	if (fputs(sep, out) == EOF) {
		json_decref(o);
		return -1;
	}
	e = dump_streams(o, o, 2, indent, st, 2, NULL, out);
	return e == RA_OK ? 1 : e == RA_ENOMEM ? -2 : -1;
}

enum ra_err
ra_render_apps_json(const struct ra_apps *ap, const struct ra_write_opts *wo,
    FILE *out)
{
	json_t		*root = json_object(), *s, *or, *r;
	struct apps_at	 at = { ap, NULL, NULL, { 0, 0 } };
	size_t		 i;
	enum ra_err	 e;

	(void)wo;
	json_object_set_new(root, "tool", json_tool());
	json_object_set_new(root, "inputs", json_inputs(ap->sol, ap->nsol));
	json_object_set_new(root, "profile", json_profile(ap->prof));
	json_object_set_new(root, "table_read_needs",
	    jstr(ra_level_name(ap->need)));
	or = json_array();
	for (i = 0; i < ap->norphan; i++) {
		r = json_role(ap->orphan[i].role, ap->orphan[i].sol);
		json_array_append_new(or, r);
	}
	json_object_set_new(root, "roles_without_app", or);
	s = json_object();
	json_object_set_new(s, "apps", json_integer((json_int_t)ap->na));
	json_object_set_new(s, "apps_without_roles",
	    json_integer((json_int_t)ap->unmapped_apps));
	json_object_set_new(s, "roles_without_app",
	    json_integer((json_int_t)ap->norphan));
	json_object_set_new(s, "cannot_open",
	    json_integer((json_int_t)ap->ncannot));
	json_object_set_new(s, "unreadable_tables",
	    json_integer((json_int_t)ap->nunread));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(ap->ctx));
	e = dump_around(root, root, "apps", 2, 0, apps_app_el, &at, NULL,
	    out);
	if (e == RA_OK && fputc('\n', out) == EOF)
		e = RA_EIO;
	return e;
}

/* The profiles of column C that grant right R, by name. */
static json_t *
json_granted(const struct ra_ccol *c, enum ra_fright r)
{
	json_t	*a = json_array();
	size_t	 k;

	for (k = 0; k < c->ng; k++)
		if (c->g[k].perm->can[r] == 1)
			json_array_append_new(a, jstr(c->g[k].fsp->name));
	return a;
}

/* The JSON of the Ith column of CS, or NULL past the last. */
static json_t *
columns_col(void *arg, size_t i)
{
	const struct ra_columns	*cs = arg;
	const struct ra_ccol	*c;
	json_t			*o, *pa, *p;
	size_t			 k;
	int			 r;

	if (i >= cs->nc)
		return NULL;
	c = &cs->c[i];
	o = json_object();
	json_object_set_new(o, "input", json_integer((json_int_t)c->sol));
	json_object_set_new(o, "table", json_atable(&c->t));
	json_object_set_new(o, "column", jstr(c->attribute));
	json_object_set_new(o, "secured", json_boolean(c->secured));
	for (r = 0; r < RA_FR__COUNT; r++)
		json_object_set_new(o, r == RA_FR_READ ? "read" :
		    r == RA_FR_UPDATE ? "update" : r == RA_FR_CREATE ?
		    "create" : "read_unmasked", json_granted(c,
		    (enum ra_fright)r));
	pa = json_array();
	for (k = 0; k < c->ng; k++) {
		p = json_object();
		json_object_set_new(p, "profile", jstr(c->g[k].fsp->name));
		json_object_set_new(p, "id", jstr(c->g[k].fsp->id));
		json_object_set_new(p, "location", json_at(c->g[k].fsp->file,
		    c->g[k].perm->line));
		for (r = 0; r < RA_FR__COUNT; r++)
			json_object_set_new(p, r == RA_FR_READ ? "read" :
			    r == RA_FR_UPDATE ? "update" : r == RA_FR_CREATE ?
			    "create" : "read_unmasked",
			    c->g[k].perm->can[r] < 0 ? json_null() :
			    json_boolean(c->g[k].perm->can[r]));
		json_array_append_new(pa, p);
	}
	json_object_set_new(o, "permissions", pa);
	json_object_set_new(o, "unreadable", json_boolean(c->secured &&
	    c->nread == 0));
	return o;
}

enum ra_err
ra_render_columns_json(const struct ra_columns *cs,
    const struct ra_write_opts *wo, FILE *out)
{
	json_t	*root = json_object(), *s, *na, *x;
	size_t	 i;
	char	 code[16];

	(void)wo;
	json_object_set_new(root, "tool", json_tool());
	json_object_set_new(root, "inputs", json_inputs(cs->sol, cs->nsol));
	na = json_array();
	snprintf(code, sizeof(code), "RA%03d", RA_C_COL_NOREAD);
	for (i = 0; i < cs->nnr; i++) {
		x = json_object();
		json_object_set_new(x, "input",
		    json_integer((json_int_t)cs->nr[i].sol));
		json_object_set_new(x, "code", jstr(code));
		json_object_set_new(x, "profile", jstr(cs->nr[i].fsp->name));
		json_object_set_new(x, "table", jstr(cs->nr[i].perm->entity));
		json_object_set_new(x, "column",
		    jstr(cs->nr[i].perm->attribute));
		json_object_set_new(x, "location", json_at(cs->nr[i].fsp->file,
		    cs->nr[i].perm->line));
		json_array_append_new(na, x);
	}
	json_object_set_new(root, "write_without_read", na);
	s = json_object();
	json_object_set_new(s, "columns", json_integer((json_int_t)cs->nc));
	json_object_set_new(s, "profiles",
	    json_integer((json_int_t)cs->nprofiles));
	json_object_set_new(s, "unreadable",
	    json_integer((json_int_t)cs->nunreadable));
	json_object_set_new(s, "write_without_read",
	    json_integer((json_int_t)cs->nnr));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", json_diags(cs->ctx));
	json_object_set_new(root, "columns", json_array());
	return ra_json_dump_streamed(root, root, "columns", 2, columns_col,
	    NULL, (void *)(uintptr_t)cs, out);
}
