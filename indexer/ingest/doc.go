// Package ingest reads the article formats news sites receive (JSON Lines,
// RSS/Atom/JSON Feed, saved HTML pages, syndicated plain-text pages): one
// reader per format behind one dispatcher (Read, ReadFile, ListFiles), each
// yielding clean, validated Articles or a precise ItemError per bad item.
//
// It may import indexer/article and indexer/clean (plus gofeed, readability
// and x/net/html) and never Bleve: reading and cleaning are testable and
// usable (`syndex convert`) without an index.
package ingest
