// Package clean turns the text readers extract into the clean plain text
// syndex indexes: it repairs encodings, converts HTML to text, removes the
// cruft aggregators wrap copies in (CleanBody), parses the dates met in the
// wild (ParseDate), and learns and strips the lines a source repeats across
// its articles (BoilerplateLearner, Boilerplate).
//
// It may import indexer/article only (and x/net/html, x/text): the readers
// (indexer/ingest) and the store (indexer) use it, never the other way round.
package clean
