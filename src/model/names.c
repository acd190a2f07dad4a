/*
 * names.c - the one place the names of levels, tabs, sections, access
 * rights and severities are spelled, both ways: the solution XML's level
 * names (Basic ... Global), the editor's (User ... Organization), and the
 * spellings CSV files and options may use.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"

RA_EXPORT const char *
ra_strerror(enum ra_err e)
{
	switch (e) {
	case RA_OK:		return "success";
	case RA_ENOMEM:		return "out of memory";
	case RA_EIO:		return "input/output error";
	case RA_EZIP:		return "bad zip archive";
	case RA_EXML:		return "malformed XML";
	case RA_ECSV:		return "malformed CSV";
	case RA_ELIMIT:		return "limit exceeded";
	case RA_EINPUT:		return "not a solution or role file";
	case RA_ENOTFOUND:	return "not found";
	case RA_EINVAL:		return "invalid argument";
	}
	return "unknown error";
}

RA_EXPORT const char *
ra_level_name(enum ra_level l)
{
	static const char	*names[] = { "None", "Basic", "Local", "Deep",
	    "Global" };

	return (unsigned)l <= RA_LEVEL_GLOBAL ? names[l] : "None";
}

RA_EXPORT enum ra_err
ra_level_parse(const char *s, enum ra_level *out)
{
	static const struct {
		const char	*name;
		enum ra_level	 level;
	} t[] = {
		{ "none", RA_LEVEL_NONE },
		{ "basic", RA_LEVEL_BASIC },
		{ "user", RA_LEVEL_BASIC },
		{ "local", RA_LEVEL_LOCAL },
		{ "business unit", RA_LEVEL_LOCAL },
		{ "deep", RA_LEVEL_DEEP },
		{ "parent: child business units", RA_LEVEL_DEEP },
		{ "parent: child business unit", RA_LEVEL_DEEP },
		{ "parent:child business units", RA_LEVEL_DEEP },
		{ "global", RA_LEVEL_GLOBAL },
		{ "organization", RA_LEVEL_GLOBAL },
	};
	size_t	 i;

	/* The exact solution XML spellings first: this runs per privilege. */
	for (i = RA_LEVEL_BASIC; i <= RA_LEVEL_GLOBAL; i++)
		if (strcmp(s, ra_level_name((enum ra_level)i)) == 0) {
			*out = (enum ra_level)i;
			return RA_OK;
		}
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (ra_strcaseeq(s, t[i].name)) {
			*out = t[i].level;
			return RA_OK;
		}
	return RA_EINVAL;
}

static const char *const tab_names[RA_TAB__COUNT] = {
	"Core Records", "Marketing", "Sales", "Service",
	"Business Management", "Service Management", "Customization",
	"Missing Entities", "Business Process Flows", "Custom Entities"
};

static const char *const section_names[RA_SECTION__COUNT] = {
	"", "Miscellaneous Privileges", "Privacy-related Privileges"
};

RA_EXPORT const char *
ra_tab_name(enum ra_tab t)
{
	return (unsigned)t < RA_TAB__COUNT ? tab_names[t] : "";
}

RA_EXPORT const char *
ra_section_name(enum ra_section s)
{
	return (unsigned)s < RA_SECTION__COUNT ? section_names[s] : "";
}

int
ra_tab_parse(const char *s, enum ra_tab *out)
{
	size_t	 i;

	for (i = 0; i < RA_TAB__COUNT; i++)
		if (ra_strcaseeq(s, tab_names[i])) {
			*out = (enum ra_tab)i;
			return 0;
		}
	if (ra_strcaseeq(s, "Core")) {
		*out = RA_TAB_CORE;
		return 0;
	}
	if (ra_strcaseeq(s, "Customizations")) {
		*out = RA_TAB_CUSTOMIZATION;
		return 0;
	}
	return -1;
}

int
ra_section_parse(const char *s, enum ra_section *out)
{
	if (*s == '\0' || ra_strcaseeq(s, "Entities")) {
		*out = RA_SECTION_ENTITIES;
		return 0;
	}
	if (ra_strcaseeq(s, "Miscellaneous Privileges") ||
	    ra_strcaseeq(s, "Miscellaneous")) {
		*out = RA_SECTION_MISC;
		return 0;
	}
	if (ra_strcaseeq(s, "Privacy-related Privileges") ||
	    ra_strcaseeq(s, "Privacy Related Privileges") ||
	    ra_strcaseeq(s, "Privacy-related") ||
	    ra_strcaseeq(s, "Privacy")) {
		*out = RA_SECTION_PRIVACY;
		return 0;
	}
	return -1;
}

const char *
ra_access_name(enum ra_access a)
{
	static const char	*names[RA_ACCESS__COUNT] = { "", "Create",
	    "Read", "Write", "Delete", "Append", "AppendTo", "Assign",
	    "Share" };

	return (unsigned)a < RA_ACCESS__COUNT ? names[a] : "";
}

const char *
ra_access_label(enum ra_access a)
{
	return a == RA_ACCESS_APPENDTO ? "Append To" : ra_access_name(a);
}

const char *
ra_need_name(enum ra_level min)
{
	return min <= RA_LEVEL_BASIC ? "any depth" : ra_level_editor_name(min);
}

int
ra_access_parse(const char *s, enum ra_access *out)
{
	size_t	 i;

	if (*s == '\0' || ra_strcaseeq(s, "Misc")) {
		*out = RA_ACCESS_NONE;
		return 0;
	}
	for (i = 0; i < RA_ACCESS__COUNT; i++)
		if (ra_strcaseeq(s, ra_access_name((enum ra_access)i))) {
			*out = (enum ra_access)i;
			return 0;
		}
	if (ra_strcaseeq(s, "Append To")) {
		*out = RA_ACCESS_APPENDTO;
		return 0;
	}
	return -1;
}

/* "User (Basic)" and the like: the editor's name, then the export's. */
const char *
ra_level_both(enum ra_level l)
{
	static const char *const names[] = { "None", "User (Basic)",
	    "Business Unit (Local)", "Parent: Child Business Units (Deep)",
	    "Organization (Global)" };

	return (unsigned)l <= RA_LEVEL_GLOBAL ? names[l] : names[0];
}

/* DEPTHS as "Organization (Global)" or "User (Basic), Organization (Global)". */
void
ra_depths_format(unsigned depths, struct ra_buf *b)
{
	enum ra_level	 l;
	int		 n = 0;

	for (l = RA_LEVEL_BASIC; l <= RA_LEVEL_GLOBAL; l++)
		if (depths & RA_DEPTH(l)) {
			ra_buf_adds(b, n++ ? ", " : "");
			ra_buf_adds(b, ra_level_both(l));
		}
}

const char *
ra_level_editor_name(enum ra_level l)
{
	static const char *const names[] = { "None", "User", "Business Unit",
	    "Parent: Child Business Units", "Organization" };

	return (unsigned)l <= RA_LEVEL_GLOBAL ? names[l] : "None";
}

const char *
ra_severity_name(enum ra_severity s)
{
	static const char *const names[] = { "note", "warning", "error" };

	return (unsigned)s <= RA_SEV_ERROR ? names[s] : "error";
}
