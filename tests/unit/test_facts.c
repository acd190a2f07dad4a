/*
 * test_facts.c - the solution's own tables and what ra_pinfo() decides
 * from them: the table metadata of customizations.xml <Entities> (the
 * SAX reader and the scan alike) and of unpacked Entity.xml, then the
 * ownership, BPF, custom and unmodified rules, each value with its
 * source.
 */
#include "unit.h"

/* An <Entity> of customizations.xml: <Name> with NAMEATTRS, then INFO. */
#define ENTITY(nameattrs, name, info) \
	"<Entity><Name" nameattrs ">" name "</Name><EntityInfo>" info \
	"</EntityInfo><FormXml><forms><systemform><LocalizedNames>" \
	"<LocalizedName description=\"Main Form\" languagecode=\"1033\"/>" \
	"</LocalizedNames></systemform></forms></FormXml></Entity>"

/* <entity> with the attributes real exports write before the settings. */
#define INFO(name, more) \
	"<entity Name=\"" name "\"><attributes><attribute PhysicalName=\"x\">" \
	"<Type>nvarchar</Type><Name>x</Name><LogicalName>x</LogicalName>" \
	"<displaynames><displayname description=\"X\" languagecode=\"1033\"/>" \
	"</displaynames></attribute></attributes>" more "</entity>"

static const char custxml[] =
    "<ImportExportXml><Entities>"
    /* Custom, organization-owned. */
    ENTITY(" LocalizedName=\"Region\" OriginalName=\"Region\"",
	"new_region", INFO("new_region", "<IsBPFEntity>0</IsBPFEntity>"
	"<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>"))
    /* Custom, user-owned; the LocalizedName attribute names it. */
    ENTITY(" LocalizedName=\"Order\" OriginalName=\"Order\"", "new_order",
	INFO("new_order", "<IsBPFEntity>0</IsBPFEntity>"
	"<OwnershipTypeMask>UserOwned</OwnershipTypeMask>"))
    /* A business process flow. */
    ENTITY(" LocalizedName=\"Order Flow\" OriginalName=\"Order Flow\"",
	"new_orderflow", INFO("new_orderflow", "<IsBPFEntity>1</IsBPFEntity>"
	"<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>"))
    /* A system table the solution renamed; OriginalName is empty. */
    ENTITY(" LocalizedName=\"Customer\" OriginalName=\"\"", "Account",
	INFO("Account", "<IsBPFEntity>0</IsBPFEntity>"
	"<OwnershipTypeMask>UserOwned</OwnershipTypeMask>"))
    /* A table the solution carries unmodified: no metadata. */
    "<Entity><Name LocalizedName=\"Contact\" OriginalName=\"\">Contact"
    "</Name><EntityInfo><entity Name=\"Contact\" unmodified=\"1\"/>"
    "</EntityInfo></Entity>"
    /* No LocalizedName attribute (older exports): 1033, else the first. */
    "<Entity><Name>new_widget</Name><EntityInfo><entity Name=\"new_widget\">"
    "<LocalizedNames><LocalizedName description=\"Bauteil\" "
    "languagecode=\"1031\"/><LocalizedName description=\"Widget\" "
    "languagecode=\"1033\"/></LocalizedNames>"
    "<OwnershipTypeMask>TeamOwned</OwnershipTypeMask></entity>"
    "</EntityInfo></Entity>"
    "<Entity><Name>new_gadget</Name><EntityInfo><entity Name=\"new_gadget\">"
    "<LocalizedNames><LocalizedName description=\"Ger&#228;t\" "
    "languagecode=\"1031\"/></LocalizedNames></entity></EntityInfo>"
    "<FormXml><forms><systemform><LocalizedNames><LocalizedName "
    "description=\"Main Form\" languagecode=\"1033\"/></LocalizedNames>"
    "</systemform></forms></FormXml></Entity>"
    "</Entities><Roles><Role id=\"1\" name=\"R\"><RolePrivileges>"
    "<RolePrivilege name=\"prvReadnew_region\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvAssignnew_region\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvReadnew_order\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvAppendTonew_order\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadnew_orderflow\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvReadnew_widget\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadnew_gadget\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadnew_other\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadContact\" level=\"Basic\"/>"
    "</RolePrivileges></Role></Roles></ImportExportXml>";

static struct ra_solution *
load(struct ra_ctx *ctx, const char *xml)
{
	struct ra_solution	*sol = NULL;
	enum ra_err		 rc;

	rc = ra_solution_load_buffer(ctx, "c.xml", xml, strlen(xml), &sol);
	if (rc != RA_OK)
		fail_msg("load: %s", ra_strerror(rc));
	return sol;
}

/* ra_pinfo() of privilege NAME, as the solution SOL places it. */
static void
info(struct ra_ctx *ctx, const struct ra_solution *sol, const char *name,
    struct ra_pinfo *pi)
{
	size_t	 i;

	i = ra_catalog_find(&ctx->cat, name, strlen(name));
	if (i == (size_t)-1 || i >= ctx->cat.n)
		fail_msg("%s is not in the catalog", name);
	ra_pinfo(ctx, sol ? &sol : NULL, sol ? 1 : 0, i, pi);
}

/* The display name of PI. */
static void
assert_label(const struct ra_pinfo *pi, const char *want)
{
	struct ra_buf	 b = { 0 };

	ra_pinfo_label(pi, &b);
	assert_false(b.oom);
	assert_string_equal(b.s, want);
	ra_buf_free(&b);
}

/* The table called NAME of SOL, or NULL. */
static const struct ra_table *
table(const struct ra_solution *sol, const char *name)
{
	size_t	 i;

	for (i = 0; i < sol->ntable; i++)
		if (strcmp(sol->table[i].name, name) == 0)
			return &sol->table[i];
	return NULL;
}

/* What both readers make of the <Entities>. */
static void
check_tables(const struct ra_solution *sol)
{
	const struct ra_table	*t;

	assert_int_equal(sol->ntable, 7);
	assert_non_null(t = table(sol, "new_region"));
	assert_string_equal(t->display, "Region");
	assert_int_equal(t->owner, RA_OWNER_ORG);
	assert_int_equal(t->bpf, 0);
	assert_int_equal(t->custom, 1);
	assert_non_null(t = table(sol, "new_orderflow"));
	assert_int_equal(t->bpf, 1);
	assert_non_null(t = table(sol, "Account"));
	assert_string_equal(t->display, "Customer");
	assert_int_equal(t->custom, 0);
	assert_int_equal(t->owner, RA_OWNER_USER);
	assert_non_null(t = table(sol, "Contact"));
	assert_int_equal(t->unmodified, 1);
	assert_int_equal(t->owner, RA_OWNER_UNKNOWN);
	assert_int_equal(t->bpf, -1);
	assert_non_null(t = table(sol, "new_widget"));
	assert_string_equal(t->display, "Widget");
	assert_int_equal(t->owner, RA_OWNER_USER);
	assert_int_equal(t->custom, -1);
	/* The form's 1033 name is not the table's. */
	assert_non_null(t = table(sol, "new_gadget"));
	assert_string_equal(t->display, "Ger\xc3\xa4t");
	assert_int_equal(t->owner, RA_OWNER_UNKNOWN);
}

static void
test_tables_read(void **state)
{
	struct ra_ctx		*ctx = *state, *scan;
	struct ra_solution	*sol, *ssol;
	size_t			 i;

	sol = load(ctx, custxml);
	check_tables(sol);
	/* The scan of a large customizations.xml reads the same. */
	assert_non_null(scan = ra_ctx_new());
	assert_int_equal(ra_ctx_set_limit(scan, RA_LIMIT_SCAN_SIZE, 1), RA_OK);
	ssol = load(scan, custxml);
	check_tables(ssol);
	for (i = 0; i < sol->ntable; i++) {
		assert_string_equal(ssol->table[i].name, sol->table[i].name);
		assert_string_equal(ssol->table[i].display,
		    sol->table[i].display);
	}
	ra_solution_free(ssol);
	ra_ctx_free(scan);
	ra_solution_free(sol);
}

/*
 * The index by base (ra_solution_index_tables()): 200 tables written in
 * reverse order, one of them read again in other case with a display
 * name and another owner.  The index is sorted, holds each base once,
 * the first read stands with what the second adds, and a lookup ignores
 * case.
 */
static void
test_tables_index(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	const struct ra_table	*t;
	struct ra_buf		 b = { 0 };
	size_t			 i;
	int			 k;

	ra_buf_adds(&b, "<ImportExportXml><Entities>");
	for (k = 199; k >= 0; k--)
		ra_buf_printf(&b, "<Entity><Name>new_t%03d</Name><EntityInfo>"
		    "<entity Name=\"new_t%03d\"><OwnershipTypeMask>UserOwned"
		    "</OwnershipTypeMask></entity></EntityInfo></Entity>", k, k);
	ra_buf_adds(&b, "<Entity><Name LocalizedName=\"Five\">NEW_T005</Name>"
	    "<EntityInfo><entity Name=\"NEW_T005\"><OwnershipTypeMask>OrgOwned"
	    "</OwnershipTypeMask></entity></EntityInfo></Entity>"
	    "</Entities><Roles><Role id=\"1\" name=\"R\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadnew_t005\" level=\"Global\"/>"
	    "</RolePrivileges></Role></Roles></ImportExportXml>");
	assert_false(b.oom);
	sol = load(ctx, b.s);
	ra_buf_free(&b);
	assert_int_equal(sol->ntable, 201);
	assert_int_equal(sol->ntindex, 200);
	for (i = 1; i < sol->ntindex; i++)
		assert_true(ra_namecmp(sol->table[sol->tindex[i - 1]].base,
		    sol->table[sol->tindex[i]].base) < 0);
	assert_non_null(t = ra_solution_table(sol, "new_t005", 8));
	assert_string_equal(t->name, "new_t005");
	assert_string_equal(t->display, "Five");
	assert_int_equal(t->owner, RA_OWNER_USER);
	assert_non_null(t = ra_solution_table(sol, "NEW_T150", 8));
	assert_string_equal(t->name, "new_t150");
	assert_non_null(t = ra_solution_table(sol, "new_t000", 8));
	assert_non_null(t = ra_solution_table(sol, "new_t199", 8));
	assert_null(ra_solution_table(sol, "new_t200", 8));
	assert_null(ra_solution_table(sol, "new_t00", 7));
	ra_solution_free(sol);
}

/*
 * Ownership: an organization-owned table takes Organization only and has
 * no Assign and no Share; a user- or team-owned one every depth; the
 * solution's word comes before the knowledge base's rule.
 */
static void
test_ownership(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_pinfo		 pi;
	const unsigned		 all = RA_DEPTH(RA_LEVEL_BASIC) |
	    RA_DEPTH(RA_LEVEL_LOCAL) | RA_DEPTH(RA_LEVEL_DEEP) |
	    RA_DEPTH(RA_LEVEL_GLOBAL);

	sol = load(ctx, custxml);
	info(ctx, sol, "prvReadnew_region", &pi);
	assert_int_equal(pi.owner, RA_OWNER_ORG);
	assert_int_equal(pi.owner_by, RA_PROV_SOLUTION);
	assert_int_equal(pi.depths, RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_int_equal(pi.depths_by, RA_PROV_SOLUTION);
	assert_string_equal(pi.depth_ids, "solution:OwnershipTypeMask");
	assert_true(ra_pinfo_access_ok(&pi));
	info(ctx, sol, "prvAssignnew_region", &pi);
	assert_false(ra_pinfo_access_ok(&pi));
	info(ctx, sol, "prvReadnew_order", &pi);
	assert_int_equal(pi.owner, RA_OWNER_USER);
	assert_int_equal(pi.depths, all);
	assert_int_equal(pi.depths_by, RA_PROV_SOLUTION);
	info(ctx, sol, "prvReadnew_widget", &pi);
	assert_int_equal(pi.owner, RA_OWNER_USER);
	assert_int_equal(pi.depths, all);
	/* Without the solution nothing is known of its tables. */
	info(ctx, NULL, "prvReadnew_region", &pi);
	assert_int_equal(pi.depths, 0);
	assert_int_equal(pi.depths_by, RA_PROV_UNPLACED);
	assert_true(ra_pinfo_access_ok(&pi));
	/* A table whose ownership the solution does not say: the base's. */
	info(ctx, sol, "prvReadnew_gadget", &pi);
	assert_int_equal(pi.depths, 0);
	info(ctx, sol, "prvReadContact", &pi);
	assert_int_equal(pi.owner, RA_OWNER_USER);
	assert_int_not_equal(pi.owner_by, RA_PROV_SOLUTION);
	assert_int_equal(pi.depths, all);
	assert_int_not_equal(pi.depths_by, RA_PROV_SOLUTION);
	assert_int_not_equal(pi.depths_by, RA_PROV_UNPLACED);
	ra_solution_free(sol);
}

/* IsBPFEntity puts a table on Business Process Flows. */
static void
test_bpf(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_pinfo		 pi;

	sol = load(ctx, custxml);
	info(ctx, sol, "prvReadnew_orderflow", &pi);
	assert_int_equal(pi.tab, RA_TAB_BPF);
	assert_int_equal(pi.tab_by, RA_PROV_SOLUTION);
	assert_string_equal(pi.tab_ids, "solution:IsBPFEntity");
	assert_int_equal(pi.depths, RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_label(&pi, "Order Flow: Read");
	/* Without the flag the name proves nothing: a custom table. */
	info(ctx, NULL, "prvReadnew_orderflow", &pi);
	assert_int_not_equal(pi.tab, RA_TAB_BPF);
	ra_solution_free(sol);
}

/*
 * A custom table goes to Custom Entities with the solution's display
 * name; a system table keeps its published place, the solution's name
 * for it still shown; a table only named goes by the naming rule.
 */
static void
test_custom(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_pinfo		 pi;

	sol = load(ctx, custxml);
	info(ctx, sol, "prvReadnew_region", &pi);
	assert_int_equal(pi.tab, RA_TAB_CUSTOM);
	assert_int_equal(pi.tab_by, RA_PROV_SOLUTION);
	assert_string_equal(pi.tab_ids, "solution:custom");
	assert_int_equal(pi.entity_by, RA_PROV_SOLUTION);
	assert_string_equal(pi.entity_ids, "solution:LocalizedName");
	assert_label(&pi, "Region: Read");
	info(ctx, sol, "prvAppendTonew_order", &pi);
	assert_label(&pi, "Order: Append To");
	info(ctx, sol, "prvReadAccount", &pi);
	assert_int_equal(pi.tab, RA_TAB_CORE);
	assert_int_equal(pi.tab_by, RA_PROV_SOURCE);
	assert_label(&pi, "Customer: Read");
	info(ctx, NULL, "prvReadAccount", &pi);
	assert_label(&pi, "Account: Read");
	info(ctx, sol, "prvReadnew_other", &pi);
	assert_null(pi.table);
	assert_int_equal(pi.tab_by, RA_PROV_RULE);
	assert_int_equal(pi.entity_by, RA_PROV_RULE);
	ra_solution_free(sol);
}

/* A table carried unmodified says nothing: the knowledge base decides. */
static void
test_unmodified_table(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;
	struct ra_pinfo		 pi, bare;

	sol = load(ctx, custxml);
	info(ctx, sol, "prvReadContact", &pi);
	info(ctx, NULL, "prvReadContact", &bare);
	assert_int_equal(pi.tab, bare.tab);
	assert_int_equal(pi.tab_by, bare.tab_by);
	assert_int_equal(pi.depths, bare.depths);
	assert_int_equal(pi.depths_by, bare.depths_by);
	assert_int_equal(pi.owner_by, bare.owner_by);
	/* Its <Name LocalizedName> is still its name. */
	assert_label(&pi, "Contact: Read");
	ra_solution_free(sol);
}

/* An unpacked solution's Entities/<name>/Entity.xml say the same. */
static void
test_unpacked_entity(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol = NULL;
	struct ra_pinfo		 pi;
	char			 dir[UT_PATH_MAX], path[UT_PATH_MAX];

	ut_mkdtemp(dir);
	ut_writes(dir, "sol/Other/Solution.xml", "<ImportExportXml>"
	    "<SolutionManifest><UniqueName>S</UniqueName>"
	    "</SolutionManifest></ImportExportXml>");
	ut_writes(dir, "sol/Other/Customizations.xml",
	    "<ImportExportXml><Entities/></ImportExportXml>");
	ut_writes(dir, "sol/Entities/new_region/Entity.xml",
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Entity>"
	    "<Name LocalizedName=\"Sales Region\" OriginalName=\"Region\">"
	    "new_region</Name><EntityInfo>" INFO("new_region",
	    "<IsBPFEntity>0</IsBPFEntity>"
	    "<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>")
	    "</EntityInfo></Entity>");
	ut_writes(dir, "sol/Entities/new_flow/Entity.xml",
	    "<Entity><Name LocalizedName=\"Flow\" OriginalName=\"Flow\">"
	    "new_flow</Name><EntityInfo><entity Name=\"new_flow\">"
	    "<IsBPFEntity>1</IsBPFEntity></entity></EntityInfo></Entity>");
	ut_writes(dir, "sol/Roles/R.xml", "<Role id=\"1\" name=\"R\">"
	    "<RolePrivileges>"
	    "<RolePrivilege name=\"prvReadnew_region\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvSharenew_region\" level=\"Global\"/>"
	    "<RolePrivilege name=\"prvReadnew_flow\" level=\"Global\"/>"
	    "</RolePrivileges></Role>");
	assert_int_equal(ra_solution_load(ctx, ut_join(path, dir, "sol"),
	    &sol), RA_OK);
	assert_int_equal(sol->ntable, 2);
	info(ctx, sol, "prvReadnew_region", &pi);
	assert_int_equal(pi.tab, RA_TAB_CUSTOM);
	assert_int_equal(pi.depths, RA_DEPTH(RA_LEVEL_GLOBAL));
	assert_int_equal(pi.depths_by, RA_PROV_SOLUTION);
	assert_label(&pi, "Sales Region: Read");
	info(ctx, sol, "prvSharenew_region", &pi);
	assert_false(ra_pinfo_access_ok(&pi));
	info(ctx, sol, "prvReadnew_flow", &pi);
	assert_int_equal(pi.tab, RA_TAB_BPF);
	assert_int_equal(pi.depths_by, RA_PROV_UNPLACED);
	ra_solution_free(sol);
	ut_rmtree(dir);
}

/* Roles written unmodified="1": kept, not exported without privileges. */
static void
test_unmodified_role(void **state)
{
	struct ra_ctx		*ctx = *state;
	struct ra_solution	*sol;

	sol = load(ctx, "<ImportExportXml><Roles>"
	    "<Role id=\"1\" name=\"A\" unmodified=\"1\"/>"
	    "<Role id=\"2\" name=\"B\" unmodified=\"true\"></Role>"
	    "<Role id=\"3\" name=\"C\" unmodified=\"1\"><RolePrivileges>"
	    "<RolePrivilege name=\"prvReadAccount\" level=\"Basic\"/>"
	    "</RolePrivileges></Role>"
	    "<Role id=\"4\" name=\"D\" unmodified=\"0\"/>"
	    "<Role id=\"5\" name=\"E\"/></Roles></ImportExportXml>");
	assert_int_equal(ra_solution_role_count(sol), 5);
	assert_true(ra_role_not_exported(ut_role(sol, "A")));
	assert_true(ra_role_not_exported(ut_role(sol, "B")));
	assert_false(ra_role_not_exported(ut_role(sol, "C")));
	assert_false(ra_role_not_exported(ut_role(sol, "D")));
	assert_false(ra_role_not_exported(ut_role(sol, "E")));
	ra_solution_free(sol);
}

#define CTX(t)	cmocka_unit_test_setup_teardown(t, ut_setup_ctx, ut_teardown_ctx)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CTX(test_tables_read),
		CTX(test_tables_index),
		CTX(test_ownership),
		CTX(test_bpf),
		CTX(test_custom),
		CTX(test_unmodified_table),
		CTX(test_unpacked_entity),
		CTX(test_unmodified_role),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
