package rank

import (
	"context"
	"fmt"
	"math"
	"sync"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/timeshard"
)

// FieldLengths are the mean token counts of the title and the body.
type FieldLengths struct{ Title, Body float64 }

// LengthCache holds the mean field lengths of the index, estimated from a
// sample of postings (averageLength) and estimated again when the number
// of articles has changed by more than a tenth: they are statistics, and
// keeping them steady keeps scores steady. A search's cursor carries the
// lengths its first page used (searchsvc.Cursor.L), so that its later
// pages score alike on this replica and on any other, whose estimate
// depends on when it was made.
type LengthCache struct {
	mu   sync.Mutex
	docs uint64
	avg  FieldLengths
}

// get returns the mean field lengths for snapshot r.
func (lc *LengthCache) Get(ctx context.Context, r index.IndexReader) (FieldLengths, error) {
	n, err := r.DocCount()
	if err != nil {
		return FieldLengths{}, fmt.Errorf("count articles: %w", err)
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.docs > 0 && 10*max(n, lc.docs)-10*min(n, lc.docs) <= lc.docs {
		return lc.avg, nil
	}
	var avg FieldLengths
	if avg.Title, err = averageLength(ctx, r, indexer.FieldTitle, n); err != nil {
		return FieldLengths{}, err
	}
	if avg.Body, err = averageLength(ctx, r, indexer.FieldBody, n); err != nil {
		return FieldLengths{}, err
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
// bleveengine's TestAverageLengthEstimate compares it with the exact mean.
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
		s.df, err = timeshard.DocFreq(ctx, r, field, s.term)
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
