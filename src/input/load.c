/*
 * load.c - open an input, decide what it is (zip, package folder,
 * folder, XML file) and hand it to the right stage; load several inputs
 * on worker threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

static const char	 zip_magic[] = "PK\003\004";

static const char	 zip_empty[] = "PK\005\006";

/* Base name of PATH: where a single file's roles are located. */
static const char *
base_name(const char *path)
{
	const char	*b = ra_sys_base(path);

	return *b != '\0' ? b : path;
}

/*
 * SHA-256 of a zip, computed on a thread of its own while the zip is
 * read: no diagnostics from there, the outcome waits in the job.
 */
struct hash_job {
	const char	*path;
	char		 hex[65];
	enum ra_err	 rc;
	int		 err;		/* errno of a failure */
	pthread_t	 th;
	int		 started;
};

static void *
hash_run(void *arg)
{
	struct hash_job	*j = arg;

	j->rc = ra_sha256_file(j->path, j->hex, &j->err);
	return NULL;
}

/* Start the digest: on its own thread unless THREADED is 0. */
static void
hash_start(struct hash_job *j, const char *path, int threaded)
{
	memset(j, 0, sizeof(*j));
	j->path = path;
	j->started = threaded &&
	    pthread_create(&j->th, NULL, hash_run, j) == 0;
	if (!j->started)
		hash_run(j);
}

/* Wait for the digest; record what went wrong. */
static enum ra_err
hash_finish(struct ra_ctx *ctx, struct hash_job *j, char hex[65])
{
	if (j->started)
		pthread_join(j->th, NULL);
	if (j->rc == RA_OK)
		memcpy(hex, j->hex, 65);
	else if (j->rc != RA_ENOMEM)
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, j->path, NULL, 0, 0,
		    "%s: %s", j->rc == RA_EIO ? "read error" : "cannot open",
		    strerror(j->err));
	return j->rc;
}

/*
 * The end of every load: SOL's tables indexed (ra_solution_index_tables())
 * and SOL handed to *OUT, or freed when RC or the index failed.
 */
static enum ra_err
load_end(struct ra_solution *sol, enum ra_err rc, struct ra_solution **out)
{
	if (rc == RA_OK && ra_solution_index_tables(sol) == -1)
		rc = RA_ENOMEM;
	if (rc != RA_OK) {
		ra_solution_free(sol);
		return rc;
	}
	*out = sol;
	return RA_OK;
}

/*
 * Load the input at PATH into a new solution (*OUT).  Unfocused loads
 * on several threads may run this at once: they share the catalog
 * through its lock (parse/build.c).  The end of a load indexes the
 * solution's tables (ra_solution_index_tables()).
 */
static enum ra_err
solution_read(struct ra_ctx *ctx, const char *path, struct ra_solution **out)
{
	struct ra_solution	*sol;
	struct ra_load		 ld;
	struct ra_sha256	 sha;
	struct hash_job		 job;
	enum ra_sys_kind	 what;
	char			 magic[4] = { 0 }, *pkgdir = NULL;
	enum ra_err		 e;
	FILE			*f;
	enum ra_input_kind	 kind;
	enum ra_err		 rc;

	if ((what = ra_sys_kind(path, 1, NULL)) == RA_SYS_NONE) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "cannot open: %s", strerror(errno));
		return RA_ENOTFOUND;
	}
	if (what == RA_SYS_DIR)
		kind = RA_INPUT_FOLDER;
	else {
		if ((f = ra_sys_fopen(path, "rb")) == NULL) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0,
			    0, "cannot open: %s", strerror(errno));
			return RA_ENOTFOUND;
		}
		if (fread(magic, 1, 4, f) < 4)
			memset(magic, 0, sizeof(magic));
		fclose(f);
		kind = memcmp(magic, zip_magic, 4) == 0 ||
		    memcmp(magic, zip_empty, 4) == 0 ? RA_INPUT_ZIP :
		    RA_INPUT_XML;
	}
	if ((sol = ra_solution_new(path, kind)) == NULL)
		return RA_ENOMEM;
	switch (kind) {
	case RA_INPUT_FOLDER:
		if (ra_package_dir(path, &pkgdir))
			rc = ra_load_package_dir(ctx, sol, path, pkgdir);
		else
			rc = ra_load_dir(ctx, sol, path);
		free(pkgdir);
		break;
	case RA_INPUT_ZIP:
		hash_start(&job, path, ra_load_threaded(ctx));
		rc = ra_load_archive(ctx, sol, path, NULL, 0);
		e = hash_finish(ctx, &job, sol->sha256);
		if (rc == RA_OK)
			rc = e;
		break;
	default:
		memset(&ld, 0, sizeof(ld));
		ld.ctx = ctx;
		ld.sol = sol;
		ld.file = path;
		ld.role_file = base_name(path);
		ra_sha256_init(&sha);
		if ((rc = ra_load_xml_file(&ld, RA_DOC_ANY, path, &sha, 0)) ==
		    RA_OK)
			ra_sha256_hex(&sha, sol->sha256);
		break;
	}
	return load_end(sol, rc, out);
}

RA_EXPORT enum ra_err
ra_solution_load(struct ra_ctx *ctx, const char *path,
    struct ra_solution **out)
{
	struct ra_solution	*sol = NULL;
	enum ra_err		 rc;

	if ((rc = solution_read(ctx, path, &sol)) != RA_OK)
		return rc;
	*out = sol;
	return RA_OK;
}

/* Work shared by the threads of ra_solutions_load(). */
struct batch {
	struct ra_ctx		*ctx;
	const char *const	*paths;
	struct ra_solution	**out;
	enum ra_err		*status;
	struct ra_diaglist	*diags;
	struct ra_twin		*twin;		/* two unfocused inputs */
	size_t			 n, next;
	pthread_mutex_t		 mu;
};

static void *
batch_worker(void *arg)
{
	struct batch	*b = arg;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&b->mu);
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		if (i >= b->n)
			break;
		ra_diag_redirect(&b->diags[i]);
		ra_twin_bind(b->twin, (int)i);
		b->out[i] = NULL;
		b->status[i] = solution_read(b->ctx, b->paths[i], &b->out[i]);
		ra_twin_pass(b->twin, (int)i);
		ra_twin_bind(NULL, 0);
		ra_diag_redirect(NULL);
		ra_progress(b->ctx, 0, 1);
	}
	return NULL;
}

RA_EXPORT enum ra_err
ra_solutions_load(struct ra_ctx *ctx, const char *const *paths, size_t n,
    unsigned jobs, struct ra_solution **out, enum ra_err *status)
{
	struct batch	 b;
	pthread_t	*th;
	size_t		 i, nth = 0;
	int		 solo;

	if (jobs < 2 || n < 2) {
		/* One input at a time: its own threads only if -j allows. */
		ctx->solo = jobs < 2;
		for (i = 0; i < n; i++) {
			out[i] = NULL;
			status[i] = ra_solution_load(ctx, paths[i], &out[i]);
			ra_progress(ctx, 0, 1);
		}
		ctx->solo = 0;
		return RA_OK;
	}
	/* Every core it may use gets an input: none gets threads of its own. */
	solo = n >= jobs;
	if (jobs > n)
		jobs = (unsigned)n;
	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.paths = paths;
	b.out = out;
	b.status = status;
	b.n = n;
	if ((b.diags = calloc(n, sizeof(*b.diags))) == NULL ||
	    (th = calloc(jobs, sizeof(*th))) == NULL) {
		free(b.diags);
		return RA_ENOMEM;
	}
	if (pthread_mutex_init(&b.mu, NULL) != 0) {
		free(th);
		free(b.diags);
		return RA_ENOMEM;
	}
	/*
	 * Two versions of a solution (diff) repeat each other: a role
	 * written alike in both is built once (parse/twin.c).  Without the
	 * twin each reads its own, as focused loads always do.
	 */
	if (n == 2 && !ctx->focused)
		b.twin = ra_twin_new();
	/*
	 * Focused loads only read the catalog, unfocused ones add under its
	 * lock: all at once.
	 */
	ctx->solo = solo;
	for (i = 0; i < jobs; i++)
		if (pthread_create(&th[nth], NULL, batch_worker, &b) == 0)
			nth++;
	/*
	 * The two loads of a twin cannot run at once on fewer threads: the
	 * reader must never wait for a follower that runs after it.
	 */
	if (nth < 2)
		ra_twin_pass(b.twin, 1);
	if (nth == 0)
		batch_worker(&b);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	ctx->solo = 0;
	/* Diagnostics in input order, as one load after the other. */
	for (i = 0; i < n; i++)
		ra_diag_adopt(ctx, &b.diags[i]);
	ra_twin_free(b.twin);
	pthread_mutex_destroy(&b.mu);
	free(th);
	free(b.diags);
	return RA_OK;
}

RA_EXPORT enum ra_err
ra_solution_load_buffer(struct ra_ctx *ctx, const char *name,
    const void *buf, size_t len, struct ra_solution **out)
{
	struct ra_solution	*sol;
	struct ra_load		 ld;
	struct ra_sha256	 sha;
	int			 zip;
	enum ra_err		 rc;

	zip = len >= 4 && (memcmp(buf, zip_magic, 4) == 0 ||
	    memcmp(buf, zip_empty, 4) == 0);
	if ((sol = ra_solution_new(name, zip ? RA_INPUT_ZIP : RA_INPUT_XML)) ==
	    NULL)
		return RA_ENOMEM;
	ra_sha256_init(&sha);
	ra_sha256_update(&sha, buf, len);
	ra_sha256_hex(&sha, sol->sha256);
	if (zip)
		rc = ra_load_archive(ctx, sol, name, buf, len);
	else {
		memset(&ld, 0, sizeof(ld));
		ld.ctx = ctx;
		ld.sol = sol;
		ld.file = name;
		ld.role_file = base_name(name);
		rc = ra_load_xml_buffer(&ld, RA_DOC_ANY, buf, len);
	}
	return load_end(sol, rc, out);
}
