package bleveengine

import (
	"context"
	"slices"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
)

// Rescoring (the formulas are in package rank). BM25F scores every match
// from the postings alone; the first RescoreWindow hits of a relevance
// search are then read again from their stored text and analyzed, and
// rank adds term proximity and feedback to their scores.
//
// Why the window keeps pages consistent: both only add, so every rescored
// hit keeps a score at least its BM25F score, which is at least that of
// every hit outside the window; ordering the window by the new score and
// the rest by the old one is one order by score, and a cursor (score, key)
// finds its place in it on every page. A cursor past the window says so
// (searchsvc.Cursor.P), and later pages are Bleve's order.

// RescoreWindow is how many of the first hits of a relevance search are
// rescored.
const RescoreWindow = 100

// titleGap separates the title from the body in proximity positions.
const titleGap = 1000

// rescoreTextBytes bounds how much of each field of a hit is analyzed
// (a long article's opening says what it is about; a 5 MB body must not
// cost a search seconds).
const rescoreTextBytes = 32 << 10

// rescore adds proximity and feedback to the first RescoreWindow hits of
// all (ranked by relevance, best first), orders them again and marks them
// rescored.
func (s *Engine) rescore(ctx context.Context, ix *indexer.Index, p *plan, b *built, all []ranked) error {
	near, avg := b.near, b.lens
	win := all[:min(RescoreWindow, len(all))]
	rk := s.cfg.Ranking.OrDefault()
	if len(near) == 0 || len(win) == 0 {
		return nil
	}
	clause := near.Clauses()
	texts, err := s.hitTexts(ctx, ix, p, win, clause, rk.TitleWeight)
	if err != nil {
		return err
	}
	var nearIDF []float64
	var fb []rank.FeedbackTerm
	err = s.withReader(ix, func(r index.IndexReader) error {
		idf := func(terms []string) (float64, error) { return rank.BodyIDF(ctx, r, terms) }
		if nearIDF, err = rank.ClauseIDF(near, idf); err != nil {
			return err
		}
		if rk.Feedback > 0 {
			scores := make([]float64, min(rank.FeedbackDocs, len(win)))
			for i := range scores {
				scores[i] = win[i].score
			}
			fb, err = rank.ChooseFeedback(texts, scores, clause, idf)
		}
		return err
	})
	if err != nil {
		return err
	}
	acc := make([]float64, len(near))
	for i := range win {
		t := &texts[i]
		k := rk.K(t.Length, avg)
		add := 0.0
		if rk.Proximity > 0 && len(near) > 1 {
			add += rk.Proximity * rk.ProximityScore(t, nearIDF, k, acc)
		}
		fresh := p.freshness(win[i].num)
		if len(fb) > 0 {
			f := rk.Feedback * rk.FeedbackScore(t, fb, k)
			if rk.FeedbackCap > 0 {
				// The score so far is bm25f × freshness (a story's:
				// its best copy's).
				f = min(f, rk.FeedbackCap*win[i].score/fresh)
			}
			add += f
		}
		win[i].score += add * fresh
	}
	slices.SortStableFunc(win, p.compare)
	for i := range win {
		win[i].rescored = true
	}
	return nil
}

// hitTexts reads and analyzes the title and body of each hit of win with
// its language's analyzer.
func (s *Engine) hitTexts(ctx context.Context, ix *indexer.Index, p *plan, win []ranked, clause map[string]int, titleWeight float64) ([]rank.Text, error) {
	var load []string
	for _, r := range win {
		if r.match == nil {
			load = append(load, p.cols.ids[r.num])
		}
	}
	loaded, err := ix.Stored(load, []string{indexer.FieldTitle, indexer.FieldBody})
	if err != nil {
		return nil, err
	}
	out := make([]rank.Text, len(win))
	for i, r := range win {
		if err := ctx.Err(); err != nil {
			return nil, ctxErr(err)
		}
		fields := loaded[p.cols.ids[r.num]]
		if r.match != nil {
			fields = r.match.Fields
		}
		an := s.ans[p.cols.slot[r.num]]
		t := rank.Text{TF: map[string]float64{}}
		offset := 0
		for f, name := range []string{indexer.FieldTitle, indexer.FieldBody} {
			text, _ := fields[name].(string)
			if len(text) > rescoreTextBytes {
				cut := strings.LastIndexByte(text[:rescoreTextBytes], ' ')
				text = text[:max(cut, 0)]
			}
			w := 1.0
			if f == 0 {
				w = titleWeight
			}
			last := 0
			for _, tok := range an.Analyze([]byte(text)) {
				st := string(tok.Term)
				t.TF[st] += w
				t.Length++
				last = tok.Position
				if c, ok := clause[st]; ok {
					t.Toks = append(t.Toks, rank.Tok{Clause: c, Pos: offset + tok.Position})
				}
			}
			offset += last + titleGap
		}
		out[i] = t
	}
	return out, nil
}
