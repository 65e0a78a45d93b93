package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/lang"
)

// TestMultilingualCorpus reads testdata/multilingual (see its README):
// every item of every file is read, each article gets its language (from a
// region tag, a name, or detected where the declaration is missing,
// nonsense or contradicted by the script), the cruft lines the corpus names
// are removed and every other line of the story is kept.
func TestMultilingualCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "multilingual")
	type expect struct {
		lang  string
		cruft []string
		body  string
	}
	want := map[string]expect{}
	f, err := os.Open(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var rec struct {
			ID, Body string
			Lang     any
			XLang    string   `json:"x_lang"`
			XCruft   []string `json:"x_cruft"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		l := rec.XLang
		if l == "" {
			l = lang.Normalize(rec.Lang.(string))
		}
		want[rec.ID] = expect{lang: l, cruft: rec.XCruft, body: rec.Body}
	}

	var arts []*article.Article
	for a, err := range Read(context.Background(), []string{dir}, Options{}) {
		if err != nil {
			t.Errorf("rejected: %v", err)
			continue
		}
		arts = append(arts, a)
	}
	// 12 JSON Lines, 2 items of the feed wrapped in a page, 2 of the JSON Feed.
	if len(arts) != len(want)+4 {
		t.Fatalf("read %d articles, want %d", len(arts), len(want)+4)
	}
	cruftKept, storyLines, storyLost := 0, 0, 0
	for _, a := range arts {
		w, ok := want[a.ID]
		if !ok {
			// The feeds: Italian and Portuguese.
			if l := a.Lang; l != "it" && l != "pt" {
				t.Errorf("%s (%s): lang %q, want it or pt", a.ID, a.Origin.File, l)
			}
			continue
		}
		if a.Lang != w.lang {
			t.Errorf("%s: lang %q, want %q", a.ID, a.Lang, w.lang)
		}
		for _, ln := range strings.Split(w.body, "\n") {
			ln = strings.TrimSpace(ln)
			if ln == "" {
				continue
			}
			if slices.Contains(w.cruft, ln) {
				if strings.Contains(a.Body, ln) {
					cruftKept++
					t.Errorf("%s: cruft line kept: %q", a.ID, ln)
				}
				continue
			}
			storyLines++
			if !strings.Contains(a.Body, ln) {
				storyLost++
				t.Errorf("%s: story line lost: %q", a.ID, ln)
			}
		}
	}
	t.Logf("%d story lines, %d lost; %d cruft lines kept", storyLines, storyLost, cruftKept)
}
