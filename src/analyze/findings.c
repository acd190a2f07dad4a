/*
 * findings.c - how serious each finding of check and diff is.
 *
 * One table (render.h, and FINDINGS in the man page) decides the SARIF
 * level of a result, the badge HTML and Markdown show, and which findings
 * `--fail-on note|warning|error` counts, so every format agrees with the
 * exit status.
 */
#include "analyze/analyze.h"

enum ra_severity
ra_pdiff_severity(const struct ra_pdiff *p)
{
	if (p->escalates)
		return RA_SEV_ERROR;
	if (p->change == RA_PCH_ADDED || p->change == RA_PCH_RAISED)
		return RA_SEV_WARNING;
	return RA_SEV_NOTE;
}

int
ra_rchange_is_finding(const struct ra_rdiff *r)
{
	return r->change != RA_RCH_CHANGED || r->renamed ||
	    r->unexported != 0;
}

enum ra_severity
ra_rchange_severity(const struct ra_rdiff *r)
{
	if (r->change == RA_RCH_ADDED)
		return r->escalation ? RA_SEV_ERROR : RA_SEV_WARNING;
	return RA_SEV_NOTE;
}

enum ra_severity
ra_ptrans_severity(const struct ra_ptrans *t)
{
	return t->old_pass && !t->new_pass ? RA_SEV_ERROR : RA_SEV_NOTE;
}

enum ra_severity
ra_rdiff_severity(const struct ra_rdiff *r)
{
	enum ra_severity	 worst = RA_SEV_NOTE, s;
	size_t			 k;

	if (ra_rchange_is_finding(r))
		worst = ra_rchange_severity(r);
	for (k = 0; k < r->np; k++)
		if ((s = ra_pdiff_severity(&r->p[k])) > worst)
			worst = s;
	for (k = 0; k < r->nt; k++)
		if ((s = ra_ptrans_severity(&r->t[k])) > worst)
			worst = s;
	return worst;
}

int
ra_result_fails(const struct ra_result *r)
{
	return !r->not_exported && (r->nmiss > 0 || r->nviol_error > 0);
}

RA_EXPORT size_t
ra_report_finding_count(const struct ra_report *rep, enum ra_severity min)
{
	size_t	 i, n = 0;
	int	 s;

	for (s = (int)min; s <= RA_SEV_ERROR; s++)
		n += rep->nviol[s];
	if (RA_SEV_MISSING < min)
		return n;
	for (i = 0; i < rep->nres; i++)
		n += rep->res[i].nmiss;
	return n;
}

RA_EXPORT size_t
ra_diff_finding_count(const struct ra_diff *d, enum ra_severity min)
{
	size_t	 i, k, n = 0;

	for (i = 0; i < d->nad; i++)
		if (ra_adiff_severity(&d->ad[i]) >= min)
			n++;
	for (i = 0; i < d->ncd; i++)
		if (ra_cdiff_severity(&d->cd[i]) >= min)
			n++;
	for (i = 0; i < d->nr; i++) {
		const struct ra_rdiff	*r = &d->r[i];

		if (ra_rchange_is_finding(r) && ra_rchange_severity(r) >= min)
			n++;
		for (k = 0; k < r->np; k++)
			if (ra_pdiff_severity(&r->p[k]) >= min)
				n++;
		for (k = 0; k < r->nt; k++)
			if (ra_ptrans_severity(&r->t[k]) >= min)
				n++;
	}
	return n;
}

enum ra_severity
ra_adiff_severity(const struct ra_adiff *a)
{
	return a->added ? RA_SEV_ERROR : RA_SEV_NOTE;
}

enum ra_severity
ra_cdiff_severity(const struct ra_cdiff *c)
{
	return c->escalation ? RA_SEV_ERROR : c->granted ? RA_SEV_WARNING :
	    RA_SEV_NOTE;
}

size_t
ra_sev_at_least(const size_t *count, enum ra_severity min)
{
	size_t	 n = 0;
	int	 s;

	for (s = (int)min; s <= RA_SEV_ERROR; s++)
		n += count[s];
	return n;
}
