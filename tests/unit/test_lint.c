/*
 * test_lint.c - the catalog's depths and privilege ids, the isinherited
 * attribute, and lint.c's findings RA401, RA402, RA403, RA410, RA411,
 * RA420: each needs a fact, a depth a real export holds is never one,
 * a role not exported is skipped.
 */
#include "unit.h"

/* A customizations.xml holding the roles given as XML fragments. */
static struct ra_solution *
solution(struct ra_ctx *ctx, const char *roles)
{
	struct ra_solution	*sol = NULL;
	struct ra_buf		 b = { 0 };
	enum ra_err		 rc;

	ra_buf_adds(&b, "<ImportExportXml><Roles>");
	ra_buf_adds(&b, roles);
	ra_buf_adds(&b, "</Roles></ImportExportXml>");
	assert_false(b.oom);
	rc = ra_solution_load_buffer(ctx, "c.xml", b.s, b.len, &sol);
	ra_buf_free(&b);
	if (rc != RA_OK)
		fail_msg("solution: %s", ra_strerror(rc));
	return sol;
}

/* The lint borrows the solution list: it must outlive the lint. */
static const struct ra_solution *one[1];

/* Lint SOL; TEAM (or NULL) is a --team-role, UNKNOWN --unknown-depths. */
static struct ra_lint *
lint_with(struct ra_ctx *ctx, struct ra_solution *sol, const char *team,
    int unknown)
{
	struct ra_lint_opts	 o = { NULL, 0, 0 };
	struct ra_lint		*ln = NULL;
	const char		*t[1] = { team };

	one[0] = sol;
	if (team) {
		o.team_roles = t;
		o.nteam_roles = 1;
	}
	o.unknown_depths = unknown;
	if (ra_lint(ctx, one, 1, &o, &ln) != RA_OK || ln == NULL)
		fail_msg("ra_lint failed");
	return ln;
}

static struct ra_lint *
lint(struct ra_ctx *ctx, struct ra_solution *sol, const char *team)
{
	return lint_with(ctx, sol, team, 0);
}

/*
 * The Kth finding of all LN's roles, in report order, made in LR (which
 * starts zeroed; ra_lint_role_free() it), or NULL past the last.
 */
static const struct ra_finding *
nth(const struct ra_lint *ln, struct ra_lint_role *lr, size_t k)
{
	size_t	 s, i;

	for (s = 0; s < ln->nsol; s++)
		for (i = 0; i < ln->sol[s]->nrole; i++) {
			if (ra_lint_role_open(lr, ln, s, i) == -1)
				fail_msg("ra_lint_role_open failed");
			if (k < lr->n)
				return ra_lint_role_get(lr, k);
			k -= lr->n;
		}
	return NULL;
}

/* How many findings LN has, all roles. */
static size_t
total(const struct ra_lint *ln)
{
	struct ra_lint_role	 lr = { 0 };
	size_t			 n = 0;

	while (nth(ln, &lr, n) != NULL)
		n++;
	ra_lint_role_free(&lr);
	return n;
}

/* Findings with CODE about the role called ROLE. */
static size_t
count(const struct ra_lint *ln, const char *role, int code)
{
	struct ra_lint_role	 lr = { 0 };
	const struct ra_finding	*f;
	size_t			 i, n = 0;

	for (i = 0; (f = nth(ln, &lr, i)) != NULL; i++)
		if (f->code == code && strcmp(f->role->name, role) == 0)
			n++;
	ra_lint_role_free(&lr);
	return n;
}

static void
test_depths_parse(void **state)
{
	unsigned	 m;

	(void)state;
	assert_int_equal(ra_depths_parse("", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(ra_depths_parse("Basic;Local;Deep;Global", &m), 0);
	assert_int_equal(m, RA_DEPTHS_ALL);
	assert_int_equal(ra_depths_parse(" user ; Organization ", &m), 0);
	assert_int_equal(m, RA_DEPTH(RA_LEVEL_BASIC) |
	    RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_int_equal(ra_depths_parse("Global;", &m), 0);
	assert_int_equal(m, RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_int_equal(ra_depths_parse("Basic;;Global", &m), -1);
	assert_int_equal(ra_depths_parse("None", &m), -1);
	assert_int_equal(ra_depths_parse("Everywhere", &m), -1);
}

/* The built-in catalog knows the depths and ids of the reference. */
static void
test_catalog_facts(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_privdef	 def;
	const struct ra_privdef	*d;
	struct ra_pinfo		 pi;
	size_t			 i;

	i = ra_catalog_find(&ctx->cat, "prvReadEmailServerProfile", 25);
	assert_int_not_equal(i, RA_NOPRIV);
	def = ut_def(ctx, i);
	d = &def;
	assert_string_equal(d->id, "edebe6f6-cf2e-4520-b635-ae0615d41e34");
	assert_true(d->listed);
	i = ra_catalog_find(&ctx->cat, "prvReadWebResource", 18);
	assert_int_equal(ut_def(ctx, i).depths, RA_DEPTH(RA_LEVEL_GLOBAL));
	i = ra_catalog_find(&ctx->cat, "prvSyncToOutlook", 16);
	ra_pinfo(ctx, NULL, 0, i, &pi);
	assert_int_equal(pi.depths, RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_int_equal(pi.depths_by, RA_PROV_RULE);
	i = ra_catalog_find(&ctx->cat, "prvReadContact", 14);
	assert_int_equal(ut_def(ctx, i).depths, RA_DEPTHS_ALL);
	i = ra_catalog_find(&ctx->cat, "prvBulkEdit", 11);
	ra_pinfo(ctx, NULL, 0, i, &pi);
	assert_int_equal(pi.depths, 0);
	assert_int_equal(pi.depths_by, RA_PROV_UNPLACED);
}

/* A user catalog may set depths and ids; bad ones are RA306. */
static void
test_catalog_columns(void **state)
{
	struct ra_ctx	*ctx = *state;
	const char	*good = "privilege,tab,access,depths,privilegeid\n"
	    "prvReadWidget,Custom Entities,Read,Basic;Global,"
	    "{0A0B0C0D-0000-4000-8000-0000000000FF}\n";
	const char	*keep = "privilege,entity,tab\n"
	    "prvReadWebResource,Web Resource,Customization\n";
	const char	*bad = "privilege,tab,depths,privilegeid\n"
	    "prvA,Core Records,Sometimes,\n"
	    "prvB,Core Records,,not-a-guid\n";
	size_t		 i;

	assert_int_equal(ra_catalog_load_buffer(ctx, "good.csv", good,
	    strlen(good)), RA_OK);
	i = ra_catalog_find(&ctx->cat, "prvreadwidget", 13);
	assert_int_not_equal(i, RA_NOPRIV);
	assert_int_equal(ut_def(ctx, i).depths, RA_DEPTH(RA_LEVEL_BASIC) |
	    RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_string_equal(ut_def(ctx, i).id,
	    "0a0b0c0d-0000-4000-8000-0000000000ff");
	/* A file without the columns keeps what the catalog knew. */
	assert_int_equal(ra_catalog_load_buffer(ctx, "keep.csv", keep,
	    strlen(keep)), RA_OK);
	i = ra_catalog_find(&ctx->cat, "prvReadWebResource", 18);
	assert_int_equal(ut_def(ctx, i).depths, RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_non_null(ut_def(ctx, i).id);
	assert_int_equal(ra_catalog_load_buffer(ctx, "bad.csv", bad,
	    strlen(bad)), RA_ECSV);
	assert_int_equal(ut_diag_n(ctx, RA_C_CSV_ID), 2);
	assert_int_equal(ut_diag(ctx, RA_C_CSV_ID)->line, 2);
}

static void
test_inherit_attribute(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = solution(ctx,
	    "<Role id=\"1\" name=\"A\" isinherited=\"0\"><RolePrivileges/></Role>"
	    "<Role id=\"2\" name=\"B\" IsInherited=\" 1 \"><RolePrivileges/>"
	    "</Role>"
	    "<Role id=\"3\" name=\"C\"><RolePrivileges/></Role>"
	    "<Role id=\"4\" name=\"D\" isinherited=\"yes\"><RolePrivileges/>"
	    "</Role>");
	assert_int_equal(sol->role[0].inherit, RA_INHERIT_TEAM);
	assert_int_equal(sol->role[1].inherit, RA_INHERIT_DIRECT);
	assert_int_equal(sol->role[2].inherit, RA_INHERIT_UNKNOWN);
	assert_int_equal(sol->role[3].inherit, RA_INHERIT_UNKNOWN);
	ra_solution_free(sol);
}

/* The <Roles> scan of a large customizations.xml reads it the same. */
static void
test_inherit_scan(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = NULL;
	struct ut_member	 m[1];
	char			*zip;
	size_t			 len;
	const char		*xml = "<?xml version=\"1.0\"?>\n"
	    "<ImportExportXml><Roles>\n"
	    "<Role id=\"{1}\" name=\"Sales Team\" isinherited=\"0\">"
	    "<RolePrivileges><RolePrivilege name=\"prvReadAccount\" "
	    "level=\"Basic\" /></RolePrivileges></Role>\n"
	    "</Roles></ImportExportXml>\n";

	m[0].name = "customizations.xml";
	m[0].data = xml;
	m[0].len = 0;
	m[0].flags = 0;
	ut_zip(m, 1, &zip, &len);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, 1), RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "s.zip", zip, len,
	    &sol), RA_OK);
	assert_int_equal(sol->nrole, 1);
	assert_int_equal(sol->role[0].inherit, RA_INHERIT_TEAM);
	ra_solution_free(sol);
	free(zip);
}

static void
test_depth_findings(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_lint		*ln;
	struct ra_lint_role	 lr = { 0 };
	const struct ra_finding	*f;
	struct ra_buf		 b = { 0 };

	sol = solution(ctx,
	    "<Role id=\"1\" name=\"Bad\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadWebResource\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvExportToExcel\" level=\"Deep\"/>"
	    "<RolePrivilege name=\"prvCreateUserEntityUISettings\" "
	    "level=\"Local\"/>"
	    "<RolePrivilege name=\"prvBulkEdit\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvActivateSynchronousWorkflow\" "
	    "level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Good\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadWebResource\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvExportToExcel\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvCreateUserEntityUISettings\" "
	    "level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvBulkEdit\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Deep\"/>"
	    "</RolePrivileges></Role>");
	ln = lint(ctx, sol, NULL);
	assert_int_equal(count(ln, "Bad", RA_C_LINT_DEPTH), 3);
	/* A depth no fact covers is no finding unless asked for. */
	assert_int_equal(count(ln, "Bad", RA_C_LINT_MISC_DEPTH), 0);
	assert_int_equal(count(ln, "Good", RA_C_LINT_DEPTH), 0);
	assert_int_equal(ra_lint_count(ln, RA_SEV_WARNING), 3);
	assert_int_equal(ra_lint_count(ln, RA_SEV_NOTE), 3);
	/* In tab order: Core Records, Business Management, Customization. */
	f = nth(ln, &lr, 0);
	assert_string_equal(ctx->cat.v[f->priv].name,
	    "prvCreateUserEntityUISettings");
	/* A depth finding's message is made when asked for. */
	assert_null(f->message);
	assert_non_null(strstr(ra_finding_message(ln, f, &b),
	    "User (Basic)"));
	assert_non_null(strstr(ra_finding_message(ln, f, &b),
	    "ms-entpriv2013"));
	ra_buf_free(&b);
	ra_lint_role_free(&lr);
	ra_lint_free(ln);
	ln = lint_with(ctx, sol, NULL, 1);
	assert_int_equal(count(ln, "Bad", RA_C_LINT_MISC_DEPTH), 1);
	assert_int_equal(count(ln, "Good", RA_C_LINT_MISC_DEPTH), 0);
	ra_lint_free(ln);
	ra_solution_free(sol);
}

/*
 * A depth a real export holds is accepted: no RA401 from the knowledge
 * base's ownership rule, and no RA402 even when asked for.
 */
static void
test_observed_depths(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_lint		*ln;

	sol = solution(ctx,
	    "<Role id=\"1\" name=\"Live\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvConfigureInternetMarketing\" "
	    "level=\"Local\"/>"
	    "<RolePrivilege name=\"prvAssignManager\" level=\"Deep\"/>"
	    "<RolePrivilege name=\"prvReadActionCard\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Odd\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvConfigureInternetMarketing\" "
	    "level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvReadOrganization\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>");
	ln = lint_with(ctx, sol, NULL, 1);
	assert_int_equal(count(ln, "Live", RA_C_LINT_DEPTH) +
	    count(ln, "Live", RA_C_LINT_MISC_DEPTH), 0);
	/* Basic was never seen; the organization table takes Global. */
	assert_int_equal(count(ln, "Odd", RA_C_LINT_MISC_DEPTH), 1);
	assert_int_equal(count(ln, "Odd", RA_C_LINT_DEPTH), 1);
	ra_lint_free(ln);
	ra_solution_free(sol);
}

/*
 * The solution's own metadata: an organization-owned table takes
 * Organization only and has no Assign or Share; a user-owned one every
 * depth; a role written unmodified without privileges is skipped.
 */
static void
test_solution_tables(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = NULL;
	struct ra_lint		*ln;
	struct ra_lint_role	 lr = { 0 };
	struct ra_buf		 b = { 0 };
	const char		*xml = "<ImportExportXml><Entities>"
	    "<Entity><Name LocalizedName=\"Region\" OriginalName=\"Region\">"
	    "new_region</Name><EntityInfo><entity Name=\"new_region\">"
	    "<attributes/><IsBPFEntity>0</IsBPFEntity>"
	    "<OwnershipTypeMask>OrgOwned</OwnershipTypeMask></entity>"
	    "</EntityInfo></Entity>"
	    "<Entity><Name LocalizedName=\"Order\" OriginalName=\"Order\">"
	    "new_order</Name><EntityInfo><entity Name=\"new_order\">"
	    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity>"
	    "</EntityInfo></Entity></Entities><Roles>"
	    "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadnew_region\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvWritenew_region\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvAssignnew_region\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvReadnew_order\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvReadnew_other\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Basic User\" unmodified=\"1\"/>"
	    "</Roles></ImportExportXml>";
	size_t			 i;

	assert_int_equal(ra_solution_load_buffer(ctx, "c.xml", xml,
	    strlen(xml), &sol), RA_OK);
	ln = lint(ctx, sol, NULL);
	assert_int_equal(count(ln, "R", RA_C_LINT_DEPTH), 1);
	assert_int_equal(count(ln, "R", RA_C_LINT_ACCESS), 1);
	assert_int_equal(total(ln), 2);
	for (i = 0; i < 2; i++)
		assert_non_null(strstr(ra_finding_message(ln,
		    nth(ln, &lr, i), &b), "new_region"));
	assert_non_null(strstr(ra_finding_message(ln, nth(ln, &lr, 0), &b),
	    "solution's own"));
	ra_buf_free(&b);
	ra_lint_role_free(&lr);
	assert_int_equal(count(ln, "Basic User", RA_C_LINT_DEPTH), 0);
	assert_int_equal(ln->nrole, 2);
	ra_lint_free(ln);
	ra_solution_free(sol);
}

static void
test_append_findings(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_lint		*ln;

	sol = solution(ctx,
	    "<Role id=\"1\" name=\"A\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvAppendContact\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"T\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvAppendToAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"3\" name=\"Both\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvAppendContact\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvAppendToAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"4\" name=\"Misc\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvAppendConstraint\" level=\"Global\"/>"
	    "</RolePrivileges></Role>");
	ln = lint(ctx, sol, NULL);
	assert_int_equal(count(ln, "A", RA_C_LINT_APPEND), 1);
	assert_int_equal(count(ln, "T", RA_C_LINT_APPENDTO), 1);
	assert_int_equal(count(ln, "Both", RA_C_LINT_APPEND) +
	    count(ln, "Both", RA_C_LINT_APPENDTO), 0);
	/* prvAppendConstraint is a miscellaneous privilege, not Append. */
	assert_int_equal(count(ln, "Misc", RA_C_LINT_APPEND), 0);
	ra_lint_free(ln);
	ra_solution_free(sol);
}

static void
test_team_findings(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_lint		*ln;
	struct ra_lint_role	 lr = { 0 };
	const struct ra_finding	*f;
	struct ra_lint_opts	 o;
	const char		*t[1] = { "nobody" };

	sol = solution(ctx,
	    "<Role id=\"1\" name=\"Sales Team\" isinherited=\"0\">"
	    "<RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"Teamwork\" isinherited=\"0\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"3\" name=\"TEAM B\" isinherited=\"1\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"{ABC}\" name=\"Squad\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "<RolePrivilege name=\"prvWriteAccount\" level=\"Local\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"5\" name=\"Team Org\" isinherited=\"0\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Local\"/>"
	    "</RolePrivileges></Role>");
	/* The word "team" in a name makes no team role. */
	ln = lint(ctx, sol, NULL);
	assert_int_equal(count(ln, "Sales Team", RA_C_LINT_TEAM), 0);
	assert_int_equal(count(ln, "Teamwork", RA_C_LINT_TEAM), 0);
	assert_int_equal(count(ln, "TEAM B", RA_C_LINT_TEAM), 0);
	assert_int_equal(count(ln, "Squad", RA_C_LINT_TEAM), 0);
	assert_int_equal(count(ln, "Team Org", RA_C_LINT_TEAM), 0);
	ra_lint_free(ln);
	/* --team-role does; isinherited="1" lets members keep User depth. */
	ln = lint(ctx, sol, "Sales Team");
	assert_int_equal(count(ln, "Sales Team", RA_C_LINT_TEAM), 1);
	ra_lint_free(ln);
	ln = lint(ctx, sol, "TEAM B");
	assert_int_equal(count(ln, "TEAM B", RA_C_LINT_TEAM), 0);
	ra_lint_free(ln);
	/* Named by its id, braces and case ignored. */
	ln = lint(ctx, sol, "{abc}");
	assert_int_equal(count(ln, "Squad", RA_C_LINT_TEAM), 1);
	f = nth(ln, &lr, total(ln) - 1);
	assert_int_equal(f->code, RA_C_LINT_TEAM);
	assert_non_null(strstr(f->message, "1 of its 2"));
	ra_lint_role_free(&lr);
	ra_lint_free(ln);
	/* A name that matches no role is a usage error. */
	one[0] = sol;
	o.team_roles = t;
	o.nteam_roles = 1;
	ln = NULL;
	assert_int_equal(ra_lint(ctx, one, 1, &o, &ln), RA_EINVAL);
	assert_null(ln);
	assert_non_null(ut_diag(ctx, RA_C_ROLE_UNKNOWN));
	ra_solution_free(sol);
}

/* check --lint: each finding becomes a diagnostic at the role's line. */
static void
test_record(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_lint		*ln;
	const struct ra_diag	*d;

	sol = solution(ctx, "\n<Role id=\"1\" name=\"A\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvAppendContact\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>");
	ln = lint(ctx, sol, NULL);
	ra_lint_record(ctx, ln);
	assert_non_null(d = ut_diag(ctx, RA_C_LINT_APPEND));
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_string_equal(d->file, "c.xml");
	assert_int_equal(d->line, 2);
	assert_non_null(strstr(d->message, "role \"A\""));
	ra_lint_free(ln);
	ra_solution_free(sol);
}

/*
 * check --lint prints the first RA_LINT_DIAG_MAX findings of a code in
 * an input, then one line for the rest, at the first role held back.
 */
static void
test_record_cap(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_lint		*ln;
	struct ra_buf		 xml = { 0 };
	const struct ra_diag	*d;
	size_t			 i, n402 = 0, n410 = 0;

	/* Two roles of 5 and 4 RA402 notes each, one with RA410. */
	ra_buf_adds(&xml, "<Role id=\"1\" name=\"A\"><RolePrivileges>");
	for (i = 0; i < 5; i++)
		ra_buf_printf(&xml, "<RolePrivilege name=\"prvCustomA%zu\" "
		    "level=\"Basic\"/>", i);
	ra_buf_adds(&xml, "<RolePrivilege name=\"prvAppendContact\" "
	    "level=\"Basic\"/></RolePrivileges></Role>"
	    "<Role id=\"2\" name=\"B\"><RolePrivileges>");
	for (i = 0; i < 4; i++)
		ra_buf_printf(&xml, "<RolePrivilege name=\"prvCustomB%zu\" "
		    "level=\"Local\"/>", i);
	ra_buf_adds(&xml, "</RolePrivileges></Role>");
	assert_false(xml.oom);
	sol = solution(ctx, xml.s);
	ra_buf_free(&xml);
	ln = lint_with(ctx, sol, NULL, 1);
	assert_int_equal(ra_lint_count(ln, RA_SEV_NOTE), 10);
	ra_lint_record(ctx, ln);
	for (i = 0; (d = ra_ctx_diag(ctx, i)) != NULL; i++) {
		if (d->code == RA_C_LINT_APPEND)
			n410++;
		if (d->code != RA_C_LINT_MISC_DEPTH)
			continue;
		n402++;
		assert_int_equal(d->severity, RA_SEV_NOTE);
		if (n402 <= RA_LINT_DIAG_MAX) {
			assert_non_null(strstr(d->message, "role \"A\": "
			    "prvCustomA"));
			continue;
		}
		/* 9 findings: 3 shown, 6 held back in A (2) and B (4). */
		assert_non_null(strstr(d->message, "role \"A\": 6 more "
		    "findings of this kind in this role and 1 other role, "
		    "not printed"));
		assert_int_equal(d->line, 1);
	}
	assert_int_equal(n402, RA_LINT_DIAG_MAX + 1);
	assert_int_equal(n410, 1);
	ra_lint_free(ln);
	ra_solution_free(sol);
}

static void
test_focused(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_profile	*p;
	struct ra_lint		*ln = NULL;

	p = ut_profile(ctx, "p", "privilege\nprvReadMailbox\n");
	assert_int_equal(ra_ctx_focus(ctx,
	    (const struct ra_profile *const *)&p, 1), RA_OK);
	assert_int_equal(ra_lint(ctx, NULL, 0, NULL, &ln), RA_EINVAL);
	assert_null(ln);
	ra_profile_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depths_parse),
		cmocka_unit_test_setup_teardown(test_catalog_facts,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_catalog_columns,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_inherit_attribute,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_inherit_scan,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_depth_findings,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_observed_depths,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_solution_tables,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_append_findings,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_team_findings,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_record_cap,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_record,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_focused,
		    ut_setup_ctx, ut_teardown_ctx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
