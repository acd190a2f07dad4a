/*
 * dir.c - an unpacked solution folder (SolutionPackager or `pac
 * solution unpack`: Roles/, Entities/<name>/Entity.xml,
 * Other/Solution.xml, Other/Customizations.xml) or a folder that is
 * simply an extracted zip (customizations.xml at its top).  Read one
 * level deep, and Entities/ two: nested solutions are separate inputs.
 *
 * Names match case-insensitively, as exports made on Windows vary.  Read
 * order: the manifest, customizations, each Entities/<name>/Entity.xml
 * and then each AppModules/<name>/AppModule.xml (folders sorted
 * byte-wise), Other/FieldSecurityProfiles.xml, then the files in Roles/
 * sorted byte-wise;
 * dot files and anything that is not a regular file are skipped.
 * Symbolic links (on Windows, reparse points: see ra_sys_kind()) are
 * skipped with a warning: a folder under audit is untrusted, and a link
 * could point anywhere on this machine.
 *
 * The folder's SHA-256 is the SHA-256 of one line per file read, in read
 * order: "<relative path> NUL <hex SHA-256 of the file> LF".
 *
 * A folder is held to the limits of a zip: a listing of more entries
 * than RA_LIMIT_MEMBERS is refused (RA205) before it is sorted, and the
 * files read may come to RA_LIMIT_TOTAL_SIZE bytes together (RA204), by
 * their sizes before each is read; each file is held to
 * RA_LIMIT_FILE_SIZE as it is read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

void
ra_dir_list_free(struct ra_dirlist *n)
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

enum ra_err
ra_dir_list(struct ra_ctx *ctx, const char *path, struct ra_dirlist *out)
{
	struct ra_sys_dir *d;
	const char	*e;
	char		*s;
	uint64_t	 max = ctx != NULL ? ctx->limit[RA_LIMIT_MEMBERS] :
			    UINT64_MAX;
	int		 err;

	memset(out, 0, sizeof(*out));
	if ((d = ra_sys_opendir(path)) == NULL) {
		if (ctx != NULL)
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0,
			    0, "cannot open folder: %s", strerror(errno));
		return RA_ENOTFOUND;
	}
	while ((e = ra_sys_readdir(d)) != NULL) {
		if (e[0] == '.')
			continue;
		if ((uint64_t)out->n >= max) {
			ra_sys_closedir(d);
			ra_dir_list_free(out);
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBERS, path, NULL,
			    0, 0, "folder has more than %llu entries, the "
			    "limit (--max-members)", (unsigned long long)max);
			return RA_ELIMIT;
		}
		if (ra_grow(&out->v, &out->cap, out->n + 1,
		    sizeof(*out->v)) == -1 ||
		    (s = ra_strdup(e)) == NULL) {
			ra_sys_closedir(d);
			ra_dir_list_free(out);
			return RA_ENOMEM;
		}
		out->v[out->n++] = s;
	}
	if ((err = errno) != 0) {	/* the listing broke off, not ended */
		ra_sys_closedir(d);
		ra_dir_list_free(out);
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "cannot read folder: %s", strerror(err));
		return err == ENOMEM ? RA_ENOMEM : RA_EIO;
	}
	ra_sys_closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), names_cmp);
	return RA_OK;
}

char *
ra_path_join(const char *dir, const char *name)
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

int
ra_path_is(struct ra_ctx *ctx, const char *path, enum ra_want want, int quiet)
{
	enum ra_sys_kind k = ra_sys_kind(path, 0, NULL);

	if (k == RA_SYS_LINK) {
		if (!quiet)
			ra_diag_add(ctx, RA_SEV_WARNING, RA_C_SYMLINK, path,
			    NULL, 0, 0, "symbolic link in a solution folder: "
			    "skipped");
		return 0;
	}
	return k == (want == RA_WANT_DIR ? RA_SYS_DIR : RA_SYS_FILE);
}

char *
ra_dir_find(struct ra_ctx *ctx, const char *dir, const struct ra_dirlist *n,
    const char *name, enum ra_want want, int quiet)
{
	size_t		 i;
	char		*p;

	for (i = 0; i < n->n; i++) {
		if (!ra_strcaseeq(n->v[i], name))
			continue;
		if ((p = ra_path_join(dir, n->v[i])) == NULL)
			return NULL;
		if (ra_path_is(ctx, p, want, quiet))
			return p;
		free(p);
	}
	return NULL;
}

/*
 * Parse the file DIR/REL as DOC and add its line to the folder digest;
 * *TOTAL counts the bytes of the files read so far, against the limit.
 */
static enum ra_err
read_one(struct ra_ctx *ctx, struct ra_solution *sol, const char *dir,
    const char *rel, enum ra_doc doc, struct ra_sha256 *digest,
    uint64_t *total)
{
	struct ra_load	 ld;
	struct ra_sha256 sha;
	uint64_t	 max = ctx->limit[RA_LIMIT_TOTAL_SIZE], size = 0;
	char		*path, hex[65];
	enum ra_err	 rc;

	if ((path = ra_path_join(dir, rel)) == NULL)
		return RA_ENOMEM;
	if (ra_sys_kind(path, 1, &size) == RA_SYS_FILE && size > 0) {
		*total = size > UINT64_MAX - *total ? UINT64_MAX :
		    *total + size;
		if (*total > max) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_BOMB, dir, NULL,
			    0, 0, "files to read come to more than %llu bytes "
			    "in all, the limit (--max-total-size)",
			    (unsigned long long)max);
			free(path);
			return RA_ELIMIT;
		}
	}
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
 * A file in each folder of a folder: DIR/Entities/<name>/Entity.xml
 * (the tables' metadata) or DIR/AppModules/<name>/AppModule.xml (the
 * apps), ENTITIES being that folder's path relative to DIR, NAME the
 * file's and DOC what it is; folders sorted byte-wise.
 */
static enum ra_err
read_entities(struct ra_ctx *ctx, struct ra_solution *sol, const char *dir,
    const char *entities, const char *name, enum ra_doc doc,
    struct ra_sha256 *digest, uint64_t *total)
{
	struct ra_dirlist sub, files = { 0 };
	char		*abs, *sdir, *file, *rdir, *rel;
	size_t		 i;
	enum ra_err	 rc;

	if ((abs = ra_path_join(dir, entities)) == NULL)
		return RA_ENOMEM;
	if ((rc = ra_dir_list(ctx, abs, &sub)) != RA_OK) {
		free(abs);
		return rc;
	}
	for (i = 0; rc == RA_OK && i < sub.n; i++) {
		file = rdir = rel = NULL;
		ra_dir_list_free(&files);
		if ((sdir = ra_path_join(abs, sub.v[i])) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (ra_path_is(ctx, sdir, RA_WANT_DIR, 0) &&
		    (rc = ra_dir_list(ctx, sdir, &files)) == RA_OK &&
		    (file = ra_dir_find(ctx, sdir, &files, name,
		    RA_WANT_FILE, 0)) != NULL) {
			/* Relative: ENTITIES/<name>/<the file's own spelling>. */
			if ((rdir = ra_path_join(entities, sub.v[i])) ==
			    NULL || (rel = ra_path_join(rdir, file +
			    strlen(sdir) + 1)) == NULL)
				rc = RA_ENOMEM;
			else
				rc = read_one(ctx, sol, dir, rel, doc,
				    digest, total);
		}
		free(rel);
		free(rdir);
		free(file);
		free(sdir);
	}
	free(abs);
	ra_dir_list_free(&sub);
	ra_dir_list_free(&files);
	return rc;
}

enum ra_err
ra_load_dir(struct ra_ctx *ctx, struct ra_solution *sol, const char *path)
{
	struct ra_dirlist top, other = { 0 }, roles = { 0 };
	struct ra_sha256 digest;
	char		*other_dir = NULL, *roles_dir = NULL, *p, *rel;
	char		*ent_dir = NULL, *app_dir = NULL;
	const char	*manifest = NULL, *cust = NULL, *fsps = NULL;
	char		*found_manifest = NULL, *found_cust = NULL;
	char		*found_fsps = NULL;
	uint64_t	 total = 0;
	size_t		 i, plen = strlen(path);
	enum ra_err	 rc;
	enum ra_doc	 cust_doc;

	if ((rc = ra_dir_list(ctx, path, &top)) != RA_OK)
		return rc;
	other_dir = ra_dir_find(ctx, path, &top, "Other", RA_WANT_DIR, 0);
	roles_dir = ra_dir_find(ctx, path, &top, "Roles", RA_WANT_DIR, 0);
	ent_dir = ra_dir_find(ctx, path, &top, "Entities", RA_WANT_DIR, 0);
	app_dir = ra_dir_find(ctx, path, &top, "AppModules", RA_WANT_DIR, 0);
	if (other_dir && (rc = ra_dir_list(ctx, other_dir, &other)) != RA_OK)
		goto out;
	if (roles_dir && (rc = ra_dir_list(ctx, roles_dir, &roles)) != RA_OK)
		goto out;
	if (other_dir) {
		found_manifest = ra_dir_find(ctx, other_dir, &other,
		    "Solution.xml", RA_WANT_FILE, 0);
		found_cust = ra_dir_find(ctx, other_dir, &other,
		    "Customizations.xml", RA_WANT_FILE, 0);
		found_fsps = ra_dir_find(ctx, other_dir, &other,
		    "FieldSecurityProfiles.xml", RA_WANT_FILE, 0);
	}
	if (found_manifest == NULL)
		found_manifest = ra_dir_find(ctx, path, &top, "solution.xml",
		    RA_WANT_FILE, 0);
	if (found_cust == NULL)
		found_cust = ra_dir_find(ctx, path, &top, "customizations.xml",
		    RA_WANT_FILE, 0);
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
	fsps = found_fsps ? found_fsps + plen + (path[plen - 1] != '/') : NULL;
	/* Unpacked folders keep roles in Roles/, not in Customizations.xml. */
	cust_doc = roles_dir ? RA_DOC_CUSTOMIZATIONS_OPT :
	    RA_DOC_CUSTOMIZATIONS;
	ra_sha256_init(&digest);
	rc = RA_OK;
	if (manifest)
		rc = read_one(ctx, sol, path, manifest, RA_DOC_MANIFEST,
		    &digest, &total);
	if (rc == RA_OK && cust)
		rc = read_one(ctx, sol, path, cust, cust_doc, &digest, &total);
	if (rc == RA_OK && ent_dir)
		rc = read_entities(ctx, sol, path, ent_dir + plen +
		    (path[plen - 1] != '/'), "Entity.xml", RA_DOC_ENTITY,
		    &digest, &total);
	if (rc == RA_OK && app_dir)
		rc = read_entities(ctx, sol, path, app_dir + plen +
		    (path[plen - 1] != '/'), "AppModule.xml", RA_DOC_APPMODULE,
		    &digest, &total);
	if (rc == RA_OK && fsps)
		rc = read_one(ctx, sol, path, fsps, RA_DOC_FSPS, &digest,
		    &total);
	for (i = 0; rc == RA_OK && i < roles.n; i++) {
		if ((p = ra_path_join(roles_dir, roles.v[i])) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (!ra_path_is(ctx, p, RA_WANT_FILE, 0)) {
			free(p);
			continue;
		}
		free(p);
		rel = ra_path_join(roles_dir + plen + (path[plen - 1] != '/'),
		    roles.v[i]);
		if (rel == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		rc = read_one(ctx, sol, path, rel, RA_DOC_ROLE, &digest,
		    &total);
		free(rel);
	}
	if (rc == RA_OK)
		ra_sha256_hex(&digest, sol->sha256);
out:
	free(found_manifest);
	free(found_cust);
	free(found_fsps);
	free(app_dir);
	free(other_dir);
	free(roles_dir);
	free(ent_dir);
	ra_dir_list_free(&top);
	ra_dir_list_free(&other);
	ra_dir_list_free(&roles);
	return rc;
}
