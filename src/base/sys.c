/*
 * sys.c - the functions of sys.h: the POSIX calls on POSIX systems, and
 * their Windows counterparts (wide-character Win32 and CRT calls) under
 * _WIN32.  The two halves keep the contracts of sys.h; nothing else in
 * roleaudit is written for one system only.
 */
#ifndef _WIN32
/* realpath() is XSI; the build asks for POSIX.1-2008 only. */
#undef _POSIX_C_SOURCE
#define _XOPEN_SOURCE	700
#endif

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <io.h>
#include <sys/stat.h>
#include <fcntl.h>
#else
#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/sys.h"

#ifndef _WIN32

enum ra_sys_kind
ra_sys_kind(const char *path, int follow, uint64_t *size)
{
	struct stat	 st;

	if ((follow ? stat(path, &st) : lstat(path, &st)) != 0)
		return RA_SYS_NONE;
	if (S_ISLNK(st.st_mode))
		return RA_SYS_LINK;
	if (S_ISDIR(st.st_mode))
		return RA_SYS_DIR;
	if (!S_ISREG(st.st_mode))
		return RA_SYS_OTHER;
	if (size != NULL)
		*size = (uint64_t)st.st_size;
	return RA_SYS_FILE;
}

int
ra_sys_open(const char *path, int nofollow)
{
	return open(path, O_RDONLY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
}

FILE *
ra_sys_fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int
ra_sys_fsize(int fd, uint64_t *size)
{
	struct stat	 st;

	if (fstat(fd, &st) != 0)
		return -1;
	*size = (uint64_t)st.st_size;
	return 0;
}

int64_t
ra_sys_pread(int fd, void *buf, size_t n, uint64_t off)
{
	return pread(fd, buf, n, (off_t)off);
}

struct ra_sys_dir {
	DIR	*d;
};

struct ra_sys_dir *
ra_sys_opendir(const char *path)
{
	struct ra_sys_dir	*d;

	if ((d = malloc(sizeof(*d))) == NULL)
		return NULL;
	if ((d->d = opendir(path)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

const char *
ra_sys_readdir(struct ra_sys_dir *d)
{
	struct dirent	*e;

	errno = 0;
	return (e = readdir(d->d)) != NULL ? e->d_name : NULL;
}

void
ra_sys_closedir(struct ra_sys_dir *d)
{
	if (d == NULL)
		return;
	closedir(d->d);
	free(d);
}

const char *
ra_sys_base(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s ? s + 1 : path;
}

char *
ra_sys_realpath(const char *path)
{
	return realpath(path, NULL);
}

FILE *
ra_sys_mkstemp(char *template)
{
	FILE	*f;
	int	 fd, e;

	if ((fd = mkstemp(template)) == -1)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(template);
		errno = e;
	}
	return f;
}

int
ra_sys_commit(FILE *f)
{
	mode_t	 mask;

	/* mkstemp() made it 0600: give it what a new file gets. */
	mask = umask(0);
	umask(mask);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 ||
	    fchmod(fileno(f), 0666 & ~mask) != 0)
		return -1;
	return 0;
}

int
ra_sys_replace(const char *from, const char *to)
{
	return rename(from, to);
}

int
ra_sys_unlink(const char *path)
{
	return unlink(path);
}

void
ra_sys_stdio(void)
{
}

int
ra_sys_isatty(FILE *f)
{
	return isatty(fileno(f));
}

int
ra_sys_ansi(FILE *f)
{
	return isatty(fileno(f));
}

unsigned
ra_sys_cpus(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}

#else /* _WIN32 */

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING	0x0004
#endif

/* errno for the Win32 error E, the nearest POSIX meaning. */
static void
set_errno(DWORD e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_NAME:
	case ERROR_INVALID_DRIVE:
	case ERROR_BAD_NETPATH:
	case ERROR_BAD_NET_NAME:
	case ERROR_BAD_PATHNAME:
	case ERROR_CANT_RESOLVE_FILENAME:
		errno = ENOENT;
		break;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
	case ERROR_WRITE_PROTECT:
		errno = EACCES;
		break;
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		errno = EEXIST;
		break;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		errno = ENOMEM;
		break;
	case ERROR_DIRECTORY:
		errno = ENOTDIR;
		break;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		errno = ENOSPC;
		break;
	case ERROR_FILENAME_EXCED_RANGE:
		errno = ENAMETOOLONG;
		break;
	case ERROR_INVALID_HANDLE:
		errno = EBADF;
		break;
	case ERROR_NOT_SAME_DEVICE:
		errno = EXDEV;
		break;
	default:
		errno = EIO;
		break;
	}
}

/*
 * S (UTF-8) as UTF-16 in memory the caller frees, or NULL: ENOMEM, or
 * ENOENT for bytes that are not UTF-8 (no file can have that name).
 */
static wchar_t *
wide(const char *s)
{
	wchar_t	*w;
	int	 n;

	if ((n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1,
	    NULL, 0)) <= 0) {
		errno = ENOENT;
		return NULL;
	}
	if ((w = malloc((size_t)n * sizeof(*w))) == NULL)
		return NULL;
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

/*
 * W (UTF-16) as UTF-8 in memory the caller frees, or NULL (ENOMEM).  A
 * lone surrogate, which Windows allows in names, becomes U+FFFD.
 */
static char *
narrow(const wchar_t *w)
{
	char	*s;
	int	 n;

	if ((n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL,
	    NULL)) <= 0) {
		errno = EINVAL;
		return NULL;
	}
	if ((s = malloc((size_t)n)) == NULL)
		return NULL;
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

/*
 * CreateFileW() of PATH, to read it (READ) or only to examine it; with
 * NOFOLLOW a reparse point is opened itself, not what it leads to.
 */
static HANDLE
open_handle(const char *path, int read, int nofollow)
{
	wchar_t	*w;
	HANDLE	 h;

	if ((w = wide(path)) == NULL)
		return INVALID_HANDLE_VALUE;
	h = CreateFileW(w, read ? GENERIC_READ : 0, FILE_SHARE_READ |
	    FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
	    (read ? FILE_ATTRIBUTE_NORMAL : FILE_FLAG_BACKUP_SEMANTICS) |
	    (nofollow ? FILE_FLAG_OPEN_REPARSE_POINT : 0), NULL);
	if (h == INVALID_HANDLE_VALUE)
		set_errno(GetLastError());
	free(w);
	return h;
}

enum ra_sys_kind
ra_sys_kind(const char *path, int follow, uint64_t *size)
{
	BY_HANDLE_FILE_INFORMATION	 bi;
	enum ra_sys_kind		 k;
	HANDLE				 h;

	if ((h = open_handle(path, 0, !follow)) == INVALID_HANDLE_VALUE)
		return RA_SYS_NONE;
	if (GetFileType(h) != FILE_TYPE_DISK)
		k = RA_SYS_OTHER;	/* NUL, CON, a pipe */
	else if (!GetFileInformationByHandle(h, &bi)) {
		set_errno(GetLastError());
		k = RA_SYS_NONE;
	} else if (bi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT &&
	    !follow)
		k = RA_SYS_LINK;
	else if (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
		k = RA_SYS_DIR;
	else {
		k = RA_SYS_FILE;
		if (size != NULL)
			*size = (uint64_t)bi.nFileSizeHigh << 32 |
			    bi.nFileSizeLow;
	}
	CloseHandle(h);
	return k;
}

int
ra_sys_open(const char *path, int nofollow)
{
	BY_HANDLE_FILE_INFORMATION	 bi;
	HANDLE				 h;
	int				 fd;

	if ((h = open_handle(path, 1, nofollow)) == INVALID_HANDLE_VALUE)
		return -1;
	if (nofollow && (!GetFileInformationByHandle(h, &bi) ||
	    bi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
		CloseHandle(h);
		errno = ELOOP;
		return -1;
	}
	if ((fd = _open_osfhandle((intptr_t)h, _O_RDONLY | _O_BINARY)) == -1)
		CloseHandle(h);
	return fd;
}

FILE *
ra_sys_fopen(const char *path, const char *mode)
{
	wchar_t	*w, wmode[8];
	FILE	*f;
	size_t	 i, n = 0;

	for (i = 0; mode[i] != '\0' && n + 2 < sizeof(wmode) /
	    sizeof(*wmode); i++)
		if (mode[i] != 'b')
			wmode[n++] = (wchar_t)(unsigned char)mode[i];
	wmode[n++] = L'b';
	wmode[n] = L'\0';
	if ((w = wide(path)) == NULL)
		return NULL;
	f = _wfopen(w, wmode);
	free(w);
	return f;
}

int
ra_sys_fsize(int fd, uint64_t *size)
{
	LARGE_INTEGER	 n;
	HANDLE		 h = (HANDLE)_get_osfhandle(fd);

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	if (!GetFileSizeEx(h, &n)) {
		set_errno(GetLastError());
		return -1;
	}
	*size = (uint64_t)n.QuadPart;
	return 0;
}

int64_t
ra_sys_pread(int fd, void *buf, size_t n, uint64_t off)
{
	LARGE_INTEGER	 zero = { 0 }, at;
	OVERLAPPED	 ov;
	HANDLE		 h = (HANDLE)_get_osfhandle(fd);
	DWORD		 got = 0, e = 0;
	BOOL		 ok;

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	/* A positioned ReadFile() moves the file pointer: put it back. */
	if (!SetFilePointerEx(h, zero, &at, FILE_CURRENT)) {
		set_errno(GetLastError());
		return -1;
	}
	memset(&ov, 0, sizeof(ov));
	ov.Offset = (DWORD)off;
	ov.OffsetHigh = (DWORD)(off >> 32);
	if (n > 0x40000000)
		n = 0x40000000;
	if (!(ok = ReadFile(h, buf, (DWORD)n, &got, &ov)))
		e = GetLastError();
	SetFilePointerEx(h, at, NULL, FILE_BEGIN);
	if (!ok && e != ERROR_HANDLE_EOF) {
		set_errno(e);
		return -1;
	}
	return ok ? (int64_t)got : 0;
}

struct ra_sys_dir {
	HANDLE			 h;
	WIN32_FIND_DATAW	 fd;
	int			 state;	/* 0 an entry waits in fd, 1 read on, 2 end */
	char			*name;
};

struct ra_sys_dir *
ra_sys_opendir(const char *path)
{
	struct ra_sys_dir	*d;
	size_t			 n = strlen(path);
	char			*pat;
	wchar_t			*w;
	DWORD			 e;

	/* "PATH\*": every entry. */
	if ((pat = malloc(n + 3)) == NULL)
		return NULL;
	memcpy(pat, path, n);
	if (n > 0 && path[n - 1] != '/' && path[n - 1] != '\\')
		pat[n++] = '\\';
	pat[n++] = '*';
	pat[n] = '\0';
	w = wide(pat);
	free(pat);
	if (w == NULL)
		return NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		free(w);
		return NULL;
	}
	d->h = FindFirstFileExW(w, FindExInfoBasic, &d->fd,
	    FindExSearchNameMatch, NULL, 0);
	free(w);
	if (d->h == INVALID_HANDLE_VALUE) {
		if ((e = GetLastError()) != ERROR_FILE_NOT_FOUND) {
			free(d);
			set_errno(e);
			return NULL;
		}
		d->state = 2;	/* a drive's empty root has no "." */
	}
	return d;
}

const char *
ra_sys_readdir(struct ra_sys_dir *d)
{
	DWORD	 e;

	errno = 0;
	if (d->state == 2)
		return NULL;
	if (d->state == 1 && !FindNextFileW(d->h, &d->fd)) {
		d->state = 2;
		if ((e = GetLastError()) != ERROR_NO_MORE_FILES)
			set_errno(e);
		return NULL;
	}
	d->state = 1;
	free(d->name);
	return d->name = narrow(d->fd.cFileName);
}

void
ra_sys_closedir(struct ra_sys_dir *d)
{
	if (d == NULL)
		return;
	if (d->h != INVALID_HANDLE_VALUE && d->h != NULL)
		FindClose(d->h);
	free(d->name);
	free(d);
}

const char *
ra_sys_base(const char *path)
{
	const char	*s, *b = path;

	for (s = path; *s != '\0'; s++)
		if (*s == '/' || *s == '\\' || *s == ':')
			b = s + 1;
	return b;
}

char *
ra_sys_realpath(const char *path)
{
	wchar_t	*w, *full;
	char	*s, *p;

	if ((w = wide(path)) == NULL)
		return NULL;
	full = _wfullpath(NULL, w, 0);
	free(w);
	if (full == NULL)
		return NULL;
	s = narrow(full);
	free(full);
	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p == '\\')
			*p = '/';
	return s;
}

FILE *
ra_sys_mkstemp(char *template)
{
	static const char	 set[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static LONG		 calls;
	LARGE_INTEGER		 t;
	uint64_t		 v;
	size_t			 n = strlen(template), i;
	wchar_t			*w;
	FILE			*f;
	int			 fd, tries, e;

	if (n < 6 || strcmp(template + n - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return NULL;
	}
	QueryPerformanceCounter(&t);
	v = (uint64_t)t.QuadPart ^ (uint64_t)GetCurrentProcessId() << 32 ^
	    (uint64_t)InterlockedIncrement(&calls) << 48;
	for (tries = 0; tries < 1000; tries++) {
		/* Names differ in case only on some file systems: lower. */
		v = v * 6364136223846793005ULL + 1442695040888963407ULL;
		for (i = 0; i < 6; i++)
			template[n - 6 + i] = set[(v >> (8 * i + 16)) %
			    (sizeof(set) - 1)];
		if ((w = wide(template)) == NULL)
			return NULL;
		fd = _wopen(w, _O_CREAT | _O_EXCL | _O_WRONLY | _O_BINARY |
		    _O_NOINHERIT, _S_IREAD | _S_IWRITE);
		e = errno;
		if (fd != -1) {
			if ((f = _fdopen(fd, "wb")) == NULL) {
				e = errno;
				_close(fd);
				_wunlink(w);
				errno = e;
			}
			free(w);
			return f;
		}
		free(w);
		if (e != EEXIST) {
			errno = e;
			return NULL;
		}
	}
	errno = EEXIST;
	return NULL;
}

int
ra_sys_commit(FILE *f)
{
	if (fflush(f) != 0)
		return -1;
	if (!FlushFileBuffers((HANDLE)_get_osfhandle(_fileno(f)))) {
		set_errno(GetLastError());
		return -1;
	}
	return 0;
}

int
ra_sys_replace(const char *from, const char *to)
{
	wchar_t	*wf, *wt = NULL;
	int	 rc = -1;

	if ((wf = wide(from)) != NULL && (wt = wide(to)) != NULL) {
		if (MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING |
		    MOVEFILE_WRITE_THROUGH))
			rc = 0;
		else
			set_errno(GetLastError());
	}
	free(wf);
	free(wt);
	return rc;
}

int
ra_sys_unlink(const char *path)
{
	wchar_t	*w;
	int	 rc;

	if ((w = wide(path)) == NULL)
		return -1;
	rc = _wunlink(w);
	free(w);
	return rc;
}

static UINT	 console_cp;

static void
console_cp_restore(void)
{
	SetConsoleOutputCP(console_cp);
}

/* The console mode of F in *MODE: 0 when F is not a console. */
static int
console(FILE *f, HANDLE *h, DWORD *mode)
{
	*h = (HANDLE)_get_osfhandle(_fileno(f));
	return *h != INVALID_HANDLE_VALUE && GetConsoleMode(*h, mode);
}

void
ra_sys_stdio(void)
{
	HANDLE	 h;
	DWORD	 mode;

	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	if (!console(stdin, &h, &mode))
		_setmode(_fileno(stdin), _O_BINARY);
	/* The console's code page outlives the program: put it back. */
	console_cp = GetConsoleOutputCP();
	if (console_cp != 0 && console_cp != CP_UTF8 &&
	    SetConsoleOutputCP(CP_UTF8))
		atexit(console_cp_restore);
}

int
ra_sys_isatty(FILE *f)
{
	HANDLE	 h;
	DWORD	 mode;

	return console(f, &h, &mode);
}

int
ra_sys_ansi(FILE *f)
{
	HANDLE	 h;
	DWORD	 mode;

	if (!console(f, &h, &mode))
		return 0;
	return (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0 ||
	    SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
}

unsigned
ra_sys_cpus(void)
{
	SYSTEM_INFO	 si;

	GetSystemInfo(&si);
	return si.dwNumberOfProcessors > 0 ? (unsigned)si.dwNumberOfProcessors :
	    1;
}

char **
ra_sys_argv(int argc, wchar_t **wargv)
{
	char	**v;
	int	  i;

	if ((v = calloc((size_t)argc + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < argc; i++)
		if ((v[i] = narrow(wargv[i])) == NULL)
			return NULL;
	return v;
}

#endif /* _WIN32 */
