/*
 * test_explain.c - explain.c: error codes, privilege names, ids and
 * depths read from pasted text, and the roles that lack what it names.
 */
#include "unit.h"

/* KB 4015092's Details, as the article quotes them. */
static const char kb4015092[] =
    "T:331ActivityId: <GUID>>Exception : Unhandled Exception: "
    "Microsoft.Crm.Asynchronous.EmailConnector.ExchangeSyncException: "
    "Failed to update the sync state : Principal user (Id=<GUID>, type=8) "
    "is missing prvReadEmailServerProfile privilege (Id=<ID>)Detail: <ID> "
    "-2147220960 Principal user (Id=<GUID>, type=8) is missing "
    "prvReadEmailServerProfile privilege (Id=edebe6f6-cf2e-45...";

static const char roles[] =
    "<ImportExportXml><Roles>"
    "<Role id=\"{11111111-0000-4000-8000-000000000001}\" name=\"Has\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvReadEmailServerProfile\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvWriteMailbox\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadMailbox\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvSyncToOutlook\" level=\"Global\"/>"
    "</RolePrivileges></Role>"
    "<Role id=\"{11111111-0000-4000-8000-000000000002}\" name=\"Lacks\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvReadMailbox\" level=\"Local\"/>"
    "</RolePrivileges></Role>"
    "</Roles></ImportExportXml>";

/* The explanation borrows the solution list: it must outlive it. */
static const struct ra_solution *one[1];

/*
 * The built-in profiles, loaded through the test's context before any
 * solution, as the command line does; explanations borrow them.
 */
static struct ra_profile	*builtin[32];
static size_t			 nbuiltin;

static int
setup_x(void **state)
{
	const char	*name;

	if (ut_setup_ctx(state) != 0)
		return -1;
	for (nbuiltin = 0; (name = ra_profile_builtin(nbuiltin)) != NULL;
	    nbuiltin++)
		if (nbuiltin == 32 || ra_profile_load(*state, name,
		    &builtin[nbuiltin]) != RA_OK)
			return -1;
	return 0;
}

static int
teardown_x(void **state)
{
	while (nbuiltin > 0)
		ra_profile_free(builtin[--nbuiltin]);
	return ut_teardown_ctx(state);
}

#define BUILTIN	(const struct ra_profile *const *)builtin, nbuiltin

static struct ra_explanation *
explain(struct ra_ctx *ctx, const char *text, struct ra_solution *sol)
{
	struct ra_explanation	*x = NULL;
	enum ra_err		 rc;

	one[0] = sol;
	rc = ra_explain(ctx, text, strlen(text), one, sol ? 1 : 0, BUILTIN,
	    &x);
	if (rc != RA_OK || x == NULL)
		fail_msg("ra_explain: %s", ra_strerror(rc));
	return x;
}

static struct ra_solution *
solution(struct ra_ctx *ctx)
{
	struct ra_solution	*sol = NULL;

	if (ut_load(ctx, "c.xml", roles, &sol) != RA_OK)
		fail_msg("fixture does not load");
	return sol;
}

static const struct ra_xpriv *
xp(const struct ra_explanation *x, const char *name)
{
	struct ra_privdef	 d;
	size_t			 i;

	for (i = 0; i < x->np; i++) {
		ra_explanation_privdef(x, x->p[i].priv, &d);
		if (strcmp(d.name, name) == 0)
			return &x->p[i];
	}
	fail_msg("%s not explained", name);
	return NULL;
}

static int
has_code(const struct ra_explanation *x, const char *code)
{
	size_t	 i;

	for (i = 0; i < x->ns; i++)
		if (strcmp(x->s[i].def->code, code) == 0)
			return 1;
	return 0;
}

static const struct ra_xrole *
xrole(const struct ra_xpriv *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->nr; i++)
		if (strcmp(p->r[i].role->name, name) == 0)
			return &p->r[i];
	fail_msg("no role %s", name);
	return NULL;
}

/* The article's trace: one privilege, named twice and by a cut id. */
static void
test_kb4015092_trace(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = solution(ctx);
	struct ra_explanation	*x = explain(ctx, kb4015092, sol);
	const struct ra_xpriv	*p;

	assert_int_equal(x->np, 1);
	p = xp(x, "prvReadEmailServerProfile");
	assert_true(p->how & RA_XHOW_NAMED);
	assert_true(p->how & RA_XHOW_ID);
	assert_string_equal(p->idtext, "edebe6f6-cf2e-45");
	assert_int_equal(x->principal, 8);
	assert_true(has_code(x, "0x80040220"));
	assert_true(has_code(x, "Exchange synchronization"));
	assert_false(has_code(x, "Crm.80040220.PrivilegeDenied"));
	assert_int_equal(ctx->cat.v[p->priv].tab, RA_TAB_BUSINESS);
	assert_false(xrole(p, "Has")->lacks);
	assert_true(xrole(p, "Lacks")->lacks);
	assert_int_equal(p->nlack, 1);
	assert_int_equal(ra_explanation_lacking_count(x), 1);
	/* It names a privilege: no profile is checked in its place. */
	assert_int_equal(x->nrep, 0);
	ra_explanation_free(x);
	ra_solution_free(sol);
}

/* A name cut by a line break is joined when only the joined name is known. */
static void
test_wrapped_name(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;

	x = explain(ctx, "is missing prvReadEmail\r\nServerProfile privilege",
	    NULL);
	assert_int_equal(x->np, 1);
	xp(x, "prvReadEmailServerProfile");
	ra_explanation_free(x);
	/* prvReadMailbox is known: "Owner" on the next line stays apart. */
	x = explain(ctx, "missing prvReadMailbox\nOwner is wrong", NULL);
	assert_int_equal(x->np, 1);
	xp(x, "prvReadMailbox");
	ra_explanation_free(x);
}

/* Names compare ignoring case; reports use the catalog's spelling. */
static void
test_case_and_escapes(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;

	x = explain(ctx, "{\"m\":\"PRVREADMAILBOX failed\\r\\nprvReadQueue\"}",
	    NULL);
	assert_int_equal(x->np, 2);
	xp(x, "prvReadMailbox");
	xp(x, "prvReadQueue");
	ra_explanation_free(x);
	/* Inside a word "prv" is not a name. */
	x = explain(ctx, "improvReadMailbox and xprvReadQueue", NULL);
	assert_int_equal(x->np, 0);
	ra_explanation_free(x);
}

/* A whole id, upper case in braces, names the privilege by itself. */
static void
test_id_only(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;
	const struct ra_xpriv	*p;

	x = explain(ctx, "Principal team (Id=6f5d2a10-4c7e-4b1e-9c43-"
	    "2f1e5d6c7b8a, type=9) is missing privilege (Id={EDEBE6F6-CF2E-"
	    "4520-B635-AE0615D41E34})", NULL);
	assert_int_equal(x->np, 1);
	p = xp(x, "prvReadEmailServerProfile");
	assert_int_equal(p->how, RA_XHOW_ID);
	assert_int_equal(x->principal, 9);
	ra_explanation_free(x);
	/* Too short, or not shaped like a GUID: nothing. */
	x = explain(ctx, "id edebe6f6 and edebe6f6cf2e", NULL);
	assert_int_equal(x->np, 0);
	ra_explanation_free(x);
}

/* "Required Depth" goes to the nearest privilege before it. */
static void
test_required_depth(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = solution(ctx);
	struct ra_explanation	*x;
	const struct ra_xpriv	*p;

	x = explain(ctx, "SecLib::CheckPrivilege failed. PrivilegeName: "
	    "prvReadMailbox, Required Depth: Deep\nPrivilegeName: "
	    "prvWriteMailbox, Required Depth:\n  Basic\n", sol);
	assert_true(has_code(x, "SecLib::CheckPrivilege"));
	p = xp(x, "prvReadMailbox");
	assert_int_equal(p->required, RA_LEVEL_DEEP);
	/* Local is below Deep: both roles lack it. */
	assert_int_equal(p->nlack, 2);
	p = xp(x, "prvWriteMailbox");
	assert_int_equal(p->required, RA_LEVEL_BASIC);
	assert_int_equal(p->nlack, 1);
	ra_explanation_free(x);
	ra_solution_free(sol);
}

/* An error without a privilege: its profile is checked instead. */
static void
test_profile_check(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = solution(ctx);
	struct ra_explanation	*x;

	x = explain(ctx, "Email Server Error Code: UserPrivilegeError", sol);
	assert_int_equal(x->np, 0);
	assert_true(has_code(x, "UserPrivilegeError"));
	assert_int_equal(x->nrep, 1);
	assert_string_equal(x->rep[0]->prof[0]->name, "server-side-sync");
	assert_int_equal(x->rep[0]->nfail, 2);
	assert_int_equal(ra_explanation_lacking_count(x), 2);
	ra_explanation_free(x);
	/* KB 4052824: the access check on exchangesyncidmapping. */
	x = explain(ctx, "SecLib::AccessCheckEx failed. Returned hr = "
	    "-2147187962, OwnerIdType: 8 and CallingUser: x. ObjectTypeCode: "
	    "4120, AccessRights: WriteAccess", sol);
	assert_int_equal(x->otc, 4120);
	assert_string_equal(x->access, "Write");
	assert_int_equal(x->nrep, 1);
	assert_string_equal(x->rep[0]->prof[0]->name, "mailbox-owner");
	/* "Has" holds all three; "Lacks" lacks write and Sync to Outlook. */
	assert_int_equal(x->rep[0]->nfail, 1);
	ra_explanation_free(x);
	ra_solution_free(sol);
}

/* An access check on a known table implies the privilege it needs. */
static void
test_access_implies(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;
	const struct ra_xpriv	*p;

	x = explain(ctx, "SecLib::AccessCheckEx failed. ObjectTypeCode: 9606,"
	    " objectBusinessUnitId: x, AccessRights: AppendToAccess", NULL);
	p = xp(x, "prvAppendToMailbox");
	assert_int_equal(p->how, RA_XHOW_IMPLIED);
	assert_non_null(p->why);
	ra_explanation_free(x);
}

/* The mobile app's refusal implies the two apps' access privileges. */
static void
test_not_authorized(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;

	x = explain(ctx, "You haven\xe2\x80\x99t been authorized to use this "
	    "app. Check with your system administrator.", NULL);
	assert_int_equal(x->np, 2);
	assert_int_equal(xp(x, "prvUseTabletApp")->required, RA_LEVEL_GLOBAL);
	assert_int_equal(xp(x, "prvUseOfficeApps")->required,
	    RA_LEVEL_GLOBAL);
	ra_explanation_free(x);
}

/* Codes inside other codes are not counted twice. */
static void
test_code_boundaries(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;

	x = explain(ctx, "Email Server Error Code: Crm.80040220.PrivilegeDenied",
	    NULL);
	assert_int_equal(x->ns, 1);
	assert_true(has_code(x, "Crm.80040220.PrivilegeDenied"));
	ra_explanation_free(x);
	x = explain(ctx, "hr=0x80040220", NULL);
	assert_int_equal(x->ns, 1);
	assert_true(has_code(x, "0x80040220"));
	ra_explanation_free(x);
	x = explain(ctx, "order 180040220 shipped", NULL);
	assert_int_equal(x->ns, 0);
	ra_explanation_free(x);
}

/* Nothing known: nothing claimed. */
static void
test_unknown(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_explanation	*x;
	char			 bytes[4096];
	size_t			 i;

	x = explain(ctx, "The printer is out of paper (error 42).", NULL);
	assert_int_equal(x->np, 0);
	assert_int_equal(x->ns, 0);
	assert_int_equal(x->principal, -1);
	ra_explanation_free(x);
	/* Any bytes, NULs included, are read without harm. */
	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (char)((i * 7919 + 13) & 0xff);
	memcpy(bytes + 100, "prv", 3);
	memcpy(bytes + 4090, "prvRe", 5);
	assert_int_equal(ra_explain(ctx, bytes, sizeof(bytes), NULL, 0,
	    BUILTIN, &x), RA_OK);
	ra_explanation_free(x);
}

/* A focused context forgets privileges: explain refuses it. */
static void
test_focused(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p;
	struct ra_solution	*sol;
	struct ra_explanation	*x = NULL;

	p = ut_profile(ctx, "p", "privilege\nprvReadMailbox\n");
	assert_int_equal(ra_ctx_focus(ctx,
	    (const struct ra_profile *const *)&p, 1), RA_OK);
	sol = solution(ctx);
	one[0] = sol;
	assert_int_equal(ra_explain(ctx, "prvReadMailbox", 14, one, 1,
	    BUILTIN, &x), RA_EINVAL);
	assert_null(x);
	/* Without inputs it still explains. */
	assert_int_equal(ra_explain(ctx, "prvReadMailbox", 14, NULL, 0,
	    BUILTIN, &x), RA_OK);
	ra_explanation_free(x);
	ra_solution_free(sol);
	ra_profile_free(p);
}

/* Each rendering of an explanation is written in full. */
static void
test_render(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = solution(ctx);
	struct ra_explanation	*x = explain(ctx, kb4015092, sol);
	struct ra_write_opts	 wo;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 fmt;

	for (fmt = RA_FORMAT_TEXT; fmt <= RA_FORMAT_JSON; fmt++) {
		memset(&wo, 0, sizeof(wo));
		wo.format = (enum ra_format)fmt;
		assert_non_null(f = open_memstream(&buf, &len));
		assert_int_equal(ra_write_explanation(x, &wo, f), RA_OK);
		fclose(f);
		assert_non_null(strstr(buf, "prvReadEmailServerProfile"));
		assert_non_null(strstr(buf, "Lacks"));
		free(buf);
		buf = NULL;
	}
	ra_explanation_free(x);
	ra_solution_free(sol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kb4015092_trace,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_wrapped_name,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_case_and_escapes,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_id_only,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_required_depth,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_profile_check,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_access_implies,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_not_authorized,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_code_boundaries,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_unknown,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_focused,
		    setup_x, teardown_x),
		cmocka_unit_test_setup_teardown(test_render,
		    setup_x, teardown_x),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
