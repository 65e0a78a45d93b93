// Package terms answers questions about words from an index snapshot's
// term dictionaries and the index's analyzer: spelling corrections (what
// "did you mean" offers is always a word some articles contain), the title
// vocabulary that completes a word being typed, and the distinctive terms
// of an article that find related stories. It knows nothing of requests or
// responses.
package terms

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// The index holds stems ("inflation" -> "inflat"), so
// a typo's stem can be far from the right stem ("inflaton" stays
// "inflaton", 2 edits from "inflat") while the typed word is 1 edit from
// the intended one. Candidates are therefore fetched from the title and
// body term dictionaries with Bleve's Levenshtein automaton (at most 2
// edits, from the typed word and from its stem) and by the word's first
// four letters (at most 512 terms per lookup), and each candidate stem is
// judged by its nearest surface form: the stem plus a common English
// suffix, kept only if it stems back to the candidate. The edit budget
// applies to that surface distance: 1 edit for words of 5-8 letters, 2 for
// 9 or more, none for shorter words. Edits are counted as Damerau-
// Levenshtein (optimal string alignment): swapping two adjacent letters,
// the commonest typo, is one edit.

const (
	// rareDF: a word found in at most this many articles may be a typo.
	rareDF = 2
	// maxCorrected bounds the words examined per query.
	maxCorrected = 8
	// maxCandidates bounds the dictionary entries read per lookup.
	maxCandidates = 512
	// WorkCandidates and WorkBytes bound the dictionary entries, and their
	// bytes, that one request's corrections may read in all: every lookup
	// stops there and correction gives up with what it has. With words cut
	// to indexer.MaxTokenRunes the bytes bound is rarely reached; it is the
	// guard should an index hold longer terms.
	WorkCandidates = 16 * maxCandidates
	WorkBytes      = 1 << 20
	// dfRatio: a correction must be in more than dfRatio times as many
	// articles as the word typed.
	dfRatio = 5
)

// suffixes turn a stem back into likely surface forms.
var suffixes = []string{"", "e", "s", "es", "ed", "ing", "ion", "ions", "ation", "ations", "er", "ers", "or",
	"ors", "y", "al", "ally", "ly", "ment", "ments", "ness", "ity", "ive", "ize", "ise", "ized", "ate", "ated",
	"ates", "ating", "ance", "ence", "ant", "ent", "able", "ible", "ful", "ous", "ism", "ist", "ists", "ic", "ical"}

// editBudget returns how many edits a word of this length may be off.
func editBudget(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// Work counts what one request's corrections read, against WorkCandidates
// and WorkBytes; Exhausted says a bound (or the request's deadline) cut the
// search for corrections short.
type Work struct {
	Candidates, Bytes int
	Exhausted         bool
}

// spend records a dictionary entry and reports whether the budget allows
// more.
func (w *Work) spend(term string) bool {
	w.Candidates++
	w.Bytes += len(term)
	if w.Candidates >= WorkCandidates || w.Bytes >= WorkBytes {
		w.Exhausted = true
	}
	return !w.Exhausted
}

// Corrector finds corrections with the index's analyzer, which turns the
// typed words and the candidate surface forms into index terms.
type Corrector struct {
	an analysis.Analyzer
}

// New returns a Corrector for an index analyzed by an.
func New(an analysis.Analyzer) *Corrector { return &Corrector{an: an} }

// Corrections returns, for the rare ones among words (lower case, as typed),
// the best-spelled replacement from r's title and body terms. A word is
// rare when at most rareDF articles have it, or, when the query found few
// results (few), whatever its frequency: a replacement must always be in
// dfRatio times more articles. Readers without a fuzzy dictionary get no
// corrections. The work is bounded by WorkCandidates, WorkBytes and ctx:
// when one runs out, the corrections found so far are returned, with
// Work.Exhausted set and no error.
func (c *Corrector) Corrections(ctx context.Context, r index.IndexReader, words []string, few bool) (map[string]string, Work, error) {
	out := map[string]string{}
	var work Work
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return out, work, nil
	}
	tried := 0
	for _, w := range words {
		if ctx.Err() != nil {
			work.Exhausted = true
		}
		if tried >= maxCorrected || work.Exhausted {
			break
		}
		budget := editBudget(w)
		if budget == 0 || !letters(w) {
			continue
		}
		stem := c.Stem(w)
		if stem == "" {
			continue
		}
		df, err := docFreq(ctx, r, stem)
		if err != nil {
			return nil, work, err
		}
		if df > rareDF && !few {
			continue
		}
		tried++
		best, err := c.bestCorrection(ctx, r, fr, w, stem, df, budget, &work)
		if err != nil {
			return nil, work, err
		}
		if best != "" {
			out[w] = best
		}
	}
	return out, work, nil
}

// bestCorrection returns the surface form of the best candidate for w, or "".
func (c *Corrector) bestCorrection(ctx context.Context, r index.IndexReader, fr index.IndexReaderFuzzy, w, stem string, df uint64, budget int, work *Work) (string, error) {
	cands := map[string]bool{}
	// A stem can be further from the typed word than the word it comes
	// from ("inflatoin" is 2 edits from "inflation" but 3 from "inflat"),
	// so terms sharing the word's first letters are candidates too.
	prefix := string([]rune(w)[:min(4, utf8.RuneCountInString(w)-2)])
	for _, field := range []string{indexer.FieldBody, indexer.FieldTitle} {
		for _, from := range uniqueStrings(stem, w) {
			if err := fuzzyTerms(fr, field, from, cands, work); err != nil {
				return "", err
			}
		}
		if err := prefixTerms(r, field, prefix, cands, work); err != nil {
			return "", err
		}
	}
	best, bestDist, bestDF := "", budget+1, uint64(0)
	// A surface form within budget edits of w has at most budget runes
	// more than w, so at most 4 bytes each, and is at most one byte
	// shorter than its stem (economi -> economy); longer stems are skipped
	// before any work.
	maxLen := 4*(utf8.RuneCountInString(w)+budget) + 1
	checked := 0
	for cand := range cands {
		if cand == stem || len(cand) > maxLen {
			continue
		}
		if checked++; checked%64 == 0 && ctx.Err() != nil {
			work.Exhausted = true
			break
		}
		surface, d := c.nearestSurface(w, cand, budget)
		if surface == "" || d > bestDist {
			continue
		}
		cdf, err := docFreq(ctx, r, cand)
		if err != nil {
			return "", err
		}
		if cdf <= dfRatio*df {
			continue
		}
		if d < bestDist || cdf > bestDF || (cdf == bestDF && surface < best) {
			best, bestDist, bestDF = surface, d, cdf
		}
	}
	return best, nil
}

// fuzzyTerms adds the terms of field within 2 edits of term (Bleve's
// fuzzy dictionary does not report their frequencies).
func fuzzyTerms(fr index.IndexReaderFuzzy, field, term string, into map[string]bool, work *Work) error {
	if work.Exhausted {
		return nil
	}
	dict, err := fr.FieldDictFuzzy(field, term, 2, "")
	return drain(dict, err, "fuzzy terms of "+field, into, work)
}

// prefixTerms adds the terms of field starting with prefix.
func prefixTerms(r index.IndexReader, field, prefix string, into map[string]bool, work *Work) error {
	if work.Exhausted {
		return nil
	}
	dict, err := r.FieldDictPrefix(field, []byte(prefix))
	return drain(dict, err, "terms of "+field, into, work)
}

// drain adds the first maxCandidates terms of dict (opened with err) to
// into, as far as work allows, and closes it.
func drain(dict index.FieldDict, err error, what string, into map[string]bool, work *Work) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer dict.Close()
	for i := 0; i < maxCandidates; i++ {
		e, err := dict.Next()
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if e == nil {
			break
		}
		into[e.Term] = true
		if !work.spend(e.Term) {
			break
		}
	}
	return nil
}

// nearestSurface returns the surface form of stem cand nearest to the typed
// word w, if within budget edits.
func (c *Corrector) nearestSurface(w, cand string, budget int) (string, int) {
	best, bestDist := "", budget+1
	wn := utf8.RuneCountInString(w)
	try := func(u string) {
		if n := utf8.RuneCountInString(u); n-wn > budget || wn-n > budget {
			return // too long or short to be within budget
		}
		if d := editDistance(w, u, bestDist); d < bestDist && c.Stem(u) == cand {
			best, bestDist = u, d
		}
	}
	for _, suf := range suffixes {
		try(cand + suf)
	}
	if base, ok := strings.CutSuffix(cand, "i"); ok { // economy -> economi
		for _, suf := range []string{"y", "ies", "ied", "ier", "iest"} {
			try(base + suf)
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(cand); last != utf8.RuneError { // running -> run
		for _, suf := range []string{"ing", "ed", "er"} {
			try(cand + string(last) + suf)
		}
	}
	return best, bestDist
}

// Stem returns the index term of a single word, or "" for a stop word or
// several tokens.
func (c *Corrector) Stem(w string) string {
	toks := c.an.Analyze([]byte(w))
	if len(toks) != 1 {
		return ""
	}
	return string(toks[0].Term)
}

// docFreq returns in how many articles term appears, in title or body
// (the larger of the two).
func docFreq(ctx context.Context, r index.IndexReader, term string) (uint64, error) {
	var df uint64
	for _, field := range []string{indexer.FieldBody, indexer.FieldTitle} {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return 0, fmt.Errorf("term %q: %w", term, err)
		}
		df = max(df, tfr.Count())
		tfr.Close()
	}
	return df, nil
}

// letters reports whether w has only letters.
func letters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

func uniqueStrings(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// editDistance returns the optimal-string-alignment distance between a
// and b (insertions, deletions, substitutions and swaps of two adjacent
// letters each count one edit), or limit when it is limit or more.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit)
}
