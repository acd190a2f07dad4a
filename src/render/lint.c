/*
 * render_lint.c - `roleaudit lint` as text, CSV and JSON.  The shape of
 * the JSON is schema/lint.schema.json.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"


static const char *const sev_names[] = { "note", "warning", "error" };
static const char *const kind_names[] = { "zip", "folder", "xml" };



/* Findings of LN about role R, as [*first, *end). */
static void
role_findings(const struct ra_lint *ln, const struct ra_role *r,
    size_t *first, size_t *end)
{
	size_t	 i;

	for (i = 0; i < ln->n && ln->f[i].role != r; i++)
		continue;
	*first = i;
	for (; i < ln->n && ln->f[i].role == r; i++)
		continue;
	*end = i;
}

enum ra_err
ra_render_lint_text(const struct ra_lint *ln, int color, FILE *out)
{
	struct ra_buf	 b = { 0 }, loc = { 0 };
	size_t		 s, i, k, first, end;
	enum ra_err	 rc = RA_OK;

	for (s = 0; s < ln->nsol && rc == RA_OK; s++) {
		if (s)
			ra_buf_adds(&b, "\n");
		ra_text_input_header(&b, ln->sol[s], color);
		for (i = 0; i < ln->sol[s]->nrole; i++) {
			const struct ra_role	*r = &ln->sol[s]->role[i];
			enum ra_severity	 worst = RA_SEV_NOTE;

			role_findings(ln, r, &first, &end);
			for (k = first; k < end; k++)
				if (ln->f[k].severity > worst)
					worst = ln->f[k].severity;
			ra_buf_adds(&b, "  ");
			if (first == end) {
				ra_buf_ink(&b, color, RA_GREEN);
				ra_buf_adds(&b, "OK  ");
			} else {
				ra_buf_ink(&b, color, worst >= RA_SEV_WARNING ?
				    RA_YELLOW : RA_DIM);
				ra_buf_adds(&b, worst >= RA_SEV_WARNING ?
				    "WARN" : "NOTE");
			}
			ra_buf_ink(&b, color, RA_RESET);
			ra_buf_adds(&b, "  ");
			ra_buf_add_safe(&b, r->name);
			ra_buf_adds(&b, "  ");
			loc.len = 0;
			ra_role_location(r, &loc);
			ra_buf_ink(&b, color, RA_DIM);
			ra_buf_add_safe(&b, loc.oom ? "" : loc.s);
			ra_buf_ink(&b, color, RA_RESET);
			ra_buf_printf(&b, "  %zu privilege%s", r->nprivs,
			    r->nprivs == 1 ? "" : "s");
			if (end > first)
				ra_buf_printf(&b, ", %zu finding%s",
				    end - first, end - first == 1 ? "" : "s");
			ra_buf_adds(&b, "\n");
			for (k = first; k < end; k++) {
				const struct ra_finding	*f = &ln->f[k];

				ra_buf_printf(&b, "        %-7s RA%03d  ",
				    sev_names[f->severity], f->code);
				ra_buf_add_safe(&b, f->message);
				ra_buf_adds(&b, "\n");
			}
			if ((rc = ra_buf_flush(&b, out)) != RA_OK)
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
	ra_buf_free(&b);
	ra_buf_free(&loc);
	return rc;
}

enum ra_err
ra_render_lint_csv(const struct ra_lint *ln, FILE *out)
{
	static const char *const head[] = { "input", "kind", "role_id",
	    "role_name", "location", "severity", "code", "privilege",
	    "level", "message" };
	struct ra_buf	 loc = { 0 };
	char		 code[16];
	const char	*c[10];
	size_t		 i;
	int		 rc;

	rc = ra_csv_write_row(out, head, 10);
	for (i = 0; rc == 0 && i < ln->n; i++) {
		const struct ra_finding		*f = &ln->f[i];
		const struct ra_solution	*s = ln->sol[f->sol];

		loc.len = 0;
		ra_role_location(f->role, &loc);
		if (loc.oom) {
			ra_buf_free(&loc);
			return RA_ENOMEM;
		}
		snprintf(code, sizeof(code), "RA%03d", f->code);
		c[0] = s->path;
		c[1] = kind_names[s->kind];
		c[2] = f->role->id;
		c[3] = f->role->name;
		c[4] = loc.s;
		c[5] = sev_names[f->severity];
		c[6] = code;
		c[7] = f->priv == RA_NOPRIV ? "" :
		    ln->ctx->cat.v[f->priv].name;
		c[8] = f->level == RA_LEVEL_NONE ? "" :
		    ra_level_name(f->level);
		c[9] = f->message;
		rc = ra_csv_write_row(out, c, 10);
	}
	ra_buf_free(&loc);
	return rc == 0 ? RA_OK : RA_EIO;
}

static json_t *
json_depths(unsigned depths)
{
	json_t		*a;
	enum ra_level	 l;

	if (depths == 0)
		return json_null();
	a = json_array();
	for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
		if (depths & RA_DEPTH(l))
			json_array_append_new(a, ra_jstr(ra_level_name(l)));
	return a;
}

enum ra_err
ra_render_lint_json(const struct ra_lint *ln, FILE *out)
{
	static const char *const inherit[] = { NULL, "team",
	    "direct and team" };
	json_t	*root = json_object(), *roles, *o, *fa, *f1, *s;
	char	 code[16];
	size_t	 si, i, k, first, end;

	json_object_set_new(root, "tool", ra_json_tool());
	json_object_set_new(root, "inputs", ra_json_inputs(ln->sol, ln->nsol));
	roles = json_array();
	for (si = 0; si < ln->nsol; si++)
		for (i = 0; i < ln->sol[si]->nrole; i++) {
			const struct ra_role	*r = &ln->sol[si]->role[i];

			o = ra_json_role(r, si);
			json_object_set_new(o, "inherit",
			    ra_jstr(inherit[r->inherit]));
			fa = json_array();
			role_findings(ln, r, &first, &end);
			for (k = first; k < end; k++) {
				const struct ra_finding	*f = &ln->f[k];
				const struct ra_privdef	*d = f->priv ==
				    RA_NOPRIV ? NULL : &ln->ctx->cat.v[f->priv];

				f1 = json_object();
				json_object_set_new(f1, "severity",
				    ra_jstr(sev_names[f->severity]));
				snprintf(code, sizeof(code), "RA%03d", f->code);
				json_object_set_new(f1, "code", ra_jstr(code));
				json_object_set_new(f1, "privilege",
				    ra_jstr(d ? d->name : NULL));
				json_object_set_new(f1, "level",
				    d ? ra_jstr(ra_level_name(f->level)) :
				    json_null());
				json_object_set_new(f1, "allowed", d ?
				    json_depths(ra_privdef_depths(d)) :
				    json_null());
				json_object_set_new(f1, "message",
				    ra_jstr(f->message));
				json_array_append_new(fa, f1);
			}
			json_object_set_new(o, "findings", fa);
			json_array_append_new(roles, o);
		}
	json_object_set_new(root, "roles", roles);
	s = json_object();
	json_object_set_new(s, "roles", json_integer((json_int_t)ln->nrole));
	json_object_set_new(s, "warnings",
	    json_integer((json_int_t)(ln->count[RA_SEV_WARNING] +
	    ln->count[RA_SEV_ERROR])));
	json_object_set_new(s, "notes",
	    json_integer((json_int_t)ln->count[RA_SEV_NOTE]));
	json_object_set_new(root, "summary", s);
	json_object_set_new(root, "diagnostics", ra_json_diags(ln->ctx));
	return ra_json_dump(root, out);
}

RA_EXPORT enum ra_err
ra_write_lint(const struct ra_lint *ln, const struct ra_write_opts *o,
    FILE *out)
{
	switch (o->format) {
	case RA_FORMAT_TEXT:
		return ra_render_lint_text(ln, o->color, out);
	case RA_FORMAT_CSV:
		return ra_render_lint_csv(ln, out);
	case RA_FORMAT_JSON:
		return ra_render_lint_json(ln, out);
	default:
		return RA_EINVAL;
	}
}
