package searchsvc

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Phrase verification. Bleve answers phrase queries from term positions,
// which the index only has when title and body are indexed with term
// vectors. Without them, a phrase clause is searched as all of its words
// (a superset) and each candidate is checked here: its stored title and
// body are re-analyzed with the index's analyzer and the phrase's stems
// must appear at the same relative positions, as Bleve would require.
// This costs a stored-document read and an analysis per candidate, so it
// runs after every cheaper filter.

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
func (at *analyzedText) hasPhrase(ph []phraseTok) bool {
	if len(ph) == 0 || !at.set[ph[0].stem] {
		return false
	}
	for _, t := range ph[1:] {
		if !at.set[t.stem] {
			return false
		}
	}
outer:
	for p, st := range at.stems {
		if st != ph[0].stem {
			continue
		}
		for _, t := range ph[1:] {
			q := p + t.rel
			if q >= len(at.stems) || at.stems[q] != t.stem {
				continue outer
			}
		}
		return true
	}
	return false
}

// fieldText is one stored field of a candidate, analyzed lazily.
type fieldText struct {
	text string
	full *analyzedText // the whole text analyzed
}

// fullWindow is the text length below which a field is simply analyzed
// whole rather than around needle occurrences.
const fullWindow = 160

// analyzed returns the whole field analyzed.
func (f *fieldText) analyzed(an analysis.Analyzer) *analyzedText {
	if f.full == nil {
		f.full = analyzeText(an, f.text)
	}
	return f.full
}

// hasWord reports whether stem occurs in the field.
func (f *fieldText) hasWord(an analysis.Analyzer, stem string) bool {
	return f.analyzed(an).set[stem]
}

// hasPhrase reports whether the phrase occurs in the field. A long text is
// not analyzed whole: the phrase's most selective stem, minus its last two
// letters (the stemmer only rewrites endings), is searched for as a
// case-insensitive substring, and only a few words around each occurrence
// are analyzed, and only when the other words' needles occur there too.
// The window reaches the phrase's span plus two words on either side, so a
// phrase whose words are separated by more than two runs of bare
// punctuation (" -- ") can be missed; Bleve with term positions would find
// it.
func (f *fieldText) hasPhrase(an analysis.Analyzer, u *verifyUnit) bool {
	if f.full != nil || u.needle == "" {
		return f.analyzed(an).hasPhrase(u.phrase)
	}
	first := indexFold(f.text, u.needle, 0)
	if first < 0 {
		return false
	}
	if len(f.text) <= fullWindow {
		return f.analyzed(an).hasPhrase(u.phrase)
	}
	before := u.phrase[u.anchor].rel + 2
	after := u.phrase[len(u.phrase)-1].rel - u.phrase[u.anchor].rel + 3
	for i := first; i >= 0; i = indexFold(f.text, u.needle, i+len(u.needle)) {
		start := wordsBack(f.text, i, before)
		end := wordsForward(f.text, i, after)
		if !containsAll(f.text[start:end], u.others) {
			continue // another word of the phrase is missing around here
		}
		if analyzeText(an, f.text[start:end]).hasPhrase(u.phrase) {
			return true
		}
	}
	return false
}

// containsAll reports whether s contains every needle (ASCII case-
// insensitively).
func containsAll(s string, needles []string) bool {
	for _, n := range needles {
		if indexFold(s, n, 0) < 0 {
			return false
		}
	}
	return true
}

// indexFold returns the index of the first occurrence of needle (lower-case
// ASCII, not empty) in s at or after from, ignoring the case of ASCII
// letters, or -1. It scans with IndexByte for the needle's first letter in
// either case rather than lower-casing s.
func indexFold(s, needle string, from int) int {
	n := len(needle)
	lo, up := needle[0], needle[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	nextLo, nextUp := -1, -1
	if from < len(s) {
		nextLo, nextUp = indexByteFrom(s, lo, from), -1
		if up != lo {
			nextUp = indexByteFrom(s, up, from)
		}
	}
	for {
		j := nextLo
		if j < 0 || (nextUp >= 0 && nextUp < j) {
			j = nextUp
		}
		if j < 0 || j+n > len(s) {
			return -1
		}
		if equalFoldASCII(s[j+1:j+n], needle[1:]) {
			return j
		}
		if j == nextLo {
			nextLo = indexByteFrom(s, lo, j+1)
		} else {
			nextUp = indexByteFrom(s, up, j+1)
		}
	}
}

func indexByteFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// equalFoldASCII reports whether s equals lower (lower-case ASCII) when
// ASCII letters of s are lower-cased.
func equalFoldASCII(s, lower string) bool {
	for k := 0; k < len(lower); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[k] {
			return false
		}
	}
	return true
}

// wordsBack returns the start of the n-th whitespace-separated word before
// the word holding offset i (or 0).
func wordsBack(s string, i, n int) int {
	for i > 0 && !isSpaceByte(s[i-1]) {
		i--
	}
	for ; n > 0 && i > 0; n-- {
		for i > 0 && isSpaceByte(s[i-1]) {
			i--
		}
		for i > 0 && !isSpaceByte(s[i-1]) {
			i--
		}
	}
	return i
}

// wordsForward returns the end of the n-th whitespace-separated word after
// the word holding offset i (or len(s)).
func wordsForward(s string, i, n int) int {
	for i < len(s) && !isSpaceByte(s[i]) {
		i++
	}
	for ; n > 0 && i < len(s); n-- {
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		for i < len(s) && !isSpaceByte(s[i]) {
			i++
		}
	}
	return i
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
func phraseNeedles(ph []phraseTok) (int, string, []string) {
	anchor, _ := phraseNeedle(ph)
	var others []string
	for i, t := range ph {
		if n := stemNeedle(t.stem); i != anchor && n != "" && !slices.Contains(others, n) {
			others = append(others, n)
		}
	}
	return anchor, stemNeedle(ph[anchor].stem), others
}

// phraseNeedle picks the phrase's longest stem as the anchor and returns
// its index and needle ("" when it cannot be searched for safely).
func phraseNeedle(ph []phraseTok) (int, string) {
	anchor := 0
	for i, t := range ph {
		if len(t.stem) > len(ph[anchor].stem) {
			anchor = i
		}
	}
	return anchor, stemNeedle(ph[anchor].stem)
}

// verifier checks verified clauses on the stored text of candidates.
type verifier struct {
	clauses []verifyClause
	reader  index.IndexReader
	an      analysis.Analyzer
	cols    *columns
	// segs and offsets locate a document's segment when the reader is a
	// scorch snapshot (see storedText).
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
	// err is the first error reading a document; such candidates fail.
	err error
}

// newVerifier returns a verifier of clauses over snapshot r.
func newVerifier(clauses []verifyClause, r index.IndexReader, an analysis.Analyzer, c *columns) *verifier {
	v := &verifier{clauses: clauses, reader: r, an: an, cols: c}
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		v.segs = is.Segments()
		var running uint64
		for _, s := range v.segs {
			v.offsets = append(v.offsets, running)
			running += s.Segment().Count()
		}
	}
	return v
}

// storedText returns the stored title and body of document num. On a
// scorch snapshot it reads the document's segment directly by number
// (scorch numbers documents by segment: global = the sum of the sizes of
// the segments before + local), checking the stored id against the
// columns, which skips the id lookup and the document building of
// Document(id); otherwise, or if the ids differ, it uses Document.
func (v *verifier) storedText(num uint64) (title, body string, err error) {
	if title, body, ok := v.storedTextBySegment(num); ok {
		return title, body, nil
	}
	doc, err := v.reader.Document(v.cols.ids[num])
	if err != nil || doc == nil {
		return "", "", fmt.Errorf("read article %s: %w", v.cols.ids[num], err)
	}
	title, body = "", ""
	doc.VisitFields(func(f index.Field) {
		switch f.Name() {
		case indexer.FieldTitle:
			title = string(f.Value())
		case indexer.FieldBody:
			body = string(f.Value())
		}
	})
	return title, body, nil
}

// storedTextBySegment is the fast path of storedText; ok is false when it
// cannot be used or finds another document than the columns say.
func (v *verifier) storedTextBySegment(num uint64) (title, body string, ok bool) {
	si := sort.Search(len(v.offsets), func(i int) bool { return v.offsets[i] > num }) - 1
	if si < 0 || num >= v.cols.n() {
		return "", "", false
	}
	err := v.segs[si].VisitDocument(num-v.offsets[si], func(name string, _ byte, val []byte, _ []uint64) bool {
		switch name {
		case "_id":
			ok = string(val) == v.cols.ids[num]
		case indexer.FieldTitle:
			title = string(val)
		case indexer.FieldBody:
			body = string(val)
		}
		return true
	})
	return title, body, ok && err == nil
}

// ok reports whether document num satisfies every verified clause.
func (v *verifier) ok(num uint64) bool {
	t, b, err := v.storedText(num)
	if err != nil {
		if v.err == nil {
			v.err = err
		}
		return false
	}
	title, body := fieldText{text: t}, fieldText{text: b}
	for i := range v.clauses {
		if v.clauseMatches(&v.clauses[i], num, &title, &body) == v.clauses[i].negated {
			return false
		}
	}
	return true
}

// clauseMatches reports whether any alternative of cl matches the document.
func (v *verifier) clauseMatches(cl *verifyClause, num uint64, title, body *fieldText) bool {
	for i := range cl.alts {
		u := &cl.alts[i]
		switch u.kind {
		case KindFilter:
			if u.tag {
				for _, t := range v.cols.tagsOf(num) {
					if slices.Contains(u.ords, t) {
						return true
					}
				}
			} else if slices.Contains(u.ords, v.cols.src[num]) {
				return true
			}
		case KindPhrase:
			if title.hasPhrase(v.an, u) || body.hasPhrase(v.an, u) {
				return true
			}
		default:
			if title.hasWord(v.an, u.stem) || body.hasWord(v.an, u.stem) {
				return true
			}
		}
	}
	return false
}
