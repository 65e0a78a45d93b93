package textmatch

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/syndex/syndex/indexer/lang"
)

// QuickStems analyzes text the way the index's analyzer does, for the
// texts it can analyze exactly, without the analyzer's cost. The analyzer
// is the unicode tokenizer (Unicode word boundaries) followed by token
// filters that each look at one token alone (possessive, lower case, stop
// words, stemmer). So the stem of a token depends only on the token, and
// is computed once per distinct word by running the filters on it; and the
// tokens are found by quickTokens, which implements the word boundary rules
// for ASCII letters, digits, spaces and punctuation (and a few common
// non-ASCII punctuation marks) and gives up on anything else (other
// non-ASCII characters, "_", punctuation between digits), leaving those
// texts to the analyzer. TestQuickStemsEqualAnalyzer checks the result
// against the analyzer on every text of the shared corpora.
//
// A QuickStems is used by one goroutine at a time.
type QuickStems struct {
	filters []analysis.TokenFilter
	stems   map[string]string // word as in the text -> stem ("" = stop word)
	spans   []wordSpan
}

// wordSpan is a word's [start, end) byte range.
type wordSpan struct{ start, end int }

// NewQuickStems returns a QuickStems for an, or nil when an is not a
// unicode tokenizer followed by token filters.
func NewQuickStems(an analysis.Analyzer) *QuickStems {
	da, ok := an.(*analysis.DefaultAnalyzer)
	if !ok || len(da.CharFilters) > 0 || !perToken(da) {
		return nil
	}
	switch da.Tokenizer.(type) {
	case *unicode.UnicodeTokenizer, *lang.WordTokenizer: // the same tokens
	default:
		return nil
	}
	return &QuickStems{filters: da.TokenFilters, stems: map[string]string{}}
}

// hasPhrase reports whether the phrase occurs in s; ok is false when s
// must be left to the analyzer.
func (q *QuickStems) hasPhrase(s string, ph []Tok) (found, ok bool) {
	if len(ph) == 0 {
		return false, true
	}
	q.spans, ok = quickTokens(s, q.spans[:0])
	if !ok {
		return false, false
	}
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

// quickTokens appends the byte ranges of the words of s to dst as the
// Unicode word segmentation (UAX #29) of Bleve's unicode tokenizer finds
// them, or reports ok = false when s holds something it does not handle.
// It handles ASCII: a word is a run of letters and digits (WB5, WB8–WB10),
// in which a "." ":" or apostrophe between two letters (WB6, WB7) and a
// "." "," ";" or apostrophe between two digits (WB11, WB12) do not break;
// every other ASCII character separates words, except "_" (ExtendNumLet,
// which joins), which gives up. Of non-ASCII text it handles the common
// punctuation in quickSeparator and the curly apostrophes, which are like
// the ASCII one; anything else gives up: a non-ASCII letter joins words, a
// combining mark extends them (WB4).
func quickTokens(s string, dst []wordSpan) ([]wordSpan, bool) {
	i, n := 0, len(s)
	for i < n {
		c := s[i]
		if !isAlnum(c) {
			switch {
			case c == '_':
				return dst, false
			case c >= utf8.RuneSelf:
				r, size := utf8.DecodeRuneInString(s[i:])
				if !quickSeparator(r) && !isCurlyApostrophe(r) {
					return dst, false
				}
				i += size
			default:
				i++
			}
			continue
		}
		start := i
		for {
			for i < n && isAlnum(s[i]) {
				i++
			}
			if i == n {
				break
			}
			c, size := rune(s[i]), 1
			if c >= utf8.RuneSelf {
				c, size = utf8.DecodeRuneInString(s[i:])
			}
			mid := c == '.' || c == ':' || c == '\'' || isCurlyApostrophe(c)
			switch {
			case c == '_':
				return dst, false
			case mid || c == ',' || c == ';':
				if i+size == n {
					break
				}
				next := s[i+size]
				if next >= utf8.RuneSelf || next == '_' {
					return dst, false // maybe a letter, or joining
				}
				if !isAlnum(next) {
					break
				}
				prevDigit, nextDigit := isDigit(s[i-1]), isDigit(next)
				if (!prevDigit && !nextDigit && mid) || // letters: WB6, WB7
					(prevDigit && nextDigit && c != ':') { // digits: WB11, WB12
					i += size
					continue
				}
			case c >= utf8.RuneSelf:
				if !quickSeparator(c) {
					return dst, false
				}
			}
			break
		}
		dst = append(dst, wordSpan{start, i})
	}
	return dst, true
}

// quickSeparator reports whether r is a non-ASCII character that the word
// segmentation treats as punctuation that separates words (property
// Other): the non-ASCII punctuation common in the corpora.
func quickSeparator(r rune) bool {
	switch r {
	case '\u00a0', '£', '€', '\u2013', '\u2014', '\u2015', '\u201c', '\u201d', '\u2026':
		return true
	}
	return false
}

// isCurlyApostrophe reports whether r is one of the curly single quotes,
// which separate words like the ASCII apostrophe (MidNumLet) does.
func isCurlyApostrophe(r rune) bool { return r == '\u2018' || r == '\u2019' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}
