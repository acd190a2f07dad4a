/*
 * catalog.c - the privilege catalog, requirement profiles and the CSV
 * reading they share (libcsv).
 *
 * Every privilege name the program meets gets a dense index here, so a
 * role's privileges fit in a bitmap (bitmap.c) and profiles are bitmaps of
 * the same width.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "internal.h"

/* ---- CSV ------------------------------------------------------------- */

struct csv_state {
	struct ra_csv	*out;
	struct ra_buf	 err;
	unsigned long	 line;		/* line being fed */
	unsigned long	 start;		/* line where the open record began */
	struct ra_csv_row cur;
	size_t		 capfield;
	int		 oom;
};

static void
csv_field_cb(void *s, size_t len, void *arg)
{
	struct csv_state	*st = arg;
	char			*f;

	if (st->oom)
		return;
	if (st->cur.nfield == 0)
		st->cur.line = st->start;
	if (ra_grow(&st->cur.field, &st->capfield, st->cur.nfield + 1,
	    sizeof(char *)) == -1 ||
	    (f = ra_strndup(s ? s : "", s ? len : 0)) == NULL) {
		st->oom = 1;
		return;
	}
	st->cur.field[st->cur.nfield++] = f;
}

static void
csv_row_free(struct ra_csv_row *r)
{
	size_t	 i;

	for (i = 0; i < r->nfield; i++)
		free(r->field[i]);
	free(r->field);
	memset(r, 0, sizeof(*r));
}

static void
csv_row_cb(int c, void *arg)
{
	struct csv_state	*st = arg;
	struct ra_csv		*out = st->out;
	int			 drop;

	(void)c;
	if (st->oom) {
		csv_row_free(&st->cur);
		st->capfield = 0;
		return;
	}
	drop = st->cur.nfield == 0 ||
	    (st->cur.nfield == 1 && st->cur.field[0][0] == '\0');
	if (drop) {
		csv_row_free(&st->cur);
	} else if (ra_grow(&out->row, &out->cap, out->nrow + 1,
	    sizeof(*out->row)) == -1) {
		csv_row_free(&st->cur);
		st->oom = 1;
	} else {
		out->row[out->nrow++] = st->cur;
		memset(&st->cur, 0, sizeof(st->cur));
	}
	st->capfield = 0;
}

void
ra_csv_free(struct ra_csv *c)
{
	size_t	 i;

	for (i = 0; i < c->nrow; i++)
		csv_row_free(&c->row[i]);
	free(c->row);
	memset(c, 0, sizeof(*c));
}

enum ra_err
ra_csv_parse(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len, struct ra_csv *out)
{
	struct csv_parser	 p;
	struct csv_state	 st;
	const char		*line, *end, *nl;
	size_t			 n;
	enum ra_err		 rc = RA_OK;

	memset(&st, 0, sizeof(st));
	memset(out, 0, sizeof(*out));
	st.out = out;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return RA_ENOMEM;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	/*
	 * libcsv reports no positions: feed it a line at a time and note the
	 * line on which each record starts (the parser is between records
	 * when pstate is 0).
	 */
	end = buf + len;
	for (line = buf, st.line = 1; line < end; line = nl, st.line++) {
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl ? nl + 1 : end;
		n = (size_t)(nl - line);
		if (p.pstate == 0) {
			/* A '#' line between records is a comment. */
			if (*line == '#')
				continue;
			st.start = st.line;
		}
		if (memchr(line, '\0', n) != NULL) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL,
			    st.line, 0, "NUL byte in CSV");
			rc = RA_ECSV;
			goto out;
		}
		if (csv_parse(&p, line, n, csv_field_cb, csv_row_cb, &st) != n) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL,
			    st.line, 0, "malformed CSV: %s",
			    csv_strerror(csv_error(&p)));
			rc = csv_error(&p) == CSV_ENOMEM ? RA_ENOMEM : RA_ECSV;
			goto out;
		}
		if (st.oom)
			break;
	}
	if (!st.oom && csv_fini(&p, csv_field_cb, csv_row_cb, &st) != 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL, st.start,
		    0, "malformed CSV: unterminated quoted field");
		rc = RA_ECSV;
	}
	if (st.oom)
		rc = RA_ENOMEM;
out:
	csv_row_free(&st.cur);
	csv_free(&p);
	if (rc != RA_OK)
		ra_csv_free(out);
	return rc;
}

enum ra_err
ra_read_file(struct ra_ctx *ctx, const char *path, char **bufp, size_t *lenp)
{
	FILE		*f;
	struct ra_buf	 b = { 0 };
	char		 chunk[65536];
	size_t		 n;
	int		 err;

	if ((f = fopen(path, "rb")) == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "cannot open: %s", strerror(errno));
		return RA_ENOTFOUND;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		ra_buf_add(&b, chunk, n);
		if (b.len > ctx->limit[RA_LIMIT_FILE_SIZE]) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_SIZE, path, NULL, 0,
			    0, "file larger than the limit of %llu bytes",
			    (unsigned long long)ctx->limit[RA_LIMIT_FILE_SIZE]);
			fclose(f);
			ra_buf_free(&b);
			return RA_ELIMIT;
		}
	}
	err = ferror(f);
	fclose(f);
	if (err) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "read error");
		ra_buf_free(&b);
		return RA_EIO;
	}
	ra_buf_add(&b, "", 0);
	if (b.oom) {
		ra_buf_free(&b);
		return RA_ENOMEM;
	}
	*bufp = b.s;
	*lenp = b.len;
	return RA_OK;
}

/*
 * Map the header row of C to column indices: COLS lists the known names,
 * IDX receives each name's column or -1.  Returns -1 (with a diagnostic)
 * when the first required column is missing.
 */
static int
csv_columns(struct ra_ctx *ctx, const char *file, const struct ra_csv *c,
    const char *const *cols, int *idx, size_t ncols)
{
	const struct ra_csv_row	*h;
	size_t			 i, j;

	for (i = 0; i < ncols; i++)
		idx[i] = -1;
	if (c->nrow == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file, NULL, 0,
		    0, "no header row (expected a \"%s\" column)", cols[0]);
		return -1;
	}
	h = &c->row[0];
	for (j = 0; j < h->nfield; j++)
		for (i = 0; i < ncols; i++)
			if (idx[i] == -1 && ra_strcaseeq(h->field[j], cols[i]))
				idx[i] = (int)j;
	if (idx[0] == -1) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file, NULL,
		    h->line, 0, "header has no \"%s\" column", cols[0]);
		return -1;
	}
	return 0;
}

static const char *
cell(const struct ra_csv_row *r, int i)
{
	return i >= 0 && (size_t)i < r->nfield ? r->field[i] : "";
}

/* ---- the catalog ----------------------------------------------------- */

/* A slot holds the name's hash in its high half and index + 1 below. */
#define SLOT(h, i)	((uint64_t)(h) << 32 | (uint64_t)((i) + 1))
#define SLOT_INDEX(v)	((size_t)((v) & 0xffffffffu) - 1)
#define SLOT_HASH(v)	((uint32_t)((v) >> 32))

size_t
ra_catalog_find_hash(const struct ra_catalog *cat, const char *s, size_t n,
    uint32_t h)
{
	size_t		 i, mask = cat->nslot - 1;
	uint64_t	 v;

	if (cat->nslot == 0)
		return RA_NOPRIV;
	for (i = h & mask; (v = cat->slot[i]) != 0; i = (i + 1) & mask)
		if (SLOT_HASH(v) == h &&
		    ra_name_eq(cat->v[SLOT_INDEX(v)].name, s, n))
			return SLOT_INDEX(v);
	return RA_NOPRIV;
}

size_t
ra_catalog_find(const struct ra_catalog *cat, const char *s, size_t n)
{
	return ra_catalog_find_hash(cat, s, n, ra_name_hash(s, n));
}

static int
rehash(struct ra_catalog *cat)
{
	size_t		 i, j, nslot = cat->nslot ? cat->nslot * 2 : 1024;
	uint64_t	*slot;
	uint32_t	 h;

	if ((slot = calloc(nslot, sizeof(*slot))) == NULL)
		return -1;
	for (i = 0; i < cat->n; i++) {
		const char	*nm = cat->v[i].name;

		h = ra_name_hash(nm, strlen(nm));
		for (j = h & (nslot - 1); slot[j]; j = (j + 1) & (nslot - 1))
			continue;
		slot[j] = SLOT(h, i);
	}
	free(cat->slot);
	cat->slot = slot;
	cat->nslot = nslot;
	return 0;
}

/* Append D (taking its strings) and index it.  Returns its index. */
static size_t
catalog_add(struct ra_catalog *cat, struct ra_privdef *d)
{
	if (cat->n >= UINT32_MAX - 1 ||
	    ra_grow(&cat->v, &cat->cap, cat->n + 1, sizeof(*cat->v)) == -1)
		return RA_NOPRIV;
	cat->v[cat->n++] = *d;
	if ((cat->n + 1) * 2 > cat->nslot) {
		if (rehash(cat) == -1) {
			cat->n--;
			return RA_NOPRIV;
		}
	} else {
		size_t		 j, mask = cat->nslot - 1;
		uint32_t	 h = ra_name_hash(d->name, strlen(d->name));

		for (j = h & mask; cat->slot[j]; j = (j + 1) & mask)
			continue;
		cat->slot[j] = SLOT(h, cat->n - 1);
	}
	return cat->n - 1;
}

static const struct {
	const char	*verb;
	enum ra_access	 access;
} verbs[] = {
	/* AppendTo before Append: the longer verb wins. */
	{ "AppendTo", RA_ACCESS_APPENDTO },
	{ "Append", RA_ACCESS_APPEND },
	{ "Create", RA_ACCESS_CREATE },
	{ "Read", RA_ACCESS_READ },
	{ "Write", RA_ACCESS_WRITE },
	{ "Delete", RA_ACCESS_DELETE },
	{ "Assign", RA_ACCESS_ASSIGN },
	{ "Share", RA_ACCESS_SHARE },
};

const char *
ra_access_name(enum ra_access a)
{
	static const char	*names[RA_ACCESS__COUNT] = { "", "Create",
	    "Read", "Write", "Delete", "Append", "AppendTo", "Assign",
	    "Share" };

	return (unsigned)a < RA_ACCESS__COUNT ? names[a] : "";
}

static int
access_parse(const char *s, enum ra_access *out)
{
	size_t	 i;

	if (*s == '\0' || ra_strcaseeq(s, "Misc")) {
		*out = RA_ACCESS_NONE;
		return 0;
	}
	for (i = 0; i < RA_ACCESS__COUNT; i++)
		if (ra_strcaseeq(s, ra_access_name((enum ra_access)i))) {
			*out = (enum ra_access)i;
			return 0;
		}
	if (ra_strcaseeq(s, "Append To")) {
		*out = RA_ACCESS_APPENDTO;
		return 0;
	}
	return -1;
}

static int
prefix_caseeq(const char *s, const char *pfx)
{
	for (; *pfx; s++, pfx++)
		if (tolower((unsigned char)*s) != tolower((unsigned char)*pfx))
			return 0;
	return 1;
}

/* System business-process-flow tables (IsBPFEntity in metadata). */
static const char *const system_bpf[] = {
	"opportunitysalesprocess", "leadtoopportunitysalesprocess",
	"phonetocaseprocess", "expiredprocess", "newprocess",
	"translationprocess"
};

/* A solution BPF table: <prefix>_bpf_<32 hex digits>. */
static int
is_bpf(const char *base)
{
	const char	*p;
	size_t		 i;

	for (i = 0; i < sizeof(system_bpf) / sizeof(system_bpf[0]); i++)
		if (ra_strcaseeq(base, system_bpf[i]))
			return 1;
	for (p = base; (p = strchr(p, '_')) != NULL; p++)
		if (prefix_caseeq(p, "_bpf_") && p > base) {
			for (i = 0, p += 5; isxdigit((unsigned char)p[i]); i++)
				continue;
			return i == 32 && p[i] == '\0';
		}
	return 0;
}

/*
 * A publisher-prefixed schema name: letters/digits, '_', then more.  The
 * solution's own CustomizationPrefix is one such prefix, so it needs no
 * rule of its own.
 */
static int
is_prefixed(const char *base)
{
	const char	*p;

	for (p = base; isalnum((unsigned char)*p); p++)
		continue;
	return p > base && *p == '_' && isalnum((unsigned char)p[1]);
}

const char *
ra_priv_base(const char *name, enum ra_access *access)
{
	size_t	 i, n;

	if (!prefix_caseeq(name, "prv"))
		return NULL;
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		n = strlen(verbs[i].verb);
		if (prefix_caseeq(name + 3, verbs[i].verb) &&
		    name[3 + n] != '\0') {
			if (access)
				*access = verbs[i].access;
			return name + 3 + n;
		}
	}
	return NULL;
}

int
ra_classify(const struct ra_catalog *cat, const char *name,
    struct ra_privdef *d)
{
	const char	*base;
	size_t		 i;

	memset(d, 0, sizeof(*d));
	d->tab = RA_TAB_MISSING;
	if ((base = ra_priv_base(name, &d->access)) == NULL) {
		/* Not prv<Verb><Base>: an unlisted miscellaneous privilege. */
		d->section = RA_SECTION_MISC;
		d->entity = ra_strdup("");
		return d->entity ? 0 : -1;
	}
	for (i = 0; i < cat->nbases; i++)
		if (ra_strcaseeq(cat->bases[i].base, base)) {
			d->tab = cat->bases[i].tab;
			d->entity = ra_strdup(cat->bases[i].entity);
			return d->entity ? 0 : -1;
		}
	if (is_bpf(base))
		d->tab = RA_TAB_BPF;
	else if (is_prefixed(base))
		d->tab = RA_TAB_CUSTOM;
	d->entity = ra_strdup(base);
	return d->entity ? 0 : -1;
}

size_t
ra_catalog_intern(struct ra_catalog *cat, const char *s, size_t n)
{
	struct ra_privdef	 d;
	char			*name;
	size_t			 i;

	if ((i = ra_catalog_find(cat, s, n)) != RA_NOPRIV)
		return i;
	if ((name = ra_strndup(s, n)) == NULL)
		return RA_NOPRIV;
	if (ra_classify(cat, name, &d) == -1) {
		free(name);
		return RA_NOPRIV;
	}
	d.name = name;
	if ((i = catalog_add(cat, &d)) == RA_NOPRIV) {
		free(d.name);
		free(d.entity);
	}
	return i;
}

/*
 * Parse a `depths` cell: levels separated by ';' (blanks allowed), each
 * in any spelling ra_level_parse() takes but None.  Empty means unknown
 * (0).  Returns -1 for anything else.
 */
int
ra_depths_parse(const char *s, unsigned *out)
{
	char		 word[64];
	const char	*p, *end;
	size_t		 n;
	unsigned	 m = 0;
	enum ra_level	 l;

	for (p = s; *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		n = (size_t)(end - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0 || n >= sizeof(word))
			return -1;
		memcpy(word, p, n);
		word[n] = '\0';
		if (ra_level_parse(word, &l) != RA_OK || l == RA_LEVEL_NONE)
			return -1;
		m |= RA_DEPTH(l);
	}
	*out = m;
	return 0;
}

/*
 * A privilege id: 32 hex digits, as a GUID with or without hyphens and
 * braces.  Returns the lower-case 8-4-4-4-12 form (the caller frees it),
 * or NULL (with *BAD set) when S is not one, or when memory runs out.
 */
static char *
privilege_id(const char *s, int *bad)
{
	char	 hex[33], *out;
	size_t	 n = 0;

	*bad = 0;
	for (; *s; s++) {
		if (*s == '-' || *s == '{' || *s == '}' || *s == ' ')
			continue;
		if (!isxdigit((unsigned char)*s) || n == 32) {
			*bad = 1;
			return NULL;
		}
		hex[n++] = (char)ra_lower((unsigned char)*s);
	}
	if (n != 32) {
		*bad = 1;
		return NULL;
	}
	hex[32] = '\0';
	if ((out = malloc(37)) == NULL)
		return NULL;
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12,
	    hex + 16, hex + 20);
	return out;
}

/*
 * Add or replace catalog rows from CSV text.  Returns RA_OK or the first
 * error; every bad row is a diagnostic.  A row replacing a known
 * privilege keeps its depths and id when the file has no such column.
 */
static enum ra_err
catalog_load_csv(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len)
{
	static const char *const cols[] = { "privilege", "entity", "tab",
	    "section", "access", "depths", "privilegeid" };
	struct ra_catalog	*cat = &ctx->cat;
	struct ra_csv		 c;
	struct ra_privdef	 d;
	int			 idx[7], bad;
	size_t			 r, i;
	enum ra_err		 rc;

	if ((rc = ra_csv_parse(ctx, file, buf, len, &c)) != RA_OK)
		return rc;
	if (csv_columns(ctx, file, &c, cols, idx, 7) == -1) {
		ra_csv_free(&c);
		return RA_ECSV;
	}
	for (r = 1; r < c.nrow; r++) {
		const struct ra_csv_row	*row = &c.row[r];
		const char		*name = cell(row, idx[0]);
		const char		*id = cell(row, idx[6]);

		memset(&d, 0, sizeof(d));
		if (*name == '\0') {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file,
			    NULL, row->line, 0, "row without a privilege");
			rc = RA_ECSV;
			continue;
		}
		if (ra_tab_parse(cell(row, idx[2]), &d.tab) == -1 ||
		    ra_section_parse(cell(row, idx[3]), &d.section) == -1 ||
		    access_parse(cell(row, idx[4]), &d.access) == -1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_TAB, file, NULL,
			    row->line, 0, "unknown tab, section or access "
			    "right for %s", name);
			rc = RA_ECSV;
			continue;
		}
		if (ra_depths_parse(cell(row, idx[5]), &d.depths) == -1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_ID, file, NULL,
			    row->line, 0, "bad depths \"%s\" for %s (use Basic, "
			    "Local, Deep or Global, separated by ';')",
			    cell(row, idx[5]), name);
			rc = RA_ECSV;
			continue;
		}
		if (*id && (d.id = privilege_id(id, &bad)) == NULL) {
			if (!bad) {
				rc = RA_ENOMEM;
				break;
			}
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_ID, file, NULL,
			    row->line, 0, "bad privilege id \"%s\" for %s "
			    "(expected a GUID)", id, name);
			rc = RA_ECSV;
			continue;
		}
		d.listed = 1;
		if ((d.entity = ra_strdup(cell(row, idx[1]))) == NULL) {
			free(d.id);
			rc = RA_ENOMEM;
			break;
		}
		if ((i = ra_catalog_find(cat, name, strlen(name))) != RA_NOPRIV) {
			d.name = cat->v[i].name;
			if (idx[5] == -1)
				d.depths = cat->v[i].depths;
			if (idx[6] == -1) {
				d.id = cat->v[i].id;
				cat->v[i].id = NULL;
			}
			free(cat->v[i].entity);
			free(cat->v[i].id);
			cat->v[i] = d;
		} else if ((d.name = ra_strdup(name)) == NULL ||
		    catalog_add(cat, &d) == RA_NOPRIV) {
			free(d.name);
			free(d.entity);
			free(d.id);
			rc = RA_ENOMEM;
			break;
		}
	}
	ra_csv_free(&c);
	return rc;
}

static enum ra_err
bases_load_csv(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len)
{
	static const char *const cols[] = { "base", "entity", "tab" };
	struct ra_catalog	*cat = &ctx->cat;
	struct ra_csv		 c;
	struct ra_base		*b;
	int			 idx[3];
	size_t			 r;
	enum ra_err		 rc;

	if ((rc = ra_csv_parse(ctx, file, buf, len, &c)) != RA_OK)
		return rc;
	if (csv_columns(ctx, file, &c, cols, idx, 3) == -1) {
		ra_csv_free(&c);
		return RA_ECSV;
	}
	for (r = 1; r < c.nrow; r++) {
		if (ra_grow(&cat->bases, &cat->capbases, cat->nbases + 1,
		    sizeof(*cat->bases)) == -1) {
			rc = RA_ENOMEM;
			break;
		}
		b = &cat->bases[cat->nbases];
		if (ra_tab_parse(cell(&c.row[r], idx[2]), &b->tab) == -1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_TAB, file, NULL,
			    c.row[r].line, 0, "unknown tab");
			rc = RA_ECSV;
			continue;
		}
		b->base = ra_strdup(cell(&c.row[r], idx[0]));
		b->entity = ra_strdup(cell(&c.row[r], idx[1]));
		if (b->base == NULL || b->entity == NULL) {
			free(b->base);
			free(b->entity);
			rc = RA_ENOMEM;
			break;
		}
		cat->nbases++;
	}
	ra_csv_free(&c);
	return rc;
}

/* ---- escalation rules ----------------------------------------------- */

int
ra_escalation_init(struct ra_ctx *ctx)
{
	static const char *const cols[] = { "kind", "match", "reason" };
	static const char *const kinds[] = { "privilege", "base", "section",
	    "depth" };
	const char	*file = ra_data_escalation.name;
	struct ra_csv	 c;
	struct ra_esc	 e;
	int		 idx[3], rc = 0;
	size_t		 r, k;

	if (ra_csv_parse(ctx, file, (const char *)ra_data_escalation.data,
	    ra_data_escalation.len, &c) != RA_OK)
		return -1;
	if (csv_columns(ctx, file, &c, cols, idx, 3) == -1) {
		ra_csv_free(&c);
		return -1;
	}
	for (r = 1; r < c.nrow && rc == 0; r++) {
		memset(&e, 0, sizeof(e));
		for (k = 0; k < 4; k++)
			if (ra_strcaseeq(cell(&c.row[r], idx[0]), kinds[k]))
				break;
		e.kind = (enum ra_esc_kind)k;
		if (k == 4 || (e.kind == RA_ESC_DEPTH &&
		    ra_level_parse(cell(&c.row[r], idx[1]), &e.level) !=
		    RA_OK) || (e.kind == RA_ESC_SECTION &&
		    ra_section_parse(cell(&c.row[r], idx[1]), &e.section) ==
		    -1)) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL,
			    c.row[r].line, 0, "bad escalation rule");
			rc = -1;
			break;
		}
		if (ra_grow(&ctx->esc, &ctx->capesc, ctx->nesc + 1,
		    sizeof(*ctx->esc)) == -1 ||
		    (e.match = ra_strdup(cell(&c.row[r], idx[1]))) == NULL ||
		    (e.reason = ra_strdup(cell(&c.row[r], idx[2]))) == NULL) {
			free(e.match);
			rc = -1;
			break;
		}
		ctx->esc[ctx->nesc++] = e;
	}
	ra_csv_free(&c);
	return rc;
}

int
ra_escalation(const struct ra_ctx *ctx, size_t priv, enum ra_level old,
    enum ra_level new, struct ra_buf *b)
{
	const struct ra_privdef	*d = &ctx->cat.v[priv];
	const char		*base = ra_priv_base(d->name, NULL);
	size_t			 i, n = 0;
	int			 kind, hit;

	if (new <= old)
		return 0;
	for (kind = RA_ESC_PRIVILEGE; kind <= RA_ESC_DEPTH; kind++)
		for (i = 0; i < ctx->nesc; i++) {
			const struct ra_esc	*e = &ctx->esc[i];

			if ((int)e->kind != kind)
				continue;
			switch (e->kind) {
			case RA_ESC_PRIVILEGE:
				hit = ra_strcaseeq(d->name, e->match);
				break;
			case RA_ESC_BASE:
				hit = base && ra_strcaseeq(base, e->match);
				break;
			case RA_ESC_SECTION:
				hit = d->section == e->section;
				break;
			default:
				/* Raised to or within the level: Deep to
				 * Global grants more too. */
				hit = new >= e->level;
				break;
			}
			if (!hit)
				continue;
			ra_buf_adds(b, n++ ? "; " : "");
			ra_buf_adds(b, e->reason);
		}
	return n > 0;
}

int
ra_catalog_init(struct ra_ctx *ctx)
{
	if (catalog_load_csv(ctx, ra_data_catalog.name,
	    (const char *)ra_data_catalog.data, ra_data_catalog.len) != RA_OK)
		return -1;
	if (bases_load_csv(ctx, ra_data_bases.name,
	    (const char *)ra_data_bases.data, ra_data_bases.len) != RA_OK)
		return -1;
	return 0;
}

/* STR copied into *DST; NULL stays NULL.  0 or -1. */
static int
dup_or_null(char **dst, const char *str)
{
	*dst = str ? ra_strdup(str) : NULL;
	return str && *dst == NULL ? -1 : 0;
}

int
ra_catalog_copy(struct ra_ctx *dst, const struct ra_ctx *src)
{
	const struct ra_catalog	*c = &src->cat;
	struct ra_catalog	*d = &dst->cat;
	size_t			 i;

	memset(d, 0, sizeof(*d));
	if ((d->v = calloc(c->cap ? c->cap : 1, sizeof(*d->v))) == NULL ||
	    (d->slot = calloc(c->nslot ? c->nslot : 1, sizeof(*d->slot))) ==
	    NULL ||
	    (d->bases = calloc(c->capbases ? c->capbases : 1,
	    sizeof(*d->bases))) == NULL)
		return -1;
	d->cap = c->cap;
	d->capbases = c->capbases;
	d->nslot = c->nslot;
	memcpy(d->slot, c->slot, c->nslot * sizeof(*d->slot));
	for (; d->n < c->n; d->n++) {
		d->v[d->n] = c->v[d->n];
		if (dup_or_null(&d->v[d->n].name, c->v[d->n].name) == -1 ||
		    dup_or_null(&d->v[d->n].entity, c->v[d->n].entity) == -1 ||
		    dup_or_null(&d->v[d->n].id, c->v[d->n].id) == -1) {
			/* Free what this entry got; the rest is counted. */
			free(d->v[d->n].name);
			free(d->v[d->n].entity);
			return -1;
		}
	}
	for (; d->nbases < c->nbases; d->nbases++) {
		d->bases[d->nbases] = c->bases[d->nbases];
		if (dup_or_null(&d->bases[d->nbases].base,
		    c->bases[d->nbases].base) == -1 ||
		    dup_or_null(&d->bases[d->nbases].entity,
		    c->bases[d->nbases].entity) == -1) {
			free(d->bases[d->nbases].base);
			return -1;
		}
	}
	if (src->nesc && (dst->esc = calloc(src->nesc, sizeof(*dst->esc))) ==
	    NULL)
		return -1;
	dst->capesc = src->nesc;
	for (i = 0; i < src->nesc; i++) {
		dst->esc[i] = src->esc[i];
		if (dup_or_null(&dst->esc[i].match, src->esc[i].match) == -1 ||
		    dup_or_null(&dst->esc[i].reason, src->esc[i].reason) ==
		    -1) {
			free(dst->esc[i].match);
			return -1;
		}
		dst->nesc++;
	}
	return 0;
}

void
ra_catalog_free(struct ra_catalog *cat)
{
	size_t	 i;

	for (i = 0; i < cat->n; i++) {
		free(cat->v[i].name);
		free(cat->v[i].entity);
		free(cat->v[i].id);
	}
	for (i = 0; i < cat->nbases; i++) {
		free(cat->bases[i].base);
		free(cat->bases[i].entity);
	}
	free(cat->v);
	free(cat->slot);
	free(cat->bases);
	memset(cat, 0, sizeof(*cat));
}

enum ra_err
ra_catalog_load_buffer(struct ra_ctx *ctx, const char *name, const char *buf,
    size_t len)
{
	return catalog_load_csv(ctx, name, buf, len);
}

RA_EXPORT enum ra_err
ra_ctx_load_catalog(struct ra_ctx *ctx, const char *path)
{
	char		*buf;
	size_t		 len;
	enum ra_err	 rc;

	if ((rc = ra_read_file(ctx, path, &buf, &len)) != RA_OK)
		return rc;
	rc = catalog_load_csv(ctx, path, buf, len);
	free(buf);
	return rc;
}

/* ---- profiles -------------------------------------------------------- */

/*
 * The default profile comes first, then the others in the order of their
 * file names: `profiles` and `diff` list them so.
 */
RA_EXPORT const char *
ra_profile_builtin(size_t i)
{
	size_t	 n, k = 1;

	if (i == 0)
		return RA_PROFILE_DEFAULT;
	for (n = 0; ra_data_profiles[n].name; n++) {
		if (strcmp(ra_data_profiles[n].name, RA_PROFILE_DEFAULT) == 0)
			continue;
		if (k++ == i)
			return ra_data_profiles[n].name;
	}
	return NULL;
}

/*
 * The text after "# KEY" (KEY ends in ':') on the first comment line of
 * BUF that has it, trimmed; "" when there is none, NULL when memory runs
 * out.
 */
static char *
profile_comment(const char *buf, size_t len, const char *key)
{
	const char	*p = buf, *end = buf + len, *nl;
	size_t		 n, klen = strlen(key);

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (*p == '#') {
			const char	*q = p + 1;

			while (q < nl && *q == ' ')
				q++;
			if ((size_t)(nl - q) >= klen && prefix_caseeq(q, key)) {
				q += klen;
				while (q < nl && *q == ' ')
					q++;
				n = (size_t)(nl - q);
				while (n && (q[n - 1] == '\r' || q[n - 1] == ' '))
					n--;
				return ra_strndup(q, n);
			}
		}
		if (nl == end)
			break;
	}
	return ra_strdup("");
}

void
ra_profile_free(struct ra_profile *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->req[i].entity);
	free(p->req);
	free(p->name);
	free(p->source);
	free(p->version);
	free(p);
}

static enum ra_err
profile_parse(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len, struct ra_profile *p)
{
	static const char *const cols[] = { "privilege", "entity", "tab",
	    "section", "min_level", "level" };
	struct ra_csv		 c;
	struct ra_req		*q;
	int			 idx[6];
	size_t			 r, i, priv;
	enum ra_err		 rc;
	enum ra_level		 lvl;

	if ((rc = ra_csv_parse(ctx, file, buf, len, &c)) != RA_OK)
		return rc;
	if (csv_columns(ctx, file, &c, cols, idx, 6) == -1) {
		ra_csv_free(&c);
		return RA_ECSV;
	}
	if (idx[4] == -1)
		idx[4] = idx[5];
	for (r = 1; r < c.nrow && rc != RA_ENOMEM; r++) {
		const struct ra_csv_row	*row = &c.row[r];
		const char		*name = cell(row, idx[0]);
		const char		*tab = cell(row, idx[2]);
		const char		*lv = cell(row, idx[4]);
		struct ra_req		 nq;

		memset(&nq, 0, sizeof(nq));
		if (strlen(name) > ctx->limit[RA_LIMIT_NAME_LENGTH]) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_TOOLONG, file, NULL,
			    row->line, 0, "privilege name over %llu bytes",
			    (unsigned long long)
			    ctx->limit[RA_LIMIT_NAME_LENGTH]);
			rc = RA_ECSV;
			continue;
		}
		if (*name == '\0' || !prefix_caseeq(name, "prv")) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file,
			    NULL, row->line, 0, *name ? "not a privilege name "
			    "(must start with \"prv\")" : "row without a "
			    "privilege");
			rc = RA_ECSV;
			continue;
		}
		lvl = RA_LEVEL_BASIC;
		if (*lv && (ra_level_parse(lv, &lvl) != RA_OK ||
		    lvl == RA_LEVEL_NONE)) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_LEVEL, file,
			    NULL, row->line, 0, "unknown level \"%s\" (use "
			    "Basic, Local, Deep or Global)", lv);
			rc = RA_ECSV;
			continue;
		}
		if (*tab) {
			nq.has_tab = 1;
			if (ra_tab_parse(tab, &nq.tab) == -1 ||
			    ra_section_parse(cell(row, idx[3]),
			    &nq.section) == -1) {
				ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_TAB,
				    file, NULL, row->line, 0, "unknown tab or "
				    "section \"%s\"", tab);
				rc = RA_ECSV;
				continue;
			}
		}
		priv = ra_catalog_intern(&ctx->cat, name, strlen(name));
		if (priv == RA_NOPRIV) {
			rc = RA_ENOMEM;
			break;
		}
		for (i = 0; i < p->n; i++)
			if (p->req[i].priv == priv)
				break;
		if (i < p->n) {
			/* Listed twice: the higher level wins. */
			if (lvl > p->req[i].min)
				p->req[i].min = lvl;
			continue;
		}
		if (*cell(row, idx[1]) &&
		    (nq.entity = ra_strdup(cell(row, idx[1]))) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (ra_grow(&p->req, &p->cap, p->n + 1, sizeof(*p->req)) == -1) {
			free(nq.entity);
			rc = RA_ENOMEM;
			break;
		}
		nq.priv = priv;
		nq.min = lvl;
		q = &p->req[p->n++];
		*q = nq;
	}
	if (rc == RA_OK && p->n == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file, NULL, 0,
		    0, "profile lists no privileges");
		rc = RA_ECSV;
	}
	ra_csv_free(&c);
	return rc;
}

/* Base name of PATH without a ".csv" suffix. */
static char *
profile_name_of(const char *path)
{
	const char	*b = strrchr(path, '/');
	size_t		 n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && ra_strcaseeq(b + n - 4, ".csv"))
		n -= 4;
	return ra_strndup(b, n);
}

enum ra_err
ra_profile_load_buffer(struct ra_ctx *ctx, const char *name,
    const char *file, const char *buf, size_t len, struct ra_profile **out)
{
	struct ra_profile	*p;
	struct ra_sha256	 sha;
	enum ra_err		 rc;

	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->name = ra_strdup(name)) == NULL ||
	    (p->source = profile_comment(buf, len, "source:")) == NULL ||
	    (p->version = profile_comment(buf, len, "version:")) == NULL) {
		ra_profile_free(p);
		return RA_ENOMEM;
	}
	ra_sha256_init(&sha);
	ra_sha256_update(&sha, buf, len);
	ra_sha256_hex(&sha, p->sha256);
	if ((rc = profile_parse(ctx, file, buf, len, p)) != RA_OK) {
		ra_profile_free(p);
		return rc;
	}
	*out = p;
	return RA_OK;
}

RA_EXPORT enum ra_err
ra_profile_load(struct ra_ctx *ctx, const char *what, struct ra_profile **out)
{
	char		*file = NULL, *name;
	size_t		 i, len = 0;
	enum ra_err	 rc;

	for (i = 0; ra_data_profiles[i].name; i++)
		if (strcmp(ra_data_profiles[i].name, what) == 0)
			return ra_profile_load_buffer(ctx, what, what,
			    (const char *)ra_data_profiles[i].data,
			    ra_data_profiles[i].len, out);
	if (strchr(what, '/') == NULL && strchr(what, '.') == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_PROFILE, NULL, NULL, 0, 0,
		    "no built-in profile \"%s\" (see `roleaudit profiles`)",
		    what);
		return RA_EINVAL;
	}
	if ((rc = ra_read_file(ctx, what, &file, &len)) != RA_OK)
		return rc;
	if ((name = profile_name_of(what)) == NULL)
		rc = RA_ENOMEM;
	else
		rc = ra_profile_load_buffer(ctx, name, what, file, len, out);
	free(name);
	free(file);
	return rc;
}

RA_EXPORT const char *
ra_profile_name(const struct ra_profile *p)
{
	return p->name;
}

RA_EXPORT const char *
ra_profile_source(const struct ra_profile *p)
{
	return p->source;
}

RA_EXPORT size_t
ra_profile_size(const struct ra_profile *p)
{
	return p->n;
}

RA_EXPORT const char *
ra_profile_version(const struct ra_profile *p)
{
	return p->version;
}

RA_EXPORT const char *
ra_profile_sha256(const struct ra_profile *p)
{
	return p->sha256;
}
