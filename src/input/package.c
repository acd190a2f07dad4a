/*
 * package.c - a zip input, which is a solution zip or a Package Deployer
 * package, and a package folder.
 *
 * A package is a zip or a folder holding PkgFolder/ImportConfig.xml
 * (older packages write the zip's member names with backslashes,
 * PkgFolder\ImportConfig.xml; names match ignoring ASCII case) beside
 * the solution zips its <solutions> lists in import order, and often
 * Configuration Migration data zips.  Each listed solution zip becomes a
 * part of the package's solution (see ra_solution_part()), in import
 * order: a zip inside a package zip is inflated into memory (never to
 * disk) and read from there, a zip in a package folder is read from its
 * file.  A listed solution that is not there fails the package (RA130):
 * Package Deployer would stop at it, and an audit of the rest would pass
 * a release that cannot be deployed.  The rest is still read, so that
 * one run names every problem.  A zip in PkgFolder/ that ImportConfig.xml
 * names nowhere is a warning (RA131): Package Deployer does not import it.
 *
 * Nesting goes one level deep: a package's solution zip that is itself a
 * package is refused (RA133), and a solution zip's own members are only
 * ever its XML, so no zip inside a zip inside a package is opened, and a
 * zip that holds itself is met once.  The limits count across a package
 * zip and the zips inside it (struct ra_zip_budget): members of every
 * zip opened against --max-members, bytes declared by every member
 * inflated, at both levels, against --max-total-size.  A package folder's
 * zips are files of their own, each within the limits by itself, as if
 * named on the command line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/input.h"

#define PKGFOLDER	"PkgFolder"
#define IMPORTCONFIG	"ImportConfig.xml"

/* A package being read: what its ImportConfig.xml lists, and where. */
struct pkg {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	struct ra_pkg_list	 list;
	const char		*cfg_file;	/* ImportConfig.xml, for diagnostics */
	const char		*cfg_member;	/* its member in a zip, or NULL */
	enum ra_err		 rc;		/* the first failure */
};

/* Keep the first failure; a later one adds nothing. */
static void
pkg_fail(struct pkg *p, enum ra_err rc)
{
	if (p->rc == RA_OK)
		p->rc = rc;
}

/*
 * NAME below PkgFolder/ (or PkgFolder\), ignoring ASCII case: the rest of
 * NAME when it is one entry directly in PkgFolder, else NULL.
 */
static const char *
in_pkgfolder(const char *name)
{
	const char	*rest;

	if (strncasecmp(name, PKGFOLDER, sizeof(PKGFOLDER) - 1) != 0)
		return NULL;
	rest = name + sizeof(PKGFOLDER) - 1;
	if (*rest != '/' && *rest != '\\')
		return NULL;
	rest++;
	if (*rest == '\0' || strpbrk(rest, "/\\") != NULL)
		return NULL;
	return rest;
}

/* Does NAME end in ".zip", ignoring ASCII case? */
static int
is_zip_name(const char *name)
{
	size_t	 n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".zip") == 0;
}

/*
 * Check what ImportConfig.xml lists: each solution's name must be a file
 * name in PkgFolder (RA132: no path, no "." or ".."); a solution listed
 * twice is read once (RA134).  Marks the entries to skip by clearing
 * their SOLUTION flag; a data entry is left as it is.
 */
static void
check_list(struct pkg *p)
{
	struct ra_pkg_entry	*e;
	size_t			 i, k, nsol = 0;

	for (i = 0; i < p->list.n; i++) {
		e = &p->list.v[i];
		if (!e->solution)
			continue;
		if (strpbrk(e->name, "/\\:") != NULL ||
		    strcmp(e->name, ".") == 0 || strcmp(e->name, "..") == 0) {
			ra_diag_add(p->ctx, RA_SEV_ERROR, RA_C_PKG_ENTRY,
			    p->cfg_file, p->cfg_member, e->line, 0,
			    "solution \"%s\" is not a file name in "
			    PKGFOLDER "/", e->name);
			pkg_fail(p, RA_EINPUT);
			e->solution = 0;
			continue;
		}
		for (k = 0; k < i; k++)
			if (p->list.v[k].solution &&
			    ra_strcaseeq(p->list.v[k].name, e->name))
				break;
		if (k < i) {
			ra_diag_add(p->ctx, RA_SEV_WARNING, RA_C_PKG_TWICE,
			    p->cfg_file, p->cfg_member, e->line, 0,
			    "solution \"%s\" is listed again (first on line "
			    "%lu): read once", e->name, p->list.v[k].line);
			e->solution = 0;
			continue;
		}
		nsol++;
	}
	if (nsol == 0 && p->rc == RA_OK)
		ra_diag_add(p->ctx, RA_SEV_WARNING, RA_C_PKG_EMPTY, p->cfg_file,
		    p->cfg_member, 0, 0, "lists no solution: the package has "
		    "no roles to audit");
}

/* Is NAME (a file in PkgFolder) listed in ImportConfig.xml at all? */
static int
listed(const struct pkg *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->list.n; i++)
		if (ra_strcaseeq(p->list.v[i].name, name))
			return 1;
	return 0;
}

/* A listed solution that is not in the package: RA130. */
static void
missing(struct pkg *p, const struct ra_pkg_entry *e)
{
	ra_diag_add(p->ctx, RA_SEV_ERROR, RA_C_PKG_MISSING, p->cfg_file,
	    p->cfg_member, e->line, 0, "solution \"%s\" is listed but not in "
	    PKGFOLDER "/: Package Deployer would fail to import it", e->name);
	pkg_fail(p, RA_EINPUT);
}

/* A zip in PkgFolder that ImportConfig.xml names nowhere: RA131. */
static void
unlisted(struct pkg *p, const char *file, const char *member)
{
	ra_diag_add(p->ctx, RA_SEV_WARNING, RA_C_PKG_UNLISTED, file, member,
	    0, 0, "a zip that ImportConfig.xml does not list: Package "
	    "Deployer does not import it, and it is not audited");
}

/* Where ImportConfig.xml is in the zip Z, or -1 (RA203 for two). */
static int64_t
zip_config(struct ra_zip *z, const char *path, struct ra_ctx *ctx)
{
	uint64_t	 i, n = ra_zip_count(z);
	int64_t		 at = -1;
	const char	*name, *rest;

	for (i = 0; i < n; i++) {
		if ((name = ra_zip_name(z, i)) == NULL)
			return -2;
		if ((rest = in_pkgfolder(name)) == NULL ||
		    !ra_strcaseeq(rest, IMPORTCONFIG))
			continue;
		if (at >= 0) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_DUP, path, name,
			    0, 0, "duplicate member name");
			return -2;
		}
		at = (int64_t)i;
	}
	return at;
}

/*
 * Read the solution zip Z (which LABEL names) into PART, unless it is a
 * package itself: nesting goes no deeper.
 */
static enum ra_err
load_part(struct ra_ctx *ctx, struct ra_zip *z, const char *label,
    struct ra_solution *part)
{
	if (!ra_zip_has_solution(z) && zip_config(z, label, ctx) >= 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_PKG_NESTED, label, NULL, 0,
		    0, "a package inside a package: not followed");
		return RA_EINPUT;
	}
	return ra_zip_load_solution(z, part);
}

/* "PACKAGE!PkgFolder/NAME.zip" for member NAME, its '\' shown as '/'. */
static char *
zip_label(const char *path, const char *member)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;

	ra_buf_printf(&b, "%s!%s", path, member);
	if (b.oom) {
		ra_buf_free(&b);
		return NULL;
	}
	for (i = strlen(path) + 1; i < b.len; i++)
		if (b.s[i] == '\\')
			b.s[i] = '/';
	return b.s;
}

/* One listed solution of a package zip, found at member IDX. */
struct zpart {
	const struct ra_pkg_entry *e;
	uint64_t		 idx;
	const char		*member;
};

/*
 * Read the listed solutions of the package zip Z, in import order, into
 * P's parts, once every one of them is checked against the limits.
 */
static void
zip_parts(struct pkg *p, struct ra_zip *z, const char *path,
    struct ra_zip_budget *b)
{
	struct zpart	*zp;
	uint64_t	*ids;
	const char	**names;
	const char	*name, *rest;
	char		*buf, *label;
	size_t		 i, n = 0, len;
	uint64_t	 k, nm = ra_zip_count(z);
	struct ra_solution *part;
	struct ra_zip	*inner;
	struct ra_sha256 sha;
	enum ra_err	 rc;

	zp = calloc(p->list.n + 1, sizeof(*zp));
	ids = calloc(p->list.n + 1, sizeof(*ids));
	names = calloc(p->list.n + 1, sizeof(*names));
	if (zp == NULL || ids == NULL || names == NULL) {
		pkg_fail(p, RA_ENOMEM);
		goto out;
	}
	for (i = 0; i < p->list.n; i++) {
		if (!p->list.v[i].solution)
			continue;
		zp[n].e = &p->list.v[i];
		zp[n].member = NULL;
		for (k = 0; k < nm; k++) {
			if ((name = ra_zip_name(z, k)) == NULL) {
				pkg_fail(p, RA_EZIP);
				goto out;
			}
			if ((rest = in_pkgfolder(name)) == NULL ||
			    !ra_strcaseeq(rest, zp[n].e->name))
				continue;
			if (zp[n].member != NULL) {
				ra_diag_add(p->ctx, RA_SEV_ERROR, RA_C_ZIP_DUP,
				    path, name, 0, 0, "duplicate member name");
				pkg_fail(p, RA_EZIP);
				goto out;
			}
			zp[n].idx = k;
			zp[n].member = name;
		}
		if (zp[n].member == NULL)
			missing(p, zp[n].e);
		else {
			ids[n] = zp[n].idx;
			names[n] = zp[n].member;
			n++;
		}
	}
	for (k = 0; k < nm; k++) {
		if ((name = ra_zip_name(z, k)) == NULL) {
			pkg_fail(p, RA_EZIP);
			goto out;
		}
		if ((rest = in_pkgfolder(name)) != NULL && is_zip_name(rest) &&
		    !listed(p, rest))
			unlisted(p, path, name);
	}
	/* All of them against the limits before any is inflated. */
	if ((rc = ra_zip_check_members(z, ids, names, n)) != RA_OK) {
		pkg_fail(p, rc);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((label = zip_label(path, zp[i].member)) == NULL) {
			pkg_fail(p, RA_ENOMEM);
			break;
		}
		part = NULL;
		inner = NULL;
		buf = NULL;
		rc = ra_zip_inflate(z, zp[i].idx, zp[i].member, &buf, &len);
		if (rc == RA_OK && (part = ra_solution_new(label,
		    RA_INPUT_ZIP)) == NULL)
			rc = RA_ENOMEM;
		if (rc == RA_OK)
			part->pkg_name = strlen(path) + 1;
		if (rc == RA_OK) {
			ra_sha256_init(&sha);
			ra_sha256_update(&sha, buf, len);
			ra_sha256_hex(&sha, part->sha256);
			rc = ra_zip_open(p->ctx, label, buf, len, b, &inner);
		}
		if (rc == RA_OK)
			rc = load_part(p->ctx, inner, label, part);
		if (rc == RA_OK && ra_solution_add_part(p->sol, part) == -1)
			rc = RA_ENOMEM;
		if (rc == RA_OK)
			part = NULL;
		ra_zip_close(inner);
		ra_solution_free(part);
		free(buf);
		free(label);
		pkg_fail(p, rc);
		/* Past a limit, or out of memory: the rest would fail too. */
		if (rc == RA_ELIMIT || rc == RA_ENOMEM || rc == RA_EIO)
			break;
	}
out:
	free(names);
	free(ids);
	free(zp);
}

/* Read the package zip Z at PATH, its ImportConfig.xml at member CFG. */
static enum ra_err
load_zip_package(struct ra_ctx *ctx, struct ra_solution *sol,
    struct ra_zip *z, const char *path, uint64_t cfg,
    struct ra_zip_budget *b)
{
	struct pkg	 p;
	struct ra_load	 ld;
	const char	*cfg_name;
	enum ra_err	 rc;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.sol = sol;
	p.cfg_file = path;
	if ((cfg_name = ra_zip_name(z, cfg)) == NULL)
		return RA_EZIP;
	p.cfg_member = cfg_name;
	sol->kind = RA_INPUT_PACKAGE;
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.sol = sol;
	ld.file = path;
	ld.member = cfg_name;
	ld.pkg = &p.list;
	if ((rc = ra_zip_check_members(z, &cfg, &cfg_name, 1)) == RA_OK &&
	    (rc = ra_zip_read_xml(z, cfg, &ld, RA_DOC_IMPORTCONFIG)) == RA_OK) {
		check_list(&p);
		zip_parts(&p, z, path, b);
		rc = p.rc;
	}
	ra_pkg_list_free(&p.list);
	return rc;
}

/* Does the zip Z have members in PkgFolder/ at all? */
static int
has_pkgfolder(struct ra_zip *z)
{
	uint64_t	 i, n = ra_zip_count(z);
	const char	*name;

	for (i = 0; i < n; i++)
		if ((name = ra_zip_name(z, i)) != NULL &&
		    strncasecmp(name, PKGFOLDER, sizeof(PKGFOLDER) - 1) == 0 &&
		    (name[sizeof(PKGFOLDER) - 1] == '/' ||
		    name[sizeof(PKGFOLDER) - 1] == '\\'))
			return 1;
	return 0;
}

enum ra_err
ra_load_archive(struct ra_ctx *ctx, struct ra_solution *sol,
    const char *path, const void *buf, size_t len)
{
	struct ra_zip_budget	 b = { 0, 0 };
	struct ra_zip		*z;
	int64_t			 cfg;
	enum ra_err		 rc;

	if ((rc = ra_zip_open(ctx, path, buf, len, &b, &z)) != RA_OK)
		return rc;
	/* A solution's members win: a package inside one is not followed. */
	if (ra_zip_has_solution(z))
		rc = ra_zip_load_solution(z, sol);
	else if ((cfg = zip_config(z, path, ctx)) == -2)
		rc = RA_EZIP;
	else if (cfg >= 0)
		rc = load_zip_package(ctx, sol, z, path, (uint64_t)cfg, &b);
	else if (has_pkgfolder(z)) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_NOSOLUTION, path, NULL, 0,
		    0, "no customizations.xml or Roles/ member, and "
		    PKGFOLDER "/ without " IMPORTCONFIG ": neither a solution "
		    "zip nor a package");
		rc = RA_EINPUT;
	} else
		rc = ra_zip_load_solution(z, sol);
	ra_zip_close(z);
	return rc;
}

/* ---- package folders ------------------------------------------------ */

/* Has the folder PATH, listed in L, an entry NAME of kind WANT? */
static int
has_entry(const char *path, const struct ra_dirlist *l, const char *name,
    enum ra_want want)
{
	char	*p = ra_dir_find(NULL, path, l, name, want, 1);

	free(p);
	return p != NULL;
}

int
ra_package_dir(const char *path, char **pkgdir)
{
	struct ra_dirlist	 top, in = { 0 };
	char			*dir, *cfg = NULL;
	int			 solution;

	*pkgdir = NULL;
	if (ra_dir_list(NULL, path, &top) != RA_OK)
		return 0;
	if ((dir = ra_dir_find(NULL, path, &top, PKGFOLDER, RA_WANT_DIR,
	    1)) != NULL && ra_dir_list(NULL, dir, &in) == RA_OK)
		cfg = ra_dir_find(NULL, dir, &in, IMPORTCONFIG, RA_WANT_FILE,
		    1);
	if (cfg == NULL) {
		/* PATH may be the PkgFolder itself, with no solution beside. */
		free(dir);
		dir = NULL;
		solution = has_entry(path, &top, "Roles", RA_WANT_DIR) ||
		    has_entry(path, &top, "Other", RA_WANT_DIR) ||
		    has_entry(path, &top, "customizations.xml", RA_WANT_FILE);
		if (!solution && (cfg = ra_dir_find(NULL, path, &top,
		    IMPORTCONFIG, RA_WANT_FILE, 1)) != NULL)
			dir = ra_strdup(path);
	}
	ra_dir_list_free(&top);
	ra_dir_list_free(&in);
	free(cfg);
	*pkgdir = dir;
	return dir != NULL;
}

/* Add "REL NUL HEX LF" to the package folder's digest. */
static void
digest_line(struct ra_sha256 *d, const char *rel, const char *hex)
{
	ra_sha256_update(d, rel, strlen(rel) + 1);
	ra_sha256_update(d, hex, 64);
	ra_sha256_update(d, "\n", 1);
}

/* PATH relative to the package folder ROOT, for the digest. */
static const char *
relative(const char *root, const char *path)
{
	size_t	 n = strlen(root);

	if (strncmp(path, root, n) != 0)
		return path;
	path += n;
	while (*path == '/')
		path++;
	return path;
}

/*
 * Read the solution zip at FILE, listed in the package folder ROOT, into
 * a new part of P; its line joins the digest D.
 */
static void
dir_part(struct pkg *p, const char *root, const char *file,
    struct ra_sha256 *d)
{
	struct ra_zip_budget	 b = { 0, 0 };
	struct ra_solution	*part;
	struct ra_zip		*z = NULL;
	int			 err;
	enum ra_err		 rc;

	if ((part = ra_solution_new(file, RA_INPUT_ZIP)) == NULL) {
		pkg_fail(p, RA_ENOMEM);
		return;
	}
	part->pkg_name = (size_t)(relative(root, file) - file);
	if ((rc = ra_sha256_file(file, part->sha256, &err)) != RA_OK &&
	    rc != RA_ENOMEM)
		ra_diag_add(p->ctx, RA_SEV_ERROR, RA_C_IO, file, NULL, 0, 0,
		    "%s: %s", rc == RA_EIO ? "read error" : "cannot open",
		    strerror(err));
	if (rc == RA_OK)
		rc = ra_zip_open(p->ctx, file, NULL, 0, &b, &z);
	if (rc == RA_OK)
		rc = load_part(p->ctx, z, file, part);
	ra_zip_close(z);
	if (rc == RA_OK && ra_solution_add_part(p->sol, part) == -1)
		rc = RA_ENOMEM;
	if (rc != RA_OK) {
		ra_solution_free(part);
		pkg_fail(p, rc);
		return;
	}
	digest_line(d, relative(root, file), part->sha256);
}

enum ra_err
ra_load_package_dir(struct ra_ctx *ctx, struct ra_solution *sol,
    const char *path, const char *pkgdir)
{
	struct pkg		 p;
	struct ra_load		 ld;
	struct ra_dirlist	 in;
	struct ra_sha256	 digest, sha;
	struct ra_pkg_entry	*e;
	char			*cfg = NULL, *file, hex[65];
	size_t			 i;
	enum ra_err		 rc;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.sol = sol;
	sol->kind = RA_INPUT_PACKAGE;
	sol->pkg_dir = 1;
	if ((rc = ra_dir_list(ctx, pkgdir, &in)) != RA_OK)
		return rc;
	if ((cfg = ra_dir_find(ctx, pkgdir, &in, IMPORTCONFIG, RA_WANT_FILE,
	    0)) == NULL) {
		/* ra_package_dir() saw it: it went, or memory ran out. */
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, pkgdir, NULL, 0, 0,
		    "cannot open " IMPORTCONFIG);
		ra_dir_list_free(&in);
		return RA_ENOTFOUND;
	}
	p.cfg_file = cfg;
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.sol = sol;
	ld.file = cfg;
	ld.pkg = &p.list;
	ra_sha256_init(&digest);
	ra_sha256_init(&sha);
	if ((rc = ra_load_xml_file(&ld, RA_DOC_IMPORTCONFIG, cfg, &sha, 1)) !=
	    RA_OK)
		goto out;
	ra_sha256_hex(&sha, hex);
	digest_line(&digest, relative(path, cfg), hex);
	check_list(&p);
	for (i = 0; i < p.list.n; i++) {
		e = &p.list.v[i];
		if (!e->solution)
			continue;
		/* The exact name first: a folder may hold A.zip and a.zip. */
		file = ra_path_join(pkgdir, e->name);
		if (file != NULL && !ra_path_is(ctx, file, RA_WANT_FILE, 1)) {
			free(file);
			file = ra_dir_find(ctx, pkgdir, &in, e->name,
			    RA_WANT_FILE, 0);
		}
		if (file == NULL)
			missing(&p, e);
		else
			dir_part(&p, path, file, &digest);
		free(file);
		if (p.rc == RA_ENOMEM)
			break;
	}
	for (i = 0; i < in.n && p.rc != RA_ENOMEM; i++) {
		if (!is_zip_name(in.v[i]) || listed(&p, in.v[i]) ||
		    (file = ra_path_join(pkgdir, in.v[i])) == NULL)
			continue;
		if (ra_path_is(ctx, file, RA_WANT_FILE, 1))
			unlisted(&p, file, NULL);
		free(file);
	}
	rc = p.rc;
	if (rc == RA_OK)
		ra_sha256_hex(&digest, sol->sha256);
out:
	ra_pkg_list_free(&p.list);
	ra_dir_list_free(&in);
	free(cfg);
	return rc;
}
