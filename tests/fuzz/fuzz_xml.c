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
 *                 diagnostic, roles, ids, names, lines, privilege counts,
 *                 the level of every privilege and where each role, its
 *                 <RolePrivileges> and each privilege are written (line,
 *                 column, end), and the apps, column security profiles
 *                 and secured columns, must be the same; with kind 0,
 *                 the document is also loaded as diff loads its two
 *                 inputs, against itself with a line added (twin()),
 *                 and each side must load as it does alone;
 *       bit 3     feed in chunks: the next byte (skipped too) is the
 *                 chunk size, 0 meaning 1, as a zip member arrives in
 *                 pieces;
 *       bit 4     also parse on a context focused on the server-side-sync
 *                 profile (ra_ctx_focus()), and compare: status, roles,
 *                 ids, names, privilege counts and the level of every
 *                 profile privilege, and where each held one is written,
 *                 must be the same;
 *   - otherwise the whole input is a lone XML file (kind 0, one chunk),
 *     so a plain .xml file is a valid seed.
 * Every unfocused parse interns its names in the catalog as it goes, and
 * its roles must hold sorted sparse sets of catalog indices, each
 * privilege once, as many as the role's count.
 * Every parse gets a fresh context and a solution made the way load.c's
 * ra_solution_new() makes one; diagnostics are formatted (ra_diag_format())
 * and the solution's accessors read, so the sanitizers see every string
 * the parser stored.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static void
parse(const char *buf, size_t size, size_t kind, size_t chunk, int focus,
    int scan, struct parse *p)
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

/* Where role R of context C writes privilege NAME (zeros: nowhere). */
static void
grant_span(const struct ra_ctx *c, const struct ra_role *r, const char *name,
    struct ra_span *out)
{
	struct ra_spans	 sp;
	size_t		 priv = ra_catalog_find(&c->cat, name, strlen(name));

	memset(&sp, 0, sizeof(sp));
	memset(out, 0, sizeof(*out));
	if (priv != RA_NOPRIV && ra_role_spans(&c->cat, r, &sp) == 0)
		(void)ra_spans_find(&sp, priv, out);
	ra_spans_free(&sp);
}

/* Roles X (of A) and Y (of B) write NAME at the same place. */
static void
same_span(const struct ra_ctx *a, const struct ra_role *x,
    const struct ra_ctx *b, const struct ra_role *y, const char *name,
    size_t role)
{
	struct ra_span	 p, q;

	grant_span(a, x, name, &p);
	grant_span(b, y, name, &q);
	if (p.line != q.line || p.col != q.col || p.endline != q.endline ||
	    p.endcol != q.endcol)
		differ(name, role);
}

/*
 * The fast reader stands in for libxml2: A (scanned) must say exactly
 * what B (libxml2) says, diagnostics included, with one documented
 * exception: outside <Roles> the scan does not check all of XML's rules,
 * so a document libxml2 rejects for a fault there may be read.  What the
 * scan reads it must never read differently, and it must never reject
 * what libxml2 accepts.
 */
/* Two lists of N strings, the same? */
static int
same_list(char *const *x, char *const *y, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(x[i], y[i]) != 0)
			return 0;
	return 1;
}

/* Apps, column security profiles and secured columns: the same. */
static void
compare_access(const struct ra_solution *a, const struct ra_solution *b)
{
	size_t	 i, k;

	if (a->napp != b->napp || a->nfsp != b->nfsp || a->ntable != b->ntable)
		differ("app, profile or table count", 0);
	for (i = 0; i < a->napp; i++) {
		const struct ra_app	*x = &a->app[i], *y = &b->app[i];

		if (strcmp(x->name, y->name) != 0 || x->line != y->line ||
		    (x->display == NULL) != (y->display == NULL) ||
		    (x->display && strcmp(x->display, y->display) != 0) ||
		    x->ntable != y->ntable || x->nrole != y->nrole ||
		    !same_list(x->table, y->table, x->ntable) ||
		    !same_list(x->role, y->role, x->nrole))
			differ("app", i);
	}
	for (i = 0; i < a->nfsp; i++) {
		const struct ra_fsp	*x = &a->fsp[i], *y = &b->fsp[i];

		if (strcmp(x->name, y->name) != 0 || strcmp(x->id, y->id) !=
		    0 || x->nperm != y->nperm)
			differ("column security profile", i);
		for (k = 0; k < x->nperm; k++)
			if (strcmp(x->perm[k].entity, y->perm[k].entity) != 0 ||
			    strcmp(x->perm[k].attribute,
			    y->perm[k].attribute) != 0 ||
			    memcmp(x->perm[k].can, y->perm[k].can,
			    sizeof(x->perm[k].can)) != 0 ||
			    x->perm[k].line != y->perm[k].line)
				differ("column permission", k);
	}
	for (i = 0; i < a->ntable; i++)
		if (a->table[i].nsecured != b->table[i].nsecured ||
		    !same_list(a->table[i].secured, b->table[i].secured,
		    a->table[i].nsecured))
			differ("secured columns", i);
}

static void	compare_roles(const struct ra_ctx *, const struct ra_solution *,
		    const struct ra_ctx *, const struct ra_solution *);

/* Diagnostic I of X and J of Y: the same words. */
static void
same_diag(const struct ra_ctx *x, size_t i, const struct ra_ctx *y, size_t j)
{
	char	*dx = ra_diag_format(ra_ctx_diag(x, i));
	char	*dy = ra_diag_format(ra_ctx_diag(y, j));

	if (dx == NULL || dy == NULL || strcmp(dx, dy) != 0) {
		fprintf(stderr, "%s\n%s\n", dx ? dx : "-", dy ? dy : "-");
		differ("diagnostic", i);
	}
	free(dx);
	free(dy);
}

static void
compare_scan(const struct parse *a, const struct parse *b)
{
	size_t			 i;

	differ_what = "scanned and libxml2";
	if (a->rc == RA_OK && b->rc == RA_EXML)
		return;
	if (a->rc != b->rc)
		differ(ra_strerror(a->rc), 0);
	if (ra_ctx_diag_count(a->ctx) != ra_ctx_diag_count(b->ctx))
		differ("diagnostic count", 0);
	for (i = 0; i < ra_ctx_diag_count(a->ctx); i++)
		same_diag(a->ctx, i, b->ctx, i);
	if (a->rc == RA_OK)
		compare_access(a->sol, b->sol);
	compare_roles(a->ctx, a->sol, b->ctx, b->sol);
}

/* The roles of SA (names in CA's catalog) and SB (CB's): the same. */
static void
compare_roles(const struct ra_ctx *ca, const struct ra_solution *sa,
    const struct ra_ctx *cb, const struct ra_solution *sb)
{
	const struct ra_role	*x, *y;
	const char		*name;
	size_t			 i, k;

	if (ra_solution_role_count(sa) != ra_solution_role_count(sb))
		differ("role count", 0);
	for (i = 0; i < ra_solution_role_count(sa); i++) {
		x = ra_solution_role(sa, i);
		y = ra_solution_role(sb, i);
		if (strcmp(ra_role_id(x), ra_role_id(y)) != 0 ||
		    strcmp(ra_role_name(x), ra_role_name(y)) != 0 ||
		    strcmp(ra_role_file(x), ra_role_file(y)) != 0 ||
		    ra_role_line(x) != ra_role_line(y) || x->col != y->col ||
		    memcmp(&x->privs, &y->privs, sizeof(x->privs)) != 0)
			differ("id, name, file, line or column", i);
		if (ra_role_privilege_count(x) != ra_role_privilege_count(y))
			differ("privilege count", i);
		/* Every name either catalog knows, looked up by name. */
		for (k = 0; k < cb->cat.n; k++) {
			name = cb->cat.v[k].name;
			if (ra_role_level(ca, x, name) !=
			    ra_role_level(cb, y, name))
				differ(name, i);
			same_span(ca, x, cb, y, name, i);
		}
		for (k = 0; k < ca->cat.n; k++) {
			name = ca->cat.v[k].name;
			if (ra_role_level(ca, x, name) !=
			    ra_role_level(cb, y, name))
				differ(name, i);
		}
	}
}

/* Write N bytes of BUF to a new file named from TEMPLATE; 0 or -1. */
static int
put_file(char *template, const char *buf, size_t n)
{
	FILE	*f;
	int	 fd, ok;

	if ((fd = mkstemp(template)) == -1)
		return -1;
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(template);
		return -1;
	}
	ok = fwrite(buf, 1, n, f) == n;
	if (fclose(f) != 0 || !ok) {
		unlink(template);
		return -1;
	}
	return 0;
}

/*
 * Diff's two inputs read at once (ra_solutions_load(), two jobs), the
 * second taking each role the first wrote alike (parse/twin.c): A, the
 * document, and B, A with a line break added after its first '>' so
 * that every role taken moves a line.  Each must load as it loads alone
 * through the scan: status, diagnostics (A's, then B's), and roles with
 * every place, apps, profiles and secured columns.
 */
static void
twin(const char *buf, size_t size)
{
	const char		*dir = getenv("TMPDIR"), *gt;
	char			 path[2][512], *moved;
	const char		*paths[2] = { path[0], path[1] };
	struct ra_ctx		*ctx, *one[2] = { NULL, NULL };
	struct ra_solution	*out[2] = { NULL, NULL }, *alone[2];
	enum ra_err		 st[2], rc;
	size_t			 cut, i, k, nd = 0;

	differ_what = "twin and lone";
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	gt = memchr(buf, '>', size);
	cut = gt ? (size_t)(gt - buf) + 1 : size;
	snprintf(path[0], sizeof(path[0]), "%s/fuzz_twin_XXXXXX", dir);
	snprintf(path[1], sizeof(path[1]), "%s/fuzz_twin_XXXXXX", dir);
	if ((moved = malloc(size + 1)) == NULL)
		abort();
	memcpy(moved, buf, cut);
	moved[cut] = '\n';
	memcpy(moved + cut + 1, buf + cut, size - cut);
	if (put_file(path[0], buf, size) == -1) {
		free(moved);
		return;
	}
	if (put_file(path[1], moved, size + 1) == -1) {
		unlink(path[0]);
		free(moved);
		return;
	}
	free(moved);
	if ((ctx = ra_ctx_new()) == NULL ||
	    ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, 1) != RA_OK ||
	    ra_solutions_load(ctx, paths, 2, 2, out, st) != RA_OK)
		abort();
	for (i = 0; i < 2; i++) {
		if ((one[i] = ra_ctx_new()) == NULL ||
		    ra_ctx_set_limit(one[i], RA_LIMIT_SCAN_SIZE, 1) != RA_OK)
			abort();
		alone[i] = NULL;
		rc = ra_solution_load(one[i], paths[i], &alone[i]);
		if (rc != st[i])
			differ(ra_strerror(rc), i);
		for (k = 0; k < ra_ctx_diag_count(one[i]); k++)
			same_diag(ctx, nd++, one[i], k);
		if (rc == RA_OK) {
			compare_access(out[i], alone[i]);
			compare_roles(ctx, out[i], one[i], alone[i]);
		}
		ra_solution_free(alone[i]);
	}
	if (nd != ra_ctx_diag_count(ctx))
		differ("diagnostic count", 0);
	for (i = 0; i < 2; i++) {
		ra_solution_free(out[i]);
		ra_ctx_free(one[i]);
		unlink(path[i]);
	}
	ra_ctx_free(ctx);
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
			if (ra_role_level(f->ctx, a, priv) != RA_LEVEL_NONE)
				same_span(f->ctx, a, u->ctx, b, priv, i);
		}
	}
}

/* An unfocused parse: every role a sorted sparse set of catalog indices. */
static void
check_sets(const struct parse *u)
{
	const struct ra_bitmap	*b;
	size_t			 i, k;

	differ_what = "unfocused";
	for (i = 0; i < u->sol->nrole; i++) {
		struct ra_bitmap_iter	 it;
		size_t			 p, last = 0;
		enum ra_level		 l;

		b = &u->sol->role[i].bits;
		if (!b->sparse || !b->sorted || b->ne != u->sol->role[i].nprivs)
			differ("sparse set", i);
		ra_bitmap_iter_init(&it, b);
		for (k = 0; ra_bitmap_iter_next(&it, &p, &l); k++) {
			if (p >= u->ctx->cat.n || (k > 0 && last >= p) ||
			    ra_bitmap_get(b, p) != l)
				differ("sparse set order", i);
			last = p;
		}
		if (k != b->ne)
			differ("sparse set count", i);
	}}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse	 f, u, sc, lx;
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
	parse(p, size, kind, chunk, 0, -1, &u);
	check_sets(&u);
	if (focus) {
		parse(p, size, kind, chunk, 1, -1, &f);
		differ_what = "focused and unfocused";
		compare(&f, &u);
		parse_free(&f);
	}
	parse_free(&u);
	if (scan && kind == 0)
		twin(p, size);
	if (scan) {
		parse(p, size, kind, chunk, focus, 1, &sc);
		parse(p, size, kind, chunk, focus, 0, &lx);
		compare_scan(&sc, &lx);
		parse_free(&sc);
		parse_free(&lx);
	}
	return 0;
}
