// Package bleveengine is the Bleve backend of the search service (a
// searchsvc.Backend): Request → plan (build.go, engine.go) → execute with
// the root searcher over per-snapshot columns (columns.go) → story
// collapsing (collapse.go) → facets (facets.go) → hits and highlighting
// (search.go, with textmatch), plus phrase verification on stored text
// (verify.go reads it, textmatch checks it), spelling correction
// (terms.Corrector), suggestions (suggest.go, terms.Vocabulary) and related
// stories (related.go, terms.Distinctive), with every score from rank
// (BM25F, and the proximity and feedback of rescore.go's window). It
// imports searchsvc, searchsvc/query, its own textmatch, terms and rank,
// and the indexer; nothing above it. textmatch reads no index (text and
// stems in, answers out); terms and rank read index snapshots but know no
// requests.
//
// # Relevance
//
// With sort=relevance (the default when the query has words) each match is
// scored
//
//	score = (bm25f + 0.25 × prox + min(2 × feedback, 0.25 × bm25f)) × (1 + 0.5 × 2^(−age / 14 days))
//
// bm25f (rank/bm25f.go) is the sum over the query's clauses of each word's BM25F
// score: its occurrences in the title (weighted 3, normalized by title
// length with b = 0.5) and in the body (b = 0.5) added into one frequency
// and saturated once (k1 = 2.5), times its idf; an OR clause scores its
// matching alternatives, times their share. prox and feedback (rank/rescore.go)
// are added to the first RescoreWindow hits only, read from their stored
// text: prox is BM25TP term proximity (query words next to each other add
// most), feedback the score of the ten terms the top ten hits share
// (pseudo-relevance feedback), adding at most a quarter of the hit's own
// bm25f. The weights are DefaultRanking, chosen on
// the relevance harness (docs/relevance; the ablation is in the README).
// age is now minus the publication time (0 for future dates; undated
// articles get no boost). A story published today gets up to +50%, a
// two-week-old one +25%, a three-month-old one +0.7%: among equally good
// matches the newer ranks first, while a much better older match still
// wins. Exact ties (syndicated copies of one story) are broken by
// publication time, newest first, then by id. "now" and the mean field
// lengths are frozen in the cursor, so scores and order stay the same on
// every page, on any replica.
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
// and a correction exists; a query that finds nothing even then searches
// the suggestion and, if it finds more, returns that as corrected.
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
package bleveengine
