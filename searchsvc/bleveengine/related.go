package bleveengine

import (
	"context"
	"fmt"

	"github.com/syndex/syndex/indexer/lang"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/bleveengine/terms"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Related stories: more-like-this on an article's most distinctive terms
// (terms.Distinctive): the top relatedTerms stems become a disjunction of
// BM25F word queries, each weighted by the term's weight. Hits of the
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
	var distinct []terms.Weighted
	var lens rank.FieldLengths
	err = s.withReader(ix, func(r index.IndexReader) error {
		slot := lang.Slot(a.Lang)
		if distinct, err = terms.Distinctive(ctx, r, s.ans[slot], lang.Analyzers()[slot].Name, a.Title, a.Body, relatedTerms, maxRelatedStems); err != nil {
			return err
		}
		lens, err = s.lengths.Get(ctx, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("related to %s: %w", id, err)
	}
	if len(distinct) == 0 {
		return out, nil
	}
	stems := make(map[string]bool, len(distinct))
	qs := make([]bq.Query, 0, len(distinct))
	for _, t := range distinct {
		out.Terms = append(out.Terms, t.Term)
		stems[t.Term] = true
		// Scored like a searched word (BM25F over title and body, with the
		// engine's mean field lengths), so that related stories do not
		// depend on Bleve's per-segment statistics and hence are the same
		// over one index and over month shards.
		qs = append(qs, &rank.Query{Terms: []string{t.Term}, Weight: t.Weight, Ranking: s.cfg.Ranking, Avg: lens})
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
	if out.Hits, err = s.hits(ix, p, page, &built{stems: stems}); err != nil {
		return nil, err
	}
	return out, nil
}
