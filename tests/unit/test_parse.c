/*
 * test_parse.c - xml.c through ra_solution_load_buffer(): what
 * counts as a role, where it is, how privileges and levels are read, and
 * the refusals (DTDs, malformed XML, missing attributes) with their
 * diagnostics and locations; and scan.c, the fast reader, fed a large
 * customizations.xml in pieces of many sizes.
 */
#include "unit.h"

#define ID1	"{8A1B2C3D-0000-4E5F-9A8B-ABCDEF012345}"
#define ID1N	"8a1b2c3d-0000-4e5f-9a8b-abcdef012345"

/* Load TEXT, expecting RC; on failure *out must stay untouched. */
static struct ra_solution *
load_rc(struct ra_ctx *ctx, const char *name, const char *text,
    enum ra_err want)
{
	struct ra_solution	*sol = (struct ra_solution *)&sol;
	enum ra_err		 rc;

	rc = ut_load(ctx, name, text, &sol);
	if (rc != want) {
		size_t	 i;

		for (i = 0; i < ra_ctx_diag_count(ctx); i++)
			print_message("diag: %s\n",
			    ra_ctx_diag(ctx, i)->message);
		fail_msg("load %s: %s, expected %s", name, ra_strerror(rc),
		    ra_strerror(want));
	}
	if (rc != RA_OK) {
		assert_ptr_equal(sol, (struct ra_solution *)&sol);
		return NULL;
	}
	assert_non_null(sol);
	return sol;
}

/* ---- roles ------------------------------------------------------------ */

/* A SolutionPackager role file with a BOM, CRLF and an XML declaration. */
static void
test_role_file_bom_crlf(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load_rc(ctx, "Roles/Sales Person.xml",
	    "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
	    "<Role id=\"" ID1 "\" name=\"Sales Person\">\r\n"
	    "  <RolePrivileges>\r\n"
	    "    <RolePrivilege name=\"prvReadAccount\" level=\"Global\" />\r\n"
	    "    <RolePrivilege name=\"prvWriteAccount\" level=\"Basic\" />\r\n"
	    "  </RolePrivileges>\r\n"
	    "</Role>\r\n", RA_OK);
	assert_int_equal(ra_solution_kind(sol), RA_INPUT_XML);
	assert_string_equal(ra_solution_path(sol), "Roles/Sales Person.xml");
	assert_null(ra_solution_unique_name(sol));
	assert_int_equal(ra_solution_managed(sol), -1);
	assert_int_equal(ra_solution_role_count(sol), 1);
	r = ra_solution_role(sol, 0);
	assert_string_equal(ra_role_name(r), "Sales Person");
	assert_string_equal(ra_role_id(r), ID1N);
	assert_string_equal(ra_role_file(r), "Sales Person.xml");
	assert_int_equal(ra_role_line(r), 2);
	assert_int_equal(ra_role_privilege_count(r), 2);
	assert_int_equal(ra_role_level(ctx, r, "prvReadAccount"),
	    RA_LEVEL_GLOBAL);
	assert_int_equal(ra_role_level(ctx, r, "prvWriteAccount"),
	    RA_LEVEL_BASIC);
	assert_int_equal(ra_role_level(ctx, r, "prvDeleteAccount"),
	    RA_LEVEL_NONE);
	assert_int_equal(ra_role_level(ctx, r, "prvNeverHeardOf"),
	    RA_LEVEL_NONE);
	assert_null(ra_solution_role(sol, 1));
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	ra_solution_free(sol);
}

/* A start tag whose attributes span lines is located at its '<'. */
static void
test_role_line_multiline_tag(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load_rc(ctx, "r.xml",
	    "<?xml version=\"1.0\"?>\n"
	    "<!-- a comment\n"
	    "     over two lines -->\n"
	    "<Role\n"
	    "    id=\"" ID1 "\"\n"
	    "\n"
	    "    name=\"Split\"\n"
	    ">\n"
	    "<RolePrivileges><RolePrivilege name=\"prvReadAccount\"\n"
	    " level=\"Local\"/></RolePrivileges></Role>\n", RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 1);
	assert_int_equal(ra_role_line(ra_solution_role(sol, 0)), 4);
	assert_int_equal(ra_role_level(ctx, ra_solution_role(sol, 0),
	    "prvReadAccount"), RA_LEVEL_LOCAL);
	ra_solution_free(sol);
}

/* Lines of roles inside customizations.xml, one per role. */
static void
test_role_lines_customizations(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load_rc(ctx, "customizations.xml",
	    "<ImportExportXml>\n"
	    "  <Roles>\n"
	    "    <Role id=\"{1}\" name=\"One\">\n"
	    "      <RolePrivileges/>\n"
	    "    </Role>\n"
	    "    <Role id=\"{2}\"\n"
	    "          name=\"Two\">\n"
	    "    </Role>\n"
	    "  </Roles>\n"
	    "</ImportExportXml>\n", RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 2);
	assert_int_equal(ra_role_line(ut_role(sol, "One")), 3);
	assert_int_equal(ra_role_line(ut_role(sol, "Two")), 6);
	assert_int_equal(ra_role_privilege_count(ut_role(sol, "One")), 0);
	assert_string_equal(ra_role_file(ut_role(sol, "Two")),
	    "customizations.xml");
	ra_solution_free(sol);
}

/*
 * Only /ImportExportXml/Roles/Role are roles: <Role> references in forms,
 * app modules or deeper sections do not count (they have no name).
 */
static void
test_role_references_ignored(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load_rc(ctx, "customizations.xml",
	    "<ImportExportXml xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-"
	    "instance\">\n"
	    " <Entities><Entity><FormXml><forms><systemform>\n"
	    "  <DisplayConditions><Role Id=\"{00000000-0000-0000-0000-"
	    "000000000001}\"/></DisplayConditions>\n"
	    " </systemform></forms></FormXml></Entity></Entities>\n"
	    " <Roles>\n"
	    "  <Role id=\"{AAAA}\" name=\"Real\"><RolePrivileges>\n"
	    "   <RolePrivilege name=\"prvReadAccount\" level=\"Deep\"/>\n"
	    "   <Role id=\"{NESTED}\"/>\n"
	    "  </RolePrivileges></Role>\n"
	    "  <Group><Role id=\"{DEEPER}\" name=\"Deeper\"/></Group>\n"
	    " </Roles>\n"
	    " <AppModules><AppModule><UniqueName>a_App</UniqueName>"
	    "<AppModuleRoleMaps>\n"
	    "  <Role id=\"{00000000-0000-0000-0000-000000000002}\"/>\n"
	    " </AppModuleRoleMaps></AppModule></AppModules>\n"
	    " <Workflows><Roles><Role id=\"{X}\" name=\"Elsewhere\"/></Roles>"
	    "</Workflows>\n"
	    "</ImportExportXml>\n", RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 1);
	r = ra_solution_role(sol, 0);
	assert_string_equal(ra_role_name(r), "Real");
	assert_string_equal(ra_role_id(r), "aaaa");
	assert_int_equal(ra_role_line(r), 6);
	assert_int_equal(ra_role_privilege_count(r), 1);
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	ra_solution_free(sol);
}

/* Privileges count only as RolePrivileges/RolePrivilege of the role. */
static void
test_privileges_only_in_roleprivileges(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"R\">\n"
	    " <RolePrivilege name=\"prvDeleteAccount\" level=\"Global\"/>\n"
	    " <RolePrivileges>\n"
	    "  <RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>\n"
	    "  <x><RolePrivilege name=\"prvWriteAccount\" level=\"Basic\"/>"
	    "</x>\n"
	    " </RolePrivileges>\n"
	    "</Role>\n", RA_OK);
	r = ra_solution_role(sol, 0);
	assert_int_equal(ra_role_privilege_count(r), 1);
	assert_int_equal(ra_role_level(ctx, r, "prvDeleteAccount"),
	    RA_LEVEL_NONE);
	assert_int_equal(ra_role_level(ctx, r, "prvWriteAccount"),
	    RA_LEVEL_NONE);
	ra_solution_free(sol);
}

/* A privilege listed twice counts once, at its highest level. */
static void
test_duplicate_privilege(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"Dup\"><RolePrivileges>\n"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>\n"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>\n"
	    "<RolePrivilege name=\"PRVREADACCOUNT\" level=\"Local\"/>\n"
	    "<RolePrivilege name=\"prvReadContact\" level=\"Deep\"/>\n"
	    "</RolePrivileges></Role>\n", RA_OK);
	r = ra_solution_role(sol, 0);
	assert_int_equal(ra_role_privilege_count(r), 2);
	assert_int_equal(ra_role_level(ctx, r, "prvReadAccount"),
	    RA_LEVEL_GLOBAL);
	assert_int_equal(ra_role_level(ctx, r, "prvReadContact"),
	    RA_LEVEL_DEEP);
	ra_solution_free(sol);
}

/*
 * Privilege names match the catalog case-insensitively: no new catalog
 * entry, and lookups in any case find the level.
 */
static void
test_privilege_name_case(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;
	size_t			 n = ctx->cat.n;

	sol = load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"Caps\"><RolePrivileges>"
	    "<RolePrivilege name=\"PRVREADACCOUNT\" level=\"LOCAL\"/>"
	    "<RolePrivilege name=\"prvwriteaccount\" level=\"deep\"/>"
	    "</RolePrivileges></Role>", RA_OK);
	r = ra_solution_role(sol, 0);
	assert_int_equal(ctx->cat.n, n);
	assert_int_equal(ra_role_level(ctx, r, "prvReadAccount"),
	    RA_LEVEL_LOCAL);
	assert_int_equal(ra_role_level(ctx, r, "PrvWriteAccount"),
	    RA_LEVEL_DEEP);
	ra_solution_free(sol);
}

/* Levels in the editor's spelling are read too. */
static void
test_level_spellings(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_role	*r;

	sol = load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"L\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Organization\"/>"
	    "<RolePrivilege name=\"prvWriteAccount\" level=\"Business Unit\"/>"
	    "<RolePrivilege name=\"prvDeleteAccount\" level=\"User\"/>"
	    "<RolePrivilege name=\"prvShareAccount\" "
	    "level=\"Parent: Child Business Units\"/>"
	    "</RolePrivileges></Role>", RA_OK);
	r = ra_solution_role(sol, 0);
	assert_int_equal(ra_role_level(ctx, r, "prvReadAccount"),
	    RA_LEVEL_GLOBAL);
	assert_int_equal(ra_role_level(ctx, r, "prvWriteAccount"),
	    RA_LEVEL_LOCAL);
	assert_int_equal(ra_role_level(ctx, r, "prvDeleteAccount"),
	    RA_LEVEL_BASIC);
	assert_int_equal(ra_role_level(ctx, r, "prvShareAccount"),
	    RA_LEVEL_DEEP);
	ra_solution_free(sol);
}

/* Role ids: braces and blanks removed, lower case; none: "" + warning. */
static void
test_role_ids(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_diag	*d;

	sol = load_rc(ctx, "customizations.xml",
	    "<ImportExportXml><Roles>\n"
	    "<Role id=\"" ID1 "\" name=\"Braced\"/>\n"
	    "<Role Id=\" " ID1N " \" name=\"Bare\"/>\n"
	    "<Role ID=\"{ABC}\" NAME=\"Caps\"/>\n"
	    "<Role name=\"NoId\"/>\n"
	    "</Roles></ImportExportXml>", RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 4);
	assert_string_equal(ra_role_id(ut_role(sol, "Braced")), ID1N);
	assert_string_equal(ra_role_id(ut_role(sol, "Bare")), ID1N);
	assert_string_equal(ra_role_id(ut_role(sol, "Caps")), "abc");
	assert_string_equal(ra_role_id(ut_role(sol, "NoId")), "");
	assert_non_null(d = ut_diag(ctx, RA_C_ROLE_NOID));
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_int_equal(d->line, 5);
	ra_solution_free(sol);
}

/* Names keep non-ASCII letters, punctuation and decoded references. */
static void
test_role_names_unicode(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load_rc(ctx, "customizations.xml",
	    "<ImportExportXml><Roles>\n"
	    "<Role id=\"1\" name=\"Vertrieb \xe2\x80\x93 Au\xc3\x9f"
	    "endienst &amp; Co. &lt;S&#xFC;d&gt; &quot;A&apos;\"/>\n"
	    "<Role id=\"2\" name=\"\xe5\x96\xb6\xe6\xa5\xad / (EMEA), #1!\"/>\n"
	    "<Role id=\"3\" name=\"tab&#9;in\"/>\n"
	    "</Roles></ImportExportXml>", RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 3);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)),
	    "Vertrieb \xe2\x80\x93 Au\xc3\x9f" "endienst & Co. <S\xc3\xbc"
	    "d> \"A'");
	assert_string_equal(ra_role_name(ra_solution_role(sol, 1)),
	    "\xe5\x96\xb6\xe6\xa5\xad / (EMEA), #1!");
	assert_string_equal(ra_role_name(ra_solution_role(sol, 2)),
	    "tab\tin");
	ra_solution_free(sol);
}

/* A declared legacy encoding is converted: names come out as UTF-8. */
static void
test_role_latin1(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load_rc(ctx, "r.xml",
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<Role id=\"1\" name=\"M\xfcller\"/>\n", RA_OK);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)),
	    "M\xc3\xbcller");
	assert_int_equal(ra_role_line(ra_solution_role(sol, 0)), 2);
	ra_solution_free(sol);
}

/* Unknown privileges met in a role are interned and classified. */
static void
test_unknown_privilege_interned(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	size_t			 i;

	sol = load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadcontoso_project\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>", RA_OK);
	i = ra_catalog_find(&ctx->cat, "prvReadcontoso_project", 22);
	assert_int_not_equal(i, RA_NOPRIV);
	assert_int_equal(ctx->cat.v[i].tab, RA_TAB_CUSTOM);
	assert_int_equal(ra_role_level(ctx, ra_solution_role(sol, 0),
	    "prvReadcontoso_project"), RA_LEVEL_BASIC);
	ra_solution_free(sol);
}

/* ---- errors in roles --------------------------------------------------- */

/* RolePrivilege without a name: RA_EINPUT, RA103 on the tag's line. */
static void
test_privilege_without_name(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "roles/r.xml",
	    "<Role id=\"1\" name=\"R\">\n"
	    "<RolePrivileges>\n"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>\n"
	    "<RolePrivilege\n"
	    "   level=\"Basic\"/>\n"
	    "</RolePrivileges></Role>\n", RA_EINPUT);
	assert_non_null(d = ut_diag(ctx, RA_C_PRIV_NONAME));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_int_equal(d->line, 4);
	assert_string_equal(d->file, "roles/r.xml");
	assert_null(d->member);
}

/* An empty name is no name either. */
static void
test_privilege_empty_name(void **state)
{
	struct ra_ctx	*ctx = *state;

	load_rc(ctx, "r.xml", "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>", RA_EINPUT);
	assert_int_equal(ut_diag(ctx, RA_C_PRIV_NONAME)->line, 1);
}

/* RolePrivilege without a level: RA_EINPUT, RA104 with the line. */
static void
test_privilege_without_level(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"R\">\n<RolePrivileges>\n\n"
	    "<RolePrivilege name=\"prvReadAccount\"/>\n"
	    "</RolePrivileges></Role>\n", RA_EINPUT);
	assert_non_null(d = ut_diag(ctx, RA_C_PRIV_NOLEVEL));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_int_equal(d->line, 4);
	assert_non_null(strstr(d->message, "prvReadAccount"));
}

/* An unknown level is a warning (RA105); the privilege is not granted. */
static void
test_privilege_unknown_level(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_diag	*d;
	const struct ra_role	*r;

	sol = load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"R\"><RolePrivileges>\n"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Galactic\"/>\n"
	    "<RolePrivilege name=\"prvWriteAccount\" level=\"None\"/>\n"
	    "<RolePrivilege name=\"prvDeleteAccount\" level=\"Basic\"/>\n"
	    "</RolePrivileges></Role>", RA_OK);
	r = ra_solution_role(sol, 0);
	assert_int_equal(ra_role_privilege_count(r), 1);
	assert_int_equal(ra_role_level(ctx, r, "prvReadAccount"),
	    RA_LEVEL_NONE);
	assert_int_equal(ut_diag_n(ctx, RA_C_PRIV_BADLEVEL), 2);
	d = ut_diag(ctx, RA_C_PRIV_BADLEVEL);
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_int_equal(d->line, 2);
	assert_non_null(strstr(d->message, "Galactic"));
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_ERROR), 0);
	ra_solution_free(sol);
}

/* A role without a name: RA_EINPUT with RA102. */
static void
test_role_without_name(void **state)
{
	struct ra_ctx	*ctx = *state;

	load_rc(ctx, "customizations.xml", "<ImportExportXml><Roles>\n"
	    "<Role id=\"1\" name=\"Fine\"/>\n<Role id=\"2\"/>\n"
	    "</Roles></ImportExportXml>", RA_EINPUT);
	assert_int_equal(ut_diag(ctx, RA_C_ROLE_NONAME)->line, 3);
}

/* A role name over the name-length limit: RA_ELIMIT with RA112. */
static void
test_role_name_too_long(void **state)
{
	struct ra_ctx	*ctx = *state;

	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_NAME_LENGTH, 8),
	    RA_OK);
	load_rc(ctx, "r.xml", "<Role id=\"1\" name=\"12345678\">"
	    "<RolePrivileges><RolePrivilege name=\"prvReadAccount\" "
	    "level=\"Basic\"/></RolePrivileges></Role>", RA_ELIMIT);
	assert_non_null(ut_diag(ctx, RA_C_TOOLONG));
	ra_solution_free(load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"12345678\"/>", RA_OK));
}

/* Nesting past the depth limit: RA_ELIMIT with RA114. */
static void
test_depth_limit(void **state)
{
	struct ra_ctx	*ctx = *state;

	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_XML_DEPTH, 3), RA_OK);
	ra_solution_free(load_rc(ctx, "r.xml",
	    "<Role id=\"1\" name=\"R\"><a><b/></a></Role>", RA_OK));
	load_rc(ctx, "r.xml", "<Role id=\"1\" name=\"R\"><a><b><c/></b></a>"
	    "</Role>", RA_ELIMIT);
	assert_non_null(ut_diag(ctx, RA_C_DEPTH));
}

/* ---- refusals ---------------------------------------------------------- */

/* A DOCTYPE is refused: RA_EXML with RA106 and no role loaded. */
static void
test_doctype_refused(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "r.xml", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE Role SYSTEM \"http://127.0.0.1:1/role.dtd\">\n"
	    "<Role id=\"1\" name=\"R\"/>\n", RA_EXML);
	assert_non_null(d = ut_diag(ctx, RA_C_DTD));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_int_equal(d->line, 2);
}

/* An internal entity is never expanded into a role name. */
static void
test_entity_refused(void **state)
{
	struct ra_ctx	*ctx = *state;

	load_rc(ctx, "customizations.xml",
	    "<!DOCTYPE ImportExportXml [\n"
	    "  <!ENTITY n \"Injected\">\n"
	    "]>\n"
	    "<ImportExportXml><Roles><Role id=\"1\" name=\"&n;\"/></Roles>"
	    "</ImportExportXml>", RA_EXML);
	assert_non_null(ut_diag(ctx, RA_C_DTD));
	assert_int_equal(ut_diag_n(ctx, RA_C_XML), 0);
}

/* Billion laughs: refused before any expansion, so it returns at once. */
static void
test_billion_laughs(void **state)
{
	struct ra_ctx	*ctx = *state;
	struct ra_buf	 b = { 0 };
	clock_t		 t0;
	double		 secs;
	int		 i;

	ra_buf_adds(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE Role [\n"
	    " <!ENTITY lol0 \"lol\">\n");
	for (i = 1; i <= 9; i++)
		ra_buf_printf(&b, " <!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;"
		    "&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;\">\n",
		    i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1);
	ra_buf_adds(&b, "]>\n<Role id=\"1\" name=\"&lol9;\"><RolePrivileges>"
	    "<RolePrivilege name=\"&lol9;\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>\n");
	assert_false(b.oom);
	t0 = clock();
	load_rc(ctx, "lol.xml", b.s, RA_EXML);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ra_buf_free(&b);
	assert_true(secs < 1.0);
	assert_non_null(ut_diag(ctx, RA_C_DTD));
	assert_int_equal(ut_diag_n(ctx, RA_C_ROLE_NONAME), 0);
}

/* Malformed XML: RA_EXML, RA101 with the line and a column. */
static void
test_malformed(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "bad.xml",
	    "<Role id=\"1\" name=\"R\">\n"
	    "  <RolePrivileges>\n"
	    "    <RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>\n"
	    "  </RolePrivilege>\n"
	    "</Role>\n", RA_EXML);
	assert_non_null(d = ut_diag(ctx, RA_C_XML));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_int_equal(d->line, 4);
	assert_true(d->column > 0);
	assert_string_equal(d->file, "bad.xml");
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_ERROR), 1);
}

/* A broken attribute reports the line and column of the problem. */
static void
test_malformed_column(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "bad.xml",
	    "<Role id=\"1\" name=\"R\">\n"
	    "<RolePrivileges>\n"
	    "  <RolePrivilege name=prvReadAccount level=\"Basic\"/>\n"
	    "</RolePrivileges></Role>\n", RA_EXML);
	assert_non_null(d = ut_diag(ctx, RA_C_XML));
	assert_int_equal(d->line, 3);
	assert_in_range(d->column, 18, 24);
}

/* A document cut short is malformed. */
static void
test_truncated_xml(void **state)
{
	struct ra_ctx	*ctx = *state;

	load_rc(ctx, "cut.xml", "<Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAcc", RA_EXML);
	assert_non_null(ut_diag(ctx, RA_C_XML));
}

/* customizations.xml without <Roles>: RA_EINPUT with RA107. */
static void
test_customizations_without_roles(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "customizations.xml", "<ImportExportXml>\n<Entities/>\n"
	    "<Group><Roles><Role id=\"1\" name=\"Deep\"/></Roles></Group>\n"
	    "</ImportExportXml>\n", RA_EINPUT);
	assert_non_null(d = ut_diag(ctx, RA_C_NOROLES));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_string_equal(d->file, "customizations.xml");
}

/* An empty <Roles> section is a solution without roles, not an error. */
static void
test_customizations_empty_roles(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load_rc(ctx, "customizations.xml",
	    "<ImportExportXml><Roles/></ImportExportXml>", RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 0);
	ra_solution_free(sol);
}

/* A root that is neither <Role> nor <ImportExportXml>: RA109. */
static void
test_unknown_root(void **state)
{
	struct ra_ctx	*ctx = *state;

	load_rc(ctx, "x.xml", "<?xml version=\"1.0\"?>\n\n<Html><Role id=\"1\" "
	    "name=\"R\"/></Html>", RA_EINPUT);
	assert_int_equal(ut_diag(ctx, RA_C_UNKNOWN_DOC)->line, 3);
}

/* An empty buffer is no XML document: RA_EXML. */
static void
test_empty_buffer(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = (struct ra_solution *)&sol;

	assert_int_equal(ra_solution_load_buffer(ctx, "empty.xml", "", 0,
	    &sol), RA_EXML);
	assert_ptr_equal(sol, (struct ra_solution *)&sol);
	assert_non_null(ut_diag(ctx, RA_C_XML));
	load_rc(ctx, "blank.xml", " \n\t\n", RA_EXML);
	assert_int_equal(ut_diag_n(ctx, RA_C_XML), 2);
}

/*
 * An empty buffer is diagnosed like an empty file on disk: "empty file:
 * no XML document".
 * Regression (fixed): ra_xml_feed() creates the push parser even for 0 bytes, so
 * ra_xml_finish() never reaches its "empty file" branch for a buffer and
 * libxml2's "Extra content at the end of the document" at 1:1 is
 * reported instead; ra_load_xml_file() feeds nothing for an empty file
 * and gets the intended message.
 */
static void
test_empty_buffer_message(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = NULL;
	char			 dir[UT_PATH_MAX], path[UT_PATH_MAX];
	char			 frommem[256], fromfile[256];

	ut_mkdtemp(dir);
	ut_write(dir, "empty.xml", "", 0);
	assert_int_equal(ra_solution_load(ctx, ut_join(path, dir,
	    "empty.xml"), &sol), RA_EXML);
	ut_rmtree(dir);
	snprintf(fromfile, sizeof(fromfile), "%s",
	    ra_ctx_diag(ctx, 0)->message);
	assert_int_equal(ra_solution_load_buffer(ctx, "empty.xml", "", 0,
	    &sol), RA_EXML);
	snprintf(frommem, sizeof(frommem), "%s",
	    ra_ctx_diag(ctx, 1)->message);
	assert_non_null(strstr(fromfile, "empty file"));
	assert_string_equal(frommem, fromfile);
}

/* Invalid UTF-8 in a name: an error carrying the line it is on. */
static void
test_invalid_utf8(void **state)
{
	struct ra_ctx		*ctx = *state;
	const struct ra_diag	*d;

	load_rc(ctx, "u.xml",
	    "<Role id=\"1\" name=\"R\">\n"
	    "<RolePrivileges>\n"
	    "<RolePrivilege name=\"prvRead\xff\xfe\" level=\"Basic\"/>\n"
	    "</RolePrivileges></Role>\n", RA_EXML);
	assert_non_null(d = ut_diag(ctx, RA_C_XML));
	assert_int_equal(d->line, 3);
	assert_int_equal(d->severity, RA_SEV_ERROR);
}

/* Diagnostics format the compiler way, with file, line and code. */
static void
test_diag_format(void **state)
{
	struct ra_ctx	*ctx = *state;
	char		*s;

	load_rc(ctx, "Sales.xml", "<Role id=\"1\" name=\"R\">\n"
	    "<RolePrivileges><RolePrivilege name=\"prvReadAccount\"/>"
	    "</RolePrivileges></Role>", RA_EINPUT);
	s = ra_diag_format(ut_diag(ctx, RA_C_PRIV_NOLEVEL));
	assert_non_null(s);
	assert_int_equal(strncmp(s, "roleaudit: Sales.xml:2: error: ", 31), 0);
	assert_non_null(strstr(s, " [RA104]"));
	assert_null(strchr(s, '\n'));
	free(s);
}

/* The input's SHA-256 is that of the buffer's bytes. */
static void
test_buffer_sha256(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load_rc(ctx, "r.xml", "<Role id=\"1\" name=\"R\"/>\n", RA_OK);
	/* printf '<Role id="1" name="R"/>\n' | sha256sum */
	assert_string_equal(ra_solution_sha256(sol),
	    "9fb792321ed1ea7bc38124284dbdc0a14eb24e9f42f236ee3b68d0d8c467bcc3");
	ra_solution_free(sol);
}

/* ---- the fast reader, fed in pieces ------------------------------------ */

/*
 * DOC read by a fresh context through ra_load_xml_chunks() in CHUNK-byte
 * pieces, by the <Roles> scan (SCAN) or libxml2, as one line a role:
 * where it is, its name, how many privileges and the level of each.
 */
static void
chunked(const struct ra_buf *doc, size_t chunk, int scan, struct ra_buf *out)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol = calloc(1, sizeof(*sol));
	struct ra_load		 ld;
	const struct ra_role	*r;
	char			 line[512], priv[64];
	size_t			 i, t;

	assert_non_null(ctx);
	assert_non_null(sol);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE,
	    scan ? 1 : UINT64_MAX), RA_OK);
	assert_non_null(sol->path = strdup("c.zip"));
	sol->kind = RA_INPUT_ZIP;
	sol->managed = -1;
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.sol = sol;
	ld.file = "c.zip";
	ld.member = ld.role_file = "customizations.xml";
	assert_int_equal(ra_load_xml_chunks(&ld, RA_DOC_CUSTOMIZATIONS,
	    doc->s, doc->len, chunk), RA_OK);
	out->len = 0;
	for (i = 0; i < ra_solution_role_count(sol); i++) {
		r = ra_solution_role(sol, i);
		snprintf(line, sizeof(line), "%s %lu:%lu %s %zu", r->id,
		    r->line, r->col, r->name, r->nprivs);
		ra_buf_adds(out, line);
		for (t = 0; t < 40; t++) {
			snprintf(priv, sizeof(priv), "prvReadnew_t%zu", t);
			snprintf(line, sizeof(line), " %d",
			    (int)ra_role_level(ctx, r, priv));
			ra_buf_adds(out, line);
		}
		ra_buf_adds(out, "\n");
	}
	assert_false(out->oom);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/*
 * Pieces of any size read as the whole: a token cut by a piece's end is
 * joined to as much of the next as it takes (scan.c's ra_scan_feed()),
 * however long it is (a comment longer than the part joined first, a
 * tag over several lines), and the rest of the piece is read in place.
 */
static void
test_scan_chunk_sizes(void **state)
{
	static const size_t	 sizes[] = { 1, 3, 64, 255, 4096, 4097, 5000,
	    65537, 100003 };
	struct ra_buf		 doc = { 0 }, whole = { 0 }, got = { 0 };
	char			 line[256];
	size_t			 i, k, t;

	(void)state;
	ra_buf_adds(&doc, "\xef\xbb\xbf<?xml version=\"1.0\"?>\r\n"
	    "<ImportExportXml>\r\n  <Roles>\r\n");
	for (i = 0; i < 60; i++) {
		snprintf(line, sizeof(line), "    <Role id=\"{%08zx-0000-"
		    "0000-0000-000000000000}\"\n      name=\"Role %zu, "
		    "team/\xc3\xbcnit &amp; co\">\r\n      <RolePrivileges>\n",
		    i, i);
		ra_buf_adds(&doc, line);
		for (t = 0; t < 40; t++) {
			if ((t + i) % 3 == 0)
				continue;
			snprintf(line, sizeof(line), "        <RolePrivilege%s"
			    "name=\"prvReadnew_t%zu\"%slevel=\"%s\" />\n",
			    t % 7 ? " " : "\n          ", t,
			    t % 5 ? " " : "\r\n          ",
			    (const char *[]){ "Basic", "Local", "Deep",
			    "Global" }[(t + i) % 4]);
			ra_buf_adds(&doc, line);
		}
		ra_buf_adds(&doc, "      </RolePrivileges>\n    </Role>\n");
		if (i % 20 == 7) {
			ra_buf_adds(&doc, "    <!-- ");
			for (k = 0; k < 3000; k++)
				ra_buf_adds(&doc, k % 61 ? "x" : "\n");
			ra_buf_adds(&doc, " -->\n");
		}
	}
	ra_buf_adds(&doc, "  </Roles>\r\n</ImportExportXml>\r\n");
	assert_false(doc.oom);
	/* libxml2's reading is the truth; the scan's whole reading too. */
	chunked(&doc, doc.len, 0, &whole);
	assert_non_null(strstr(whole.s,
	    "Role 59, team/\xc3\xbcnit & co 27 4 0 2 3"));
	chunked(&doc, doc.len, 1, &got);
	assert_string_equal(got.s, whole.s);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		chunked(&doc, sizes[i], 1, &got);
		if (strcmp(got.s, whole.s) != 0)
			fail_msg("pieces of %zu bytes read otherwise",
			    sizes[i]);
	}
	ra_buf_free(&doc);
	ra_buf_free(&whole);
	ra_buf_free(&got);
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CTX(test_role_file_bom_crlf),
		CTX(test_role_line_multiline_tag),
		CTX(test_role_lines_customizations),
		CTX(test_role_references_ignored),
		CTX(test_privileges_only_in_roleprivileges),
		CTX(test_duplicate_privilege),
		CTX(test_privilege_name_case),
		CTX(test_level_spellings),
		CTX(test_role_ids),
		CTX(test_role_names_unicode),
		CTX(test_role_latin1),
		CTX(test_unknown_privilege_interned),
		CTX(test_privilege_without_name),
		CTX(test_privilege_empty_name),
		CTX(test_privilege_without_level),
		CTX(test_privilege_unknown_level),
		CTX(test_role_without_name),
		CTX(test_role_name_too_long),
		CTX(test_depth_limit),
		CTX(test_doctype_refused),
		CTX(test_entity_refused),
		CTX(test_billion_laughs),
		CTX(test_malformed),
		CTX(test_malformed_column),
		CTX(test_truncated_xml),
		CTX(test_customizations_without_roles),
		CTX(test_customizations_empty_roles),
		CTX(test_unknown_root),
		CTX(test_empty_buffer),
		CTX(test_empty_buffer_message),
		CTX(test_invalid_utf8),
		CTX(test_diag_format),
		CTX(test_buffer_sha256),
		cmocka_unit_test(test_scan_chunk_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
