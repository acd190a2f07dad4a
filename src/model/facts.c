/*
 * facts.c - what is known of a privilege, and why: its place in the role
 * editor (tab, section), its display name and the depths it can take,
 * each with where it came from, and its one display name.  Every report
 * asks here, so a privilege has one place and one name in every command
 * and format.
 *
 * In order, each step overriding the ones before where it says more:
 *   1. the catalog row that lists it (schema/privileges.csv, with the
 *      sources of each value; a --catalog row is the user's statement,
 *      "catalog"), else its privilege base's row (privilege_bases.csv),
 *      else the naming rules (BPF table names, publisher prefixes:
 *      rule), else nothing (unplaced: Missing Entities);
 *   2. the solution's own metadata for its table: IsBPFEntity puts it on
 *      Business Process Flows, a custom table no published fact places
 *      goes to Custom Entities, the display name is the table's, the
 *      ownership is the table's (solution);
 *   3. depths: stated for the privilege (depths.csv), else the
 *      solution's ownership of its table, else depths.csv's (the
 *      knowledge base's ownership rule or the privacy rule, widened by
 *      real exports), else the ownership rule on tables.csv's ownership,
 *      else Organization for a privacy-related privilege, else unknown.
 * The depths real exports hold it at (observed_depths.csv) come along:
 * they are accepted depths, not the complete list.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* Source ids of what the solution's metadata decides. */
#define SOL_BPF		"solution:IsBPFEntity"
#define SOL_CUSTOM	"solution:custom"
#define SOL_NAME	"solution:LocalizedName"
#define SOL_OWNER	"solution:OwnershipTypeMask"
/* The rules schema/README.md names. */
#define RULE_BPF	"rule:ms-bpf-doc"
#define RULE_CUSTOM	"rule:ms-custentity-doc"
#define RULE_NAMING	"rule:naming"
#define RULE_OWNER	"rule:ms-tableref-own+ms-learn-secroles"
#define RULE_PRIVACY	"rule:ms-learn-secroles"
/* A row of a --catalog file. */
#define USER_CATALOG	"catalog"

/* Set a value's category and ids. */
static void
by(enum ra_prov *p, const char **ids, enum ra_prov np, const char *nids)
{
	*p = np;
	*ids = nids;
}

/* Step 1: the catalog, the privilege's base, the naming rules. */
static void
from_catalog(const struct ra_privdef *d, const struct ra_kb_priv *kp,
    const struct ra_kb_base *kbase, const char *base, struct ra_pinfo *o)
{
	int	 builtin;

	builtin = kp != NULL && kp->in_catalog && d->listed &&
	    kp->tab == d->tab && kp->section == d->section &&
	    kp->access == d->access && strcmp(kp->entity, o->entity) == 0;
	if (d->listed && !builtin) {
		by(&o->tab_by, &o->tab_ids, RA_PROV_SOURCE, USER_CATALOG);
		by(&o->entity_by, &o->entity_ids, RA_PROV_SOURCE,
		    USER_CATALOG);
		if (d->depths)
			by(&o->depths_by, &o->depth_ids, RA_PROV_SOURCE,
			    USER_CATALOG);
		o->depths = d->depths;
	} else if (builtin) {
		by(&o->tab_by, &o->tab_ids, ra_prov_of(kp->tab_src),
		    kp->tab_src);
		by(&o->entity_by, &o->entity_ids, ra_prov_of(kp->entity_src),
		    kp->entity_src);
	} else if (kbase != NULL) {
		by(&o->tab_by, &o->tab_ids, ra_prov_of(kbase->tab_src),
		    kbase->tab_src);
		/* No display name known: the base stands in. */
		if (*kbase->entity_src)
			by(&o->entity_by, &o->entity_ids,
			    ra_prov_of(kbase->entity_src), kbase->entity_src);
		else
			by(&o->entity_by, &o->entity_ids, RA_PROV_RULE,
			    RULE_NAMING);
	} else if (base != NULL) {
		if (d->tab == RA_TAB_BPF)
			by(&o->tab_by, &o->tab_ids, RA_PROV_RULE, RULE_BPF);
		else if (d->tab == RA_TAB_CUSTOM)
			by(&o->tab_by, &o->tab_ids, RA_PROV_RULE, RULE_CUSTOM);
		else
			by(&o->tab_by, &o->tab_ids, RA_PROV_UNPLACED,
			    "unplaced");
		by(&o->entity_by, &o->entity_ids, RA_PROV_RULE, RULE_NAMING);
	} else
		by(&o->tab_by, &o->tab_ids, RA_PROV_UNPLACED, "unplaced");
}

/* Step 2: what the solution's metadata for table T decides. */
static void
from_solution(const struct ra_table *t, struct ra_pinfo *o)
{
	o->table = t;
	if (t->bpf == 1) {
		o->tab = RA_TAB_BPF;
		by(&o->tab_by, &o->tab_ids, RA_PROV_SOLUTION, SOL_BPF);
	} else if (t->custom == 1 && o->tab_by != RA_PROV_SOURCE) {
		o->tab = RA_TAB_CUSTOM;
		by(&o->tab_by, &o->tab_ids, RA_PROV_SOLUTION, SOL_CUSTOM);
	}
	if (t->display != NULL && *t->display) {
		o->entity = t->display;
		by(&o->entity_by, &o->entity_ids, RA_PROV_SOLUTION, SOL_NAME);
	}
	if (t->owner != RA_OWNER_UNKNOWN) {
		o->owner = t->owner;
		by(&o->owner_by, &o->owner_ids, RA_PROV_SOLUTION, SOL_OWNER);
	}
}

/* Step 3: the depths, when no --catalog row gave them. */
static void
depths(const struct ra_kb_priv *kp, int table_priv, struct ra_pinfo *o)
{
	unsigned	 own;

	if (o->depths_by != RA_PROV_UNPLACED)
		return;
	own = table_priv ? ra_owner_depths(o->owner, o->access) : 0;
	if (kp != NULL && kp->depths &&
	    strncmp(kp->basis, "stated", 6) == 0) {
		o->depths = kp->depths;
		by(&o->depths_by, &o->depth_ids, ra_prov_of(kp->depth_src),
		    kp->depth_src);
	} else if (own && o->owner_by == RA_PROV_SOLUTION) {
		o->depths = own;
		by(&o->depths_by, &o->depth_ids, RA_PROV_SOLUTION, SOL_OWNER);
	} else if (kp != NULL && kp->depths) {
		o->depths = kp->depths;
		by(&o->depths_by, &o->depth_ids, ra_prov_of(kp->depth_src),
		    kp->depth_src);
	} else if (own) {
		o->depths = own;
		by(&o->depths_by, &o->depth_ids, RA_PROV_RULE, RULE_OWNER);
	} else if (o->section == RA_SECTION_PRIVACY) {
		o->depths = RA_DEPTH(RA_LEVEL_GLOBAL);
		by(&o->depths_by, &o->depth_ids, RA_PROV_RULE, RULE_PRIVACY);
	} else
		o->depth_ids = "unplaced";
}

void
ra_pinfo_def(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, const struct ra_privdef *d, struct ra_pinfo *o)
{
	const struct ra_kb		*kb = ra_kb();
	const struct ra_kb_priv		*kp;
	const struct ra_kb_base		*kbase = NULL;
	const struct ra_kb_table	*kt = NULL;
	const struct ra_table		*t = NULL;
	const char			*base;
	size_t				 blen = 0, i;
	int				 table_priv;

	(void)ctx;
	memset(o, 0, sizeof(*o));
	o->name = d->name;
	o->tab = (unsigned)d->tab < RA_TAB__COUNT ? d->tab : RA_TAB_MISSING;
	o->section = d->section;
	o->access = d->access;
	o->entity = d->entity != NULL ? d->entity : "";
	o->in_catalog = d->listed;
	o->tab_by = o->entity_by = o->depths_by = o->owner_by =
	    RA_PROV_UNPLACED;
	o->tab_ids = o->entity_ids = o->depth_ids = o->observed_ids =
	    o->owner_ids = "";
	kp = ra_kb_priv(kb, d->name, strlen(d->name));
	if ((base = ra_priv_base(d->name, NULL)) != NULL) {
		blen = strlen(base);
		kbase = ra_kb_base(kb, base, blen);
	}
	/* Only the entity grid's privileges are a table's. */
	table_priv = base != NULL && d->section == RA_SECTION_ENTITIES &&
	    d->access != RA_ACCESS_NONE;
	from_catalog(d, kp, kbase, base, o);
	if (table_priv) {
		if ((kt = ra_kb_table_by_base(kb, base, blen)) == NULL)
			kt = ra_kb_table(kb, base, blen);
		o->kb_table = kt;
		if (kt != NULL && kt->owner != RA_OWNER_UNKNOWN) {
			o->owner = kt->owner;
			by(&o->owner_by, &o->owner_ids,
			    ra_prov_of(kt->owner_src), kt->owner_src);
		}
		for (i = 0; i < nsol && t == NULL; i++)
			t = ra_solution_table(sol[i], base, blen);
		if (t != NULL)
			from_solution(t, o);
	}
	depths(kp, table_priv, o);
	if (kp != NULL) {
		o->observed = kp->observed;
		o->observed_ids = kp->observed_src;
	}
}

void
ra_pinfo(const struct ra_ctx *ctx, const struct ra_solution *const *sol,
    size_t nsol, size_t priv, struct ra_pinfo *o)
{
	struct ra_privdef	 d;

	ra_catalog_def(&ctx->cat, priv, &d);
	ra_pinfo_def(ctx, sol, nsol, &d, o);
}

void
ra_pinfo_label(const struct ra_pinfo *o, struct ra_buf *b)
{
	ra_buf_adds(b, *o->entity ? o->entity : o->name);
	if (o->section == RA_SECTION_ENTITIES && o->access != RA_ACCESS_NONE) {
		ra_buf_adds(b, ": ");
		ra_buf_adds(b, ra_access_label(o->access));
	}
}

int
ra_pinfo_access_ok(const struct ra_pinfo *o)
{
	return !(o->owner == RA_OWNER_ORG && (o->access ==
	    RA_ACCESS_ASSIGN || o->access == RA_ACCESS_SHARE));
}
