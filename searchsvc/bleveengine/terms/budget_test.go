package terms

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
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
	ix, err := bleve.New(t.TempDir()+"/ix", m)
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

// TestCorrectionsWorkBudget checks that correction stops at its work
// budget, and at a cancelled context, with whatever it found and no error,
// however many or long the candidate terms are.
func TestCorrectionsWorkBudget(t *testing.T) {
	c := New(indexer.NewMapping().AnalyzerNamed(indexer.AnalyzerName))
	long := make([]string, 40)
	for i := range long {
		long[i] = fmt.Sprintf("zep%02d", i) + strings.Repeat("q", 256<<10)
	}
	// Terms within 2 edits of the words typed below (fuzzy candidates) and
	// sharing their first letters (prefix candidates): every lookup fills
	// its maxCandidates, more than the budget allows in all.
	var many []string
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			many = append(many, "zep"+string(a)+string(b))
		}
	}
	for i := range WorkCandidates {
		many = append(many, fmt.Sprintf("zep%06d", i))
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
			words := []string{"zepaa", "zepab", "zepac", "zepad", "zepae", "zepaf", "zepag", "zepah", "zepai"}
			_, work, err := c.Corrections(tc.ctx(), r, words, true)
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
	// Within budget, a real correction is still found (the bodies are stems,
	// as the real analyzer would index them).
	r := keywordIndex(t, []string{"inflat", "inflat", "inflat", "inflat", "inflat", "inflat", "inflaton"})
	got, work, err := c.Corrections(context.Background(), r, []string{"inflaton"}, false)
	if err != nil || got["inflaton"] != "inflation" || work.Exhausted {
		t.Errorf("corrections = %v, %+v, %v; want inflaton → inflation within budget", got, work, err)
	}
}
