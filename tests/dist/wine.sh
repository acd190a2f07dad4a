#!/bin/sh
# wine.sh PROGRAM.exe ARG... - run a Windows console program under wine
# for the test suites, as their RUNNER (tests/dist/run.sh sets it):
# headless (no display, so no window), quiet (WINEDEBUG=-all), without
# the .NET and HTML engines wine would offer to download, in the prefix
# WINEPREFIX (build/wine, made by tests/dist/run.sh).  The program's
# standard streams, arguments and exit status pass through.
#
# Wine turns the Unix arguments into the UTF-16 command line by the Unix
# locale's character set: C.UTF-8, so that UTF-8 arguments arrive as
# the characters they are, as a Windows shell would pass them.  The
# program itself reads no Unix locale.
: "${WINEPREFIX:?wine.sh: set WINEPREFIX (tests/dist/run.sh does)}"
WINEDEBUG=-all
WINEDLLOVERRIDES="mscoree,mshtml="
LC_ALL=C.UTF-8
export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES LC_ALL
unset DISPLAY WAYLAND_DISPLAY
# Wine itself can fail before the program starts, on a loaded machine:
# "wine client error:0: recvmsg: Connection reset by peer" when its
# connection to the wineserver breaks.  That is the runner's failure,
# not the program's, so such a run is made again, up to twice, with
# standard output and error held in files meanwhile and passed on once
# a run counts.  Standard input is left alone: wine fails so before the
# program reads it.
tmp=$(mktemp -d) || exit 125
trap 'rm -rf "$tmp"' EXIT
for try in 1 2 3; do
	wine "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$try" -lt 3 ] && grep -q '^wine client error' "$tmp/err" || break
done
cat "$tmp/out"
cat "$tmp/err" >&2
exit $rc
