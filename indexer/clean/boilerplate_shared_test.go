package clean

import (
	"fmt"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer/article"
)

// TestBoilerplateShared: a disclaimer under the articles of many small
// sources (each too small for the per-source rule) is learned once for
// every source and stripped, also from a source that carries it on a single
// article; a story syndicated to many sources under different titles keeps
// its paragraphs; a formulaic sentence on a few articles of each source is
// kept.
func TestBoilerplateShared(t *testing.T) {
	const disclaimer = "This content is provided by our partners and does not necessarily reflect the views of the editors."
	const formula = "The company did not disclose the terms of the deal."
	syndicated := []string{
		"The harbour authority approved a new ferry terminal on the east quay after a two-year review.",
		"Construction starts in spring and the terminal should open to passengers the following summer.",
	}
	var arts []*article.Article
	for s := range 8 {
		src := fmt.Sprintf("Small Feed %d", s)
		for i := range 4 {
			body := story(src, i, disclaimer)
			if i == 0 {
				body = story(src, i, formula) // once per source
			}
			arts = append(arts, art(src, fmt.Sprintf("%s headline %d", src, i), body))
		}
		// The same story in every source, retitled, and again as an update:
		// in 2 of 6 articles of 8 sources, under 16 titles. Only the story
		// count tells it from boilerplate.
		arts = append(arts, art(src, fmt.Sprintf("Ferry terminal: %s's take", src), strings.Join(syndicated, "\n\n")),
			art(src, fmt.Sprintf("UPDATE %s: ferry terminal approved", src), strings.Join(syndicated, "\n\n")))
	}
	b := learn(arts)
	if len(b.Shared) != 1 || b.Shared[0].Text != disclaimer {
		t.Fatalf("shared lines %+v, want only the disclaimer", b.Shared)
	}
	if sh := b.Shared[0]; sh.Sources < sharedMinSources || sh.Stories < sharedMinStories {
		t.Errorf("evidence %+v", sh)
	}
	for _, s := range b.Sources {
		t.Errorf("per-source lines learned for %s: %+v (sources are too small)", s.Source, s.Lines)
	}

	other := art("Another Small Feed", "Unrelated", story("x", 99, disclaimer))
	if n := b.Strip(other); n != 1 || strings.Contains(other.Body, "partners") {
		t.Errorf("Strip on a new source removed %d lines: %q", n, other.Body)
	}
	for _, a := range arts {
		c := *a
		b.Strip(&c)
		if strings.Contains(c.Body, "partners") {
			t.Errorf("%s: disclaimer kept", a.Title)
		}
		for _, p := range append(syndicated, formula) {
			if strings.Contains(a.Body, p) && !strings.Contains(c.Body, p) {
				t.Errorf("%s: story line removed: %q", a.Title, p)
			}
		}
	}
	if b.Lines() != 1 {
		t.Errorf("Lines() = %d, want 1", b.Lines())
	}
}
