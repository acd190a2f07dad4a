/*
 * csv.c - every result that is a table as CSV (libcsv), one record per
 * row of the result: the check report (a role, or a role's missing
 * privilege), roles, the built-in profiles, a diff, the matrix, lint
 * findings, combined roles and an explanation.  Safe to open in a
 * spreadsheet: a cell that a spreadsheet would run as a formula is made
 * inert with a leading apostrophe (OWASP, "CSV Injection").
 */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "render/render.h"

/* A plain decimal number, which spreadsheets read as a value. */
static int
is_number(const char *s)
{
	const char	*p = s;
	int		 digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	return digits > 0 && *p == '\0';
}

const char *
ra_csv_safe(const char *s, char **tmp)
{
	size_t	 n;

	*tmp = NULL;
	if (s == NULL)
		return "";
	if (strchr("=+-@\t\r", s[0]) == NULL || s[0] == '\0' || is_number(s))
		return s;
	n = strlen(s);
	if ((*tmp = malloc(n + 2)) == NULL)
		return NULL;
	(*tmp)[0] = '\'';
	memcpy(*tmp + 1, s, n + 1);
	return *tmp;
}

int
ra_csv_write_row(FILE *f, const char *const *cells, size_t n)
{
	const char	*c;
	char		*tmp;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if ((c = ra_csv_safe(cells[i], &tmp)) == NULL)
			return -1;
		if (i > 0 && fputc(',', f) == EOF)
			rc = -1;
		else if (csv_fwrite(f, c, strlen(c)) != 0)
			rc = -1;
		free(tmp);
	}
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return rc;
}

static const char *const kind_names[] = { "zip", "folder", "xml", "package" };

enum ra_err
ra_render_report_csv(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "input", "kind", "solution",
	    "version", "role_id", "role_name", "location", "privileges",
	    "status", "privilege", "entity", "tab", "section", "access",
	    "required", "actual" };
	const struct ra_catalog	*cat = &rep->ctx->cat;
	struct ra_buf		 loc = { 0 };
	char			 nprivs[32];
	const char		*c[16];
	size_t			 i, k;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, 16);
	for (i = 0; rc == 0 && i < rep->nres; i++) {
		const struct ra_result		*r = &rep->res[i];
		const struct ra_solution	*s = rep->sol[r->sol];

		loc.len = 0;
		ra_role_location(r->role, &loc);
		if (loc.oom)
			return RA_ENOMEM;
		snprintf(nprivs, sizeof(nprivs), "%zu", r->role->nprivs);
		c[0] = s->path;
		c[1] = kind_names[s->kind];
		c[2] = s->unique_name ? s->unique_name : "";
		c[3] = s->version ? s->version : "";
		c[4] = r->role->id;
		c[5] = r->role->name;
		c[6] = loc.s;
		c[7] = nprivs;
		c[8] = r->nmiss ? "fail" : "pass";
		for (k = 9; k < 16; k++)
			c[k] = "";
		if (r->nmiss == 0)
			rc = ra_csv_write_row(out, c, 16);
		for (k = 0; rc == 0 && k < r->nmiss; k++) {
			const struct ra_missing	*m = &r->miss[k];

			c[9] = cat->v[m->priv].name;
			c[10] = ra_req_entity(cat, m->req);
			c[11] = ra_tab_name(m->tab);
			c[12] = ra_section_name(ra_req_section(cat, m->req));
			c[13] = ra_access_name(cat->v[m->priv].access);
			c[14] = ra_level_name(m->req->min);
			c[15] = m->actual ? ra_level_name(m->actual) : "";
			rc = ra_csv_write_row(out, c, 16);
		}
	}
	ra_buf_free(&loc);
	return rc == 0 ? RA_OK : RA_EIO;
}

enum ra_err
ra_render_roles_csv(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "input", "kind", "solution",
	    "version", "role_id", "role_name", "location", "privileges" };
	struct ra_buf	 loc = { 0 };
	char		 nprivs[32];
	const char	*c[8];
	size_t		 s, i;
	int		 rc;

	(void)ctx;
	(void)o;
	rc = ra_csv_write_row(out, head, 8);
	for (s = 0; rc == 0 && s < nsol; s++)
		for (i = 0; rc == 0 && i < sol[s]->nrole; i++) {
			const struct ra_role	*r = &sol[s]->role[i];

			loc.len = 0;
			ra_role_location(r, &loc);
			if (loc.oom)
				return RA_ENOMEM;
			snprintf(nprivs, sizeof(nprivs), "%zu", r->nprivs);
			c[0] = sol[s]->path;
			c[1] = kind_names[sol[s]->kind];
			c[2] = sol[s]->unique_name ? sol[s]->unique_name : "";
			c[3] = sol[s]->version ? sol[s]->version : "";
			c[4] = r->id;
			c[5] = r->name;
			c[6] = loc.s;
			c[7] = nprivs;
			rc = ra_csv_write_row(out, c, 8);
		}
	ra_buf_free(&loc);
	return rc == 0 ? RA_OK : RA_EIO;
}

enum ra_err
ra_render_profiles_csv(const struct ra_profile *const *p, size_t n,
    FILE *out)
{
	static const char *const head[] = { "profile", "privileges",
	    "source", "version", "sha256" };
	char		 size[32];
	const char	*c[5];
	size_t		 i;
	int		 rc;

	rc = ra_csv_write_row(out, head, 5);
	for (i = 0; rc == 0 && i < n; i++) {
		snprintf(size, sizeof(size), "%zu", p[i]->n);
		c[0] = p[i]->name;
		c[1] = size;
		c[2] = p[i]->source;
		c[3] = p[i]->version;
		c[4] = p[i]->sha256;
		rc = ra_csv_write_row(out, c, 5);
	}
	return rc == 0 ? RA_OK : RA_EIO;
}

enum ra_err
ra_render_diff_csv(const struct ra_diff *d, const struct ra_write_opts *o,
    FILE *out)
{
	static const char *const head[] = { "role_id", "role_name",
	    "old_name", "role_change", "privilege", "entity", "tab",
	    "section", "access", "old", "new", "change", "escalation",
	    "reason" };
	const struct ra_catalog	*cat = &d->ctx->cat;
	const char		*c[14];
	size_t			 i, k;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, 14);
	for (i = 0; rc == 0 && i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];
		const struct ra_role	*cur = r->new ? r->new : r->old;

		c[0] = cur->id;
		c[1] = cur->name;
		c[2] = r->old ? r->old->name : "";
		c[3] = ra_rchange_name(r->change);
		for (k = 4; k < 14; k++)
			c[k] = "";
		if (r->np == 0) {
			c[12] = r->escalation ? "yes" : "no";
			rc = ra_csv_write_row(out, c, 14);
		}
		for (k = 0; rc == 0 && k < r->np; k++) {
			const struct ra_pdiff	*p = &r->p[k];
			const struct ra_privdef	*pd = &cat->v[p->priv];

			c[4] = pd->name;
			c[5] = pd->entity;
			c[6] = ra_tab_name(pd->tab);
			c[7] = ra_section_name(pd->section);
			c[8] = ra_access_name(pd->access);
			c[9] = p->old ? ra_level_name(p->old) : "";
			c[10] = p->new ? ra_level_name(p->new) : "";
			c[11] = ra_pchange_name(p->change);
			c[12] = p->reason ? "yes" : "no";
			c[13] = p->reason ? p->reason : "";
			rc = ra_csv_write_row(out, c, 14);
		}
	}
	return rc == 0 ? RA_OK : RA_EIO;
}

/*
 * The matrix column of each role: its name, and where two roles share a
 * name, the input and location too, so every column can be told apart.
 * The strings belong to the caller (free each, then the array).
 */
static char **
matrix_heads(const struct ra_solution *const *sol, size_t nsol, size_t *n)
{
	struct ra_buf	  b = { 0 };
	char		**h;
	size_t		  s, i, t, u, k = 0, total = 0;
	int		  dup;

	for (s = 0; s < nsol; s++)
		total += sol[s]->nrole;
	if ((h = calloc(total + 1, sizeof(*h))) == NULL)
		return NULL;
	for (s = 0; s < nsol; s++)
		for (i = 0; i < sol[s]->nrole; i++) {
			const struct ra_role	*r = &sol[s]->role[i];

			dup = 0;
			for (t = 0; t < nsol && !dup; t++)
				for (u = 0; u < sol[t]->nrole && !dup; u++)
					dup = (t != s || u != i) &&
					    strcmp(sol[t]->role[u].name,
					    r->name) == 0;
			b.len = 0;
			ra_buf_adds(&b, r->name);
			if (dup) {
				ra_buf_printf(&b, " (%s ", sol[s]->path);
				ra_role_location(r, &b);
				ra_buf_adds(&b, ")");
			}
			if (b.oom || (h[k++] = ra_strdup(b.s)) == NULL) {
				for (t = 0; t < k; t++)
					free(h[t]);
				free(h);
				ra_buf_free(&b);
				return NULL;
			}
		}
	ra_buf_free(&b);
	*n = total;
	return h;
}

enum ra_err
ra_render_matrix_csv(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "tab", "section", "entity",
	    "access", "privilege" };
	const struct ra_catalog	*cat = &ctx->cat;
	struct ra_grid		 g = { 0 };
	struct ra_bitmap	*set = NULL;
	const char		**c = NULL;
	char			**heads;
	size_t			 nroles = 0, nset = 0, i, k, s, j, col;
	enum ra_err		 rc = RA_ENOMEM;

	(void)o;
	if ((heads = matrix_heads(sol, nsol, &nroles)) == NULL)
		return RA_ENOMEM;
	/* Rows go by tab and name, not by index: sets that look up fast. */
	if ((set = calloc(nroles + 1, sizeof(*set))) == NULL)
		goto out;
	for (s = 0; s < nsol; s++)
		for (j = 0; j < sol[s]->nrole; j++, nset++)
			if (ra_bitmap_unpacked(&sol[s]->role[j].bits,
			    &set[nset]) == -1)
				goto out;
	if (ra_grid_build(cat, NULL, &g) == -1)
		goto out;
	if ((c = calloc(5 + nroles, sizeof(*c))) == NULL)
		goto out;
	for (k = 0; k < 5; k++)
		c[k] = head[k];
	for (k = 0; k < nroles; k++)
		c[5 + k] = heads[k];
	rc = ra_csv_write_row(out, c, 5 + nroles) == 0 ? RA_OK : RA_EIO;
	for (i = 0; rc == RA_OK && i < g.n; i++) {
		const struct ra_grid_row	*r = &g.row[i];

		for (k = 0; rc == RA_OK && k < RA_ACCESS__COUNT; k++) {
			size_t	 p = ra_grid_cell(&g, r, k);

			if (p == RA_NOPRIV)
				continue;
			c[0] = ra_tab_name(r->tab);
			c[1] = ra_section_name(r->section);
			c[2] = r->label;
			c[3] = ra_access_name(cat->v[p].access);
			c[4] = cat->v[p].name;
			for (col = 0; col < nset; col++) {
				enum ra_level	 l = ra_bitmap_get(&set[col], p);

				c[5 + col] = l == RA_LEVEL_NONE ? "" :
				    ra_level_name(l);
			}
			if (ra_csv_write_row(out, c, 5 + nroles) != 0)
				rc = RA_EIO;
		}
	}
out:
	ra_grid_free(&g);
	for (k = 0; k < nset; k++)
		ra_bitmap_free(&set[k]);
	free(set);
	for (k = 0; k < nroles; k++)
		free(heads[k]);
	free(heads);
	free(c);
	return rc;
}

enum ra_err
ra_render_lint_csv(const struct ra_lint *ln, const struct ra_write_opts *o,
    FILE *out)
{
	static const char *const head[] = { "input", "kind", "role_id",
	    "role_name", "location", "severity", "code", "privilege",
	    "level", "message" };
	struct ra_buf	 loc = { 0 }, m = { 0 };
	char		 code[16];
	const char	*c[10];
	size_t		 i;
	int		 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, 10);
	for (i = 0; rc == 0 && i < ln->n; i++) {
		const struct ra_finding		*f = &ln->f[i];
		const struct ra_solution	*s = ln->sol[f->sol];

		loc.len = 0;
		ra_role_location(f->role, &loc);
		c[9] = ra_finding_message(ln, f, &m);
		if (loc.oom || m.oom) {
			ra_buf_free(&loc);
			ra_buf_free(&m);
			return RA_ENOMEM;
		}
		snprintf(code, sizeof(code), "RA%03d", f->code);
		c[0] = s->path;
		c[1] = kind_names[s->kind];
		c[2] = f->role->id;
		c[3] = f->role->name;
		c[4] = loc.s;
		c[5] = ra_severity_name(f->severity);
		c[6] = code;
		c[7] = f->priv == RA_NOPRIV ? "" :
		    ln->ctx->cat.v[f->priv].name;
		c[8] = f->level == RA_LEVEL_NONE ? "" :
		    ra_level_name(f->level);
		rc = ra_csv_write_row(out, c, 10);
	}
	ra_buf_free(&loc);
	ra_buf_free(&m);
	return rc == 0 ? RA_OK : RA_EIO;
}

enum ra_err
ra_render_combined_csv(const struct ra_combined *cb,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "combination", "roles",
	    "status", "privilege", "entity", "tab", "section", "access",
	    "required", "held", "granted_by" };
	const struct ra_catalog	*cat = &cb->ctx->cat;
	struct ra_buf		 name = { 0 }, by = { 0 };
	const char		*c[11];
	size_t			 i, k, g;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, 11);
	for (i = 0; rc == 0 && i < cb->nc; i++) {
		const struct ra_combo	*co = &cb->c[i];

		name.len = 0;
		for (k = 0; k < co->nm; k++) {
			ra_buf_adds(&name, k ? "; " : "");
			ra_buf_adds(&name, co->m[k].role->name);
		}
		ra_buf_add(&name, "", 0);
		for (k = 0; rc == 0 && k < co->nr; k++) {
			const struct ra_creq	*q = &co->r[k];
			char			 idx[32];

			by.len = 0;
			for (g = 0; g < q->ng; g++)
				ra_buf_printf(&by, "%s%s (%s)", g ? "; " : "",
				    co->m[q->g[g].member].role->name,
				    ra_level_name(q->g[g].level));
			ra_buf_add(&by, "", 0);
			if (name.oom || by.oom) {
				rc = -1;
				break;
			}
			snprintf(idx, sizeof(idx), "%zu", i + 1);
			c[0] = idx;
			c[1] = name.s;
			c[2] = co->nmiss ? "fail" : "pass";
			c[3] = cat->v[q->req->priv].name;
			c[4] = ra_req_entity(cat, q->req);
			c[5] = ra_tab_name(ra_req_tab(cat, q->req));
			c[6] = ra_section_name(ra_req_section(cat, q->req));
			c[7] = ra_access_name(cat->v[q->req->priv].access);
			c[8] = ra_level_name(q->req->min);
			c[9] = q->held ? ra_level_name(q->held) : "";
			c[10] = by.s;
			rc = ra_csv_write_row(out, c, 11);
		}
	}
	ra_buf_free(&name);
	ra_buf_free(&by);
	return rc == 0 ? RA_OK : RA_EIO;
}

/* How an explanation found a privilege, as the `found` column says it. */
static const char *
how_name(int how)
{
	if (how & RA_XHOW_NAMED)
		return (how & RA_XHOW_ID) ? "named+id" : "named";
	if (how & RA_XHOW_ID)
		return "id";
	return "implied";
}

enum ra_err
ra_render_explain_csv(const struct ra_explanation *x,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "privilege", "entity", "tab",
	    "section", "access", "found", "required", "profiles", "input",
	    "role_id", "role_name", "location", "held", "lacks" };
	const struct ra_catalog	*cat = &x->ctx->cat;
	struct ra_buf		 profs = { 0 }, loc = { 0 };
	const char		*c[14];
	size_t			 k, i, j;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, 14);
	for (k = 0; rc == 0 && k < x->np; k++) {
		const struct ra_xpriv	*xp = &x->p[k];
		const struct ra_privdef	*d = ra_explanation_privdef(x, xp->priv);

		profs.len = 0;
		for (i = 0; i < xp->np; i++)
			ra_buf_printf(&profs, "%s%s", i ? "; " : "",
			    xp->p[i].prof->name);
		ra_buf_add(&profs, "", 0);
		if (profs.oom)
			return RA_ENOMEM;
		c[0] = d->name;
		c[1] = d->entity;
		c[2] = ra_tab_name(d->tab);
		c[3] = ra_section_name(d->section);
		c[4] = ra_access_name(d->access);
		c[5] = how_name(xp->how);
		c[6] = xp->required ? ra_level_name(xp->required) : "";
		c[7] = profs.s;
		for (i = 8; i < 14; i++)
			c[i] = "";
		if (xp->nr == 0)
			rc = ra_csv_write_row(out, c, 14);
		for (i = 0; rc == 0 && i < xp->nr; i++) {
			const struct ra_xrole	*xr = &xp->r[i];

			loc.len = 0;
			ra_role_location(xr->role, &loc);
			if (loc.oom)
				break;
			c[8] = x->sol[xr->sol]->path;
			c[9] = xr->role->id;
			c[10] = xr->role->name;
			c[11] = loc.s;
			c[12] = xr->held ? ra_level_name(xr->held) : "";
			c[13] = xr->lacks ? "yes" : "no";
			rc = ra_csv_write_row(out, c, 14);
		}
	}
	/* A text naming no privilege: the missing ones of its profile. */
	for (k = 0; rc == 0 && k < x->nrep; k++) {
		const struct ra_report	*rep = x->rep[k];

		for (i = 0; rc == 0 && i < rep->nres; i++) {
			const struct ra_result	*r = &rep->res[i];

			loc.len = 0;
			ra_role_location(r->role, &loc);
			if (loc.oom)
				break;
			for (j = 0; rc == 0 && j < r->nmiss; j++) {
				const struct ra_missing	*m = &r->miss[j];

				c[0] = cat->v[m->priv].name;
				c[1] = ra_req_entity(cat, m->req);
				c[2] = ra_tab_name(m->tab);
				c[3] = ra_section_name(ra_req_section(cat,
				    m->req));
				c[4] = ra_access_name(cat->v[m->priv].access);
				c[5] = "profile";
				c[6] = ra_level_name(m->req->min);
				c[7] = rep->prof[0]->name;
				c[8] = x->sol[r->sol]->path;
				c[9] = r->role->id;
				c[10] = r->role->name;
				c[11] = loc.s;
				c[12] = m->actual ? ra_level_name(m->actual) :
				    "";
				c[13] = "yes";
				rc = ra_csv_write_row(out, c, 14);
			}
		}
	}
	ra_buf_free(&profs);
	if (loc.oom) {
		ra_buf_free(&loc);
		return RA_ENOMEM;
	}
	ra_buf_free(&loc);
	return rc == 0 ? RA_OK : RA_EIO;
}
