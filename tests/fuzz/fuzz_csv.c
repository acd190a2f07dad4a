/*
 * fuzz_csv.c - libFuzzer target for the CSV readers (model/csv.c, catalog.c, profile.c): the
 * input is read as a requirement profile and, on a second context, as a
 * catalog override (the shape of schema/privileges.csv).
 *
 * The bytes are passed as they come, without a terminating NUL:
 * ra_csv_parse() and profile_source() take (buf, len) and never look at
 * buf[len], so AddressSanitizer reports any read past the end.
 *
 * Then each result is used the way roleaudit uses it: a loaded profile
 * checks a fixed two-role solution and the report is rendered in every
 * format; an overridden catalog renders the built-in profiles and the
 * roles of the fixed solution, whose privileges it classifies.  "Every
 * format" is RA_FORMAT_TEXT on until the library refuses one with
 * RA_EINVAL.  Output goes to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Two roles: one empty, one with catalog, custom and unknown privileges. */
static const char solution_xml[] =
    "<ImportExportXml><Roles>"
    "<Role id=\"{00000000-0000-0000-0000-000000000001}\" name=\"Empty\"/>"
    "<Role id=\"{00000000-0000-0000-0000-000000000002}\" name=\"Some\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvReadAccount\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvReadMailbox\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvWriteMailbox\" level=\"Local\"/>"
    "<RolePrivilege name=\"prvReadContact\" level=\"Deep\"/>"
    "<RolePrivilege name=\"prvCreatenew_widget\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadnew_bpf_0123456789abcdef0123456789abcdef\""
    " level=\"Basic\"/>"
    "<RolePrivilege name=\"prvExportToExcel\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvFuzz\" level=\"Global\"/>"
    "</RolePrivileges></Role>"
    "</Roles></ImportExportXml>";

static FILE *
sink(void)
{
	static FILE	*f;

	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		abort();
	return f;
}

static void
formats(struct ra_ctx *ctx)
{
	char	*s;
	size_t	 i;

	for (i = 0; i < ra_ctx_diag_count(ctx); i++)
		if ((s = ra_diag_format(ra_ctx_diag(ctx, i))) != NULL) {
			fputs(s, sink());
			free(s);
		}
}

#define MAX_FORMATS	16
#define MAX_PROFILES	64

/*
 * Render in every format the library knows, from RA_FORMAT_TEXT until
 * one is refused with RA_EINVAL (not before RA_FORMAT_JSON): the report
 * REP when not NULL, else the NPROF profiles PROF and the roles of SOL.
 */
static void
render(struct ra_ctx *ctx, const struct ra_report *rep,
    const struct ra_solution *sol, const struct ra_profile *const *prof,
    size_t nprof, int color)
{
	struct ra_write_opts	 o;
	enum ra_err		 rc;
	int			 f;

	for (f = RA_FORMAT_TEXT; f < MAX_FORMATS; f++) {
		memset(&o, 0, sizeof(o));
		o.format = (enum ra_format)f;
		o.color = color;
		if (rep)
			rc = ra_write_report(rep, &o, sink());
		else if ((rc = ra_write_profiles(prof, nprof, &o, sink())) ==
		    RA_OK)
			rc = ra_write_roles(ctx,
			    (const struct ra_solution *const *)&sol, 1, &o,
			    sink());
		if (rc == RA_EINVAL && f > RA_FORMAT_JSON)
			return;
		if (rc != RA_OK)
			abort();
	}
}

static struct ra_solution *
fixed_solution(struct ra_ctx *ctx)
{
	struct ra_solution	*sol = NULL;

	if (ra_solution_load_buffer(ctx, "fixed.xml", solution_xml,
	    sizeof(solution_xml) - 1, &sol) != RA_OK)
		abort();
	return sol;
}

static void
as_profile(const char *buf, size_t len)
{
	struct ra_ctx		*ctx;
	struct ra_profile	*p = NULL;
	struct ra_solution	*sol;
	struct ra_report	*rep;
	struct ra_check_opts	 co;
	enum ra_err		 rc;

	if ((ctx = ra_ctx_new()) == NULL)
		abort();
	rc = ra_profile_load_buffer(ctx, "fuzz", "fuzz.csv", buf, len, &p);
	if (rc != RA_OK) {
		if (p != NULL || (rc != RA_ENOMEM && ra_ctx_diag_count(ctx) == 0))
			abort();
		formats(ctx);
		ra_ctx_free(ctx);
		return;
	}
	if (strlen(ra_profile_name(p)) + strlen(ra_profile_source(p)) == 0 ||
	    ra_profile_size(p) == 0)
		abort();
	sol = fixed_solution(ctx);
	memset(&co, 0, sizeof(co));
	co.min_level = (enum ra_level)(len % 5);
	if (ra_check(ctx, (const struct ra_solution *const *)&sol, 1,
	    (const struct ra_profile *const *)&p, 1, &co, &rep) != RA_OK)
		abort();
	render(ctx, rep, NULL, NULL, 0, (int)(len & 1));
	ra_report_free(rep);
	formats(ctx);
	ra_solution_free(sol);
	ra_profile_free(p);
	ra_ctx_free(ctx);
}

static void
as_catalog(const char *buf, size_t len)
{
	struct ra_ctx		*ctx;
	struct ra_solution	*sol;
	struct ra_profile	*prof[MAX_PROFILES];
	size_t			 nprof = 0, i;
	enum ra_err		 rc;

	if ((ctx = ra_ctx_new()) == NULL)
		abort();
	rc = ra_catalog_load_buffer(ctx, "fuzz.csv", buf, len);
	if (rc != RA_OK && rc != RA_ENOMEM && ra_ctx_diag_count(ctx) == 0)
		abort();
	/* Rows before a bad one are kept: the catalog is usable either way. */
	sol = fixed_solution(ctx);
	/* The built-in profiles, as `roleaudit profiles` loads them. */
	for (; ra_profile_builtin(nprof) != NULL; nprof++)
		if (nprof == MAX_PROFILES || ra_profile_load(ctx,
		    ra_profile_builtin(nprof), &prof[nprof]) != RA_OK)
			abort();
	render(ctx, NULL, sol, (const struct ra_profile *const *)prof, nprof,
	    0);
	formats(ctx);
	for (i = 0; i < nprof; i++)
		ra_profile_free(prof[i]);
	ra_solution_free(sol);
	ra_ctx_free(ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_profile((const char *)data, size);
	as_catalog((const char *)data, size);
	return 0;
}
