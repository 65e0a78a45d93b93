package textmatch

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"

	"github.com/syndex/syndex/indexer/lang"
)

// needleSafe reports whether every word with a stem of an contains the
// stem's needle (see stemNeedle): true when an's filters only lower-case,
// cut, drop stop words, strip English possessives and stem English (Porter
// in indexes before mapping version 6, Snowball's Porter2 since, behind
// lang.CachedStemmer), which
// rewrite at most a word's last letters (FuzzStemNeedle checks it). Other languages' stemmers fold
// accents and umlauts ("Häuser" is "haus" in German), so texts of those
// languages are analyzed whole instead of around needle occurrences. The
// accent folding (lang.FoldFilter) keeps the rule for texts without a
// foldable letter; the callers analyze the others whole
// (lang.HasFoldable).
func needleSafe(an analysis.Analyzer) bool {
	da, ok := an.(*analysis.DefaultAnalyzer)
	if !ok {
		return false
	}
	for _, f := range da.TokenFilters {
		switch f.(type) {
		case *lowercase.LowerCaseFilter, *truncate.TruncateTokenFilter, *stop.StopTokensFilter,
			*en.PossessiveFilter, *porter.PorterStemmer, *en.EnglishStemmerFilter, *lang.CachedStemmer, lang.FoldFilter:
		default:
			return false
		}
	}
	return true
}

// perToken reports whether each of an's filters looks at one token alone,
// which QuickStems needs; CJK bigrams join neighbouring tokens.
func perToken(da *analysis.DefaultAnalyzer) bool {
	for _, f := range da.TokenFilters {
		if _, ok := f.(*cjk.CJKBigramFilter); ok {
			return false
		}
	}
	return true
}
