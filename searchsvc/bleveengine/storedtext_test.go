package bleveengine

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// TestStoredTextBySegment checks that reading stored fields by segment and
// document number finds the right documents in a many-segment index.
func TestStoredTextBySegment(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-segments-")
	arts := searchtest.FixtureArticles()
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", arts[:20])
	loc := filepath.Join(dir, "index")
	if _, err := indexer.Reindex(context.Background(), loc, []string{src}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Each batch written to an open index makes a segment; some replace
	// articles, leaving deleted documents in older segments.
	var more []*article.Article
	for a, err := range ingest.Read(context.Background(), []string{searchtest.WriteJSONL(t, dir, "b.jsonl", append(arts[15:], arts[:3]...))}, ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		more = append(more, a)
	}
	for i := 0; i < len(more); i += 9 {
		if _, err := ix.Writer().Add(context.Background(), more[i:min(i+9, len(more))]); err != nil {
			t.Fatal(err)
		}
	}
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Log: searchtest.QuietLog()})
	err = eng.withReader(ix, func(r index.IndexReader) error {
		c, err := eng.cols.get(r)
		if err != nil {
			return err
		}
		v := newVerifier(nil, r, eng.ans, c)
		sc := v.newScratch()
		t.Logf("%d segments", len(v.segs))
		if len(v.segs) == 0 {
			t.Fatal("not a scorch snapshot")
		}
		for num, id := range c.ids {
			if id == "" {
				continue
			}
			title, body, ok := v.bySegment(&sc.textBuf, uint64(num))
			a, err := ix.Article(id)
			if !ok || err != nil || title != a.Title || body != a.Body {
				t.Errorf("doc %d (%s): ok=%v title %q, want %q (%v)", num, id, ok, title, a.Title, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Phrases across the segments.
	res := searchtest.DoSearch(t, svc, "q=%22crude+oil%22")
	if got := sortedIDs(res); !reflect.DeepEqual(got, []string{"phrase-long", "phrase-yes"}) {
		t.Errorf("phrase over segments: %v", got)
	}
}
