/*
 * sha256.c - the input digests reports carry as audit evidence and the
 * keyed pseudonyms of --redact: SHA-256 and HMAC-SHA-256 from GNU Nettle,
 * in the hex and whole-file forms the rest of roleaudit asks for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <nettle/base16.h>

#include "base/base.h"

#define FILE_CHUNK	(256 * 1024)

void
ra_sha256_init(struct ra_sha256 *s)
{
	sha256_init(&s->ctx);
}

void
ra_sha256_update(struct ra_sha256 *s, const void *data, size_t len)
{
	/*
	 * DATA may be NULL when LEN is 0; nettle would still pass it to
	 * memcpy, which must never see a null pointer.
	 */
	if (len > 0)
		sha256_update(&s->ctx, len, data);
}

void
ra_sha256_final(struct ra_sha256 *s, unsigned char out[32])
{
	sha256_digest(&s->ctx, SHA256_DIGEST_SIZE, out);
}

/* D as 64 lower-case hex digits (as sha256sum prints them) and a NUL. */
static void
to_hex(const unsigned char d[SHA256_DIGEST_SIZE], char hex[65])
{
	base16_encode_update(hex, SHA256_DIGEST_SIZE, d);
	hex[BASE16_ENCODE_LENGTH(SHA256_DIGEST_SIZE)] = '\0';
}

void
ra_sha256_hex(struct ra_sha256 *s, char hex[65])
{
	unsigned char	 d[SHA256_DIGEST_SIZE];

	ra_sha256_final(s, d);
	to_hex(d, hex);
}

enum ra_err
ra_sha256_file(const char *path, char hex[65], int *err)
{
	struct ra_sha256 sha;
	FILE		*f;
	char		*buf;
	size_t		 n;
	enum ra_err	 rc;

	*err = 0;
	if ((f = ra_sys_fopen(path, "rb")) == NULL) {
		*err = errno;
		return RA_ENOTFOUND;
	}
	if ((buf = malloc(FILE_CHUNK)) == NULL) {
		fclose(f);
		return RA_ENOMEM;
	}
	ra_sha256_init(&sha);
	while ((n = fread(buf, 1, FILE_CHUNK, f)) > 0)
		ra_sha256_update(&sha, buf, n);
	rc = ferror(f) ? RA_EIO : RA_OK;
	*err = errno;
	ra_sha256_hex(&sha, hex);
	free(buf);
	fclose(f);
	return rc;
}

void
ra_hmac_sha256_init(struct ra_hmac_sha256 *h, const void *key, size_t keylen)
{
	/* A key longer than a block is hashed first, as RFC 2104 says. */
	hmac_sha256_set_key(&h->ctx, keylen, keylen > 0 ? key : (const void *)"");
}

void
ra_hmac_sha256_update(struct ra_hmac_sha256 *h, const void *data, size_t len)
{
	/* As ra_sha256_update: DATA may be NULL when LEN is 0. */
	if (len > 0)
		hmac_sha256_update(&h->ctx, len, data);
}

void
ra_hmac_sha256_hex(struct ra_hmac_sha256 *h, char hex[65])
{
	unsigned char	 d[SHA256_DIGEST_SIZE];

	hmac_sha256_digest(&h->ctx, SHA256_DIGEST_SIZE, d);
	to_hex(d, hex);
}
