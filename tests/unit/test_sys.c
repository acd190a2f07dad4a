/*
 * test_sys.c - sys.c, the POSIX half (the Windows half is run by make
 * test-dist, through roleaudit.exe under wine): kinds of names with and
 * without following links, opening without following, pread() that
 * keeps the file position, folder listing, base names, and the -o
 * temporary file replacing a report.
 */
#include "unit.h"

static void
test_kind(void **state)
{
	char		 dir[UT_PATH_MAX], p[UT_PATH_MAX], l[UT_PATH_MAX];
	uint64_t	 size = 7;

	(void)state;
	ut_mkdtemp(dir);
	ut_writes(dir, "f.xml", "<Role/>");
	ut_mkdirs(dir, "Roles");
	if (symlink("f.xml", ut_join(l, dir, "link.xml")) != 0)
		fail_msg("symlink: %s", strerror(errno));
	assert_int_equal(ra_sys_kind(ut_join(p, dir, "f.xml"), 0, &size),
	    RA_SYS_FILE);
	assert_int_equal(size, 7);
	assert_int_equal(ra_sys_kind(ut_join(p, dir, "Roles"), 0, NULL),
	    RA_SYS_DIR);
	size = 0;
	assert_int_equal(ra_sys_kind(l, 0, &size), RA_SYS_LINK);
	assert_int_equal(size, 0);	/* untouched: not a regular file */
	assert_int_equal(ra_sys_kind(l, 1, &size), RA_SYS_FILE);
	assert_int_equal(size, 7);
	assert_int_equal(ra_sys_kind("/dev/null", 1, NULL), RA_SYS_OTHER);
	errno = 0;
	assert_int_equal(ra_sys_kind(ut_join(p, dir, "none"), 1, NULL),
	    RA_SYS_NONE);
	assert_int_equal(errno, ENOENT);
	ut_rmtree(dir);
}

static void
test_open_nofollow(void **state)
{
	char		 dir[UT_PATH_MAX], p[UT_PATH_MAX], l[UT_PATH_MAX];
	int		 fd;

	(void)state;
	ut_mkdtemp(dir);
	ut_writes(dir, "f.xml", "<Role/>");
	if (symlink("f.xml", ut_join(l, dir, "link.xml")) != 0)
		fail_msg("symlink: %s", strerror(errno));
	assert_true((fd = ra_sys_open(ut_join(p, dir, "f.xml"), 1)) >= 0);
	close(fd);
	assert_true((fd = ra_sys_open(l, 0)) >= 0);
	close(fd);
	errno = 0;
	assert_int_equal(ra_sys_open(l, 1), -1);
	assert_int_equal(errno, ELOOP);
	ut_rmtree(dir);
}

static void
test_pread_keeps_position(void **state)
{
	char		 dir[UT_PATH_MAX], p[UT_PATH_MAX], buf[8];
	uint64_t	 size = 0;
	int		 fd;

	(void)state;
	ut_mkdtemp(dir);
	ut_writes(dir, "f", "0123456789");
	assert_true((fd = ra_sys_open(ut_join(p, dir, "f"), 0)) >= 0);
	assert_int_equal(ra_sys_fsize(fd, &size), 0);
	assert_int_equal(size, 10);
	assert_int_equal(read(fd, buf, 2), 2);
	assert_int_equal(ra_sys_pread(fd, buf, 3, 6), 3);
	assert_memory_equal(buf, "678", 3);
	assert_int_equal(ra_sys_pread(fd, buf, 8, 8), 2);	/* short */
	assert_int_equal(ra_sys_pread(fd, buf, 8, 10), 0);	/* the end */
	assert_int_equal(read(fd, buf, 2), 2);
	assert_memory_equal(buf, "23", 2);
	close(fd);
	ut_rmtree(dir);
}

static void
test_dir(void **state)
{
	struct ra_sys_dir *d;
	char		 dir[UT_PATH_MAX], p[UT_PATH_MAX];
	const char	*e;
	int		 seen = 0;

	(void)state;
	ut_mkdtemp(dir);
	ut_writes(dir, "R\xc3\xb4le.xml", "x");
	ut_writes(dir, "b.xml", "x");
	assert_non_null(d = ra_sys_opendir(dir));
	while ((e = ra_sys_readdir(d)) != NULL) {
		if (strcmp(e, "R\xc3\xb4le.xml") == 0)
			seen |= 1;
		else if (strcmp(e, "b.xml") == 0)
			seen |= 2;
		else if (strcmp(e, ".") == 0 || strcmp(e, "..") == 0)
			seen |= 4;
		else
			fail_msg("unexpected entry %s", e);
	}
	assert_int_equal(errno, 0);
	assert_int_equal(seen, 7);
	ra_sys_closedir(d);
	ra_sys_closedir(NULL);
	errno = 0;
	assert_null(ra_sys_opendir(ut_join(p, dir, "none")));
	assert_int_equal(errno, ENOENT);
	ut_rmtree(dir);
}

static void
test_base(void **state)
{
	(void)state;
	assert_string_equal(ra_sys_base("a/b/c.zip"), "c.zip");
	assert_string_equal(ra_sys_base("c.zip"), "c.zip");
	assert_string_equal(ra_sys_base("dir/"), "");
	/* Only Windows separates with '\' and drives. */
	assert_string_equal(ra_sys_base("a\\b.zip"), "a\\b.zip");
}

static void
test_replace(void **state)
{
	char		 dir[UT_PATH_MAX], to[UT_PATH_MAX], tmp[UT_PATH_MAX];
	struct stat	 st;
	mode_t		 mask;
	size_t		 len;
	FILE		*f;
	char		*got;

	(void)state;
	ut_mkdtemp(dir);
	ut_writes(dir, "report", "old\n");
	ut_join(to, dir, "report");
	ut_join(tmp, dir, ".report.XXXXXX");
	assert_non_null(f = ra_sys_mkstemp(tmp));
	assert_string_not_equal(tmp + strlen(tmp) - 6, "XXXXXX");
	assert_int_equal(fputs("new\n", f) >= 0, 1);
	assert_int_equal(ra_sys_commit(f), 0);
	assert_int_equal(fclose(f), 0);
	mask = umask(0);
	umask(mask);
	assert_int_equal(stat(tmp, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
	assert_int_equal(ra_sys_replace(tmp, to), 0);
	got = ut_slurp(to, &len);
	assert_string_equal(got, "new\n");
	free(got);
	assert_int_equal(ra_sys_kind(tmp, 0, NULL), RA_SYS_NONE);
	assert_int_equal(ra_sys_unlink(to), 0);
	assert_int_equal(ra_sys_kind(to, 0, NULL), RA_SYS_NONE);
	ut_join(tmp, dir, "no-x");
	errno = 0;
	assert_null(ra_sys_mkstemp(tmp));
	assert_int_equal(errno, EINVAL);
	ut_rmtree(dir);
}

static void
test_cpus(void **state)
{
	(void)state;
	assert_true(ra_sys_cpus() >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind),
		cmocka_unit_test(test_open_nofollow),
		cmocka_unit_test(test_pread_keeps_position),
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_base),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
