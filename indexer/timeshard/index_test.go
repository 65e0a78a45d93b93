package timeshard_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer/timeshard"
)

// article is what the tests index: a title and, when dated, a date.
func article(title string, published time.Time) map[string]any {
	m := map[string]any{"title": title}
	if !published.IsZero() {
		m["published"] = published
	}
	return m
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func create(t *testing.T, path string) bleve.Index {
	t.Helper()
	bi, err := bleve.NewUsing(path, bleve.NewIndexMapping(), timeshard.Name, scorch.Name, map[string]any{timeshard.ConfigTimeField: "published"})
	if err != nil {
		t.Fatal(err)
	}
	return bi
}

// shardDocs returns the number of documents in each shard.
func shardDocs(t *testing.T, bi bleve.Index) map[string]uint64 {
	t.Helper()
	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	names, shards := adv.(*timeshard.Index).Shards()
	out := map[string]uint64{}
	for i, s := range shards {
		r, err := s.Reader()
		if err != nil {
			t.Fatal(err)
		}
		n, err := r.DocCount()
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[names[i]] = n
	}
	return out
}

// hits returns the ids matching q, sorted.
func hits(t *testing.T, bi bleve.Index, q string) []string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 100, 0, false)
	res, err := bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func count(t *testing.T, bi bleve.Index) uint64 {
	t.Helper()
	n, err := bi.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestShardsRouteMoveAndDelete writes articles of several months and none,
// moves one to another month, deletes one, and reopens the index: each
// article is in its month's shard only, searched as one index.
func TestShardsRouteMoveAndDelete(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	bi := create(t, path)
	b := bi.NewBatch()
	for id, a := range map[string]map[string]any{
		"a": article("harvest january", day("2024-01-10")),
		"b": article("harvest february", day("2024-02-03")),
		"c": article("harvest someday", time.Time{}),
		"d": article("harvest january again", day("2024-01-30")),
	} {
		if err := b.Index(id, a); err != nil {
			t.Fatal(err)
		}
	}
	b.SetInternal([]byte("k"), []byte("v"))
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	if got, want := shardDocs(t, bi), map[string]uint64{"2024-01": 2, "2024-02": 1, timeshard.Undated: 1}; !equal(got, want) {
		t.Fatalf("shards hold %v, want %v", got, want)
	}
	if got := hits(t, bi, "harvest"); !slices.Equal(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("harvest finds %v", got)
	}

	// a moves to March, b is deleted.
	if err := bi.Index("a", article("harvest march", day("2024-03-01"))); err != nil {
		t.Fatal(err)
	}
	if err := bi.Delete("b"); err != nil {
		t.Fatal(err)
	}
	if got, want := shardDocs(t, bi), map[string]uint64{"2024-01": 1, "2024-02": 0, "2024-03": 1, timeshard.Undated: 1}; !equal(got, want) {
		t.Fatalf("after a move and a delete the shards hold %v, want %v", got, want)
	}
	if got := hits(t, bi, "january"); !slices.Equal(got, []string{"d"}) {
		t.Errorf("january finds %v after a moved to March", got)
	}
	if n := count(t, bi); n != 3 {
		t.Errorf("%d documents, want 3", n)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened, ids are looked up in the shards: the undated c moves to
	// January and is found once.
	bi, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	if v, err := bi.GetInternal([]byte("k")); err != nil || string(v) != "v" {
		t.Errorf("internal k = %q, %v", v, err)
	}
	if err := bi.Index("c", article("harvest dated at last", day("2024-01-15"))); err != nil {
		t.Fatal(err)
	}
	if got, want := shardDocs(t, bi), map[string]uint64{"2024-01": 2, "2024-02": 0, "2024-03": 1, timeshard.Undated: 0}; !equal(got, want) {
		t.Fatalf("after reopening and dating c the shards hold %v, want %v", got, want)
	}
	if got := hits(t, bi, "harvest"); !slices.Equal(got, []string{"a", "c", "d"}) {
		t.Errorf("harvest finds %v", got)
	}
	doc, err := bi.Document("a")
	if err != nil || doc == nil {
		t.Fatalf("document a: %v, %v", doc, err)
	}

	// A date range query answers over the shards as over one index.
	from, to := day("2024-01-01"), day("2024-02-01")
	dq := bleve.NewDateRangeQuery(from, to)
	dq.SetField("published")
	res, err := bi.Search(bleve.NewSearchRequest(dq))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("January holds %d articles, want 2 (c and d)", res.Total)
	}

	// Dropping before March removes the January and February shards.
	if _, err := os.Stat(filepath.Join(path, "store", "2024-01")); err != nil {
		t.Fatalf("the January shard's directory: %v", err)
	}
	dropped, docs, err := mustAdv(t, bi).Drop(day("2024-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if docs != 2 {
		t.Errorf("dropped %d articles, want 2", docs)
	}
	if !slices.Equal(dropped, []string{"2024-01", "2024-02"}) {
		t.Errorf("dropped %v", dropped)
	}
	for _, d := range dropped {
		if _, err := os.Stat(filepath.Join(path, "store", d)); !os.IsNotExist(err) {
			t.Errorf("shard %s still on disk: %v", d, err)
		}
	}
	if got := hits(t, bi, "harvest"); !slices.Equal(got, []string{"a"}) {
		t.Errorf("after dropping, harvest finds %v", got)
	}
}

// TestWrongTimeFieldIsRefused: a time field that is not a date is an error,
// not an article filed as undated.
func TestWrongTimeFieldIsRefused(t *testing.T) {
	bi := create(t, filepath.Join(t.TempDir(), "ix"))
	defer bi.Close()
	if err := bi.Index("x", map[string]any{"title": "t", "published": "not a date at all"}); err == nil {
		t.Fatal("a text published field was accepted")
	}
	if n := count(t, bi); n != 0 {
		t.Errorf("%d documents after a refused write", n)
	}
}

func mustAdv(t *testing.T, bi bleve.Index) *timeshard.Index {
	t.Helper()
	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	return adv.(*timeshard.Index)
}

func equal(a, b map[string]uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestDocFreqCountsEveryShard checks the cached document frequencies: the
// same from DocFreq, from a term reader of the whole index and from one of
// a view over one month (whose postings are fewer), and new after a write.
func TestDocFreqCountsEveryShard(t *testing.T) {
	bi := create(t, filepath.Join(t.TempDir(), "ix"))
	defer bi.Close()
	for id, a := range map[string]map[string]any{
		"a": article("oil prices rise", day("2024-01-05")),
		"b": article("oil and gas", day("2024-02-05")),
		"c": article("oil again", day("2024-03-05")),
		"d": article("gas only", day("2024-03-06")),
		"e": article("undated oil", time.Time{}),
	} {
		if err := bi.Index(id, a); err != nil {
			t.Fatal(err)
		}
	}
	check := func(want uint64) {
		t.Helper()
		ir, err := mustAdv(t, bi).Reader()
		if err != nil {
			t.Fatal(err)
		}
		defer ir.Close()
		r := ir.(*timeshard.Reader)
		mar := day("2024-03-01").UnixNano()
		for round := 0; round < 2; round++ { // the second answers from the cache
			n, err := r.DocFreq(t.Context(), []byte("oil"), "title")
			if err != nil || n != want {
				t.Fatalf("round %d: DocFreq = %d, %v; want %d", round, n, err, want)
			}
			if n, err := timeshard.DocFreq(t.Context(), ir, "title", "oil"); err != nil || n != want {
				t.Fatalf("round %d: timeshard.DocFreq = %d, %v; want %d", round, n, err, want)
			}
			for name, view := range map[string]interface {
				TermFieldReader(ctx context.Context, term []byte, field string, f, n, v bool) (index.TermFieldReader, error)
			}{"whole": r, "march": r.Within(mar, day("2024-03-31").UnixNano(), true, true)} {
				tfr, err := view.TermFieldReader(t.Context(), []byte("oil"), "title", false, false, false)
				if err != nil {
					t.Fatal(err)
				}
				var seen uint64
				for d, err := tfr.Next(nil); d != nil || err != nil; d, err = tfr.Next(nil) {
					if err != nil {
						t.Fatal(err)
					}
					seen++
				}
				if tfr.Count() != want {
					t.Errorf("round %d %s: Count = %d, want %d", round, name, tfr.Count(), want)
				}
				if wantSeen := map[string]uint64{"whole": want, "march": 1}[name]; seen != wantSeen {
					t.Errorf("round %d %s: %d postings, want %d", round, name, seen, wantSeen)
				}
				tfr.Close()
			}
		}
	}
	check(4)
	if err := bi.Delete("b"); err != nil {
		t.Fatal(err)
	}
	check(3)
}

// DocFreq counts the postings of a reader that is not a month-shard one.
func TestDocFreqOfOneIndex(t *testing.T) {
	bi, err := bleve.NewUsing(filepath.Join(t.TempDir(), "ix"), bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	for id, title := range map[string]string{"a": "oil prices", "b": "oil and gas", "c": "gas"} {
		if err := bi.Index(id, map[string]any{"title": title}); err != nil {
			t.Fatal(err)
		}
	}
	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	ir, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer ir.Close()
	for term, want := range map[string]uint64{"oil": 2, "gas": 2, "coal": 0} {
		if n, err := timeshard.DocFreq(t.Context(), ir, "title", term); err != nil || n != want {
			t.Errorf("DocFreq(%q) = %d, %v; want %d", term, n, err, want)
		}
	}
}
