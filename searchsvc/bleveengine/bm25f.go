package bleveengine

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Ranking holds the parameters of the BM25F score (see the package
// documentation). The zero value means DefaultRanking.
type Ranking struct {
	// K1 is the term-frequency saturation: how quickly more occurrences
	// stop counting.
	K1 float64
	// TitleWeight is what one occurrence in the title is worth in
	// occurrences in the body, for a title and a body of average length.
	TitleWeight float64
	// TitleB and BodyB are the length normalization of each field: 0 counts
	// an occurrence the same in a long field as in a short one, 1 divides
	// it by the field's length relative to the average.
	TitleB, BodyB float64
	// Proximity and Feedback weigh the term-proximity and the feedback
	// scores (rescore.go) against BM25F; 0 turns them off.
	Proximity, Feedback float64
	// FeedbackCap bounds what feedback may add to a hit, as a share of the
	// hit's own BM25F score (0: no bound). Feedback learns from the first
	// hits, and when those are about something else than the query ("trade
	// talks exports" answered by coffee quota talks) an unbounded feedback
	// pulls the whole page there; bounded, it reorders close calls and
	// never outweighs the query's own words.
	FeedbackCap float64
}

// DefaultRanking is the ranking measured best on the relevance harness
// (docs/relevance; the ablation is in the README).
var DefaultRanking = Ranking{K1: 2, TitleWeight: 3, TitleB: 0.5, BodyB: 0.75, Proximity: 0.25, Feedback: 2, FeedbackCap: 0.25}

// orDefault returns r, or DefaultRanking when r is the zero value.
func (r Ranking) orDefault() Ranking {
	if r == (Ranking{}) {
		return DefaultRanking
	}
	return r
}

// bm25fQuery scores one word over the title and the body as BM25F does:
// occurrences in both fields are added into one term frequency, each
// weighted by its field and divided by its field's length relative to that
// field's average, and saturated once:
//
//	tf    = Σ_field w_f × freq_f / (1 − b_f + b_f × len_f / avg_f)
//	score = weight × idf × tf × (k1 + 1) / (k1 + tf)
//
// Why not Bleve's term queries: Bleve saturates each field on its own, so a
// title match adds a fixed bonus whatever the body says (short headlines
// that merely contain the words outranked articles about them), a
// title-or-body disjunction halves the score of a body-only match, and its
// BM25 "average length" is the number of distinct terms in the field over
// the number of documents (about 2 for a news body), which makes every
// long article look dozens of times longer than average.
//
// A word with several index terms (a prefix's expansions) adds the
// frequencies of all of them; its idf is that of its most common term.
type bm25fQuery struct {
	terms     []string
	titleOnly bool
	// weight multiplies the score (a language alternative's share, see
	// unitQuery).
	weight  float64
	ranking Ranking
	// avg are the mean field lengths the search uses (see lengthCache).
	avg fieldLengths
}

// Searcher implements bq.Query.
func (q *bm25fQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if err := search.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	avg := q.avg
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count articles: %w", err)
	}
	s := &bm25fSearcher{scoring: opts.Score != "none"}
	fields := []string{indexer.FieldTitle, indexer.FieldBody}
	if q.titleOnly {
		fields = fields[:1]
	}
	var df uint64
	for _, t := range q.terms {
		for _, f := range fields {
			tfr, err := r.TermFieldReader(ctx, []byte(t), f, true, true, false)
			if err != nil {
				_ = s.Close()
				return nil, fmt.Errorf("read postings of %q in %s: %w", t, f, err)
			}
			df = max(df, tfr.Count())
			s.count += tfr.Count()
			p := posting{reader: tfr, title: f == indexer.FieldTitle, consumed: true}
			rk := q.ranking.orDefault()
			if p.title {
				p.weight, p.b, p.avg = rk.TitleWeight, rk.TitleB, avg.title
			} else {
				p.weight, p.b, p.avg = 1, rk.BodyB, avg.body
			}
			s.postings = append(s.postings, p)
		}
	}
	df = min(df, n)
	s.idf = math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	s.k1 = q.ranking.orDefault().K1
	s.weight = q.weight
	return s, nil
}

// posting is one term's postings in one field, read in document order.
type posting struct {
	reader index.TermFieldReader
	doc    index.TermFieldDoc
	// consumed: doc was returned (or never read); done: no more documents.
	consumed, done bool
	title          bool
	weight, b, avg float64
}

// bm25fSearcher walks the union of its postings in document order.
type bm25fSearcher struct {
	postings []posting
	scoring  bool
	idf, k1  float64
	weight   float64
	count    uint64
}

// fill reads the next document of p if its current one was consumed.
func (p *posting) fill() error {
	if p.done || !p.consumed {
		return nil
	}
	d, err := p.reader.Next(p.doc.Reset())
	return p.set(d, err)
}

// set records what a read of p's reader returned.
func (p *posting) set(d *index.TermFieldDoc, err error) error {
	if err != nil {
		return err
	}
	p.consumed, p.done = false, d == nil
	if d != nil && d != &p.doc {
		p.doc = *d
	}
	return nil
}

// Next implements search.Searcher.
func (s *bm25fSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for i := range s.postings {
		if err := s.postings[i].fill(); err != nil {
			return nil, err
		}
	}
	return s.emit(ctx), nil
}

// Advance implements search.Searcher: the first document at or after id.
func (s *bm25fSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	for i := range s.postings {
		p := &s.postings[i]
		if p.done || (!p.consumed && p.doc.ID.Compare(id) >= 0) {
			continue
		}
		if err := p.set(p.reader.Advance(id, p.doc.Reset())); err != nil {
			return nil, err
		}
	}
	return s.emit(ctx), nil
}

// emit returns the smallest current document, scored over every posting
// positioned on it, and marks those consumed; nil when all are done.
func (s *bm25fSearcher) emit(ctx *search.SearchContext) *search.DocumentMatch {
	var first index.IndexInternalID
	for i := range s.postings {
		p := &s.postings[i]
		if !p.done && (first == nil || p.doc.ID.Compare(first) < 0) {
			first = p.doc.ID
		}
	}
	if first == nil {
		return nil
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalIDFrom(dm.IndexInternalID, first)
	tf := 0.0
	for i := range s.postings {
		p := &s.postings[i]
		if p.done || !p.doc.ID.Equals(dm.IndexInternalID) {
			continue
		}
		p.consumed = true
		if s.scoring {
			tf += p.weight * float64(p.doc.Freq) / p.norm()
		}
	}
	if s.scoring {
		dm.Score = s.weight * s.idf * tf * (s.k1 + 1) / (s.k1 + tf)
	}
	return dm
}

// norm is the length normalization of the current document's field.
func (p *posting) norm() float64 {
	length := p.avg
	if p.doc.Norm > 0 {
		length = 1 / (p.doc.Norm * p.doc.Norm) // Bleve stores 1/√length
	}
	return 1 - p.b + p.b*length/p.avg
}

// Close implements search.Searcher.
func (s *bm25fSearcher) Close() error {
	var first error
	for i := range s.postings {
		if err := s.postings[i].reader.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight and SetQueryNorm implement search.Searcher. BM25F needs no query
// normalization: a document's score is the sum of its words' scores.
func (s *bm25fSearcher) Weight() float64 { return 1 }

// SetQueryNorm implements search.Searcher (see Weight).
func (s *bm25fSearcher) SetQueryNorm(float64) {}

// Count implements search.Searcher: an upper bound of the matches.
func (s *bm25fSearcher) Count() uint64 { return s.count }

// Min implements search.Searcher.
func (s *bm25fSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *bm25fSearcher) Size() int {
	n := 64
	for i := range s.postings {
		n += 96 + s.postings[i].reader.Size()
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher.
func (s *bm25fSearcher) DocumentMatchPoolSize() int { return 1 }

// fieldLengths are the mean token counts of the title and the body.
type fieldLengths struct{ title, body float64 }

// lengthCache holds the mean field lengths of the index, estimated from a
// sample of postings (averageLengths) and estimated again when the number
// of articles has changed by more than a tenth: they are statistics, and
// keeping them steady keeps scores steady. A search's cursor carries the
// lengths its first page used (searchsvc.Cursor.L), so that its later
// pages score alike on this replica and on any other, whose estimate
// depends on when it was made.
type lengthCache struct {
	mu   sync.Mutex
	docs uint64
	avg  fieldLengths
}

// get returns the mean field lengths for snapshot r.
func (lc *lengthCache) get(ctx context.Context, r index.IndexReader) (fieldLengths, error) {
	n, err := r.DocCount()
	if err != nil {
		return fieldLengths{}, fmt.Errorf("count articles: %w", err)
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.docs > 0 && 10*max(n, lc.docs)-10*min(n, lc.docs) <= lc.docs {
		return lc.avg, nil
	}
	var avg fieldLengths
	if avg.title, err = averageLength(ctx, r, indexer.FieldTitle, n); err != nil {
		return fieldLengths{}, err
	}
	if avg.body, err = averageLength(ctx, r, indexer.FieldBody, n); err != nil {
		return fieldLengths{}, err
	}
	lc.docs, lc.avg = n, avg
	return avg, nil
}

// Sample sizes of averageLength: one dictionary term in
// lengthCandidateEvery is a candidate (by hash, so the choice depends on
// the terms only), at most lengthCandidates of them; of those in the
// wanted range of articles, lengthSampleTerms terms and all their
// postings. The sum is of integers, so the estimate depends on the
// articles only, not on how Bleve's segments lay them out.
const (
	lengthCandidateEvery = 16
	lengthCandidates     = 4096
	lengthSampleTerms    = 48
)

// averageLength estimates the mean number of tokens of field over the
// documents that have it. The index keeps no total, but every posting
// carries its document's field length, and a document holds a given rare
// term with a probability roughly proportional to its length: so the mean
// of 1/length over such postings is 1/(mean length). It samples terms
// found in 0.2–2% of the articles (widening to any term in a small index).
// TestAverageLengthEstimate compares it with the exact mean.
func averageLength(ctx context.Context, r index.IndexReader, field string, n uint64) (float64, error) {
	fd, err := r.FieldDict(field)
	if err != nil {
		return 0, fmt.Errorf("read the %s dictionary: %w", field, err)
	}
	// A dictionary entry's count may include deleted postings, so it only
	// bounds the document frequency from above: the exact count (a
	// postings list per term, in every shard of a month-shard index) is
	// read only for candidates that can be in the wanted range, unless the
	// range holds too few and every candidate is needed.
	type sample struct {
		term string
		df   uint64
	}
	var cands []sample
	for len(cands) < lengthCandidates {
		e, err := fd.Next()
		if err != nil {
			_ = fd.Close()
			return 0, fmt.Errorf("read the %s dictionary: %w", field, err)
		}
		if e == nil {
			break
		}
		if fnv32(e.Term)%lengthCandidateEvery == 0 {
			cands = append(cands, sample{e.Term, e.Count})
		}
	}
	if err := fd.Close(); err != nil {
		return 0, err
	}
	count := func(s *sample) (err error) {
		s.df, err = docFreq(ctx, r, field, s.term)
		return err
	}
	var mid []sample
	exact := make([]bool, len(cands))
	for i := range cands {
		if 500*cands[i].df < n {
			continue
		}
		if err := count(&cands[i]); err != nil {
			return 0, err
		}
		exact[i] = true
		if 500*cands[i].df >= n && 50*cands[i].df <= n {
			mid = append(mid, cands[i])
		}
	}
	if len(mid) < lengthSampleTerms/4 {
		for i := range cands {
			if !exact[i] {
				if err := count(&cands[i]); err != nil {
					return 0, err
				}
			}
		}
		mid = cands
	}
	step := max(1, len(mid)/lengthSampleTerms)
	var inv, seen uint64 // Σ 2³²/length and the postings summed
	for i := 0; i < len(mid); i += step {
		tfr, err := r.TermFieldReader(ctx, []byte(mid[i].term), field, false, true, false)
		if err != nil {
			return 0, fmt.Errorf("read postings of %q in %s: %w", mid[i].term, field, err)
		}
		var d index.TermFieldDoc
		for {
			p, err := tfr.Next(d.Reset())
			if err != nil {
				_ = tfr.Close()
				return 0, err
			}
			if p == nil {
				break
			}
			if length := math.Round(1 / (p.Norm * p.Norm)); length >= 1 && length < 1<<31 {
				inv += (1 << 32) / uint64(length)
				seen++
			}
		}
		if err := tfr.Close(); err != nil {
			return 0, err
		}
	}
	if seen == 0 || inv == 0 {
		return 1, nil
	}
	return float64(seen) * (1 << 32) / float64(inv), nil
}

// fnv32 is the FNV-1a hash of s.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// ParseRanking reads a ranking written as
// "k1=2,title=3,title-b=0.5,body-b=0.75,proximity=1,feedback=1,feedback-cap=0.25"
// (any subset; the rest are DefaultRanking's), for experiments such as the
// relevance harness's ablation.
func ParseRanking(s string) (Ranking, error) {
	r := DefaultRanking
	if strings.TrimSpace(s) == "" {
		return r, nil
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		f, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || !(f >= 0) || math.IsInf(f, 0) {
			return Ranking{}, fmt.Errorf("ranking: %q is not name=non-negative number", kv)
		}
		field, known := map[string]*float64{"k1": &r.K1, "title": &r.TitleWeight, "title-b": &r.TitleB,
			"body-b": &r.BodyB, "proximity": &r.Proximity, "feedback": &r.Feedback, "feedback-cap": &r.FeedbackCap}[k]
		if !known {
			return Ranking{}, fmt.Errorf("ranking: unknown parameter %q (k1, title, title-b, body-b, proximity, feedback, feedback-cap)", k)
		}
		*field = f
		if (k == "title-b" || k == "body-b") && f > 1 {
			return Ranking{}, fmt.Errorf("ranking: %s must be between 0 and 1", k)
		}
	}
	return r, nil
}
