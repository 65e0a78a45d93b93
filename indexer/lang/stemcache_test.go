package lang

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// stemBoth stems word with the cached and the plain stemmer.
func stemBoth(c *CachedStemmer, word string) (cached, plain string) {
	a := analysis.TokenStream{{Term: []byte(word)}}
	b := analysis.TokenStream{{Term: []byte(word)}}
	c.Filter(a)
	en.NewEnglishStemmerFilter().Filter(b)
	return string(a[0].Term), string(b[0].Term)
}

// TestCachedStemmerEqualsStemmer stems every word of the shared corpora
// twice through the cache (stored, then read) from four goroutines at once
// and compares with Porter2 itself; run with -race it also checks the locks.
func TestCachedStemmerEqualsStemmer(t *testing.T) {
	words := map[string]bool{"": true, "dying": true, "skies": true, "quarterly": true, "a": true}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpora", "jsonl", "*.jsonl"))
	if len(files) == 0 {
		t.Fatal("no shared corpora in ../shared/corpora/jsonl")
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 64<<20)
		for n := 0; sc.Scan() && n < 5000; n++ {
			var a struct{ Title, Body string }
			if json.Unmarshal(sc.Bytes(), &a) == nil {
				for _, w := range strings.Fields(strings.ToLower(a.Title + " " + a.Body)) {
					words[strings.Trim(w, `.,;:!?"'()`)] = true
				}
			}
		}
		fh.Close()
	}
	c := NewCachedStemmer(en.NewEnglishStemmerFilter())
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 {
				for w := range words {
					if got, want := stemBoth(c, w); got != want {
						select {
						case errs <- w + ": cached " + got + ", Porter2 " + want:
						default:
						}
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if len(words) < 20000 {
		t.Fatalf("only %d words", len(words))
	}
	if c.size == 0 || c.size > stemCacheLimit {
		t.Errorf("cache holds %d words (limit %d)", c.size, stemCacheLimit)
	}
}

// TestCachedStemmerBounded: past the limit words are stemmed, not kept.
func TestCachedStemmerBounded(t *testing.T) {
	c := NewCachedStemmer(en.NewEnglishStemmerFilter())
	c.size = stemCacheLimit
	if got, want := stemBoth(c, "running"); got != want || got != "run" {
		t.Fatalf("stem %q, want %q", got, want)
	}
	for i := range c.shards {
		if len(c.shards[i].m) > 0 {
			t.Fatal("a full cache remembered a word")
		}
	}
}

// TestCachedStemAppendDoesNotCorrupt: a later append to a token's term
// must not write into the cached stem.
func TestCachedStemAppendDoesNotCorrupt(t *testing.T) {
	c := NewCachedStemmer(en.NewEnglishStemmerFilter())
	stemBoth(c, "markets")
	ts := analysis.TokenStream{{Term: []byte("markets")}}
	c.Filter(ts)
	_ = append(ts[0].Term, 'X')
	if got, _ := stemBoth(c, "markets"); got != "market" {
		t.Fatalf("cached stem became %q", got)
	}
}
