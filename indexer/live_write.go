package indexer

import (
	"context"
	"fmt"

	"github.com/syndex/syndex/indexer/article"
)

// AddArticles writes already-cleaned articles into the generation that is
// live now, through that index's one Writer, after recording them in the
// location's journal (journal.go, so a reindex keeps them), and reports how many were new
// and how many replaced an article with the same id. It is how
// `syndex index` and the admin API add articles while `syndex serve` holds
// the index open. A reindex published meanwhile replaces the generation
// written to (its sources decide what the new one holds).
func (l *Live) AddArticles(ctx context.Context, arts []*article.Article) (indexed, updated int, err error) {
	if err := l.journal.addArticles(arts); err != nil {
		return 0, 0, err
	}
	ix, release := l.Acquire()
	defer release()
	sum, err := ix.Writer().Add(ctx, arts)
	if err == nil && sum.Rejected > 0 {
		err = fmt.Errorf("%d articles could not be indexed, first: %s", sum.Rejected, sum.Errors[0])
	}
	return sum.Indexed, sum.Updated, err
}

// DeleteArticles deletes articles by id from the generation that is live
// now, through its one Writer, durably, and reports how many there were.
func (l *Live) DeleteArticles(ctx context.Context, ids []string) (int, error) {
	if err := l.journal.deleted(ids); err != nil {
		return 0, err
	}
	ix, release := l.Acquire()
	defer release()
	return ix.Writer().Delete(ctx, ids...)
}
