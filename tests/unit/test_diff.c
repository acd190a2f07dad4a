/*
 * test_diff.c - diff.c: roles matched by id, then by name; privilege
 * changes by depth in tab then name order; escalations; profile verdicts
 * that change; the role filter; the rendered diff.  Every test of the
 * fixture runs twice: on solutions loaded in full from buffers, and on
 * lean ones loaded from files (ra_ctx_set_lean()), whose privileges
 * ra_diff() reads back for the roles it lists.
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
	char			 dir[UT_PATH_MAX];	/* lean: the files */
};

static int
setup(void **state, int lean)
{
	static const char	 csv[] = "privilege,min_level\n"
	    "prvReadAccount,Local\n";
	struct fix		*f;
	char			 p[UT_PATH_MAX];

	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->ctx = ra_ctx_new()) == NULL)
		return -1;
	*state = f;
	if (ra_profile_load_buffer(f->ctx, "p", "p.csv", csv, strlen(csv),
	    &f->prof) != RA_OK)
		return -1;
	if (!lean)
		return ut_load(f->ctx, "old.xml", OLD_XML, &f->old) != RA_OK ||
		    ut_load(f->ctx, "new.xml", NEW_XML, &f->new) != RA_OK ?
		    -1 : 0;
	ut_mkdtemp(f->dir);
	ut_writes(f->dir, "old.xml", OLD_XML);
	ut_writes(f->dir, "new.xml", NEW_XML);
	ra_ctx_set_lean(f->ctx, 1);
	if (ra_solution_load(f->ctx, ut_join(p, f->dir, "old.xml"),
	    &f->old) != RA_OK ||
	    ra_solution_load(f->ctx, ut_join(p, f->dir, "new.xml"),
	    &f->new) != RA_OK)
		return -1;
	return 0;
}

static int
setup_fix(void **state)
{
	return setup(state, 0);
}

static int
setup_lean(void **state)
{
	return setup(state, 1);
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
	if (*f->dir)
		ut_rmtree(f->dir);
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
 * Repeated ids and names pair in export order; an exact name wins over
 * one equal but for case, even when the caseless one comes first; ids
 * compare without braces and case; a role without id never pairs by id.
 */
static void
test_match_order(void **state)
{
	static const char	 old_xml[] = "<ImportExportXml><Roles>\n"
	    ROLE("AB", "Twin", PRIV("prvReadAccount", "Basic"))
	    ROLE("ab", "Twin", PRIV("prvReadAccount", "Local"))
	    ROLE("1", "Dup", PRIV("prvReadAccount", "Basic"))
	    ROLE("2", "Dup", PRIV("prvReadAccount", "Local"))
	    ROLE("3", "CASE", PRIV("prvReadAccount", "Basic"))
	    ROLE("4", "Case", PRIV("prvReadAccount", "Local"))
	    "</Roles></ImportExportXml>\n";
	static const char	 new_xml[] = "<ImportExportXml><Roles>\n"
	    ROLE("aB", "Twin 1", PRIV("prvReadAccount", "Basic"))
	    ROLE("Ab", "Twin 2", PRIV("prvReadAccount", "Local"))
	    ROLE("10", "Dup", PRIV("prvReadAccount", "Basic"))
	    ROLE("11", "Dup", PRIV("prvReadAccount", "Local"))
	    ROLE("12", "Case", PRIV("prvReadAccount", "Local"))
	    "<Role name=\"CASE\"><RolePrivileges>"
	    PRIV("prvReadAccount", "Basic") "</RolePrivileges></Role>\n"
	    "</Roles></ImportExportXml>\n";
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*o = NULL, *n = NULL;
	struct ra_diff		*d = NULL;
	size_t			 i;

	assert_int_equal(ut_load(ctx, "o.xml", old_xml, &o), RA_OK);
	assert_int_equal(ut_load(ctx, "n.xml", new_xml, &n), RA_OK);
	assert_int_equal(ra_diff(ctx, o, n, NULL, 0, NULL, &d), RA_OK);
	/* Only the two renamed twins differ: every pair has equal levels. */
	assert_int_equal(d->roles_added + d->roles_removed, 0);
	assert_int_equal(d->added + d->removed + d->raised + d->lowered, 0);
	assert_int_equal(d->roles_changed, 2);
	for (i = 0; i < d->nr; i++)
		assert_true(d->r[i].renamed);
	assert_string_equal(d->r[0].old->id, "ab");
	assert_int_equal(d->r[0].old->line, 2);
	assert_int_equal(d->r[1].old->line, 3);
	ra_diff_free(d);
	ra_solution_free(o);
	ra_solution_free(n);
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

/*
 * Lean: roles arrive with counts and digests only; ra_diff() gives the
 * listed ones (and only those) their privileges.
 */
static void
test_lean_fills_listed_roles(void **state)
{
	struct fix		*f = *state;
	const struct ra_role	*svc_old = ut_role(f->old, "Service");
	const struct ra_role	*svc_new = ut_role(f->new, "Service");
	const struct ra_role	*sales = ut_role(f->new, "Sales");
	struct ra_diff		*d;

	assert_true(f->old->lean);
	assert_int_equal(ra_role_privilege_count(sales), 4);
	assert_int_equal(ra_bitmap_count(&sales->bits), 0);
	assert_memory_equal(svc_old->digest, svc_new->digest, 32);
	assert_memory_not_equal(ut_role(f->old, "Sales")->digest,
	    sales->digest, 32);
	d = diff(f, NULL);
	assert_int_equal(ra_bitmap_count(&sales->bits), 4);
	assert_int_equal(ra_bitmap_count(&ut_role(f->old, "Sales")->bits), 4);
	assert_int_equal(ra_bitmap_count(&ut_role(f->new, "Fresh")->bits), 1);
	assert_int_equal(ra_bitmap_count(&ut_role(f->old, "Gone")->bits), 0);
	/* Renamed only: listed, so read back, though nothing changed. */
	assert_int_equal(ra_bitmap_count(&ut_role(f->new,
	    "New Name")->bits), 1);
	/* Unchanged: never read back. */
	assert_int_equal(ra_bitmap_count(&svc_old->bits), 0);
	assert_int_equal(ra_bitmap_count(&svc_new->bits), 0);
	/* The first reading's diagnostics are not repeated. */
	assert_int_equal(ra_ctx_diag_count(f->ctx), 0);
	ra_diff_free(d);
}

/* What only holds the privileges' digests is refused by the rest. */
static void
test_lean_refused(void **state)
{
	struct fix			*f = *state;
	const struct ra_solution	*s[1] = { f->new };
	struct ra_report		*rep = NULL;
	struct ra_lint			*ln = NULL;
	struct ra_combined		*cb = NULL;
	struct ra_explanation		*x = NULL;
	struct ra_write_opts		 wo = { 0 };

	assert_int_equal(ra_check(f->ctx, s, 1,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, &rep),
	    RA_EINVAL);
	assert_int_equal(ra_lint(f->ctx, s, 1, NULL, &ln), RA_EINVAL);
	assert_int_equal(ra_combine(f->ctx, s, 1,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, NULL, 0,
	    &cb), RA_EINVAL);
	assert_int_equal(ra_explain(f->ctx, "prvReadAccount", 14, s, 1, &x),
	    RA_EINVAL);
	wo.format = RA_FORMAT_CSV;
	assert_int_equal(ra_write_matrix(f->ctx, s, 1, &wo, stdout),
	    RA_EINVAL);
	assert_null(rep);
	assert_null(ln);
	assert_null(cb);
	assert_null(x);
}

/*
 * An input that reads differently the second time is an error (RA116),
 * whether it changed or went away; nothing is half compared.
 */
static void
test_lean_input_changed(void **state)
{
	struct fix	*f = *state;
	struct ra_diff	*d = NULL;
	char		 p[UT_PATH_MAX];

	ut_writes(f->dir, "new.xml", OLD_XML);
	assert_int_equal(ra_diff(f->ctx, f->old, f->new,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, &d),
	    RA_EINPUT);
	assert_null(d);
	assert_int_equal(ut_diag_n(f->ctx, 116), 1);
	assert_non_null(strstr(ut_diag(f->ctx, 116)->message,
	    "changed while roleaudit was reading it"));

	assert_int_equal(unlink(ut_join(p, f->dir, "old.xml")), 0);
	assert_int_not_equal(ra_diff(f->ctx, f->old, f->new,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, &d), RA_OK);
	assert_null(d);
	/* The second reading's own error, then what it means. */
	assert_int_equal(ut_diag_n(f->ctx, 100), 1);
	assert_int_equal(ut_diag_n(f->ctx, 116), 2);
}

/*
 * The digest is of the set: order, ASCII case and repeats (at a lower
 * level) do not change it, a level or a name does.
 */
static void
test_lean_digest_is_of_the_set(void **state)
{
	static const char *const xml[] = {
		ROLE("1", "A", PRIV("prvReadAccount", "Basic")
		    PRIV("prvWriteAccount", "Global")),
		ROLE("1", "A", PRIV("PRVWRITEACCOUNT", "Global")
		    PRIV("prvWriteAccount", "Local")
		    PRIV("prvreadaccount", "Basic")),
		ROLE("1", "A", PRIV("prvReadAccount", "Local")
		    PRIV("prvWriteAccount", "Global")),
		ROLE("1", "A", PRIV("prvReadAccount", "Basic")
		    PRIV("prvWriteAccounts", "Global")),
		ROLE("1", "A", PRIV("prvReadAccount", "Basic")),
	};
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*s[5];
	char			 dir[UT_PATH_MAX], p[UT_PATH_MAX], n[16];
	size_t			 i;

	(void)state;
	assert_non_null(ctx);
	ra_ctx_set_lean(ctx, 1);
	ut_mkdtemp(dir);
	for (i = 0; i < 5; i++) {
		snprintf(n, sizeof(n), "r%zu.xml", i);
		ut_writes(dir, n, xml[i]);
		assert_int_equal(ra_solution_load(ctx, ut_join(p, dir, n),
		    &s[i]), RA_OK);
	}
	ut_rmtree(dir);
	assert_memory_equal(s[0]->role[0].digest, s[1]->role[0].digest, 32);
	assert_int_equal(s[1]->role[0].nprivs, 2);
	for (i = 2; i < 5; i++)
		assert_memory_not_equal(s[0]->role[0].digest,
		    s[i]->role[0].digest, 32);
	for (i = 0; i < 5; i++)
		ra_solution_free(s[i]);
	ra_ctx_free(ctx);
}

#define FIX(t)	cmocka_unit_test_setup_teardown(t, setup_fix, teardown_fix)
#define LEAN(t)	cmocka_unit_test_setup_teardown(t, setup_lean, teardown_fix)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIX(test_escalation_reasons_joined),
		FIX(test_roles),
		FIX(test_match_by_id),
		FIX(test_match_by_name),
		cmocka_unit_test_setup_teardown(test_match_order,
		    ut_setup_ctx, ut_teardown_ctx),
		FIX(test_privilege_changes),
		FIX(test_escalations),
		FIX(test_profile_transitions),
		FIX(test_role_filter),
		FIX(test_render),
		LEAN(test_escalation_reasons_joined),
		LEAN(test_roles),
		LEAN(test_match_by_id),
		LEAN(test_match_by_name),
		LEAN(test_privilege_changes),
		LEAN(test_escalations),
		LEAN(test_profile_transitions),
		LEAN(test_role_filter),
		LEAN(test_render),
		LEAN(test_identical),
		LEAN(test_lean_fills_listed_roles),
		LEAN(test_lean_refused),
		LEAN(test_lean_input_changed),
		cmocka_unit_test(test_lean_digest_is_of_the_set),
		/* Last: under UBSan it aborts the program until fixed. */
		FIX(test_identical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
