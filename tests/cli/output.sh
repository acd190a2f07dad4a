#!/bin/sh
# output.sh BIN - what -o does with a target that is not a regular file.
#
# Writing a report atomically means a temporary file renamed over the
# target; over a device or a pipe that would put a regular file where the
# device was (as root, `-o /dev/null` replaced /dev/null).  A FIFO stands
# in for any such target: the report must come out of it, and it must
# still be a FIFO afterwards.  A regular file is still replaced whole.
# An output that cannot be written (/dev/full) is exit 4 and one line
# naming it and the reason, in every format, never a line per element.
set -u
LC_ALL=C
export LC_ALL
bin=$1
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

mkfifo "$tmp/fifo"
# Bounded: were the FIFO renamed over, nothing would ever open it to write.
timeout 20 cat "$tmp/fifo" > "$tmp/got" &
reader=$!
timeout 20 "$bin" check -f csv -o "$tmp/fifo" samples/sss-pass.zip
rc=$?
# Unblock the reader should the FIFO be gone from under it.
[ -p "$tmp/fifo" ] || kill $reader 2>/dev/null
wait $reader
[ "$rc" = 0 ] && ok || no "check -o FIFO: exit $rc"
[ -p "$tmp/fifo" ] && ok || no "the FIFO was replaced by a regular file"
"$bin" check -f csv samples/sss-pass.zip > "$tmp/want"
cmp -s "$tmp/want" "$tmp/got" && ok || no "the report read from the FIFO differs"
[ -z "$(ls -A "$tmp" | grep -v '^fifo$\|^got$\|^want$')" ] && ok ||
    no "files left beside the FIFO: $(ls -A "$tmp")"

echo old > "$tmp/file"
"$bin" check -f csv -o "$tmp/file" samples/sss-pass.zip
cmp -s "$tmp/want" "$tmp/file" && [ -f "$tmp/file" ] && ok ||
    no "a regular file is not replaced by the report"

if [ -c /dev/full ]; then
	for fmt in text csv json html md sarif; do
		"$bin" check -f "$fmt" samples/sss-mixed.zip >/dev/full \
		    2>"$tmp/err"
		rc=$?
		[ "$rc" = 4 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
		    grep -q '^roleaudit: standard output: cannot write: ' \
		    "$tmp/err" && ok ||
		    no "check -f $fmt >/dev/full: exit $rc, $(cat "$tmp/err")"
	done
	"$bin" matrix -f html samples/sss-mixed.zip >/dev/full 2>"$tmp/err"
	rc=$?
	[ "$rc" = 4 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && ok ||
	    no "matrix -f html >/dev/full: exit $rc, $(cat "$tmp/err")"
fi

echo "output: $pass passed, $fail failed"
[ "$fail" = 0 ]
