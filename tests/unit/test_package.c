/*
 * test_package.c - package.c and ra_solution_merge(): Package Deployer
 * packages (a zip or a folder holding PkgFolder/ImportConfig.xml), their
 * parts in import order, what is missing or unlisted, the limits counted
 * across a package zip and the zips inside it, nesting, and a package
 * made one input for diff.
 *
 * Solution zips are built with libzip in memory; package zips hold them
 * as members, package folders as files in a temporary folder.
 */
#include "unit.h"

#define NMEMB(a)	(sizeof(a) / sizeof((a)[0]))

/* A solution of one role NAME with id ID, granting PRIV at Global. */
#define CUST(id, name, priv) \
	"<ImportExportXml>\n<Roles>\n<Role id=\"{" id "}\" name=\"" name \
	"\">\n<RolePrivileges>\n<RolePrivilege name=\"" priv \
	"\" level=\"Global\"/>\n</RolePrivileges>\n</Role>\n</Roles>\n" \
	"</ImportExportXml>\n"

#define ID_A	"00000000-0000-0000-0000-00000000000a"
#define ID_B	"00000000-0000-0000-0000-00000000000b"

/* ImportConfig.xml listing the solutions S (a string of elements). */
#define CONFIG(s) \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
	"<configdatastorage crmmigdataimportfile=\"Data.zip\">\n" \
	"<solutions>\n" s "</solutions>\n</configdatastorage>\n"
#define SOL(name) \
	"<configsolutionfile solutionpackagefilename=\"" name "\"/>\n"

/* A solution zip of CUSTOMIZATIONS into *BUF, *LEN. */
static void
solution_zip(const char *customizations, char **buf, size_t *len)
{
	struct ut_member	 m[] = {
		{ "customizations.xml", customizations, 0, 0 },
	};

	ut_zip(m, NMEMB(m), buf, len);
}

/* The two solutions most tests list: A.zip (role A), B.zip (role B). */
struct two {
	char	*a, *b;
	size_t	 alen, blen;
};

static void
two_make(struct two *t)
{
	solution_zip(CUST(ID_A, "Alpha", "prvReadAccount"), &t->a, &t->alen);
	solution_zip(CUST(ID_B, "Beta", "prvReadContact"), &t->b, &t->blen);
}

static void
two_free(struct two *t)
{
	free(t->a);
	free(t->b);
}

/* Write a package zip of M as REL in the test's folder; path into PATH. */
static const char *
package_at(void **state, const char *rel, const struct ut_member *m,
    size_t n, char path[UT_PATH_MAX])
{
	ut_zip_file(*state, rel, m, n);
	return ut_join(path, *state, rel);
}

/*
 * A package zip: parts in import order (not member order), each named
 * "PACKAGE!PkgFolder/NAME.zip" with the digest of its own bytes; the
 * data zip the root names draws no warning.
 */
static void
test_zip_package(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*pkg = NULL;
	const struct ra_solution *p;
	char			 path[UT_PATH_MAX], label[UT_PATH_MAX + 32], hex[65];

	two_make(&t);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
			{ "PkgFolder/B.zip", t.b, t.blen, 0 },
			{ "PkgFolder/Data.zip", "not read", 0, 0 },
			{ "PkgFolder/ImportConfig.xml",
			    CONFIG(SOL("B.zip") SOL("A.zip")), 0, 0 },
		};

		package_at(state, "pkg.zip", m, NMEMB(m), path);
	}
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_kind(pkg), RA_INPUT_PACKAGE);
	assert_int_equal(ra_solution_role_count(pkg), 0);
	assert_int_equal(ra_solution_part_count(pkg), 2);
	p = ra_solution_part(pkg, 0);
	snprintf(label, sizeof(label), "%s!PkgFolder/B.zip", path);
	assert_string_equal(ra_solution_path(p), label);
	assert_int_equal(ra_solution_kind(p), RA_INPUT_ZIP);
	assert_string_equal(ra_role_name(ra_solution_role(p, 0)), "Beta");
	ut_sha256(t.b, t.blen, hex);
	assert_string_equal(ra_solution_sha256(p), hex);
	p = ra_solution_part(pkg, 1);
	assert_string_equal(ra_role_name(ra_solution_role(p, 0)), "Alpha");
	assert_null(ra_solution_part(pkg, 2));
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	two_free(&t);
}

/*
 * Older packages write backslashes: the members match all the same, and
 * the parts' names show '/'.  PkgFolder's case does not matter.
 */
static void
test_zip_package_backslash(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*pkg = NULL;
	char			 path[UT_PATH_MAX], label[UT_PATH_MAX + 32];

	two_make(&t);
	{
		const struct ut_member	 m[] = {
			{ "pkgfolder\\ImportConfig.xml",
			    CONFIG(SOL("a.zip") SOL("B.zip")), 0, 0 },
			{ "PKGFOLDER\\A.zip", t.a, t.alen, 0 },
			{ "PkgFolder\\B.zip", t.b, t.blen, 0 },
		};

		package_at(state, "old.zip", m, NMEMB(m), path);
	}
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_part_count(pkg), 2);
	snprintf(label, sizeof(label), "%s!PKGFOLDER/A.zip", path);
	assert_string_equal(ra_solution_path(ra_solution_part(pkg, 0)), label);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	two_free(&t);
}

/*
 * A listed solution that is not there fails the package, at the line
 * that lists it, after the others were read (a broken one says why); a
 * zip nothing lists is a warning.
 */
static void
test_zip_package_missing(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_solution	*pkg = (struct ra_solution *)&t;
	const struct ra_diag	*d;
	char			 path[UT_PATH_MAX];

	two_make(&t);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml",
			    CONFIG(SOL("A.zip") SOL("Gone.zip") SOL("Bad.zip")),
			    0, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
			{ "PkgFolder/Bad.zip", "PK\003\004 no zip", 0, 0 },
			{ "PkgFolder/Extra.zip", t.b, t.blen, 0 },
			{ "PkgFolder/readme.txt", "not a zip", 0, 0 },
		};

		package_at(state, "pkg.zip", m, NMEMB(m), path);
	}
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_EINPUT);
	assert_ptr_equal(pkg, (struct ra_solution *)&t);
	assert_non_null(d = ut_diag(ctx, RA_C_PKG_MISSING));
	assert_int_equal(d->severity, RA_SEV_ERROR);
	assert_string_equal(d->member, "PkgFolder/ImportConfig.xml");
	assert_int_equal(d->line, 5);
	assert_non_null(strstr(d->message, "\"Gone.zip\""));
	assert_non_null(d = ut_diag(ctx, RA_C_ZIP));
	assert_non_null(strstr(d->file, "!PkgFolder/Bad.zip"));
	assert_non_null(d = ut_diag(ctx, RA_C_PKG_UNLISTED));
	assert_int_equal(d->severity, RA_SEV_WARNING);
	assert_string_equal(d->member, "PkgFolder/Extra.zip");
	assert_int_equal(ut_diag_n(ctx, RA_C_PKG_UNLISTED), 1);
	ra_ctx_free(ctx);
	two_free(&t);
}

/*
 * What ImportConfig.xml may list: a name with a path in it is an error
 * (RA132), one listed twice a warning (RA134) read once, no solution at
 * all a warning (RA136); a <configsolutionfile> without its attribute is
 * an error at its line.
 */
static void
test_config_entries(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg;
	char			 path[UT_PATH_MAX];

	two_make(&t);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", CONFIG(SOL("A.zip")
			    SOL("a.zip") SOL("../B.zip")), 0, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
			{ "B.zip", t.b, t.blen, 0 },
		};

		package_at(state, "entries.zip", m, NMEMB(m), path);
	}
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_EINPUT);
	assert_int_equal(ut_diag(ctx, RA_C_PKG_ENTRY)->line, 6);
	assert_int_equal(ut_diag(ctx, RA_C_PKG_TWICE)->line, 5);
	assert_int_equal(ut_diag_n(ctx, RA_C_PKG_MISSING), 0);
	ra_ctx_free(ctx);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", CONFIG(""), 0, 0 },
		};

		package_at(state, "empty.zip", m, NMEMB(m), path);
	}
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_part_count(pkg), 0);
	assert_int_equal(ut_diag(ctx, RA_C_PKG_EMPTY)->severity,
	    RA_SEV_WARNING);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", "<configdatastorage>\n"
			    "<solutions>\n<configsolutionfile overwrite"
			    "unmanagedcustomizations=\"true\"/>\n</solutions>\n"
			    "</configdatastorage>\n", 0, 0 },
		};

		package_at(state, "noname.zip", m, NMEMB(m), path);
	}
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_EINPUT);
	assert_int_equal(ut_diag(ctx, RA_C_PKG_ENTRY)->line, 3);
	ra_ctx_free(ctx);
	two_free(&t);
}

/*
 * ImportConfig.xml as Visual Studio leaves it (UTF-8 with a byte order
 * mark under an encoding="utf-16" declaration) and as UTF-16 proper.
 */
static void
test_config_encodings(void **state)
{
	static const char	 body[] = "<configdatastorage><solutions>"
	    "<configsolutionfile solutionpackagefilename=\"A.zip\"/>"
	    "</solutions></configdatastorage>";
	static const char	 decl[] =
	    "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n";
	struct two		 t;
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg;
	char			 path[UT_PATH_MAX], u8[512], u16[1024];
	size_t			 n8, n16, i;
	int			 k;

	two_make(&t);
	n8 = (size_t)snprintf(u8, sizeof(u8), "\xef\xbb\xbf%s%s", decl, body);
	u16[0] = '\xff';
	u16[1] = '\xfe';
	for (i = 0, n16 = 2; i < n8 - 3; i++) {
		u16[n16++] = u8[i + 3];
		u16[n16++] = '\0';
	}
	for (k = 0; k < 2; k++) {
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", k ? u16 : u8,
			    k ? n16 : n8, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
		};

		package_at(state, "enc.zip", m, NMEMB(m), path);
		ctx = ra_ctx_new();
		assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
		assert_int_equal(ra_solution_part_count(pkg), 1);
		assert_int_equal(ra_ctx_diag_count(ctx), 0);
		ra_solution_free(pkg);
		ra_ctx_free(ctx);
	}
	two_free(&t);
}

/*
 * A malformed ImportConfig.xml, or one with a DOCTYPE, is refused with
 * its line; so is a root that is not <configdatastorage>.
 */
static void
test_config_malformed(void **state)
{
	static const struct {
		const char	*xml;
		int		 code;
		unsigned long	 line;
		enum ra_err	 rc;
	} c[] = {
		{ "<configdatastorage>\n<solutions>\n</configdatastorage>\n",
		    RA_C_XML, 3, RA_EXML },
		{ "<!DOCTYPE c [<!ENTITY x \"y\">]>\n<configdatastorage/>",
		    RA_C_DTD, 1, RA_EXML },
		{ "\n<ImportExportXml/>", RA_C_UNKNOWN_DOC, 2, RA_EINPUT },
	};
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg;
	char			 path[UT_PATH_MAX];
	size_t			 i;

	for (i = 0; i < NMEMB(c); i++) {
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", c[i].xml, 0, 0 },
		};

		package_at(state, "bad.zip", m, NMEMB(m), path);
		ctx = ra_ctx_new();
		assert_int_equal(ra_solution_load(ctx, path, &pkg), c[i].rc);
		assert_non_null(ut_diag(ctx, c[i].code));
		assert_int_equal(ut_diag(ctx, c[i].code)->line, c[i].line);
		ra_ctx_free(ctx);
	}
}

/*
 * Nesting goes one level deep: a package listed as a package's solution
 * is refused; a solution zip that also holds a package is read as the
 * solution it is.  PkgFolder/ without ImportConfig.xml is no package.
 */
static void
test_nested(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg;
	char			 path[UT_PATH_MAX], *inner, *both;
	size_t			 ilen, blen;

	two_make(&t);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", CONFIG(SOL("A.zip")),
			    0, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
		};
		const struct ut_member	 mb[] = {
			{ "customizations.xml", CUST(ID_B, "Beta",
			    "prvReadContact"), 0, 0 },
			{ "PkgFolder/ImportConfig.xml", CONFIG(SOL("A.zip")),
			    0, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
		};

		ut_zip(m, NMEMB(m), &inner, &ilen);
		ut_zip(mb, NMEMB(mb), &both, &blen);
	}
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml",
			    CONFIG(SOL("Inner.zip") SOL("Both.zip")), 0, 0 },
			{ "PkgFolder/Inner.zip", inner, ilen, 0 },
			{ "PkgFolder/Both.zip", both, blen, 0 },
		};

		package_at(state, "outer.zip", m, NMEMB(m), path);
	}
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_EINPUT);
	assert_int_equal(ut_diag_n(ctx, RA_C_PKG_NESTED), 1);
	assert_non_null(strstr(ut_diag(ctx, RA_C_PKG_NESTED)->file,
	    "!PkgFolder/Inner.zip"));
	ra_ctx_free(ctx);
	/* Read as a solution, its package is not followed. */
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load_buffer(ctx, "both.zip", both, blen,
	    &pkg), RA_OK);
	assert_int_equal(ra_solution_kind(pkg), RA_INPUT_ZIP);
	assert_int_equal(ra_solution_role_count(pkg), 1);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
		};

		package_at(state, "noconfig.zip", m, NMEMB(m), path);
	}
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_EINPUT);
	assert_non_null(ut_diag(ctx, RA_C_NOSOLUTION));
	ra_ctx_free(ctx);
	free(inner);
	free(both);
	two_free(&t);
}

/*
 * The member limit counts the package's members and those of every zip
 * opened inside it; the total limit the bytes declared at both levels.
 * A package in memory reads the same.
 */
static void
test_limits_across(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg;
	char			*buf;
	size_t			 len;
	uint64_t		 cfglen;
	const char		*cfg = CONFIG(SOL("A.zip") SOL("B.zip"));

	(void)state;
	two_make(&t);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", cfg, 0, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
			{ "PkgFolder/B.zip", t.b, t.blen, 0 },
		};

		ut_zip(m, NMEMB(m), &buf, &len);
	}
	/* 3 members, then 1 in each solution zip: 5 in all. */
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 5), RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "p.zip", buf, len, &pkg),
	    RA_OK);
	assert_int_equal(ra_solution_part_count(pkg), 2);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 4), RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "p.zip", buf, len, &pkg),
	    RA_ELIMIT);
	assert_non_null(strstr(ut_diag(ctx, RA_C_ZIP_MEMBERS)->file,
	    "p.zip!PkgFolder/B.zip"));
	ra_ctx_free(ctx);
	/* Inflated at both levels: the config, both zips, their XML. */
	cfglen = strlen(cfg) + t.alen + t.blen +
	    strlen(CUST(ID_A, "Alpha", "prvReadAccount")) +
	    strlen(CUST(ID_B, "Beta", "prvReadContact"));
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_TOTAL_SIZE, cfglen),
	    RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "p.zip", buf, len, &pkg),
	    RA_OK);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_TOTAL_SIZE,
	    cfglen - 1), RA_OK);
	assert_int_equal(ra_solution_load_buffer(ctx, "p.zip", buf, len, &pkg),
	    RA_ELIMIT);
	assert_int_equal(ut_diag_n(ctx, RA_C_ZIP_BOMB), 1);
	assert_non_null(strstr(ut_diag(ctx, RA_C_ZIP_BOMB)->file,
	    "p.zip!PkgFolder/B.zip"));
	ra_ctx_free(ctx);
	free(buf);
	two_free(&t);
}

/*
 * A package folder: PkgFolder/ with ImportConfig.xml and the zips, the
 * parts named by their own paths; the folder's digest is one line per
 * file read.  A listed name that is a symbolic link is not followed and
 * counts as missing.  The PkgFolder itself is a package too.
 */
static void
test_dir_package(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg;
	struct ra_sha256	 d;
	char			 path[UT_PATH_MAX], file[UT_PATH_MAX];
	char			 hex[65], want[65];
	const char		*cfg = CONFIG(SOL("A.zip") SOL("b.zip"));

	two_make(&t);
	ut_writes(*state, "pkg/PkgFolder/ImportConfig.xml", cfg);
	ut_write(*state, "pkg/PkgFolder/A.zip", t.a, t.alen);
	ut_write(*state, "pkg/PkgFolder/B.zip", t.b, t.blen);
	ut_writes(*state, "pkg/PkgFolder/Data.zip", "data");
	ut_writes(*state, "pkg/Other.dll", "code");
	ut_join(path, *state, "pkg");
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_kind(pkg), RA_INPUT_PACKAGE);
	assert_int_equal(ra_solution_part_count(pkg), 2);
	ut_join(file, path, "PkgFolder/B.zip");
	assert_string_equal(ra_solution_path(ra_solution_part(pkg, 1)), file);
	ra_sha256_init(&d);
	ut_sha256(cfg, strlen(cfg), hex);
	ra_sha256_update(&d, "PkgFolder/ImportConfig.xml", 27);
	ra_sha256_update(&d, hex, 64);
	ra_sha256_update(&d, "\n", 1);
	ut_sha256(t.a, t.alen, hex);
	ra_sha256_update(&d, "PkgFolder/A.zip", 16);
	ra_sha256_update(&d, hex, 64);
	ra_sha256_update(&d, "\n", 1);
	ut_sha256(t.b, t.blen, hex);
	ra_sha256_update(&d, "PkgFolder/B.zip", 16);
	ra_sha256_update(&d, hex, 64);
	ra_sha256_update(&d, "\n", 1);
	ra_sha256_hex(&d, want);
	assert_string_equal(ra_solution_sha256(pkg), want);
	assert_int_equal(ra_ctx_diag_count(ctx), 0);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	/* The PkgFolder named itself. */
	ut_join(path, *state, "pkg/PkgFolder");
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_part_count(pkg), 2);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);
	/* A link in B.zip's place, and an unlisted zip. */
	ut_join(file, *state, "pkg/PkgFolder/B.zip");
	assert_int_equal(unlink(file), 0);
	ut_join(path, *state, "pkg/PkgFolder/A.zip");
	assert_int_equal(symlink(path, file), 0);
	ut_write(*state, "pkg/PkgFolder/C.zip", t.b, t.blen);
	ut_join(path, *state, "pkg");
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_EINPUT);
	assert_int_equal(ut_diag_n(ctx, RA_C_SYMLINK), 1);
	assert_int_equal(ut_diag(ctx, RA_C_PKG_MISSING)->line, 5);
	assert_int_equal(ut_diag_n(ctx, RA_C_PKG_UNLISTED), 1);
	assert_non_null(strstr(ut_diag(ctx, RA_C_PKG_UNLISTED)->file,
	    "PkgFolder/C.zip"));
	ra_ctx_free(ctx);
	two_free(&t);
}

/*
 * Merged, as diff compares packages: the roles of the parts in import
 * order, located in their zips; of a role two parts carry (by id), the
 * later one's, in the earlier one's place, with a note.  Split: the
 * parts move out, in order.
 */
static void
test_merge_and_split(void **state)
{
	struct two		 t;
	struct ra_ctx		*ctx;
	struct ra_solution	*pkg, *parts[3];
	const struct ra_role	*r;
	const struct ra_diag	*d;
	char			*a2, path[UT_PATH_MAX];
	size_t			 a2len;

	two_make(&t);
	solution_zip(CUST(ID_A, "Alpha v2", "prvDeleteAccount"), &a2, &a2len);
	{
		const struct ut_member	 m[] = {
			{ "PkgFolder/ImportConfig.xml", CONFIG(SOL("A.zip")
			    SOL("B.zip") SOL("A2.zip")), 0, 0 },
			{ "PkgFolder/A.zip", t.a, t.alen, 0 },
			{ "PkgFolder/B.zip", t.b, t.blen, 0 },
			{ "PkgFolder/A2.zip", a2, a2len, 0 },
		};

		package_at(state, "pkg.zip", m, NMEMB(m), path);
	}
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_merge(ctx, pkg), RA_OK);
	assert_int_equal(ra_solution_merge(ctx, pkg), RA_EINVAL);
	assert_int_equal(ra_solution_part_count(pkg), 0);
	assert_int_equal(ra_solution_role_count(pkg), 2);
	r = ra_solution_role(pkg, 0);
	assert_string_equal(ra_role_name(r), "Alpha v2");
	assert_string_equal(ra_role_file(r), "PkgFolder/A2.zip!"
	    "customizations.xml");
	assert_int_equal(ra_role_level(ctx, r, "prvDeleteAccount"),
	    RA_LEVEL_GLOBAL);
	assert_int_equal(ra_role_level(ctx, r, "prvReadAccount"),
	    RA_LEVEL_NONE);
	assert_string_equal(ra_role_name(ra_solution_role(pkg, 1)), "Beta");
	assert_non_null(d = ut_diag(ctx, RA_C_PKG_REPLACED));
	assert_int_equal(d->severity, RA_SEV_NOTE);
	assert_string_equal(d->file, path);
	assert_string_equal(d->member, "PkgFolder/A2.zip!customizations.xml");
	assert_int_equal(d->line, 3);
	ra_solution_free(pkg);
	ra_ctx_free(ctx);

	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &pkg), RA_OK);
	assert_int_equal(ra_solution_part_count(pkg), 3);
	ra_solution_split(pkg, parts);
	assert_int_equal(ra_solution_part_count(pkg), 0);
	ra_solution_free(pkg);
	assert_string_equal(ra_role_name(ra_solution_role(parts[2], 0)),
	    "Alpha v2");
	assert_int_equal(ra_solution_merge(ctx, parts[0]), RA_EINVAL);
	ra_solution_free(parts[0]);
	ra_solution_free(parts[1]);
	ra_solution_free(parts[2]);
	ra_ctx_free(ctx);
	free(a2);
	two_free(&t);
}

#define TMP(t)	cmocka_unit_test_setup_teardown(t, ut_setup_tmp, \
		    ut_teardown_tmp)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TMP(test_zip_package),
		TMP(test_zip_package_backslash),
		TMP(test_zip_package_missing),
		TMP(test_config_entries),
		TMP(test_config_encodings),
		TMP(test_config_malformed),
		TMP(test_nested),
		TMP(test_limits_across),
		TMP(test_dir_package),
		TMP(test_merge_and_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
