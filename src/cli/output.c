/*
 * output.c - where the report goes: standard output, or -o FILE written
 * atomically.  The report goes to a temporary file beside FILE, in the
 * same directory so that rename() cannot cross file systems, and is
 * renamed over FILE only when the command succeeded: a reader of FILE
 * sees the old report or the whole new one, never a part, and a failed
 * run leaves nothing behind.  A FILE that is a device or a pipe
 * (-o /dev/null, a FIFO) is written as it is: renaming over it would put
 * a regular file where the device was.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
cli_output_open(struct cli_sink *s, const char *path)
{
	struct stat	 st;
	const char	*slash;
	size_t		 n;
	int		 fd;

	s->path = path;
	s->tmp = NULL;
	s->f = NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		s->f = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		if ((s->f = fopen(path, "w")) == NULL) {
			fprintf(stderr, "roleaudit: %s: cannot open: %s\n",
			    path, strerror(errno));
			return -1;
		}
		return 0;
	}
	n = strlen(path);
	if ((s->tmp = malloc(n + 16)) == NULL)
		return -1;
	slash = strrchr(path, '/');
	/* ".NAME.XXXXXX" in PATH's directory: rename() stays atomic. */
	snprintf(s->tmp, n + 16, "%.*s.%s.XXXXXX",
	    slash ? (int)(slash - path + 1) : 0, path,
	    slash ? slash + 1 : path);
	if ((fd = mkstemp(s->tmp)) == -1 || (s->f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "roleaudit: %s: cannot create: %s\n", path,
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(s->tmp);
		}
		free(s->tmp);
		s->tmp = NULL;
		s->f = NULL;
		return -1;
	}
	return 0;
}

int
cli_output_close(struct cli_sink *s, int keep)
{
	mode_t	 mask;
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
	if (keep) {
		/* mkstemp() made it 0600: give it what a new file gets. */
		mask = umask(0);
		umask(mask);
		if (fflush(s->f) != 0 || fsync(fileno(s->f)) != 0 ||
		    fchmod(fileno(s->f), 0666 & ~mask) != 0)
			rc = -1;
	}
	if (fclose(s->f) != 0)
		rc = -1;
	s->f = NULL;
	if (keep && rc == 0 && rename(s->tmp, s->path) != 0)
		rc = -1;
	if (!keep || rc != 0)
		unlink(s->tmp);
	if (keep && rc != 0)
		fprintf(stderr, "roleaudit: %s: cannot write: %s\n", s->path,
		    strerror(errno));
	free(s->tmp);
	s->tmp = NULL;
	return rc;
}
