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
exec wine "$@"
