package textmatch

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/syndex/syndex/indexer/lang"
)

// Highlighting. The index keeps no term vectors (they would double its
// size), so Bleve's highlighter cannot be used. Instead the few texts shown
// are re-analyzed with the index's own analyzer, which yields each token's
// byte offsets and stem, and a token is a match when its stem is one of the
// query's. Every character of the text is HTML-escaped; the only markup
// added is <mark>...</mark> around matches, so titles and bodies holding
// "<script>", quotes or "</mark>" come back inert.

const (
	// SnippetLen is the target length of a snippet in bytes.
	SnippetLen = 200
	// maxHighlightBytes bounds how much of a body is analyzed for a snippet.
	maxHighlightBytes = 64 << 10
	// maxAnchors bounds the candidate windows tried for a snippet.
	maxAnchors = 256
	ellipsis   = "…"
)

// span is a matched token: text[start:end] with the given stem.
type span struct {
	start, end int
	stem       string
}

// ExactPrefix marks a key of the stems map that is a word to match as
// written (lower case) rather than a stem: "=rising" marks "rising" and
// "Rising" but not "rises" (the words of a quoted phrase).
const ExactPrefix = "="

// matches returns the tokens of text whose stem is in stems (or, for an
// ExactPrefix key, whose word is), in order.
func matches(an analysis.Analyzer, text string, stems map[string]bool) []span {
	if len(stems) == 0 || text == "" {
		return nil
	}
	exact := false
	for k := range stems {
		if strings.HasPrefix(k, ExactPrefix) {
			exact = true
			break
		}
	}
	var out []span
	last := 0
	for _, t := range an.Analyze([]byte(text)) {
		if t.Start < last || t.End > len(text) || t.Start >= t.End {
			continue
		}
		if !stems[string(t.Term)] && !(exact && stems[ExactPrefix+strings.ToLower(text[t.Start:t.End])]) {
			continue
		}
		out = append(out, span{start: t.Start, end: t.End, stem: string(t.Term)})
		last = t.End
	}
	return out
}

// bodyMatches is matches for long texts: it analyzes only a few words
// around each place where a query stem may occur. A stem's needle (its
// letters but the last one or two, which the stemmer may have rewritten) is
// part of every word with that stem, so searching the text for the needles
// (ignoring ASCII case) finds every candidate cheaply; the windows around
// them start and end at white space, where tokens never continue, so their
// analysis yields the same tokens and offsets as the whole text's.
func bodyMatches(an analysis.Analyzer, text string, stems map[string]bool) []span {
	if len(stems) == 0 || text == "" {
		return nil
	}
	if len(text) <= FullWindow*2 || !needleSafe(an) || lang.HasFoldable(text) {
		return matches(an, text, stems)
	}
	var needles []string
	for st := range stems {
		n := highlightNeedle(st)
		if w, ok := strings.CutPrefix(st, ExactPrefix); ok {
			n = "" // the word itself, when ASCII
			if !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
				n = w
			}
		}
		if n == "" {
			return matches(an, text, stems)
		}
		needles = append(needles, n)
	}
	type window struct{ start, end int }
	var wins []window
	for _, n := range needles {
		for i := IndexFold(text, n, 0); i >= 0; i = IndexFold(text, n, i+len(n)) {
			wins = append(wins, window{wordsBack(text, i, 1), wordsForward(text, i, 1)})
		}
	}
	if len(wins) == 0 {
		return nil
	}
	slices.SortFunc(wins, func(a, b window) int { return a.start - b.start })
	merged := wins[:1]
	for _, w := range wins[1:] {
		if last := &merged[len(merged)-1]; w.start <= last.end {
			last.end = max(last.end, w.end)
		} else {
			merged = append(merged, w)
		}
	}
	var out []span
	for _, w := range merged {
		for _, sp := range matches(an, text[w.start:w.end], stems) {
			out = append(out, span{start: sp.start + w.start, end: sp.end + w.start, stem: sp.stem})
		}
	}
	return out
}

// highlightNeedle returns what every word with stem st contains, lower-
// cased, or "" when st is not ASCII.
func highlightNeedle(st string) string {
	for i := 0; i < len(st); i++ {
		if st[i] >= 0x80 {
			return ""
		}
	}
	switch {
	case len(st) >= 4:
		return st[:len(st)-2]
	case len(st) >= 2:
		return st[:len(st)-1]
	}
	return st
}

// HighlightAll returns all of text as escaped HTML with matches marked.
func HighlightAll(an analysis.Analyzer, text string, stems map[string]bool) string {
	return render(text, 0, len(text), matches(an, text, stems), false)
}

// Snippet returns the best fragment of about n bytes of text as escaped
// HTML with matches marked: the window holding the most distinct query
// terms, then the most matches, earliest first. Without matches it is the
// beginning of the text. Cut ends get an ellipsis.
func Snippet(an analysis.Analyzer, text string, stems map[string]bool, n int) string {
	if text == "" {
		return ""
	}
	analyzed := text
	if len(analyzed) > maxHighlightBytes {
		cut := maxHighlightBytes
		for cut > 0 && !utf8.RuneStart(analyzed[cut]) {
			cut--
		}
		analyzed = analyzed[:cut]
	}
	spans := bodyMatches(an, analyzed, stems)
	start := 0
	if len(spans) > 0 {
		start = bestWindow(spans, n)
		// Start at the beginning when the window from there holds the
		// best match comfortably.
		for _, sp := range spans {
			if sp.start == start && sp.end <= n*3/4 {
				start = 0
			}
		}
	}
	// Begin a little before the first match, at a word start.
	if start > 0 {
		start = max(0, start-n/5)
		start = wordStart(text, start)
	}
	end := start + n
	if end >= len(text) {
		end = len(text)
	} else {
		end = wordEnd(text, start, end)
	}
	var in []span
	for _, sp := range spans {
		if sp.start >= start && sp.end <= end {
			in = append(in, sp)
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString(ellipsis)
	}
	b.WriteString(strings.TrimSpace(render(text, start, end, in, true)))
	if end < len(text) {
		b.WriteString(ellipsis)
	}
	return b.String()
}

// bestWindow returns the start offset of the best window of n bytes that
// begins at a match.
func bestWindow(spans []span, n int) int {
	best, bestScore := spans[0].start, -1
	seen := map[string]bool{}
	for i := 0; i < len(spans) && i < maxAnchors; i++ {
		clear(seen)
		count := 0
		for j := i; j < len(spans) && spans[j].end <= spans[i].start+n; j++ {
			seen[spans[j].stem] = true
			count++
		}
		if score := len(seen)*1000 + count; score > bestScore {
			best, bestScore = spans[i].start, score
		}
	}
	return best
}

// wordStart moves i forward to the start of a word (at most 30 bytes),
// or at least to a rune start.
func wordStart(text string, i int) int {
	for j := i; j < len(text) && j < i+30; j++ {
		if j == 0 || isSpaceByte(text[j-1]) {
			return j
		}
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// wordEnd moves end back to the end of a word (at most 30 bytes, not
// before start), or at least to a rune start.
func wordEnd(text string, start, end int) int {
	for j := end; j > start && j > end-30; j-- {
		if isSpaceByte(text[j]) {
			return j
		}
	}
	for end > start && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// render escapes text[from:to] and wraps spans (inside it, in order) in
// <mark>. Marks separated only by spaces merge into one ("<mark>federal
// reserve</mark>"). With collapse, runs of white space become one space.
func render(text string, from, to int, spans []span, collapse bool) string {
	var b strings.Builder
	b.Grow((to - from) + len(spans)*13)
	plain := func(s string) {
		if collapse {
			s = collapseSpace(s)
		}
		b.WriteString(html.EscapeString(s))
	}
	pos := from
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		plain(text[pos:sp.start])
		end := sp.end
		for i+1 < len(spans) && strings.TrimSpace(text[end:spans[i+1].start]) == "" {
			i++
			end = spans[i].end
		}
		b.WriteString("<mark>")
		plain(text[sp.start:end])
		b.WriteString("</mark>")
		pos = end
	}
	plain(text[pos:to])
	return b.String()
}

// collapseSpace replaces each run of white space with one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
