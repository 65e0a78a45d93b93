// Package searchsvc is syndex's search service: the core that parses the
// search box, builds Bleve queries, counts facets, highlights and corrects
// (Service), and the HTTP API over it (Server). Handlers are thin; tests
// and `syndex search` call the core directly.
//
// # Search box syntax
//
//	oil prices              every word must match, in the title or the body,
//	                        stemmed with the index's English analyzer
//	                        ("prices" finds "price"); a title match weighs
//	                        2.5 times a body match
//	"crude oil"             an exact phrase (its words adjacent, in order)
//	oil -opec               - excludes a word, a "phrase" or a filter
//	bitcoin OR ethereum     either unit; OR binds tighter than the implicit
//	                        AND, so "a b OR c" is a AND (b OR c); lower-case
//	                        "or" works too (it is a stop word anyway)
//	source:Reuters          filters typed into the box; values may be quoted
//	tag:"crude oil"         (source:"BBC News") and match case-insensitively;
//	                        several values of one field joined by OR
//	                        (source:A OR source:B) widen it
//
// Anything else is a word: characters of Bleve's query-string syntax
// (* ? ~ ^ / \ : + ! ( ) { } [ ] < > = |) become spaces, and nothing the
// user types is ever handed to Bleve's query-string parser, so wildcards,
// regular expressions and fuzzy operators cannot reach the engine. A word
// that splits into several tokens ("covid-19", "24/7") is searched as a
// phrase. Stop words ("the", "of") are ignored and reported. A query may be
// at most 1024 bytes with at most 32 words, phrases and filters.
//
// An empty query lists articles, newest first, under the filters.
//
// # Relevance
//
// With sort=relevance (the default when the query has words) each match is
// scored
//
//	score = bm25 × (1 + 0.5 × 2^(−age / 14 days))
//
// where bm25 is Bleve's BM25 score (k1 = 1.2, b = 0.75) of the query: the
// sum over its clauses; a word or phrase scores its title match boosted
// 2.5× plus its body match, times the share of the two fields that match
// (Bleve's coordination factor); an OR clause scores its matching
// alternatives, times their share. age is now minus the publication time
// (0 for future dates; undated articles get no boost). A story published today gets up to +50%, a
// two-week-old one +25%, a three-month-old one +0.7%: among equally good
// matches the newer ranks first, while a much better older match still
// wins. Exact ties (syndicated copies of one story) are broken by
// publication time, newest first, then by id. "now" is frozen in the
// cursor, so scores and order stay the same on every page.
//
// # Typo tolerance
//
// When a query finds fewer than 3 articles, each of its words of 5 letters
// or more is looked up in the index's term dictionaries for a spelling
// within 1 edit (words of 5-8 letters) or 2 edits (9 or more), a swap of
// adjacent letters counting as one edit, that appears in at least 5 times
// as many articles. If the corrected query finds more, its results are
// returned with "corrected": true and query.used set to it. did_you_mean
// suggests the correction whenever a word is found in at most 2 articles
// and a correction exists.
//
// # Performance
//
// Every match of a query passes through the root searcher (engine.go),
// which evaluates the filters and counts the facets from per-snapshot
// in-memory columns (columns.go) instead of Bleve's doc values; sorting by
// date uses the same columns. Phrases need term positions, which the index
// does not store; they are checked on the stored text (verify.go) and are
// the slowest queries (1-6 ms at 35k articles, against 0.5-1.7 ms with
// positions).
package searchsvc
