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
 */
int
main(int argc, char *argv[])
{
	struct ra_ctx	*ctx;
	struct cli_opts	 o;
	struct cli_run	 r;

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
