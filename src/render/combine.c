/*
 * render_combine.c - `roleaudit check --combine` as text, CSV and JSON:
 * per combination, its roles, PASS or FAIL, and every required privilege
 * with the level the combination holds and the roles that grant it.  The
 * shape of the JSON is schema/combined.schema.json.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"





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
	struct ra_buf		 st = { 0 }, loc = { 0 };
	size_t			 k, w = 0, sw = 0, sec;
	enum ra_tab		 tab;

	ra_buf_ink(b, color, RA_BOLD);
	ra_buf_adds(b, "Combination: ");
	combo_name(b, cb, c);
	ra_buf_ink(b, color, RA_RESET);
	ra_buf_printf(b, "  (%zu role%s, %zu privilege%s)\n", c->nm,
	    c->nm == 1 ? "" : "s", c->nprivs, c->nprivs == 1 ? "" : "s");
	for (k = 0; k < c->nm; k++) {
		const struct ra_role	*r = c->m[k].role;

		ra_buf_adds(b, "  ");
		ra_buf_add_safe(b, r->name);
		ra_buf_adds(b, "  ");
		ra_buf_ink(b, color, RA_DIM);
		ra_buf_add_safe(b, cb->sol[c->m[k].sol]->path);
		ra_buf_adds(b, " ");
		loc.len = 0;
		ra_role_location(r, &loc);
		ra_buf_add_safe(b, loc.oom ? "" : loc.s);
		ra_buf_ink(b, color, RA_RESET);
		ra_buf_printf(b, "  %zu privilege%s\n", r->nprivs,
		    r->nprivs == 1 ? "" : "s");
	}
	ra_buf_adds(b, "  ");
	ra_buf_ink(b, color, c->nmiss ? RA_RED : RA_GREEN);
	ra_buf_adds(b, c->nmiss ? "FAIL" : "PASS");
	ra_buf_ink(b, color, RA_RESET);
	if (c->nmiss)
		ra_buf_printf(b, "  %zu of %zu required missing\n", c->nmiss,
		    c->nr);
	else
		ra_buf_printf(b, "  all %zu required held\n", c->nr);
	for (k = 0; k < c->nr; k++) {
		size_t	 n = ra_text_width(cat->v[c->r[k].req->priv].name);

		w = n > w ? n : w;
		held(&st, &c->r[k]);
		sw = st.len > sw ? st.len : sw;
	}
	for (tab = 0; tab < RA_TAB__COUNT; tab++)
		for (sec = 0; sec < RA_SECTION__COUNT; sec++) {
			int	 head = 0;

			for (k = 0; k < c->nr; k++) {
				const struct ra_creq	*q = &c->r[k];
				const char		*name;

				if (ra_req_tab(cat, q->req) != tab ||
				    ra_req_section(cat, q->req) != sec)
					continue;
				if (!head) {
					ra_buf_adds(b, "        ");
					ra_buf_ink(b, color, RA_BOLD);
					ra_buf_adds(b, ra_tab_name(tab));
					if (sec != RA_SECTION_ENTITIES) {
						ra_buf_adds(b, " > ");
						ra_buf_adds(b,
						    ra_section_name(sec));
					}
					ra_buf_ink(b, color, RA_RESET);
					ra_buf_adds(b, "\n");
					head = 1;
				}
				name = cat->v[q->req->priv].name;
				ra_buf_adds(b, "          ");
				if (q->held < q->req->min)
					ra_buf_ink(b, color, RA_RED);
				ra_buf_add_safe(b, name);
				ra_buf_pad(b, ra_text_width(name), w + 2);
				held(&st, q);
				ra_buf_adds(b, st.oom ? "" : st.s);
				if (q->held < q->req->min)
					ra_buf_ink(b, color, RA_RESET);
				ra_buf_pad(b, st.len, sw + 2);
				grantors(b, c, q);
				while (b->len && b->s[b->len - 1] == ' ')
					b->s[--b->len] = '\0';
				ra_buf_adds(b, "\n");
			}
		}
	ra_buf_free(&st);
	ra_buf_free(&loc);
}

enum ra_err
ra_render_combined_text(const struct ra_combined *cb, int color, FILE *out)
{
	struct ra_buf	 b = { 0 };
	size_t		 i;
	enum ra_err	 rc = RA_OK;

	ra_buf_adds(&b, "Profile");
	ra_buf_adds(&b, cb->nprof == 1 ? " " : "s ");
	for (i = 0; i < cb->nprof; i++) {
		if (i)
			ra_buf_adds(&b, " + ");
		ra_buf_add_safe(&b, cb->prof[i]->name);
	}
	ra_buf_printf(&b, ": %zu required privilege%s\n", cb->req.n,
	    cb->req.n == 1 ? "" : "s");
	for (i = 0; i < cb->nc && rc == RA_OK; i++) {
		ra_buf_adds(&b, "\n");
		combo_text(&b, cb, &cb->c[i], color);
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

enum ra_err
ra_render_combined_csv(const struct ra_combined *cb, FILE *out)
{
	static const char *const head[] = { "combination", "roles",
	    "status", "privilege", "entity", "tab", "section", "access",
	    "required", "held", "granted_by" };
	const struct ra_catalog	*cat = &cb->ctx->cat;
	struct ra_buf		 name = { 0 }, by = { 0 };
	const char		*c[11];
	size_t			 i, k, g;
	int			 rc;

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

enum ra_err
ra_render_combined_json(const struct ra_combined *cb, FILE *out)
{
	const struct ra_catalog	*cat = &cb->ctx->cat;
	json_t			*root = json_object(), *a, *o, *ra, *qa;
	json_t			*q1, *ga, *g1, *s;
	size_t			 i, k, g;

	json_object_set_new(root, "tool", ra_json_tool());
	a = json_array();
	for (i = 0; i < cb->nprof; i++)
		json_array_append_new(a, ra_json_profile(cb->prof[i]));
	json_object_set_new(root, "profiles", a);
	json_object_set_new(root, "inputs", ra_json_inputs(cb->sol, cb->nsol));
	a = json_array();
	for (i = 0; i < cb->nc; i++) {
		const struct ra_combo	*co = &cb->c[i];

		o = json_object();
		json_object_set_new(o, "all", json_boolean(co->all));
		ra = json_array();
		for (k = 0; k < co->nm; k++)
			json_array_append_new(ra, ra_json_role(co->m[k].role,
			    co->m[k].sol));
		json_object_set_new(o, "roles", ra);
		json_object_set_new(o, "privileges",
		    json_integer((json_int_t)co->nprivs));
		json_object_set_new(o, "status",
		    json_string(co->nmiss ? "fail" : "pass"));
		qa = json_array();
		for (k = 0; k < co->nr; k++) {
			const struct ra_creq	*q = &co->r[k];
			enum ra_section		 sec = ra_req_section(cat,
			    q->req);
			enum ra_access		 acc =
			    cat->v[q->req->priv].access;

			q1 = json_object();
			json_object_set_new(q1, "privilege",
			    ra_jstr(cat->v[q->req->priv].name));
			json_object_set_new(q1, "entity",
			    ra_jstr(ra_req_entity(cat, q->req)));
			json_object_set_new(q1, "tab",
			    ra_jstr(ra_tab_name(ra_req_tab(cat, q->req))));
			json_object_set_new(q1, "section",
			    sec == RA_SECTION_ENTITIES ? json_null() :
			    ra_jstr(ra_section_name(sec)));
			json_object_set_new(q1, "access",
			    acc == RA_ACCESS_NONE ? json_null() :
			    ra_jstr(ra_access_name(acc)));
			json_object_set_new(q1, "required",
			    ra_jstr(ra_level_name(q->req->min)));
			json_object_set_new(q1, "held",
			    q->held == RA_LEVEL_NONE ? json_null() :
			    ra_jstr(ra_level_name(q->held)));
			json_object_set_new(q1, "missing",
			    json_boolean(q->held < q->req->min));
			ga = json_array();
			for (g = 0; g < q->ng; g++) {
				g1 = json_object();
				json_object_set_new(g1, "role",
				    json_integer((json_int_t)q->g[g].member));
				json_object_set_new(g1, "level",
				    ra_jstr(ra_level_name(q->g[g].level)));
				json_array_append_new(ga, g1);
			}
			json_object_set_new(q1, "granted_by", ga);
			json_array_append_new(qa, q1);
		}
		json_object_set_new(o, "requirements", qa);
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "combinations", a);
	s = json_object();
	json_object_set_new(s, "combinations", json_integer((json_int_t)cb->nc));
	json_object_set_new(s, "pass", json_integer((json_int_t)cb->npass));
	json_object_set_new(s, "fail", json_integer((json_int_t)cb->nfail));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", ra_json_diags(cb->ctx));
	return ra_json_dump(root, out);
}

RA_EXPORT enum ra_err
ra_write_combined(const struct ra_combined *cb, const struct ra_write_opts *o,
    FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_combined_text(cb, o->color, out);
	case RA_FORMAT_CSV:
		return ra_render_combined_csv(cb, out);
	case RA_FORMAT_JSON:
		return ra_render_combined_json(cb, out);
	default:
		return RA_EINVAL;
	}
}
