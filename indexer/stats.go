package indexer

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// Count is a facet value and how many articles have it.
type Count struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Stats describes an index: what `syndex stats` prints.
type Stats struct {
	Articles uint64 `json:"articles"`
	// Stories is the number of distinct stories (groups of copies).
	Stories uint64  `json:"stories"`
	Sources []Count `json:"sources"`
	// NoSource counts articles without a source (nor a site to name one
	// after), so that the sources' counts and it add up to Articles.
	NoSource int     `json:"no_source"`
	Tags     []Count `json:"top_tags"`
	// FirstDay and LastDay span the known publication dates (YYYY-MM-DD);
	// Undated counts articles without one.
	FirstDay   string `json:"first_day,omitempty"`
	LastDay    string `json:"last_day,omitempty"`
	Undated    int    `json:"undated"`
	SizeBytes  int64  `json:"size_bytes"`
	Generation string `json:"generation"`
}

// maxFacetTerms bounds "all values" facets. It is far above any real number of
// sources or days, so counts are exact, and keeps a hostile index bounded.
const maxFacetTerms = 100000

// Stats computes counts by source, the top tags and the date span.
func (ix *Index) Stats(ctx context.Context, topTags int) (Stats, error) {
	st := Stats{Generation: ix.Path, SizeBytes: DirSize(ix.Path)}
	n, err := ix.DocCount()
	if err != nil {
		return st, fmt.Errorf("count articles: %w", err)
	}
	st.Articles = n
	if st.Stories, err = ix.storyCount(); err != nil {
		return st, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet(FieldSource, bleve.NewFacetRequest(FieldSource, maxFacetTerms))
	req.AddFacet(FieldTags, bleve.NewFacetRequest(FieldTags, topTags))
	req.AddFacet(FieldDay, bleve.NewFacetRequest(FieldDay, maxFacetTerms))
	res, err := ix.SearchInContext(ctx, req)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Sources = facetCounts(res.Facets[FieldSource])
	sourced := 0
	for _, c := range st.Sources {
		sourced += c.Count
	}
	st.NoSource = max(int(n)-sourced, 0)
	st.Tags = facetCounts(res.Facets[FieldTags])
	days := facetCounts(res.Facets[FieldDay])
	sort.Slice(days, func(i, j int) bool { return days[i].Value < days[j].Value })
	dated := 0
	for _, d := range days {
		dated += d.Count
	}
	if len(days) > 0 {
		st.FirstDay, st.LastDay = days[0].Value, days[len(days)-1].Value
	}
	st.Undated = int(n) - dated
	return st, nil
}

// facetCounts turns a Bleve terms facet into counts, largest first and then
// by value, so output is deterministic.
func facetCounts(f *search.FacetResult) []Count {
	if f == nil || f.Terms == nil {
		return nil
	}
	terms := f.Terms.Terms()
	out := make([]Count, 0, len(terms))
	for _, t := range terms {
		out = append(out, Count{Value: t.Term, Count: t.Count})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// storyCount counts the distinct story ids of the live articles (the story
// field's dictionary would also count articles replaced since the last
// merge).
func (ix *Index) storyCount() (uint64, error) {
	adv, err := ix.Advanced()
	if err != nil {
		return 0, fmt.Errorf("count stories: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, fmt.Errorf("count stories: %w", err)
	}
	defer r.Close()
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return 0, fmt.Errorf("count stories: %w", err)
	}
	defer dr.Close()
	dvr, err := r.DocValueReader([]string{FieldStory})
	if err != nil {
		return 0, fmt.Errorf("count stories: %w", err)
	}
	stories := map[string]struct{}{}
	for {
		id, err := dr.Next()
		if err != nil {
			return 0, fmt.Errorf("count stories: %w", err)
		}
		if id == nil {
			return uint64(len(stories)), nil
		}
		err = dvr.VisitDocValues(id, func(_ string, term []byte) {
			if _, ok := stories[string(term)]; !ok {
				stories[string(term)] = struct{}{}
			}
		})
		if err != nil {
			return 0, fmt.Errorf("count stories: %w", err)
		}
	}
}
