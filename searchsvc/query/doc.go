// Package query is the search-box language: it parses what a reader types
// into a plain AST (Query, Clause, Unit) that backends turn into their own
// queries, and renders it back in canonical form (cursors carry it). It
// imports nothing of the project and nothing of Bleve.
//
// # Search box syntax
//
//	oil prices              every word must match, in the title or the body,
//	                        stemmed with the index's English analyzer
//	                        ("prices" finds "price"); a title match weighs
//	                        2.5 times a body match
//	"crude oil"             an exact phrase (its words adjacent, in order,
//	                        as typed)
//	oil -opec               - excludes a word, a "phrase" or a filter
//	bitcoin OR ethereum     either unit; OR binds tighter than the implicit
//	                        AND, so "a b OR c" is a AND (b OR c); lower-case
//	                        "or" works too (it is a stop word anyway)
//	source:Reuters          filters typed into the box (source, tag and
//	author:"Jane Doe"       author); values may be quoted
//	tag:"crude oil"         (source:"BBC News") and match case-insensitively;
//	                        several values of one field joined by OR
//	                        (source:A OR source:B) widen it
//	title:opec              the word (or title:"phrase", title:infla*) in
//	                        the title only
//	infla*                  a prefix of at least 3 letters: the 50 index
//	                        terms starting with it that most articles hold
//	"running"               inside quotes words match exactly as typed (case
//	                        aside), not stemmed: "running" is not "runs"
//
// Anything else is a word: characters of Bleve's query-string syntax
// (* ? ~ ^ / \ : + ! ( ) { } [ ] < > = |) become spaces (a * ending a word
// of 3+ letters makes it a prefix, expanded by the engine to a bounded set
// of index terms), and nothing the
// user types is ever handed to Bleve's query-string parser, so wildcards,
// regular expressions and fuzzy operators cannot reach the engine. A word
// that splits into several tokens ("covid-19", "24/7") is searched as a
// phrase. Stop words ("the", "of") are ignored and reported. A query may be
// at most 1024 bytes with at most 32 words, phrases and filters.
//
// An empty query lists articles, newest first, under the filters.
package query
