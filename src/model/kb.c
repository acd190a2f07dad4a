/*
 * kb.c - the knowledge base besides the catalog: the source ids of the
 * catalog's rows (schema/privileges.csv, privilege_bases.csv), every
 * privilege's depths (depths.csv: stated, from the table's ownership, the
 * privacy rule, widened by what real exports hold), the depths real
 * exports hold (observed_depths.csv), the tables' facts (tables.csv) and
 * the conflicts between sources (conflicts.csv).  All of it is derived
 * from ../shared by tools/derive-*.py and compiled in (tools/embed.sh);
 * schema/README.md describes the files and the source ids.
 *
 * Parsed once a process into sorted arrays that point into the parsed
 * files, and shared read-only by every context: nothing here changes
 * after ra_kb_init().
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static struct ra_kb	 kb_data;
static const struct ra_kb *kb_ready;
static pthread_once_t	 kb_once = PTHREAD_ONCE_INIT;
static struct ra_ctx	*kb_ctx;	/* for diagnostics while building */

enum { F_PRIV, F_DEPTHS, F_OBSERVED, F_BASES, F_TABLES, F_CONFLICTS };

const char *
ra_prov_name(enum ra_prov p)
{
	static const char *const names[] = { "source", "solution", "rule",
	    "unplaced" };

	return (unsigned)p <= RA_PROV_UNPLACED ? names[p] : "unplaced";
}

enum ra_prov
ra_prov_of(const char *ids)
{
	const char	*p, *end;
	int		 rules = 0, others = 0;

	if (ids == NULL || *ids == '\0' || strcmp(ids, "unplaced") == 0)
		return RA_PROV_UNPLACED;
	for (p = ids; *p; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		if (end - p >= 5 && memcmp(p, "rule:", 5) == 0)
			rules++;
		else if (end > p)
			others++;
	}
	return others ? RA_PROV_SOURCE : rules ? RA_PROV_RULE :
	    RA_PROV_UNPLACED;
}

const char *
ra_owner_name(enum ra_owner o)
{
	static const char *const names[] = { "", "UserOwned",
	    "OrganizationOwned", "BusinessOwned", "None" };

	return (unsigned)o <= RA_OWNER_NONE ? names[o] : "";
}

int
ra_owner_parse(const char *s, size_t n, enum ra_owner *out)
{
	static const struct {
		const char	*name;
		enum ra_owner	 owner;
	} t[] = {
		{ "userowned", RA_OWNER_USER },
		{ "teamowned", RA_OWNER_USER },
		{ "orgowned", RA_OWNER_ORG },
		{ "organizationowned", RA_OWNER_ORG },
		{ "businessowned", RA_OWNER_BUSINESS },
		{ "businessparented", RA_OWNER_BUSINESS },
		{ "none", RA_OWNER_NONE },
	};
	const char	*bar;
	size_t		 i;

	if ((bar = memchr(s, '|', n)) != NULL)
		n = (size_t)(bar - s);
	s = ra_trim(s, &n);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (n == strlen(t[i].name) && ra_name_eq(t[i].name, s, n)) {
			*out = t[i].owner;
			return 0;
		}
	return -1;
}

unsigned
ra_owner_depths(enum ra_owner o, enum ra_access acc)
{
	if (acc == RA_ACCESS_NONE)
		return 0;
	switch (o) {
	case RA_OWNER_USER:
		return RA_DEPTHS_ALL;
	case RA_OWNER_ORG:
		return RA_DEPTH(RA_LEVEL_GLOBAL);
	default:
		return 0;
	}
}

/* A row of one of the files, while the privileges are gathered. */
struct prow {
	const char		*name;
	int			 file;
	const struct ra_csv_row	*row;
};

static int
prow_cmp(const void *a, const void *b)
{
	const struct prow	*x = a, *y = b;
	int			 c;

	/* Names equal but for case stay together (ra_namecmp()). */
	if ((c = ra_namecmp(x->name, y->name)) != 0)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/*
 * The embedded files are the derive scripts' output, mostly without a
 * quote or a CR: those are split here, a line and a comma at a time into
 * a copy of the text, as ra_csv_parse() would make them (comments and
 * empty lines dropped); libcsv, a byte and a call at a time, took most
 * of a process's start-up for observed_depths.csv alone.  1 when B has a
 * quote or a CR (ra_csv_parse() reads it), 0, -1 when memory runs out.
 */
static int
split(const struct ra_blob *b, struct ra_csv *out)
{
	const char	*s = (const char *)b->data;
	size_t		 len = b->len, ncell = 0, capcell = 0, r, k;
	unsigned long	 line;
	char		*end, *p, *e, *q;

	memset(out, 0, sizeof(*out));
	if (memchr(s, '"', len) != NULL || memchr(s, '\r', len) != NULL)
		return 1;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if ((out->text = malloc(len + 1)) == NULL)
		return -1;
	memcpy(out->text, s, len);
	out->text[len] = '\0';
	end = out->text + len;
	for (p = out->text, line = 1; p < end; p = e + 1, line++) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		*e = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		if (ra_grow(&out->row, &out->cap, out->nrow + 1,
		    sizeof(*out->row)) == -1)
			goto oom;
		out->row[out->nrow].line = line;
		out->row[out->nrow].nfield = 0;
		for (;;) {
			if (ra_grow(&out->cells, &capcell, ncell + 1,
			    sizeof(*out->cells)) == -1)
				goto oom;
			out->cells[ncell++] = p;
			out->row[out->nrow].nfield++;
			if ((q = strchr(p, ',')) == NULL)
				break;
			*q = '\0';
			p = q + 1;
		}
		out->nrow++;
	}
	/* The cells have stopped moving: point each row at its own. */
	for (r = 0, k = 0; r < out->nrow; k += out->row[r++].nfield)
		out->row[r].field = out->cells + k;
	return 0;
oom:
	ra_csv_free(out);
	return -1;
}

/* Parse embedded file B as csv[F]; map its columns.  0 or -1. */
static int
parse(struct ra_kb *kb, int f, const struct ra_blob *b,
    const char *const *cols, int *idx, size_t ncols)
{
	size_t	 i;
	int	 rc;

	if ((rc = split(b, &kb->csv[f])) == -1)
		return -1;
	if ((rc == 1 && ra_csv_parse(kb_ctx, b->name, (const char *)b->data,
	    b->len, &kb->csv[f]) != RA_OK) ||
	    ra_csv_columns(kb_ctx, b->name, &kb->csv[f], cols, idx,
	    ncols) == -1)
		return -1;
	for (i = 0; i < ncols; i++)
		if (idx[i] == -1) {
			ra_diag_add(kb_ctx, RA_SEV_ERROR, RA_C_CSV_HEADER,
			    b->name, NULL, 1, 0, "no column %s", cols[i]);
			return -1;
		}
	return 0;
}

/* A bad cell of an embedded file: a bug of the derive scripts. */
static int
bad(const struct ra_blob *b, const struct ra_csv_row *r, const char *what)
{
	ra_diag_add(kb_ctx, RA_SEV_ERROR, RA_C_CSV, b->name, NULL, r->line, 0,
	    "bad %s", what);
	return -1;
}

static int	 pidx[10], didx[4], oidx[4], bidx[5], tidx[11], cidx[9];

/* Fill one privilege record from its rows G[0..N). */
static int
priv_record(struct ra_kb_priv *p, const struct prow *g, size_t n)
{
	const struct ra_csv_row	*r;
	const char		*v;
	size_t			 i;

	memset(p, 0, sizeof(*p));
	p->name = g[0].name;
	p->tab_src = p->entity_src = p->depth_src = p->basis = "";
	p->observed_src = p->entity = "";
	for (i = 0; i < n; i++) {
		r = g[i].row;
		switch (g[i].file) {
		case F_PRIV:
			p->in_catalog = 1;
			p->entity = ra_csv_cell(r, pidx[1]);
			if (ra_tab_parse(ra_csv_cell(r, pidx[2]), &p->tab) == -1 ||
			    ra_section_parse(ra_csv_cell(r, pidx[3]),
			    &p->section) == -1 ||
			    ra_access_parse(ra_csv_cell(r, pidx[4]),
			    &p->access) == -1 ||
			    ra_depths_parse(ra_csv_cell(r, pidx[5]),
			    &p->stated) == -1)
				return bad(&ra_data_catalog, r, "privilege row");
			p->tab_src = ra_csv_cell(r, pidx[7]);
			p->entity_src = ra_csv_cell(r, pidx[8]);
			break;
		case F_DEPTHS:
			if (ra_depths_parse(ra_csv_cell(r, didx[1]),
			    &p->depths) == -1)
				return bad(&ra_data_depths, r, "depths");
			p->depth_src = ra_csv_cell(r, didx[2]);
			p->basis = ra_csv_cell(r, didx[3]);
			break;
		case F_OBSERVED:
			if (ra_depths_parse(ra_csv_cell(r, oidx[1]),
			    &p->observed) == -1)
				return bad(&ra_data_observed, r, "levels");
			v = ra_csv_cell(r, oidx[2]);
			p->observed_roles = strtoul(v, NULL, 10);
			p->observed_src = ra_csv_cell(r, oidx[3]);
			break;
		}
	}
	return 0;
}

/*
 * Sort the N rows at R unless they are sorted already (the derive
 * scripts write depths.csv and observed_depths.csv in name order).
 */
static void
sort_rows(struct prow *r, size_t n)
{
	size_t	 i;

	for (i = 1; i < n; i++)
		if (prow_cmp(&r[i - 1], &r[i]) > 0) {
			qsort(r, n, sizeof(*r), prow_cmp);
			return;
		}
}

/*
 * Gather privileges.csv, depths.csv and observed_depths.csv by name:
 * each file's rows sorted, then merged.
 */
static int
build_privs(struct ra_kb *kb)
{
	static const int	 files[] = { F_PRIV, F_DEPTHS, F_OBSERVED };
	struct prow		*rows, *all;
	size_t			 n = 0, i, j, k, at[4], pos[3];
	int			 rc = 0;

	for (k = 0; k < 3; k++)
		n += kb->csv[files[k]].nrow - 1;
	if ((rows = calloc(n + 1, sizeof(*rows))) == NULL)
		return -1;
	if ((all = calloc(n + 1, sizeof(*all))) == NULL) {
		free(rows);
		return -1;
	}
	n = 0;
	for (k = 0; k < 3; k++) {
		const struct ra_csv	*c = &kb->csv[files[k]];
		const int		*idx = files[k] == F_PRIV ? pidx :
					    files[k] == F_DEPTHS ? didx : oidx;

		at[k] = n;
		for (i = 1; i < c->nrow; i++) {
			rows[n].name = ra_csv_cell(&c->row[i], idx[0]);
			rows[n].file = files[k];
			rows[n].row = &c->row[i];
			n++;
		}
		sort_rows(rows + at[k], n - at[k]);
		pos[k] = at[k];
	}
	at[3] = n;
	/* Merge: the least head of the three each time. */
	for (i = 0; i < n; i++) {
		size_t	 best = 3;

		for (k = 0; k < 3; k++)
			if (pos[k] < at[k + 1] && (best == 3 ||
			    prow_cmp(&rows[pos[k]], &rows[pos[best]]) < 0))
				best = k;
		all[i] = rows[pos[best]++];
	}
	free(rows);
	if ((kb->priv = calloc(n + 1, sizeof(*kb->priv))) == NULL) {
		free(all);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i = j) {
		for (j = i + 1; j < n && ra_namecmp_n(all[i].name,
		    strlen(all[i].name), all[j].name) == 0; j++)
			continue;
		rc = priv_record(&kb->priv[kb->npriv++], &all[i], j - i);
	}
	free(all);
	return rc;
}

static int
base_cmp(const void *a, const void *b)
{
	return ra_namecmp(((const struct ra_kb_base *)a)->base,
	    ((const struct ra_kb_base *)b)->base);
}

static int
table_cmp(const void *a, const void *b)
{
	return ra_namecmp(((const struct ra_kb_table *)a)->logical,
	    ((const struct ra_kb_table *)b)->logical);
}

static int
by_base_cmp(const void *a, const void *b)
{
	const struct ra_kb_table *x = *(const struct ra_kb_table *const *)a;
	const struct ra_kb_table *y = *(const struct ra_kb_table *const *)b;
	int			  c;

	if ((c = ra_namecmp(x->base, y->base)) != 0)
		return c;
	return ra_namecmp(x->logical, y->logical);
}

static int
build_bases(struct ra_kb *kb)
{
	const struct ra_csv	*c = &kb->csv[F_BASES];
	struct ra_kb_base	*b;
	size_t			 i;

	if ((kb->base = calloc(c->nrow, sizeof(*kb->base))) == NULL)
		return -1;
	for (i = 1; i < c->nrow; i++) {
		b = &kb->base[kb->nbase++];
		b->base = ra_csv_cell(&c->row[i], bidx[0]);
		b->entity = ra_csv_cell(&c->row[i], bidx[1]);
		if (ra_tab_parse(ra_csv_cell(&c->row[i], bidx[2]), &b->tab) == -1)
			return bad(&ra_data_bases, &c->row[i], "tab");
		b->entity_src = ra_csv_cell(&c->row[i], bidx[3]);
		b->tab_src = ra_csv_cell(&c->row[i], bidx[4]);
	}
	qsort(kb->base, kb->nbase, sizeof(*kb->base), base_cmp);
	return 0;
}

static int
build_tables(struct ra_kb *kb)
{
	const struct ra_csv	*c = &kb->csv[F_TABLES];
	struct ra_kb_table	*t;
	const char		*v;
	size_t			 i, j, k;

	if ((kb->table = calloc(c->nrow, sizeof(*kb->table))) == NULL ||
	    (kb->by_base = calloc(c->nrow, sizeof(*kb->by_base))) == NULL)
		return -1;
	for (i = 1; i < c->nrow; i++) {
		const struct ra_csv_row	*r = &c->row[i];

		/* Rows that name only a base or a display name: no table. */
		if (*ra_csv_cell(r, tidx[0]) == '\0')
			continue;
		t = &kb->table[kb->ntable++];
		t->logical = ra_csv_cell(r, tidx[0]);
		t->base = ra_csv_cell(r, tidx[1]);
		t->base_src = ra_csv_cell(r, tidx[2]);
		t->display = ra_csv_cell(r, tidx[3]);
		t->display_src = ra_csv_cell(r, tidx[4]);
		v = ra_csv_cell(r, tidx[5]);
		if (*v && ra_owner_parse(v, strlen(v), &t->owner) == -1)
			return bad(&ra_data_tables, r, "ownership");
		t->owner_src = ra_csv_cell(r, tidx[6]);
		v = ra_csv_cell(r, tidx[7]);
		t->custom = strcmp(v, "true") == 0 ? 1 :
		    strcmp(v, "false") == 0 ? 0 : -1;
		t->custom_src = ra_csv_cell(r, tidx[8]);
		if (ra_tab_parse(ra_csv_cell(r, tidx[9]), &t->tab) == -1)
			return bad(&ra_data_tables, r, "tab");
		t->tab_src = ra_csv_cell(r, tidx[10]);
	}
	qsort(kb->table, kb->ntable, sizeof(*kb->table), table_cmp);
	for (i = 0; i < kb->ntable; i++)
		if (*kb->table[i].base)
			kb->by_base[kb->nby_base++] = &kb->table[i];
	qsort(kb->by_base, kb->nby_base, sizeof(*kb->by_base), by_base_cmp);
	/* A base several tables share (Activity) names none of them. */
	for (i = 0; i < kb->nby_base; i = j) {
		for (j = i + 1; j < kb->nby_base &&
		    ra_namecmp_n(kb->by_base[i]->base,
		    strlen(kb->by_base[i]->base), kb->by_base[j]->base) == 0; j++)
			continue;
		for (k = i; k < j; k++)
			((struct ra_kb_table *)(uintptr_t)kb->by_base[k])->
			    base_unique = j - i == 1;
	}
	return 0;
}

static int
build_conflicts(struct ra_kb *kb)
{
	const struct ra_csv	*c = &kb->csv[F_CONFLICTS];
	struct ra_kb_conflict	*k;
	size_t			 i;

	if ((kb->conf = calloc(c->nrow, sizeof(*kb->conf))) == NULL)
		return -1;
	for (i = 1; i < c->nrow; i++) {
		const struct ra_csv_row	*r = &c->row[i];

		k = &kb->conf[kb->nconf++];
		k->subject = ra_csv_cell(r, cidx[0]);
		k->field = ra_csv_cell(r, cidx[1]);
		k->value_a = ra_csv_cell(r, cidx[2]);
		k->source_a = ra_csv_cell(r, cidx[3]);
		k->value_b = ra_csv_cell(r, cidx[4]);
		k->source_b = ra_csv_cell(r, cidx[5]);
		k->preferred = ra_csv_cell(r, cidx[6]);
		k->used = ra_csv_cell(r, cidx[7]);
		k->reason = ra_csv_cell(r, cidx[8]);
	}
	return 0;
}

static void
kb_build(void)
{
	static const char *const pcols[] = { "privilege", "entity", "tab",
	    "section", "access", "depths", "privilegeid", "tab_source",
	    "entity_source", "depth_source" };
	static const char *const dcols[] = { "privilege", "depths",
	    "depth_source", "basis" };
	static const char *const ocols[] = { "privilege", "levels", "roles",
	    "source" };
	static const char *const bcols[] = { "base", "entity", "tab",
	    "entity_source", "tab_source" };
	static const char *const tcols[] = { "logical_name",
	    "privilege_base", "base_source", "display_name", "display_source",
	    "ownership", "ownership_source", "is_custom", "custom_source",
	    "tab", "tab_source" };
	static const char *const ccols[] = { "subject", "field", "value_a",
	    "source_a", "value_b", "source_b", "preferred", "used", "reason" };
	struct ra_kb	*kb = &kb_data;

	if (parse(kb, F_PRIV, &ra_data_catalog, pcols, pidx, 10) == -1 ||
	    parse(kb, F_DEPTHS, &ra_data_depths, dcols, didx, 4) == -1 ||
	    parse(kb, F_OBSERVED, &ra_data_observed, ocols, oidx, 4) == -1 ||
	    parse(kb, F_BASES, &ra_data_bases, bcols, bidx, 5) == -1 ||
	    parse(kb, F_TABLES, &ra_data_tables, tcols, tidx, 11) == -1 ||
	    parse(kb, F_CONFLICTS, &ra_data_conflicts, ccols, cidx, 9) == -1 ||
	    build_privs(kb) == -1 || build_bases(kb) == -1 ||
	    build_tables(kb) == -1 || build_conflicts(kb) == -1)
		return;
	kb_ready = kb;
}

int
ra_kb_init(struct ra_ctx *ctx)
{
	kb_ctx = ctx;
	pthread_once(&kb_once, kb_build);
	kb_ctx = NULL;
	return kb_ready ? 0 : -1;
}

const struct ra_kb *
ra_kb(void)
{
	return kb_ready;
}

/*
 * Bisect the N records of SIZE bytes at V, sorted by the string at
 * offset OFF of each (or, with INDIRECT, of the record each element
 * points to), for the LEN bytes at KEY.  The record, or NULL.
 */
static const void *
lookup(const void *v, size_t n, size_t size, size_t off, int indirect,
    const char *key, size_t len)
{
	const char	*rec, *s;
	size_t		 lo = 0, hi = n, mid;
	int		 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		rec = (const char *)v + mid * size;
		if (indirect)	/* the element is a pointer to the record */
			memcpy(&rec, rec, sizeof(const char *));
		memcpy(&s, rec + off, sizeof(s));
		if ((c = ra_namecmp_n(key, len, s)) == 0)
			return rec;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct ra_kb_priv *
ra_kb_priv(const struct ra_kb *kb, const char *name, size_t n)
{
	return kb == NULL ? NULL : lookup(kb->priv, kb->npriv,
	    sizeof(*kb->priv), offsetof(struct ra_kb_priv, name), 0, name, n);
}

const struct ra_kb_base *
ra_kb_base(const struct ra_kb *kb, const char *base, size_t n)
{
	return kb == NULL ? NULL : lookup(kb->base, kb->nbase,
	    sizeof(*kb->base), offsetof(struct ra_kb_base, base), 0, base, n);
}

const struct ra_kb_table *
ra_kb_table(const struct ra_kb *kb, const char *logical, size_t n)
{
	return kb == NULL ? NULL : lookup(kb->table, kb->ntable,
	    sizeof(*kb->table), offsetof(struct ra_kb_table, logical), 0,
	    logical, n);
}

const struct ra_kb_table *
ra_kb_table_by_base(const struct ra_kb *kb, const char *base, size_t n)
{
	const struct ra_kb_table	*t;

	if (kb == NULL)
		return NULL;
	t = lookup(kb->by_base, kb->nby_base, sizeof(*kb->by_base),
	    offsetof(struct ra_kb_table, base), 1, base, n);
	return t != NULL && t->base_unique ? t : NULL;
}
