/*
 * test_combine.c - combine.c: roles united as one user, who grants what,
 * and how --combine names roles.
 */
#include "unit.h"

static const char roles[] =
    "<ImportExportXml><Roles>"
    "<Role id=\"{AAAAAAAA-0000-4000-8000-000000000001}\" name=\"Reader\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvReadMailbox\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvWriteMailbox\" level=\"Basic\"/>"
    "</RolePrivileges></Role>"
    "<Role id=\"{aaaaaaaa-0000-4000-8000-000000000002}\" name=\"Writer\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvReadMailbox\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvWriteMailbox\" level=\"Local\"/>"
    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
    "</RolePrivileges></Role>"
    "<Role id=\"{aaaaaaaa-0000-4000-8000-000000000003}\" name=\"A, B\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvSyncToOutlook\" level=\"Global\"/>"
    "</RolePrivileges></Role>"
    "<Role id=\"{aaaaaaaa-0000-4000-8000-000000000004}\" name=\"sales\">"
    "<RolePrivileges/></Role>"
    "<Role id=\"{aaaaaaaa-0000-4000-8000-000000000005}\" name=\"Sales\">"
    "<RolePrivileges/></Role>"
    "</Roles></ImportExportXml>";

struct fx {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	struct ra_profile	*prof;
};

static int
setup(void **state)
{
	struct fx	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->ctx = ra_ctx_new()) == NULL)
		return -1;
	if (ut_load(f->ctx, "c.xml", roles, &f->sol) != RA_OK)
		return -1;
	f->prof = ut_profile(f->ctx, "mb", "privilege,min_level\n"
	    "prvReadMailbox,\nprvWriteMailbox,Local\nprvSyncToOutlook,\n");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	ra_profile_free(f->prof);
	ra_solution_free(f->sol);
	ra_ctx_free(f->ctx);
	free(f);
	return 0;
}

/* The combination borrows these lists: they must outlive it. */
static const struct ra_solution	*sol[1];
static const struct ra_profile	*prof[1];

static enum ra_err
combine(struct fx *f, const char *spec, const struct ra_check_opts *o,
    struct ra_combined **out)
{
	const char		*specs[1] = { spec };

	sol[0] = f->sol;
	prof[0] = f->prof;
	*out = NULL;
	return ra_combine(f->ctx, sol, 1, prof, 1, o, specs, spec ? 1 : 0,
	    out);
}

static const struct ra_creq *
req(const struct ra_combined *cb, size_t c, const char *name)
{
	size_t	 i;

	for (i = 0; i < cb->c[c].nr; i++)
		if (strcmp(cb->ctx->cat.v[cb->c[c].r[i].req->priv].name,
		    name) == 0)
			return &cb->c[c].r[i];
	fail_msg("no requirement %s", name);
	return NULL;
}

/* Each privilege at the highest level any role grants; who grants it. */
static void
test_union(void **state)
{
	struct fx		*f = *state;
	struct ra_combined	*cb;
	const struct ra_creq	*q;

	assert_int_equal(combine(f, "Reader,Writer,A\\, B", NULL, &cb),
	    RA_OK);
	assert_int_equal(cb->nc, 1);
	assert_int_equal(cb->c[0].nm, 3);
	assert_int_equal(cb->c[0].nprivs, 4);
	q = req(cb, 0, "prvReadMailbox");
	assert_int_equal(q->held, RA_LEVEL_GLOBAL);
	assert_int_equal(q->ng, 2);
	/* Highest level first. */
	assert_string_equal(cb->c[0].m[q->g[0].member].role->name, "Reader");
	assert_int_equal(q->g[1].level, RA_LEVEL_BASIC);
	q = req(cb, 0, "prvWriteMailbox");
	assert_int_equal(q->held, RA_LEVEL_LOCAL);
	assert_string_equal(cb->c[0].m[q->g[0].member].role->name, "Writer");
	assert_int_equal(cb->c[0].nmiss, 0);
	assert_int_equal(ra_combined_fail_count(cb), 0);
	ra_combined_free(cb);
}

/* A combination that still lacks something fails, and says what. */
static void
test_fail_and_min_level(void **state)
{
	struct fx		*f = *state;
	struct ra_combined	*cb;
	struct ra_check_opts	 o = { .min_level = RA_LEVEL_GLOBAL };

	assert_int_equal(combine(f, "Reader, Writer", NULL, &cb), RA_OK);
	assert_int_equal(cb->c[0].nmiss, 1);
	assert_int_equal(req(cb, 0, "prvSyncToOutlook")->held, RA_LEVEL_NONE);
	assert_int_equal(req(cb, 0, "prvSyncToOutlook")->ng, 0);
	assert_int_equal(ra_combined_fail_count(cb), 1);
	ra_combined_free(cb);
	/* --min-level Global: Write at Local is not enough any more. */
	assert_int_equal(combine(f, "Reader,Writer,A\\, B", &o, &cb), RA_OK);
	assert_int_equal(cb->c[0].nmiss, 1);
	ra_combined_free(cb);
}

/* Ids match with or without braces, in any case; names ignore case. */
static void
test_names_and_ids(void **state)
{
	struct fx		*f = *state;
	struct ra_combined	*cb;

	assert_int_equal(combine(f, "AAAAAAAA-0000-4000-8000-000000000002, "
	    "{aaaaaaaa-0000-4000-8000-000000000001},reader", NULL, &cb),
	    RA_OK);
	/* Reader named twice counts once. */
	assert_int_equal(cb->c[0].nm, 2);
	ra_combined_free(cb);
	/* An exact name wins over the one equal but for case. */
	assert_int_equal(combine(f, "Sales", NULL, &cb), RA_OK);
	assert_string_equal(cb->c[0].m[0].role->name, "Sales");
	ra_combined_free(cb);
	/* Two names equal but for case, neither exact: ambiguous. */
	assert_int_equal(combine(f, "SALES", NULL, &cb), RA_EINVAL);
	assert_null(cb);
	assert_non_null(ut_diag(f->ctx, RA_C_ROLE_AMBIGUOUS));
}

static void
test_unknown(void **state)
{
	struct fx		*f = *state;
	struct ra_combined	*cb;

	assert_int_equal(combine(f, "Reader,Nobody", NULL, &cb), RA_EINVAL);
	assert_null(cb);
	assert_non_null(ut_diag(f->ctx, RA_C_ROLE_UNKNOWN));
	assert_int_equal(combine(f, " , ", NULL, &cb), RA_EINVAL);
}

/* No spec: every role of every input. */
static void
test_all(void **state)
{
	struct fx		*f = *state;
	struct ra_combined	*cb;

	assert_int_equal(combine(f, NULL, NULL, &cb), RA_OK);
	assert_int_equal(cb->nc, 1);
	assert_true(cb->c[0].all);
	assert_int_equal(cb->c[0].nm, 5);
	assert_int_equal(cb->npass, 1);
	ra_combined_free(cb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_union, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_and_min_level, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_names_and_ids, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
