#!/usr/bin/env bash
# Where a full `syndex reindex` spends its CPU: runs it with --cpuprofile and
# --memprofile and prints the share of CPU samples per part of the rebuild
# (each sample counted once, in the first part its stack matches, in the
# order below), in seconds, percent and microseconds per article, then the
# top allocation sites. The README's "where reindex time goes" table is this
# script's output on the shared 35k corpus and the 1M distinct set.
#
#   bash docs/profile-reindex.sh INPUT.jsonl [work-dir]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 INPUT.jsonl [work-dir]" >&2; exit 2; }
in=$(realpath "$1")
cd "$(dirname "$0")/.."
work="${2:-$(mktemp -d /tmp/syndex-prof-XXXXXX)}"
mkdir -p "$work"
go build -o "$work/syndex" ./cmd/syndex
rm -rf "$work/index"
"$work/syndex" reindex --index "$work/index" --cpuprofile "$work/cpu.prof" --memprofile "$work/mem.prof" "$in" 2>&1 | grep -E "^indexed"
n=$(grep -c '' "$in")
bin="$work/syndex" prof="$work/cpu.prof"
parts=(
  "first pass (boilerplate learning)|indexer\.firstPass"
  "read, parse, clean (both passes)|indexer/ingest\."
  "story sketch + assignment|indexer/story\."
  "analysis (tokenize, stem)|scorch\.analyze"
  "segment build (zap)|zapx/v17\.\(\*ZapPlugin\)\.NewUsing|scorch\.\(\*Scorch\)\.Batch"
  "segment merging|zapx/v17\.\(\*ZapPlugin\)\.(MergeUsing|merge)|mergerLoop|ForceMerge"
  "persisting|persisterLoop|persistSnapshot"
  "garbage collector (background)|runtime\.gcBgMarkWorker"
)
seconds() { # pprof args... — CPU seconds of the samples they keep
  go tool pprof -top -nodefraction=0 "$@" "$bin" "$prof" 2>/dev/null |
    grep -oP 'Showing nodes accounting for \K[0-9.]+m?s' | awk '/ms$/ { sub("ms", ""); print $1 / 1000; next } { sub("s", ""); print }'
}
total=$(go tool pprof -top "$bin" "$prof" 2>/dev/null | grep -oP 'Total samples = \K[0-9.]+')
printf "| part | CPU s | share | µs / article |\n|---|---:|---:|---:|\n"
ignore=""
row() { awk -v name="$1" -v s="$2" -v t="$total" -v n="$n" 'BEGIN { printf "| %s | %.1f | %.1f%% | %.1f |\n", name, s, 100 * s / t, 1e6 * s / n }'; }
for p in "${parts[@]}"; do
  name=${p%%|*} re=${p#*|}
  args=(-focus="$re")
  [ -n "$ignore" ] && args+=(-ignore="$ignore")
  row "$name" "$(seconds "${args[@]}")"
  ignore=${ignore:+$ignore|}$re
done
row "other" "$(seconds -ignore="$ignore")"
row "total" "$total"
echo
echo "Top allocation sites (go tool pprof -sample_index=alloc_space -top):"
go tool pprof -sample_index=alloc_space -top "$bin" "$work/mem.prof" 2>/dev/null | sed -n '5,16p'
