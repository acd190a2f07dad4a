/*
 * input.h - the input stage: which files and zip members hold roles, and
 * their bytes.  load.c dispatches a path to zip.c (libzip, members
 * streamed, never extracted, after zipcheck.c has walked the zip's
 * directory itself), dir.c (unpacked solution folders) or a
 * single XML file, loads several inputs on worker threads, and hands every
 * document to stream.c, the driver that feeds parse/.  It may call
 * parse/, model/ and base/.  Never installed.
 */
#ifndef RA_INPUT_H
#define RA_INPUT_H

#include "parse/parse.h"

enum ra_err	 ra_load_zip(struct ra_ctx *, struct ra_solution *,
		    const char *path, const void *buf, size_t len);

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
 * FILE and refused (RA_EZIP, RA_ELIMIT; RA_EIO when FD cannot be read).
 * RA_OK with OUT->found 0 means there is no end record libzip would
 * read, so libzip refuses the zip without reading a directory.  Time is
 * linear in the directory's size plus n log n in its entries, memory 32
 * bytes an entry.
 */
enum ra_err	 ra_zip_check(struct ra_ctx *, const char *file,
		    const void *buf, uint64_t len, int fd,
		    struct ra_zip_layout *out);
enum ra_err	 ra_load_dir(struct ra_ctx *, struct ra_solution *,
		    const char *path);
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

#endif /* RA_INPUT_H */
