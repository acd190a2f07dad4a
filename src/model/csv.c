/*
 * csv.c - CSV bytes to rows (libcsv), for the catalog, the escalation
 * rules and profiles, and whole small files read under the file-size
 * limit.  libcsv gives no positions, so each row's first line is counted
 * here; lines starting with '#' between records are comments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "model/model.h"

struct csv_state {
	struct ra_csv	*out;
	struct ra_buf	 err;
	unsigned long	 line;		/* line being fed */
	unsigned long	 start;		/* line where the open record began */
	struct ra_csv_row cur;
	size_t		 capfield;
	int		 oom;
};

static void
csv_field_cb(void *s, size_t len, void *arg)
{
	struct csv_state	*st = arg;
	char			*f;

	if (st->oom)
		return;
	if (st->cur.nfield == 0)
		st->cur.line = st->start;
	if (ra_grow(&st->cur.field, &st->capfield, st->cur.nfield + 1,
	    sizeof(char *)) == -1 ||
	    (f = ra_strndup(s ? s : "", s ? len : 0)) == NULL) {
		st->oom = 1;
		return;
	}
	st->cur.field[st->cur.nfield++] = f;
}

static void
csv_row_free(struct ra_csv_row *r)
{
	size_t	 i;

	for (i = 0; i < r->nfield; i++)
		free(r->field[i]);
	free(r->field);
	memset(r, 0, sizeof(*r));
}

static void
csv_row_cb(int c, void *arg)
{
	struct csv_state	*st = arg;
	struct ra_csv		*out = st->out;
	int			 drop;

	(void)c;
	if (st->oom) {
		csv_row_free(&st->cur);
		st->capfield = 0;
		return;
	}
	drop = st->cur.nfield == 0 ||
	    (st->cur.nfield == 1 && st->cur.field[0][0] == '\0');
	if (drop) {
		csv_row_free(&st->cur);
	} else if (ra_grow(&out->row, &out->cap, out->nrow + 1,
	    sizeof(*out->row)) == -1) {
		csv_row_free(&st->cur);
		st->oom = 1;
	} else {
		out->row[out->nrow++] = st->cur;
		memset(&st->cur, 0, sizeof(st->cur));
	}
	st->capfield = 0;
}

void
ra_csv_free(struct ra_csv *c)
{
	size_t	 i;

	for (i = 0; i < c->nrow; i++)
		csv_row_free(&c->row[i]);
	free(c->row);
	memset(c, 0, sizeof(*c));
}

enum ra_err
ra_csv_parse(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len, struct ra_csv *out)
{
	struct csv_parser	 p;
	struct csv_state	 st;
	const char		*line, *end, *nl;
	size_t			 n;
	enum ra_err		 rc = RA_OK;

	memset(&st, 0, sizeof(st));
	memset(out, 0, sizeof(*out));
	st.out = out;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return RA_ENOMEM;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	/*
	 * libcsv reports no positions: feed it a line at a time and note the
	 * line on which each record starts (the parser is between records
	 * when pstate is 0).
	 */
	end = buf + len;
	for (line = buf, st.line = 1; line < end; line = nl, st.line++) {
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl ? nl + 1 : end;
		n = (size_t)(nl - line);
		if (p.pstate == 0) {
			/* A '#' line between records is a comment. */
			if (*line == '#')
				continue;
			st.start = st.line;
		}
		if (memchr(line, '\0', n) != NULL) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL,
			    st.line, 0, "NUL byte in CSV");
			rc = RA_ECSV;
			goto out;
		}
		if (csv_parse(&p, line, n, csv_field_cb, csv_row_cb, &st) != n) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL,
			    st.line, 0, "malformed CSV: %s",
			    csv_strerror(csv_error(&p)));
			rc = csv_error(&p) == CSV_ENOMEM ? RA_ENOMEM : RA_ECSV;
			goto out;
		}
		if (st.oom)
			break;
	}
	if (!st.oom && csv_fini(&p, csv_field_cb, csv_row_cb, &st) != 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL, st.start,
		    0, "malformed CSV: unterminated quoted field");
		rc = RA_ECSV;
	}
	if (st.oom)
		rc = RA_ENOMEM;
out:
	csv_row_free(&st.cur);
	csv_free(&p);
	if (rc != RA_OK)
		ra_csv_free(out);
	return rc;
}

enum ra_err
ra_read_file(struct ra_ctx *ctx, const char *path, char **bufp, size_t *lenp)
{
	FILE		*f;
	struct ra_buf	 b = { 0 };
	char		 chunk[65536];
	size_t		 n;
	int		 err;

	if ((f = fopen(path, "rb")) == NULL) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "cannot open: %s", strerror(errno));
		return RA_ENOTFOUND;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		ra_buf_add(&b, chunk, n);
		if (b.len > ctx->limit[RA_LIMIT_FILE_SIZE]) {
			ra_diag_add(ctx, RA_SEV_ERROR, RA_C_SIZE, path, NULL, 0,
			    0, "file larger than the limit of %llu bytes",
			    (unsigned long long)ctx->limit[RA_LIMIT_FILE_SIZE]);
			fclose(f);
			ra_buf_free(&b);
			return RA_ELIMIT;
		}
	}
	err = ferror(f);
	fclose(f);
	if (err) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_IO, path, NULL, 0, 0,
		    "read error");
		ra_buf_free(&b);
		return RA_EIO;
	}
	ra_buf_add(&b, "", 0);
	if (b.oom) {
		ra_buf_free(&b);
		return RA_ENOMEM;
	}
	*bufp = b.s;
	*lenp = b.len;
	return RA_OK;
}

/*
 * Map the header row of C to column indices: COLS lists the known names,
 * IDX receives each name's column or -1.  Returns -1 (with a diagnostic)
 * when the first required column is missing.
 */
int
ra_csv_columns(struct ra_ctx *ctx, const char *file, const struct ra_csv *c,
    const char *const *cols, int *idx, size_t ncols)
{
	const struct ra_csv_row	*h;
	size_t			 i, j;

	for (i = 0; i < ncols; i++)
		idx[i] = -1;
	if (c->nrow == 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file, NULL, 0,
		    0, "no header row (expected a \"%s\" column)", cols[0]);
		return -1;
	}
	h = &c->row[0];
	for (j = 0; j < h->nfield; j++)
		for (i = 0; i < ncols; i++)
			if (idx[i] == -1 && ra_strcaseeq(h->field[j], cols[i]))
				idx[i] = (int)j;
	if (idx[0] == -1) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_HEADER, file, NULL,
		    h->line, 0, "header has no \"%s\" column", cols[0]);
		return -1;
	}
	return 0;
}

const char *
ra_csv_cell(const struct ra_csv_row *r, int i)
{
	return i >= 0 && (size_t)i < r->nfield ? r->field[i] : "";
}
