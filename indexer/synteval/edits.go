package synteval

import (
	"math"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text changes applied to copies: truncation, sentence edits, retitling and
// URL variants, and the checks that a changed copy still reports the same
// thing (SameReport).

// truncate keeps the first 40-70% of the paragraphs, or of the sentences
// when there are fewer than three paragraphs, and always drops something.
func (g *gen) truncate(paras []string) []string {
	frac := 0.4 + 0.3*g.r.Float64()
	keep := func(n int) int { return max(1, min(n-1, int(math.Round(frac*float64(n))))) }
	if len(paras) >= 3 {
		return slices.Clone(paras[:keep(len(paras))])
	}
	type sent struct {
		para int
		text string
	}
	var sents []sent
	for i, p := range paras {
		for _, s := range splitSentences(p) {
			sents = append(sents, sent{i, s})
		}
	}
	if len(sents) < 2 {
		w := strings.Fields(paras[0])
		return []string{strings.Join(w[:keep(len(w))], " ")}
	}
	var out []string
	for i, s := range sents[:keep(len(sents))] {
		if i > 0 && sents[i-1].para == s.para {
			out[len(out)-1] += " " + s.text
		} else {
			out = append(out, s.text)
		}
	}
	return out
}

// splitSentences splits a one-line paragraph after ".", "!" or "?" (and a
// closing quote) followed by a space and a capital, digit or quote. Joining
// the parts with single spaces gives the paragraph back.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == '\'' || p[j] == ')') {
			j++
		}
		for _, q := range []string{"”", "’"} {
			if strings.HasPrefix(p[j:], q) {
				j += len(q)
			}
		}
		if j+1 < len(p) && p[j] == ' ' {
			r, _ := utf8.DecodeRuneInString(p[j+1:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '\'' {
				out = append(out, p[start:j])
				start = j + 1
				i = j
			}
		}
	}
	return append(out, p[start:])
}

// wordSwaps are the light rewrites of an edited copy: tense, spelled-out
// units, near synonyms.
var wordSwaps = [][2]string{
	{"said", "says"}, {"says", "said"}, {"pct", "percent"}, {"percent", "per cent"}, {"mln", "million"},
	{"billion", "bln"}, {"dlrs", "dollars"}, {"company", "firm"}, {"firm", "company"},
	{"government", "administration"}, {"expected", "anticipated"}, {"announced", "said"},
	{"about", "around"}, {"rose", "climbed"}, {"fell", "dropped"}, {"big", "large"}, {"large", "big"},
	{"also", "additionally"}, {"week", "seven days"}, {"told", "informed"}, {"people", "individuals"},
}

var sentenceStarters = []string{"The", "It", "He", "She", "They", "This", "A", "An", "But", "In", "Its", "We", "There"}

// edit rewrites one or two sentences of longer-than-five words: a word swap,
// a dropped trailing clause or a "Meanwhile, " opener.
func (g *gen) edit(paras []string) []string {
	out := slices.Clone(paras)
	type loc struct{ p, s int }
	var cands []loc
	split := make([][]string, len(out))
	for i, p := range out {
		split[i] = splitSentences(p)
		for j, s := range split[i] {
			if len(strings.Fields(s)) > 5 {
				cands = append(cands, loc{i, j})
			}
		}
	}
	g.r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	want := 1 + g.r.IntN(2)
	done := 0
	for _, c := range cands {
		if done == want {
			break
		}
		if e, ok := g.editSentence(split[c.p][c.s]); ok {
			split[c.p][c.s] = e
			done++
		}
	}
	if done == 0 { // no sentence fits: insert a word after the first one
		w := strings.Fields(split[0][0])
		split[0][0] = strings.Join(slices.Insert(w, 1, "reportedly"), " ")
	}
	for i := range out {
		out[i] = strings.Join(split[i], " ")
	}
	return out
}

func (g *gen) editSentence(s string) (string, bool) {
	for _, op := range g.r.Perm(3) {
		switch op {
		case 0:
			for _, k := range g.r.Perm(len(wordSwaps)) {
				if e, ok := replaceWord(s, wordSwaps[k][0], wordSwaps[k][1]); ok {
					return e, true
				}
			}
		case 1:
			end := s[len(s)-1]
			i := strings.LastIndex(s, ", ")
			if (end == '.' || end == '!' || end == '?') && i > len(s)/2 && i < len(s)-15 {
				return s[:i] + string(end), true
			}
		case 2:
			first, rest, ok := strings.Cut(s, " ")
			if ok && slices.Contains(sentenceStarters, first) {
				return "Meanwhile, " + strings.ToLower(first) + " " + rest, true
			}
		}
	}
	return s, false
}

// replaceWord replaces the first whole-word, case-sensitive occurrence.
func replaceWord(s, old, new string) (string, bool) {
	for off := 0; ; {
		i := strings.Index(s[off:], old)
		if i < 0 {
			return s, false
		}
		i += off
		j := i + len(old)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return s[:i] + new + s[j:], true
		}
		off = j
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

func (g *gen) retitle(title string, a *aggregator) string {
	if g.chance(0.6) {
		switch {
		case a.titleSuffix != "":
			return title + a.titleSuffix
		case a.titlePrefix != "":
			return a.titlePrefix + title
		}
	}
	switch g.r.IntN(4) {
	case 0:
		return "BREAKING: " + title
	case 1:
		return "UPDATE: " + title
	case 2:
		return title + " (Report)"
	}
	return title + " | " + a.name
}

// urlVariant spells the original's URL another way, as tracking links,
// AMP pages and careless copies do. It returns the URL and the changes made.
func (g *gen) urlVariant(raw string, a *aggregator) (string, string) {
	kinds := []string{"utm", "fbclid", "www", "slash", "amp", "http"}
	g.r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	kinds = kinds[:1+g.r.IntN(2)]
	slices.Sort(kinds)
	if slices.Contains(kinds, "amp") && slices.Contains(kinds, "slash") {
		kinds = slices.DeleteFunc(kinds, func(k string) bool { return k == "slash" })
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw + "?utm_source=" + strings.ToLower(a.short), "utm"
	}
	addQuery := func(q string) {
		if u.RawQuery != "" {
			u.RawQuery += "&"
		}
		u.RawQuery += q
	}
	for _, k := range kinds {
		switch k {
		case "utm":
			addQuery("utm_source=" + strings.ToLower(a.short) + "&utm_medium=" + []string{"rss", "social", "referral"}[g.r.IntN(3)] + "&utm_campaign=syndication")
		case "fbclid":
			const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
			b := []byte("IwAR")
			for range 40 {
				b = append(b, alnum[g.r.IntN(len(alnum))])
			}
			addQuery("fbclid=" + string(b))
		case "www":
			if h, ok := strings.CutPrefix(u.Host, "www."); ok {
				u.Host = h
			} else {
				u.Host = "www." + u.Host
			}
		case "slash":
			if p, ok := strings.CutSuffix(u.Path, "/"); ok {
				u.Path = p
			} else {
				u.Path += "/"
			}
		case "amp":
			switch g.r.IntN(3) {
			case 0:
				u.Path = strings.TrimSuffix(u.Path, "/") + "/amp"
			case 1:
				u.Host = "amp." + strings.TrimPrefix(u.Host, "www.")
			default:
				addQuery("outputType=amp")
			}
		case "http":
			u.Scheme = "http"
		}
	}
	return u.String(), strings.Join(kinds, "+")
}

// cutWords cuts s to at most n bytes at a word boundary.
func cutWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:")
}

// periodRe finds the period an earnings headline reports on.
var periodRe = regexp.MustCompile(`\b(1ST|2ND|3RD|4TH|FIRST|SECOND|THIRD|FOURTH) (QTR|QUARTER|HALF)\b|\b(YEAR|NINE MTHS|SIX MTHS|NINE MONTHS|SIX MONTHS)\b`)

// periodOf returns the period of an earnings headline ("4TH QTR", "YEAR"),
// or "" when it names none.
func periodOf(title string) string { return periodRe.FindString(strings.ToUpper(title)) }

// SameReport reports whether two earnings reports of one company are the
// same report sent twice (the truth of the negatives, and what story
// detection may merge among them): at least half (and at least 2) of the figures of
// four or more digits of the one with fewer appear in the other, or 60% (at
// least 3) of all its figures do. Two periods' reports share almost none.
func SameReport(a, b string) bool {
	overlap := func(minDigits, minShared int, share float64) bool {
		fa, fb := figures(a, minDigits), figures(b, minDigits)
		if len(fa) > len(fb) {
			fa, fb = fb, fa
		}
		n := 0
		for f := range fa {
			if fb[f] {
				n++
			}
		}
		return n >= minShared && float64(n) >= share*float64(len(fa))
	}
	return overlap(4, 2, 0.5) || overlap(1, 3, 0.6)
}

// figures returns the tokens of s with at least minDigits digits
// ("2,665,000", "24.3"), trimmed of surrounding punctuation.
func figures(s string, minDigits int) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,;:()<>\"'")
		digits := 0
		for _, c := range w {
			if '0' <= c && c <= '9' {
				digits++
			}
		}
		if digits >= minDigits {
			m[w] = true
		}
	}
	return m
}
