package bleveengine

import (
	"slices"
	"time"

	"github.com/syndex/syndex/searchsvc"
)

// facets builds the requested facets from the counters of a search.
func (s *Engine) facets(p *plan, r *searchsvc.Request, now time.Time) *searchsvc.Facets {
	if !p.counting() {
		return nil
	}
	f := &searchsvc.Facets{Counts: searchsvc.CountArticles}
	if p.collapse {
		f.Counts = searchsvc.CountStories
	}
	c := p.cols
	for i, tf := range searchsvc.TermFilters {
		if tp := &p.terms[i]; tp.count {
			*tf.Facet(f) = searchsvc.NewTermFacet(c.terms[i].names, tp.counts, tp.missing, tp.sel, tp.vals, r.FacetSize)
		}
	}
	if p.countPub {
		counts, interval := p.dayCounts, r.Interval
		if len(p.stories.pub) > 0 {
			// Copies of multi-copy stories count once per story and bucket,
			// so the bucket size is settled first, over all matching days.
			counts = slices.Clone(p.dayCounts)
			for _, d := range p.stories.pub {
				if day := c.dayOrd[d]; day >= 0 {
					counts[day]++
				}
			}
			interval = searchsvc.ResolveInterval(c.days, counts, interval)
			copy(counts, p.dayCounts)
			p.foldStoryDays(counts, interval)
		}
		f.Published = searchsvc.NewDateFacet(c.days, counts, interval)
		f.Published.Undated = p.undated
		for i, fr := range searchsvc.DatePresets {
			f.Published.Ranges = append(f.Published.Ranges, searchsvc.DateRange{
				Key: fr.Key, Label: fr.Label, Count: p.rangeCounts[i],
				From: now.Add(-fr.D).UTC().Format(time.RFC3339),
			})
		}
	}
	return f
}
