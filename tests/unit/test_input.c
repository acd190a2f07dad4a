/*
 * test_input.c - input.c, zip.c and dir.c: what an input is,
 * which members and files make a solution, the order they are read in,
 * the limits on untrusted zips, and the input digests.
 *
 * Zips are built with libzip in memory and written to a temporary folder
 * (ut_setup_tmp) when a test needs a path.
 */
#include "unit.h"

#define SOLUTION_XML \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
	"<ImportExportXml version=\"9.2\" generatedBy=\"CrmLive\">\n" \
	"  <SolutionManifest>\n" \
	"    <UniqueName>ContosoSales</UniqueName>\n" \
	"    <LocalizedNames><LocalizedName description=\"Sales\" " \
	"languagecode=\"1033\"/></LocalizedNames>\n" \
	"    <Version> 1.2.3.4 </Version>\n" \
	"    <Managed>1</Managed>\n" \
	"    <Publisher>\n" \
	"      <UniqueName>contoso</UniqueName>\n" \
	"      <CustomizationPrefix>cts</CustomizationPrefix>\n" \
	"    </Publisher>\n" \
	"  </SolutionManifest>\n" \
	"</ImportExportXml>\n"

#define CUSTOMIZATIONS_XML \
	"<ImportExportXml>\n" \
	"  <Roles>\n" \
	"    <Role id=\"{00000000-0000-0000-0000-00000000000A}\" " \
	"name=\"Alpha\">\n" \
	"      <RolePrivileges>\n" \
	"        <RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>\n" \
	"      </RolePrivileges>\n" \
	"    </Role>\n" \
	"    <Role id=\"{00000000-0000-0000-0000-00000000000B}\" " \
	"name=\"Beta\"/>\n" \
	"  </Roles>\n" \
	"</ImportExportXml>\n"

#define ROLE_XML(name) \
	"<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"" name \
	"\">\n<RolePrivileges>\n" \
	"<RolePrivilege name=\"prvReadContact\" level=\"Local\"/>\n" \
	"</RolePrivileges>\n</Role>\n"

#define NMEMB(a)	(sizeof(a) / sizeof((a)[0]))

/* First occurrence of the N bytes of NEEDLE in the LEN bytes at HAY. */
static char *
find_bytes(char *hay, size_t len, const char *needle, size_t n)
{
	size_t	 i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* Load PATH with a fresh context into *SOL; returns the status. */
static enum ra_err
load_path(struct ra_ctx *ctx, const char *path, struct ra_solution **sol)
{
	*sol = (struct ra_solution *)sol;	/* must stay on failure */
	return ra_solution_load(ctx, path, sol);
}

/* Build a zip of M into the fixture folder as REL; its path into PATH. */
static const char *
zip_at(void **state, const char *rel, const struct ut_member *m, size_t n,
    char path[UT_PATH_MAX])
{
	ut_zip_file(*state, rel, m, n);
	return ut_join(path, *state, rel);
}

/* ---- zips ------------------------------------------------------------- */

/*
 * A solution zip: solution.xml gives unique name, version, managed and
 * publisher prefix; customizations.xml the roles; the digest is that of
 * the zip's bytes.
 */
static void
test_zip_solution(void **state)
{
	static const struct ut_member	 m[] = {
		{ "[Content_Types].xml", "<Types/>", 0, 0 },
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
		{ "solution.xml", SOLUTION_XML, 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	char				 path[UT_PATH_MAX], hex[65], *bytes;
	size_t				 len;

	zip_at(state, "Contoso_1_2_3_4_managed.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_OK);
	assert_int_equal(ra_solution_kind(sol), RA_INPUT_ZIP);
	assert_string_equal(ra_solution_path(sol), path);
	assert_string_equal(ra_solution_unique_name(sol), "ContosoSales");
	assert_string_equal(ra_solution_version(sol), "1.2.3.4");
	assert_int_equal(ra_solution_managed(sol), 1);
	assert_non_null(sol->prefix);
	assert_string_equal(sol->prefix, "cts");
	assert_int_equal(ra_solution_role_count(sol), 2);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)), "Alpha");
	assert_string_equal(ra_role_name(ra_solution_role(sol, 1)), "Beta");
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "customizations.xml");
	assert_int_equal(ra_role_line(ra_solution_role(sol, 1)), 8);
	assert_int_equal(ra_role_level(ctx, ra_solution_role(sol, 0),
	    "prvReadAccount"), RA_LEVEL_GLOBAL);
	bytes = ut_slurp(path, &len);
	ut_sha256(bytes, len, hex);
	free(bytes);
	assert_string_equal(ra_solution_sha256(sol), hex);
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/*
 * A zip with customizations.xml and no Roles/ member at all, the shape of
 * every solution exported from Dataverse.
 * Regression (fixed): scan_members() ends with qsort(*roles, 0, ...) where *roles is
 * still NULL (zip.c); passing NULL to qsort is undefined behaviour
 * and UBSan aborts with "null pointer passed as argument 1, which is
 * declared to never be null", so under `make check` every zip without
 * Roles/ members kills the program.
 */
static void
test_zip_without_role_members(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol = NULL;
	char				*buf;
	size_t				 len;
	enum ra_err			 rc;

	(void)state;
	ut_zip(m, NMEMB(m), &buf, &len);
	rc = ra_solution_load_buffer(ctx, "plain.zip", buf, len, &sol);
	free(buf);
	assert_int_equal(rc, RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 2);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* The same zip from memory: a zip signature means a zip. */
static void
test_zip_buffer(void **state)
{
	static const struct ut_member	 m[] = {
		{ "solution.xml", "<ImportExportXml><SolutionManifest>"
		    "<UniqueName>U</UniqueName><Managed>0</Managed>"
		    "</SolutionManifest></ImportExportXml>", 0, 0 },
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol = NULL;
	char				*buf, hex[65];
	size_t				 len;

	(void)state;
	ut_zip(m, NMEMB(m), &buf, &len);
	assert_int_equal(ra_solution_load_buffer(ctx, "mem.zip", buf, len,
	    &sol), RA_OK);
	ut_sha256(buf, len, hex);
	free(buf);
	assert_int_equal(ra_solution_kind(sol), RA_INPUT_ZIP);
	assert_string_equal(ra_solution_path(sol), "mem.zip");
	assert_string_equal(ra_solution_sha256(sol), hex);
	assert_string_equal(ra_solution_unique_name(sol), "U");
	assert_null(ra_solution_version(sol));
	assert_int_equal(ra_solution_managed(sol), 0);
	assert_int_equal(ra_solution_role_count(sol), 2);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/*
 * Roles/ members are read in name order whatever the zip's order;
 * subfolders of Roles/ and the folder entry itself are not roles.
 */
static void
test_zip_roles_sorted(void **state)
{
	static const struct ut_member	 m[] = {
		{ "Roles/b.xml", ROLE_XML("B"), 0, 0 },
		{ "Roles/", NULL, 0, 0 },
		{ "Roles/c.xml", ROLE_XML("C"), 0, 0 },
		{ "Roles/sub/x.xml", ROLE_XML("Nested"), 0, 0 },
		{ "Roles/a.xml", ROLE_XML("A"), 0, 0 },
		{ "Other/Roles/z.xml", ROLE_XML("Other"), 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	char				 path[UT_PATH_MAX];

	zip_at(state, "roles.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 3);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)), "A");
	assert_string_equal(ra_role_name(ra_solution_role(sol, 1)), "B");
	assert_string_equal(ra_role_name(ra_solution_role(sol, 2)), "C");
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "Roles/a.xml");
	assert_int_equal(ra_role_line(ra_solution_role(sol, 0)), 1);
	assert_null(ra_solution_unique_name(sol));
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* solution.xml's <Managed>: 0, 1, 2 (both) or unknown (-1). */
static void
test_zip_managed_values(void **state)
{
	static const struct {
		const char	*text;
		int		 managed;
	} v[] = {
		{ "0", 0 }, { "1", 1 }, { "2", 2 }, { " 1\n ", 1 },
		{ "true", -1 }, { "3", -1 }, { "", -1 },
	};
	struct ut_member	 m[2] = {
		{ "solution.xml", NULL, 0, 0 },
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
	};
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 manifest[256], *buf;
	size_t			 i, len;

	(void)state;
	for (i = 0; i < NMEMB(v); i++) {
		snprintf(manifest, sizeof(manifest), "<ImportExportXml>"
		    "<SolutionManifest><Managed>%s</Managed>"
		    "</SolutionManifest></ImportExportXml>", v[i].text);
		m[0].data = manifest;
		ut_zip(m, NMEMB(m), &buf, &len);
		sol = NULL;
		assert_int_equal(ra_solution_load_buffer(ctx, "m.zip", buf, len,
		    &sol), RA_OK);
		free(buf);
		if (ra_solution_managed(sol) != v[i].managed)
			fail_msg("<Managed>%s</Managed>: %d, expected %d",
			    v[i].text, ra_solution_managed(sol), v[i].managed);
		ra_solution_free(sol);
	}
	ra_ctx_free(ctx);
}

/* Member names match case-insensitively. */
static void
test_zip_names_case(void **state)
{
	static const struct ut_member	 m[] = {
		{ "SOLUTION.XML", SOLUTION_XML, 0, 0 },
		{ "Customizations.Xml", CUSTOMIZATIONS_XML, 0, 0 },
		{ "ROLES/extra.xml", ROLE_XML("Gamma"), 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	char				 path[UT_PATH_MAX];

	zip_at(state, "case.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_OK);
	assert_string_equal(ra_solution_unique_name(sol), "ContosoSales");
	assert_int_equal(ra_solution_role_count(sol), 3);
	assert_non_null(ut_role(sol, "Gamma"));
	assert_string_equal(ra_role_file(ut_role(sol, "Alpha")),
	    "Customizations.Xml");
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* Two customizations.xml differing only in case: RA_EZIP, RA203. */
static void
test_zip_duplicate_customizations(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
		{ "Customizations.xml", "<ImportExportXml><Roles/>"
		    "</ImportExportXml>", 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	zip_at(state, "dup.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_EZIP);
	assert_ptr_equal(sol, (struct ra_solution *)&sol);
	assert_non_null(d = ut_diag(ctx, RA_C_ZIP_DUP));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_string_equal(d->file, path);
	assert_string_equal(d->member, "Customizations.xml");
	ra_ctx_free(ctx);
}

/*
 * Roles/ members equal but for case are duplicates (RA203) even when
 * another name sorts between them byte-wise ("A" < "B" < "a").
 */
static void
test_zip_duplicate_roles_case(void **state)
{
	static const struct ut_member	 m[] = {
		{ "Roles/A.xml", ROLE_XML("Upper"), 0, 0 },
		{ "Roles/B.xml", ROLE_XML("Between"), 0, 0 },
		{ "Roles/a.xml", ROLE_XML("Lower"), 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	enum ra_err			 rc;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	zip_at(state, "duproles.zip", m, NMEMB(m), path);
	rc = load_path(ctx, path, &sol);
	if (rc == RA_OK)
		ra_solution_free(sol);
	d = ut_diag(ctx, RA_C_ZIP_DUP);
	ra_ctx_free(ctx);
	assert_int_equal(rc, RA_EZIP);
	assert_non_null(d);
}

/*
 * Two members with exactly the same name: RA_EZIP with RA203.  libzip
 * refuses to write them (zip_file_add() fails with ZIP_ER_EXISTS, checked
 * below), so the second name is written as "Xustomizations.xml" and
 * patched to "customizations.xml" in the local and central headers: a
 * real zip with a duplicate, as an attacker would make it.
 */
static void
test_zip_duplicate_exact(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
		{ "Xustomizations.xml", "<ImportExportXml><Roles/>"
		    "</ImportExportXml>", 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol = NULL;
	char				*buf, *p;
	size_t				 len, i, patched = 0;
	enum ra_err			 rc;
	int				 dup;

	(void)state;
	ut_zip(m, 1, &buf, &len);	/* libzip refuses a real duplicate: */
	free(buf);
	{
		zip_error_t	 ze;
		zip_source_t	*src, *one, *two;
		zip_t		*za;

		zip_error_init(&ze);
		src = zip_source_buffer_create(NULL, 0, 0, &ze);
		assert_non_null(za = zip_open_from_source(src, ZIP_TRUNCATE,
		    &ze));
		one = zip_source_buffer(za, "1", 1, 0);
		two = zip_source_buffer(za, "2", 1, 0);
		assert_true(zip_file_add(za, "a", one, 0) >= 0);
		assert_int_equal(zip_file_add(za, "a", two, 0), -1);
		assert_int_equal(zip_error_code_zip(zip_get_error(za)),
		    ZIP_ER_EXISTS);
		zip_source_free(two);	/* not taken on failure */
		zip_discard(za);
		zip_error_fini(&ze);
	}
	ut_zip(m, NMEMB(m), &buf, &len);
	for (i = 0; (p = find_bytes(buf + i, len - i, "Xustomizations.xml",
	    18)) != NULL; i = (size_t)(p - buf) + 1) {
		*p = 'c';
		patched++;
	}
	assert_int_equal(patched, 2);	/* local and central header */
	rc = ra_solution_load_buffer(ctx, "dup.zip", buf, len, &sol);
	free(buf);
	dup = ut_diag(ctx, RA_C_ZIP_DUP) != NULL;
	if (rc == RA_OK)
		ra_solution_free(sol);
	ra_ctx_free(ctx);
	assert_int_equal(rc, RA_EZIP);
	assert_true(dup);
}

/* An encrypted member is refused: RA_EZIP with RA202. */
static void
test_zip_encrypted(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, UT_AES256 },
	};
	struct ra_ctx			*ctx;
	struct ra_solution		*sol;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1))
		skip();		/* this libzip cannot write AES archives */
	ctx = ra_ctx_new();
	zip_at(state, "enc.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_EZIP);
	assert_non_null(d = ut_diag(ctx, RA_C_ZIP_ENCRYPTED));
	assert_string_equal(d->member, "customizations.xml");
	ra_ctx_free(ctx);
}

/* customizations.xml padded with a comment of N 'a's to ~5 MiB. */
static char *
padded_customizations(size_t *len)
{
	struct ra_buf	 b = { 0 };
	size_t		 n = 5 << 20;

	ra_buf_adds(&b, CUSTOMIZATIONS_XML "<!-- ");
	if (ra_grow(&b.s, &b.cap, b.len + n + 16, 1) == -1)
		fail_msg("out of memory");
	memset(b.s + b.len, 'a', n);
	b.len += n;
	b.s[b.len] = '\0';
	ra_buf_adds(&b, " -->\n");
	assert_false(b.oom);
	*len = b.len;
	return b.s;
}

/*
 * A zip of padded_customizations() deflated, in *ZIP (*ZLEN bytes);
 * *XLEN the member's size.
 */
static void
padded_zip(char **zip, size_t *zlen, size_t *xlen)
{
	struct ut_member	 m[1] = {
		{ "customizations.xml", NULL, 0, 0 }
	};
	char			*xml;

	xml = padded_customizations(xlen);
	m[0].data = xml;
	m[0].len = *xlen;
	ut_zip(m, 1, zip, zlen);
	free(xml);
}

/*
 * A member compressed past the ratio limit is refused from its header,
 * before anything is inflated: RA_ELIMIT with RA204.  With a higher
 * limit the same zip loads.
 */
static void
test_zip_ratio_limit(void **state)
{
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	const struct ra_diag	*d;
	char			*zip;
	size_t			 xlen, zlen;
	clock_t			 t0;
	double			 secs;

	(void)state;
	padded_zip(&zip, &zlen, &xlen);
	assert_true(zlen * 100 < xlen);		/* really compresses */

	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_RATIO, 10), RA_OK);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_RATIO), 10);
	t0 = clock();
	assert_int_equal(ra_solution_load_buffer(ctx, "bomb.zip", zip, zlen,
	    &sol), RA_ELIMIT);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_non_null(d = ut_diag(ctx, RA_C_ZIP_BOMB));
	assert_string_equal(d->member, "customizations.xml");
	/* Refused from the header, not after inflating. */
	assert_non_null(strstr(d->message, "ratio"));
	assert_true(secs < 1.0);
	ra_ctx_free(ctx);

	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_RATIO, 100000), RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "bomb.zip", zip, zlen,
	    &sol), RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 2);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
	free(zip);
}

/* A member larger than the size limit: RA_ELIMIT with RA204. */
static void
test_zip_size_limit(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, UT_STORE },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	zip_at(state, "big.zip", m, NMEMB(m), path);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE, 100),
	    RA_OK);
	assert_int_equal(load_path(ctx, path, &sol), RA_ELIMIT);
	assert_non_null(d = ut_diag(ctx, RA_C_ZIP_BOMB));
	assert_string_equal(d->member, "customizations.xml");
	ra_ctx_free(ctx);
	/* Exactly at the limit is allowed. */
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE,
	    strlen(CUSTOMIZATIONS_XML)), RA_OK);
	assert_int_equal(load_path(ctx, path, &sol), RA_OK);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* More members than the limit: RA_ELIMIT with RA205. */
static void
test_zip_member_limit(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
		{ "a.txt", "a", 0, 0 },
		{ "b.txt", "b", 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	char				 path[UT_PATH_MAX];

	zip_at(state, "many.zip", m, NMEMB(m), path);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 2), RA_OK);
	assert_int_equal(load_path(ctx, path, &sol), RA_ELIMIT);
	assert_non_null(ut_diag(ctx, RA_C_ZIP_MEMBERS));
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 0),
	    RA_EINVAL);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_MEMBERS), 2);
	ra_ctx_free(ctx);
}

/* A zip cut in half is refused: RA_EZIP with RA200. */
static void
test_zip_truncated(void **state)
{
	static const struct ut_member	 m[] = {
		{ "solution.xml", SOLUTION_XML, 0, 0 },
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	char				*buf, path[UT_PATH_MAX];
	size_t				 len;

	ut_zip(m, NMEMB(m), &buf, &len);
	ut_write(*state, "cut.zip", buf, len / 2);
	assert_int_equal(load_path(ctx, ut_join(path, *state, "cut.zip"),
	    &sol), RA_EZIP);
	assert_ptr_equal(sol, (struct ra_solution *)&sol);
	assert_non_null(ut_diag(ctx, RA_C_ZIP));
	assert_string_equal(ut_diag(ctx, RA_C_ZIP)->file, path);
	/* The same bytes from memory. */
	assert_int_equal(ra_solution_load_buffer(ctx, "cut.zip", buf, len / 2,
	    &sol), RA_EZIP);
	assert_int_equal(ut_diag_n(ctx, RA_C_ZIP), 2);
	/* The end of the archive gone: no central directory at all. */
	assert_int_equal(ra_solution_load_buffer(ctx, "cut.zip", buf, len - 10,
	    &sol), RA_EZIP);
	free(buf);
	ra_ctx_free(ctx);
}

/* A member whose bytes fail their CRC: RA_EZIP with RA201. */
static void
test_zip_corrupt_member(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, UT_STORE },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol = NULL;
	char				*buf, *p;
	size_t				 len;

	(void)state;
	ut_zip(m, NMEMB(m), &buf, &len);
	/* Stored, so the text is there: "Alpha" becomes "Alpho". */
	p = find_bytes(buf, len, "Alpha", 5);
	assert_non_null(p);
	p[4] = 'o';
	assert_int_equal(ra_solution_load_buffer(ctx, "crc.zip", buf, len,
	    &sol), RA_EZIP);
	free(buf);
	assert_non_null(ut_diag(ctx, RA_C_ZIP_MEMBER));
	assert_string_equal(ut_diag(ctx, RA_C_ZIP_MEMBER)->member,
	    "customizations.xml");
	ra_ctx_free(ctx);
}

/* Add D to the little-endian u32 at P. */
static void
le32_add(char *p, int32_t d)
{
	unsigned char	*u = (unsigned char *)p;
	uint32_t	 v = (uint32_t)u[0] | (uint32_t)u[1] << 8 |
	    (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;

	v += (uint32_t)d;
	u[0] = v & 0xff;
	u[1] = v >> 8 & 0xff;
	u[2] = v >> 16 & 0xff;
	u[3] = v >> 24;
}

/* Load the LEN bytes of ZIP; RC and, unless RA_OK, CODE with WHAT. */
static void
load_deflated(const char *zip, size_t len, enum ra_err rc, int code,
    const char *what)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	const struct ra_diag	*d;

	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_RATIO, 100000), RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "deflated.zip", zip, len,
	    &sol), rc);
	if (rc == RA_OK) {
		assert_int_equal(ra_solution_role_count(sol), 2);
		ra_solution_free(sol);
	} else {
		assert_non_null(d = ut_diag(ctx, code));
		assert_string_equal(d->member, "customizations.xml");
		assert_non_null(strstr(d->message, what));
	}
	ra_ctx_free(ctx);
}

/*
 * A deflated member of many chunks, most of them inflated from a few
 * stored bytes (ISA-L's path where the build has it, libzip's where
 * not): sound, it loads; its CRC wrong in both headers, or its stored
 * bytes cut short of the end of its deflate stream, RA_EZIP with RA201;
 * inflating past its declared size, with its CRC wrong too, RA_ELIMIT
 * with RA204, the size checked first in either build.
 */
static void
test_zip_corrupt_deflated(void **state)
{
	char			*zip, *local, *central;
	size_t			 xlen, zlen;

	(void)state;
	padded_zip(&zip, &zlen, &xlen);
	assert_non_null(local = find_bytes(zip, zlen, "PK\003\004", 4));
	assert_non_null(central = find_bytes(zip, zlen, "PK\001\002", 4));
	load_deflated(zip, zlen, RA_OK, 0, NULL);

	local[14] ^= 1;
	central[16] ^= 1;
	load_deflated(zip, zlen, RA_EZIP, RA_C_ZIP_MEMBER, "CRC");

	/* Sizes: the local header's at 22, the directory's at 24. */
	le32_add(local + 22, -1);
	le32_add(central + 24, -1);
	load_deflated(zip, zlen, RA_ELIMIT, RA_C_ZIP_BOMB, "declared size");
	le32_add(local + 22, 1);
	le32_add(central + 24, 1);
	local[14] ^= 1;
	central[16] ^= 1;

	/* Compressed sizes: the local header's at 18, the directory's at 20. */
	le32_add(local + 18, -8);
	le32_add(central + 20, -8);
	load_deflated(zip, zlen, RA_EZIP, RA_C_ZIP_MEMBER, "corrupt member");
	free(zip);
}

/* An empty member is no XML document: RA_EXML naming the member. */
static void
test_zip_empty_member(void **state)
{
	static const struct ut_member	 m[] = {
		{ "customizations.xml", NULL, 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	zip_at(state, "empty-member.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_EXML);
	assert_non_null(d = ut_diag(ctx, RA_C_XML));
	assert_string_equal(d->member, "customizations.xml");
	assert_string_equal(d->file, path);
	ra_ctx_free(ctx);
}

/* An empty archive and one without solution members: RA_EINPUT, RA110. */
static void
test_zip_not_a_solution(void **state)
{
	static const unsigned char	 empty[22] = { 'P', 'K', 5, 6 };
	static const struct ut_member	 m[] = {
		{ "readme.txt", "hello", 0, 0 },
		{ "sub/customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol = NULL;
	char				 path[UT_PATH_MAX];

	assert_int_equal(ra_solution_load_buffer(ctx, "empty.zip", empty,
	    sizeof(empty), &sol), RA_EINPUT);
	assert_null(sol);
	assert_int_equal(ut_diag_n(ctx, RA_C_NOSOLUTION), 1);
	zip_at(state, "other.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_EINPUT);
	assert_int_equal(ut_diag_n(ctx, RA_C_NOSOLUTION), 2);
	ra_ctx_free(ctx);
}

/* A member named outside the archive is ignored with warning RA206. */
static void
test_zip_unsafe_name(void **state)
{
	static const struct ut_member	 m[] = {
		{ "../customizations.xml", "<Evil/>", 0, 0 },
		{ "customizations.xml", CUSTOMIZATIONS_XML, 0, 0 },
		{ "/Roles/abs.xml", ROLE_XML("Abs"), 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	zip_at(state, "unsafe.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 2);
	assert_null(ut_role(sol, "Abs"));
	assert_int_equal(ut_diag_n(ctx, RA_C_ZIP_NAME), 2);
	d = ut_diag(ctx, RA_C_ZIP_NAME);
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_string_equal(d->member, "../customizations.xml");
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* A Roles/ member whose root is not <Role>: warning RA108, skipped. */
static void
test_zip_non_role_member(void **state)
{
	static const struct ut_member	 m[] = {
		{ "Roles/notes.xml", "<Notes><Role id=\"1\" name=\"No\"/>"
		    "</Notes>", 0, 0 },
		{ "Roles/real.xml", ROLE_XML("Real"), 0, 0 },
	};
	struct ra_ctx			*ctx = ra_ctx_new();
	struct ra_solution		*sol;
	const struct ra_diag		*d;
	char				 path[UT_PATH_MAX];

	zip_at(state, "notes.zip", m, NMEMB(m), path);
	assert_int_equal(load_path(ctx, path, &sol), RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 1);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)), "Real");
	assert_non_null(d = ut_diag(ctx, RA_C_NOTROLE));
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_string_equal(d->member, "Roles/notes.xml");
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/*
 * A .zip that is really XML is read as XML: the loader sniffs content,
 * not names.  Text that is neither is malformed XML.
 */
static void
test_zip_name_but_xml(void **state)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	ut_writes(*state, "solution.zip", CUSTOMIZATIONS_XML);
	assert_int_equal(load_path(ctx, ut_join(path, *state, "solution.zip"),
	    &sol), RA_OK);
	assert_int_equal(ra_solution_kind(sol), RA_INPUT_XML);
	assert_int_equal(ra_solution_role_count(sol), 2);
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "solution.zip");
	ra_solution_free(sol);
	ut_writes(*state, "text.zip", "PK is not enough\n");
	assert_int_equal(load_path(ctx, ut_join(path, *state, "text.zip"),
	    &sol), RA_EXML);
	assert_non_null(ut_diag(ctx, RA_C_XML));
	ra_ctx_free(ctx);
}

/* ---- files ------------------------------------------------------------ */

/* An XML file: kind xml, roles located in its base name, its digest. */
static void
test_xml_file_sha256(void **state)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	ut_writes(*state, "Sales Person.xml", ROLE_XML("Sales Person"));
	assert_int_equal(load_path(ctx, ut_join(path, *state,
	    "Sales Person.xml"), &sol), RA_OK);
	assert_int_equal(ra_solution_kind(sol), RA_INPUT_XML);
	assert_string_equal(ra_solution_path(sol), path);
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "Sales Person.xml");
	/* sha256sum of the file's bytes (computed with coreutils). */
	assert_string_equal(ra_solution_sha256(sol),
	    "a76cbb2a17377a960464bff95675557a380ed43f3412dde3be09038cb1b8d388");
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* A path that does not exist: RA_ENOTFOUND with RA100. */
static void
test_missing_path(void **state)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	assert_int_equal(load_path(ctx, ut_join(path, *state, "absent.zip"),
	    &sol), RA_ENOTFOUND);
	assert_ptr_equal(sol, (struct ra_solution *)&sol);
	assert_non_null(ut_diag(ctx, RA_C_IO));
	assert_string_equal(ut_diag(ctx, RA_C_IO)->file, path);
	ra_ctx_free(ctx);
}

/* An XML file over the file-size limit: RA_ELIMIT with RA113. */
static void
test_file_size_limit(void **state)
{
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	ut_writes(*state, "r.xml", ROLE_XML("R"));
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_FILE_SIZE, 20), RA_OK);
	assert_int_equal(load_path(ctx, ut_join(path, *state, "r.xml"), &sol),
	    RA_ELIMIT);
	assert_non_null(ut_diag(ctx, RA_C_SIZE));
	ra_ctx_free(ctx);
}

/* ---- folders ---------------------------------------------------------- */

/*
 * An unpacked solution: Roles/ files with or without .xml are roles in
 * byte-wise order, Other/Solution.xml is the manifest, a non-role XML in
 * Roles/ is skipped with RA108, dot files and subfolders are ignored.
 */
static void
test_dir_unpacked(void **state)
{
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	const struct ra_diag	*d;
	char			 path[UT_PATH_MAX];

	ut_writes(dir, "sol/Other/Solution.xml", SOLUTION_XML);
	ut_writes(dir, "sol/Other/Customizations.xml",
	    "<ImportExportXml><Entities/></ImportExportXml>");
	ut_writes(dir, "sol/Roles/Sales.xml", ROLE_XML("Sales"));
	ut_writes(dir, "sol/Roles/Service", ROLE_XML("Service"));
	ut_writes(dir, "sol/Roles/Notes.xml", "<Notes/>");
	ut_writes(dir, "sol/Roles/.hidden.xml", "not even XML <");
	ut_writes(dir, "sol/Roles/sub/Deep.xml", ROLE_XML("Deep"));
	ut_writes(dir, "sol/.git", "not a folder");
	assert_int_equal(load_path(ctx, ut_join(path, dir, "sol"), &sol),
	    RA_OK);
	assert_int_equal(ra_solution_kind(sol), RA_INPUT_FOLDER);
	assert_string_equal(ra_solution_unique_name(sol), "ContosoSales");
	assert_int_equal(ra_solution_managed(sol), 1);
	assert_int_equal(ra_solution_role_count(sol), 2);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)), "Sales");
	assert_string_equal(ra_role_name(ra_solution_role(sol, 1)), "Service");
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "Roles/Sales.xml");
	assert_string_equal(ra_role_file(ra_solution_role(sol, 1)),
	    "Roles/Service");
	assert_int_equal(ut_diag_n(ctx, RA_C_NOTROLE), 1);
	d = ut_diag(ctx, RA_C_NOTROLE);
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_non_null(strstr(d->file, "Roles/Notes.xml"));
	assert_int_equal(ra_ctx_diag_count_sev(ctx, RA_SEV_ERROR), 0);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* Folder and file names match case-insensitively: other/solution.xml. */
static void
test_dir_lowercase(void **state)
{
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	ut_writes(dir, "sol/other/solution.xml", SOLUTION_XML);
	ut_writes(dir, "sol/roles/r.xml", ROLE_XML("Lower"));
	assert_int_equal(load_path(ctx, ut_join(path, dir, "sol/"), &sol),
	    RA_OK);
	assert_string_equal(ra_solution_unique_name(sol), "ContosoSales");
	assert_string_equal(ra_solution_version(sol), "1.2.3.4");
	assert_int_equal(ra_solution_role_count(sol), 1);
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "roles/r.xml");
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

/* An extracted zip: customizations.xml and solution.xml at the top. */
static void
test_dir_extracted_zip(void **state)
{
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	ut_writes(dir, "x/customizations.xml", CUSTOMIZATIONS_XML);
	ut_writes(dir, "x/solution.xml", SOLUTION_XML);
	assert_int_equal(load_path(ctx, ut_join(path, dir, "x"), &sol), RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 2);
	assert_string_equal(ra_role_file(ra_solution_role(sol, 0)),
	    "customizations.xml");
	assert_string_equal(ra_solution_unique_name(sol), "ContosoSales");
	ra_solution_free(sol);
	/* Without Roles/, customizations.xml must have a <Roles> section. */
	ut_writes(dir, "x/customizations.xml", "<ImportExportXml/>");
	assert_int_equal(load_path(ctx, path, &sol), RA_EINPUT);
	assert_non_null(ut_diag(ctx, RA_C_NOROLES));
	ra_ctx_free(ctx);
}

/*
 * Symbolic links in a folder are skipped with warning RA115: a link in
 * Roles/ and a Roles folder that is itself a link.
 */
static void
test_dir_symlinks(void **state)
{
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	const struct ra_diag	*d;
	char			 path[UT_PATH_MAX], target[UT_PATH_MAX];

	ut_writes(dir, "outside/secret.xml", ROLE_XML("Secret"));
	ut_writes(dir, "s/Roles/real.xml", ROLE_XML("Real"));
	assert_int_equal(symlink(ut_join(target, dir, "outside/secret.xml"),
	    ut_join(path, dir, "s/Roles/link.xml")), 0);
	assert_int_equal(load_path(ctx, ut_join(path, dir, "s"), &sol), RA_OK);
	assert_int_equal(ra_solution_role_count(sol), 1);
	assert_string_equal(ra_role_name(ra_solution_role(sol, 0)), "Real");
	assert_non_null(d = ut_diag(ctx, RA_C_SYMLINK));
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_non_null(strstr(d->file, "link.xml"));
	ra_solution_free(sol);
	/* Roles/ itself a link: not followed, so no solution here. */
	ut_mkdirs(dir, "t");
	assert_int_equal(symlink(ut_join(target, dir, "s/Roles"),
	    ut_join(path, dir, "t/Roles")), 0);
	assert_int_equal(load_path(ctx, ut_join(path, dir, "t"), &sol),
	    RA_EINPUT);
	assert_int_equal(ut_diag_n(ctx, RA_C_SYMLINK), 2);
	assert_non_null(ut_diag(ctx, RA_C_NOSOLUTION));
	ra_ctx_free(ctx);
}

/*
 * A folder with nothing of a solution: RA_EINPUT with RA110.
 * Regression (fixed): list_dir() ends with qsort(out->v, 0, ...) where out->v is NULL
 * for an empty folder (dir.c); UBSan aborts with "null pointer
 * passed as argument 1, which is declared to never be null".
 */
static void
test_dir_empty(void **state)
{
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	char			 path[UT_PATH_MAX];

	ut_mkdirs(dir, "empty");
	assert_int_equal(load_path(ctx, ut_join(path, dir, "empty"), &sol),
	    RA_EINPUT);
	assert_ptr_equal(sol, (struct ra_solution *)&sol);
	assert_non_null(ut_diag(ctx, RA_C_NOSOLUTION));
	/* Roles as a file, not a folder, is nothing either. */
	ut_writes(dir, "empty/Roles", ROLE_XML("R"));
	ut_writes(dir, "empty/readme.md", "# hi\n");
	assert_int_equal(load_path(ctx, path, &sol), RA_EINPUT);
	assert_int_equal(ut_diag_n(ctx, RA_C_NOSOLUTION), 2);
	ra_ctx_free(ctx);
}

/* A broken role file in a folder: the error names the file and line. */
static void
test_dir_broken_role(void **state)
{
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	const struct ra_diag	*d;
	char			 path[UT_PATH_MAX];

	ut_writes(dir, "s/Roles/a.xml", ROLE_XML("A"));
	ut_writes(dir, "s/Roles/b.xml", "<Role id=\"1\" name=\"B\">\n"
	    "<RolePrivileges>\n<RolePrivilege level=\"Basic\"/>\n"
	    "</RolePrivileges></Role>\n");
	assert_int_equal(load_path(ctx, ut_join(path, dir, "s"), &sol),
	    RA_EINPUT);
	assert_non_null(d = ut_diag(ctx, RA_C_PRIV_NONAME));
	assert_string_equal(d->file, ut_join(path, dir, "s/Roles/b.xml"));
	assert_null(d->member);
	assert_int_equal(d->line, 3);
	ra_ctx_free(ctx);
}

/*
 * The folder digest: SHA-256 over one line per file read, in read order,
 * "<relative path> NUL <hex SHA-256 of the file> LF".
 */
static void
test_dir_digest(void **state)
{
	static const char	 manifest[] = SOLUTION_XML;
	static const char	 a[] = ROLE_XML("A");
	static const char	 b[] = ROLE_XML("B");
	const char		*dir = *state;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*sol;
	struct ra_buf		 lines = { 0 };
	char			 path[UT_PATH_MAX], hex[65];

	ut_writes(dir, "d/Other/Solution.xml", manifest);
	ut_writes(dir, "d/Roles/b.xml", b);
	ut_writes(dir, "d/Roles/a.xml", a);
	assert_int_equal(load_path(ctx, ut_join(path, dir, "d"), &sol), RA_OK);
	ut_sha256(manifest, strlen(manifest), hex);
	ra_buf_add(&lines, "Other/Solution.xml", 19);
	ra_buf_printf(&lines, "%s\n", hex);
	ut_sha256(a, strlen(a), hex);
	ra_buf_add(&lines, "Roles/a.xml", 12);
	ra_buf_printf(&lines, "%s\n", hex);
	ut_sha256(b, strlen(b), hex);
	ra_buf_add(&lines, "Roles/b.xml", 12);
	ra_buf_printf(&lines, "%s\n", hex);
	ut_sha256(lines.s, lines.len, hex);
	ra_buf_free(&lines);
	assert_string_equal(ra_solution_sha256(sol), hex);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

#define TMP(t)	cmocka_unit_test_setup_teardown(t, ut_setup_tmp, \
		    ut_teardown_tmp)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TMP(test_zip_without_role_members),
		TMP(test_zip_solution),
		TMP(test_zip_buffer),
		TMP(test_zip_managed_values),
		TMP(test_zip_roles_sorted),
		TMP(test_zip_names_case),
		TMP(test_zip_duplicate_customizations),
		TMP(test_zip_duplicate_roles_case),
		TMP(test_zip_duplicate_exact),
		TMP(test_zip_encrypted),
		TMP(test_zip_ratio_limit),
		TMP(test_zip_size_limit),
		TMP(test_zip_member_limit),
		TMP(test_zip_truncated),
		TMP(test_zip_corrupt_member),
		TMP(test_zip_corrupt_deflated),
		TMP(test_zip_empty_member),
		TMP(test_zip_not_a_solution),
		TMP(test_zip_unsafe_name),
		TMP(test_zip_non_role_member),
		TMP(test_zip_name_but_xml),
		TMP(test_xml_file_sha256),
		TMP(test_missing_path),
		TMP(test_file_size_limit),
		TMP(test_dir_unpacked),
		TMP(test_dir_lowercase),
		TMP(test_dir_extracted_zip),
		TMP(test_dir_symlinks),
		TMP(test_dir_broken_role),
		TMP(test_dir_digest),
		/* Last: under UBSan it aborts the program until fixed. */
		TMP(test_dir_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
