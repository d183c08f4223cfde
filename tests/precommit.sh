#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit tool.
#
# Builds a scratch hook repository holding this checkout's .pre-commit-hooks.yaml, tagged
# v0.1.0 (the rev the README's snippet pins), and a scratch git repository of reports whose
# .pre-commit-config.yaml uses its `jxlint-system` hook, with the debug jxlint first on the
# PATH. Checks that a faulty report is blocked (by `pre-commit run` and by a real commit), and
# that a clean report, editor settings (settings.json), a README with a gap in a numbered list,
# a rubric and jxlint.toml pass.
#
# Needs git and pre-commit (`pip install pre-commit`); .ci/run installs it and runs this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

command -v pre-commit >/dev/null || { echo "precommit.sh: pre-commit is not installed" >&2; exit 1; }
(cd "$root" && cargo build --quiet --bin jxlint)
export PATH="${CARGO_TARGET_DIR:-$root/target}/debug:$PATH"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export PRE_COMMIT_HOME="$scratch/cache"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
unset LC_ALL LC_MESSAGES LANG NO_COLOR

fail() { echo "precommit.sh: FAIL: $*" >&2; exit 1; }

# The hook repository, at the tag the README names.
hooks="$scratch/hooks"
mkdir -p "$hooks"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init --quiet
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit --quiet -m "hooks"
git -C "$hooks" tag -a v0.1.0 -m "v0.1.0"

# A repository of reports.
reports="$scratch/reports"
mkdir -p "$reports/reports"
git -C "$reports" init --quiet
cat > "$reports/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: v0.1.0
    hooks:
      - id: jxlint-system
YAML
printf '一、整改情况\n\n共登记整改隐患902处，完成整改899处，整改率99.66%%。\n' > "$reports/reports/faulty.txt"
printf '一、整改情况\n\n共登记整改隐患902处，完成整改899处，整改率99.67%%。\n' > "$reports/reports/clean.txt"
printf '{"editor.tabSize": 2, "files.encoding": "utf8"}\n' > "$reports/settings.json"
printf '# 报告库\n\n1. 把报告放进 reports/\n\n3. 提交\n' > "$reports/README.md"
cp "$root/data/rubrics/default.json" "$reports/rubric.json"
printf 'ignore = ["T002"]\n' > "$reports/jxlint.toml"

cd "$reports"
clean=(reports/clean.txt settings.json README.md rubric.json jxlint.toml .pre-commit-config.yaml)

out="$(pre-commit run --files "${clean[@]}" 2>&1)" || fail "clean files were blocked:
$out"
echo "$out" | grep -q "^jxlint" || fail "the hook did not run:
$out"

if out="$(pre-commit run --files reports/faulty.txt 2>&1)"; then
  fail "a faulty report passed:
$out"
fi
echo "$out" | grep -q "A002" || fail "the faulty report was blocked without its finding:
$out"

# The same through a real commit.
pre-commit install --install-hooks >/dev/null
git add "${clean[@]}"
git commit --quiet -m "clean reports" >/dev/null 2>&1 || fail "the commit of clean files was blocked"
git add reports/faulty.txt
if git commit --quiet -m "faulty report" >/dev/null 2>&1; then
  fail "the commit of a faulty report went through"
fi
[ "$(git rev-list --count HEAD)" = 1 ] || fail "expected one commit"
echo "precommit.sh: ok (faulty report blocked; clean report, settings.json, README, rubric and jxlint.toml pass)"
