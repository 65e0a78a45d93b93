package indexer

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Live keeps the live generation of an index location open for a long-running
// reader (the search server) and follows the location's CURRENT pointer: when
// a reindex publishes a new generation, Reload opens it, switches new searches
// to it atomically, and closes the old one once the searches still running on
// it have finished.
type Live struct {
	dir string
	log *slog.Logger

	mu  sync.RWMutex // guards cur; held briefly
	cur *liveGen

	reloadMu sync.Mutex // one Reload at a time
	swaps    atomic.Int64

	// journal records what is written other than from files.
	journal *journal
}

// liveGen is an open generation with a reference count: one reference for
// being current plus one per search in flight.
type liveGen struct {
	ix   *Index
	refs atomic.Int64
	log  *slog.Logger
}

func (g *liveGen) release() {
	if g.refs.Add(-1) == 0 {
		path := g.ix.Path
		if err := g.ix.Close(); err != nil {
			g.log.Warn("close old index generation", "path", path, "err", err)
		}
		if removeIfUnused(path) {
			g.log.Info("removed old index generation", "path", path)
		}
	}
}

// OpenLive opens the live generation of dir.
func OpenLive(dir string, log *slog.Logger) (*Live, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ix, err := Open(dir)
	if err != nil {
		return nil, err
	}
	l := &Live{dir: dir, log: log, journal: &journal{path: filepath.Join(dir, journalFile)}}
	// A server that wrote during a reindex and stopped before switching
	// to the new generation left that in the journal only.
	if err := l.catchUp(ix); err != nil {
		ix.Close()
		return nil, err
	}
	l.cur = l.newGen(ix)
	return l, nil
}

// catchUp applies to ix the journal past the offset its generation
// recorded, and records the new offset. Entries already in ix (written
// through this Live before a restart) are rewritten, which changes
// nothing; Close records the offset so a clean restart has none to redo.
func (l *Live) catchUp(ix *Index) error {
	meta, err := readMeta(ix.Path)
	if err != nil {
		return nil // a generation without metadata predates the journal
	}
	var sum Summary
	end, err := applyJournal(context.Background(), l.dir, meta.JournalOffset, ix.Writer(), &sum)
	if err != nil {
		return fmt.Errorf("apply the journal to %s: %w", filepath.Base(ix.Path), err)
	}
	if sum.Indexed+sum.Updated > 0 {
		l.log.Info("applied journalled writes the generation lacked", "articles", sum.Indexed+sum.Updated)
	}
	return l.recordOffset(ix, end)
}

// recordOffset records in ix's generation that the journal up to end is
// in it.
func (l *Live) recordOffset(ix *Index, end int64) error {
	meta, err := readMeta(ix.Path)
	if err != nil || end <= meta.JournalOffset {
		return nil
	}
	meta.JournalOffset = end
	return writeMetaFile(ix.Path, meta)
}

func (l *Live) newGen(ix *Index) *liveGen {
	g := &liveGen{ix: ix, log: l.log}
	g.refs.Store(1)
	return g
}

// Acquire returns the current index for one search and a release function
// that must be called when the search is done. The index stays open until
// released, even if a newer generation is published meanwhile.
func (l *Live) Acquire() (*Index, func()) {
	l.mu.RLock()
	g := l.cur
	g.refs.Add(1)
	l.mu.RUnlock()
	var once sync.Once
	return g.ix, func() { once.Do(g.release) }
}

// Generation returns the path of the generation new searches use.
func (l *Live) Generation() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.ix.Path
}

// Swaps returns how many times a new generation was switched in.
func (l *Live) Swaps() int64 { return l.swaps.Load() }

// Reload switches to the generation CURRENT names if it is not the one in
// use, and reports whether it did. A generation that fails to open is
// reported and the current one kept, so a broken publish never takes the
// service down.
func (l *Live) Reload() (bool, error) {
	l.reloadMu.Lock()
	defer l.reloadMu.Unlock()
	gen, err := CurrentGeneration(l.dir)
	if err != nil {
		return false, err
	}
	if gen == l.Generation() {
		return false, nil
	}
	start := time.Now()
	ix, err := openGeneration(l.dir, gen)
	if err != nil {
		return false, fmt.Errorf("open new generation: %w", err)
	}
	// What was written while the generation's reindex ran is in the
	// journal past the offset it applied: apply it, with journal appends
	// held so that nothing written now is missed, then switch.
	l.journal.mu.Lock()
	defer l.journal.mu.Unlock()
	if err := l.catchUp(ix); err != nil {
		ix.Close()
		return false, err
	}
	l.switchTo(ix)
	l.log.Info("switched to new index generation", "path", gen, "took", time.Since(start))
	return true, nil
}

// switchTo makes ix the generation new searches use; the old one closes
// once the searches in flight on it are done.
func (l *Live) switchTo(ix *Index) {
	l.mu.Lock()
	old := l.cur
	l.cur = l.newGen(ix)
	l.mu.Unlock()
	l.swaps.Add(1)
	old.release()
}

// Watch polls CURRENT every interval (and on each value from signals, e.g.
// SIGHUP) and reloads when it changes, until ctx ends.
func (l *Live) Watch(ctx context.Context, interval time.Duration, signals <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-signals:
		}
		if _, err := l.Reload(); err != nil {
			l.log.Warn("index reload failed; still serving the previous generation", "err", err)
		}
	}
}

// Close releases the current generation; it is closed once the searches in
// flight are done.
func (l *Live) Close() {
	l.mu.Lock()
	g := l.cur
	l.mu.Unlock()
	// Everything journalled so far was written to the current generation
	// (writes are synchronous and done by now).
	l.journal.mu.Lock()
	if st, err := os.Stat(l.journal.path); err == nil {
		if err := l.recordOffset(g.ix, st.Size()); err != nil {
			l.log.Warn("recording the journal offset failed; the next start rewrites the tail", "err", err)
		}
	}
	l.journal.mu.Unlock()
	g.release()
}

// Stats computes the statistics of the generation in use (see Index.Stats),
// for `syndex stats` through a running server.
func (l *Live) Stats(ctx context.Context, topTags int) (Stats, error) {
	ix, release := l.Acquire()
	defer release()
	return ix.Stats(ctx, topTags)
}
