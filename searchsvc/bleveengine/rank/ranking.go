package rank

import (
	"fmt"
	"math"
	"strconv"
	"strings"
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
var DefaultRanking = Ranking{K1: 2.5, TitleWeight: 3, TitleB: 0.5, BodyB: 0.5, Proximity: 0.25, Feedback: 2, FeedbackCap: 0.25}

// OrDefault returns r, or DefaultRanking when r is the zero value.
func (r Ranking) OrDefault() Ranking {
	if r == (Ranking{}) {
		return DefaultRanking
	}
	return r
}

// ParseRanking reads a ranking written as
// "k1=2.5,title=3,title-b=0.5,body-b=0.5,proximity=1,feedback=1,feedback-cap=0.25"
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
