#!/usr/bin/env python3
"""Relevance harness: syndex against SQLite FTS5 and PostgreSQL full-text search on labelled news.

Judgments come from the shared corpora's own labels (docs/relevance/queries.json: one query per label,
written before any engine ran it; relevant = the articles of the query's corpus carrying the label),
each query also as a one-typo twin (two adjacent letters of its longest word swapped). Every engine
indexes each corpus on its own and answers every query; reported per engine: nDCG@10, P@10, MRR and
Recall@100 (binary relevance), for the queries as written and for their typo twins.

The engines are real, as in ../shared/bench/peers (whose loaders this reuses): PostgreSQL 15 with a
weighted tsvector (title A, body B) ranked by ts_rank_cd over websearch_to_tsquery('english');
SQLite FTS5 (porter unicode61, bm25 with title 2.5); syndex through `syndex serve` and its search API
(collapse=false: every article is judged). Needs python3-psycopg2 and the PostgreSQL 15 server binaries.

  /usr/bin/python3 docs/relevance/relevance.py            # the full set (3 corpora, 46 queries x 2)
  /usr/bin/python3 docs/relevance/relevance.py --small    # the set CI runs (BBC, AG News)
  /usr/bin/python3 docs/relevance/relevance.py --queries docs/relevance/heldout.json   # wordings not tuned on
  (validation.json and fourth.json: two more wordings, each written before any engine ran it)
  /usr/bin/python3 docs/relevance/relevance.py --ranking feedback=0,proximity=0        # an ablation
"""

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(REPO), "shared")
sys.path.insert(0, os.path.join(SHARED, "bench", "peers"))
import bench  # noqa: E402  (the peers' loaders: PostgreSQL cluster, SQLite FTS5 schema)

DEPTH = 100


def typo(q):
    """The one-typo twin: the longest word (4+ letters) with its two middle letters swapped."""
    words = q.split()
    i = max(range(len(words)), key=lambda k: (len(words[k]), -k))
    w = words[i]
    if len(w) < 4:
        return None
    m = len(w) // 2 - 1
    t = w[:m] + w[m + 1] + w[m] + w[m + 2:]
    if t == w:
        return None
    words[i] = t
    return " ".join(words)


def metrics(ranked, relevant):
    rel = [1 if d in relevant else 0 for d in ranked[:DEPTH]]
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rel[:10]))
    idcg = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    first = next((i for i, r in enumerate(rel) if r), None)
    return {"ndcg10": dcg / idcg if idcg else 0.0, "p10": sum(rel[:10]) / 10,
            "mrr": 1 / (first + 1) if first is not None else 0.0,
            "recall100": sum(rel) / len(relevant) if relevant else 0.0}


def mean(rows, key):
    return sum(r[key] for r in rows) / len(rows) if rows else 0.0


class Syndex:
    """`syndex serve` over one corpus, queried through /api/v1/search."""

    def __init__(self, binary, corpus, workdir, serve_args=()):
        self.dir = os.path.join(workdir, "syndex-" + os.path.basename(corpus))
        r = subprocess.run([binary, "reindex", corpus, "--index", self.dir], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if r.returncode not in (0, 3):
            raise RuntimeError("syndex reindex failed:\n" + r.stdout[-3000:])
        self.proc = subprocess.Popen([binary, "serve", "--index", self.dir, "--addr", "127.0.0.1:0", "--no-poll",
                                      *serve_args],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while True:
            try:
                info = json.load(open(os.path.join(self.dir, "server.json")))
                if info.get("pid") == self.proc.pid:
                    self.base = "http://" + info["addr"]
                    urllib.request.urlopen(self.base + "/readyz", timeout=5).read()
                    break
            except (OSError, ValueError, KeyError):
                pass
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("syndex serve did not start")
            time.sleep(0.1)

    def search(self, q):
        u = self.base + "/api/v1/search?" + urllib.parse.urlencode(
            {"q": q, "size": DEPTH, "collapse": "false", "facets": ""})
        with urllib.request.urlopen(u, timeout=30) as r:
            return [h["id"] for h in json.load(r)["hits"]]

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def pg_search(pg, q):
    c = pg.connect()
    cur = c.cursor()
    cur.execute("SELECT id FROM articles, websearch_to_tsquery('english', %s) AS query WHERE tsv @@ query "
                "ORDER BY ts_rank_cd(tsv, query) DESC, id LIMIT %s", (q, DEPTH))
    ids = [r[0] for r in cur.fetchall()]
    c.close()
    return ids


def sqlite_search(db, q):
    c = bench.sqlite_connect(db)
    m = bench.fts5_match(q)
    ids = [r[0] for r in c.execute("SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? "
                                   "ORDER BY fts.rank LIMIT ?", (m, DEPTH))] if m else []
    c.close()
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true", help="only the queries marked small (CI)")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.json"),
                    help="the judgments (default queries.json; heldout.json holds wordings the ranking was not tuned on)")
    ap.add_argument("--syndex", help="syndex binary (default: go build ./cmd/syndex)")
    ap.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    ap.add_argument("--port", type=int, default=54331)
    ap.add_argument("--out", help="write the results as JSON here")
    ap.add_argument("--ranking", default="", help="syndex serve --ranking (the ablation: k1=…,title=…,title-b=…,body-b=…)")
    ap.add_argument("--require-typo-ratio", type=float, default=0,
                    help="fail unless syndex's typo-twin nDCG@10 is at least this share of its own")
    ap.add_argument("--require-peer-ratio", type=float, default=0,
                    help="fail unless syndex's nDCG@10 is at least this multiple of the best peer's")
    args = ap.parse_args()
    spec = json.load(open(args.queries))["queries"]
    if args.small:
        spec = [q for q in spec if q.get("small")]
    work = tempfile.mkdtemp(prefix="syndex-relevance-")
    pg = bench.Postgres(args.pg_bin, args.port)

    def cleanup(*_):
        try:
            pg.stop()
        finally:
            shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda s, f: (cleanup(), sys.exit(128 + s)))
    binary = args.syndex
    results = {e: {"written": [], "typo": []} for e in ("syndex", "sqlite", "postgres")}
    try:
        if not binary:
            binary = os.path.join(work, "syndex")
            subprocess.run(["go", "build", "-o", binary, "./cmd/syndex"], cwd=REPO, check=True)
        pg.start()
        for corpus in sorted({q["corpus"] for q in spec}):
            path = os.path.join(SHARED, "corpora", "jsonl", corpus + ".jsonl")
            arts = bench.load_jsonl(path)
            labels = {}
            for a in arts:
                for t in a[5]:
                    labels.setdefault(t, set()).add(a[0])
            bench.pg_load(pg, arts)
            db = os.path.join(work, corpus + ".db")
            bench.sqlite_load(db, arts)
            del arts
            sx = Syndex(binary, path, work, ["--ranking", args.ranking] if args.ranking else [])
            try:
                for q in (q for q in spec if q["corpus"] == corpus):
                    rel = labels.get(q["label"], set())
                    if not rel:
                        raise RuntimeError("label %r has no articles in %s" % (q["label"], corpus))
                    for kind, text in (("written", q["q"]), ("typo", typo(q["q"]))):
                        if text is None:
                            continue
                        for engine, run in (("syndex", sx.search), ("sqlite", lambda t: sqlite_search(db, t)),
                                            ("postgres", lambda t: pg_search(pg, t))):
                            m = metrics(run(text), rel)
                            m.update({"corpus": corpus, "label": q["label"], "q": text})
                            results[engine][kind].append(m)
            finally:
                sx.close()
    finally:
        cleanup()

    keys = (("ndcg10", "nDCG@10"), ("p10", "P@10"), ("mrr", "MRR"), ("recall100", "Recall@100"))
    print("| engine | queries | " + " | ".join(k[1] for k in keys) + " | typo: " + " | typo: ".join(k[1] for k in keys) + " |")
    print("|---|---:|" + "---:|" * (2 * len(keys)))
    for e, r in results.items():
        print("| %s | %d | " % (e, len(r["written"])) + " | ".join("%.3f" % mean(r["written"], k) for k, _ in keys)
              + " | " + " | ".join("%.3f" % mean(r["typo"], k) for k, _ in keys) + " |")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)
    own, typod = mean(results["syndex"]["written"], "ndcg10"), mean(results["syndex"]["typo"], "ndcg10")
    peer = max(mean(results[e]["written"], "ndcg10") for e in ("sqlite", "postgres"))
    print("syndex nDCG@10 = %.2f x the best peer's; with one typo per query it keeps %.2f of its own"
          % (own / peer if peer else float("inf"), typod / own if own else 0))
    failed = []
    if args.require_typo_ratio and typod < args.require_typo_ratio * own:
        failed.append("keeps %.3f of its nDCG@10 with one typo per query, under the required %.2f"
                      % (typod / own if own else 0, args.require_typo_ratio))
    if args.require_peer_ratio and own < args.require_peer_ratio * peer:
        failed.append("nDCG@10 %.3f is under %.2f x the best peer's %.3f" % (own, args.require_peer_ratio, peer))
    if failed:
        sys.exit("relevance: syndex " + "; ".join(failed))


if __name__ == "__main__":
    main()
