package searchsvc

import (
	"net/url"
	"slices"
	"strings"
)

// paramAliases are names other search APIs use for one of ours. They are
// not accepted (one name per thing keeps links and caches canonical), but a
// request using one is told which name to use instead of getting results
// that silently ignore it.
var paramAliases = map[string]string{
	"query":    "q",
	"search":   "q",
	"limit":    "size",
	"per_page": "size",
	"offset":   "page",
	"start":    "page",
	"language": FacetLang,
	"category": FacetTag,
	"sources":  FacetSource,
	"facet":    "facets",
}

// requestParams are the parameters ParseRequest reads.
func requestParams() []string {
	out := append([]string{"facets"}, singleParams...)
	for _, tf := range TermFilters {
		out = append(out, tf.Param)
	}
	return out
}

// checkParamNames refuses a parameter that is not ours but looks like a
// misspelling or another API's name for one of ours ("sourse", "Tag",
// "tags", "limit"): ignoring it would return results that look filtered
// and are not. Any other unknown parameter is still ignored, so that
// cache-busters ("_=1712") and tracking parameters ("utm_source") do not
// break clients.
func checkParamNames(v url.Values) error {
	known := requestParams()
	for key := range v {
		if slices.Contains(known, key) {
			continue
		}
		if want := likelyMeant(key, known); want != "" {
			return NewParamError(Clip(key), "is not a parameter; did you mean %s? (see /api/v1/openapi.json)", want)
		}
	}
	return nil
}

// likelyMeant is the known parameter key was probably meant to be, or "".
func likelyMeant(key string, known []string) string {
	lower := strings.ToLower(key)
	if want, ok := paramAliases[lower]; ok {
		return want
	}
	for _, p := range known {
		switch {
		case lower == p, lower == p+"s":
			return p
		case len(p) >= 5 && EditDistance(lower, p) == 1:
			// Not for the 4-letter names: "site" and "form" are other
			// things, one letter from "size" and "from".
			return p
		case len(p) >= 7 && EditDistance(lower, p) == 2:
			return p
		}
	}
	return ""
}

// EditDistance is the optimal-string-alignment distance of a and b in
// runes: insertions, deletions, substitutions and swaps of two adjacent
// letters count one edit each. It names the parameter or flag a user
// probably meant, and it measures spelling corrections.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
