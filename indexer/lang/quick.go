package lang

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The quick path of detection. lingua reads every trigram of the sample
// against 32 models, about 0.85 ms an article: for a feed or a dump that
// declares no language it was three quarters of a reindex (the shared
// corpora: 6 s with their lang, 23.6 s without). Most news text, though, gives itself
// away in its function words: a 300-byte English sample holds a dozen of
// "the", "of", "and", "said". quickDetect counts such words, and only
// when one language's words clearly outnumber every other list's does it
// answer without lingua; otherwise, and for every script but Latin,
// lingua decides.
//
// The lists of the languages it answers for hold words frequent in that
// language and rare in every other of the lists; the words neighbours
// share are left out ("das" is German and Portuguese, "war" German and
// English, "de" French, Spanish, Portuguese and Dutch), since a shared word
// in one list but not the other would count for the wrong language.
// Languages that are easily confused with each other (Danish and
// Norwegian, Czech and Slovak, Croatian and Slovene, Spanish and Catalan)
// are competitors only: when one of them wins, lingua decides.

// quickWords are the function words of each language quickDetect knows.
var quickWords = map[string][]string{
	"en": {"the", "and", "of", "to", "that", "for", "with", "from", "has", "have", "are", "this", "which",
		"said", "its", "were", "been", "not", "but", "they", "their", "his", "who", "would", "after",
		"about", "than", "also", "had", "it", "by", "at"},
	"de": {"der", "und", "von", "mit", "sich", "auf", "für", "ist", "dem", "nicht", "ein", "eine", "auch",
		"werden", "aus", "hat", "dass", "nach", "wird", "bei", "einer", "sind", "noch", "einem", "über",
		"einen", "zum", "haben", "nur", "oder", "aber", "zur", "durch", "im", "zu", "sie"},
	"fr": {"le", "les", "et", "du", "une", "est", "qui", "dans", "pour", "pas", "sur", "au", "avec", "sont",
		"aux", "ont", "été", "elle", "ses", "leur", "cette", "nous", "ce", "plus", "qu"},
	"es": {"el", "los", "las", "sus", "ya", "muy", "fue", "está", "también", "más", "pero", "cuando",
		"según", "sin", "hasta", "dijo", "tras", "años", "año", "hay", "otros"},
	"it": {"di", "che", "della", "è", "sono", "gli", "alla", "nel", "anche", "più", "delle", "questo", "nella",
		"dal", "degli", "sul", "dei", "perché", "stato", "essere", "non"},
	"pt": {"os", "em", "não", "uma", "com", "ao", "pelo", "pela", "seu", "sua", "também", "foi", "é", "nas",
		"às", "são", "ainda", "pode", "já", "seus", "suas", "pelos", "tem", "foram", "há", "numa"},
	"nl": {"het", "een", "van", "niet", "zijn", "voor", "ook", "bij", "door", "maar", "naar", "heeft", "wordt",
		"hij", "uit", "zich", "deze", "tot", "dat", "werd", "nog", "wel", "kan"},
	// Competitors only (see above): a win sends the text to lingua.
	"sv": {"och", "att", "det", "som", "är", "på", "för", "med", "av", "till", "inte", "ett", "om", "vid"},
	"da": {"og", "det", "som", "er", "på", "af", "til", "ikke", "med", "et", "fra", "om"},
	"no": {"og", "det", "som", "er", "på", "av", "til", "ikke", "med", "et", "fra", "om", "å"},
	"fi": {"ja", "että", "ei", "oli", "hän", "se", "myös", "kun", "ovat", "mutta", "tai", "sen", "joka"},
	"pl": {"na", "się", "nie", "że", "jest", "jak", "po", "przez", "oraz", "dla", "od"},
	"cs": {"na", "se", "je", "že", "jako", "pro", "které", "který", "jsou", "také"},
	"sk": {"na", "sa", "je", "že", "ako", "pre", "ktoré", "ktorý", "sú", "tiež"},
	"hr": {"je", "na", "se", "da", "su", "za", "od", "koji", "što", "ali", "kao", "iz"},
	"sl": {"je", "na", "se", "da", "za", "od", "ki", "pa", "tudi", "kot"},
	"hu": {"az", "és", "hogy", "nem", "egy", "meg", "már", "volt", "csak", "még"},
	"ro": {"și", "în", "cu", "că", "nu", "pe", "din", "este", "mai", "au", "fost"},
	"tr": {"ve", "bir", "bu", "da", "için", "ile", "olarak", "çok", "daha", "gibi", "olan"},
	"ca": {"els", "amb", "per", "dels", "és", "va", "aquest", "aquesta", "també", "però", "més", "perquè", "seva", "fins", "molt"},
	"id": {"yang", "dan", "di", "itu", "dengan", "untuk", "ini", "dari", "dalam", "tidak", "akan", "pada"},
	"vi": {"và", "của", "là", "có", "được", "cho", "không", "với", "các", "những", "một", "này"},
}

// quickAnswers are the languages quickDetect may answer for.
var quickAnswers = map[string]bool{"en": true, "de": true, "fr": true, "es": true, "it": true, "pt": true, "nl": true}

// quickLangs are the languages of quickWords in a fixed order, and
// quickIndex maps a function word to the positions in it of the languages
// whose list holds it.
var quickLangs, quickIndex = func() ([]string, map[string][]int) {
	langs := slices.Sorted(maps.Keys(quickWords))
	if len(langs) > 32 {
		panic("lang: more quick-path languages than quickDetect counts")
	}
	m := map[string][]int{}
	for i, l := range langs {
		for _, w := range quickWords[l] {
			m[w] = append(m[w], i)
		}
	}
	return langs, m
}()

// The rule, measured on the shared feeds and corpora
// (TestQuickDetectAgreesWithLingua): the winner needs quickMinWords hits,
// quickRatio times the runner-up's, and quickMinShare of the sample's
// words.
const (
	quickMinWords = 4
	quickRatio    = 3
	quickMinShare = 0.10
)

// quickDetect returns the language of a Latin-script sample when its
// function words leave no doubt, and ok=false when lingua must decide.
func quickDetect(text string) (code string, ok bool) {
	var hits [32]int // by position in quickLangs
	words := 0
	for w := range latinWords(text) {
		if len(w) == 1 {
			continue // table letters and initials ("L", "H", "J. Smith"); "é" is two bytes
		}
		words++
		for _, i := range quickIndex[w] {
			hits[i]++
		}
	}
	best, second := 0, 0
	for i := 1; i < len(quickLangs); i++ {
		if hits[i] > hits[best] {
			best, second = i, hits[best]
		} else {
			second = max(second, hits[i])
		}
	}
	h := hits[best]
	if !quickAnswers[quickLangs[best]] || h < quickMinWords || h < quickRatio*second ||
		float64(h) < quickMinShare*float64(words) {
		return "", false
	}
	return quickLangs[best], true
}

// latinWords yields the lower-cased words of s, split at every character
// that is not a letter (an apostrophe too: "l'économie" is "l" and
// "économie").
func latinWords(s string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			if unicode.IsLetter(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(lowerWord(s[start:i])) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(lowerWord(s[start:]))
		}
	}
}

// lowerWord lower-cases w, without allocating when it is lower case
// already.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}
