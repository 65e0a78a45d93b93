package terms

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// keywordIndex returns a Bleve (scorch) index whose body field holds
// each document's body as one term, so a test can put any terms, however
// long, into the dictionaries the corrector reads (the real analyzer cuts
// them to indexer.MaxTokenRunes).
func keywordIndex(t *testing.T, bodies []string) index.IndexReader {
	t.Helper()
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name
	return indexOf(t, m, bodies)
}

// indexOf indexes bodies with mapping m and returns a reader.
func indexOf(t *testing.T, m *mapping.IndexMappingImpl, bodies []string) index.IndexReader {
	// No fsync per batch: nothing here needs to survive a crash.
	ix, err := bleve.NewUsing(t.TempDir()+"/ix", m, scorch.Name, scorch.Name, map[string]any{"unsafe_batch": true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	b := ix.NewBatch()
	for i, body := range bodies {
		if err := b.Index(fmt.Sprint(i), map[string]any{indexer.FieldBody: body}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	adv, err := ix.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// englishIndex returns a Bleve index whose body field is analyzed in
// English, as syndex's is.
func englishIndex(t *testing.T, bodies []string) index.IndexReader {
	t.Helper()
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = "en"
	return indexOf(t, m, bodies)
}

// TestCorrectionsWorkBudget checks that correction stops at its work
// budget, and at a cancelled context, with whatever it found and no error,
// however many or long the candidate terms are.
func TestCorrectionsWorkBudget(t *testing.T) {
	c := New(indexer.NewMapping().AnalyzerNamed(indexer.AnalyzerName), nil)
	long := make([]string, 40)
	for i := range long {
		long[i] = "zepaaaa" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + strings.Repeat("q", 256<<10)
	}
	// Terms within 2 edits of the 9-letter words typed below (fuzzy
	// candidates) and sharing their first letters (prefix candidates):
	// every lookup fills its maxCandidates, more than the budget allows in
	// all.
	var many []string
	for i := range WorkCandidates + 26*26 {
		w := []byte("zepaaaaaa")
		for j, n := 8, i; j >= 4 && n > 0; j, n = j-1, n/26 {
			w[j] = byte('a' + n%26)
		}
		many = append(many, string(w))
	}
	for _, tc := range []struct {
		name   string
		bodies []string
		ctx    func() context.Context
	}{
		{"long terms", long, context.Background},
		{"many terms", many, context.Background},
		{"cancelled", many, func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := keywordIndex(t, tc.bodies)
			words := []string{"zepaaaaaa", "zepaaaaab", "zepaaaaac", "zepaaaaad", "zepaaaaae", "zepaaaaaf", "zepaaaaag", "zepaaaaah", "zepaaaaai"}
			_, _, work, err := c.Corrections(tc.ctx(), r, words, false)
			if err != nil {
				t.Fatal(err)
			}
			if !work.Exhausted {
				t.Errorf("work %+v: the budget should have run out", work)
			}
			if work.Candidates > WorkCandidates || work.Bytes > WorkBytes+len(tc.bodies[0]) {
				t.Errorf("work %+v is over the budget (%d candidates, %d bytes)", work, WorkCandidates, WorkBytes)
			}
		})
	}
	// Within budget, a real correction is still found.
	r := englishIndex(t, []string{"inflation", "inflation", "inflation", "inflation", "inflation", "inflation", "inflaton"})
	got, _, work, err := c.Corrections(context.Background(), r, []string{"inflaton"}, false)
	if err != nil || got["inflaton"] != "inflation" || work.Exhausted {
		t.Errorf("corrections = %v, %+v, %v; want inflaton → inflation within budget", got, work, err)
	}
}
