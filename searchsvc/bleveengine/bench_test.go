package bleveengine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
)

// benchQuery is one of ../shared/bench/peers/queries.json.
type benchQuery struct {
	Name, Q, Source, Tag, From, To string
}

func loadBenchQueries(b *testing.B) []benchQuery {
	b.Helper()
	data, err := os.ReadFile(searchtest.SharedDir(b, "bench", "peers", "queries.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc struct{ Queries []benchQuery }
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	return doc.Queries
}

// benchRequests turns the bench queries into requests: top 10 plus, with
// facets, exact source, tag and month facets (the peers' workload B).
// The bench's "to" is exclusive; ours is inclusive, so it moves back 1 ns.
func benchRequests(b *testing.B, qs []benchQuery, facets bool) []searchsvc.Request {
	b.Helper()
	var out []searchsvc.Request
	for _, bq := range qs {
		v := url.Values{"q": {bq.Q}, "size": {"10"}, "interval": {"month"}}
		if bq.Source != "" {
			v.Set("source", bq.Source)
		}
		if bq.Tag != "" {
			v.Set("tag", bq.Tag)
		}
		if bq.From != "" {
			v.Set("from", bq.From)
		}
		if bq.To != "" {
			to, err := time.Parse(time.RFC3339, bq.To)
			if err != nil {
				b.Fatal(err)
			}
			v.Set("to", to.Add(-time.Nanosecond).Format(time.RFC3339Nano))
		}
		if facets {
			v.Set("facets", "source,tag,published")
		} else {
			v.Set("facets", "")
		}
		r, err := searchsvc.ParseRequest(v)
		if err != nil {
			b.Fatalf("%s: %v", bq.Name, err)
		}
		out = append(out, r)
	}
	return out
}

// BenchmarkSearchQueries runs the 40 peer-benchmark queries at 35k
// articles, as the peers were measured: each query once untimed, then b.N
// timed runs; the median per query, then p50 and p95 (nearest rank) over
// the 40 medians. There is no result cache. Run with -benchtime=5x to
// match the peers' five runs.
func BenchmarkSearchQueries(b *testing.B) {
	svc, _ := sharedService(b)
	runBench(b, svc, loadBenchQueries(b))
}

// BenchmarkSearchQueriesPositions is BenchmarkSearchQueries over an index
// whose title and body carry term vectors (positions), which Bleve needs
// to answer phrases itself. The indexer's mapping has none, so phrases are
// checked on the stored text; this measures what enabling them would buy.
func BenchmarkSearchQueriesPositions(b *testing.B) {
	ix := positionsIndex(b)
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		b.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Log: searchtest.QuietLog()})
	if !eng.positions {
		b.Fatal("the index has no positions")
	}
	runBench(b, svc, loadBenchQueries(b))
}

// runBench runs the queries with facets and without, one hit per story (the
// default) and every copy (collapse=false, as the peers count).
func runBench(b *testing.B, svc *searchsvc.Service, qs []benchQuery) {
	for _, mode := range []struct {
		name      string
		facets    bool
		allCopies bool
	}{{"top10+facets", true, false}, {"top10", false, false}, {"top10+facets/articles", true, true}} {
		b.Run(mode.name, func(b *testing.B) {
			reqs := benchRequests(b, qs, mode.facets)
			for i := range reqs {
				reqs[i].AllCopies = mode.allCopies
			}
			ctx := context.Background()
			if err := svc.Warm(ctx); err != nil { // as serve does at startup
				b.Fatal(err)
			}
			totals := make([]uint64, len(reqs))
			for i, r := range reqs { // warm up: columns, caches, page cache
				res, err := svc.Search(ctx, r)
				if err != nil {
					b.Fatal(err)
				}
				totals[i] = res.Total
			}
			durs := make([][]time.Duration, len(reqs))
			b.ResetTimer()
			for range b.N {
				for i, r := range reqs {
					start := time.Now()
					if _, err := svc.Search(ctx, r); err != nil {
						b.Fatal(err)
					}
					durs[i] = append(durs[i], time.Since(start))
				}
			}
			b.StopTimer()
			medians := make([]time.Duration, len(reqs))
			for i, d := range durs {
				slices.Sort(d)
				medians[i] = d[len(d)/2]
			}
			sorted := slices.Clone(medians)
			slices.Sort(sorted)
			b.ReportMetric(ms(nearestRank(sorted, 50)), "p50-ms")
			b.ReportMetric(ms(nearestRank(sorted, 95)), "p95-ms")
			b.ReportMetric(ms(sorted[len(sorted)-1]), "max-ms")
			if testing.Verbose() && b.N > 1 {
				for i, q := range qs {
					b.Logf("%-30s %6d hits %8.3f ms", q.Name, totals[i], ms(medians[i]))
				}
			}
		})
	}
}

// nearestRank returns the p-th percentile of sorted by the nearest-rank
// method.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	k := (p*len(sorted) + 99) / 100
	return sorted[max(0, k-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// posIndex is a copy of the shared corpora indexed with term vectors.
var posIndex struct {
	once sync.Once
	ix   *indexer.Index
	err  error
}

func positionsIndex(b *testing.B) *indexer.Index {
	_, files := searchtest.SharedIndex(b)
	posIndex.once.Do(func() {
		m := indexer.NewMapping().(*mapping.IndexMappingImpl)
		for _, f := range []string{indexer.FieldTitle, indexer.FieldBody} {
			m.DefaultMapping.Properties[f].Fields[0].IncludeTermVectors = true
		}
		path := filepath.Join(searchtest.MkTemp(b, "syndex-positions-"), "index")
		bi, err := bleve.New(path, m)
		if err != nil {
			posIndex.err = err
			return
		}
		batch := bi.NewBatch()
		for a, err := range ingest.Read(context.Background(), files, ingest.Options{}) {
			if err != nil {
				continue
			}
			if err := batch.Index(a.ID, benchDocument(a)); err != nil {
				posIndex.err = fmt.Errorf("index %s: %w", a.ID, err)
				return
			}
			if batch.Size() >= 2000 {
				if posIndex.err = bi.Batch(batch); posIndex.err != nil {
					return
				}
				batch.Reset()
			}
		}
		if posIndex.err = bi.Batch(batch); posIndex.err != nil {
			return
		}
		posIndex.ix = &indexer.Index{Index: bi}
	})
	if posIndex.err != nil {
		b.Fatal(posIndex.err)
	}
	return posIndex.ix
}

// benchDocument mirrors the indexer's document for an article (the fields
// search uses).
func benchDocument(a *article.Article) map[string]any {
	d := map[string]any{indexer.FieldTitle: a.Title, indexer.FieldBody: a.Body, indexer.FieldURL: a.URL,
		indexer.FieldSource: a.Source, indexer.FieldLang: a.Lang}
	if len(a.Tags) > 0 {
		d[indexer.FieldTags] = a.Tags
	}
	if !a.Published.IsZero() {
		d[indexer.FieldPublished] = a.Published.UTC()
		d[indexer.FieldDay] = a.Published.UTC().Format(time.DateOnly)
	}
	return d
}

// BenchmarkSearchQueries350k is BenchmarkSearchQueries over the 10× replica
// of the shared corpus (349,470 articles) built the way
// ../shared/bench/peers/scale_jsonl.py builds it: copy k gets id "<id>~k<k>"
// and its date shifted by k×30 days. Building it takes about a minute; set
// SYNDEX_BENCH_350K to an index location to keep and reuse it.
func BenchmarkSearchQueries350k(b *testing.B) {
	loc := os.Getenv("SYNDEX_BENCH_350K")
	if loc == "" {
		loc = filepath.Join(b.TempDir(), "index")
	}
	if _, err := indexer.CurrentGeneration(loc); err != nil {
		src := filepath.Join(b.TempDir(), "x10.jsonl")
		writeReplica(b, src, 10)
		if _, err := indexer.Reindex(context.Background(), loc, []string{src}, indexer.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	ix, err := indexer.Open(loc)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		b.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Log: searchtest.QuietLog()})
	runBench(b, svc, loadBenchQueries(b))
}

// writeReplica writes the shared corpus n times to path, as scale_jsonl.py.
func writeReplica(b *testing.B, path string, n int) {
	b.Helper()
	var arts []map[string]any
	for _, name := range []string{"reuters", "bbc", "crypto", "agnews"} {
		data, err := os.ReadFile(searchtest.SharedDir(b, "corpora", "jsonl", name+".jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range slices.Collect(splitLines(data)) {
			var a map[string]any
			if err := json.Unmarshal(line, &a); err != nil {
				b.Fatal(err)
			}
			arts = append(arts, a)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for k := range n {
		for _, a := range arts {
			c := maps.Clone(a)
			if k > 0 {
				c["id"] = fmt.Sprintf("%s~k%d", a["id"], k)
				if p, ok := a["published"].(string); ok {
					t, err := time.Parse(time.RFC3339, p)
					if err != nil {
						b.Fatal(err)
					}
					c["published"] = t.Add(time.Duration(k) * 30 * 24 * time.Hour).Format("2006-01-02T15:04:05Z")
				}
			}
			if err := enc.Encode(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// splitLines yields the non-empty lines of data.
func splitLines(data []byte) func(func([]byte) bool) {
	return func(yield func([]byte) bool) {
		for line := range bytes.Lines(data) {
			if line = bytes.TrimSpace(line); len(line) > 0 && !yield(line) {
				return
			}
		}
	}
}
