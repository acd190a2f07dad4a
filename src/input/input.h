/*
 * input.h - the input stage: which files and zip members hold roles, and
 * their bytes.  load.c dispatches a path to package.c (a zip, which is a
 * solution zip or a Package Deployer package, or a package folder), to
 * dir.c (unpacked solution folders) or to a single XML file, loads
 * several inputs on worker threads, and hands every document to
 * stream.c, the driver that feeds parse/.  zip.c reads zips with libzip
 * (members streamed, never extracted, after zipcheck.c has walked the
 * zip's directory itself).  Calls between the files go one way:
 * load.c -> package.c -> zip.c, dir.c -> zipcheck.c, stream.c.  It may
 * call parse/, model/ and base/.  Never installed.
 */
#ifndef RA_INPUT_H
#define RA_INPUT_H

#include "parse/parse.h"

/* ---- package.c ----------------------------------------------------- */

/*
 * Load the zip at PATH (or the LEN bytes at BUF) into SOL: a solution
 * zip, or a Package Deployer package, whose solutions become SOL's
 * parts (SOL's kind then RA_INPUT_PACKAGE).
 */
enum ra_err	 ra_load_archive(struct ra_ctx *, struct ra_solution *,
		    const char *path, const void *buf, size_t len);
/*
 * Is the folder PATH a package: does it hold PkgFolder/ImportConfig.xml
 * (or ImportConfig.xml itself, with no solution beside it)?  Then
 * *PKGDIR is the folder that holds ImportConfig.xml (free()) and 1 is
 * returned; 0 when not (or memory ran out: then *PKGDIR is NULL and the
 * folder is read as a solution folder, which fails the same way).
 */
int		 ra_package_dir(const char *path, char **pkgdir);
/* Load the package folder PATH, whose PkgFolder is PKGDIR, into SOL. */
enum ra_err	 ra_load_package_dir(struct ra_ctx *, struct ra_solution *,
		    const char *path, const char *pkgdir);

/* ---- zip.c ---------------------------------------------------------- */

/*
 * The limits counted across a package zip and the zips inside it: the
 * members of every zip opened, the bytes declared by every member read.
 * A zip that is not in a package starts from zero.
 */
struct ra_zip_budget {
	uint64_t	 members;
	uint64_t	 inflated;
};

/* An open zip whose layout zipcheck.c has checked. */
struct ra_zip;

/*
 * Open the zip at PATH (or the LEN bytes at BUF, borrowed until
 * ra_zip_close()) once its layout is checked, its members counted into
 * B.  PATH names it in diagnostics.
 */
enum ra_err	 ra_zip_open(struct ra_ctx *, const char *path,
		    const void *buf, size_t len, struct ra_zip_budget *b,
		    struct ra_zip **out);
void		 ra_zip_close(struct ra_zip *);
uint64_t	 ra_zip_count(const struct ra_zip *);
/* Member I's name (borrowed), or NULL after recording why not. */
const char	*ra_zip_name(struct ra_zip *, uint64_t i);
/* 1 when a member is a solution's: customizations.xml, Roles/NAME. */
int		 ra_zip_has_solution(struct ra_zip *);
/*
 * Read the solution in the zip into SOL: see zip.c.  Its members' sizes
 * count into the zip's budget.
 */
enum ra_err	 ra_zip_load_solution(struct ra_zip *, struct ra_solution *);
/*
 * Check the N members IDX (named NAME, for diagnostics) against the
 * limits, each and together with what the budget counted, before any is
 * inflated; their declared sizes then count into the budget.
 */
enum ra_err	 ra_zip_check_members(struct ra_zip *, const uint64_t *idx,
		    const char *const *name, size_t n);
/* Stream member IDX, checked, as document DOC through LD. */
enum ra_err	 ra_zip_read_xml(struct ra_zip *, uint64_t idx,
		    struct ra_load *ld, enum ra_doc doc);
/*
 * Member IDX, checked, inflated into memory: *BUF (free()) of *LEN
 * bytes, never more than its declared size.
 */
enum ra_err	 ra_zip_inflate(struct ra_zip *, uint64_t idx,
		    const char *name, char **buf, size_t *len);

/* What ra_zip_check() found. */
struct ra_zip_layout {
	int		 found;		/* a central directory libzip would read */
	uint64_t	 members;	/* its entries */
	uint64_t	 cd_off, cd_size;
};

/*
 * Check the layout of a zip before libzip reads it (zipcheck.c): its
 * end of central directory record, every directory entry and the local
 * header each points to, from the LEN bytes at BUF or, when BUF is NULL,
 * from the LEN bytes of the file open at FD (read with ra_sys_pread(), in
 * windows).  Overlapping members, a directory out of proportion to the
 * file, more than one end record, and more members, longer names or
 * larger headers than the limits are recorded as diagnostics against
 * FILE and refused (RA_EZIP, RA_ELIMIT; RA_EIO when FD cannot be read);
 * OUTER members of the zips around it (a package's) count against the
 * member limit too.
 * RA_OK with OUT->found 0 means there is no end record libzip would
 * read, so libzip refuses the zip without reading a directory.  Time is
 * linear in the directory's size plus n log n in its entries, memory 32
 * bytes an entry.
 */
enum ra_err	 ra_zip_check(struct ra_ctx *, const char *file,
		    const void *buf, uint64_t len, int fd, uint64_t outer,
		    struct ra_zip_layout *out);

/* ---- dir.c ---------------------------------------------------------- */

enum ra_err	 ra_load_dir(struct ra_ctx *, struct ra_solution *,
		    const char *path);

/*
 * Entries of one folder, sorted byte-wise, dot files left out; a folder
 * that cannot be opened is RA100 on CTX, or nothing when CTX is NULL.
 */
struct ra_dirlist {
	char	**v;
	size_t	  n, cap;
};

enum ra_err	 ra_dir_list(struct ra_ctx *, const char *path,
		    struct ra_dirlist *out);
void		 ra_dir_list_free(struct ra_dirlist *);
/* "DIR/NAME" (one '/' between), or NULL when memory runs out. */
char		*ra_path_join(const char *dir, const char *name);

enum ra_want { RA_WANT_FILE, RA_WANT_DIR };

/*
 * Is PATH a regular file (or a folder, with RA_WANT_DIR), not a symbolic
 * link?  A link is reported as a warning (RA115) unless QUIET.
 */
int		 ra_path_is(struct ra_ctx *, const char *path, enum ra_want,
		    int quiet);
/*
 * DIR/ENTRY for the entry of L named NAME ignoring ASCII case that is of
 * kind WANT, or NULL (no such entry, or no memory).
 */
char		*ra_dir_find(struct ra_ctx *, const char *dir,
		    const struct ra_dirlist *l, const char *name,
		    enum ra_want want, int quiet);
/*
 * Bytes of one document that can be read again from the start: a file or
 * a zip member.  open() (re)starts it; read() hands out the next chunk,
 * borrowed until the next call, with *LEN 0 at the end; both record their
 * own diagnostics and return the status.  SIZE is the document's size
 * when known, else UINT64_MAX.
 */
struct ra_source {
	void		*arg;
	uint64_t	 size;
	enum ra_err	(*open)(void *arg);
	enum ra_err	(*read)(void *arg, const char **data, size_t *len);
	void		(*close)(void *arg);
};

/*
 * Parse the document from SRC as DOC into LD->sol, hashing the bytes into
 * SHA when not NULL.  A customizations.xml of RA_LIMIT_SCAN_SIZE bytes or
 * more goes through parse/scan.c first; when the scan is unsure, what it
 * loaded is discarded and the document is read again, whole.
 */
enum ra_err	 ra_load_stream(struct ra_load *, enum ra_doc,
		    struct ra_source *, struct ra_sha256 *sha);
/*
 * Stream the file at PATH (or BUF) through a parser of kind DOC, hashing
 * into SHA when not NULL; with NOFOLLOW a symbolic link is not opened.
 */
enum ra_err	 ra_load_xml_file(struct ra_load *, enum ra_doc,
		    const char *path, struct ra_sha256 *sha, int nofollow);
enum ra_err	 ra_load_xml_buffer(struct ra_load *, enum ra_doc,
		    const void *buf, size_t len);
/* The same, handed to the stages CHUNK bytes at a time (0: one). */
enum ra_err	 ra_load_xml_chunks(struct ra_load *, enum ra_doc,
		    const void *buf, size_t len, size_t chunk);
/*
 * 1 when a load on the calling thread may start threads of its own (a
 * zip's inflater, its digest): when CTX is not solo (cores are spare),
 * and for the first of a diff's two inputs, the twin's reader, which
 * sets the pace (parse/twin.c) while the second mostly compares bytes.
 */
int		 ra_load_threaded(const struct ra_ctx *);

#endif /* RA_INPUT_H */
