/*
 * fuzz_zip.c - libFuzzer target for solution zips and Package Deployer
 * packages (zip.c, package.c, and the XML stage behind them), through
 * the public ra_solution_load_buffer(); a package's parts are read back,
 * then merged as diff merges them, and read back again.
 *
 * The input is the bytes of a file named "fuzz.zip".  Bytes that do not
 * start with a zip signature take the XML path, as they would in
 * roleaudit.  Limits are set low first so that a bomb the fuzzer builds
 * stays cheap: 8 MiB a member, 1000 members, nesting 256.  Every input
 * gets a fresh context; diagnostics and roles are read back, so the
 * sanitizers see what the loader stored.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roleaudit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
inspect(const struct ra_ctx *ctx, const struct ra_solution *sol)
{
	const struct ra_role	*r;
	size_t			 i;
	char			*s;
	volatile size_t		 sink = 0;

	for (i = 0; ctx != NULL && i < ra_ctx_diag_count(ctx); i++)
		if ((s = ra_diag_format(ra_ctx_diag(ctx, i))) != NULL) {
			sink += strlen(s);
			free(s);
		}
	if (sol == NULL)
		return;
	sink += strlen(ra_solution_path(sol)) +
	    strlen(ra_solution_sha256(sol)) +
	    (size_t)ra_solution_kind(sol) + (size_t)ra_solution_managed(sol);
	if (ra_solution_unique_name(sol))
		sink += strlen(ra_solution_unique_name(sol));
	if (ra_solution_version(sol))
		sink += strlen(ra_solution_version(sol));
	for (i = 0; i < ra_solution_role_count(sol); i++) {
		r = ra_solution_role(sol, i);
		sink += strlen(ra_role_id(r)) + strlen(ra_role_name(r)) +
		    strlen(ra_role_file(r)) + ra_role_line(r) +
		    ra_role_privilege_count(r);
	}
	(void)sink;
	for (i = 0; i < ra_solution_part_count(sol); i++)
		inspect(NULL, ra_solution_part(sol, i));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ra_ctx		*ctx;
	struct ra_solution	*sol = NULL;
	enum ra_err		 rc;

	if ((ctx = ra_ctx_new()) == NULL)
		abort();
	if (ra_ctx_set_limit(ctx, RA_LIMIT_MEMBER_SIZE, 8u << 20) != RA_OK ||
	    ra_ctx_set_limit(ctx, RA_LIMIT_MEMBERS, 1000) != RA_OK ||
	    ra_ctx_set_limit(ctx, RA_LIMIT_FILE_SIZE, 8u << 20) != RA_OK ||
	    ra_ctx_set_limit(ctx, RA_LIMIT_XML_DEPTH, 256) != RA_OK ||
	    /* Members as large files are read: the fast <Roles> reader,
	     * fed in inflated chunks (fuzz_xml covers libxml2's path). */
	    ra_ctx_set_limit(ctx, RA_LIMIT_SCAN_SIZE, 1) != RA_OK)
		abort();
	rc = ra_solution_load_buffer(ctx, "fuzz.zip", data, size, &sol);
	if (rc != RA_OK && (sol != NULL ||
	    (rc != RA_ENOMEM && ra_ctx_diag_count(ctx) == 0)))
		abort();	/* *out untouched, and a reason recorded */
	inspect(ctx, sol);
	if (sol != NULL && ra_solution_kind(sol) == RA_INPUT_PACKAGE) {
		if (ra_solution_merge(ctx, sol) != RA_OK)
			abort();	/* a package, not yet merged */
		inspect(ctx, sol);
	}
	ra_solution_free(sol);
	ra_ctx_free(ctx);
	return 0;
}
