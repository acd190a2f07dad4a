/*
 * fuzz_xml.c - libFuzzer target for the XML stage (parse_roles.c) as
 * input.c drives it, forced onto the XML path even for bytes that start
 * with a zip signature.
 *
 * Input layout:
 *   - a first byte below 0x20 is a control byte and is skipped:
 *       bits 0-2  document kind, value % 5: 0 any (a lone XML file),
 *                 1 customizations.xml in a zip, 2 Other/Customizations.xml
 *                 of a folder, 3 a Roles/ member, 4 solution.xml;
 *       bit 3     feed in chunks: the next byte (skipped too) is the
 *                 chunk size, 0 meaning 1, as a zip member arrives in
 *                 pieces;
 *       bit 4     also parse on a context focused on the server-side-sync
 *                 profile (ra_ctx_focus()), and compare: status, roles,
 *                 ids, names, privilege counts and the level of every
 *                 profile privilege must be the same;
 *   - otherwise the whole input is a lone XML file (kind 0, one chunk),
 *     so a plain .xml file is a valid seed.
 * Every parse gets a fresh context and a solution made the way input.c's
 * solution_new() makes one; diagnostics are formatted (ra_diag_format())
 * and the solution's accessors read, so the sanitizers see every string
 * the parser stored.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
    struct parse *p)
{
	struct ra_load	 ld;
	struct ra_xml	*x;
	size_t		 n;

	memset(p, 0, sizeof(*p));
	if ((p->ctx = ra_ctx_new()) == NULL)
		abort();
	if (focus && (ra_profile_load(p->ctx, RA_PROFILE_DEFAULT,
	    &p->prof) != RA_OK || ra_ctx_focus(p->ctx,
	    (const struct ra_profile *const *)&p->prof, 1) != RA_OK))
		abort();
	/* As input.c's solution_new() does. */
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
	if (chunk == 0) {
		p->rc = ra_load_xml_buffer(&ld, kinds[kind].doc, buf, size);
	} else {
		/* As input_zip.c's read_member() feeds a member. */
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

static void
differ(const char *what, size_t role)
{
	fprintf(stderr, "fuzz_xml: focused and unfocused parses differ: %s "
	    "(role %zu)\n", what, role);
	abort();
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse	 f, u;
	const char	*p = (const char *)data;
	size_t		 kind = 0, chunk = 0;
	int		 focus = 0;

	if (size > 0 && data[0] < 0x20) {
		kind = (data[0] & 7) % 5;
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
	parse(p, size, kind, chunk, 0, &u);
	if (focus) {
		parse(p, size, kind, chunk, 1, &f);
		compare(&f, &u);
		parse_free(&f);
	}
	parse_free(&u);
	return 0;
}
