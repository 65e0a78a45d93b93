// Package indexer is syndex's store: the Bleve mapping and field names, the
// index generations of an index location (CURRENT, locks, Open, Live),
// statistics, server discovery (ServerInfo), Reindex, and the Writer, the
// one path by which articles get into (or out of) an index.
//
// Its sub-packages do the work before the store: article (the Article
// model), clean (text cleaning, dates, learned boilerplate), ingest (one
// reader per input format) and story (near-duplicate story detection).
// Imports point inward: indexer may import all of them, they never import
// indexer, and only indexer imports Bleve.
package indexer
