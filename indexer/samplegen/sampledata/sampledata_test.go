package sampledata

import (
	"slices"
	"testing"
)

// The data's cross-references, which the compiler cannot check and the
// generator would only trip over at run time (or silently, for Coins).
func TestCrossReferences(t *testing.T) {
	if len(Topics) != len(AllTags) {
		t.Fatalf("%d topics for %d tags", len(Topics), len(AllTags))
	}
	for i, tp := range Topics {
		if tp.Tag != AllTags[i] {
			t.Errorf("topic %d is %q, AllTags has %q", i, tp.Tag, AllTags[i])
		}
		if len(tp.Angles) == 0 || len(tp.Outlooks) == 0 || len(tp.Context) == 0 {
			t.Errorf("topic %q lacks angles, outlooks or context", tp.Tag)
		}
		for _, r := range tp.Related {
			if !slices.Contains(AllTags, r) || r == tp.Tag {
				t.Errorf("topic %q: related tag %q", tp.Tag, r)
			}
		}
	}
	for _, fa := range ForeignArticles {
		for _, tag := range fa.Tags {
			if !slices.Contains(AllTags, tag) {
				t.Errorf("foreign article %q: tag %q not in AllTags", fa.Title, tag)
			}
		}
	}
	for _, tp := range Topics {
		for _, asset := range tp.Slots["asset"] {
			if _, ok := Coins[asset]; !ok {
				t.Errorf("asset %q of topic %q has no entry in Coins", asset, tp.Tag)
			}
		}
	}
}
