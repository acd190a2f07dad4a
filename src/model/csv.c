/*
 * csv.c - CSV bytes to rows (libcsv), for the catalog, the escalation
 * rules and profiles, and whole small files read under the file-size
 * limit.  libcsv gives no positions, so each row's first line is counted
 * here; lines starting with '#' between records are comments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "model/model.h"

/*
 * While parsing, a field is an offset into TEXT (which moves as it
 * grows); csv_finish() turns each offset into a pointer in its place.
 */
union cell {
	size_t		 off;
	char		*ptr;
};

/* The cells become the ra_csv's array of pointers as they are. */
_Static_assert(sizeof(union cell) == sizeof(char *), "a cell is a pointer");

struct csv_state {
	struct ra_csv	*out;
	struct ra_buf	 text;		/* every field, NUL-terminated */
	union cell	*cell;		/* each field's offset in text */
	size_t		 noff, capoff;
	size_t		 row_text;	/* text.len when the open row began */
	size_t		 row_off;	/* noff when the open row began */
	unsigned long	 line;		/* line being fed */
	unsigned long	 start;		/* line where the open record began */
	uint64_t	 max_rows;	/* header included */
	int		 oom;
	int		 full;		/* a row past max_rows came */
};

static void
csv_field_cb(void *s, size_t len, void *arg)
{
	struct csv_state	*st = arg;

	if (st->oom || st->full)
		return;
	if (ra_grow(&st->cell, &st->capoff, st->noff + 1,
	    sizeof(*st->cell)) == -1) {
		st->oom = 1;
		return;
	}
	st->cell[st->noff++].off = st->text.len;
	ra_buf_add(&st->text, s ? s : "", s ? len : 0);
	ra_buf_add(&st->text, "", 1);	/* the field's NUL */
	if (st->text.oom)
		st->oom = 1;
}

static void
csv_row_cb(int c, void *arg)
{
	struct csv_state	*st = arg;
	struct ra_csv		*out = st->out;
	size_t			 n = st->noff - st->row_off;

	(void)c;
	if (st->oom || st->full)
		return;
	if (n == 0 || (n == 1 && st->text.s[st->cell[st->row_off].off] == '\0')) {
		/* An empty row: forget its field. */
		st->noff = st->row_off;
		st->text.len = st->row_text;
		return;
	}
	if (out->nrow >= st->max_rows) {
		st->full = 1;
		return;
	}
	if (ra_grow(&out->row, &out->cap, out->nrow + 1,
	    sizeof(*out->row)) == -1) {
		st->oom = 1;
		return;
	}
	out->row[out->nrow].field = NULL;
	out->row[out->nrow].nfield = n;
	out->row[out->nrow++].line = st->start;
	st->row_off = st->noff;
	st->row_text = st->text.len;
}

void
ra_csv_row_diag(struct ra_ctx *ctx, struct ra_csv *c, const char *file,
    int code, unsigned long line, const char *fmt, ...)
{
	va_list	 ap;

	if (c->nbad++ >= RA_CSV_DIAG_MAX)
		return;
	va_start(ap, fmt);
	ra_diag_vadd(ctx, RA_SEV_ERROR, code, file, NULL, line, 0, fmt, ap);
	va_end(ap);
}

void
ra_csv_diag_rest(struct ra_ctx *ctx, const struct ra_csv *c,
    const char *file)
{
	size_t	 n;

	if (c->nbad <= RA_CSV_DIAG_MAX)
		return;
	n = c->nbad - RA_CSV_DIAG_MAX;
	ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL, 0, 0,
	    "%zu more bad row%s, not printed", n, n == 1 ? "" : "s");
}

int
ra_csv_name_ok(struct ra_ctx *ctx, const char *file, unsigned long line,
    const char *name)
{
	if (strlen(name) <= ctx->limit[RA_LIMIT_NAME_LENGTH])
		return 0;
	ra_diag_add(ctx, RA_SEV_ERROR, RA_C_TOOLONG, file, NULL, line, 0,
	    "privilege name over %llu bytes, the limit for a name",
	    (unsigned long long)ctx->limit[RA_LIMIT_NAME_LENGTH]);
	return -1;
}

void
ra_csv_free(struct ra_csv *c)
{
	free(c->row);
	free(c->text);
	free(c->cells);
	memset(c, 0, sizeof(*c));
}

/*
 * Hand the text and the cells of ST over to ST->out, each offset turned
 * into a pointer in its place, and point every row at its fields.
 */
static void
csv_finish(struct csv_state *st)
{
	struct ra_csv	*out = st->out;
	size_t		 r, k = 0, i;

	out->text = st->text.s;
	memset(&st->text, 0, sizeof(st->text));
	out->cells = (char **)st->cell;
	for (r = 0; r < out->nrow; r++) {
		out->row[r].field = out->cells + k;
		for (i = 0; i < out->row[r].nfield; i++, k++)
			st->cell[k].ptr = out->text + st->cell[k].off;
	}
	st->cell = NULL;
}

enum ra_err
ra_csv_parse(struct ra_ctx *ctx, const char *file, const char *buf,
    size_t len, struct ra_csv *out)
{
	struct csv_parser	 p;
	struct csv_state	 st;
	const char		*line, *end, *nl;
	size_t			 n;
	uint64_t		 rows = ctx->limit[RA_LIMIT_CSV_ROWS];
	enum ra_err		 rc = RA_OK;

	memset(&st, 0, sizeof(st));
	memset(out, 0, sizeof(*out));
	st.out = out;
	st.max_rows = rows < UINT64_MAX ? rows + 1 : rows;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return RA_ENOMEM;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	/* The fields take about as many bytes as the text: one allocation. */
	if (ra_grow(&st.text.s, &st.text.cap, len + 1, 1) == -1) {
		csv_free(&p);
		return RA_ENOMEM;
	}
	st.text.s[0] = '\0';
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
		if (st.oom || st.full)
			break;
	}
	if (!st.oom && !st.full &&
	    csv_fini(&p, csv_field_cb, csv_row_cb, &st) != 0) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV, file, NULL, st.start,
		    0, "malformed CSV: unterminated quoted field");
		rc = RA_ECSV;
	}
	if (st.full) {
		ra_diag_add(ctx, RA_SEV_ERROR, RA_C_CSV_ROWS, file, NULL,
		    st.start, 0, "more than %llu rows after the header, the "
		    "limit for a profile or catalog", (unsigned long long)rows);
		rc = RA_ELIMIT;
	} else if (st.oom)
		rc = RA_ENOMEM;
	else if (rc == RA_OK)
		csv_finish(&st);
out:
	csv_free(&p);
	free(st.cell);
	ra_buf_free(&st.text);
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

	if ((f = ra_sys_fopen(path, "rb")) == NULL) {
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

/*
 * The text after "# KEY" (KEY ends in ':') on the first comment line of
 * BUF that has it, trimmed; "" when there is none, NULL when memory runs
 * out.
 */
char *
ra_csv_comment(const char *buf, size_t len, const char *key)
{
	const char	*p = buf, *end = buf + len, *nl;
	size_t		 n, klen = strlen(key);

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (*p == '#') {
			const char	*q = p + 1;

			while (q < nl && *q == ' ')
				q++;
			if ((size_t)(nl - q) >= klen && ra_prefix_caseeq(q, key)) {
				q += klen;
				while (q < nl && *q == ' ')
					q++;
				n = (size_t)(nl - q);
				while (n && (q[n - 1] == '\r' || q[n - 1] == ' '))
					n--;
				return ra_strndup(q, n);
			}
		}
		if (nl == end)
			break;
	}
	return ra_strdup("");
}

int
ra_csv_identity(const char *name, const char *buf, size_t len,
    char **namep, char **source, char **version, char sha256[65])
{
	struct ra_sha256	 sha;

	if ((*namep = ra_strdup(name)) == NULL ||
	    (*source = ra_csv_comment(buf, len, "source:")) == NULL ||
	    (*version = ra_csv_comment(buf, len, "version:")) == NULL)
		return -1;
	ra_sha256_init(&sha);
	ra_sha256_update(&sha, buf, len);
	ra_sha256_hex(&sha, sha256);
	return 0;
}

/* Base name of PATH without a ".csv" suffix. */
char *
ra_csv_name_of(const char *path)
{
	const char	*b = strrchr(path, '/');
	size_t		 n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && ra_strcaseeq(b + n - 4, ".csv"))
		n -= 4;
	return ra_strndup(b, n);
}
