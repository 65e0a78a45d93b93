package textmatch

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// QuickStems analyzes text the way the index's analyzer does, without
// the analyzer's cost. The analyzer is a tokenizer followed by token
// filters that each look at one token alone (possessive, lower case, stop
// words, stemmer, accent folding). So the stem of a token depends only on
// the token, and is computed once per distinct word by running the filters
// on it; the tokens are the analyzer's own tokenizer's (lang's word
// tokenizer, which scans ASCII words directly). TestQuickStemsEqualAnalyzer
// checks the result against the analyzer on every text of the shared
// corpora.
//
// A QuickStems is used by one goroutine at a time.
type QuickStems struct {
	tokenizer analysis.Tokenizer
	filters   []analysis.TokenFilter
	stems     map[string]string // word as in the text -> stem ("" = stop word)
	spans     []wordSpan
}

// wordSpan is a word's [start, end) byte range.
type wordSpan struct{ start, end int }

// NewQuickStems returns a QuickStems for an, or nil when an is not a
// tokenizer followed by token filters that each see one token.
func NewQuickStems(an analysis.Analyzer) *QuickStems {
	da, ok := an.(*analysis.DefaultAnalyzer)
	if !ok || len(da.CharFilters) > 0 || !perToken(da) {
		return nil
	}
	return &QuickStems{tokenizer: da.Tokenizer, filters: da.TokenFilters, stems: map[string]string{}}
}

// tokens appends the byte ranges of the words of s to dst.
func (q *QuickStems) tokens(s string, dst []wordSpan) []wordSpan {
	for _, t := range q.tokenizer.Tokenize([]byte(s)) {
		dst = append(dst, wordSpan{t.Start, t.End})
	}
	return dst
}

// hasPhrase reports whether the phrase occurs in s; ok is false when s
// must be left to the analyzer.
func (q *QuickStems) hasPhrase(s string, ph []Tok) (found, ok bool) {
	if len(ph) == 0 {
		return false, true
	}
	q.spans = q.tokens(s, q.spans[:0])
	toks := q.spans
outer:
	for p := range toks {
		st, ok := q.stem(s, toks[p])
		if !ok {
			return false, false
		}
		if st != ph[0].Stem {
			continue
		}
		for _, t := range ph[1:] {
			k := p + t.Rel
			if k >= len(toks) {
				continue outer
			}
			st, ok := q.stem(s, toks[k])
			if !ok {
				return false, false
			}
			if st != t.Stem {
				continue outer
			}
		}
		return true, true
	}
	return false, true
}

// stem returns the stem of token sp of s ("" for a stop word); ok is false
// when the filters do not turn it into at most one token.
func (q *QuickStems) stem(s string, sp wordSpan) (string, bool) {
	w := s[sp.start:sp.end]
	if st, ok := q.stems[w]; ok {
		return st, true
	}
	typ := analysis.Numeric
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			typ = analysis.AlphaNumeric
			break
		}
	}
	ts := analysis.TokenStream{{Term: []byte(w), End: len(w), Position: 1, Type: typ}}
	for _, f := range q.filters {
		ts = f.Filter(ts)
	}
	var st string
	switch len(ts) {
	case 0: // a stop word
	case 1:
		st = string(ts[0].Term)
	default:
		return "", false
	}
	q.stems[strings.Clone(w)] = st // w may point into a reused buffer
	return st, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
