/*
 * test_check.c - check.c: roles against the union of profiles; what is
 * missing, at which level, in which order, the pass/fail counts, roles
 * not exported and the roles --role names.
 */
#include "unit.h"

#define HEX32	"0123456789abcdef0123456789abcdef"

/* A customizations.xml holding the roles given as XML fragments. */
static struct ra_solution *
solution(struct ra_ctx *ctx, const char *name, const char *roles)
{
	struct ra_solution	*sol = NULL;
	struct ra_buf		 b = { 0 };
	enum ra_err		 rc;

	ra_buf_adds(&b, "<ImportExportXml><Roles>");
	ra_buf_adds(&b, roles);
	ra_buf_adds(&b, "</Roles></ImportExportXml>");
	assert_false(b.oom);
	rc = ra_solution_load_buffer(ctx, name, b.s, b.len, &sol);
	ra_buf_free(&b);
	if (rc != RA_OK)
		fail_msg("solution %s: %s", name, ra_strerror(rc));
	return sol;
}

/* The result of the role called NAME. */
static const struct ra_result *
result(const struct ra_report *rep, const char *name)
{
	size_t	 i;

	for (i = 0; i < rep->nres; i++)
		if (strcmp(rep->res[i].role->name, name) == 0)
			return &rep->res[i];
	fail_msg("no result for role %s", name);
	return NULL;
}

/* The missing privileges of R, listed by REP (until the next call). */
static const struct ra_missing *
missing(const struct ra_report *rep, const struct ra_result *r)
{
	const struct ra_missing	*m = NULL;

	assert_int_equal(ra_report_missing(rep, r, &m), 0);
	return m;
}

static const char *
miss_name(const struct ra_report *rep, const struct ra_result *r, size_t k)
{
	assert_true(k < r->nmiss);
	return rep->ctx->cat.v[missing(rep, r)[k].priv].name;
}

/*
 * Two profiles are united: a privilege in both needs the higher level;
 * the role below it is reported with the level it has.
 */
static void
test_union_higher_wins(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p[2];
	struct ra_solution		*sol;
	struct ra_report		*rep = NULL;
	const struct ra_result		*r;

	p[0] = ut_profile(ctx, "one", "privilege,min_level\n"
	    "prvReadAccount,Basic\nprvReadContact,Local\n");
	p[1] = ut_profile(ctx, "two", "privilege,min_level\n"
	    "prvReadAccount,Global\nprvWriteContact,Basic\n");
	sol = solution(ctx, "c.xml",
	    "<Role id=\"1\" name=\"Full\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Local\"/>"
	    "<RolePrivilege name=\"prvWriteContact\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Low\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Local\"/>"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvWriteContact\" level=\"Global\"/>"
	    "</RolePrivileges></Role>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)p, 2, NULL, &rep), RA_OK);
	assert_non_null(rep);
	assert_int_equal(rep->req.n, 3);
	assert_int_equal(rep->nres, 2);
	assert_int_equal(ra_report_pass_count(rep), 1);
	assert_int_equal(ra_report_fail_count(rep), 1);
	assert_int_equal(result(rep, "Full")->nmiss, 0);
	r = result(rep, "Low");
	assert_int_equal(r->nmiss, 1);
	assert_string_equal(miss_name(rep, r, 0), "prvReadAccount");
	assert_int_equal(missing(rep, r)[0].req->min, RA_LEVEL_GLOBAL);
	assert_int_equal(missing(rep, r)[0].actual, RA_LEVEL_LOCAL);
	ra_report_free(rep);
	ra_profile_free(p[0]);
	ra_profile_free(p[1]);
	ra_solution_free(sol);
}

/* The union is independent of the profiles' order. */
static void
test_union_order(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p[2], *q[2];
	struct ra_solution		*sol;
	struct ra_report		*a, *b;
	const struct ra_result		*ra, *rb;

	p[0] = ut_profile(ctx, "one", "privilege,min_level\n"
	    "prvReadAccount,Deep\n");
	p[1] = ut_profile(ctx, "two", "privilege,min_level\n"
	    "prvReadAccount,Local\nprvWriteAccount,Basic\n");
	q[0] = p[1];
	q[1] = p[0];
	sol = solution(ctx, "c.xml",
	    "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Local\"/>"
	    "</RolePrivileges></Role>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)p, 2, NULL, &a), RA_OK);
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)q, 2, NULL, &b), RA_OK);
	ra = result(a, "R");
	rb = result(b, "R");
	assert_int_equal(ra->nmiss, 2);
	assert_int_equal(rb->nmiss, 2);
	assert_string_equal(miss_name(a, ra, 0), "prvReadAccount");
	assert_string_equal(miss_name(b, rb, 0), "prvReadAccount");
	assert_int_equal(missing(a, ra)[0].req->min, RA_LEVEL_DEEP);
	assert_int_equal(missing(b, rb)[0].req->min, RA_LEVEL_DEEP);
	ra_report_free(a);
	ra_report_free(b);
	ra_profile_free(p[0]);
	ra_profile_free(p[1]);
	ra_solution_free(sol);
}

/*
 * min_level replaces every requirement's level, up or down, without
 * changing the profiles themselves.
 */
static void
test_min_level(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep;
	struct ra_check_opts		 o;
	const struct ra_result		*r;

	p = ut_profile(ctx, "p", "privilege,min_level\n"
	    "prvReadAccount,Global\nprvReadContact,Basic\n");
	sol = solution(ctx, "c.xml",
	    "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Local\"/>"
	    "</RolePrivileges></Role>");
	memset(&o, 0, sizeof(o));
	o.min_level = RA_LEVEL_DEEP;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, &o, &rep), RA_OK);
	r = result(rep, "R");
	assert_int_equal(r->nmiss, 2);
	assert_int_equal(missing(rep, r)[0].req->min, RA_LEVEL_DEEP);
	assert_int_equal(missing(rep, r)[1].req->min, RA_LEVEL_DEEP);
	assert_int_equal(missing(rep, r)[1].actual, RA_LEVEL_LOCAL);
	ra_report_free(rep);
	/* Lowered: Basic everywhere, the Global row is now satisfied. */
	o.min_level = RA_LEVEL_BASIC;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, &o, &rep), RA_OK);
	assert_int_equal(ra_report_pass_count(rep), 1);
	assert_int_equal(ra_report_fail_count(rep), 0);
	ra_report_free(rep);
	/* RA_LEVEL_NONE: the profile's own levels. */
	o.min_level = RA_LEVEL_NONE;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, &o, &rep), RA_OK);
	r = result(rep, "R");
	assert_int_equal(r->nmiss, 1);
	assert_int_equal(missing(rep, r)[0].req->min, RA_LEVEL_GLOBAL);
	ra_report_free(rep);
	/* The profile is borrowed, not changed. */
	assert_int_equal(p->req[0].min, RA_LEVEL_GLOBAL);
	assert_int_equal(p->req[1].min, RA_LEVEL_BASIC);
	ra_profile_free(p);
	ra_solution_free(sol);
}

/*
 * Missing privileges come in the editor's tab order (a profile row's own
 * tab wins over the catalog's), then by name case-insensitively.
 */
static void
test_missing_order(void **state)
{
	static const char	*want[] = {
		"prvAppendAccount", "prvReadAccount",
		/* Core Records: the profile's Sales is its own word. */
		"prvReadContact", "prvWriteAccount",
		"prvReadIncident",		/* Service */
		"prvSyncToOutlook",		/* Business Management */
		"prvReadQuery",			/* Customization */
		"prvReadWidget",		/* Missing Entities */
		"prvReadnew_bpf_" HEX32,	/* Business Process Flows */
		"prvReadcontoso_alpha",		/* Custom Entities, a < Z */
		"prvReadcontoso_Zeta",
	};
	static const enum ra_tab tabs[] = {
		RA_TAB_CORE, RA_TAB_CORE, RA_TAB_CORE, RA_TAB_CORE,
		RA_TAB_SERVICE, RA_TAB_BUSINESS, RA_TAB_CUSTOMIZATION,
		RA_TAB_MISSING, RA_TAB_BPF, RA_TAB_CUSTOM, RA_TAB_CUSTOM
	};
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep;
	const struct ra_result		*r;
	size_t				 k;

	p = ut_profile(ctx, "p", "privilege,tab\n"
	    "prvReadcontoso_Zeta,\nprvReadWidget,\nprvWriteAccount,\n"
	    "prvReadQuery,\nprvReadnew_bpf_" HEX32 ",\nprvReadIncident,\n"
	    "prvReadcontoso_alpha,\nprvReadContact,Sales\n"
	    "prvSyncToOutlook,\nprvReadAccount,\nprvAppendAccount,\n");
	sol = solution(ctx, "c.xml", "<Role id=\"1\" name=\"Empty\"/>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	r = result(rep, "Empty");
	assert_int_equal(r->nmiss, sizeof(want) / sizeof(want[0]));
	for (k = 0; k < r->nmiss; k++) {
		assert_string_equal(miss_name(rep, r, k), want[k]);
		assert_string_equal(missing(rep, r)[k].name, want[k]);
		assert_int_equal(missing(rep, r)[k].tab, tabs[k]);
		assert_int_equal(missing(rep, r)[k].actual, RA_LEVEL_NONE);
		assert_int_equal(missing(rep, r)[k].req->priv, missing(rep, r)[k].priv);
	}
	ra_report_free(rep);
	ra_profile_free(p);
	ra_solution_free(sol);
}

/* `actual` is the level held when it is below the requirement, else 0. */
static void
test_actual_level(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep;
	const struct ra_result		*r;

	p = ut_profile(ctx, "p", "privilege,min_level\n"
	    "prvReadAccount,Global\nprvWriteAccount,Local\n"
	    "prvDeleteAccount,Deep\nprvShareAccount,Basic\n");
	sol = solution(ctx, "c.xml",
	    "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Deep\"/>"
	    "<RolePrivilege name=\"prvWriteAccount\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvShareAccount\" level=\"Global\"/>"
	    "</RolePrivileges></Role>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	r = result(rep, "R");
	assert_int_equal(r->nmiss, 3);
	assert_string_equal(miss_name(rep, r, 0), "prvDeleteAccount");
	assert_int_equal(missing(rep, r)[0].actual, RA_LEVEL_NONE);
	assert_int_equal(missing(rep, r)[0].req->min, RA_LEVEL_DEEP);
	assert_string_equal(miss_name(rep, r, 1), "prvReadAccount");
	assert_int_equal(missing(rep, r)[1].actual, RA_LEVEL_DEEP);
	assert_int_equal(missing(rep, r)[1].req->min, RA_LEVEL_GLOBAL);
	assert_string_equal(miss_name(rep, r, 2), "prvWriteAccount");
	assert_int_equal(missing(rep, r)[2].actual, RA_LEVEL_BASIC);
	assert_int_equal(missing(rep, r)[2].req->min, RA_LEVEL_LOCAL);
	ra_report_free(rep);
	ra_profile_free(p);
	ra_solution_free(sol);
}

/* Pass/fail counts over several solutions; results keep input order. */
static void
test_counts(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol[3];
	struct ra_report		*rep;

	p = ut_profile(ctx, "p", "privilege\nprvReadAccount\n");
	sol[0] = solution(ctx, "a.xml", "<Role id=\"1\" name=\"A1\">"
	    "<RolePrivileges><RolePrivilege name=\"prvReadAccount\" "
	    "level=\"Basic\"/></RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"A2\"/>");
	sol[1] = solution(ctx, "b.xml", "");
	sol[2] = solution(ctx, "c.xml", "<Role id=\"3\" name=\"C1\"/>"
	    "<Role id=\"4\" name=\"C2\"/>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)sol,
	    3, (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	assert_int_equal(rep->nres, 4);
	assert_int_equal(ra_report_pass_count(rep), 1);
	assert_int_equal(ra_report_fail_count(rep), 3);
	assert_string_equal(rep->res[0].role->name, "A1");
	assert_int_equal(rep->res[0].sol, 0);
	assert_string_equal(rep->res[1].role->name, "A2");
	assert_string_equal(rep->res[2].role->name, "C1");
	assert_int_equal(rep->res[2].sol, 2);
	assert_int_equal(rep->res[3].sol, 2);
	assert_int_equal(rep->nsol, 3);
	assert_int_equal(rep->nprof, 1);
	ra_report_free(rep);
	ra_profile_free(p);
	ra_solution_free(sol[0]);
	ra_solution_free(sol[1]);
	ra_solution_free(sol[2]);
}

/* No roles at all: an empty report, nothing passes or fails. */
static void
test_no_roles(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_report		*rep = NULL;

	p = ut_profile(ctx, "p", "privilege\nprvReadAccount\n");
	assert_int_equal(ra_check(ctx, NULL, 0,
	    (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	assert_non_null(rep);
	assert_int_equal(rep->nres, 0);
	assert_int_equal(ra_report_pass_count(rep), 0);
	assert_int_equal(ra_report_fail_count(rep), 0);
	ra_report_free(rep);
	ra_report_free(NULL);
	ra_profile_free(p);
}

/*
 * No profiles: nothing is required, every role passes.
 * Regression (fixed): with an empty requirement bitmap, check_role() reaches
 * ra_bitmap_missing() with both bitmaps empty, which calls
 * memset(NULL, 0, 0) (bitmap.c); UBSan aborts with "null pointer passed
 * as argument 1, which is declared to never be null".
 */
static void
test_no_profiles(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_solution		*sol;
	struct ra_report		*rep;

	sol = solution(ctx, "c.xml", "<Role id=\"1\" name=\"R\"/>"
	    "<Role id=\"2\" name=\"S\"/>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, NULL, 0, NULL, &rep), RA_OK);
	assert_int_equal(rep->req.n, 0);
	assert_int_equal(ra_report_pass_count(rep), 2);
	assert_int_equal(ra_report_fail_count(rep), 0);
	ra_report_free(rep);
	ra_solution_free(sol);
}

/*
 * Privileges interned after the profile (wider role bitmaps) and roles
 * holding far more than the profile needs do not disturb the result.
 */
static void
test_wide_roles(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep;
	struct ra_buf			 b = { 0 };
	int				 i;

	p = ut_profile(ctx, "p", "privilege,min_level\nprvReadAccount,Local\n");
	ra_buf_adds(&b, "<Role id=\"1\" name=\"Wide\"><RolePrivileges>");
	for (i = 0; i < 300; i++)
		ra_buf_printf(&b, "<RolePrivilege name=\"prvReadnew_t%d\" "
		    "level=\"Global\"/>", i);
	ra_buf_adds(&b, "<RolePrivilege name=\"prvReadAccount\" "
	    "level=\"Deep\"/></RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Narrow\"/>");
	assert_false(b.oom);
	sol = solution(ctx, "c.xml", b.s);
	ra_buf_free(&b);
	assert_int_equal(ra_role_privilege_count(ut_role(sol, "Wide")), 301);
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	assert_int_equal(result(rep, "Wide")->nmiss, 0);
	assert_int_equal(result(rep, "Narrow")->nmiss, 1);
	assert_int_equal(ra_report_pass_count(rep), 1);
	ra_report_free(rep);
	ra_profile_free(p);
	ra_solution_free(sol);
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)

/*
 * A role written unmodified="1" without privileges is not judged: it is
 * neither passing nor failing.  With privileges, the attribute is moot.
 */
static void
test_not_exported(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep;

	p = ut_profile(ctx, "p", "privilege,min_level\nprvReadAccount,Basic\n");
	sol = solution(ctx, "c.xml",
	    "<Role id=\"1\" name=\"Basic User\" unmodified=\"1\"/>"
	    "<Role id=\"2\" name=\"Kept\" unmodified=\"1\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"3\" name=\"Empty\"><RolePrivileges/></Role>"
	    "<Role id=\"4\" name=\"Zero\" unmodified=\"0\"/>");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	assert_int_equal(rep->nres, 4);
	assert_true(result(rep, "Basic User")->not_exported);
	assert_int_equal(result(rep, "Basic User")->nmiss, 0);
	assert_false(result(rep, "Kept")->not_exported);
	/* No privileges but not written unmodified: judged, and fails. */
	assert_false(result(rep, "Empty")->not_exported);
	assert_int_equal(result(rep, "Empty")->nmiss, 1);
	assert_false(result(rep, "Zero")->not_exported);
	assert_int_equal(ra_report_not_exported_count(rep), 1);
	assert_int_equal(ra_report_pass_count(rep), 1);
	assert_int_equal(ra_report_fail_count(rep), 2);
	ra_report_free(rep);
	ra_profile_free(p);
	ra_solution_free(sol);
}

/*
 * ra_check_opts.roles: only the roles named (by name, ASCII case
 * ignored, or by id, braces ignored) are judged and counted; a name that
 * matches none is RA307 with the close names, and RA_EINVAL.
 */
static void
test_role_filter(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_profile		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep = NULL;
	struct ra_check_opts		 o;
	const char			*names[2] = { "sales PERSON",
	    "{" HEX32 "}" };
	const char			*bad[1] = { "Sales Persn" };
	const struct ra_diag		*d;

	p = ut_profile(ctx, "p", "privilege,min_level\nprvReadAccount,Basic\n");
	sol = solution(ctx, "c.xml",
	    "<Role id=\"1\" name=\"Salesperson\"/>"
	    "<Role id=\"2\" name=\"Sales Person\"/>"
	    "<Role id=\"" HEX32 "\" name=\"Reader\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"4\" name=\"Other\"/>");
	memset(&o, 0, sizeof(o));
	o.roles = names;
	o.nroles = 2;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, &o, &rep), RA_OK);
	assert_int_equal(rep->nres, 2);
	assert_string_equal(rep->res[0].role->name, "Sales Person");
	assert_string_equal(rep->res[1].role->name, "Reader");
	assert_int_equal(ra_report_pass_count(rep), 1);
	assert_int_equal(ra_report_fail_count(rep), 1);
	ra_report_free(rep);
	rep = NULL;
	o.roles = bad;
	o.nroles = 1;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, &o, &rep), RA_EINVAL);
	assert_null(rep);
	assert_non_null(d = ut_diag(ctx, 307));
	assert_non_null(strstr(d->message, "Sales Persn"));
	assert_non_null(strstr(d->message, "Sales Person"));
	assert_null(strstr(d->message, "Other"));
	ra_profile_free(p);
	ra_solution_free(sol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CTX(test_union_higher_wins),
		CTX(test_union_order),
		CTX(test_min_level),
		CTX(test_missing_order),
		CTX(test_actual_level),
		CTX(test_counts),
		CTX(test_no_roles),
		CTX(test_wide_roles),
		CTX(test_not_exported),
		CTX(test_role_filter),
		/* Last: under UBSan it aborts the program until fixed. */
		CTX(test_no_profiles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
