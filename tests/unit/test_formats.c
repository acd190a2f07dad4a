/*
 * test_formats.c - render/html*.c, md.c, sarif.c, analyze/grid.c and
 * findings.c: hostile names stay text, the editor's layout, the
 * severities that --fail-on counts, and the matrix.
 */
#include <jansson.h>

#include "unit.h"

#define HOSTILE	"<script>alert(1)</script>"

#define ROLES_XML \
	"<ImportExportXml><Roles>\n" \
	"<Role id=\"{AAAA}\" name=\"Full\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>" \
	"<RolePrivilege name=\"prvWriteAccount\" level=\"Global\"/>" \
	"<RolePrivilege name=\"prvExportToExcel\" level=\"Global\"/>" \
	"</RolePrivileges></Role>\n" \
	"<Role id=\"{BBBB}\" name=\"&lt;script&gt;alert(1)&lt;/script&gt;" \
	" | `x` &amp; @team\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>" \
	"</RolePrivileges></Role>\n" \
	"</Roles></ImportExportXml>\n"

#define NEW_XML \
	"<ImportExportXml><Roles>\n" \
	"<Role id=\"{AAAA}\" name=\"Full\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>" \
	"<RolePrivilege name=\"prvWriteAccount\" level=\"Local\"/>" \
	"<RolePrivilege name=\"prvExportToExcel\" level=\"Global\"/>" \
	"</RolePrivileges></Role>\n" \
	"<Role id=\"{BBBB}\" name=\"&lt;script&gt;alert(1)&lt;/script&gt;" \
	" | `x` &amp; @team\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>" \
	"<RolePrivilege name=\"prvCreateAccount\" level=\"Basic\"/>" \
	"</RolePrivileges></Role>\n" \
	"<Role id=\"{CCCC}\" name=\"Admin\"><RolePrivileges>" \
	"<RolePrivilege name=\"prvReadRole\" level=\"Basic\"/>" \
	"</RolePrivileges></Role>\n" \
	"</Roles></ImportExportXml>\n"

#define PROFILE_CSV \
	"# source: unit test\n" \
	"privilege,min_level\nprvReadAccount,Local\nprvWriteAccount,Basic\n"

struct fix {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol, *new;
	struct ra_profile	*prof;
	struct ra_report	*rep;
	struct ra_diff		*diff;
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
	    ut_load(f->ctx, "Sales2.xml", NEW_XML, &f->new) != RA_OK ||
	    ra_profile_load_buffer(f->ctx, "unit", "unit.csv", PROFILE_CSV,
	    strlen(PROFILE_CSV), &f->prof) != RA_OK ||
	    ra_check(f->ctx, (const struct ra_solution *const *)&f->sol, 1,
	    (const struct ra_profile *const *)&f->prof, 1, NULL,
	    &f->rep) != RA_OK ||
	    ra_diff(f->ctx, f->sol, f->new,
	    (const struct ra_profile *const *)&f->prof, 1, NULL,
	    &f->diff) != RA_OK)
		return -1;
	return 0;
}

static int
teardown_fix(void **state)
{
	struct fix	*f = *state;

	if (f == NULL)
		return 0;
	ra_diff_free(f->diff);
	ra_report_free(f->rep);
	ra_profile_free(f->prof);
	ra_solution_free(f->sol);
	ra_solution_free(f->new);
	ra_ctx_free(f->ctx);
	free(f);
	return 0;
}

/* The report (DIFF 0) or the diff (1) in FMT, as a string to free. */
static char *
render(struct fix *f, int diff, enum ra_format fmt)
{
	struct ra_write_opts	 o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = fmt;
	o.generated = 1767225600;
	assert_non_null(mf = open_memstream(&buf, &len));
	if (diff)
		assert_int_equal(ra_write_diff(f->diff, &o, mf), RA_OK);
	else
		assert_int_equal(ra_write_report(f->rep, &o, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	return buf;
}

/* A hostile name is escaped text in HTML; there is no script at all. */
static void
test_html_escapes(void **state)
{
	struct fix	*f = *state;
	char		*s;
	int		 d;

	for (d = 0; d < 2; d++) {
		s = render(f, d, RA_FORMAT_HTML);
		assert_non_null(strstr(s, "<!DOCTYPE html>"));
		assert_non_null(strstr(s,
		    "&lt;script&gt;alert(1)&lt;/script&gt;"));
		assert_null(strstr(s, "<script"));
		assert_null(strstr(s, "http://"));
		assert_null(strstr(s, "https://"));
		assert_non_null(strstr(s, "default-src 'none'"));
		assert_non_null(strstr(s, "2026-01-01 00:00:00 UTC"));
		free(s);
	}
}

/* The grid marks the required privilege the role lacks. */
static void
test_html_grid(void **state)
{
	struct fix	*f = *state;
	char		*s = render(f, 0, RA_FORMAT_HTML);

	assert_non_null(strstr(s, "class=\"grid ent\""));
	assert_non_null(strstr(s, "class=\"c miss\""));
	assert_non_null(strstr(s, "needs Business Unit"));
	assert_non_null(strstr(s, "class=\"c req\""));
	assert_non_null(strstr(s, "Privacy-related Privileges"));
	/* No duplicated class attribute: the mark replaces the plain one. */
	assert_null(strstr(s, "class=\"c\" class="));
	free(s);
	s = render(f, 1, RA_FORMAT_HTML);
	assert_non_null(strstr(s, "class=\"c down\""));
	assert_non_null(strstr(s, "class=\"c esc\""));
	free(s);
}

/* Markdown: table cells cannot be split, code spans cannot be closed. */
static void
test_md_escapes(void **state)
{
	struct fix	*f = *state;
	char		*s;
	const char	*p;
	int		 d;

	for (d = 0; d < 2; d++) {
		s = render(f, d, RA_FORMAT_MD);
		/* Every "<" of the name is escaped, in text or as &lt;. */
		for (p = s; (p = strstr(p, "<script")) != NULL; p++)
			assert_true(p > s && p[-1] == '\\');
		assert_non_null(strstr(s, "\\<script\\>"));
		assert_non_null(strstr(s, "\\| \\`x\\` \\& \\@team"));
		free(s);
	}
	s = render(f, 0, RA_FORMAT_MD);
	assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; | "
	    "`x` &amp; &#64;team"));
	free(s);
}

/* SARIF: one run, rules, a result per missing privilege, levels. */
static void
test_sarif_check(void **state)
{
	struct fix	*f = *state;
	char		*s = render(f, 0, RA_FORMAT_SARIF);
	json_t		*j, *run, *res, *r;
	json_error_t	 err;
	size_t		 i, n = 0;

	assert_non_null(j = json_loads(s, 0, &err));
	assert_string_equal(json_string_value(json_object_get(j, "version")),
	    "2.1.0");
	run = json_array_get(json_object_get(j, "runs"), 0);
	assert_non_null(run);
	res = json_object_get(run, "results");
	for (i = 0; i < json_array_size(res); i++) {
		r = json_array_get(res, i);
		if (strcmp(json_string_value(json_object_get(r, "ruleId")),
		    "missing-privilege") != 0)
			continue;
		n++;
		assert_string_equal(json_string_value(json_object_get(r,
		    "level")), "error");
	}
	assert_int_equal(n, ra_report_finding_count(f->rep, RA_SEV_ERROR));
	/* Full passes; the other holds Read below Local and lacks Write. */
	assert_int_equal(n, 2);
	json_decref(j);
	free(s);
}

/* Every diff finding has a level, and escalations are errors. */
static void
test_sarif_diff(void **state)
{
	struct fix	*f = *state;
	char		*s = render(f, 1, RA_FORMAT_SARIF);
	json_t		*j, *res, *r;
	json_error_t	 err;
	size_t		 i, counts[3] = { 0, 0, 0 };
	const char	*lv;

	assert_non_null(j = json_loads(s, 0, &err));
	res = json_object_get(json_array_get(json_object_get(j, "runs"), 0),
	    "results");
	for (i = 0; i < json_array_size(res); i++) {
		r = json_array_get(res, i);
		lv = json_string_value(json_object_get(r, "level"));
		counts[strcmp(lv, "error") == 0 ? 2 :
		    strcmp(lv, "warning") == 0 ? 1 : 0]++;
		if (strcmp(json_string_value(json_object_get(r, "ruleId")),
		    "escalation") == 0)
			assert_string_equal(lv, "error");
	}
	assert_int_equal(counts[2], ra_diff_finding_count(f->diff,
	    RA_SEV_ERROR));
	assert_int_equal(counts[1] + counts[2], ra_diff_finding_count(f->diff,
	    RA_SEV_WARNING));
	assert_int_equal(json_array_size(res), ra_diff_finding_count(f->diff,
	    RA_SEV_NOTE));
	json_decref(j);
	free(s);
}

/* The severities of findings.c. */
static void
test_severities(void **state)
{
	struct fix		*f = *state;
	struct ra_pdiff		 p;
	struct ra_rdiff		 r;
	struct ra_ptrans	 t;

	(void)f;
	memset(&p, 0, sizeof(p));
	p.change = RA_PCH_ADDED;
	assert_int_equal(ra_pdiff_severity(&p), RA_SEV_WARNING);
	p.change = RA_PCH_RAISED;
	assert_int_equal(ra_pdiff_severity(&p), RA_SEV_WARNING);
	p.change = RA_PCH_LOWERED;
	assert_int_equal(ra_pdiff_severity(&p), RA_SEV_NOTE);
	p.change = RA_PCH_REMOVED;
	assert_int_equal(ra_pdiff_severity(&p), RA_SEV_NOTE);
	p.reason = (char *)"rule";
	p.change = RA_PCH_RAISED;
	assert_int_equal(ra_pdiff_severity(&p), RA_SEV_ERROR);
	memset(&r, 0, sizeof(r));
	r.change = RA_RCH_ADDED;
	assert_true(ra_rchange_is_finding(&r));
	assert_int_equal(ra_rchange_severity(&r), RA_SEV_WARNING);
	r.escalation = 1;
	assert_int_equal(ra_rchange_severity(&r), RA_SEV_ERROR);
	r.change = RA_RCH_REMOVED;
	assert_int_equal(ra_rchange_severity(&r), RA_SEV_NOTE);
	r.change = RA_RCH_CHANGED;
	r.renamed = 0;
	assert_false(ra_rchange_is_finding(&r));
	memset(&t, 0, sizeof(t));
	t.old_pass = 1;
	assert_int_equal(ra_ptrans_severity(&t), RA_SEV_ERROR);
	t.old_pass = 0;
	t.new_pass = 1;
	assert_int_equal(ra_ptrans_severity(&t), RA_SEV_NOTE);
	assert_string_equal(ra_severity_name(RA_SEV_WARNING), "warning");
}

/* Every catalog privilege has exactly one place, tabs in order. */
static void
test_grid_layout(void **state)
{
	struct fix	*f = *state;
	struct ra_grid	 g;
	char		*seen;
	size_t		 i, k, n = 0;

	assert_int_equal(ra_grid_build(f->ctx, NULL, 0, &g), 0);
	assert_non_null(seen = calloc(f->ctx->cat.n, 1));
	for (i = 0; i < g.n; i++) {
		if (i > 0)
			assert_true(g.row[i - 1].tab <= g.row[i].tab);
		for (k = 0; k < RA_ACCESS__COUNT; k++) {
			size_t	 p = g.row[i].priv[k];

			if (p == RA_NOPRIV)
				continue;
			assert_true(p < f->ctx->cat.n);
			assert_int_equal(seen[p], 0);
			seen[p] = 1;
			n++;
			if (g.row[i].section == RA_SECTION_ENTITIES)
				assert_int_equal(f->ctx->cat.v[p].access, k);
			else
				assert_int_equal(k, RA_ACCESS_NONE);
		}
	}
	assert_int_equal(n, f->ctx->cat.n);
	free(seen);
	ra_grid_free(&g);
}

/* The matrix: CSV or HTML only, never from a focused context. */
static void
test_matrix(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	struct ra_ctx		*ctx;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_CSV;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_matrix(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_OK);
	fclose(mf);
	assert_non_null(strstr(buf, "\"tab\",\"section\",\"entity\","
	    "\"access\",\"privilege\",\"display_name\",\"tab_source\","
	    "\"entity_source\",\"depths_source\",\"Full\","));
	assert_non_null(strstr(buf, "\"Core Records\",\"\",\"Account\","
	    "\"Read\",\"prvReadAccount\",\"Account: Read\",\"source\","
	    "\"source\",\"source\",\"Global\",\"Basic\""));
	free(buf);
	buf = NULL;
	o.format = RA_FORMAT_JSON;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_matrix(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_EINVAL);
	fclose(mf);
	free(buf);
	buf = NULL;
	assert_non_null(ctx = ra_ctx_new());
	assert_int_equal(ra_ctx_focus(ctx,
	    (const struct ra_profile *const *)&f->prof, 1), RA_OK);
	o.format = RA_FORMAT_CSV;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_matrix(ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_EINVAL);
	fclose(mf);
	free(buf);
	ra_ctx_free(ctx);
}

/* Roles and profiles do not take the report formats. */
static void
test_formats_refused(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*mf;

	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_SARIF;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_roles(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, mf), RA_EINVAL);
	fclose(mf);
	assert_int_equal(len, 0);
	free(buf);
}

#define FIX(t)	cmocka_unit_test_setup_teardown(t, setup_fix, teardown_fix)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FIX(test_html_escapes),
		FIX(test_html_grid),
		FIX(test_md_escapes),
		FIX(test_sarif_check),
		FIX(test_sarif_diff),
		FIX(test_severities),
		FIX(test_grid_layout),
		FIX(test_matrix),
		FIX(test_formats_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
