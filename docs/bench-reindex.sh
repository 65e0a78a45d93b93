#!/usr/bin/env bash
# Measures `syndex reindex` end to end (articles/s, MB/s, index size, peak RSS)
# on the shared 35k JSONL corpus and its 10x replica, beside a plain Bleve
# setup (../shared/bench/rawbleve) in the same run, since absolute times on
# shared machines drift. Usage: bash docs/bench-reindex.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
work="${1:-$(mktemp -d /tmp/syndex-bench-XXXXXX)}"
mkdir -p "$work"
go build -o "$work/syndex" ./cmd/syndex
(cd "$shared/bench/rawbleve" && go build -o "$work/rawbleve" .)
cat "$shared"/corpora/jsonl/{reuters,bbc,crypto,agnews}.jsonl > "$work/all.jsonl"
[ -f "$work/all-x10.jsonl" ] || python3 "$shared/bench/peers/scale_jsonl.py" "$work/all.jsonl" "$work/all-x10.jsonl" 10

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: peak RSS %M KB, wall %e s, CPU %P" "$@" 2>&1 | grep -E "indexed|index:|peak RSS" || true
}
for set in all all-x10; do
  in="$work/$set.jsonl"
  echo "== $set ($(du -m "$in" | cut -f1) MB)"
  rm -rf "$work/idx-$set"
  measure "syndex $set" "$work/syndex" reindex --index "$work/idx-$set" "$in"
  du -sm "$work/idx-$set" | awk '{print "syndex index size: " $1 " MB"}'
  rm -rf "$work/raw-$set"
  measure "rawbleve -no-all -month-terms $set" "$work/rawbleve" -no-all -month-terms -index "$work/raw-$set" "$in"
  rm -rf "$work/raw-$set"
done
