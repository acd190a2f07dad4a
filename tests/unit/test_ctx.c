/*
 * test_ctx.c - ctx.c: names of the public enumerations, levels, limits
 * and the diagnostics list and its compiler-style format.
 */
#include "unit.h"

/* Every status has its own text; unknown values still get one. */
static void
test_strerror(void **state)
{
	enum ra_err	 a, b;

	(void)state;
	for (a = RA_OK; a <= RA_EINVAL; a++) {
		assert_non_null(ra_strerror(a));
		assert_true(*ra_strerror(a) != '\0');
		for (b = RA_OK; b < a; b++)
			assert_string_not_equal(ra_strerror(a), ra_strerror(b));
	}
	assert_string_equal(ra_strerror(RA_OK), "success");
	assert_non_null(ra_strerror((enum ra_err)1000));
}

/* Levels parse in both spellings, any case, and print back. */
static void
test_levels(void **state)
{
	static const struct {
		const char	*s;
		enum ra_level	 l;
	} v[] = {
		{ "None", RA_LEVEL_NONE }, { "basic", RA_LEVEL_BASIC },
		{ "USER", RA_LEVEL_BASIC }, { "Local", RA_LEVEL_LOCAL },
		{ "business unit", RA_LEVEL_LOCAL }, { "Deep", RA_LEVEL_DEEP },
		{ "Parent: Child Business Units", RA_LEVEL_DEEP },
		{ "global", RA_LEVEL_GLOBAL },
		{ "Organization", RA_LEVEL_GLOBAL },
	};
	enum ra_level	 l = RA_LEVEL_DEEP;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(ra_level_parse(v[i].s, &l), RA_OK);
		assert_int_equal(l, v[i].l);
	}
	l = RA_LEVEL_DEEP;
	assert_int_equal(ra_level_parse("Galactic", &l), RA_EINVAL);
	assert_int_equal(ra_level_parse("", &l), RA_EINVAL);
	assert_int_equal(ra_level_parse("Global ", &l), RA_EINVAL);
	assert_int_equal(l, RA_LEVEL_DEEP);	/* untouched on failure */
	for (l = RA_LEVEL_NONE; l <= RA_LEVEL_GLOBAL; l++) {
		enum ra_level	 back;

		assert_int_equal(ra_level_parse(ra_level_name(l), &back),
		    RA_OK);
		assert_int_equal(back, l);
	}
	assert_string_equal(ra_level_name(RA_LEVEL_GLOBAL), "Global");
	assert_string_equal(ra_level_name((enum ra_level)9), "None");
}

/* Tabs and sections: the editor's names, parsed back with aliases. */
static void
test_tabs_sections(void **state)
{
	enum ra_tab	 t, back;
	enum ra_section	 s;

	(void)state;
	for (t = RA_TAB_CORE; t < RA_TAB__COUNT; t++) {
		assert_true(*ra_tab_name(t) != '\0');
		assert_int_equal(ra_tab_parse(ra_tab_name(t), &back), 0);
		assert_int_equal(back, t);
	}
	assert_string_equal(ra_tab_name(RA_TAB_BPF), "Business Process Flows");
	assert_string_equal(ra_tab_name(RA_TAB__COUNT), "");
	assert_int_equal(ra_tab_parse("core", &back), 0);
	assert_int_equal(back, RA_TAB_CORE);
	assert_int_equal(ra_tab_parse("Customizations", &back), 0);
	assert_int_equal(back, RA_TAB_CUSTOMIZATION);
	assert_int_equal(ra_tab_parse("Nowhere", &back), -1);
	assert_string_equal(ra_section_name(RA_SECTION_ENTITIES), "");
	assert_int_equal(ra_section_parse("", &s), 0);
	assert_int_equal(s, RA_SECTION_ENTITIES);
	assert_int_equal(ra_section_parse("miscellaneous", &s), 0);
	assert_int_equal(s, RA_SECTION_MISC);
	assert_int_equal(ra_section_parse("Privacy-related Privileges", &s),
	    0);
	assert_int_equal(s, RA_SECTION_PRIVACY);
	assert_int_equal(ra_section_parse("Secret", &s), -1);
}

/* Limits: defaults, a set value read back, 0 and unknown refused. */
static void
test_limits(void **state)
{
	struct ra_ctx	*ctx = *state;

	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_RATIO), 200);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_XML_DEPTH), 256);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_NAME_LENGTH), 1024);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_RATIO, 7), RA_OK);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_RATIO), 7);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_RATIO, 0), RA_EINVAL);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_RATIO), 7);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT__COUNT, 5), RA_EINVAL);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT__COUNT), 0);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE,
	    UINT64_MAX), RA_OK);
	assert_true(ra_ctx_limit(ctx, RA_LIMIT_MEMBER_SIZE) == UINT64_MAX);
	ra_ctx_free(NULL);
}

/* Diagnostics are kept in order, copied, and counted by severity. */
static void
test_diag_list(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;
	char			 file[] = "a.zip";

	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	assert_null(ra_ctx_diag(ctx, 0));
	ra_diag_add(ctx, RA_SEV_WARNING, 108, file, "Roles/x.xml", 3, 0,
	    "skipped %s", "x");
	ra_diag_add(ctx, RA_SEV_ERROR, 104, "b.xml", NULL, 12, 7, "no level");
	ra_diag_add(ctx, RA_SEV_NOTE, 0, NULL, NULL, 0, 0, "%d notes", 1);
	file[0] = 'z';			/* the context kept a copy */
	assert_int_equal(ra_ctx_diag_count(ctx), 3);
	d = ra_ctx_diag(ctx, 0);
	assert_string_equal(d->file, "a.zip");
	assert_string_equal(d->member, "Roles/x.xml");
	assert_string_equal(d->message, "skipped x");
	assert_int_equal(d->code, 108);
	assert_int_equal(d->line, 3);
	assert_int_equal(ra_ctx_diag(ctx, 1)->column, 7);
	assert_null(ra_ctx_diag(ctx, 2)->file);
	assert_null(ra_ctx_diag(ctx, 3));
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_NOTE), 3);
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_WARNING), 2);
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_ERROR), 1);
}

/* Format D and compare with WANT. */
static void
check_format(const struct ra_diag *d, const char *want)
{
	char	*s = ra_diag_format(d);

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

/*
 * The compiler-style format: file!member:line:column, severity, message
 * and code; parts that are unknown are left out.
 */
static void
test_diag_format(void **state)
{
	struct ra_diag	 d;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.severity = RA_SEV_ERROR;
	d.code = 104;
	d.file = "Sales.zip";
	d.member = "customizations.xml";
	d.line = 412;
	d.column = 9;
	d.message = "RolePrivilege without level";
	check_format(&d, "roleaudit: Sales.zip!customizations.xml:412:9: "
	    "error: RolePrivilege without level [RA104]");
	d.column = 0;
	d.member = NULL;
	d.severity = RA_SEV_WARNING;
	check_format(&d, "roleaudit: Sales.zip:412: warning: RolePrivilege "
	    "without level [RA104]");
	d.line = 0;
	d.column = 5;			/* a column without a line is dropped */
	check_format(&d, "roleaudit: Sales.zip: warning: RolePrivilege "
	    "without level [RA104]");
	d.file = NULL;
	d.code = 0;
	d.severity = RA_SEV_NOTE;
	check_format(&d, "roleaudit: note: RolePrivilege without level");
	d.severity = (enum ra_severity)7;
	d.code = 7;
	check_format(&d, "roleaudit: error: RolePrivilege without level "
	    "[RA007]");
}

/* Control characters from the input are escaped in every part. */
static void
test_diag_format_escapes(void **state)
{
	struct ra_diag	 d;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.severity = RA_SEV_ERROR;
	d.code = 101;
	d.file = "evil\x1b[2J.zip";
	d.member = "Roles/\r\n.xml";
	d.line = 1;
	d.message = "name \"\x1b]0;pwned\x07\"";
	check_format(&d, "roleaudit: evil\\x1b[2J.zip!Roles/\\x0d\\x0a.xml:1: "
	    "error: name \"\\x1b]0;pwned\\x07\" [RA101]");
}

/*
 * A code about reading an input that comes once an element: the first
 * RA_DIAG_SAME_MAX are recorded, then one line, at the first held back,
 * says how many more, kept up to date; a retried parse (mark, truncate)
 * goes back to what the line said then.  Other codes are not held back.
 */
static void
test_diag_cap(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_diagmark	 mark;
	const struct ra_diag	*d;
	unsigned long		 i;

	for (i = 1; i <= 10; i++)
		ra_diag_add(ctx, RA_SEV_WARNING, RA_C_PRIV_BADLEVEL, "a.xml",
		    NULL, i, 0, "bad level %lu", i);
	for (i = 1; i <= 5; i++)
		ra_diag_add(ctx, RA_SEV_WARNING, RA_C_LINT_DEPTH, "a.xml",
		    NULL, i, 0, "lint %lu", i);
	assert_int_equal(ut_diag_n(ctx, RA_C_PRIV_BADLEVEL),
	    RA_DIAG_SAME_MAX + 1);
	assert_int_equal(ut_diag_n(ctx, RA_C_LINT_DEPTH), 5);
	d = ra_ctx_diag(ctx, RA_DIAG_SAME_MAX);
	assert_int_equal(d->code, RA_C_PRIV_BADLEVEL);
	assert_int_equal(d->line, RA_DIAG_SAME_MAX + 1);
	assert_string_equal(d->message, "7 more diagnostics of this kind in "
	    "this input, not printed");

	ra_diag_mark(ctx, &mark);
	for (i = 0; i < 4; i++)
		ra_diag_add(ctx, RA_SEV_WARNING, RA_C_PRIV_BADLEVEL, "a.xml",
		    NULL, 20, 0, "again");
	ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ROLE_NOID, "a.xml", NULL, 21, 0,
	    "no id");
	assert_string_equal(ra_ctx_diag(ctx, RA_DIAG_SAME_MAX)->message,
	    "11 more diagnostics of this kind in this input, not printed");
	ra_diag_truncate(ctx, &mark);
	assert_int_equal(ra_ctx_diag_count(ctx), RA_DIAG_SAME_MAX + 1 + 5);
	assert_string_equal(ra_ctx_diag(ctx, RA_DIAG_SAME_MAX)->message,
	    "7 more diagnostics of this kind in this input, not printed");
	/* The counts went back too: one more makes 8. */
	ra_diag_add(ctx, RA_SEV_WARNING, RA_C_PRIV_BADLEVEL, "a.xml", NULL,
	    30, 0, "once more");
	assert_string_equal(ra_ctx_diag(ctx, RA_DIAG_SAME_MAX)->message,
	    "8 more diagnostics of this kind in this input, not printed");
	assert_null(ut_diag(ctx, RA_C_ROLE_NOID));
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_tabs_sections),
		CTX(test_limits),
		CTX(test_diag_list),
		CTX(test_diag_cap),
		cmocka_unit_test(test_diag_format),
		cmocka_unit_test(test_diag_format_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
