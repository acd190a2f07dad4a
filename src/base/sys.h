/*
 * sys.h - the operating system, where POSIX and Windows differ: files
 * opened and examined by name, folders listed, positioned reads, the
 * temporary file behind -o and its replacement of the old report, the
 * standard streams and the console, the processor count.  sys.c is the
 * one file of roleaudit that knows Windows (under _WIN32); every other
 * file calls these instead of the POSIX functions they stand for.
 *
 * Names are UTF-8 on every system.  On Windows they are turned into
 * UTF-16 for the wide ("W") functions, so that any name works whatever
 * the ANSI code page, and folder entries come back as UTF-8.  Files are
 * opened in binary mode: the bytes read and written are the same as on
 * POSIX.  A failure returns -1, NULL or RA_SYS_NONE with errno set, as
 * the POSIX function would (Windows errors are mapped onto errno).
 *
 * No roleaudit types here: src/cli/ includes this header as well, as it
 * would libc's (cli.h says why it is the one library header it may).
 */
#ifndef RA_SYS_H
#define RA_SYS_H

#include <stdint.h>
#include <stdio.h>

/*
 * printf-style format checking, as the C library's printf() takes them:
 * mingw-w64's stdio is its own C99 one (__USE_MINGW_ANSI_STDIO, set by
 * _POSIX_C_SOURCE), checked as gnu_printf, where GCC's "printf" would
 * mean Microsoft's, which lacks %zu.
 */
#ifdef __MINGW32__
#define RA_PRINTF(fmt, args)	__attribute__((format(gnu_printf, fmt, args)))
#else
#define RA_PRINTF(fmt, args)	__attribute__((format(printf, fmt, args)))
#endif

/* What a name is; see ra_sys_kind(). */
enum ra_sys_kind {
	RA_SYS_NONE,	/* cannot be examined: errno says why */
	RA_SYS_FILE,	/* a regular file */
	RA_SYS_DIR,	/* a folder */
	RA_SYS_LINK,	/* a symbolic link; on Windows any reparse point */
	RA_SYS_OTHER	/* a device, a pipe, a socket */
};

/*
 * What PATH names.  With FOLLOW a link is looked through to what it
 * names; without, it is RA_SYS_LINK.  On Windows every reparse point
 * counts as a link (symbolic links, junctions, mount points, and the
 * placeholders of cloud storage): a folder under audit is untrusted and
 * a reparse point can lead anywhere.  When SIZE is not NULL and PATH is
 * a regular file, *SIZE gets its size in bytes.
 */
enum ra_sys_kind ra_sys_kind(const char *path, int follow, uint64_t *size);

/*
 * A descriptor open for reading on PATH, or -1.  With NOFOLLOW a link
 * (see ra_sys_kind()) is refused with ELOOP, closing the gap between
 * examining a name and opening it.  Not inherited by child processes.
 */
int	 ra_sys_open(const char *path, int nofollow);

/* fopen() of PATH; the stream is binary whatever MODE says. */
FILE	*ra_sys_fopen(const char *path, const char *mode);

/* The size of the regular file open at FD into *SIZE: 0, or -1. */
int	 ra_sys_fsize(int fd, uint64_t *size);

/*
 * pread(): up to N bytes at offset OFF of the file open at FD, the count
 * read (0 at the end), or -1.  The file position is left where it was;
 * on Windows it is moved and put back, so FD must not be read by another
 * thread meanwhile.
 */
int64_t	 ra_sys_pread(int fd, void *buf, size_t n, uint64_t off);

/* A folder being listed, from ra_sys_opendir(). */
struct ra_sys_dir;

/* List the folder PATH: NULL when it cannot be opened. */
struct ra_sys_dir *ra_sys_opendir(const char *path);
/*
 * The name of its next entry, "." and ".." included, in no particular
 * order; borrowed until the next call.  NULL at the end, with errno 0,
 * or on failure, with errno set.
 */
const char	*ra_sys_readdir(struct ra_sys_dir *);
void		 ra_sys_closedir(struct ra_sys_dir *);

/*
 * The part of PATH after its last folder separator: '/', and on Windows
 * also '\' and the ':' of a drive ("C:report.json").  PATH itself when
 * it has none.
 */
const char	*ra_sys_base(const char *path);
/*
 * PATH (which must exist) as an absolute path with no "." or ".." and,
 * on POSIX, no symbolic link, in memory the caller frees; '/' separates
 * folders on Windows too.  NULL with errno set when it cannot be made.
 */
char		*ra_sys_realpath(const char *path);

/*
 * mkstemp(): TEMPLATE ends in "XXXXXX", which is replaced by characters
 * that make the name of a file that did not exist; the file is created
 * (on POSIX readable and writable by its owner only) and returned open
 * for binary writing, or NULL.
 */
FILE	*ra_sys_mkstemp(char *template);
/*
 * The file written through F is flushed to the disk and given the
 * permissions a newly created file gets (0666 less the umask; Windows
 * has the folder's inherited ones already).  0, or -1.  F stays open.
 */
int	 ra_sys_commit(FILE *f);
/*
 * Replace the file TO with the file FROM in one step: a reader of TO
 * sees the old one or the new one.  rename(); on Windows MoveFileExW(),
 * which unlike Windows' rename() replaces an existing file.  0, or -1.
 */
int	 ra_sys_replace(const char *from, const char *to);
/* unlink(). */
int	 ra_sys_unlink(const char *path);

/*
 * Set up the standard streams, first thing in main(): on Windows,
 * standard output and standard error become binary (no CR before LF,
 * so reports are byte for byte those of POSIX), standard input too
 * unless it is the console (where text mode ends input at Ctrl-Z), and
 * the console shows UTF-8 until the program exits.  Nothing on POSIX.
 */
void	 ra_sys_stdio(void);
/* The key that ends input typed on a terminal. */
#ifdef _WIN32
#define RA_SYS_EOF_KEY	"Ctrl-Z and Enter"
#else
#define RA_SYS_EOF_KEY	"Ctrl-D"
#endif
/*
 * 1 when F is a terminal: on Windows a console (not the NUL device,
 * which isatty() takes for one).
 */
int	 ra_sys_isatty(FILE *f);
/*
 * 1 when F is a terminal that interprets ANSI escape sequences (colour,
 * the progress line's erase): on Windows a console that accepts virtual
 * terminal processing, which this turns on (Windows 10 and later).
 */
int	 ra_sys_ansi(FILE *f);
/* The number of processors online, at least 1. */
unsigned ra_sys_cpus(void);

#ifdef _WIN32
#include <wchar.h>
/*
 * The ARGC arguments WARGV of wmain() as UTF-8, for a main() written for
 * POSIX; NULL when memory runs out.  They live as long as the program.
 */
char	**ra_sys_argv(int argc, wchar_t **wargv);
#endif

#endif /* RA_SYS_H */
