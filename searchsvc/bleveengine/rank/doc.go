// Package rank is how syndex scores a match: BM25F over the title and
// the body from the postings alone (Query, bm25f.go, with the mean field
// lengths of lengths.go), and the two kinds of evidence the Bleve engine
// adds to the first hits of a relevance search from their stored text
// (rescore.go). It reads index snapshots through Bleve's index API and
// knows no requests, plans or hits: the engine (searchsvc/bleveengine)
// chooses what to score and where the text comes from.
//
// The parameters are a Ranking; DefaultRanking is the one measured best on
// the relevance harness (docs/relevance; the ablation is in the README).
//
// # Rescoring
//
// BM25F scores every match from the postings alone. The first hits (the
// engine's RescoreWindow) of a relevance search are then read again
// from their stored text (the index keeps no term positions: they would
// make it about 45% larger and indexing slower), as Lucene's rescorer and
// Elasticsearch's rescore window do, for two more kinds of evidence:
//
// Term proximity, the BM25TP formula of Büttcher, Clarke and Lushman
// (SIGIR 2006): for each occurrence of a query word t at position p whose
// nearest preceding query-word occurrence is another word t' at p',
//
//	acc(t)  += idf(t')  / (p − p')²
//	acc(t') += idf(t)   / (p − p')²
//	prox = Σ_t min(1, idf(t)) × acc(t) × (k1 + 1) / (acc(t) + K)
//
// with K = k1 × (1 − b + b × len / avg), over the title and the body read
// as one text (with a gap between them, so that a title word and a body
// word are never "near"). The whole query acts as a sloppy phrase: adjacent
// words add most, words a few apart less, words far apart nothing. The words
// of an OR clause, or a prefix's expansions, count as one query word.
//
// Feedback (pseudo-relevance feedback, as RM3 does with a second query,
// here only within the window): the terms that the top FeedbackDocs hits
// share (in at least two of them), weighted by their share of each hit's
// text, by the hit's score and by their idf; the best FeedbackTerms of
// them score every hit of the window as one extra word would:
//
//	fb = Σ_e w_e × idf(e) × tf_e × (k1 + 1) / (tf_e + K),  Σ_e w_e = 1
//
// An article about the query's topic shares its vocabulary with the other
// articles about it ("soybeans": bushels, USDA, crush, oilseed), while one
// that merely mentions the word does not.
//
// The hit's score becomes
//
//	(bm25f + Proximity × prox + min(Feedback × fb, FeedbackCap × bm25f)) × freshness
//
// The bound keeps feedback to reordering close calls: when the first hits
// are about something else than the query, the terms they share would
// otherwise pull every hit of the window towards that other topic.
package rank
