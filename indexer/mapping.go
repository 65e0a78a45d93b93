package indexer

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/lang"
)

// MappingVersion changes whenever the mapping or the document fields change
// incompatibly; an index built with another version must be rebuilt with
// `syndex reindex`, and Open says so.
const MappingVersion = 8

// AnalyzerName is the analyzer of the title and body of English articles
// and of articles of unknown language (each other language has its own, see
// package lang), and the one the spelling corrector and suggestions use:
// Bleve's English analyzer (unicode words, possessives, lower case, stop
// words, Snowball English (Porter2) stems) with each word first cut to MaxTokenRunes. The cut
// is what keeps hostile text cheap: a 5 MB "word" would otherwise be one
// 5 MB term that every prefix and fuzzy lookup of the spelling corrector
// and the suggester walks over. Words are cut, not dropped, so a long
// compound stays findable by its first MaxTokenRunes letters (the query is
// cut the same way).
const AnalyzerName = "syndex_en"

// MaxTokenRunes is the longest indexed word, in characters (at most 256
// bytes); the longest words of real news text are German compounds and
// chemical names of 40-60 letters.
const MaxTokenRunes = 64

// Field names in the index. They are the contract between the indexer and
// the search service.
const (
	FieldTitle     = "title"
	FieldBody      = "body"
	FieldURL       = "url"
	FieldCanonical = "canonical_url"
	FieldSource    = "source"
	FieldDomain    = "source_domain"
	FieldAuthor    = "author"
	FieldTags      = "tags"
	FieldLang      = "lang"
	// FieldPublished is the publication time as a keyword in
	// PublishedLayout, with doc values (the sort and recency column) and
	// stored. It is not a Bleve datetime: that indexes 16 prefix-coded terms
	// per value for numeric ranges, 14% of the index and of the indexing
	// time, which nothing needs — date ranges are counted and checked on
	// the column and driven, when they must be, by FieldDay terms.
	FieldPublished = "published"
	// FieldDay is the publication day as a keyword (2006-01-02). Date facets
	// count it with a terms facet over doc values, O(hits), and fold days into
	// weeks, months or years; one date range per bucket would be
	// O(hits × buckets).
	FieldDay = "day"
	// FieldStory is the story id of an article: the id of the first article
	// of its group of near-duplicate copies (see package story). A keyword with
	// doc values, for collapsing and counting stories.
	FieldStory = "story"
	// FieldAnalyzer is the analyzer of the article's title and body (its
	// language's, see package lang), an unstored keyword: a query word that
	// is a stop word in some language must not exclude that language's
	// articles, and this is how the query names them.
	FieldAnalyzer = "analyzer"
)

// PublishedLayout is how FieldPublished is written: RFC 3339 in UTC with
// all nine fraction digits, so that every value has the same length and
// the terms sort in time order (years 0001–9999; ingest keeps dates in
// clean.MinYear–clean.MaxYear). time.RFC3339Nano parses it.
const PublishedLayout = "2006-01-02T15:04:05.000000000Z"

// FormatPublished is t as FieldPublished holds it.
func FormatPublished(t time.Time) string { return t.UTC().Format(PublishedLayout) }

// newDocument is what is written to Bleve for an Article: only the fields
// search needs, plus the derived day. It is a map so that absent values are
// absent: Bleve would index an empty struct field as an empty term.
func newDocument(a *article.Article) map[string]any {
	d := make(map[string]any, 13)
	set := func(k, v string) {
		if v != "" {
			d[k] = v
		}
	}
	set(FieldTitle, a.Title)
	set(FieldBody, a.Body)
	set(FieldURL, a.URL)
	set(FieldCanonical, a.CanonicalURL)
	set(FieldSource, a.Source)
	set(FieldDomain, a.SourceDomain)
	set(FieldAuthor, a.Author)
	set(FieldLang, a.Lang)
	set(FieldStory, a.Story)
	slot := lang.Slot(a.Lang)
	d[FieldAnalyzer] = lang.Analyzers()[slot].Name
	if slot != lang.DefaultSlot {
		// The document type selects the mapping whose title and body use
		// the language's analyzer (see NewMapping).
		d[typeField] = lang.Analyzers()[slot].Name
	}
	if len(a.Tags) > 0 {
		d[FieldTags] = a.Tags
	}
	if !a.Published.IsZero() {
		p := a.Published.UTC()
		d[FieldPublished] = FormatPublished(p)
		d[FieldDay] = p.Format(time.DateOnly)
	}
	return d
}

// NewMapping returns the index mapping, defined here and nowhere else.
//
// Title and body use the analyzer of the article's language (package lang:
// Bleve's stemming and stop words for 17 languages, character pairs for
// Chinese, Japanese and Korean, lower case only for the others; English for
// articles of unknown language), each with words cut to MaxTokenRunes. One
// document mapping per analyzer, chosen by the document's type, keeps one
// index with one set of fields: queries are analysed in every language the
// index holds (see bleveengine). A Bleve match query must name its
// analyzer: left to the mapping, it would get any language's. Title and body are
// stored so hits can be rendered and highlighted, but carry no term vectors:
// the search service highlights by re-analyzing the few stored texts it
// shows, which keeps the index far smaller. Nothing goes into the composite
// _all field, since queries always name their fields (35% faster indexing).
// Source, tags, language, author, day and story are keywords with doc values because
// they are filters and facets or, for story, the key search collapses copies on; published is a
// keyword in PublishedLayout with doc values, for sorting and date filters.
func NewMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = AnalyzerName
	text.Store = true
	text.IncludeTermVectors = false
	text.IncludeInAll = false
	text.DocValues = false

	facet := bleve.NewKeywordFieldMapping()
	facet.Store = true
	facet.IncludeInAll = false
	facet.DocValues = true
	facet.IncludeTermVectors = false

	facetOnly := bleve.NewKeywordFieldMapping()
	facetOnly.Store = false
	facetOnly.IncludeInAll = false
	facetOnly.DocValues = true
	facetOnly.IncludeTermVectors = false

	storedOnly := bleve.NewTextFieldMapping()
	storedOnly.Index = false
	storedOnly.Store = true
	storedOnly.IncludeInAll = false
	storedOnly.DocValues = false
	storedOnly.IncludeTermVectors = false

	indexedOnly := bleve.NewKeywordFieldMapping()
	indexedOnly.Store = false
	indexedOnly.IncludeInAll = false
	indexedOnly.DocValues = false
	indexedOnly.IncludeTermVectors = false

	keywordNoDV := bleve.NewKeywordFieldMapping()
	keywordNoDV.Store = true
	keywordNoDV.IncludeInAll = false
	keywordNoDV.DocValues = false
	keywordNoDV.IncludeTermVectors = false

	date := bleve.NewKeywordFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	date.DocValues = true
	date.IncludeTermVectors = false

	im := bleve.NewIndexMapping()
	im.TypeField = typeField
	const cut = "syndex_cut"
	if err := im.AddCustomTokenFilter(cut, map[string]any{"type": truncate.Name, "length": float64(MaxTokenRunes)}); err != nil {
		panic(err) // a constant definition: fails in every test or never
	}
	if err := lang.Register(im, cut); err != nil {
		panic(err)
	}
	for slot, an := range lang.Analyzers() {
		t := *text
		t.Analyzer = an.Name
		dm := articleMapping(&t, facet, facetOnly, storedOnly, keywordNoDV, indexedOnly, date)
		if slot == lang.DefaultSlot {
			im.DefaultMapping = dm
		} else {
			im.AddDocumentMapping(an.Name, dm)
		}
	}
	im.DefaultAnalyzer = keyword.Name
	im.DefaultField = FieldBody
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = "bm25"
	return im
}

// typeField names the document type in what newDocument returns: the
// analyzer of the article's language. It is not indexed.
const typeField = "_type"

// articleMapping maps the fields of an article, text with the given
// mapping (which names the language's analyzer).
func articleMapping(text, facet, facetOnly, storedOnly, keywordNoDV, indexedOnly, date *mapping.FieldMapping) *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldTitle, text)
	dm.AddFieldMappingsAt(FieldBody, text)
	dm.AddFieldMappingsAt(FieldURL, storedOnly)
	dm.AddFieldMappingsAt(FieldCanonical, storedOnly)
	dm.AddFieldMappingsAt(FieldSource, facet)
	dm.AddFieldMappingsAt(FieldDomain, keywordNoDV)
	dm.AddFieldMappingsAt(FieldAuthor, facet)
	dm.AddFieldMappingsAt(FieldTags, facet)
	dm.AddFieldMappingsAt(FieldLang, facet)
	dm.AddFieldMappingsAt(FieldStory, facet)
	dm.AddFieldMappingsAt(FieldPublished, date)
	dm.AddFieldMappingsAt(FieldDay, facetOnly)
	dm.AddFieldMappingsAt(FieldAnalyzer, indexedOnly)
	return dm
}
