package lang

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// FoldName is the last token filter of every analyzer: Latin letters lose
// their accents (café → cafe, Gdańsk → gdansk, Zürich → zurich, ß → ss),
// so a query typed without them finds the articles written with them and
// the other way round — news names places and people from every language,
// and readers type them on English keyboards. It runs after stemming, so
// each language's stemmer still sees its own spelling. Other scripts are
// left as they are (й is not и).
const FoldName = "syndex_fold_latin"

func init() {
	err := registry.RegisterTokenFilter(FoldName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return FoldFilter{}, nil
	})
	if err != nil {
		panic(err) // a name taken twice: fails in every test or never
	}
}

// FoldFilter is the token filter FoldName names.
type FoldFilter struct{}

// Filter implements analysis.TokenFilter. A term it changes gets a new
// slice: terms may be shared (CachedStemmer hands out its cached stems).
func (FoldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if f, changed := FoldLatin(tok.Term); changed {
			tok.Term = f
		}
	}
	return input
}

// latinLigatures are the Latin letters that are not a base letter plus
// marks, as they are folded.
var latinLigatures = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l",
}

// isLatinExtended reports whether r is in the Latin-1 Supplement, Latin
// Extended-A/B or Latin Extended Additional blocks.
func isLatinExtended(r rune) bool {
	return r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF
}

// latinBefore reports whether out ends with a Latin letter.
func latinBefore(out []byte) bool {
	r, _ := utf8.DecodeLastRune(out)
	return r < utf8.RuneSelf && unicode.IsLetter(r) || isLatinExtended(r)
}

// FoldLatin returns b with the accents of its Latin letters removed, and
// whether anything changed (b itself is returned unchanged otherwise).
func FoldLatin(b []byte) ([]byte, bool) {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b, false // ASCII: the common case, no allocation
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:i]...)
	changed := false
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r >= 0x300 && r <= 0x36F && latinBefore(out):
			changed = true // a combining accent on a Latin letter (text not in NFC)
		case r < utf8.RuneSelf || !isLatinExtended(r):
			out = append(out, b[i:i+size]...)
		case latinLigatures[r] != "":
			out = append(out, latinLigatures[r]...)
			changed = true
		default:
			d := norm.NFD.Append(nil, b[i:i+size]...)
			if len(d) == size {
				out = append(out, b[i:i+size]...) // no decomposition
				break
			}
			for _, m := range string(d) {
				if !unicode.Is(unicode.Mn, m) {
					out = utf8.AppendRune(out, m)
				}
			}
			changed = true
		}
		i += size
	}
	if !changed {
		return b, false
	}
	return out, true
}

// HasFoldable reports whether s may hold a letter FoldLatin changes: a
// Latin letter beyond ASCII or a combining accent. Text without one is
// analyzed as if there were no folding, which lets the highlighter and the
// phrase check search for a stem's ASCII letters in the text.
func HasFoldable(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0xc3:
		case c <= 0xcd: // U+00C0–U+037F: Latin-1 and Extended-A/B letters, combining marks
			return true
		case c == 0xe1 && i+1 < len(s) && s[i+1] >= 0xb8 && s[i+1] <= 0xbb: // U+1E00–U+1EFF
			return true
		}
	}
	return false
}
