package indexer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/durable"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/story"
	"github.com/syndex/syndex/indexer/timeshard"
)

// MonthRange is the publication months `reindex --from/--to` rebuilds,
// inclusive, as "2006-01"; an empty bound is open. Undated articles are in
// no range.
type MonthRange struct{ From, To string }

// ParseMonthRange checks the bounds of a month range (YYYY-MM, from not
// after to, at least one given).
func ParseMonthRange(from, to string) (MonthRange, error) {
	if from == "" && to == "" {
		return MonthRange{}, errors.New("a month range needs --from or --to")
	}
	for _, m := range []struct{ flag, v string }{{"--from", from}, {"--to", to}} {
		if m.v == "" {
			continue
		}
		if t, err := time.Parse("2006-01", m.v); err != nil || t.Format("2006-01") != m.v {
			return MonthRange{}, fmt.Errorf("%s %q: want a month as YYYY-MM (e.g. 2024-03)", m.flag, m.v)
		}
	}
	if from != "" && to != "" && from > to {
		return MonthRange{}, fmt.Errorf("--from %s is after --to %s", from, to)
	}
	return MonthRange{From: from, To: to}, nil
}

// Has reports whether the shard named month (a "2006-01" month or
// timeshard.Undated) is in the range.
func (r MonthRange) Has(month string) bool {
	return month != timeshard.Undated && (r.From == "" || month >= r.From) && (r.To == "" || month <= r.To)
}

// String names the range as the user gave it.
func (r MonthRange) String() string {
	switch {
	case r.From == r.To:
		return r.From
	case r.From == "":
		return "up to " + r.To
	case r.To == "":
		return r.From + " on"
	}
	return r.From + " to " + r.To
}

// reindexMonths is Reindex with o.Months: it rebuilds only those months of
// a month-shard index: a new generation gets an online copy of the live one's
// other shards (and its story table), the range's articles from sources
// (every source is read, for the boilerplate learning and to find the
// range's articles wherever they are), then the journal, and is swapped in
// atomically as Reindex's is. An article the live index had in the range
// that the sources now date outside it is written to its new month, so a
// changed date loses nothing. Its Summary counts the range's articles;
// Summary.Kept is the articles of other months copied as they were.
//
// The copy is taken with the live index open: beside a running server,
// the server takes it (o.CopyLive asks it, Live.CopyMonths does it);
// without o.CopyLive a held index fails with ErrIndexBusy.
func reindexMonths(ctx context.Context, dir string, sources []string, o WriteOptions) (Summary, error) {
	months := o.Months
	start := time.Now()
	var sum Summary
	files, skipped, err := ingest.List(sources)
	if err != nil {
		return sum, err
	}
	sum.Skipped = skipped
	unlock, err := lockLocation(dir)
	if err != nil {
		return sum, err
	}
	defer unlock()
	removeStale(dir, "")

	final := filepath.Join(dir, newGenerationName())
	tmp := final + tmpSuffix
	if err := copyLive(ctx, dir, tmp, months, o); err != nil {
		os.RemoveAll(tmp)
		return sum, err
	}
	liveMeta, err := readMeta(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return sum, err
	}
	moved, err := readRangeIDs(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return sum, err
	}
	before := uint64(len(moved))
	bi, err := bleve.OpenUsing(tmp, scorchBulkConfig())
	if err != nil {
		os.RemoveAll(tmp)
		return sum, fmt.Errorf("open the copy of the live index: %w", err)
	}
	failed := func(err error) (Summary, error) {
		bi.Close()
		os.RemoveAll(tmp)
		sum.Elapsed = time.Since(start)
		return sum, err
	}
	if kept, err := bi.DocCount(); err != nil {
		return failed(fmt.Errorf("count the copy of the live index: %w", err))
	} else {
		sum.Kept = int(kept)
	}
	run, err := firstPass(ctx, dir, files, o)
	if err != nil {
		return failed(err)
	}
	defer run.spill.remove()
	// The copied story table knows every kept article, so the range's
	// copies join stories across months as in a full rebuild; records of
	// the range's old articles stay in it and are never found again.
	if run.stories, _, err = story.LoadTable(tmp); err != nil {
		return failed(err)
	}
	run.stories.Fetch = (&Index{Index: bi, Location: dir, Path: tmp}).sketches
	run.existing = existingIDs(bi)
	run.keep = func(a *article.Article) bool { return months.Has(timeshard.Month(a.Published)) || moved[a.ID] }
	w := newBulkWriter(bi, tmp, run)
	if err := w.addFiles(ctx, files, o, &sum); err != nil {
		return failed(err)
	}
	// What was pushed, polled or deleted since is in the journal: applied
	// whole, as by a full reindex (re-applying what the kept months already
	// hold changes nothing).
	if err := compactJournal(dir); err != nil {
		return failed(err)
	}
	meta := liveMeta
	if meta.JournalOffset, err = applyJournal(ctx, dir, 0, w, &sum); err != nil {
		return failed(err)
	}
	if err := w.saveBulk(); err != nil {
		return failed(err)
	}
	w, run = nil, nil
	if o.Strict && sum.Rejected > 0 {
		return failed(fmt.Errorf("%d %w (strict mode): the live index was not replaced", sum.Rejected, ErrRejected))
	}
	if meta.Articles, err = bi.DocCount(); err != nil {
		return failed(fmt.Errorf("count new index: %w", err))
	}
	after, err := monthDocs(bi, months)
	if err != nil {
		return failed(err)
	}
	if !o.AllowShrink && after*2 < before {
		return failed(fmt.Errorf("%w: the sources gave %d articles for %s, under half the live index's %d there; it was kept (--allow-shrink replaces it anyway)", ErrShrink, after, months, before))
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
	meta.Built = time.Now().UTC()
	abs, err := absPaths(o.remembered(sources))
	if err != nil {
		return failed(err)
	}
	for _, s := range abs {
		if !slices.Contains(meta.Sources, s) {
			meta.Sources = append(meta.Sources, s)
		}
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
		removeIfUnused(prev)
	}
	sum.Generation, sum.Articles = final, meta.Articles
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// copyLive has the months of the live index outside months copied into
// the new generation folder tmp (see copyOtherMonths): by the server
// holding the index when one runs and o.CopyLive can ask it, else here.
func copyLive(ctx context.Context, dir, tmp string, months MonthRange, o WriteOptions) error {
	if srv, serving := ReadServerInfo(dir); serving && o.CopyLive != nil {
		return o.CopyLive(ctx, srv, tmp, months)
	}
	live, err := Open(dir)
	if err != nil {
		if errors.Is(err, ErrIndexBusy) {
			return fmt.Errorf("reindex --from/--to copies the months it keeps from the live index: %w", err)
		}
		return err
	}
	defer live.Close()
	return copyOtherMonths(ctx, live, tmp, months)
}

// CopyMonths is the server's half of `reindex --from/--to` beside it: it
// copies the live generation's months outside months into dst, which must
// be a new generation folder of this location ("gen-….tmp", not there yet).
func (l *Live) CopyMonths(ctx context.Context, dst string, months MonthRange) error {
	name := filepath.Base(dst)
	if filepath.Dir(filepath.Clean(dst)) != filepath.Clean(l.dir) || !strings.HasPrefix(name, genPrefix) || !strings.HasSuffix(name, tmpSuffix) {
		return fmt.Errorf("%w: %s is not a new generation folder of the index location %s", ErrBadCopy, dst, l.dir)
	}
	if _, err := os.Lstat(dst); !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w: %s already exists", ErrBadCopy, dst)
	}
	ix, release := l.Acquire()
	defer release()
	if err := copyOtherMonths(ctx, ix, dst, months); err != nil {
		os.RemoveAll(dst)
		return err
	}
	return nil
}

// ErrBadCopy is a CopyMonths request that cannot be honoured as asked (a
// folder outside the location, or an index without month shards).
var ErrBadCopy = errors.New("cannot copy the months")

// rangeIDsFile lists, in a generation being rebuilt by months, the ids
// the live index had in them (one per line, Go-quoted); the rebuild reads
// and removes it.
const rangeIDsFile = "range-ids.txt"

// copyOtherMonths writes into the new folder dst an online copy of the
// shards of live outside months and the generation's own files, and the
// ids live has in months (rangeIDsFile).
func copyOtherMonths(ctx context.Context, live *Index, dst string, months MonthRange) error {
	adv, err := live.Advanced()
	if err != nil {
		return err
	}
	ts, ok := adv.(*timeshard.Index)
	if !ok {
		return fmt.Errorf("%w: reindex --from/--to rebuilds months of a month-shard index, and the live index is one index: convert it once with `syndex reindex --month-shards` without --from and --to (that rebuilds every month), then rebuild months", ErrBadCopy)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	// Writes are held (the Writer's lock) while the shards and the story
	// table are copied, so both are of the same moment.
	w := live.Writer()
	w.mu.Lock()
	defer w.mu.Unlock()
	ids, err := os.Create(filepath.Join(dst, rangeIDsFile))
	if err != nil {
		return err
	}
	defer ids.Close()
	out := bufio.NewWriter(ids)
	names, shards := ts.Shards()
	for i, s := range shards {
		if !months.Has(names[i]) {
			continue
		}
		if err := shardIDs(s, func(id string) { out.WriteString(strconv.Quote(id) + "\n") }); err != nil {
			return fmt.Errorf("read month %s: %w", names[i], err)
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	cr, err := ts.CopyReaderOf(func(name string) bool { return !months.Has(name) })
	if err != nil {
		return err
	}
	err = cr.CopyTo(bleve.FileSystemDirectory(dst))
	if cerr := cr.CloseCopyReader(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copy the live index: %w", err)
	}
	entries, err := os.ReadDir(live.Path)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			if err := copyFile(filepath.Join(live.Path, e.Name()), filepath.Join(dst, e.Name())); err != nil {
				return fmt.Errorf("copy the live index: %w", err)
			}
		}
	}
	return ctx.Err()
}

// readRangeIDs reads and removes the rangeIDsFile of gen.
func readRangeIDs(gen string) (map[string]bool, error) {
	path := filepath.Join(gen, rangeIDsFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the copy of the live index: %w", err)
	}
	ids := map[string]bool{}
	for line := range strings.Lines(string(b)) {
		id, err := strconv.Unquote(strings.TrimSuffix(line, "\n"))
		if err != nil {
			return nil, fmt.Errorf("the copy of the live index: %s: %w", path, err)
		}
		ids[id] = true
	}
	return ids, os.Remove(path)
}

// shardIDs calls f with the id of each document of one shard.
func shardIDs(s index.Index, f func(string)) error {
	r, err := s.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer all.Close()
	for {
		iid, err := all.Next()
		if err != nil {
			return err
		}
		if iid == nil {
			return nil
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return err
		}
		f(id)
	}
}

// monthDocs counts the documents of bi's shards in months.
func monthDocs(bi bleve.Index, months MonthRange) (uint64, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return 0, err
	}
	ts, ok := adv.(*timeshard.Index)
	if !ok {
		return 0, errors.New("not a month-shard index")
	}
	var n uint64
	names, shards := ts.Shards()
	for i, s := range shards {
		if !months.Has(names[i]) {
			continue
		}
		r, err := s.Reader()
		if err != nil {
			return 0, err
		}
		c, err := r.DocCount()
		r.Close()
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}
