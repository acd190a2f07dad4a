/*
 * output.c - where the report goes: standard output, or -o FILE written
 * atomically.  The report goes to a temporary file beside FILE, in the
 * same directory so that the replacement cannot cross file systems, and
 * replaces FILE only when the command succeeded (ra_sys_replace(), one
 * step on POSIX and Windows alike): a reader of FILE sees the old report
 * or the whole new one, never a part, and a failed run leaves nothing
 * behind.  A FILE that is a device or a pipe (-o /dev/null, NUL on
 * Windows, a FIFO) is written as it is: replacing it would put a regular
 * file where the device was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int
cli_output_open(struct cli_sink *s, const char *path)
{
	enum ra_sys_kind k;
	const char	*base;
	size_t		 n;

	s->path = path;
	s->tmp = NULL;
	s->f = NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		s->f = stdout;
		return 0;
	}
	k = ra_sys_kind(path, 1, NULL);
	if (k == RA_SYS_OTHER) {
		if ((s->f = ra_sys_fopen(path, "w")) == NULL) {
			fprintf(stderr, "roleaudit: %s: cannot open: %s\n",
			    path, strerror(errno));
			return -1;
		}
		return 0;
	}
	n = strlen(path);
	if ((s->tmp = malloc(n + 16)) == NULL)
		return -1;
	base = ra_sys_base(path);
	/* ".NAME.XXXXXX" in PATH's directory: the replacement is atomic. */
	snprintf(s->tmp, n + 16, "%.*s.%s.XXXXXX", (int)(base - path), path,
	    base);
	if ((s->f = ra_sys_mkstemp(s->tmp)) == NULL) {
		fprintf(stderr, "roleaudit: %s: cannot create: %s\n", path,
		    strerror(errno));
		free(s->tmp);
		s->tmp = NULL;
		return -1;
	}
	return 0;
}

int
cli_output_close(struct cli_sink *s, int keep)
{
	int	 rc = 0;

	if (s->f == NULL)
		return 0;
	if (s->tmp == NULL) {
		/* Standard output, or a device or pipe opened as it is. */
		FILE	*f = s->f;

		s->f = NULL;
		if (f == stdout ? fflush(stdout) == 0 : fclose(f) == 0)
			return 0;
		/* A failure reported already (!KEEP) is not reported twice. */
		if (keep)
			fprintf(stderr, "roleaudit: %s: cannot write: %s\n",
			    s->path != NULL ? s->path : "standard output",
			    strerror(errno));
		return -1;
	}
	if (keep && ra_sys_commit(s->f) != 0)
		rc = -1;
	if (fclose(s->f) != 0)
		rc = -1;
	s->f = NULL;
	if (keep && rc == 0 && ra_sys_replace(s->tmp, s->path) != 0)
		rc = -1;
	if (!keep || rc != 0)
		ra_sys_unlink(s->tmp);
	if (keep && rc != 0)
		fprintf(stderr, "roleaudit: %s: cannot write: %s\n", s->path,
		    strerror(errno));
	free(s->tmp);
	s->tmp = NULL;
	return rc;
}
