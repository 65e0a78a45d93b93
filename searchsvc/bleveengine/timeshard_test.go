package bleveengine

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/indexer/timeshard"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// layoutService reindexes sources as one index or as month shards and
// returns the open index and a Service over it with "now" pinned.
func layoutService(t *testing.T, months bool, sources ...string) (*indexer.Index, *searchsvc.Service) {
	t.Helper()
	ix, e := reindexEngine(t, filepath.Join(t.TempDir(), "index"), indexer.WriteOptions{MonthShards: months}, sources...)
	return ix, newService(t, e)
}

// TestMonthShardsAnswerLikeOneIndex indexes two real corpora (dated and
// undated articles, stories spanning months) once as one index and once
// as month shards, and compares the whole responses of searches, pages,
// cursors, facets, corrections, suggestions, related stories and articles.
func TestMonthShardsAnswerLikeOneIndex(t *testing.T) {
	sources := []string{sharedtest.Dir(t, "corpora", "jsonl", "crypto.jsonl"), sharedtest.Dir(t, "corpora", "jsonl", "agnews.jsonl")}
	oneIx, one := layoutService(t, false, sources...)
	ix, months := layoutService(t, true, sources...)

	gen := ix.Path
	entries, err := os.ReadDir(filepath.Join(gen, "store"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 3 {
		t.Fatalf("the month layout has %d shard directories, want several", len(entries))
	}

	same := func(what string, a, b any) {
		t.Helper()
		ja, jb := comparable(t, a), comparable(t, b)
		if ja != jb {
			i := 0
			for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s differs at byte %d:\none index:    …%.500s\nmonth shards: …%.500s", what, i, ja[from:], jb[from:])
		}
	}
	for _, params := range []string{
		"q=bitcoin",
		"q=bitcoin&from=2022-03-01&to=2022-03-31",
		"q=bitcoin+price&sort=newest&size=30",
		"q=ethereum&sort=oldest&from=2021-06-01",
		"q=&sort=newest&from=2022-01-01&to=2022-02-15&facets=source,tag,published",
		"q=oil+prices&facets=source,tag,published",
		"q=%22central+bank%22",
		"q=bitcion",
		"q=etherium+price",
		"q=stocks&page=3&size=10",
		"q=market&all_copies=true",
		"q=crypto+-bitcoin&tag=bitcoin",
		"q=&sort=oldest&size=50",
	} {
		a := searchtest.DoSearch(t, one, params)
		b := searchtest.DoSearch(t, months, params)
		same(params, a, b)
		for page := 0; a.NextCursor != "" && page < 3; page++ {
			next := withCursor(t, params, a.NextCursor)
			a = searchtest.DoSearch(t, one, next)
			b = searchtest.DoSearch(t, months, next)
			same(params+" (next page)", a, b)
		}
	}
	ctx := context.Background()
	for _, q := range []string{"bit", "ethe", "oil pr"} {
		a, err1 := one.Suggest(ctx, q, 8)
		b, err2 := months.Suggest(ctx, q, 8)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		same("suggest "+q, a, b)
	}
	top := searchtest.DoSearch(t, one, "q=bitcoin&size=3")
	for _, h := range top.Hits {
		a, err1 := one.Article(ctx, h.ID)
		b, err2 := months.Article(ctx, h.ID)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		same("article "+h.ID, a, b)
		ra, err1 := one.Related(ctx, h.ID, 5)
		rb, err2 := months.Related(ctx, h.ID, 5)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		same("related "+h.ID, ra, rb)
	}
	for _, p := range []string{searchsvc.FacetSource, searchsvc.FacetTag} {
		a, _ := one.Values(ctx, p)
		b, _ := months.Values(ctx, p)
		same("values "+p, a, b)
	}

	// Live writes: a correction that moves an article to another month, an
	// undated article that gets a date, new articles and deletions.
	moved, err := ix.Article("crypto-1")
	if err != nil || moved == nil {
		t.Fatalf("crypto-1: %v, %v", moved, err)
	}
	moved.Published = time.Date(2021, 11, 15, 8, 0, 0, 0, time.UTC)
	dated, err := ix.Article("agnews-1")
	if err != nil || dated == nil {
		t.Fatalf("agnews-1: %v, %v", dated, err)
	}
	dated.Published = time.Date(2022, 2, 1, 9, 0, 0, 0, time.UTC)
	ingested := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	writes := []*article.Article{
		moved, dated,
		{ID: "live-1", Title: "Bitcoin miners switch off in the heat", Body: "Bitcoin miners in Texas switched off rigs as the grid strained.", Source: "Live Wire", Published: time.Date(2022, 3, 10, 12, 0, 0, 0, time.UTC), Tags: []string{"bitcoin"}},
		{ID: "live-2", Title: "Pension talks resume", Body: "Unions and the firm resumed pension talks on Monday.", Source: "Live Wire"},
	}
	for _, a := range writes {
		a.Ingested = ingested
	}
	for _, x := range []*indexer.Index{oneIx, ix} {
		if _, err := x.Writer().Add(ctx, writes); err != nil {
			t.Fatal(err)
		}
		if n, err := x.Writer().Delete(ctx, "crypto-2", "agnews-5"); err != nil || n != 2 {
			t.Fatalf("deleted %d, %v", n, err)
		}
	}
	for _, params := range []string{
		"q=bitcoin",
		"q=bitcoin&from=2021-11-01&to=2021-11-30",
		"q=bitcoin+miners&from=2022-03-01&to=2022-03-31",
		"q=pension",
		"q=&sort=newest&facets=source,tag,published",
		"q=&sort=oldest&size=50",
	} {
		same(params+" (after writes)", searchtest.DoSearch(t, one, params), searchtest.DoSearch(t, months, params))
	}
	if res := searchtest.DoSearch(t, months, "q=&from=2021-11-15&to=2021-11-15&size=100"); !slices.Contains(searchtest.IDs(res), "crypto-1") {
		t.Errorf("the corrected crypto-1 is not in November 2021: %v", searchtest.IDs(res))
	}
}

// TestMonthShardsDateFilterReadsItsMonths checks that a search filtered to
// one month reads that month's shard only, and an unfiltered one all.
func TestMonthShardsDateFilterReadsItsMonths(t *testing.T) {
	ix, _ := layoutService(t, true, sharedtest.Dir(t, "corpora", "jsonl", "crypto.jsonl"))
	adv, err := ix.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tr, ok := r.(*timeshard.Reader)
	if !ok {
		t.Fatalf("reader is %T, want the month shards'", r)
	}
	all := tr.Shards()
	if len(all) < 3 {
		t.Fatalf("%d shards", len(all))
	}
	month := all[len(all)/2]
	start, err := time.Parse("2006-01", month)
	if err != nil {
		t.Fatalf("shard %s: %v", month, err)
	}
	end := start.AddDate(0, 1, 0).Add(-time.Nanosecond)
	got := tr.Within(start.UnixNano(), end.UnixNano(), true, true).(*timeshard.Reader).Shards()
	if len(got) != 1 || got[0] != month {
		t.Errorf("the month %s reads shards %v of %v", month, got, all)
	}
	if got := tr.Within(0, 0, false, false).(*timeshard.Reader).Shards(); len(got) != len(all) {
		t.Errorf("an unfiltered search reads %d shards of %d", len(got), len(all))
	}
}

// comparable renders v as JSON without its timings, which differ from run
// to run whatever the layout.
func comparable(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	var strip func(any)
	strip = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			delete(n, "took_ms")
			for k, c := range n {
				if f, ok := c.(float64); ok && k == "score" {
					// Sums of the same terms in another order.
					n[k] = strconv.FormatFloat(f, 'g', 12, 64)
				}
				strip(c)
			}
		case []any:
			for _, c := range n {
				strip(c)
			}
		}
	}
	strip(tree)
	out, _ := json.Marshal(tree)
	return string(out)
}

// withCursor returns params asking for the page after cursor: a cursor
// replaces page, which the API refuses alongside it.
func withCursor(t *testing.T, params, cursor string) string {
	t.Helper()
	v, err := url.ParseQuery(params)
	if err != nil {
		t.Fatal(err)
	}
	v.Del("page")
	v.Set("cursor", cursor)
	return v.Encode()
}
