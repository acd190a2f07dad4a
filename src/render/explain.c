/*
 * render_explain.c - `roleaudit explain` as text, CSV and JSON: what the
 * pasted text means, and for each privilege it is about, where it is in
 * the role editor, which profiles list it and which roles lack it.  The
 * shape of the JSON is schema/explain.schema.json.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"


static const char *const editor_names[] = { "None", "User",
    "Business Unit", "Parent: Child Business Units", "Organization" };

/* The editor's column heading of an access right. */
static const char *
column(enum ra_access a)
{
	return a == RA_ACCESS_APPENDTO ? "Append To" : ra_access_name(a);
}




/*
 * The level to set in the editor: the text's, else the lowest the
 * privilege can take, else User.
 */
static enum ra_level
fix_level(const struct ra_privdef *d, const struct ra_xpriv *xp)
{
	unsigned	 depths = ra_privdef_depths(d);
	enum ra_level	 l;

	if (xp->required)
		return xp->required;
	for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
		if (depths & RA_DEPTH(l))
			return l;
	/* Most miscellaneous privileges take only Organization. */
	if (d->section == RA_SECTION_MISC)
		return RA_LEVEL_GLOBAL;
	return RA_LEVEL_BASIC;
}

/* "Business Management tab, entity grid: row Mailbox, column Read". */
static void
where(struct ra_buf *b, const struct ra_privdef *d)
{
	ra_buf_adds(b, ra_tab_name(d->tab));
	ra_buf_adds(b, " tab, ");
	if (d->section == RA_SECTION_ENTITIES) {
		ra_buf_adds(b, "entity grid: row ");
		ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
		if (d->access != RA_ACCESS_NONE) {
			ra_buf_adds(b, ", column ");
			ra_buf_adds(b, column(d->access));
		}
	} else {
		ra_buf_adds(b, ra_section_name(d->section));
		ra_buf_adds(b, ": ");
		ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
	}
	if (!d->listed)
		ra_buf_adds(b, " (placed by its name: the catalog does not "
		    "list it)");
}

/* "Read on Email Server Profile", or the misc privilege's display name. */
static void
what(struct ra_buf *b, const struct ra_privdef *d)
{
	if (d->access != RA_ACCESS_NONE) {
		ra_buf_adds(b, column(d->access));
		ra_buf_adds(b, " on ");
		ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
		ra_buf_adds(b, " (a table privilege)");
	} else {
		ra_buf_adds(b, "\"");
		ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
		ra_buf_adds(b, d->section == RA_SECTION_PRIVACY ? "\" (a "
		    "privacy-related privilege)" : "\" (a miscellaneous "
		    "privilege)");
	}
}

static void
label(struct ra_buf *b, const char *l)
{
	ra_buf_adds(b, "  ");
	ra_buf_adds(b, l);
	ra_buf_pad(b, strlen(l), 10);
}

static void
role_line(struct ra_buf *b, const struct ra_explanation *x,
    const struct ra_xrole *xr, int color)
{
	struct ra_buf	 loc = { 0 };

	ra_buf_adds(b, "    ");
	ra_buf_ink(b, color, xr->lacks ? RA_RED : RA_GREEN);
	ra_buf_adds(b, xr->lacks ? "LACKS" : "has  ");
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_adds(b, "  ");
	ra_buf_add_safe(b, xr->role->name);
	ra_buf_adds(b, "  ");
	ra_buf_ink(b, color, RA_DIM);
	ra_buf_add_safe(b, x->sol[xr->sol]->path);
	ra_buf_adds(b, " ");
	ra_role_location(xr->role, &loc);
	ra_buf_add_safe(b, loc.oom ? "" : loc.s);
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_adds(b, "  ");
	ra_buf_adds(b, xr->held ? ra_level_name(xr->held) : "not granted");
	ra_buf_adds(b, "\n");
	ra_buf_free(&loc);
}

static void
priv_text(struct ra_buf *b, const struct ra_explanation *x,
    const struct ra_xpriv *xp, int color)
{
	const struct ra_privdef	*d = ra_explanation_privdef(x, xp->priv);
	unsigned		 depths = ra_privdef_depths(d);
	size_t			 k;
	int			 n = 0;

	ra_buf_adds(b, "\n");
	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_adds(b, d->name);
	ra_buf_ink(b, color, RA_RESET);
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
		ra_buf_adds(b, d->id);
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
				role_line(b, x, &xp->r[k], color);
		for (k = 0; k < xp->nr; k++)
			if (!xp->r[k].lacks)
				role_line(b, x, &xp->r[k], color);
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
	ra_buf_add_safe(b, *d->entity ? d->entity : d->name);
	if (d->section == RA_SECTION_ENTITIES && d->access != RA_ACCESS_NONE) {
		ra_buf_adds(b, ", ");
		ra_buf_adds(b, column(d->access));
	}
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
	struct ra_buf		 loc = { 0 };
	size_t			 i, k, w;

	ra_buf_adds(b, "\nThe error belongs to profile ");
	ra_buf_adds(b, p->name);
	ra_buf_printf(b, " (%zu privileges; %s).\n", p->n, p->source);
	if (x->nsol == 0) {
		enum ra_tab	 tab;
		size_t		 sec;

		ra_buf_adds(b, "Give the solution as INPUT to see which roles "
		    "lack them.  The privileges, by tab:\n");
		for (k = 0, w = 0; k < p->n; k++)
			if (strlen(cat->v[p->req[k].priv].name) > w)
				w = strlen(cat->v[p->req[k].priv].name);
		/* The editor's order: tabs, then the grid and the sections. */
		for (tab = 0; tab < RA_TAB__COUNT; tab++)
			for (sec = 0; sec < RA_SECTION__COUNT; sec++)
				for (k = 0; k < p->n; k++) {
					const struct ra_req	*q = &p->req[k];
					enum ra_access		 acc =
					    cat->v[q->priv].access;

					if (ra_req_tab(cat, q) != tab ||
					    ra_req_section(cat, q) != sec)
						continue;
					ra_buf_adds(b, "  ");
					ra_buf_adds(b, cat->v[q->priv].name);
					ra_buf_pad(b, strlen(cat->v[q->priv].name),
					    w + 2);
					ra_buf_adds(b, ra_tab_name(tab));
					if (sec != RA_SECTION_ENTITIES) {
						ra_buf_adds(b, " > ");
						ra_buf_adds(b, ra_section_name(
						    (enum ra_section)sec));
					}
					ra_buf_adds(b, ": ");
					ra_buf_add_safe(b, ra_req_entity(cat,
					    q));
					if (sec == RA_SECTION_ENTITIES &&
					    acc != RA_ACCESS_NONE) {
						ra_buf_adds(b, ", ");
						ra_buf_adds(b, column(acc));
					}
					if (q->min > RA_LEVEL_BASIC)
						ra_buf_printf(b, ", at %s",
						    ra_level_name(q->min));
					ra_buf_adds(b, "\n");
				}
		return;
	}
	ra_buf_printf(b, "%zu of %zu role%s fail it:\n", rep->nfail, rep->nres,
	    rep->nres == 1 ? "" : "s");
	for (i = 0; i < rep->nres; i++) {
		const struct ra_result	*r = &rep->res[i];

		ra_buf_adds(b, "    ");
		ra_buf_ink(b, color, r->nmiss ? RA_RED : RA_GREEN);
		ra_buf_adds(b, r->nmiss ? "FAIL" : "PASS");
		ra_buf_ink(b, color, RA_RESET);
		ra_buf_adds(b, "  ");
		ra_buf_add_safe(b, r->role->name);
		ra_buf_adds(b, "  ");
		ra_buf_ink(b, color, RA_DIM);
		ra_buf_add_safe(b, x->sol[r->sol]->path);
		ra_buf_adds(b, " ");
		loc.len = 0;
		ra_role_location(r->role, &loc);
		ra_buf_add_safe(b, loc.oom ? "" : loc.s);
		ra_buf_ink(b, color, RA_RESET);
		if (r->nmiss)
			ra_buf_printf(b, "  %zu of %zu missing", r->nmiss,
			    rep->req.n);
		ra_buf_adds(b, "\n");
		for (k = 0, w = 0; k < r->nmiss; k++)
			if (strlen(cat->v[r->miss[k].priv].name) > w)
				w = strlen(cat->v[r->miss[k].priv].name);
		for (k = 0; k < r->nmiss; k++) {
			const struct ra_missing	*m = &r->miss[k];
			enum ra_section		 sec = ra_req_section(cat,
			    m->req);
			enum ra_access		 acc =
			    cat->v[m->priv].access;

			ra_buf_adds(b, "          ");
			ra_buf_adds(b, cat->v[m->priv].name);
			ra_buf_pad(b, strlen(cat->v[m->priv].name), w + 2);
			ra_buf_adds(b, ra_tab_name(m->tab));
			if (sec != RA_SECTION_ENTITIES) {
				ra_buf_adds(b, " > ");
				ra_buf_adds(b, ra_section_name(sec));
			}
			ra_buf_adds(b, ": ");
			ra_buf_add_safe(b, ra_req_entity(cat, m->req));
			if (sec == RA_SECTION_ENTITIES &&
			    acc != RA_ACCESS_NONE) {
				ra_buf_adds(b, ", ");
				ra_buf_adds(b, column(acc));
			}
			if (m->actual)
				ra_buf_printf(b, "  holds %s, needs %s",
				    ra_level_name(m->actual),
				    ra_level_name(m->req->min));
			ra_buf_adds(b, "\n");
		}
	}
	ra_buf_free(&loc);
}

enum ra_err
ra_render_explain_text(const struct ra_explanation *x, int color, FILE *out)
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
			n = ra_text_width(x->s[k].matched);
			w = n > w ? n : w;
		}
		if (x->principal >= 0 && strlen(t[0]) > w)
			w = strlen(t[0]);
		if (x->otc >= 0 && strlen(t[1]) > w)
			w = strlen(t[1]);
		for (k = 0; k < x->ns; k++) {
			ra_buf_adds(&b, "  ");
			ra_buf_add_safe(&b, x->s[k].matched);
			ra_buf_pad(&b, ra_text_width(x->s[k].matched), w + 2);
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
		priv_text(&b, x, &x->p[k], color);
	if (x->np == 0) {
		ra_buf_adds(&b, x->ns ? "\nNo privilege named in this text.\n" :
		    "No privilege named in this text, and no error roleaudit "
		    "knows.\n");
		for (k = 0; k < x->nrep; k++)
			report_text(&b, x, x->rep[k], color);
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
ra_render_explain_csv(const struct ra_explanation *x, FILE *out)
{
	static const char *const head[] = { "privilege", "entity", "tab",
	    "section", "access", "found", "required", "profiles", "input",
	    "role_id", "role_name", "location", "held", "lacks" };
	const struct ra_catalog	*cat = &x->ctx->cat;
	struct ra_buf		 profs = { 0 }, loc = { 0 };
	const char		*c[14];
	size_t			 k, i, j;
	int			 rc;

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

static json_t *
json_level(enum ra_level l)
{
	return l == RA_LEVEL_NONE ? json_null() : ra_jstr(ra_level_name(l));
}

static json_t *
json_xpriv(const struct ra_explanation *x, const struct ra_xpriv *xp)
{
	const struct ra_catalog	*cat = &x->ctx->cat;
	const struct ra_privdef	*d = ra_explanation_privdef(x, xp->priv);
	unsigned		 depths = ra_privdef_depths(d);
	json_t			*o = json_object(), *a, *e;
	enum ra_level		 l;
	size_t			 k;

	json_object_set_new(o, "privilege", ra_jstr(d->name));
	json_object_set_new(o, "entity", ra_jstr(d->entity));
	json_object_set_new(o, "tab", ra_jstr(ra_tab_name(d->tab)));
	json_object_set_new(o, "section", d->section == RA_SECTION_ENTITIES ?
	    json_null() : ra_jstr(ra_section_name(d->section)));
	json_object_set_new(o, "access", d->access == RA_ACCESS_NONE ?
	    json_null() : ra_jstr(ra_access_name(d->access)));
	json_object_set_new(o, "in_catalog", json_boolean(d->listed));
	a = json_array();
	if (xp->how & RA_XHOW_NAMED)
		json_array_append_new(a, ra_jstr("named"));
	if (xp->how & RA_XHOW_ID)
		json_array_append_new(a, ra_jstr("id"));
	if (xp->how & RA_XHOW_IMPLIED)
		json_array_append_new(a, ra_jstr("implied"));
	json_object_set_new(o, "found", a);
	json_object_set_new(o, "id", ra_jstr(d->id));
	json_object_set_new(o, "id_in_text", ra_jstr(xp->idtext));
	json_object_set_new(o, "implied_by", ra_jstr(xp->why));
	json_object_set_new(o, "required", json_level(xp->required));
	if (depths) {
		a = json_array();
		for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
			if (depths & RA_DEPTH(l))
				json_array_append_new(a,
				    ra_jstr(ra_level_name(l)));
	} else
		a = json_null();
	json_object_set_new(o, "depths", a);
	a = json_array();
	for (k = 0; k < xp->np; k++) {
		const struct ra_req	*q = xp->p[k].req;

		e = json_object();
		json_object_set_new(e, "name", ra_jstr(xp->p[k].prof->name));
		json_object_set_new(e, "required",
		    ra_jstr(ra_level_name(q->min)));
		json_object_set_new(e, "tab",
		    ra_jstr(ra_tab_name(ra_req_tab(cat, q))));
		json_object_set_new(e, "section",
		    ra_req_section(cat, q) == RA_SECTION_ENTITIES ?
		    json_null() :
		    ra_jstr(ra_section_name(ra_req_section(cat, q))));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "profiles", a);
	a = json_array();
	for (k = 0; k < xp->nr; k++) {
		e = ra_json_role(xp->r[k].role, xp->r[k].sol);
		json_object_set_new(e, "held", json_level(xp->r[k].held));
		json_object_set_new(e, "lacks", json_boolean(xp->r[k].lacks));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "roles", a);
	return o;
}

static json_t *
json_check(const struct ra_explanation *x, const struct ra_report *rep)
{
	const struct ra_catalog	*cat = &x->ctx->cat;
	json_t			*o = json_object(), *a, *e, *m, *m1;
	size_t			 i, k;

	json_object_set_new(o, "profile", ra_jstr(rep->prof[0]->name));
	a = json_array();
	for (i = 0; i < rep->nres; i++) {
		const struct ra_result	*r = &rep->res[i];

		e = ra_json_role(r->role, r->sol);
		json_object_set_new(e, "status",
		    ra_jstr(r->nmiss ? "fail" : "pass"));
		m = json_array();
		for (k = 0; k < r->nmiss; k++) {
			const struct ra_missing	*mi = &r->miss[k];
			enum ra_section		 sec = ra_req_section(cat,
			    mi->req);

			m1 = json_object();
			json_object_set_new(m1, "privilege",
			    ra_jstr(cat->v[mi->priv].name));
			json_object_set_new(m1, "tab",
			    ra_jstr(ra_tab_name(mi->tab)));
			json_object_set_new(m1, "section",
			    sec == RA_SECTION_ENTITIES ? json_null() :
			    ra_jstr(ra_section_name(sec)));
			json_object_set_new(m1, "required",
			    ra_jstr(ra_level_name(mi->req->min)));
			json_object_set_new(m1, "actual",
			    json_level(mi->actual));
			json_array_append_new(m, m1);
		}
		json_object_set_new(e, "missing", m);
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "roles", a);
	return o;
}

enum ra_err
ra_render_explain_json(const struct ra_explanation *x, FILE *out)
{
	json_t	*root = json_object(), *a, *o, *s;
	size_t	 k;

	json_object_set_new(root, "tool", ra_json_tool());
	a = json_array();
	for (k = 0; k < x->nbprof; k++)
		json_array_append_new(a, ra_json_profile(x->bprof[k]));
	json_object_set_new(root, "profiles", a);
	json_object_set_new(root, "inputs", ra_json_inputs(x->sol, x->nsol));
	o = json_object();
	json_object_set_new(o, "bytes", json_integer((json_int_t)x->textlen));
	json_object_set_new(o, "sha256", ra_jstr(x->sha256));
	json_object_set_new(root, "text", o);
	a = json_array();
	for (k = 0; k < x->ns; k++) {
		o = json_object();
		json_object_set_new(o, "code", ra_jstr(x->s[k].def->code));
		json_object_set_new(o, "matched", ra_jstr(x->s[k].matched));
		json_object_set_new(o, "meaning", ra_jstr(x->s[k].def->meaning));
		json_object_set_new(o, "source", ra_jstr(x->s[k].def->source));
		json_object_set_new(o, "profile",
		    ra_jstr(x->s[k].def->profile));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "errors", a);
	if (x->principal >= 0) {
		o = json_object();
		json_object_set_new(o, "type",
		    json_integer((json_int_t)x->principal));
		json_object_set_new(o, "kind", x->principal == 8 ?
		    ra_jstr("user") : x->principal == 9 ? ra_jstr("team") :
		    json_null());
	} else
		o = json_null();
	json_object_set_new(root, "principal", o);
	if (x->otc >= 0) {
		o = json_object();
		json_object_set_new(o, "object_type_code",
		    json_integer((json_int_t)x->otc));
		json_object_set_new(o, "table", ra_jstr(ra_otc_table(x->otc)));
		json_object_set_new(o, "access", ra_jstr(x->access));
	} else
		o = json_null();
	json_object_set_new(root, "access_check", o);
	a = json_array();
	for (k = 0; k < x->np; k++)
		json_array_append_new(a, json_xpriv(x, &x->p[k]));
	json_object_set_new(root, "privileges", a);
	a = json_array();
	for (k = 0; k < x->nrep; k++)
		json_array_append_new(a, json_check(x, x->rep[k]));
	json_object_set_new(root, "profile_checks", a);
	s = json_object();
	json_object_set_new(s, "errors", json_integer((json_int_t)x->ns));
	json_object_set_new(s, "privileges", json_integer((json_int_t)x->np));
	json_object_set_new(s, "lacking_roles",
	    json_integer((json_int_t)x->nlacking));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", ra_json_diags(x->ctx));
	return ra_json_dump(root, out);
}

RA_EXPORT enum ra_err
ra_write_explanation(const struct ra_explanation *x,
    const struct ra_write_opts *o, FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_explain_text(x, o->color, out);
	case RA_FORMAT_CSV:
		return ra_render_explain_csv(x, out);
	case RA_FORMAT_JSON:
		return ra_render_explain_json(x, out);
	default:
		return RA_EINVAL;
	}
}
