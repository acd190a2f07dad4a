/*
 * test_twin.c - parse/twin.c, the two sides of a diff sharing the roles
 * written alike: who reads, who waits, what is kept and for how long;
 * and model/role.c's copy and move of a role taken from the other side.
 * tests/twin/check.py holds whole loads to the same outcome as -j 1.
 */
#include <pthread.h>

#include "unit.h"

/* Every twin test: a twin whose two sides' scans have begun. */
static int
twin_setup(void **state)
{
	struct ra_twin	*t = ra_twin_new();

	assert_non_null(t);
	assert_int_equal(ra_twin_enter(t, 0), 0);
	assert_int_equal(ra_twin_enter(t, 1), 0);
	*state = t;
	return 0;
}

/* Slots never taken are freed with the twin (ASan would say). */
static int
twin_teardown(void **state)
{
	ra_twin_free(*state);
	return 0;
}

/* A sealed role NAME at LINE with a few grants and a grant layout. */
static void
make_role(struct ra_role *r, const char *name, unsigned long line)
{
	size_t	 i;

	memset(r, 0, sizeof(*r));
	r->id = ra_strdup("id-1");
	r->name = ra_strdup(name);
	r->file = ra_strdup("customizations.xml");
	assert_non_null(r->id);
	assert_non_null(r->name);
	assert_non_null(r->file);
	r->line = line;
	r->col = 5;
	r->privs.line = line + 1;
	r->privs.col = 7;
	r->privs.endline = line + 1;
	r->privs.endcol = 23;
	ra_bitmap_sparse(&r->bits);
	for (i = 0; i < 3; i++)
		assert_int_equal(ra_bitmap_set(&r->bits, 10 + i,
		    RA_LEVEL_DEEP), 0);
	assert_int_equal(ra_bitmap_seal(&r->bits), 0);
	r->nprivs = 3;
	r->lay.kind = RA_LAYOUT_TABLE;
	r->lay.nat = 3;
	r->lay.at = calloc(12, sizeof(*r->lay.at));
	assert_non_null(r->lay.at);
	for (i = 0; i < 3; i++) {
		r->lay.at[4 * i] = (uint32_t)(line + 2 + i);
		r->lay.at[4 * i + 1] = 9;
		r->lay.at[4 * i + 2] = (uint32_t)(line + 2 + i);
		r->lay.at[4 * i + 3] = 60;
	}
}

/* A copy shares the set, owns the rest; moving shifts lines only. */
static void
test_role_share_relocate(void **state)
{
	struct ra_role	 a, b;

	(void)state;
	make_role(&a, "Sales, EU/ünit", 40);
	assert_int_equal(ra_role_share(&b, &a), 0);
	assert_ptr_equal(b.bits.pk, a.bits.pk);
	assert_true(b.name != a.name && b.lay.at != a.lay.at);
	assert_string_equal(b.name, "Sales, EU/ünit");
	ra_role_relocate(&b, 1000);
	assert_int_equal(b.line, 1000);
	assert_int_equal(b.col, 5);
	assert_int_equal(b.privs.line, 1001);
	assert_int_equal(b.privs.col, 7);
	assert_int_equal(b.privs.endline, 1001);
	assert_int_equal(b.lay.at[0], 1002);
	assert_int_equal(b.lay.at[1], 9);
	assert_int_equal(b.lay.at[10], 1004);
	assert_int_equal(b.lay.at[11], 60);
	/* The original is untouched and may go first. */
	assert_int_equal(a.privs.line, 41);
	assert_int_equal(a.lay.at[0], 42);
	ra_role_clear(&a);
	assert_int_equal(ra_bitmap_get(&b.bits, 11), RA_LEVEL_DEEP);
	/* Earlier, and past 32 bits: unknown, not wrapped. */
	ra_role_relocate(&b, 3);
	assert_int_equal(b.lay.at[0], 5);
	ra_role_relocate(&b, (unsigned long)UINT32_MAX - 1);
	assert_int_equal(b.line, (unsigned long)UINT32_MAX - 1);
	assert_int_equal(b.privs.line, (unsigned long)UINT32_MAX);
	assert_int_equal(b.lay.at[0], 0);
	assert_int_equal(b.lay.at[1], 9);
	ra_role_clear(&b);
}

/* The reader claims and posts; the follower is offered and takes. */
static void
test_twin_post_take(void **state)
{
	struct ra_twin		*t = *state;
	struct ra_twin_slot	*sl, *s2;
	const struct ra_role	*had;
	struct ra_role		 r, got;
	const char		*bytes;
	char			*mine = ra_strdup("<Role id=\"x\"/>");
	size_t			 len;

	assert_int_equal(ra_twin_meet(t, 0, "x", 1, 0, &sl), RA_TWIN_CLAIMED);
	assert_non_null(sl);
	/* Met again by the reader (an id written twice): read, no claim. */
	assert_int_equal(ra_twin_meet(t, 0, "x", 1, 1, &s2), RA_TWIN_READ);
	assert_null(s2);
	make_role(&r, "Role X", 12);
	assert_int_equal(ra_twin_post(t, sl, mine, strlen(mine), &r, 0), 1);
	/* What was posted is a copy: the reader's role may go. */
	ra_role_clear(&r);
	assert_int_equal(ra_twin_meet(t, 1, "x", 1, 0, &sl), RA_TWIN_OFFERED);
	ra_twin_offer(sl, &bytes, &len, &had);
	assert_int_equal(len, 14);
	assert_memory_equal(bytes, "<Role id=\"x\"/>", len);
	assert_string_equal(had->name, "Role X");
	ra_twin_take(t, sl, &got);
	assert_string_equal(got.name, "Role X");
	assert_int_equal(ra_bitmap_count(&got.bits), 3);
	/* Taken once: met again, the follower reads its own. */
	assert_int_equal(ra_twin_meet(t, 1, "x", 1, 1, &sl), RA_TWIN_READ);
	ra_role_clear(&got);
	/* The reader is past its roles: what it never met, read. */
	ra_twin_pass(t, 0);
	assert_int_equal(ra_twin_meet(t, 1, "y", 1, 2, &sl), RA_TWIN_READ);
}

/* Past what is kept, a role is posted without its bytes. */
static void
test_twin_held(void **state)
{
	struct ra_twin		*t = *state;
	struct ra_twin_slot	*sl;
	struct ra_role		 r;
	char			 key[16], *big;
	size_t			 i, n = TWIN_HELD / TWIN_ROLE_MAX + 2, offered = 0;

	make_role(&r, "Big", 1);
	/*
	 * One thread plays both sides: as a follower that has passed, so
	 * that the reader never waits for room.
	 */
	ra_twin_pass(t, 1);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_int_equal(ra_twin_meet(t, 0, key, strlen(key), i, &sl),
		    RA_TWIN_CLAIMED);
		big = calloc(1, TWIN_ROLE_MAX);
		assert_non_null(big);
		/* Kept while the window has room: the reader hears which. */
		assert_int_equal(ra_twin_post(t, sl, big, TWIN_ROLE_MAX, &r,
		    i), i < TWIN_HELD / TWIN_ROLE_MAX);
	}
	/* Too long a role is never kept. */
	assert_int_equal(ra_twin_meet(t, 0, "long", 4, n, &sl),
	    RA_TWIN_CLAIMED);
	big = calloc(1, TWIN_ROLE_MAX + 1);
	assert_non_null(big);
	assert_int_equal(ra_twin_post(t, sl, big, TWIN_ROLE_MAX + 1, &r, n),
	    0);
	ra_twin_pass(t, 0);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		if (ra_twin_meet(t, 1, key, strlen(key), i, &sl) ==
		    RA_TWIN_OFFERED) {
			offered++;
			ra_twin_drop(t, sl);
		}
	}
	assert_int_equal(offered, TWIN_HELD / TWIN_ROLE_MAX);
	assert_int_equal(ra_twin_meet(t, 1, "long", 4, n, &sl), RA_TWIN_READ);
	ra_role_clear(&r);
}

/* One side's ra_twin_meet(), on a thread of its own. */
struct meeting {
	struct ra_twin		*t;
	int			 side;
	const char		*key;
	size_t			 at;
	enum ra_twin_meet	 got;
	struct ra_twin_slot	*sl;
};

static void *
meet_thread(void *arg)
{
	struct meeting	*m = arg;

	m->got = ra_twin_meet(m->t, m->side, m->key, strlen(m->key), m->at,
	    &m->sl);
	return NULL;
}

/*
 * A follower ahead of the reader waits for it: for the role it is
 * reading, or for the reader to meet as many roles as it has.
 */
static void
test_twin_wait(void **state)
{
	struct ra_twin		*t = *state;
	struct ra_twin_slot	*sl;
	struct meeting		 f;
	struct ra_role		 r;
	pthread_t		 th;

	memset(&f, 0, sizeof(f));
	f.t = t;
	f.side = 1;
	f.key = "late";
	assert_int_equal(pthread_create(&th, NULL, meet_thread, &f), 0);
	/* Whenever it runs, the follower cannot be answered before this. */
	assert_int_equal(ra_twin_meet(t, 0, "late", 4, 0, &sl),
	    RA_TWIN_CLAIMED);
	make_role(&r, "Late", 3);
	ra_twin_post(t, sl, ra_strdup("<Role/>"), 7, &r, 0);
	ra_role_clear(&r);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(f.got, RA_TWIN_OFFERED);
	ra_twin_drop(t, f.sl);
	/* A claim dropped (the reader gave up): the follower reads. */
	assert_int_equal(ra_twin_meet(t, 0, "gone", 4, 1, &sl),
	    RA_TWIN_CLAIMED);
	ra_twin_drop(t, sl);
	assert_int_equal(ra_twin_meet(t, 1, "gone", 4, 1, &sl), RA_TWIN_READ);
}

/*
 * Old [D, A, B, C], new [A, B, C]: the follower reads A itself (the
 * reader had met one role more), but learns from it how the numbers line
 * up, so it waits for B and C and takes them; D, passed by, is freed.
 */
static void
test_twin_line_up(void **state)
{
	struct ra_twin		*t = *state;
	struct ra_twin_slot	*sl;
	struct ra_role		 r, got;
	struct meeting		 f;
	pthread_t		 th;

	make_role(&r, "Line", 1);
	assert_int_equal(ra_twin_meet(t, 0, "D", 1, 0, &sl), RA_TWIN_CLAIMED);
	ra_twin_post(t, sl, ra_strdup("<D/>"), 4, &r, 0);
	assert_int_equal(ra_twin_meet(t, 1, "A", 1, 0, &sl), RA_TWIN_READ);
	/* The reader meets A after the follower read it: not kept. */
	assert_int_equal(ra_twin_meet(t, 0, "A", 1, 1, &sl), RA_TWIN_READ);
	assert_int_equal(ra_twin_meet(t, 0, "B", 1, 2, &sl), RA_TWIN_CLAIMED);
	ra_twin_post(t, sl, ra_strdup("<B/>"), 4, &r, 2);
	assert_int_equal(ra_twin_meet(t, 1, "B", 1, 1, &sl), RA_TWIN_OFFERED);
	ra_twin_take(t, sl, &got);
	ra_role_clear(&got);
	/* C is the reader's next: the follower waits for it. */
	memset(&f, 0, sizeof(f));
	f.t = t;
	f.side = 1;
	f.key = "C";
	f.at = 2;
	assert_int_equal(pthread_create(&th, NULL, meet_thread, &f), 0);
	assert_int_equal(ra_twin_meet(t, 0, "C", 1, 3, &sl), RA_TWIN_CLAIMED);
	ra_twin_post(t, sl, ra_strdup("<C/>"), 4, &r, 3);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(f.got, RA_TWIN_OFFERED);
	ra_twin_drop(t, f.sl);
	ra_twin_pass(t, 0);
	assert_int_equal(ra_twin_meet(t, 1, "D", 1, 3, &sl), RA_TWIN_READ);
	ra_role_clear(&r);
}

/*
 * With the window full and the follower taking, the reader waits for
 * room; a follower that reads its own role lets it go on.
 */
static void
test_twin_room(void **state)
{
	struct ra_twin		*t = *state;
	struct ra_twin_slot	*sl;
	struct ra_role		 r, got;
	struct meeting		 rd;
	pthread_t		 th;
	char			 key[8];
	size_t			 i;

	make_role(&r, "Room", 1);
	for (i = 0; i < TWIN_HELD / TWIN_ROLE_MAX; i++) {
		snprintf(key, sizeof(key), "r%zu", i);
		assert_int_equal(ra_twin_meet(t, 0, key, strlen(key), i, &sl),
		    RA_TWIN_CLAIMED);
		ra_twin_post(t, sl, calloc(1, TWIN_ROLE_MAX), TWIN_ROLE_MAX,
		    &r, i);
	}
	/* Full: the next meet waits until the follower takes one. */
	memset(&rd, 0, sizeof(rd));
	rd.t = t;
	rd.side = 0;
	rd.key = "next";
	rd.at = i;
	assert_int_equal(pthread_create(&th, NULL, meet_thread, &rd), 0);
	assert_int_equal(ra_twin_meet(t, 1, "r0", 2, 0, &sl), RA_TWIN_OFFERED);
	ra_twin_take(t, sl, &got);
	ra_role_clear(&got);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(rd.got, RA_TWIN_CLAIMED);
	ra_twin_post(t, rd.sl, calloc(1, TWIN_ROLE_MAX), TWIN_ROLE_MAX, &r,
	    i);
	/* Full again; a follower reading its own lets the reader go on. */
	rd.key = "last";
	rd.at = i + 1;
	assert_int_equal(pthread_create(&th, NULL, meet_thread, &rd), 0);
	assert_int_equal(ra_twin_meet(t, 1, "mine", 4, 1, &sl), RA_TWIN_READ);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(rd.got, RA_TWIN_CLAIMED);
	ra_twin_drop(t, rd.sl);
	ra_role_clear(&r);
}

/* Role NAME as the reader builds it deferred: grants added, not sealed. */
static void
make_deferred(struct ra_role *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->id = ra_strdup(name);
	r->name = ra_strdup(name);
	r->file = ra_strdup("customizations.xml");
	assert_non_null(r->id);
	assert_non_null(r->name);
	assert_non_null(r->file);
	r->line = 7;
	ra_bitmap_sparse(&r->bits);
	/* Out of order, and 40 twice: kept once, at its higher level. */
	assert_int_equal(ra_bitmap_set(&r->bits, 40, RA_LEVEL_BASIC), 0);
	assert_int_equal(ra_bitmap_set(&r->bits, 9, RA_LEVEL_LOCAL), 0);
	assert_int_equal(ra_bitmap_set(&r->bits, 40, RA_LEVEL_GLOBAL), 0);
	r->deferred = 1;
}

/*
 * A role posted deferred comes back sealed, whatever the follower does
 * with it: takes it (the two share one packed set), refuses it, or
 * passes it by; one the follower has not settled when the reader's scan
 * closes is sealed by the reader, and a set sealed after that is
 * dropped.  The reader's roles are never left deferred.
 */
static void
test_twin_deferred(void **state)
{
	struct ra_twin		*t = *state;
	struct ra_twin_slot	*sl;
	struct ra_solution	 sol;
	struct ra_role		 got;
	const char		*keys[] = { "A", "B", "C", "D", "E" };
	size_t			 i;

	memset(&sol, 0, sizeof(sol));
	sol.nrole = 5;
	sol.role = calloc(sol.nrole, sizeof(*sol.role));
	assert_non_null(sol.role);
	for (i = 0; i < sol.nrole; i++) {
		make_deferred(&sol.role[i], keys[i]);
		assert_int_equal(ra_twin_meet(t, 0, keys[i], 1, i, &sl),
		    RA_TWIN_CLAIMED);
		assert_int_equal(ra_twin_post(t, sl, ra_strdup(keys[i]), 1,
		    &sol.role[i], i), 1);
	}
	/* A taken; B refused; C passed by when D is taken. */
	assert_int_equal(ra_twin_meet(t, 1, "A", 1, 0, &sl), RA_TWIN_OFFERED);
	ra_twin_take(t, sl, &got);
	assert_false(got.deferred);
	assert_int_equal(got.nprivs, 2);
	assert_int_equal(ra_bitmap_get(&got.bits, 40), RA_LEVEL_GLOBAL);
	assert_int_equal(ra_twin_meet(t, 1, "B", 1, 1, &sl), RA_TWIN_OFFERED);
	ra_twin_drop(t, sl);
	assert_int_equal(ra_twin_meet(t, 1, "D", 1, 2, &sl), RA_TWIN_OFFERED);
	ra_role_clear(&got);
	ra_twin_take(t, sl, &got);
	/* Nothing is sealed on the reader's side until it takes the sets. */
	assert_true(sol.role[0].deferred && sol.role[2].deferred);
	ra_twin_sealed(t, &sol, 0);
	for (i = 0; i < 4; i++) {
		assert_false(sol.role[i].deferred);
		assert_int_equal(sol.role[i].nprivs, 2);
		assert_int_equal(ra_bitmap_get(&sol.role[i].bits, 9),
		    RA_LEVEL_LOCAL);
		assert_int_equal(ra_bitmap_get(&sol.role[i].bits, 40),
		    RA_LEVEL_GLOBAL);
	}
	assert_ptr_equal(sol.role[3].bits.pk, got.bits.pk);
	/* E: not settled when the scan closes; its late set is dropped. */
	assert_true(sol.role[4].deferred);
	ra_twin_sealed(t, &sol, 1);
	assert_false(sol.role[4].deferred);
	assert_int_equal(sol.role[4].nprivs, 2);
	assert_int_equal(ra_twin_meet(t, 1, "E", 1, 3, &sl), RA_TWIN_OFFERED);
	ra_role_clear(&got);
	ra_twin_take(t, sl, &got);
	assert_int_equal(got.nprivs, 2);
	assert_ptr_not_equal(sol.role[4].bits.pk, got.bits.pk);
	ra_twin_sealed(t, &sol, 0);
	assert_ptr_not_equal(sol.role[4].bits.pk, got.bits.pk);
	ra_role_clear(&got);
	for (i = 0; i < sol.nrole; i++)
		ra_role_clear(&sol.role[i]);
	free(sol.role);
}

#define TWIN(t)	cmocka_unit_test_setup_teardown(t, twin_setup, twin_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_share_relocate),
		TWIN(test_twin_post_take),
		TWIN(test_twin_held),
		TWIN(test_twin_wait),
		TWIN(test_twin_room),
		TWIN(test_twin_line_up),
		TWIN(test_twin_deferred),
	};

	return cmocka_run_group_tests_name("test_twin", tests, NULL, NULL);
}
