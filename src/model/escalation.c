/*
 * escalation.c - which diff changes grant more than they seem to: the
 * rules of schema/escalation.csv (by privilege, by table base, by
 * section, by depth reached), tried in that order, each with the reason a
 * report shows.  Lowering a level never escalates.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "model/model.h"

int
ra_escalation_init(struct ra_ctx *ctx)
{
	static const char *const cols[] = { "kind", "match", "reason" };
	static const char *const kinds[] = { "privilege", "base", "section",
	    "depth" };
	const char	*file = ra_data_escalation.name;
	struct ra_csv	 c;
	struct ra_esc	 e;
	int		 idx[3], rc = 0;
	size_t		 r, k;

	if (ra_csv_parse(ctx, file, (const char *)ra_data_escalation.data,
	    ra_data_escalation.len, &c) != RA_OK)
		return -1;
	if (ra_csv_columns(ctx, file, &c, cols, idx, 3) == -1) {
		ra_csv_free(&c);
		return -1;
	}
	for (r = 1; r < c.nrow && rc == 0; r++) {
		memset(&e, 0, sizeof(e));
		for (k = 0; k < 4; k++)
			if (ra_strcaseeq(ra_csv_cell(&c.row[r], idx[0]), kinds[k]))
				break;
		e.kind = (enum ra_esc_kind)k;
		if (k == 4 || (e.kind == RA_ESC_DEPTH &&
		    ra_level_parse(ra_csv_cell(&c.row[r], idx[1]), &e.level) !=
		    RA_OK) || (e.kind == RA_ESC_SECTION &&
		    ra_section_parse(ra_csv_cell(&c.row[r], idx[1]), &e.section) ==
		    -1)) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL,
			    c.row[r].line, 0, "bad escalation rule");
			rc = -1;
			break;
		}
		if (ra_grow(&ctx->esc, &ctx->capesc, ctx->nesc + 1,
		    sizeof(*ctx->esc)) == -1 ||
		    (e.match = ra_strdup(ra_csv_cell(&c.row[r], idx[1]))) == NULL ||
		    (e.reason = ra_strdup(ra_csv_cell(&c.row[r], idx[2]))) == NULL) {
			free(e.match);
			rc = -1;
			break;
		}
		ctx->esc[ctx->nesc++] = e;
	}
	ra_csv_free(&c);
	return rc;
}

int
ra_escalation(const struct ra_ctx *ctx, size_t priv, enum ra_level old,
    enum ra_level new, struct ra_buf *b)
{
	const struct ra_pent	*d = &ctx->cat.v[priv];
	const char		*base = ra_priv_base(d->name, NULL);
	size_t			 i, n = 0;
	int			 kind, hit;

	if (new <= old)
		return 0;
	for (kind = RA_ESC_PRIVILEGE; kind <= RA_ESC_DEPTH; kind++)
		for (i = 0; i < ctx->nesc; i++) {
			const struct ra_esc	*e = &ctx->esc[i];

			if ((int)e->kind != kind)
				continue;
			switch (e->kind) {
			case RA_ESC_PRIVILEGE:
				hit = ra_strcaseeq(d->name, e->match);
				break;
			case RA_ESC_BASE:
				hit = base && ra_strcaseeq(base, e->match);
				break;
			case RA_ESC_SECTION:
				hit = d->section == e->section;
				break;
			default:
				/* Raised to or within the level: Deep to
				 * Global grants more too. */
				hit = new >= e->level;
				break;
			}
			if (!hit)
				continue;
			if (b == NULL)
				return 1;
			ra_buf_adds(b, n++ ? "; " : "");
			ra_buf_adds(b, e->reason);
		}
	return n > 0;
}
