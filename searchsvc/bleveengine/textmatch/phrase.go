// Package textmatch finds a query's stems in stored article text, with the
// index's own analyzer: it checks phrases on candidates when the index has
// no term positions, and marks matches for highlighting (the index keeps no
// term vectors either). It reads no index: the Bleve engine hands it text
// and stems, so the text rules can be tested, and fuzzed, on their own.
package textmatch

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/syndex/syndex/indexer/lang"
)

// Phrase checks. Bleve answers phrase queries from term positions,
// which the index only has when title and body are indexed with term
// vectors. Without them, a phrase clause is searched as all of its words
// (a superset) and each candidate is checked here: its stored title and
// body are re-analyzed with the index's analyzer and the phrase's stems
// must appear at the same relative positions, as Bleve would require.
// This costs a stored-document read and an analysis per candidate, so it
// runs after every cheaper filter (the engine's verifier), and the
// analysis is kept small: only windows around occurrences of the phrase's
// words are analyzed, by a quick analysis equal to the analyzer's
// (QuickStems) where it can be.

// Tok is one word of a phrase: its stem and its position relative to the
// phrase's first word (stop words leave gaps).
type Tok struct {
	Stem string
	Rel  int
}

// Phrase is a phrase to look for: its words and, for long texts, the
// anchor word searched for as a substring first, with the needles of the
// other words that must occur around it.
type Phrase struct {
	Toks   []Tok
	anchor int
	needle string
	others []string
}

// NewPhrase returns the phrase of toks with its needles chosen.
func NewPhrase(toks []Tok) Phrase {
	ph := Phrase{Toks: toks}
	if len(toks) > 0 {
		ph.anchor, ph.needle, ph.others = phraseNeedles(toks)
	}
	return ph
}

// analyzedText is one field of a candidate, analyzed once.
type analyzedText struct {
	stems []string // by token position; "" where a stop word was removed
	set   map[string]bool
}

func analyzeText(an analysis.Analyzer, text string) *analyzedText {
	at := &analyzedText{set: map[string]bool{}}
	for _, t := range an.Analyze([]byte(text)) {
		for len(at.stems) <= t.Position {
			at.stems = append(at.stems, "")
		}
		st := string(t.Term)
		at.stems[t.Position] = st
		at.set[st] = true
	}
	return at
}

// hasPhrase reports whether the phrase occurs in the text.
func (at *analyzedText) hasPhrase(ph []Tok) bool {
	if len(ph) == 0 || !at.set[ph[0].Stem] {
		return false
	}
	for _, t := range ph[1:] {
		if !at.set[t.Stem] {
			return false
		}
	}
outer:
	for p, st := range at.stems {
		if st != ph[0].Stem {
			continue
		}
		for _, t := range ph[1:] {
			q := p + t.Rel
			if q >= len(at.stems) || at.stems[q] != t.Stem {
				continue outer
			}
		}
		return true
	}
	return false
}

// Field is one stored field of a candidate, analyzed lazily: make one per
// field and document and ask it several questions.
type Field struct {
	Text string
	full *analyzedText // the whole text analyzed
}

// FullWindow is the text length below which a field is simply analyzed
// whole rather than around needle occurrences.
const FullWindow = 160

// analyzed returns the whole field analyzed.
func (f *Field) analyzed(an analysis.Analyzer) *analyzedText {
	if f.full == nil {
		f.full = analyzeText(an, f.Text)
	}
	return f.full
}

// HasWords reports whether words (lower case) occur in the field as
// written, one after the other, separated by anything but letters and
// digits, case aside: the exact match of a quoted phrase, stems aside.
func (f *Field) HasWords(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for from := 0; ; {
		i := IndexFold(f.Text, words[0], from)
		if i < 0 {
			return false
		}
		from = i + 1
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(f.Text[:i]); isWordRune(r) {
				continue
			}
		}
		j, ok := i+len(words[0]), true
		for _, w := range words[1:] {
			k := j
			for k < len(f.Text) {
				r, n := utf8.DecodeRuneInString(f.Text[k:])
				if isWordRune(r) {
					break
				}
				k += n
			}
			if k == j || k+len(w) > len(f.Text) || !strings.EqualFold(f.Text[k:k+len(w)], w) {
				ok = false
				break
			}
			j = k + len(w)
		}
		if !ok {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(f.Text[j:]); j < len(f.Text) && isWordRune(r) {
			continue
		}
		return true
	}
}

// isWordRune reports whether r is part of a word (a letter, digit or mark).
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// HasWord reports whether stem occurs in the field.
func (f *Field) HasWord(an analysis.Analyzer, stem string) bool {
	return f.analyzed(an).set[stem]
}

// HasPhrase reports whether the phrase occurs in the field. A long text is
// not analyzed whole: the phrase's most selective stem, minus its last two
// letters (the stemmer only rewrites endings), is searched for as a
// case-insensitive substring, and only a few words around each occurrence
// are analyzed, and only when the other words' needles occur there too.
// The window reaches the phrase's span plus two words on either side, so a
// phrase whose words are separated by more than two runs of bare
// punctuation (" -- ") can be missed; Bleve with term positions would find
// it. Windows and short texts go through q (the quick analysis, when not
// nil) and through the analyzer only when q cannot analyze them exactly.
func (f *Field) HasPhrase(an analysis.Analyzer, q *QuickStems, ph *Phrase) bool {
	if f.full != nil {
		return f.full.hasPhrase(ph.Toks)
	}
	if ph.needle == "" || !needleSafe(an) || lang.HasFoldable(f.Text) {
		return f.wholeHasPhrase(an, q, ph)
	}
	first := IndexFold(f.Text, ph.needle, 0)
	if first < 0 {
		return false
	}
	if len(f.Text) <= FullWindow {
		return f.wholeHasPhrase(an, q, ph)
	}
	before := ph.Toks[ph.anchor].Rel + 2
	after := ph.Toks[len(ph.Toks)-1].Rel - ph.Toks[ph.anchor].Rel + 3
	for i := first; i >= 0; i = IndexFold(f.Text, ph.needle, i+len(ph.needle)) {
		start := wordsBack(f.Text, i, before)
		end := wordsForward(f.Text, i, after)
		w := f.Text[start:end]
		if !containsAll(w, ph.others) {
			continue // another word of the phrase is missing around here
		}
		if q != nil {
			if found, ok := q.hasPhrase(w, ph.Toks); ok {
				if found {
					return true
				}
				continue
			}
		}
		if analyzeText(an, w).hasPhrase(ph.Toks) {
			return true
		}
	}
	return false
}

// wholeHasPhrase reports whether the phrase occurs in the whole field.
func (f *Field) wholeHasPhrase(an analysis.Analyzer, q *QuickStems, ph *Phrase) bool {
	if q != nil {
		if found, ok := q.hasPhrase(f.Text, ph.Toks); ok {
			return found
		}
	}
	return f.analyzed(an).hasPhrase(ph.Toks)
}

// stemNeedle returns the part of a stem that every word with that stem
// contains (lower-cased): the stemmer only rewrites the last letters. It is
// "" when the stem is not ASCII or too short to search for usefully.
func stemNeedle(st string) string {
	for i := 0; i < len(st); i++ {
		if st[i] >= 0x80 {
			return ""
		}
	}
	if len(st) < 4 {
		return ""
	}
	return st[:len(st)-2]
}

// phraseNeedles picks the phrase's longest stem as the anchor and returns
// its index, its needle and the needles of the other words.
func phraseNeedles(ph []Tok) (int, string, []string) {
	anchor, _ := phraseNeedle(ph)
	var others []string
	for i, t := range ph {
		if n := stemNeedle(t.Stem); i != anchor && n != "" && !slices.Contains(others, n) {
			others = append(others, n)
		}
	}
	return anchor, stemNeedle(ph[anchor].Stem), others
}

// phraseNeedle picks the phrase's longest stem as the anchor and returns
// its index and needle ("" when it cannot be searched for safely).
func phraseNeedle(ph []Tok) (int, string) {
	anchor := 0
	for i, t := range ph {
		if len(t.Stem) > len(ph[anchor].Stem) {
			anchor = i
		}
	}
	return anchor, stemNeedle(ph[anchor].Stem)
}
