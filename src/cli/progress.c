/*
 * progress.c - the progress line while inputs load: inputs done of all,
 * megabytes parsed and the rate, and the time left when there are
 * several inputs.  Drawn on standard error at most ten times a second,
 * after the first second (a quick run shows nothing), and erased at the
 * end so that the diagnostics that follow start on a clean line.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

struct cli_progress {
	struct timespec	 start, drawn;
	uint64_t	 bytes;
	size_t		 done, total;
	int		 shown;
};

/* Seconds since T, on the clock that does not jump. */
static double
since(const struct timespec *t)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/*
 * The library's progress callback: called from whichever thread loads,
 * one call at a time, so it may keep its counts without a lock.
 */
static void
progress_cb(void *arg, uint64_t bytes, size_t inputs)
{
	struct cli_progress	*p = arg;
	double			 el = since(&p->start), rate;

	p->bytes += bytes;
	p->done += inputs;
	if (el < 1.0 || (p->shown && since(&p->drawn) < 0.1))
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->drawn);
	rate = (double)p->bytes / el / 1e6;
	fprintf(stderr, "\r\033[Kroleaudit: %zu/%zu inputs, %.0f MB, %.0f MB/s",
	    p->done, p->total, (double)p->bytes / 1e6, rate);
	if (p->total > 1 && p->done > 0)
		fprintf(stderr, ", %.0f s left", el / (double)p->done *
		    (double)(p->total - p->done));
	fflush(stderr);
	p->shown = 1;
}

/*
 * SHOW is --progress (1), --no-progress (0) or neither (-1): then only a
 * person watching a terminal gets the line, and never a CI log, where
 * carriage returns make a mess.  The line erases itself with an escape
 * sequence, which a Windows console interprets only once ra_sys_ansi()
 * has asked it to: asked whatever SHOW is.
 */
struct cli_progress *
cli_progress_start(struct ra_ctx *ctx, size_t total, int show)
{
	struct cli_progress	*p;
	int			 ansi = ra_sys_ansi(stderr);

	if (show == -1)
		show = ansi && getenv("CI") == NULL;
	if (!show || (p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->total = total;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	ra_ctx_set_progress(ctx, progress_cb, p);
	return p;
}

void
cli_progress_end(struct cli_progress *p, struct ra_ctx *ctx)
{
	if (p == NULL)
		return;
	ra_ctx_set_progress(ctx, NULL, NULL);
	if (p->shown)
		fputs("\r\033[K", stderr);
	free(p);
}
