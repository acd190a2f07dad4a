/*
 * redact.c - stable pseudonyms for role names and ids (--redact), so a
 * report can leave the organisation without the names in it.
 *
 * A pseudonym is an HMAC-SHA-256 of the original under a key the user
 * may keep secret: the same name gives the same pseudonym in every report
 * made with the same key, so reports can still be compared, while a
 * reader without the key cannot confirm a guessed name by hashing it.
 * Names and ids are pseudonymized separately (two roles that share a
 * name share its pseudonym whatever their ids), which keeps what diff
 * matches on: equal ids stay equal, equal names stay equal.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

/* HMAC-SHA-256 of KIND, a NUL and MSG under KEY, as 64 hex digits. */
static void
hmac_hex(const void *key, size_t keylen, const char *kind, const char *msg,
    char hex[65])
{
	struct ra_hmac_sha256	 h;

	ra_hmac_sha256_init(&h, key, keylen);
	ra_hmac_sha256_update(&h, kind, strlen(kind) + 1);
	ra_hmac_sha256_update(&h, msg, strlen(msg));
	ra_hmac_sha256_hex(&h, hex);
}

char *
ra_pseudonym_name(const void *key, size_t keylen, const char *name)
{
	char	 hex[65], *s;

	hmac_hex(key, keylen, "name", name, hex);
	if ((s = malloc(18)) != NULL)
		snprintf(s, 18, "Role %.12s", hex);
	return s;
}

char *
ra_pseudonym_id(const void *key, size_t keylen, const char *id)
{
	char	 hex[65], *s;

	if (*id == '\0')
		return ra_strdup("");
	hmac_hex(key, keylen, "id", id, hex);
	if ((s = malloc(37)) != NULL)
		snprintf(s, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8,
		    hex + 12, hex + 16, hex + 20);
	return s;
}

struct subst {
	const char	*from;
	char		*to;
	size_t		 n;
};

static int
subst_cmp(const void *a, const void *b)
{
	const struct subst	*x = a, *y = b;

	/* Longer names first, so "Sales Manager" wins over "Sales". */
	return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->from, y->from);
}

/* S starts with the N bytes of NAME, ignoring ASCII case. */
static int
starts_with(const char *s, const char *name, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || ra_lower((unsigned char)s[i]) !=
		    ra_lower((unsigned char)name[i]))
			return 0;
	return 1;
}

/*
 * A path whose last component is a role's name, with or without an
 * extension ("Roles/Sales Manager.xml"), with that component renamed;
 * NULL when no name matches or memory runs out (*OOM).
 */
static char *
rewrite_path(const char *s, const struct subst *sub, size_t nsub, int *oom)
{
	const char	*slash = strrchr(s, '/'), *base = slash ? slash + 1 : s;
	struct ra_buf	 b = { 0 };
	size_t		 k;

	*oom = 0;
	for (k = 0; k < nsub; k++)
		if (starts_with(base, sub[k].from, sub[k].n) &&
		    (base[sub[k].n] == '\0' || (base[sub[k].n] == '.' &&
		    strchr(base + sub[k].n + 1, '.') == NULL)))
			break;
	if (k == nsub)
		return NULL;
	ra_buf_add(&b, s, (size_t)(base - s));
	ra_buf_adds(&b, sub[k].to);
	ra_buf_adds(&b, base + sub[k].n);
	ra_buf_add(&b, "", 0);
	if (b.oom) {
		ra_buf_free(&b);
		*oom = 1;
		return NULL;
	}
	return b.s;
}

/*
 * A message with every quoted name ("Sales Manager") replaced; NULL when
 * nothing changed or memory ran out (*OOM).
 */
static char *
rewrite_message(const char *s, const struct subst *sub, size_t nsub,
    int *oom)
{
	struct ra_buf	 b = { 0 };
	const char	*p;
	size_t		 k;
	int		 changed = 0;

	*oom = 0;
	for (p = s; *p; ) {
		if (*p == '"')
			for (k = 0; k < nsub; k++)
				if (starts_with(p + 1, sub[k].from, sub[k].n) &&
				    p[1 + sub[k].n] == '"')
					break;
		if (*p != '"' || k == nsub) {
			ra_buf_add(&b, p++, 1);
			continue;
		}
		ra_buf_adds(&b, "\"");
		ra_buf_adds(&b, sub[k].to);
		ra_buf_adds(&b, "\"");
		p += sub[k].n + 2;
		changed = 1;
	}
	ra_buf_add(&b, "", 0);
	if (b.oom) {
		ra_buf_free(&b);
		*oom = 1;
		return NULL;
	}
	if (!changed) {
		ra_buf_free(&b);
		return NULL;
	}
	return b.s;
}

/* Replace *P with its rewrite, if any; -1 when memory runs out. */
static int
rewrite_in_place(char **p, const struct subst *sub, size_t nsub, int path)
{
	char	*n;
	int	 oom;

	if (*p == NULL)
		return 0;
	n = path ? rewrite_path(*p, sub, nsub, &oom) :
	    rewrite_message(*p, sub, nsub, &oom);
	if (oom)
		return -1;
	if (n) {
		free(*p);
		*p = n;
	}
	return 0;
}

RA_EXPORT enum ra_err
ra_solution_redact(struct ra_ctx *ctx, struct ra_solution *sol,
    const void *key, size_t keylen)
{
	struct subst	*sub = NULL;
	size_t		 i, nsub = 0;
	enum ra_err	 rc = RA_ENOMEM;

	if (key == NULL)
		keylen = 0;
	if (sol->nrole && (sub = calloc(sol->nrole, sizeof(*sub))) == NULL)
		return RA_ENOMEM;
	/* The originals stay alive until every string is rewritten. */
	for (i = 0; i < sol->nrole; i++) {
		struct ra_role	*r = &sol->role[i];
		char		*id;

		if ((sub[nsub].to = ra_pseudonym_name(key, keylen,
		    r->name)) == NULL)
			goto out;
		sub[nsub].from = r->name;
		sub[nsub].n = strlen(r->name);
		nsub++;
		if ((id = ra_pseudonym_id(key, keylen, r->id)) == NULL)
			goto out;
		free(r->id);
		r->id = id;
	}
	/*
	 * The ids of the apps' role maps, every one: a mapped role of the
	 * input keeps its mapping, and one it does not carry shows no id.
	 */
	for (i = 0; i < sol->napp; i++) {
		size_t	 k;
		char	*id;

		for (k = 0; k < sol->app[i].nrole; k++) {
			if ((id = ra_pseudonym_id(key, keylen,
			    sol->app[i].role[k])) == NULL)
				goto out;
			free(sol->app[i].role[k]);
			sol->app[i].role[k] = id;
		}
	}
	if (nsub > 1)
		qsort(sub, nsub, sizeof(*sub), subst_cmp);
	for (i = 0; i < sol->nrole; i++)
		if (rewrite_in_place(&sol->role[i].file, sub, nsub, 1) == -1)
			goto out;
	if (rewrite_in_place(&sol->path, sub, nsub, 1) == -1)
		goto out;
	for (i = 0; i < ctx->ndiag; i++) {
		struct ra_diag	*d = &ctx->diag[i];

		if (rewrite_in_place((char **)&d->file, sub, nsub, 1) == -1 ||
		    rewrite_in_place((char **)&d->member, sub, nsub, 1) ==
		    -1 || rewrite_in_place((char **)&d->message, sub, nsub,
		    0) == -1)
			goto out;
	}
	/* Last, the names themselves: SUB borrowed them until now. */
	for (i = 0; i < sol->nrole; i++) {
		struct ra_role	*r = &sol->role[i];
		size_t		 k;

		for (k = 0; k < nsub && sub[k].from != r->name; k++)
			continue;
		free(r->name);
		r->name = sub[k].to;
		sub[k].to = NULL;
		sub[k].from = NULL;
	}
	rc = RA_OK;
out:
	for (i = 0; i < nsub; i++)
		free(sub[i].to);
	free(sub);
	return rc;
}
