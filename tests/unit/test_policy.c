/*
 * test_policy.c - policies: the loader (columns, depths, severities,
 * patterns, the errors with their lines, the row limit, linear loading)
 * and the matcher (names case-insensitively, prefixes, access and table
 * through the knowledge base, tabs, "unknown", role patterns and
 * exceptions), and check's violations, verdicts and finding counts.
 */
#include "unit.h"

/* Policy TEXT as "p.csv"; fails the test unless it loads. */
static struct ra_policy *
policy(struct ra_ctx *ctx, const char *text)
{
	struct ra_policy	*p = NULL;
	enum ra_err		 rc;

	rc = ra_policy_load_buffer(ctx, "p", "p.csv", text, strlen(text), &p);
	if (rc != RA_OK)
		fail_msg("policy: %s", ra_strerror(rc));
	return p;
}

/* Policy TEXT must not load: status RC, a diagnostic CODE at LINE. */
static void
bad(struct ra_ctx *ctx, const char *text, enum ra_err rc, int code,
    unsigned long line)
{
	struct ra_policy	*p = NULL;
	const struct ra_diag	*d;

	assert_int_equal(ra_policy_load_buffer(ctx, "p", "p.csv", text,
	    strlen(text), &p), rc);
	assert_null(p);
	assert_non_null(d = ut_diag(ctx, code));
	assert_string_equal(d->file, "p.csv");
	assert_int_equal(d->line, line);
	assert_int_equal(d->severity, RA_SEV_ERROR);
}

static struct ra_solution *
solution(struct ra_ctx *ctx, const char *roles)
{
	struct ra_solution	*sol = NULL;
	struct ra_buf		 b = { 0 };

	ra_buf_adds(&b, "<ImportExportXml><Roles>");
	ra_buf_adds(&b, roles);
	ra_buf_adds(&b, "</Roles></ImportExportXml>");
	assert_false(b.oom);
	assert_int_equal(ra_solution_load_buffer(ctx, "c.xml", b.s, b.len,
	    &sol), RA_OK);
	ra_buf_free(&b);
	return sol;
}

/* Every column read; defaults: severity error, every role. */
static void
test_load_columns(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_policy	*p;

	p = policy(ctx, "# source: the test\n# version: 7\n"
	    "Reason,privilege,MAX_DEPTH,access,table,tab,roles,except_roles,"
	    "severity\n"
	    "why,prvReadAccount,Organization,,,,,,\n"
	    "\n"
	    "x,prvWrite*,none,Write,account,Core Records,A*;B,C,Warning\n"
	    "y,*,business unit,Append To,unknown,unknown,,,note\n");
	assert_int_equal(ra_policy_size(p), 3);
	assert_string_equal(ra_policy_name(p), "p");
	assert_string_equal(p->source, "the test");
	assert_string_equal(p->version, "7");
	assert_int_equal(p->row[0].line, 4);
	assert_int_equal(p->row[0].max, RA_LEVEL_GLOBAL);
	assert_int_equal(p->row[0].sev, RA_SEV_ERROR);
	assert_false(p->row[0].prefix);
	assert_string_equal(p->row[0].reason, "why");
	assert_string_equal(p->row[0].roles, "");
	assert_int_equal(p->row[1].line, 6);
	assert_true(p->row[1].prefix);
	assert_int_equal(p->row[1].privlen, 8);
	assert_int_equal(p->row[1].max, RA_LEVEL_NONE);
	assert_int_equal(p->row[1].access, RA_ACCESS_WRITE);
	assert_string_equal(p->row[1].table, "account");
	assert_int_equal(p->row[1].tab, RA_TAB_CORE);
	assert_int_equal(p->row[1].sev, RA_SEV_WARNING);
	assert_true(p->row[2].prefix);
	assert_int_equal(p->row[2].privlen, 0);
	assert_int_equal(p->row[2].max, RA_LEVEL_LOCAL);
	assert_int_equal(p->row[2].access, RA_ACCESS_APPENDTO);
	assert_true(p->row[2].table_unknown);
	assert_true(p->row[2].tab_unknown);
	assert_int_equal(p->row[2].sev, RA_SEV_NOTE);
	ra_policy_free(p);
}

/* Each malformed file: its status, code and line. */
static void
test_load_errors(void **state)
{
	struct ra_ctx	*ctx = *state;

	bad(ctx, "privilege,max_depth\nprvA,Org\n", RA_ECSV, 301, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth\nprvA,\n", RA_ECSV, 301, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth,depth\nprvA,Local,x\n", RA_ECSV, 303, 1);
	ra_diag_clear(ctx);
	bad(ctx, "privilege\nprvA\n", RA_ECSV, 303, 1);
	ra_diag_clear(ctx);
	bad(ctx, "max_depth\nLocal\n", RA_ECSV, 303, 1);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth\nprvA,None\n,Local\n", RA_ECSV, 302, 3);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth\nprv*A,None\n", RA_ECSV, 302, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth\nReadA,None\n", RA_ECSV, 302, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth,severity\nprvA,None,fatal\n", RA_ECSV,
	    312, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth,access\nprvA,None,Erase\n", RA_ECSV,
	    312, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth,tab\nprvA,None,Finance\n", RA_ECSV,
	    304, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth\n", RA_ECSV, 302, 0);
	ra_diag_clear(ctx);
	bad(ctx, "", RA_ECSV, 303, 0);
	ra_diag_clear(ctx);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_NAME_LENGTH, 8), RA_OK);
	bad(ctx, "privilege,max_depth,roles\nprvA,None,short;much too long\n",
	    RA_ECSV, 112, 2);
	ra_diag_clear(ctx);
	bad(ctx, "privilege,max_depth\nprvLongerThan8,None\n", RA_ECSV, 112,
	    2);
	ra_diag_clear(ctx);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_CSV_ROWS, 2), RA_OK);
	bad(ctx, "privilege,max_depth\nprvA,None\nprvB,None\nprvC,None\n",
	    RA_ELIMIT, 309, 4);
}

/* A name of no built-in policy, and a file that is not there. */
static void
test_load_names(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_policy	*p = NULL;

	assert_int_equal(ra_policy_load(ctx, "strict", &p), RA_EINVAL);
	assert_null(p);
	assert_non_null(ut_diag(ctx, 311));
	assert_int_equal(ra_policy_load(ctx, "no/such.csv", &p),
	    RA_ENOTFOUND);
	assert_null(p);
	/* The tests run from the repository's root. */
	assert_int_equal(ra_policy_load(ctx, "samples/policy.csv", &p), RA_OK);
	assert_int_equal(ra_policy_size(p), 5);
	ra_policy_free(p);
}

/*
 * 100,000 rows load (the default limit), and in time linear in the
 * rows: twice the rows take well under four times as long.
 */
static void
test_load_linear(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_policy	*p;
	struct ra_buf		 b = { 0 };
	clock_t			 t0, t1, t2;
	size_t			 i;

	ra_buf_adds(&b, "privilege,max_depth,roles,reason\n");
	for (i = 0; i < 100000; i++)
		ra_buf_printf(&b, "prvRead%zu,Local,Role %zu;Other*,r\n", i, i);
	assert_false(b.oom);
	t0 = clock();
	p = policy(ctx, b.s);
	t1 = clock();
	assert_int_equal(ra_policy_size(p), 100000);
	assert_int_equal(p->row[99999].line, 100001);
	ra_policy_free(p);
	/* The first half again, timed. */
	b.len = 0;
	ra_buf_adds(&b, "privilege,max_depth,roles,reason\n");
	for (i = 0; i < 50000; i++)
		ra_buf_printf(&b, "prvRead%zu,Local,Role %zu;Other*,r\n", i, i);
	t2 = clock();
	p = policy(ctx, b.s);
	assert_true((double)(t1 - t0) < 4.0 * (double)(clock() - t2) +
	    0.05 * CLOCKS_PER_SEC);
	ra_policy_free(p);
	ra_buf_free(&b);
}

/* Names and prefixes match ASCII case-insensitively. */
static void
test_match_names(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_policy	*p;
	struct ra_pinfo		 pi;
	size_t			 priv;
	unsigned		 via;

	p = policy(ctx, "privilege,max_depth\nPRVREADACCOUNT,None\n"
	    "prvread*,None\nprvReadAcc,None\nprv*,None\n");
	priv = ra_catalog_intern(&ctx->cat, "prvReadAccount", 14);
	ra_pinfo(ctx, NULL, 0, priv, &pi);
	assert_true(ra_prule_matches(&p->row[0], &pi, &via));
	assert_int_equal(via, 0);
	assert_true(ra_prule_matches(&p->row[1], &pi, &via));
	assert_false(ra_prule_matches(&p->row[2], &pi, &via));
	assert_true(ra_prule_matches(&p->row[3], &pi, &via));
	priv = ra_catalog_intern(&ctx->cat, "prvWriteAccount", 15);
	ra_pinfo(ctx, NULL, 0, priv, &pi);
	assert_false(ra_prule_matches(&p->row[0], &pi, &via));
	assert_false(ra_prule_matches(&p->row[1], &pi, &via));
	ra_policy_free(p);
}

/*
 * Access and table through the knowledge base: prvDeleteAccount is on
 * table account; a table no fact names matches only "unknown", and a
 * miscellaneous privilege has no table at all.  Tabs likewise.
 */
static void
test_match_kb(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_policy	*p;
	struct ra_pinfo		 pi;
	unsigned		 via;

	p = policy(ctx, "privilege,access,table,tab,max_depth\n"
	    "*,Delete,Account,,None\n"
	    "*,Read,Account,,None\n"
	    "prv*,,unknown,,None\n"
	    "*,,,Core Records,None\n"
	    "*,,,unknown,None\n"
	    "*,Misc,,,None\n");
	ra_pinfo(ctx, NULL, 0, ra_catalog_intern(&ctx->cat,
	    "prvDeleteAccount", 16), &pi);
	assert_string_equal(ra_pinfo_table(&pi), "account");
	assert_true(ra_prule_matches(&p->row[0], &pi, &via));
	assert_false(ra_prule_matches(&p->row[1], &pi, &via));
	assert_false(ra_prule_matches(&p->row[2], &pi, &via));
	assert_true(ra_prule_matches(&p->row[3], &pi, &via));
	assert_false(ra_prule_matches(&p->row[4], &pi, &via));
	assert_false(ra_prule_matches(&p->row[5], &pi, &via));
	/* A table no fact names: never guessed from the name. */
	ra_pinfo(ctx, NULL, 0, ra_catalog_intern(&ctx->cat,
	    "prvDeleteZzqWidget", 18), &pi);
	assert_null(ra_pinfo_table(&pi));
	assert_false(ra_prule_matches(&p->row[0], &pi, &via));
	assert_true(ra_prule_matches(&p->row[2], &pi, &via));
	assert_int_equal(via, RA_VIA_TABLE);
	assert_false(ra_prule_matches(&p->row[3], &pi, &via));
	assert_true(ra_prule_matches(&p->row[4], &pi, &via));
	assert_int_equal(via, RA_VIA_TAB);
	/* A miscellaneous privilege: no table, known or unknown. */
	ra_pinfo(ctx, NULL, 0, ra_catalog_intern(&ctx->cat, "prvBulkDelete",
	    13), &pi);
	assert_false(ra_prule_matches(&p->row[2], &pi, &via));
	assert_true(ra_prule_matches(&p->row[5], &pi, &via));
	ra_policy_free(p);
}

/* Role patterns: names, ids, '*', exceptions. */
static void
test_roles(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_policy	*p;
	struct ra_role		 r;

	memset(&r, 0, sizeof(r));
	r.name = "Sales Manager";
	r.id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
	p = policy(ctx, "privilege,max_depth,roles,except_roles\n"
	    "prvA,None,,\n"
	    "prvA,None,sales*,\n"
	    "prvA,None,*MANAGER; Other,\n"
	    "prvA,None,{3FA85F64-5717-4562-B3FC-2C963F66AFA6},\n"
	    "prvA,None,,x;sales manager\n"
	    "prvA,None,Sales,\n"
	    "prvA,None,S*s*r,\n"
	    "prvA,None,*,*Man*\n");
	assert_true(ra_prule_applies(&p->row[0], &r));
	assert_true(ra_prule_applies(&p->row[1], &r));
	assert_true(ra_prule_applies(&p->row[2], &r));
	assert_true(ra_prule_applies(&p->row[3], &r));
	assert_false(ra_prule_applies(&p->row[4], &r));
	assert_false(ra_prule_applies(&p->row[5], &r));
	assert_true(ra_prule_applies(&p->row[6], &r));
	assert_false(ra_prule_applies(&p->row[7], &r));
	ra_policy_free(p);
}

/*
 * check with a policy: violations above the allowed depth only, sorted,
 * an error row fails the role, a warning row does not; finding counts
 * by severity; a role not exported is not held against it; a focused
 * context is refused.
 */
static void
test_check(void **state)
{
	struct ra_ctx			*ctx = *state;
	struct ra_policy		*p;
	struct ra_solution		*sol;
	struct ra_report		*rep = NULL;
	struct ra_check_opts		 co;
	const struct ra_policy		*pp[1];
	struct ra_buf			 m = { 0 };
	size_t				 i;

	p = policy(ctx, "privilege,max_depth,severity,except_roles,reason\n"
	    "prvDeleteAccount,Local,error,,no org delete\n"
	    "prvReadContact,Basic,warning,Boss,own contacts\n");
	pp[0] = p;
	sol = solution(ctx,
	    "<Role id=\"1\" name=\"Wide\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Global\"/>"
	    "<RolePrivilege name=\"PRVDELETEACCOUNT\" level=\"Global\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Narrow\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvDeleteAccount\" level=\"Local\"/>"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Deep\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"3\" name=\"Boss\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Global\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"4\" name=\"Builtin\" unmodified=\"1\"/>");
	memset(&co, 0, sizeof(co));
	co.policies = pp;
	co.npolicies = 1;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, NULL, 0, &co, &rep), RA_OK);
	assert_int_equal(rep->nres, 4);
	/* Wide: both rows; Delete (Core Records, Account) before Read. */
	assert_int_equal(rep->res[0].nviol, 2);
	assert_string_equal(rep->res[0].viol[0].pi.name, "prvDeleteAccount");
	assert_int_equal(rep->res[0].viol[0].held, RA_LEVEL_GLOBAL);
	assert_int_equal(rep->res[0].viol[0].row->line, 2);
	assert_string_equal(rep->res[0].viol[1].pi.name, "prvReadContact");
	assert_true(ra_result_fails(&rep->res[0]));
	ra_violation_message(rep, &rep->res[0], &rep->res[0].viol[0], &m);
	assert_string_equal(m.s, "Role \"Wide\" holds prvDeleteAccount at "
	    "Global; policy \"p\" row p.csv:2 (prvDeleteAccount) allows at "
	    "most Local: no org delete");
	/* Narrow: Local is allowed, Deep Read is a warning only. */
	assert_int_equal(rep->res[1].nviol, 1);
	assert_int_equal(rep->res[1].viol[0].row->sev, RA_SEV_WARNING);
	assert_false(ra_result_fails(&rep->res[1]));
	/* Boss is exempt; Builtin is not judged. */
	assert_int_equal(rep->res[2].nviol, 0);
	assert_true(rep->res[3].not_exported);
	assert_int_equal(rep->res[3].nviol, 0);
	assert_int_equal(ra_report_fail_count(rep), 1);
	assert_int_equal(ra_report_pass_count(rep), 2);
	assert_int_equal(ra_report_finding_count(rep, RA_SEV_ERROR), 1);
	assert_int_equal(ra_report_finding_count(rep, RA_SEV_WARNING), 3);
	assert_int_equal(ra_report_finding_count(rep, RA_SEV_NOTE), 3);
	for (i = 0; i < rep->nres; i++)
		assert_int_equal(rep->res[i].nmiss, 0);
	ra_report_free(rep);
	ra_buf_free(&m);
	/* A focused context forgets privileges: refused. */
	assert_int_equal(ra_ctx_focus(ctx, NULL, 0), RA_OK);
	rep = NULL;
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, NULL, 0, &co, &rep), RA_EINVAL);
	assert_null(rep);
	ra_solution_free(sol);
	ra_policy_free(p);
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CTX(test_load_columns),
		CTX(test_load_errors),
		CTX(test_load_names),
		CTX(test_load_linear),
		CTX(test_match_names),
		CTX(test_match_kb),
		CTX(test_roles),
		CTX(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
