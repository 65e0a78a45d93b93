package searchsvc

import "github.com/syndex/syndex/indexer/article"

// Response is the answer to a search.
type Response struct {
	// Total is the exact number of matches: stories by default, articles
	// with collapse=false (Counts says which).
	Total uint64 `json:"total"`
	// TotalArticles is the exact number of matching articles, every copy
	// of a story counted.
	TotalArticles uint64 `json:"total_articles"`
	// Counts is what Total and the facet counts count: CountStories or
	// CountArticles.
	Counts string `json:"counts"`
	// TookMS is the time the search took, in milliseconds.
	TookMS float64   `json:"took_ms"`
	Query  QueryInfo `json:"query"`
	// Corrected says the hits are those of a spelling-corrected query
	// (Query.Used) because the query as typed found too few.
	Corrected bool `json:"corrected"`
	// DidYouMean is a better-spelled query built from the index's terms.
	DidYouMean string  `json:"did_you_mean,omitempty"`
	Hits       []Hit   `json:"hits"`
	Facets     *Facets `json:"facets,omitempty"`
	// NextCursor continues after the last hit; absent on the last page.
	NextCursor string `json:"next_cursor,omitempty"`
	Page       int    `json:"page,omitempty"`
	Size       int    `json:"size"`
	// Offset is how many hits (stories, or articles with all_copies) come
	// before this page's first, on a page or a cursor alike, so that a
	// client numbering results goes on from the previous page.
	Offset int `json:"offset"`
}

// QueryInfo is the query as the service understood it.
type QueryInfo struct {
	// Q is the search box text as given.
	Q string `json:"q"`
	// Parsed is Q in canonical syntax; Used is the query that ran, which
	// differs when Corrected.
	Parsed string `json:"parsed"`
	Used   string `json:"used"`
	// Original is the query as typed when the results are those of a
	// corrected one (Used); correct=false searches it exactly.
	Original string `json:"original,omitempty"`
	// Ignored are words that carry no meaning for search (stop words) in
	// the language of most articles; in other languages they may still be
	// words that must match (English "the" is no German stop word).
	Ignored []string `json:"ignored,omitempty"`
	Sort    string   `json:"sort"`
	Filters Filters  `json:"filters"`
}

// Hit is one article of a result page.
type Hit struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	URL       string   `json:"url,omitempty"`
	Source    string   `json:"source,omitempty"`
	Author    string   `json:"author,omitempty"`
	Published string   `json:"published,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Score     float64  `json:"score"`
	// TitleHTML and Snippet are HTML: every character of the article is
	// escaped and only <mark> elements, around query matches, are added.
	TitleHTML string `json:"title_html"`
	Snippet   string `json:"snippet"`
	// Story is the id of the article's story (its group of syndicated
	// copies); Copies the number of other articles in it.
	Story  string `json:"story,omitempty"`
	Copies int    `json:"copies"`
	// AlsoIn lists the other copies of the story, oldest first (at most
	// MaxAlsoIn), on collapsed searches.
	AlsoIn []Copy `json:"also_in,omitempty"`
}

// Copy is another article of a hit's story.
type Copy struct {
	ID        string `json:"id"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// What Response.Counts can say.
const (
	CountStories  = "stories"
	CountArticles = "articles"
)

// MaxAlsoIn bounds the copies listed per hit; Copies has the full number.
const MaxAlsoIn = 20

// ArticleView is an article as the API shows it: its cleaned text and
// metadata, and its place in its story.
type ArticleView struct {
	*article.Article
	// Original is the id of the story's original: its earliest published
	// article (the article itself when it has no copies).
	Original string `json:"original"`
	// Copies are the ids of the story's other articles, oldest first.
	Copies []string `json:"copies"`
}

// Facets are the counts that let a page refine a search. The source and tag
// facets are disjunctive: each counts the matches under every filter except
// its own, so that with source=A selected the source facet still offers B
// with the number "A or B" would add. The published facet counts under all
// filters, dates included, so that it drills down (years, then months,
// then days) as the date range narrows. All counts are exact.
type Facets struct {
	// Counts says what the counts count: CountStories (a story counts once
	// per value any of its matching copies has) or CountArticles.
	Counts    string     `json:"counts"`
	Source    *TermFacet `json:"source,omitempty"`
	Tag       *TermFacet `json:"tag,omitempty"`
	Author    *TermFacet `json:"author,omitempty"`
	Lang      *TermFacet `json:"lang,omitempty"`
	Published *DateFacet `json:"published,omitempty"`
}

// TermFacet counts the values of a keyword field.
type TermFacet struct {
	// Values are the top values by count (facet_size of them), then every
	// selected value that is not among them.
	Values []FacetValue `json:"values"`
	// Other counts the matches of values left out; Missing the matches
	// without any value.
	Other   int `json:"other"`
	Missing int `json:"missing"`
}

// FacetValue is one value of a term facet.
type FacetValue struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// DateFacet is the published facet: a histogram whose bucket size follows
// the span of the matches, and fixed ranges ending now.
type DateFacet struct {
	// Interval is the bucket size: day, week (ISO, from Monday), month or
	// year.
	Interval string       `json:"interval"`
	Buckets  []DateBucket `json:"buckets"`
	Ranges   []DateRange  `json:"ranges"`
	// Undated counts the matches without a publication date.
	Undated int `json:"undated"`
}

// DateBucket is one histogram bucket; Start and End are inclusive days.
type DateBucket struct {
	Key   string `json:"key"`
	Start string `json:"start"`
	End   string `json:"end"`
	Count int    `json:"count"`
}

// DateRange counts the matches published since From.
type DateRange struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	From  string `json:"from"`
	Count int    `json:"count"`
}

// RelatedResponse is the answer to Related.
type RelatedResponse struct {
	ID string `json:"id"`
	// Terms are the distinctive stems the search used, most weighty first.
	Terms  []string `json:"terms"`
	Hits   []Hit    `json:"hits"`
	TookMS float64  `json:"took_ms"`
}

// Suggestions answer GET /api/v1/suggest.
type Suggestions struct {
	Q string `json:"q"`
	// Completions are titles matching what has been typed so far.
	Completions []Completion `json:"completions"`
	// Terms are the most used title words starting with the word being typed.
	Terms  []TermSuggestion `json:"terms"`
	TookMS float64          `json:"took_ms"`
}

// Completion is a title suggestion.
type Completion struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	TitleHTML string `json:"title_html"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
}

// TermSuggestion is a word and the number of titles using it (or its
// variants with the same stem).
type TermSuggestion struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}
