/*
 * test_layout.c - where a role's grants are written (model/layout.c,
 * decided by parse/build.c): the exporters' layout stored as nothing a
 * grant and derived again, either fold of the names, any other layout
 * as a span a grant, a privilege written twice, and no locations when
 * the context is told not to keep them.  The spans are compared with
 * positions counted by hand in the text.
 */
#include "unit.h"

#define ID1	"{8A1B2C3D-0000-4E5F-9A8B-ABCDEF012345}"

static struct ra_solution *
load(struct ra_ctx *ctx, const char *text)
{
	struct ra_solution	*sol = NULL;

	assert_int_equal(ut_load(ctx, "Roles/R.xml", text, &sol), RA_OK);
	assert_non_null(sol);
	assert_int_equal(ra_solution_role_count(sol), 1);
	return sol;
}

/* Assert that R writes NAME from LINE:COL to LINE:END. */
static void
at(struct ra_ctx *ctx, const struct ra_role *r, const char *name,
    unsigned long line, unsigned long col, unsigned long endline,
    unsigned long end)
{
	struct ra_spans	 sp;
	struct ra_span	 s;
	size_t		 priv = ra_catalog_find(&ctx->cat, name, strlen(name));

	memset(&sp, 0, sizeof(sp));
	assert_int_not_equal(priv, RA_NOPRIV);
	assert_int_equal(ra_role_spans(&ctx->cat, r, &sp), 0);
	assert_true(ra_spans_find(&sp, priv, &s));
	if (s.line != line || s.col != col || s.endline != endline ||
	    s.endcol != end)
		fail_msg("%s at %lu:%lu-%lu:%lu, expected %lu:%lu-%lu:%lu",
		    name, s.line, s.col, s.endline, s.endcol, line, col,
		    endline, end);
	ra_spans_free(&sp);
}

/* Sorted folded to lower case, one a line: nothing stored a grant. */
static void
test_regular_lower(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load(ctx,
	    "<Role id=\"" ID1 "\" name=\"R\">\n"
	    "  <RolePrivileges>\n"
	    "    <RolePrivilege name=\"prvA_b\" level=\"Basic\" />\n"
	    "    <RolePrivilege name=\"prvAb\" level=\"Global\" />\n"
	    "    <RolePrivilege name=\"prvReadAccount\" level=\"Deep\" />\n"
	    "  </RolePrivileges>\n"
	    "</Role>\n");
	r = ra_solution_role(sol, 0);
	assert_int_equal(r->lay.kind, RA_LAYOUT_LOWER);
	assert_null(r->lay.at);
	assert_int_equal(r->privs.line, 2);
	assert_int_equal(r->privs.col, 3);
	assert_int_equal(r->privs.endcol, 19);
	assert_int_equal(r->col, 1);
	/* Ends just past "/>", counted in the text by hand. */
	at(ctx, r, "prvA_b", 3, 5, 3, 50);
	at(ctx, r, "prvAb", 4, 5, 4, 50);
	at(ctx, r, "prvReadAccount", 5, 5, 5, 57);
	ra_solution_free(sol);
}

/* Sorted only when folded to upper case ('_' after the letters). */
static void
test_regular_upper(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load(ctx,
	    "<Role id=\"" ID1 "\" name=\"R\"><RolePrivileges>\n"
	    "\t<RolePrivilege name=\"prvAb\" level=\"Local\"/>\n"
	    "\t<RolePrivilege name=\"prvA_b\" level=\"Deep\"/>\n"
	    "</RolePrivileges></Role>\n");
	r = ra_solution_role(sol, 0);
	assert_int_equal(r->lay.kind, RA_LAYOUT_UPPER);
	assert_int_equal(r->privs.line, 1);
	assert_int_equal(r->privs.col, 60);
	at(ctx, r, "prvAb", 2, 2, 2, 45);
	at(ctx, r, "prvA_b", 3, 2, 3, 45);
	ra_solution_free(sol);
}

/*
 * Any other layout: a span a grant, in privilege order; a privilege
 * written twice is where its highest level is (the first of equals),
 * columns in code points, an element over two lines.
 */
static void
test_table(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load(ctx,
	    "<Role id=\"" ID1 "\" name=\"\xc3\xa9t\xc3\xa9\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvWriteAccount\" level=\"Basic\"/>\n"
	    "  <RolePrivilege name=\"prvReadAccount\" level=\"Basic\" />\n"
	    "  <RolePrivilege name=\"prvReadAccount\" level=\"Deep\" />\n"
	    "  <RolePrivilege name=\"prvReadAccount\" level=\"Deep\" />\n"
	    "  <RolePrivilege\n"
	    "     name=\"prvReadContact\" level=\"Global\" />\n"
	    "</RolePrivileges></Role>\n");
	r = ra_solution_role(sol, 0);
	assert_int_equal(r->lay.kind, RA_LAYOUT_TABLE);
	assert_int_equal(r->lay.nat, 3);
	assert_int_equal(ra_role_privilege_count(r), 3);
	/* The role's name is 3 code points, 5 bytes. */
	assert_int_equal(r->privs.col, 62);
	at(ctx, r, "prvWriteAccount", 1, 78, 1, 131);
	at(ctx, r, "prvReadAccount", 3, 3, 3, 55);
	at(ctx, r, "prvReadContact", 5, 3, 6, 45);
	ra_solution_free(sol);
}

/* Told not to keep locations, a load keeps none, and costs nothing. */
static void
test_unlocated(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;
	struct ra_spans		 sp;

	ra_ctx_locate_grants(ctx, 0);
	sol = load(ctx,
	    "<Role id=\"" ID1 "\" name=\"R\"><RolePrivileges>\n"
	    "<RolePrivilege name=\"prvWriteAccount\" level=\"Basic\"/>\n"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>\n"
	    "</RolePrivileges></Role>\n");
	r = ra_solution_role(sol, 0);
	assert_int_equal(r->lay.kind, RA_LAYOUT_NONE);
	assert_null(r->lay.at);
	/* The role's own places are kept: they cost nothing a grant. */
	assert_int_equal(r->privs.line, 1);
	memset(&sp, 0, sizeof(sp));
	assert_int_equal(ra_role_spans(&ctx->cat, r, &sp), 0);
	assert_int_equal(sp.n, 0);
	ra_spans_free(&sp);
	ra_solution_free(sol);
	ra_ctx_locate_grants(ctx, 1);
}

static void
test_cp_count_and_folds(void **state)
{
	(void)state;
	assert_int_equal(ra_cp_count("", 0), 0);
	assert_int_equal(ra_cp_count("abc", 3), 3);
	/* é (2 bytes), € (3), 𝄞 (4), then ASCII past the 8-byte steps. */
	assert_int_equal(ra_cp_count("\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"
	    "abcdefgh", 17), 11);
	assert_int_equal(ra_fold_order("prvA_b", 6, "prvAb", 5), 1);
	assert_int_equal(ra_fold_order("prvAb", 5, "prvA_b", 6), 2);
	assert_int_equal(ra_fold_order("prvread", 7, "prvReadX", 8), 3);
	assert_int_equal(ra_fold_order("prvRead", 7, "prvread", 7), 0);
	assert_true(ra_fold_cmp("a", 1, "B", 1, 0) < 0);
	assert_true(ra_fold_cmp("_", 1, "B", 1, 1) > 0);
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CTX(test_regular_lower),
		CTX(test_regular_upper),
		CTX(test_table),
		CTX(test_unlocated),
		cmocka_unit_test(test_cp_count_and_folds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
