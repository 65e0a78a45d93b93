package bleveengine

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/syndex/syndex/searchsvc"
)

// plan is the state of one Bleve search that the Go side adds to it: the
// filters and facet counters evaluated from the columns, and the freshness
// boost. The root query wraps the text query so that every match passes
// through plan.accept exactly once, whatever page is being collected.
//
// searchsvc.Filters on the selected facet values (source, tag) are evaluated here and
// not in Bleve so that one pass counts disjunctive facets: a match that
// fails only the source filter still counts for the source facet, one that
// fails only the tag filter for the tag facet, and one that passes every
// filter is a hit and counts everywhere.
type plan struct {
	cache *columnCache
	cols  *columns

	// terms are the term filters and facets, in searchsvc.TermFilters
	// order (the same order as columns.terms).
	terms          []termPlan
	from, to       int64 // UnixNano bounds, inclusive; 0 = none
	hasFrom, hasTo bool

	// The published facet.
	countPub    bool
	dayCounts   []int // by day ordinal
	undated     int
	rangeFrom   [len(searchsvc.DatePresets)]int64
	rangeCounts [len(searchsvc.DatePresets)]int

	// Phrase clauses checked on stored text (see verify.go), and the
	// verifier bound to the snapshot being searched.
	verify   []verifyClause
	ans      []analysis.Analyzer
	verifier *verifier

	// Freshness boost (relevance sort only).
	fresh    bool
	now      int64
	weight   float64
	halfLife float64 // nanoseconds

	// Story collapsing (collapse.go): hits of stories with several copies
	// are kept out of Bleve's collector and grouped here, and facets count
	// stories instead of articles.
	collapse bool
	sortMode string
	stories  storyCounts
	// articles counts the matching articles that are hits.
	articles int
}

// termPlan is one term filter of a search and its facet.
type termPlan struct {
	// vals are the requested values; sel marks their ordinals (nil: no
	// filter), resolved in bind.
	vals []string
	sel  []bool
	// count says the facet is requested; counts are by ordinal, missing
	// counts matches without a value.
	count   bool
	counts  []int
	missing int
}

// matches reports whether an article with values ords passes the filter.
func (tp *termPlan) matches(ords []int32) bool {
	if tp.sel == nil {
		return true
	}
	for _, o := range ords {
		if tp.sel[o] {
			return true
		}
	}
	return false
}

// newTermPlans returns the term filters and facets of r.
func newTermPlans(r *searchsvc.Request) []termPlan {
	out := make([]termPlan, len(searchsvc.TermFilters))
	for i, tf := range searchsvc.TermFilters {
		out[i] = termPlan{vals: *tf.Values(&r.Filters), count: tf.Facet != nil && r.Wants(tf.Param)}
	}
	return out
}

// counting reports whether any facet is counted.
func (p *plan) counting() bool {
	for i := range p.terms {
		if p.terms[i].count {
			return true
		}
	}
	return p.countPub
}

// bind attaches the columns of the snapshot being searched and resolves the
// filter values to ordinals.
func (p *plan) bind(c *columns) {
	p.cols = c
	sel := func(vals []string, ords map[string]int32, n int) []bool {
		if len(vals) == 0 {
			return nil
		}
		s := make([]bool, n)
		for _, v := range vals {
			if o, ok := ords[v]; ok {
				s[o] = true
			}
		}
		return s
	}
	for i := range p.terms {
		tp, col := &p.terms[i], &c.terms[i]
		tp.sel = sel(tp.vals, col.ord, len(col.names))
		if tp.count {
			tp.counts = make([]int, len(col.names))
		}
	}
	if p.countPub {
		p.dayCounts = make([]int, len(c.days))
		for i, r := range searchsvc.DatePresets {
			p.rangeFrom[i] = p.now - int64(r.D)
		}
	}
	if p.collapse {
		p.stories.init()
	}
}

// accept decides what a match is: a hit (true) or only a contribution to
// the disjunctive facet counts (false).
func (p *plan) accept(d *search.DocumentMatch) bool {
	c := p.cols
	num := d.IndexInternalID.Value()
	if num >= c.n() {
		return false // not in the snapshot the columns were built from
	}
	pub := c.pub[num]
	if p.hasFrom && (pub == noDate || pub < p.from) {
		return false
	}
	if p.hasTo && (pub == noDate || pub > p.to) {
		return false
	}
	// multi: a copy of a story with several, counted once per story.
	multi := p.collapse && c.copies(num) > 0
	story := int32(-1)
	if multi {
		story = c.story[num]
	}
	// A match that fails one filter whose facet is counted still counts
	// for that facet (disjunctive facets); failing any other filter, or
	// two, it counts nowhere.
	failed := -1
	for i := range p.terms {
		tp := &p.terms[i]
		if tp.sel != nil && !tp.matches(c.terms[i].of(num)) {
			if failed >= 0 || !tp.count {
				return false
			}
			failed = i
		}
	}
	if p.verifier != nil && !p.verifier.ok(num) {
		return false
	}
	if failed >= 0 {
		p.countTerm(failed, story, num)
		return false
	}
	for i := range p.terms {
		if p.terms[i].count {
			p.countTerm(i, story, num)
		}
	}
	if p.countPub && multi {
		p.stories.pub = append(p.stories.pub, uint32(num))
	} else if p.countPub {
		if pub == noDate {
			p.undated++
		} else {
			p.dayCounts[c.dayOrd[num]]++
			for i, from := range p.rangeFrom {
				if pub >= from {
					p.rangeCounts[i]++
				}
			}
		}
	}
	d.Score *= p.freshness(num)
	p.articles++
	if multi {
		p.stories.hit(p, num, d.Score)
		return false
	}
	return true
}

// freshness is the factor of the freshness boost of article num (1 when
// there is none).
func (p *plan) freshness(num uint64) float64 {
	pub := p.cols.pub[num]
	if !p.fresh || pub == noDate || p.future(pub) {
		return 1
	}
	age := float64(max(p.now-pub, 0))
	return 1 + p.weight*math.Exp2(-age/p.halfLife)
}

// countTerm counts article num for the facet of term filter i; story is
// its story when it is a copy counted once per story, else -1.
func (p *plan) countTerm(i int, story int32, num uint64) {
	tp, kind := &p.terms[i], facetKind(i)
	vals := p.cols.terms[i].of(num)
	if len(vals) == 0 && (story < 0 || p.stories.first(kind, story, -1)) {
		tp.missing++
	}
	for _, v := range vals {
		if story < 0 || p.stories.first(kind, story, v) {
			tp.counts[v]++
		}
	}
}

// rootQuery wraps the text query of a search with its plan.
type rootQuery struct {
	inner bq.Query
	plan  *plan
}

// Searcher implements bq.Query: it binds the plan to the columns of the
// snapshot Bleve opened for this search and wraps the inner searcher.
func (q *rootQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	c, err := q.plan.cache.get(i)
	if err != nil {
		return nil, err
	}
	q.plan.bind(c)
	var ahead *readAhead
	if len(q.plan.verify) > 0 {
		q.plan.verifier = newVerifier(q.plan.verify, i, q.plan.ans, c)
		if w := q.plan.verifier.workers(); w > 1 {
			ahead = &readAhead{workers: w, block: minReadAhead}
		}
	}
	// Over month shards, a date filter's searcher reads only the months it
	// covers (the filter itself still applies to every match).
	if w, ok := i.(interface {
		Within(from, to int64, hasFrom, hasTo bool) index.IndexReader
	}); ok {
		i = w.Within(q.plan.from, q.plan.to, q.plan.hasFrom, q.plan.hasTo)
	}
	inner, err := q.inner.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &rootSearcher{inner: inner, plan: q.plan, ahead: ahead}, nil
}

// rootSearcher passes on the matches of its inner searcher that the plan
// accepts as hits, returning the others to the pool. When the plan
// verifies phrases on stored text and more than one goroutine may do it,
// the searcher reads ahead: it takes a block of matches from the inner
// searcher, asks the plan which need verifying (see verifier.ok), verifies
// those in parallel, and then passes the block through the plan in order
// as before, with each verification answered from the results. The plan
// sees every match once, in order, as without read-ahead.
type rootSearcher struct {
	inner search.Searcher
	plan  *plan
	ahead *readAhead // nil: no read-ahead
}

// readAhead is the state of a rootSearcher that reads ahead.
type readAhead struct {
	workers int
	block   int          // how many matches to read next
	buf     []aheadMatch // read; those from pos on are not passed on yet
	pos     int
	done    bool  // the inner searcher has no more matches
	err     error // it failed (after buf)
}

type aheadMatch struct {
	d *search.DocumentMatch
	// ok is the verification result; hit says the plan accepted the match
	// without asking for a verification (it is passed on as is).
	ok, hit bool
}

// A reading-ahead rootSearcher reads minReadAhead matches at first, and
// twice as many each time up to maxReadAhead: blocks must be long for the
// goroutines to share the work, as waking one takes about 0.1 ms on the
// 2-core machines measured, but a search with few matches should not have
// to wait for a long block.
const (
	minReadAhead = 64
	maxReadAhead = 512
)

func (s *rootSearcher) filter(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for d != nil && err == nil {
		if s.plan.accept(d) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
		d, err = s.inner.Next(ctx)
	}
	return d, err
}

func (s *rootSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.ahead != nil {
		return s.nextAhead(ctx)
	}
	d, err := s.inner.Next(ctx)
	return s.filter(ctx, d, err)
}

func (s *rootSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if a := s.ahead; a != nil {
		// Matches read ahead before id are skipped as the inner searcher
		// would skip them; if none is left, it advances itself.
		for a.pos < len(a.buf) && a.buf[a.pos].d.IndexInternalID.Compare(id) < 0 {
			ctx.DocumentMatchPool.Put(a.buf[a.pos].d)
			a.buf[a.pos] = aheadMatch{}
			a.pos++
		}
		if a.pos == len(a.buf) && !a.done {
			d, err := s.inner.Advance(ctx, id)
			s.fill(ctx, d, err)
		}
		return s.nextAhead(ctx)
	}
	d, err := s.inner.Advance(ctx, id)
	return s.filter(ctx, d, err)
}

// nextAhead is Next when reading ahead.
func (s *rootSearcher) nextAhead(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	a, v := s.ahead, s.plan.verifier
	for {
		for a.pos < len(a.buf) {
			m := a.buf[a.pos]
			a.buf[a.pos] = aheadMatch{}
			a.pos++
			if m.hit {
				return m.d, nil
			}
			v.known, v.knownNum, v.knownOK = true, m.d.IndexInternalID.Value(), m.ok
			if s.plan.accept(m.d) {
				return m.d, nil
			}
			ctx.DocumentMatchPool.Put(m.d)
		}
		if a.done {
			return nil, a.err
		}
		d, err := s.inner.Next(ctx)
		s.fill(ctx, d, err)
	}
}

// fill reads the next block of matches, the first being d (with err) from
// the inner searcher, and verifies those the plan asks to verify, in
// parallel while it reads.
func (s *rootSearcher) fill(ctx *search.SearchContext, d *search.DocumentMatch, err error) {
	a, v := s.ahead, s.plan.verifier
	a.buf, a.pos = a.buf[:0], 0
	batch := v.startBatch(a.block, a.workers)
	for {
		if err != nil || d == nil {
			ctx.DocumentMatchPool.Put(d)
			a.done, a.err = true, err
			break
		}
		v.probing, v.asked = true, false
		hit := s.plan.accept(d)
		v.probing = false
		switch {
		case v.asked:
			a.buf = append(a.buf, aheadMatch{d: d})
			batch.add(d.IndexInternalID.Value())
		case hit: // accepted without verification (not the case today)
			a.buf = append(a.buf, aheadMatch{d: d, hit: true})
		default: // rejected before verification, with no effect
			ctx.DocumentMatchPool.Put(d)
		}
		if len(a.buf) >= a.block {
			break
		}
		d, err = s.inner.Next(ctx)
	}
	oks := batch.finish()
	k := 0
	for i := range a.buf {
		if !a.buf[i].hit {
			a.buf[i].ok = oks[k]
			k++
		}
	}
	a.block = min(2*a.block, maxReadAhead)
}

func (s *rootSearcher) Close() error           { return s.inner.Close() }
func (s *rootSearcher) Weight() float64        { return s.inner.Weight() }
func (s *rootSearcher) SetQueryNorm(n float64) { s.inner.SetQueryNorm(n) }
func (s *rootSearcher) Count() uint64          { return s.inner.Count() }
func (s *rootSearcher) Min() int               { return s.inner.Min() }
func (s *rootSearcher) Size() int              { return s.inner.Size() + 64 }

func (s *rootSearcher) DocumentMatchPoolSize() int {
	if s.ahead != nil {
		return s.inner.DocumentMatchPoolSize() + minReadAhead // the pool grows if need be
	}
	return s.inner.DocumentMatchPoolSize()
}

// futureSlack is how far ahead of the search a publication time may be and
// still count as a date (time zones, clocks a little fast); the ingest
// flags the same (article.FutureDate).
const futureSlack = int64(24 * time.Hour)

// future reports whether pub is further ahead than futureSlack: a date that
// cannot be right. Such an article sorts and ranks as undated, or one dated
// 2099 would head every newest-first list and keep the full freshness
// boost for ever; it keeps its date for display, filters and facets.
func (p *plan) future(pub int64) bool { return pub > p.now+futureSlack }

// sortKey is the sort key of article num (columns.sortKey), an undated one's
// for a future date.
func (p *plan) sortKey(num uint64, desc bool) string {
	if num < p.cols.n() && p.future(p.cols.pub[num]) {
		return p.cols.undatedKey(num, desc)
	}
	return p.cols.sortKey(num, desc)
}

// keySort is a Bleve sort on the (publication date, id) key of the columns.
// It replaces a SortField on published plus SortDocID, which read doc values
// and the stored id of every match. Undated articles sort last both ways.
type keySort struct {
	plan *plan
	desc bool
}

func (s *keySort) UpdateVisitor(string, []byte) {}

func (s *keySort) Value(d *search.DocumentMatch) string {
	if s.plan.cols == nil {
		return ""
	}
	return s.plan.sortKey(d.IndexInternalID.Value(), s.desc)
}

func (s *keySort) DecodeValue(v string) string { return v }
func (s *keySort) Descending() bool            { return s.desc }
func (s *keySort) RequiresDocID() bool         { return false }
func (s *keySort) RequiresScoring() bool       { return false }
func (s *keySort) RequiresFields() []string    { return nil }
func (s *keySort) Reverse()                    { s.desc = !s.desc }

func (s *keySort) Copy() search.SearchSort {
	c := *s
	return &c
}

// MarshalJSON names the sort in Bleve's request dumps.
func (s *keySort) MarshalJSON() ([]byte, error) {
	if s.desc {
		return json.Marshal("-published,-_id")
	}
	return json.Marshal("published,_id")
}
