/*
 * test_apps.c - apps and column security: what the section reader keeps
 * (names, display names, tables and role ids each once, ids normalised,
 * rights 4/0/unsaid, secured columns by LogicalName or PhysicalName),
 * what it refuses (RA140-RA144) and keeps reading past, the same through
 * the fast reader, ra_apps() and ra_columns() verdicts, and diff's app
 * and column changes with their escalations.
 */
#include "unit.h"

#define ROLE_A	"<Role id=\"{AAAAAAAA-0000-4000-8000-000000000001}\" " \
	"name=\"A\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadUserQuery\" level=\"Basic\"/>" \
	"<RolePrivilege name=\"prvCreateUserEntityUISettings\" level=\"Basic\"/>" \
	"<RolePrivilege name=\"prvReadUserEntityUISettings\" level=\"Basic\"/>" \
	"<RolePrivilege name=\"prvWriteUserEntityUISettings\" level=\"Basic\"/>" \
	"<RolePrivilege name=\"prvReadUser\" level=\"Basic\"/>" \
	"<RolePrivilege name=\"prvReadnew_Thing\" level=\"Local\"/>" \
	"</RolePrivileges></Role>"
#define ROLE_B	"<Role id=\"{bbbbbbbb-0000-4000-8000-000000000002}\" " \
	"name=\"B\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>" \
	"</RolePrivileges></Role>"
#define ENTITY	"<Entities><Entity><Name>new_Thing</Name><EntityInfo>" \
	"<entity Name=\"new_Thing\"><attributes>" \
	"<attribute PhysicalName=\"new_Secret\"><LogicalName>new_secret" \
	"</LogicalName><IsSecured>1</IsSecured></attribute>" \
	"<attribute PhysicalName=\"new_Open\"><IsSecured>0</IsSecured>" \
	"</attribute>" \
	"<attribute PhysicalName=\"new_Hidden\"><IsSecured>1</IsSecured>" \
	"</attribute>" \
	"</attributes></entity></EntityInfo></Entity></Entities>"
#define APPS	"<AppModules><AppModule><UniqueName> new_Hub </UniqueName>" \
	"<AppModuleComponents>" \
	"<AppModuleComponent type=\"1\" schemaName=\"new_thing\"/>" \
	"<AppModuleComponent type=\"1\" schemaName=\"NEW_THING\"/>" \
	"<AppModuleComponent type=\"1\" schemaName=\"account\"/>" \
	"<AppModuleComponent type=\"60\" id=\"{1}\"/>" \
	"</AppModuleComponents><AppModuleRoleMaps>" \
	"<Role id=\"{aaaaaaaa-0000-4000-8000-000000000001}\"/>" \
	"<Role id=\"{BBBBBBBB-0000-4000-8000-000000000002}\"/>" \
	"<Role id=\"{aaaaaaaa-0000-4000-8000-000000000001}\"/>" \
	"<Role id=\"{cccccccc-0000-4000-8000-000000000003}\"/>" \
	"</AppModuleRoleMaps><LocalizedNames>" \
	"<LocalizedName description=\"Nabe\" languagecode=\"1031\"/>" \
	"<LocalizedName description=\"Hub &amp; Co\" languagecode=\"1033\"/>" \
	"</LocalizedNames></AppModule></AppModules>"
#define FSPS	"<FieldSecurityProfiles><FieldSecurityProfile name=\"P\" " \
	"fieldsecurityprofileid=\"{DDDDDDDD-0000-4000-8000-000000000004}\">" \
	"<FieldPermissions><FieldPermission><EntityName>new_thing" \
	"</EntityName><AttributeName>new_secret</AttributeName>" \
	"<CanRead>0</CanRead><CanUpdate>4</CanUpdate></FieldPermission>" \
	"<FieldPermission><EntityName>new_thing</EntityName>" \
	"<AttributeName>NEW_SECRET</AttributeName><CanRead>4</CanRead>" \
	"</FieldPermission></FieldPermissions></FieldSecurityProfile>" \
	"</FieldSecurityProfiles>"

static struct ra_solution *
load(struct ra_ctx *ctx, const char *text, int scan, enum ra_err want)
{
	struct ra_solution	*sol = NULL;
	enum ra_err		 rc;

	if (scan)
		assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, 1),
		    RA_OK);
	rc = ra_solution_load_buffer(ctx, "c.xml", text, strlen(text), &sol);
	assert_int_equal(rc, want);
	return sol;
}

static const char *const doc = "<ImportExportXml>" ENTITY "<Roles>" ROLE_A
    ROLE_B "</Roles>" FSPS APPS "</ImportExportXml>";

static void
model_read(void **state)
{
	int	 scan;

	(void)state;
	for (scan = 0; scan < 2; scan++) {
		struct ra_ctx		*ctx = ra_ctx_new();
		struct ra_solution	*sol = load(ctx, doc, scan, RA_OK);
		const struct ra_app	*a;
		const struct ra_fsp	*p;

		assert_int_equal(sol->napp, 1);
		a = &sol->app[0];
		assert_string_equal(a->name, "new_Hub");
		assert_string_equal(a->display, "Hub & Co");
		/* Type 1 only, each table once, ASCII case ignored. */
		assert_int_equal(a->ntable, 2);
		assert_string_equal(a->table[0], "new_thing");
		assert_string_equal(a->table[1], "account");
		/* Ids normalised, each once. */
		assert_int_equal(a->nrole, 3);
		assert_string_equal(a->role[1],
		    "bbbbbbbb-0000-4000-8000-000000000002");
		assert_int_equal(sol->nfsp, 1);
		p = &sol->fsp[0];
		assert_string_equal(p->id,
		    "dddddddd-0000-4000-8000-000000000004");
		/* A column written twice: the first row counts. */
		assert_int_equal(p->nperm, 1);
		assert_int_equal(p->perm[0].can[RA_FR_READ], 0);
		assert_int_equal(p->perm[0].can[RA_FR_UPDATE], 1);
		assert_int_equal(p->perm[0].can[RA_FR_CREATE], -1);
		assert_int_equal(p->perm[0].can[RA_FR_UNMASKED], -1);
		/* LogicalName, else PhysicalName; IsSecured 0 is not. */
		assert_int_equal(sol->ntable, 1);
		assert_int_equal(sol->table[0].nsecured, 2);
		assert_string_equal(sol->table[0].secured[0], "new_secret");
		assert_string_equal(sol->table[0].secured[1], "new_Hidden");
		assert_int_equal(ra_ctx_diag_count(ctx), 0);
		ra_solution_free(sol);
		ra_ctx_free(ctx);
	}
}

static void
verdicts(void **state)
{
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol = load(ctx, doc, 0, RA_OK);
	const struct ra_solution	*one[1] = { sol };
	struct ra_profile		*mda = NULL;
	struct ra_apps			*ap = NULL;
	struct ra_columns		*cs = NULL;
	struct ra_check_opts		 co;
	const struct ra_aapp		*a;
	enum ra_level			 held;

	(void)state;
	assert_int_equal(ra_profile_load(ctx, "model-driven-app", &mda), RA_OK);
	memset(&co, 0, sizeof(co));
	assert_int_equal(ra_apps(ctx, one, 1, mda, &co, &ap), RA_OK);
	a = &ap->a[0];
	assert_int_equal(a->nm, 3);
	/* A opens the app and reads new_thing, not account. */
	assert_int_equal(a->m[0].status, RA_AM_PASS);
	assert_int_equal(a->m[0].nun, 1);
	assert_string_equal(a->t[0].read, "prvReadnew_Thing");
	assert_false(ra_apps_unread(ap, a, &a->m[0], 0, &held));
	assert_int_equal(held, RA_LEVEL_LOCAL);
	assert_string_equal(a->t[1].name, "account");
	assert_true(ra_apps_unread(ap, a, &a->m[0], 1, &held));
	assert_int_equal(held, RA_LEVEL_NONE);
	/* Nothing is unreadable of a role no input carries. */
	assert_false(ra_apps_unread(ap, a, &a->m[2], 0, &held));
	/* B cannot open it nor read new_thing; C is no role of the input. */
	assert_int_equal(a->m[1].status, RA_AM_FAIL);
	assert_int_equal(a->m[1].nun, 1);
	assert_int_equal(a->m[2].status, RA_AM_UNKNOWN);
	assert_null(a->m[2].role);
	assert_int_equal(ra_apps_finding_count(ap, RA_SEV_ERROR), 1);
	assert_int_equal(ra_apps_finding_count(ap, RA_SEV_WARNING), 3);
	ra_apps_free(ap);
	/* --min-level Deep: A holds Read at Local, below it. */
	co.min_level = RA_LEVEL_DEEP;
	assert_int_equal(ra_apps(ctx, one, 1, mda, &co, &ap), RA_OK);
	assert_int_equal(ap->a[0].m[0].nun, 2);
	assert_true(ra_apps_unread(ap, &ap->a[0], &ap->a[0].m[0], 0, &held));
	assert_int_equal(held, RA_LEVEL_LOCAL);
	ra_apps_free(ap);

	assert_int_equal(ra_columns(ctx, one, 1, &cs), RA_OK);
	assert_int_equal(cs->nc, 2);
	/* new_Hidden: no reader; new_secret: update without read. */
	assert_string_equal(cs->c[0].attribute, "new_Hidden");
	assert_int_equal(cs->c[0].nread, 0);
	assert_true(cs->c[1].secured);
	assert_int_equal(cs->c[1].ng, 1);
	assert_int_equal(cs->nunreadable, 2);
	assert_int_equal(cs->nnr, 1);
	assert_int_equal(ra_columns_finding_count(cs, RA_SEV_WARNING), 3);
	assert_int_equal(ra_columns_finding_count(cs, RA_SEV_ERROR), 0);
	ra_columns_free(cs);
	ra_profile_free(mda);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

static void
malformed(void **state)
{
	static const char *const bad = "<ImportExportXml><Roles>" ROLE_B
	    "</Roles><AppModules><AppModule/>"
	    "<AppModule><UniqueName>x_A</UniqueName></AppModule>"
	    "<AppModule><UniqueName>X_a</UniqueName></AppModule>"
	    "</AppModules><AppModules><AppModule><UniqueName>x_B"
	    "</UniqueName></AppModule></AppModules>"
	    "<FieldSecurityProfiles><FieldSecurityProfile/>"
	    "<FieldSecurityProfile name=\"Q\"><FieldPermissions>"
	    "<FieldPermission><EntityName>t</EntityName><AttributeName>c"
	    "</AttributeName><CanRead>2</CanRead></FieldPermission>"
	    "<FieldPermission><EntityName>t</EntityName></FieldPermission>"
	    "</FieldPermissions></FieldSecurityProfile>"
	    "</FieldSecurityProfiles></ImportExportXml>";
	int	 scan;

	(void)state;
	for (scan = 0; scan < 2; scan++) {
		struct ra_ctx		*ctx = ra_ctx_new();
		struct ra_solution	*sol = load(ctx, bad, scan, RA_OK);

		/* Only the malformed parts are left out. */
		assert_int_equal(sol->nrole, 1);
		assert_int_equal(sol->napp, 1);
		assert_string_equal(sol->app[0].name, "x_A");
		assert_int_equal(sol->nfsp, 1);
		assert_int_equal(sol->fsp[0].nperm, 0);
		assert_int_equal(ut_diag_n(ctx, RA_C_APP_NONAME), 1);
		assert_int_equal(ut_diag_n(ctx, RA_C_APP_TWICE), 1);
		assert_int_equal(ut_diag_n(ctx, RA_C_SECTION_TWICE), 1);
		assert_int_equal(ut_diag_n(ctx, RA_C_FSP_NONAME), 1);
		assert_int_equal(ut_diag_n(ctx, RA_C_FPERM_BAD), 2);
		assert_int_equal(ut_diag(ctx, RA_C_APP_TWICE)->severity,
		    RA_SEV_ERROR);
		assert_int_equal(ut_diag(ctx, RA_C_APP_TWICE)->line, 1);
		ra_solution_free(sol);
		ra_ctx_free(ctx);
	}
}

static void
diff_access(void **state)
{
	static const char *const newer = "<ImportExportXml>" ENTITY
	    "<Roles>" ROLE_A ROLE_B "</Roles>"
	    "<FieldSecurityProfiles><FieldSecurityProfile name=\"p\">"
	    "<FieldPermissions><FieldPermission><EntityName>new_thing"
	    "</EntityName><AttributeName>new_secret</AttributeName>"
	    "<CanRead>4</CanRead><CanUpdate>0</CanUpdate></FieldPermission>"
	    "</FieldPermissions></FieldSecurityProfile>"
	    "</FieldSecurityProfiles><AppModules><AppModule><UniqueName>"
	    "NEW_HUB</UniqueName><AppModuleRoleMaps>"
	    "<Role id=\"{aaaaaaaa-0000-4000-8000-000000000001}\"/>"
	    "<Role id=\"{eeeeeeee-0000-4000-8000-000000000005}\"/>"
	    "</AppModuleRoleMaps></AppModule></AppModules></ImportExportXml>";
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*o = load(ctx, doc, 0, RA_OK);
	struct ra_solution	*n = load(ctx, newer, 0, RA_OK);
	struct ra_diff		*d = NULL;
	size_t			 i, esc = 0, granted = 0;

	(void)state;
	assert_int_equal(ra_diff(ctx, o, n, NULL, 0, NULL, &d), RA_OK);
	/* +eeee; -bbbb, -cccc (the app matched ignoring case). */
	assert_int_equal(d->nad, 3);
	assert_int_equal(d->ad[0].added, 1);
	assert_string_equal(d->ad[0].role_id,
	    "eeeeeeee-0000-4000-8000-000000000005");
	assert_null(d->ad[0].role);
	assert_int_equal(ra_adiff_severity(&d->ad[0]), RA_SEV_ERROR);
	assert_int_equal(ra_adiff_severity(&d->ad[1]), RA_SEV_NOTE);
	/* read granted (escalation), update revoked. */
	assert_int_equal(d->ncd, 2);
	for (i = 0; i < d->ncd; i++) {
		esc += (size_t)d->cd[i].escalation;
		granted += (size_t)d->cd[i].granted;
	}
	assert_int_equal(esc, 1);
	assert_int_equal(granted, 1);
	assert_int_equal(ra_diff_escalation_count(d), 2);
	assert_int_equal(ra_diff_change_count(d), 5);
	assert_int_equal(ra_diff_finding_count(d, RA_SEV_ERROR), 2);
	ra_diff_free(d);
	ra_solution_free(o);
	ra_solution_free(n);
	ra_ctx_free(ctx);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(model_read),
		cmocka_unit_test(verdicts),
		cmocka_unit_test(malformed),
		cmocka_unit_test(diff_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
