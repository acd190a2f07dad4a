/*
 * sha256.c - the input digests reports carry as audit evidence: SHA-256
 * from GNU Nettle (nettle/sha2.h), and the hex and whole-file forms the
 * rest of roleaudit asks for.
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

void
ra_sha256_hex(struct ra_sha256 *s, char hex[65])
{
	unsigned char	 d[SHA256_DIGEST_SIZE];

	ra_sha256_final(s, d);
	/* Lower-case digits, as sha256sum prints them. */
	base16_encode_update(hex, sizeof(d), d);
	hex[BASE16_ENCODE_LENGTH(sizeof(d))] = '\0';
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
