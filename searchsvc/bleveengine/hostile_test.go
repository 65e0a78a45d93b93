package bleveengine

import (
	"context"
	"errors"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"

	index "github.com/blevesearch/bleve_index_api"
)

// TestHostileLongWordsStayCheap indexes articles whose bodies are one
// enormous "word" (the body limit allows 5 MB), then sends the queries that
// used to make the spelling corrector and the suggester walk those terms
// (7 s and 1.5 GB for one 5-letter query). Every query must be answered
// within the service's deadline, allocate a bounded amount, and the index
// must hold no term longer than indexer.MaxTokenRunes.
func TestHostileLongWordsStayCheap(t *testing.T) {
	dir := t.TempDir()
	huge := "zeph" + strings.Repeat("yr", (5<<20-64)/2)
	arts := []searchtest.FixtureArticle{
		{ID: "huge-1", Title: "One very long word", Body: huge, Source: "Hostile", Published: "2024-05-01T08:00:00Z", Lang: "en"},
		{ID: "huge-2", Title: "Another", Body: "zepp" + strings.Repeat("ab", 1<<19), Source: "Hostile", Published: "2024-05-02T08:00:00Z", Lang: "en"},
		{ID: "ok-1", Title: "Zephyr winds", Body: "A zephyr blew over the bay.", Source: "Calm", Published: "2024-05-03T08:00:00Z", Lang: "en"},
	}
	src := searchtest.WriteJSONL(t, dir, "hostile.jsonl", arts)
	ix, _ := reindexService(t, dir+"/index", src)
	e, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	const deadline = 2 * time.Second
	svc := searchsvc.New(e, searchsvc.Config{Timeout: deadline, Log: searchtest.QuietLog()})

	// No indexed term is longer than the cut, in either text field.
	err = e.withReader(ix, func(r index.IndexReader) error {
		for _, field := range []string{indexer.FieldBody, indexer.FieldTitle} {
			d, err := r.FieldDict(field)
			if err != nil {
				return err
			}
			for {
				en, err := d.Next()
				if err != nil || en == nil {
					d.Close()
					if err != nil {
						return err
					}
					break
				}
				if n := len([]rune(en.Term)); n > indexer.MaxTokenRunes {
					t.Errorf("%s holds a %d-rune term %.20q…", field, n, en.Term)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	for _, q := range []string{"zepha", "zephx", "zeppb", "zeph*", "\"zephyr yrr\"", "zephyryryryryryryryryr"} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		req, perr := searchsvc.ParseRequest(map[string][]string{"q": {q}})
		if perr != nil {
			t.Fatalf("%q: %v", q, perr)
		}
		_, err := svc.Search(context.Background(), req)
		if err != nil {
			t.Errorf("search %q: %v (deadline %v)", q, err, deadline)
		}
		if _, err := svc.Suggest(context.Background(), q, 5); err != nil {
			t.Errorf("suggest %q: %v", q, err)
		}
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("search and suggest of %q allocated %d MB (bound 64 MB)", q, alloc>>20)
		}
	}
}

// FuzzSearch sends arbitrary search boxes (and a second parameter set
// around them) to a real index in three languages: every one is answered
// or refused as a parameter error, never a panic or another error; the
// answer holds at most size hits, totals at least what it shows, and its
// highlighted text is escaped.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"zephyr", "the who", "zephyr OR the", "-the", `"crude oil" -opec`, "title:", "inflat*", "a*", "source:\"Alpha Wire\"",
		"Häuser die", "北京 新闻", "inflaton", "((()))", "OR OR", "\x00\xff", "etherium~2^3", "tag:energy OR tag:", "author:\"", strings.Repeat("zephyr ", 40)} {
		f.Add(s, uint8(3), false)
	}
	svc := fixtureService(f)
	f.Fuzz(func(t *testing.T, q string, size uint8, newest bool) {
		v := url.Values{"q": {q}, "size": {strconv.Itoa(int(size % 60))}}
		if newest {
			v.Set("sort", "newest")
		}
		req, err := searchsvc.ParseRequest(v)
		if err != nil {
			var pe *searchsvc.ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseRequest(%q): %v is not a parameter error", q, err)
			}
			return
		}
		res, err := svc.Search(context.Background(), req)
		if err != nil {
			var pe *searchsvc.ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("Search(%q): %v", q, err)
			}
			return
		}
		if len(res.Hits) > req.Size || uint64(len(res.Hits)) > res.Total {
			t.Fatalf("Search(%q): %d hits of size %d, total %d", q, len(res.Hits), req.Size, res.Total)
		}
		for _, h := range res.Hits {
			for _, s := range []string{h.TitleHTML, h.Snippet} {
				if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s), "<") {
					t.Fatalf("Search(%q): unescaped markup in %q", q, s)
				}
			}
		}
	})
}
