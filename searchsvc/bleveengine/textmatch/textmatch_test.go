package textmatch

import (
	"html"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/lang"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// analyzer returns the English analyzer the index analyzes title and body
// with (indexer's mapping names it; the registry builds it).
func analyzer(t *testing.T) analysis.Analyzer {
	t.Helper()
	an := indexer.NewMapping().AnalyzerNamed(indexer.AnalyzerName)
	if an == nil {
		t.Fatal("no English analyzer")
	}
	return an
}

// phraseOf analyzes text as the engine analyzes a quoted phrase.
func phraseOf(an analysis.Analyzer, text string) Phrase {
	var toks []Tok
	ts := an.Analyze([]byte(text))
	for _, tk := range ts {
		toks = append(toks, Tok{Stem: string(tk.Term), Rel: tk.Position - ts[0].Position})
	}
	return NewPhrase(toks)
}

// sharedFiles lists the shared JSON Lines corpora in dir.
func sharedFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no JSONL files in %s (%v)", dir, err)
	}
	return files
}

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
	an := analyzer(t)
	stems := map[string]bool{"crude": true, "oil": true}
	short := "Crude oil rose."
	if got := Snippet(an, short, stems, SnippetLen); got != "<mark>Crude oil</mark> rose." {
		t.Errorf("short snippet = %q", got)
	}
	long := strings.Repeat("Nothing here at all. ", 30) + "Then crude oil appeared, and later only oil. " + strings.Repeat("More filler text. ", 30)
	got := Snippet(an, long, stems, SnippetLen)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<mark>crude oil</mark>") ||
		len(searchtest.StripMarks(got)) > SnippetLen+2*len("…") {
		t.Errorf("long snippet = %q", got)
	}
	// No match in the body: its beginning, cut at a word.
	got = Snippet(an, long, map[string]bool{"zzz": true}, SnippetLen)
	if !strings.HasPrefix(got, "Nothing here") || !strings.HasSuffix(got, "…") || strings.Contains(got, "<mark>") {
		t.Errorf("no-match snippet = %q", got)
	}
	if got := Snippet(an, "", stems, SnippetLen); got != "" {
		t.Errorf("empty body snippet = %q", got)
	}
	// Multi-byte text is never cut inside a character.
	utf := strings.Repeat("Ünïcödé ßtraße ", 40) + "crude oil"
	if got := Snippet(an, utf, stems, SnippetLen); !strings.Contains(got, "<mark>crude oil</mark>") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("utf-8 snippet = %q", got)
	}
}

// TestBodyMatchesEqualsFullAnalysis checks the needle-and-window shortcut
// against analyzing the whole text, on real articles.
func TestBodyMatchesEqualsFullAnalysis(t *testing.T) {
	an := analyzer(t)
	texts := []string{strings.Repeat("Oil's price, oils and OIL-prices; turmoil. Governments govern—government. ", 40)}
	if dir := sharedDirOrEmpty(t); dir != "" {
		files := sharedFiles(t, dir)
		for i, a := range searchtest.ReadJSONL(t, files) {
			if i%40 == 0 && len(a.Body) > 2*FullWindow {
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
			full, fast := matches(an, text, stems), bodyMatches(an, text, stems)
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
	an := analyzer(t)
	texts := []string{"Crude - oil; crude, oil. The federal   reserve\n\nbank", strings.Repeat("x ", 200) + "Chief Executive's office"}
	if dir := sharedDirOrEmpty(t); dir != "" {
		files := sharedFiles(t, dir)
		for i, a := range searchtest.ReadJSONL(t, files) {
			if i%7 == 0 {
				texts = append(texts, a.Title, a.Body)
			}
		}
	}
	var phrases []Phrase
	for _, p := range []string{"crude oil", "federal reserve", "chief executive", "interest rates", "world cup",
		"european union", "hedge fund", "smart contracts", "tender offer", "bank of england", "oil price"} {
		phrases = append(phrases, phraseOf(an, p))
	}
	found := 0
	quick := NewQuickStems(an)
	if quick == nil {
		t.Fatal("no quick analysis for the index's analyzer")
	}
	for _, text := range texts {
		full := analyzeText(an, text)
		for i := range phrases {
			ph := &phrases[i]
			want := full.hasPhrase(ph.Toks)
			for _, q := range []*QuickStems{nil, quick} {
				f := &Field{Text: text}
				if got := f.HasPhrase(an, q, ph); got != want {
					t.Errorf("phrase %v (quick %v): windows say %v, the whole text %v\n%.400q", ph.Toks, q != nil, got, want, text)
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
		if got := IndexFold(tc.s, tc.needle, tc.from); got != tc.want {
			t.Errorf("IndexFold(%q, %q, %d) = %d, want %d", tc.s, tc.needle, tc.from, got, tc.want)
		}
	}
}

// TestQuickStemsEqualAnalyzer checks the quick analysis of phrase
// verification against the index's analyzer: on every text it must find
// the analyzer's tokens, at the same positions and with the same stems. The texts are tricky hand-written ones, random
// strings over an alphabet of the characters the rules single out, and
// every title and body of the shared corpora.
func TestQuickStemsEqualAnalyzer(t *testing.T) {
	an := analyzer(t)
	q := NewQuickStems(an)
	if q == nil {
		t.Fatal("no quick analysis for the index's analyzer")
	}
	tokenizer := an.(*analysis.DefaultAnalyzer).Tokenizer
	texts := []string{
		"", " ", "Chief Executive's office", "U.S. oil: crude.Oil 1,000 barrels; 3.5% a:b a'b a’b a‘b 'a' ’a’",
		"x_y _ a_ _1 1_", "1,2 1;2 1.2 1:2 1'2 a,b a;b a.1 1.a a1b2 12ab", "end. Next", "end.Next", "a..b a.'b a'.b",
		"“Quoted” — dash – en … £5 €3 a\u00a0b", "café naïve", "a\u0301b", "soft\u00adhyphen", "tab\tnew\nline\r\n",
		"THE Federal RESERVE's", "it's", "'s s' S'S", "a.", "a'", "1.", "a’", "’",
	}
	alphabet := []string{"a", "B", "z", "s", "S", "1", "9", " ", ".", ",", ";", ":", "'", "_", "-", "\"", "’", "‘",
		"“", "”", "—", "–", "―", "£", "€", "…", "\u00a0", "é", "\u0301", "\u00ad", "\n", "\t", "the", "oil", "Crude"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	nHand := len(texts)
	if dir := sharedDirOrEmpty(t); dir != "" && !testing.Short() {
		files := sharedFiles(t, dir)
		for _, a := range searchtest.ReadJSONL(t, files) {
			texts = append(texts, a.Title, a.Body)
		}
	}
	quick, quickCorpus := 0, 0
	for ti, text := range texts {
		spans := q.tokens(text, nil)
		quick++
		if ti >= nHand {
			quickCorpus++
		}
		toks := tokenizer.Tokenize([]byte(text))
		if len(toks) != len(spans) {
			t.Errorf("%q: %d quick tokens, the tokenizer %d", clipTest(text), len(spans), len(toks))
			continue
		}
		full := analyzeText(an, text)
		for i, sp := range spans {
			if tk := toks[i]; tk.Start != sp.start || tk.End != sp.end || tk.Position != i+1 {
				t.Errorf("%q: quick token %d is %q, the tokenizer's %q", clipTest(text), i, text[sp.start:sp.end], tk.Term)
				break
			}
			want := ""
			if i+1 < len(full.stems) {
				want = full.stems[i+1]
			}
			if got, ok := q.stem(text, sp); !ok || got != want {
				t.Errorf("%q: stem of %q is %q (%v), the analyzer's %q", clipTest(text), text[sp.start:sp.end], got, ok, want)
			}
		}
	}
	t.Logf("quick analysis took %d of %d texts (%d of %d corpus texts)", quick, len(texts), quickCorpus, len(texts)-nHand)
	if n := len(texts) - nHand; n > 0 && quickCorpus < n*9/10 {
		t.Errorf("quick analysis took only %d of %d corpus texts", quickCorpus, n)
	}
}

func clipTest(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// TestIndexFoldRandom checks IndexFold against lower-casing the text and
// searching it, on random texts, needles and starting points.
func TestIndexFoldRandom(t *testing.T) {
	lowerASCII := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const letters = "eExXzZa é"
	for range 200000 {
		var sb, nb strings.Builder
		for range rng.IntN(20) {
			sb.WriteByte(letters[rng.IntN(len(letters))])
		}
		for range 1 + rng.IntN(4) {
			nb.WriteByte("exza"[rng.IntN(4)])
		}
		s, needle := sb.String(), nb.String()
		from := rng.IntN(len(s) + 2)
		want := -1
		if from <= len(s) {
			if i := strings.Index(lowerASCII(s[from:]), needle); i >= 0 {
				want = from + i
			}
		}
		if got := IndexFold(s, needle, from); got != want {
			t.Fatalf("IndexFold(%q, %q, %d) = %d, want %d", s, needle, from, got, want)
		}
	}
}

// FuzzSnippet checks that whatever the text and query, a snippet and a
// highlighted title are escaped HTML whose only markup is <mark>, that
// they never cut a character of valid UTF-8 text, and that the snippet
// stays near its target length.
func FuzzSnippet(f *testing.F) {
	for _, s := range []string{"Crude oil rose.", "<script>alert(1)</script> oil", "a</mark>b oil&amp;", "Ünïcödé oil ßtraße",
		strings.Repeat("filler words here ", 40) + "crude oil", "\xff\xfe oil"} {
		f.Add(s, "oil")
	}
	an := indexer.NewMapping().AnalyzerNamed(indexer.AnalyzerName)
	f.Fuzz(func(t *testing.T, text, words string) {
		stems := map[string]bool{}
		for i, tk := range an.Analyze([]byte(words)) {
			stems[string(tk.Term)] = true
			if i == 0 { // a quoted word too, matched as written
				stems[ExactPrefix+strings.ToLower(words[tk.Start:tk.End])] = true
			}
		}
		for name, out := range map[string]string{"snippet": Snippet(an, text, stems, SnippetLen), "title": HighlightAll(an, text, stems)} {
			plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
			if strings.ContainsAny(plain, "<>\"") {
				t.Fatalf("%s of %q is not escaped: %q", name, text, out)
			}
			if utf8.ValidString(text) && !utf8.ValidString(out) {
				t.Fatalf("%s of %q cuts a character: %q", name, text, out)
			}
		}
		// Each invalid byte is shown as U+FFFD (3 bytes): compare with the
		// text as shown (found by the fuzzer: a 121-byte text of invalid
		// bytes gave a 233-byte snippet).
		shown := strings.Map(func(r rune) rune { return r }, text)
		if n := len(html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(Snippet(an, text, stems, SnippetLen)))); n > SnippetLen+32 && n > len(shown) {
			t.Fatalf("snippet of %d bytes from a %d-byte text", n, len(text))
		}
	})
}

func TestHasWords(t *testing.T) {
	for _, tc := range []struct {
		text  string
		words []string
		want  bool
	}{
		{"Oil prices are Rising fast", []string{"rising"}, true},
		{"Oil prices rise", []string{"rising"}, false},
		{"uprising in the north", []string{"rising"}, false},
		{"risings", []string{"rising"}, false},
		{"crude-oil output", []string{"crude", "oil"}, true},
		{"crude, oil", []string{"crude", "oil"}, true},
		{"crudeoil", []string{"crude", "oil"}, false},
		{"crude palm oil", []string{"crude", "oil"}, false},
		{"rising rising prices", []string{"rising", "prices"}, true},
		{"São Paulo", []string{"são", "paulo"}, true},
		{"", []string{"x"}, false},
		{"x", nil, false},
	} {
		f := Field{Text: tc.text}
		if got := f.HasWords(tc.words); got != tc.want {
			t.Errorf("HasWords(%q, %q) = %v", tc.text, tc.words, got)
		}
	}
}

// FuzzStemNeedle checks what needleSafe assumes of the English analyzer:
// every word contains (lower-cased) the needle of its stem, so a text
// without the needle cannot hold the word. Porter2 has whole-word
// exceptions ("dying" is "die"); their stems are too short for a needle.
func FuzzStemNeedle(f *testing.F) {
	for _, w := range []string{"dying", "skies", "gently", "generously", "quarterly", "news", "cries", "happy",
		"Federal Reserve's", "yesterday's", "YELLOWY", "enjoying", "ugly", "atlases", "succeeded", "proceedings"} {
		f.Add(w)
	}
	an := indexer.NewMapping().AnalyzerNamed(indexer.AnalyzerName)
	if !needleSafe(an) {
		f.Fatal("the English analyzer is not needle-safe: phrase checks would analyze whole texts")
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, tok := range an.Analyze([]byte(text)) {
			n := stemNeedle(string(tok.Term))
			if n == "" {
				continue
			}
			word := strings.ToLower(text[tok.Start:tok.End])
			if !strings.Contains(word, n) && !lang.HasFoldable(word) { // folded words are analyzed whole
				t.Fatalf("%q stems to %q, whose needle %q it does not contain", text[tok.Start:tok.End], tok.Term, n)
			}
		}
	})
}

// TestStemNeedleSharedWords runs FuzzStemNeedle's check on every word of
// the shared corpora.
func TestStemNeedleSharedWords(t *testing.T) {
	an := analyzer(t)
	dir := searchtest.SharedDir(t, "corpora", "jsonl")
	seen := map[string]bool{}
	for _, a := range searchtest.ReadJSONL(t, sharedFiles(t, dir)) {
		text := a.Title + " " + a.Body
		for _, tok := range an.Analyze([]byte(text)) {
			w := text[tok.Start:tok.End]
			if seen[w] {
				continue
			}
			seen[w] = true
			if n := stemNeedle(string(tok.Term)); n != "" && !strings.Contains(strings.ToLower(w), n) && !lang.HasFoldable(w) {
				t.Errorf("%q stems to %q, whose needle %q it does not contain", w, tok.Term, n)
			}
		}
	}
	if len(seen) < 10000 {
		t.Fatalf("only %d distinct words read", len(seen))
	}
}

// TestFoldedWordsInLongTexts: in a text longer than the windows, a word
// written with accents is found by its folded stem, as a phrase and as a
// highlight, at the accented word's offsets.
func TestFoldedWordsInLongTexts(t *testing.T) {
	an := analyzer(t)
	filler := strings.Repeat("The harbour reopened after the storm and the boats went out again. ", 8)
	text := filler + "Workers at the Gdańsk shipyard walked out over pay. " + filler
	if len(text) <= FullWindow*2 {
		t.Fatal("text too short to exercise the windows")
	}
	ph := phraseOf(an, "gdansk shipyard")
	if f := (&Field{Text: text}); !f.HasPhrase(an, NewQuickStems(an), &ph) {
		t.Error(`"gdansk shipyard" not found in a text saying "Gdańsk shipyard"`)
	}
	spans := bodyMatches(an, text, map[string]bool{"gdansk": true})
	if len(spans) != 1 || text[spans[0].start:spans[0].end] != "Gdańsk" {
		t.Errorf("highlights %v, want the one word Gdańsk", spans)
	}
}
