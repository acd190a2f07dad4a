/*
 * zipcheck.c - the layout of a zip, checked before libzip is asked to
 * read it: the end of central directory record (and its zip64 form),
 * every central directory entry and the local header each points to.
 *
 * libzip keeps state for every entry of a central directory it reads
 * (with ZIP_CHECKCONS, the local header's extra fields too), and it
 * reads the directory of every end record it finds in the last 64 KiB.
 * So this file walks the directory first, over the bytes in memory or a
 * window of the file, keeping 32 bytes a member, and refuses:
 *   - more than one end record libzip would read (RA208);
 *   - a directory too large for the file, or an entry count out of
 *     proportion to the directory or the file (RA208);
 *   - more members than RA_LIMIT_MEMBERS (RA205; in a zip inside a
 *     package, less the package's own members), a member name longer
 *     than RA_LIMIT_NAME_LENGTH (RA112), more than ZIP_EXTRA_MAX bytes of
 *     extra fields in a member's central or local header or more than
 *     ZIP_COMMENT_MAX of comment (RA208): what libzip keeps per member is
 *     then bounded;
 *   - members that overlap: two entries sharing a local header, a local
 *     header inside another's, or inside another member's data, as in a
 *     "better zip bomb" (Fifield), and data running into the directory
 *     (RA208);
 *   - a directory or local header that is not what it claims to be
 *     (RA200).
 * An input with no end record libzip would read is left to libzip,
 * which then refuses it without reading a directory: its message stays.
 *
 * The conditions under which libzip reads an end record are libzip
 * 1.7's (zip_open.c, _zip_read_cdir(), opened with ZIP_CHECKCONS): the
 * record's comment ends the file exactly; disks are 0 (0xffff in the
 * record standing for the zip64 record's value); the record's two
 * counts agree; a zip64 locator 20 bytes before the record points to a
 * zip64 record, which then replaces the record's counts and sizes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

#define EOCD_LEN	22		/* end of central directory record */
#define EOCD64_LEN	56		/* zip64 end record, fixed part */
#define LOC64_LEN	20		/* zip64 end record locator */
#define CENTRAL_LEN	46		/* central directory entry, fixed part */
#define LOCAL_LEN	30		/* local header, fixed part */
#define COMMENT_LEN_MAX	0xffff
/* libzip looks for end records in the file's last CDBUFSIZE bytes. */
#define TAIL_LEN	(COMMENT_LEN_MAX + EOCD_LEN + LOC64_LEN)
/* A window of the file: holds the tail and the largest entry there is. */
#define WINDOW		(256 * 1024)
/* Read at a time for local headers: members may be far apart. */
#define LOCAL_AHEAD	4096

/* Extra fields, in each of a member's two headers, and its comment. */
#define ZIP_EXTRA_MAX	256
#define ZIP_COMMENT_MAX	256

/* A zip's bytes: in memory, or read from a file a window at a time. */
struct zbytes {
	const unsigned char	*mem;
	int			 fd;
	uint64_t		 size;
	int			 err;	/* errno of a failed read, or -1 */
};

struct zwin {
	unsigned char	*buf;		/* WINDOW bytes */
	uint64_t	 off;
	size_t		 len;
	size_t		 ahead;		/* bytes read at a time, at most WINDOW */
};

/*
 * LEN bytes at OFF (OFF + LEN <= z->size, LEN <= WINDOW), borrowed until
 * W is used again; NULL when the file cannot be read (z->err set).
 */
static const unsigned char *
zbytes_at(struct zbytes *z, struct zwin *w, uint64_t off, size_t len)
{
	size_t	 n, got = 0;
	int64_t	 r;

	if (z->mem)
		return z->mem + off;
	if (w->buf && off >= w->off && off + len <= w->off + w->len)
		return w->buf + (off - w->off);
	if (w->buf == NULL && (w->buf = malloc(WINDOW)) == NULL) {
		z->err = ENOMEM;
		return NULL;
	}
	n = len > w->ahead ? len : w->ahead;
	if (z->size - off < n)
		n = (size_t)(z->size - off);
	while (got < n) {
		if ((r = ra_sys_pread(z->fd, w->buf + got, n - got,
		    off + got)) < 0) {
			if (errno == EINTR)
				continue;
			z->err = errno;
			break;
		}
		if (r == 0) {
			z->err = -1;	/* the file got shorter */
			break;
		}
		got += (size_t)r;
	}
	w->off = off;
	w->len = got;
	return got >= len ? w->buf : NULL;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* An end record libzip would read, and the directory it describes. */
struct eocd {
	uint64_t	 at;		/* offset of the end record */
	uint64_t	 end;		/* the directory ends by here: the
					   (zip64) end record */
	uint64_t	 nentry;
	uint64_t	 cd_off, cd_size;
	int		 zip64;
};

/* One member: where its local header, data and directory entry are. */
struct span {
	uint64_t	 start;		/* local header */
	uint64_t	 data;		/* first byte of data */
	uint64_t	 end;		/* past the last byte of data */
	uint64_t	 central;	/* its directory entry */
};

struct zcheck {
	struct ra_ctx	*ctx;
	const char	*file;
	uint64_t	 outer;		/* members of the zips around it */
	struct zbytes	 z;
	struct zwin	 tail;		/* the end records, then the directory */
	struct zwin	 other;		/* zip64 records, local headers */
	struct span	*span;
	size_t		 nspan, capspan;
};

/* The diagnostic for a read that failed; RA_EIO or RA_ENOMEM. */
static enum ra_err
read_failed(struct zcheck *zc)
{
	if (zc->z.err == ENOMEM)
		return RA_ENOMEM;
	ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_IO, zc->file, NULL, 0, 0,
	    "read error: %s", zc->z.err == -1 ? "the file got shorter" :
	    strerror(zc->z.err));
	return RA_EIO;
}

/*
 * Read the end record at P (its comment ends the file) into *E as libzip
 * would.  Returns 1 when libzip would go on to read its directory, 0 when
 * libzip refuses the record by itself, -1 when a read failed.
 */
static int
eocd_read(struct zcheck *zc, uint64_t p, const unsigned char *rec,
    struct eocd *e)
{
	const unsigned char	*loc, *r64;
	uint64_t		 loc_at, r64_at;
	uint32_t		 ndisk, cddisk;

	memset(e, 0, sizeof(*e));
	e->at = e->end = p;
	if (p < LOC64_LEN || memcmp(rec - LOC64_LEN, "PK\006\007", 4) != 0) {
		if (le32(rec + 4) != 0 || le16(rec + 8) != le16(rec + 10))
			return 0;
		e->nentry = le16(rec + 10);
		e->cd_size = le32(rec + 12);
		e->cd_off = le32(rec + 16);
		return 1;
	}
	loc = rec - LOC64_LEN;
	loc_at = p - LOC64_LEN;
	ndisk = le16(loc + 4);
	cddisk = le16(loc + 6);
	r64_at = le64(loc + 8);
	if (r64_at > INT64_MAX || r64_at + EOCD64_LEN > loc_at)
		return 0;
	if ((r64 = zbytes_at(&zc->z, &zc->other, r64_at, EOCD64_LEN)) == NULL)
		return -1;
	if (memcmp(r64, "PK\006\006", 4) != 0)
		return 0;
	if (ndisk == 0xffff)
		ndisk = le32(r64 + 16);
	if (cddisk == 0xffff)
		cddisk = le32(r64 + 20);
	if (ndisk != 0 || cddisk != 0 || le64(r64 + 24) != le64(r64 + 32))
		return 0;
	e->zip64 = 1;
	e->end = r64_at;
	e->nentry = le64(r64 + 32);
	e->cd_size = le64(r64 + 40);
	e->cd_off = le64(r64 + 48);
	if (e->cd_off > INT64_MAX || e->cd_off + e->cd_size < e->cd_off)
		return 0;
	return 1;
}

/*
 * Find the one end record libzip would read into *E, with *FOUND 1, or
 * set *FOUND 0 when there is none (libzip refuses the input by itself).
 */
static enum ra_err
eocd_find(struct zcheck *zc, struct eocd *e, int *found)
{
	const unsigned char	*tail, *p;
	uint64_t		 base, at;
	size_t			 len;
	struct eocd		 cand;
	int			 r;

	*found = 0;
	if (zc->z.size < EOCD_LEN)
		return RA_OK;
	len = zc->z.size < TAIL_LEN ? (size_t)zc->z.size : TAIL_LEN;
	base = zc->z.size - len;
	if ((tail = zbytes_at(&zc->z, &zc->tail, base, len)) == NULL)
		return read_failed(zc);
	for (p = tail; p + EOCD_LEN <= tail + len; p++) {
		if ((p = memchr(p, 'P', len - EOCD_LEN + 1 -
		    (size_t)(p - tail))) == NULL)
			break;
		at = base + (uint64_t)(p - tail);
		/* libzip wants the comment to end the file exactly. */
		if (memcmp(p, "PK\005\006", 4) != 0 ||
		    le16(p + 20) != zc->z.size - at - EOCD_LEN)
			continue;
		/*
		 * A zip64 locator before the record is in the tail too: the
		 * record is at least LOC64_LEN bytes into it, or the tail is
		 * the whole file.
		 */
		if ((r = eocd_read(zc, at, p, &cand)) == -1)
			return read_failed(zc);
		if (r == 0)
			continue;
		if (*found) {
			ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT,
			    zc->file, NULL, 0, 0, "more than one end of "
			    "central directory record (at bytes %llu and "
			    "%llu)", (unsigned long long)e->at,
			    (unsigned long long)cand.at);
			return RA_EZIP;
		}
		*e = cand;
		*found = 1;
	}
	return RA_OK;
}

/*
 * The members this zip may have: the limit, less those of the zips
 * around it (a nested zip counts against its package's limit).
 */
static uint64_t
members_left(const struct zcheck *zc)
{
	uint64_t	 limit = zc->ctx->limit[RA_LIMIT_MEMBERS];

	return zc->outer < limit ? limit - zc->outer : 0;
}

/* More members than the limit: RA205, naming the zips around it. */
static enum ra_err
too_many(struct zcheck *zc, const char *count)
{
	if (zc->outer == 0)
		ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBERS, zc->file,
		    NULL, 0, 0, "zip has %s members, over the limit of %llu",
		    count, (unsigned long long)
		    zc->ctx->limit[RA_LIMIT_MEMBERS]);
	else
		ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_MEMBERS, zc->file,
		    NULL, 0, 0, "zip has %s members, over the limit of %llu "
		    "with the %llu counted before it in its package", count,
		    (unsigned long long)zc->ctx->limit[RA_LIMIT_MEMBERS],
		    (unsigned long long)zc->outer);
	return RA_ELIMIT;
}

/*
 * Is the directory of E in proportion to the file?  Each entry takes at
 * least CENTRAL_LEN bytes of the directory and LOCAL_LEN before it.
 */
static enum ra_err
eocd_check(struct zcheck *zc, const struct eocd *e)
{
	uint64_t	 limit = members_left(zc);
	char		 count[32];

	if (e->cd_off > e->end || e->cd_size > e->end - e->cd_off) {
		ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT, zc->file,
		    NULL, 0, 0, "central directory too large for the file: "
		    "%llu bytes from byte %llu, in a file whose directory "
		    "ends by byte %llu", (unsigned long long)e->cd_size,
		    (unsigned long long)e->cd_off,
		    (unsigned long long)e->end);
		return RA_EZIP;
	}
	if (e->nentry > e->cd_size / CENTRAL_LEN ||
	    e->nentry > e->cd_off / LOCAL_LEN) {
		ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT, zc->file,
		    NULL, 0, 0, "central directory entry count out of "
		    "proportion to the file: %llu members in a directory of "
		    "%llu bytes from byte %llu", (unsigned long long)e->nentry,
		    (unsigned long long)e->cd_size,
		    (unsigned long long)e->cd_off);
		return RA_EZIP;
	}
	if (e->nentry > limit) {
		snprintf(count, sizeof(count), "%llu",
		    (unsigned long long)e->nentry);
		return too_many(zc, count);
	}
	return RA_OK;
}

/* A corrupt directory entry or local header: RA200. */
static enum ra_err
corrupt(struct zcheck *zc, uint64_t idx, uint64_t at, const char *what)
{
	ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP, zc->file, NULL, 0, 0,
	    "not a readable zip: central directory entry %llu (byte %llu): "
	    "%s", (unsigned long long)idx + 1, (unsigned long long)at, what);
	return RA_EZIP;
}

/*
 * The sizes and offset of the entry at P, from its zip64 extra field
 * where the 32-bit fields say so (in libzip's order: size, compressed
 * size, offset).  Returns 0, or -1 when the field is missing or short.
 */
static int
zip64_values(const unsigned char *ex, size_t exlen, uint64_t *size,
    uint64_t *csize, uint64_t *off)
{
	size_t		 i = 0, flen = 0, k = 0;

	while (exlen - i >= 4) {
		flen = le16(ex + i + 2);
		if (flen > exlen - i - 4)
			return -1;
		if (le16(ex + i) == 0x0001)
			break;
		i += 4 + flen;
	}
	if (exlen - i < 4)
		return -1;
	ex += i + 4;
	if (*size == 0xffffffff) {
		if (flen - k < 8)
			return -1;
		*size = le64(ex + k);
		k += 8;
	}
	if (*csize == 0xffffffff) {
		if (flen - k < 8)
			return -1;
		*csize = le64(ex + k);
		k += 8;
	}
	if (*off == 0xffffffff) {
		if (flen - k < 8)
			return -1;
		*off = le64(ex + k);
	}
	return 0;
}

/*
 * A member name (central or local header) over the name limit MAX:
 * RA112, as the parsers report a long name.
 */
static enum ra_err
name_too_long(struct zcheck *zc, uint64_t max)
{
	ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_TOOLONG, zc->file, NULL, 0, 0,
	    "member name over %llu bytes", (unsigned long long)max);
	return RA_ELIMIT;
}

/* Header fields of a member over this file's bounds: RA208. */
static enum ra_err
header_too_large(struct zcheck *zc, uint64_t idx, const char *what,
    unsigned n, unsigned max)
{
	ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT, zc->file, NULL,
	    0, 0, "member header too large: entry %llu has %u bytes of %s, "
	    "over the %u a member may have", (unsigned long long)idx + 1, n,
	    what, max);
	return RA_EZIP;
}

/*
 * Check entry IDX of the directory at *POS and the local header it
 * points to; record its span and move *POS past it.
 */
static enum ra_err
entry_check(struct zcheck *zc, const struct eocd *e, uint64_t idx,
    uint64_t *pos)
{
	uint64_t		 at = *pos, cd_end = e->cd_off + e->cd_size;
	uint64_t		 size, csize, off, data;
	uint64_t		 name_max = zc->ctx->limit[RA_LIMIT_NAME_LENGTH];
	const unsigned char	*c, *l;
	unsigned		 nlen, xlen, clen, lnlen, lxlen;
	struct span		*s;

	if (cd_end - at < CENTRAL_LEN)
		return corrupt(zc, idx, at, "cut short");
	if ((c = zbytes_at(&zc->z, &zc->tail, at, CENTRAL_LEN)) == NULL)
		return read_failed(zc);
	if (memcmp(c, "PK\001\002", 4) != 0)
		return corrupt(zc, idx, at, "no entry signature");
	nlen = le16(c + 28);
	xlen = le16(c + 30);
	clen = le16(c + 32);
	if (cd_end - at - CENTRAL_LEN < (uint64_t)nlen + xlen + clen)
		return corrupt(zc, idx, at, "runs past the central directory");
	if (nlen > name_max)
		return name_too_long(zc, name_max);
	if (xlen > ZIP_EXTRA_MAX)
		return header_too_large(zc, idx, "extra fields", xlen,
		    ZIP_EXTRA_MAX);
	if (clen > ZIP_COMMENT_MAX)
		return header_too_large(zc, idx, "comment", clen,
		    ZIP_COMMENT_MAX);
	if ((c = zbytes_at(&zc->z, &zc->tail, at, CENTRAL_LEN + nlen + xlen +
	    clen)) == NULL)
		return read_failed(zc);
	csize = le32(c + 20);
	size = le32(c + 24);
	off = le32(c + 42);
	if ((size == 0xffffffff || csize == 0xffffffff ||
	    off == 0xffffffff) && zip64_values(c + CENTRAL_LEN + nlen, xlen,
	    &size, &csize, &off) == -1)
		return corrupt(zc, idx, at, "zip64 sizes missing");
	*pos = at + CENTRAL_LEN + nlen + xlen + clen;

	if (off > e->cd_off || e->cd_off - off < LOCAL_LEN)
		return corrupt(zc, idx, at, "local header outside the file's "
		    "data");
	if ((l = zbytes_at(&zc->z, &zc->other, off, LOCAL_LEN)) == NULL)
		return read_failed(zc);
	if (memcmp(l, "PK\003\004", 4) != 0)
		return corrupt(zc, idx, at, "no local header where it points");
	lnlen = le16(l + 26);
	lxlen = le16(l + 28);
	if (lnlen > name_max)
		return name_too_long(zc, name_max);
	if (lxlen > ZIP_EXTRA_MAX)
		return header_too_large(zc, idx, "extra fields", lxlen,
		    ZIP_EXTRA_MAX);
	data = off + LOCAL_LEN + lnlen + lxlen;
	if (data > e->cd_off || csize > e->cd_off - data) {
		ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT, zc->file,
		    NULL, 0, 0, "members overlap: entry %llu's data runs into "
		    "the central directory (byte %llu)",
		    (unsigned long long)idx + 1,
		    (unsigned long long)e->cd_off);
		return RA_EZIP;
	}
	if (ra_grow(&zc->span, &zc->capspan, zc->nspan + 1,
	    sizeof(*zc->span)) == -1)
		return RA_ENOMEM;
	s = &zc->span[zc->nspan++];
	s->start = off;
	s->data = data;
	s->end = data + csize;
	s->central = at;
	return RA_OK;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->central < y->central ? -1 : x->central > y->central;
}

/* The name of the member whose directory entry is at AT, for a message. */
static char *
entry_name(struct zcheck *zc, uint64_t at)
{
	const unsigned char	*c;
	size_t			 n;

	if ((c = zbytes_at(&zc->z, &zc->tail, at, CENTRAL_LEN)) == NULL)
		return NULL;
	n = le16(c + 28);
	if ((c = zbytes_at(&zc->z, &zc->tail, at, CENTRAL_LEN + n)) == NULL)
		return NULL;
	return ra_strndup((const char *)c + CENTRAL_LEN, n);
}

/* Members in the order of their local headers must not overlap. */
static enum ra_err
overlap_check(struct zcheck *zc)
{
	const struct span	*a, *b;
	char			*an, *bn;
	size_t			 i;

	if (zc->nspan > 1)
		qsort(zc->span, zc->nspan, sizeof(*zc->span), span_cmp);
	for (i = 1; i < zc->nspan; i++) {
		a = &zc->span[i - 1];
		b = &zc->span[i];
		if (b->start >= a->end)
			continue;
		an = entry_name(zc, a->central);
		bn = entry_name(zc, b->central);
		if (an == NULL || bn == NULL) {
			free(an);
			free(bn);
			return zc->z.err == ENOMEM || zc->z.err == 0 ?
			    RA_ENOMEM : read_failed(zc);
		}
		if (b->start == a->start)
			ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT,
			    zc->file, NULL, 0, 0, "members overlap: \"%s\" and "
			    "\"%s\" share the local header at byte %llu", an,
			    bn, (unsigned long long)a->start);
		else if (b->start < a->data)
			ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT,
			    zc->file, NULL, 0, 0, "members overlap: the local "
			    "header of \"%s\" (byte %llu) is nested in the "
			    "local header of \"%s\" (bytes %llu to %llu)", bn,
			    (unsigned long long)b->start, an,
			    (unsigned long long)a->start,
			    (unsigned long long)a->data - 1);
		else
			ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP_LAYOUT,
			    zc->file, NULL, 0, 0, "members overlap: the local "
			    "header of \"%s\" (byte %llu) lies inside the data "
			    "of \"%s\" (bytes %llu to %llu)", bn,
			    (unsigned long long)b->start, an,
			    (unsigned long long)a->data,
			    (unsigned long long)a->end - 1);
		free(an);
		free(bn);
		return RA_EZIP;
	}
	return RA_OK;
}

/* Walk the directory of E entry by entry. */
static enum ra_err
directory_check(struct zcheck *zc, const struct eocd *e, uint64_t *count)
{
	uint64_t	 limit = members_left(zc);
	uint64_t	 pos = e->cd_off, cd_end = e->cd_off + e->cd_size, n = 0;
	char		 many[40];
	enum ra_err	 rc;

	while (pos < cd_end) {
		/*
		 * libzip reads past the recorded count only without zip64
		 * (Info-ZIP writes the count modulo 65536 there).
		 */
		if (n == e->nentry && e->zip64)
			break;
		if (n == limit) {
			if (zc->outer == 0) {
				ra_diag_add(zc->ctx, RA_SEV_ERROR,
				    RA_C_ZIP_MEMBERS, zc->file, NULL, 0, 0,
				    "zip has more than %llu members, the limit",
				    (unsigned long long)limit);
				return RA_ELIMIT;
			}
			snprintf(many, sizeof(many), "more than %llu",
			    (unsigned long long)limit);
			return too_many(zc, many);
		}
		if ((rc = entry_check(zc, e, n, &pos)) != RA_OK)
			return rc;
		n++;
	}
	if (pos != cd_end || n < e->nentry || (n - e->nentry) % 0x10000 != 0 ||
	    (e->zip64 && n != e->nentry)) {
		ra_diag_add(zc->ctx, RA_SEV_ERROR, RA_C_ZIP, zc->file, NULL, 0,
		    0, "not a readable zip: the central directory holds %llu "
		    "entries in %llu bytes, its end record says %llu in %llu",
		    (unsigned long long)n,
		    (unsigned long long)(pos - e->cd_off),
		    (unsigned long long)e->nentry,
		    (unsigned long long)e->cd_size);
		return RA_EZIP;
	}
	*count = n;
	return overlap_check(zc);
}

enum ra_err
ra_zip_check(struct ra_ctx *ctx, const char *file, const void *buf,
    uint64_t len, int fd, uint64_t outer, struct ra_zip_layout *out)
{
	struct zcheck	 zc;
	struct eocd	 e;
	enum ra_err	 rc = RA_OK;
	int		 found;

	memset(out, 0, sizeof(*out));
	memset(&zc, 0, sizeof(zc));
	memset(&e, 0, sizeof(e));
	zc.ctx = ctx;
	zc.file = file;
	zc.outer = outer;
	zc.z.mem = buf;
	zc.z.fd = fd;
	zc.z.size = len;
	zc.tail.ahead = WINDOW;
	zc.other.ahead = LOCAL_AHEAD;
	if ((rc = eocd_find(&zc, &e, &found)) == RA_OK && found &&
	    (rc = eocd_check(&zc, &e)) == RA_OK &&
	    (rc = directory_check(&zc, &e, &out->members)) == RA_OK) {
		out->found = 1;
		out->cd_off = e.cd_off;
		out->cd_size = e.cd_size;
	}
	free(zc.tail.buf);
	free(zc.other.buf);
	free(zc.span);
	return rc;
}
