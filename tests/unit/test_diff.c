/*
 * test_diff.c - diff.c: roles matched by id, then by name; privilege
 * changes by depth in tab then name order; escalations; profile verdicts
 * that change; the role filter; the rendered diff.
 */
#include <jansson.h>

#include "unit.h"

#define PRIV(n, l) "<RolePrivilege name=\"" n "\" level=\"" l "\"/>"
#define ROLE(id, name, privs) \
	"<Role id=\"{" id "}\" name=\"" name "\"><RolePrivileges>" privs \
	"</RolePrivileges></Role>\n"

#define OLD_XML "<ImportExportXml><Roles>\n" \
	ROLE("1", "Sales", PRIV("prvReadAccount", "Basic") \
	    PRIV("prvWriteAccount", "Local") \
	    PRIV("prvDeleteAccount", "Global") \
	    PRIV("prvReadContact", "Basic")) \
	ROLE("2", "Old Name", PRIV("prvReadAccount", "Basic")) \
	ROLE("3", "Gone", "") \
	ROLE("4", "Service", PRIV("prvReadIncident", "Basic")) \
	ROLE("9", "ByName", PRIV("prvReadAccount", "Basic")) \
	"</Roles></ImportExportXml>\n"

#define NEW_XML "<ImportExportXml><Roles>\n" \
	ROLE("1", "Sales", PRIV("prvReadAccount", "Deep") \
	    PRIV("prvWriteAccount", "Basic") \
	    PRIV("prvReadContact", "Basic") \
	    PRIV("prvReadRole", "Basic")) \
	ROLE("2", "New Name", PRIV("prvReadAccount", "Basic")) \
	ROLE("4", "Service", PRIV("prvReadIncident", "Basic")) \
	ROLE("5", "Fresh", PRIV("prvSyncToOutlook", "Basic")) \
	ROLE("10", "BYNAME", PRIV("prvReadAccount", "Local")) \
	"</Roles></ImportExportXml>\n"

struct fix {
	struct ra_ctx		*ctx;
	struct ra_solution	*old, *new;
	struct ra_profile	*prof;
};

static int
setup_fix(void **state)
{
	static const char	 csv[] = "privilege,min_level\n"
	    "prvReadAccount,Local\n";
	struct fix		*f;

	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->ctx = ra_ctx_new()) == NULL)
		return -1;
	*state = f;
	if (ut_load(f->ctx, "old.xml", OLD_XML, &f->old) != RA_OK ||
	    ut_load(f->ctx, "new.xml", NEW_XML, &f->new) != RA_OK ||
	    ra_profile_load_buffer(f->ctx, "p", "p.csv", csv, strlen(csv),
	    &f->prof) != RA_OK)
		return -1;
	return 0;
}

static int
teardown_fix(void **state)
{
	struct fix	*f = *state;

	if (f == NULL)
		return 0;
	ra_profile_free(f->prof);
	ra_solution_free(f->old);
	ra_solution_free(f->new);
	ra_ctx_free(f->ctx);
	free(f);
	return 0;
}

/* The diff of the fixture, with its profile and options O. */
static struct ra_diff *
diff(const struct fix *f, const struct ra_diff_opts *o)
{
	struct ra_diff	*d = NULL;

	assert_int_equal(ra_diff(f->ctx, f->old, f->new,
	    (const struct ra_profile *const *)&f->prof, 1, o, &d), RA_OK);
	assert_non_null(d);
	return d;
}

/* The entry of the role now (or last) called NAME. */
static const struct ra_rdiff *
entry(const struct ra_diff *d, const char *name)
{
	size_t	 i;

	for (i = 0; i < d->nr; i++) {
		const struct ra_role	*r = d->r[i].new ? d->r[i].new :
		    d->r[i].old;

		if (strcmp(r->name, name) == 0)
			return &d->r[i];
	}
	fail_msg("no diff entry for %s", name);
	return NULL;
}

/*
 * Roles in the new export's order, removed roles last; unchanged roles
 * are not listed; the counts add up.
 */
static void
test_roles(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);

	assert_int_equal(d->nr, 5);
	assert_string_equal(d->r[0].new->name, "Sales");
	assert_int_equal(d->r[0].change, RA_RCH_CHANGED);
	assert_string_equal(d->r[1].new->name, "New Name");
	assert_string_equal(d->r[2].new->name, "Fresh");
	assert_int_equal(d->r[2].change, RA_RCH_ADDED);
	assert_null(d->r[2].old);
	assert_string_equal(d->r[3].new->name, "BYNAME");
	assert_string_equal(d->r[4].old->name, "Gone");
	assert_int_equal(d->r[4].change, RA_RCH_REMOVED);
	assert_null(d->r[4].new);
	assert_int_equal(d->roles_added, 1);
	assert_int_equal(d->roles_removed, 1);
	assert_int_equal(d->roles_changed, 3);
	assert_int_equal(ra_diff_change_count(d), 5);
	ra_diff_free(d);
	ra_diff_free(NULL);
}

/* A role keeps its partner by id through a rename. */
static void
test_match_by_id(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "New Name");

	assert_non_null(r->old);
	assert_string_equal(r->old->name, "Old Name");
	assert_true(r->renamed);
	assert_int_equal(r->np, 0);
	assert_false(entry(d, "Sales")->renamed);
	ra_diff_free(d);
}

/* Without a partner by id, a role is matched by name, ignoring case. */
static void
test_match_by_name(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "BYNAME");

	assert_non_null(r->old);
	assert_string_equal(r->old->name, "ByName");
	assert_string_equal(r->old->id, "9");
	assert_string_equal(r->new->id, "10");
	assert_int_equal(r->np, 1);
	assert_int_equal(r->p[0].change, RA_PCH_RAISED);
	ra_diff_free(d);
}

/*
 * Each privilege whose level differs is one change, in tab order then
 * by name, with both levels.
 */
static void
test_privilege_changes(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");

	assert_int_equal(r->np, 4);
	assert_string_equal(r->p[0].name, "prvDeleteAccount");
	assert_int_equal(r->p[0].change, RA_PCH_REMOVED);
	assert_int_equal(r->p[0].old, RA_LEVEL_GLOBAL);
	assert_int_equal(r->p[0].new, RA_LEVEL_NONE);
	assert_string_equal(r->p[1].name, "prvReadAccount");
	assert_int_equal(r->p[1].change, RA_PCH_RAISED);
	assert_int_equal(r->p[1].old, RA_LEVEL_BASIC);
	assert_int_equal(r->p[1].new, RA_LEVEL_DEEP);
	assert_string_equal(r->p[2].name, "prvWriteAccount");
	assert_int_equal(r->p[2].change, RA_PCH_LOWERED);
	assert_string_equal(r->p[3].name, "prvReadRole");	/* Business */
	assert_int_equal(r->p[3].tab, RA_TAB_BUSINESS);
	assert_int_equal(r->p[3].change, RA_PCH_ADDED);
	assert_int_equal(d->added, 1);
	assert_int_equal(d->removed, 1);
	assert_int_equal(d->raised, 2);
	assert_int_equal(d->lowered, 1);
	ra_diff_free(d);
}

/*
 * Escalations: a raise to Deep, a privilege on a security table, an
 * added role granting a privacy privilege.  Lowering and removing never
 * escalate.
 */
static void
test_escalations(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");

	assert_non_null(r->p[1].reason);
	assert_string_equal(r->p[1].reason, "granted at Deep or Global depth");
	assert_non_null(r->p[3].reason);
	assert_string_equal(r->p[3].reason,
	    "security-sensitive table: Security Role");
	assert_null(r->p[0].reason);		/* removed */
	assert_null(r->p[2].reason);		/* lowered */
	assert_true(r->escalation);
	assert_true(entry(d, "Fresh")->escalation);
	assert_false(entry(d, "BYNAME")->escalation);	/* Basic -> Local */
	assert_int_equal(ra_diff_escalation_count(d), 3);
	ra_diff_free(d);
}

/*
 * Reasons of several rules are joined in rule-kind order (privilege,
 * base, section, depth); only raises escalate.
 */
static void
test_escalation_reasons_joined(void **state)
{
	struct fix		*f = *state;
	struct ra_buf		 b = { 0 };
	size_t			 i;

	i = ra_catalog_find(&f->ctx->cat, "prvReadRole", 11);
	assert_int_not_equal(i, RA_NOPRIV);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_BASIC,
	    RA_LEVEL_GLOBAL, &b), 1);
	assert_string_equal(b.s, "security-sensitive table: Security Role; "
	    "granted at Deep or Global depth");
	ra_buf_free(&b);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_GLOBAL,
	    RA_LEVEL_BASIC, &b), 0);
	assert_null(b.s);
	i = ra_catalog_find(&f->ctx->cat, "prvReadAccount", 14);
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_BASIC,
	    RA_LEVEL_LOCAL, &b), 0);
	assert_null(b.s);
	/* Deep to Global grants more too. */
	assert_int_equal(ra_escalation(f->ctx, i, RA_LEVEL_DEEP,
	    RA_LEVEL_GLOBAL, &b), 1);
	assert_string_equal(b.s, "granted at Deep or Global depth");
	ra_buf_free(&b);
}

/* A profile whose verdict changed is reported on the role. */
static void
test_profile_transitions(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	const struct ra_rdiff	*r = entry(d, "Sales");

	assert_int_equal(r->nt, 1);
	assert_ptr_equal(r->t[0].prof, f->prof);
	assert_false(r->t[0].old_pass);
	assert_true(r->t[0].new_pass);
	assert_int_equal(entry(d, "BYNAME")->nt, 1);
	assert_int_equal(entry(d, "New Name")->nt, 0);
	ra_diff_free(d);
}

/* The role filter keeps roles by old or new name or id, any case. */
static void
test_role_filter(void **state)
{
	static const char *const byname[] = { "sales", "old name" };
	static const char *const byid[] = { "5", "3" };
	struct fix		*f = *state;
	struct ra_diff_opts	 o;
	struct ra_diff		*d;

	o.roles = byname;
	o.nroles = 2;
	d = diff(f, &o);
	assert_int_equal(d->nr, 2);
	assert_string_equal(d->r[0].new->name, "Sales");
	assert_string_equal(d->r[1].new->name, "New Name");
	ra_diff_free(d);
	o.roles = byid;
	d = diff(f, &o);
	assert_int_equal(d->nr, 2);
	assert_string_equal(d->r[0].new->name, "Fresh");
	assert_string_equal(d->r[1].old->name, "Gone");
	assert_int_equal(ra_diff_change_count(d), 2);
	ra_diff_free(d);
}

/* Render the fixture's diff as FMT. */
static char *
render(const struct ra_diff *d, enum ra_format fmt, size_t *len)
{
	struct ra_write_opts	 o;
	char			*buf = NULL;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = fmt;
	assert_non_null(mf = open_memstream(&buf, len));
	assert_int_equal(ra_write_diff(d, &o, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	return buf;
}

/* The rendered diff: JSON summary, CSV rows, the text summary line. */
static void
test_render(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = diff(f, NULL);
	struct ra_csv		 c;
	json_error_t		 err;
	json_t			*j, *s;
	char			*out;
	size_t			 len;

	out = render(d, RA_FORMAT_JSON, &len);
	assert_non_null(j = json_loadb(out, len, 0, &err));
	free(out);
	s = json_object_get(j, "summary");
	assert_int_equal(json_integer_value(json_object_get(s,
	    "roles_added")), 1);
	assert_int_equal(json_integer_value(json_object_get(s,
	    "escalations")), 3);
	assert_int_equal(json_array_size(json_object_get(j, "roles")), 5);
	json_decref(j);

	out = render(d, RA_FORMAT_CSV, &len);
	assert_int_equal(ra_csv_parse(f->ctx, "d.csv", out, len, &c), RA_OK);
	free(out);
	/* header + Sales 4 + New Name 1 + Fresh 1 + BYNAME 1 + Gone 1 */
	assert_int_equal(c.nrow, 9);
	assert_string_equal(c.row[0].field[0], "role_id");
	ra_csv_free(&c);

	out = render(d, RA_FORMAT_TEXT, &len);
	assert_non_null(strstr(out, "renamed from \"Old Name\""));
	assert_non_null(strstr(out, "\nRoles: 1 added, 1 removed, 3 changed."
	    "  Privileges: 1 added, 1 removed, 2 raised, 1 lowered.  "
	    "Escalations: 3.\n"));
	free(out);
	ra_diff_free(d);
}

/*
 * Two identical exports: no differences at all.
 * Regression (fixed): diff_privileges() ends with qsort(r->p, 0, ...) where r->p is NULL
 * for a matched role without changes (diff.c); UBSan aborts with "null
 * pointer passed as argument 1, which is declared to never be null", so
 * every unchanged role kills `roleaudit diff` under `make check`.
 */
static void
test_identical(void **state)
{
	struct fix		*f = *state;
	struct ra_diff		*d = NULL;

	assert_int_equal(ra_diff(f->ctx, f->old, f->old,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, &d), RA_OK);
	assert_int_equal(d->nr, 0);
	assert_int_equal(ra_diff_change_count(d), 0);
	assert_int_equal(ra_diff_escalation_count(d), 0);
	ra_diff_free(d);
}

#define FIX(t)	cmocka_unit_test_setup_teardown(t, setup_fix, teardown_fix)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIX(test_escalation_reasons_joined),
		FIX(test_roles),
		FIX(test_match_by_id),
		FIX(test_match_by_name),
		FIX(test_privilege_changes),
		FIX(test_escalations),
		FIX(test_profile_transitions),
		FIX(test_role_filter),
		FIX(test_render),
		/* Last: under UBSan it aborts the program until fixed. */
		FIX(test_identical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
