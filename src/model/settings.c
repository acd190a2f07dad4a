/*
 * settings.c - what every stage reads from the context while loading:
 * limits and the progress callback.  Kept apart from ctx.c, which creates
 * the context from the catalog, so the stages below the catalog can read
 * them without a circle.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"

RA_EXPORT void
ra_ctx_set_progress(struct ra_ctx *ctx,
    void (*fn)(void *, uint64_t, size_t), void *arg)
{
	ctx->progress = fn;
	ctx->progress_arg = arg;
}

void
ra_progress(struct ra_ctx *ctx, uint64_t bytes, size_t inputs)
{
	if (ctx->progress == NULL)
		return;
	pthread_mutex_lock(&ctx->progress_mu);
	ctx->progress(ctx->progress_arg, bytes, inputs);
	pthread_mutex_unlock(&ctx->progress_mu);
}

RA_EXPORT enum ra_err
ra_ctx_set_limit(struct ra_ctx *ctx, enum ra_limit l, uint64_t v)
{
	if ((unsigned)l >= RA_LIMIT__COUNT || v == 0)
		return RA_EINVAL;
	ctx->limit[l] = v;
	return RA_OK;
}

RA_EXPORT uint64_t
ra_ctx_limit(const struct ra_ctx *ctx, enum ra_limit l)
{
	return (unsigned)l < RA_LIMIT__COUNT ? ctx->limit[l] : 0;
}
