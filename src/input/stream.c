/*
 * stream.c - the driver between the bytes of one document and parse/: a
 * file or a zip member (struct ra_source) is read in chunks, hashed when
 * asked, and fed to the fast <Roles> reader (large customizations.xml)
 * or to libxml2; when the fast reader is unsure, what it loaded is
 * dropped and the document is read again, whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "input/input.h"

#define CHUNK	(256 * 1024)

/* One pass over SRC: with libxml2, or through the <Roles> scan. */
static enum ra_err
stream_once(struct ra_load *ld, enum ra_doc doc, struct ra_source *src,
    struct ra_sha256 *sha, int scan, int *unsure)
{
	struct ra_xml	*x = NULL;
	struct ra_scan	*sc = NULL;
	const char	*data;
	size_t		 len;
	enum ra_err	 rc;

	*unsure = 0;
	if (scan ? (sc = ra_scan_new(ld, doc)) == NULL :
	    (x = ra_xml_new(ld, doc)) == NULL)
		return RA_ENOMEM;
	if ((rc = src->open(src->arg)) == RA_OK) {
		while ((rc = src->read(src->arg, &data, &len)) == RA_OK &&
		    len > 0) {
			if (sha)
				ra_sha256_update(sha, data, len);
			ra_progress(ld->ctx, len, 0);
			if (sc) {
				rc = ra_scan_feed(sc, data, len);
				if (rc != RA_OK || ra_scan_unsure(sc))
					break;
			} else if ((rc = ra_xml_feed(x, data, len)) != RA_OK ||
			    ra_xml_skipped(x))
				break;
		}
		if (rc == RA_OK && sc && !ra_scan_unsure(sc))
			rc = ra_scan_finish(sc);
		else if (rc == RA_OK && x && !ra_xml_skipped(x))
			rc = ra_xml_finish(x);
		src->close(src->arg);
	}
	*unsure = sc && ra_scan_unsure(sc) && rc != RA_ENOMEM;
	ra_scan_free(sc);
	ra_xml_free(x);
	return rc;
}

enum ra_err
ra_load_stream(struct ra_load *ld, enum ra_doc doc, struct ra_source *src,
    struct ra_sha256 *sha)
{
	struct ra_sha256 keep;
	struct ra_diagmark mark;
	size_t		 nrole = ld->sol->nrole;
	size_t		 ntable = ld->sol->ntable;
	size_t		 napp = ld->sol->napp, nfsp = ld->sol->nfsp;
	int		 scan, unsure = 0;
	enum ra_err	 rc;

	scan = (doc == RA_DOC_CUSTOMIZATIONS || doc == RA_DOC_ANY ||
	    doc == RA_DOC_CUSTOMIZATIONS_OPT) && src->size != UINT64_MAX &&
	    src->size >= ld->ctx->limit[RA_LIMIT_SCAN_SIZE];
	ra_diag_mark(ld->ctx, &mark);
	if (sha)
		keep = *sha;
	rc = stream_once(ld, doc, src, sha, scan, &unsure);
	if (!unsure)
		return rc;
	/* The scan lost its way: forget it all and parse the whole. */
	ra_diag_truncate(ld->ctx, &mark);
	ra_solution_truncate(ld->sol, nrole);
	ra_solution_truncate_tables(ld->sol, ntable);
	ra_solution_truncate_apps(ld->sol, napp, nfsp);
	if (sha)
		*sha = keep;
	return stream_once(ld, doc, src, sha, 0, &unsure);
}

/* A file as a struct ra_source. */
struct file_src {
	struct ra_load	*ld;
	const char	*path;
	int		 nofollow;
	FILE		*f;
	char		*buf;
	uint64_t	 total;
};

static enum ra_err
file_open(void *arg)
{
	struct file_src	*fs = arg;
	int		 fd;

	/* NOFOLLOW closes the gap between a folder's look and here. */
	fd = ra_sys_open(fs->path, fs->nofollow);
	if (fd == -1 || (fs->f = fdopen(fd, "rb")) == NULL) {
		if (fd != -1)
			close(fd);
		ra_diag_add(fs->ld->ctx, RA_SEV_ERROR, RA_C_IO, fs->path, NULL,
		    0, 0, "cannot open: %s", strerror(errno));
		return RA_ENOTFOUND;
	}
	if (fs->buf == NULL && (fs->buf = malloc(CHUNK)) == NULL) {
		fclose(fs->f);
		fs->f = NULL;
		return RA_ENOMEM;
	}
	fs->total = 0;
	return RA_OK;
}

static enum ra_err
file_read(void *arg, const char **data, size_t *len)
{
	struct file_src	*fs = arg;
	struct ra_ctx	*ctx = fs->ld->ctx;
	size_t		 n;

	n = fread(fs->buf, 1, CHUNK, fs->f);
	if (n == 0 && ferror(fs->f)) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, fs->path, NULL, 0, 0,
		    "read error: %s", strerror(errno));
		return RA_EIO;
	}
	fs->total += n;
	if (fs->total > ctx->limit[RA_LIMIT_FILE_SIZE]) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_SIZE, fs->path, NULL, 0, 0,
		    "file larger than the limit of %llu bytes "
		    "(--max-file-size)", (unsigned long long)
		    ctx->limit[RA_LIMIT_FILE_SIZE]);
		return RA_ELIMIT;
	}
	*data = fs->buf;
	*len = n;
	return RA_OK;
}

static void
file_close(void *arg)
{
	struct file_src	*fs = arg;

	if (fs->f)
		fclose(fs->f);
	fs->f = NULL;
}

enum ra_err
ra_load_xml_file(struct ra_load *ld, enum ra_doc doc, const char *path,
    struct ra_sha256 *sha, int nofollow)
{
	struct file_src	 fs = { ld, path, nofollow, NULL, NULL, 0 };
	struct ra_source src = { &fs, UINT64_MAX, file_open, file_read,
	    file_close };
	enum ra_err	 rc;

	(void)ra_sys_kind(path, 1, &src.size);	/* a regular file's */
	rc = ra_load_stream(ld, doc, &src, sha);
	free(fs.buf);
	return rc;
}

/* Bytes in memory as a struct ra_source, handed out CHUNK at a time. */
struct mem_src {
	const char	*buf;
	size_t		 len, chunk, pos;
};

static enum ra_err
mem_open(void *arg)
{
	((struct mem_src *)arg)->pos = 0;
	return RA_OK;
}

static enum ra_err
mem_read(void *arg, const char **data, size_t *len)
{
	struct mem_src	*m = arg;

	*len = m->len - m->pos < m->chunk ? m->len - m->pos : m->chunk;
	*data = m->buf + m->pos;
	m->pos += *len;
	return RA_OK;
}

static void
mem_close(void *arg)
{
	(void)arg;
}

enum ra_err
ra_load_xml_chunks(struct ra_load *ld, enum ra_doc doc, const void *buf,
    size_t len, size_t chunk)
{
	struct mem_src	 m = { buf, len, chunk ? chunk : 1, 0 };
	struct ra_source src = { &m, len, mem_open, mem_read, mem_close };

	return ra_load_stream(ld, doc, &src, NULL);
}

enum ra_err
ra_load_xml_buffer(struct ra_load *ld, enum ra_doc doc, const void *buf,
    size_t len)
{
	return ra_load_xml_chunks(ld, doc, buf, len, len);
}

int
ra_load_threaded(const struct ra_ctx *ctx)
{
	int	 side;

	return !ctx->solo || (ra_twin_bound(&side) != NULL && side == 0);
}
