// Package story detects near-duplicate copies of one news story (an
// original, its syndicated copies and copies wrapped in aggregator cruft)
// and gives every article a story id: the id of the first article of its
// group. It holds the sketches, the LSH keys, the in-memory story table and
// its file beside an index generation (stories.bin).
//
// It may import indexer/article only: the store (package indexer) owns
// Bleve, and hands the table a Fetch function to re-sketch articles of
// earlier runs from their stored text.
package story
