#!/bin/sh
# run.sh BIN - the CI kit: tools/ci/roleaudit-ci.sh, the script that
# action.yml and ci/azure-pipelines-roleaudit.yml run, on the samples.
#
#   - exit status as roleaudit check's: 0 for a passing solution, 1 for a
#     failing one and for a package, 1 with --fail-on warning on a warning
#     that check alone lets pass, 3 for an input that cannot be read (and
#     then no SARIF, not even one an earlier run left), 2 for a usage
#     error;
#   - the SARIF it writes: valid against the vendored SARIF 2.1.0 schema
#     (when python3-jsonschema is there), with a result per missing
#     privilege and a package's solutions as artifacts;
#   - inputs from the environment, one a line, as the action and the
#     template pass them; GITHUB_OUTPUT and GITHUB_STEP_SUMMARY filled;
#   - policies: refused by a roleaudit without --policy, passed on by one
#     whose --help lists it (a stand-in that records its arguments);
#   - --build: the README's build (tools/deps.sh, make) in BUILD, which
#     make finds up to date;
#   - action.yml and the Azure template (when python3-yaml is there): every
#     input reaches the script through the variable it reads, and both
#     run it with --build.
#
# BUILD (the build directory of BIN) and SAN come from the Makefile.
# Ends with "N passed, N failed".
set -u
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
script=$root/tools/ci/roleaudit-ci.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
# Nothing of the caller's CI may leak in.
unset ROLEAUDIT_PATHS ROLEAUDIT_PROFILES ROLEAUDIT_POLICIES \
    ROLEAUDIT_FAIL_ON ROLEAUDIT_SARIF ROLEAUDIT_BIN GITHUB_OUTPUT \
    GITHUB_STEP_SUMMARY

ok() {
	pass=$((pass + 1))
}

no() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# ci WANT NAME ARGS...: the script with ARGS, in $tmp/NAME, exits WANT.
ci() {
	want=$1
	name=$2
	shift 2
	mkdir -p "$tmp/$name"
	(cd "$tmp/$name" && sh "$script" "$@") >"$tmp/$name.stdout" \
	    2>"$tmp/$name.stderr"
	rc=$?
	if [ "$rc" = "$want" ]; then
		ok
	else
		no "$name: exit $rc, expected $want"
		sed 's/^/    /' "$tmp/$name.stderr"
	fi
}

# Debian's python3 carries python3-jsonschema; another on PATH may not.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# sarif NAME FILE RESULTS [ARTIFACT]: FILE is SARIF 2.1.0 (valid against
# the vendored schema, as `make schema` validates, when jsonschema is
# there) with RESULTS results, and names ARTIFACT among its artifacts.
sarif() {
	if "$py" - "$root/tests/validate-json.py" "$2" "$3" "${4:-}" \
	    <<'EOF'
import importlib.util
import json
import sys

checker, path, want, artifact = sys.argv[1:]
log = json.load(open(path))
try:
    import jsonschema  # noqa: F401
    spec = importlib.util.spec_from_file_location("validate", checker)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    errors = list(mod.sarif_validator().iter_errors(log))
    assert not errors, errors[0].message
except ImportError:
    pass
run = log["runs"][0]
assert log["version"] == "2.1.0", log["version"]
assert run["tool"]["driver"]["name"] == "roleaudit"
got = len(run.get("results", []))
assert got == int(want), "%d results, not %s" % (got, want)
uris = [a["location"]["uri"] for a in run.get("artifacts", [])]
assert not artifact or any(u.endswith(artifact) for u in uris), \
    "%s not in %s" % (artifact, uris)
EOF
	then
		ok
	else
		no "$1: $2 is not the SARIF expected"
	fi
}

s=$root/samples

# A solution that passes, one that fails, a package: text in the log,
# SARIF beside it.
ci 0 pass --roleaudit "$bin" "$s/sss-pass.zip"
grep -q "1 pass, 0 fail" "$tmp/pass.stdout" && ok || no "pass: no text report"
sarif pass "$tmp/pass/roleaudit.sarif" 0
ci 1 mixed --roleaudit "$bin" --sarif mixed.sarif "$s/sss-mixed.zip"
sarif mixed "$tmp/mixed/mixed.sarif" 11
ci 1 package --roleaudit "$bin" "$s/package.zip"
sarif package "$tmp/package/roleaudit.sarif" 35 "PkgFolder/sss-pass.zip"
# The repository's root makes the URIs relative to it, for code scanning.
export ROLEAUDIT_SARIF_ROOT="$root"
ci 1 package-root --roleaudit "$bin" "$s/package.zip"
unset ROLEAUDIT_SARIF_ROOT
if grep -q '"uri": "samples/package.zip",' "$tmp/package-root/roleaudit.sarif" &&
    grep -q '"uriBaseId": "%SRCROOT%"' "$tmp/package-root/roleaudit.sarif"; then
	ok
else
	no "package-root: URIs not relative to the repository"
fi

# --fail-on: a warning passes check's default and fails --fail-on warning.
w=$root/tests/fixtures/warning-only
ci 0 warn-default --roleaudit "$bin" --profile "$w/profile.csv" "$w/role.xml"
ci 1 warn --roleaudit "$bin" --fail-on warning --profile "$w/profile.csv" \
    "$w/role.xml"
sarif warn "$tmp/warn/roleaudit.sarif" 1

# An input that cannot be read: exit 3, no SARIF, not even a stale one.
mkdir -p "$tmp/missing" && echo stale >"$tmp/missing/roleaudit.sarif"
ci 3 missing --roleaudit "$bin" "$s/sss-pass.zip" "$tmp/no-such.zip"
[ ! -e "$tmp/missing/roleaudit.sarif" ] && ok ||
    no "missing: a SARIF file is left behind"

# Inputs from the environment, as action.yml and the template give them.
mkdir -p "$tmp/env"
ROLEAUDIT_PATHS="$s/sss-pass.zip
# a comment, and a blank line

  $s/sss-none.zip  " ROLEAUDIT_PROFILES="mailbox-owner" \
ROLEAUDIT_FAIL_ON=error ROLEAUDIT_SARIF=out/env.sarif ROLEAUDIT_BIN="$bin" \
GITHUB_OUTPUT="$tmp/env/github-output" \
GITHUB_STEP_SUMMARY="$tmp/env/summary.md" \
    ci 1 env
grep -q "mailbox-owner" "$tmp/env.stdout" && ok || no "env: profile not used"
grep -q "2 roles in 2 inputs" "$tmp/env.stdout" && ok ||
    no "env: paths not read"
sarif env "$tmp/env/out/env.sarif" 3
if [ "$(cat "$tmp/env/github-output")" = "sarif=out/env.sarif
exit-code=1" ]; then ok; else no "env: GITHUB_OUTPUT: $(cat "$tmp/env/github-output")"; fi
grep -q "^### roleaudit check" "$tmp/env/summary.md" && ok ||
    no "env: no Markdown summary"

# Usage errors.
ci 2 no-paths --roleaudit "$bin"
ci 2 bad-option --roleaudit "$bin" --frobnicate "$s/sss-pass.zip"
ci 2 no-binary --roleaudit "$tmp/none" "$s/sss-pass.zip"
if "$bin" --help | grep -q -e '--policy'; then
	ci 1 policy-real --roleaudit "$bin" \
	    --policy "$root/tests/fixtures/least-policy.csv" "$s/sss-pass.zip"
	grep -q "least-policy" "$tmp/policy-real.stderr" && ok ||
	    no "policy-real: the policy was not passed on"
	grep -q '"policy-violation"' "$tmp/policy-real/roleaudit.sarif" &&
	    ok || no "policy-real: no policy-violation result in the SARIF"
else
	ci 2 policy-refused --roleaudit "$bin" --policy least.csv \
	    "$s/sss-pass.zip"
	grep -q "reserved" "$tmp/policy-refused.stderr" && ok ||
	    no "policy-refused: no word of the reserved input"
fi
# A roleaudit that has --policy gets each one, before the paths.
cat >"$tmp/fake" <<'EOF'
#!/bin/sh
if [ "$1" = --help ]; then echo "      --policy NAME|CSV"; exit 0; fi
printf '%s\n' "$*" >>"$(dirname "$0")/fake.args"
exit 0
EOF
chmod +x "$tmp/fake"
ci 0 policy-passed --roleaudit "$tmp/fake" --policy "a b.csv" \
    --policy builtin "$s/sss-pass.zip"
if grep -q -e "--policy a b.csv --policy builtin -- $s/sss-pass.zip" \
    "$tmp/fake.args"; then ok; else no "policy-passed: $(cat "$tmp/fake.args")"; fi

# The README's build, into the build directory of BIN: up to date.
MAKEFLAGS= MAKELEVEL= BUILD=${BUILD:-build} SAN=${SAN:-} \
    ci 0 build --build "$s/sss-pass.zip"
grep -q "SARIF in roleaudit.sarif" "$tmp/build.stderr" && ok ||
    no "build: no SARIF after --build"

# action.yml and the Azure template run the script with every input.
if python3 -c 'import yaml' 2>/dev/null; then
	if python3 - "$root" <<'EOF'
import os
import sys

import yaml

root = sys.argv[1]
script = "tools/ci/roleaudit-ci.sh"
reads = open(os.path.join(root, script)).read()
want = {"paths": "ROLEAUDIT_PATHS", "profiles": "ROLEAUDIT_PROFILES",
        "policies": "ROLEAUDIT_POLICIES", "fail-on": "ROLEAUDIT_FAIL_ON",
        "sarif": "ROLEAUDIT_SARIF"}
for var in want.values():
    assert var in reads, "the script reads no " + var

a = yaml.safe_load(open(os.path.join(root, "action.yml")))
assert set(a["inputs"]) == set(want), sorted(a["inputs"])
assert a["runs"]["using"] == "composite"
step = [s for s in a["runs"]["steps"] if s.get("id") == "check"][0]
assert script in step["run"] and "--build" in step["run"], step["run"]
for name, var in want.items():
    assert step["env"][var] == "${{ inputs.%s }}" % name, (name, var)
for out in a["outputs"].values():
    assert out["value"].startswith("${{ steps.check.outputs."), out

t = yaml.safe_load(open(os.path.join(root, "ci",
                                     "azure-pipelines-roleaudit.yml")))
params = {p["name"] for p in t["parameters"]}
assert {"paths", "profiles", "policies", "failOn"} <= params, params
run = t["steps"][0]
assert script in run["script"] and "--build" in run["script"]
for name, var in (("paths", "ROLEAUDIT_PATHS"),
                  ("profiles", "ROLEAUDIT_PROFILES"),
                  ("policies", "ROLEAUDIT_POLICIES"),
                  ("failOn", "ROLEAUDIT_FAIL_ON")):
    assert run["env"][var] == "${{ parameters.%s }}" % name, (name, var)
assert "sarifDirectory" in run["env"]["ROLEAUDIT_SARIF"]
pub = t["steps"][1]
assert pub["inputs"]["ArtifactName"] == "CodeAnalysisLogs"
EOF
	then ok; else no "action.yml or ci/azure-pipelines-roleaudit.yml"; fi
else
	echo "ci: action.yml and the Azure template not read: no python3-yaml"
fi

echo "ci: $pass passed, $fail failed"
[ "$fail" = 0 ]
