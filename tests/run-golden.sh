#!/bin/sh
# run-golden.sh BIN [CASE...] - golden tests of roleaudit's output,
# diagnostics and exit status: every case, or only the CASEs named
# (tests/golden/<case>, with or without the leading tests/golden/).
# tests/golden/README.md shows how to add a case.
#
# A case is a folder tests/golden/<case>/ holding:
#   reason        one line: why the case exists, what it checks
#   args          a command line: what follows the program name, in sh
#                 syntax, with paths relative to the repository root;
#                 $OUT names a fresh scratch directory for -o tests, and
#                 `< FILE` feeds FILE to standard input
#   expect.out    its standard output
#   expect.err    its standard error
#   expect.rc     its exit status
#   expect.file   (optional) what must be in $OUT/report afterwards
#   expect.nofile (optional, empty) $OUT must be left empty
#   args.<fmt>    (optional) another command line on the same inputs,
#                 usually the same report in format <fmt>; its standard
#                 output is expect.<fmt>, and expect.<fmt>.err,
#                 expect.<fmt>.rc, expect.<fmt>.file, expect.<fmt>.nofile
#                 play the parts above.  Without expect.<fmt>.err or
#                 expect.<fmt>.rc, the case's expect.err or expect.rc
#                 holds.  A case needs args, or args.<fmt>, or both.
#   stdin         (optional) standard input of each command line of the
#                 case that has no `<`; else /dev/null
#   VARIANT.sed   (optional) a sed script for the output of one build,
#                 applied to standard output, standard error and the -o
#                 report of each command line before comparing, when
#                 VARIANT is among the words of $VARIANT; its first line
#                 is a comment saying what differs and why
#   VARIANT.skip  (optional) one line: why the case cannot run on that
#                 build; it is reported as SKIP with the line, and its
#                 command lines are counted as skipped
#   other files   inputs that only this case reads
# Inputs that several cases read live in tests/fixtures/ and the cases
# name them by that path, as in `check -p tests/fixtures/mailbox.csv`.
#
# Runs from the repository root with LC_ALL=C.  Every command line of a
# case counts once in the `N passed, N failed` that ends the output, and
# so does a case without a one-line reason, with an expectation that no
# command line owns, or with a misnamed args.<fmt>.
#
# UPDATE=1 rewrites the expectations of the cases run from the actual
# results (review the diff before committing).  It writes expect.<fmt>.err
# or .rc only when that file exists already or when the result differs
# from the case's expect.err or expect.rc; a case without args takes
# those two from its first args.<fmt>.  RUNNER, when set, is put before
# the program (as `make valgrind` does); SHARD=i/n runs only every n-th
# case from the i-th (0-based), so that slow runners can share the cases
# out.  SCAN_EQUIV=1 (tests/scan-equiv.sh) runs the check, roles, diff
# and matrix command lines again with --scan-size 1 and compares them to
# the same expectations, without rewriting any.  VARIANT names the build
# under test in words, e.g. "dist" for dist/roleaudit-linux-x86_64 and
# "dist windows" for dist/roleaudit.exe under wine (make test-dist): the
# cases' VARIANT.sed and VARIANT.skip files of those words apply, and the
# last line adds ", N skipped"; the expectations themselves are always
# those of the native build, so UPDATE=1 refuses to run with VARIANT.
set -u
LC_ALL=C
export LC_ALL
# HTML reports show when they were made: a fixed time keeps them stable.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
unset NO_COLOR
me=$(basename "$0")
if [ $# -lt 1 ]; then
	echo "usage: sh $me BIN [CASE...]" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
golden=tests/golden
scan=
update=${UPDATE:-}
name=golden
if [ "${SCAN_EQUIV:-}" = 1 ]; then
	scan=1 update= name=scan-equiv
fi
variant=${VARIANT:-}
if [ -n "$variant" ] && [ "$update" = 1 ]; then
	echo "$me: UPDATE=1 with VARIANT: expectations are the native build's" >&2
	exit 2
fi

# The cases to run, one name a line.
cases=
if [ $# = 0 ]; then
	for dir in "$golden"/*/; do
		cases="$cases$(basename "$dir")
"
	done
else
	for arg in "$@"; do
		c=${arg#./}
		c=${c#"$golden"/}
		c=${c%/}
		case $c in
		''|*/*|.|..) c= ;;
		esac
		if [ -z "$c" ] || [ ! -d "$golden/$c" ]; then
			echo "$me: no case '$arg': not a folder in $golden/" >&2
			exit 2
		fi
		cases="$cases$c
"
	done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 skip=0
shard=${SHARD:-0/1}
shard_i=${shard%/*} shard_n=${shard#*/} k=0

# fail_case MESSAGE: a problem with the case as a whole.
fail_case() {
	echo "FAIL $case: $1"
	fail=$((fail + 1))
}

# expect LINE KIND: the file that holds KIND (out, err, rc, file or
# nofile) for command line LINE (args or args.<fmt>) of the case.
expect() {
	if [ "$1" = args ]; then
		echo "$dir/expect.$2"
		return
	fi
	f=${1#args.}
	case $2 in
	out) echo "$dir/expect.$f" ;;
	err|rc)
		if [ -f "$dir/expect.$f.$2" ] || [ ! -f "$dir/expect.$2" ]; then
			echo "$dir/expect.$f.$2"
		else
			echo "$dir/expect.$2"
		fi
		;;
	*) echo "$dir/expect.$f.$2" ;;
	esac
}

# run ARG...: the program, as the command line names it.  In scan mode
# --scan-size 1 goes after the command.
run() {
	if [ -n "$scan" ]; then
		c=$1
		shift
		set -- "$c" --scan-size 1 "$@"
	fi
	${RUNNER:-} "$bin" "$@"
}

# first ARG...: the command of a command line.
first() {
	echo "${1:-}"
}

# update LINE: rewrite the expectations of command line LINE.
update() {
	cp "$tmp/out" "$(expect "$1" out)"
	for f in err rc; do
		shared=$dir/expect.$f own=$shared
		if [ "$1" != args ]; then
			own=$dir/expect.${1#args.}.$f
			if [ -f "$own" ]; then
				:
			elif [ ! -f "$shared" ]; then
				own=$shared
			elif cmp -s "$shared" "$tmp/$f"; then
				continue
			fi
		fi
		cp "$tmp/$f" "$own"
	done
	f=$(expect "$1" file)
	[ -f "$f" ] && cp "$OUT/report" "$f"
}

# check LINE: run command line LINE of the case and compare.
check() {
	line=$1 label=$case/$1
	OUT=$tmp/out.$case.$line
	mkdir -p "$OUT"
	export OUT
	in=/dev/null
	[ -f "$dir/stdin" ] && in=$dir/stdin
	if [ -n "$scan" ]; then
		case $(eval "first $(cat "$dir/$line")" </dev/null) in
		check|roles|diff|matrix) ;;
		*) return ;;
		esac
	fi
	eval "run $(cat "$dir/$line")" <"$in" >"$tmp/out.raw" \
	    2>"$tmp/err.raw"
	echo $? >"$tmp/rc"
	# The scratch directory's name changes every run.
	for f in out err; do
		sed "s|$OUT|\$OUT|g" "$tmp/$f.raw" >"$tmp/$f"
	done
	report=$OUT/report
	for w in $variant; do
		[ -f "$dir/$w.sed" ] || continue
		for f in out err; do
			sed -f "$dir/$w.sed" "$tmp/$f" >"$tmp/$f.sed" &&
			    mv "$tmp/$f.sed" "$tmp/$f"
		done
		if [ -f "$report" ]; then
			sed -f "$dir/$w.sed" "$report" >"$tmp/report.$w"
			report=$tmp/report.$w
		fi
	done
	[ "$update" = 1 ] && update "$line"
	ok=1
	for f in out err rc; do
		if ! diff -u "$(expect "$line" $f)" "$tmp/$f" >"$tmp/diff" 2>&1
		then
			echo "FAIL $label: $f differs"
			sed 's/^/    /' "$tmp/diff" | head -40
			ok=0
		fi
	done
	f=$(expect "$line" file)
	if [ -f "$f" ] && ! diff -u "$f" "$report" >"$tmp/diff" 2>&1; then
		echo "FAIL $label: written report differs"
		sed 's/^/    /' "$tmp/diff" | head -40
		ok=0
	fi
	if [ -f "$(expect "$line" nofile)" ] && [ -n "$(ls -A "$OUT")" ]; then
		echo "FAIL $label: files were left in the output directory:"
		ls -A "$OUT" | sed 's/^/    /'
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# lint: the case states why it exists, and every file named args.* or
# expect.* belongs to a command line.
lint() {
	if [ ! -f "$dir/reason" ] || [ "$(grep -c . "$dir/reason")" != 1 ] ||
	    [ $(($(wc -l <"$dir/reason"))) != 1 ]; then
		fail_case "reason must hold one line: why the case exists"
	fi
	for f in "$dir"/args.*; do
		[ -f "$f" ] || continue
		case ${f##*/args.} in
		*[!a-z0-9-]*|out|err|rc|file|nofile)
			fail_case "${f##*/}: name it args.<fmt>, <fmt> in a-z, 0-9, -, not out, err, rc, file or nofile"
			;;
		esac
	done
	for f in "$dir"/expect.*; do
		[ -f "$f" ] || continue
		e=${f##*/expect.}
		case $e in
		err|rc)
			[ -n "$lines" ] && continue
			owner=args ;;
		out|file|nofile) owner=args ;;
		*.err|*.rc|*.file|*.nofile) owner=args.${e%.*} ;;
		*) owner=args.$e ;;
		esac
		[ -f "$dir/$owner" ] ||
		    fail_case "${f##*/} belongs to $owner, which is missing"
	done
	[ -n "$lines" ] || fail_case "no args and no args.<fmt>"
	for f in "$dir"/*.sed "$dir"/*.skip; do
		[ -f "$f" ] || continue
		case ${f##*/} in
		*.sed) [ "$(head -c 2 "$f")" = "# " ] ||
		    fail_case "${f##*/}: its first line must be a comment: what differs and why" ;;
		*.skip) [ "$(grep -c . "$f")" = 1 ] ||
		    fail_case "${f##*/} must hold one line: why the case cannot run" ;;
		esac
	done
}

# skipped: the case declares it cannot run on the build under test.
skipped() {
	for w in $variant; do
		if [ -f "$dir/$w.skip" ]; then
			echo "SKIP $case ($w): $(cat "$dir/$w.skip")"
			for l in $lines; do
				skip=$((skip + 1))
			done
			return 0
		fi
	done
	return 1
}

for case in $cases; do
	k=$((k + 1))
	[ $(((k - 1) % shard_n)) = "$shard_i" ] || continue
	dir=$golden/$case
	lines=
	[ -f "$dir/args" ] && lines=args
	for f in "$dir"/args.*; do
		[ -f "$f" ] && lines="$lines ${f##*/}"
	done
	[ -n "$scan" ] || lint
	skipped && continue
	for line in $lines; do
		check "$line"
	done
done
if [ -n "$variant" ]; then
	echo "$name ($variant): $pass passed, $fail failed, $skip skipped"
else
	echo "$name: $pass passed, $fail failed"
fi
[ $fail = 0 ]
