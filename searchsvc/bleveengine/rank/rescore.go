package rank

import (
	"cmp"
	"context"
	"math"
	"slices"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/timeshard"
)

// FeedbackDocs and FeedbackTerms shape the feedback: the hits it learns
// from and the terms it keeps.
const (
	FeedbackDocs  = 10
	FeedbackTerms = 10
)

// NearWords are the words of a query: per positive clause, the index terms
// that stand for it.
type NearWords [][]string

// Clauses maps each term of near to the first clause it stands for.
func (near NearWords) Clauses() map[string]int {
	clause := map[string]int{}
	for i, terms := range near {
		for _, t := range terms {
			if _, ok := clause[t]; !ok {
				clause[t] = i
			}
		}
	}
	return clause
}

// Text is one rescored hit's text, analyzed: its query-word occurrences
// (Toks) and the count of each term (TF, the title's occurrences weighted
// by Ranking.TitleWeight) over Length tokens.
type Text struct {
	Toks   []Tok
	TF     map[string]float64
	Length float64
}

// Tok is one query-word occurrence: the clause of the word and its
// position (the title's and the body's positions a gap apart).
type Tok struct{ Clause, Pos int }

// K is BM25's length-normalized saturation for a text of length tokens
// against the mean lengths avg: k1 × (1 − b + b × length / avg).
func (rk Ranking) K(length float64, avg FieldLengths) float64 {
	return rk.K1 * (1 - rk.BodyB + rk.BodyB*length/(avg.Title+avg.Body))
}

// ProximityScore is the BM25TP term-proximity score of t (see the package
// documentation), with nearIDF the idf of each clause and k from K. acc is
// scratch space of one float per clause.
func (rk Ranking) ProximityScore(t *Text, nearIDF []float64, k float64, acc []float64) float64 {
	clear(acc)
	for j := 1; j < len(t.Toks); j++ {
		a, b := t.Toks[j-1], t.Toks[j]
		if a.Clause == b.Clause {
			continue
		}
		d := float64(b.Pos - a.Pos)
		acc[b.Clause] += nearIDF[a.Clause] / (d * d)
		acc[a.Clause] += nearIDF[b.Clause] / (d * d)
	}
	prox := 0.0
	for c, x := range acc {
		if x > 0 {
			prox += min(1, nearIDF[c]) * x * (rk.K1 + 1) / (x + k)
		}
	}
	return prox
}

// FeedbackScore is the feedback score of t: the terms fb scoring it as one
// extra word would, with k from K.
func (rk Ranking) FeedbackScore(t *Text, fb []FeedbackTerm, k float64) float64 {
	f := 0.0
	for _, e := range fb {
		if tf := t.TF[e.Term]; tf > 0 {
			f += e.W * e.IDF * tf * (rk.K1 + 1) / (tf + k)
		}
	}
	return f
}

// FeedbackTerm is a feedback term, its weight and its idf.
type FeedbackTerm struct {
	Term   string
	W, IDF float64
}

// ChooseFeedback chooses the feedback terms from the first FeedbackDocs
// hits (texts, with their scores, best first): terms of at least two of
// them that are not query words (clause), weighted by
// Σ_hit (tf / length) × score / top score and by idf; the best
// FeedbackTerms with their weights summing to 1, in a fixed order (sums
// in another order could differ in the last bit and move a hit across a
// cursor).
func ChooseFeedback(texts []Text, scores []float64, clause map[string]int, idf func([]string) (float64, error)) ([]FeedbackTerm, error) {
	n := min(FeedbackDocs, len(texts), len(scores))
	if n < 2 || scores[0] <= 0 {
		return nil, nil
	}
	weight := map[string]float64{}
	docs := map[string]int{}
	for i := range n {
		t := &texts[i]
		if t.Length == 0 {
			continue
		}
		for term, tf := range t.TF {
			if _, q := clause[term]; q {
				continue
			}
			weight[term] += tf / t.Length * scores[i] / scores[0]
			docs[term]++
		}
	}
	var cands []FeedbackTerm
	for term, w := range weight {
		if docs[term] < 2 {
			continue
		}
		f, err := idf([]string{term})
		if err != nil {
			return nil, err
		}
		cands = append(cands, FeedbackTerm{term, w * f, f})
	}
	slices.SortFunc(cands, func(a, b FeedbackTerm) int {
		if c := cmp.Compare(b.W, a.W); c != 0 {
			return c
		}
		return cmp.Compare(a.Term, b.Term)
	})
	cands = cands[:min(FeedbackTerms, len(cands))]
	sum := 0.0
	for _, c := range cands {
		sum += c.W
	}
	if sum == 0 {
		return nil, nil
	}
	for i := range cands {
		cands[i].W /= sum
	}
	return cands, nil
}

// ClauseIDF returns the idf of each clause of near.
func ClauseIDF(near NearWords, idf func([]string) (float64, error)) ([]float64, error) {
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

// BodyIDF is the BM25 idf of the most common of terms in the body.
func BodyIDF(ctx context.Context, r index.IndexReader, terms []string) (float64, error) {
	n, err := r.DocCount()
	if err != nil {
		return 0, err
	}
	var df uint64
	for _, t := range terms {
		n, err := timeshard.DocFreq(ctx, r, indexer.FieldBody, t)
		if err != nil {
			return 0, err
		}
		df = max(df, n)
	}
	df = min(df, n)
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)), nil
}
