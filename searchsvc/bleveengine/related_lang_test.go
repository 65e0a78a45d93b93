package bleveengine

import (
	"context"
	"slices"
	"testing"

	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// TestRelatedInTheArticlesLanguage checks related stories of German and
// Portuguese articles in an index that is mostly English (the shared
// feeds and crypto news): their distinctive terms come from their own
// language's analyzer and are weighed against the articles of that
// language, so its function words ("die", "und", "de", "os"), rare in
// English, are never what makes two articles related.
func TestRelatedInTheArticlesLanguage(t *testing.T) {
	_, svc := layoutService(t, false, sharedtest.Dir(t, "corpora", "feeds"), sharedtest.Dir(t, "corpora", "jsonl", "crypto.jsonl"))
	function := map[string][]string{
		"de": {"die", "der", "und", "das", "mit", "von", "aus", "ist", "ein", "den"},
		"pt": {"de", "da", "do", "os", "as", "que", "em", "um", "uma", "para"},
	}
	for code, words := range function {
		res := searchtest.DoSearch(t, svc, "lang="+code+"&size=100&collapse=false")
		if len(res.Hits) < 10 {
			t.Fatalf("lang=%s: %d articles in the shared feeds, want at least 10", code, len(res.Hits))
		}
		withTerms := 0
		for _, h := range res.Hits {
			rel, err := svc.Related(context.Background(), h.ID, 3)
			if err != nil {
				t.Fatalf("related to %s: %v", h.ID, err)
			}
			if len(rel.Terms) > 0 {
				withTerms++
			}
			for _, term := range rel.Terms {
				if slices.Contains(words, term) {
					t.Errorf("%s (%s, %q): related by the function word %q (terms %v)", h.ID, code, h.Title, term, rel.Terms)
				}
			}
		}
		if withTerms < len(res.Hits)/2 {
			t.Errorf("lang=%s: only %d of %d articles have distinctive terms", code, withTerms, len(res.Hits))
		}
	}
}
