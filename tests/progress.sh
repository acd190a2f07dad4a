#!/bin/sh
# progress.sh BIN - the progress line and -j.
#
# 60 copies of a generated 15 MB solution keep `check -j 1` busy for
# longer than the second after which progress shows.  Checks: --progress
# draws "N/60 inputs ... MB/s" lines and erases them; without a terminal
# nothing is drawn; on a terminal (script(1)) it is drawn unless CI is
# set; -j 2 gives the same report as -j 1.  Ends with "N passed, N failed".
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

python3 "$root/tests/bench/gen.py" roles 0.1 "$tmp/one.zip" || exit 2
mkdir "$tmp/in"
i=0
while [ $i -lt 60 ]; do
	ln "$tmp/one.zip" "$tmp/in/s$i.zip" 2>/dev/null ||
	    cp "$tmp/one.zip" "$tmp/in/s$i.zip"
	i=$((i + 1))
done

"$bin" check -q -j 1 --progress "$tmp"/in/*.zip >"$tmp/out1" 2>"$tmp/err"
if grep -q 'inputs, [0-9]* MB, [0-9]* MB/s' "$tmp/err" &&
    [ "$(tail -c 4 "$tmp/err" | od -An -c | tr -d ' \n')" = '\r033[K' ]; then
	ok
else
	bad "--progress: no progress line, or not erased at the end"
fi

"$bin" check -q -j 1 "$tmp"/in/*.zip >/dev/null 2>"$tmp/err"
if [ -s "$tmp/err" ]; then
	bad "progress drawn on a pipe without --progress"
else
	ok
fi

# script(1) exits with the command's status: 1, as the roles fail.
script -qec "env -u CI '$bin' check -q -j 1 $tmp/in/*.zip >/dev/null" \
    "$tmp/tty" >/dev/null 2>&1 </dev/null
if grep -q 'inputs, ' "$tmp/tty"; then
	ok
else
	bad "no progress on a terminal"
fi
script -qec "env CI=true '$bin' check -q -j 1 $tmp/in/*.zip >/dev/null" \
    "$tmp/tty" >/dev/null 2>&1 </dev/null
if grep -q 'COMMAND=' "$tmp/tty" && ! grep -q 'inputs, ' "$tmp/tty"; then
	ok
else
	bad "progress drawn on a terminal with CI set"
fi

"$bin" check -q -j 2 "$tmp"/in/*.zip >"$tmp/out2" 2>/dev/null
if cmp -s "$tmp/out1" "$tmp/out2"; then
	ok
else
	bad "-j 2 and -j 1 reports differ"
fi
echo "progress: $pass passed, $fail failed"
[ $fail = 0 ]
