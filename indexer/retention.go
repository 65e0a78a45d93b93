package indexer

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/syndex/syndex/indexer/timeshard"
)

// retentionBatch is how many old articles one delete removes.
const retentionBatch = 1000

// DeleteOlderThan finds every article of the live generation published
// before cutoff and deletes them in batches through del (nil: this Live,
// that is the generation's one Writer), and returns how many. Undated
// articles are kept: their age is unknown, and "now" is never invented for
// them. A reindex rebuilds from the sources, so old articles come back
// until the next pass; `serve --retain` runs one every RetentionInterval.
//
// Over month shards, on one machine (del is nil or l), the months wholly
// before cutoff are dropped as directories first; the month the cutoff
// falls in is then deleted article by article. Replicas fed through a log
// delete through it, so that every replica deletes the same articles.
func (l *Live) DeleteOlderThan(ctx context.Context, cutoff time.Time, del Deleter) (int, error) {
	total := 0
	if own, ok := del.(*Live); del == nil || ok && own == l {
		del = l
		n, err := l.dropMonths(cutoff)
		if err != nil {
			return n, fmt.Errorf("retention: %w", err)
		}
		total = n
	}
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		ix, release := l.Acquire()
		req := bleve.NewSearchRequestOptions(publishedBefore(cutoff), retentionBatch, 0, false)
		req.SortBy([]string{"_id"})
		res, err := ix.SearchInContext(ctx, req)
		if err != nil {
			release()
			return total, fmt.Errorf("retention: find articles before %s: %w", cutoff.Format(time.DateOnly), err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		release()
		n := 0
		if len(ids) > 0 {
			n, err = del.DeleteArticles(ctx, ids)
		}
		if err != nil {
			return total, fmt.Errorf("retention: %w", err)
		}
		total += n
		if len(ids) < retentionBatch || n == 0 {
			return total, nil
		}
	}
}

// publishedBefore matches the articles published before cutoff: every day
// before cutoff's by its day term, and on that day those whose publication
// time sorts below cutoff's (one term per article, of one day only).
func publishedBefore(cutoff time.Time) bq.Query {
	cutoff = cutoff.UTC()
	day := cutoff.Format(time.DateOnly)
	excl, incl := false, true
	days := bq.NewTermRangeInclusiveQuery("", day, nil, &excl)
	days.SetField(FieldDay)
	onDay := bq.NewTermQuery(day)
	onDay.SetField(FieldDay)
	start := FormatPublished(time.Date(cutoff.Year(), cutoff.Month(), cutoff.Day(), 0, 0, 0, 0, time.UTC))
	earlier := bq.NewTermRangeInclusiveQuery(start, FormatPublished(cutoff), &incl, &excl)
	earlier.SetField(FieldPublished)
	return bq.NewDisjunctionQuery([]bq.Query{days, bq.NewConjunctionQuery([]bq.Query{onDay, earlier})})
}

// dropMonths drops the month shards of the live generation wholly before
// cutoff (none when it is one index) and returns how many articles they held.
func (l *Live) dropMonths(cutoff time.Time) (int, error) {
	ix, release := l.Acquire()
	defer release()
	adv, err := ix.Advanced()
	if err != nil {
		return 0, err
	}
	ts, ok := adv.(*timeshard.Index)
	if !ok {
		return 0, nil
	}
	_, n, err := ts.Drop(cutoff)
	return int(n), err
}

// Deleter deletes articles by id: the Live itself on one machine, the
// ingestion log when replicas share one (indexer/stream).
type Deleter interface {
	DeleteArticles(ctx context.Context, ids []string) (int, error)
}

// RetentionInterval is how often `serve --retain` deletes old articles.
const RetentionInterval = time.Hour

// RunRetention deletes articles older than keep now and then every
// interval until ctx ends, logging what it did.
func (l *Live) RunRetention(ctx context.Context, keep, interval time.Duration, del Deleter, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		cutoff := time.Now().Add(-keep)
		n, err := l.DeleteOlderThan(ctx, cutoff, del)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("retention pass failed", "err", err)
		case n > 0:
			log.Info("retention: deleted old articles", "deleted", n, "published_before", cutoff.Format(time.RFC3339))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
