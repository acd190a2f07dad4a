/*
 * twin.c - two inputs read at once (the two sides of a diff) build each
 * role written byte for byte alike in both only once.
 *
 * Two versions of a solution mostly repeat each other: diff of the
 * role-heavy bench against its next version finds 1 role in 100 changed.
 * Side 0, the reader, reads every role as usual; side 1, the follower,
 * takes the reader's role wherever its own bytes are the same.  Each
 * side's scan (scan.c) asks here at a role's start tag, by the role's id
 * attribute as written:
 *
 *   - the reader claims a role no side has met, reads it while keeping a
 *     copy of its bytes (from the '<' of <Role> to the '>' of </Role>),
 *     and posts the copy with the role it built;
 *   - the follower, meeting a role the reader posted, compares bytes:
 *     when they are the same, and the role starts in the same column, it
 *     takes the posted role, for the same bytes read by the same reader
 *     give the same role: only its lines move (ra_role_relocate()), its
 *     file is the follower's, and the packed privilege set is shared
 *     (ra_bitmap_share()).  Otherwise it reads its own.
 *   - the follower waits while the reader reads that role, or while the
 *     reader has met fewer roles than the follower (the role may be yet
 *     to come); it reads its own once the reader has met more roles
 *     without this one, or has passed its roles (ra_twin_pass()).
 *
 * The reader's load inflates on a thread of its own (input/zip.c), so
 * it sets the pace while the follower, mostly comparing bytes, keeps up
 * on the other core.  The bytes kept for the follower are bounded
 * (TWIN_HELD): while they fill the window and the follower is taking
 * roles, the reader waits for room; otherwise, and for a role over
 * TWIN_ROLE_MAX bytes, a role is posted without them and the follower
 * reads its own.
 *
 * No deadlock: the two never wait at once (each looks at the other's
 * `waiting` under the lock first; the follower waiting on a claim is no
 * exception, for the reader holds none while it waits), and what each
 * waits for the other does as it goes on.  A side that stops (its
 * <Roles> ends; unsure, out of memory, an error, the end of its load)
 * drops its claim and passes, so that the other waits no more.
 *
 * The reader posts a role's set unsealed (its grants as read, not yet
 * sorted and packed: struct ra_role's DEFERRED) and the follower, which
 * has the time, seals it: the copy it takes, refuses or passes by, each
 * handed back shared (seal_back()), which the reader puts into its own
 * roles as it posts the next (ra_twin_sealed()); what is not back when
 * the reader's scan closes, the reader seals itself.
 *
 * What a posted role holds is its own (copies; the set shared), so that
 * one side may fail and free its solution while the other goes on.  Only
 * the fast scan takes part: the libxml2 reader, and a load without a
 * twin, never ask.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/parse.h"

/*
 * How many of the reader's steps a waiting follower sleeps through, and
 * for how long at most (nanoseconds).
 */
#define TWIN_NAP	16
#define TWIN_NAP_NS	(2 * 1000 * 1000L)

/*
 * A slot lives from the reader's claim until the follower takes or
 * refuses it, or the reader drops it or posts it without its bytes; a
 * tombstone, from the follower reading a role the reader had not met,
 * until the reader meets it (and then reads it without keeping it).
 */
enum {
	T_CLAIMED = 1,	/* the reader is reading it */
	T_POSTED,	/* BYTES and ROLE wait for the follower */
	T_GONE		/* the follower read its own */
};

struct ra_twin_slot {
	struct ra_twin_slot	*next;		/* in its hash chain */
	struct ra_twin_slot	*qprev, *qnext;	/* posted, in order */
	char			*key;
	size_t			 klen;
	int			 state;
	size_t			 ord;		/* the reader's role number */
	size_t			 taker;		/* the follower's, offered */
	char			*bytes;
	size_t			 len;
	struct ra_role		 role;
	/* Posted deferred: the reader's scan and its role's index. */
	unsigned		 epoch;
	size_t			 idx;
};

/* A set the follower sealed, on its way back to the reader's role IDX. */
struct ra_twin_back {
	struct ra_twin_back	*next;
	unsigned		 epoch;
	size_t			 idx;
	struct ra_bitmap	 bits;
	size_t			 nprivs;
};

struct ra_twin {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct ra_twin_slot	**bucket;
	size_t			 nbucket, nslot;
	struct ra_twin_slot	*qhead, *qtail;	/* posted, oldest first */
	size_t			 held;		/* bytes of posted slots */
	size_t			 met[2];	/* roles each side met */
	/*
	 * The reader's role number less the follower's, for the last role
	 * both met (taken, or read by the follower first).
	 */
	long long		 off;
	int			 scanning[2];	/* a side's scan has begun */
	int			 passed[2];	/* a side meets no more */
	int			 waiting[2];	/* a side waits in meet */
	int			 nap;		/* the follower's, see wake() */
	/* The follower took its last role (or has met none yet). */
	int			 following;
	/*
	 * Sets sealed for the reader, of its scan numbered EPOCH, which
	 * takes them while OPEN (ra_twin_sealed()).
	 */
	struct ra_twin_back	*back;
	unsigned		 epoch;
	int			 open;
};

/* The twin the calling thread's loads take part in (ra_twin_bind()). */
static _Thread_local struct ra_twin	*bound;
static _Thread_local int		 bound_side;

struct ra_twin *
ra_twin_new(void)
{
	struct ra_twin	*t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->nbucket = 1024;
	if ((t->bucket = calloc(t->nbucket, sizeof(*t->bucket))) == NULL) {
		free(t);
		return NULL;
	}
	if (pthread_mutex_init(&t->mu, NULL) != 0) {
		free(t->bucket);
		free(t);
		return NULL;
	}
	if (pthread_cond_init(&t->cv, NULL) != 0) {
		pthread_mutex_destroy(&t->mu);
		free(t->bucket);
		free(t);
		return NULL;
	}
	t->following = 1;
	return t;
}

static void
slot_free(struct ra_twin_slot *sl)
{
	free(sl->key);
	free(sl->bytes);
	ra_role_clear(&sl->role);
	free(sl);
}

/* Free the list of sets from BK on. */
static void
back_free(struct ra_twin_back *bk)
{
	struct ra_twin_back	*nx;

	for (; bk != NULL; bk = nx) {
		nx = bk->next;
		ra_bitmap_free(&bk->bits);
		free(bk);
	}
}

void
ra_twin_free(struct ra_twin *t)
{
	struct ra_twin_slot	*sl, *nx;
	size_t			 i;

	if (t == NULL)
		return;
	back_free(t->back);
	for (i = 0; i < t->nbucket; i++)
		for (sl = t->bucket[i]; sl != NULL; sl = nx) {
			nx = sl->next;
			slot_free(sl);
		}
	free(t->bucket);
	pthread_cond_destroy(&t->cv);
	pthread_mutex_destroy(&t->mu);
	free(t);
}

void
ra_twin_bind(struct ra_twin *t, int side)
{
	bound = t;
	bound_side = side;
}

struct ra_twin *
ra_twin_bound(int *side)
{
	*side = bound_side;
	return bound;
}

/* Double the buckets when the chains grow long; no change on failure. */
static void
rehash(struct ra_twin *t)
{
	struct ra_twin_slot	**nb, *sl, *nx;
	size_t			  i, n = t->nbucket * 2, h;

	if ((nb = calloc(n, sizeof(*nb))) == NULL)
		return;
	for (i = 0; i < t->nbucket; i++)
		for (sl = t->bucket[i]; sl != NULL; sl = nx) {
			nx = sl->next;
			h = ra_name_hash(sl->key, sl->klen) & (n - 1);
			sl->next = nb[h];
			nb[h] = sl;
		}
	free(t->bucket);
	t->bucket = nb;
	t->nbucket = n;
}

/*
 * Wake SIDE if it waits in meet; under the lock.  The follower, being
 * the faster, would be woken for nearly every role the reader meets and
 * posts: it is let sleep through TWIN_NAP of them, so that it comes back
 * to a few roles at a time, unless what the reader keeps for it fills
 * half the window first, or TWIN_NAP_NS pass (nap()).  A side that
 * passes wakes it at once.
 */
static void
wake(struct ra_twin *t, int side)
{
	if (!t->waiting[side])
		return;
	if (side == 1 && --t->nap > 0 && t->held < TWIN_HELD / 2)
		return;
	pthread_cond_broadcast(&t->cv);
}

/*
 * The follower waits, under the lock: until woken (wake()), and no
 * longer than TWIN_NAP_NS, so that it never depends on the reader's
 * taking more steps.
 */
static void
nap(struct ra_twin *t)
{
	struct timespec	 ts;

	t->waiting[1] = 1;
	t->nap = TWIN_NAP;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
		pthread_cond_wait(&t->cv, &t->mu);
		return;
	}
	ts.tv_nsec += TWIN_NAP_NS;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	(void)pthread_cond_timedwait(&t->cv, &t->mu, &ts);
}

/* The slot of KEY, or NULL; under the lock. */
static struct ra_twin_slot *
find(struct ra_twin *t, const char *key, size_t klen)
{
	struct ra_twin_slot	*sl;

	for (sl = t->bucket[ra_name_hash(key, klen) & (t->nbucket - 1)];
	    sl != NULL; sl = sl->next)
		if (sl->klen == klen && memcmp(sl->key, key, klen) == 0)
			break;
	return sl;
}

/* A new slot of KEY in STATE, or NULL; under the lock. */
static struct ra_twin_slot *
slot_new(struct ra_twin *t, const char *key, size_t klen, int state,
    size_t ord)
{
	struct ra_twin_slot	*sl;
	size_t			 h = ra_name_hash(key, klen) & (t->nbucket - 1);

	if ((sl = calloc(1, sizeof(*sl))) == NULL ||
	    (sl->key = malloc(klen ? klen : 1)) == NULL) {
		free(sl);
		return NULL;
	}
	memcpy(sl->key, key, klen);
	sl->klen = klen;
	sl->state = state;
	sl->ord = ord;
	sl->next = t->bucket[h];
	t->bucket[h] = sl;
	if (++t->nslot > t->nbucket)
		rehash(t);
	return sl;
}

/* SL out of the hash and the posted queue; under the lock. */
static void
slot_unlink(struct ra_twin *t, struct ra_twin_slot *sl)
{
	struct ra_twin_slot	**pp;

	pp = &t->bucket[ra_name_hash(sl->key, sl->klen) & (t->nbucket - 1)];
	while (*pp != sl)
		pp = &(*pp)->next;
	*pp = sl->next;
	t->nslot--;
	if (sl->state == T_POSTED) {
		t->held -= sl->len;
		if (sl->qprev)
			sl->qprev->qnext = sl->qnext;
		else
			t->qhead = sl->qnext;
		if (sl->qnext)
			sl->qnext->qprev = sl->qprev;
		else
			t->qtail = sl->qprev;
	}
}

size_t
ra_twin_enter(struct ra_twin *t, int side)
{
	size_t	 base;

	pthread_mutex_lock(&t->mu);
	t->scanning[side] = 1;
	base = t->met[side];
	if (side == 0) {
		/* Sets sealed for an earlier scan's roles are not taken. */
		back_free(t->back);
		t->back = NULL;
		t->epoch++;
		t->open = 1;
	}
	pthread_mutex_unlock(&t->mu);
	return base;
}

enum ra_twin_meet
ra_twin_meet(struct ra_twin *t, int side, const char *key, size_t klen,
    size_t at, struct ra_twin_slot **out)
{
	struct ra_twin_slot	*sl, *gone = NULL;
	enum ra_twin_meet	 m = RA_TWIN_READ;

	*out = NULL;
	pthread_mutex_lock(&t->mu);
	if (t->met[side] < at + 1)
		t->met[side] = at + 1;
	if (side == 0) {
		/*
		 * The reader waits, holding no claim, while what it kept fills
		 * the window and the follower, scanning, is taking roles (it
		 * will free some) and not waiting itself; otherwise it goes
		 * on, and posts without bytes what no longer fits.
		 */
		while (t->held > TWIN_HELD - TWIN_ROLE_MAX && t->following &&
		    t->scanning[1] && !t->passed[1] && !t->waiting[1]) {
			t->waiting[0] = 1;
			pthread_cond_wait(&t->cv, &t->mu);
		}
		t->waiting[0] = 0;
		/* A role met first is kept for the follower. */
		if ((sl = find(t, key, klen)) == NULL) {
			if ((*out = slot_new(t, key, klen, T_CLAIMED, at)) !=
			    NULL) {
				(*out)->epoch = t->epoch;
				m = RA_TWIN_CLAIMED;
			}
		} else if (sl->state == T_GONE) {
			/* The follower's number for it: how the two line up. */
			t->off = (long long)at - (long long)sl->ord;
			slot_unlink(t, sl);
			gone = sl;
		}
		wake(t, 1);
		pthread_mutex_unlock(&t->mu);
		if (gone != NULL)
			slot_free(gone);
		return m;
	}
	/*
	 * The follower waits while the reader reads the role, and while
	 * the reader has met fewer roles than this one's place (by the
	 * numbers of the last role both met: the role may be yet to come); not
	 * once the reader has gone past its roles, has no scan, or waits
	 * for room.  A role it reads because the reader has not met it is
	 * left a tombstone, so that the reader does not keep it for nobody.
	 */
	for (;;) {
		sl = find(t, key, klen);
		if (sl != NULL && sl->state == T_POSTED) {
			sl->taker = at;
			*out = sl;
			m = RA_TWIN_OFFERED;
			break;
		}
		if (sl != NULL && sl->state == T_GONE)
			break;
		if (sl == NULL && (t->passed[0] || !t->scanning[0] ||
		    t->waiting[0] || (long long)t->met[0] > (long long)at +
		    t->off)) {
			if (!t->passed[0])
				(void)slot_new(t, key, klen, T_GONE, at);
			break;
		}
		nap(t);
	}
	t->waiting[1] = 0;
	if (m == RA_TWIN_READ) {
		t->following = 0;
		wake(t, 0);
	}
	pthread_mutex_unlock(&t->mu);
	return m;
}

void
ra_twin_pass(struct ra_twin *t, int side)
{
	if (t == NULL)
		return;
	pthread_mutex_lock(&t->mu);
	t->passed[side] = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

void
ra_twin_offer(const struct ra_twin_slot *sl, const char **bytes,
    size_t *len, const struct ra_role **role)
{
	*bytes = sl->bytes;
	*len = sl->len;
	*role = &sl->role;
}

/*
 * R, the follower's copy of the reader's role IDX of scan EPOCH, when
 * deferred: sealed, and its set handed back to the reader, shared;
 * dropped when that scan no longer takes sets (it seals its own then),
 * or memory runs out (then it seals its own too).
 */
static void
seal_back(struct ra_twin *t, unsigned epoch, size_t idx, struct ra_role *r)
{
	struct ra_twin_back	*bk;

	if (!r->deferred)
		return;
	ra_role_seal(r);
	if ((bk = calloc(1, sizeof(*bk))) == NULL)
		return;
	if (ra_bitmap_share(&bk->bits, &r->bits) == -1) {
		free(bk);
		return;
	}
	bk->epoch = epoch;
	bk->idx = idx;
	bk->nprivs = r->nprivs;
	pthread_mutex_lock(&t->mu);
	if (t->open && t->epoch == epoch) {
		bk->next = t->back;
		t->back = bk;
		bk = NULL;
	}
	pthread_mutex_unlock(&t->mu);
	back_free(bk);
}

/*
 * SL is done with: freed, the other side woken.  TOOK: 1 taken by the
 * follower, 0 refused by it, -1 dropped or posted empty by the reader.
 * A role taken tells how the two sides' role numbers line up, and that
 * the roles the reader posted before it were passed by: those are
 * freed too.  What the follower lets go of, it seals for the reader
 * first (outside the lock: that is the work it takes off the reader).
 */
static void
settle(struct ra_twin *t, struct ra_twin_slot *sl, int took)
{
	struct ra_twin_slot	*old = NULL, *q, *nx;

	pthread_mutex_lock(&t->mu);
	if (took >= 0)
		t->following = took;
	if (took == 1) {
		t->off = (long long)sl->ord - (long long)sl->taker;
		for (q = t->qhead; q != NULL && q->ord < sl->ord; q = nx) {
			nx = q->qnext;
			slot_unlink(t, q);
			q->next = old;
			old = q;
		}
	}
	slot_unlink(t, sl);
	wake(t, took >= 0 ? 0 : 1);
	pthread_mutex_unlock(&t->mu);
	if (took >= 0)
		seal_back(t, sl->epoch, sl->idx, &sl->role);
	slot_free(sl);
	for (; old != NULL; old = nx) {
		nx = old->next;
		seal_back(t, old->epoch, old->idx, &old->role);
		slot_free(old);
	}
}

int
ra_twin_post(struct ra_twin *t, struct ra_twin_slot *sl, char *bytes,
    size_t len, const struct ra_role *role, size_t idx)
{
	int	 keep;

	pthread_mutex_lock(&t->mu);
	keep = bytes != NULL && len <= TWIN_ROLE_MAX &&
	    t->held <= TWIN_HELD - len;
	if (keep)
		t->held += len;
	pthread_mutex_unlock(&t->mu);
	if (keep && ra_role_share(&sl->role, role) == 0) {
		pthread_mutex_lock(&t->mu);
		sl->bytes = bytes;
		sl->len = len;
		sl->idx = idx;
		sl->state = T_POSTED;
		sl->qprev = t->qtail;
		if (t->qtail)
			t->qtail->qnext = sl;
		else
			t->qhead = sl;
		t->qtail = sl;
		wake(t, 1);
		pthread_mutex_unlock(&t->mu);
		return 1;
	}
	if (keep) {
		pthread_mutex_lock(&t->mu);
		t->held -= len;
		pthread_mutex_unlock(&t->mu);
	}
	free(bytes);
	settle(t, sl, -1);
	return 0;
}

void
ra_twin_drop(struct ra_twin *t, struct ra_twin_slot *sl)
{
	if (sl != NULL)
		settle(t, sl, sl->state == T_POSTED ? 0 : -1);
}

void
ra_twin_take(struct ra_twin *t, struct ra_twin_slot *sl, struct ra_role *r)
{
	unsigned	 epoch = sl->epoch;
	size_t		 idx = sl->idx;

	*r = sl->role;
	memset(&sl->role, 0, sizeof(sl->role));
	settle(t, sl, 1);
	seal_back(t, epoch, idx, r);
}

void
ra_twin_sealed(struct ra_twin *t, struct ra_solution *sol, int close)
{
	struct ra_twin_back	*bk, *nx;
	struct ra_role		*r;
	size_t			 i;

	if (t == NULL)
		return;
	pthread_mutex_lock(&t->mu);
	bk = t->back;
	t->back = NULL;
	if (close)
		t->open = 0;
	pthread_mutex_unlock(&t->mu);
	for (; bk != NULL; bk = nx) {
		nx = bk->next;
		if (bk->idx < sol->nrole && (r = &sol->role[bk->idx])->deferred) {
			ra_bitmap_free(&r->bits);
			r->bits = bk->bits;
			r->nprivs = bk->nprivs;
			r->deferred = 0;
			memset(&bk->bits, 0, sizeof(bk->bits));
		}
		ra_bitmap_free(&bk->bits);
		free(bk);
	}
	if (close)
		for (i = 0; i < sol->nrole; i++)
			if (sol->role[i].deferred)
				ra_role_seal(&sol->role[i]);
}
