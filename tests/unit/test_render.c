/*
 * test_render.c - the render stage: CSV cells made inert for
 * spreadsheets, the CSV, JSON and text reports, JSON written as it is
 * made, escaping of untrusted names, write errors, write.c's table of
 * which result is shown in which format, and SARIF's --max-results.
 */
#include <jansson.h>

#include "unit.h"

#define ROLES_XML \
	"<ImportExportXml><Roles>\n" \
	"<Role id=\"{AAAA}\" name=\"Full\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>" \
	"<RolePrivilege name=\"prvWriteAccount\" level=\"Global\"/>" \
	"</RolePrivileges></Role>\n" \
	"<Role id=\"{BBBB}\" name=\"Partial\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>" \
	"</RolePrivileges></Role>\n" \
	"<Role id=\"{CCCC}\" name=\"=HYPERLINK(&quot;http://x&quot;)\"/>\n" \
	"</Roles></ImportExportXml>\n"

#define PROFILE_CSV \
	"# source: unit test\n" \
	"privilege,min_level\nprvReadAccount,Local\nprvWriteAccount,Basic\n"

/* A context, one solution, one profile and the report over them. */
struct fix {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	struct ra_profile	*prof;
	struct ra_report	*rep;
};

static int
setup_fix(void **state)
{
	struct fix	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->ctx = ra_ctx_new()) == NULL)
		return -1;
	*state = f;
	if (ut_load(f->ctx, "Sales.xml", ROLES_XML, &f->sol) != RA_OK ||
	    ra_profile_load_buffer(f->ctx, "unit", "unit.csv", PROFILE_CSV,
	    strlen(PROFILE_CSV), &f->prof) != RA_OK ||
	    ra_check(f->ctx, (const struct ra_solution *const *)&f->sol, 1,
	    (const struct ra_profile *const *)&f->prof, 1, NULL,
	    &f->rep) != RA_OK)
		return -1;
	return 0;
}

static int
teardown_fix(void **state)
{
	struct fix	*f = *state;

	if (f == NULL)
		return 0;
	ra_report_free(f->rep);
	ra_profile_free(f->prof);
	ra_solution_free(f->sol);
	ra_ctx_free(f->ctx);
	free(f);
	return 0;
}

/* Render the fixture's report as FMT into a string (free it). */
static char *
report(const struct fix *f, enum ra_format fmt, int color, size_t *lenp)
{
	struct ra_write_opts	 o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = fmt;
	o.color = color;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_report(f->rep, &o, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	if (lenp)
		*lenp = len;
	return buf;
}

/* Check ra_csv_safe(S) gives WANT. */
static void
check_cell(const char *s, const char *want)
{
	const char	*got;
	char		*tmp;

	got = ra_csv_safe(s, &tmp);
	assert_non_null(got);
	assert_string_equal(got, want);
	if (strcmp(s, want) == 0) {
		assert_ptr_equal(got, s);	/* untouched, not copied */
		assert_null(tmp);
	} else
		assert_ptr_equal(got, tmp);
	free(tmp);
}

/* ---- CSV cells ------------------------------------------------------- */

/* Cells a spreadsheet would run as formulas get a leading apostrophe. */
static void
test_csv_safe_formulas(void **state)
{
	(void)state;
	check_cell("=1+2", "'=1+2");
	check_cell("+x", "'+x");
	check_cell("-x", "'-x");
	check_cell("@x", "'@x");
	check_cell("\tx", "'\tx");
	check_cell("\rx", "'\rx");
	check_cell("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")");
	check_cell("-", "'-");
	check_cell("+", "'+");
	check_cell("-1e5", "'-1e5");
	check_cell("-12.5.1", "'-12.5.1");
}

/* Plain numbers and ordinary text stay as they are. */
static void
test_csv_safe_plain(void **state)
{
	char	*tmp;

	(void)state;
	check_cell("-12.5", "-12.5");
	check_cell("+3", "+3");
	check_cell("42", "42");
	check_cell("-.5", "-.5");
	check_cell("Sales Manager", "Sales Manager");
	check_cell("a=b", "a=b");
	check_cell("", "");
	assert_string_equal(ra_csv_safe(NULL, &tmp), "");
	assert_null(tmp);
}

/* Rows are quoted as needed, made inert, and read back as written. */
static void
test_csv_write_row(void **state)
{
	static const char *const cells[] = { "plain", "a,b", "say \"hi\"",
	    "two\nlines", "=cmd", "-7" };
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_csv		 c;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	(void)state;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_csv_write_row(mf, cells, 6), 0);
	assert_int_equal(fclose(mf), 0);
	assert_int_equal(buf[len - 1], '\n');
	assert_int_equal(ra_csv_parse(ctx, "row.csv", buf, len, &c), RA_OK);
	free(buf);
	assert_int_equal(c.nrow, 1);
	assert_int_equal(c.row[0].nfield, 6);
	assert_string_equal(c.row[0].field[0], "plain");
	assert_string_equal(c.row[0].field[1], "a,b");
	assert_string_equal(c.row[0].field[2], "say \"hi\"");
	assert_string_equal(c.row[0].field[3], "two\nlines");
	assert_string_equal(c.row[0].field[4], "'=cmd");
	assert_string_equal(c.row[0].field[5], "-7");
	ra_csv_free(&c);
	ra_ctx_free(ctx);
}

/* ---- reports --------------------------------------------------------- */

/* Column N of CSV row R by header name. */
static const char *
col(const struct ra_csv *c, size_t r, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->row[0].nfield; i++)
		if (strcmp(c->row[0].field[i], name) == 0) {
			assert_true(i < c->row[r].nfield);
			return c->row[r].field[i];
		}
	fail_msg("no column %s", name);
	return NULL;
}

/*
 * The CSV report: a header row, one row per missing privilege of a
 * failing role, one row per passing role, cells made inert.
 */
static void
test_report_csv(void **state)
{
	struct fix	*f = *state;
	struct ra_csv	 c;
	char		*out;
	size_t		 len, r, n;

	out = report(f, RA_FORMAT_CSV, 0, &len);
	assert_int_equal(ra_csv_parse(f->ctx, "out.csv", out, len, &c), RA_OK);
	free(out);
	/* Full passes; Partial lacks 2; the formula role lacks 2. */
	assert_int_equal(ra_report_pass_count(f->rep), 1);
	assert_int_equal(c.nrow, 1 + 1 + 2 + 2);
	assert_int_equal(c.row[0].nfield, 21);
	assert_string_equal(c.row[0].field[0], "input");
	assert_string_equal(c.row[0].field[8], "status");
	for (r = 1; r < c.nrow; r++)
		assert_int_equal(c.row[r].nfield, 21);
	assert_string_equal(col(&c, 1, "role_name"), "Full");
	assert_string_equal(col(&c, 1, "status"), "pass");
	assert_string_equal(col(&c, 1, "privilege"), "");
	assert_string_equal(col(&c, 1, "role_id"), "aaaa");
	assert_string_equal(col(&c, 1, "kind"), "xml");
	assert_string_equal(col(&c, 1, "input"), "Sales.xml");
	assert_string_equal(col(&c, 1, "location"), "Sales.xml:2");
	assert_string_equal(col(&c, 1, "privileges"), "2");
	assert_string_equal(col(&c, 2, "role_name"), "Partial");
	assert_string_equal(col(&c, 2, "status"), "fail");
	assert_string_equal(col(&c, 2, "privilege"), "prvReadAccount");
	assert_string_equal(col(&c, 2, "entity"), "Account");
	assert_string_equal(col(&c, 2, "display_name"), "Account: Read");
	assert_string_equal(col(&c, 2, "tab"), "Core Records");
	assert_string_equal(col(&c, 2, "access"), "Read");
	assert_string_equal(col(&c, 2, "tab_source"), "source");
	assert_string_equal(col(&c, 2, "reason"), "");
	assert_string_equal(col(&c, 2, "required"), "Local");
	assert_string_equal(col(&c, 2, "actual"), "Basic");
	assert_string_equal(col(&c, 3, "privilege"), "prvWriteAccount");
	assert_string_equal(col(&c, 3, "actual"), "");
	/* A role named like a formula is inert. */
	assert_string_equal(col(&c, 4, "role_name"),
	    "'=HYPERLINK(\"http://x\")");
	for (n = 0, r = 1; r < c.nrow; r++)
		n += strcmp(col(&c, r, "status"), "fail") == 0;
	assert_int_equal(n, 4);
	ra_csv_free(&c);
}

/* The JSON report parses back with the documented keys and counts. */
static void
test_report_json(void **state)
{
	struct fix	*f = *state;
	json_error_t	 err;
	json_t		*j, *roles, *r, *m;
	char		*out;
	size_t		 len, i, nmiss = 0;

	out = report(f, RA_FORMAT_JSON, 0, &len);
	j = json_loadb(out, len, 0, &err);
	free(out);
	if (j == NULL)
		fail_msg("JSON does not parse: %s at %d", err.text, err.line);
	assert_true(json_is_object(json_object_get(j, "tool")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    j, "tool"), "name")), "roleaudit");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    j, "tool"), "version")), RA_VERSION);
	assert_int_equal(json_array_size(json_object_get(j, "profiles")), 1);
	r = json_array_get(json_object_get(j, "profiles"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "name")),
	    "unit");
	assert_int_equal(json_integer_value(json_object_get(r, "privileges")),
	    2);
	assert_string_equal(json_string_value(json_object_get(r, "source")),
	    "unit test");
	assert_int_equal(json_array_size(json_object_get(j, "inputs")), 1);
	r = json_array_get(json_object_get(j, "inputs"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "kind")),
	    "xml");
	assert_string_equal(json_string_value(json_object_get(r, "sha256")),
	    ra_solution_sha256(f->sol));
	assert_true(json_is_null(json_object_get(r, "solution")));
	roles = json_object_get(j, "roles");
	assert_int_equal(json_array_size(roles), 3);
	for (i = 0; i < json_array_size(roles); i++)
		nmiss += json_array_size(json_object_get(json_array_get(roles,
		    i), "missing"));
	assert_int_equal(nmiss, 4);
	r = json_array_get(roles, 1);
	assert_string_equal(json_string_value(json_object_get(r, "name")),
	    "Partial");
	assert_string_equal(json_string_value(json_object_get(r, "status")),
	    "fail");
	assert_string_equal(json_string_value(json_object_get(r, "id")),
	    "bbbb");
	m = json_array_get(json_object_get(r, "missing"), 0);
	assert_string_equal(json_string_value(json_object_get(m,
	    "privilege")), "prvReadAccount");
	assert_string_equal(json_string_value(json_object_get(m, "required")),
	    "Local");
	assert_string_equal(json_string_value(json_object_get(m, "actual")),
	    "Basic");
	assert_true(json_is_null(json_object_get(m, "section")));
	m = json_array_get(json_object_get(r, "missing"), 1);
	assert_true(json_is_null(json_object_get(m, "actual")));
	r = json_object_get(j, "summary");
	assert_int_equal(json_integer_value(json_object_get(r, "roles")), 3);
	assert_int_equal(json_integer_value(json_object_get(r, "pass")), 1);
	assert_int_equal(json_integer_value(json_object_get(r, "fail")), 2);
	assert_true(json_is_array(json_object_get(j, "diagnostics")));
	json_decref(j);
}

/* Output is deterministic: the same report renders byte-identically. */
static void
test_report_deterministic(void **state)
{
	struct fix	*f = *state;
	enum ra_format	 fmt;
	char		*a, *b;
	size_t		 la, lb;

	for (fmt = RA_FORMAT_TEXT; fmt <= RA_FORMAT_JSON; fmt++) {
		a = report(f, fmt, 0, &la);
		b = report(f, fmt, 0, &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
	}
}

/* The text report: PASS/FAIL per role, the missing rows, a summary. */
static void
test_report_text(void **state)
{
	struct fix	*f = *state;
	char		*out;

	out = report(f, RA_FORMAT_TEXT, 0, NULL);
	assert_int_equal(strncmp(out, "Profile unit: 2 required privileges\n",
	    36), 0);
	assert_non_null(strstr(out, "PASS  Full  Sales.xml:2  2 privileges"));
	assert_non_null(strstr(out, "FAIL  Partial  Sales.xml:3  1 privilege,"
	    " 2 of 2 required missing"));
	assert_non_null(strstr(out, "Core Records\n"));
	assert_non_null(strstr(out, "prvReadAccount   Basic, needs Local"));
	assert_non_null(strstr(out, "\n3 roles in 1 input: 1 pass, 2 fail\n"));
	assert_null(strchr(out, '\033'));	/* no colour asked for */
	assert_null(strstr(out, " \n"));	/* no trailing blanks */
	free(out);
	out = report(f, RA_FORMAT_TEXT, 1, NULL);
	assert_non_null(strchr(out, '\033'));
	free(out);
}

/* Replace the name of role I of the fixture's solution with NAME. */
static void
rename_role(struct fix *f, size_t i, const char *name)
{
	free(f->sol->role[i].name);
	f->sol->role[i].name = ra_strdup(name);
	assert_non_null(f->sol->role[i].name);
}

/* Control characters in a role name reach the terminal escaped. */
static void
test_text_escapes_controls(void **state)
{
	struct fix	*f = *state;
	char		*out;

	rename_role(f, 1, "Evil\x1b[31mRed\x1b[0m\xc2\x9b" "2J");
	out = report(f, RA_FORMAT_TEXT, 0, NULL);
	assert_non_null(strstr(out, "Evil\\x1b[31mRed\\x1b[0m\\u009b2J"));
	assert_null(strchr(out, '\033'));
	assert_null(strstr(out, "\xc2\x9b"));
	free(out);
}

/* A C1 control from the XML itself (&#x9B;) is escaped too. */
static void
test_text_escapes_c1_from_xml(void **state)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	struct ra_profile	*p;
	struct ra_report	*rep;
	struct ra_write_opts	 o = { .format = RA_FORMAT_TEXT };
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	(void)state;
	assert_int_equal(ut_load(ctx, "x\x1b]0;t\x07.xml",
	    "<Role id=\"1\" name=\"A&#x9B;31mB\"/>", &sol), RA_OK);
	p = ut_profile(ctx, "p", "privilege\nprvReadAccount\n");
	assert_int_equal(ra_check(ctx, (const struct ra_solution *const *)&sol,
	    1, (const struct ra_profile *const *)&p, 1, NULL, &rep), RA_OK);
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_report(rep, &o, mf), RA_OK);
	fclose(mf);
	assert_non_null(strstr(buf, "A\\u009b31mB"));
	assert_non_null(strstr(buf, "x\\x1b]0;t\\x07.xml"));	/* the path */
	assert_null(strchr(buf, '\033'));
	assert_null(strchr(buf, '\007'));
	free(buf);
	ra_report_free(rep);
	ra_profile_free(p);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* Invalid UTF-8 in a name still gives valid JSON (U+FFFD in place). */
static void
test_json_invalid_utf8(void **state)
{
	struct fix	*f = *state;
	json_error_t	 err;
	json_t		*j;
	char		*out;
	size_t		 len;

	rename_role(f, 0, "Bad\xff" "Name\xc3\xa9");
	out = report(f, RA_FORMAT_JSON, 0, &len);
	j = json_loadb(out, len, 0, &err);
	free(out);
	if (j == NULL)
		fail_msg("JSON does not parse: %s", err.text);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "roles"), 0), "name")),
	    "Bad\xef\xbf\xbdName\xc3\xa9");
	json_decref(j);
}

/* An unknown format is RA_EINVAL and writes nothing. */
static void
test_bad_format(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = (enum ra_format)42;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_report(f->rep, &o, mf), RA_EINVAL);
	assert_int_equal(ra_write_roles(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_EINVAL);
	fclose(mf);
	assert_int_equal(len, 0);
	free(buf);
}

/* A stream that cannot be written is RA_EIO in every format. */
static void
test_write_error(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	enum ra_format		 fmt;
	FILE			*ro;

	memset(&o, 0, sizeof(o));
	for (fmt = RA_FORMAT_TEXT; fmt <= RA_FORMAT_JSON; fmt++) {
		o.format = fmt;
		assert_non_null(ro = fopen("/dev/null", "r"));
		assert_int_equal(ra_write_report(f->rep, &o, ro), RA_EIO);
		fclose(ro);
	}
}

/* `roles` output: one row per role in every format. */
static void
test_write_roles(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	struct ra_csv		 c;
	json_error_t		 err;
	json_t			*j;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_CSV;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_roles(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_OK);
	fclose(mf);
	assert_int_equal(ra_csv_parse(f->ctx, "roles.csv", buf, len, &c),
	    RA_OK);
	free(buf);
	assert_int_equal(c.nrow, 4);
	assert_int_equal(c.row[0].nfield, 9);
	assert_string_equal(col(&c, 2, "role_name"), "Partial");
	assert_string_equal(col(&c, 2, "privileges"), "1");
	assert_string_equal(col(&c, 3, "role_name"),
	    "'=HYPERLINK(\"http://x\")");
	ra_csv_free(&c);

	o.format = RA_FORMAT_JSON;
	buf = NULL;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_roles(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_OK);
	fclose(mf);
	assert_non_null(j = json_loadb(buf, len, 0, &err));
	free(buf);
	assert_int_equal(json_array_size(json_object_get(j, "roles")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "roles"), 0), "location")), "Sales.xml:2");
	json_decref(j);

	o.format = RA_FORMAT_TEXT;
	buf = NULL;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_roles(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_OK);
	fclose(mf);
	assert_non_null(strstr(buf, "  Partial  bbbb  1 privilege  "
	    "Sales.xml:3\n"));
	assert_non_null(strstr(buf, "\n3 roles in 1 input\n"));
	free(buf);
}

/*
 * `profiles` output lists the profiles it is given with their sizes; the
 * caller loads them, as roleaudit loads every built-in one.
 */
static void
test_write_profiles(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	struct ra_profile	*prof[2];
	json_error_t		 err;
	json_t			*j, *p;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	assert_non_null(ra_profile_builtin(0));
	assert_int_equal(ra_profile_load(f->ctx, ra_profile_builtin(0),
	    &prof[0]), RA_OK);
	prof[1] = f->prof;
	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_JSON;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_profiles((const struct ra_profile *const *)
	    prof, 2, &o, mf), RA_OK);
	fclose(mf);
	ra_profile_free(prof[0]);
	assert_non_null(j = json_loadb(buf, len, 0, &err));
	free(buf);
	p = json_array_get(json_object_get(j, "profiles"), 0);
	assert_string_equal(json_string_value(json_object_get(p, "name")),
	    "server-side-sync");
	assert_int_equal(json_integer_value(json_object_get(p, "privileges")),
	    24);
	p = json_array_get(json_object_get(j, "profiles"), 1);
	assert_string_equal(json_string_value(json_object_get(p, "name")),
	    "unit");
	assert_int_equal(json_integer_value(json_object_get(p, "privileges")),
	    2);
	assert_null(json_array_get(json_object_get(j, "profiles"), 2));
	json_decref(j);
}

/* Every result of the fixture: lint, combined roles, an explanation. */
struct results {
	struct ra_lint		*ln;
	struct ra_combined	*cb;
	struct ra_explanation	*x;
};

static void
results(struct fix *f, struct results *r)
{
	static const char	 text[] = "is missing prvReadAccount privilege";
	const struct ra_solution *const *sol =
	    (const struct ra_solution *const *)&f->sol;

	assert_int_equal(ra_lint(f->ctx, sol, 1, NULL, &r->ln), RA_OK);
	assert_int_equal(ra_combine(f->ctx, sol, 1,
	    (const struct ra_profile *const *)&f->prof, 1, NULL, NULL, 0,
	    &r->cb), RA_OK);
	assert_int_equal(ra_explain(f->ctx, text, strlen(text), sol, 1,
	    (const struct ra_profile *const *)&f->prof, 1, &r->x), RA_OK);
}

/*
 * Write one kind of result (K, see below) of F and R in format FMT to a
 * string; *RC is what ra_write_*() returned.  Free the string.
 */
enum kind { K_REPORT, K_ROLES, K_MATRIX, K_LINT, K_COMBINED, K_EXPLAIN,
    K__COUNT };

static char *
write_kind(struct fix *f, const struct results *r, enum kind k,
    enum ra_format fmt, enum ra_err *rc)
{
	const struct ra_solution *const *sol =
	    (const struct ra_solution *const *)&f->sol;
	struct ra_write_opts	 o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = fmt;
	assert_non_null(mf = open_memstream(&buf, &len));
	switch (k) {
	case K_REPORT:
		*rc = ra_write_report(f->rep, &o, mf);
		break;
	case K_ROLES:
		*rc = ra_write_roles(f->ctx, sol, 1, &o, mf);
		break;
	case K_MATRIX:
		*rc = ra_write_matrix(f->ctx, sol, 1, &o, mf);
		break;
	case K_LINT:
		*rc = ra_write_lint(r->ln, &o, mf);
		break;
	case K_COMBINED:
		*rc = ra_write_combined(r->cb, &o, mf);
		break;
	default:
		*rc = ra_write_explanation(r->x, &o, mf);
		break;
	}
	fclose(mf);
	return buf;
}

/*
 * Each result in each format: the formats that show it write it (each
 * its own renderer: a CSV starts with its own header), the others are
 * RA_EINVAL and write nothing, as is a format that is not one.
 */
static void
test_write_table(void **state)
{
	static const struct {
		enum kind	 k;
		unsigned	 formats;	/* bit per enum ra_format */
		const char	*csv;		/* start of the CSV header */
	} want[] = {
		{ K_REPORT, 0x3f, "\"input\",\"kind\",\"solution\"," },
		{ K_ROLES, 0x07, "\"input\",\"kind\",\"solution\",\"version\","
		    "\"role_id\",\"role_name\",\"location\",\"privileges\","
		    "\"reason\"\n" },
		{ K_MATRIX, 0x0a, "\"tab\",\"section\",\"entity\"," },
		{ K_LINT, 0x27, "\"input\",\"kind\",\"role_id\"," },
		{ K_COMBINED, 0x07, "\"combination\",\"roles\"," },
		{ K_EXPLAIN, 0x07, "\"privilege\",\"display_name\",\"entity\","
		    "\"tab\"," },
	};
	struct fix		*f = *state;
	struct results		 r;
	enum ra_format		 fmt;
	enum ra_err		 rc;
	char			*buf;
	size_t			 i;

	results(f, &r);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		for (fmt = RA_FORMAT_TEXT; fmt <= RA_FORMAT_SARIF; fmt++) {
			buf = write_kind(f, &r, want[i].k, fmt, &rc);
			if (want[i].formats & (1u << fmt)) {
				assert_int_equal(rc, RA_OK);
				assert_non_null(buf);
				assert_true(strlen(buf) > 0);
				if (fmt == RA_FORMAT_CSV)
					assert_memory_equal(buf, want[i].csv,
					    strlen(want[i].csv));
				if (fmt == RA_FORMAT_JSON)
					assert_int_equal(buf[0], '{');
			} else {
				assert_int_equal(rc, RA_EINVAL);
				assert_true(buf == NULL || *buf == '\0');
			}
			free(buf);
		}
		buf = write_kind(f, &r, want[i].k, (enum ra_format)-1, &rc);
		assert_int_equal(rc, RA_EINVAL);
		assert_true(buf == NULL || *buf == '\0');
		free(buf);
	}
	ra_lint_free(r.ln);
	ra_combined_free(r.cb);
	ra_explanation_free(r.x);
}

/*
 * Elements for test_dump_streamed(): N objects, then NULL.  Each has
 * every kind of value and every character jansson escapes (quote,
 * backslash, each control character), and some it does not (slash,
 * DEL, UTF-8): json.c writes elements itself, byte for byte as jansson.
 */
static json_t *
stream_el(void *arg, size_t i)
{
	char	 ctl[32];
	size_t	 k;

	if (i >= *(size_t *)arg)
		return NULL;
	for (k = 0; k < 31; k++)
		ctl[k] = (char)(k + 1);
	ctl[31] = '\0';
	return json_pack("{s:i, s:[s, s], s:s, s:s, s:{}, s:[], s:{s:[b, b, n, "
	    "I, f], s:{s:s}}, s:s}", "i", (int)i, "a", "x\ny", "(streamed)",
	    "ctl", ctl, "q", "a \"quote\", a \\ and a / \x7f caf\xc3\xa9",
	    "empty", "none", "nest", "v", 1, 0, (json_int_t)-1234567890123,
	    1.5, "o", "k\t", "v\r", "after", "\xe2\x86\x92");
}

/*
 * ra_json_dump_streamed() writes the same bytes as dumping the whole
 * tree, for an array under the root and nested in an array's object,
 * empty or not, with a decoy of the marker in a string before it.
 */
static void
test_dump_streamed(void **state)
{
	char	*buf, *want;
	size_t	 len, n, i, nest;
	FILE	*mf;
	json_t	*root, *parent, *a;

	(void)state;
	for (nest = 0; nest < 2; nest++) {
		for (n = 0; n < 3; n++) {
			root = json_pack("{s:s, s:[{s:s}]}", "d", "(streamed)",
			    "runs", "results", "(streamed)");
			parent = nest ? json_array_get(json_object_get(root,
			    "runs"), 0) : root;
			a = json_array();
			for (i = 0; i < n; i++)
				json_array_append_new(a, stream_el(&n, i));
			json_object_set_new(parent, "results", a);
			json_object_set_new(parent, "after", json_true());
			want = json_dumps(root, JSON_INDENT(2));
			assert_non_null(want);
			json_object_set_new(parent, "results", json_array());
			assert_non_null(mf = open_memstream(&buf, &len));
			assert_int_equal(ra_json_dump_streamed(root, parent,
			    "results", nest ? 6 : 2, stream_el, NULL, &n, mf),
			    RA_OK);
			fclose(mf);
			assert_int_equal(len, strlen(want) + 1);
			assert_memory_equal(buf, want, strlen(want));
			assert_int_equal(buf[len - 1], '\n');
			free(want);
			free(buf);
		}
	}
}

/* The late value of test_dump_streamed_late(): ARG's count, or none. */
static json_t *
late_count(void *arg)
{
	size_t	 n = *(size_t *)arg;

	return n ? json_integer((json_int_t)n * 10) : NULL;
}

/*
 * A member after the streamed array whose value comes once the array is
 * written: given its value as if it had been in the tree, or dropped,
 * comma and all, when LATE gives none.
 */
static void
test_dump_streamed_late(void **state)
{
	char	*buf, *want;
	size_t	 len, n, i;
	FILE	*mf;
	json_t	*root, *props, *a;

	(void)state;
	for (n = 0; n < 3; n++) {
		/* Strings from the input that equal the mark come first. */
		root = json_pack("{s:[], s:{s:s, s:[s], s:s}}", "results",
		    "props", "command", "check", "roles", RA_JSON_LATE_MARK,
		    "owner", RA_JSON_LATE_MARK);
		props = json_object_get(root, "props");
		a = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(a, stream_el(&n, i));
		json_object_set_new(root, "results", a);
		if (n)
			json_object_set_new(props, "left",
			    json_integer((json_int_t)n * 10));
		want = json_dumps(root, JSON_INDENT(2));
		assert_non_null(want);
		json_object_set_new(root, "results", json_array());
		json_object_set_new(props, "left",
		    json_string(RA_JSON_LATE_MARK));
		assert_non_null(mf = open_memstream(&buf, &len));
		assert_int_equal(ra_json_dump_streamed(root, root, "results",
		    2, stream_el, late_count, &n, mf), RA_OK);
		fclose(mf);
		assert_int_equal(len, strlen(want) + 1);
		assert_memory_equal(buf, want, strlen(want));
		free(want);
		free(buf);
	}
	/* A mark that could not be made is not a member dropped in silence. */
	n = 1;
	root = json_pack("{s:[], s:{s:s}}", "results", "props", "command",
	    "check");
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_json_dump_streamed(root, root, "results", 2,
	    stream_el, late_count, &n, mf), RA_ENOMEM);
	fclose(mf);
	free(buf);
}

/* ---- SARIF: the helper other finding kinds call ----------------------- */

static const char *const policy_tags[] = { "security", "policy", NULL };

static const struct ra_sarif_rule policy_rule = {
	"policy/no-org-write", "NoOrganizationWrite", "A capped privilege.",
	"A privilege held above what a policy allows.", "Lower it.",
	"**Lower it.**", RA_SEV_ERROR, "9.1", policy_tags
};

/* One result a role, in one batch, pointing at the grant. */
static int
policy_fill(struct ra_sarif *sf, void *arg)
{
	struct fix		*f = arg;
	struct ra_sarif_at	 at;
	struct ra_buf		 m = { 0 };
	static int		 done;
	json_t			*o;
	size_t			 priv;

	if (done) {
		done = 0;
		return 0;
	}
	done = 1;
	memset(&at, 0, sizeof(at));
	at.sol = f->sol;
	at.role = ra_solution_role(f->sol, 0);
	at.what = "prvWriteAccount";
	priv = ra_catalog_find(&f->ctx->cat, "prvWriteAccount", 15);
	assert_true(ra_sarif_grant(sf, at.role, priv, &at.span));
	ra_buf_adds(&m, "Role \"");
	ra_sarif_msg(&m, "Full [x]");
	ra_buf_adds(&m, "\" writes at Organization.");
	o = ra_sarif_result(sf, &policy_rule, RA_SEV_ERROR, &m, &at);
	json_object_set_new(o, "properties", json_pack("{s:s}", "row",
	    "3"));
	ra_buf_free(&m);
	return 1;
}

static void
test_sarif_helper(void **state)
{
	struct fix			*f = *state;
	const struct ra_sarif_rule	*rules[2];
	struct ra_write_opts		 o;
	struct ra_sarif			*sf;
	struct ra_sarif_at		 at;
	json_t				*root, *run, *r, *res, *reg;
	char				*buf = NULL;
	size_t				 len = 0;
	FILE				*mf;

	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_SARIF;
	rules[0] = &policy_rule;
	rules[1] = ra_sarif_input_rule();
	assert_non_null(sf = ra_sarif_new(f->ctx, &o, "policy", rules, 2));
	json_object_set_new(ra_sarif_props(sf), "policies", json_integer(1));
	memset(&at, 0, sizeof(at));
	at.sol = f->sol;
	at.role = ra_solution_role(f->sol, 0);
	ra_sarif_artifact(sf, &at);
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_sarif_write(sf, policy_fill, f, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	assert_non_null(root = json_loads(buf, 0, NULL));
	run = json_array_get(json_object_get(root, "runs"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    run, "properties"), "command")), "policy");
	r = json_array_get(json_object_get(json_object_get(json_object_get(
	    run, "tool"), "driver"), "rules"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "id")),
	    "policy/no-org-write");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    r, "properties"), "security-severity")), "9.1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    r, "help"), "markdown")), "**Lower it.**");
	res = json_array_get(json_object_get(run, "results"), 0);
	assert_non_null(res);
	assert_int_equal(json_array_size(json_object_get(run, "results")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    res, "message"), "text")),
	    "Role \"Full \\[x\\]\" writes at Organization.");
	/* The fixture's second grant: line 2, after the first. */
	reg = json_object_get(json_object_get(json_array_get(
	    json_object_get(res, "locations"), 0), "physicalLocation"),
	    "region");
	assert_int_equal(json_integer_value(json_object_get(reg,
	    "startLine")), 2);
	assert_int_equal(json_integer_value(json_object_get(reg,
	    "startColumn")), 100);
	assert_int_equal(json_integer_value(json_object_get(reg,
	    "endColumn")), 154);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    res, "partialFingerprints"), "roleaudit/finding/v1")),
	    "policy/no-org-write:aaaa:prvWriteAccount");
	json_decref(root);
	free(buf);
}

/* The fixture pairs_fill() points its results at. */
static struct fix	*sf_fix;

/* Three batches of two results, at the fixture's first role. */
static int
pairs_fill(struct ra_sarif *sf, void *arg)
{
	int			*batches = arg;
	struct ra_sarif_at	 at;
	struct ra_buf		 m = { 0 };
	int			 k;

	if (*batches == 3)
		return 0;
	++*batches;
	memset(&at, 0, sizeof(at));
	at.sol = ((struct fix *)sf_fix)->sol;
	at.role = ra_solution_role(at.sol, 0);
	for (k = 0; k < 2; k++) {
		m.len = 0;
		ra_buf_printf(&m, "result %d", (*batches - 1) * 2 + k);
		ra_sarif_result(sf, &policy_rule, RA_SEV_ERROR, &m, &at);
	}
	ra_buf_free(&m);
	return 1;
}

/*
 * --max-results: the first N results are written, the rest counted in
 * the run's resultsNotWritten and the caller's count; without a cap, or
 * under it, every result and no such property.
 */
static void
test_sarif_max_results(void **state)
{
	struct fix			*f = *state;
	const struct ra_sarif_rule	*rules[2];
	static const size_t		 max[] = { 3, 0, 6, 7 };
	static const size_t		 written[] = { 3, 6, 6, 6 };
	struct ra_write_opts		 o;
	struct ra_sarif			*sf;
	struct ra_sarif_at		 at;
	json_t				*root, *run, *left;
	char				*buf;
	size_t				 len, k, out;
	FILE				*mf;
	int				 batches;

	rules[0] = &policy_rule;
	rules[1] = ra_sarif_input_rule();
	for (k = 0; k < sizeof(max) / sizeof(*max); k++) {
		memset(&o, 0, sizeof(o));
		o.format = RA_FORMAT_SARIF;
		o.max_results = max[k];
		o.results_left_out = &out;
		out = 99;
		batches = 0;
		buf = NULL;
		len = 0;
		assert_non_null(sf = ra_sarif_new(f->ctx, &o, "policy", rules,
		    2));
		memset(&at, 0, sizeof(at));
		at.sol = f->sol;
		at.role = ra_solution_role(f->sol, 0);
		ra_sarif_artifact(sf, &at);
		sf_fix = f;
		assert_non_null(mf = open_memstream(&buf, &len));
		assert_int_equal(ra_sarif_write(sf, pairs_fill, &batches, mf),
		    RA_OK);
		assert_int_equal(fclose(mf), 0);
		assert_non_null(root = json_loads(buf, 0, NULL));
		run = json_array_get(json_object_get(root, "runs"), 0);
		assert_int_equal(json_array_size(json_object_get(run,
		    "results")), written[k]);
		left = json_object_get(json_object_get(run, "properties"),
		    "resultsNotWritten");
		assert_int_equal(out, 6 - written[k]);
		if (written[k] < 6)
			assert_int_equal(json_integer_value(left),
			    6 - written[k]);
		else
			assert_null(left);
		json_decref(root);
		free(buf);
	}
}

#define FIX(t)	cmocka_unit_test_setup_teardown(t, setup_fix, teardown_fix)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_safe_formulas),
		cmocka_unit_test(test_csv_safe_plain),
		cmocka_unit_test(test_csv_write_row),
		FIX(test_report_csv),
		FIX(test_report_json),
		FIX(test_report_deterministic),
		FIX(test_report_text),
		FIX(test_text_escapes_controls),
		cmocka_unit_test(test_text_escapes_c1_from_xml),
		FIX(test_json_invalid_utf8),
		cmocka_unit_test(test_dump_streamed),
		cmocka_unit_test(test_dump_streamed_late),
		FIX(test_bad_format),
		FIX(test_write_error),
		FIX(test_write_roles),
		FIX(test_write_profiles),
		FIX(test_write_table),
		FIX(test_sarif_helper),
		FIX(test_sarif_max_results),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
