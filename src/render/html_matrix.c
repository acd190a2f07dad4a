/*
 * html_matrix.c - the matrix as an HTML page: every role of the inputs
 * (numbered R1, R2, ...) against every privilege of the catalog, a table
 * per tab of the security-role editor, a row per privilege in the
 * editor's layout (grid.c), a column per role with the depth it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

/* The table of the roles, numbered; fills ROLES in that order. */
static void
roles_table(struct ra_html *pg, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_role **roles, struct ra_buf *b)
{
	static const char *const heads[] = { "#", "Role", "Id", "Input",
	    "Location", "Privileges" };
	struct ra_html_node	*body = ra_html_body(pg), *tb, *tr;
	size_t			 s, i, k;

	ra_html_tel(pg, body, "h2", NULL, "Roles");
	tb = ra_html_thead(pg, ra_html_el(pg, body, "table", "summary"), heads,
	    6);
	for (s = 0, k = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++, k++) {
			roles[k] = &sol[s]->role[i];
			tr = ra_html_el(pg, tb, "tr", NULL);
			ra_html_textf(pg, ra_html_el(pg, tr, "td", "num"),
			    "R%zu", k + 1);
			ra_html_uel(pg, tr, "td", NULL, roles[k]->name);
			ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code",
			    NULL, *roles[k]->id ? roles[k]->id : "(no id)");
			ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code",
			    NULL, sol[s]->path);
			b->len = 0;
			ra_role_location(roles[k], b);
			ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code",
			    NULL, b->oom ? "" : b->s);
			ra_html_textf(pg, ra_html_el(pg, tr, "td", "num"),
			    "%zu", roles[k]->nprivs);
		}
}

/*
 * The table of tab T, rows A to B of GRID: one row per privilege, one
 * column per role.
 */
static void
tab_table(struct ra_html *pg, const struct ra_catalog *cat,
    const struct ra_grid *grid, enum ra_tab t, size_t a, size_t b,
    const struct ra_role *const *roles, const struct ra_bitmap *set,
    size_t nroles)
{
	struct ra_html_node	*body = ra_html_body(pg), *table, *tb, *tr;
	struct ra_html_node	*n;
	enum ra_section		 cursec = RA_SECTION_ENTITIES;
	size_t			 j, k, q, span;
	char			 id[32];

	n = ra_html_el(pg, body, "h2", NULL);
	snprintf(id, sizeof(id), "tab-%d", (int)t);
	ra_html_attr(pg, n, "id", id);
	ra_html_text(pg, n, ra_tab_name(t));
	/* A head and a body; the head's one row has a column per role. */
	table = ra_html_el(pg, body, "table", "matrix");
	ra_html_expect(pg, table, 1);
	n = ra_html_el(pg, table, "thead", NULL);
	ra_html_expect(pg, n, 0);
	tr = ra_html_el(pg, n, "tr", NULL);
	ra_html_tel(pg, tr, "th", NULL, "Entity");
	ra_html_tel(pg, tr, "th", NULL, "Access");
	ra_html_tel(pg, tr, "th", NULL, "Privilege");
	for (k = 0; k < nroles; k++) {
		n = ra_html_el(pg, tr, "th", "role");
		ra_html_uattr(pg, n, "title", roles[k]->name);
		ra_html_textf(pg, n, "R%zu ", k + 1);
		ra_html_utext(pg, n, roles[k]->name);
	}
	tb = ra_html_el(pg, table, "tbody", NULL);
	for (j = a; j < b; j++) {
		const struct ra_grid_row	*r = &grid->row[j];

		if (r->section != cursec) {
			cursec = r->section;
			tr = ra_html_el(pg, tb, "tr", "sec");
			n = ra_html_el(pg, tr, "th", NULL);
			snprintf(id, sizeof(id), "%zu", nroles + 3);
			ra_html_attr(pg, n, "colspan", id);
			ra_html_text(pg, n, ra_section_name(cursec));
		}
		for (span = 0, k = 0; k < RA_ACCESS__COUNT; k++)
			span += ra_grid_cell(grid, r, k) != RA_NOPRIV;
		for (k = 0; k < RA_ACCESS__COUNT; k++) {
			size_t	 p = ra_grid_cell(grid, r, k);

			if (p == RA_NOPRIV)
				continue;
			tr = ra_html_el(pg, tb, "tr", NULL);
			if (span > 0) {
				n = ra_html_el(pg, tr, "th", NULL);
				ra_html_attr(pg, n, "scope", "row");
				snprintf(id, sizeof(id), "%zu", span);
				if (span > 1)
					ra_html_attr(pg, n, "rowspan", id);
				ra_html_utext(pg, n, r->label);
				if (r->unplaced)
					ra_html_unplaced(pg, n);
				span = 0;
			}
			ra_html_tel(pg, tr, "td", NULL, ra_access_label(k !=
			    RA_ACCESS_NONE ? (enum ra_access)k : r->access));
			ra_html_uel(pg, ra_html_el(pg, tr, "td", NULL), "code",
			    NULL, cat->v[p].name);
			for (q = 0; q < nroles; q++)
				ra_html_circle(pg, ra_html_el(pg, tr, "td",
				    "c"), ra_bitmap_get(&set[q], p));
		}
	}
}

enum ra_err
ra_render_matrix_html(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	const struct ra_catalog	*cat = &ctx->cat;
	const struct ra_role	**roles = NULL;
	struct ra_bitmap	*set = NULL;
	struct ra_html		*pg = NULL;
	struct ra_grid		 grid = { 0 };
	struct ra_buf		 b = { 0 };
	size_t			 s, i, nroles = 0, start;
	enum ra_tab		 t;
	enum ra_err		 rc = RA_ENOMEM;

	for (s = 0; s < nsol; s++)
		nroles += sol[s]->nrole;
	if ((roles = calloc(nroles + 1, sizeof(*roles))) == NULL ||
	    (set = ra_grid_sets(sol, nsol)) == NULL)
		goto out;
	if (ra_grid_build(ctx, sol, nsol, &grid) == -1)
		goto out;
	ra_html_title(&b, "Security role matrix", sol, nsol);
	if ((pg = ra_html_new(b.oom ? "" : b.s, out)) == NULL)
		goto out;
	ra_html_tel(pg, ra_html_body(pg), "h1", NULL, "Security role matrix");
	ra_html_textf(pg, ra_html_el(pg, ra_html_body(pg), "p", "lead"),
	    "%zu role%s in %zu input%s against %zu privilege%s, by the "
	    "security-role editor's tabs.", nroles, nroles == 1 ? "" : "s",
	    nsol, nsol == 1 ? "" : "s", cat->n, cat->n == 1 ? "" : "s");
	ra_html_meta_table(pg, o->generated);
	ra_html_inputs(pg, sol, nsol, NULL);
	ra_html_diags(pg, ctx);
	roles_table(pg, sol, nsol, roles, &b);
	ra_html_legend(pg, 0);
	ra_html_flush(pg);

	/* Tab by tab: one row per privilege, one column per role. */
	for (t = 0, i = 0; t < RA_TAB__COUNT; t++) {
		start = i;
		while (i < grid.n && grid.row[i].tab == t)
			i++;
		if (i == start)
			continue;
		ra_html_flush(pg);
		tab_table(pg, cat, &grid, t, start, i, roles, set, nroles);
	}
	ra_html_footer(pg, "Every privilege the catalog knows, including "
	    "those met in the inputs.");
	rc = ra_html_end(pg);
out:
	ra_buf_free(&b);
	ra_grid_free(&grid);
	ra_grid_sets_free(set, sol, nsol);
	free(roles);
	return rc;
}
