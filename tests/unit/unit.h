/*
 * unit.h - helpers shared by the cmocka unit tests.
 *
 * Each tests/unit/test_*.c is a program of its own, so everything here is
 * static inline: a file that does not use a helper gets no warning.
 * Helpers that cannot do their job fail the running test (cmocka's
 * fail_msg()), so a broken fixture never passes for a broken library.
 */
#ifndef RA_UNIT_H
#define RA_UNIT_H

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "input/input.h"
#include "render/render.h"

/* ---- diagnostics and solutions --------------------------------------- */

/* The first diagnostic with CODE, or NULL. */
static inline const struct ra_diag *
ut_diag(const struct ra_ctx *ctx, int code)
{
	size_t	 i;

	for (i = 0; i < ra_ctx_diag_count(ctx); i++)
		if (ra_ctx_diag(ctx, i)->code == code)
			return ra_ctx_diag(ctx, i);
	return NULL;
}

/* Number of diagnostics with CODE. */
static inline size_t
ut_diag_n(const struct ra_ctx *ctx, int code)
{
	size_t	 i, n = 0;

	for (i = 0; i < ra_ctx_diag_count(ctx); i++)
		if (ra_ctx_diag(ctx, i)->code == code)
			n++;
	return n;
}

/* Load the NUL-terminated TEXT as an input called NAME. */
static inline enum ra_err
ut_load(struct ra_ctx *ctx, const char *name, const char *text,
    struct ra_solution **out)
{
	return ra_solution_load_buffer(ctx, name, text, strlen(text), out);
}

/* The role called NAME in SOL, or NULL. */
static inline const struct ra_role *
ut_role(const struct ra_solution *sol, const char *name)
{
	size_t	 i;

	for (i = 0; i < ra_solution_role_count(sol); i++)
		if (strcmp(ra_role_name(ra_solution_role(sol, i)), name) == 0)
			return ra_solution_role(sol, i);
	return NULL;
}

/* A profile from CSV text; fails the test when it does not load. */
static inline struct ra_profile *
ut_profile(struct ra_ctx *ctx, const char *name, const char *csv)
{
	struct ra_profile	*p = NULL;
	enum ra_err		 rc;

	rc = ra_profile_load_buffer(ctx, name, name, csv, strlen(csv), &p);
	if (rc != RA_OK || p == NULL)
		fail_msg("profile %s does not load: %s", name, ra_strerror(rc));
	return p;
}

/* Hex SHA-256 of LEN bytes at P into HEX. */
static inline void
ut_sha256(const void *p, size_t len, char hex[65])
{
	struct ra_sha256	 s;

	ra_sha256_init(&s);
	ra_sha256_update(&s, p, len);
	ra_sha256_hex(&s, hex);
}

/* ---- files and folders ----------------------------------------------- */

/* What the catalog of CTX knows of privilege I, by value. */
static inline struct ra_privdef
ut_def(const struct ra_ctx *ctx, size_t i)
{
	struct ra_privdef	 d;

	ra_catalog_def(&ctx->cat, i, &d);
	return d;
}

#define UT_PATH_MAX	4096

/* A fresh directory under $TMPDIR (or /tmp), path into DIR. */
static inline void
ut_mkdtemp(char dir[UT_PATH_MAX])
{
	const char	*t = getenv("TMPDIR");

	snprintf(dir, UT_PATH_MAX, "%s/roleaudit-unit.XXXXXX",
	    t && *t ? t : "/tmp");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp %s: %s", dir, strerror(errno));
}

/* DIR/REL into OUT. */
static inline const char *
ut_join(char out[UT_PATH_MAX], const char *dir, const char *rel)
{
	if ((size_t)snprintf(out, UT_PATH_MAX, "%s/%s", dir, rel) >=
	    UT_PATH_MAX)
		fail_msg("path too long: %s/%s", dir, rel);
	return out;
}

/* Make DIR/REL and its parents (mkdir -p). */
static inline void
ut_mkdirs(const char *dir, const char *rel)
{
	char	 p[UT_PATH_MAX], *s;

	ut_join(p, dir, rel);
	for (s = p + strlen(dir) + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			fail_msg("mkdir %s: %s", p, strerror(errno));
		*s = '/';
	}
	if (mkdir(p, 0700) == -1 && errno != EEXIST)
		fail_msg("mkdir %s: %s", p, strerror(errno));
}

/* Write LEN bytes to DIR/REL, making the folders on the way. */
static inline void
ut_write(const char *dir, const char *rel, const void *data, size_t len)
{
	char	 p[UT_PATH_MAX], sub[UT_PATH_MAX];
	FILE	*f;
	char	*slash;
	int	 short_write;

	snprintf(sub, sizeof(sub), "%s", rel);
	if ((slash = strrchr(sub, '/')) != NULL) {
		*slash = '\0';
		ut_mkdirs(dir, sub);
	}
	ut_join(p, dir, rel);
	if ((f = fopen(p, "wb")) == NULL)
		fail_msg("create %s: %s", p, strerror(errno));
	short_write = len && fwrite(data, 1, len, f) != len;
	if (fclose(f) != 0 || short_write)
		fail_msg("write %s: %s", p, strerror(errno));
}

static inline void
ut_writes(const char *dir, const char *rel, const char *text)
{
	ut_write(dir, rel, text, strlen(text));
}

/* Remove PATH and everything below it; never follows symbolic links. */
static inline void
ut_rmtree(const char *path)
{
	struct stat	 st;
	struct dirent	*e;
	DIR		*d;
	char		 p[UT_PATH_MAX];

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			ut_rmtree(ut_join(p, path, e->d_name));
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

/* Whole contents of the file at PATH, NUL-terminated; length in *LEN. */
static inline char *
ut_slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	long	 n = 0;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("open %s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		fail_msg("read %s", path);
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/*
 * Per-test fixture: a temporary folder in *state (a char[UT_PATH_MAX]),
 * removed by the teardown even when the test fails.
 */
/* cmocka fixtures: a fresh context as the test's state. */
static inline int
ut_setup_ctx(void **state)
{
	*state = ra_ctx_new();
	return *state ? 0 : -1;
}

static inline int
ut_teardown_ctx(void **state)
{
	ra_ctx_free(*state);
	return 0;
}

static inline int
ut_setup_tmp(void **state)
{
	char	*dir;

	if ((dir = malloc(UT_PATH_MAX)) == NULL)
		return -1;
	ut_mkdtemp(dir);
	*state = dir;
	return 0;
}

static inline int
ut_teardown_tmp(void **state)
{
	ut_rmtree(*state);
	free(*state);
	return 0;
}

/* ---- zip archives ---------------------------------------------------- */

#define UT_STORE	0x1	/* no compression */
#define UT_AES256	0x2	/* WinZip AES-256, password "secret" */

struct ut_member {
	const char	*name;
	const void	*data;	/* NULL: an empty member */
	size_t		 len;	/* 0 with data: strlen(data) */
	unsigned	 flags;
};

/*
 * Build a zip of the N members in memory with libzip; the bytes are
 * malloc'ed into *BUF.  Fails the test when libzip refuses.
 */
static inline void
ut_zip(const struct ut_member *m, size_t n, char **buf, size_t *len)
{
	zip_error_t	 ze;
	zip_source_t	*src, *ms;
	zip_stat_t	 st;
	zip_t		*za;
	zip_int64_t	 idx;
	size_t		 i, l;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		fail_msg("zip_source_buffer_create: %s",
		    zip_error_strerror(&ze));
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		fail_msg("zip_open_from_source: %s", zip_error_strerror(&ze));
	for (i = 0; i < n; i++) {
		l = m[i].data == NULL ? 0 : m[i].len ? m[i].len :
		    strlen(m[i].data);
		if ((ms = zip_source_buffer(za, m[i].data ? m[i].data : "", l,
		    0)) == NULL)
			fail_msg("zip_source_buffer: %s", zip_strerror(za));
		if ((idx = zip_file_add(za, m[i].name, ms,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(ms);
			fail_msg("zip_file_add %s: %s", m[i].name,
			    zip_strerror(za));
		}
		if ((m[i].flags & UT_STORE) && zip_set_file_compression(za,
		    (zip_uint64_t)idx, ZIP_CM_STORE, 0) != 0)
			fail_msg("zip_set_file_compression: %s",
			    zip_strerror(za));
		if ((m[i].flags & UT_AES256) && zip_file_set_encryption(za,
		    (zip_uint64_t)idx, ZIP_EM_AES_256, "secret") != 0)
			fail_msg("zip_file_set_encryption: %s",
			    zip_strerror(za));
	}
	if (zip_close(za) != 0)
		fail_msg("zip_close: %s", zip_strerror(za));
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		fail_msg("zip source: %s",
		    zip_error_strerror(zip_source_error(src)));
	if ((*buf = malloc(st.size + 1)) == NULL)
		fail_msg("malloc");
	if (zip_source_read(src, *buf, st.size) != (zip_int64_t)st.size)
		fail_msg("zip_source_read: %s",
		    zip_error_strerror(zip_source_error(src)));
	(*buf)[st.size] = '\0';
	*len = st.size;
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

/* Build a zip of the N members into the file DIR/REL. */
static inline void
ut_zip_file(const char *dir, const char *rel, const struct ut_member *m,
    size_t n)
{
	char	*buf;
	size_t	 len;

	ut_zip(m, n, &buf, &len);
	ut_write(dir, rel, buf, len);
	free(buf);
}

#endif /* RA_UNIT_H */
