/*
 * test_redact.c - redact.c: keyed, stable pseudonyms for role names and
 * ids, in the roles, their file names, the input's path and the
 * diagnostics.
 */
#include "unit.h"

/* HMAC-SHA-256 known answers (Python's hmac module). */
static void
test_pseudonyms(void **state)
{
	char	*s;
	char	 longkey[100];

	(void)state;
	s = ra_pseudonym_name("key", 3, "Sales Manager");
	assert_string_equal(s, "Role 8f71ce07d557");
	free(s);
	s = ra_pseudonym_name(NULL, 0, "Sales Manager");
	assert_string_equal(s, "Role 86af4a177a4b");
	free(s);
	memset(longkey, 'k', sizeof(longkey));
	s = ra_pseudonym_name(longkey, sizeof(longkey), "Sales Manager");
	assert_string_equal(s, "Role ef6f45c5be0a");
	free(s);
	s = ra_pseudonym_id("key", 3, "3fa85f64-5717-4562-b3fc-2c963f66afa6");
	assert_string_equal(s, "cec9a056-f9f4-93ee-bed3-e83e1088dc3c");
	free(s);
	s = ra_pseudonym_id("key", 3, "");
	assert_string_equal(s, "");
	free(s);
}

static void
test_folder(void **state)
{
	char			 dir[UT_PATH_MAX], p[UT_PATH_MAX];
	struct ra_ctx		*ctx;
	struct ra_solution	*sol = NULL;
	const struct ra_diag	*d;
	size_t			 i;

	ut_setup_tmp(state);
	snprintf(dir, sizeof(dir), "%s", (char *)*state);
	ut_writes(dir, "Roles/Sales Manager.xml",
	    "<Role name=\"Sales Manager\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>"
	    "</RolePrivileges></Role>");
	ut_writes(dir, "Roles/Clerk.xml",
	    "<Role id=\"{ABCDEF00-0000-4000-8000-000000000001}\" name=\"Clerk\">"
	    "<RolePrivileges/></Role>");
	assert_non_null(ctx = ra_ctx_new());
	assert_int_equal(ra_solution_load(ctx, dir, &sol), RA_OK);
	/* RA111: the role without an id, quoted by name. */
	assert_non_null(d = ut_diag(ctx, RA_C_ROLE_NOID));
	assert_non_null(strstr(d->message, "\"Sales Manager\""));
	assert_int_equal(ra_solution_redact(ctx, sol, "key", 3), RA_OK);
	for (i = 0; i < sol->nrole; i++) {
		assert_null(strstr(sol->role[i].name, "Sales"));
		assert_null(strstr(sol->role[i].name, "Clerk"));
		assert_null(strstr(sol->role[i].file, "Sales"));
		assert_null(strstr(sol->role[i].file, "Clerk"));
	}
	assert_string_equal(sol->role[1].name, "Role 8f71ce07d557");
	assert_string_equal(sol->role[1].file, "Roles/Role 8f71ce07d557.xml");
	assert_string_equal(sol->role[1].id, "");
	assert_int_equal(strlen(sol->role[0].id), 36);
	assert_null(strstr(sol->role[0].id, "abcdef00"));
	d = ut_diag(ctx, RA_C_ROLE_NOID);
	assert_null(strstr(d->message, "Sales"));
	assert_non_null(strstr(d->message, "\"Role 8f71ce07d557\""));
	assert_null(strstr(d->file, "Sales"));
	ut_join(p, dir, "Roles/Role 8f71ce07d557.xml");
	assert_string_equal(d->file, p);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
	ut_teardown_tmp(state);
}

/* A name is replaced only where it stands for the role. */
static void
test_only_whole_names(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = NULL;
	const char		*xml = "<ImportExportXml><Roles>"
	    "<Role id=\"1\" name=\"a\"><RolePrivileges/></Role>"
	    "</Roles></ImportExportXml>";

	assert_int_equal(ra_solution_load_buffer(ctx, "dir/a/customizations.xml",
	    xml, strlen(xml), &sol), RA_OK);
	assert_int_equal(ra_solution_redact(ctx, sol, NULL, 0), RA_OK);
	assert_string_equal(sol->path, "dir/a/customizations.xml");
	assert_string_equal(sol->role[0].file, "customizations.xml");
	assert_int_equal(strncmp(sol->role[0].name, "Role ", 5), 0);
	ra_solution_free(sol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pseudonyms),
		cmocka_unit_test(test_folder),
		cmocka_unit_test_setup_teardown(test_only_whole_names,
		    ut_setup_ctx, ut_teardown_ctx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
