/*
 * audit.c - a program that uses libroleaudit as installed: built by
 * tests/install/run.sh with the flags `pkg-config --cflags --libs
 * --static roleaudit` gives, it checks the solution (or package) named
 * on its command line against the default profile and prints one line,
 * "ROLES roles, FAILS fail", or the first diagnostic, so that the test
 * sees the library's whole pipeline work through the installed header
 * and archive.
 */
#include <stdio.h>
#include <stdlib.h>

#include <roleaudit.h>

int
main(int argc, char *argv[])
{
	struct ra_ctx		*ctx;
	struct ra_solution	*sol = NULL;
	struct ra_profile	*prof = NULL;
	struct ra_report	*rep = NULL;
	const struct ra_solution *const *sols;
	struct ra_solution	**parts = NULL;
	size_t			 n = 1, i, roles = 0;
	enum ra_err		 e;
	char			*msg;

	if (argc != 2) {
		fputs("usage: audit SOLUTION\n", stderr);
		return 2;
	}
	if ((ctx = ra_ctx_new()) == NULL)
		return 4;
	if ((e = ra_profile_load(ctx, RA_PROFILE_DEFAULT, &prof)) != RA_OK ||
	    (e = ra_solution_load(ctx, argv[1], &sol)) != RA_OK) {
		if (ra_ctx_diag_count(ctx) > 0 &&
		    (msg = ra_diag_format(ra_ctx_diag(ctx, 0))) != NULL) {
			fprintf(stderr, "%s\n", msg);
			free(msg);
		} else
			fprintf(stderr, "audit: %s\n", ra_strerror(e));
		ra_profile_free(prof);
		ra_ctx_free(ctx);
		return 3;
	}
	/* A package is audited solution by solution, as roleaudit does. */
	if (ra_solution_kind(sol) == RA_INPUT_PACKAGE) {
		n = ra_solution_part_count(sol);
		if ((parts = calloc(n + 1, sizeof(*parts))) == NULL)
			return 4;
		ra_solution_split(sol, parts);
		ra_solution_free(sol);
		sols = (const struct ra_solution *const *)parts;
	} else
		sols = (const struct ra_solution *const *)&sol;
	for (i = 0; i < n; i++)
		roles += ra_solution_role_count(sols[i]);
	if (ra_check(ctx, sols, n, (const struct ra_profile *const *)&prof, 1,
	    NULL, &rep) != RA_OK)
		return 4;
	printf("%zu roles, %zu fail\n", roles, ra_report_fail_count(rep));
	ra_report_free(rep);
	for (i = 0; i < n; i++)
		ra_solution_free(parts ? parts[i] : sol);
	free(parts);
	ra_profile_free(prof);
	ra_ctx_free(ctx);
	return 0;
}
