/*
 * fuzz_xml.c - libFuzzer target for the XML stage (xml.c) as
 * input/stream.c drives it, forced onto the XML path even for bytes that start
 * with a zip signature.
 *
 * Input layout:
 *   - a first byte below 0x20 is a control byte and is skipped:
 *       bits 0-2  document kind, value % 5: 0 any (a lone XML file),
 *                 1 customizations.xml in a zip, 2 Other/Customizations.xml
 *                 of a folder, 3 a Roles/ member, 4 solution.xml; values
 *                 5-7 (kinds 0-2) also read the document through the
 *                 fast <Roles> reader (scan.c, --scan-size 1) and
 *                 compare it with libxml2's reading: status, every
 *                 diagnostic, roles, ids, names, lines, privilege counts
 *                 and the level of every privilege must be the same;
 *       bit 3     feed in chunks: the next byte (skipped too) is the
 *                 chunk size, 0 meaning 1, as a zip member arrives in
 *                 pieces;
 *       bit 4     also parse on a context focused on the server-side-sync
 *                 profile (ra_ctx_focus()), and compare: status, roles,
 *                 ids, names, privilege counts and the level of every
 *                 profile privilege must be the same;
 *   - otherwise the whole input is a lone XML file (kind 0, one chunk),
 *     so a plain .xml file is a valid seed.
 * Every input is also parsed lean (ra_ctx_set_lean(): digests, no
 * privileges) and with every role kept as ra_solution_fill() reads it,
 * and compared with the unfocused parse: status, roles, ids, names,
 * lines and counts must be the same, both digests must equal one worked
 * out here from the unfocused role's privileges, and the kept roles must
 * hold the same level of every privilege.
 * Every parse gets a fresh context and a solution  made the way load.c's
 * solution_new() makes one; diagnostics are formatted (ra_diag_format())
 * and the solution's accessors read, so the sanitizers see every string
 * the parser stored.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "render/render.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct {
	enum ra_doc	 doc;
	const char	*file;
	const char	*member;	/* NULL: a file, not a zip member */
	const char	*role_file;
} kinds[5] = {
	{ RA_DOC_ANY, "fuzz.xml", NULL, "fuzz.xml" },
	{ RA_DOC_CUSTOMIZATIONS, "fuzz.zip", "customizations.xml",
	    "customizations.xml" },
	{ RA_DOC_CUSTOMIZATIONS_OPT, "fuzz/Other/Customizations.xml", NULL,
	    "Other/Customizations.xml" },
	{ RA_DOC_ROLE, "fuzz.zip", "Roles/Fuzz.xml", "Roles/Fuzz.xml" },
	{ RA_DOC_MANIFEST, "fuzz.zip", "solution.xml", "solution.xml" }
};

/* One parse: its context, solution, status and profile (when focused). */
struct parse {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	struct ra_profile	*prof;
	enum ra_err		 rc;
};

/* Look at everything the parse left behind. */
static void
inspect(const struct parse *p)
{
	const struct ra_role	*r;
	size_t			 i;
	char			*s;
	volatile size_t		 sink = 0;

	for (i = 0; i < ra_ctx_diag_count(p->ctx); i++)
		if ((s = ra_diag_format(ra_ctx_diag(p->ctx, i))) != NULL) {
			sink += strlen(s);
			free(s);
		}
	for (i = 0; i < ra_solution_role_count(p->sol); i++) {
		r = ra_solution_role(p->sol, i);
		sink += strlen(ra_role_id(r)) + strlen(ra_role_name(r)) +
		    strlen(ra_role_file(r)) + ra_role_line(r) +
		    ra_role_privilege_count(r);
		sink += ra_role_level(p->ctx, r, "prvReadAccount");
	}
	if (ra_solution_unique_name(p->sol))
		sink += strlen(ra_solution_unique_name(p->sol));
	if (ra_solution_version(p->sol))
		sink += strlen(ra_solution_version(p->sol));
	if (p->sol->prefix)
		sink += strlen(p->sol->prefix);
	(void)sink;
}

/*
 * LEAN: 0 a plain load, 1 lean, 2 every role of KEEP (NKEEP flags) kept
 * as ra_solution_fill() reads an input again.
 */
static void
parse(const char *buf, size_t size, size_t kind, size_t chunk, int focus,
    int scan, int lean, const unsigned char *keep, size_t nkeep,
    struct parse *p)
{
	struct ra_load	 ld;
	struct ra_xml	*x;
	size_t		 n;

	memset(p, 0, sizeof(*p));
	if ((p->ctx = ra_ctx_new()) == NULL)
		abort();
	/* The fast reader for every size, or libxml2 for every size. */
	if (ra_ctx_set_limit(p->ctx, RA_LIMIT_SCAN_SIZE,
	    scan == 1 ? 1 : UINT64_MAX) != RA_OK)
		abort();
	if (focus && (ra_profile_load(p->ctx, RA_PROFILE_DEFAULT,
	    &p->prof) != RA_OK || ra_ctx_focus(p->ctx,
	    (const struct ra_profile *const *)&p->prof, 1) != RA_OK))
		abort();
	/* As ra_solution_new() does. */
	if ((p->sol = calloc(1, sizeof(*p->sol))) == NULL ||
	    (p->sol->path = strdup(kinds[kind].file)) == NULL)
		abort();
	p->sol->kind = kinds[kind].member ? RA_INPUT_ZIP : RA_INPUT_XML;
	p->sol->managed = -1;
	p->sol->lean = lean == 1;
	if (lean == 2) {
		p->sol->keep = keep;
		p->sol->nkeep = nkeep;
	}

	memset(&ld, 0, sizeof(ld));
	ld.ctx = p->ctx;
	ld.sol = p->sol;
	ld.file = kinds[kind].file;
	ld.member = kinds[kind].member;
	ld.role_file = kinds[kind].role_file;
	if (scan >= 0) {
		/* Through ra_load_stream(), which picks scan or libxml2. */
		p->rc = ra_load_xml_chunks(&ld, kinds[kind].doc, buf, size,
		    chunk ? chunk : size);
	} else if (chunk == 0) {
		p->rc = ra_load_xml_buffer(&ld, kinds[kind].doc, buf, size);
	} else {
		/* As zip.c's read_member() feeds a member. */
		if ((x = ra_xml_new(&ld, kinds[kind].doc)) == NULL)
			abort();
		p->rc = RA_OK;
		while (size > 0 && p->rc == RA_OK && !ra_xml_skipped(x)) {
			n = size < chunk ? size : chunk;
			p->rc = ra_xml_feed(x, buf, n);
			buf += n;
			size -= n;
		}
		if (p->rc == RA_OK && !ra_xml_skipped(x))
			p->rc = ra_xml_finish(x);
		ra_xml_free(x);
	}
	p->sol->keep = NULL;
	p->sol->nkeep = 0;
	/* A failed parse must leave a reason behind. */
	if (p->rc != RA_OK && p->rc != RA_ENOMEM &&
	    ra_ctx_diag_count(p->ctx) == 0)
		abort();
	inspect(p);
}

static void
parse_free(struct parse *p)
{
	ra_solution_free(p->sol);
	ra_profile_free(p->prof);
	ra_ctx_free(p->ctx);
}

static const char	*differ_what = "focused and unfocused";

static void
differ(const char *what, size_t role)
{
	fprintf(stderr, "fuzz_xml: %s parses differ: %s (role %zu)\n",
	    differ_what, what, role);
	abort();
}

/*
 * The fast reader stands in for libxml2: A (scanned) must say exactly
 * what B (libxml2) says, diagnostics included, with one documented
 * exception: outside <Roles> the scan does not check all of XML's rules,
 * so a document libxml2 rejects for a fault there may be read.  What the
 * scan reads it must never read differently, and it must never reject
 * what libxml2 accepts.
 */
static void
compare_scan(const struct parse *a, const struct parse *b)
{
	const struct ra_role	*x, *y;
	const char		*name;
	char			*da, *db;
	size_t			 i, k;

	differ_what = "scanned and libxml2";
	if (a->rc == RA_OK && b->rc == RA_EXML)
		return;
	if (a->rc != b->rc)
		differ(ra_strerror(a->rc), 0);
	if (ra_ctx_diag_count(a->ctx) != ra_ctx_diag_count(b->ctx))
		differ("diagnostic count", 0);
	for (i = 0; i < ra_ctx_diag_count(a->ctx); i++) {
		da = ra_diag_format(ra_ctx_diag(a->ctx, i));
		db = ra_diag_format(ra_ctx_diag(b->ctx, i));
		if (da == NULL || db == NULL || strcmp(da, db) != 0) {
			fprintf(stderr, "%s\n%s\n", da ? da : "-",
			    db ? db : "-");
			differ("diagnostic", i);
		}
		free(da);
		free(db);
	}
	if (ra_solution_role_count(a->sol) != ra_solution_role_count(b->sol))
		differ("role count", 0);
	for (i = 0; i < ra_solution_role_count(a->sol); i++) {
		x = ra_solution_role(a->sol, i);
		y = ra_solution_role(b->sol, i);
		if (strcmp(ra_role_id(x), ra_role_id(y)) != 0 ||
		    strcmp(ra_role_name(x), ra_role_name(y)) != 0 ||
		    strcmp(ra_role_file(x), ra_role_file(y)) != 0 ||
		    ra_role_line(x) != ra_role_line(y))
			differ("id, name, file or line", i);
		if (ra_role_privilege_count(x) != ra_role_privilege_count(y))
			differ("privilege count", i);
		/* Every name either catalog knows, looked up by name. */
		for (k = 0; k < b->ctx->cat.n; k++) {
			name = b->ctx->cat.v[k].name;
			if (ra_role_level(a->ctx, x, name) !=
			    ra_role_level(b->ctx, y, name))
				differ(name, i);
		}
		for (k = 0; k < a->ctx->cat.n; k++) {
			name = a->ctx->cat.v[k].name;
			if (ra_role_level(a->ctx, x, name) !=
			    ra_role_level(b->ctx, y, name))
				differ(name, i);
		}
	}
}

/* Focusing only saves memory: F must say what U says. */
static void
compare(const struct parse *f, const struct parse *u)
{
	const struct ra_role	*a, *b;
	const char		*priv;
	size_t			 i, k;

	if (f->rc != u->rc)
		differ(ra_strerror(f->rc), 0);
	if (ra_solution_role_count(f->sol) != ra_solution_role_count(u->sol))
		differ("role count", 0);
	for (i = 0; i < ra_solution_role_count(f->sol); i++) {
		a = ra_solution_role(f->sol, i);
		b = ra_solution_role(u->sol, i);
		if (strcmp(ra_role_id(a), ra_role_id(b)) != 0 ||
		    strcmp(ra_role_name(a), ra_role_name(b)) != 0 ||
		    ra_role_line(a) != ra_role_line(b))
			differ("id, name or line", i);
		if (ra_role_privilege_count(a) != ra_role_privilege_count(b))
			differ("privilege count", i);
		for (k = 0; k < ra_profile_size(f->prof); k++) {
			priv = f->ctx->cat.v[f->prof->req[k].priv].name;
			if (ra_role_level(f->ctx, a, priv) !=
			    ra_role_level(u->ctx, b, priv))
				differ(priv, i);
		}
	}
}

/* Lower-cased name and level of one privilege, for digest(). */
struct held {
	char		*name;
	enum ra_level	 level;
};

static int
held_cmp(const void *a, const void *b)
{
	return strcmp(((const struct held *)a)->name,
	    ((const struct held *)b)->name);
}

/*
 * The digest struct ra_role describes, from role R of an unfocused parse
 * (a name cannot hold NUL, so strcmp() is the byte order).
 */
static void
digest(const struct parse *u, const struct ra_role *r, unsigned char out[32])
{
	struct ra_sha256	 sha;
	struct held		*h;
	size_t			 n = 0, i, k;
	char			 tail[2];

	if ((h = calloc(ra_bitmap_count(&r->bits) + 1, sizeof(*h))) == NULL)
		abort();
	for (i = ra_bitmap_next(&r->bits, 0); i != RA_NOPRIV;
	    i = ra_bitmap_next(&r->bits, i + 1)) {
		if ((h[n].name = strdup(u->ctx->cat.v[i].name)) == NULL)
			abort();
		for (k = 0; h[n].name[k]; k++)
			h[n].name[k] = (char)ra_lower((unsigned char)
			    h[n].name[k]);
		h[n++].level = ra_bitmap_get(&r->bits, i);
	}
	qsort(h, n, sizeof(*h), held_cmp);
	ra_sha256_init(&sha);
	for (i = 0; i < n; i++) {
		tail[0] = '\0';
		tail[1] = (char)('0' + h[i].level);
		ra_sha256_update(&sha, h[i].name, strlen(h[i].name));
		ra_sha256_update(&sha, tail, 2);
		free(h[i].name);
	}
	ra_sha256_final(&sha, out);
	free(h);
}

/* Lean and kept parses (L, K) against the unfocused one (U). */
static void
compare_lean(const struct parse *l, const struct parse *k,
    const struct parse *u)
{
	const struct ra_role	*a, *b, *c;
	unsigned char		 want[32];
	const char		*name;
	size_t			 i, j;

	differ_what = "lean, kept and unfocused";
	if (l->rc != u->rc || k->rc != u->rc)
		differ(ra_strerror(l->rc), 0);
	if (l->sol->nrole != u->sol->nrole || k->sol->nrole != u->sol->nrole)
		differ("role count", 0);
	for (i = 0; i < u->sol->nrole; i++) {
		a = &l->sol->role[i];
		b = &k->sol->role[i];
		c = &u->sol->role[i];
		if (strcmp(a->id, c->id) != 0 || strcmp(b->id, c->id) != 0 ||
		    strcmp(a->name, c->name) != 0 ||
		    strcmp(b->name, c->name) != 0 ||
		    a->line != c->line || b->line != c->line)
			differ("id, name or line", i);
		if (a->nprivs != c->nprivs || b->nprivs != c->nprivs)
			differ("privilege count", i);
		if (ra_bitmap_count(&a->bits) != 0)
			differ("lean role holds privileges", i);
		digest(u, c, want);
		if (memcmp(a->digest, want, 32) != 0 ||
		    memcmp(b->digest, want, 32) != 0)
			differ("digest", i);
		for (j = 0; j < u->ctx->cat.n; j++) {
			name = u->ctx->cat.v[j].name;
			if (ra_role_level(k->ctx, b, name) !=
			    ra_role_level(u->ctx, c, name))
				differ(name, i);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse	 f, u, sc, lx, ln, kp;
	unsigned char	*keep;
	const char	*p = (const char *)data;
	size_t		 kind = 0, chunk = 0;
	int		 focus = 0, scan = 0;

	if (size > 0 && data[0] < 0x20) {
		kind = (data[0] & 7) % 5;
		scan = (data[0] & 7) >= 5;
		focus = (data[0] & 0x10) != 0;
		if (data[0] & 8) {
			if (size < 2)
				return 0;
			chunk = data[1] ? data[1] : 1;
			p++;
			size--;
		}
		p++;
		size--;
	}
	parse(p, size, kind, chunk, 0, -1, 0, NULL, 0, &u);
	if (focus) {
		parse(p, size, kind, chunk, 1, -1, 0, NULL, 0, &f);
		compare(&f, &u);
		parse_free(&f);
	}
	if ((keep = malloc(u.sol->nrole + 1)) == NULL)
		abort();
	memset(keep, 1, u.sol->nrole + 1);
	parse(p, size, kind, chunk, 0, -1, 1, NULL, 0, &ln);
	parse(p, size, kind, chunk, 0, -1, 2, keep, u.sol->nrole, &kp);
	compare_lean(&ln, &kp, &u);
	parse_free(&ln);
	parse_free(&kp);
	free(keep);
	parse_free(&u);
	if (scan) {
		parse(p, size, kind, chunk, focus, 1, 0, NULL, 0, &sc);
		parse(p, size, kind, chunk, focus, 0, 0, NULL, 0, &lx);
		compare_scan(&sc, &lx);
		parse_free(&sc);
		parse_free(&lx);
	}
	return 0;
}
