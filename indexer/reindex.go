package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/syndex/syndex/indexer/clean"
	"github.com/syndex/syndex/indexer/durable"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/story"
	"github.com/syndex/syndex/indexer/timeshard"
)

// Reindex builds a complete new index of the given sources beside the live
// one at dir and swaps it in atomically, then removes the old generation.
// Readers never see a half-built index; a crash at any point leaves the
// previous index intact. With o.Strict, any rejected article aborts the swap
// and Reindex returns ErrRejected. With o.Months, only those months of a
// month-shard index are rebuilt (see reindexMonths).
func Reindex(ctx context.Context, dir string, sources []string, o WriteOptions) (Summary, error) {
	if o.Months != (MonthRange{}) {
		return reindexMonths(ctx, dir, sources, o)
	}
	start := time.Now()
	var sum Summary
	files, skipped, err := ingest.List(sources)
	if err != nil {
		return sum, err
	}
	sum.Skipped = skipped
	if len(files) == 0 && !o.AllowShrink && !o.fromJournal {
		return sum, fmt.Errorf("%w: no input files in %s (folders are searched for %s); %s",
			ErrShrink, strings.Join(sources, ", "), ingest.KnownExtensions(), keptLive(dir))
	}
	meta := genMeta{Sample: o.Sample}
	if meta.Sources, err = absPaths(o.remembered(sources)); err != nil {
		return sum, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sum, fmt.Errorf("create index location: %w", err)
	}
	unlock, err := lockLocation(dir)
	if err != nil {
		return sum, err
	}
	defer unlock()
	removeStale(dir, "")

	name := newGenerationName()
	final := filepath.Join(dir, name)
	tmp := final + tmpSuffix
	indexType, cfg := scorch.Name, scorchBulkConfig()
	if o.MonthShards {
		indexType = timeshard.Name
		cfg[timeshard.ConfigTimeField] = FieldPublished
	}
	bi, err := bleve.NewUsing(tmp, NewMapping(), indexType, scorch.Name, cfg)
	if err != nil {
		return sum, fmt.Errorf("create index %s: %w", tmp, err)
	}
	failed := func(err error) (Summary, error) {
		bi.Close()
		os.RemoveAll(tmp)
		sum.Elapsed = time.Since(start)
		return sum, err
	}
	run, err := firstPass(ctx, dir, files, o)
	if err != nil {
		return failed(err)
	}
	defer run.spill.remove()
	w := newBulkWriter(bi, tmp, run)
	if err := w.addFiles(ctx, files, o, &sum); err != nil {
		return failed(err)
	}
	run.spill.remove() // its disk space back before the merge
	if err := compactJournal(dir); err != nil {
		return failed(err)
	}
	if meta.JournalOffset, err = applyJournal(ctx, dir, 0, w, &sum); err != nil {
		return failed(err)
	}
	if err := w.saveBulk(); err != nil {
		return failed(err)
	}
	// The story table (a few hundred bytes per article) is not needed for
	// the merge, whose mapped segment files are the peak of a rebuild's
	// memory: for a big rebuild, hand it back to the OS first (350k
	// articles: peak RSS 921 → 796 MB). A small one would only pay for the
	// forced collection (8% of a 35k rebuild).
	big := run.stories.Len() >= freeBeforeMerge
	w, run = nil, nil
	if big {
		debug.FreeOSMemory()
	}
	if o.Strict && sum.Rejected > 0 {
		return failed(fmt.Errorf("%d %w (strict mode): the live index was not replaced", sum.Rejected, ErrRejected))
	}
	if meta.Articles, err = bi.DocCount(); err != nil {
		return failed(fmt.Errorf("count new index: %w", err))
	}
	if err := checkShrink(dir, meta.Articles, o); err != nil {
		return failed(err)
	}
	if o.Progress != nil {
		o.Progress(Progress{Phase: PhaseMerge, Articles: int(meta.Articles), Elapsed: time.Since(start)})
	}
	if err := waitPersisted(ctx, bi); err != nil {
		return failed(err)
	}
	if err := compactSegments(ctx, bi, maxMergeBytes); err != nil {
		return failed(err)
	}
	if err := bi.Close(); err != nil {
		return failed(fmt.Errorf("close new index: %w", err))
	}
	if err := ctx.Err(); err != nil {
		return failed(err)
	}
	if err := writeMetaFile(tmp, meta); err != nil {
		return failed(err)
	}
	if err := durable.SyncTree(tmp); err != nil {
		return failed(fmt.Errorf("sync new index: %w", err))
	}
	if err := durable.Rename(tmp, final); err != nil {
		return failed(fmt.Errorf("finish new index: %w", err))
	}
	prev, err := publish(dir, final)
	if err != nil {
		os.RemoveAll(final)
		return failed(err)
	}
	if prev != "" && prev != final {
		// A server still searching the old generation keeps it; the last
		// process to close it deletes it.
		removeIfUnused(prev)
	}
	sum.Generation, sum.Articles = final, meta.Articles
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// checkShrink refuses to replace the live index of dir with one of n
// articles when that is none at all, or fewer than half the live count
// recorded in its metadata, unless o.AllowShrink.
func checkShrink(dir string, n uint64, o WriteOptions) error {
	if o.AllowShrink {
		return nil
	}
	live := liveArticles(dir)
	switch {
	case n == 0:
		return fmt.Errorf("%w: the sources gave no articles; %s", ErrShrink, keptLive(dir))
	case n < live/2:
		return fmt.Errorf("%w: the sources gave %d articles, under half the live index's %d; it was kept (--allow-shrink replaces it anyway)", ErrShrink, n, live)
	}
	return nil
}

// liveArticles is the article count recorded with the live generation of
// dir (0 when there is none or it predates the count).
func liveArticles(dir string) uint64 {
	if gen, err := CurrentGeneration(dir); err == nil {
		if m, err := readMeta(gen); err == nil {
			return m.Articles
		}
	}
	return 0
}

// keptLive says what a refused reindex left in place, and how to force it.
func keptLive(dir string) string {
	if _, err := CurrentGeneration(dir); err != nil {
		return "no index was published (--allow-shrink publishes an empty one)"
	}
	if n := liveArticles(dir); n > 0 {
		return fmt.Sprintf("the live index (%d articles) was kept (--allow-shrink replaces it anyway)", n)
	}
	return "the live index was kept (--allow-shrink replaces it anyway)"
}

// scorchBulkConfig is the scorch configuration for building a fresh index:
// nobody reads it until it is published, so batches skip the per-batch fsync
// ("unsafe_batch") and the whole tree is synced once before publishing, and
// the merger lets bulkSegmentsPerTier segments pile up in a tier before it
// merges them, where a live index merges at 10: nobody searches the build,
// and the final merge (compact.go) joins what is left anyway, so each article
// is merged fewer times on its way to the last segments. scorch saves this
// configuration with the index; scorchRuntimeConfig sets every key back.
func scorchBulkConfig() map[string]any {
	return map[string]any{
		"unsafe_batch":           true,
		"numSnapshotsToKeep":     1,
		"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": bulkSegmentsPerTier},
	}
}

// bulkSegmentsPerTier is the merge tier width of a bulk build. At 1M
// articles, 30 instead of scorch's 10 took 0.91, 1.02 and 0.94× the wall
// time in three alternating pairs (README, Scale), with the same index size
// and segment count after the final merge.
const bulkSegmentsPerTier = 30

// waitPersisted returns once everything written to bi is on disk. With
// unsafe_batch, scorch persists in the background and Close does not wait for
// it, so a final marker batch is written and its persisted callback awaited;
// scorch persists in order, so that covers every earlier batch.
func waitPersisted(ctx context.Context, bi bleve.Index) error {
	done := make(chan error, 1)
	b := bi.NewBatch()
	b.SetInternal([]byte("syndex_complete"), []byte(time.Now().UTC().Format(time.RFC3339)))
	b.SetPersistedCallback(func(err error) {
		select {
		case done <- err:
		default:
		}
	})
	if err := bi.Batch(b); err != nil {
		return fmt.Errorf("finish index: %w", err)
	}
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("persist index: %w", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// freeBeforeMerge is the number of articles from which a reindex returns
// the story table's memory to the OS before the final merge.
const freeBeforeMerge = 100_000

// firstPassCache bounds the article text the first pass of a reindex keeps
// in memory for the second: within it (the 35k-article corpus takes 37 MB),
// the second pass does not read and clean the files again, which cost 13% of
// a reindex; past it, the first pass writes what it read to a spill file
// beside the index, which the second pass reads back (see spill). It is
// small beside the 1 GiB a 350k-article reindex may use, since the garbage
// collector lets the heap grow to twice what is live.
const firstPassCache = 64 << 20

// firstPass is the first pass of a reindex: it reads every source once to
// learn the lines each source repeats across its articles (see
// BoilerplateLearner), so that the second pass strips them before indexing
// and before story detection. It keeps what it read for the second pass, in
// memory or in a spill in the index location loc; the caller removes the
// spill (writeRun.spill.remove). Rejections are reported by the second pass.
func firstPass(ctx context.Context, loc string, files []string, o WriteOptions) (_ *writeRun, err error) {
	start := time.Now()
	w := &writeRun{stories: story.NewTable(), cached: make(map[string][]item), spilled: make(map[string]bool)}
	defer func() {
		if err != nil {
			w.spill.remove()
		}
	}()
	l := clean.NewBoilerplateLearner()
	ro := o.Read
	ro.BytesRead = new(atomic.Int64)
	prog := Progress{Phase: PhaseLearn, Files: len(files), Bytes: ingest.FilesSize(files)}
	report := func() {
		if o.Progress != nil {
			prog.BytesRead, prog.Elapsed = ro.BytesRead.Load(), time.Since(start)
			o.Progress(prog)
		}
	}
	cacheLeft := o.firstPassCache()
	for _, f := range files {
		var items []item
		spilling := cacheLeft < 0
		for a, err := range ingest.ReadFile(ctx, f, ro) {
			if a != nil {
				l.Add(a)
				prog.Articles++
				if prog.Articles%2000 == 0 {
					report()
				}
				cacheLeft -= int64(len(a.Title) + len(a.Body) + 256)
			}
			it := item{a: a, err: err}
			if !spilling && cacheLeft >= 0 {
				items = append(items, it)
				continue
			}
			if w.spill == nil {
				if w.spill, err = newSpill(loc); err != nil {
					return nil, err
				}
			}
			// This file no longer fits: it goes to the spill whole.
			for _, kept := range items {
				if err := w.spill.add(kept); err != nil {
					return nil, err
				}
			}
			items, spilling = nil, true
			if err := w.spill.add(it); err != nil {
				return nil, err
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if spilling {
			if err := w.spill.endFile(); err != nil {
				return nil, err
			}
			w.spilled[f] = true
		} else {
			w.cached[f] = items
		}
		prog.FilesDone++
		report()
	}
	if w.spill != nil {
		if err := w.spill.rewind(); err != nil {
			return nil, err
		}
	}
	w.bp = l.Learn()
	return w, nil
}

// LearnedBoilerplate returns the boilerplate the last reindex of the index
// location dir learned. It reads a file of the live generation, without
// opening the index, so it works while a server holds the index.
func LearnedBoilerplate(dir string) (*clean.Boilerplate, error) {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return nil, err
	}
	return clean.LoadBoilerplate(filepath.Join(gen, boilerplateFile))
}
