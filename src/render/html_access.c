/*
 * html_access.c - apps and column security as HTML pages: the "Apps"
 * page (each app, its tables and the roles mapped to it, whether each
 * opens it and which tables it cannot read) and the "Column security"
 * page (each column, the profiles that grant read, update, create and
 * read-unmasked on it, and the findings).  Written as they go, through
 * html.c's page writer.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

/* A table of an app or column: display name, the tab in a tooltip. */
static void
atable_cell(struct ra_html *pg, struct ra_html_node *parent,
    const struct ra_atable *t)
{
	struct ra_html_node	*n = ra_html_el(pg, parent, "span", NULL);

	ra_html_attr(pg, n, "title", ra_tab_name(t->pi.tab));
	ra_html_utext(pg, n, *t->pi.entity ? t->pi.entity : t->name);
}

/* The head of a page: title, lead, generated, inputs and diagnostics. */
static struct ra_html *
page(const char *what, const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	struct ra_buf	 b = { 0 };
	struct ra_html	*pg;

	ra_html_title(&b, what, sol, nsol);
	pg = ra_html_new(b.oom ? "" : b.s, out);
	ra_buf_free(&b);
	if (pg == NULL)
		return NULL;
	ra_html_tel(pg, ra_html_body(pg), "h1", NULL, what);
	ra_html_meta_table(pg, o->generated);
	ra_html_inputs(pg, sol, nsol, NULL);
	ra_html_diags(pg, ctx);
	return pg;
}

enum ra_err
ra_render_apps_html(const struct ra_apps *ap, const struct ra_write_opts *o,
    FILE *out)
{
	static const char *const heads[] = { "Role", "Id", "Opens the app",
	    "Cannot read" };
	struct ra_html		*pg;
	struct ra_html_node	*body, *tb, *tr, *td, *ul;
	size_t			 i, k;

	if ((pg = page("Apps", ap->ctx, ap->sol, ap->nsol, o, out)) == NULL)
		return RA_ENOMEM;
	body = ra_html_body(pg);
	ra_html_textf(pg, ra_html_el(pg, body, "p", "lead"), "%zu app%s: %zu "
	    "role%s cannot open one (lacking the %s profile), %zu app "
	    "table%s a mapped role cannot read.", ap->na,
	    ap->na == 1 ? "" : "s", ap->ncannot, ap->ncannot == 1 ? "" : "s",
	    ap->prof->name, ap->nunread, ap->nunread == 1 ? "" : "s");
	for (i = 0; i < ap->na; i++) {
		const struct ra_aapp	*a = &ap->a[i];

		ra_html_flush(pg);
		ra_html_uel(pg, body, "h2", NULL, a->app->display ?
		    a->app->display : a->app->name);
		td = ra_html_el(pg, body, "p", NULL);
		ra_html_uel(pg, td, "code", NULL, a->app->name);
		ra_html_textf(pg, td, ", %zu table%s: ", a->nt,
		    a->nt == 1 ? "" : "s");
		for (k = 0; k < a->nt; k++) {
			if (k)
				ra_html_text(pg, td, ", ");
			atable_cell(pg, td, &a->t[k]);
		}
		if (a->nm == 0) {
			ra_html_badge(pg, body, "warning",
			    "mapped to no role");
			continue;
		}
		tb = ra_html_thead(pg, ra_html_el(pg, body, "table",
		    "summary"), heads, 4);
		for (k = 0; k < a->nm; k++) {
			const struct ra_amap	*m = &a->m[k];
			const struct ra_atable	*at;
			struct ra_unread	 un;
			enum ra_level		 held;

			tr = ra_html_el(pg, tb, "tr", NULL);
			ra_html_uel(pg, tr, "td", NULL, m->role ? m->role->name :
			    RA_UNKNOWN_ROLE_ID);
			ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code",
			    NULL, m->id);
			td = ra_html_el(pg, tr, "td", NULL);
			if (m->status == RA_AM_PASS)
				ra_html_badge(pg, td, "pass", "PASS");
			else if (m->status == RA_AM_FAIL)
				ra_html_badge(pg, td, "fail", "FAIL: lacks "
				    "the model-driven-app minimum");
			else
				ra_html_badge(pg, td, "note", m->status ==
				    RA_AM_UNKNOWN ? RA_UNKNOWN_ROLE_ID :
				    "not exported");
			td = ra_html_el(pg, tr, "td", NULL);
			if (m->nun == 0) {
				ra_html_text(pg, td, "\xe2\x80\x94");
				continue;
			}
			ul = ra_html_el(pg, td, "ul", NULL);
			memset(&un, 0, sizeof(un));
			while (ra_apps_unread_next(ap, a, m, &un, &at, &held)) {
				struct ra_html_node	*li;

				li = ra_html_el(pg, ul, "li", NULL);
				atable_cell(pg, li, at);
				if (ap->need > RA_LEVEL_BASIC)
					ra_html_textf(pg, li, " (holds %s)",
					    ra_level_editor_name(held));
			}
		}
	}
	if (ap->norphan) {
		ra_html_flush(pg);
		ra_html_tel(pg, body, "h2", NULL, "Roles mapped to no app");
		ul = ra_html_el(pg, body, "ul", NULL);
		for (i = 0; i < ap->norphan; i++)
			ra_html_uel(pg, ul, "li", NULL,
			    ap->orphan[i].role->name);
	}
	ra_html_footer(pg, "RA501 (error): a mapped role cannot open the app; "
	    "RA502 (warning): a mapped role cannot read one of its tables.");
	return ra_html_end(pg);
}

enum ra_err
ra_render_columns_html(const struct ra_columns *cs,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const heads[] = { "Table", "Column", "Secured",
	    "Read", "Update", "Create", "Read unmasked" };
	struct ra_html		*pg;
	struct ra_html_node	*body, *tb, *tr, *td, *ul, *li;
	size_t			 i, k, n;
	int			 r;

	if ((pg = page("Column security", cs->ctx, cs->sol, cs->nsol, o,
	    out)) == NULL)
		return RA_ENOMEM;
	body = ra_html_body(pg);
	ra_html_textf(pg, ra_html_el(pg, body, "p", "lead"), "%zu column%s "
	    "and %zu column security profile%s: %zu secured column%s no "
	    "profile can read, %zu permission%s granting update or create "
	    "without read.", cs->nc, cs->nc == 1 ? "" : "s", cs->nprofiles,
	    cs->nprofiles == 1 ? "" : "s", cs->nunreadable,
	    cs->nunreadable == 1 ? "" : "s", cs->nnr,
	    cs->nnr == 1 ? "" : "s");
	ra_html_tel(pg, body, "h2", NULL, "Columns");
	tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "summary"), heads,
	    7);
	for (i = 0; i < cs->nc; i++) {
		const struct ra_ccol	*c = &cs->c[i];

		tr = ra_html_el(pg, tb, "tr", NULL);
		atable_cell(pg, ra_html_el(pg, tr, "td", NULL), &c->t);
		ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code", NULL,
		    c->attribute);
		td = ra_html_el(pg, tr, "td", NULL);
		if (c->secured && c->nread == 0)
			ra_html_badge(pg, td, "warning", "no reader (RA511)");
		else
			ra_html_text(pg, td, c->secured ? "yes" :
			    "not in this input");
		for (r = 0; r < RA_FR__COUNT; r++) {
			td = ra_html_el(pg, tr, "td", NULL);
			for (k = 0, n = 0; k < c->ng; k++)
				if (c->g[k].perm->can[r] == 1) {
					if (n++)
						ra_html_text(pg, td, ", ");
					ra_html_utext(pg, td,
					    c->g[k].fsp->name);
				}
			if (n == 0)
				ra_html_text(pg, td, "\xe2\x80\x94");
		}
	}
	if (cs->nnr) {
		ra_html_tel(pg, body, "h2", NULL,
		    "Update or create without read");
		ul = ra_html_el(pg, body, "ul", NULL);
		for (i = 0; i < cs->nnr; i++) {
			li = ra_html_el(pg, ul, "li", NULL);
			ra_html_badge(pg, li, "warning", "RA512");
			ra_html_text(pg, li, " ");
			ra_html_utext(pg, li, cs->nr[i].fsp->name);
			ra_html_text(pg, li, ": ");
			ra_html_utext(pg, li, cs->nr[i].perm->entity);
			ra_html_text(pg, li, ".");
			ra_html_utext(pg, li, cs->nr[i].perm->attribute);
		}
	}
	ra_html_footer(pg, "RA511 (warning): a secured column no profile lets "
	    "anyone read; RA512 (warning): update or create without read.");
	return ra_html_end(pg);
}
