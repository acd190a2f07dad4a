/*
 * fuzz_explain.c - libFuzzer target for explain.c: the input is pasted
 * alert or trace text, explained against a fixed two-role solution and
 * rendered in every format `explain` writes; then linted and combined,
 * which read the same solution.
 *
 * The bytes are passed as they come, without a terminating NUL:
 * ra_explain() takes (text, len) and never looks at text[len], so
 * AddressSanitizer reports any read past the end.  Output goes to
 * /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char solution_xml[] =
    "<ImportExportXml><Roles>"
    "<Role id=\"{00000000-0000-0000-0000-000000000001}\" name=\"Team A\" "
    "isinherited=\"0\"><RolePrivileges>"
    "<RolePrivilege name=\"prvReadEmailServerProfile\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvAppendContact\" level=\"Basic\"/>"
    "<RolePrivilege name=\"prvReadWebResource\" level=\"Basic\"/>"
    "</RolePrivileges></Role>"
    "<Role id=\"{00000000-0000-0000-0000-000000000002}\" name=\"B, c\">"
    "<RolePrivileges>"
    "<RolePrivilege name=\"prvReadMailbox\" level=\"Global\"/>"
    "<RolePrivilege name=\"prvSyncToOutlook\" level=\"Local\"/>"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ra_ctx		*ctx;
	struct ra_solution	*sol = NULL;
	struct ra_explanation	*x = NULL;
	struct ra_lint		*ln = NULL;
	struct ra_combined	*cb = NULL;
	struct ra_write_opts	 o;
	const struct ra_solution *list[1];
	const char		*spec[1] = { "Team A,B\\, c" };
	struct ra_profile	*bp[32];
	const char		*name;
	size_t			 nbp, n;
	int			 f;

	if ((ctx = ra_ctx_new()) == NULL)
		abort();
	/* The built-ins before the solution, as roleaudit loads them. */
	for (nbp = 0; (name = ra_profile_builtin(nbp)) != NULL; nbp++)
		if (nbp == 32 || ra_profile_load(ctx, name, &bp[nbp]) != RA_OK)
			abort();
	if (ra_solution_load_buffer(ctx, "fixed.xml", solution_xml,
	    sizeof(solution_xml) - 1, &sol) != RA_OK)
		abort();
	list[0] = sol;
	n = ctx->cat.n;
	if (ra_explain(ctx, (const char *)data, size, list, 1,
	    (const struct ra_profile *const *)bp, nbp, &x) != RA_OK)
		abort();
	/* The catalog is read, never added to. */
	if (ctx->cat.n != n)
		abort();
	if (ra_lint(ctx, list, 1, NULL, &ln) != RA_OK ||
	    ra_combine(ctx, list, 1, NULL, 0, NULL, spec, 1, &cb) != RA_OK)
		abort();
	for (f = RA_FORMAT_TEXT; f <= RA_FORMAT_JSON; f++) {
		memset(&o, 0, sizeof(o));
		o.format = (enum ra_format)f;
		o.color = (int)(size & 1);
		if (ra_write_explanation(x, &o, sink()) != RA_OK ||
		    ra_write_lint(ln, &o, sink()) != RA_OK ||
		    ra_write_combined(cb, &o, sink()) != RA_OK)
			abort();
	}
	/* Redaction after the analysis, as roleaudit does; render again. */
	if (ra_solution_redact(ctx, sol, data, size > 64 ? 64 : size) != RA_OK)
		abort();
	memset(&o, 0, sizeof(o));
	o.format = RA_FORMAT_JSON;
	if (ra_write_explanation(x, &o, sink()) != RA_OK)
		abort();
	ra_combined_free(cb);
	ra_lint_free(ln);
	ra_explanation_free(x);
	ra_solution_free(sol);
	while (nbp > 0)
		ra_profile_free(bp[--nbp]);
	ra_ctx_free(ctx);
	return 0;
}
