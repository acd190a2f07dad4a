/*
 * ctx.c - the context: limits, diagnostics and the names of the public
 * enumerations.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Defaults; documented in the man page and SECURITY.md. */
static const uint64_t default_limit[RA_LIMIT__COUNT] = {
	[RA_LIMIT_MEMBER_SIZE] = 2ULL << 30,	/* 2 GiB */
	[RA_LIMIT_RATIO] = 200,
	[RA_LIMIT_MEMBERS] = 100000,
	[RA_LIMIT_FILE_SIZE] = 4ULL << 30,	/* 4 GiB */
	[RA_LIMIT_XML_DEPTH] = 256,
	[RA_LIMIT_NAME_LENGTH] = 1024,
	[RA_LIMIT_SCAN_SIZE] = 8ULL << 20	/* 8 MiB */
};

RA_EXPORT const char *
ra_strerror(enum ra_err e)
{
	switch (e) {
	case RA_OK:		return "success";
	case RA_ENOMEM:		return "out of memory";
	case RA_EIO:		return "input/output error";
	case RA_EZIP:		return "bad zip archive";
	case RA_EXML:		return "malformed XML";
	case RA_ECSV:		return "malformed CSV";
	case RA_ELIMIT:		return "limit exceeded";
	case RA_EINPUT:		return "not a solution or role file";
	case RA_ENOTFOUND:	return "not found";
	case RA_EINVAL:		return "invalid argument";
	}
	return "unknown error";
}

RA_EXPORT const char *
ra_level_name(enum ra_level l)
{
	static const char	*names[] = { "None", "Basic", "Local", "Deep",
	    "Global" };

	return (unsigned)l <= RA_LEVEL_GLOBAL ? names[l] : "None";
}

RA_EXPORT enum ra_err
ra_level_parse(const char *s, enum ra_level *out)
{
	static const struct {
		const char	*name;
		enum ra_level	 level;
	} t[] = {
		{ "none", RA_LEVEL_NONE },
		{ "basic", RA_LEVEL_BASIC },
		{ "user", RA_LEVEL_BASIC },
		{ "local", RA_LEVEL_LOCAL },
		{ "business unit", RA_LEVEL_LOCAL },
		{ "deep", RA_LEVEL_DEEP },
		{ "parent: child business units", RA_LEVEL_DEEP },
		{ "parent: child business unit", RA_LEVEL_DEEP },
		{ "parent:child business units", RA_LEVEL_DEEP },
		{ "global", RA_LEVEL_GLOBAL },
		{ "organization", RA_LEVEL_GLOBAL },
	};
	size_t	 i;

	/* The exact solution XML spellings first: this runs per privilege. */
	for (i = RA_LEVEL_BASIC; i <= RA_LEVEL_GLOBAL; i++)
		if (strcmp(s, ra_level_name((enum ra_level)i)) == 0) {
			*out = (enum ra_level)i;
			return RA_OK;
		}
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (ra_strcaseeq(s, t[i].name)) {
			*out = t[i].level;
			return RA_OK;
		}
	return RA_EINVAL;
}

static const char *const tab_names[RA_TAB__COUNT] = {
	"Core Records", "Marketing", "Sales", "Service",
	"Business Management", "Service Management", "Customization",
	"Missing Entities", "Business Process Flows", "Custom Entities"
};

static const char *const section_names[RA_SECTION__COUNT] = {
	"", "Miscellaneous Privileges", "Privacy-related Privileges"
};

RA_EXPORT const char *
ra_tab_name(enum ra_tab t)
{
	return (unsigned)t < RA_TAB__COUNT ? tab_names[t] : "";
}

RA_EXPORT const char *
ra_section_name(enum ra_section s)
{
	return (unsigned)s < RA_SECTION__COUNT ? section_names[s] : "";
}

int
ra_tab_parse(const char *s, enum ra_tab *out)
{
	size_t	 i;

	for (i = 0; i < RA_TAB__COUNT; i++)
		if (ra_strcaseeq(s, tab_names[i])) {
			*out = (enum ra_tab)i;
			return 0;
		}
	if (ra_strcaseeq(s, "Core")) {
		*out = RA_TAB_CORE;
		return 0;
	}
	if (ra_strcaseeq(s, "Customizations")) {
		*out = RA_TAB_CUSTOMIZATION;
		return 0;
	}
	return -1;
}

int
ra_section_parse(const char *s, enum ra_section *out)
{
	if (*s == '\0' || ra_strcaseeq(s, "Entities")) {
		*out = RA_SECTION_ENTITIES;
		return 0;
	}
	if (ra_strcaseeq(s, "Miscellaneous Privileges") ||
	    ra_strcaseeq(s, "Miscellaneous")) {
		*out = RA_SECTION_MISC;
		return 0;
	}
	if (ra_strcaseeq(s, "Privacy-related Privileges") ||
	    ra_strcaseeq(s, "Privacy Related Privileges") ||
	    ra_strcaseeq(s, "Privacy-related") ||
	    ra_strcaseeq(s, "Privacy")) {
		*out = RA_SECTION_PRIVACY;
		return 0;
	}
	return -1;
}

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
	return ctx;
}

/*
 * The embedded catalog, bases and escalation rules, parsed once a process
 * (about a millisecond of CSV) and copied into every new context.  Never
 * freed: it lives as long as the process.
 */
static struct ra_ctx	*prototype;
static pthread_once_t	 prototype_once = PTHREAD_ONCE_INIT;

static void
prototype_build(void)
{
	struct ra_ctx	*p;

	ra_xml_global_init();
	if ((p = ctx_alloc()) == NULL)
		return;
	if (ra_catalog_init(p) == -1 || ra_escalation_init(p) == -1) {
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

/* Free what diagnostic D owns. */
static void
diag_release(struct ra_diag *d)
{
	free((char *)d->file);
	free((char *)d->member);
	free((char *)d->message);
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
	for (i = 0; i < ctx->nesc; i++) {
		free(ctx->esc[i].match);
		free(ctx->esc[i].reason);
	}
	free(ctx->esc);
	for (i = 0; i < ctx->ndiag; i++)
		diag_release(&ctx->diag[i]);
	free(ctx->diag);
	free(ctx);
}

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
}

size_t
ra_diag_mark(struct ra_ctx *ctx)
{
	return current(ctx).ndiag;
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
	int			 n;

	if (ra_grow(&l.diag, &l.capdiag, l.ndiag + 1, sizeof(*l.diag)) == -1)
		return;
	store(ctx, &l);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || ra_grow(&msg.s, &msg.cap, (size_t)n + 1, 1) == -1)
		return;
	vsnprintf(msg.s, (size_t)n + 1, fmt, ap);
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
ra_diag_truncate(struct ra_ctx *ctx, size_t n)
{
	struct ra_diaglist	 l = current(ctx);

	while (l.ndiag > n)
		diag_release(&l.diag[--l.ndiag]);
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
