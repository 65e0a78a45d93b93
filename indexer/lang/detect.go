package lang

import (
	"sync"

	"github.com/pemistahl/lingua-go"
)

// Detected are the languages Detect chooses among: those news is most
// often written in. Fewer candidates make detection faster and surer; a
// language missing here is detected as its nearest neighbour (Slovak would
// be Czech without it), so it is only left out when no feed writes it.
var Detected = []lingua.Language{
	lingua.English, lingua.German, lingua.French, lingua.Spanish,
	lingua.Italian, lingua.Portuguese, lingua.Dutch, lingua.Swedish,
	lingua.Danish, lingua.Bokmal, lingua.Finnish, lingua.Polish,
	lingua.Czech, lingua.Slovak, lingua.Slovene, lingua.Croatian,
	lingua.Hungarian, lingua.Romanian, lingua.Turkish, lingua.Greek,
	lingua.Russian, lingua.Ukrainian, lingua.Chinese, lingua.Japanese,
	lingua.Korean, lingua.Arabic, lingua.Hebrew, lingua.Persian,
	lingua.Hindi, lingua.Indonesian, lingua.Vietnamese, lingua.Catalan,
}

// detector is built on first use: the models load lazily per language and
// are then shared, read-only, by every goroutine (lingua's detector is safe
// for concurrent use).
var detector = sync.OnceValue(func() lingua.LanguageDetector {
	return lingua.NewLanguageDetectorBuilder().
		FromLanguages(Detected...).
		WithLowAccuracyMode().
		Build()
})

// Detect returns the ISO 639-1 code of the language text is written in, or
// "" when it cannot tell (too little text, or no language clearly ahead).
//
// It uses lingua-go in its low-accuracy mode (trigrams only), chosen by
// measurement on the 538 items of the shared feeds that declare a language
// (en, de, nl, pt, sk, zh, kn, es, it): lingua agreed with 95.9% (98.7%
// without one feed that declares Kannada for English text) at 0.86 ms per
// 500-byte text; whatlanggo (v1.0.1) with 89.2% at 0.38 ms, 89.4% with a
// whitelist, and it cannot tell Slovak (it has no model: 30 of 30 Slovak
// items were called Slovene, Czech or Polish). Detection only runs for
// articles that need it (see Of), and a Latin-script text whose function
// words leave no doubt is answered without lingua (quick.go): 81% of the
// shared samples, 0.10–0.25 ms instead of 0.86–0.92 ms a text.
func Detect(text string) string {
	switch sc, latin := scriptLetters(text); sc {
	case scriptNone:
		return ""
	case scriptLatin:
		if l, ok := quickDetect(text); ok {
			return l
		}
		if latin < minLatinLetters {
			return "" // too little to tell: "Future / future text" was Catalan
		}
	}
	return detectLingua(text)
}

// minLatinLetters is the fewest letters a Latin-script text needs for
// lingua to be asked: below it, a few words match some language's
// trigrams as well as their own (two English words were called Catalan),
// and an unknown language, analysed as English, is the safer guess.
// Function words (quickDetect) still decide shorter texts.
const minLatinLetters = 40

// detectLingua is Detect without the quick path (quick.go).
func detectLingua(text string) string {
	l, ok := detector().DetectLanguageOf(text)
	if !ok {
		return ""
	}
	return code(l)
}

// shortLatinLetters is how many letters a Latin-script text needs before
// its detected language is trusted over its neighbours': measured wrong
// below it on the shared feeds ("Vaginal microbiome influences HIV
// acquisition", 41 letters, was French).
const shortLatinLetters = 120

// Unsure reports whether the language Detect gives text (which may be "")
// rests on too little: a Latin-script text of under shortLatinLetters
// letters whose function words did not decide it. A feed that declares no
// language gives such items the language of its other items (package
// ingest).
func Unsure(text string) bool {
	sc, latin := scriptLetters(text)
	if sc == scriptNone {
		return true
	}
	if sc != scriptLatin || latin >= shortLatinLetters {
		return false
	}
	_, quick := quickDetect(text)
	return !quick
}
