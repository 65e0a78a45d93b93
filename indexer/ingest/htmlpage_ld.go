package ingest

import (
	"encoding/json"
	"strings"
)

// What a page's schema.org JSON-LD (<script type="application/ld+json">)
// says about its article. News sites fill it for search engines, often
// better than their meta tags: the whole headline where <title> is cut for
// tabs, the author where the meta names a profile URL, the keywords where
// there are no article:tag metas.

// ldArticle is the article a page's JSON-LD describes (Found: it has one,
// which makes the page an article page); empty fields were not given (or
// not as text).
type ldArticle struct {
	Found                                        bool
	Headline, Author, Published, Lang, Publisher string
	Keywords                                     []string
}

// maxLDBytes bounds the JSON-LD read from one page: article data is a few
// KB, and a page is already bounded by the request and file limits.
const maxLDBytes = 1 << 20

// parseArticleLD finds the first article object (NewsArticle, Article,
// BlogPosting and the other articleTypes, at the top level, in
// an array or in an @graph) in the JSON-LD blocks of a page. Blocks that
// are not valid JSON are skipped: they are the site's, not the reader's,
// mistake, and the meta tags still describe the page.
func parseArticleLD(blocks []string) ldArticle {
	total := 0
	for _, b := range blocks {
		if total += len(b); total > maxLDBytes {
			break
		}
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(b)), &v) != nil {
			continue
		}
		if obj := findArticleLD(v, 0); obj != nil {
			return ldArticle{
				Found:     true,
				Headline:  ldText(obj["headline"]),
				Author:    ldNames(obj["author"]),
				Published: ldText(obj["datePublished"]),
				Lang:      ldText(obj["inLanguage"]),
				Publisher: ldNames(obj["publisher"]),
				Keywords:  ldKeywords(obj["keywords"]),
			}
		}
	}
	return ldArticle{}
}

// findArticleLD walks v (to a small depth: JSON-LD nests a graph in an
// array at most) for an object whose @type is an article type.
func findArticleLD(v any, depth int) map[string]any {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if o := findArticleLD(e, depth+1); o != nil {
				return o
			}
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			return x
		}
		if g, ok := x["@graph"]; ok {
			return findArticleLD(g, depth+1)
		}
	}
	return nil
}

// articleTypes are the schema.org types of one article.
var articleTypes = map[string]bool{"NewsArticle": true, "Article": true, "BlogPosting": true,
	"ReportageNewsArticle": true, "AnalysisNewsArticle": true, "OpinionNewsArticle": true,
	"ReviewNewsArticle": true, "BackgroundNewsArticle": true, "LiveBlogPosting": true}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.TrimPrefix(x, "https://schema.org/")] || articleTypes[strings.TrimPrefix(x, "http://schema.org/")]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldText is a JSON-LD value as one line of text: a string, or the first
// string of an array; anything else is not text.
func ldText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.Join(strings.Fields(x), " ")
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return strings.Join(strings.Fields(s), " ")
			}
		}
	}
	return ""
}

// ldNames is a person or organization value as names: a string, an object's
// "name", or those of an array joined with ", " (several authors).
func ldNames(v any) string {
	switch x := v.(type) {
	case string:
		if isHTTPURL(x) {
			return ""
		}
		return strings.Join(strings.Fields(x), " ")
	case map[string]any:
		return ldNames(x["name"])
	case []any:
		var names []string
		for _, e := range x[:min(len(x), 10)] {
			if _, nested := e.([]any); nested {
				continue
			}
			if n := ldNames(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// ldKeywords are the keywords: an array of strings, or one string of
// comma-separated words, as schema.org allows both.
func ldKeywords(v any) []string {
	switch x := v.(type) {
	case string:
		return splitKeywords(x)
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out
	}
	return nil
}
