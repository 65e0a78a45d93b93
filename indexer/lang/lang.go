// Package lang knows the languages of articles: it reads what inputs
// declare ("de-DE", "deu", "German", "zh_Hans"), detects the language of
// articles that declare none or one their text contradicts, and names the
// Bleve analyzer each language is indexed with (see analyzers.go).
//
// Languages are ISO 639-1 codes, lower case, without region: "pt-BR" and
// "pt-PT" are one facet value and one analyzer.
package lang

import (
	"strings"
	"unicode"

	"github.com/pemistahl/lingua-go"
)

// Normalize returns the ISO 639-1 code of a declared language, or "" when
// s names none: a two-letter code with or without region or script
// ("en-US", "zh_Hant"), a three-letter ISO 639-2/3 code ("deu", "ger"), or
// an English language name ("German"). Obsolete codes are mapped to their
// successors (iw → he, in → id, ji → yi) and the Norwegian written forms
// (nb, nn) to no, which is how Bleve names its analyzer and how feeds most
// often say it.
func Normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_ .;,"); i > 0 && len(s) > 3 {
		// "en-us", "zh_hans", "de-de,en": the primary subtag. Names are
		// single words, so this does not cut one.
		if head := s[:i]; len(head) == 2 || len(head) == 3 {
			s = head
		}
	}
	if len(s) < 2 || len(s) > 20 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	switch s {
	case "iw":
		return "he"
	case "in":
		return "id"
	case "ji":
		return "yi"
	case "no", "nb", "nn", "nob", "nno", "nor", "norwegian", "bokmal", "nynorsk":
		return "no"
	case "ger":
		return "de"
	case "fre":
		return "fr"
	case "dut":
		return "nl"
	case "chi":
		return "zh"
	case "cze":
		return "cs"
	case "slo":
		return "sk"
	case "gre":
		return "el"
	case "per":
		return "fa"
	case "rum":
		return "ro"
	}
	switch len(s) {
	case 2:
		if c := lingua.GetIsoCode639_1FromValue(s); c != lingua.UnknownIsoCode639_1 {
			return s
		}
		if _, ok := otherCodes[s]; ok {
			return s
		}
		return ""
	case 3:
		if l := lingua.GetLanguageFromIsoCode639_3(lingua.GetIsoCode639_3FromValue(s)); l != lingua.Unknown {
			return code(l)
		}
		return ""
	}
	for _, l := range lingua.AllLanguages() {
		if strings.EqualFold(l.String(), s) {
			return code(l)
		}
	}
	return ""
}

// otherCodes are ISO 639-1 codes of languages news is written in that
// lingua does not know (it knows 75), so that a feed declaring them keeps
// its language.
var otherCodes = map[string]struct{}{
	"ne": {}, "si": {}, "km": {}, "lo": {}, "my": {}, "am": {}, "ps": {},
	"ku": {}, "ky": {}, "tg": {}, "uz": {}, "tk": {}, "mt": {}, "lb": {},
	"fy": {}, "gd": {}, "br": {}, "oc": {}, "co": {}, "fo": {}, "jv": {},
	"su": {}, "ml": {}, "kn": {}, "or": {}, "as": {}, "sd": {}, "ha": {},
	"ig": {}, "zu": {}, "xh": {}, "ht": {}, "mg": {}, "sm": {}, "to": {},
	"fj": {}, "qu": {}, "ay": {}, "gn": {}, "dv": {}, "bo": {}, "ug": {},
	"iu": {}, "se": {}, "rm": {}, "wa": {}, "li": {}, "an": {},
}

// code is the ISO 639-1 code of a lingua language, in Normalize's form.
func code(l lingua.Language) string {
	c := strings.ToLower(l.IsoCode639_1().String())
	if c == "nb" || c == "nn" {
		return "no"
	}
	return c
}

// Of returns the language of an article: the declared one when its text
// does not contradict it, else the detected one (see Detect), else "".
// A declared language contradicts the text when they are written in
// different scripts: the common case is a CMS that says "en-US" whatever
// its authors write. A German text declared English is not caught (that
// would mean detecting every article, which costs about 0.85 ms each).
func Of(declared, title, body string) string {
	d := Normalize(declared)
	sample := Sample(title, body)
	if d != "" {
		s := scriptOf(sample)
		if s == scriptNone || s == scriptOfLang(d) {
			return d
		}
	}
	if det := Detect(sample); det != "" {
		return det
	}
	return d
}

// sampleBytes is how much text detection reads, which bounds its cost.
// Measured on the shared feeds (TestDetectSharedFeeds, BenchmarkDetect):
// 95.5% agree with the declared language at 200 bytes, 95.7% at 300, 400
// and 1,000; 0.6, 0.85, 0.9 and 3.5 ms per article.
const sampleBytes = 300

// Sample returns the text detection reads: the title and the start of the
// body, cut at a character boundary.
func Sample(title, body string) string {
	s := title
	if len(s) < sampleBytes && body != "" {
		s += "\n" + body
	}
	if len(s) <= sampleBytes {
		return s
	}
	cut := sampleBytes
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// script is the writing system of a text or a language, coarsely: enough to
// tell a declaration that cannot be right.
type script int

const (
	scriptNone script = iota // no letters to tell
	scriptLatin
	scriptCJK
	scriptCyrillic
	scriptArabic
	scriptGreek
	scriptHebrew
	scriptOther
)

// scriptOf returns the script most letters of s are written in.
func scriptOf(s string) script {
	sc, _ := scriptLetters(s)
	return sc
}

// scriptLetters is scriptOf and the number of Latin letters of s.
func scriptLetters(s string) (script, int) {
	var n [scriptOther + 1]int
	for _, r := range s {
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				n[scriptLatin]++
			}
		case !unicode.IsLetter(r):
		case unicode.In(r, unicode.Latin):
			n[scriptLatin]++
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			// A CJK character carries a word or a syllable, several Latin
			// letters' worth.
			n[scriptCJK] += 3
		case unicode.In(r, unicode.Cyrillic):
			n[scriptCyrillic]++
		case unicode.In(r, unicode.Arabic):
			n[scriptArabic]++
		case unicode.In(r, unicode.Greek):
			n[scriptGreek]++
		case unicode.In(r, unicode.Hebrew):
			n[scriptHebrew]++
		default:
			n[scriptOther]++
		}
	}
	best, total := scriptNone, 0
	for sc := scriptLatin; sc <= scriptOther; sc++ {
		total += n[sc]
		if n[sc] > n[best] {
			best = sc
		}
	}
	if total < 8 {
		return scriptNone, n[scriptLatin]
	}
	return best, n[scriptLatin]
}

// scriptOfLang returns the script a language is written in.
func scriptOfLang(code string) script {
	switch code {
	case "zh", "ja", "ko":
		return scriptCJK
	case "ru", "uk", "bg", "sr", "be", "mk", "kk", "mn", "ky", "tg":
		return scriptCyrillic
	case "ar", "fa", "ur", "ps", "ku", "sd", "ug":
		return scriptArabic
	case "el":
		return scriptGreek
	case "he", "yi":
		return scriptHebrew
	case "hi", "mr", "ne", "bn", "pa", "gu", "ta", "te", "kn", "ml", "si", "th", "lo", "km", "my", "ka", "hy", "am", "bo", "dv", "or", "as", "iu":
		return scriptOther
	}
	return scriptLatin
}
