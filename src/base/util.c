/*
 * util.c - strings, growable buffers and small helpers shared by every
 * stage.  Nothing here knows about roles.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

int
ra_grow(void *vp, size_t *cap, size_t n, size_t size)
{
	void	**v = vp;
	size_t	  ncap;
	void	 *p;

	if (n <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < n) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return -1;
	if ((p = realloc(*v, ncap * size)) == NULL)
		return -1;
	*v = p;
	*cap = ncap;
	return 0;
}

/* Runs this short are sorted by insertion, not merged. */
#define SORT_RUN	16

struct sorting {
	size_t		  size;
	int		(*cmp)(const void *, const void *, const void *);
	const void	 *arg;
	unsigned char	 *tmp;		/* for half the elements, and one */
};

/*
 * Sort the N elements at A: each half, then, unless they are in order
 * already, the first half copied out and merged back with the second
 * (the merge never writes past what it has read of the second half).
 */
static void
msort(const struct sorting *s, unsigned char *a, size_t n)
{
	size_t		 sz = s->size, h, i, j;
	unsigned char	*x, *xe, *y, *ye, *o, *one = s->tmp;

	if (n <= SORT_RUN) {
		for (i = 1; i < n; i++) {
			for (j = i; j > 0 && s->cmp(a + (j - 1) * sz,
			    a + i * sz, s->arg) > 0; j--)
				;
			if (j == i)
				continue;
			memcpy(one, a + i * sz, sz);
			memmove(a + (j + 1) * sz, a + j * sz, (i - j) * sz);
			memcpy(a + j * sz, one, sz);
		}
		return;
	}
	h = n / 2;
	msort(s, a, h);
	msort(s, a + h * sz, n - h);
	if (s->cmp(a + (h - 1) * sz, a + h * sz, s->arg) <= 0)
		return;
	memcpy(s->tmp, a, h * sz);
	x = s->tmp;
	xe = x + h * sz;
	y = a + h * sz;
	ye = a + n * sz;
	o = a;
	/* Equal keys: the first half's first, so stable. */
	while (x < xe && y < ye) {
		if (s->cmp(y, x, s->arg) < 0) {
			memcpy(o, y, sz);
			y += sz;
		} else {
			memcpy(o, x, sz);
			x += sz;
		}
		o += sz;
	}
	memcpy(o, x, (size_t)(xe - x));
}

int
ra_sort(void *v, size_t n, size_t size,
    int (*cmp)(const void *, const void *, const void *), const void *arg)
{
	struct sorting	 s;

	if (n < 2)
		return 0;
	if (size == 0 || n > SIZE_MAX / size ||
	    (s.tmp = malloc((n / 2 + 1) * size)) == NULL)
		return -1;
	s.size = size;
	s.cmp = cmp;
	s.arg = arg;
	msort(&s, v, n);
	free(s.tmp);
	return 0;
}

void
ra_buf_grow_add(struct ra_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (n > SIZE_MAX - b->len - 1 ||
	    ra_grow(&b->s, &b->cap, b->len + n + 1, 1) == -1) {
		b->oom = 1;
		return;
	}
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
ra_buf_adds(struct ra_buf *b, const char *s)
{
	ra_buf_add(b, s, strlen(s));
}

void
ra_buf_printf(struct ra_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || ra_grow(&b->s, &b->cap, b->len + (size_t)n + 1, 1) == -1) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
ra_buf_free(struct ra_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

char *
ra_strndup(const char *s, size_t n)
{
	char	*p;

	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

#define ARENA_CHUNK	((size_t)64 * 1024)

char *
ra_arena_strndup(struct ra_arena *a, const char *s, size_t n)
{
	size_t	 size = n + 1 > ARENA_CHUNK ? n + 1 : ARENA_CHUNK;
	char	*p;

	if (a->nchunk == 0 || a->cap - a->used < n + 1) {
		if (ra_grow(&a->chunk, &a->capchunk, a->nchunk + 1,
		    sizeof(*a->chunk)) == -1 || (p = malloc(size)) == NULL)
			return NULL;
		a->chunk[a->nchunk++] = p;
		a->cap = size;
		a->used = 0;
	}
	p = a->chunk[a->nchunk - 1] + a->used;
	memcpy(p, s, n);
	p[n] = '\0';
	a->used += n + 1;
	return p;
}

void
ra_arena_free(struct ra_arena *a)
{
	size_t	 i;

	for (i = 0; i < a->nchunk; i++)
		free(a->chunk[i]);
	free(a->chunk);
	memset(a, 0, sizeof(*a));
}

const char *
ra_trim(const char *s, size_t *n)
{
	while (*n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		(*n)--;
	}
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
	    s[*n - 1] == '\r' || s[*n - 1] == '\n'))
		(*n)--;
	return s;
}

char *
ra_strdup(const char *s)
{
	return ra_strndup(s, strlen(s));
}

int
ra_namecmp(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;
	int			 d;

	for (; *p && *q; p++, q++)
		if (*p != *q && (d = ra_lower(*p) - ra_lower(*q)) != 0)
			return d;
	if (*p || *q)
		return *p ? 1 : -1;
	return strcmp(a, b);
}

int
ra_namecmp_n(const char *key, size_t n, const char *s)
{
	size_t	 i;
	int	 d;

	for (i = 0; i < n && s[i]; i++)
		if (key[i] != s[i] && (d = ra_lower((unsigned char)key[i]) -
		    ra_lower((unsigned char)s[i])) != 0)
			return d;
	if (i < n)
		return 1;
	return s[i] ? -1 : 0;
}

int
ra_strcaseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ra_lower((unsigned char)*a) != ra_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

size_t
ra_utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xe0 && s[1] < 0xa0)
			return 0;
		if (s[0] == 0xed && s[1] >= 0xa0)
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xf0 && s[1] < 0x90)
			return 0;
		if (s[0] == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/*
 * U+200E/U+200F marks, U+202A..U+202E embeddings and overrides, U+2066..
 * U+2069 isolates: the "Trojan Source" characters.
 */
static int
is_bidi(const unsigned char *s)
{
	if (s[0] != 0xe2)
		return 0;
	if (s[1] == 0x80)
		return s[2] == 0x8e || s[2] == 0x8f ||
		    (s[2] >= 0xaa && s[2] <= 0xae);
	if (s[1] == 0x81)
		return s[2] >= 0xa6 && s[2] <= 0xa9;
	return 0;
}

void
ra_buf_add_safe(struct ra_buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str, *run;
	size_t			 n;

	while (*s) {
		/* Printable ASCII, the most of most names, a run at a time. */
		for (run = s; *s >= 0x20 && *s < 0x7f; s++)
			;
		if (s > run) {
			ra_buf_add(b, (const char *)run, (size_t)(s - run));
			continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			ra_buf_printf(b, "\\x%02x", *s);
			s++;
		} else if ((n = ra_utf8_len(s)) == 0) {
			ra_buf_printf(b, "\\x%02x", *s);
			s++;
		} else if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) {
			/* C1 controls (U+0080..U+009F) steer terminals too. */
			ra_buf_printf(b, "\\u%04x", s[1]);
			s += 2;
		} else if (n == 3 && is_bidi(s)) {
			/* Bidirectional overrides make text read differently. */
			ra_buf_printf(b, "\\u%04x", ((s[0] & 0x0f) << 12) |
			    ((s[1] & 0x3f) << 6) | (s[2] & 0x3f));
			s += 3;
		} else {
			ra_buf_add(b, (const char *)s, n);
			s += n;
		}
	}
}

uint32_t
ra_name_hash(const char *s, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	uint64_t	 h = 0x9e3779b97f4a7c15ULL ^ n, w, seven, upper;
	size_t		 k;

	/*
	 * Eight bytes at a time: lower-case the ASCII capitals of a word in
	 * a few operations (set 0x20 where 'A' <= byte <= 'Z'), then mix.
	 */
	for (; n > 0; s += k, n -= k) {
		k = n < 8 ? n : 8;
		w = 0;
		memcpy(&w, s, k);
		seven = w & (0x7f * ones);
		upper = (seven + (0x80 - 'A') * ones) &
		    ~(seven + (0x80 - 'Z' - 1) * ones) & ~w & (0x80 * ones);
		w |= upper >> 2;
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	/*
	 * A full final mix (MurmurHash3's): tables index by the low bits,
	 * and without it names that differ only in their last digits (a
	 * generated solution's prefix_table00001 ...) crowd a few runs of
	 * slots, forty probes a lookup where this gives about two.
	 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (uint32_t)h;
}

int
ra_name_eq(const char *s, const char *name, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (ra_lower((unsigned char)s[i]) !=
		    ra_lower((unsigned char)name[i]))
			return 0;
	return s[n] == '\0';
}

/* Slot: the name's hash in the high half, its arena offset + 1 below. */
#define SLOT(h, off)	((uint64_t)(h) << 32 | (uint64_t)((off) + 1))

int
ra_nameset_add(struct ra_nameset *ns, const char *name, size_t n)
{
	return ra_nameset_add_hash(ns, name, n, ra_name_hash(name, n));
}

int
ra_nameset_add_hash(struct ra_nameset *ns, const char *name, size_t n,
    uint32_t h)
{
	size_t		 i, mask, off;
	uint64_t	 v;

	if ((ns->n + 1) * 2 > ns->nslot) {
		size_t		 nslot = ns->nslot ? ns->nslot * 2 : 256, j;
		uint64_t	*slot;

		if ((slot = calloc(nslot, sizeof(*slot))) == NULL)
			return -1;
		for (j = 0; j < ns->nslot; j++) {
			if ((v = ns->slot[j]) == 0)
				continue;
			for (i = (v >> 32) & (nslot - 1); slot[i];
			    i = (i + 1) & (nslot - 1))
				continue;
			slot[i] = v;
		}
		free(ns->slot);
		ns->slot = slot;
		ns->nslot = nslot;
	}
	mask = ns->nslot - 1;
	for (i = h & mask; (v = ns->slot[i]) != 0; i = (i + 1) & mask)
		if ((uint32_t)(v >> 32) == h &&
		    ra_name_eq(ns->arena.s + (v & 0xffffffffu) - 1, name, n))
			return 0;
	off = ns->arena.len;
	if (off >= 0xfffffffeu - n)
		return -1;
	ra_buf_add(&ns->arena, name, n);
	ra_buf_add(&ns->arena, "", 1);
	if (ns->arena.oom)
		return -1;
	ns->slot[i] = SLOT(h, off);
	ns->n++;
	return 1;
}

void
ra_nameset_clear(struct ra_nameset *ns)
{
	if (ns->n)
		memset(ns->slot, 0, ns->nslot * sizeof(*ns->slot));
	ns->n = 0;
	ns->arena.len = 0;
}

void
ra_nameset_free(struct ra_nameset *ns)
{
	free(ns->slot);
	ra_buf_free(&ns->arena);
	memset(ns, 0, sizeof(*ns));
}

enum ra_err
ra_buf_flush(struct ra_buf *b, FILE *out)
{
	enum ra_err	 rc = RA_OK;

	if (b->oom)
		rc = RA_ENOMEM;
	else if (b->len && fwrite(b->s, 1, b->len, out) != b->len)
		rc = RA_EIO;
	b->len = 0;
	return rc;
}

enum ra_err
ra_buf_flush_full(struct ra_buf *b, FILE *out)
{
	return b->len < RA_BUF_FLUSH_AT && !b->oom ? RA_OK :
	    ra_buf_flush(b, out);
}

void
ra_buf_pad(struct ra_buf *b, size_t used, size_t to)
{
	for (; used < to; used++)
		ra_buf_add(b, " ", 1);
}

void
ra_buf_ink(struct ra_buf *b, int color, const char *code)
{
	if (color)
		ra_buf_adds(b, code);
}

int
ra_prefix_caseeq(const char *s, const char *pfx)
{
	for (; *pfx; s++, pfx++)
		if (ra_lower((unsigned char)*s) != ra_lower((unsigned char)*pfx))
			return 0;
	return 1;
}
