#!/usr/bin/env bash
# jxlint against ripgrep on a generated corpus: wall time and peak memory.
#
#   scripts/bench-vs-rg.sh [FILES] [BYTES_PER_FILE]     (defaults: 10000 files of 57000 bytes)
#
# Needs a release build (built here), `rg` (`apt-get install ripgrep` or
# `cargo install ripgrep`) and GNU time at /usr/bin/time. The corpus is written by the `scale`
# benchmark's generator into a temporary folder and removed at the end. Each command runs
# RUNS times (default 3) and the median wall time is reported, with the peak resident set
# size of the slowest run.
#
# The baseline is `rg -o` printing every figure with its unit — the least any tool that reads
# figures must do: read every byte once and match numbers followed by a unit.
set -euo pipefail

files=${1:-10000}
bytes=${2:-57000}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(mktemp -d "${TMPDIR:-/tmp}/jxlint-vs-rg.XXXXXX")
trap 'rm -rf "$corpus"' EXIT

command -v rg >/dev/null || { echo "rg not found: apt-get install ripgrep" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: apt-get install time" >&2; exit 2; }

cd "$root"
cargo build --release --quiet
cargo bench --quiet --bench scale -- --generate "$corpus/reports" "$files" "$bytes"
size_mb=$(du -sm "$corpus/reports" | cut -f1)
jxlint="$root/target/release/jxlint"

# Figures with their units, as jxlint reads them (amounts, rates, counts).
pattern='[0-9][0-9,]*(\.[0-9]+)?\s*(万元|亿元|元|个百分点|%|个|家|次|项|人|分)'

# measure NAME CMD…: median wall seconds and max RSS in MB over $runs runs.
measure() {
    local name=$1
    shift
    local walls=() rss=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$corpus/time" "$@" >/dev/null 2>"$corpus/err" || true
        # GNU time puts "Command exited with non-zero status 1" first when there are findings.
        read -r wall kb < <(tail -n 1 "$corpus/time")
        walls+=("$wall")
        if ((kb > rss)); then rss=$kb; fi
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
    awk -v n="$name" -v w="$median" -v mb="$size_mb" -v kb="$rss" 'BEGIN {
        printf "%-22s %8.2f s %8.1f MB/s %8.1f MB peak RSS\n", n, w, (w > 0 ? mb / w : 0), kb / 1024 }'
    echo "$median" >"$corpus/$name.wall"
}

echo "corpus: $files files, $size_mb MB; median of $runs runs"
measure "rg -o" rg -o --no-filename -e "$pattern" "$corpus/reports"
for format in json concise human github sarif; do
    measure "jxlint $format" "$jxlint" check --format "$format" --lang en "$corpus/reports"
done
rg_wall=$(cat "$corpus/rg -o.wall")
for format in json concise human github sarif; do
    awk -v f="$format" -v j="$(cat "$corpus/jxlint $format.wall")" -v r="$rg_wall" 'BEGIN {
        printf "jxlint %-8s / rg: %6.1f x the wall time\n", f, (r > 0 ? j / r : 0) }'
done
