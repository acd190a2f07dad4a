#!/bin/sh
# scan-equiv.sh BIN [CASE...] - the <Roles> scan (src/parse/scan.c) must
# not change any result.  Every golden command line that reads inputs
# (check, roles, diff, matrix) is run again with --scan-size 1, so that
# each customizations.xml goes through the scan, and must give the same
# standard output, standard error, exit status and written report as its
# expectations say.  tests/run-golden.sh does the work (SCAN_EQUIV=1);
# ends with `scan-equiv: N passed, N failed`.
SCAN_EQUIV=1 exec sh "$(dirname "$0")/run-golden.sh" "$@"
