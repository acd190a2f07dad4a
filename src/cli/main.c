/*
 * main.c - the roleaudit command: a context, the command line parsed
 * and checked against the command table, the command's row run, the
 * exit status returned.  The stage's parts are described in cli.h.
 */
#include <stdlib.h>

#include "cli.h"

/*
 * Everything a run needs lives in O and R, freed here in one place
 * whatever the command did; the exit status is the worst one it met.
 * ARGV is UTF-8 on every system.
 */
static int
roleaudit(int argc, char *argv[])
{
	struct ra_ctx	*ctx;
	struct cli_opts	 o;
	struct cli_run	 r;

	ra_sys_stdio();
	if ((ctx = ra_ctx_new()) == NULL) {
		fputs("roleaudit: out of memory\n", stderr);
		return EXIT_SYSTEM;
	}
	cli_parse(argc, argv, &o, ctx);
	cli_run(&r, ctx, &o);
	cli_run_free(&r);
	cli_opts_free(&o);
	ra_ctx_free(ctx);
	return r.status;
}

#ifdef _WIN32
/*
 * Windows hands the command line over as UTF-16 (linked with -municode):
 * names and role names in any script arrive intact, whatever the ANSI
 * code page, and go on as UTF-8.  (mingw-w64 declares no prototype.)
 */
int	 wmain(int, wchar_t *[]);

int
wmain(int argc, wchar_t *wargv[])
{
	char	**argv;

	if ((argv = ra_sys_argv(argc, wargv)) == NULL) {
		fputs("roleaudit: out of memory\n", stderr);
		return EXIT_SYSTEM;
	}
	return roleaudit(argc, argv);
}
#else
int
main(int argc, char *argv[])
{
	return roleaudit(argc, argv);
}
#endif
