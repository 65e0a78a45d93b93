package bleveengine

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc/query"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

func TestRender(t *testing.T) {
	text := `a <b> "c" & d`
	spans := []span{{start: 3, end: 4, stem: "b"}, {start: 7, end: 8, stem: "c"}}
	if got, want := render(text, 0, len(text), spans, false), `a &lt;<mark>b</mark>&gt; &#34;<mark>c</mark>&#34; &amp; d`; got != want {
		t.Errorf("render = %q, want %q", got, want)
	}
	text = "federal  reserve\nbank"
	spans = []span{{0, 7, "feder"}, {9, 16, "reserv"}, {17, 21, "bank"}}
	if got, want := render(text, 0, len(text), spans, true), "<mark>federal reserve bank</mark>"; got != want {
		t.Errorf("merged render = %q, want %q", got, want)
	}
}

func TestSnippetWindows(t *testing.T) {
	eng := fixtureEngine(t)
	stems := map[string]bool{"crude": true, "oil": true}
	short := "Crude oil rose."
	if got := eng.snippet(short, stems, snippetLen); got != "<mark>Crude oil</mark> rose." {
		t.Errorf("short snippet = %q", got)
	}
	long := strings.Repeat("Nothing here at all. ", 30) + "Then crude oil appeared, and later only oil. " + strings.Repeat("More filler text. ", 30)
	got := eng.snippet(long, stems, snippetLen)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<mark>crude oil</mark>") ||
		len(searchtest.StripMarks(got)) > snippetLen+2*len("…") {
		t.Errorf("long snippet = %q", got)
	}
	// No match in the body: its beginning, cut at a word.
	got = eng.snippet(long, map[string]bool{"zzz": true}, snippetLen)
	if !strings.HasPrefix(got, "Nothing here") || !strings.HasSuffix(got, "…") || strings.Contains(got, "<mark>") {
		t.Errorf("no-match snippet = %q", got)
	}
	if got := eng.snippet("", stems, snippetLen); got != "" {
		t.Errorf("empty body snippet = %q", got)
	}
	// Multi-byte text is never cut inside a character.
	utf := strings.Repeat("Ünïcödé ßtraße ", 40) + "crude oil"
	if got := eng.snippet(utf, stems, snippetLen); !strings.Contains(got, "<mark>crude oil</mark>") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("utf-8 snippet = %q", got)
	}
}

// TestBodyMatchesEqualsFullAnalysis checks the needle-and-window shortcut
// against analyzing the whole text, on real articles.
func TestBodyMatchesEqualsFullAnalysis(t *testing.T) {
	eng := fixtureEngine(t)
	texts := []string{strings.Repeat("Oil's price, oils and OIL-prices; turmoil. Governments govern—government. ", 40)}
	if dir := sharedDirOrEmpty(t); dir != "" {
		_, files := searchtest.SharedIndex(t)
		for i, a := range searchtest.ReadJSONL(t, files) {
			if i%40 == 0 && len(a.Body) > 2*fullWindow {
				texts = append(texts, a.Body)
			}
		}
	}
	stemSets := []map[string]bool{
		{"oil": true, "price": true}, {"govern": true}, {"inflat": true, "rate": true}, {"bitcoin": true, "s": true},
		{"dy": true, "new": true}, {"compani": true, "economi": true}, {"u.": true},
	}
	checked := 0
	for _, text := range texts {
		for _, stems := range stemSets {
			full, fast := eng.matches(text, stems), eng.bodyMatches(text, stems)
			if !reflect.DeepEqual(full, fast) && !(len(full) == 0 && len(fast) == 0) {
				t.Fatalf("stems %v: windows give %d spans, the whole text %d\n%.300q", stems, len(fast), len(full), text)
			}
			checked++
		}
	}
	t.Logf("%d texts × stem sets agree", checked)
}

// sharedDirOrEmpty returns the shared corpora folder, or "" when absent
// (without skipping: the caller has other cases to check).
func sharedDirOrEmpty(t *testing.T) string {
	var dir string
	t.Run("shared", func(t *testing.T) { dir = searchtest.SharedDir(t, "corpora", "jsonl") })
	return dir
}

// TestPhraseWindowsEqualFullAnalysis checks the windowed phrase check
// against analyzing whole texts, on real articles.
func TestPhraseWindowsEqualFullAnalysis(t *testing.T) {
	eng := fixtureEngine(t)
	texts := []string{"Crude - oil; crude, oil. The federal   reserve\n\nbank", strings.Repeat("x ", 200) + "Chief Executive's office"}
	if dir := sharedDirOrEmpty(t); dir != "" {
		_, files := searchtest.SharedIndex(t)
		for i, a := range searchtest.ReadJSONL(t, files) {
			if i%7 == 0 {
				texts = append(texts, a.Title, a.Body)
			}
		}
	}
	var units []verifyUnit
	for _, p := range []string{"crude oil", "federal reserve", "chief executive", "interest rates", "world cup",
		"european union", "hedge fund", "smart contracts", "tender offer", "bank of england", "oil price"} {
		b := &built{stems: map[string]bool{}}
		_, vu := eng.unitQuery(query.Unit{Kind: query.KindPhrase, Text: p}, &columns{}, b, true)
		if eng.positions || vu.kind != query.KindPhrase {
			t.Fatalf("%q: not a verified phrase", p)
		}
		units = append(units, vu)
	}
	found := 0
	quick := newQuickStems(eng.an)
	if quick == nil {
		t.Fatal("no quick analysis for the index's analyzer")
	}
	for _, text := range texts {
		full := analyzeText(eng.an, text)
		for i := range units {
			u := &units[i]
			want := full.hasPhrase(u.phrase)
			for _, q := range []*quickStems{nil, quick} {
				f := &fieldText{text: text}
				if got := f.hasPhrase(eng.an, q, u); got != want {
					t.Errorf("phrase %v (quick %v): windows say %v, the whole text %v\n%.400q", u.phrase, q != nil, got, want, text)
				}
			}
			if want {
				found++
			}
		}
	}
	t.Logf("%d texts, %d phrase occurrences", len(texts), found)
}

func TestIndexFold(t *testing.T) {
	for _, tc := range []struct {
		s, needle  string
		from, want int
	}{
		{"Crude OIL crude", "oil", 0, 6}, {"Crude OIL crude", "crud", 1, 10}, {"abc", "abcd", 0, -1},
		{"xxÉxx oil", "oil", 0, 7}, {"", "a", 0, -1}, {"aAaA", "aa", 1, 1}, {"oil", "oil", 3, -1}, {"12-3", "-3", 0, 2},
	} {
		if got := indexFold(tc.s, tc.needle, tc.from); got != tc.want {
			t.Errorf("indexFold(%q, %q, %d) = %d, want %d", tc.s, tc.needle, tc.from, got, tc.want)
		}
	}
}

// TestStoredTextBySegment checks that reading stored fields by segment and
// document number finds the right documents in a many-segment index.
func TestStoredTextBySegment(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-segments-")
	arts := searchtest.FixtureArticles()
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", arts[:20])
	loc := filepath.Join(dir, "index")
	if _, err := indexer.Reindex(context.Background(), loc, []string{src}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Each batch written to an open index makes a segment; some replace
	// articles, leaving deleted documents in older segments.
	var more []*article.Article
	for a, err := range ingest.Read(context.Background(), []string{searchtest.WriteJSONL(t, dir, "b.jsonl", append(arts[15:], arts[:3]...))}, ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		more = append(more, a)
	}
	for i := 0; i < len(more); i += 9 {
		if _, err := ix.Writer().Add(context.Background(), more[i:min(i+9, len(more))]); err != nil {
			t.Fatal(err)
		}
	}
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Log: searchtest.QuietLog()})
	err = eng.withReader(ix, func(r index.IndexReader) error {
		c, err := eng.cols.get(r)
		if err != nil {
			return err
		}
		v := newVerifier(nil, r, eng.an, c)
		sc := v.newScratch()
		t.Logf("%d segments", len(v.segs))
		if len(v.segs) == 0 {
			t.Fatal("not a scorch snapshot")
		}
		for num, id := range c.ids {
			if id == "" {
				continue
			}
			title, body, ok := v.storedTextBySegment(sc, uint64(num))
			a, err := ix.Article(id)
			if !ok || err != nil || title != a.Title || body != a.Body {
				t.Errorf("doc %d (%s): ok=%v title %q, want %q (%v)", num, id, ok, title, a.Title, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Phrases across the segments.
	res := searchtest.DoSearch(t, svc, "q=%22crude+oil%22")
	if got := sortedIDs(res); !reflect.DeepEqual(got, []string{"phrase-long", "phrase-yes"}) {
		t.Errorf("phrase over segments: %v", got)
	}
}
