/*
 * profile.c - requirement profiles: CSV rows of privilege and minimum
 * level, with optional display data, built in (schema/profiles/) or read
 * from a file; their union (a privilege listed twice needs the higher
 * level) and their bitmaps, and the display data of a requirement (the
 * profile's row wins over the catalog).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "model/model.h"

/*
 * The default profile comes first, then the others in the order of their
 * file names: `profiles` and `diff` list them so.
 */
RA_EXPORT const char *
ra_profile_builtin(size_t i)
{
	size_t	 n, k = 1;

	if (i == 0)
		return RA_PROFILE_DEFAULT;
	for (n = 0; ra_data_profiles[n].name; n++) {
		if (strcmp(ra_data_profiles[n].name, RA_PROFILE_DEFAULT) == 0)
			continue;
		if (k++ == i)
			return ra_data_profiles[n].name;
	}
	return NULL;
}

void
ra_profile_free(struct ra_profile *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->req[i].entity);
	free(p->req);
	free(p->name);
	free(p->source);
	free(p->version);
	free(p);
}

/*
 * Where each privilege stands in a list of requirements, so that a
 * privilege listed again is found in constant time: at[priv] is its
 * index in the list + 1, or 0.  Privilege indices are dense (the
 * catalog's), so the map is an array as long as the largest one seen.
 */
struct req_map {
	size_t	*at;
	size_t	 n, cap;
};

/* The map's slot for PRIV, grown (with zeros) to hold it; NULL: no memory. */
static size_t *
req_map_slot(struct req_map *m, size_t priv)
{
	size_t	 was = m->cap;

	if (priv >= m->n) {
		if (ra_grow(&m->at, &m->cap, priv + 1, sizeof(*m->at)) == -1)
			return NULL;
		if (m->cap > was)
			memset(m->at + was, 0, (m->cap - was) * sizeof(*m->at));
		m->n = m->cap;
	}
	return &m->at[priv];
}

static enum ra_err
profile_parse(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len, struct ra_profile *p)
{
	static const char *const cols[] = { "privilege", "entity", "tab",
	    "section", "min_level", "level" };
	struct ra_csv		 c;
	struct ra_req		*q;
	struct req_map		 map = { NULL, 0, 0 };
	int			 idx[6];
	size_t			 r, priv, *at;
	enum ra_err		 rc;
	enum ra_level		 lvl;

	if ((rc = ra_csv_parse(ctx, file, buf, len, &c)) != RA_OK)
		return rc;
	if (ra_csv_columns(ctx, file, &c, cols, idx, 6) == -1) {
		ra_csv_free(&c);
		return RA_ECSV;
	}
	if (idx[4] == -1)
		idx[4] = idx[5];
	for (r = 1; r < c.nrow && rc != RA_ENOMEM; r++) {
		const struct ra_csv_row	*row = &c.row[r];
		const char		*name = ra_csv_cell(row, idx[0]);
		const char		*tab = ra_csv_cell(row, idx[2]);
		const char		*lv = ra_csv_cell(row, idx[4]);
		struct ra_req		 nq;

		memset(&nq, 0, sizeof(nq));
		if (ra_csv_name_ok(ctx, file, row->line, name) == -1) {
			rc = RA_ELIMIT;
			break;
		}
		if (*name == '\0' || !ra_prefix_caseeq(name, "prv")) {
			ra_csv_row_diag(ctx, &c, file, RA_C_CSV_NOPRIV,
			    row->line, *name ? "not a privilege name (must "
			    "start with \"prv\")" : "row without a privilege");
			rc = RA_ECSV;
			continue;
		}
		lvl = RA_LEVEL_BASIC;
		if (*lv && (ra_level_parse(lv, &lvl) != RA_OK ||
		    lvl == RA_LEVEL_NONE)) {
			ra_csv_row_diag(ctx, &c, file, RA_C_CSV_LEVEL,
			    row->line, "unknown level \"%s\" (use Basic, "
			    "Local, Deep or Global)", lv);
			rc = RA_ECSV;
			continue;
		}
		if (*tab) {
			nq.has_tab = 1;
			if (ra_tab_parse(tab, &nq.tab) == -1 ||
			    ra_section_parse(ra_csv_cell(row, idx[3]),
			    &nq.section) == -1) {
				ra_csv_row_diag(ctx, &c, file, RA_C_CSV_TAB,
				    row->line, "unknown tab or section \"%s\"",
				    tab);
				rc = RA_ECSV;
				continue;
			}
		}
		priv = ra_catalog_intern(&ctx->cat, name, strlen(name));
		if (priv == RA_NOPRIV) {
			rc = RA_ENOMEM;
			break;
		}
		if ((at = req_map_slot(&map, priv)) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (*at != 0) {
			/* Listed twice: the higher level wins. */
			if (lvl > p->req[*at - 1].min)
				p->req[*at - 1].min = lvl;
			continue;
		}
		if (*ra_csv_cell(row, idx[1]) &&
		    (nq.entity = ra_strdup(ra_csv_cell(row, idx[1]))) == NULL) {
			rc = RA_ENOMEM;
			break;
		}
		if (ra_grow(&p->req, &p->cap, p->n + 1, sizeof(*p->req)) == -1) {
			free(nq.entity);
			rc = RA_ENOMEM;
			break;
		}
		nq.priv = priv;
		nq.min = lvl;
		q = &p->req[p->n++];
		*q = nq;
		*at = p->n;
	}
	free(map.at);
	ra_csv_diag_rest(ctx, &c, file);
	if (rc == RA_OK && p->n == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file, NULL, 0,
		    0, "profile lists no privileges");
		rc = RA_ECSV;
	}
	ra_csv_free(&c);
	return rc;
}

enum ra_err
ra_profile_load_buffer(struct ra_ctx *ctx, const char *name,
    const char *file, const char *buf, size_t len, struct ra_profile **out)
{
	struct ra_profile	*p;
	enum ra_err		 rc;

	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    ra_csv_identity(name, buf, len, &p->name, &p->source, &p->version,
	    p->sha256) == -1) {
		ra_profile_free(p);
		return RA_ENOMEM;
	}
	if ((rc = profile_parse(ctx, file, buf, len, p)) != RA_OK) {
		ra_profile_free(p);
		return rc;
	}
	*out = p;
	return RA_OK;
}

RA_EXPORT enum ra_err
ra_profile_load(struct ra_ctx *ctx, const char *what, struct ra_profile **out)
{
	char		*file = NULL, *name;
	size_t		 i, len = 0;
	enum ra_err	 rc;

	for (i = 0; ra_data_profiles[i].name; i++)
		if (strcmp(ra_data_profiles[i].name, what) == 0)
			return ra_profile_load_buffer(ctx, what, what,
			    (const char *)ra_data_profiles[i].data,
			    ra_data_profiles[i].len, out);
	if (strchr(what, '/') == NULL && strchr(what, '.') == NULL &&
	    strlen(what) > ctx->limit[RA_LIMIT_NAME_LENGTH]) {
		/* Not echoed: it may be megabytes. */
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_TOOLONG, NULL, NULL, 0, 0,
		    "profile name over %llu bytes, the limit for a name",
		    (unsigned long long)ctx->limit[RA_LIMIT_NAME_LENGTH]);
		return RA_EINVAL;
	}
	if (strchr(what, '/') == NULL && strchr(what, '.') == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_PROFILE, NULL, NULL, 0, 0,
		    "no built-in profile \"%s\" (see `roleaudit profiles`)",
		    what);
		return RA_EINVAL;
	}
	if ((rc = ra_read_file(ctx, what, &file, &len)) != RA_OK)
		return rc;
	if ((name = ra_csv_name_of(what)) == NULL)
		rc = RA_ENOMEM;
	else
		rc = ra_profile_load_buffer(ctx, name, what, file, len, out);
	free(name);
	free(file);
	return rc;
}

RA_EXPORT const char *
ra_profile_name(const struct ra_profile *p)
{
	return p->name;
}

RA_EXPORT const char *
ra_profile_source(const struct ra_profile *p)
{
	return p->source;
}

RA_EXPORT size_t
ra_profile_size(const struct ra_profile *p)
{
	return p->n;
}

RA_EXPORT const char *
ra_profile_version(const struct ra_profile *p)
{
	return p->version;
}

RA_EXPORT const char *
ra_profile_sha256(const struct ra_profile *p)
{
	return p->sha256;
}

enum ra_tab
ra_req_tab(const struct ra_catalog *cat, const struct ra_req *q)
{
	return q->has_tab ? q->tab : cat->v[q->priv].tab;
}

enum ra_section
ra_req_section(const struct ra_catalog *cat, const struct ra_req *q)
{
	return q->has_tab ? q->section : cat->v[q->priv].section;
}

int
ra_profile_bitmap(const struct ra_profile *p, struct ra_bitmap *need)
{
	size_t	 i;

	for (i = 0; i < p->n; i++)
		if (ra_bitmap_set(need, p->req[i].priv, p->req[i].min) == -1)
			return -1;
	return 0;
}

int
ra_profiles_unite(struct ra_profile *req, const struct ra_profile *const *prof,
    size_t nprof, const struct ra_check_opts *opts)
{
	struct req_map	 map = { NULL, 0, 0 };
	size_t		 p, i, j, *at;

	for (j = 0; j < req->n; j++) {
		if ((at = req_map_slot(&map, req->req[j].priv)) == NULL)
			goto fail;
		*at = j + 1;
	}
	for (p = 0; p < nprof; p++)
		for (i = 0; i < prof[p]->n; i++) {
			const struct ra_req	*q = &prof[p]->req[i];

			if ((at = req_map_slot(&map, q->priv)) == NULL)
				goto fail;
			if (*at != 0) {
				if (q->min > req->req[*at - 1].min)
					req->req[*at - 1].min = q->min;
				continue;
			}
			if (ra_grow(&req->req, &req->cap, req->n + 1,
			    sizeof(*req->req)) == -1)
				goto fail;
			req->req[req->n++] = *q;
			*at = req->n;
		}
	free(map.at);
	if (opts && opts->min_level != RA_LEVEL_NONE)
		for (j = 0; j < req->n; j++)
			req->req[j].min = opts->min_level;
	return 0;
fail:
	free(map.at);
	return -1;
}
