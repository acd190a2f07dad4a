/*
 * bitmap.c - a role's privileges, in one of two layouts (see model.h).
 *
 * Dense: four bit planes as wide as the catalog.  Plane p (0..3) holds the
 * privileges granted at level p+1 or higher, so the level of privilege i
 * is the number of planes with bit i set, and raising a grant only ever
 * sets bits: "a role that grants the same privilege twice counts once, at
 * its highest level" needs no extra code.  Profiles, the focus and every
 * role of a focused load are dense: they are as wide as the profiles'
 * privileges, and checking them is word-wide bit operations.
 *
 * Sparse: the roles of an unfocused load, because there the catalog grows
 * with every distinct name of the input (a large solution has hundreds of
 * thousands) while a role holds a few hundred of them: a dense role would
 * cost the catalog's width four times over.  Grants are appended in any
 * order as (privilege << 2 | level - 1), four bytes each; then
 * ra_bitmap_seal() sorts them, keeps each privilege once at its highest
 * level, and packs the set:
 *
 *   byte 0         K, the Rice parameter (below)
 *   bytes 4..      one index record a BLOCK of grants: the block's first
 *                  privilege and the bit where the block starts (two
 *                  native uint32_t)
 *   then           a bit stream, least significant bit first: for each
 *                  grant of a block, after the first, the gap to the
 *                  previous privilege less one, Rice-coded (the quotient
 *                  by 2^K in unary: that many 1 bits and a 0; then K
 *                  bits), or ESCAPE 1 bits and the gap in 32 bits when the
 *                  quotient would be ESCAPE or more; then, for every
 *                  grant, its level less one in 2 bits
 *   8 zero bytes   so that every read may load 8 bytes
 *
 * K is the binary logarithm of the mean gap, so a role of 800 privileges
 * among 100,000 names takes about 11 bits a grant instead of 32: diff
 * holds every role of two large exports (13 million grants for the
 * role-heavy x4 bench) in a third of the memory.  A set is read in order
 * by an iterator (ra_bitmap_iter_next()); a lookup finds its block by
 * binary search over the index and reads at most BLOCK grants.  Equal
 * sets pack to equal bytes, so comparing two is one memcmp().
 *
 * A packed set never changes (adding to it unpacks a copy), so two roles
 * may hold the same one: ra_bitmap_share() counts the holders in a word
 * before the set (PK_RC bytes), and the last to let go frees it.  Diff
 * shares the set of a role written byte for byte alike in both inputs
 * (parse/twin.c).
 */
#include <assert.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

#define BIT(i)		((uint64_t)1 << ((i) & 63))
#define WORD(i)		((i) >> 6)
#define PLANE(b, p)	((b)->w + (size_t)(p) * (b)->nwords)

/* Sparse entries: the privilege, then the level less one in 2 bits. */
#define ENTRY(priv, l)	((uint32_t)(priv) << 2 | (uint32_t)((l) - 1))
#define EPRIV(e)	((size_t)((e) >> 2))
#define ELEVEL(e)	((enum ra_level)(((e) & 3) + 1))
#define SPARSE_MAX	((size_t)1 << 30)	/* privileges a sparse set can name */

/* Make room for privilege PRIV, keeping the planes' contents. */
static int
bitmap_reserve(struct ra_bitmap *b, size_t priv)
{
	size_t		 nw = b->nwords ? b->nwords : 1, p;
	uint64_t	*w;

	if (WORD(priv) < b->nwords)
		return 0;
	while (nw <= WORD(priv))
		nw *= 2;
	if ((w = calloc(nw * RA_PLANES, sizeof(*w))) == NULL)
		return -1;
	for (p = 0; p < RA_PLANES && b->nwords; p++)
		memcpy(w + p * nw, PLANE(b, p), b->nwords * sizeof(*w));
	free(b->w);
	b->w = w;
	b->nwords = nw;
	return 0;
}

void
ra_bitmap_sparse(struct ra_bitmap *b)
{
	assert(b->w == NULL && b->ne == 0);
	b->sparse = 1;
	b->sorted = 1;
}

/* Index of the first of sorted entries of B for a privilege >= PRIV. */
static size_t
sparse_lower(const struct ra_bitmap *b, size_t priv)
{
	size_t	 lo = 0, hi = b->ne, mid;

	assert(b->sorted);
	if (priv >= SPARSE_MAX)
		return b->ne;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (EPRIV(b->e[mid]) < priv)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
sparse_set(struct ra_bitmap *b, size_t priv, enum ra_level l)
{
	if (priv >= SPARSE_MAX)
		return -1;
	if (b->ne == b->cape && ra_grow(&b->e, &b->cape, b->ne + 1,
	    sizeof(*b->e)) == -1)
		return -1;
	/* Out of order or repeated: ra_bitmap_seal() sorts it out. */
	if (b->ne > 0 && EPRIV(b->e[b->ne - 1]) >= priv)
		b->sorted = 0;
	b->e[b->ne++] = ENTRY(priv, l);
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sort N entries: least significant byte first, as many passes as the
 * largest entry has bytes.  A role's few hundred entries sort several
 * times faster so than through qsort()'s comparisons, and every role of
 * an unfocused load is sorted.  qsort() when no scratch can be had.
 */
static void
entries_sort(uint32_t *e, size_t n)
{
	uint32_t	*tmp, *src = e, *dst, *t, max = 0;
	size_t		 cnt[256], i, sum, c;
	unsigned	 shift;

	if (n < 2)
		return;
	if ((tmp = malloc(n * sizeof(*tmp))) == NULL) {
		qsort(e, n, sizeof(*e), entry_cmp);
		return;
	}
	dst = tmp;
	for (i = 0; i < n; i++)
		if (e[i] > max)
			max = e[i];
	for (shift = 0; shift < 32 && (max >> shift) != 0; shift += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(src[i] >> shift) & 0xff]++;
		for (i = 0, sum = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[(src[i] >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != e)
		memcpy(e, src, n * sizeof(*e));
	free(tmp);
}

/* ---- packed sets ----------------------------------------------------- */

#define BLOCK		64	/* grants an index record covers */
#define ESCAPE		24	/* a unary run this long announces 32 raw bits */
#define PK_HEAD		4	/* bytes before the index */
#define PK_PAD		8	/* zero bytes after the stream */
#define PK_RC		16	/* the holders' count, before byte 0 */

/* A zeroed packed set of SIZE bytes with one holder, or NULL. */
static unsigned char *
pk_alloc(size_t size)
{
	unsigned char	*m;

	if (size > SIZE_MAX - PK_RC || (m = calloc(1, PK_RC + size)) == NULL)
		return NULL;
	atomic_init((atomic_uint *)(void *)m, 1);
	return m + PK_RC;
}

/* One holder of PK (NULL: none) lets go; the last frees it. */
static void
pk_release(unsigned char *pk)
{
	atomic_uint	*rc;

	if (pk == NULL)
		return;
	rc = (atomic_uint *)(void *)(pk - PK_RC);
	if (atomic_fetch_sub_explicit(rc, 1, memory_order_acq_rel) == 1)
		free(pk - PK_RC);
}

/* Little-endian 64-bit load, whatever the host. */
static uint64_t
le64(const unsigned char *p)
{
	uint64_t	 x;

	memcpy(&x, p, sizeof(x));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* A bit stream being written, least significant bit first. */
struct bitw {
	unsigned char	*p;	/* where the next 4 bytes go */
	uint64_t	 acc;	/* bits not yet stored */
	unsigned	 n;	/* how many */
	uint64_t	 pos;	/* bits written in all */
};

/* Append the N (at most 32) low bits of V. */
static void
bits_put(struct bitw *w, uint32_t v, unsigned n)
{
	w->acc |= (uint64_t)v << w->n;
	w->n += n;
	w->pos += n;
	if (w->n >= 32) {
		w->p[0] = (unsigned char)w->acc;
		w->p[1] = (unsigned char)(w->acc >> 8);
		w->p[2] = (unsigned char)(w->acc >> 16);
		w->p[3] = (unsigned char)(w->acc >> 24);
		w->p += 4;
		w->acc >>= 32;
		w->n -= 32;
	}
}

/* Store what is left. */
static void
bits_flush(struct bitw *w)
{
	for (; w->n > 0; w->n = w->n > 8 ? w->n - 8 : 0, w->acc >>= 8)
		*w->p++ = (unsigned char)w->acc;
}

/* N (at most 32) bits at bit POS of S. */
static uint32_t
bits_get(const unsigned char *s, uint64_t pos, unsigned n)
{
	return n == 0 ? 0 : (uint32_t)((le64(s + (pos >> 3)) >> (pos & 7)) &
	    (((uint64_t)1 << n) - 1));
}

static unsigned
pk_k(const struct ra_bitmap *b)
{
	return b->pk[0];
}

static size_t
pk_nblocks(const struct ra_bitmap *b)
{
	return (b->ne + BLOCK - 1) / BLOCK;
}

/* Block J's first privilege and the bit where it starts. */
static void
pk_block(const struct ra_bitmap *b, size_t j, uint32_t *first, uint64_t *bit)
{
	uint32_t	 r[2];

	memcpy(r, b->pk + PK_HEAD + j * sizeof(r), sizeof(r));
	*first = r[0];
	*bit = r[1];
}

static const unsigned char *
pk_stream(const struct ra_bitmap *b)
{
	return b->pk + PK_HEAD + pk_nblocks(b) * 2 * sizeof(uint32_t);
}

/* Bits the gap D (less one) takes with parameter K. */
static uint64_t
gap_bits(uint32_t d, unsigned k)
{
	return (d >> k) >= ESCAPE ? ESCAPE + 32 : (d >> k) + 1 + k;
}

/* Pack sorted, distinct entries E[0..N-1] into B->pk. */
static int
pack(struct ra_bitmap *b, const uint32_t *e, size_t n)
{
	struct bitw	 w = { 0 };
	unsigned char	*pk;
	uint64_t	 mean, nbits = 0, q;
	uint32_t	 d, r[2];
	size_t		 i, nblk = (n + BLOCK - 1) / BLOCK, size;
	unsigned	 k = 0;

	if (n > 1) {
		mean = (EPRIV(e[n - 1]) - EPRIV(e[0])) / (n - 1);
		while (k < 30 && ((uint64_t)2 << k) <= mean)
			k++;
	}
	for (i = 0; i < n; i++) {
		nbits += 2;
		if (i % BLOCK != 0)
			nbits += gap_bits((uint32_t)(EPRIV(e[i]) -
			    EPRIV(e[i - 1]) - 1), k);
	}
	/* Whole 4-byte stores, then the padding reads may run into. */
	size = PK_HEAD + nblk * sizeof(r) + (size_t)((nbits + 31) / 32 * 4) +
	    PK_PAD;
	if ((pk = pk_alloc(size)) == NULL)
		return -1;
	pk[0] = (unsigned char)k;
	w.p = pk + PK_HEAD + nblk * sizeof(r);
	for (i = 0; i < n; i++) {
		if (i % BLOCK == 0) {
			r[0] = (uint32_t)EPRIV(e[i]);
			r[1] = (uint32_t)w.pos;
			memcpy(pk + PK_HEAD + i / BLOCK * sizeof(r), r,
			    sizeof(r));
		} else {
			d = (uint32_t)(EPRIV(e[i]) - EPRIV(e[i - 1]) - 1);
			if ((q = d >> k) >= ESCAPE) {
				bits_put(&w, (1u << ESCAPE) - 1, ESCAPE);
				bits_put(&w, d, 32);
			} else {
				bits_put(&w, (uint32_t)((1u << q) - 1),
				    (unsigned)q + 1);
				bits_put(&w, d & ((1u << k) - 1), k);
			}
		}
		bits_put(&w, e[i] & 3, 2);
	}
	bits_flush(&w);
	/* Bit offsets are 32 bits: 2^32 bits is far beyond SPARSE_MAX. */
	assert(nbits < ((uint64_t)1 << 32) && w.pos == nbits);
	b->pk = pk;
	b->npk = size;
	return 0;
}

/*
 * Read the grant after the one at privilege *PRIV (FIRST: the block's
 * first, at *PRIV already) from bit *POS: its privilege into *PRIV and
 * its level, which is returned.
 */
static enum ra_level
pk_read(const unsigned char *st, unsigned k, uint64_t *pos, size_t *priv,
    int first)
{
	uint64_t	 x;
	uint32_t	 d;
	unsigned	 t;

	if (!first) {
		x = ~(le64(st + (*pos >> 3)) >> (*pos & 7));
		t = x == 0 ? 64 : (unsigned)__builtin_ctzll(x);
		if (t >= ESCAPE) {
			d = bits_get(st, *pos + ESCAPE, 32);
			*pos += ESCAPE + 32;
		} else {
			*pos += t + 1;
			d = (uint32_t)t << k | bits_get(st, *pos, k);
			*pos += k;
		}
		*priv += (size_t)d + 1;
	}
	t = bits_get(st, *pos, 2);
	*pos += 2;
	return (enum ra_level)(t + 1);
}

/*
 * The block of packed B that holds privilege PRIV if any grant does: the
 * last whose first privilege is at most PRIV, or -1 when PRIV comes
 * before them all.
 */
static long
pk_find(const struct ra_bitmap *b, size_t priv)
{
	size_t		 lo = 0, hi = pk_nblocks(b), mid;
	uint32_t	 first;
	uint64_t	 bit;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		pk_block(b, mid, &first, &bit);
		if (first <= priv)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

/*
 * The first grant of packed B at privilege PRIV or after: its privilege
 * into *AT (RA_NOPRIV when none) and its level.
 */
static enum ra_level
pk_lower(const struct ra_bitmap *b, size_t priv, size_t *at)
{
	const unsigned char	*st = pk_stream(b);
	long			 j = pk_find(b, priv);
	uint32_t		 first;
	uint64_t		 pos;
	size_t			 i, n, p;
	enum ra_level		 l;

	*at = RA_NOPRIV;
	if (b->ne == 0)
		return RA_LEVEL_NONE;
	if (j < 0)
		j = 0;
	pk_block(b, (size_t)j, &first, &pos);
	n = b->ne - (size_t)j * BLOCK;
	if (n > BLOCK)
		n = BLOCK;
	p = first;
	for (i = 0; i < n; i++) {
		l = pk_read(st, pk_k(b), &pos, &p, i == 0);
		if (p >= priv) {
			*at = p;
			return l;
		}
	}
	/* Past this block's grants: the next block's first, if any. */
	if ((size_t)j + 1 < pk_nblocks(b)) {
		pk_block(b, (size_t)j + 1, &first, &pos);
		p = first;
		*at = p;
		return pk_read(st, pk_k(b), &pos, &p, 1);
	}
	return RA_LEVEL_NONE;
}

/* Back to appending: packed B's grants as sorted entries again. */
static int
unpack(struct ra_bitmap *b)
{
	struct ra_bitmap_iter	 it;
	uint32_t		*e;
	size_t			 i = 0, p;
	enum ra_level		 l;

	if (b->pk == NULL)
		return 0;
	if ((e = malloc((b->ne ? b->ne : 1) * sizeof(*e))) == NULL)
		return -1;
	ra_bitmap_iter_init(&it, b);
	while (ra_bitmap_iter_next(&it, &p, &l))
		e[i++] = ENTRY(p, l);
	pk_release(b->pk);
	b->pk = NULL;
	b->npk = 0;
	b->e = e;
	b->cape = b->ne;
	return 0;
}

int
ra_bitmap_seal(struct ra_bitmap *b)
{
	size_t	 i, n;
	int	 rc = 0;

	if (!b->sparse || b->pk != NULL)
		return 0;
	if (!b->sorted) {
		entries_sort(b->e, b->ne);
		/* Equal privileges are now adjacent, highest level last. */
		for (i = 0, n = 0; i < b->ne; i++) {
			if (n > 0 && EPRIV(b->e[n - 1]) == EPRIV(b->e[i]))
				n--;
			b->e[n++] = b->e[i];
		}
		b->ne = n;
		b->sorted = 1;
	}
	if (b->ne > 0 && (rc = pack(b, b->e, b->ne)) == 0) {
		free(b->e);
		b->e = NULL;
		b->cape = 0;
	}
	return rc;
}

void
ra_bitmap_iter_init(struct ra_bitmap_iter *it, const struct ra_bitmap *b)
{
	memset(it, 0, sizeof(*it));
	it->b = b;
}

int
ra_bitmap_iter_next(struct ra_bitmap_iter *it, size_t *priv,
    enum ra_level *l)
{
	const struct ra_bitmap	*b = it->b;
	uint32_t		 first;
	uint64_t		 bit;

	if (b->sparse && b->pk != NULL) {
		if (it->i >= b->ne)
			return 0;
		if (it->i % BLOCK == 0) {
			pk_block(b, it->i / BLOCK, &first, &bit);
			it->priv = first;
			it->pos = bit;
		}
		*l = pk_read(pk_stream(b), pk_k(b), &it->pos, &it->priv,
		    it->i % BLOCK == 0);
		it->i++;
		*priv = it->priv;
		return 1;
	}
	if (b->sparse) {
		/* Not packed: empty, or sorted entries (an unpacked seal). */
		assert(b->sorted);
		if (it->i >= b->ne)
			return 0;
		*priv = EPRIV(b->e[it->i]);
		*l = ELEVEL(b->e[it->i]);
		it->i++;
		return 1;
	}
	if ((*priv = ra_bitmap_next(b, it->priv)) == RA_NOPRIV)
		return 0;
	*l = ra_bitmap_get(b, *priv);
	it->priv = *priv + 1;
	return 1;
}

int
ra_bitmap_unpacked(const struct ra_bitmap *b, struct ra_bitmap *out)
{
	struct ra_bitmap_iter	 it;
	size_t			 p, n = 0;
	enum ra_level		 l;

	memset(out, 0, sizeof(*out));
	if (!b->sparse || b->pk == NULL) {
		/* Dense, or sparse and not packed: a copy as it is. */
		*out = *b;
		out->w = NULL;
		out->e = NULL;
		if (b->w != NULL && (out->w = malloc(b->nwords * RA_PLANES *
		    sizeof(*b->w))) == NULL)
			return -1;
		if (b->w != NULL)
			memcpy(out->w, b->w, b->nwords * RA_PLANES *
			    sizeof(*b->w));
		if (b->e != NULL && (out->e = malloc(b->ne *
		    sizeof(*b->e))) == NULL) {
			ra_bitmap_free(out);
			return -1;
		}
		if (b->e != NULL)
			memcpy(out->e, b->e, b->ne * sizeof(*b->e));
		out->cape = b->ne;
		return 0;
	}
	if ((out->e = malloc(b->ne * sizeof(*out->e))) == NULL)
		return -1;
	ra_bitmap_iter_init(&it, b);
	while (ra_bitmap_iter_next(&it, &p, &l))
		out->e[n++] = ENTRY(p, l);
	out->ne = out->cape = n;
	out->sparse = out->sorted = 1;
	return 0;
}

int
ra_bitmap_set(struct ra_bitmap *b, size_t priv, enum ra_level l)
{
	int	 p;

	if (l == RA_LEVEL_NONE)
		return 0;
	if (b->sparse)
		return unpack(b) == -1 ? -1 : sparse_set(b, priv, l);
	if (bitmap_reserve(b, priv) == -1)
		return -1;
	for (p = 0; p < (int)l && p < RA_PLANES; p++)
		PLANE(b, p)[WORD(priv)] |= BIT(priv);
	return 0;
}

int
ra_bitmap_equal(const struct ra_bitmap *a, const struct ra_bitmap *b)
{
	size_t	 i, j;

	struct ra_bitmap_iter	 x, y;
	size_t			 p, q;
	enum ra_level		 l, m;
	int			 more;

	/* Packing is canonical: equal sets, equal bytes. */
	if (a->sparse && b->sparse && a->pk != NULL && b->pk != NULL)
		return a->pk == b->pk || (a->npk == b->npk &&
		    memcmp(a->pk, b->pk, a->npk) == 0);
	if (a->sparse || b->sparse) {
		ra_bitmap_iter_init(&x, a);
		ra_bitmap_iter_init(&y, b);
		while ((more = ra_bitmap_iter_next(&x, &p, &l)) ==
		    ra_bitmap_iter_next(&y, &q, &m) && more)
			if (p != q || l != m)
				return 0;
		return !more && ra_bitmap_iter_next(&y, &q, &m) == 0;
	}
	i = ra_bitmap_next(a, 0);
	j = ra_bitmap_next(b, 0);
	while (i == j && i != RA_NOPRIV) {
		if (ra_bitmap_get(a, i) != ra_bitmap_get(b, i))
			return 0;
		i = ra_bitmap_next(a, i + 1);
		j = ra_bitmap_next(b, j + 1);
	}
	return i == j;
}

enum ra_level
ra_bitmap_get(const struct ra_bitmap *b, size_t priv)
{
	size_t		 k;
	enum ra_level	 l;
	int		 p;

	if (b->sparse && b->pk != NULL) {
		l = pk_lower(b, priv, &k);
		return k == priv ? l : RA_LEVEL_NONE;
	}
	if (b->sparse) {
		k = sparse_lower(b, priv);
		return k < b->ne && EPRIV(b->e[k]) == priv ?
		    ELEVEL(b->e[k]) : RA_LEVEL_NONE;
	}
	if (WORD(priv) >= b->nwords)
		return RA_LEVEL_NONE;
	for (p = 0; p < RA_PLANES; p++)
		if (!(PLANE(b, p)[WORD(priv)] & BIT(priv)))
			break;
	return (enum ra_level)p;
}

size_t
ra_bitmap_count(const struct ra_bitmap *b)
{
	size_t	 i, n = 0;

	if (b->sparse) {
		assert(b->sorted);
		return b->ne;
	}
	/* Plane 0 holds every privilege granted at any level. */
	for (i = 0; i < b->nwords; i++)
		n += (size_t)__builtin_popcountll(PLANE(b, 0)[i]);
	return n;
}

void
ra_bitmap_free(struct ra_bitmap *b)
{
	free(b->w);
	free(b->e);
	pk_release(b->pk);
	memset(b, 0, sizeof(*b));
}

int
ra_bitmap_share(struct ra_bitmap *dst, const struct ra_bitmap *src)
{
	size_t	 nw = RA_PLANES * src->nwords;

	*dst = *src;
	dst->w = NULL;
	dst->e = NULL;
	dst->cape = 0;
	if (src->pk != NULL)
		atomic_fetch_add_explicit((atomic_uint *)(void *)
		    (src->pk - PK_RC), 1, memory_order_relaxed);
	if ((src->w != NULL && (dst->w = malloc(nw * sizeof(*dst->w))) ==
	    NULL) || (src->e != NULL && (dst->e = malloc((src->ne ? src->ne :
	    1) * sizeof(*dst->e))) == NULL)) {
		ra_bitmap_free(dst);
		return -1;
	}
	if (dst->w != NULL)
		memcpy(dst->w, src->w, nw * sizeof(*dst->w));
	if (dst->e != NULL) {
		memcpy(dst->e, src->e, src->ne * sizeof(*dst->e));
		dst->cape = src->ne ? src->ne : 1;
	}
	return 0;
}

int
ra_bitmap_missing(const struct ra_bitmap *req, const struct ra_bitmap *held,
    struct ra_bitmap *miss)
{
	size_t		 i, p;
	uint64_t	 h, m;

	assert(!req->sparse && !miss->sparse);
	if (req->nwords && bitmap_reserve(miss, req->nwords * 64 - 1) == -1)
		return -1;
	if (miss->w)
		memset(miss->w, 0, miss->nwords * RA_PLANES * sizeof(*miss->w));
	if (held->sparse) {
		for (i = ra_bitmap_next(req, 0); i != RA_NOPRIV;
		    i = ra_bitmap_next(req, i + 1))
			if (ra_bitmap_get(held, i) < ra_bitmap_get(req, i))
				PLANE(miss, 0)[WORD(i)] |= BIT(i);
		return 0;
	}
	for (i = 0; i < req->nwords; i++) {
		m = 0;
		for (p = 0; p < RA_PLANES; p++) {
			h = i < held->nwords ? PLANE(held, p)[i] : 0;
			m |= PLANE(req, p)[i] & ~h;
		}
		PLANE(miss, 0)[i] = m;
	}
	return 0;
}

size_t
ra_bitmap_next(const struct ra_bitmap *b, size_t i)
{
	size_t		 w = WORD(i), k;
	uint64_t	 m;

	if (b->sparse && b->pk != NULL) {
		(void)pk_lower(b, i, &k);
		return k;
	}
	if (b->sparse) {
		k = sparse_lower(b, i);
		return k < b->ne ? EPRIV(b->e[k]) : RA_NOPRIV;
	}
	if (w >= b->nwords)
		return RA_NOPRIV;
	m = b->w[w] & (~(uint64_t)0 << (i & 63));
	for (;;) {
		if (m)
			return w * 64 + (size_t)__builtin_ctzll(m);
		if (++w >= b->nwords)
			return RA_NOPRIV;
		m = b->w[w];
	}
}

int
ra_bitmap_covers(const struct ra_bitmap *held, const struct ra_bitmap *need)
{
	size_t	 i, p;

	assert(!need->sparse);
	if (held->sparse) {
		for (i = ra_bitmap_next(need, 0); i != RA_NOPRIV;
		    i = ra_bitmap_next(need, i + 1))
			if (ra_bitmap_get(held, i) < ra_bitmap_get(need, i))
				return 0;
		return 1;
	}
	for (p = 0; p < RA_PLANES; p++)
		for (i = 0; i < need->nwords; i++)
			if (PLANE(need, p)[i] & ~(i < held->nwords ?
			    PLANE(held, p)[i] : 0))
				return 0;
	return 1;
}
