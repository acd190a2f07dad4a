/*
 * test_sha256.c - sha256.c against the FIPS 180-2 example vectors and the
 * padding boundaries, in whole and in odd-sized chunks.
 */
#include "unit.h"

/* Hash LEN bytes of P fed CHUNK bytes at a time (0: all at once). */
static void
hash_chunks(const void *p, size_t len, size_t chunk, char hex[65])
{
	struct ra_sha256	 s;
	const unsigned char	*b = p;
	size_t			 n;

	ra_sha256_init(&s);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (; len > 0; b += n, len -= n) {
		n = len < chunk ? len : chunk;
		ra_sha256_update(&s, b, n);
	}
	ra_sha256_hex(&s, hex);
}

/* SHA-256("") */
static void
test_empty(void **state)
{
	char	 hex[65];

	(void)state;
	hash_chunks("", 0, 0, hex);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(strlen(hex), 64);
}

/* SHA-256("abc"), the one-block example. */
static void
test_abc(void **state)
{
	char	 hex[65];

	(void)state;
	hash_chunks("abc", 3, 0, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash_chunks("abc", 3, 1, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The 448-bit two-block example: padding spills into a second block. */
static void
test_448bit(void **state)
{
	static const char	 msg[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char	 want[] =
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
	char			 hex[65];
	size_t			 chunk;

	(void)state;
	assert_int_equal(strlen(msg), 56);
	for (chunk = 0; chunk <= 57; chunk++) {
		hash_chunks(msg, strlen(msg), chunk, hex);
		assert_string_equal(hex, want);
	}
}

/* One million 'a', fed in odd-sized chunks that straddle blocks. */
static void
test_million_a(void **state)
{
	static const size_t	 chunks[] = { 0, 1, 3, 7, 63, 65, 127, 4099 };
	static const char	 want[] =
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char			*a, hex[65];
	size_t			 i;

	(void)state;
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		hash_chunks(a, 1000000, chunks[i], hex);
		assert_string_equal(hex, want);
	}
	free(a);
}

/*
 * Lengths around the padding boundary (55, 56, 63, 64, 65, 119, 120),
 * whole and byte by byte (digests from Python's hashlib).
 */
static void
test_padding_boundaries(void **state)
{
	static const struct {
		size_t		 n;
		const char	*hex;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9a"
		    "e9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f"
		    "590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98"
		    "e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209"
		    "f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a"
		    "41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cf"
		    "dfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c"
		    "020d683aa5f73aaaedfdc55af904c21c" },
	};
	char	 a[120], hex[65];
	size_t	 i;

	(void)state;
	memset(a, 'a', sizeof(a));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		hash_chunks(a, v[i].n, 0, hex);
		assert_string_equal(hex, v[i].hex);
		hash_chunks(a, v[i].n, 1, hex);
		assert_string_equal(hex, v[i].hex);
	}
}

/* All byte values (high bits set), 1 KiB, in chunks of 5. */
static void
test_binary(void **state)
{
	unsigned char	 b[1024];
	char		 hex[65];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)i;
	hash_chunks(b, sizeof(b), 5, hex);
	assert_string_equal(hex,
	    "785b0751fc2c53dc14a4ce3d800e69ef9ce1009eb327ccf458afe09c242c26c9");
}

/* Zero-length updates between chunks change nothing. */
static void
test_empty_updates(void **state)
{
	struct ra_sha256	 s;
	char			 hex[65];

	(void)state;
	ra_sha256_init(&s);
	ra_sha256_update(&s, "", 0);
	ra_sha256_update(&s, "a", 1);
	ra_sha256_update(&s, "", 0);
	ra_sha256_update(&s, "bc", 2);
	ra_sha256_update(&s, "", 0);
	ra_sha256_hex(&s, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* init resets a used context completely. */
static void
test_reinit(void **state)
{
	struct ra_sha256	 s;
	char			 hex[65];

	(void)state;
	ra_sha256_init(&s);
	ra_sha256_update(&s, "garbage that must be forgotten", 30);
	ra_sha256_hex(&s, hex);
	ra_sha256_init(&s);
	ra_sha256_update(&s, "abc", 3);
	ra_sha256_hex(&s, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_abc),
		cmocka_unit_test(test_448bit),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_empty_updates),
		cmocka_unit_test(test_reinit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
