/*
 * test_zipcheck.c - zipcheck.c and the limits zip.c applies before a
 * member is inflated: each bound with an input just under it (read in
 * full by libzip too) and one just over it (refused with its code).
 *
 * Zips are built by hand here, members stored, so that a test can move
 * one field of one header by one byte.
 */
#include <fcntl.h>

#include "unit.h"

#define CUST	"<ImportExportXml><Roles><Role id=\"{1}\" name=\"A\"/>" \
		"</Roles></ImportExportXml>"
#define ROLE	"<Role id=\"{2}\" name=\"B\"/>"

/* A member to build: stored DATA, headers of the sizes asked for. */
struct hm {
	const char	*name;
	const char	*data;
	unsigned	 lextra;	/* bytes of extra field, local header */
	unsigned	 cextra;	/* ... central entry */
	unsigned	 comment;
	unsigned	 csize_more;	/* added to the compressed size */
	int		 same_offset;	/* points at the previous header */
};

/* How the end of the zip is written. */
struct hend {
	unsigned	 count_more;	/* added to the entry count */
	unsigned	 cd_size_more;	/* added to the directory's size */
	int		 zip64;		/* zip64 record, locator and entries */
};

static void
put16(struct ra_buf *b, unsigned v)
{
	unsigned char	 p[2] = { v & 0xff, (v >> 8) & 0xff };

	ra_buf_add(b, (const char *)p, 2);
}

static void
put32(struct ra_buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

static void
put64(struct ra_buf *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b, (uint32_t)(v >> 32));
}

static uint32_t
crc32_of(const char *s, size_t n)
{
	uint32_t	 c = 0xffffffff;
	size_t		 i;
	int		 k;

	for (i = 0; i < n; i++) {
		c ^= (unsigned char)s[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320 : c >> 1;
	}
	return ~c;
}

/* N bytes of extra field (0, or at least 4): one field of an unknown id. */
static void
put_extra(struct ra_buf *b, unsigned n)
{
	if (n == 0)
		return;
	assert_true(n >= 4);
	put16(b, 0xcafe);
	put16(b, n - 4);
	while (n-- > 4)
		ra_buf_add(b, "x", 1);
}

/* Build the N members of M, ended as E says, into OUT. */
static void
hz_build(const struct hm *m, size_t n, const struct hend *e,
    struct ra_buf *out)
{
	struct ra_buf	 cd = { 0 };
	uint64_t	*off;
	uint64_t	 cd_off, cd_len, count;
	size_t		 i, dlen, nlen;
	uint32_t	 csize;
	unsigned	 k, x64 = e->zip64 ? 28 : 0;

	memset(out, 0, sizeof(*out));
	assert_non_null(off = calloc(n ? n : 1, sizeof(*off)));
	for (i = 0; i < n; i++) {
		dlen = strlen(m[i].data);
		nlen = strlen(m[i].name);
		csize = (uint32_t)(dlen + m[i].csize_more);
		off[i] = m[i].same_offset && i > 0 ? off[i - 1] : out->len;
		if (m[i].same_offset && i > 0)
			continue;
		put32(out, 0x04034b50);
		put16(out, 20);
		put16(out, 0x0800);
		put16(out, 0);
		put16(out, 0);
		put16(out, 0x21);
		put32(out, crc32_of(m[i].data, dlen));
		put32(out, csize);
		put32(out, (uint32_t)dlen);
		put16(out, (unsigned)nlen);
		put16(out, m[i].lextra);
		ra_buf_add(out, m[i].name, nlen);
		put_extra(out, m[i].lextra);
		ra_buf_add(out, m[i].data, dlen);
	}
	cd_off = out->len;
	for (i = 0; i < n; i++) {
		dlen = strlen(m[i].data);
		nlen = strlen(m[i].name);
		csize = (uint32_t)(dlen + m[i].csize_more);
		put32(&cd, 0x02014b50);
		put16(&cd, e->zip64 ? 45 : 20);
		put16(&cd, e->zip64 ? 45 : 20);
		put16(&cd, 0x0800);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0x21);
		put32(&cd, crc32_of(m[i].data, dlen));
		put32(&cd, e->zip64 ? 0xffffffff : csize);
		put32(&cd, e->zip64 ? 0xffffffff : (uint32_t)dlen);
		put16(&cd, (unsigned)nlen);
		put16(&cd, m[i].cextra + x64);
		put16(&cd, m[i].comment);
		put32(&cd, 0);
		put32(&cd, 0);
		put32(&cd, e->zip64 ? 0xffffffff : (uint32_t)off[i]);
		ra_buf_add(&cd, m[i].name, nlen);
		if (e->zip64) {
			put16(&cd, 0x0001);
			put16(&cd, 24);
			put64(&cd, dlen);
			put64(&cd, csize);
			put64(&cd, off[i]);
		}
		put_extra(&cd, m[i].cextra);
		for (k = 0; k < m[i].comment; k++)
			ra_buf_add(&cd, "c", 1);
	}
	cd_len = cd.len + e->cd_size_more;
	count = n + e->count_more;
	ra_buf_add(out, cd.s ? cd.s : "", cd.len);
	if (e->zip64) {
		uint64_t	 at = out->len;

		put32(out, 0x06064b50);
		put64(out, 44);
		put16(out, 45);
		put16(out, 45);
		put32(out, 0);
		put32(out, 0);
		put64(out, count);
		put64(out, count);
		put64(out, cd_len);
		put64(out, cd_off);
		put32(out, 0x07064b50);
		put32(out, 0);
		put64(out, at);
		put32(out, 1);
	}
	put32(out, 0x06054b50);
	put32(out, 0);
	put16(out, e->zip64 ? 0xffff : (unsigned)count);
	put16(out, e->zip64 ? 0xffff : (unsigned)count);
	put32(out, e->zip64 ? 0xffffffff : (uint32_t)cd_len);
	put32(out, e->zip64 ? 0xffffffff : (uint32_t)cd_off);
	put16(out, 0);
	assert_false(out->oom || cd.oom);
	ra_buf_free(&cd);
	free(off);
}

/* Check the layout of the zip in B; the status. */
static enum ra_err
check(struct ra_ctx *ctx, const struct ra_buf *b, struct ra_zip_layout *lay)
{
	return ra_zip_check(ctx, "t.zip", b->s, b->len, -1, 0, lay);
}

/* Load B as a solution: libzip reads it all. */
static enum ra_err
load(struct ra_ctx *ctx, const struct ra_buf *b)
{
	struct ra_solution	*sol = NULL;
	enum ra_err		 rc;

	rc = ra_solution_load_buffer(ctx, "t.zip", b->s, b->len, &sol);
	ra_solution_free(sol);
	return rc;
}

/* The first diagnostic's message holds TEXT. */
static void
assert_says(const struct ra_ctx *ctx, int code, const char *text)
{
	const struct ra_diag	*d;

	assert_non_null(d = ut_diag(ctx, code));
	if (strstr(d->message, text) == NULL)
		fail_msg("\"%s\" not in \"%s\"", text, d->message);
}

static const struct hend plain = { 0, 0, 0 };

/* A sound zip: found, every entry counted, read in full by libzip. */
static void
test_sound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "Roles/b.xml", ROLE, 0, 0, 0, 0, 0 },
	};
	struct ra_zip_layout	 lay;
	struct ra_buf		 b;

	(void)state;
	hz_build(m, 2, &plain, &b);
	{
		struct ra_ctx	*ctx = ra_ctx_new();

		assert_int_equal(check(ctx, &b, &lay), RA_OK);
		assert_int_equal(lay.found, 1);
		assert_int_equal(lay.members, 2);
		assert_int_equal(load(ctx, &b), RA_OK);
		assert_int_equal(ra_ctx_diag_count(ctx), 0);
		ra_ctx_free(ctx);
	}
	ra_buf_free(&b);
}

/* No end record: left to libzip, which refuses with its own message. */
static void
test_no_end_record(void **state)
{
	static const char	 junk[] = "PK\003\004 not a zip at all, really";
	struct ra_ctx		*ctx = *state;
	struct ra_zip_layout	 lay;
	struct ra_solution	*sol = NULL;

	assert_int_equal(ra_zip_check(ctx, "j.zip", junk, sizeof(junk) - 1,
	    -1, 0, &lay), RA_OK);
	assert_int_equal(lay.found, 0);
	assert_int_equal(ra_solution_load_buffer(ctx, "j.zip", junk,
	    sizeof(junk) - 1, &sol), RA_EZIP);
	assert_says(ctx, RA_C_ZIP, "not a readable zip: Not a zip archive");
}

/*
 * Data that reaches the next local header by one byte overlaps it; data
 * that ends right before it does not (test_sound).
 */
static void
test_overlap_by_one(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 1, 0 },
		{ "Roles/b.xml", ROLE, 0, 0, 0, 0, 0 },
	};
	struct ra_ctx		*ctx = *state;
	struct ra_zip_layout	 lay;
	struct ra_buf		 b;

	hz_build(m, 2, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "members overlap: the local header "
	    "of \"Roles/b.xml\"");
	assert_says(ctx, RA_C_ZIP_LAYOUT, "lies inside the data of "
	    "\"customizations.xml\"");
	ra_buf_free(&b);
}

/* The last member's data may reach the directory, not run into it. */
static void
test_data_into_directory(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 1, 0 },
	};
	struct ra_ctx		*ctx = *state;
	struct ra_zip_layout	 lay;
	struct ra_buf		 b;

	hz_build(m, 1, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "runs into the central directory");
	ra_buf_free(&b);
}

/* Two entries pointing at one local header. */
static void
test_shared_header(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "customizations.xml", CUST, 0, 0, 0, 0, 1 },
	};
	struct ra_ctx		*ctx = *state;
	struct ra_zip_layout	 lay;
	struct ra_buf		 b;

	hz_build(m, 2, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "share the local header at byte 0");
	ra_buf_free(&b);
}

/* 256 bytes of extra field in either header pass; 257 do not. */
static void
test_extra_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 256, 256, 0, 0, 0 },
	};
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx;
	struct ra_buf		 b;
	int			 which;

	(void)state;
	ctx = ra_ctx_new();
	hz_build(m, 1, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_OK);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_buf_free(&b);
	ra_ctx_free(ctx);
	for (which = 0; which < 2; which++) {
		ctx = ra_ctx_new();
		m[0].lextra = which == 0 ? 257 : 256;
		m[0].cextra = which == 1 ? 257 : 256;
		hz_build(m, 1, &plain, &b);
		assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
		assert_says(ctx, RA_C_ZIP_LAYOUT, "member header too large: "
		    "entry 1 has 257 bytes of extra fields, over the 256");
		ra_buf_free(&b);
		ra_ctx_free(ctx);
	}
}

/* A member comment of 256 bytes passes; 257 does not. */
static void
test_comment_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 256, 0, 0 },
	};
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b;

	(void)state;
	hz_build(m, 1, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_OK);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_buf_free(&b);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	m[0].comment = 257;
	hz_build(m, 1, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "257 bytes of comment");
	ra_buf_free(&b);
	ra_ctx_free(ctx);
}

/*
 * Names as long as RA_LIMIT_NAME_LENGTH pass; a name one byte longer
 * (customizations.xml, 18 bytes, under a limit of 17) does not.
 */
static void
test_name_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "Roles/abcdefgh.xml", ROLE, 0, 0, 0, 0, 0 },	/* 18 */
	};
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b;

	(void)state;
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_NAME_LENGTH, 18),
	    RA_OK);
	hz_build(m, 2, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_OK);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_buf_free(&b);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_NAME_LENGTH, 17),
	    RA_OK);
	hz_build(m, 2, &plain, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_ELIMIT);
	assert_says(ctx, RA_C_TOOLONG, "member name over 17 bytes");
	ra_buf_free(&b);
	ra_ctx_free(ctx);
}

/* As many members as RA_LIMIT_MEMBERS pass; one more does not. */
static void
test_members_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "Roles/b.xml", ROLE, 0, 0, 0, 0, 0 },
	};
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b;

	(void)state;
	hz_build(m, 2, &plain, &b);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 2), RA_OK);
	assert_int_equal(check(ctx, &b, &lay), RA_OK);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 1), RA_OK);
	assert_int_equal(check(ctx, &b, &lay), RA_ELIMIT);
	assert_says(ctx, RA_C_ZIP_MEMBERS, "zip has 2 members, over the "
	    "limit of 1");
	ra_buf_free(&b);
	ra_ctx_free(ctx);
}

/*
 * A directory that ends where the end record starts passes; one byte
 * longer is too large for the file.
 */
static void
test_directory_size_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
	};
	struct hend		 e = { 0, 1, 0 };
	struct ra_ctx		*ctx = *state;
	struct ra_zip_layout	 lay;
	struct ra_buf		 b;

	hz_build(m, 1, &e, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "central directory too large for "
	    "the file: 65 bytes");
	ra_buf_free(&b);
}

/*
 * An entry count the directory can hold is walked (and a wrong one is
 * a corrupt zip); one it cannot hold is out of proportion.
 */
static void
test_count_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "Roles/a-long-enough-name-to-fit-a-third-entry.xml", ROLE, 0,
		    0, 0, 0, 0 },
	};
	struct hend		 e = { 1, 0, 0 };
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b;

	(void)state;
	/* 64 + 95 bytes of directory hold 3 entries of 46. */
	hz_build(m, 2, &e, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP, "holds 2 entries in 159 bytes, its end "
	    "record says 3");
	ra_buf_free(&b);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	e.count_more = 2;
	hz_build(m, 2, &e, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "entry count out of proportion to "
	    "the file: 4 members in a directory of 159 bytes");
	ra_buf_free(&b);
	ra_ctx_free(ctx);
}

/*
 * Two end records that both end the file (the first's comment is the
 * second): libzip would read both directories.  A comment that merely
 * holds the signature is not a record.
 */
static void
test_two_end_records(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
	};
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b, two = { 0 };
	char			 rec[22];

	(void)state;
	hz_build(m, 1, &plain, &b);
	memcpy(rec, b.s + b.len - 22, 22);
	ra_buf_add(&two, b.s, b.len - 2);
	put16(&two, 22);		/* the comment: */
	ra_buf_add(&two, rec, 22);	/* a second record */
	assert_int_equal(check(ctx, &two, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "more than one end of central "
	    "directory record");
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	two.s[two.len - 2] = 1;		/* the second ends past the file */
	assert_int_equal(check(ctx, &two, &lay), RA_OK);
	assert_int_equal(lay.found, 1);
	assert_int_equal(load(ctx, &two), RA_OK);
	ra_buf_free(&two);
	ra_buf_free(&b);
	ra_ctx_free(ctx);
}

/* zip64: sizes and offsets from the extra field, overlap seen there. */
static void
test_zip64(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "Roles/b.xml", ROLE, 0, 0, 0, 0, 0 },
	};
	struct hend		 e = { 0, 0, 1 };
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b;

	(void)state;
	hz_build(m, 2, &e, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_OK);
	assert_int_equal(lay.members, 2);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_buf_free(&b);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	m[0].csize_more = 1;
	hz_build(m, 2, &e, &b);
	assert_int_equal(check(ctx, &b, &lay), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "members overlap");
	ra_buf_free(&b);
	ra_ctx_free(ctx);
}

/*
 * Info-ZIP writes the entry count modulo 65536 without zip64; libzip
 * then reads on to the end of the directory, and so does the check.
 */
static void
test_count_modulo(void **state)
{
	struct hm		*m;
	struct hend		 e = { 0, 0, 0 };
	struct ra_zip_layout	 lay;
	struct ra_ctx		*ctx = *state;
	struct ra_buf		 b;
	char			(*names)[24];
	size_t			 i, n = 65537;

	assert_non_null(m = calloc(n, sizeof(*m)));
	assert_non_null(names = calloc(n, sizeof(*names)));
	m[0].name = "customizations.xml";
	m[0].data = CUST;
	for (i = 1; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "o/%zu", i);
		m[i].name = names[i];
		m[i].data = "";
	}
	hz_build(m, n, &e, &b);		/* the record says 65537 % 65536 */
	assert_int_equal(check(ctx, &b, &lay), RA_OK);
	assert_int_equal(lay.members, n);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_buf_free(&b);
	free(names);
	free(m);
}

/*
 * From a file, through windows of 256 KiB: a directory larger than one
 * window reads as it does from memory, and an overlap is seen too.
 */
static void
test_from_file(void **state)
{
	struct hm		*m;
	struct ra_zip_layout	 lay, mlay;
	struct ra_ctx		*ctx;
	struct ra_solution	*sol = NULL;
	struct ra_buf		 b;
	char			(*names)[80], path[UT_PATH_MAX];
	size_t			 i, n = 4000;
	int			 fd;

	assert_non_null(m = calloc(n, sizeof(*m)));
	assert_non_null(names = calloc(n, sizeof(*names)));
	m[0].name = "customizations.xml";
	m[0].data = CUST;
	for (i = 1; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "Other/a-name-long-"
		    "enough-to-fill-a-window-quickly-%zu.txt", i);
		m[i].name = names[i];
		m[i].data = "some text";
	}
	hz_build(m, n, &plain, &b);
	assert_true(b.len > 2 * 256 * 1024);
	ut_write(*state, "big.zip", b.s, b.len);
	ut_join(path, *state, "big.zip");
	ctx = ra_ctx_new();
	assert_true((fd = open(path, O_RDONLY)) != -1);
	assert_int_equal(ra_zip_check(ctx, path, NULL, b.len, fd, 0, &lay),
	    RA_OK);
	close(fd);
	assert_int_equal(check(ctx, &b, &mlay), RA_OK);
	assert_int_equal(lay.members, n);
	assert_int_equal(mlay.members, n);
	assert_int_equal(lay.cd_off, mlay.cd_off);
	assert_int_equal(ra_solution_load(ctx, path, &sol), RA_OK);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
	ra_buf_free(&b);

	m[n - 2].csize_more = 1;
	hz_build(m, n, &plain, &b);
	ut_write(*state, "big.zip", b.s, b.len);
	ctx = ra_ctx_new();
	assert_int_equal(ra_solution_load(ctx, path, &sol), RA_EZIP);
	assert_says(ctx, RA_C_ZIP_LAYOUT, "members overlap");
	ra_ctx_free(ctx);
	ra_buf_free(&b);
	free(names);
	free(m);
}

/*
 * Members that inflate to RA_LIMIT_TOTAL_SIZE together are read; one
 * byte less and none is.
 */
static void
test_total_bound(void **state)
{
	struct hm		 m[] = {
		{ "customizations.xml", CUST, 0, 0, 0, 0, 0 },
		{ "Roles/b.xml", ROLE, 0, 0, 0, 0, 0 },
	};
	uint64_t		 all = strlen(CUST) + strlen(ROLE);
	struct ra_ctx		*ctx = ra_ctx_new();
	struct ra_buf		 b;
	char			 want[128];

	(void)state;
	hz_build(m, 2, &plain, &b);
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_TOTAL_SIZE, all),
	    RA_OK);
	assert_int_equal(load(ctx, &b), RA_OK);
	ra_ctx_free(ctx);
	ctx = ra_ctx_new();
	assert_int_equal(ra_ctx_set_limit(ctx, RA_LIMIT_TOTAL_SIZE, all - 1),
	    RA_OK);
	assert_int_equal(load(ctx, &b), RA_ELIMIT);
	snprintf(want, sizeof(want), "members to read inflate to %llu bytes "
	    "in all, over the limit of %llu (--max-total-size)",
	    (unsigned long long)all, (unsigned long long)all - 1);
	assert_says(ctx, RA_C_ZIP_BOMB, want);
	/* Refused before a member was parsed: no role, no other error. */
	assert_int_equal(ra_ctx_diag_count(ctx), 1);
	assert_int_equal(ra_ctx_limit(ctx, RA_LIMIT_TOTAL_SIZE), all - 1);
	ra_ctx_free(ctx);
	ra_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sound),
		cmocka_unit_test_setup_teardown(test_no_end_record,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_overlap_by_one,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_data_into_directory,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_shared_header,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test(test_extra_bound),
		cmocka_unit_test(test_comment_bound),
		cmocka_unit_test(test_name_bound),
		cmocka_unit_test(test_members_bound),
		cmocka_unit_test_setup_teardown(test_directory_size_bound,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test(test_count_bound),
		cmocka_unit_test(test_two_end_records),
		cmocka_unit_test(test_zip64),
		cmocka_unit_test_setup_teardown(test_count_modulo,
		    ut_setup_ctx, ut_teardown_ctx),
		cmocka_unit_test_setup_teardown(test_from_file,
		    ut_setup_tmp, ut_teardown_tmp),
		cmocka_unit_test(test_total_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
