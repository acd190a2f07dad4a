/*
 * ctx.c - the context: created with the embedded catalog, bases and
 * escalation rules (parsed once a process, copied into each context),
 * the profile focus, and freed with everything it owns.
 */
#include <stdarg.h>

#include <stdio.h>

#include <stdlib.h>

#include <string.h>

#include "model/model.h"

/* Defaults; documented in the man page and SECURITY.md. */
static const uint64_t default_limit[RA_LIMIT__COUNT] = {
	[RA_LIMIT_MEMBER_SIZE] = 2ULL << 30,	/* 2 GiB */
	[RA_LIMIT_RATIO] = 200,
	[RA_LIMIT_MEMBERS] = 100000,
	[RA_LIMIT_FILE_SIZE] = 4ULL << 30,	/* 4 GiB */
	[RA_LIMIT_XML_DEPTH] = 256,
	[RA_LIMIT_NAME_LENGTH] = 1024,
	[RA_LIMIT_SCAN_SIZE] = 8ULL << 20,	/* 8 MiB */
	[RA_LIMIT_TOTAL_SIZE] = 4ULL << 30,	/* 4 GiB */
	[RA_LIMIT_CSV_ROWS] = 100000
};

/* A context with nothing loaded: limits, no catalog yet. */
static struct ra_ctx *
ctx_alloc(void)
{
	struct ra_ctx	*ctx;

	if ((ctx = calloc(1, sizeof(*ctx))) == NULL)
		return NULL;
	memcpy(ctx->limit, default_limit, sizeof(ctx->limit));
	if (pthread_mutex_init(&ctx->progress_mu, NULL) != 0) {
		free(ctx);
		return NULL;
	}
	if (pthread_mutex_init(&ctx->intern_mu, NULL) != 0) {
		pthread_mutex_destroy(&ctx->progress_mu);
		free(ctx);
		return NULL;
	}
	return ctx;
}

/*
 * The embedded catalog, bases and escalation rules, parsed once a process
 * (about a millisecond of CSV) and copied into every new context, and
 * the rest of the knowledge base (kb.c), which every context shares.
 * Never freed: it lives as long as the process.
 */
static struct ra_ctx	*prototype;

static pthread_once_t	 prototype_once = PTHREAD_ONCE_INIT;

static void
prototype_build(void)
{
	struct ra_ctx	*p;

	if ((p = ctx_alloc()) == NULL)
		return;
	if (ra_catalog_init(p) == -1 || ra_escalation_init(p) == -1 ||
	    ra_kb_init(p) == -1) {
		ra_ctx_free(p);
		return;
	}
	prototype = p;
}

RA_EXPORT struct ra_ctx *
ra_ctx_new(void)
{
	struct ra_ctx	*ctx;

	pthread_once(&prototype_once, prototype_build);
	if (prototype == NULL || (ctx = ctx_alloc()) == NULL)
		return NULL;
	if (ra_catalog_copy(ctx, prototype) == -1) {
		ra_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

RA_EXPORT void
ra_ctx_free(struct ra_ctx *ctx)
{
	size_t	 i;

	if (ctx == NULL)
		return;
	ra_catalog_free(&ctx->cat);
	ra_bitmap_free(&ctx->focus);
	pthread_mutex_destroy(&ctx->progress_mu);
	pthread_mutex_destroy(&ctx->intern_mu);
	for (i = 0; i < ctx->nesc; i++) {
		free(ctx->esc[i].match);
		free(ctx->esc[i].reason);
	}
	free(ctx->esc);
	ra_diag_clear(ctx);
	free(ctx);
}

RA_EXPORT void
ra_ctx_locate_grants(struct ra_ctx *ctx, int on)
{
	ctx->unlocated = !on;
}

RA_EXPORT enum ra_err
ra_ctx_focus(struct ra_ctx *ctx, const struct ra_profile *const *p, size_t n)
{
	size_t	 i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < p[i]->n; k++)
			if (ra_bitmap_set(&ctx->focus, p[i]->req[k].priv,
			    RA_LEVEL_BASIC) == -1)
				return RA_ENOMEM;
	ctx->focused = 1;
	return RA_OK;
}
