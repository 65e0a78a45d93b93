package indexer

import "context"

// AddArticles writes already-cleaned articles into the generation that is
// live now, through that index's one write path, and reports how many were
// new and how many replaced an article with the same id. It is how
// `syndex index` and the push API add articles while `syndex serve` holds
// the index open. A reindex published meanwhile replaces the generation
// written to (its sources decide what the new one holds).
func (l *Live) AddArticles(ctx context.Context, arts []*Article) (indexed, updated int, err error) {
	ix, release := l.Acquire()
	defer release()
	return ix.AddArticles(ctx, arts, 0)
}
