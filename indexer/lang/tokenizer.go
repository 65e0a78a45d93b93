package lang

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// TokenizerName is the tokenizer of every analyzer: Bleve's unicode word
// tokenizer (Unicode word boundaries, blevesearch/segment), with the words
// made only of ASCII characters found by a direct scan instead. The segment
// state machine was more than half of all analysis time (the reuters
// corpus: 0.46 of 0.86 s), and most news text is ASCII. The tokens, their
// offsets, positions and types are those of the unicode tokenizer
// (TestTokenizerMatchesUnicode on the shared corpora, FuzzTokenizer), so
// an index built with either answers the same.
const TokenizerName = "syndex_words"

func init() {
	err := registry.RegisterTokenizer(TokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return NewWordTokenizer(), nil
	})
	if err != nil {
		panic(err) // a name taken twice: fails in every test or never
	}
}

// WordTokenizer is the tokenizer TokenizerName names. It splits text at ASCII white space into pieces; a piece of
// ASCII characters is scanned for words by the ASCII subset of the Unicode
// word-boundary rules (scanASCII), any other piece goes through the
// unicode tokenizer. A word never spans ASCII white space, so the two agree.
type WordTokenizer struct {
	slow *unicode.UnicodeTokenizer
}

// NewWordTokenizer returns a WordTokenizer.
func NewWordTokenizer() *WordTokenizer {
	return &WordTokenizer{slow: unicode.NewUnicodeTokenizer()}
}

// Tokenize implements analysis.Tokenizer.
func (t *WordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		// The unicode tokenizer stops at the first invalid byte; indexed
		// text is always valid (clean.RepairText), so this is rare.
		return t.slow.Tokenize(input)
	}
	out := make(analysis.TokenStream, 0, len(input)/6+1)
	// Tokens are allocated in blocks, as the unicode tokenizer does.
	var block []analysis.Token
	add := func(term []byte, start, end int, typ analysis.TokenType) {
		if len(block) == 0 {
			block = make([]analysis.Token, min(256, len(input)/6+1))
		}
		tok := &block[0]
		block = block[1:]
		tok.Term, tok.Start, tok.End, tok.Position, tok.Type = term, start, end, len(out)+1, typ
		out = append(out, tok)
	}
	for i := 0; i < len(input); {
		if isSpace(input[i]) {
			i++
			continue
		}
		j, ascii := i, true
		for j < len(input) && !isSpace(input[j]) {
			if input[j] >= 0x80 {
				ascii = false
			}
			j++
		}
		if ascii {
			scanASCII(input, i, j, add)
		} else {
			for _, tok := range t.slow.Tokenize(input[i:j]) {
				add(tok.Term, i+tok.Start, i+tok.End, tok.Type)
			}
		}
		i = j
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ASCII word-boundary classes (Unicode's Word_Break property).
const (
	wbOther     = iota
	wbLetter    // ALetter: A-Z a-z
	wbNumeric   // 0-9
	wbExtendNum // ExtendNumLet: _
	wbMidLetter // MidLetter: :
	wbMidNumLet // MidNumLet: . and '
	wbMidNum    // MidNum: , and ;
)

var wbClass = func() (c [128]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = wbLetter, wbLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = wbNumeric
	}
	c['_'] = wbExtendNum
	c[':'] = wbMidLetter
	c['.'], c['\''] = wbMidNumLet, wbMidNumLet
	c[','], c[';'] = wbMidNum, wbMidNum
	return c
}()

// scanASCII emits the words of input[from:to], all ASCII: runs of letters,
// digits and underscores, joined across one MidLetter or MidNumLet between
// letters (don't, e.g, a:b) and one MidNum or MidNumLet between digits
// (3.14, 1,000). A word with digits and no letter is numeric.
func scanASCII(input []byte, from, to int, add func(term []byte, start, end int, typ analysis.TokenType)) {
	word := func(c uint8) bool { return c == wbLetter || c == wbNumeric || c == wbExtendNum }
	for i := from; i < to; {
		if !word(wbClass[input[i]]) {
			i++
			continue
		}
		start, letters, digits := i, false, false
	scan:
		for i < to {
			c := wbClass[input[i]]
			switch {
			case word(c):
				letters = letters || c == wbLetter
				digits = digits || c == wbNumeric
				i++
				continue
			case i+1 < to && i > start:
				prev, next := wbClass[input[i-1]], wbClass[input[i+1]]
				if prev == wbLetter && next == wbLetter && (c == wbMidLetter || c == wbMidNumLet) ||
					prev == wbNumeric && next == wbNumeric && (c == wbMidNum || c == wbMidNumLet) {
					i++
					continue
				}
			}
			break scan
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		add(input[start:i], start, i, typ)
	}
}
