#!/bin/sh
# windows.sh EXE LINUX RUNNER - what only the Windows build has, each
# checked against the static Linux build doing the same:
#
#  - names in UTF-8: a zip and an unpacked folder whose folder, file and
#    role file names are not ASCII, and a role name as an argument,
#    reach roleaudit.exe through the wide-character entry point and the
#    wide file calls: the same report, diagnostics and exit status;
#  - -o over an existing file replaces it (MoveFileExW: rename() cannot
#    on Windows) with the whole report, leaving no temporary beside it;
#    a run that fails leaves the old report as it was;
#  - -o NUL writes to the device, as -o /dev/null does on Linux, and
#    makes no file named NUL;
#  - standard output is binary: a report has no CR before LF.
#
# Run by tests/dist/run.sh, with RUNNER tests/dist/wine.sh.  Ends with
# `windows: N passed, N failed`.
set -u
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
# Absolute: the builds also run in scratch directories.
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
exe=$(abs "$1") linux=$(abs "$2") runner=$(abs "$3")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

# same LABEL ARG...: both builds run ARG in the scratch directory; their
# standard output, standard error and exit status must be the same.
same() {
	label=$1
	shift
	(cd "$tmp" && "$linux" "$@") >"$tmp/l.out" 2>"$tmp/l.err" </dev/null
	echo $? >"$tmp/l.rc"
	(cd "$tmp" && "$runner" "$exe" "$@") >"$tmp/w.out" 2>"$tmp/w.err" \
	    </dev/null
	echo $? >"$tmp/w.rc"
	if cmp -s "$tmp/l.out" "$tmp/w.out" && cmp -s "$tmp/l.err" \
	    "$tmp/w.err" && cmp -s "$tmp/l.rc" "$tmp/w.rc"; then
		ok
	else
		no "$label: the builds differ (exit $(cat "$tmp/l.rc") and" \
		    "$(cat "$tmp/w.rc"))"
		diff "$tmp/l.out" "$tmp/w.out" | head -10
		diff "$tmp/l.err" "$tmp/w.err" | head -10
	fi
}

# ---- names in UTF-8 --------------------------------------------------

d="Équipe ü €"
mkdir -p "$tmp/$d/Dossier ñ/Roles"
cp samples/sss-mixed.zip "$tmp/$d/Rôles ✓.zip"
cp tests/fixtures/diff/old/Roles/*.xml "$tmp/$d/Dossier ñ/Roles/"
mv "$tmp/$d/Dossier ñ/Roles/Retired.xml" "$tmp/$d/Dossier ñ/Roles/Rôle à la retraite.xml"
same "a zip named in UTF-8" check -f json "$d/Rôles ✓.zip"
same "a folder with UTF-8 names" check -f json "$d/Dossier ñ"
same "a folder with UTF-8 names, by its absolute path" roles "$tmp/$d/Dossier ñ"
same "a role named in UTF-8" check --combine \
    "Ventes & Service — Équipe, Nord/Sud,Sales Assistant" "$d/Rôles ✓.zip"
same "a missing file named in UTF-8" check "$d/Absent ß.zip"

# ---- -o replaces a file ----------------------------------------------

"$linux" check -f json "$tmp/$d/Rôles ✓.zip" >"$tmp/want.json"
mkdir -p "$tmp/o"
report="$tmp/o/rapport é.json"
echo old >"$report"
"$runner" "$exe" check -f json -o "$report" "$tmp/$d/Rôles ✓.zip" \
    </dev/null >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && cmp -s "$report" "$tmp/want.json" &&
    [ "$(ls -A "$tmp/o")" = "${report##*/}" ]; then
	ok
else
	no "-o over an existing file: exit $rc, $(ls -A "$tmp/o" | wc -l)" \
	    "files, $(cat "$tmp/err")"
fi
"$runner" "$exe" check -f json -o "$report" tests/fixtures/truncated.zip \
    </dev/null >/dev/null 2>/dev/null
rc=$?
if [ $rc = 3 ] && cmp -s "$report" "$tmp/want.json" &&
    [ "$(ls -A "$tmp/o")" = "${report##*/}" ]; then
	ok
else
	no "-o with a broken input: exit $rc, the old report or the" \
	    "folder changed: $(ls -A "$tmp/o")"
fi

# ---- -o NUL ----------------------------------------------------------

mkdir -p "$tmp/nul"
"$linux" check -o /dev/null "$root/samples/sss-mixed.zip" >/dev/null 2>&1
want=$?
(cd "$tmp/nul" && "$runner" "$exe" check -o NUL \
    "$root/samples/sss-mixed.zip") </dev/null >"$tmp/w.out" 2>"$tmp/w.err"
rc=$?
if [ $rc = "$want" ] && [ ! -s "$tmp/w.out" ] && [ ! -s "$tmp/w.err" ] &&
    [ -z "$(ls -A "$tmp/nul")" ]; then
	ok
else
	no "-o NUL: exit $rc (Linux $want), left: $(ls -A "$tmp/nul")," \
	    "$(cat "$tmp/w.err")"
fi

# ---- binary standard output ------------------------------------------

"$runner" "$exe" check -f csv samples/sss-mixed.zip </dev/null \
    >"$tmp/w.csv" 2>/dev/null
if [ -s "$tmp/w.csv" ] && ! grep -q "$(printf '\r')" "$tmp/w.csv"; then
	ok
else
	no "check -f csv: CR in standard output, or none at all"
fi

echo "windows: $pass passed, $fail failed"
[ "$fail" = 0 ]
