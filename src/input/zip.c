/*
 * zip.c - zips through libzip: a solution zip's members are streamed
 * into the XML parser, never extracted to disk; package.c reads a
 * package's members through the same calls (struct ra_zip).
 *
 * zipcheck.c walks the zip's directory before libzip opens it, from the
 * same open file (or buffer).  Read order: solution.xml (for the
 * solution's name), customizations.xml, then Roles/<name> members sorted
 * by name, ignoring ASCII case.  Before any member is inflated, every
 * member to be read is checked against the size and ratio limits, and
 * their sizes together against the total limit; the bytes actually
 * inflated are counted against the declared size and the member limit,
 * so a lying header cannot push past the limits either.  In a package,
 * the member and total limits count across the package zip and the zips
 * inside it (struct ra_zip_budget).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <zip.h>
#ifdef RA_HAVE_ISAL
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#endif

#include "input/input.h"

#define CHUNK		(256 * 1024)
/* Members smaller than this are exempt from the ratio limit. */
#define RATIO_FLOOR	(1024 * 1024)

struct member {
	zip_uint64_t	 index;
	const char	*name;	/* borrowed from libzip */
};

struct ra_zip {
	struct ra_ctx		*ctx;
	const char		*path;		/* borrowed */
	zip_t			*za;
	struct ra_zip_budget	*budget;
};

/* What a member is to a solution, by its name (ASCII case ignored). */
enum member_kind {
	M_OTHER = 0,
	M_CUSTOMIZATIONS,
	M_MANIFEST,
	M_ROLE			/* Roles/NAME, one level down */
};

static enum member_kind
member_kind(const char *name)
{
	if (ra_strcaseeq(name, "customizations.xml"))
		return M_CUSTOMIZATIONS;
	if (ra_strcaseeq(name, "solution.xml"))
		return M_MANIFEST;
	if (strncasecmp(name, "Roles/", 6) == 0 && name[6] != '\0' &&
	    strchr(name + 6, '/') == NULL)
		return M_ROLE;
	return M_OTHER;
}

/* By name ignoring ASCII case, so names equal but for case are adjacent. */
static int
member_cmp(const void *a, const void *b)
{
	return ra_namecmp(((const struct member *)a)->name,
	    ((const struct member *)b)->name);
}

static const char *
zip_errstr(int code, char *buf, size_t size)
{
	zip_error_t	 ze;

	zip_error_init_with_code(&ze, code);
	snprintf(buf, size, "%s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return buf;
}

/* Names a careless extractor would write outside its folder. */
static int
unsafe_name(const char *n)
{
	const char	*p;

	if (n[0] == '/' || n[0] == '\\' || (n[0] && n[1] == ':'))
		return 1;
	for (p = n; *p; p++) {
		if (p[0] == '.' && p[1] == '.' &&
		    (p == n || p[-1] == '/' || p[-1] == '\\') &&
		    (p[2] == '\0' || p[2] == '/' || p[2] == '\\'))
			return 1;
	}
	return 0;
}

/*
 * A zip member as a struct ra_source.  Members of THREAD_MIN bytes or
 * more are inflated on a thread of their own into a ring of NBUF chunks
 * while the parser works on the previous ones: on two cores inflating
 * then costs next to nothing.  Only the consumer's side records
 * diagnostics; the inflater leaves its error in `err` for it.
 *
 * Built with ISA-L (RA_HAVE_ISAL), a deflated member is read from libzip
 * as it is stored (ZIP_FL_COMPRESSED) and inflated by ISA-L's igzip,
 * its CRC-32 taken by ISA-L too and checked against the directory's at
 * the end of the stream, its size counted as libzip's is: three to four
 * times the speed of zlib's inflate and CRC behind libzip.  Stored
 * members, members read whole (ra_zip_inflate(): a package's solution
 * zips), and every member of a build without ISA-L (the dist
 * binaries), go through libzip.  Sound members read alike either way;
 * a corrupt one is refused by both, though not always in the same words
 * or with the same code, except a deflate stream cut short with its
 * bytes so far intact, which libzip (1.7) takes and ISA-L refuses.
 */
#define NBUF		4
#define THREAD_MIN	(1024 * 1024)
/* Stored bytes read at a time for ISA-L: they inflate to several times. */
#define ISAL_IN		(64 * 1024)

struct member_src {
	struct ra_load	*ld;
	zip_t		*za;
	zip_uint64_t	 idx;
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*buf[NBUF];
	size_t		 len[NBUF];
	uint64_t	 total;		/* bytes inflated */
	/* Shared with the inflater thread, under mu. */
	int		 threaded;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	size_t		 head, count;	/* filled chunks, oldest first */
	int		 holding;	/* the consumer has buf[head] */
	int		 iwait, cwait;	/* the inflater, the consumer waits */
	int		 eof, stop;
	enum ra_err	 err;
	char		 errmsg[256];
#ifdef RA_HAVE_ISAL
	int		 isal_on;	/* ISA-L inflates, not libzip */
	struct inflate_state *isal;
	unsigned char	*in;		/* ISAL_IN stored bytes */
	uint32_t	 crc;		/* of the bytes inflated */
	int		 in_end;	/* no stored bytes are left */
	int		 done;		/* the deflate stream ended */
#endif
};

/* A member whose bytes are not what its directory says: -1, ms->err set. */
static zip_int64_t
corrupt(struct member_src *ms, const char *what)
{
	snprintf(ms->errmsg, sizeof(ms->errmsg), "corrupt member: %s", what);
	ms->err = RA_EZIP;
	return -1;
}

/* A failed read from libzip, in its words. */
static zip_int64_t
read_failed(struct member_src *ms)
{
	zip_error_t	*ze = zip_file_get_error(ms->zf);

	return corrupt(ms, ze ? zip_error_strerror(ze) : "read error");
}

#ifdef RA_HAVE_ISAL

/*
 * Inflate up to CHUNK bytes of a deflated member into OUT with ISA-L:
 * their count, 0 at the end of the stream, -1 on error (ms->err set,
 * in libzip's words: ZIP_ER_COMPRESSED_DATA).  A stream that does not
 * end is an error, where libzip takes what zlib gave.  The CRC is
 * inflate_chunk()'s to check, after the size, as libzip does.
 */
static zip_int64_t
isal_read(struct member_src *ms, char *out)
{
	struct inflate_state	*s = ms->isal;
	zip_int64_t		 n;
	size_t			 got;

	s->next_out = (uint8_t *)out;
	s->avail_out = CHUNK;
	while (s->avail_out > 0 && !ms->done) {
		uint32_t	 room, left;

		if (s->avail_in == 0 && !ms->in_end) {
			if ((n = zip_fread(ms->zf, ms->in, ISAL_IN)) < 0)
				return read_failed(ms);
			ms->in_end = n == 0;
			s->next_in = ms->in;
			s->avail_in = (uint32_t)n;
		}
		room = s->avail_out;
		left = s->avail_in;
		/* With no input left it still gives what it holds. */
		if (isal_inflate(s) < 0)
			return corrupt(ms, "Compressed data invalid");
		ms->done = s->block_state == ISAL_BLOCK_FINISH;
		/*
		 * Neither a byte taken nor one given: the stored bytes end
		 * inside the stream.
		 */
		if (!ms->done && s->avail_out == room && s->avail_in == left)
			return corrupt(ms, "Compressed data invalid");
	}
	got = CHUNK - s->avail_out;
	ms->crc = crc32_gzip_refl(ms->crc, (const unsigned char *)out, got);
	return (zip_int64_t)got;
}
#endif

/* Inflate one chunk into SLOT; sets ms->err and returns -1 on error. */
static zip_int64_t
inflate_chunk(struct member_src *ms, size_t slot)
{
	struct ra_ctx	*ctx = ms->ld->ctx;
	uint64_t	 limit = ctx->limit[RA_LIMIT_MEMBER_SIZE];
	zip_int64_t	 n;

#ifdef RA_HAVE_ISAL
	if (ms->isal_on)
		n = isal_read(ms, ms->buf[slot]);
	else
#endif
		n = zip_fread(ms->zf, ms->buf[slot], CHUNK);
	if (n < 0)
		return ms->err != RA_OK ? -1 : read_failed(ms);
	ms->total += (uint64_t)n;
	/* A lying header cannot carry the member past the limits. */
	if (ms->total > limit || ((ms->st.valid & ZIP_STAT_SIZE) &&
	    ms->total > ms->st.size)) {
		snprintf(ms->errmsg, sizeof(ms->errmsg), "member inflates past "
		    "its declared size or the limit of %llu bytes",
		    (unsigned long long)limit);
		ms->err = RA_ELIMIT;
		return -1;
	}
#ifdef RA_HAVE_ISAL
	if (ms->isal_on && ms->done && ms->crc != ms->st.crc)
		return corrupt(ms, "CRC error");
#endif
	ms->len[slot] = (size_t)n;
	return n;
}

static void *
inflater(void *arg)
{
	struct member_src	*ms = arg;
	size_t			 slot;
	zip_int64_t		 n;

	pthread_mutex_lock(&ms->mu);
	for (;;) {
		while (ms->count == NBUF && !ms->stop) {
			ms->iwait = 1;
			pthread_cond_wait(&ms->cv, &ms->mu);
		}
		ms->iwait = 0;
		if (ms->stop)
			break;
		slot = (ms->head + ms->count) % NBUF;
		/* The slot is the inflater's until count covers it. */
		pthread_mutex_unlock(&ms->mu);
		n = inflate_chunk(ms, slot);
		pthread_mutex_lock(&ms->mu);
		if (n > 0)
			ms->count++;
		else
			ms->eof = 1;
		if (ms->cwait)
			pthread_cond_broadcast(&ms->cv);
		if (n <= 0)
			break;
	}
	pthread_mutex_unlock(&ms->mu);
	return NULL;
}

#ifdef RA_HAVE_ISAL
/*
 * 1 when ISA-L is to inflate MS (a deflated member whose size and CRC
 * the directory gives), its state made ready; 0 for libzip.
 */
static int
isal_open(struct member_src *ms)
{
	const zip_uint64_t	 need = ZIP_STAT_COMP_METHOD | ZIP_STAT_SIZE |
	    ZIP_STAT_CRC;

	ms->isal_on = 0;
	if ((ms->st.valid & need) != need ||
	    ms->st.comp_method != ZIP_CM_DEFLATE)
		return 0;
	/* Without the memory, libzip inflates it. */
	if (ms->isal == NULL && (ms->isal = malloc(sizeof(*ms->isal))) == NULL)
		return 0;
	if (ms->in == NULL && (ms->in = malloc(ISAL_IN)) == NULL)
		return 0;
	isal_inflate_init(ms->isal);
	ms->isal->crc_flag = ISAL_DEFLATE;
	ms->crc = 0;
	ms->in_end = ms->done = 0;
	return ms->isal_on = 1;
}
#else
static int
isal_open(struct member_src *ms)
{
	(void)ms;
	return 0;
}
#endif

static enum ra_err
member_open(void *arg)
{
	struct member_src	*ms = arg;
	struct ra_load		*ld = ms->ld;
	size_t			 i;
	int			 threaded;

	if ((ms->zf = zip_fopen_index(ms->za, ms->idx, isal_open(ms) ?
	    ZIP_FL_COMPRESSED : 0)) == NULL) {
		ra_diag_add(ld->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBER, ld->file,
		    ld->member, 0, 0, "cannot open member: %s",
		    zip_strerror(ms->za));
		return RA_EZIP;
	}
	/* Inflated in line, a member needs one chunk, not the ring. */
	threaded = ra_load_threaded(ld->ctx) &&
	    (ms->st.valid & ZIP_STAT_SIZE) && ms->st.size >= THREAD_MIN;
	for (i = 0; i < (threaded ? NBUF : 1); i++)
		if (ms->buf[i] == NULL && (ms->buf[i] = malloc(CHUNK)) == NULL) {
			zip_fclose(ms->zf);
			ms->zf = NULL;
			return RA_ENOMEM;
		}
	ms->total = 0;
	ms->head = ms->count = 0;
	ms->holding = ms->eof = ms->stop = ms->iwait = ms->cwait = 0;
	ms->err = RA_OK;
	ms->threaded = threaded &&
	    pthread_create(&ms->th, NULL, inflater, ms) == 0;
	return RA_OK;
}

static enum ra_err
member_read(void *arg, const char **data, size_t *len)
{
	struct member_src	*ms = arg;
	struct ra_load		*ld = ms->ld;
	zip_int64_t		 n;

	*len = 0;
	if (!ms->threaded) {
		if ((n = inflate_chunk(ms, 0)) > 0) {
			*data = ms->buf[0];
			*len = (size_t)n;
		}
	} else {
		pthread_mutex_lock(&ms->mu);
		if (ms->holding) {
			ms->head = (ms->head + 1) % NBUF;
			ms->count--;
			ms->holding = 0;
			/* Woken with half the ring free, it fills that much. */
			if (ms->iwait && ms->count <= NBUF / 2)
				pthread_cond_broadcast(&ms->cv);
		}
		while (ms->count == 0 && !ms->eof) {
			ms->cwait = 1;
			pthread_cond_wait(&ms->cv, &ms->mu);
		}
		ms->cwait = 0;
		if (ms->count > 0) {
			*data = ms->buf[ms->head];
			*len = ms->len[ms->head];
			ms->holding = 1;
		}
		pthread_mutex_unlock(&ms->mu);
	}
	if (*len == 0 && ms->err != RA_OK) {
		ra_diag_add(ld->ctx, RA_SEV_ERROR, ms->err == RA_ELIMIT ?
		    RA_C_ZIP_BOMB : RA_C_ZIP_MEMBER, ld->file, ld->member, 0, 0,
		    "%s", ms->errmsg);
		return ms->err;
	}
	return RA_OK;
}

static void
member_close(void *arg)
{
	struct member_src	*ms = arg;

	if (ms->threaded) {
		pthread_mutex_lock(&ms->mu);
		ms->stop = 1;
		pthread_cond_broadcast(&ms->cv);
		pthread_mutex_unlock(&ms->mu);
		pthread_join(ms->th, NULL);
		ms->threaded = 0;
	}
	if (ms->zf)
		zip_fclose(ms->zf);
	ms->zf = NULL;
}

/* Member IDX's stat into *ST; LD names the member for diagnostics. */
static enum ra_err
member_stat(struct ra_load *ld, zip_t *za, zip_uint64_t idx, zip_stat_t *st)
{
	zip_stat_init(st);
	if (zip_stat_index(za, idx, 0, st) != 0) {
		ra_diag_add(ld->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBER, ld->file,
		    ld->member, 0, 0, "cannot read member: %s",
		    zip_strerror(za));
		return RA_EZIP;
	}
	return RA_OK;
}

/*
 * What member IDX declares, against the limits, before a byte of it is
 * inflated: its stat into *ST.  LD names the member for diagnostics.
 */
static enum ra_err
member_check(struct ra_load *ld, zip_t *za, zip_uint64_t idx,
    zip_stat_t *st)
{
	struct ra_ctx	*ctx = ld->ctx;
	uint64_t	 limit = ctx->limit[RA_LIMIT_MEMBER_SIZE];
	uint64_t	 ratio = ctx->limit[RA_LIMIT_RATIO];
	enum ra_err	 rc;

	if ((rc = member_stat(ld, za, idx, st)) != RA_OK)
		return rc;
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_ENCRYPTED, ld->file,
		    ld->member, 0, 0, "member is encrypted");
		return RA_EZIP;
	}
	if ((st->valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported(st->comp_method, 0)) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_METHOD, ld->file,
		    ld->member, 0, 0, "unsupported compression method %d",
		    (int)st->comp_method);
		return RA_EZIP;
	}
	if ((st->valid & ZIP_STAT_SIZE) && st->size > limit) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_BOMB, ld->file,
		    ld->member, 0, 0, "member inflates to %llu bytes, over the "
		    "limit of %llu (--max-member-size)",
		    (unsigned long long)st->size, (unsigned long long)limit);
		return RA_ELIMIT;
	}
	if ((st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
	    st->size > RATIO_FLOOR &&
	    (st->comp_size == 0 || st->size / st->comp_size > ratio ||
	    (st->size / st->comp_size == ratio && st->size % st->comp_size))) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_BOMB, ld->file,
		    ld->member, 0, 0, "member compresses %llu bytes into %llu, "
		    "a ratio over the limit of %llu (--max-ratio)",
		    (unsigned long long)st->size,
		    (unsigned long long)st->comp_size,
		    (unsigned long long)ratio);
		return RA_ELIMIT;
	}
	return RA_OK;
}

/* Stream member IDX, checked by member_check(), into a parser of kind DOC. */
static enum ra_err
read_member(struct ra_load *ld, zip_t *za, zip_uint64_t idx, enum ra_doc doc)
{
	struct member_src	 ms;
	struct ra_source	 src;
	zip_stat_t		*st = &ms.st;
	enum ra_err		 rc;
	size_t			 i;

	memset(&ms, 0, sizeof(ms));
	ms.ld = ld;
	ms.za = za;
	ms.idx = idx;
	if ((rc = member_stat(ld, za, idx, st)) != RA_OK)
		return rc;
	if (pthread_mutex_init(&ms.mu, NULL) != 0)
		return RA_ENOMEM;
	if (pthread_cond_init(&ms.cv, NULL) != 0) {
		pthread_mutex_destroy(&ms.mu);
		return RA_ENOMEM;
	}
	src.arg = &ms;
	src.size = (st->valid & ZIP_STAT_SIZE) ? st->size : UINT64_MAX;
	src.open = member_open;
	src.read = member_read;
	src.close = member_close;
	rc = ra_load_stream(ld, doc, &src, NULL);
	for (i = 0; i < NBUF; i++)
		free(ms.buf[i]);
#ifdef RA_HAVE_ISAL
	free(ms.isal);
	free(ms.in);
#endif
	pthread_cond_destroy(&ms.cv);
	pthread_mutex_destroy(&ms.mu);
	return rc;
}

/* Find the members a solution is made of; duplicates are an error. */
static enum ra_err
scan_members(struct ra_ctx *ctx, const char *file, zip_t *za,
    zip_int64_t *cust, zip_int64_t *manifest, struct member **roles,
    size_t *nroles)
{
	zip_int64_t	 i, n = zip_get_num_entries(za, 0);
	size_t		 cap = 0;
	const char	*name;
	enum member_kind kind;

	*cust = *manifest = -1;
	*roles = NULL;
	*nroles = 0;
	for (i = 0; i < n; i++) {
		if ((name = zip_get_name(za, (zip_uint64_t)i, 0)) == NULL) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP, file, NULL, 0,
			    0, "unreadable member name: %s", zip_strerror(za));
			return RA_EZIP;
		}
		/*
		 * zipcheck.c bounded the name's bytes in the zip; libzip may
		 * have made it longer, from CP437 to UTF-8.
		 */
		if (strlen(name) > ctx->limit[RA_LIMIT_NAME_LENGTH]) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_TOOLONG, file, NULL,
			    0, 0, "member name over %llu bytes",
			    (unsigned long long)
			    ctx->limit[RA_LIMIT_NAME_LENGTH]);
			return RA_ELIMIT;
		}
		kind = member_kind(name);
		if (unsafe_name(name))
			ra_diag_add(ctx, RA_SEV_WARNING, RA_C_ZIP_NAME, file,
			    name, 0, 0, "unsafe member name (absolute or "
			    "with ..): ignored");
		else if (kind == M_CUSTOMIZATIONS || kind == M_MANIFEST) {
			zip_int64_t	*slot = kind == M_CUSTOMIZATIONS ?
			    cust : manifest;

			if (*slot != -1) {
				ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_DUP,
				    file, name, 0, 0, "duplicate member name");
				return RA_EZIP;
			}
			*slot = i;
		} else if (kind == M_ROLE) {
			if (ra_grow(roles, &cap, *nroles + 1,
			    sizeof(**roles)) == -1)
				return RA_ENOMEM;
			(*roles)[*nroles].index = (zip_uint64_t)i;
			(*roles)[(*nroles)++].name = name;
		}
	}
	if (*nroles > 1)
		qsort(*roles, *nroles, sizeof(**roles), member_cmp);
	for (i = 1; i < (zip_int64_t)*nroles; i++)
		if (ra_strcaseeq((*roles)[i - 1].name, (*roles)[i].name)) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_DUP, file,
			    (*roles)[i].name, 0, 0, "duplicate member name");
			return RA_EZIP;
		}
	return RA_OK;
}

/*
 * The members a solution is read from, in reading order: the manifest,
 * the customizations, the roles.  Returns the member, or -1 past the
 * last; *NAME is its name.
 */
static zip_int64_t
nth_member(zip_t *za, zip_int64_t manifest, zip_int64_t cust,
    const struct member *roles, size_t nroles, size_t k, const char **name)
{
	zip_int64_t	 first[2];
	size_t		 n = 0;

	if (manifest != -1)
		first[n++] = manifest;
	if (cust != -1)
		first[n++] = cust;
	if (k < n) {
		*name = zip_get_name(za, (zip_uint64_t)first[k], 0);
		return first[k];
	}
	if (k - n >= nroles)
		return -1;
	*name = roles[k - n].name;
	return (zip_int64_t)roles[k - n].index;
}

/*
 * Open the zip at PATH (or MEM) once its layout is checked, into *ZA,
 * counting its members into B.  A file is checked and read through the
 * same descriptor.
 */
static enum ra_err
zip_open_checked(struct ra_ctx *ctx, const char *path, const void *mem,
    size_t memlen, struct ra_zip_budget *b, zip_t **za)
{
	struct ra_zip_layout	 lay;
	uint64_t		 size = 0;
	zip_error_t		 ze;
	zip_source_t		*src;
	char			 ebuf[128];
	int			 fd = -1, code = 0;
	enum ra_err		 rc;

	if (mem == NULL && ((fd = ra_sys_open(path, 0)) == -1 ||
	    ra_sys_fsize(fd, &size) == -1)) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "cannot open: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return RA_ENOTFOUND;
	}
	if ((rc = ra_zip_check(ctx, path, mem, mem ? memlen : size, fd,
	    b->members, &lay)) != RA_OK) {
		if (fd != -1)
			close(fd);
		return rc;
	}
	b->members += lay.members;
	zip_error_init(&ze);
	if (mem) {
		if ((src = zip_source_buffer_create(mem, memlen, 0, &ze)) ==
		    NULL) {
			zip_error_fini(&ze);
			return RA_ENOMEM;
		}
		if ((*za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
		    &ze)) == NULL) {
			code = zip_error_code_zip(&ze);
			zip_source_free(src);
		}
	} else if ((*za = zip_fdopen(fd, ZIP_RDONLY | ZIP_CHECKCONS,
	    &code)) == NULL)
		close(fd);	/* on success libzip owns it */
	zip_error_fini(&ze);
	if (*za == NULL && code == ZIP_ER_EXISTS) {
		/* ZIP_CHECKCONS refuses two members of the same name. */
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_DUP, path, NULL, 0, 0,
		    "two members have the same name");
		return RA_EZIP;
	}
	if (*za == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP, path, NULL, 0, 0,
		    "not a readable zip: %s", zip_errstr(code, ebuf,
		    sizeof(ebuf)));
		return code == ZIP_ER_MEMORY ? RA_ENOMEM : RA_EZIP;
	}
	return RA_OK;
}

enum ra_err
ra_zip_open(struct ra_ctx *ctx, const char *path, const void *buf,
    size_t len, struct ra_zip_budget *b, struct ra_zip **out)
{
	struct ra_zip	*z;
	enum ra_err	 rc;

	if ((z = calloc(1, sizeof(*z))) == NULL)
		return RA_ENOMEM;
	z->ctx = ctx;
	z->path = path;
	z->budget = b;
	if ((rc = zip_open_checked(ctx, path, buf, len, b, &z->za)) != RA_OK) {
		free(z);
		return rc;
	}
	*out = z;
	return RA_OK;
}

void
ra_zip_close(struct ra_zip *z)
{
	if (z == NULL)
		return;
	zip_discard(z->za);
	free(z);
}

uint64_t
ra_zip_count(const struct ra_zip *z)
{
	zip_int64_t	 n = zip_get_num_entries(z->za, 0);

	return n < 0 ? 0 : (uint64_t)n;
}

const char *
ra_zip_name(struct ra_zip *z, uint64_t i)
{
	const char	*name;

	if ((name = zip_get_name(z->za, i, 0)) == NULL)
		ra_diag_add(z->ctx, RA_SEV_ERROR, RA_C_ZIP, z->path, NULL, 0,
		    0, "unreadable member name: %s", zip_strerror(z->za));
	return name;
}

int
ra_zip_has_solution(struct ra_zip *z)
{
	uint64_t	 i, n = ra_zip_count(z);
	const char	*name;
	enum member_kind kind;

	for (i = 0; i < n; i++) {
		if ((name = zip_get_name(z->za, i, 0)) == NULL)
			continue;
		kind = member_kind(name);
		if ((kind == M_CUSTOMIZATIONS || kind == M_ROLE) &&
		    !unsafe_name(name))
			return 1;
	}
	return 0;
}

enum ra_err
ra_zip_check_members(struct ra_zip *z, const uint64_t *idx,
    const char *const *name, size_t n)
{
	struct ra_ctx	*ctx = z->ctx;
	struct ra_load	 ld;
	zip_stat_t	 st;
	uint64_t	 all = ctx->limit[RA_LIMIT_TOTAL_SIZE];
	uint64_t	 before = z->budget->inflated, declared = 0, size;
	size_t		 k;
	enum ra_err	 rc;

	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.file = z->path;
	/*
	 * Every member, then all of them together, before a byte is
	 * inflated.  No member inflates past its declared size (or, without
	 * one, the member limit), so this bounds the total too.
	 */
	for (k = 0; k < n; k++) {
		ld.member = name[k];
		if ((rc = member_check(&ld, z->za, idx[k], &st)) != RA_OK)
			return rc;
		size = (st.valid & ZIP_STAT_SIZE) ? st.size :
		    ctx->limit[RA_LIMIT_MEMBER_SIZE];
		declared = size > UINT64_MAX - declared ? UINT64_MAX :
		    declared + size;
	}
	if (before == 0 && declared > all) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_BOMB, z->path, NULL, 0,
		    0, "members to read inflate to %llu bytes in all, over the "
		    "limit of %llu (--max-total-size)",
		    (unsigned long long)declared, (unsigned long long)all);
		return RA_ELIMIT;
	}
	if (before > 0 && (before > all || declared > all - before)) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_ZIP_BOMB, z->path, NULL, 0,
		    0, "members to read inflate to %llu bytes, over the limit "
		    "of %llu (--max-total-size) with the %llu read before them "
		    "in the same package", (unsigned long long)declared,
		    (unsigned long long)all, (unsigned long long)before);
		return RA_ELIMIT;
	}
	z->budget->inflated = before + declared;
	return RA_OK;
}

enum ra_err
ra_zip_read_xml(struct ra_zip *z, uint64_t idx, struct ra_load *ld,
    enum ra_doc doc)
{
	return read_member(ld, z->za, idx, doc);
}

enum ra_err
ra_zip_inflate(struct ra_zip *z, uint64_t idx, const char *name,
    char **buf, size_t *len)
{
	struct ra_load	 ld;
	zip_stat_t	 st;
	zip_file_t	*zf;
	zip_error_t	*ze;
	zip_int64_t	 r = 0;
	char		*b, extra;
	uint64_t	 got = 0;
	enum ra_err	 rc;

	memset(&ld, 0, sizeof(ld));
	ld.ctx = z->ctx;
	ld.file = z->path;
	ld.member = name;
	if ((rc = member_stat(&ld, z->za, idx, &st)) != RA_OK)
		return rc;
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > SIZE_MAX - 1) {
		ra_diag_add(z->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBER, z->path,
		    name, 0, 0, "member without a usable size");
		return RA_EZIP;
	}
	if ((b = malloc((size_t)st.size + 1)) == NULL)
		return RA_ENOMEM;
	if ((zf = zip_fopen_index(z->za, idx, 0)) == NULL) {
		free(b);
		ra_diag_add(z->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBER, z->path,
		    name, 0, 0, "cannot open member: %s", zip_strerror(z->za));
		return RA_EZIP;
	}
	/* One byte past the declared size tells a header that lies. */
	while (got < st.size && (r = zip_fread(zf, b + got,
	    st.size - got)) > 0)
		got += (uint64_t)r;
	if (got == st.size)
		r = zip_fread(zf, &extra, 1);
	if (r < 0) {
		ze = zip_file_get_error(zf);
		ra_diag_add(z->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBER, z->path,
		    name, 0, 0, "corrupt member: %s", ze ?
		    zip_error_strerror(ze) : "read error");
		rc = RA_EZIP;
	} else if (got != st.size || r > 0) {
		ra_diag_add(z->ctx, RA_SEV_ERROR, got < st.size ?
		    RA_C_ZIP_MEMBER : RA_C_ZIP_BOMB, z->path, name, 0, 0,
		    "member inflates to %s its declared %llu bytes",
		    got < st.size ? "less than" : "more than",
		    (unsigned long long)st.size);
		rc = got < st.size ? RA_EZIP : RA_ELIMIT;
	}
	zip_fclose(zf);
	if (rc != RA_OK) {
		free(b);
		return rc;
	}
	*buf = b;
	*len = (size_t)got;
	return RA_OK;
}

enum ra_err
ra_zip_load_solution(struct ra_zip *z, struct ra_solution *sol)
{
	struct ra_ctx		*ctx = z->ctx;
	struct ra_load		 ld;
	struct member		*roles = NULL;
	size_t			 nroles = 0, k, n = 0;
	zip_int64_t		 cust, manifest, idx;
	uint64_t		*ids = NULL;
	const char		**names = NULL;
	const char		*name = NULL;
	enum ra_err		 rc;

	rc = scan_members(ctx, z->path, z->za, &cust, &manifest, &roles,
	    &nroles);
	if (rc == RA_OK && cust == -1 && nroles == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_NOSOLUTION, z->path, NULL,
		    0, 0, "no customizations.xml or Roles/ member: not a "
		    "solution zip");
		rc = RA_EINPUT;
	}
	if (rc == RA_OK && ((ids = calloc(nroles + 2, sizeof(*ids))) == NULL ||
	    (names = calloc(nroles + 2, sizeof(*names))) == NULL))
		rc = RA_ENOMEM;
	for (k = 0; rc == RA_OK && (idx = nth_member(z->za, manifest, cust,
	    roles, nroles, k, &name)) != -1; k++) {
		ids[n] = (uint64_t)idx;
		names[n++] = name;
	}
	if (rc == RA_OK)
		rc = ra_zip_check_members(z, ids, names, n);
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.sol = sol;
	ld.file = z->path;
	for (k = 0; rc == RA_OK && k < n; k++) {
		ld.member = ld.role_file = names[k];
		rc = read_member(&ld, z->za, ids[k], (zip_int64_t)ids[k] ==
		    manifest ? RA_DOC_MANIFEST : (zip_int64_t)ids[k] == cust ?
		    RA_DOC_CUSTOMIZATIONS : RA_DOC_ROLE);
	}
	free(ids);
	free(names);
	free(roles);
	return rc;
}
