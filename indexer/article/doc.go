// Package article is the one article model shared by the readers, the
// cleaners, story detection, the index and the search service: Article, its
// stable id (DeriveID, NormalizeURL) and the per-item error readers report.
//
// It is the leaf of the indexer packages and imports only the standard
// library, so that everything else can depend on it without cycles.
package article
