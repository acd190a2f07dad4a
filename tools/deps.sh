#!/bin/sh
# deps.sh - make sure the Debian packages roleaudit needs are installed.
# As root, installs what is missing; otherwise prints the exact command.
#
#   sh tools/deps.sh [EXTRA-PACKAGE...]
set -eu
pkgs="gcc make pkg-config libxml2-dev libzip-dev libcsv-dev libjansson-dev nettle-dev libisal-dev libcmocka-dev $*"
missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || true
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
	echo "deps: missing Debian packages. Run:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
