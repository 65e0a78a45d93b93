package bleveengine

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/syndex/syndex/searchsvc"

	"github.com/blevesearch/bleve/v2/search"
)

// Story collapsing. The index gives every article a story id (the group of
// near-duplicate copies it belongs to, see indexer/story.go) and columns
// hold each story's members. A collapsed search returns one hit per story:
//
//   - Matches of single-article stories (most articles) go through Bleve's
//     collector as before.
//   - Matches of stories with several copies are kept out of it and grouped
//     in the plan: the group's rank is that of its best member under the
//     sort (highest score, or newest / oldest), and it is shown as the
//     story's original when the original is itself a hit, else as that best
//     member. After Bleve returns its top hits, the groups are merged in.
//   - searchsvc.Facets count stories: a story counts once for a value that any of its
//     matching copies has (source A and source B each count a story carried
//     by both), and once per date bucket and range it has a matching copy
//     in. Totals count stories; total_articles counts articles.

// facetKind names a term facet in a storyPair: its position in
// searchsvc.TermFilters.
type facetKind uint8

// storyPair is a facet value already counted for a story.
type storyPair struct {
	kind  facetKind
	story int32
	val   int32
}

// storyGroup is the best hit so far of a story with several copies.
type storyGroup struct {
	best  uint64
	score float64
	// orig says the story's original is a hit.
	orig bool
}

// storyCounts is the per-search state of collapsing.
type storyCounts struct {
	seen   map[storyPair]struct{}
	groups map[int32]*storyGroup
	// pub lists the matching copies of multi-copy stories, for the
	// published facet, which folds them per story once its interval is
	// known.
	pub []uint32
}

func (sc *storyCounts) init() {
	sc.seen = make(map[storyPair]struct{})
	sc.groups = make(map[int32]*storyGroup)
}

// first reports whether value val of facet kind is counted for story for
// the first time.
func (sc *storyCounts) first(kind facetKind, story, val int32) bool {
	k := storyPair{kind, story, val}
	if _, ok := sc.seen[k]; ok {
		return false
	}
	sc.seen[k] = struct{}{}
	return true
}

// hit records a matching copy of a multi-copy story.
func (sc *storyCounts) hit(p *plan, num uint64, score float64) {
	c := p.cols
	s := c.story[num]
	g := sc.groups[s]
	if g == nil {
		g = &storyGroup{best: num, score: score}
		sc.groups[s] = g
	} else if p.before(p.ranked(num, score), p.ranked(g.best, g.score)) {
		g.best, g.score = num, score
	}
	if c.original(s) == num {
		g.orig = true
	}
}

// ranked is a hit with what the sort compares.
type ranked struct {
	num   uint64
	score float64
	key   string
	match *search.DocumentMatch // nil for a story group
	// rescored: the score includes proximity (in the rescore window).
	rescored bool
}

func (p *plan) ranked(num uint64, score float64) ranked {
	return ranked{num: num, score: score, key: p.sortKey(num, p.sortMode != searchsvc.SortOldest)}
}

// compare orders hits as the Bleve sort of the search does: relevance is
// score then key descending, newest key descending, oldest key ascending.
func (p *plan) compare(a, b ranked) int {
	switch p.sortMode {
	case searchsvc.SortRelevance:
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(b.key, a.key)
	case searchsvc.SortOldest:
		return cmp.Compare(a.key, b.key)
	default:
		return cmp.Compare(b.key, a.key)
	}
}

func (p *plan) before(a, b ranked) bool { return p.compare(a, b) < 0 }

// afterCursor reports whether r comes after the cursor's sort values.
func (p *plan) afterCursor(r ranked, cur *searchsvc.Cursor) bool {
	at := ranked{key: cur.K[len(cur.K)-1]}
	if p.sortMode == searchsvc.SortRelevance {
		at.score, _ = strconv.ParseFloat(cur.K[0], 64)
	}
	return p.compare(r, at) > 0
}

// merge returns the page of a collapsed search: Bleve's hits (the top
// from+size+1 single-article stories after the cursor) merged with the
// story groups, from offset from. A group's match is nil; its num is the
// article to show.
func (p *plan) merge(hits search.DocumentMatchCollection, cur *searchsvc.Cursor, from, n int) []ranked {
	all := make([]ranked, 0, len(hits)+len(p.stories.groups))
	for _, h := range hits {
		all = append(all, ranked{num: h.IndexInternalID.Value(), score: h.Score,
			key: p.sortKey(h.IndexInternalID.Value(), p.sortMode != searchsvc.SortOldest), match: h})
	}
	for _, g := range p.stories.groups {
		r := p.ranked(g.best, g.score)
		if cur != nil && !p.afterCursor(r, cur) {
			continue
		}
		all = append(all, r)
	}
	slices.SortStableFunc(all, p.compare)
	if from >= len(all) {
		return nil
	}
	return all[from:min(from+n, len(all))]
}

// shown returns the article a ranked hit shows: for a story group sorted by
// relevance, the story's original when it is a hit. Sorted by date, the hit
// shows the copy whose date places it, so the dates on a page stay in order.
func (p *plan) shown(r ranked) uint64 {
	if r.match != nil || p.sortMode != searchsvc.SortRelevance {
		return r.num
	}
	s := p.cols.story[r.num]
	if g := p.stories.groups[s]; g != nil && g.orig {
		return p.cols.original(s)
	}
	return r.num
}

// foldStoryDays adds the matching copies of multi-copy stories to the day
// counts of the published facet, once per story and bucket of the given
// interval, and to the fixed ranges and undated count once per story.
func (p *plan) foldStoryDays(counts []int, interval string) {
	c := p.cols
	docs := slices.Clone(p.stories.pub)
	slices.SortFunc(docs, func(a, b uint32) int {
		if x := cmp.Compare(c.story[a], c.story[b]); x != 0 {
			return x
		}
		return cmp.Compare(c.pub[a], c.pub[b])
	})
	for i := 0; i < len(docs); {
		s := c.story[docs[i]]
		j := i
		for j < len(docs) && c.story[docs[j]] == s {
			j++
		}
		// Oldest first, undated (MinInt64) first of all.
		undated, newest := false, int64(noDate)
		var last int32 = -1 << 30
		for _, d := range docs[i:j] {
			pub := c.pub[d]
			if pub == noDate {
				undated = true
				continue
			}
			newest = max(newest, pub)
			day := c.dayOrd[d]
			start := searchsvc.DayNumber(searchsvc.BucketStart(searchsvc.DayTime(c.days[day]), interval))
			if start != last {
				counts[day]++
				last = start
			}
		}
		if undated {
			p.undated++
		}
		if newest != noDate {
			for k, from := range p.rangeFrom {
				if newest >= from {
					p.rangeCounts[k]++
				}
			}
		}
		i = j
	}
}
