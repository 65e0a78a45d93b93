package ingest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
)

// collect reads path and returns the articles and the errors.
func collect(t *testing.T, paths []string, o Options) ([]*article.Article, []error) {
	t.Helper()
	var arts []*article.Article
	var errs []error
	for a, err := range Read(t.Context(), paths, o) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		arts = append(arts, a)
	}
	return arts, errs
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadJSONLCorpus(t *testing.T) {
	dir := sharedDir(t, "corpora", "jsonl")
	want := map[string]int{"reuters.jsonl": 17999, "bbc.jsonl": 1824, "crypto.jsonl": 7524, "agnews.jsonl": 7600}
	for file, n := range want {
		arts, errs := collect(t, []string{filepath.Join(dir, file)}, Options{})
		if len(errs) > 0 {
			t.Errorf("%s: %d errors, first: %v", file, len(errs), errs[0])
		}
		if len(arts) != n {
			t.Errorf("%s: %d articles, want %d", file, len(arts), n)
		}
		ids := map[string]bool{}
		for _, a := range arts {
			if ids[a.ID] {
				t.Fatalf("%s: duplicate id %s", file, a.ID)
			}
			ids[a.ID] = true
			if !utf8.ValidString(a.Body) || a.Source == "" {
				t.Fatalf("%s: bad article %s", file, a.ID)
			}
		}
	}
}

func TestReadJSONLBadLines(t *testing.T) {
	content := strings.Join([]string{
		`{"id":"a1","title":"Good one","body":"Text one.","source":"S","published":"2025-01-02T03:04:05Z","tags":["x","X"," y "]}`,
		`{"id":"a2","title":"Truncated","body":"Text`,
		``,
		`{"id":"a3","title":"","body":"","source":"S"}`,
		"{\"id\":\"a4\",\"title\":\"Bad UTF-8 \xff\",\"body\":\"Body \xc3 here.\",\"published\":\"not a date\"}",
		`{"id":"a5","title":"Tags wrong","tags":"notalist"}`,
		`[1,2,3]`,
		`{"id":"a6","title":"Last good","body":"<p>Html <b>body</b></p><p>two</p>","url":"https://www.example.com/x?utm_source=rss"}`,
	}, "\n")
	p := writeFile(t, "in.jsonl", content)
	arts, errs := collect(t, []string{p}, Options{})
	if len(arts) != 4 {
		t.Fatalf("got %d articles, want 4 (a1, a4, a5, a6); errors %v", len(arts), errs)
	}
	wantErrs := []string{"in.jsonl:2: truncated JSON", "in.jsonl:4: empty title and body", "in.jsonl:7: a list, not a JSON object"}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors = %v, want %d", errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		if !strings.Contains(errs[i].Error(), w) {
			t.Errorf("error %d = %q, want it to contain %q", i, errs[i], w)
		}
	}
	a1, a4, a5, a6 := arts[0], arts[1], arts[2], arts[3]
	if w := a4.WarningLines(); len(w) != 1 || !strings.HasSuffix(w[0], `in.jsonl:5: "not a date"`) || !strings.HasPrefix(w[0], "date not understood: ") {
		t.Errorf("a4 warnings = %q, want the date not understood with its line", w)
	}
	if len(a5.Tags) != 1 || a5.Tags[0] != "notalist" {
		t.Errorf("a5 tags = %q: a string of tags is a tag list", a5.Tags)
	}
	if !a1.Published.Equal(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)) || len(a1.Tags) != 2 {
		t.Errorf("a1 = %+v", a1)
	}
	if a4.Title != "Bad UTF-8 \uFFFD" || a4.Body != "Body \uFFFD here." || !a4.Published.IsZero() {
		t.Errorf("a4 = %+v", a4)
	}
	if a6.Body != "Html body\n\ntwo" || a6.SourceDomain != "example.com" || a6.ID != "a6" {
		t.Errorf("a6 = %+v", a6)
	}
}

// TestReadJSONLWrongTypes checks that a field of the wrong JSON type costs
// neither the article nor its other fields: it is coerced where the meaning
// is clear, else dropped with a warning naming the line and the field.
func TestReadJSONLWrongTypes(t *testing.T) {
	tests := []struct {
		name, line string
		check      func(*article.Article) string
		warning    string // "" = none
	}{
		{"tags as a comma string", `{"id":"x","title":"T","body":"B","tags":"Energy, oil ,"}`,
			func(a *article.Article) string { return strings.Join(a.Tags, "|") }, ""},
		{"tags with non-strings", `{"id":"x","title":"T","body":"B","tags":["a",{"k":1},2,null]}`,
			func(a *article.Article) string { return strings.Join(a.Tags, "|") }, `field dropped: t.jsonl:1: "tags": expected a list of strings, got 1 entries that are not strings (dropped)`},
		{"date as epoch seconds", `{"id":"x","title":"T","body":"B","published":1764460800}`,
			func(a *article.Article) string { return a.Published.Format(time.RFC3339) }, ""},
		{"date as epoch milliseconds", `{"id":"x","title":"T","body":"B","published":1764460800000}`,
			func(a *article.Article) string { return a.Published.Format(time.RFC3339) }, ""},
		{"date as an object", `{"id":"x","title":"T","body":"B","published":{"d":1}}`,
			func(a *article.Article) string { return a.Title + "/" + a.Body }, `field dropped: t.jsonl:1: "published": expected a string, got an object`},
		{"author as an object", `{"id":"x","title":"T","body":"B","author":{"name":"Ann Lee","url":"u"}}`,
			func(a *article.Article) string { return a.Author }, ""},
		{"author as a list", `{"id":"x","title":"T","body":"B","author":[{"name":"Ann Lee"},"Bo Ek"]}`,
			func(a *article.Article) string { return a.Author }, ""},
		{"number as id", `{"id":42,"title":"T","body":"B"}`,
			func(a *article.Article) string { return a.ID }, ""},
		{"boolean title", `{"id":"x","title":true,"body":"Body kept"}`,
			func(a *article.Article) string { return a.Body }, `field dropped: t.jsonl:1: "title": expected a string, got a boolean`},
		{"month-first date", `{"id":"x","title":"T","body":"B","published":"11/30/2026"}`,
			func(a *article.Article) string { return a.Published.Format(time.RFC3339) }, ""},
		{"date not understood", `{"id":"x","title":"T","body":"B","published":"last tuesday"}`,
			func(a *article.Article) string { return a.Title }, `date not understood: t.jsonl:1: "last tuesday"`},
		// A number is text, but a body that is only a number is cleaned
		// away as a page number or ticker: said, not silent.
		{"number as body", `{"id":"x","title":"Numbers","body":12345}`,
			func(a *article.Article) string { return a.Title + "/" + a.Body }, `field dropped: t.jsonl:1: "body": nothing left after cleaning (it was "12345")`},
		// A URL must link somewhere: a number, a path or a script is
		// dropped (and the id derived without it); a missing scheme is
		// added.
		{"number as url", `{"title":"T","body":"B","url":12345}`,
			func(a *article.Article) string { return a.URL }, `field dropped: t.jsonl:1: "url": not an absolute http(s) URL (it was "12345")`},
		{"relative url", `{"id":"x","title":"T","body":"B","url":"/news/1"}`,
			func(a *article.Article) string { return a.URL }, `field dropped: t.jsonl:1: "url": not an absolute http(s) URL (it was "/news/1")`},
		{"script as canonical url", `{"id":"x","title":"T","body":"B","canonical_url":"javascript:alert(1)"}`,
			func(a *article.Article) string { return a.CanonicalURL }, `field dropped: t.jsonl:1: "canonical_url": not an absolute http(s) URL (it was "javascript:alert(1)")`},
		{"url without its scheme", `{"id":"x","title":"T","body":"B","url":"www.example.com/a?b=1"}`,
			func(a *article.Article) string { return a.URL + " " + a.SourceDomain }, ""},
	}
	want := []string{"energy|oil", "a|2", "2025-11-30T00:00:00Z", "2025-11-30T00:00:00Z", "T/B", "Ann Lee", "Ann Lee, Bo Ek", "42", "Body kept", "2026-11-30T00:00:00Z", "T", "Numbers/",
		"", "", "", "https://www.example.com/a?b=1 example.com"}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "t.jsonl", tt.line+"\n")
			arts, errs := collect(t, []string{p}, Options{})
			if len(arts) != 1 || len(errs) != 0 {
				t.Fatalf("articles %d, errors %v: the article must be kept", len(arts), errs)
			}
			if got := tt.check(arts[0]); got != want[i] {
				t.Errorf("got %q, want %q", got, want[i])
			}
			w := arts[0].WarningLines()
			switch {
			case tt.warning == "" && len(w) > 0:
				t.Errorf("warnings %q, want none", w)
			case tt.warning != "" && (len(w) != 1 || !strings.HasPrefix(w[0], strings.SplitN(tt.warning, ":", 2)[0]) || !strings.HasSuffix(w[0], strings.SplitN(tt.warning, "t.jsonl:1", 2)[1])):
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
		})
	}
}

func TestReadJSONLOversizedBody(t *testing.T) {
	big := strings.Repeat("word ", 300)
	content := `{"id":"big","title":"Big","body":"` + big + `"}` + "\n" + `{"id":"small","title":"Small","body":"ok"}` + "\n"
	p := writeFile(t, "big.jsonl", content)
	arts, errs := collect(t, []string{p}, Options{MaxBodyBytes: 1000})
	if len(arts) != 1 || arts[0].ID != "small" {
		t.Fatalf("articles = %v", arts)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "big.jsonl:1:") || !strings.Contains(errs[0].Error(), "limit") {
		t.Fatalf("errors = %v", errs)
	}
	// A line far over the limit is skipped without being held in memory.
	huge := `{"id":"huge","title":"H","body":"` + strings.Repeat("x", 10000) + `"}` + "\n" + `{"id":"after","title":"A","body":"b"}`
	p = writeFile(t, "huge.jsonl", huge)
	arts, errs = collect(t, []string{p}, Options{MaxBodyBytes: 1000})
	if len(arts) != 1 || arts[0].ID != "after" || len(errs) != 1 {
		t.Fatalf("articles %v errors %v", arts, errs)
	}
}

func TestReadJSONLGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`{"id":"g1","title":"Zipped","body":"x"}` + "\n" + `{"id":"g2","title":"Zipped 2","body":"y"}` + "\n"))
	zw.Close()
	p := writeFile(t, "a.jsonl.gz", buf.String())
	arts, errs := collect(t, []string{p}, Options{})
	if len(arts) != 2 || len(errs) != 0 {
		t.Fatalf("articles %d errors %v", len(arts), errs)
	}
	p = writeFile(t, "broken.jsonl.gz", "not gzip")
	_, errs = collect(t, []string{p}, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "broken.jsonl.gz: gzip") {
		t.Fatalf("errors %v", errs)
	}
}

func TestDerivedIDsAreStable(t *testing.T) {
	a := &article.Article{Title: "T", Body: "B", URL: "https://www.example.com/a?utm_medium=x"}
	b := &article.Article{Title: "T2", Body: "B2", URL: "http://example.com/a/"}
	c := &article.Article{Title: "T", Body: "B", Source: "S", Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	d := &article.Article{Title: "T", Body: "B", Source: "S", Published: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}
	repost := &article.Article{Title: "T", Body: "B", Source: "Agg", CanonicalURL: "https://example.com/a"}
	for _, x := range []*article.Article{a, b, c, d, repost} {
		if err := (Options{}).finish(x, article.Origin{File: "test.jsonl", Line: 1}, false); err != nil {
			t.Fatal(err)
		}
	}
	if a.ID != b.ID {
		t.Errorf("same page, different ids: %s %s", a.ID, b.ID)
	}
	if c.ID == d.ID || c.ID == a.ID {
		t.Errorf("different articles share an id")
	}
	if repost.ID == a.ID {
		t.Errorf("a repost crediting the original must not take its id")
	}
}

func TestSniffAndWalk(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl":            `{"id":"j1","title":"J","body":"b"}`,
		"noext":              `{"id":"j2","title":"J2","body":"b"}` + "\n",
		"page.txt":           "Headline Here\n\nStory body sentence.",
		"README.md":          "# not an article",
		".hidden/x.jsonl":    `{"id":"hidden","title":"H","body":"b"}`,
		"sub/feed.xml":       `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Feed item</title><description>d</description></item></channel></rss>`,
		"sub/page.html":      `<!DOCTYPE html><html><head><title>Page</title></head><body><article><p>Html body text that is long enough to be an article body.</p></article></body></html>`,
		"sub/lines.json":     `{"id":"j3","title":"J3","body":"b"}` + "\n" + `{"id":"j4","title":"J4","body":"b"}` + "\n",
		"sub/empty.jsonl.gz": "",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	listed, err := ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range listed {
		rel, _ := filepath.Rel(dir, f)
		names = append(names, rel)
	}
	if got, want := strings.Join(names, ","), "a.jsonl,page.txt,sub/empty.jsonl.gz,sub/feed.xml,sub/lines.json,sub/page.html"; got != want {
		t.Errorf("ListFiles = %s, want %s", got, want)
	}
	// An explicitly named file of unknown type is sniffed.
	arts, errs := collect(t, []string{filepath.Join(dir, "noext")}, Options{})
	if len(arts) != 1 || arts[0].ID != "j2" || len(errs) != 0 {
		t.Errorf("noext: %v %v", arts, errs)
	}
	for _, tt := range []struct {
		ext, head string
		want      Format
	}{
		{".json", `{"version":"https://jsonfeed.org/version/1.1","items":[]}`, FormatFeed},
		{".json", "{\n  \"version\": \"x\"", FormatFeed},
		{".json", `{"id":"1"}` + "\n" + `{"id":"2"}`, FormatJSONL},
		{"", "  \n<?xml version='1.0'?><feed>", FormatFeed},
		{"", "<!DOCTYPE html><html>", FormatHTML},
		{".xml", "<!DOCTYPE html><html>", FormatHTML},
		{"", "Just text", FormatTextPage},
		{".txt", "<rss version='2.0'>", FormatFeed},
	} {
		if got := sniff(tt.ext, []byte(tt.head)); got != tt.want {
			t.Errorf("sniff(%q, %q) = %s, want %s", tt.ext, tt.head, got, tt.want)
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","title":"t","body":"b","published":"2025-01-01T00:00:00Z","tags":["x"]}`))
	f.Add([]byte("{\"id\":\"a\"\n{}\n\xff\n"))
	f.Add([]byte(`{"title":"<p>x</p>","body":"<p>y</p>","url":"http://a/b"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		err := readJSONL(bytes.NewReader(data), "fuzz.jsonl", Options{MaxBodyBytes: 4096}, func(a *article.Article, err error) bool {
			n++
			if a == nil && err == nil {
				t.Fatal("emitted neither article nor error")
			}
			if a != nil && (a.ID == "" || !utf8.ValidString(a.Title+a.Body) || len(a.Body) > 4096) {
				t.Fatalf("bad article %+v", a)
			}
			return true
		})
		if err != nil {
			t.Fatalf("reader failed: %v", err)
		}
		if lines := bytes.Count(data, []byte("\n")) + 1; n > lines {
			t.Fatalf("%d results from %d lines", n, lines)
		}
	})
}
