package rank

import (
	"strings"
	"testing"
)

func TestParseRanking(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Ranking
		err  string
	}{
		{"", DefaultRanking, ""},
		{"k1=2,title=1.5", Ranking{K1: 2, TitleWeight: 1.5, TitleB: 0.5, BodyB: DefaultRanking.BodyB, Proximity: DefaultRanking.Proximity, Feedback: DefaultRanking.Feedback, FeedbackCap: DefaultRanking.FeedbackCap}, ""},
		{" proximity=0 , feedback=0 ", Ranking{K1: DefaultRanking.K1, TitleWeight: 3, TitleB: 0.5, BodyB: DefaultRanking.BodyB, FeedbackCap: DefaultRanking.FeedbackCap}, ""},
		{"feedback-cap=0", Ranking{K1: DefaultRanking.K1, TitleWeight: 3, TitleB: 0.5, BodyB: DefaultRanking.BodyB, Proximity: DefaultRanking.Proximity, Feedback: DefaultRanking.Feedback}, ""},
		{"body-b=1.5", Ranking{}, "between 0 and 1"},
		{"k1=-1", Ranking{}, "non-negative"},
		{"k1", Ranking{}, "name=non-negative number"},
		{"boost=2", Ranking{}, "unknown parameter"},
		{"k1=NaN", Ranking{}, "non-negative"},
	} {
		got, err := ParseRanking(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want one saying %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}
