package rank

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Query scores one word over the title and the body as BM25F does:
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
type Query struct {
	// Terms are the index terms of the word; TitleOnly scores the title
	// alone (completion).
	Terms     []string
	TitleOnly bool
	// Weight multiplies the score (a language alternative's share in the
	// engine's query plan).
	Weight  float64
	Ranking Ranking
	// Avg are the mean field lengths the search uses (see LengthCache).
	Avg FieldLengths
}

// Searcher implements Bleve's query.Query: the BM25F searcher of the word.
func (q *Query) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if err := search.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	avg := q.Avg
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count articles: %w", err)
	}
	s := &bm25fSearcher{scoring: opts.Score != "none"}
	fields := []string{indexer.FieldTitle, indexer.FieldBody}
	if q.TitleOnly {
		fields = fields[:1]
	}
	var df uint64
	for _, t := range q.Terms {
		for _, f := range fields {
			tfr, err := r.TermFieldReader(ctx, []byte(t), f, true, true, false)
			if err != nil {
				_ = s.Close()
				return nil, fmt.Errorf("read postings of %q in %s: %w", t, f, err)
			}
			df = max(df, tfr.Count())
			s.count += tfr.Count()
			p := posting{reader: tfr, title: f == indexer.FieldTitle, consumed: true}
			rk := q.Ranking.OrDefault()
			if p.title {
				p.weight, p.b, p.avg = rk.TitleWeight, rk.TitleB, avg.Title
			} else {
				p.weight, p.b, p.avg = 1, rk.BodyB, avg.Body
			}
			s.postings = append(s.postings, p)
		}
	}
	df = min(df, n)
	s.idf = math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	s.k1 = q.Ranking.OrDefault().K1
	s.weight = q.Weight
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
