/*
 * fuzz_zipdir.c - libFuzzer target for zipcheck.c, the walk over a zip's
 * end record and central directory that runs before libzip opens it.
 *
 * The input is the bytes of a zip, passed without a copy, so
 * AddressSanitizer sees any read past its end.  Beyond the sanitizers'
 * findings, the target aborts when:
 *   - the walk refuses an input without recording a diagnostic;
 *   - it finds no end record libzip would read, but libzip (as zip.c
 *     opens it, ZIP_RDONLY | ZIP_CHECKCONS) opens the zip with entries
 *     anyway: libzip would then have read a directory nobody checked
 *     (libzip opens zero bytes as an empty archive);
 *   - it passes a directory of N entries, and libzip opens the zip with
 *     another number of entries.
 * The member limit is lowered to 1000, so a walk that passes is cheap
 * for libzip too.
 */
#include <stdint.h>
#include <stdlib.h>

#include <zip.h>

#include "input/input.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The number of entries libzip sees in the zip, or -1 when it refuses it. */
static zip_int64_t
libzip_entries(const uint8_t *data, size_t size)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_int64_t	 n = -1;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, size, 0, &ze)) == NULL)
		abort();
	if ((za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze)) == NULL)
		zip_source_free(src);
	else {
		n = zip_get_num_entries(za, 0);
		zip_discard(za);
	}
	zip_error_fini(&ze);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ra_ctx		*ctx;
	struct ra_zip_layout	 lay;
	enum ra_err		 rc;
	zip_int64_t		 n;

	if ((ctx = ra_ctx_new()) == NULL)
		abort();
	if (ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 1000) != RA_OK)
		abort();
	rc = ra_zip_check(ctx, "fuzz.zip", data, size, -1, 0, &lay);
	if (rc != RA_OK && rc != RA_ENOMEM && ra_ctx_diag_count(ctx) == 0)
		abort();	/* refused without a reason */
	if (rc == RA_OK) {
		n = libzip_entries(data, size);
		if (!lay.found && n > 0)
			abort();	/* libzip read an unchecked directory */
		if (lay.found && n != -1 && (uint64_t)n != lay.members)
			abort();	/* libzip read another directory */
	}
	ra_ctx_free(ctx);
	return 0;
}
