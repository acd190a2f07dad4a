/*
 * render_text.c - reports for people: per input, per role, PASS or FAIL,
 * then the missing privileges grouped by tab and section in the role
 * editor's order.  Everything from the input is escaped before it reaches
 * a terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

struct pen {
	FILE		*f;
	int		 color;
	struct ra_buf	 b;
};


static void
ink(struct pen *p, const char *code)
{
	ra_buf_ink(&p->b, p->color, code);
}

static void
pad(struct pen *p, size_t used, size_t to)
{
	ra_buf_pad(&p->b, used, to);
}

static const char *const kind_names[] = { "zip", "folder", "xml" };

static void
input_header(struct pen *p, const struct ra_solution *s)
{
	ink(p, RA_BOLD);
	ra_buf_add_safe(&p->b, s->path);
	ink(p, RA_RESET);
	ra_buf_printf(&p->b, " (%s", kind_names[s->kind]);
	if (s->unique_name) {
		ra_buf_adds(&p->b, ", ");
		ra_buf_add_safe(&p->b, s->unique_name);
		if (s->version) {
			ra_buf_adds(&p->b, " ");
			ra_buf_add_safe(&p->b, s->version);
		}
	}
	if (s->managed >= 0)
		ra_buf_adds(&p->b, s->managed == 2 ? ", managed and unmanaged" :
		    s->managed ? ", managed" : ", unmanaged");
	ra_buf_printf(&p->b, ", %zu role%s)\n", s->nrole,
	    s->nrole == 1 ? "" : "s");
}

static void
role_line(struct pen *p, const struct ra_result *r, size_t nreq)
{
	struct ra_buf	 loc = { 0 };

	ra_buf_adds(&p->b, "  ");
	ink(p, r->nmiss ? RA_RED : RA_GREEN);
	ra_buf_adds(&p->b, r->nmiss ? "FAIL" : "PASS");
	ink(p, RA_RESET);
	ra_buf_adds(&p->b, "  ");
	ra_buf_add_safe(&p->b, r->role->name);
	ra_buf_adds(&p->b, "  ");
	ink(p, RA_DIM);
	ra_role_location(r->role, &loc);
	ra_buf_add_safe(&p->b, loc.oom ? "" : loc.s);
	ra_buf_free(&loc);
	ink(p, RA_RESET);
	ra_buf_printf(&p->b, "  %zu privilege%s", r->role->nprivs,
	    r->role->nprivs == 1 ? "" : "s");
	if (r->nmiss)
		ra_buf_printf(&p->b, ", %zu of %zu required missing", r->nmiss,
		    nreq);
	ra_buf_adds(&p->b, "\n");
}

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

static void
missing_lines(struct pen *p, const struct ra_catalog *cat,
    const struct ra_result *r)
{
	struct ra_buf	 st = { 0 };
	size_t		 k, w = 0, sw = 0, sec;
	enum ra_tab	 tab;

	for (k = 0; k < r->nmiss; k++) {
		size_t	 n = ra_text_width(cat->v[r->miss[k].priv].name);

		w = n > w ? n : w;
		status(&st, &r->miss[k]);
		sw = st.len > sw ? st.len : sw;
	}
	/* Tabs in editor order; inside a tab, the grid, then the sections. */
	for (tab = 0; tab < RA_TAB__COUNT; tab++)
		for (sec = 0; sec < RA_SECTION__COUNT; sec++) {
			int	 head = 0;

			for (k = 0; k < r->nmiss; k++) {
				const struct ra_missing	*m = &r->miss[k];
				const char		*name, *ent, *acc;

				if (m->tab != tab ||
				    ra_req_section(cat, m->req) != sec)
					continue;
				if (!head) {
					ra_buf_adds(&p->b, "        ");
					ink(p, RA_BOLD);
					ra_buf_adds(&p->b, ra_tab_name(tab));
					if (sec != RA_SECTION_ENTITIES) {
						ra_buf_adds(&p->b, " > ");
						ra_buf_adds(&p->b,
						    ra_section_name(sec));
					}
					ink(p, RA_RESET);
					ra_buf_adds(&p->b, "\n");
					head = 1;
				}
				name = cat->v[m->priv].name;
				ent = ra_req_entity(cat, m->req);
				acc = ra_access_name(cat->v[m->priv].access);
				ra_buf_adds(&p->b, "          ");
				ra_buf_add_safe(&p->b, name);
				pad(p, ra_text_width(name), w + 2);
				status(&st, m);
				ra_buf_adds(&p->b, st.oom ? "" : st.s);
				pad(p, st.len, sw + 2);
				ra_buf_add_safe(&p->b, ent);
				if (*acc) {
					ra_buf_adds(&p->b, ": ");
					ra_buf_adds(&p->b, acc);
				}
				/* No trailing blanks: goldens diff cleanly. */
				while (p->b.len && p->b.s[p->b.len - 1] == ' ')
					p->b.s[--p->b.len] = '\0';
				ra_buf_adds(&p->b, "\n");
			}
		}
	ra_buf_free(&st);
}

/* Flush the pen's buffer to its file. */
static enum ra_err
flush(struct pen *p)
{
	return ra_buf_flush(&p->b, p->f);
}

enum ra_err
ra_render_text(const struct ra_report *rep, int color, FILE *out)
{
	struct pen	 p = { out, color, { 0 } };
	size_t		 i, s;
	enum ra_err	 rc = RA_OK;

	ra_buf_adds(&p.b, "Profile");
	ra_buf_adds(&p.b, rep->nprof == 1 ? " " : "s ");
	for (i = 0; i < rep->nprof; i++) {
		if (i)
			ra_buf_adds(&p.b, " + ");
		ra_buf_add_safe(&p.b, rep->prof[i]->name);
	}
	ra_buf_printf(&p.b, ": %zu required privilege%s\n", rep->req.n,
	    rep->req.n == 1 ? "" : "s");
	for (s = 0; s < rep->nsol; s++) {
		ra_buf_adds(&p.b, "\n");
		input_header(&p, rep->sol[s]);
		for (i = 0; i < rep->nres; i++) {
			if (rep->res[i].sol != s)
				continue;
			role_line(&p, &rep->res[i], rep->req.n);
			missing_lines(&p, &rep->ctx->cat, &rep->res[i]);
			if ((rc = flush(&p)) != RA_OK)
				goto out;
		}
	}
	ra_buf_printf(&p.b, "\n%zu role%s in %zu input%s: %zu pass, %zu fail\n",
	    rep->nres, rep->nres == 1 ? "" : "s", rep->nsol,
	    rep->nsol == 1 ? "" : "s", rep->npass, rep->nfail);
	rc = flush(&p);
out:
	ra_buf_free(&p.b);
	return rc;
}

enum ra_err
ra_render_roles_text(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol, FILE *out)
{
	struct pen	 p = { out, 0, { 0 } };
	struct ra_buf	 loc = { 0 };
	size_t		 s, i, n = 0;
	enum ra_err	 rc = RA_OK;

	(void)ctx;
	for (s = 0; s < nsol && rc == RA_OK; s++) {
		if (s)
			ra_buf_adds(&p.b, "\n");
		input_header(&p, sol[s]);
		for (i = 0; i < sol[s]->nrole; i++) {
			const struct ra_role	*r = &sol[s]->role[i];

			loc.len = 0;
			ra_role_location(r, &loc);
			ra_buf_adds(&p.b, "  ");
			ra_buf_add_safe(&p.b, r->name);
			ra_buf_adds(&p.b, "  ");
			ra_buf_add_safe(&p.b, *r->id ? r->id : "(no id)");
			ra_buf_printf(&p.b, "  %zu privilege%s  ", r->nprivs,
			    r->nprivs == 1 ? "" : "s");
			ra_buf_add_safe(&p.b, loc.oom ? "" : loc.s);
			ra_buf_adds(&p.b, "\n");
			n++;
		}
		rc = flush(&p);
	}
	if (rc == RA_OK) {
		ra_buf_printf(&p.b, "\n%zu role%s in %zu input%s\n", n,
		    n == 1 ? "" : "s", nsol, nsol == 1 ? "" : "s");
		rc = flush(&p);
	}
	ra_buf_free(&loc);
	ra_buf_free(&p.b);
	return rc;
}

enum ra_err
ra_render_profiles_text(const struct ra_profile *const *prof, size_t n,
    FILE *out)
{
	struct pen	 p = { out, 0, { 0 } };
	size_t		 i, w = 0, vw = 0;
	enum ra_err	 rc;

	for (i = 0; i < n; i++) {
		w = ra_text_width(prof[i]->name) > w ? ra_text_width(prof[i]->name) : w;
		vw = ra_text_width(prof[i]->version) > vw ? ra_text_width(prof[i]->version) :
		    vw;
	}
	/* Name, size, version (the source's date), source. */
	for (i = 0; i < n; i++) {
		ra_buf_add_safe(&p.b, prof[i]->name);
		pad(&p, ra_text_width(prof[i]->name), w + 2);
		ra_buf_printf(&p.b, "%3zu privilege%s  ", prof[i]->n,
		    prof[i]->n == 1 ? " " : "s");
		if (vw) {
			ra_buf_add_safe(&p.b, prof[i]->version);
			pad(&p, ra_text_width(prof[i]->version), vw + 2);
		}
		ra_buf_add_safe(&p.b, prof[i]->source);
		while (p.b.len && p.b.s[p.b.len - 1] == ' ')
			p.b.s[--p.b.len] = '\0';
		ra_buf_adds(&p.b, "\n");
	}
	rc = flush(&p);
	ra_buf_free(&p.b);
	return rc;
}

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

static void
diff_role(struct pen *p, const struct ra_catalog *cat,
    const struct ra_rdiff *r)
{
	static const char	 marks[] = { '+', '-', '^', 'v' };
	static const char *const inks[] = { RA_GREEN, RA_RED, RA_RED, RA_GREEN };
	const struct ra_role	*cur = r->new ? r->new : r->old;
	struct ra_buf		 lv = { 0 };
	size_t			 k, w = 0, lw = 0;
	enum ra_tab		 tab = RA_TAB__COUNT;

	ink(p, RA_BOLD);
	ra_buf_adds(&p->b, r->change == RA_RCH_ADDED ? "+ " :
	    r->change == RA_RCH_REMOVED ? "- " : "~ ");
	ra_buf_add_safe(&p->b, cur->name);
	ink(p, RA_RESET);
	ra_buf_adds(&p->b, "  ");
	ra_buf_add_safe(&p->b, *cur->id ? cur->id : "(no id)");
	if (r->change != RA_RCH_CHANGED)
		ra_buf_printf(&p->b, "  %s, %zu privilege%s",
		    ra_rchange_name(r->change), cur->nprivs,
		    cur->nprivs == 1 ? "" : "s");
	if (r->renamed) {
		ra_buf_adds(&p->b, "  renamed from \"");
		ra_buf_add_safe(&p->b, r->old->name);
		ra_buf_adds(&p->b, "\"");
	}
	if (r->change == RA_RCH_ADDED && r->escalation) {
		ink(p, RA_RED);
		ra_buf_adds(&p->b, "  ! grants escalating privileges");
		ink(p, RA_RESET);
	}
	ra_buf_adds(&p->b, "\n");
	for (k = 0; k < r->np; k++) {
		size_t	 n = ra_text_width(r->p[k].name);

		w = n > w ? n : w;
		levels(&lv, &r->p[k]);
		lw = lv.len > lw ? lv.len : lw;
	}
	for (k = 0; k < r->np; k++) {
		const struct ra_pdiff	*d = &r->p[k];
		const struct ra_privdef	*pd = &cat->v[d->priv];

		if (d->tab != tab) {
			tab = d->tab;
			ra_buf_adds(&p->b, "      ");
			ink(p, RA_BOLD);
			ra_buf_adds(&p->b, ra_tab_name(tab));
			ink(p, RA_RESET);
			ra_buf_adds(&p->b, "\n");
		}
		ra_buf_adds(&p->b, "    ");
		ink(p, inks[d->change]);
		ra_buf_add(&p->b, &marks[d->change], 1);
		ink(p, RA_RESET);
		ra_buf_adds(&p->b, " ");
		ra_buf_add_safe(&p->b, d->name);
		pad(p, ra_text_width(d->name), w + 2);
		levels(&lv, d);
		ra_buf_adds(&p->b, lv.oom ? "" : lv.s);
		pad(p, lv.len, lw + 2);
		ra_buf_add_safe(&p->b, pd->entity);
		if (pd->access != RA_ACCESS_NONE) {
			ra_buf_adds(&p->b, ": ");
			ra_buf_adds(&p->b, ra_access_name(pd->access));
		}
		if (pd->section != RA_SECTION_ENTITIES) {
			ra_buf_adds(&p->b, *pd->entity ? " (" : "(");
			ra_buf_adds(&p->b, ra_section_name(pd->section));
			ra_buf_adds(&p->b, ")");
		}
		if (d->reason) {
			ink(p, RA_RED);
			ra_buf_adds(&p->b, "  ! ");
			ra_buf_adds(&p->b, d->reason);
			ink(p, RA_RESET);
		}
		ra_buf_adds(&p->b, "\n");
	}
	for (k = 0; k < r->nt; k++) {
		ra_buf_adds(&p->b, "    profile ");
		ra_buf_add_safe(&p->b, r->t[k].prof->name);
		ra_buf_printf(&p->b, ": %s -> %s\n", r->t[k].old_pass ? "pass" :
		    "fail", r->t[k].new_pass ? "pass" : "fail");
	}
	ra_buf_free(&lv);
}

enum ra_err
ra_render_diff_text(const struct ra_diff *d, int color, FILE *out)
{
	struct pen	 p = { out, color, { 0 } };
	size_t		 i;
	enum ra_err	 rc = RA_OK;

	ra_buf_adds(&p.b, "--- ");
	input_header(&p, d->old);
	ra_buf_adds(&p.b, "+++ ");
	input_header(&p, d->new);
	for (i = 0; i < d->nr && rc == RA_OK; i++) {
		ra_buf_adds(&p.b, "\n");
		diff_role(&p, &d->ctx->cat, &d->r[i]);
		rc = flush(&p);
	}
	if (rc == RA_OK) {
		if (d->nr == 0)
			ra_buf_adds(&p.b, "\nNo differences in roles.\n");
		ra_buf_printf(&p.b, "\nRoles: %zu added, %zu removed, %zu "
		    "changed.  Privileges: %zu added, %zu removed, %zu raised, "
		    "%zu lowered.  Escalations: %zu.\n", d->roles_added,
		    d->roles_removed, d->roles_changed, d->added, d->removed,
		    d->raised, d->lowered, d->escalations);
		rc = flush(&p);
	}
	ra_buf_free(&p.b);
	return rc;
}

/*
 * The helpers above, for the other text renderers (render_lint.c,
 * render_combine.c, render_explain.c): one spelling of an input's header
 * in every report.
 */
void
ra_text_input_header(struct ra_buf *b, const struct ra_solution *s, int color)
{
	struct pen	 p = { NULL, color, *b };

	input_header(&p, s);
	*b = p.b;
}

size_t
ra_text_width(const char *s)
{
	size_t	 n = 0;

	/* One column per code point: continuation bytes do not count. */
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}
