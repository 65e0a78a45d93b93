package searchsvc

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestQuickStemsEqualAnalyzer checks the quick analysis of phrase
// verification against the index's analyzer: wherever quickTokens accepts
// a text, it must find the analyzer's tokens, at the same positions and
// with the same stems. The texts are tricky hand-written ones, random
// strings over an alphabet of the characters the rules single out, and
// every title and body of the shared corpora.
func TestQuickStemsEqualAnalyzer(t *testing.T) {
	svc := fixtureService(t)
	q := newQuickStems(svc.an)
	if q == nil {
		t.Fatal("no quick analysis for the index's analyzer")
	}
	tokenizer := svc.an.(*analysis.DefaultAnalyzer).Tokenizer
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
		_, files := sharedIndex(t)
		for _, a := range readJSONL(t, files) {
			texts = append(texts, a.Title, a.Body)
		}
	}
	quick, quickCorpus := 0, 0
	for ti, text := range texts {
		spans, ok := quickTokens(text, nil)
		if !ok {
			continue
		}
		quick++
		if ti >= nHand {
			quickCorpus++
		}
		toks := tokenizer.Tokenize([]byte(text))
		if len(toks) != len(spans) {
			t.Errorf("%q: %d quick tokens, the tokenizer %d", clipTest(text), len(spans), len(toks))
			continue
		}
		full := analyzeText(svc.an, text)
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

// TestIndexFoldRandom checks indexFold against lower-casing the text and
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
		if got := indexFold(s, needle, from); got != want {
			t.Fatalf("indexFold(%q, %q, %d) = %d, want %d", s, needle, from, got, want)
		}
	}
}
