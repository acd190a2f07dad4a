/*
 * test_formats.c - render/html*.c (the page writer: escaping, line
 * breaks, calls out of order, write errors), md.c, sarif.c, analyze/grid.c and
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

/* A page written through the writer alone, into a string to free. */
static char *
page(void (*fill)(struct ra_html *), enum ra_err want)
{
	struct ra_html	*pg;
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*mf;

	assert_non_null(mf = open_memstream(&buf, &len));
	assert_non_null(pg = ra_html_new("t", mf));
	fill(pg);
	assert_int_equal(ra_html_end(pg), want);
	assert_int_equal(fclose(mf), 0);
	return buf;
}

/* Text and attributes from the input, each escaped for where it goes. */
static void
fill_escapes(struct ra_html *pg)
{
	struct ra_html_node	*b = ra_html_body(pg), *a, *td;

	td = ra_html_el(pg, ra_html_el(pg, ra_html_el(pg, b, "table", NULL),
	    "tr", NULL), "td", NULL);
	ra_html_uattr(pg, td, "title", "\"a'<!--x-->&{b}\x01\xe2\x80\xae");
	ra_html_utext(pg, td, "<i>&amp;\"'\t");
	a = ra_html_el(pg, b, "a", NULL);
	ra_html_attr(pg, a, "href", "  #r-1 x\"<&>\xc3\xa9");
	ra_html_text(pg, a, "x");
}

static void
test_html_writer_escapes(void **state)
{
	char	*s;

	(void)state;
	s = page(fill_escapes, RA_OK);
	assert_non_null(strstr(s, "<td title=\"&quot;a'&lt;!--x--&gt;"
	    "&amp;{b}\\x01\\u202e\">&lt;i&gt;&amp;amp;\"'\\x09</td>"));
	assert_non_null(strstr(s, "<a href=\"#r-1%20x%22&lt;&amp;&gt;"
	    "%C3%A9\">x</a>"));
	free(s);
}

/*
 * Line breaks: after the start tag of a block element whose first node
 * is an element and that holds more, before its end tag when it ends
 * with an element, after a block element followed by an element; none
 * in a paragraph, none around HTML5's section.
 */
static void
fill_layout(struct ra_html *pg)
{
	struct ra_html_node	*b = ra_html_body(pg), *t, *tr, *p, *ul;

	t = ra_html_el(pg, b, "table", NULL);
	tr = ra_html_el(pg, ra_html_el(pg, t, "tbody", NULL), "tr", NULL);
	ra_html_tel(pg, tr, "td", NULL, "1");
	ra_html_el(pg, tr, "td", "c na");
	tr = ra_html_el(pg, ra_html_el(pg, t, "tbody", NULL), "tr", NULL);
	ra_html_tel(pg, tr, "td", NULL, "2");
	p = ra_html_el(pg, b, "p", NULL);
	ra_html_tel(pg, p, "strong", NULL, "s");
	ra_html_el(pg, p, "br", NULL);
	ra_html_text(pg, p, "t");
	ra_html_tel(pg, ra_html_el(pg, b, "section", NULL), "h2", NULL, "h");
	ra_html_flush(pg);
	ul = ra_html_el(pg, b, "ul", NULL);
	ra_html_el(pg, ul, "li", NULL);
	ra_html_tel(pg, ul, "li", NULL, "x");
}

/* The same page, the breaks said ahead (ra_html_expect()), not found. */
static void
fill_layout_expected(struct ra_html *pg)
{
	struct ra_html_node	*b = ra_html_body(pg), *t, *tb, *tr, *p, *ul;

	t = ra_html_el(pg, b, "table", NULL);
	ra_html_expect(pg, t, 1);
	tb = ra_html_el(pg, t, "tbody", NULL);
	ra_html_expect(pg, tb, 0);
	tr = ra_html_el(pg, tb, "tr", NULL);
	ra_html_expect(pg, tr, 1);
	ra_html_tel(pg, tr, "td", NULL, "1");
	ra_html_el(pg, tr, "td", "c na");
	tr = ra_html_el(pg, ra_html_el(pg, t, "tbody", NULL), "tr", NULL);
	ra_html_tel(pg, tr, "td", NULL, "2");
	p = ra_html_el(pg, b, "p", NULL);
	ra_html_tel(pg, p, "strong", NULL, "s");
	ra_html_el(pg, p, "br", NULL);
	ra_html_text(pg, p, "t");
	ra_html_tel(pg, ra_html_el(pg, b, "section", NULL), "h2", NULL, "h");
	ra_html_flush(pg);
	ul = ra_html_el(pg, b, "ul", NULL);
	ra_html_expect(pg, ul, 1);
	ra_html_el(pg, ul, "li", NULL);
	ra_html_tel(pg, ul, "li", NULL, "x");
}

static void
test_html_writer_layout(void **state)
{
	char	*s, *e;

	(void)state;
	e = page(fill_layout_expected, RA_OK);
	s = page(fill_layout, RA_OK);
	assert_string_equal(s, e);
	free(e);
	assert_non_null(strstr(s, "</style>\n</head>\n\n<body>\n"
	    "<table>\n<tbody><tr>\n<td>1</td>\n<td class=\"c na\"></td>\n"
	    "</tr></tbody>\n<tbody><tr><td>2</td></tr></tbody>\n</table>\n"
	    "<p><strong>s</strong><br>t</p>\n"
	    "<section><h2>h</h2></section>"
	    "<ul>\n<li>\n<li>x</li>\n</ul></body>\n</html>\n"));
	free(s);
}

/* A call out of document order is refused, once, as a bug of the page. */
static void
fill_out_of_order(struct ra_html *pg)
{
	struct ra_html_node	*b = ra_html_body(pg), *t, *br;

	t = ra_html_el(pg, b, "table", NULL);
	ra_html_el(pg, b, "p", NULL);
	ra_html_text(pg, t, "late");		/* the table has ended */
	ra_html_el(pg, b, "p", NULL);
	br = ra_html_el(pg, b, "br", NULL);
	assert_null(br);			/* everything ends at the first */
}

static void
fill_unknown(struct ra_html *pg)
{
	assert_null(ra_html_el(pg, ra_html_body(pg), "script", NULL));
}

static void
fill_void(struct ra_html *pg)
{
	ra_html_text(pg, ra_html_el(pg, ra_html_body(pg), "br", NULL), "x");
}

static void
fill_late_attr(struct ra_html *pg)
{
	struct ra_html_node	*td = ra_html_el(pg, ra_html_body(pg), "td",
				    NULL);

	ra_html_text(pg, td, "x");
	ra_html_attr(pg, td, "title", "late");
}

static void
fill_late_expect(struct ra_html *pg)
{
	struct ra_html_node	*t = ra_html_el(pg, ra_html_body(pg), "table",
				    NULL);

	ra_html_el(pg, t, "tbody", NULL);
	ra_html_expect(pg, t, 1);
}

static void
test_html_writer_misuse(void **state)
{
	char	*s;

	(void)state;
	s = page(fill_out_of_order, RA_EINVAL);
	assert_null(strstr(s, "late"));
	free(s);
	free(page(fill_unknown, RA_EINVAL));
	free(page(fill_void, RA_EINVAL));
	free(page(fill_late_attr, RA_EINVAL));
	free(page(fill_late_expect, RA_EINVAL));
}

/* A page that cannot be written is RA_EIO, whatever is added after. */
static void
test_html_writer_eio(void **state)
{
	struct fix		*f = *state;
	struct ra_write_opts	 o;
	FILE			*ro;

	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_HTML;
	assert_non_null(ro = fopen("/dev/null", "r"));
	assert_int_equal(ra_write_report(f->rep, &o, ro), RA_EIO);
	assert_int_equal(ra_write_diff(f->diff, &o, ro), RA_EIO);
	assert_int_equal(ra_write_matrix(f->ctx,
	    (const struct ra_solution *const *)&f->sol, 1, &o, ro), RA_EIO);
	fclose(ro);
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

/* A role of N privileges prvReadZ0 ..., at LEVEL, as a solution. */
static char *
wide_role(size_t n, const char *level)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;

	ra_buf_adds(&b, "<ImportExportXml><Roles><Role id=\"{W}\" name=\"W\">"
	    "<RolePrivileges>");
	for (i = 0; i < n; i++)
		ra_buf_printf(&b, "<RolePrivilege name=\"prvReadZ%zu\" "
		    "level=\"%s\"/>", i, level);
	ra_buf_adds(&b, "</RolePrivileges></Role></Roles></ImportExportXml>");
	assert_false(b.oom);
	return b.s;
}

/*
 * A role of more changes than SARIF makes at a time (256) and JSON
 * writes one by one: every change is there, once, in order.
 */
static void
test_wide_diff(void **state)
{
	struct ra_ctx		*ctx;
	struct ra_solution	*old, *new;
	struct ra_diff		*d;
	struct ra_write_opts	 o;
	char			*x, *y, *buf = NULL, key[32];
	size_t			 len = 0, i;
	json_t			*j, *res, *p;
	json_error_t		 err;
	FILE			*mf;

	(void)state;
	assert_non_null(ctx = ra_ctx_new());
	x = wide_role(600, "Basic");
	y = wide_role(600, "Global");
	assert_int_equal(ut_load(ctx, "old.xml", x, &old), RA_OK);
	assert_int_equal(ut_load(ctx, "new.xml", y, &new), RA_OK);
	assert_int_equal(ra_diff(ctx, old, new, NULL, 0, NULL, &d), RA_OK);
	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_SARIF;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_diff(d, &o, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	assert_non_null(j = json_loads(buf, 0, &err));
	res = json_object_get(json_array_get(json_object_get(j, "runs"), 0),
	    "results");
	assert_int_equal(json_array_size(res), 600);
	json_decref(j);
	free(buf);
	buf = NULL;
	o.format = RA_FORMAT_JSON;
	assert_non_null(mf = open_memstream(&buf, &len));
	assert_int_equal(ra_write_diff(d, &o, mf), RA_OK);
	assert_int_equal(fclose(mf), 0);
	assert_non_null(j = json_loads(buf, 0, &err));
	p = json_object_get(json_array_get(json_object_get(j, "roles"), 0),
	    "privileges");
	assert_int_equal(json_array_size(p), 600);
	/* In the report's order: by name, as ra_namecmp() has it. */
	for (i = 1; i < json_array_size(p); i++)
		assert_true(ra_namecmp(json_string_value(json_object_get(
		    json_array_get(p, i - 1), "privilege")), json_string_value(
		    json_object_get(json_array_get(p, i), "privilege"))) < 0);
	snprintf(key, sizeof(key), "prvReadZ%d", 599);
	assert_non_null(strstr(buf, key));
	json_decref(j);
	free(buf);
	ra_diff_free(d);
	ra_solution_free(old);
	ra_solution_free(new);
	ra_ctx_free(ctx);
	free(x);
	free(y);
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
	p.escalates = 1;
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
			size_t	 p = ra_grid_cell(&g, &g.row[i], k);

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
		cmocka_unit_test(test_html_writer_escapes),
		cmocka_unit_test(test_html_writer_layout),
		cmocka_unit_test(test_html_writer_misuse),
		FIX(test_html_writer_eio),
		FIX(test_md_escapes),
		FIX(test_sarif_check),
		FIX(test_sarif_diff),
		cmocka_unit_test(test_wide_diff),
		FIX(test_severities),
		FIX(test_grid_layout),
		FIX(test_matrix),
		FIX(test_formats_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
