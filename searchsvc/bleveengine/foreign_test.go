package bleveengine

import (
	"context"
	"slices"
	"testing"

	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// TestForeignArticles checks what non-English articles get in an index
// that is mostly English (the shared feeds and crypto news): related
// stories in their language, and completions of words typed without
// their accents.
func TestForeignArticles(t *testing.T) {
	_, svc := layoutService(t, false, sharedtest.Dir(t, "corpora", "feeds"), sharedtest.Dir(t, "corpora", "jsonl", "crypto.jsonl"))
	t.Run("related", func(t *testing.T) { testRelatedInTheArticlesLanguage(t, svc) })
	t.Run("no English did_you_mean", func(t *testing.T) {
		// Words of Spanish and German articles of the feeds, rare in the
		// index, each a letter or two from an English word.
		for _, q := range []string{"dominios", "dominio", "programmierer", "flugsimulatoren"} {
			res := searchtest.DoSearch(t, svc, "q="+q)
			if res.Total == 0 || res.Corrected || res.DidYouMean != "" {
				t.Errorf("%s: %d found, corrected %v, did_you_mean %q; want its articles and no English suggestion",
					q, res.Total, res.Corrected, res.DidYouMean)
			}
		}
	})
	t.Run("suggest", func(t *testing.T) {
		// Slovak "Koronavírus" and French "Grève" titles of the feeds.
		for _, typed := range [][2]string{{"koronavi", "koronaví"}, {"grev", "grèv"}} {
			var got [2][]string
			for i, q := range typed {
				res, err := svc.Suggest(context.Background(), q, 5)
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range res.Terms {
					got[i] = append(got[i], w.Term)
				}
			}
			if len(got[1]) == 0 || !slices.Equal(got[0], got[1]) {
				t.Errorf("suggest %q: %v; %q: %v; want the same accented completions", typed[0], got[0], typed[1], got[1])
			}
		}
	})
}

// testRelatedInTheArticlesLanguage checks related stories of German and
// Portuguese articles: their distinctive terms come from their own
// language's analyzer and are weighed against the articles of that
// language, so its function words ("die", "und", "de", "os"), rare in
// English, are never what makes two articles related.
func testRelatedInTheArticlesLanguage(t *testing.T, svc *searchsvc.Service) {
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
