/*
 * diag.c - diagnostics about the input: recorded on the context (or, on a
 * worker thread of ra_solutions_load(), in that input's own list, adopted
 * in input order afterwards) and formatted in the one compiler style
 * editors jump to: roleaudit: FILE[!MEMBER][:LINE[:COL]]: SEVERITY: TEXT [RAnnn].
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"

/* Free what diagnostic D owns. */
static void
diag_release(struct ra_diag *d)
{
	free((char *)d->file);
	free((char *)d->member);
	free((char *)d->message);
}

/*
 * Where this thread's diagnostics go: the context's list, or the list of
 * the input a worker of ra_solutions_load() is loading, so that they can
 * be put in input order afterwards.
 */
static _Thread_local struct ra_diaglist	*sink;

struct ra_diaglist *
ra_diag_redirect(struct ra_diaglist *l)
{
	struct ra_diaglist	*was = sink;

	sink = l;
	return was;
}

void
ra_diaglist_free(struct ra_diaglist *l)
{
	size_t	 i;

	for (i = 0; i < l->ndiag; i++)
		diag_release(&l->diag[i]);
	free(l->diag);
	free(l->cap);
	memset(l, 0, sizeof(*l));
}

static struct ra_diaglist
current(struct ra_ctx *ctx)
{
	struct ra_diaglist	 l;

	if (sink)
		return *sink;
	l.diag = ctx->diag;
	l.ndiag = ctx->ndiag;
	l.capdiag = ctx->capdiag;
	l.cap = ctx->diagcap;
	return l;
}

static void
store(struct ra_ctx *ctx, const struct ra_diaglist *l)
{
	if (sink) {
		*sink = *l;
		return;
	}
	ctx->diag = l->diag;
	ctx->ndiag = l->ndiag;
	ctx->capdiag = l->capdiag;
	ctx->diagcap = l->cap;
}

/* The text of the line that stands for N diagnostics held back. */
static char *
more_text(size_t n)
{
	char	 buf[96];

	snprintf(buf, sizeof(buf), "%zu more diagnostic%s of this kind in "
	    "this input, not printed", n, n == 1 ? "" : "s");
	return ra_strdup(buf);
}

/* Say in D's message that N were held back (unchanged without memory). */
static void
more_message(struct ra_diag *d, size_t n)
{
	char	*m;

	if ((m = more_text(n)) == NULL)
		return;
	free((char *)d->message);
	d->message = m;
}

void
ra_diag_mark(struct ra_ctx *ctx, struct ra_diagmark *m)
{
	struct ra_diaglist	 l = current(ctx);

	m->ndiag = l.ndiag;
	m->capped = l.cap != NULL;
	if (l.cap)
		m->cap = *l.cap;
}

void
ra_diag_adopt(struct ra_ctx *ctx, struct ra_diaglist *l)
{
	size_t	 i;

	for (i = 0; i < l->ndiag; i++) {
		if (ra_grow(&ctx->diag, &ctx->capdiag, ctx->ndiag + 1,
		    sizeof(*ctx->diag)) == -1)
			break;
		ctx->diag[ctx->ndiag++] = l->diag[i];
	}
	for (; i < l->ndiag; i++)
		diag_release(&l->diag[i]);
	free(l->diag);
	free(l->cap);
	memset(l, 0, sizeof(*l));
}

void
ra_diag_vadd(struct ra_ctx *ctx, enum ra_severity sev, int code,
    const char *file, const char *member, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
{
	struct ra_diaglist	 l = current(ctx);
	struct ra_diag		*d;
	struct ra_buf		 msg = { 0 };
	va_list			 aq;
	size_t			 k = 0, more = 0;
	int			 n;

	if (code >= RA_DIAG_CAP_FIRST && code < RA_DIAG_CAP_END) {
		if (l.cap == NULL &&
		    (l.cap = calloc(1, sizeof(*l.cap))) == NULL)
			return;
		store(ctx, &l);
		k = (size_t)(code - RA_DIAG_CAP_FIRST);
		if (++l.cap->n[k] > RA_DIAG_SAME_MAX)
			more = l.cap->n[k] - RA_DIAG_SAME_MAX;
		if (more && l.cap->at[k]) {
			more_message(&l.diag[l.cap->at[k] - 1], more);
			return;
		}
	}
	if (ra_grow(&l.diag, &l.capdiag, l.ndiag + 1, sizeof(*l.diag)) == -1)
		return;
	store(ctx, &l);
	if (more) {
		/* The first held back: the line for them all points here. */
		if ((msg.s = more_text(more)) == NULL)
			return;
	} else {
		va_copy(aq, ap);
		n = vsnprintf(NULL, 0, fmt, aq);
		va_end(aq);
		if (n < 0 || ra_grow(&msg.s, &msg.cap, (size_t)n + 1, 1) == -1)
			return;
		vsnprintf(msg.s, (size_t)n + 1, fmt, ap);
	}
	d = &l.diag[l.ndiag];
	d->severity = sev;
	d->code = code;
	d->line = line;
	d->column = col;
	d->message = msg.s;
	d->file = file ? ra_strdup(file) : NULL;
	d->member = member ? ra_strdup(member) : NULL;
	if ((file && d->file == NULL) || (member && d->member == NULL)) {
		free((char *)d->file);
		free((char *)d->member);
		free(msg.s);
		return;
	}
	if (more)
		l.cap->at[k] = l.ndiag + 1;
	l.ndiag++;
	store(ctx, &l);
}

void
ra_diag_add(struct ra_ctx *ctx, enum ra_severity sev, int code,
    const char *file, const char *member, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	ra_diag_vadd(ctx, sev, code, file, member, line, col, fmt, ap);
	va_end(ap);
}

void
ra_diag_truncate(struct ra_ctx *ctx, const struct ra_diagmark *m)
{
	struct ra_diaglist	 l = current(ctx);
	size_t			 k;

	while (l.ndiag > m->ndiag)
		diag_release(&l.diag[--l.ndiag]);
	if (l.cap != NULL && !m->capped)
		memset(l.cap, 0, sizeof(*l.cap));
	else if (l.cap != NULL) {
		*l.cap = m->cap;
		/* A line kept says again how many it said then. */
		for (k = 0; k < RA_DIAG_CAP_END - RA_DIAG_CAP_FIRST; k++)
			if (l.cap->at[k])
				more_message(&l.diag[l.cap->at[k] - 1],
				    l.cap->n[k] - RA_DIAG_SAME_MAX);
	}
	store(ctx, &l);
}

RA_EXPORT size_t
ra_ctx_diag_count(const struct ra_ctx *ctx)
{
	return ctx->ndiag;
}

RA_EXPORT const struct ra_diag *
ra_ctx_diag(const struct ra_ctx *ctx, size_t i)
{
	return i < ctx->ndiag ? &ctx->diag[i] : NULL;
}

RA_EXPORT size_t
ra_ctx_diag_count_sev(const struct ra_ctx *ctx, enum ra_severity sev)
{
	size_t	 i, n = 0;

	for (i = 0; i < ctx->ndiag; i++)
		if (ctx->diag[i].severity >= sev)
			n++;
	return n;
}

RA_EXPORT char *
ra_diag_format(const struct ra_diag *d)
{
	static const char	*sev[] = { "note", "warning", "error" };
	struct ra_buf		 b = { 0 };

	ra_buf_adds(&b, "roleaudit: ");
	if (d->file) {
		ra_buf_add_safe(&b, d->file);
		if (d->member) {
			ra_buf_adds(&b, "!");
			ra_buf_add_safe(&b, d->member);
		}
		if (d->line)
			ra_buf_printf(&b, ":%lu", d->line);
		if (d->line && d->column)
			ra_buf_printf(&b, ":%lu", d->column);
		ra_buf_adds(&b, ": ");
	}
	ra_buf_printf(&b, "%s: ", sev[d->severity <= RA_SEV_ERROR ?
	    d->severity : RA_SEV_ERROR]);
	ra_buf_add_safe(&b, d->message);
	if (d->code)
		ra_buf_printf(&b, " [RA%03d]", d->code);
	if (b.oom) {
		ra_buf_free(&b);
		return NULL;
	}
	return b.s;
}

void
ra_diag_clear(struct ra_ctx *ctx)
{
	size_t	 i;

	for (i = 0; i < ctx->ndiag; i++)
		diag_release(&ctx->diag[i]);
	free(ctx->diag);
	free(ctx->diagcap);
	ctx->diag = NULL;
	ctx->diagcap = NULL;
	ctx->ndiag = ctx->capdiag = 0;
}
