package bleveengine

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// BenchmarkMonthFilter measures what month shards buy: the same queries
// unfiltered and filtered to one month, over one index and over month
// shards built from the same articles. The input is the shared corpora, or
// the JSONL files in SYNDEX_BENCH_JSONL (comma-separated; e.g. the 1M
// articles of ../shared/bench/peers/scale_distinct.py), and the month
// SYNDEX_BENCH_MONTH (default 1987-03, Reuters' busiest).
//
// The typos row is the unfiltered queries with two letters swapped, which
// the spelling correction answers.
//
//	go test ./searchsvc/bleveengine -run x -bench MonthFilter -benchtime 20x
func BenchmarkMonthFilter(b *testing.B) {
	var sources []string
	if env := os.Getenv("SYNDEX_BENCH_JSONL"); env != "" {
		sources = strings.Split(env, ",")
	} else {
		for _, f := range []string{"reuters.jsonl", "bbc.jsonl", "crypto.jsonl", "agnews.jsonl"} {
			sources = append(sources, sharedtest.Dir(b, "corpora", "jsonl", f))
		}
	}
	month := os.Getenv("SYNDEX_BENCH_MONTH")
	if month == "" {
		month = "1987-03"
	}
	words := []string{"oil prices", "bank", "market", "trade deficit", "shares", "dollar"}
	typos := []string{"oil prcies", "bnak", "makret", "trade deficti", "shraes", "dollra"}
	for _, layout := range []struct {
		name   string
		months bool
	}{{"single", false}, {"months", true}} {
		loc := filepath.Join(b.TempDir(), "index")
		if _, err := indexer.Reindex(context.Background(), loc, sources, indexer.WriteOptions{MonthShards: layout.months}); err != nil {
			b.Fatal(err)
		}
		ix, err := indexer.Open(loc)
		if err != nil {
			b.Fatal(err)
		}
		e, err := New(ix, Config{Log: searchtest.QuietLog()})
		if err != nil {
			b.Fatal(err)
		}
		svc := searchsvc.New(e, searchsvc.Config{Log: searchtest.QuietLog()})
		// serve builds the columns and the vocabulary before its first
		// requests; at 1M that takes longer than one request's deadline.
		if err := svc.Warm(context.Background()); err != nil {
			b.Fatal(err)
		}
		for _, filter := range []struct {
			name, params string
			words        []string
		}{
			{"unfiltered", "", words},
			{"one-month", fmt.Sprintf("&from=%s-01&to=%s", month, lastDay(b, month)), words},
			// Corrections count candidates' articles in every shard.
			{"typos", "", typos},
		} {
			var reqs []searchsvc.Request
			for _, w := range filter.words {
				v, err := url.ParseQuery("q=" + url.QueryEscape(w) + "&size=10&facets=source,tag,published" + filter.params)
				if err != nil {
					b.Fatal(err)
				}
				r, err := searchsvc.ParseRequest(v)
				if err != nil {
					b.Fatal(err)
				}
				reqs = append(reqs, r)
			}
			b.Run(layout.name+"/"+filter.name, func(b *testing.B) {
				var total uint64
				for i := 0; i < b.N; i++ {
					for _, r := range reqs {
						res, err := svc.Search(context.Background(), r)
						if err != nil {
							b.Fatal(err)
						}
						total += res.Total
					}
				}
				if total == 0 {
					b.Fatalf("no matches %s", filter.name)
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(reqs))/1000, "ms/query")
			})
		}
		ix.Close()
	}
}

// lastDay returns the last day of month ("2006-01") as 2006-01-02.
func lastDay(b *testing.B, month string) string {
	b.Helper()
	t, err := time.Parse("2006-01", month)
	if err != nil {
		b.Fatalf("SYNDEX_BENCH_MONTH: %v", err)
	}
	return t.AddDate(0, 1, -1).Format(time.DateOnly)
}
