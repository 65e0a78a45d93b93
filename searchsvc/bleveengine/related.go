package bleveengine

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/syndex/syndex/searchsvc"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
)

// Related stories: more-like-this on an article's most distinctive terms.
// The article's title and body are analyzed like the index; each stem is
// weighted by tf × ln(N/df) (title words count twice), stems in under two
// articles (only this one) or in more than a tenth of the index (no
// information) are dropped, and the top relatedTerms stems become a
// disjunction over title and body, each boosted by its weight. Hits of the
// article's own story are skipped and each other story appears once.
const (
	relatedTerms = 20
	// maxRelatedStems bounds the distinct stems looked up in the index.
	maxRelatedStems = 400
)

// Related returns up to size other stories similar to article id.
func (s *Engine) Related(ctx context.Context, id string, size int) (*searchsvc.RelatedResponse, error) {
	ix, release := s.src.Acquire()
	defer release()
	a, err := readArticle(ix, id)
	if err != nil {
		return nil, err
	}
	out := &searchsvc.RelatedResponse{ID: a.ID, Terms: []string{}, Hits: []searchsvc.Hit{}}
	var terms []weighted
	err = s.withReader(ix, func(r index.IndexReader) error {
		terms, err = distinctiveTerms(ctx, r, s.an, a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("related to %s: %w", id, err)
	}
	if len(terms) == 0 {
		return out, nil
	}
	stems := make(map[string]bool, len(terms))
	qs := make([]bq.Query, 0, 2*len(terms))
	for _, t := range terms {
		out.Terms = append(out.Terms, t.term)
		stems[t.term] = true
		for _, f := range []struct {
			name  string
			boost float64
		}{{indexer.FieldTitle, 2}, {indexer.FieldBody, 1}} {
			tq := bq.NewTermQuery(t.term)
			tq.SetField(f.name)
			tq.SetBoost(t.weight * f.boost)
			qs = append(qs, tq)
		}
	}
	// Enough hits to fill the page after skipping copies of the same
	// stories.
	// The root query binds the columns of the snapshot Bleve searches, so
	// document numbers and columns agree even if the index changed since.
	p := &plan{cache: &s.cols, sortMode: searchsvc.SortRelevance}
	root := &rootQuery{inner: bq.NewDisjunctionQuery(qs), plan: p}
	req := bleve.NewSearchRequestOptions(root, 4*size+10, 0, false)
	req.Fields = hitFields
	res, err := ix.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxErr(ctx.Err())
		}
		return nil, fmt.Errorf("related to %s: %w", id, err)
	}
	var page []ranked
	seen := map[string]bool{a.Story: true, a.ID: true}
	for _, h := range res.Hits {
		story, _ := h.Fields[indexer.FieldStory].(string)
		if story == "" {
			story = h.ID
		}
		if p.cols == nil || len(page) == size || h.ID == a.ID || seen[story] {
			continue
		}
		seen[story] = true
		page = append(page, ranked{num: h.IndexInternalID.Value(), score: h.Score, match: h})
	}
	if out.Hits, err = s.hits(ix, p, page, stems); err != nil {
		return nil, err
	}
	return out, nil
}

// weighted is a stem with its more-like-this weight.
type weighted struct {
	term   string
	weight float64
}

// distinctiveTerms returns the relatedTerms stems of a that best tell it
// apart (see the comment at the top).
func distinctiveTerms(ctx context.Context, r index.IndexReader, an analysis.Analyzer, a *article.Article) ([]weighted, error) {
	tf := map[string]float64{}
	for _, f := range []struct {
		text string
		w    float64
	}{{a.Title, 2}, {a.Body, 1}} {
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
	stems = stems[:min(len(stems), maxRelatedStems)]
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	var out []weighted
	for _, t := range stems {
		tfr, err := r.TermFieldReader(ctx, []byte(t), indexer.FieldBody, false, false, false)
		if err != nil {
			return nil, err
		}
		df := tfr.Count()
		tfr.Close()
		if df < 2 || float64(df) > float64(n)/10 {
			continue
		}
		out = append(out, weighted{t, tf[t] * math.Log(float64(n)/float64(df))})
	}
	slices.SortFunc(out, func(x, y weighted) int {
		if c := cmp.Compare(y.weight, x.weight); c != 0 {
			return c
		}
		return cmp.Compare(x.term, y.term)
	})
	return out[:min(len(out), relatedTerms)], nil
}
