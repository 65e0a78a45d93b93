package terms

// Where candidates come from: the typed word's one-edit variants that
// analyse to index terms, and for long words the terms two edits away
// found through the title and body dictionaries, each with the spelling
// nearest the typed word.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// oneEdit returns the one-edit variants of w whose analysis is an index
// term (other than w's own) in more than minDF articles.
func (c *Corrector) oneEdit(ctx context.Context, r index.IndexReader, w, stem string, minDF uint64, work *Work) ([]candidate, error) {
	rs := []rune(w)
	alphabet := []rune("abcdefghijklmnopqrstuvwxyz")
	for _, x := range rs {
		if x > unicode.MaxASCII && !slices.Contains(alphabet, x) {
			alphabet = append(alphabet, x)
		}
	}
	seen := map[string]bool{w: true}
	byStem := map[string]*candidate{}
	var out []candidate
	try := func(v []rune, typo bool) error {
		s := string(v)
		if seen[s] || work.Exhausted {
			return nil
		}
		seen[s] = true
		if !work.spend(s) {
			return nil
		}
		st := c.Stem(s)
		if st == "" || st == stem {
			return nil
		}
		if prev, ok := byStem[st]; ok {
			prev.surfaces = append(prev.surfaces, s)
			prev.typo = prev.typo || typo
			return nil
		}
		cdf, err := docFreq(ctx, r, st)
		if err != nil {
			return err
		}
		if cdf <= minDF {
			return nil
		}
		byStem[st] = &candidate{surfaces: []string{s}, stem: st, dist: 1, df: cdf, cooc: -1, typo: typo}
		return nil
	}
	n := len(rs)
	for i := 0; i < n; i++ { // delete
		doubled := i > 0 && rs[i] == rs[i-1] || i+1 < n && rs[i] == rs[i+1]
		if err := try(slices.Concat(rs[:i], rs[i+1:]), doubled); err != nil {
			return nil, err
		}
	}
	for i := 0; i+1 < n; i++ { // swap
		v := slices.Clone(rs)
		v[i], v[i+1] = v[i+1], v[i]
		if err := try(v, true); err != nil {
			return nil, err
		}
	}
	for i := 0; i < n; i++ { // replace
		for _, a := range alphabet {
			if a != rs[i] {
				v := slices.Clone(rs)
				v[i] = a
				if err := try(v, false); err != nil {
					return nil, err
				}
			}
		}
	}
	for i := 0; i <= n; i++ { // insert
		for _, a := range alphabet {
			doubling := i > 0 && rs[i-1] == a || i < n && rs[i] == a
			if err := try(slices.Concat(rs[:i], []rune{a}, rs[i:]), doubling); err != nil {
				return nil, err
			}
		}
	}
	for _, cd := range byStem {
		slices.Sort(cd.surfaces)
		out = append(out, *cd)
	}
	return out, nil
}

// twoEdits returns candidates within budget (2) edits of w: terms of the
// title and body dictionaries near w or its stem, or sharing its first
// letters, each shown as a spelling an article holding it uses.
func (c *Corrector) twoEdits(ctx context.Context, r index.IndexReader, fr index.IndexReaderFuzzy, w, stem string, minDF uint64, budget int, work *Work) ([]candidate, error) {
	terms := map[string]bool{}
	// A stem can be further from the typed word than the word it comes
	// from ("inflatoin" is 2 edits from "inflation" but 3 from "inflat"),
	// so terms sharing the word's first letters are candidates too.
	prefix := string([]rune(w)[:min(4, utf8.RuneCountInString(w)-2)])
	for _, field := range []string{indexer.FieldBody, indexer.FieldTitle} {
		for _, from := range uniqueStrings(stem, w) {
			if err := fuzzyTerms(fr, field, from, terms, work); err != nil {
				return nil, err
			}
		}
		if err := prefixTerms(r, field, prefix, terms, work); err != nil {
			return nil, err
		}
	}
	// A surface form within budget edits of w has at most budget runes
	// more than w, so at most 4 bytes each, and is at most one byte
	// shorter than its stem (economi -> economy); longer stems are skipped
	// before any work.
	maxLen := 4*(utf8.RuneCountInString(w)+budget) + 1
	var out []candidate
	checked := 0
	for cand := range terms {
		if cand == stem || len(cand) > maxLen {
			continue
		}
		if checked++; checked%64 == 0 && ctx.Err() != nil {
			work.Exhausted = true
			break
		}
		surface, d := c.nearestSurface(w, cand, budget, nil)
		if surface == "" || d < 2 {
			continue // one edit away: oneEdit has it
		}
		cdf, err := docFreq(ctx, r, cand)
		if err != nil {
			return nil, err
		}
		if cdf <= minDF {
			continue
		}
		out = append(out, candidate{surfaces: []string{surface}, stem: cand, dist: d, df: cdf, cooc: -1})
	}
	return out, nil
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
// word w, if within budget edits, other than those in except.
func (c *Corrector) nearestSurface(w, cand string, budget int, except []string) (string, int) {
	best, bestDist := "", budget+1
	wn := utf8.RuneCountInString(w)
	try := func(u string) {
		if n := utf8.RuneCountInString(u); n-wn > budget || wn-n > budget || slices.Contains(except, u) {
			return // too long or short to be within budget, or excepted
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
