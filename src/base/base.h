/*
 * base.h - the bottom stage: growable buffers, strings compared as
 * privilege names are (ASCII case-insensitive), UTF-8 checks, name sets
 * and SHA-256, and the operating system where POSIX and Windows differ
 * (sys.h, included here).  It knows nothing of roles or solutions and
 * calls nothing of roleaudit's; every other stage may call it.  Never
 * installed.
 */
#ifndef RA_BASE_H
#define RA_BASE_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>

/*
 * Nettle's SHA-256 and HMAC contexts, for struct ra_sha256 and struct
 * ra_hmac_sha256 below: the one third-party library of base/, whose
 * headers are here because callers keep the contexts on their stack.
 * This header is never installed, so the installed roleaudit.h needs no
 * flags of nettle's.
 */
#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "roleaudit.h"
#include "base/sys.h"
#define RA_EXPORT	__attribute__((visibility("default")))

/* ---- util.c ---------------------------------------------------------- */

/* Growable byte string; `s` is always NUL-terminated once non-NULL. */
struct ra_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 oom;	/* sticky: an append ran out of memory */
};

/* Append N bytes of S; on failure B->oom is set and stays set. */
void	 ra_buf_grow_add(struct ra_buf *, const char *, size_t);

static inline void
ra_buf_add(struct ra_buf *b, const char *s, size_t n)
{
	/* The common case, room to spare, without a call. */
	if (!b->oom && b->s && n < b->cap - b->len) {
		if (n)
			memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else
		ra_buf_grow_add(b, s, n);
}
void	 ra_buf_adds(struct ra_buf *, const char *);
void	 ra_buf_printf(struct ra_buf *, const char *, ...)
	    RA_PRINTF(2, 3);
void	 ra_buf_free(struct ra_buf *);

char	*ra_strdup(const char *);
char	*ra_strndup(const char *, size_t);

/*
 * An arena of strings that live as long as it does: packed into large
 * chunks, without an allocation (and its overhead) each.  For the many
 * small names a large input brings (the catalog's, the tables').  All
 * zero is an empty arena.
 */
struct ra_arena {
	char	**chunk;	/* newest last */
	size_t	  nchunk, capchunk;
	size_t	  cap, used;	/* of the newest chunk */
};

/* A NUL-terminated copy of the N bytes at S in A, or NULL. */
char	*ra_arena_strndup(struct ra_arena *a, const char *s, size_t n);
/* Free every string of A at once; A is empty again. */
void	 ra_arena_free(struct ra_arena *a);
/*
 * The N bytes at S without the XML blanks (space, tab, CR, LF) around
 * them: the first byte left is returned and *N becomes their count.
 */
const char	*ra_trim(const char *s, size_t *n);
/* ASCII case-insensitive compare; ties broken byte-wise (a total order). */
int	 ra_namecmp(const char *, const char *);
int	 ra_strcaseeq(const char *, const char *);
/*
 * The N bytes at KEY against S, ASCII case ignored and no tie-break: 0
 * exactly when they are the same name, else in the order ra_namecmp()
 * sorts names, so a list sorted by it is bisected by this.
 */
int	 ra_namecmp_n(const char *key, size_t n, const char *s);
/* 1 when S starts with PFX, ignoring ASCII case. */
int	 ra_prefix_caseeq(const char *s, const char *pfx);
/* ASCII lower case, without the locale: names are compared as bytes. */
static inline unsigned char
ra_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* FNV-1a of the ASCII-lower-cased name: names hash case-insensitively. */
uint32_t ra_name_hash(const char *, size_t);
/* The NUL-terminated S equals the N bytes at NAME, ignoring ASCII case. */
int	 ra_name_eq(const char *s, const char *name, size_t n);

/*
 * A set of names compared ignoring ASCII case: counts a role's distinct
 * privileges when they are not all kept (see ra_ctx_focus()).  Cleared
 * per role, so its size follows the largest role, not the input.
 */
struct ra_nameset {
	uint64_t	*slot;
	size_t		 nslot, n;
	struct ra_buf	 arena;
};

/* 1 when NAME was new, 0 when already there, -1 when memory runs out. */
int	 ra_nameset_add(struct ra_nameset *, const char *, size_t);
/* The same, for a name whose ra_name_hash() is H. */
int	 ra_nameset_add_hash(struct ra_nameset *, const char *, size_t,
	    uint32_t h);
void	 ra_nameset_clear(struct ra_nameset *);
void	 ra_nameset_free(struct ra_nameset *);

/*
 * Length (1-4) of the valid UTF-8 sequence at S, or 0 (overlong forms,
 * surrogates and values past U+10FFFF are invalid).  S must hold a NUL
 * or enough bytes.
 */
size_t	 ra_utf8_len(const unsigned char *s);

/*
 * Text reports: write B to OUT and empty it (RA_EIO, or RA_ENOMEM when an
 * append had failed); pad B with blanks from column USED to TO; add the
 * terminal CODE only when COLOR.  (ra_text_width() is in render_text.c.)
 */
enum ra_err	 ra_buf_flush(struct ra_buf *, FILE *out);
/*
 * ra_buf_flush() B once it holds RA_BUF_FLUSH_AT bytes or more (or ran
 * out of memory), so that a report of any size is written as it goes
 * with a buffer of about that much; RA_OK while below it.
 */
#define RA_BUF_FLUSH_AT	65536
enum ra_err	 ra_buf_flush_full(struct ra_buf *, FILE *);
void		 ra_buf_pad(struct ra_buf *, size_t used, size_t to);
void		 ra_buf_ink(struct ra_buf *, int color, const char *code);

/* Terminal colours of the text reports (only with --color). */
#define RA_BOLD		"\033[1m"
#define RA_RED		"\033[31;1m"
#define RA_YELLOW	"\033[33;1m"
#define RA_GREEN	"\033[32m"
#define RA_DIM		"\033[2m"
#define RA_RESET	"\033[0m"

/* Append S to B with control characters and invalid UTF-8 escaped. */
void	 ra_buf_add_safe(struct ra_buf *, const char *);
/* Grow *V (of *CAP elements of SIZE) to hold at least N; 0 or -1. */
int	 ra_grow(void *v, size_t *cap, size_t n, size_t size);
/*
 * Sort the N elements of SIZE bytes at V by CMP, which is passed ARG (so
 * a key may live elsewhere, as a name in the catalog): a merge sort, so
 * stable, with scratch for half the elements.  0, or -1 when memory
 * runs out (then V is untouched).
 */
int	 ra_sort(void *v, size_t n, size_t size,
	    int (*cmp)(const void *, const void *, const void *arg),
	    const void *arg);

/* ---- sha256.c -------------------------------------------------------- */

/*
 * SHA-256 (FIPS 180-4) through GNU Nettle, whose x86_64 build picks the
 * SHA-NI instructions at run time where the processor has them.  Init,
 * update any number of times (any lengths, 0 too), then final or hex.
 */
struct ra_sha256 {
	struct sha256_ctx ctx;
};

void	 ra_sha256_init(struct ra_sha256 *);
void	 ra_sha256_update(struct ra_sha256 *, const void *, size_t);
/* The 32-byte digest; S is spent. */
void	 ra_sha256_final(struct ra_sha256 *, unsigned char out[32]);
/* Writes 64 hex digits and a NUL to HEX; S is spent. */
void	 ra_sha256_hex(struct ra_sha256 *, char hex[65]);
/*
 * The hex SHA-256 of the file at PATH into HEX: RA_OK, RA_ENOTFOUND
 * (cannot open) or RA_EIO (a read failed), with the errno in *ERR, or
 * RA_ENOMEM.  Records nothing: callers on other threads say why.
 */
enum ra_err	 ra_sha256_file(const char *path, char hex[65], int *err);

/* HMAC-SHA-256 (RFC 2104) through nettle: init, update, then hex. */
struct ra_hmac_sha256 {
	struct hmac_sha256_ctx ctx;
};

/* KEY of KEYLEN bytes, any length (NULL when KEYLEN is 0). */
void	 ra_hmac_sha256_init(struct ra_hmac_sha256 *, const void *key,
	    size_t keylen);
void	 ra_hmac_sha256_update(struct ra_hmac_sha256 *, const void *, size_t);
/* Writes 64 hex digits and a NUL to HEX; H is spent. */
void	 ra_hmac_sha256_hex(struct ra_hmac_sha256 *, char hex[65]);

#endif /* RA_BASE_H */
