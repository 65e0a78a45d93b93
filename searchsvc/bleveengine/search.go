package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/lang"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/bleveengine/terms"
	"github.com/syndex/syndex/searchsvc/bleveengine/textmatch"
	"github.com/syndex/syndex/searchsvc/query"
)

// Defaults of Config.
const (
	DefaultFewResults        = 1
	DefaultFreshnessWeight   = 0.5
	DefaultFreshnessHalfLife = 14 * 24 * time.Hour
)

// Config tunes an Engine. The zero value gives the defaults.
type Config struct {
	// FewResults: an exact query with fewer hits than this is retried with
	// spelling correction (DefaultFewResults if zero: only a query that
	// found nothing, so that no exact match is ever lost to a correction;
	// negative disables it). Otherwise a correction is only suggested.
	FewResults int
	// FreshnessWeight and FreshnessHalfLife shape the relevance boost of
	// recent articles (see the package documentation). A negative weight
	// disables it.
	FreshnessWeight   float64
	FreshnessHalfLife time.Duration
	// Ranking sets the BM25F parameters (zero: DefaultRanking).
	Ranking rank.Ranking
	// Log receives warnings (nil: slog.Default()).
	Log *slog.Logger
}

// Engine is the Bleve backend of the search service (a searchsvc.Backend):
// query building, filters and facets from in-memory columns, story
// collapsing, phrase verification, highlighting, correction, suggestions
// and related stories over one index location. It is safe for concurrent
// use.
type Engine struct {
	src indexSource
	// an is the English analyzer (corrections, suggestions, related
	// stories); ans are the analyzers of every language by slot (langs.go).
	an  analysis.Analyzer
	ans []analysis.Analyzer
	// spell proposes "did you mean" corrections and stems single words.
	spell *terms.Corrector
	// positions says whether title and body have term positions, which
	// Bleve needs for phrase queries; without, phrases are verified on the
	// stored text (verify.go).
	positions bool
	cfg       Config
	cols      columnCache
	vocab     vocabCache
	lengths   rank.LengthCache
}

var _ searchsvc.Backend = (*Engine)(nil)

// indexSource supplies the index one request runs on. *indexer.Live is
// one: it follows reindexes, keeping a generation open until the requests
// using it release it.
type indexSource interface {
	Acquire() (*indexer.Index, func())
}

// staticSource always supplies the same index.
type staticSource struct{ ix *indexer.Index }

func (s staticSource) Acquire() (*indexer.Index, func()) { return s.ix, func() {} }

// New returns an Engine over ix. The index stays owned by the caller, who
// closes it after the Engine.
func New(ix *indexer.Index, cfg Config) (*Engine, error) {
	return newEngine(staticSource{ix}, cfg)
}

// NewLive returns an Engine over a live index location: every request runs
// on the generation that is current when it starts, so a reindex swaps in
// without a restart and without failing the requests in flight.
func NewLive(l *indexer.Live, cfg Config) (*Engine, error) {
	// A new generation's caches are built lazily by its first searches:
	// warming them before the swap measured worse (p99 during the swap 1.6–3×
	// steady state, against 1.15–1.35× lazily).
	return newEngine(l, cfg)
}

func newEngine(src indexSource, cfg Config) (*Engine, error) {
	if cfg.FewResults == 0 {
		cfg.FewResults = DefaultFewResults
	}
	if cfg.FreshnessWeight == 0 {
		cfg.FreshnessWeight = DefaultFreshnessWeight
	}
	if cfg.FreshnessHalfLife <= 0 {
		cfg.FreshnessHalfLife = DefaultFreshnessHalfLife
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	ix, release := src.Acquire()
	defer release()
	ans, err := loadAnalyzers(ix.Mapping())
	if err != nil {
		return nil, err
	}
	an := ans[lang.DefaultSlot]
	others := map[string]analysis.Analyzer{}
	for slot, a := range lang.Analyzers() {
		if slot != lang.DefaultSlot {
			others[a.Name] = ans[slot]
		}
	}
	m := ix.Mapping()
	positions := m.FieldMappingForPath(indexer.FieldTitle).IncludeTermVectors &&
		m.FieldMappingForPath(indexer.FieldBody).IncludeTermVectors
	return &Engine{src: src, an: an, ans: ans, spell: terms.New(an, others), cfg: cfg, positions: positions}, nil
}

// Stats returns the number of articles, the size on disk and the name of
// the index generation in use.
func (s *Engine) Stats(ctx context.Context) (searchsvc.Stats, error) {
	ix, release := s.src.Acquire()
	defer release()
	n, err := ix.DocCount()
	if err != nil {
		return searchsvc.Stats{}, fmt.Errorf("index not readable: %w", err)
	}
	st := searchsvc.Stats{Articles: n}
	if ix.Path != "" {
		st.SizeBytes = indexer.DirSize(ix.Path)
		st.Generation = filepath.Base(ix.Path)
	}
	return st, nil
}

// withReader runs f with the current snapshot of ix.
func (s *Engine) withReader(ix *indexer.Index, f func(index.IndexReader) error) error {
	adv, err := ix.Advanced()
	if err != nil {
		return fmt.Errorf("open index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("open index reader: %w", err)
	}
	defer r.Close()
	return f(r)
}

// columns returns the columns of the current snapshot of ix.
func (s *Engine) columns(ix *indexer.Index) (*columns, error) {
	var c *columns
	err := s.withReader(ix, func(r index.IndexReader) error {
		var err error
		c, err = s.cols.get(r)
		return err
	})
	return c, err
}

// Warm builds the per-snapshot columns, the average field lengths and the
// suggestion vocabulary now rather than on the first requests (at 1M
// articles they take longer than one request's deadline).
func (s *Engine) Warm(ctx context.Context) error {
	ix, release := s.src.Acquire()
	defer release()
	if _, err := s.columns(ix); err != nil {
		return err
	}
	if err := s.withReader(ix, func(rd index.IndexReader) error {
		_, err := s.lengths.Get(ctx, rd)
		return err
	}); err != nil {
		return err
	}
	_, err := s.vocab.get(ctx, s, ix)
	return err
}

// hitFields are the stored fields a hit needs.
var hitFields = []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldURL, indexer.FieldSource, indexer.FieldAuthor,
	indexer.FieldPublished, indexer.FieldTags, indexer.FieldStory, indexer.FieldLang}

// Search runs a validated search request (see searchsvc.Backend).
func (s *Engine) Search(ctx context.Context, r searchsvc.Request) (*searchsvc.Response, error) {
	q, err := query.Parse(r.Q)
	if err != nil {
		return nil, &searchsvc.ParamError{Param: "q", Msg: err.Error()}
	}
	ix, release := s.src.Acquire()
	defer release()
	c, err := s.columns(ix)
	if err != nil {
		return nil, err
	}
	expand := s.prefixExpander(ctx, ix)
	var lens rank.FieldLengths
	if err := s.withReader(ix, func(rd index.IndexReader) (err error) {
		lens, err = s.lengths.Get(ctx, rd)
		return err
	}); err != nil {
		return nil, err
	}
	b := s.build(q, c, expand, lens)
	sortMode := r.Sort
	if sortMode == "" {
		sortMode = searchsvc.SortNewest
		if b.scored() {
			sortMode = searchsvc.SortRelevance
		}
	}
	nKeys := 1
	if sortMode == searchsvc.SortRelevance {
		nKeys = 2
	}
	hash := r.Hash(sortMode)
	now := r.Now
	var cur *searchsvc.Cursor
	used, corrected := q, false
	if r.Cursor != "" {
		if cur, err = searchsvc.DecodeCursor(r.Cursor, hash, nKeys); err != nil {
			return nil, err
		}
		now = time.Unix(0, cur.N).UTC()
		if len(cur.L) == 2 && cur.L[0] > 0 && cur.L[1] > 0 {
			lens = rank.FieldLengths{Title: cur.L[0], Body: cur.L[1]}
			b = s.build(q, c, expand, lens)
		}
		if cur.Q != "" {
			cq, err := query.ParseCanonical(cur.Q)
			if err != nil {
				return nil, &searchsvc.ParamError{Param: "cursor", Msg: "is not a cursor returned by this API"}
			}
			used, corrected = cq, true
			b = s.build(used, c, expand, lens)
		}
	}

	c.canonFilters(&r)
	res, p, err := s.run(ctx, ix, b, &r, sortMode, now, cur)
	if err != nil {
		return nil, err
	}
	var didYouMean string
	name := c.nameFilter(q)
	if name != "" && cur == nil && res.total < uint64(max(s.cfg.FewResults, DefaultFewResults)+9) {
		// The query is a byline or a publisher ("julie vorman"): its words
		// are right, and the articles are found through the filter.
		didYouMean = name
	}
	if cur == nil && b.scored() && name == "" {
		few := s.cfg.FewResults > 0 && res.total < uint64(s.cfg.FewResults)
		var repl, suggest map[string]string
		var work terms.Work
		err := s.withReader(ix, func(rd index.IndexReader) (err error) {
			repl, suggest, work, err = s.spell.Corrections(ctx, rd, q.FreeWords(), res.total == 0)
			return err
		})
		if err != nil {
			s.cfg.Log.Warn("spelling correction failed", "q", searchsvc.Clip(r.Q), "err", err)
		}
		if work.Exhausted {
			s.cfg.Log.Info("spelling correction cut short by its work budget or the deadline", "q", searchsvc.Clip(r.Q),
				"candidates", work.Candidates, "bytes", work.Bytes)
		}
		// A correction is tried when the query finds few articles; the
		// suggestions too (words that are in a few articles themselves,
		// "goverment") when it finds none even so: the words together
		// are then not what the user meant.
		all := maps.Collect(func(yield func(string, string) bool) {
			for k, v := range repl {
				yield(k, v)
			}
			for k, v := range suggest {
				yield(k, v)
			}
		})
		if len(all) > 0 {
			didYouMean = q.Replace(all).String()
		}
		tries := []map[string]string{repl}
		if len(suggest) > 0 {
			tries = append(tries, all)
		}
		found := map[string]uint64{} // what each query run found
		for i, m := range tries {
			if len(m) == 0 || !few || r.Exact || (i > 0 && res.total > 0) {
				continue
			}
			alt := q.Replace(m)
			ab := s.build(alt, c, expand, lens)
			ares, ap, err := s.run(ctx, ix, ab, &r, sortMode, now, nil)
			if err != nil {
				return nil, err
			}
			found[alt.String()] = ares.total
			if ares.total > res.total {
				res, p, b, used, corrected = ares, ap, ab, alt, true
			}
		}
		if didYouMean != "" && didYouMean != used.String() {
			helps, err := s.suggestionHelps(ctx, ix, &r, q.Replace(all), used, res.total, found, c, expand, lens, sortMode, now)
			if err != nil {
				return nil, err
			}
			if !helps {
				didYouMean = ""
			}
		}
	}

	ignored := b.ignored
	if len(q.Clauses) == 0 || b.empty() {
		// Only operators or punctuation ("OR", "*", "title:", a lone
		// quote, "?!"): the list of everything is shown, and says what was
		// not searched for.
		for _, w := range strings.Fields(query.CleanInput(r.Q)) {
			if len(ignored) == 10 {
				break
			}
			ignored = append(ignored, w)
		}
	}
	out := &searchsvc.Response{
		Total:         res.total,
		TotalArticles: res.articles,
		Counts:        searchsvc.CountStories,
		Corrected:     corrected,
		DidYouMean:    didYouMean,
		Hits:          []searchsvc.Hit{},
		Size:          r.Size,
		Query: searchsvc.QueryInfo{
			Q: r.Q, Parsed: q.String(), Used: used.String(), Ignored: ignored, Sort: sortMode,
			Filters: r.Filters,
		},
	}
	if corrected {
		out.Query.Original = r.Q
	}
	if cur == nil {
		out.Page = r.Page
		out.Offset = (r.Page - 1) * r.Size
	} else {
		out.Offset = cur.O
	}
	if r.AllCopies {
		out.Counts = searchsvc.CountArticles
	}
	hits := res.page
	if len(hits) > r.Size {
		hits = hits[:r.Size]
		last := hits[len(hits)-1]
		nc := &searchsvc.Cursor{V: searchsvc.CursorVersion, H: hash, N: now.UnixNano(), L: []float64{lens.Title, lens.Body}, O: out.Offset + len(hits)}
		if corrected {
			nc.Q = used.String()
		}
		if sortMode == searchsvc.SortRelevance {
			nc.K = []string{strconv.FormatFloat(last.score, 'g', -1, 64), last.key}
			nc.P = !last.rescored // ignored where there is no rescoring
		} else {
			nc.K = []string{last.key}
		}
		out.NextCursor = nc.Encode()
	}
	if out.Hits, err = s.hits(ix, p, hits, b); err != nil {
		return nil, err
	}
	out.Facets = s.facets(p, &r, now)
	return out, nil
}

// outcome is what one search run found.
type outcome struct {
	// total counts stories (or articles with AllCopies), articles
	// articles.
	total, articles uint64
	// page holds the hits of the page plus one, if there is a next page.
	page []ranked
}

// run executes one Bleve search for a built query.
func (s *Engine) run(ctx context.Context, ix *indexer.Index, b *built, r *searchsvc.Request, sortMode string, now time.Time, cur *searchsvc.Cursor) (*outcome, *plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, ctxErr(err)
	}
	p := &plan{
		cache:    &s.cols,
		terms:    newTermPlans(r),
		countPub: r.Wants(searchsvc.FacetPublished),
		now:      now.UnixNano(),
		verify:   b.verify,
		ans:      s.ans,
		collapse: !r.AllCopies,
		sortMode: sortMode,
	}
	if !r.From.IsZero() {
		p.hasFrom, p.from = true, r.From.UnixNano()
	}
	if !r.To.IsZero() {
		p.hasTo, p.to = true, r.To.UnixNano()
	}
	scored := b.scored() && sortMode == searchsvc.SortRelevance
	if scored && s.cfg.FreshnessWeight > 0 {
		p.fresh, p.weight, p.halfLife = true, s.cfg.FreshnessWeight, float64(s.cfg.FreshnessHalfLife)
	}
	root := &rootQuery{inner: s.bleveQuery(b, r, p), plan: p}
	size := r.Size
	if size > 0 {
		size++ // one more tells whether there is a next page
	}
	from := 0
	if cur == nil {
		from = (r.Page - 1) * r.Size
	}
	// Rescoring (rescore.go) needs the first RescoreWindow hits whatever
	// the page, and the page after them.
	rk := s.cfg.Ranking.OrDefault()
	rescore := scored && size > 0 && (cur == nil || !cur.P) &&
		(rk.Feedback > 0 || rk.Proximity > 0 && len(b.near) > 1)
	bleveFrom, bleveSize := from, size
	switch {
	case rescore:
		bleveFrom, bleveSize = 0, RescoreWindow+from+size
	case p.collapse:
		// Story groups are merged in after Bleve's page, so Bleve returns
		// everything up to the end of the page.
		bleveFrom, bleveSize = 0, from+size
	}
	req := bleve.NewSearchRequestOptions(root, bleveSize, bleveFrom, false)
	req.Fields = hitFields
	switch sortMode {
	case searchsvc.SortRelevance:
		req.Sort = search.SortOrder{&search.SortScore{Desc: true}, &keySort{plan: p, desc: true}}
	case searchsvc.SortNewest:
		req.Sort = search.SortOrder{&keySort{plan: p, desc: true}}
	case searchsvc.SortOldest:
		req.Sort = search.SortOrder{&keySort{plan: p, desc: false}}
	}
	if !scored {
		req.Score = "none"
	}
	if cur != nil && !rescore {
		req.SearchAfter = cur.K
	}
	res, err := ix.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctxErr(ctx.Err())
		}
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	if p.verifier != nil && p.verifier.err != nil {
		return nil, nil, fmt.Errorf("verify phrases: %w", p.verifier.err)
	}
	if p.cols == nil { // Bleve did not build the root searcher
		if p.cols, err = s.columns(ix); err != nil {
			return nil, nil, err
		}
		p.bind(p.cols)
	}
	out := &outcome{total: res.Total, articles: res.Total}
	if p.collapse {
		out.total += uint64(len(p.stories.groups))
		out.articles = uint64(p.articles)
	}
	switch {
	case rescore:
	case p.collapse:
		out.page = p.merge(res.Hits, cur, from, size)
		return out, p, nil
	default:
		for _, h := range res.Hits {
			num := h.IndexInternalID.Value()
			out.page = append(out.page, ranked{num: num, score: h.Score, key: p.sortKey(num, sortMode != searchsvc.SortOldest), match: h})
		}
		return out, p, nil
	}
	all := p.merge(res.Hits, nil, 0, len(res.Hits)+len(p.stories.groups))
	if err := s.rescore(ctx, ix, p, b, all); err != nil {
		return nil, nil, err
	}
	if cur != nil {
		i := 0
		for i < len(all) && !p.afterCursor(all[i], cur) {
			i++
		}
		all = all[i:]
	}
	out.page = all[min(from, len(all)):min(from+size, len(all))]
	return out, p, nil
}

// ctxErr maps a context error to searchsvc.ErrTimeout or passes on a cancellation.
func ctxErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", searchsvc.ErrTimeout, err)
	}
	return err
}

// hits renders the hits of a page: the stored fields of articles Bleve did
// not load (story groups), and the other copies of each hit's story.
func (s *Engine) hits(ix *indexer.Index, p *plan, page []ranked, b *built) ([]searchsvc.Hit, error) {
	memo := map[uint8]map[string]bool{}
	c := p.cols
	out := make([]searchsvc.Hit, 0, len(page))
	var load []string
	shown := make([]uint64, len(page))
	for i, r := range page {
		shown[i] = p.shown(r)
		if r.match == nil || shown[i] != r.num {
			load = append(load, c.ids[shown[i]])
		}
	}
	loaded, err := ix.Stored(load, hitFields)
	if err != nil {
		return nil, err
	}
	var copyIDs []string
	for i, r := range page {
		id := c.ids[shown[i]]
		fields := loaded[id]
		if r.match != nil && shown[i] == r.num {
			id, fields = r.match.ID, r.match.Fields
		}
		a := indexer.ArticleFromFields(id, fields)
		stems := b.stemsFor(uint8(lang.Slot(a.Lang)), memo)
		h := searchsvc.Hit{
			ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Author: a.Author, Tags: a.Tags, Score: r.score,
			TitleHTML: textmatch.HighlightAll(s.analyzerFor(a.Lang), a.Title, stems),
			Snippet:   textmatch.Snippet(s.analyzerFor(a.Lang), a.Body, stems, textmatch.SnippetLen),
			Story:     a.Story,
			Copies:    c.copies(shown[i]),
		}
		if !a.Published.IsZero() {
			h.Published = a.Published.UTC().Format(time.RFC3339)
		}
		if p.collapse && h.Copies > 0 {
			for _, d := range c.storyOf(shown[i]) {
				if uint64(d) == shown[i] {
					continue
				}
				if len(h.AlsoIn) == searchsvc.MaxAlsoIn {
					break
				}
				cp := searchsvc.Copy{ID: c.ids[d]}
				if src := c.terms[srcTerm].of(uint64(d)); len(src) > 0 {
					cp.Source = c.terms[srcTerm].names[src[0]]
				}
				if pub := c.pub[d]; pub != noDate {
					cp.Published = time.Unix(0, pub).UTC().Format(time.RFC3339)
				}
				h.AlsoIn = append(h.AlsoIn, cp)
				copyIDs = append(copyIDs, cp.ID)
			}
		}
		out = append(out, h)
	}
	if len(copyIDs) > 0 {
		urls, err := ix.Stored(copyIDs, []string{indexer.FieldURL})
		if err != nil {
			return nil, err
		}
		for i := range out {
			for j := range out[i].AlsoIn {
				cp := &out[i].AlsoIn[j]
				cp.URL, _ = urls[cp.ID][indexer.FieldURL].(string)
			}
		}
	}
	return out, nil
}

// fmtTime renders a filter bound, or "" for none.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
