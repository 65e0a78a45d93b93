#!/usr/bin/env bash
# Measures `syndex reindex` end to end (articles/s, MB/s, index size, peak RSS)
# on the shared 35k JSONL corpus and its 10x replica, beside SQLite FTS5 loaded
# by the peers' own loader (../shared/bench/peers/bench.py) and a plain Bleve
# setup (../shared/bench/rawbleve) in the same run, since absolute times on
# shared machines drift. It prints syndex's load rate as a ratio of SQLite's.
#
#   bash docs/bench-reindex.sh [work-dir]
#   BENCH_1M=1 bash docs/bench-reindex.sh   # also 1M distinct articles
#                                           # (scale_distinct.py, 0.35; ~15 min)
#
# SQLite's figure is the peers' definition: its load seconds start after the
# JSONL is parsed in Python, syndex's include reading, cleaning and story
# detection.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd ../shared && pwd)
work="${1:-$(mktemp -d /tmp/syndex-bench-XXXXXX)}"
mkdir -p "$work"
go build -o "$work/syndex" ./cmd/syndex
(cd "$shared/bench/rawbleve" && go build -o "$work/rawbleve" .)
corpora=("$shared"/corpora/jsonl/{reuters,bbc,crypto,agnews}.jsonl)
cat "${corpora[@]}" > "$work/all.jsonl"
[ -f "$work/all-x10.jsonl" ] || python3 "$shared/bench/peers/scale_jsonl.py" "$work/all.jsonl" "$work/all-x10.jsonl" 10
sets=(all all-x10)
if [ "${BENCH_1M:-}" = 1 ]; then
  [ -f "$work/m1.jsonl" ] || (cd "$shared/corpora/jsonl" &&
    python3 "$shared/bench/peers/scale_distinct.py" "$work/m1.jsonl" 1000000 0.35 reuters.jsonl bbc.jsonl crypto.jsonl agnews.jsonl)
  sets+=(m1)
fi

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: peak RSS %M KB, wall %e s, CPU %P" "$@" 2>&1 | grep -E "indexed|index:|peak RSS" || true
}
sqlite_load() { # input, db — prints articles/s on the last line
  rm -f "$2"
  python3 - "$shared/bench/peers" "$1" "$2" <<'PY'
import sys, types
# Only the SQLite loader of bench.py is used: PostgreSQL's driver need not be installed.
sys.modules.setdefault("psycopg2", types.ModuleType("psycopg2"))
sys.path.insert(0, sys.argv[1])
import bench
arts = bench.load_jsonl(sys.argv[2])
r = bench.sqlite_load(sys.argv[3], arts)
print("sqlite fts5: %d articles in %.2f s (%.1f MB)" % (r["rows"], r["load_s"], r["size_mb"]))
print("%.0f" % (r["rows"] / r["load_s"]))
PY
  rm -f "$2"
}
for set in "${sets[@]}"; do
  in="$work/$set.jsonl"
  echo "== $set ($(du -m "$in" | cut -f1) MB)"
  rm -rf "$work/idx-$set"
  out=$(measure "syndex $set" "$work/syndex" reindex --index "$work/idx-$set" "$in")
  echo "$out"
  du -sm "$work/idx-$set" | awk '{print "syndex index size: " $1 " MB"}'
  rm -rf "$work/idx-$set"
  sq=$(sqlite_load "$in" "$work/sqlite-$set.db")
  echo "$sq" | head -n -1
  ours=$(echo "$out" | grep -oP 'in [^:]+: \K[0-9]+(?= articles/s)' || true)
  theirs=$(echo "$sq" | tail -1)
  [ -n "$ours" ] && awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "syndex / SQLite FTS5 load rate: %d / %d articles/s = %.2fx\n", a, b, a / b }'
  if [ "$set" != m1 ]; then
    rm -rf "$work/raw-$set"
    measure "rawbleve -no-all -month-terms $set" "$work/rawbleve" -no-all -month-terms -index "$work/raw-$set" "$in"
    rm -rf "$work/raw-$set"
  fi
done
