package bleveengine

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Rescoring. BM25F (bm25f.go) scores every match from the postings alone.
// The first RescoreWindow hits of a relevance search are then read again
// from their stored text (the index keeps no term positions: they would
// make it about 45% larger and indexing slower), as Lucene's rescorer and
// Elasticsearch's rescore window do, for two more kinds of evidence:
//
// Term proximity, the BM25TP formula of Büttcher, Clarke and Lushman
// (SIGIR 2006): for each occurrence of a query word t at position p whose
// nearest preceding query-word occurrence is another word t' at p',
//
//	acc(t)  += idf(t')  / (p − p')²
//	acc(t') += idf(t)   / (p − p')²
//	prox = Σ_t min(1, idf(t)) × acc(t) × (k1 + 1) / (acc(t) + K)
//
// with K = k1 × (1 − b + b × len / avg), over the title and the body read
// as one text (with a gap between them, so that a title word and a body
// word are never "near"). The whole query acts as a sloppy phrase: adjacent
// words add most, words a few apart less, words far apart nothing. The words
// of an OR clause, or a prefix's expansions, count as one query word.
//
// Feedback (pseudo-relevance feedback, as RM3 does with a second query,
// here only within the window): the terms that the top FeedbackDocs hits
// share (in at least two of them), weighted by their share of each hit's
// text, by the hit's score and by their idf; the best FeedbackTerms of
// them score every hit of the window as one extra word would:
//
//	fb = Σ_e w_e × idf(e) × tf_e × (k1 + 1) / (tf_e + K),  Σ_e w_e = 1
//
// An article about the query's topic shares its vocabulary with the other
// articles about it ("soybeans": bushels, USDA, crush, oilseed), while one
// that merely mentions the word does not.
//
// The hit's score becomes
//
//	(bm25f + Proximity × prox + min(Feedback × fb, FeedbackCap × bm25f)) × freshness
//
// The bound keeps feedback to reordering close calls: when the first hits
// are about something else than the query, the terms they share would
// otherwise pull every hit of the window towards that other topic.
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

// FeedbackDocs and FeedbackTerms shape the feedback: the hits it learns
// from and the terms it keeps.
const (
	FeedbackDocs  = 10
	FeedbackTerms = 10
)

// titleGap separates the title from the body in proximity positions.
const titleGap = 1000

// rescoreTextBytes bounds how much of each field of a hit is analyzed
// (a long article's opening says what it is about; a 5 MB body must not
// cost a search seconds).
const rescoreTextBytes = 32 << 10

// nearWords are the words of a query: per positive clause, the index terms
// that stand for it.
type nearWords [][]string

// hitText is one rescored hit's text, analyzed.
type hitText struct {
	// toks are its query-word occurrences: clause and position.
	toks []nearTok
	// tf counts each term, the title's occurrences weighted; length is
	// the number of tokens.
	tf     map[string]float64
	length float64
}

type nearTok struct{ clause, pos int }

// rescore adds proximity and feedback to the first RescoreWindow hits of
// all (ranked by relevance, best first), orders them again and marks them
// rescored.
func (s *Engine) rescore(ctx context.Context, ix *indexer.Index, p *plan, b *built, all []ranked) error {
	near, avg := b.near, b.lens
	win := all[:min(RescoreWindow, len(all))]
	rk := s.cfg.Ranking.orDefault()
	if len(near) == 0 || len(win) == 0 {
		return nil
	}
	clause := map[string]int{}
	for i, terms := range near {
		for _, t := range terms {
			if _, ok := clause[t]; !ok {
				clause[t] = i
			}
		}
	}
	texts, err := s.hitTexts(ctx, ix, p, win, clause, rk.TitleWeight)
	if err != nil {
		return err
	}
	var nearIDF []float64
	var fb []feedbackTerm
	err = s.withReader(ix, func(r index.IndexReader) error {
		idf := func(terms []string) (float64, error) { return bodyIDF(ctx, r, terms) }
		if nearIDF, err = clauseIDF(near, idf); err != nil {
			return err
		}
		if rk.Feedback > 0 {
			fb, err = feedbackTerms(win, texts, clause, idf)
		}
		return err
	})
	if err != nil {
		return err
	}
	acc := make([]float64, len(near))
	for i := range win {
		t := &texts[i]
		k := rk.K1 * (1 - rk.BodyB + rk.BodyB*t.length/(avg.title+avg.body))
		add := 0.0
		if rk.Proximity > 0 && len(near) > 1 {
			clear(acc)
			for j := 1; j < len(t.toks); j++ {
				a, b := t.toks[j-1], t.toks[j]
				if a.clause == b.clause {
					continue
				}
				d := float64(b.pos - a.pos)
				acc[b.clause] += nearIDF[a.clause] / (d * d)
				acc[a.clause] += nearIDF[b.clause] / (d * d)
			}
			prox := 0.0
			for c, x := range acc {
				if x > 0 {
					prox += min(1, nearIDF[c]) * x * (rk.K1 + 1) / (x + k)
				}
			}
			add += rk.Proximity * prox
		}
		fresh := p.freshness(win[i].num)
		if len(fb) > 0 {
			f := 0.0
			for _, e := range fb {
				if tf := t.tf[e.term]; tf > 0 {
					f += e.w * e.idf * tf * (rk.K1 + 1) / (tf + k)
				}
			}
			f *= rk.Feedback
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
func (s *Engine) hitTexts(ctx context.Context, ix *indexer.Index, p *plan, win []ranked, clause map[string]int, titleWeight float64) ([]hitText, error) {
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
	out := make([]hitText, len(win))
	for i, r := range win {
		if err := ctx.Err(); err != nil {
			return nil, ctxErr(err)
		}
		fields := loaded[p.cols.ids[r.num]]
		if r.match != nil {
			fields = r.match.Fields
		}
		an := s.ans[p.cols.slot[r.num]]
		t := hitText{tf: map[string]float64{}}
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
				t.tf[st] += w
				t.length++
				last = tok.Position
				if c, ok := clause[st]; ok {
					t.toks = append(t.toks, nearTok{c, offset + tok.Position})
				}
			}
			offset += last + titleGap
		}
		out[i] = t
	}
	return out, nil
}

// feedbackTerm is a feedback term, its weight and its idf.
type feedbackTerm struct {
	term   string
	w, idf float64
}

// feedbackTerms chooses the feedback terms from the first FeedbackDocs hits
// of win: terms of at least two of them that are not query words, weighted
// by Σ_hit (tf / length) × score / top score and by idf; the best
// FeedbackTerms with their weights summing to 1, in a fixed order (sums
// in another order could differ in the last bit and move a hit across a
// cursor).
func feedbackTerms(win []ranked, texts []hitText, clause map[string]int, idf func([]string) (float64, error)) ([]feedbackTerm, error) {
	n := min(FeedbackDocs, len(win))
	if n < 2 || win[0].score <= 0 {
		return nil, nil
	}
	weight := map[string]float64{}
	docs := map[string]int{}
	for i := range n {
		t := &texts[i]
		if t.length == 0 {
			continue
		}
		for term, tf := range t.tf {
			if _, q := clause[term]; q {
				continue
			}
			weight[term] += tf / t.length * win[i].score / win[0].score
			docs[term]++
		}
	}
	var cands []feedbackTerm
	for term, w := range weight {
		if docs[term] < 2 {
			continue
		}
		f, err := idf([]string{term})
		if err != nil {
			return nil, err
		}
		cands = append(cands, feedbackTerm{term, w * f, f})
	}
	slices.SortFunc(cands, func(a, b feedbackTerm) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.term, b.term)
	})
	cands = cands[:min(FeedbackTerms, len(cands))]
	sum := 0.0
	for _, c := range cands {
		sum += c.w
	}
	if sum == 0 {
		return nil, nil
	}
	for i := range cands {
		cands[i].w /= sum
	}
	return cands, nil
}

// clauseIDF returns the idf of each clause of near.
func clauseIDF(near nearWords, idf func([]string) (float64, error)) ([]float64, error) {
	out := make([]float64, len(near))
	for i, terms := range near {
		f, err := idf(terms)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// bodyIDF is the BM25 idf of the most common of terms in the body.
func bodyIDF(ctx context.Context, r index.IndexReader, terms []string) (float64, error) {
	n, err := r.DocCount()
	if err != nil {
		return 0, err
	}
	var df uint64
	for _, t := range terms {
		n, err := docFreq(ctx, r, indexer.FieldBody, t)
		if err != nil {
			return 0, err
		}
		df = max(df, n)
	}
	df = min(df, n)
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)), nil
}

// docFreq returns how many documents hold term in field. Month shards
// (indexer/timeshard) answer from a per-snapshot cache, since a count
// there costs a postings lookup in every shard.
func docFreq(ctx context.Context, r index.IndexReader, field, term string) (uint64, error) {
	if dr, ok := r.(interface {
		DocFreq(ctx context.Context, term []byte, field string) (uint64, error)
	}); ok {
		return dr.DocFreq(ctx, []byte(term), field)
	}
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("read postings of %q in %s: %w", term, field, err)
	}
	n := tfr.Count()
	return n, tfr.Close()
}
