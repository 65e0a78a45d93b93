package terms

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/lang"
)

// Vocabulary holds the words of all titles as written (lower-cased), each
// with its stem and the number of titles using it. The term dictionary
// holds stems ("inflat"), which are no use to show a reader typing a word;
// these are. They are sorted by word with its accents folded, so that a
// prefix typed without them ("koronavi", "grev") completes the word with
// them ("koronavírus", "grève"), as search finds it; a prefix is answered
// with a binary search and a scan of the words sharing it.
type Vocabulary struct {
	words []Word
}

// Word is a title word of the vocabulary.
type Word struct {
	Word, Stem string
	// Count is how many titles use the word (in Complete's answers, how
	// many use any spelling with its stem).
	Count int
	// key is Word with its Latin accents folded: the sort and prefix key.
	key string
}

// foldKey is s with its Latin accents folded (s itself when it has none).
func foldKey(s string) string {
	if f, changed := lang.FoldLatin([]byte(s)); changed {
		return string(f)
	}
	return s
}

// VocabularyBuilder collects the title words of one index snapshot.
type VocabularyBuilder struct {
	an     analysis.Analyzer
	counts map[string]*Word
	seen   map[string]bool
}

// NewVocabularyBuilder returns a builder that stems words with an.
func NewVocabularyBuilder(an analysis.Analyzer) *VocabularyBuilder {
	return &VocabularyBuilder{an: an, counts: map[string]*Word{}, seen: map[string]bool{}}
}

// maxWordBytes is the longest word kept: the analyzer cuts terms to
// indexer.MaxTokenRunes but reports the whole word's offsets.
const maxWordBytes = 4 * indexer.MaxTokenRunes

// Add counts the words of one title, each once; words of one letter,
// words without letters and words over maxWordBytes are left out.
func (b *VocabularyBuilder) Add(title string) {
	clear(b.seen)
	for _, t := range b.an.Analyze([]byte(title)) {
		if t.Start < 0 || t.End > len(title) || t.Start >= t.End || t.End-t.Start > maxWordBytes {
			continue
		}
		w := strings.ToLower(title[t.Start:t.End])
		if len(w) < 2 || b.seen[w] || !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		b.seen[w] = true
		if e := b.counts[w]; e != nil {
			e.Count++
		} else {
			b.counts[w] = &Word{Word: w, Stem: string(t.Term), Count: 1, key: foldKey(w)}
		}
	}
}

// Vocabulary returns the words added so far.
func (b *VocabularyBuilder) Vocabulary() *Vocabulary {
	v := &Vocabulary{words: make([]Word, 0, len(b.counts))}
	for _, e := range b.counts {
		v.words = append(v.words, *e)
	}
	slices.SortFunc(v.words, func(a, b Word) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.Word, b.Word)) })
	return v
}

// Complete returns up to n words starting with prefix, one per stem (its
// most used spelling), by number of titles.
//
// The prefix matches with or without its accents: "grev" and "grèv" both
// complete "grève" (the prefix is folded, as the words' keys are).
func (v *Vocabulary) Complete(prefix string, n int) []Word {
	prefix = foldKey(prefix)
	i := sort.Search(len(v.words), func(i int) bool { return v.words[i].key >= prefix })
	type agg struct {
		best  Word
		total int
	}
	byStem := map[string]*agg{}
	for ; i < len(v.words) && strings.HasPrefix(v.words[i].key, prefix); i++ {
		w := v.words[i]
		a := byStem[w.Stem]
		if a == nil {
			byStem[w.Stem] = &agg{best: w, total: w.Count}
			continue
		}
		a.total += w.Count
		if w.Count > a.best.Count {
			a.best = w
		}
	}
	out := make([]Word, 0, len(byStem))
	for _, a := range byStem {
		out = append(out, Word{Word: a.best.Word, Stem: a.best.Stem, Count: a.total, key: a.best.key})
	}
	slices.SortFunc(out, func(a, b Word) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Word, b.Word)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
