#!/bin/sh
# run.sh - show that tools/layers.py fails when it should.
#
#   sh tests/layers/run.sh
#
# Builds tiny objects in stage folders under a scratch directory, with
# the real src/layers.txt, and checks: a downward call passes; a call up
# a stage, a call to a stage not listed, and two files of one stage that
# call each other each fail with a line naming the file, the symbol and
# the stages (or the circle).
set -eu
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/../.."
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

obj() {	# obj STAGE/NAME 'C source'
	mkdir -p "$tmp/o/${1%/*}"
	printf '%s\n' "$2" > "$tmp/src.c"
	$cc -c -o "$tmp/o/$1.o" "$tmp/src.c"
}

expect() {	# expect NAME RC PATTERN: run the check, compare
	rc=0
	python3 tools/layers.py --rules src/layers.txt "$tmp/o" > "$tmp/out" \
	    2>&1 || rc=$?
	if [ "$rc" = "$2" ] && grep -q -- "$3" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: exit $rc, expected $2 and /$3/ in:"
		sed 's/^/    /' "$tmp/out"
	fi
	rm -rf "$tmp/o"
}

obj base/util 'int b(void){return 1;}'
obj model/ctx 'int b(void); int m(void){return b();}'
expect downward 0 'layers: 1 passed, 0 failed'

obj base/util 'int m(void); int b(void){return m();}'
obj model/ctx 'int m(void){return 2;}'
expect upward 1 'src/base/util.c calls m of src/model/ctx.c: stage base may not call stage model'

obj analyze/diff 'int i(void); int d(void){return i();}'
obj input/load 'int i(void){return 3;}'
expect sideways 1 'stage analyze may not call stage input'

obj model/a 'int y(void); int x(void){return y();}'
obj model/b 'int x(void); int y(void){return x();}'
expect circle 1 'circle: src/model/a.c -> src/model/b.c'

mkdir -p "$tmp/o/nowhere"
obj base/util 'int b(void){return 1;}'
mkdir -p "$tmp/o/nowhere"
expect undeclared 1 'a stage that src/layers.txt does not declare'

echo "layers-selftest: $pass passed, $fail failed"
[ "$fail" = 0 ]
