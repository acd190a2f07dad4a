/*
 * text.c - every result as text for people, in a terminal or a log:
 * the check report (per input, per role, PASS or FAIL, then the missing
 * privileges grouped by tab and section in the role editor's order), the
 * roles of the inputs, the built-in profiles, a diff, lint findings,
 * combined roles and an explanation of an error text.  ANSI colour only
 * when asked (ra_write_opts.color).  Everything from the input is
 * escaped (ra_buf_add_safe()) before it reaches a terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

static const char *const kind_names[] = { "zip", "folder", "xml", "package" };

/* The display width of UTF-8 text: one column per code point. */
static size_t
width(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Drop the blanks at the end of B: no trailing blanks, goldens diff cleanly. */
static void
trim(struct ra_buf *b)
{
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
}

/*
 * The header line of an input, "path (kind, name version, managed,
 * N roles)", with its newline; the path bold when COLOR.  One spelling
 * for every text report.
 */
static void
input_header(struct ra_buf *b, const struct ra_solution *s, int color)
{
	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_add_safe(b, s->path);
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_printf(b, " (%s", kind_names[s->kind]);
	if (s->unique_name) {
		ra_buf_adds(b, ", ");
		ra_buf_add_safe(b, s->unique_name);
		if (s->version) {
			ra_buf_adds(b, " ");
			ra_buf_add_safe(b, s->version);
		}
	}
	if (s->managed >= 0)
		ra_buf_adds(b, s->managed == 2 ? ", managed and unmanaged" :
		    s->managed ? ", managed" : ", unmanaged");
	ra_buf_printf(b, ", %zu role%s)\n", s->nrole,
	    s->nrole == 1 ? "" : "s");
}

/* "Profiles A + B: N required privileges", with its newline. */
static void
profiles_line(struct ra_buf *b, const struct ra_profile *const *prof,
    size_t nprof, size_t nreq)
{
	size_t	 i;

	ra_buf_adds(b, "Profile");
	ra_buf_adds(b, nprof == 1 ? " " : "s ");
	for (i = 0; i < nprof; i++) {
		if (i)
			ra_buf_adds(b, " + ");
		ra_buf_add_safe(b, prof[i]->name);
	}
	ra_buf_printf(b, ": %zu required privilege%s\n", nreq,
	    nreq == 1 ? "" : "s");
}

/* S in colour INK (a verdict such as PASS or FAIL, a heading in bold). */
static void
paint(struct ra_buf *b, int color, const char *ink, const char *s)
{
	ra_buf_ink(b, color, ink);
	ra_buf_adds(b, s);
	ra_buf_ink(b, color, RA_RESET);
}

/*
 * The start of a line about role R, as every text report writes it:
 * INDENT; WORD (when not NULL) in colour INK and two blanks; the role's
 * name, two blanks and, dimmed, where it is: PATH and a blank (when PATH
 * is not NULL), then its location.  The caller ends the line.
 */
static void
role_head(struct ra_buf *b, int color, const char *indent, const char *ink,
    const char *word, const char *path, const struct ra_role *r)
{
	struct ra_buf	 loc = { 0 };

	ra_buf_adds(b, indent);
	if (word != NULL) {
		paint(b, color, ink, word);
		ra_buf_adds(b, "  ");
	}
	ra_buf_add_safe(b, r->name);
	ra_buf_adds(b, "  ");
	ra_buf_ink(b, color, RA_DIM);
	if (path != NULL) {
		ra_buf_add_safe(b, path);
		ra_buf_adds(b, " ");
	}
	ra_role_location(r, &loc);
	ra_buf_add_safe(b, loc.oom ? "" : loc.s);
	ra_buf_free(&loc);
	ra_buf_ink(b, color, RA_RESET);
}

/*
 * A walk through a list of N privileges in the role editor's order: tab
 * by tab, in a tab the entity grid, then the Miscellaneous and the
 * Privacy-related privileges; in one place, the list's own order.  Each
 * item's place is what ra_pinfo() says of it, given once with
 * walk_place().  Start it with walk_start(); each walk_next() gives the
 * next item in K, with TAB and SEC its place and OPENS set when it is
 * the first item of that place.  walk_free() when done.
 */
struct walk {
	size_t			 n;
	unsigned char		*tabs, *secs;
	enum ra_tab		 tab;
	enum ra_section		 sec;
	size_t			 k;
	int			 opens;
	int			 fresh;		/* none given in this place */
};

/* 0, or -1 when memory runs out. */
static int
walk_start(struct walk *w, size_t n)
{
	memset(w, 0, sizeof(*w));
	w->n = n;
	w->k = (size_t)-1;
	w->fresh = 1;
	if ((w->tabs = calloc(n ? n : 1, 1)) == NULL ||
	    (w->secs = calloc(n ? n : 1, 1)) == NULL) {
		free(w->tabs);
		return -1;
	}
	return 0;
}

static void
walk_place(struct walk *w, size_t k, const struct ra_pinfo *pi)
{
	w->tabs[k] = (unsigned char)pi->tab;
	w->secs[k] = (unsigned char)pi->section;
}

static void
walk_free(struct walk *w)
{
	free(w->tabs);
	free(w->secs);
}

/* 1 with the next item in W->k, 0 when every place has been walked. */
static int
walk_next(struct walk *w)
{
	for (;;) {
		if (++w->k >= w->n) {
			w->k = (size_t)-1;
			w->fresh = 1;
			if (++w->sec < RA_SECTION__COUNT)
				continue;
			w->sec = RA_SECTION_ENTITIES;
			if (++w->tab < RA_TAB__COUNT)
				continue;
			return 0;
		}
		if (w->tabs[w->k] == w->tab && w->secs[w->k] == w->sec) {
			w->opens = w->fresh;
			w->fresh = 0;
			return 1;
		}
	}
}

/*
 * The display name of PI (ra_pinfo_label()), escaped, into B; with
 * " (unplaced)" after it when no fact places it.
 */
static void
label_of(struct ra_buf *b, const struct ra_pinfo *pi)
{
	struct ra_buf	 l = { 0 };

	ra_pinfo_label(pi, &l);
	ra_buf_add_safe(b, l.oom || l.s == NULL ? "" : l.s);
	ra_buf_free(&l);
	if (pi->tab_by == RA_PROV_UNPLACED)
		ra_buf_adds(b, " (unplaced)");
}

/* The heading of a place in a role's list: "Tab" or "Tab > Section". */
static void
place_heading(struct ra_buf *b, int color, enum ra_tab tab,
    enum ra_section sec)
{
	ra_buf_adds(b, "        ");
	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_adds(b, ra_tab_name(tab));
	if (sec != RA_SECTION_ENTITIES) {
		ra_buf_adds(b, " > ");
		ra_buf_adds(b, ra_section_name(sec));
	}
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_adds(b, "\n");
}

/* ---- check ----------------------------------------------------------- */

/* "not granted" or the level held, and the level needed when above Basic. */
static void
status(struct ra_buf *st, const struct ra_missing *m)
{
	st->len = 0;
	ra_buf_adds(st, m->actual == RA_LEVEL_NONE ? "not granted" :
	    ra_level_name(m->actual));
	if (m->req->min > RA_LEVEL_BASIC)
		ra_buf_printf(st, ", needs %s", ra_level_name(m->req->min));
}

static int
missing_lines(struct ra_buf *b, int color, const struct ra_report *rep,
    const struct ra_result *r)
{
	const struct ra_catalog	*cat = &rep->ctx->cat;
	const struct ra_missing	*miss;
	struct ra_pinfo		 pi;
	struct ra_buf		 st = { 0 };
	struct walk		 w;
	size_t			 k, nw = 0, sw = 0;

	if (ra_report_missing(rep, r, &miss) == -1 ||
	    walk_start(&w, r->nmiss) == -1)
		return -1;
	for (k = 0; k < r->nmiss; k++) {
		size_t	 n = width(cat->v[miss[k].priv].name);

		nw = n > nw ? n : nw;
		status(&st, &miss[k]);
		sw = st.len > sw ? st.len : sw;
		walk_place(&w, k, miss[k].pi);
	}
	while (walk_next(&w)) {
		const struct ra_missing	*m = &miss[w.k];
		const char		*name = cat->v[m->priv].name;

		if (w.opens)
			place_heading(b, color, w.tab, w.sec);
		pi = *m->pi;
		ra_buf_adds(b, "          ");
		ra_buf_add_safe(b, name);
		ra_buf_pad(b, width(name), nw + 2);
		status(&st, m);
		ra_buf_adds(b, st.oom ? "" : st.s);
		ra_buf_pad(b, st.len, sw + 2);
		label_of(b, &pi);
		trim(b);
		ra_buf_adds(b, "\n");
	}
	walk_free(&w);
	ra_buf_free(&st);
	return 0;
}

/* "Policies A + B: N rows", with its newline. */
static void
policies_line(struct ra_buf *b, const struct ra_report *rep)
{
	size_t	 i, n = 0;

	ra_buf_adds(b, rep->npol == 1 ? "Policy " : "Policies ");
	for (i = 0; i < rep->npol; i++) {
		if (i)
			ra_buf_adds(b, " + ");
		ra_buf_add_safe(b, rep->pol[i]->name);
		n += rep->pol[i]->n;
	}
	ra_buf_printf(b, ": %zu row%s\n", n, n == 1 ? "" : "s");
}

/*
 * R's policy violations, each on a line: its severity, the privilege,
 * the depth held and the most its row allows, and the row's message.
 */
static void
violation_lines(struct ra_buf *b, int color, const struct ra_report *rep,
    const struct ra_result *r)
{
	struct ra_buf	 m = { 0 };
	size_t		 k;

	if (r->nviol == 0)
		return;
	ra_buf_adds(b, "        ");
	paint(b, color, RA_BOLD, "Policy violations");
	ra_buf_adds(b, "\n");
	for (k = 0; k < r->nviol; k++) {
		const struct ra_violation	*v = &r->viol[k];

		m.len = 0;
		ra_violation_message(rep, NULL, v, &m);
		ra_buf_adds(b, "          ");
		paint(b, color, v->row->sev == RA_SEV_ERROR ? RA_RED :
		    RA_YELLOW, ra_severity_name(v->row->sev));
		ra_buf_adds(b, "  ");
		ra_buf_add_safe(b, m.oom || m.s == NULL ? "" : m.s);
		ra_buf_adds(b, "\n");
	}
	if (m.oom)
		b->oom = 1;
	ra_buf_free(&m);
}

enum ra_err
ra_render_report_text(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i, s;
	enum ra_err	 rc = RA_OK;

	if (rep->nprof > 0 || rep->npol == 0)
		profiles_line(&b, rep->prof, rep->nprof, rep->req.n);
	if (rep->npol > 0)
		policies_line(&b, rep);
	for (s = 0; s < rep->nsol; s++) {
		ra_buf_adds(&b, "\n");
		input_header(&b, rep->sol[s], o->color);
		for (i = 0; i < rep->nres; i++) {
			const struct ra_result	*r = &rep->res[i];
			int			 fails = ra_result_fails(r);

			if (r->sol != s)
				continue;
			if (r->not_exported) {
				role_head(&b, o->color, "  ", RA_DIM, "SKIP",
				    NULL, r->role);
				ra_buf_adds(&b, "  " RA_NOT_EXPORTED_REASON "\n");
				if ((rc = ra_buf_flush(&b, out)) != RA_OK)
					goto out;
				continue;
			}
			role_head(&b, o->color, "  ", fails ? RA_RED :
			    RA_GREEN, fails ? "FAIL" : "PASS", NULL,
			    r->role);
			ra_buf_printf(&b, "  %zu privilege%s", r->role->nprivs,
			    r->role->nprivs == 1 ? "" : "s");
			if (r->nmiss)
				ra_buf_printf(&b, ", %zu of %zu required "
				    "missing", r->nmiss, rep->req.n);
			if (r->nviol)
				ra_buf_printf(&b, ", %zu policy violation%s",
				    r->nviol, r->nviol == 1 ? "" : "s");
			ra_buf_adds(&b, "\n");
			if (missing_lines(&b, o->color, rep, r) == -1) {
				rc = RA_ENOMEM;
				goto out;
			}
			violation_lines(&b, o->color, rep, r);
			if ((rc = ra_buf_flush(&b, out)) != RA_OK)
				goto out;
		}
	}
	ra_buf_printf(&b, "\n%zu role%s in %zu input%s: %zu pass, %zu fail",
	    rep->nres, rep->nres == 1 ? "" : "s", rep->nsol,
	    rep->nsol == 1 ? "" : "s", rep->npass, rep->nfail);
	if (rep->nskip)
		ra_buf_printf(&b, ", %zu not exported", rep->nskip);
	if (rep->npol)
		ra_buf_printf(&b, "; policy violations: %zu error, %zu "
		    "warning, %zu note", rep->nviol[RA_SEV_ERROR],
		    rep->nviol[RA_SEV_WARNING], rep->nviol[RA_SEV_NOTE]);
	ra_buf_adds(&b, "\n");
	rc = ra_buf_flush(&b, out);
out:
	ra_buf_free(&b);
	return rc;
}

/* ---- roles and profiles --------------------------------------------- */

enum ra_err
ra_render_roles_text(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 }, loc = { 0 };
	size_t		 s, i, n = 0;
	enum ra_err	 rc = RA_OK;

	(void)ctx;
	(void)o;
	for (s = 0; s < nsol && rc == RA_OK; s++) {
		if (s)
			ra_buf_adds(&b, "\n");
		input_header(&b, sol[s], 0);
		for (i = 0; i < sol[s]->nrole; i++) {
			const struct ra_role	*r = &sol[s]->role[i];

			loc.len = 0;
			ra_role_location(r, &loc);
			ra_buf_adds(&b, "  ");
			ra_buf_add_safe(&b, r->name);
			ra_buf_adds(&b, "  ");
			ra_buf_add_safe(&b, *r->id ? r->id : "(no id)");
			ra_buf_printf(&b, "  %zu privilege%s  ", r->nprivs,
			    r->nprivs == 1 ? "" : "s");
			ra_buf_add_safe(&b, loc.oom ? "" : loc.s);
			if (ra_role_not_exported(r))
				ra_buf_adds(&b, "  " RA_NOT_EXPORTED_REASON);
			ra_buf_adds(&b, "\n");
			n++;
		}
		rc = ra_buf_flush(&b, out);
	}
	if (rc == RA_OK) {
		ra_buf_printf(&b, "\n%zu role%s in %zu input%s\n", n,
		    n == 1 ? "" : "s", nsol, nsol == 1 ? "" : "s");
		rc = ra_buf_flush(&b, out);
	}
	ra_buf_free(&loc);
	ra_buf_free(&b);
	return rc;
}

enum ra_err
ra_render_profiles_text(const struct ra_profile *const *prof, size_t n,
    FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i, w = 0, vw = 0;
	enum ra_err	 rc;

	for (i = 0; i < n; i++) {
		w = width(prof[i]->name) > w ? width(prof[i]->name) : w;
		vw = width(prof[i]->version) > vw ? width(prof[i]->version) :
		    vw;
	}
	/* Name, size, version (the source's date), source. */
	for (i = 0; i < n; i++) {
		ra_buf_add_safe(&b, prof[i]->name);
		ra_buf_pad(&b, width(prof[i]->name), w + 2);
		ra_buf_printf(&b, "%3zu privilege%s  ", prof[i]->n,
		    prof[i]->n == 1 ? " " : "s");
		if (vw) {
			ra_buf_add_safe(&b, prof[i]->version);
			ra_buf_pad(&b, width(prof[i]->version), vw + 2);
		}
		ra_buf_add_safe(&b, prof[i]->source);
		trim(&b);
		ra_buf_adds(&b, "\n");
	}
	rc = ra_buf_flush(&b, out);
	ra_buf_free(&b);
	return rc;
}

/* ---- diff ------------------------------------------------------------ */

/* "Basic", "Basic -> Global" or "Global" for a change. */
static void
levels(struct ra_buf *b, const struct ra_pdiff *p)
{
	b->len = 0;
	if (p->old && p->new)
		ra_buf_printf(b, "%s -> %s", ra_level_name(p->old),
		    ra_level_name(p->new));
	else
		ra_buf_adds(b, ra_level_name(p->old ? p->old : p->new));
}

/*
 * Role R of DF, written to OUT as it goes (a role may have millions of
 * changes): B is flushed every 64 KiB.
 */
static enum ra_err
diff_role(struct ra_buf *b, int color, const struct ra_diff *df,
    const struct ra_rdiff *r, FILE *out)
{
	const struct ra_solution *sides[2] = { df->new, df->old };
	struct ra_pinfo		 pi;
	static const char	 marks[] = { '+', '-', '^', 'v' };
	static const char *const inks[] = { RA_GREEN, RA_RED, RA_RED, RA_GREEN };
	const struct ra_role	*cur = r->new ? r->new : r->old;
	struct ra_buf		 lv = { 0 }, why = { 0 };
	const char		*name, *reason;
	size_t			 k, w = 0, lw = 0;
	enum ra_tab		 tab = RA_TAB__COUNT;
	enum ra_err		 rc = RA_OK;

	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_adds(b, r->change == RA_RCH_ADDED ? "+ " :
	    r->change == RA_RCH_REMOVED ? "- " : "~ ");
	ra_buf_add_safe(b, cur->name);
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_adds(b, "  ");
	ra_buf_add_safe(b, *cur->id ? cur->id : "(no id)");
	if (r->change != RA_RCH_CHANGED)
		ra_buf_printf(b, "  %s, %zu privilege%s",
		    ra_rchange_name(r->change), cur->nprivs,
		    cur->nprivs == 1 ? "" : "s");
	if (r->renamed) {
		ra_buf_adds(b, "  renamed from \"");
		ra_buf_add_safe(b, r->old->name);
		ra_buf_adds(b, "\"");
	}
	if (r->change == RA_RCH_ADDED && r->escalation)
		paint(b, color, RA_RED, "  ! grants escalating privileges");
	if (r->unexported) {
		ra_buf_adds(b, r->unexported == RA_UNEXPORTED_OLD ?
		    "  old: " : r->unexported == RA_UNEXPORTED_NEW ?
		    "  new: " : "  ");
		ra_buf_adds(b, RA_NOT_EXPORTED_REASON);
	}
	ra_buf_adds(b, "\n");
	for (k = 0; k < r->np; k++) {
		size_t	 n = width(ra_pdiff_name(df->ctx, &r->p[k]));

		w = n > w ? n : w;
		levels(&lv, &r->p[k]);
		lw = lv.len > lw ? lv.len : lw;
	}
	for (k = 0; k < r->np && rc == RA_OK; k++) {
		const struct ra_pdiff	*d = &r->p[k];

		ra_pinfo(df->ctx, sides, 2, d->priv, &pi);
		name = ra_pdiff_name(df->ctx, d);
		if (d->tab != tab) {
			tab = d->tab;
			ra_buf_adds(b, "      ");
			paint(b, color, RA_BOLD, ra_tab_name(tab));
			ra_buf_adds(b, "\n");
		}
		ra_buf_adds(b, "    ");
		ra_buf_ink(b, color, inks[d->change]);
		ra_buf_add(b, &marks[d->change], 1);
		ra_buf_ink(b, color, RA_RESET);
		ra_buf_adds(b, " ");
		ra_buf_add_safe(b, name);
		ra_buf_pad(b, width(name), w + 2);
		levels(&lv, d);
		ra_buf_adds(b, lv.oom ? "" : lv.s);
		ra_buf_pad(b, lv.len, lw + 2);
		label_of(b, &pi);
		if (pi.section != RA_SECTION_ENTITIES) {
			ra_buf_adds(b, " (");
			ra_buf_adds(b, ra_section_name(pi.section));
			ra_buf_adds(b, ")");
		}
		if ((reason = ra_pdiff_reason(df->ctx, d, &why)) != NULL) {
			ra_buf_ink(b, color, RA_RED);
			ra_buf_adds(b, "  ! ");
			ra_buf_adds(b, reason);
			ra_buf_ink(b, color, RA_RESET);
		}
		ra_buf_adds(b, "\n");
		if (why.oom)
			rc = RA_ENOMEM;
		else if (b->len >= 65536)
			rc = ra_buf_flush(b, out);
	}
	for (k = 0; k < r->nt; k++) {
		ra_buf_adds(b, "    profile ");
		ra_buf_add_safe(b, r->t[k].prof->name);
		ra_buf_printf(b, ": %s -> %s\n", r->t[k].old_pass ? "pass" :
		    "fail", r->t[k].new_pass ? "pass" : "fail");
	}
	ra_buf_free(&lv);
	ra_buf_free(&why);
	return rc;
}

/*
 * The app role-map and column permission changes of D, when there are
 * any: "+" for what grants more, "-" for less, escalations marked as
 * privilege changes are.
 */
static enum ra_err
diff_access_text(struct ra_buf *b, int color, const struct ra_diff *d,
    FILE *out)
{
	size_t	 i;

	for (i = 0; i < d->nad; i++) {
		const struct ra_adiff	*a = &d->ad[i];

		if (i == 0)
			ra_buf_adds(b, "\nApp role maps:\n");
		ra_buf_adds(b, a->added ? "  + " : "  - ");
		ra_buf_add_safe(b, a->role ? a->role->name :
		    RA_UNKNOWN_ROLE_ID);
		ra_buf_adds(b, "  ");
		ra_buf_add_safe(b, a->role_id);
		ra_buf_adds(b, a->added ? "  added to app " :
		    "  removed from app ");
		ra_buf_add_safe(b, a->app->display ? a->app->display :
		    a->app->name);
		ra_buf_adds(b, " (");
		ra_buf_add_safe(b, a->app->name);
		ra_buf_adds(b, ")");
		if (a->added)
			paint(b, color, RA_RED, "  ! newly able to open the app");
		ra_buf_adds(b, "\n");
	}
	for (i = 0; i < d->ncd; i++) {
		const struct ra_cdiff	*c = &d->cd[i];

		if (i == 0)
			ra_buf_adds(b, "\nColumn permissions:\n");
		ra_buf_adds(b, c->granted ? "  + " : "  - ");
		ra_buf_add_safe(b, c->profile);
		ra_buf_adds(b, "  ");
		ra_buf_add_safe(b, c->entity);
		ra_buf_adds(b, ".");
		ra_buf_add_safe(b, c->attribute);
		ra_buf_printf(b, "  %s %s", ra_fright_name(c->right),
		    c->granted ? "granted" : "revoked");
		if (c->escalation)
			paint(b, color, RA_RED, "  ! newly able to read a "
			    "secured column");
		ra_buf_adds(b, "\n");
		if (b->len >= 65536 && ra_buf_flush(b, out) != RA_OK)
			return RA_EIO;
	}
	return ra_buf_flush(b, out);
}

enum ra_err
ra_render_diff_text(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;
	enum ra_err	 rc = RA_OK;

	ra_buf_adds(&b, "--- ");
	input_header(&b, d->old, o->color);
	ra_buf_adds(&b, "+++ ");
	input_header(&b, d->new, o->color);
	for (i = 0; i < d->nr && rc == RA_OK; i++) {
		ra_buf_adds(&b, "\n");
		if ((rc = diff_role(&b, o->color, d, &d->r[i], out)) == RA_OK)
			rc = ra_buf_flush(&b, out);
	}
	if (rc == RA_OK && d->nr == 0)
		ra_buf_adds(&b, "\nNo differences in roles.\n");
	if (rc == RA_OK)
		rc = diff_access_text(&b, o->color, d, out);
	if (rc == RA_OK) {
		ra_buf_printf(&b, "\nRoles: %zu added, %zu removed, %zu "
		    "changed", d->roles_added, d->roles_removed,
		    d->roles_changed);
		if (d->roles_not_exported)
			ra_buf_printf(&b, ", %zu not in one export",
			    d->roles_not_exported);
		ra_buf_printf(&b, ".  Privileges: %zu added, %zu removed, "
		    "%zu raised, %zu lowered.", d->added, d->removed, d->raised,
		    d->lowered);
		if (d->nad + d->ncd > 0)
			ra_buf_printf(&b, "  App role maps: %zu change%s.  "
			    "Column permissions: %zu change%s.", d->nad,
			    d->nad == 1 ? "" : "s", d->ncd,
			    d->ncd == 1 ? "" : "s");
		ra_buf_printf(&b, "  Escalations: %zu.\n", d->escalations);
		rc = ra_buf_flush(&b, out);
	}
	ra_buf_free(&b);
	return rc;
}

/* ---- lint ------------------------------------------------------------ */

enum ra_err
ra_render_lint_text(const struct ra_lint *ln, const struct ra_write_opts *o,
    FILE *out)
{
	struct ra_buf		 b = { 0 }, m = { 0 };
	struct ra_lint_role	 lr;
	const struct ra_finding	*f;
	size_t			 s, i, k;
	enum ra_err		 rc = RA_OK;

	memset(&lr, 0, sizeof(lr));
	for (s = 0; s < ln->nsol && rc == RA_OK; s++) {
		if (s)
			ra_buf_adds(&b, "\n");
		input_header(&b, ln->sol[s], o->color);
		for (i = 0; i < ln->sol[s]->nrole; i++) {
			const struct ra_role	*r = &ln->sol[s]->role[i];

			if (ra_role_not_exported(r)) {
				role_head(&b, o->color, "  ", RA_DIM, "SKIP",
				    NULL, r);
				ra_buf_adds(&b, "  " RA_NOT_EXPORTED_REASON "\n");
				continue;
			}
			if (ra_lint_role_open(&lr, ln, s, i) == -1) {
				rc = RA_ENOMEM;
				break;
			}
			if (lr.n == 0)
				role_head(&b, o->color, "  ", RA_GREEN, "OK  ",
				    NULL, r);
			else if (lr.worst >= RA_SEV_WARNING)
				role_head(&b, o->color, "  ", RA_YELLOW,
				    "WARN", NULL, r);
			else
				role_head(&b, o->color, "  ", RA_DIM, "NOTE",
				    NULL, r);
			ra_buf_printf(&b, "  %zu privilege%s", r->nprivs,
			    r->nprivs == 1 ? "" : "s");
			if (lr.n)
				ra_buf_printf(&b, ", %zu finding%s", lr.n,
				    lr.n == 1 ? "" : "s");
			ra_buf_adds(&b, "\n");
			for (k = 0; rc == RA_OK &&
			    (f = ra_lint_role_get(&lr, k)) != NULL; k++) {
				ra_buf_printf(&b, "        %-7s RA%03d  ",
				    ra_severity_name(f->severity), f->code);
				ra_buf_add_safe(&b, ra_finding_message(ln, f,
				    &m));
				ra_buf_adds(&b, "\n");
				/* A role may have a million findings. */
				if (m.oom)
					b.oom = 1;
				if (b.len >= 65536)
					rc = ra_buf_flush(&b, out);
			}
			if (rc != RA_OK || (rc = ra_buf_flush(&b, out)) !=
			    RA_OK)
				break;
		}
	}
	if (rc == RA_OK) {
		ra_buf_printf(&b, "\n%zu role%s in %zu input%s: %zu warning%s, "
		    "%zu note%s\n", ln->nrole, ln->nrole == 1 ? "" : "s",
		    ln->nsol, ln->nsol == 1 ? "" : "s",
		    ln->count[RA_SEV_WARNING] + ln->count[RA_SEV_ERROR],
		    ln->count[RA_SEV_WARNING] + ln->count[RA_SEV_ERROR] == 1 ?
		    "" : "s", ln->count[RA_SEV_NOTE],
		    ln->count[RA_SEV_NOTE] == 1 ? "" : "s");
		rc = ra_buf_flush(&b, out);
	}
	ra_lint_role_free(&lr);
	ra_buf_free(&b);
	ra_buf_free(&m);
	return rc;
}

/* ---- combined roles -------------------------------------------------- */

/* "Basic", "not granted", or "Basic, needs Global". */
static void
held(struct ra_buf *b, const struct ra_creq *q)
{
	b->len = 0;
	ra_buf_adds(b, q->held == RA_LEVEL_NONE ? "not granted" :
	    ra_level_name(q->held));
	if (q->held < q->req->min && q->req->min > RA_LEVEL_BASIC)
		ra_buf_printf(b, ", needs %s", ra_level_name(q->req->min));
}

/* The roles granting Q: "Sales Manager (Global), Clerk (Basic)". */
static void
grantors(struct ra_buf *b, const struct ra_combo *c, const struct ra_creq *q)
{
	size_t	 k;

	for (k = 0; k < q->ng; k++) {
		ra_buf_adds(b, k ? ", " : "");
		ra_buf_add_safe(b, c->m[q->g[k].member].role->name);
		ra_buf_printf(b, " (%s)", ra_level_name(q->g[k].level));
	}
}

/* "A + B + C", or "all N roles of M inputs". */
static void
combo_name(struct ra_buf *b, const struct ra_combined *cb,
    const struct ra_combo *c)
{
	size_t	 k;

	if (c->all) {
		ra_buf_printf(b, "all %zu role%s of %zu input%s", c->nm,
		    c->nm == 1 ? "" : "s", cb->nsol, cb->nsol == 1 ? "" : "s");
		return;
	}
	for (k = 0; k < c->nm; k++) {
		ra_buf_adds(b, k ? " + " : "");
		ra_buf_add_safe(b, c->m[k].role->name);
	}
}

static void
combo_text(struct ra_buf *b, const struct ra_combined *cb,
    const struct ra_combo *c, int color)
{
	const struct ra_catalog	*cat = &cb->ctx->cat;
	struct ra_pinfo		 pi;
	struct ra_buf		 st = { 0 };
	struct walk		 w;
	size_t			 k, nw = 0, sw = 0;

	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_adds(b, "Combination: ");
	combo_name(b, cb, c);
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_printf(b, "  (%zu role%s, %zu privilege%s)\n", c->nm,
	    c->nm == 1 ? "" : "s", c->nprivs, c->nprivs == 1 ? "" : "s");
	for (k = 0; k < c->nm; k++) {
		role_head(b, color, "  ", NULL, NULL,
		    cb->sol[c->m[k].sol]->path, c->m[k].role);
		ra_buf_printf(b, "  %zu privilege%s\n", c->m[k].role->nprivs,
		    c->m[k].role->nprivs == 1 ? "" : "s");
	}
	ra_buf_adds(b, "  ");
	paint(b, color, c->nmiss ? RA_RED : RA_GREEN, c->nmiss ? "FAIL" :
	    "PASS");
	if (c->nmiss)
		ra_buf_printf(b, "  %zu of %zu required missing\n", c->nmiss,
		    c->nr);
	else
		ra_buf_printf(b, "  all %zu required held\n", c->nr);
	for (k = 0; k < c->nr; k++) {
		size_t	 n = width(cat->v[c->r[k].req->priv].name);

		nw = n > nw ? n : nw;
		held(&st, &c->r[k]);
		sw = st.len > sw ? st.len : sw;
	}
	if (walk_start(&w, c->nr) == -1) {
		b->oom = 1;
		ra_buf_free(&st);
		return;
	}
	for (k = 0; k < c->nr; k++) {
		ra_pinfo(cb->ctx, cb->sol, cb->nsol, c->r[k].req->priv, &pi);
		walk_place(&w, k, &pi);
	}
	while (walk_next(&w)) {
		const struct ra_creq	*q = &c->r[w.k];
		const char		*name = cat->v[q->req->priv].name;

		if (w.opens)
			place_heading(b, color, w.tab, w.sec);
		ra_buf_adds(b, "          ");
		if (q->held < q->req->min)
			ra_buf_ink(b, color, RA_RED);
		ra_buf_add_safe(b, name);
		ra_buf_pad(b, width(name), nw + 2);
		held(&st, q);
		ra_buf_adds(b, st.oom ? "" : st.s);
		if (q->held < q->req->min)
			ra_buf_ink(b, color, RA_RESET);
		ra_buf_pad(b, st.len, sw + 2);
		grantors(b, c, q);
		trim(b);
		ra_buf_adds(b, "\n");
	}
	walk_free(&w);
	ra_buf_free(&st);
}

enum ra_err
ra_render_combined_text(const struct ra_combined *cb,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;
	enum ra_err	 rc = RA_OK;

	profiles_line(&b, cb->prof, cb->nprof, cb->req.n);
	for (i = 0; i < cb->nc && rc == RA_OK; i++) {
		ra_buf_adds(&b, "\n");
		combo_text(&b, cb, &cb->c[i], o->color);
		rc = ra_buf_flush(&b, out);
	}
	if (rc == RA_OK) {
		ra_buf_printf(&b, "\n%zu combination%s of roles: %zu pass, "
		    "%zu fail\n", cb->nc, cb->nc == 1 ? "" : "s", cb->npass,
		    cb->nfail);
		rc = ra_buf_flush(&b, out);
	}
	ra_buf_free(&b);
	return rc;
}

/* ---- explanation ----------------------------------------------------- */

static const char *const editor_names[] = { "None", "User",
    "Business Unit", "Parent: Child Business Units", "Organization" };

/*
 * The level to set in the editor: the text's, else the lowest the
 * privilege can take, else User.
 */
static enum ra_level
fix_level(const struct ra_pinfo *d, const struct ra_xpriv *xp)
{
	enum ra_level	 l;

	if (xp->required)
		return xp->required;
	for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
		if (d->depths & RA_DEPTH(l))
			return l;
	/* Most miscellaneous privileges take only Organization. */
	if (d->section == RA_SECTION_MISC)
		return RA_LEVEL_GLOBAL;
	return RA_LEVEL_BASIC;
}

/* "Business Management tab, entity grid: row Mailbox, column Read". */
static void
where(struct ra_buf *b, const struct ra_pinfo *d)
{
	ra_buf_adds(b, ra_tab_name(d->tab));
	ra_buf_adds(b, " tab, ");
	if (d->section == RA_SECTION_ENTITIES) {
		ra_buf_adds(b, "entity grid: row ");
		ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
		if (d->access != RA_ACCESS_NONE) {
			ra_buf_adds(b, ", column ");
			ra_buf_adds(b, ra_access_label(d->access));
		}
	} else {
		ra_buf_adds(b, ra_section_name(d->section));
		ra_buf_adds(b, ": ");
		ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
	}
	ra_buf_printf(b, " (%s: ", ra_prov_name(d->tab_by));
	ra_buf_add_safe(b, d->tab_ids);
	ra_buf_adds(b, ")");
}

/* "Email Server Profile: Read (a table privilege)", or a misc one's. */
static void
what(struct ra_buf *b, const struct ra_pinfo *d)
{
	label_of(b, d);
	ra_buf_adds(b, d->access != RA_ACCESS_NONE &&
	    d->section == RA_SECTION_ENTITIES ? " (a table privilege)" :
	    d->section == RA_SECTION_PRIVACY ? " (a privacy-related "
	    "privilege)" : " (a miscellaneous privilege)");
}

/*
 * Where privilege D is in the editor, as one phrase:
 * "Core Records: Mailbox: Read" or "Core Records > Miscellaneous
 * Privileges: Publish Reports".
 */
static void
editor_place(struct ra_buf *b, const struct ra_pinfo *d)
{
	ra_buf_adds(b, ra_tab_name(d->tab));
	if (d->section != RA_SECTION_ENTITIES) {
		ra_buf_adds(b, " > ");
		ra_buf_adds(b, ra_section_name(d->section));
	}
	ra_buf_adds(b, ": ");
	label_of(b, d);
}

/* "  What:     ": a field's name, padded to WIDTH columns. */
static void
field(struct ra_buf *b, const char *l, size_t width)
{
	ra_buf_adds(b, "  ");
	ra_buf_adds(b, l);
	ra_buf_pad(b, strlen(l), width);
}

/* A field of an explanation. */
static void
label(struct ra_buf *b, const char *l)
{
	field(b, l, 10);
}

static void
xrole_line(struct ra_buf *b, const struct ra_explanation *x,
    const struct ra_xrole *xr, int color)
{
	role_head(b, color, "    ", xr->lacks ? RA_RED : RA_GREEN,
	    xr->lacks ? "LACKS" : "has  ", x->sol[xr->sol]->path, xr->role);
	ra_buf_adds(b, "  ");
	ra_buf_adds(b, xr->held ? ra_level_name(xr->held) : "not granted");
	ra_buf_adds(b, "\n");
}

static void
priv_text(struct ra_buf *b, const struct ra_explanation *x,
    const struct ra_xpriv *xp, int color)
{
	struct ra_privdef	 def, *pd = &def;
	struct ra_pinfo		 pi, *d = &pi;
	unsigned		 depths;
	size_t			 k;
	int			 n = 0;

	ra_explanation_privdef(x, xp->priv, &def);
	ra_pinfo_def(x->ctx, x->sol, x->nsol, pd, &pi);
	depths = pi.depths;

	ra_buf_adds(b, "\n");
	paint(b, color, RA_BOLD, d->name);
	ra_buf_adds(b, "\n");
	label(b, "What:");
	what(b, d);
	ra_buf_adds(b, "\n");

	label(b, "Found:");
	if (xp->how & RA_XHOW_NAMED)
		ra_buf_adds(b, n++ ? "; " : "named in the text");
	if (xp->how & RA_XHOW_ID) {
		ra_buf_adds(b, n++ ? "; the id " : "the id ");
		ra_buf_add_safe(b, xp->idtext);
		ra_buf_adds(b, " in the text is this privilege's (");
		ra_buf_adds(b, pd->id);
		ra_buf_adds(b, ")");
	}
	if (xp->how & RA_XHOW_IMPLIED) {
		ra_buf_adds(b, n++ ? "; implied: " : "implied: ");
		ra_buf_adds(b, xp->why ? xp->why : "");
	}
	ra_buf_adds(b, "\n");

	label(b, "Where:");
	where(b, d);
	ra_buf_adds(b, "\n");

	label(b, "Depth:");
	if (xp->required && !(xp->how & RA_XHOW_NAMED) &&
	    (xp->how & RA_XHOW_IMPLIED))
		ra_buf_printf(b, "needs %s or higher",
		    ra_level_both(xp->required));
	else if (xp->required)
		ra_buf_printf(b, "the text requires %s or higher",
		    ra_level_both(xp->required));
	else
		ra_buf_adds(b, "the text names none: any depth grants it");
	if (depths) {
		ra_buf_adds(b, "; it can take ");
		ra_depths_format(depths, b);
		ra_buf_printf(b, " (%s: ", ra_prov_name(d->depths_by));
		ra_buf_add_safe(b, d->depth_ids);
		ra_buf_adds(b, ")");
	}
	ra_buf_adds(b, "\n");

	label(b, "Profiles:");
	if (xp->np == 0)
		ra_buf_adds(b, "no built-in profile lists it");
	for (k = 0; k < xp->np; k++) {
		const struct ra_req	*q = xp->p[k].req;

		ra_buf_adds(b, k ? ", " : "");
		ra_buf_adds(b, xp->p[k].prof->name);
		if (q->min > RA_LEVEL_BASIC)
			ra_buf_printf(b, " (at %s)", ra_level_name(q->min));
		if (q->has_tab && (q->tab != d->tab ||
		    q->section != d->section)) {
			/* The profile's own wording, not where it is. */
			ra_buf_adds(b, " (lists it under ");
			ra_buf_adds(b, ra_tab_name(q->tab));
			if (q->section != RA_SECTION_ENTITIES) {
				ra_buf_adds(b, " > ");
				ra_buf_adds(b, ra_section_name(q->section));
			}
			ra_buf_adds(b, ")");
		}
	}
	ra_buf_adds(b, "\n");

	if (x->nsol) {
		label(b, "Roles:");
		ra_buf_printf(b, "%zu of %zu lack%s it\n", xp->nlack, xp->nr,
		    xp->nlack == 1 ? "s" : "");
		for (k = 0; k < xp->nr; k++)
			if (xp->r[k].lacks)
				xrole_line(b, x, &xp->r[k], color);
		for (k = 0; k < xp->nr; k++)
			if (!xp->r[k].lacks)
				xrole_line(b, x, &xp->r[k], color);
	}

	label(b, "Fix:");
	if (x->nsol && xp->nlack == 0) {
		ra_buf_adds(b, "no role of the inputs lacks it: the user holds "
		    "none of them, or the role that lacks it is in another "
		    "solution; see the user's roles (Manage Roles)\n");
		return;
	}
	ra_buf_adds(b, "in ");
	ra_buf_adds(b, x->nsol ? "each role that lacks it, " :
	    "the user's role, ");
	ra_buf_adds(b, "open the ");
	ra_buf_adds(b, ra_tab_name(d->tab));
	ra_buf_adds(b, " tab");
	if (d->section != RA_SECTION_ENTITIES) {
		ra_buf_adds(b, ", ");
		ra_buf_adds(b, ra_section_name(d->section));
	}
	ra_buf_adds(b, ", and set ");
	label_of(b, d);
	ra_buf_printf(b, " to %s%s\n", editor_names[fix_level(d, xp)],
	    fix_level(d, xp) == RA_LEVEL_GLOBAL ? "" : " or higher");
}

/* The profile a text's errors belong to, for the closing advice. */
static const char *
error_profile(const struct ra_explanation *x)
{
	size_t	 k;

	for (k = 0; k < x->ns; k++)
		if (x->s[k].def->profile)
			return x->s[k].def->profile;
	return NULL;
}

static const struct ra_profile *
builtin(const struct ra_explanation *x, const char *name)
{
	size_t	 b;

	for (b = 0; name && b < x->nbprof; b++)
		if (strcmp(x->bprof[b]->name, name) == 0)
			return x->bprof[b];
	return NULL;
}

/* A profile checked for a text that names no privilege. */
static void
report_text(struct ra_buf *b, const struct ra_explanation *x,
    const struct ra_report *rep, int color)
{
	const struct ra_catalog	*cat = &x->ctx->cat;
	const struct ra_profile	*p = rep->prof[0];
	const struct ra_missing	*miss;
	struct ra_pinfo		 pi;
	struct walk		 wk;
	size_t			 i, k, w;

	ra_buf_adds(b, "\nThe error belongs to profile ");
	ra_buf_adds(b, p->name);
	ra_buf_printf(b, " (%zu privileges; %s).\n", p->n, p->source);
	if (x->nsol == 0) {
		ra_buf_adds(b, "Give the solution as INPUT to see which roles "
		    "lack them.  The privileges, by tab:\n");
		for (k = 0, w = 0; k < p->n; k++)
			if (strlen(cat->v[p->req[k].priv].name) > w)
				w = strlen(cat->v[p->req[k].priv].name);
		if (walk_start(&wk, p->n) == -1) {
			b->oom = 1;
			return;
		}
		for (k = 0; k < p->n; k++) {
			ra_pinfo(x->ctx, x->sol, x->nsol, p->req[k].priv, &pi);
			walk_place(&wk, k, &pi);
		}
		while (walk_next(&wk)) {
			const struct ra_req	*q = &p->req[wk.k];

			ra_pinfo(x->ctx, x->sol, x->nsol, q->priv, &pi);
			ra_buf_adds(b, "  ");
			ra_buf_adds(b, cat->v[q->priv].name);
			ra_buf_pad(b, strlen(cat->v[q->priv].name), w + 2);
			editor_place(b, &pi);
			if (q->min > RA_LEVEL_BASIC)
				ra_buf_printf(b, ", at %s",
				    ra_level_name(q->min));
			ra_buf_adds(b, "\n");
		}
		walk_free(&wk);
		return;
	}
	ra_buf_printf(b, "%zu of %zu role%s fail it:\n", rep->nfail, rep->nres,
	    rep->nres == 1 ? "" : "s");
	for (i = 0; i < rep->nres; i++) {
		const struct ra_result	*r = &rep->res[i];

		if (r->not_exported) {
			role_head(b, color, "    ", RA_DIM, "SKIP",
			    x->sol[r->sol]->path, r->role);
			ra_buf_adds(b, "  " RA_NOT_EXPORTED_REASON "\n");
			continue;
		}
		role_head(b, color, "    ", r->nmiss ? RA_RED : RA_GREEN,
		    r->nmiss ? "FAIL" : "PASS", x->sol[r->sol]->path, r->role);
		if (r->nmiss)
			ra_buf_printf(b, "  %zu of %zu missing", r->nmiss,
			    rep->req.n);
		ra_buf_adds(b, "\n");
		if (ra_report_missing(rep, r, &miss) == -1) {
			b->oom = 1;
			return;
		}
		for (k = 0, w = 0; k < r->nmiss; k++)
			if (strlen(cat->v[miss[k].priv].name) > w)
				w = strlen(cat->v[miss[k].priv].name);
		for (k = 0; k < r->nmiss; k++) {
			const struct ra_missing	*m = &miss[k];

			pi = *m->pi;
			ra_buf_adds(b, "          ");
			ra_buf_adds(b, cat->v[m->priv].name);
			ra_buf_pad(b, strlen(cat->v[m->priv].name), w + 2);
			editor_place(b, &pi);
			if (m->actual)
				ra_buf_printf(b, "  holds %s, needs %s",
				    ra_level_name(m->actual),
				    ra_level_name(m->req->min));
			ra_buf_adds(b, "\n");
		}
	}
}

enum ra_err
ra_render_explain_text(const struct ra_explanation *x,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf		 b = { 0 };
	const struct ra_profile	*p;
	size_t			 k, w = 0, n;
	enum ra_err		 rc;

	if (x->ns || x->principal >= 0 || x->otc >= 0) {
		char	 t[2][48];

		snprintf(t[0], sizeof(t[0]), "type=%d", x->principal);
		snprintf(t[1], sizeof(t[1]), "ObjectTypeCode %ld", x->otc);
		ra_buf_adds(&b, "Recognized in the text:\n");
		for (k = 0; k < x->ns; k++) {
			n = width(x->s[k].matched);
			w = n > w ? n : w;
		}
		if (x->principal >= 0 && strlen(t[0]) > w)
			w = strlen(t[0]);
		if (x->otc >= 0 && strlen(t[1]) > w)
			w = strlen(t[1]);
		for (k = 0; k < x->ns; k++) {
			ra_buf_adds(&b, "  ");
			ra_buf_add_safe(&b, x->s[k].matched);
			ra_buf_pad(&b, width(x->s[k].matched), w + 2);
			ra_buf_adds(&b, x->s[k].def->meaning);
			if (x->s[k].def->source)
				ra_buf_printf(&b, " (%s)",
				    x->s[k].def->source);
			ra_buf_adds(&b, "\n");
		}
		if (x->principal >= 0) {
			ra_buf_adds(&b, "  ");
			ra_buf_adds(&b, t[0]);
			ra_buf_pad(&b, strlen(t[0]), w + 2);
			ra_buf_adds(&b, x->principal == 8 ? "the principal is "
			    "a user (systemuser)" : x->principal == 9 ? "the "
			    "principal is a team: its roles, and how its "
			    "members inherit them, decide" : "the principal's "
			    "type code (8 is a user, 9 a team)");
			ra_buf_adds(&b, "\n");
		}
		if (x->otc >= 0) {
			const char	*table = ra_otc_table(x->otc);

			ra_buf_adds(&b, "  ");
			ra_buf_adds(&b, t[1]);
			ra_buf_pad(&b, strlen(t[1]), w + 2);
			if (table)
				ra_buf_printf(&b, "the record is of table %s",
				    table);
			else
				ra_buf_adds(&b, "a table roleaudit does not "
				    "know by its code");
			if (x->access)
				ra_buf_printf(&b, "; the check asked for %s",
				    x->access);
			ra_buf_adds(&b, "\n");
		}
	}
	for (k = 0; k < x->np; k++)
		priv_text(&b, x, &x->p[k], o->color);
	if (x->np == 0) {
		ra_buf_adds(&b, x->ns ? "\nNo privilege named in this text.\n" :
		    "No privilege named in this text, and no error roleaudit "
		    "knows.\n");
		for (k = 0; k < x->nrep; k++)
			report_text(&b, x, x->rep[k], o->color);
	} else if ((p = builtin(x, error_profile(x))) != NULL) {
		ra_buf_printf(&b, "\nThe error belongs to profile %s (%zu "
		    "privileges): a role that lacks one of them may lack "
		    "others; check them all with `roleaudit check -p %s "
		    "INPUT`.\n", p->name, p->n, p->name);
	}
	if ((rc = ra_buf_flush(&b, out)) != RA_OK)
		goto out;
	ra_buf_printf(&b, "\n%zu privilege%s named or implied, %zu error%s "
	    "recognized", x->np, x->np == 1 ? "" : "s", x->ns,
	    x->ns == 1 ? "" : "s");
	if (x->nsol) {
		size_t	 nroles = 0;

		for (k = 0; k < x->nsol; k++)
			nroles += x->sol[k]->nrole;
		ra_buf_printf(&b, "; %zu of %zu role%s in %zu input%s lack%s "
		    "what the text is about", x->nlacking, nroles,
		    nroles == 1 ? "" : "s", x->nsol, x->nsol == 1 ? "" : "s",
		    x->nlacking == 1 ? "s" : "");
	}
	ra_buf_adds(&b, ".\n");
	rc = ra_buf_flush(&b, out);
out:
	ra_buf_free(&b);
	return rc;
}

/* ---- privileges ------------------------------------------------------ */

/* " (category: ids)" after a fact. */
static void
why(struct ra_buf *b, enum ra_prov by, const char *ids)
{
	ra_buf_printf(b, "  (%s", ra_prov_name(by));
	if (*ids && strcmp(ids, "unplaced") != 0) {
		ra_buf_adds(b, ": ");
		ra_buf_add_safe(b, ids);
	}
	ra_buf_adds(b, ")\n");
}

static void
privrec_text(struct ra_buf *b, const struct ra_privrec *r, int color)
{
	const struct ra_pinfo	*pi = &r->info;
	size_t			 k;

	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_add_safe(b, pi->name);
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_adds(b, "\n");
	field(b, "Name:", 12);
	label_of(b, pi);
	why(b, pi->entity_by, pi->entity_ids);
	field(b, "Tab:", 12);
	ra_buf_adds(b, ra_tab_name(pi->tab));
	ra_buf_adds(b, pi->section == RA_SECTION_ENTITIES ?
	    (pi->access != RA_ACCESS_NONE ? ", entity grid, column " :
	    ", entity grid") : ", ");
	if (pi->section == RA_SECTION_ENTITIES)
		ra_buf_adds(b, ra_access_label(pi->access));
	else
		ra_buf_adds(b, ra_section_name(pi->section));
	why(b, pi->tab_by, pi->tab_ids);
	field(b, "Depths:", 12);
	if (pi->depths)
		ra_depths_format(pi->depths, b);
	else
		ra_buf_adds(b, "unknown");
	why(b, pi->depths_by, pi->depth_ids);
	field(b, "Observed:", 12);
	if (pi->observed) {
		ra_depths_format(pi->observed, b);
		ra_buf_printf(b, " in %lu role%s of real exports",
		    r->kb ? r->kb->observed_roles : 0UL,
		    r->kb && r->kb->observed_roles == 1 ? "" : "s");
		why(b, RA_PROV_SOURCE, pi->observed_ids);
	} else
		ra_buf_adds(b, "in no real export\n");
	if (pi->owner != RA_OWNER_UNKNOWN) {
		field(b, "Table:", 12);
		if (r->table != NULL && *r->table->logical) {
			ra_buf_add_safe(b, r->table->logical);
			ra_buf_adds(b, ", ");
		}
		ra_buf_adds(b, ra_owner_name(pi->owner));
		if (!ra_pinfo_access_ok(pi))
			ra_buf_adds(b, ": has no such privilege");
		why(b, pi->owner_by, pi->owner_ids);
	}
	if (r->def.id != NULL) {
		field(b, "Id:", 12);
		ra_buf_adds(b, r->def.id);
		ra_buf_adds(b, "\n");
	}
	for (k = 0; k < r->nconf; k++) {
		const struct ra_kb_conflict	*c = r->conf[k];

		field(b, k ? "" : "Conflicts:", 12);
		ra_buf_add_safe(b, c->field);
		ra_buf_adds(b, " of ");
		ra_buf_add_safe(b, c->subject);
		ra_buf_adds(b, ": ");
		ra_buf_add_safe(b, c->value_a);
		ra_buf_adds(b, " (");
		ra_buf_add_safe(b, c->source_a);
		ra_buf_adds(b, ") or ");
		ra_buf_add_safe(b, c->value_b);
		ra_buf_adds(b, " (");
		ra_buf_add_safe(b, c->source_b);
		ra_buf_adds(b, "); used: ");
		ra_buf_add_safe(b, c->used);
		ra_buf_adds(b, ", as ");
		ra_buf_add_safe(b, c->reason);
		ra_buf_adds(b, "\n");
	}
}

enum ra_err
ra_render_privileges_text(const struct ra_privlist *pl,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i, unplaced = 0;
	enum ra_err	 rc = RA_OK;

	for (i = 0; i < pl->n && rc == RA_OK; i++) {
		if (i)
			ra_buf_adds(&b, "\n");
		privrec_text(&b, &pl->v[i], o->color);
		unplaced += pl->v[i].info.tab_by == RA_PROV_UNPLACED;
		rc = ra_buf_flush(&b, out);
	}
	if (rc == RA_OK) {
		ra_buf_printf(&b, "%s%zu privilege%s, %zu unplaced.\n",
		    pl->n ? "\n" : "", pl->n, pl->n == 1 ? "" : "s", unplaced);
		rc = ra_buf_flush(&b, out);
	}
	ra_buf_free(&b);
	return rc;
}

/* ---- apps and column security ---------------------------------------- */

/*
 * A table as apps and columns show it: its display name (its Read
 * privilege's entity, as ra_pinfo() says) and, in parentheses, its tab.
 */
static void
atable_text(struct ra_buf *b, const struct ra_atable *t)
{
	ra_buf_add_safe(b, *t->pi.entity ? t->pi.entity : t->name);
	ra_buf_adds(b, " (");
	ra_buf_adds(b, ra_tab_name(t->pi.tab));
	ra_buf_adds(b, ")");
}

enum ra_err
ra_render_apps_text(const struct ra_apps *ap, const struct ra_write_opts *o,
    FILE *out)
{
	struct ra_buf		 b = { 0 }, l = { 0 };
	const struct ra_missing	*miss = NULL;
	size_t			 s, i, k, j, n;
	enum ra_err		 rc = RA_OK;

	for (s = 0; s < ap->nsol && rc == RA_OK; s++) {
		if (s)
			ra_buf_adds(&b, "\n");
		input_header(&b, ap->sol[s], o->color);
		for (i = 0; i < ap->na && rc == RA_OK; i++) {
			const struct ra_aapp	*a = &ap->a[i];

			if (a->sol != s)
				continue;
			ra_buf_adds(&b, "  App ");
			ra_buf_ink(&b, o->color, RA_BOLD);
			ra_buf_add_safe(&b, a->app->display ? a->app->display :
			    a->app->name);
			ra_buf_ink(&b, o->color, RA_RESET);
			ra_buf_adds(&b, " (");
			ra_buf_add_safe(&b, a->app->name);
			ra_buf_printf(&b, "), %zu table%s, %zu role%s  ", a->nt,
			    a->nt == 1 ? "" : "s", a->nm, a->nm == 1 ? "" : "s");
			ra_buf_ink(&b, o->color, RA_DIM);
			ra_buf_add_safe(&b, a->app->file);
			ra_buf_printf(&b, ":%lu", a->app->line);
			ra_buf_ink(&b, o->color, RA_RESET);
			ra_buf_adds(&b, "\n");
			for (k = 0; k < a->nt && rc == RA_OK; k++) {
				ra_buf_adds(&b, k ? ", " : "    tables: ");
				atable_text(&b, &a->t[k]);
				rc = ra_buf_flush_full(&b, out);
			}
			if (a->nt)
				ra_buf_adds(&b, "\n");
			if (a->nm == 0)
				ra_buf_adds(&b, "    mapped to no role\n");
			for (k = 0; k < a->nm && rc == RA_OK; k++) {
				const struct ra_amap	*m = &a->m[k];
				const struct ra_atable	*tb;
				struct ra_unread	 un;
				enum ra_level		 held;

				if ((rc = ra_buf_flush_full(&b, out)) != RA_OK)
					break;
				if (m->role == NULL) {
					ra_buf_adds(&b, "    ");
					paint(&b, o->color, RA_DIM, "????");
					ra_buf_adds(&b, "  " RA_UNKNOWN_ROLE_ID
					    "  ");
					ra_buf_add_safe(&b, m->id);
					ra_buf_adds(&b, "\n");
					continue;
				}
				role_head(&b, o->color, "    ",
				    m->status == RA_AM_PASS ? RA_GREEN :
				    m->status == RA_AM_FAIL ? RA_RED : RA_DIM,
				    m->status == RA_AM_PASS ? "PASS" :
				    m->status == RA_AM_FAIL ? "FAIL" : "SKIP",
				    ap->nsol > 1 && m->sol != s ?
				    ap->sol[m->sol]->path : NULL, m->role);
				ra_buf_adds(&b, "\n");
				if (m->status == RA_AM_NOT_EXPORTED)
					ra_buf_adds(&b, "          "
					    RA_NOT_EXPORTED_REASON "\n");
				n = m->res != NULL ? m->res->nmiss : 0;
				if (m->status == RA_AM_FAIL) {
					ra_buf_printf(&b, "          cannot "
					    "open the app: lacks %zu privilege%s"
					    " of ", n, n == 1 ? "" : "s");
					ra_buf_add_safe(&b, ap->prof->name);
					ra_buf_printf(&b, " [RA%03d]\n",
					    RA_C_APP_OPEN);
				}
				if (n > 0 && ra_report_missing(ap->rep, m->res,
				    &miss) == -1) {
					b.oom = 1;
					n = 0;
				}
				for (j = 0; j < n; j++) {
					l.len = 0;
					ra_pinfo_label(miss[j].pi, &l);
					ra_buf_adds(&b, "            ");
					ra_buf_add_safe(&b, l.oom ? "" : l.s);
					ra_buf_adds(&b, "\n");
					b.oom |= l.oom;
				}
				memset(&un, 0, sizeof(un));
				while (rc == RA_OK && ra_apps_unread_next(ap,
				    a, m, &un, &tb, &held)) {
					ra_buf_adds(&b, "          cannot read ");
					atable_text(&b, tb);
					if (ap->need > RA_LEVEL_BASIC)
						ra_buf_printf(&b, ": holds %s, "
						    "needs %s",
						    ra_level_both(held),
						    ra_level_both(ap->need));
					ra_buf_printf(&b, " [RA%03d]\n",
					    RA_C_APP_READ);
					rc = ra_buf_flush_full(&b, out);
				}
			}
			rc = ra_buf_flush(&b, out);
		}
		for (i = 0, n = 0; i < ap->norphan; i++)
			if (ap->orphan[i].sol == s) {
				if (n++ == 0)
					ra_buf_adds(&b, "  Roles mapped to no "
					    "app:\n");
				role_head(&b, o->color, "    ", NULL, NULL, NULL,
				    ap->orphan[i].role);
				ra_buf_adds(&b, "\n");
			}
	}
	if (rc == RA_OK) {
		ra_buf_printf(&b, "\n%zu app%s in %zu input%s: %zu role%s "
		    "cannot open an app, %zu app table%s a mapped role cannot "
		    "read, %zu app%s mapped to no role, %zu role%s mapped to no "
		    "app\n", ap->na, ap->na == 1 ? "" : "s", ap->nsol,
		    ap->nsol == 1 ? "" : "s", ap->ncannot,
		    ap->ncannot == 1 ? "" : "s", ap->nunread,
		    ap->nunread == 1 ? "" : "s", ap->unmapped_apps,
		    ap->unmapped_apps == 1 ? "" : "s", ap->norphan,
		    ap->norphan == 1 ? "" : "s");
		rc = ra_buf_flush(&b, out);
	}
	ra_buf_free(&b);
	ra_buf_free(&l);
	return rc;
}

/* "read: A, B" of column C, "-" for none. */
static void
granted_text(struct ra_buf *b, const struct ra_ccol *c, enum ra_fright r)
{
	size_t	 k, n = 0;

	ra_buf_adds(b, ra_fright_name(r));
	ra_buf_adds(b, ": ");
	for (k = 0; k < c->ng; k++)
		if (c->g[k].perm->can[r] == 1) {
			if (n++)
				ra_buf_adds(b, ", ");
			ra_buf_add_safe(b, c->g[k].fsp->name);
		}
	if (n == 0)
		ra_buf_adds(b, "-");
}

enum ra_err
ra_render_columns_text(const struct ra_columns *cs,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 s, i;
	int		 r;
	const char	*last;
	enum ra_err	 rc = RA_OK;

	for (s = 0; s < cs->nsol && rc == RA_OK; s++) {
		if (s)
			ra_buf_adds(&b, "\n");
		input_header(&b, cs->sol[s], o->color);
		last = NULL;
		for (i = 0; i < cs->nc && rc == RA_OK; i++) {
			const struct ra_ccol	*c = &cs->c[i];

			if (c->sol != s)
				continue;
			if (last == NULL || !ra_strcaseeq(last, c->entity)) {
				ra_buf_adds(&b, "  ");
				atable_text(&b, &c->t);
				ra_buf_adds(&b, "  ");
				ra_buf_add_safe(&b, c->entity);
				ra_buf_adds(&b, "\n");
				last = c->entity;
			}
			ra_buf_adds(&b, "    ");
			if (c->secured && c->nread == 0)
				paint(&b, o->color, RA_YELLOW, "WARN");
			else
				paint(&b, o->color, c->secured ? RA_GREEN :
				    RA_DIM, c->secured ? "OK  " : "----");
			ra_buf_adds(&b, "  ");
			ra_buf_add_safe(&b, c->attribute);
			ra_buf_adds(&b, c->secured ? "  secured" :
			    "  not marked secured in this input");
			for (r = 0; r < RA_FR__COUNT; r++) {
				ra_buf_adds(&b, "; ");
				granted_text(&b, c, (enum ra_fright)r);
			}
			ra_buf_adds(&b, "\n");
			if (c->secured && c->nread == 0)
				ra_buf_printf(&b, "          no profile lets "
				    "anyone read it: only administrators see "
				    "it [RA%03d]\n", RA_C_COL_UNREADABLE);
			if (b.len >= 65536)
				rc = ra_buf_flush(&b, out);
		}
		for (i = 0; i < cs->nnr; i++)
			if (cs->nr[i].sol == s) {
				ra_buf_adds(&b, "  ");
				paint(&b, o->color, RA_YELLOW, "WARN");
				ra_buf_adds(&b, "  profile ");
				ra_buf_add_safe(&b, cs->nr[i].fsp->name);
				ra_buf_adds(&b, " grants ");
				ra_buf_adds(&b, ra_fperm_writes(cs->nr[i].perm));
				ra_buf_adds(&b, " without read on ");
				ra_buf_add_safe(&b, cs->nr[i].perm->entity);
				ra_buf_adds(&b, ".");
				ra_buf_add_safe(&b, cs->nr[i].perm->attribute);
				ra_buf_adds(&b, "  ");
				ra_buf_ink(&b, o->color, RA_DIM);
				ra_buf_add_safe(&b, cs->nr[i].fsp->file);
				ra_buf_printf(&b, ":%lu", cs->nr[i].perm->line);
				ra_buf_ink(&b, o->color, RA_RESET);
				ra_buf_printf(&b, " [RA%03d]\n",
				    RA_C_COL_NOREAD);
			}
		if (rc == RA_OK)
			rc = ra_buf_flush(&b, out);
	}
	if (rc == RA_OK) {
		ra_buf_printf(&b, "\n%zu column%s, %zu profile%s in %zu "
		    "input%s: %zu secured column%s no profile can read, %zu "
		    "permission%s granting update or create without read\n",
		    cs->nc, cs->nc == 1 ? "" : "s", cs->nprofiles,
		    cs->nprofiles == 1 ? "" : "s", cs->nsol,
		    cs->nsol == 1 ? "" : "s", cs->nunreadable,
		    cs->nunreadable == 1 ? "" : "s", cs->nnr,
		    cs->nnr == 1 ? "" : "s");
		rc = ra_buf_flush(&b, out);
	}
	ra_buf_free(&b);
	return rc;
}
