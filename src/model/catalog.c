/*
 * catalog.c - the privilege catalog: every privilege name the program
 * meets gets a dense index here, so a role's privileges fit in a bitmap
 * (bitmap.c) and profiles are bitmaps of the same width.  Names the
 * catalog CSV does not list are classified by the documented naming rules
 * (publisher prefix, BPF tables, privilege bases).
 */
#include <ctype.h>

#include <errno.h>

#include <stdio.h>

#include <stdlib.h>

#include <string.h>

#include <csv.h>

#include "model/model.h"

/* ---- CSV ------------------------------------------------------------- */

/* ---- the catalog ----------------------------------------------------- */

/*
 * A slot is four bytes: the top TAG_BITS of the name's hash, then index
 * + 1 (0: empty).  The tag spares most probes a look at a name that is
 * not the one sought; four bytes instead of eight keep the slots of a
 * large input's catalog (hundreds of thousands of names) small.
 */
#define TAG_BITS	6
#define INDEX_BITS	(32 - TAG_BITS)
#define SLOT_TAG(h)	((uint32_t)(h) >> INDEX_BITS)
#define SLOT(h, i)	(SLOT_TAG(h) << INDEX_BITS | (uint32_t)((i) + 1))
#define SLOT_INDEX(v)	((size_t)((v) & ((1u << INDEX_BITS) - 1)) - 1)
#define SLOT_HASH(v)	((uint32_t)(v) >> INDEX_BITS)

size_t
ra_catalog_find_hash(const struct ra_catalog *cat, const char *s, size_t n,
    uint32_t h)
{
	size_t		 i, mask = cat->nslot - 1;
	uint32_t	 v;

	if (cat->nslot == 0)
		return RA_NOPRIV;
	for (i = h & mask; (v = cat->slot[i]) != 0; i = (i + 1) & mask) {
		const char	*nm;

		if (SLOT_HASH(v) != SLOT_TAG(h))
			continue;
		nm = cat->v[SLOT_INDEX(v)].name;
		/* The same spelling is the rule: compare bytes first. */
		if ((strncmp(nm, s, n) == 0 && nm[n] == '\0') ||
		    ra_name_eq(nm, s, n))
			return SLOT_INDEX(v);
	}
	return RA_NOPRIV;
}

size_t
ra_catalog_find(const struct ra_catalog *cat, const char *s, size_t n)
{
	return ra_catalog_find_hash(cat, s, n, ra_name_hash(s, n));
}

/* Index the catalog anew in NSLOT slots. */
static int
rehash_to(struct ra_catalog *cat, size_t nslot)
{
	size_t		 i, j;
	uint32_t	*slot, h;

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

/* Slots are at most three quarters full: a large catalog's are many. */
#define CROWDED(n, nslot)	(((n) + 1) * 4 > (nslot) * 3)

static int
rehash(struct ra_catalog *cat)
{
	return rehash_to(cat, cat->nslot ? cat->nslot * 2 : 1024);
}

/* The entries stay at a name pointer and eight bytes (see model.h). */
_Static_assert(sizeof(struct ra_pent) == sizeof(char *) + 8,
    "a catalog entry grew");

/* Append E (taking its name) and index it.  Returns its index. */
static size_t
catalog_add(struct ra_catalog *cat, const struct ra_pent *e)
{
	/* Indices must fit a slot: 67,108,862 privileges. */
	if (cat->n + 1 >= ((size_t)1 << INDEX_BITS) - 1 ||
	    ra_grow(&cat->v, &cat->cap, cat->n + 1, sizeof(*cat->v)) == -1)
		return RA_NOPRIV;
	cat->v[cat->n++] = *e;
	if (CROWDED(cat->n, cat->nslot)) {
		if (rehash(cat) == -1) {
			cat->n--;
			return RA_NOPRIV;
		}
	} else {
		size_t		 j, mask = cat->nslot - 1;
		uint32_t	 h = ra_name_hash(e->name, strlen(e->name));

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
		if (ra_prefix_caseeq(p, "_bpf_") && p > base) {
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
int
ra_name_prefixed(const char *base)
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

	if (!ra_prefix_caseeq(name, "prv"))
		return NULL;
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		n = strlen(verbs[i].verb);
		if (ra_prefix_caseeq(name + 3, verbs[i].verb) &&
		    name[3 + n] != '\0') {
			if (access)
				*access = verbs[i].access;
			return name + 3 + n;
		}
	}
	return NULL;
}

/* Names ignoring ASCII case, for the bases; no tie-break on case. */
static int
base_name_cmp(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;

	for (; *p && ra_lower(*p) == ra_lower(*q); p++, q++)
		continue;
	return ra_lower(*p) - ra_lower(*q);
}

/* Bases in that order: bases_load_csv() sorts them so. */
static int
base_cmp(const void *a, const void *b)
{
	return base_name_cmp(((const struct ra_base *)a)->base,
	    ((const struct ra_base *)b)->base);
}

/* A base name (the key) against a base, for bsearch(). */
static int
base_find(const void *key, const void *b)
{
	return base_name_cmp(key, ((const struct ra_base *)b)->base);
}

void
ra_classify(const struct ra_catalog *cat, const char *name,
    struct ra_privdef *d)
{
	static char		 none[] = "";
	const struct ra_base	*b;
	const char		*base;

	memset(d, 0, sizeof(*d));
	d->tab = RA_TAB_MISSING;
	if ((base = ra_priv_base(name, &d->access)) == NULL) {
		/* Not prv<Verb><Base>: an unlisted miscellaneous privilege. */
		d->section = RA_SECTION_MISC;
		d->entity = none;
		return;
	}
	if (cat->nbases > 0 && (b = bsearch(base, cat->bases, cat->nbases,
	    sizeof(*cat->bases), base_find)) != NULL) {
		d->tab = b->tab;
		d->entity = b->entity;
		return;
	}
	if (is_bpf(base))
		d->tab = RA_TAB_BPF;
	else if (ra_name_prefixed(base))
		d->tab = RA_TAB_CUSTOM;
	/* The base is the end of the name. */
	d->entity = (char *)(uintptr_t)base;
}

/* Add NAME, already in the arena, as a classified privilege. */
static size_t
add_interned(struct ra_catalog *cat, char *name)
{
	struct ra_privdef	 d;
	struct ra_pent		 e;

	ra_classify(cat, name, &d);
	memset(&e, 0, sizeof(e));
	e.name = name;
	e.tab = (unsigned char)d.tab;
	e.section = (unsigned char)d.section;
	e.access = (unsigned char)d.access;
	e.name_in_arena = 1;
	return catalog_add(cat, &e);
}

void
ra_catalog_def(const struct ra_catalog *cat, size_t i, struct ra_privdef *d)
{
	const struct ra_pent	*e = &cat->v[i];
	const struct ra_prow	*r;

	if (e->row == 0)
		/* Interned: the name says it all, the entity too. */
		ra_classify(cat, e->name, d);
	else {
		r = &cat->row[e->row - 1];
		memset(d, 0, sizeof(*d));
		d->entity = r->entity;
		d->id = r->id;
		d->depths = r->depths;
	}
	d->name = e->name;
	d->tab = (enum ra_tab)e->tab;
	d->section = (enum ra_section)e->section;
	d->access = (enum ra_access)e->access;
	d->listed = e->row != 0;
}

size_t
ra_catalog_intern_hash(struct ra_catalog *cat, const char *s, size_t n,
    uint32_t h)
{
	char	*name;
	size_t	 i;

	if ((i = ra_catalog_find_hash(cat, s, n, h)) != RA_NOPRIV)
		return i;
	/* On failure the copy stays in the arena until the catalog goes. */
	if ((name = ra_arena_strndup(&cat->arena, s, n)) == NULL)
		return RA_NOPRIV;
	return add_interned(cat, name);
}

size_t
ra_catalog_intern(struct ra_catalog *cat, const char *s, size_t n)
{
	return ra_catalog_intern_hash(cat, s, n, ra_name_hash(s, n));
}

void
ra_catalog_prefetch(const struct ra_catalog *cat, uint32_t h, int stage)
{
	const uint32_t	*slot;
	uint32_t	 v;

	if (cat->nslot == 0)
		return;
	slot = &cat->slot[h & (cat->nslot - 1)];
	if (stage == 0)
		__builtin_prefetch(slot);
	else if ((v = *slot) != 0 && stage == 1)
		__builtin_prefetch(&cat->v[SLOT_INDEX(v)]);
	else if (v != 0)
		__builtin_prefetch(cat->v[SLOT_INDEX(v)].name);
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
 * Make NAME a listed privilege with D's tab, section, access and row
 * data (taking D's entity and id, freed on failure too): a new entry, or
 * the one NAME already has, whose depths and id stay unless the file
 * said them (HAS_DEPTHS, HAS_ID).  0, or -1 when memory runs out.
 */
static int
list(struct ra_catalog *cat, const char *name, struct ra_privdef *d,
    int has_depths, int has_id)
{
	struct ra_pent	 e;
	struct ra_prow	*r;
	size_t		 i;

	if ((i = ra_catalog_find(cat, name, strlen(name))) == RA_NOPRIV) {
		memset(&e, 0, sizeof(e));
		if ((e.name = ra_strdup(name)) == NULL ||
		    (i = catalog_add(cat, &e)) == RA_NOPRIV) {
			free(e.name);
			goto fail;
		}
	}
	if (cat->v[i].row == 0) {
		if (cat->nrow >= UINT32_MAX - 1 || ra_grow(&cat->row,
		    &cat->caprow, cat->nrow + 1, sizeof(*cat->row)) == -1)
			goto fail;
		memset(&cat->row[cat->nrow], 0, sizeof(*cat->row));
		cat->v[i].row = (uint32_t)++cat->nrow;
	}
	r = &cat->row[cat->v[i].row - 1];
	free(r->entity);
	r->entity = d->entity;
	if (has_depths)
		r->depths = d->depths;
	if (has_id) {
		free(r->id);
		r->id = d->id;
	} else
		free(d->id);
	cat->v[i].tab = (unsigned char)d->tab;
	cat->v[i].section = (unsigned char)d->section;
	cat->v[i].access = (unsigned char)d->access;
	return 0;
fail:
	free(d->entity);
	free(d->id);
	return -1;
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
	size_t			 r;
	enum ra_err		 rc;

	if ((rc = ra_csv_parse(ctx, file, buf, len, &c)) != RA_OK)
		return rc;
	if (ra_csv_columns(ctx, file, &c, cols, idx, 7) == -1) {
		ra_csv_free(&c);
		return RA_ECSV;
	}
	for (r = 1; r < c.nrow; r++) {
		const struct ra_csv_row	*row = &c.row[r];
		const char		*name = ra_csv_cell(row, idx[0]);
		const char		*id = ra_csv_cell(row, idx[6]);

		memset(&d, 0, sizeof(d));
		if (ra_csv_name_ok(ctx, file, row->line, name) == -1) {
			rc = RA_ELIMIT;
			break;
		}
		if (*name == '\0') {
			ra_csv_row_diag(ctx, &c, file, RA_C_CSV_NOPRIV,
			    row->line, "row without a privilege");
			rc = RA_ECSV;
			continue;
		}
		if (ra_tab_parse(ra_csv_cell(row, idx[2]), &d.tab) == -1 ||
		    ra_section_parse(ra_csv_cell(row, idx[3]), &d.section) == -1 ||
		    ra_access_parse(ra_csv_cell(row, idx[4]), &d.access) == -1) {
			ra_csv_row_diag(ctx, &c, file, RA_C_CSV_TAB,
			    row->line, "unknown tab, section or access right "
			    "for %s", name);
			rc = RA_ECSV;
			continue;
		}
		if (ra_depths_parse(ra_csv_cell(row, idx[5]), &d.depths) == -1) {
			ra_csv_row_diag(ctx, &c, file, RA_C_CSV_ID,
			    row->line, "bad depths \"%s\" for %s (use "
			    "Basic, Local, Deep or Global, separated by ';')",
			    ra_csv_cell(row, idx[5]), name);
			rc = RA_ECSV;
			continue;
		}
		if (*id && (d.id = privilege_id(id, &bad)) == NULL) {
			if (!bad) {
				rc = RA_ENOMEM;
				break;
			}
			ra_csv_row_diag(ctx, &c, file, RA_C_CSV_ID,
			    row->line, "bad privilege id \"%s\" for %s "
			    "(expected a GUID)", id, name);
			rc = RA_ECSV;
			continue;
		}
		if ((d.entity = ra_strdup(ra_csv_cell(row, idx[1]))) == NULL) {
			free(d.id);
			rc = RA_ENOMEM;
			break;
		}
		if (list(cat, name, &d, idx[5] != -1, idx[6] != -1) == -1) {
			rc = RA_ENOMEM;
			break;
		}
	}
	ra_csv_diag_rest(ctx, &c, file);
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
	if (ra_csv_columns(ctx, file, &c, cols, idx, 3) == -1) {
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
		if (ra_tab_parse(ra_csv_cell(&c.row[r], idx[2]), &b->tab) == -1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_TAB, file, NULL,
			    c.row[r].line, 0, "unknown tab");
			rc = RA_ECSV;
			continue;
		}
		b->base = ra_strdup(ra_csv_cell(&c.row[r], idx[0]));
		b->entity = ra_strdup(ra_csv_cell(&c.row[r], idx[1]));
		if (b->base == NULL || b->entity == NULL) {
			free(b->base);
			free(b->entity);
			rc = RA_ENOMEM;
			break;
		}
		cat->nbases++;
	}
	ra_csv_free(&c);
	/* ra_classify() looks a base up by bisection. */
	if (cat->nbases > 1)
		qsort(cat->bases, cat->nbases, sizeof(*cat->bases), base_cmp);
	return rc;
}

/* ---- escalation rules ----------------------------------------------- */

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
	    (d->row = calloc(c->caprow ? c->caprow : 1, sizeof(*d->row))) ==
	    NULL ||
	    (d->bases = calloc(c->capbases ? c->capbases : 1,
	    sizeof(*d->bases))) == NULL)
		return -1;
	d->cap = c->cap;
	d->caprow = c->caprow;
	d->capbases = c->capbases;
	d->nslot = c->nslot;
	memcpy(d->slot, c->slot, c->nslot * sizeof(*d->slot));
	for (; d->n < c->n; d->n++) {
		d->v[d->n] = c->v[d->n];
		d->v[d->n].name_in_arena = 0;
		if (dup_or_null(&d->v[d->n].name, c->v[d->n].name) == -1)
			return -1;
	}
	for (; d->nrow < c->nrow; d->nrow++)
		if (dup_or_null(&d->row[d->nrow].entity,
		    c->row[d->nrow].entity) == -1 ||
		    dup_or_null(&d->row[d->nrow].id, c->row[d->nrow].id) ==
		    -1) {
			/* Free what this row got; the rest is counted. */
			free(d->row[d->nrow].entity);
			return -1;
		} else
			d->row[d->nrow].depths = c->row[d->nrow].depths;
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

int
ra_priv_order_cmp(enum ra_tab ta, const char *a, enum ra_tab tb,
    const char *b)
{
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return ra_namecmp(a, b);
}

void
ra_catalog_free(struct ra_catalog *cat)
{
	size_t	 i;

	for (i = 0; i < cat->n; i++)
		if (!cat->v[i].name_in_arena)
			free(cat->v[i].name);
	for (i = 0; i < cat->nrow; i++) {
		free(cat->row[i].entity);
		free(cat->row[i].id);
	}
	free(cat->row);
	ra_arena_free(&cat->arena);
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
