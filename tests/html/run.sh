#!/bin/sh
# run.sh BIN [OUTDIR] - the HTML reports in a real browser.
#
# Renders the check, diff and matrix reports of the samples and of
# tests/fixtures/hostile-names (role names made of markup) with roleaudit,
# opens each file:// page in headless Chromium, and checks with check.py
# what the browser made of it: the hostile names are text, there is no
# script, the grids are there, and the browser made no request to any
# network address (its netlog).  A canary page that does ask for remote
# resources proves the netlog check can see them.  The pages, their DOMs,
# netlogs and screenshots are kept in OUTDIR (default build/html;
# report.png is the check report) to look at.
#
# Chromium comes from Debian (chromium).  As root this installs it when
# it is missing (tools/deps.sh); as anyone else it is skipped with a
# clear line.  When the machine allows it, the browser runs in a network
# namespace of its own (unshare -n), so nothing could leave even if asked.
set -u
LC_ALL=C
export LC_ALL
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
out=${2:-build/html}
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)

browser=
find_browser() {
	for b in chromium chromium-browser; do
		if command -v "$b" >/dev/null 2>&1; then
			browser=$b
			return 0
		fi
	done
	return 1
}
if ! find_browser; then
	if [ "$(id -u)" = 0 ]; then
		sh tools/deps.sh chromium fonts-dejavu-core || exit 1
		find_browser || { echo "html: chromium did not install"; \
		    echo "html: 0 passed, 1 failed"; exit 1; }
	else
		echo "html: skipped: no chromium (sudo apt-get install -y" \
		    "chromium fonts-dejavu-core)"
		echo "html: 0 passed, 0 failed, 1 skipped"
		exit 0
	fi
fi
netns=
if unshare -n true 2>/dev/null; then
	netns="unshare -n"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# browse NAME FILE: the DOM after load in $out/NAME.dom.html, the netlog
# in $out/NAME.netlog.json and a screenshot in $out/NAME.png.
browse() {
	for what in dom shot; do
		rm -rf "$tmp/profile"
		mkdir -p "$tmp/profile"
		set -- --headless --no-sandbox --disable-gpu --no-first-run \
		    --disable-background-networking \
		    --user-data-dir="$tmp/profile" \
		    --host-resolver-rules="MAP * ~NOTFOUND" \
		    --disable-component-update --disable-sync \
		    --disable-extensions --disable-default-apps --no-pings \
		    --disable-features=NetworkTimeServiceQuerying,Translate,MediaRouter \
		    --window-size=1280,2400 "$@"
		if [ $what = dom ]; then
			timeout 90 $netns "$browser" "$@" \
			    --log-net-log="$out/$name.netlog.json" \
			    --dump-dom "file://$file" >"$out/$name.dom.html" \
			    2>"$tmp/browser.err"
		else
			timeout 90 $netns "$browser" "$@" \
			    --screenshot="$out/$name.png" "file://$file" \
			    >/dev/null 2>>"$tmp/browser.err"
		fi || { echo "html: $browser failed on $name:"; \
		    tail -5 "$tmp/browser.err"; return 1; }
	done
}

status=0
name=report file=$out/report.html
"$bin" check -f html -o "$file" samples/sss-mixed.zip samples/unpacked \
    tests/fixtures/hostile-names/roles.xml 2>/dev/null
[ $? = 1 ] || { echo "html: roleaudit check did not exit 1"; status=1; }
browse || status=1
name=diff file=$out/diff.html
"$bin" diff -f html -o "$file" tests/fixtures/diff/old \
    tests/fixtures/diff/new 2>/dev/null
[ $? = 1 ] || { echo "html: roleaudit diff did not exit 1"; status=1; }
browse || status=1
name=matrix file=$out/matrix.html
"$bin" matrix -f html -o "$file" samples/sss-mixed.zip \
    tests/fixtures/hostile-names/roles.xml 2>/dev/null ||
    { echo "html: roleaudit matrix failed"; status=1; }
browse || status=1
name=apps file=$out/apps.html
"$bin" apps -f html -o "$file" samples/apps.zip tests/fixtures/apps-unpacked \
    2>/dev/null
[ $? = 1 ] || { echo "html: roleaudit apps did not exit 1"; status=1; }
browse || status=1
name=columns file=$out/columns.html
"$bin" columns -f html -o "$file" samples/apps.zip \
    tests/fixtures/apps-unpacked 2>/dev/null
[ $? = 1 ] || { echo "html: roleaudit columns did not exit 1"; status=1; }
browse || status=1
name=canary file=$root/tests/html/canary.html
browse || status=1
[ $status = 0 ] || { echo "html: 0 passed, 1 failed"; exit 1; }
python3 tests/html/check.py "$out"
