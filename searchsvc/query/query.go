package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the search box. They bound the work one query can cause: every
// unit becomes a few term or phrase searchers, so a query is at most a few
// hundred of them, whatever the user types.
const (
	// MaxBytes is the longest accepted search box text.
	MaxBytes = 1024
	// MaxUnits is the most words, phrases and filters one query may have.
	MaxUnits = 32
)

// UnitKind says what a unit of the search box is.
type UnitKind uint8

// The kinds of units.
const (
	// KindWord is a single word: it must match (stemmed) in title or body.
	KindWord UnitKind = iota
	// KindPhrase is a "quoted phrase": its words must appear in that order.
	KindPhrase
	// KindFilter is source:value, tag:value, author:value or lang:value
	// typed into the box.
	KindFilter
	// KindPrefix is word*: the index terms starting with the word (at
	// least MinPrefix letters; the engine bounds the expansions).
	KindPrefix
)

// MinPrefix is the fewest letters a word* may have; shorter, the star is
// dropped and the word searched as a word.
const MinPrefix = 3

// TitleField is the Field of a word, phrase or prefix typed as title:…,
// which must match in the title.
const TitleField = "title"

// Unit is one word, phrase or filter of a parsed search box.
type Unit struct {
	Kind UnitKind
	// Text is the word, the phrase (without quotes), the prefix (without
	// the star) or the filter value.
	Text string
	// Field is the filter's field (source, tag, author, lang) for a
	// filter; TitleField or "" (title or body) for the others.
	Field string
}

// Clause is what one position of the search box asks for: one unit, or
// several joined by OR, or one excluded unit.
type Clause struct {
	// Negated marks an excluded unit (-word, -"phrase", -source:x); a
	// negated clause has exactly one alternative.
	Negated bool
	// Alternatives are OR-ed; there is at least one.
	Alternatives []Unit
}

// Query is the parsed search box: clauses that must all hold. It is a
// plain AST so that tests, the correction step and the canonical rendering
// work on it without touching Bleve.
type Query struct {
	Clauses []Clause
}

// Error is a search box the service refuses (too long, too many units).
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Empty reports whether the query has no clauses at all (list mode).
func (q *Query) Empty() bool { return q == nil || len(q.Clauses) == 0 }

// Units returns the number of units in q.
func (q *Query) Units() int {
	n := 0
	for _, c := range q.Clauses {
		n += len(c.Alternatives)
	}
	return n
}

// filterFields maps the field names accepted before a colon to the
// canonical filter field.
var filterFields = map[string]string{"source": "source", "tag": "tag", "tags": "tag", "author": "author", "lang": "lang", "language": "lang"}

// item is a lexical item of the search box: a unit or the OR operator.
type item struct {
	or   bool
	neg  bool
	unit Unit
}

// ParseQuery parses the search box syntax (see the package documentation).
// It never fails on odd input: operators it does not know are dropped and an
// unterminated quote ends at the end of the text. It fails only when the text
// is longer than MaxBytes or has more than MaxUnits units, so that
// no query can make the engine do unbounded work.
func Parse(s string) (*Query, error) {
	return parseQuery(s, true)
}

// parseQuery is ParseQuery with the length limit optional: a canonical
// rendering may be longer than the text it came from (quotes added,
// invalid bytes replaced) and must still parse.
func parseQuery(s string, limit bool) (*Query, error) {
	if limit && len(s) > MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("query is %d bytes; the limit is %d", len(s), MaxBytes)}
	}
	s = CleanInput(s)
	items, err := lex(s)
	if err != nil {
		return nil, err
	}
	q := &Query{}
	pendingOr := false
	for _, it := range items {
		if it.or {
			pendingOr = true
			continue
		}
		n := len(q.Clauses)
		if pendingOr && n > 0 && !it.neg && !q.Clauses[n-1].Negated {
			q.Clauses[n-1].Alternatives = append(q.Clauses[n-1].Alternatives, it.unit)
		} else {
			q.Clauses = append(q.Clauses, Clause{Negated: it.neg, Alternatives: []Unit{it.unit}})
		}
		pendingOr = false
	}
	return q, nil
}

// CleanInput makes the text valid UTF-8 without control characters.
func CleanInput(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// lex splits the search box into units and OR operators.
func lex(s string) ([]item, error) {
	var items []item
	units := 0
	add := func(it item) error {
		if !it.or {
			units++
			if units > MaxUnits {
				return &Error{Msg: fmt.Sprintf("query has more than %d words, phrases and filters", MaxUnits)}
			}
		}
		items = append(items, it)
		return nil
	}
	i := 0
	notNext := false // the previous token was NOT
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		neg := notNext
		notNext = false
		// Leading signs: '-' excludes, '+' is the default and is dropped.
		for i < len(s) && (s[i] == '-' || s[i] == '+') {
			if s[i] == '-' {
				neg = true
			}
			i++
		}
		if i >= len(s) {
			break
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			continue // a lone sign
		}
		if s[i] == '"' {
			text, next := quoted(s, i)
			i = next
			if text = cleanPhrase(text); text != "" {
				if err := add(item{neg: neg, unit: Unit{Kind: KindPhrase, Text: text}}); err != nil {
					return nil, err
				}
			}
			continue
		}
		// A bare token runs to the next space or quote.
		start := i
		for i < len(s) {
			r, w := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == '"' {
				break
			}
			i += w
		}
		tok := trimFuzzyBoost(s[start:i])
		if tok == "" {
			continue // a fuzziness or boost after a phrase: "a b"~2
		}
		if tok == "NOT" {
			notNext = !neg // NOT x is -x, as in Lucene's syntax
			continue
		}
		if !neg && (tok == "OR" || tok == "or" || tok == "|" || tok == "||") {
			items = append(items, item{or: true})
			continue
		}
		if tok == "AND" || tok == "and" || tok == "&&" {
			continue
		}
		if k := strings.IndexByte(tok, ':'); k > 0 && strings.EqualFold(tok[:k], TitleField) {
			// title:word, title:word*, title:"a phrase"
			var u Unit
			switch value := tok[k+1:]; {
			case value == "" && i < len(s) && s[i] == '"':
				var text string
				text, i = quoted(s, i)
				u = Unit{Kind: KindPhrase, Text: cleanPhrase(text)}
			default:
				u = wordUnit(value)
			}
			if u.Text != "" && !isOperatorWord(u.Text) {
				u.Field = TitleField
				if err := add(item{neg: neg, unit: u}); err != nil {
					return nil, err
				}
			}
			continue
		}
		if k := strings.IndexByte(tok, ':'); k > 0 {
			if field, ok := filterFields[strings.ToLower(tok[:k])]; ok {
				value := tok[k+1:]
				if value == "" && i < len(s) && s[i] == '"' {
					value, i = quoted(s, i)
				}
				if value = cleanValue(value); value != "" {
					if err := add(item{neg: neg, unit: Unit{Kind: KindFilter, Field: field, Text: value}}); err != nil {
						return nil, err
					}
				}
				continue
			}
		}
		u := wordUnit(tok)
		if u.Text == "" || isOperatorWord(u.Text) {
			continue
		}
		if err := add(item{neg: neg, unit: u}); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// wordUnit is the unit of a bare token: a word, a phrase when it splits
// into several ("24/7" -> "24 7": adjacent words), or a prefix when it
// ends with * after at least MinPrefix letters.
func wordUnit(tok string) Unit {
	word := CleanWord(tok)
	switch {
	case strings.ContainsRune(word, ' '):
		return Unit{Kind: KindPhrase, Text: word}
	case strings.HasSuffix(tok, "*") && utf8.RuneCountInString(word) >= MinPrefix && strings.ContainsFunc(word, unicode.IsLetter):
		return Unit{Kind: KindPrefix, Text: strings.ToLower(word)}
	}
	return Unit{Kind: KindWord, Text: word}
}

// trimFuzzyBoost drops a Lucene fuzziness or boost suffix from a token
// ("oil~2", "oil~", "oil^3"): typed by users of other engines, they mean
// the word itself here, not the word and a number. Both may be given
// ("oil~2^3"). A token that is only such suffixes becomes "".
func trimFuzzyBoost(tok string) string {
	for {
		end := len(tok)
		for end > 0 && (tok[end-1] >= '0' && tok[end-1] <= '9' || tok[end-1] == '.') {
			end--
		}
		if end == 0 || tok[end-1] != '~' && tok[end-1] != '^' {
			return tok
		}
		tok = tok[:end-1]
	}
}

// quoted returns the text between the quote at s[i] and the next quote (or
// the end of s) and the index after the closing quote.
func quoted(s string, i int) (string, int) {
	end := strings.IndexByte(s[i+1:], '"')
	if end < 0 {
		return s[i+1:], len(s)
	}
	return s[i+1 : i+1+end], i + 1 + end + 1
}

// wordRune reports whether r may appear inside a word. Everything else,
// including every operator of Bleve's query-string syntax (* ? ~ ^ / \ : +
// ! ( ) { } [ ] < > = |), becomes a space: words are analyzed and looked up
// as terms, never interpreted.
func wordRune(r rune) bool {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return true
	}
	switch r {
	case '-', '\'', '’', '.', '_', '&', '@', '$', '%', '#':
		return true
	}
	return false
}

// CleanWord keeps the word characters of a bare token; the others become
// spaces. Signs and dots at either end are dropped. A result with spaces
// ("24/7" -> "24 7") is searched as adjacent words.
func CleanWord(tok string) string {
	w := strings.Map(func(r rune) rune {
		if wordRune(r) {
			return r
		}
		return ' '
	}, tok)
	w = strings.Join(strings.Fields(w), " ")
	return strings.Trim(w, "-'’._&@%# ")
}

// cleanPhrase normalizes the spaces of a phrase.
func cleanPhrase(p string) string {
	return strings.Join(strings.Fields(p), " ")
}

// cleanValue normalizes a filter value: spaces collapsed, no quotes.
func cleanValue(v string) string {
	v = strings.ReplaceAll(v, "\"", " ")
	return strings.Join(strings.Fields(v), " ")
}

// String renders q in canonical search box syntax: parsing the result gives
// q again. It is what responses report as the query understood.
func (q *Query) String() string {
	if q == nil {
		return ""
	}
	var b strings.Builder
	for i, c := range q.Clauses {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j, u := range c.Alternatives {
			if j > 0 {
				b.WriteString(" OR ")
			}
			if c.Negated {
				b.WriteByte('-')
			}
			b.WriteString(u.String())
		}
	}
	return b.String()
}

// String renders one unit in search box syntax.
func (u Unit) String() string {
	in := ""
	if u.Field == TitleField {
		in = TitleField + ":"
	}
	switch u.Kind {
	case KindPhrase:
		return in + `"` + u.Text + `"`
	case KindFilter:
		v := u.Text
		if needsQuotes(v) {
			v = `"` + v + `"`
		}
		return u.Field + ":" + v
	case KindPrefix:
		return in + u.Text + "*"
	default:
		return in + u.Text
	}
}

func isOperatorWord(s string) bool {
	switch s {
	case "OR", "or", "AND", "and", "NOT":
		return true
	}
	return false
}

func needsQuotes(v string) bool {
	if isOperatorWord(v) {
		return true
	}
	for _, r := range v {
		if unicode.IsSpace(r) || r == '"' || r == '-' || r == '+' {
			return true
		}
	}
	return false
}

// Words returns the distinct words of q's positive clauses, lower case
// (those inside quotes too).
func (q *Query) Words() []string { return q.words(true) }

// FreeWords returns the distinct words of q's positive clauses outside
// quotes, lower case: the candidates for spelling correction (a quoted
// word is meant as typed).
func (q *Query) FreeWords() []string { return q.words(false) }

func (q *Query) words(quoted bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range q.Clauses {
		if c.Negated {
			continue
		}
		for _, u := range c.Alternatives {
			var parts []string
			switch {
			case u.Kind == KindWord, u.Kind == KindPhrase && quoted:
				parts = strings.Fields(u.Text)
			}
			for _, p := range parts {
				p = strings.ToLower(p)
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// Replace returns a copy of q in which every word of a positive clause found
// in repl (keyed by its lower-case form) is replaced, in words and phrases
// alike. Excluded units and filters are kept as typed.
func (q *Query) Replace(repl map[string]string) *Query {
	out := &Query{Clauses: make([]Clause, len(q.Clauses))}
	for i, c := range q.Clauses {
		nc := Clause{Negated: c.Negated, Alternatives: append([]Unit(nil), c.Alternatives...)}
		if !c.Negated {
			for j, u := range nc.Alternatives {
				if u.Kind == KindFilter || u.Kind == KindPrefix {
					continue
				}
				parts := strings.Fields(u.Text)
				for k, p := range parts {
					if r, ok := repl[strings.ToLower(p)]; ok {
						parts[k] = r
					}
				}
				nc.Alternatives[j].Text = strings.Join(parts, " ")
			}
		}
		out.Clauses[i] = nc
	}
	return out
}

// ParseCanonical parses a query in the canonical syntax that Query.String
// renders (a cursor carries one). It skips the length limit: a canonical
// rendering may be longer than the text it came from (quotes added,
// invalid bytes replaced) and must still parse.
func ParseCanonical(s string) (*Query, error) { return parseQuery(s, false) }
