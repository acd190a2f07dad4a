/*
 * csv.c - every result that is a table as CSV, one record per
 * row of the result: the check report (a role, or a role's missing
 * privilege), roles, the built-in profiles, a diff, the matrix, lint
 * findings, combined roles and an explanation.  Safe to open in a
 * spreadsheet: a cell that a spreadsheet would run as a formula is made
 * inert with a leading apostrophe (OWASP, "CSV Injection").
 */
#include <stdlib.h>
#include <string.h>

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

/* Would a spreadsheet run S as a formula (ra_csv_safe())? */
static int
runs_as_formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL &&
	    !is_number(s);
}

const char *
ra_csv_safe(const char *s, char **tmp)
{
	size_t	 n;

	*tmp = NULL;
	if (s == NULL)
		return "";
	if (!runs_as_formula(s))
		return s;
	n = strlen(s);
	if ((*tmp = malloc(n + 2)) == NULL)
		return NULL;
	(*tmp)[0] = '\'';
	memcpy(*tmp + 1, s, n + 1);
	return *tmp;
}

/* A record on its way out: written a buffer at a time. */
struct record {
	FILE	*f;
	size_t	 len;
	int	 err;
	char	 b[4096];
};

static void
put(struct record *r, char c)
{
	if (r->len == sizeof(r->b)) {
		if (fwrite(r->b, 1, r->len, r->f) != r->len)
			r->err = 1;
		r->len = 0;
	}
	r->b[r->len++] = c;
}

/*
 * Every cell quoted, a quote in it doubled (as libcsv's csv_fwrite()
 * writes one) and made inert as ra_csv_safe() makes it; the record goes
 * out a buffer (4 KiB) at a time, not a call a byte: a diff may write
 * millions.
 */
int
ra_csv_write_row(FILE *f, const char *const *cells, size_t n)
{
	struct record	 r;
	const char	*c;
	size_t		 i;

	r.f = f;
	r.len = 0;
	r.err = 0;
	for (i = 0; i < n; i++) {
		c = cells[i] != NULL ? cells[i] : "";
		if (i > 0)
			put(&r, ',');
		put(&r, '"');
		if (runs_as_formula(c))
			put(&r, '\'');
		for (; *c; c++) {
			if (*c == '"')
				put(&r, '"');
			put(&r, *c);
		}
		put(&r, '"');
	}
	put(&r, '\n');
	if (fwrite(r.b, 1, r.len, f) != r.len)
		r.err = 1;
	return r.err ? -1 : 0;
}

static const char *const kind_names[] = { "zip", "folder", "xml", "package" };

/*
 * The columns every CSV gives a privilege, in this order: its name, its
 * one display name (ra_pinfo_label()), its table's display name, where
 * the editor shows it, and where the tab, the display name and the
 * depths came from (source, solution, rule, unplaced).
 */
#define PRIV_COLS	9
#define PRIV_HEAD	"privilege", "display_name", "entity", "tab", \
	"section", "access", "tab_source", "entity_source", "depths_source"

/* Privilege PI's cells into C; LABEL holds the display name for them. */
static void
priv_cells(const char **c, const struct ra_pinfo *pi, struct ra_buf *label)
{
	label->len = 0;
	ra_pinfo_label(pi, label);
	ra_buf_add(label, "", 0);
	c[0] = pi->name;
	c[1] = label->oom ? "" : label->s;
	c[2] = pi->entity;
	c[3] = ra_tab_name(pi->tab);
	c[4] = ra_section_name(pi->section);
	c[5] = ra_access_name(pi->access);
	c[6] = ra_prov_name(pi->tab_by);
	c[7] = ra_prov_name(pi->entity_by);
	c[8] = ra_prov_name(pi->depths_by);
}

/* RA_DEPTH() bits DEPTHS as "Basic;Global" (the catalog's spelling). */
static void
levels_list(struct ra_buf *b, unsigned depths)
{
	enum ra_level	 l;
	int		 n = 0;

	for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
		if (depths & RA_DEPTH(l)) {
			ra_buf_adds(b, n++ ? ";" : "");
			ra_buf_adds(b, ra_level_name(l));
		}
	ra_buf_add(b, "", 0);
}

/* Empty cells for a row that is about no privilege. */
static void
no_priv_cells(const char **c)
{
	size_t	 k;

	for (k = 0; k < PRIV_COLS; k++)
		c[k] = "";
}

/*
 * The check report: a row per privilege a role lacks (or one for a role
 * that lacks none).  With policies, four more columns (policy,
 * policy_row, severity, allowed) and a row per violation, whose
 * "actual" is the depth held and "reason" the row's message.
 */
enum ra_err
ra_render_report_csv(const struct ra_report *rep,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "input", "kind", "solution",
	    "version", "role_id", "role_name", "location", "privileges",
	    "status", PRIV_HEAD, "required", "actual", "reason", "policy",
	    "policy_row", "severity", "allowed" };
	enum { NBASE = 9 + PRIV_COLS + 3, NCOL = NBASE + 4 };
	struct ra_buf		 loc = { 0 }, label = { 0 }, row = { 0 };
	struct ra_buf		 msg = { 0 };
	const struct ra_missing	*miss;
	struct ra_pinfo		 pi;
	char			 nprivs[32];
	const char		*c[NCOL];
	size_t			 i, k, ncol = rep->npol ? NCOL : NBASE;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, ncol);
	for (i = 0; rc == 0 && i < rep->nres; i++) {
		const struct ra_result		*r = &rep->res[i];
		const struct ra_solution	*s = rep->sol[r->sol];

		loc.len = 0;
		ra_role_location(r->role, &loc);
		if (loc.oom)
			break;
		snprintf(nprivs, sizeof(nprivs), "%zu", r->role->nprivs);
		c[0] = s->path;
		c[1] = kind_names[s->kind];
		c[2] = s->unique_name ? s->unique_name : "";
		c[3] = s->version ? s->version : "";
		c[4] = r->role->id;
		c[5] = r->role->name;
		c[6] = loc.s;
		c[7] = nprivs;
		c[8] = r->not_exported ? "not-exported" : ra_result_fails(r) ?
		    "fail" : "pass";
		no_priv_cells(&c[9]);
		c[9 + PRIV_COLS] = c[10 + PRIV_COLS] = "";
		c[11 + PRIV_COLS] = r->not_exported ? RA_NOT_EXPORTED_REASON :
		    "";
		for (k = NBASE; k < NCOL; k++)
			c[k] = "";
		if (ra_report_missing(rep, r, &miss) == -1) {
			rc = -2;
			break;
		}
		if (r->nmiss == 0 && r->nviol == 0)
			rc = ra_csv_write_row(out, c, ncol);
		for (k = 0; rc == 0 && k < r->nmiss; k++) {
			const struct ra_missing	*m = &miss[k];

			pi = *m->pi;
			priv_cells(&c[9], &pi, &label);
			c[9 + PRIV_COLS] = ra_level_name(m->req->min);
			c[10 + PRIV_COLS] = m->actual ?
			    ra_level_name(m->actual) : "";
			rc = ra_csv_write_row(out, c, ncol);
		}
		for (k = 0; rc == 0 && k < r->nviol; k++) {
			const struct ra_violation	*v = &r->viol[k];

			priv_cells(&c[9], &v->pi, &label);
			c[9 + PRIV_COLS] = "";
			c[10 + PRIV_COLS] = ra_level_name(v->held);
			msg.len = 0;
			ra_violation_message(rep, r, v, &msg);
			c[11 + PRIV_COLS] = msg.oom ? "" : msg.s;
			c[NBASE] = rep->pol[v->pol]->name;
			row.len = 0;
			ra_buf_printf(&row, "%s:%lu", rep->pol[v->pol]->file,
			    v->row->line);
			c[NBASE + 1] = row.oom ? "" : row.s;
			c[NBASE + 2] = ra_severity_name(v->row->sev);
			c[NBASE + 3] = ra_level_name(v->row->max);
			rc = ra_csv_write_row(out, c, ncol);
		}
	}
	rc = rc == 0 && (loc.oom || label.oom || msg.oom || row.oom) ? -2 :
	    rc;
	ra_buf_free(&loc);
	ra_buf_free(&label);
	ra_buf_free(&msg);
	ra_buf_free(&row);
	return rc == 0 ? RA_OK : rc == -2 ? RA_ENOMEM : RA_EIO;
}

enum ra_err
ra_render_roles_csv(const struct ra_ctx *ctx,
    const struct ra_solution *const *sol, size_t nsol,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "input", "kind", "solution",
	    "version", "role_id", "role_name", "location", "privileges",
	    "reason" };
	struct ra_buf	 loc = { 0 };
	char		 nprivs[32];
	const char	*c[9];
	size_t		 s, i;
	int		 rc;

	(void)ctx;
	(void)o;
	rc = ra_csv_write_row(out, head, 9);
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
			c[8] = ra_role_not_exported(r) ?
			    RA_NOT_EXPORTED_REASON : "";
			rc = ra_csv_write_row(out, c, 9);
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
	    "old_name", "role_change", PRIV_HEAD, "old", "new", "change",
	    "escalation", "reason" };
	enum { NCOL = 4 + PRIV_COLS + 5 };
	const struct ra_solution *sides[2] = { d->new, d->old };
	struct ra_buf		 label = { 0 }, why = { 0 };
	struct ra_pinfo		 pi;
	const char		*c[NCOL], *reason;
	size_t			 i, k;
	int			 rc, oom;

	(void)o;
	rc = ra_csv_write_row(out, head, NCOL);
	for (i = 0; rc == 0 && i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];
		const struct ra_role	*cur = r->new ? r->new : r->old;

		c[0] = cur->id;
		c[1] = cur->name;
		c[2] = r->old ? r->old->name : "";
		c[3] = ra_rchange_name(r->change);
		no_priv_cells(&c[4]);
		for (k = 4 + PRIV_COLS; k < NCOL; k++)
			c[k] = "";
		if (r->np == 0) {
			c[NCOL - 2] = r->escalation ? "yes" : "no";
			if (r->unexported)
				c[NCOL - 1] = r->unexported ==
				    RA_UNEXPORTED_OLD ? "old: "
				    RA_NOT_EXPORTED_REASON : r->unexported ==
				    RA_UNEXPORTED_NEW ? "new: "
				    RA_NOT_EXPORTED_REASON :
				    RA_NOT_EXPORTED_REASON;
			rc = ra_csv_write_row(out, c, NCOL);
		}
		for (k = 0; rc == 0 && k < r->np; k++) {
			const struct ra_pdiff	*p = &r->p[k];

			ra_pinfo(d->ctx, sides, 2, p->priv, &pi);
			priv_cells(&c[4], &pi, &label);
			c[4 + PRIV_COLS] = p->old ? ra_level_name(p->old) : "";
			c[5 + PRIV_COLS] = p->new ? ra_level_name(p->new) : "";
			c[6 + PRIV_COLS] = ra_pchange_name(p->change);
			reason = ra_pdiff_reason(d->ctx, p, &why);
			c[7 + PRIV_COLS] = reason ? "yes" : "no";
			c[8 + PRIV_COLS] = reason ? reason : "";
			rc = why.oom ? -1 : ra_csv_write_row(out, c, NCOL);
		}
	}
	/*
	 * App role maps (role_change "app", the app in reason) and column
	 * permissions (role_change "column permission": the profile as the
	 * role, the right as the privilege), each with yes/no for old/new.
	 */
	for (i = 0; rc == 0 && i < d->nad + d->ncd; i++) {
		const struct ra_adiff	*a = i < d->nad ? &d->ad[i] : NULL;
		const struct ra_cdiff	*x = a ? NULL : &d->cd[i - d->nad];
		int			 more = a ? a->added : x->granted;

		for (k = 0; k < NCOL; k++)
			c[k] = "";
		label.len = 0;
		if (a != NULL) {
			c[0] = a->role_id;
			c[1] = a->role ? a->role->name : RA_UNKNOWN_ROLE_ID;
			c[3] = "app";
			ra_buf_adds(&label, "app ");
			ra_buf_adds(&label, a->app->name);
		} else {
			c[1] = x->profile;
			c[3] = "column permission";
			c[4] = ra_fright_name(x->right);
			ra_buf_adds(&label, x->entity);
			ra_buf_adds(&label, ".");
			ra_buf_adds(&label, x->attribute);
		}
		if (label.oom)
			break;
		c[4 + PRIV_COLS] = more ? "no" : "yes";
		c[5 + PRIV_COLS] = more ? "yes" : "no";
		c[6 + PRIV_COLS] = a ? (more ? "added" : "removed") :
		    more ? "granted" : "revoked";
		c[7 + PRIV_COLS] = (a ? a->added : x->escalation) ? "yes" : "no";
		c[8 + PRIV_COLS] = label.s;
		rc = ra_csv_write_row(out, c, NCOL);
	}
	oom = label.oom || why.oom;
	ra_buf_free(&label);
	ra_buf_free(&why);
	if (oom)
		return RA_ENOMEM;
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
	    "access", "privilege", "display_name", "tab_source",
	    "entity_source", "depths_source" };
	enum { NHEAD = 9 };
	struct ra_grid		 g = { 0 };
	struct ra_bitmap	*set = NULL;
	struct ra_buf		 label = { 0 };
	struct ra_pinfo		 pi;
	const char		**c = NULL;
	char			**heads;
	size_t			 nroles = 0, i, k, col;
	enum ra_err		 rc = RA_ENOMEM;

	(void)o;
	if ((heads = matrix_heads(sol, nsol, &nroles)) == NULL)
		return RA_ENOMEM;
	if ((set = ra_grid_sets(sol, nsol)) == NULL)
		goto out;
	if (ra_grid_build(ctx, sol, nsol, &g) == -1)
		goto out;
	if ((c = calloc(NHEAD + nroles, sizeof(*c))) == NULL)
		goto out;
	for (k = 0; k < NHEAD; k++)
		c[k] = head[k];
	for (k = 0; k < nroles; k++)
		c[NHEAD + k] = heads[k];
	rc = ra_csv_write_row(out, c, NHEAD + nroles) == 0 ? RA_OK : RA_EIO;
	for (i = 0; rc == RA_OK && i < g.n; i++) {
		const struct ra_grid_row	*r = &g.row[i];

		for (k = 0; rc == RA_OK && k < RA_ACCESS__COUNT; k++) {
			size_t	 p = ra_grid_cell(&g, r, k);

			if (p == RA_NOPRIV)
				continue;
			ra_pinfo(ctx, sol, nsol, p, &pi);
			label.len = 0;
			ra_pinfo_label(&pi, &label);
			ra_buf_add(&label, "", 0);
			if (label.oom) {
				rc = RA_ENOMEM;
				break;
			}
			c[0] = ra_tab_name(r->tab);
			c[1] = ra_section_name(r->section);
			c[2] = r->label;
			c[3] = ra_access_name(pi.access);
			c[4] = pi.name;
			c[5] = label.s;
			c[6] = ra_prov_name(pi.tab_by);
			c[7] = ra_prov_name(pi.entity_by);
			c[8] = ra_prov_name(pi.depths_by);
			for (col = 0; col < nroles; col++) {
				enum ra_level	 l = ra_bitmap_get(&set[col], p);

				c[NHEAD + col] = l == RA_LEVEL_NONE ? "" :
				    ra_level_name(l);
			}
			if (ra_csv_write_row(out, c, NHEAD + nroles) != 0)
				rc = RA_EIO;
		}
	}
out:
	ra_buf_free(&label);
	ra_grid_free(&g);
	ra_grid_sets_free(set, sol, nsol);
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
	    "role_name", "location", "severity", "code", PRIV_HEAD,
	    "level", "message" };
	enum { NCOL = 7 + PRIV_COLS + 2 };
	struct ra_buf		 loc = { 0 }, label = { 0 }, m = { 0 };
	struct ra_lint_role	 lr;
	struct ra_pinfo		 pi;
	char			 code[16];
	const char		*c[NCOL];
	const struct ra_finding	*f;
	size_t			 s, i, k;
	int			 rc;

	(void)o;
	memset(&lr, 0, sizeof(lr));
	rc = ra_csv_write_row(out, head, NCOL);
	for (s = 0; rc == 0 && s < ln->nsol; s++)
		for (i = 0; rc == 0 && i < ln->sol[s]->nrole; i++) {
			if (ra_lint_role_open(&lr, ln, s, i) == -1)
				goto nomem;
			for (k = 0; rc == 0 &&
			    (f = ra_lint_role_get(&lr, k)) != NULL; k++) {
				loc.len = 0;
				ra_role_location(f->role, &loc);
				c[8 + PRIV_COLS] = ra_finding_message(ln, f,
				    &m);
				if (loc.oom || m.oom)
					goto nomem;
				snprintf(code, sizeof(code), "RA%03d",
				    f->code);
				c[0] = ln->sol[s]->path;
				c[1] = kind_names[ln->sol[s]->kind];
				c[2] = f->role->id;
				c[3] = f->role->name;
				c[4] = loc.s;
				c[5] = ra_severity_name(f->severity);
				c[6] = code;
				if (f->priv == RA_NOPRIV)
					no_priv_cells(&c[7]);
				else {
					ra_pinfo(ln->ctx, &ln->sol[s], 1,
					    f->priv, &pi);
					priv_cells(&c[7], &pi, &label);
				}
				c[7 + PRIV_COLS] = f->level == RA_LEVEL_NONE ?
				    "" : ra_level_name(f->level);
				rc = ra_csv_write_row(out, c, NCOL);
			}
		}
	ra_lint_role_free(&lr);
	ra_buf_free(&loc);
	ra_buf_free(&label);
	ra_buf_free(&m);
	return rc == 0 ? RA_OK : RA_EIO;
nomem:
	ra_lint_role_free(&lr);
	ra_buf_free(&loc);
	ra_buf_free(&label);
	ra_buf_free(&m);
	return RA_ENOMEM;
}

enum ra_err
ra_render_combined_csv(const struct ra_combined *cb,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "combination", "roles",
	    "status", PRIV_HEAD, "required", "held", "granted_by" };
	enum { NCOL = 3 + PRIV_COLS + 3 };
	struct ra_buf		 name = { 0 }, by = { 0 }, label = { 0 };
	struct ra_pinfo		 pi;
	const char		*c[NCOL];
	size_t			 i, k, g;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, NCOL);
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
			ra_pinfo(cb->ctx, cb->sol, cb->nsol, q->req->priv,
			    &pi);
			priv_cells(&c[3], &pi, &label);
			c[3 + PRIV_COLS] = ra_level_name(q->req->min);
			c[4 + PRIV_COLS] = q->held ? ra_level_name(q->held) :
			    "";
			c[5 + PRIV_COLS] = by.s;
			rc = ra_csv_write_row(out, c, NCOL);
		}
	}
	ra_buf_free(&name);
	ra_buf_free(&by);
	ra_buf_free(&label);
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
	static const char *const head[] = { PRIV_HEAD, "found", "required",
	    "profiles", "input", "role_id", "role_name", "location", "held",
	    "lacks" };
	enum { NCOL = PRIV_COLS + 9, F = PRIV_COLS };
	struct ra_buf		 profs = { 0 }, loc = { 0 }, label = { 0 };
	struct ra_pinfo		 pi;
	const char		*c[NCOL];
	const struct ra_missing	*miss;
	size_t			 k, i, j;
	int			 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, NCOL);
	for (k = 0; rc == 0 && k < x->np; k++) {
		const struct ra_xpriv	*xp = &x->p[k];
		struct ra_privdef	 def, *d = &def;

		ra_explanation_privdef(x, xp->priv, &def);
		profs.len = 0;
		for (i = 0; i < xp->np; i++)
			ra_buf_printf(&profs, "%s%s", i ? "; " : "",
			    xp->p[i].prof->name);
		ra_buf_add(&profs, "", 0);
		if (profs.oom)
			return RA_ENOMEM;
		ra_pinfo_def(x->ctx, x->sol, x->nsol, d, &pi);
		priv_cells(c, &pi, &label);
		c[F] = how_name(xp->how);
		c[F + 1] = xp->required ? ra_level_name(xp->required) : "";
		c[F + 2] = profs.s;
		for (i = F + 3; i < NCOL; i++)
			c[i] = "";
		if (xp->nr == 0)
			rc = ra_csv_write_row(out, c, NCOL);
		for (i = 0; rc == 0 && i < xp->nr; i++) {
			const struct ra_xrole	*xr = &xp->r[i];

			loc.len = 0;
			ra_role_location(xr->role, &loc);
			if (loc.oom)
				break;
			c[F + 3] = x->sol[xr->sol]->path;
			c[F + 4] = xr->role->id;
			c[F + 5] = xr->role->name;
			c[F + 6] = loc.s;
			c[F + 7] = xr->held ? ra_level_name(xr->held) : "";
			c[F + 8] = xr->lacks ? "yes" : "no";
			rc = ra_csv_write_row(out, c, NCOL);
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
			if (ra_report_missing(rep, r, &miss) == -1) {
				loc.oom = 1;
				break;
			}
			for (j = 0; rc == 0 && j < r->nmiss; j++) {
				const struct ra_missing	*m = &miss[j];

				pi = *m->pi;
				priv_cells(c, &pi, &label);
				c[F] = "profile";
				c[F + 1] = ra_level_name(m->req->min);
				c[F + 2] = rep->prof[0]->name;
				c[F + 3] = x->sol[r->sol]->path;
				c[F + 4] = r->role->id;
				c[F + 5] = r->role->name;
				c[F + 6] = loc.s;
				c[F + 7] = m->actual ?
				    ra_level_name(m->actual) : "";
				c[F + 8] = "yes";
				rc = ra_csv_write_row(out, c, NCOL);
			}
		}
	}
	ra_buf_free(&profs);
	ra_buf_free(&label);
	if (loc.oom) {
		ra_buf_free(&loc);
		return RA_ENOMEM;
	}
	ra_buf_free(&loc);
	return rc == 0 ? RA_OK : RA_EIO;
}

enum ra_err
ra_render_privileges_csv(const struct ra_privlist *pl,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { PRIV_HEAD, "tab_ids",
	    "entity_ids", "depths", "depth_ids", "observed", "observed_ids",
	    "ownership", "ownership_ids", "privilegeid", "conflicts" };
	enum { NCOL = PRIV_COLS + 10 };
	struct ra_buf	 label = { 0 }, dep = { 0 }, obs = { 0 }, conf = { 0 };
	const char	*c[NCOL];
	size_t		 i, k;
	int		 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, NCOL);
	for (i = 0; rc == 0 && i < pl->n; i++) {
		const struct ra_privrec	*r = &pl->v[i];
		const struct ra_pinfo	*pi = &r->info;

		dep.len = obs.len = conf.len = 0;
		levels_list(&dep, pi->depths);
		levels_list(&obs, pi->observed);
		for (k = 0; k < r->nconf; k++)
			ra_buf_printf(&conf, "%s%s of %s: %s", k ? "; " : "",
			    r->conf[k]->field, r->conf[k]->subject,
			    r->conf[k]->used);
		ra_buf_add(&conf, "", 0);
		if (dep.oom || obs.oom || conf.oom) {
			rc = -2;
			break;
		}
		priv_cells(c, pi, &label);
		c[PRIV_COLS] = pi->tab_ids;
		c[PRIV_COLS + 1] = pi->entity_ids;
		c[PRIV_COLS + 2] = dep.s;
		c[PRIV_COLS + 3] = pi->depth_ids;
		c[PRIV_COLS + 4] = obs.s;
		c[PRIV_COLS + 5] = pi->observed_ids;
		c[PRIV_COLS + 6] = ra_owner_name(pi->owner);
		c[PRIV_COLS + 7] = pi->owner_ids;
		c[PRIV_COLS + 8] = r->def.id ? r->def.id : "";
		c[PRIV_COLS + 9] = conf.s;
		rc = ra_csv_write_row(out, c, NCOL);
	}
	ra_buf_free(&label);
	ra_buf_free(&dep);
	ra_buf_free(&obs);
	ra_buf_free(&conf);
	return rc == 0 ? RA_OK : rc == -2 ? RA_ENOMEM : RA_EIO;
}

/* ---- apps and column security ---------------------------------------- */

/*
 * apps: a row for each app, judged role of its role map and table of it
 * (a role's standing on the table: readable, or the depth it holds); a
 * row with no table for a role nothing is judged of (an unknown id, a
 * role whose privileges are not exported) and for an app without
 * tables, rows with no role for an app mapped to none, and one with no
 * app for each role no app maps.  The rows of judged roles are roles
 * times tables, as the matrix's are roles times privileges.
 */
enum ra_err
ra_render_apps_csv(const struct ra_apps *ap, const struct ra_write_opts *o,
    FILE *out)
{
	static const char *const head[] = { "input", "app", "app_display_name",
	    "role_id", "role_name", "status", "table", "table_display_name",
	    "tab", "read_privilege", "can_read", "held" };
	enum { NCOL = 12 };
	const char	*c[NCOL];
	size_t		 i, k, t, nt, nm;
	int		 rc;

	(void)o;
	rc = ra_csv_write_row(out, head, NCOL);
	for (i = 0; rc == 0 && i < ap->na; i++) {
		const struct ra_aapp	*a = &ap->a[i];

		nm = a->nm ? a->nm : 1;
		for (k = 0; rc == 0 && k < nm; k++) {
			const struct ra_amap	*m = a->nm ? &a->m[k] : NULL;

			int			 per = a->nt > 0 && (m == NULL ||
			    (m->role != NULL &&
			    m->status != RA_AM_NOT_EXPORTED));

			nt = per ? a->nt : 1;
			for (t = 0; rc == 0 && t < nt; t++) {
				const struct ra_atable	*tb = per ? &a->t[t] :
				    NULL;
				enum ra_level		 held = RA_LEVEL_NONE;
				int			 readable = 1;

				if (tb != NULL && m != NULL)
					readable = !ra_apps_unread(ap, a, m, t,
					    &held);
				c[0] = ap->sol[a->sol]->path;
				c[1] = a->app->name;
				c[2] = a->app->display ? a->app->display : "";
				c[3] = m ? m->id : "";
				c[4] = m && m->role ? m->role->name : m ?
				    RA_UNKNOWN_ROLE_ID : "";
				c[5] = m ? ra_amstatus_name(m->status) :
				    "no-role";
				c[6] = tb ? tb->name : "";
				c[7] = tb ? (*tb->pi.entity ? tb->pi.entity :
				    tb->name) : "";
				c[8] = tb ? ra_tab_name(tb->pi.tab) : "";
				c[9] = tb && tb->read ? tb->read : "";
				c[10] = tb == NULL || tb->read == NULL ||
				    m == NULL ||
				    m->role == NULL || m->status ==
				    RA_AM_NOT_EXPORTED ? "" : readable ? "yes" :
				    "no";
				c[11] = c[10][0] == 'n' ?
				    ra_level_name(held) : "";
				rc = ra_csv_write_row(out, c, NCOL);
			}
		}
	}
	for (i = 0; rc == 0 && i < ap->norphan; i++) {
		for (k = 0; k < NCOL; k++)
			c[k] = "";
		c[0] = ap->sol[ap->orphan[i].sol]->path;
		c[3] = ap->orphan[i].role->id;
		c[4] = ap->orphan[i].role->name;
		c[5] = "no-app";
		rc = ra_csv_write_row(out, c, NCOL);
	}
	return rc == 0 ? RA_OK : RA_EIO;
}

/*
 * columns: a row for each column and profile with a permission on it
 * (each right "yes", "no" or "" when the export does not say), a row
 * without a profile for a column none grants anything on.
 */
enum ra_err
ra_render_columns_csv(const struct ra_columns *cs,
    const struct ra_write_opts *o, FILE *out)
{
	static const char *const head[] = { "input", "table",
	    "table_display_name", "tab", "column", "secured", "profile",
	    "read", "update", "create", "read_unmasked", "finding" };
	enum { NCOL = 12 };
	const char	*c[NCOL];
	char		 code[16];
	size_t		 i, k, n;
	int		 rc, r, sv;

	(void)o;
	rc = ra_csv_write_row(out, head, NCOL);
	for (i = 0; rc == 0 && i < cs->nc; i++) {
		const struct ra_ccol	*cc = &cs->c[i];

		n = cc->ng ? cc->ng : 1;
		for (k = 0; rc == 0 && k < n; k++) {
			const struct ra_fperm	*p = cc->ng ? cc->g[k].perm :
			    NULL;

			c[0] = cs->sol[cc->sol]->path;
			c[1] = cc->entity;
			c[2] = *cc->t.pi.entity ? cc->t.pi.entity : cc->entity;
			c[3] = ra_tab_name(cc->t.pi.tab);
			c[4] = cc->attribute;
			c[5] = cc->secured ? "yes" : "no";
			c[6] = p ? cc->g[k].fsp->name : "";
			for (r = 0; r < RA_FR__COUNT; r++) {
				sv = p ? p->can[r] : -1;
				c[7 + r] = sv < 0 ? "" : sv ? "yes" : "no";
			}
			code[0] = '\0';
			if (p != NULL && (p->can[RA_FR_UPDATE] == 1 ||
			    p->can[RA_FR_CREATE] == 1) &&
			    p->can[RA_FR_READ] != 1)
				snprintf(code, sizeof(code), "RA%03d",
				    RA_C_COL_NOREAD);
			else if (cc->secured && cc->nread == 0)
				snprintf(code, sizeof(code), "RA%03d",
				    RA_C_COL_UNREADABLE);
			c[11] = code;
			rc = ra_csv_write_row(out, c, NCOL);
		}
	}
	return rc == 0 ? RA_OK : RA_EIO;
}
