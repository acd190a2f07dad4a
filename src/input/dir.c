/*
 * dir.c - an unpacked solution folder (SolutionPackager or `pac
 * solution unpack`: Roles/, Entities/<name>/Entity.xml,
 * Other/Solution.xml, Other/Customizations.xml) or a folder that is
 * simply an extracted zip (customizations.xml at its top).  Read one
 * level deep, and Entities/ two: nested solutions are separate inputs.
 *
 * Names match case-insensitively, as exports made on Windows vary.  Read
 * order: the manifest, customizations, each Entities/<name>/Entity.xml
 * (folders sorted byte-wise), then the files in Roles/ sorted byte-wise;
 * dot files and anything that is not a regular file are skipped.  Symbolic links are skipped with a warning: a folder under
 * audit is untrusted, and a link could point anywhere on this machine.
 *
 * The folder's SHA-256 is the SHA-256 of one line per file read, in read
 * order: "<relative path> NUL <hex SHA-256 of the file> LF".
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

/* Entries of one directory, sorted byte-wise. */
struct names {
	char	**v;
	size_t	  n, cap;
};

static void
names_free(struct names *n)
{
	size_t	 i;

	for (i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	memset(n, 0, sizeof(*n));
}

static int
names_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum ra_err
list_dir(struct ra_ctx *ctx, const char *path, struct names *out)
{
	DIR		*d;
	struct dirent	*e;
	char		*s;

	memset(out, 0, sizeof(*out));
	if ((d = opendir(path)) == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "cannot open folder: %s", strerror(errno));
		return RA_ENOTFOUND;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (ra_grow(&out->v, &out->cap, out->n + 1,
		    sizeof(*out->v)) == -1 ||
		    (s = ra_strdup(e->d_name)) == NULL) {
			closedir(d);
			names_free(out);
			return RA_ENOMEM;
		}
		out->v[out->n++] = s;
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), names_cmp);
	return RA_OK;
}

/* "DIR/NAME" or NULL. */
static char *
join(const char *dir, const char *name)
{
	struct ra_buf	 b = { 0 };
	size_t		 n = strlen(dir);

	ra_buf_adds(&b, dir);
	if (n && dir[n - 1] != '/')
		ra_buf_adds(&b, "/");
	ra_buf_adds(&b, name);
	if (b.oom) {
		ra_buf_free(&b);
		return NULL;
	}
	return b.s;
}

enum want { WANT_FILE, WANT_DIR };

/*
 * Is PATH a regular file (or folder, with WANT_DIR) and not a symbolic
 * link?  A link is reported once, as a warning.
 */
static int
is_kind(struct ra_ctx *ctx, const char *path, enum want want)
{
	struct stat	 st;

	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		ra_diag_add(ctx, RA_SEV_WARNING, RA_C_SYMLINK, path, NULL, 0, 0,
		    "symbolic link in a solution folder: skipped");
		return 0;
	}
	return want == WANT_DIR ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

/* DIR/entry of N named NAME case-insensitively, of type WANT, or NULL. */
static char *
find(struct ra_ctx *ctx, const char *dir, const struct names *n,
    const char *name, enum want want)
{
	size_t		 i;
	char		*p;

	for (i = 0; i < n->n; i++) {
		if (!ra_strcaseeq(n->v[i], name))
			continue;
		if ((p = join(dir, n->v[i])) == NULL)
			return NULL;
		if (is_kind(ctx, p, want))
			return p;
		free(p);
	}
	return NULL;
}

/*
 * Parse the file DIR/REL as DOC and add its line to the folder digest.
 */
static enum ra_err
read_one(struct ra_ctx *ctx, struct ra_solution *sol, const char *dir,
    const char *rel, enum ra_doc doc, struct ra_sha256 *digest)
{
	struct ra_load	 ld;
	struct ra_sha256 sha;
	char		*path, hex[65];
	enum ra_err	 rc;

	if ((path = join(dir, rel)) == NULL)
		return RA_ENOMEM;
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.sol = sol;
	ld.file = path;
	ld.role_file = rel;
	ra_sha256_init(&sha);
	rc = ra_load_xml_file(&ld, doc, path, &sha, 1);
	free(path);
	if (rc == RA_OK) {
		ra_sha256_hex(&sha, hex);
		ra_sha256_update(digest, rel, strlen(rel) + 1);
		ra_sha256_update(digest, hex, 64);
		ra_sha256_update(digest, "\n", 1);
	}
	return rc;
}

/*
 * The tables' metadata: DIR/Entities/<name>/Entity.xml for each folder
 * of Entities/ (ENTITIES, its path relative to DIR), sorted byte-wise.
 */
static enum ra_err
read_entities(struct ra_ctx *ctx, struct ra_solution *sol, const char *dir,
    const char *entities, struct ra_sha256 *digest)
{
	struct names	 sub, files = { 0 };
	char		*abs, *sdir, *file, *rdir, *rel;
	size_t		 i;
	enum ra_err	 rc;

	if ((abs = join(dir, entities)) == NULL)
		return RA_ENOMEM;
	if ((rc = list_dir(ctx, abs, &sub)) != RA_OK) {
		free(abs);
		return rc;
	}
	for (i = 0; rc == RA_OK && i < sub.n; i++) {
		file = rdir = rel = NULL;
		names_free(&files);
		if ((sdir = join(abs, sub.v[i])) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (is_kind(ctx, sdir, WANT_DIR) &&
		    (rc = list_dir(ctx, sdir, &files)) == RA_OK &&
		    (file = find(ctx, sdir, &files, "Entity.xml", WANT_FILE)) !=
		    NULL) {
			/* Relative: ENTITIES/<name>/<the file's own spelling>. */
			if ((rdir = join(entities, sub.v[i])) == NULL ||
			    (rel = join(rdir, file + strlen(sdir) + 1)) ==
			    NULL)
				rc = RA_ENOMEM;
			else
				rc = read_one(ctx, sol, dir, rel,
				    RA_DOC_ENTITY, digest);
		}
		free(rel);
		free(rdir);
		free(file);
		free(sdir);
	}
	free(abs);
	names_free(&sub);
	names_free(&files);
	return rc;
}

enum ra_err
ra_load_dir(struct ra_ctx *ctx, struct ra_solution *sol, const char *path)
{
	struct names	 top, other = { 0 }, roles = { 0 };
	struct ra_sha256 digest;
	char		*other_dir = NULL, *roles_dir = NULL, *p, *rel;
	char		*ent_dir = NULL;
	const char	*manifest = NULL, *cust = NULL;
	char		*found_manifest = NULL, *found_cust = NULL;
	size_t		 i, plen = strlen(path);
	enum ra_err	 rc;
	enum ra_doc	 cust_doc;

	if ((rc = list_dir(ctx, path, &top)) != RA_OK)
		return rc;
	other_dir = find(ctx, path, &top, "Other", WANT_DIR);
	roles_dir = find(ctx, path, &top, "Roles", WANT_DIR);
	ent_dir = find(ctx, path, &top, "Entities", WANT_DIR);
	if (other_dir && (rc = list_dir(ctx, other_dir, &other)) != RA_OK)
		goto out;
	if (roles_dir && (rc = list_dir(ctx, roles_dir, &roles)) != RA_OK)
		goto out;
	if (other_dir) {
		found_manifest = find(ctx, other_dir, &other, "Solution.xml",
		    WANT_FILE);
		found_cust = find(ctx, other_dir, &other, "Customizations.xml",
		    WANT_FILE);
	}
	if (found_manifest == NULL)
		found_manifest = find(ctx, path, &top, "solution.xml", WANT_FILE);
	if (found_cust == NULL)
		found_cust = find(ctx, path, &top, "customizations.xml", WANT_FILE);
	if (found_cust == NULL && roles_dir == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_NOSOLUTION, path, NULL, 0, 0,
		    "no Roles/ folder and no customizations.xml: not a "
		    "solution folder");
		rc = RA_EINPUT;
		goto out;
	}
	/* Relative paths: what the folder digest and role locations show. */
	manifest = found_manifest ? found_manifest + plen +
	    (path[plen - 1] != '/') : NULL;
	cust = found_cust ? found_cust + plen + (path[plen - 1] != '/') : NULL;
	/* Unpacked folders keep roles in Roles/, not in Customizations.xml. */
	cust_doc = roles_dir ? RA_DOC_CUSTOMIZATIONS_OPT :
	    RA_DOC_CUSTOMIZATIONS;
	ra_sha256_init(&digest);
	rc = RA_OK;
	if (manifest)
		rc = read_one(ctx, sol, path, manifest, RA_DOC_MANIFEST, &digest);
	if (rc == RA_OK && cust)
		rc = read_one(ctx, sol, path, cust, cust_doc, &digest);
	if (rc == RA_OK && ent_dir)
		rc = read_entities(ctx, sol, path, ent_dir + plen +
		    (path[plen - 1] != '/'), &digest);
	for (i = 0; rc == RA_OK && i < roles.n; i++) {
		if ((p = join(roles_dir, roles.v[i])) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (!is_kind(ctx, p, WANT_FILE)) {
			free(p);
			continue;
		}
		free(p);
		rel = join(roles_dir + plen + (path[plen - 1] != '/'),
		    roles.v[i]);
		if (rel == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		rc = read_one(ctx, sol, path, rel, RA_DOC_ROLE, &digest);
		free(rel);
	}
	if (rc == RA_OK)
		ra_sha256_hex(&digest, sol->sha256);
out:
	free(found_manifest);
	free(found_cust);
	free(other_dir);
	free(roles_dir);
	free(ent_dir);
	names_free(&top);
	names_free(&other);
	names_free(&roles);
	return rc;
}
