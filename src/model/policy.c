/*
 * policy.c - least-privilege policies: CSV rows of a privilege (or a
 * pattern: a name prefix, an access right, a table, a tab), the highest
 * depth roles may hold it at, the roles a row applies to or exempts, a
 * severity and a reason (man page, POLICIES).  Read with the CSV reader
 * and limits of profiles (csv.c); a row costs no allocation of its own,
 * so loading is linear in the rows.  Matching a privilege is analyze/'s
 * (policy.c there), with what ra_pinfo() knows; matching a role is here.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* The columns a policy may have; the first two are required. */
static const char *const cols[] = { "privilege", "max_depth", "access",
    "table", "tab", "roles", "except_roles", "severity", "reason" };
enum { C_PRIV, C_MAX, C_ACCESS, C_TABLE, C_TAB, C_ROLES, C_EXCEPT, C_SEV,
    C_REASON, C__COUNT };

void
ra_policy_free(struct ra_policy *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->file);
	free(p->source);
	free(p->version);
	free(p->row);
	ra_csv_free(&p->csv);
	free(p);
}

/*
 * Check the header of P's CSV: every column one of cols[], none twice,
 * and the required ones there.  IDX gets each column's index.  0, or -1
 * with a diagnostic.
 */
static int
header(struct ra_ctx *ctx, const char *file, const struct ra_csv *c,
    int *idx)
{
	const struct ra_csv_row	*h;
	size_t			 i, j;

	if (ra_csv_columns(ctx, file, c, cols, idx, C__COUNT) == -1)
		return -1;
	h = &c->row[0];
	for (j = 0; j < h->nfield; j++) {
		for (i = 0; i < C__COUNT; i++)
			if (ra_strcaseeq(h->field[j], cols[i]))
				break;
		if (i == C__COUNT) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file,
			    NULL, h->line, 0, "unknown column \"%s\" (a policy "
			    "has privilege, max_depth, access, table, tab, "
			    "roles, except_roles, severity, reason)",
			    h->field[j]);
			return -1;
		}
		if (idx[i] != (int)j) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file,
			    NULL, h->line, 0, "column \"%s\" twice", cols[i]);
			return -1;
		}
	}
	if (idx[C_MAX] == -1) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file, NULL,
		    h->line, 0, "header has no \"max_depth\" column");
		return -1;
	}
	return 0;
}

/* The longest ';'-separated part of S, for the name-length limit. */
static size_t
longest_part(const char *s)
{
	size_t	 n, most = 0;

	for (;;) {
		n = strcspn(s, ";");
		most = n > most ? n : most;
		if (s[n] == '\0')
			return most;
		s += n + 1;
	}
}

/*
 * Row ROW of the policy into Q: 0, or -1 with a diagnostic at its line.
 * The cells stay in the CSV's text, which Q points into.
 */
static int
parse_row(struct ra_ctx *ctx, const char *file, const struct ra_csv_row *row,
    const int *idx, struct ra_prule *q)
{
	const char	*priv = ra_csv_cell(row, idx[C_PRIV]);
	const char	*max = ra_csv_cell(row, idx[C_MAX]);
	const char	*acc = ra_csv_cell(row, idx[C_ACCESS]);
	const char	*table = ra_csv_cell(row, idx[C_TABLE]);
	const char	*tab = ra_csv_cell(row, idx[C_TAB]);
	const char	*sev = ra_csv_cell(row, idx[C_SEV]);
	uint64_t	 lim = ctx->limit[RA_LIMIT_NAME_LENGTH];
	unsigned long	 line = row->line;

	memset(q, 0, sizeof(*q));
	q->line = line;
	q->roles = ra_csv_cell(row, idx[C_ROLES]);
	q->except = ra_csv_cell(row, idx[C_EXCEPT]);
	q->reason = ra_csv_cell(row, idx[C_REASON]);
	q->tabtext = tab;
	if (strlen(priv) > lim || strlen(table) > lim ||
	    longest_part(q->roles) > lim || longest_part(q->except) > lim) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_TOOLONG, file, NULL, line,
		    0, "privilege, table or role name over %llu bytes",
		    (unsigned long long)lim);
		return -1;
	}
	q->privlen = strlen(priv);
	if (q->privlen == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file, NULL,
		    line, 0, "row without a privilege (a name, a prefix "
		    "ending in '*', or '*' with access, table or tab)");
		return -1;
	}
	if (priv[q->privlen - 1] == '*') {
		q->prefix = 1;
		q->privlen--;
	}
	if (memchr(priv, '*', q->privlen) != NULL ||
	    (q->privlen > 0 && !ra_prefix_caseeq(priv, "prv") &&
	    !(q->prefix && q->privlen < 3 &&
	    ra_prefix_caseeq("prv", priv)))) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file, NULL,
		    line, 0, "not a privilege name or prefix \"%s\" (a name "
		    "starts with \"prv\"; '*' only at the end)", priv);
		return -1;
	}
	q->priv = priv;
	if (*max == '\0' || ra_level_parse(max, &q->max) != RA_OK) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_LEVEL, file, NULL,
		    line, 0, *max ? "unknown depth \"%s\" (use None, Basic, "
		    "Local, Deep or Global)" : "row without a max_depth%s",
		    max);
		return -1;
	}
	if (*acc) {
		q->has_access = 1;
		if (ra_access_parse(acc, &q->access) == -1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_VALUE, file,
			    NULL, line, 0, "unknown access right \"%s\" (use "
			    "Create, Read, Write, Delete, Append, Append To, "
			    "Assign, Share or Misc)", acc);
			return -1;
		}
	}
	if (*table) {
		if (ra_strcaseeq(table, "unknown"))
			q->table_unknown = 1;
		else
			q->table = table;
	}
	if (*tab) {
		q->has_tab = 1;
		if (ra_strcaseeq(tab, "unknown"))
			q->tab_unknown = 1;
		else if (ra_tab_parse(tab, &q->tab) == -1) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_TAB, file,
			    NULL, line, 0, "unknown tab \"%s\"", tab);
			return -1;
		}
	}
	q->sev = RA_SEV_ERROR;
	if (*sev) {
		if (ra_strcaseeq(sev, "note"))
			q->sev = RA_SEV_NOTE;
		else if (ra_strcaseeq(sev, "warning"))
			q->sev = RA_SEV_WARNING;
		else if (!ra_strcaseeq(sev, "error")) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_VALUE, file,
			    NULL, line, 0, "unknown severity \"%s\" (use note, "
			    "warning or error)", sev);
			return -1;
		}
	}
	return 0;
}

enum ra_err
ra_policy_load_buffer(struct ra_ctx *ctx, const char *name, const char *file,
    const char *buf, size_t len, struct ra_policy **out)
{
	struct ra_policy	*p;
	int			 idx[C__COUNT];
	size_t			 r;
	enum ra_err		 rc;

	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->file = ra_strdup(file)) == NULL ||
	    ra_csv_identity(name, buf, len, &p->name, &p->source, &p->version,
	    p->sha256) == -1) {
		ra_policy_free(p);
		return RA_ENOMEM;
	}
	if ((rc = ra_csv_parse(ctx, file, buf, len, &p->csv)) != RA_OK) {
		ra_policy_free(p);
		return rc;
	}
	if (header(ctx, file, &p->csv, idx) == -1) {
		ra_policy_free(p);
		return RA_ECSV;
	}
	if (p->csv.nrow > 1 && (p->row = calloc(p->csv.nrow - 1,
	    sizeof(*p->row))) == NULL) {
		ra_policy_free(p);
		return RA_ENOMEM;
	}
	for (r = 1; r < p->csv.nrow; r++)
		if (parse_row(ctx, file, &p->csv.row[r], idx,
		    &p->row[p->n]) == 0)
			p->n++;
		else
			rc = RA_ECSV;
	if (rc == RA_OK && p->n == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_NOPRIV, file, NULL, 0,
		    0, "policy has no rows");
		rc = RA_ECSV;
	}
	if (rc != RA_OK) {
		ra_policy_free(p);
		return rc;
	}
	*out = p;
	return RA_OK;
}

/* No built-in policy: see POLICIES in the man page for why. */
RA_EXPORT enum ra_err
ra_policy_load(struct ra_ctx *ctx, const char *what, struct ra_policy **out)
{
	char		*file = NULL, *name;
	size_t		 len = 0;
	enum ra_err	 rc;

	if (strchr(what, '/') == NULL && strchr(what, '.') == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_POLICY, NULL, NULL, 0, 0,
		    "no built-in policy \"%s\": roleaudit ships none, as no "
		    "published source lists what a role must not hold; give "
		    "a policy file (see samples/policy.csv)", what);
		return RA_EINVAL;
	}
	if ((rc = ra_read_file(ctx, what, &file, &len)) != RA_OK)
		return rc;
	if ((name = ra_csv_name_of(what)) == NULL)
		rc = RA_ENOMEM;
	else
		rc = ra_policy_load_buffer(ctx, name, what, file, len, out);
	free(name);
	free(file);
	return rc;
}

RA_EXPORT const char *
ra_policy_name(const struct ra_policy *p)
{
	return p->name;
}

RA_EXPORT size_t
ra_policy_size(const struct ra_policy *p)
{
	return p->n;
}

/*
 * 1 when NAME matches glob PAT (N bytes), ASCII case ignored: '*' is any
 * run of characters.  One backtrack point, so at most N * strlen(NAME)
 * steps.
 */
static int
glob_caseeq(const char *pat, size_t n, const char *name)
{
	const char	*end = pat + n, *star = NULL, *resume = NULL;

	while (*name) {
		if (pat < end && *pat == '*') {
			star = ++pat;
			resume = name;
		} else if (pat < end && ra_lower((unsigned char)*pat) ==
		    ra_lower((unsigned char)*name)) {
			pat++;
			name++;
		} else if (star != NULL) {
			pat = star;
			name = ++resume;
		} else
			return 0;
	}
	while (pat < end && *pat == '*')
		pat++;
	return pat == end;
}

int
ra_role_pattern_matches(const struct ra_role *r, const char *pat, size_t n)
{
	const char	*p;

	p = ra_trim(pat, &n);
	if (n == 0)
		return 0;
	if (memchr(p, '*', n) != NULL)
		return glob_caseeq(p, n, r->name);
	return ra_role_matches(r, p, n);
}

/* 1 when R matches one of the ';'-separated patterns of LIST. */
static int
any_pattern(const struct ra_role *r, const char *list)
{
	size_t	 n;

	for (;;) {
		n = strcspn(list, ";");
		if (ra_role_pattern_matches(r, list, n))
			return 1;
		if (list[n] == '\0')
			return 0;
		list += n + 1;
	}
}

int
ra_prule_applies(const struct ra_prule *q, const struct ra_role *r)
{
	if (*q->roles && !any_pattern(r, q->roles))
		return 0;
	return !(*q->except && any_pattern(r, q->except));
}

void
ra_prule_describe(const struct ra_prule *q, struct ra_buf *b)
{
	size_t	 n = 0;

	if (q->privlen > 0 || !q->prefix) {
		ra_buf_add(b, q->priv, q->privlen);
		if (q->prefix)
			ra_buf_adds(b, "*");
		n++;
	}
	if (q->has_access) {
		ra_buf_printf(b, "%saccess %s", n++ ? ", " : "",
		    q->access == RA_ACCESS_NONE ? "Misc" :
		    ra_access_label(q->access));
	}
	if (q->table != NULL || q->table_unknown) {
		ra_buf_printf(b, "%stable ", n++ ? ", " : "");
		ra_buf_adds(b, q->table_unknown ? "unknown" : q->table);
	}
	if (q->has_tab) {
		ra_buf_printf(b, "%stab ", n++ ? ", " : "");
		ra_buf_adds(b, q->tab_unknown ? "unknown" : ra_tab_name(q->tab));
	}
	if (n == 0)
		ra_buf_adds(b, "*");
	ra_buf_add(b, "", 0);
}
