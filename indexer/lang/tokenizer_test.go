package lang

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/syndex/syndex/indexer/sharedtest"
)

// tokens renders a token stream for comparison.
func tokens(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprintf("%q %d-%d #%d %d", t.Term, t.Start, t.End, t.Position, t.Type)
	}
	return out
}

// sameTokens fails t when the word tokenizer and Bleve's unicode tokenizer
// disagree on text.
func sameTokens(t *testing.T, name string, text []byte) bool {
	t.Helper()
	want := tokens(unicode.NewUnicodeTokenizer().Tokenize(text))
	got := tokens(NewWordTokenizer().Tokenize(text))
	if slices.Equal(got, want) {
		return true
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("%s: token %d is %s, the unicode tokenizer's %s (of %d and %d)\ntext: %.200q", name, i, got[i], want[i], len(got), len(want), text)
			return false
		}
	}
	t.Errorf("%s: %d tokens, the unicode tokenizer's %d\ntext: %.200q", name, len(got), len(want), text)
	return false
}

func TestTokenizerCases(t *testing.T) {
	for _, s := range []string{
		"don't", "a:b", "1:2", "3.14", "1,000", "1;2", "1'2", "x;y", "a,b", "a_b", "_", "__", "_1", "1_", "_a", "1_a",
		"abc123", "123abc", "e.g.", "U.S.", "a'", "'a", "1.a", "a.1", "a''b", "a..b", "1,,2", "a-b", "5%", "$5",
		"a1.b", "1a.2", "a.b.c", "1.2.3", "x  y", "a\tb\r\nc", "", " ", "...", "a", "The U.S. economy grew 3.5% in Q1, don't panic.",
		"naïve café", "l’homme", "don’t stop", "北京 news 2026", "a\u00adb", "x\u200dy", " \u0301a", "😀 ok", "Ünïcode-and-ASCII mixed: 1,000 €",
	} {
		sameTokens(t, "case", []byte(s))
	}
}

// TestTokenizerMatchesUnicode compares the two tokenizers on the text of
// every shared corpus: JSON Lines titles and bodies, BBC and other text
// files, feeds as raw bytes (markup included).
func TestTokenizerMatchesUnicode(t *testing.T) {
	root := sharedtest.Dir(t, "corpora")
	files, docs := 0, 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || t.Failed() {
			return err
		}
		files++
		if strings.HasSuffix(path, ".jsonl") {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<26)
			for n := 1; sc.Scan(); n++ {
				var a struct{ Title, Body string }
				if json.Unmarshal(sc.Bytes(), &a) != nil {
					continue
				}
				docs++
				if !sameTokens(t, fmt.Sprintf("%s:%d", path, n), []byte(a.Title+"\n"+a.Body)) {
					return nil
				}
			}
			return sc.Err()
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) > 16<<20 {
			return err
		}
		docs++
		sameTokens(t, path, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs < 30000 {
		t.Errorf("compared only %d texts in %d files", docs, files)
	}
	t.Logf("%d texts in %d files tokenized alike", docs, files)
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{"don't 3.14 a:b 1,000 _x", "naïve l’homme 北京", "a\u200db \u0301x", "1.a.2", "\xff\xfe a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		sameTokens(t, "fuzz", text)
	})
}
