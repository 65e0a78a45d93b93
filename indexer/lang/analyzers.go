package lang

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer is how the title and body of articles in some languages are
// indexed, and how query words are analysed to match them.
type Analyzer struct {
	// Name is the Bleve analyzer's name in the index mapping; it is also
	// the document type of the articles it indexes.
	Name string
	// Langs are the languages it serves (ISO 639-1).
	Langs []string
	// filters are Bleve's token filters for the language, after the cut.
	filters []string
}

// analyzers are Bleve's analyzers for the languages it stems, each
// preceded by the word cut: the same filters as Bleve's own analyzer of
// that language. Slot 0, English, is also the analyzer of articles whose
// language is unknown (most unlabelled news here is English); slot 1, for
// languages Bleve has no stemmer for, only lower-cases. Chinese, Japanese
// and Korean are indexed as overlapping character pairs (bigrams), since
// they are written without spaces.
//
// The order is part of the index format (MappingVersion): only append.
var analyzers = []Analyzer{
	{Name: "syndex_en", Langs: []string{"en"}, filters: []string{en.PossessiveName, lowercase.Name, en.StopName, CachedEnglishStemmerName}},
	{Name: "syndex_plain", filters: []string{lowercase.Name}},
	{Name: "syndex_cjk", Langs: []string{"zh", "ja", "ko"}, filters: []string{cjk.WidthName, lowercase.Name, cjk.BigramName}},
	{Name: "syndex_de", Langs: []string{"de"}, filters: []string{lowercase.Name, de.StopName, de.NormalizeName, de.LightStemmerName}},
	{Name: "syndex_fr", Langs: []string{"fr"}, filters: []string{lowercase.Name, fr.ElisionName, fr.StopName, fr.LightStemmerName}},
	{Name: "syndex_es", Langs: []string{"es"}, filters: []string{lowercase.Name, es.StopName, es.NormalizeName, es.LightStemmerName}},
	{Name: "syndex_it", Langs: []string{"it"}, filters: []string{lowercase.Name, it.ElisionName, it.StopName, it.LightStemmerName}},
	{Name: "syndex_pt", Langs: []string{"pt"}, filters: []string{lowercase.Name, pt.StopName, pt.LightStemmerName}},
	{Name: "syndex_nl", Langs: []string{"nl"}, filters: []string{lowercase.Name, nl.StopName, nl.SnowballStemmerName}},
	{Name: "syndex_ru", Langs: []string{"ru"}, filters: []string{lowercase.Name, ru.StopName, ru.SnowballStemmerName}},
	{Name: "syndex_sv", Langs: []string{"sv"}, filters: []string{lowercase.Name, sv.StopName, sv.SnowballStemmerName}},
	{Name: "syndex_da", Langs: []string{"da"}, filters: []string{lowercase.Name, da.StopName, da.SnowballStemmerName}},
	{Name: "syndex_no", Langs: []string{"no"}, filters: []string{lowercase.Name, no.StopName, no.SnowballStemmerName}},
	{Name: "syndex_fi", Langs: []string{"fi"}, filters: []string{lowercase.Name, fi.StopName, fi.SnowballStemmerName}},
	{Name: "syndex_ro", Langs: []string{"ro"}, filters: []string{lowercase.Name, ro.StopName, ro.SnowballStemmerName}},
	{Name: "syndex_hu", Langs: []string{"hu"}, filters: []string{lowercase.Name, hu.StopName, hu.SnowballStemmerName}},
	{Name: "syndex_tr", Langs: []string{"tr"}, filters: []string{apostrophe.Name, lowercase.Name, tr.StopName, tr.SnowballStemmerName}},
}

// Slot numbers of the analyzers with a special role.
const (
	// DefaultSlot indexes English and articles of unknown language.
	DefaultSlot = 0
	// PlainSlot indexes languages without a stemmer.
	PlainSlot = 1
)

// slotOfLang maps a language to its analyzer's slot.
var slotOfLang = func() map[string]int {
	m := map[string]int{}
	for i, a := range analyzers {
		for _, l := range a.Langs {
			m[l] = i
		}
	}
	return m
}()

// Analyzers returns the analyzers by slot (a copy).
func Analyzers() []Analyzer { return append([]Analyzer(nil), analyzers...) }

// Slot returns the slot of the analyzer for a language as Normalize
// returns it: DefaultSlot for "", PlainSlot for a language Bleve does not
// stem.
func Slot(code string) int {
	if code == "" {
		return DefaultSlot
	}
	if s, ok := slotOfLang[code]; ok {
		return s
	}
	return PlainSlot
}

// Register adds every analyzer to im, each starting with the word
// tokenizer and token filter cut (which bounds the length of a word) and
// ending with the Latin accent folding.
func Register(im *mapping.IndexMappingImpl, cut string) error {
	for _, a := range analyzers {
		err := im.AddCustomAnalyzer(a.Name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": append(append([]string{cut}, a.filters...), FoldName),
		})
		if err != nil {
			return fmt.Errorf("analyzer %s: %w", a.Name, err)
		}
	}
	return nil
}
