package searchsvc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
)

// Defaults of Config.
const (
	DefaultTimeout           = 2 * time.Second
	DefaultFewResults        = 3
	DefaultFreshnessWeight   = 0.5
	DefaultFreshnessHalfLife = 14 * 24 * time.Hour
)

// Config tunes a Service. The zero value gives the defaults.
type Config struct {
	// Timeout is the deadline of every search (DefaultTimeout if zero).
	Timeout time.Duration
	// FewResults: an exact query with fewer hits than this is retried with
	// spelling correction (DefaultFewResults if zero; negative disables it).
	FewResults int
	// FreshnessWeight and FreshnessHalfLife shape the relevance boost of
	// recent articles (see the package documentation). A negative weight
	// disables it.
	FreshnessWeight   float64
	FreshnessHalfLife time.Duration
	// Now returns the current time; tests pin it. Nil means time.Now.
	Now func() time.Time
	// Log receives warnings (nil: slog.Default()).
	Log *slog.Logger
}

// Service is the search core over one open index: query parsing and
// building, facets, highlighting, correction and suggestions. The HTTP
// handlers and `syndex search` are thin layers over it, and tests call it
// directly. It is safe for concurrent use.
type Service struct {
	src indexSource
	an  analysis.Analyzer
	// positions says whether title and body have term positions, which
	// Bleve needs for phrase queries; without, phrases are verified on the
	// stored text (verify.go).
	positions bool
	cfg       Config
	cols      columnCache
	vocab     vocabCache
	closed    atomic.Bool
}

// indexSource supplies the index one request runs on. *indexer.Live is
// one: it follows reindexes, keeping a generation open until the requests
// using it release it.
type indexSource interface {
	Acquire() (*indexer.Index, func())
}

// staticSource always supplies the same index.
type staticSource struct{ ix *indexer.Index }

func (s staticSource) Acquire() (*indexer.Index, func()) { return s.ix, func() {} }

// ErrTimeout is returned when a search misses its deadline.
var ErrTimeout = errors.New("search took longer than its deadline")

// ErrClosed is returned after Close.
var ErrClosed = errors.New("search service is closed")

// New returns a Service over ix. The index stays owned by the caller, who
// closes it after the Service.
func New(ix *indexer.Index, cfg Config) (*Service, error) {
	return newService(staticSource{ix}, cfg)
}

// NewLive returns a Service over a live index location: every request runs
// on the generation that is current when it starts, so a reindex swaps in
// without a restart and without failing the requests in flight.
func NewLive(l *indexer.Live, cfg Config) (*Service, error) {
	// A new generation's caches are built lazily by its first searches:
	// warming them before the swap measured worse (p99 during the swap 1.6–3×
	// steady state, against 1.15–1.35× lazily).
	return newService(l, cfg)
}

func newService(src indexSource, cfg Config) (*Service, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.FewResults == 0 {
		cfg.FewResults = DefaultFewResults
	}
	if cfg.FreshnessWeight == 0 {
		cfg.FreshnessWeight = DefaultFreshnessWeight
	}
	if cfg.FreshnessHalfLife <= 0 {
		cfg.FreshnessHalfLife = DefaultFreshnessHalfLife
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	ix, release := src.Acquire()
	defer release()
	an := ix.Mapping().AnalyzerNamed(en.AnalyzerName)
	if an == nil {
		return nil, fmt.Errorf("index mapping has no %q analyzer", en.AnalyzerName)
	}
	m := ix.Mapping()
	positions := m.FieldMappingForPath(indexer.FieldTitle).IncludeTermVectors &&
		m.FieldMappingForPath(indexer.FieldBody).IncludeTermVectors
	return &Service{src: src, an: an, cfg: cfg, positions: positions}, nil
}

// Close marks the service as shutting down: Ready fails from then on, so
// a load balancer stops sending traffic before the index is closed.
func (s *Service) Close() { s.closed.Store(true) }

// IndexStats returns the number of articles and the size on disk of the
// index generation in use, for metrics.
func (s *Service) IndexStats() (articles uint64, sizeBytes int64, err error) {
	ix, release := s.src.Acquire()
	defer release()
	if articles, err = ix.DocCount(); err != nil {
		return 0, 0, fmt.Errorf("count articles: %w", err)
	}
	if ix.Path != "" {
		sizeBytes = indexer.DirSize(ix.Path)
	}
	return articles, sizeBytes, nil
}

// withReader runs f with the current snapshot of ix.
func (s *Service) withReader(ix *indexer.Index, f func(index.IndexReader) error) error {
	if s.closed.Load() {
		return ErrClosed
	}
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
func (s *Service) columns(ix *indexer.Index) (*columns, error) {
	var c *columns
	err := s.withReader(ix, func(r index.IndexReader) error {
		var err error
		c, err = s.cols.get(r)
		return err
	})
	return c, err
}

// Warm builds the per-snapshot columns and the suggestion vocabulary now
// rather than on the first requests.
func (s *Service) Warm(ctx context.Context) error {
	ix, release := s.src.Acquire()
	defer release()
	if _, err := s.columns(ix); err != nil {
		return err
	}
	_, err := s.vocab.get(ctx, s, ix)
	return err
}

// Ready reports whether the index is open and answering.
func (s *Service) Ready() (articles uint64, generation string, err error) {
	if s.closed.Load() {
		return 0, "", ErrClosed
	}
	ix, release := s.src.Acquire()
	defer release()
	n, err := ix.DocCount()
	if err != nil {
		return 0, "", fmt.Errorf("index not readable: %w", err)
	}
	return n, filepath.Base(ix.Path), nil
}

// Response is the answer to a search.
type Response struct {
	// Total is the exact number of matches: stories by default, articles
	// with collapse=false (Counts says which).
	Total uint64 `json:"total"`
	// TotalArticles is the exact number of matching articles, every copy
	// of a story counted.
	TotalArticles uint64 `json:"total_articles"`
	// Counts is what Total and the facet counts count: CountStories or
	// CountArticles.
	Counts string `json:"counts"`
	// TookMS is the time the search took, in milliseconds.
	TookMS float64   `json:"took_ms"`
	Query  QueryInfo `json:"query"`
	// Corrected says the hits are those of a spelling-corrected query
	// (Query.Used) because the query as typed found too few.
	Corrected bool `json:"corrected"`
	// DidYouMean is a better-spelled query built from the index's terms.
	DidYouMean string  `json:"did_you_mean,omitempty"`
	Hits       []Hit   `json:"hits"`
	Facets     *Facets `json:"facets,omitempty"`
	// NextCursor continues after the last hit; absent on the last page.
	NextCursor string `json:"next_cursor,omitempty"`
	Page       int    `json:"page,omitempty"`
	Size       int    `json:"size"`
}

// QueryInfo is the query as the service understood it.
type QueryInfo struct {
	// Q is the search box text as given.
	Q string `json:"q"`
	// Parsed is Q in canonical syntax; Used is the query that ran, which
	// differs when Corrected.
	Parsed string `json:"parsed"`
	Used   string `json:"used"`
	// Ignored are words that carry no meaning for search (stop words).
	Ignored []string `json:"ignored,omitempty"`
	Sort    string   `json:"sort"`
	Filters Filters  `json:"filters"`
}

// Filters echoes the filter parameters.
type Filters struct {
	Source []string `json:"source,omitempty"`
	Tag    []string `json:"tag,omitempty"`
	Lang   []string `json:"lang,omitempty"`
	From   string   `json:"from,omitempty"`
	To     string   `json:"to,omitempty"`
}

// Hit is one article of a result page.
type Hit struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	URL       string   `json:"url,omitempty"`
	Source    string   `json:"source,omitempty"`
	Published string   `json:"published,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Score     float64  `json:"score"`
	// TitleHTML and Snippet are HTML: every character of the article is
	// escaped and only <mark> elements, around query matches, are added.
	TitleHTML string `json:"title_html"`
	Snippet   string `json:"snippet"`
	// Story is the id of the article's story (its group of syndicated
	// copies); Copies the number of other articles in it.
	Story  string `json:"story,omitempty"`
	Copies int    `json:"copies"`
	// AlsoIn lists the other copies of the story, oldest first (at most
	// MaxAlsoIn), on collapsed searches.
	AlsoIn []Copy `json:"also_in,omitempty"`
}

// Copy is another article of a hit's story.
type Copy struct {
	ID        string `json:"id"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// What Response.Counts can say.
const (
	CountStories  = "stories"
	CountArticles = "articles"
)

// MaxAlsoIn bounds the copies listed per hit; Copies has the full number.
const MaxAlsoIn = 20

// hitFields are the stored fields a hit needs.
var hitFields = []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldURL, indexer.FieldSource,
	indexer.FieldPublished, indexer.FieldTags, indexer.FieldStory}

// Search runs a search request under the service's deadline.
func (s *Service) Search(ctx context.Context, r Request) (*Response, error) {
	start := time.Now()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	q, err := ParseQuery(r.Q)
	if err != nil {
		return nil, &ParamError{Param: "q", Msg: err.Error()}
	}
	ix, release := s.src.Acquire()
	defer release()
	c, err := s.columns(ix)
	if err != nil {
		return nil, err
	}
	b := s.build(q, c)
	sortMode := r.Sort
	if sortMode == "" {
		sortMode = SortNewest
		if b.scored() {
			sortMode = SortRelevance
		}
	}
	nKeys := 1
	if sortMode == SortRelevance {
		nKeys = 2
	}
	hash := queryHash(&r, sortMode)
	now := s.cfg.Now().UTC().Truncate(time.Minute)
	var cur *cursor
	used, corrected := q, false
	if r.Cursor != "" {
		if cur, err = decodeCursor(r.Cursor, hash, nKeys); err != nil {
			return nil, err
		}
		now = time.Unix(0, cur.N).UTC()
		if cur.Q != "" {
			cq, err := parseQuery(cur.Q, false)
			if err != nil {
				return nil, paramErr("cursor", "is not a cursor returned by this API")
			}
			used, corrected = cq, true
			b = s.build(used, c)
		}
	}

	res, p, err := s.run(ctx, ix, b, &r, sortMode, now, cur)
	if err != nil {
		return nil, err
	}
	var didYouMean string
	if cur == nil && b.scored() {
		few := s.cfg.FewResults > 0 && res.total < uint64(s.cfg.FewResults)
		repl, err := s.corrections(ctx, ix, q, few)
		if err != nil {
			s.cfg.Log.Warn("spelling correction failed", "q", clip(r.Q), "err", err)
		}
		if len(repl) > 0 {
			alt := q.Replace(repl)
			didYouMean = alt.String()
			if few {
				ab := s.build(alt, c)
				ares, ap, err := s.run(ctx, ix, ab, &r, sortMode, now, nil)
				if err != nil {
					return nil, err
				}
				if ares.total > res.total {
					res, p, b, used, corrected = ares, ap, ab, alt, true
				}
			}
		}
	}

	out := &Response{
		Total:         res.total,
		TotalArticles: res.articles,
		Counts:        CountStories,
		Corrected:     corrected,
		DidYouMean:    didYouMean,
		Hits:          []Hit{},
		Size:          r.Size,
		Query: QueryInfo{
			Q: r.Q, Parsed: q.String(), Used: used.String(), Ignored: b.ignored, Sort: sortMode,
			Filters: Filters{Source: r.Sources, Tag: r.Tags, Lang: r.Langs, From: fmtTime(r.From), To: fmtTime(r.To)},
		},
	}
	if cur == nil {
		out.Page = r.Page
	}
	if r.AllCopies {
		out.Counts = CountArticles
	}
	hits := res.page
	if len(hits) > r.Size {
		hits = hits[:r.Size]
		last := hits[len(hits)-1]
		nc := &cursor{V: cursorVersion, H: hash, N: now.UnixNano()}
		if corrected {
			nc.Q = used.String()
		}
		if sortMode == SortRelevance {
			nc.K = []string{strconv.FormatFloat(last.score, 'g', -1, 64), last.key}
		} else {
			nc.K = []string{last.key}
		}
		out.NextCursor = nc.encode()
	}
	if out.Hits, err = s.hits(ix, p, hits, b.stems); err != nil {
		return nil, err
	}
	out.Facets = s.facets(p, &r, now)
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
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
func (s *Service) run(ctx context.Context, ix *indexer.Index, b *built, r *Request, sortMode string, now time.Time, cur *cursor) (*outcome, *plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, ctxErr(err)
	}
	p := &plan{
		cache:    &s.cols,
		sources:  r.Sources,
		tags:     r.Tags,
		langs:    r.Langs,
		countSrc: r.wants(FacetSource),
		countTag: r.wants(FacetTag),
		countPub: r.wants(FacetPublished),
		now:      now.UnixNano(),
		verify:   b.verify,
		an:       s.an,
		collapse: !r.AllCopies,
		sortMode: sortMode,
	}
	if !r.From.IsZero() {
		p.hasFrom, p.from = true, r.From.UnixNano()
	}
	if !r.To.IsZero() {
		p.hasTo, p.to = true, r.To.UnixNano()
	}
	scored := b.scored() && sortMode == SortRelevance
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
	bleveFrom, bleveSize := from, size
	if p.collapse {
		// Story groups are merged in after Bleve's page, so Bleve returns
		// everything up to the end of the page.
		bleveFrom, bleveSize = 0, from+size
	}
	req := bleve.NewSearchRequestOptions(root, bleveSize, bleveFrom, false)
	req.Fields = hitFields
	switch sortMode {
	case SortRelevance:
		req.Sort = search.SortOrder{&search.SortScore{Desc: true}, &keySort{plan: p, desc: true}}
	case SortNewest:
		req.Sort = search.SortOrder{&keySort{plan: p, desc: true}}
	case SortOldest:
		req.Sort = search.SortOrder{&keySort{plan: p, desc: false}}
	}
	if !scored {
		req.Score = "none"
	}
	if cur != nil {
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
		out.page = p.merge(res.Hits, cur, from, size)
	} else {
		for _, h := range res.Hits {
			num := h.IndexInternalID.Value()
			out.page = append(out.page, ranked{num: num, score: h.Score, key: p.cols.sortKey(num, sortMode != SortOldest), match: h})
		}
	}
	return out, p, nil
}

// ctxErr maps a context error to ErrTimeout or passes on a cancellation.
func ctxErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return err
}

// wants reports whether facet f is requested.
func (r *Request) wants(f string) bool {
	if r.Facets == nil {
		return true
	}
	for _, x := range r.Facets {
		if x == f {
			return true
		}
	}
	return false
}

// hits renders the hits of a page: the stored fields of articles Bleve did
// not load (story groups), and the other copies of each hit's story.
func (s *Service) hits(ix *indexer.Index, p *plan, page []ranked, stems map[string]bool) ([]Hit, error) {
	c := p.cols
	out := make([]Hit, 0, len(page))
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
		h := Hit{
			ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Tags: a.Tags, Score: r.score,
			TitleHTML: s.highlightAll(a.Title, stems),
			Snippet:   s.snippet(a.Body, stems, snippetLen),
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
				if len(h.AlsoIn) == MaxAlsoIn {
					break
				}
				cp := Copy{ID: c.ids[d]}
				if src := c.src[d]; src >= 0 {
					cp.Source = c.sources[src]
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

// ArticleView is an article as the API shows it: its cleaned text and
// metadata, and its place in its story.
type ArticleView struct {
	*article.Article
	// Original is the id of the story's original: its earliest published
	// article (the article itself when it has no copies).
	Original string `json:"original"`
	// Copies are the ids of the story's other articles, oldest first.
	Copies []string `json:"copies"`
}

// Article returns one article by id; the error wraps indexer.ErrNotFound
// when there is none.
func (s *Service) Article(ctx context.Context, id string) (*ArticleView, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	ix, release := s.src.Acquire()
	defer release()
	a, err := ix.Article(id)
	if err != nil {
		return nil, err
	}
	v := &ArticleView{Article: a, Original: a.ID, Copies: []string{}}
	err = s.withReader(ix, func(r index.IndexReader) error {
		c, err := s.cols.get(r)
		if err != nil {
			return err
		}
		num, ok, err := internalNum(r, id)
		if err != nil || !ok || num >= c.n() {
			return err
		}
		s := c.story[num]
		if s < 0 {
			return nil
		}
		v.Original = c.ids[c.original(s)]
		for _, d := range c.storyOf(num) {
			if uint64(d) != num {
				v.Copies = append(v.Copies, c.ids[d])
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("story of article %s: %w", id, err)
	}
	return v, nil
}

// internalNum returns the document number of article id in snapshot r.
func internalNum(r index.IndexReader, id string) (uint64, bool, error) {
	iid, err := r.InternalID(id)
	if err != nil {
		return 0, false, err
	}
	if len(iid) != 8 {
		return 0, false, nil
	}
	return iid.Value(), true, nil
}

// AddArticles writes already-cleaned articles into the index generation in
// use and reports how many were new and how many replaced an article with
// the same id. It is how `syndex index` adds articles while `syndex serve`
// holds the index open (the file lock allows one writer process). Writes
// are serialized by the generation's indexer.Writer (the one write lock);
// searches see them as soon as the batch is written. A reindex published
// meanwhile replaces the generation written to.
func (s *Service) AddArticles(ctx context.Context, arts []*article.Article) (indexed, updated int, err error) {
	if s.closed.Load() {
		return 0, 0, ErrClosed
	}
	ix, release := s.src.Acquire()
	defer release()
	sum, err := ix.Writer().Add(ctx, arts)
	indexed, updated = sum.Indexed, sum.Updated
	if err != nil {
		return indexed, updated, fmt.Errorf("add articles: %w", err)
	}
	return indexed, updated, nil
}

// Values returns every value of the source or tags field with its number of
// articles, largest first.
func (s *Service) Values(ctx context.Context, field string) ([]indexer.Count, error) {
	ix, release := s.src.Acquire()
	defer release()
	c, err := s.columns(ix)
	if err != nil {
		return nil, err
	}
	return c.counts(field), nil
}
