package terms

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Weighted is a stem with its more-like-this weight.
type Weighted struct {
	Term   string
	Weight float64
}

// Distinctive returns the n stems of an article's title and body that best
// tell it apart from the other articles of its language: an is the
// article's own analyzer and anName its name as indexed
// (indexer.FieldAnalyzer), and N counts the articles analysed with it. Each
// stem is weighted by tf × ln(N/df) (title words count twice); stems in
// under two articles (only this one) or in more than a tenth of the N (no
// information) are dropped. Counted against the whole index instead, a
// French article's "de", "la", "les" are rare in a mostly English index
// and would be its most distinctive words. At most maxStems of the most
// frequent stems are looked up.
func Distinctive(ctx context.Context, r index.IndexReader, an analysis.Analyzer, anName, title, body string, n, maxStems int) ([]Weighted, error) {
	tf := map[string]float64{}
	for _, f := range []struct {
		text string
		w    float64
	}{{title, 2}, {body, 1}} {
		for _, tok := range an.Analyze([]byte(f.text)) {
			tf[string(tok.Term)] += f.w
		}
	}
	stems := make([]string, 0, len(tf))
	for t := range tf {
		if len([]rune(t)) > 1 {
			stems = append(stems, t)
		}
	}
	// The most frequent stems, if the text is long.
	slices.SortFunc(stems, func(x, y string) int {
		if c := cmp.Compare(tf[y], tf[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	stems = stems[:min(len(stems), maxStems)]
	tfr, err := r.TermFieldReader(ctx, []byte(anName), indexer.FieldAnalyzer, false, false, false)
	if err != nil {
		return nil, err
	}
	docs := tfr.Count()
	tfr.Close()
	// In a language of few articles a tenth is no bound: any shared stem
	// is then in a few of them.
	common := max(float64(docs)/10, 3)
	var out []Weighted
	for _, t := range stems {
		tfr, err := r.TermFieldReader(ctx, []byte(t), indexer.FieldBody, false, false, false)
		if err != nil {
			return nil, err
		}
		df := tfr.Count()
		tfr.Close()
		if df < 2 || float64(df) > common {
			continue
		}
		// A stem other languages share ("16") can be in more articles
		// than the language has.
		if w := tf[t] * math.Log(float64(docs)/float64(df)); w > 0 {
			out = append(out, Weighted{t, w})
		}
	}
	slices.SortFunc(out, func(x, y Weighted) int {
		if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
			return c
		}
		return cmp.Compare(x.Term, y.Term)
	})
	return out[:min(len(out), n)], nil
}
