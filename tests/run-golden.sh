#!/bin/sh
# run-golden.sh BIN - golden tests of roleaudit's output, diagnostics and
# exit status.
#
# Each tests/golden/<case>/ holds:
#   args         the command line after the program name, in sh syntax,
#                with paths relative to the repository root; $OUT names a
#                fresh scratch directory for -o tests
#   expect.out   standard output          expect.err   standard error
#   expect.rc    exit status
#   expect.file  (optional) what must be in $OUT/report afterwards
#   expect.nofile (optional, empty) $OUT must be left empty
#   stdin        (optional) fed to standard input; else /dev/null
# Runs from the repository root with LC_ALL=C.  UPDATE=1 rewrites the
# expectations from the actual results (review the diff before committing).
# RUNNER, when set, is put before the program (as `make valgrind` does);
# SHARD=i/n runs only every n-th case from the i-th (0-based), so that
# slow runners can share the cases out.
set -u
LC_ALL=C
export LC_ALL
# HTML reports show when they were made: a fixed time keeps them stable.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
unset NO_COLOR
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
shard=${SHARD:-0/1}
shard_i=${shard%/*} shard_n=${shard#*/} k=0
for dir in tests/golden/*/; do
	k=$((k + 1))
	[ $(((k - 1) % shard_n)) = "$shard_i" ] || continue
	case=$(basename "$dir")
	OUT=$tmp/out.$case
	mkdir -p "$OUT"
	export OUT
	eval "set -- $(cat "$dir/args")"
	in=/dev/null
	[ -f "$dir/stdin" ] && in=$dir/stdin
	${RUNNER:-} "$bin" "$@" >"$tmp/out.raw" 2>"$tmp/err.raw" <"$in"
	echo $? >"$tmp/rc"
	# The scratch directory's name changes every run.
	for f in out err; do
		sed "s|$OUT|\$OUT|g" "$tmp/$f.raw" >"$tmp/$f"
	done
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$dir/expect.out"
		cp "$tmp/err" "$dir/expect.err"
		cp "$tmp/rc" "$dir/expect.rc"
		[ -f "$dir/expect.file" ] && cp "$OUT/report" "$dir/expect.file"
	fi
	ok=1
	for f in out err rc; do
		if ! diff -u "$dir/expect.$f" "$tmp/$f" >"$tmp/diff"; then
			echo "FAIL $case: $f differs"
			sed 's/^/    /' "$tmp/diff" | head -40
			ok=0
		fi
	done
	if [ -f "$dir/expect.file" ] &&
	    ! diff -u "$dir/expect.file" "$OUT/report" >"$tmp/diff" 2>&1; then
		echo "FAIL $case: written report differs"
		sed 's/^/    /' "$tmp/diff" | head -40
		ok=0
	fi
	if [ -f "$dir/expect.nofile" ] && [ -n "$(ls -A "$OUT")" ]; then
		echo "FAIL $case: files were left in the output directory:"
		ls -A "$OUT" | sed 's/^/    /'
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
