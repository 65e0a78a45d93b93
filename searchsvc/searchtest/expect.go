package searchtest

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// Expect selects fixture articles; counts are computed from the articles
// themselves, independently of the index.
type Expect func(a FixtureArticle) bool

func Has(word string) Expect {
	return func(a FixtureArticle) bool {
		return strings.Contains(strings.ToLower(a.Title+" "+a.Body), word)
	}
}

func FromSource(srcs ...string) Expect {
	return func(a FixtureArticle) bool { return slices.Contains(srcs, a.Source) }
}

func WithTag(tags ...string) Expect {
	return func(a FixtureArticle) bool {
		for _, t := range a.Tags {
			if slices.Contains(tags, t) {
				return true
			}
		}
		return false
	}
}

func All(es ...Expect) Expect {
	return func(a FixtureArticle) bool {
		for _, e := range es {
			if !e(a) {
				return false
			}
		}
		return true
	}
}

func SelectArts(arts []FixtureArticle, e Expect) []FixtureArticle {
	var out []FixtureArticle
	for _, a := range arts {
		if e(a) {
			out = append(out, a)
		}
	}
	return out
}

func CountBy(arts []FixtureArticle, key func(FixtureArticle) []string) map[string]int {
	m := map[string]int{}
	for _, a := range arts {
		for _, k := range key(a) {
			m[k]++
		}
	}
	return m
}

func BySource(a FixtureArticle) []string { return []string{a.Source} }
func ByTag(a FixtureArticle) []string    { return a.Tags }

// ByAuthor keys an article by its author (none when it has no author).
func ByAuthor(a FixtureArticle) []string {
	if a.Author == "" {
		return nil
	}
	return []string{a.Author}
}

// ByAuthorIn selects articles by any of authors.
func ByAuthorIn(authors ...string) Expect {
	return func(a FixtureArticle) bool { return slices.Contains(authors, a.Author) }
}
func ByMonth(a FixtureArticle) []string {
	if a.Published == "" {
		return nil
	}
	return []string{a.Published[:7]}
}

// CheckSafeHTML checks that s holds no markup but <mark> and </mark>.
func CheckSafeHTML(t *testing.T, name, s string) {
	t.Helper()
	rest := StripMarks(s)
	if strings.ContainsAny(rest, `<>"'`) {
		t.Errorf("%s holds unescaped markup: %q", name, s)
	}
	if strings.Contains(strings.ToLower(s), "<script") {
		t.Errorf("%s holds a script tag: %q", name, s)
	}
	if strings.Count(s, "<mark>") != strings.Count(s, "</mark>") {
		t.Errorf("%s Has unbalanced marks: %q", name, s)
	}
}

func StripMarks(s string) string {
	return strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
}

// IDSet returns the sorted ids of arts.
func IDSet(arts []FixtureArticle) []string {
	out := make([]string, 0, len(arts))
	for _, a := range arts {
		out = append(out, a.ID)
	}
	sort.Strings(out)
	return out
}

// ClipBody shortens a response body for a failure message.
func ClipBody(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}
