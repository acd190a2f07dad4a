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

/*
 * Names sorted ignoring ASCII case, each with the index of what it names
 * (a listed entry, a zip member, a folder entry), so that a package of
 * any size matches its lists and its files in n log n: a group of names
 * equal but for case is a run, in the order of their indices.
 */
struct named {
	const char	*name;
	size_t		 at;
};

struct index {
	struct named	*v;
	size_t		 n, cap;
};

/* A package being read: what its ImportConfig.xml lists, and where. */
struct pkg {
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	struct ra_pkg_list	 list;
	struct index		 listed;	/* every name the list has */
	const char		*cfg_file;	/* ImportConfig.xml, in
						   diagnostics */
	const char		*cfg_member;	/* its member, or NULL */
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

/* A and B compared ignoring ASCII case, as strcmp() would order them. */
static int
caseless_cmp(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;
	int			 d;

	for (; *p && *q; p++, q++)
		if ((d = ra_lower(*p) - ra_lower(*q)) != 0)
			return d;
	return ra_lower(*p) - ra_lower(*q);
}

static int
named_cmp(const void *x, const void *y)
{
	const struct named	*a = x, *b = y;
	int			 c = caseless_cmp(a->name, b->name);

	if (c != 0)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Add NAME (borrowed) for index AT; 0, or -1 when memory runs out. */
static int
index_add(struct index *ix, const char *name, size_t at)
{
	if (ra_grow(&ix->v, &ix->cap, ix->n + 1, sizeof(*ix->v)) == -1)
		return -1;
	ix->v[ix->n].name = name;
	ix->v[ix->n++].at = at;
	return 0;
}

static void
index_sort(struct index *ix)
{
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), named_cmp);
}

/*
 * The run of names equal to NAME but for case, lowest index first, and
 * its length in *N; NULL (and 0) when there is none.
 */
static const struct named *
index_find(const struct index *ix, const char *name, size_t *n)
{
	size_t	 lo = 0, hi = ix->n, mid, end;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (caseless_cmp(ix->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ix->n &&
	    caseless_cmp(ix->v[end].name, name) == 0; end++)
		continue;
	*n = end - lo;
	return end > lo ? &ix->v[lo] : NULL;
}

static void
index_free(struct index *ix)
{
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

/* Can NAME be a file directly in PkgFolder: no path, not "." or ".."? */
static int
file_name(const char *name)
{
	return strpbrk(name, "/\\:") == NULL && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0;
}

/*
 * Check what ImportConfig.xml lists, in its order: each solution's name
 * must be a file name in PkgFolder (RA132); a solution listed again is
 * read once (RA134).  Clears the SOLUTION flag of the entries not to
 * read, and indexes every listed name for listed().  0, or -1 when
 * memory runs out.
 */
static int
check_list(struct pkg *p)
{
	struct ra_pkg_entry	*e;
	struct index		 sols = { 0 };
	size_t			*first, i, k, nsol = 0;

	if ((first = calloc(p->list.n + 1, sizeof(*first))) == NULL)
		return -1;
	for (i = 0; i < p->list.n; i++) {
		first[i] = i;
		if (index_add(&p->listed, p->list.v[i].name, i) == -1 ||
		    (p->list.v[i].solution && file_name(p->list.v[i].name) &&
		    index_add(&sols, p->list.v[i].name, i) == -1)) {
			free(first);
			index_free(&sols);
			return -1;
		}
	}
	index_sort(&p->listed);
	index_sort(&sols);
	/* In a run of one name, the first listing is the one read. */
	for (i = 1; i < sols.n; i++)
		if (caseless_cmp(sols.v[i - 1].name, sols.v[i].name) == 0)
			first[sols.v[i].at] = first[sols.v[i - 1].at];
	for (i = 0; i < p->list.n; i++) {
		e = &p->list.v[i];
		if (!e->solution)
			continue;
		if (!file_name(e->name)) {
			ra_diag_add(p->ctx, RA_SEV_ERROR, RA_C_PKG_ENTRY,
			    p->cfg_file, p->cfg_member, e->line, 0,
			    "solution \"%s\" is not a file name in "
			    PKGFOLDER "/", e->name);
			pkg_fail(p, RA_EINPUT);
			e->solution = 0;
		} else if ((k = first[i]) != i) {
			ra_diag_add(p->ctx, RA_SEV_WARNING, RA_C_PKG_TWICE,
			    p->cfg_file, p->cfg_member, e->line, 0,
			    "solution \"%s\" is listed again (first on line "
			    "%lu): read once", e->name, p->list.v[k].line);
			e->solution = 0;
		} else
			nsol++;
	}
	if (nsol == 0 && p->rc == RA_OK)
		ra_diag_add(p->ctx, RA_SEV_WARNING, RA_C_PKG_EMPTY, p->cfg_file,
		    p->cfg_member, 0, 0, "lists no solution: the package has "
		    "no roles to audit");
	free(first);
	index_free(&sols);
	return 0;
}

/* Is NAME (a file in PkgFolder) listed in ImportConfig.xml at all? */
static int
listed(const struct pkg *p, const char *name)
{
	size_t	 n;

	return index_find(&p->listed, name, &n) != NULL;
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
	struct index	 files = { 0 };
	const struct named *f;
	uint64_t	*ids;
	const char	**names;
	const char	*name, *rest;
	char		*buf, *label;
	size_t		 i, n = 0, len, nf;
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
	/* The files directly in PkgFolder/, by name. */
	for (k = 0; k < nm; k++) {
		if ((name = ra_zip_name(z, k)) == NULL) {
			pkg_fail(p, RA_EZIP);
			goto out;
		}
		if ((rest = in_pkgfolder(name)) == NULL)
			continue;
		if (index_add(&files, rest, (size_t)k) == -1) {
			pkg_fail(p, RA_ENOMEM);
			goto out;
		}
	}
	index_sort(&files);
	for (i = 0; i < p->list.n; i++) {
		if (!p->list.v[i].solution)
			continue;
		if ((f = index_find(&files, p->list.v[i].name, &nf)) == NULL) {
			missing(p, &p->list.v[i]);
			continue;
		}
		if (nf > 1) {
			/* Which one Package Deployer takes, none can say. */
			ra_diag_add(p->ctx, RA_SEV_ERROR, RA_C_ZIP_DUP, path,
			    ra_zip_name(z, f[1].at), 0, 0,
			    "duplicate member name");
			pkg_fail(p, RA_EZIP);
			goto out;
		}
		zp[n].e = &p->list.v[i];
		zp[n].idx = ids[n] = f->at;
		zp[n].member = names[n] = ra_zip_name(z, f->at);
		n++;
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
			goto out;
	}
	for (i = 0; i < files.n; i++)
		if (is_zip_name(files.v[i].name) &&
		    !listed(p, files.v[i].name))
			unlisted(p, path, ra_zip_name(z, files.v[i].at));
out:
	index_free(&files);
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
		if (check_list(&p) == -1)
			pkg_fail(&p, RA_ENOMEM);
		else
			zip_parts(&p, z, path, b);
		rc = p.rc;
	}
	index_free(&p.listed);
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

/*
 * The path of the regular file of PKGDIR that NAME lists, from FILES, the
 * folder's entries: the one of that exact name, else the first equal to
 * it but for case (a folder may hold both A.zip and a.zip); NULL when
 * none is (a symbolic link is not followed: RA115).
 */
static char *
dir_find(struct ra_ctx *ctx, const char *pkgdir, const struct index *files,
    const char *name)
{
	const struct named	*f;
	char			*path;
	size_t			 n, i;
	int			 pass;

	if ((f = index_find(files, name, &n)) == NULL)
		return NULL;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			if (pass == 0 && strcmp(f[i].name, name) != 0)
				continue;
			if ((path = ra_path_join(pkgdir, f[i].name)) == NULL)
				return NULL;
			if (ra_path_is(ctx, path, RA_WANT_FILE, pass == 0))
				return path;
			free(path);
		}
	return NULL;
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
	struct index		 files = { 0 };
	char			*cfg = NULL, *file, **found = NULL, hex[65];
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
	if (check_list(&p) == -1 || (found = calloc(p.list.n + 1,
	    sizeof(*found))) == NULL) {
		rc = RA_ENOMEM;
		goto out;
	}
	for (i = 0; i < in.n; i++)
		if (index_add(&files, in.v[i], i) == -1) {
			rc = RA_ENOMEM;
			goto out;
		}
	index_sort(&files);
	/* Every listed solution found, then read, in import order. */
	for (i = 0; i < p.list.n; i++) {
		e = &p.list.v[i];
		if (e->solution &&
		    (found[i] = dir_find(ctx, pkgdir, &files, e->name)) == NULL)
			missing(&p, e);
	}
	for (i = 0; i < p.list.n && p.rc != RA_ENOMEM; i++)
		if (found[i] != NULL)
			dir_part(&p, path, found[i], &digest);
	for (i = 0; i < files.n && p.rc != RA_ENOMEM; i++) {
		if (!is_zip_name(files.v[i].name) ||
		    listed(&p, files.v[i].name) ||
		    (file = ra_path_join(pkgdir, files.v[i].name)) == NULL)
			continue;
		if (ra_path_is(ctx, file, RA_WANT_FILE, 1))
			unlisted(&p, file, NULL);
		free(file);
	}
	rc = p.rc;
	if (rc == RA_OK)
		ra_sha256_hex(&digest, sol->sha256);
out:
	for (i = 0; found != NULL && i < p.list.n; i++)
		free(found[i]);
	free(found);
	index_free(&files);
	index_free(&p.listed);
	ra_pkg_list_free(&p.list);
	ra_dir_list_free(&in);
	free(cfg);
	return rc;
}
