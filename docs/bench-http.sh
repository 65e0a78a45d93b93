#!/usr/bin/env bash
# HTTP load test on loopback: `syndex serve` over the shared 35k corpus, the
# 40 queries of ../shared/bench/peers/queries.json with facets (top 10 +
# source, tag and month facets), driven by wrk (apt-get install -y wrk).
# Usage: bash docs/bench-http.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"; conns="${2:-6}"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
work="$(mktemp -d /tmp/syndex-http-XXXXXX)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/syndex" ./cmd/syndex
"$work/syndex" reindex --index "$work/index" ../shared/corpora/jsonl 2>&1 | grep indexed
addr=127.0.0.1:18181
"$work/syndex" serve --index "$work/index" --addr "$addr" --max-concurrent 64 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do curl -sf "http://$addr/readyz" >/dev/null && break; sleep 0.1; done
python3 - ../shared/bench/peers/queries.json > "$work/queries.lua" <<'PY'
import json, sys, urllib.parse
from datetime import datetime, timedelta
qs = json.load(open(sys.argv[1]))["queries"]
paths = []
for q in qs:
    v = {"q": q["q"], "size": "10", "facets": "source,tag,published", "interval": "month"}
    for k in ("source", "tag", "from"):
        if q.get(k): v[k] = q[k]
    if q.get("to"):  # the bench's "to" is exclusive, ours inclusive
        t = datetime.strptime(q["to"], "%Y-%m-%dT%H:%M:%SZ") - timedelta(seconds=1)
        v["to"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
    paths.append("/api/v1/search?" + urllib.parse.urlencode(v))
print("paths = {" + ",".join(json.dumps(p) for p in paths) + "}")
print("""
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
""")
PY
for p in $(python3 -c "import re;print(' '.join(re.findall(r'\"(/api[^\"]+)\"', open('$work/queries.lua').read())))"); do
  curl -sf "http://$addr$p" >/dev/null  # warm-up and check every query answers 200
done
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/queries.lua" "http://$addr"
