package terms

import (
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"inflaton", "inflation", 1}, {"inflatoin", "inflation", 1},
		{"inflatoin", "inflating", 2}, {"ca", "ac", 1}, {"abc", "ca", 3}, {"goverment", "government", 1},
		{"kitten", "sitting", 3}, {"São", "Sao", 1},
	} {
		if got := editDistance(tc.a, tc.b, 10); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.a, tc.b, 1); got != min(tc.want, 1) {
			t.Errorf("editDistance(%q, %q, limit 1) = %d", tc.a, tc.b, got)
		}
	}
	for _, tc := range []struct {
		w    string
		want int
	}{{"oil", 0}, {"crude", 1}, {"inflaton", 1}, {"inflation", 2}, {"Straße", 1}, {"donaudampfschifffahrtsgesellschaft", 2}, {strings.Repeat("a", 41), 0}, {strings.Repeat("é", 1000), 0}} {
		if got := editBudget(tc.w); got != tc.want {
			t.Errorf("editBudget(%q) = %d, want %d", tc.w, got, tc.want)
		}
	}
}
