/*
 * replay.c - a plain main() for the libFuzzer targets, so `make test`
 * runs every committed corpus input without libFuzzer or clang.
 *
 *   fuzz_X-replay FILE|DIR...
 *
 * Each FILE, and each regular file directly inside a DIR (one level, in
 * byte-wise name order, dot files skipped), is read whole into a buffer
 * of exactly its size and handed to LLVMFuzzerTestOneInput(), so a
 * sanitizer sees any read past the end.  Each input's name goes to
 * stderr first (`Running: PATH`, as libFuzzer prints it), so a crash
 * report names its input.  Prints `replay: N inputs` to stdout and
 * exits 0; exits 2 when an argument cannot be read.  A crash in the
 * target ends the process the way the sanitizer or the signal decides.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Read PATH into a malloc'ed buffer of exactly its size (1 when empty). */
static int
read_all(const char *path, uint8_t **bufp, size_t *lenp)
{
	FILE	*f;
	uint8_t	*buf = NULL, *nb;
	size_t	 len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap)) == NULL)
				goto fail;
			buf = nb;
		}
		if ((n = fread(buf + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* Shrink to the exact size: bytes past LEN must not be readable. */
	if ((nb = malloc(len ? len : 1)) == NULL) {
		free(buf);
		return -1;
	}
	memcpy(nb, buf, len);
	free(buf);
	*bufp = nb;
	*lenp = len;
	return 0;
fail:
	free(buf);
	fclose(f);
	return -1;
}

static int
run_file(const char *path)
{
	uint8_t	*buf;
	size_t	 len;

	if (read_all(path, &buf, &len) == -1) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* As libFuzzer does: a crash report then follows the input's name. */
	fprintf(stderr, "Running: %s\n", path);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay the regular files directly inside DIR; adds to *COUNT. */
static int
run_dir(const char *dir, unsigned long *count)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		**names = NULL, **nn, *path;
	size_t		 n = 0, cap = 0, i;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nn = realloc(names, cap * sizeof(*names))) == NULL)
				goto oom;
			names = nn;
		}
		if ((names[n] = strdup(e->d_name)) == NULL)
			goto oom;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if ((path = malloc(strlen(dir) + strlen(names[i]) + 2)) == NULL) {
			rc = -1;
			break;
		}
		sprintf(path, "%s/%s", dir, names[i]);
		if (stat(path, &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", path,
			    strerror(errno));
			rc = -1;
		} else if (S_ISREG(st.st_mode)) {
			if (run_file(path) == -1)
				rc = -1;
			else
				(*count)++;
		}
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
oom:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	fprintf(stderr, "replay: out of memory\n");
	return -1;
}

int
main(int argc, char **argv)
{
	struct stat	 st;
	unsigned long	 count = 0;
	int		 i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 2;
		} else if (S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], &count) == -1)
				rc = 2;
		} else if (run_file(argv[i]) == -1)
			rc = 2;
		else
			count++;
	}
	printf("replay: %lu inputs\n", count);
	return rc;
}
