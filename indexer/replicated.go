package indexer

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/durable"
)

// Replicated operation: when replicas are fed through an ingestion log
// (indexer/stream, NATS JetStream), every write comes from the log in its
// order, and each generation records the sequence of the last log message
// it holds, in the same Bleve index, so that a replica restarted at any
// moment knows where to resume and a snapshot of a generation says which
// part of the log it already contains.

// streamSeqKey is the Bleve internal key holding the applied log sequence.
var streamSeqKey = []byte("syndex.stream_seq")

// Change is one write of the ingestion log: an article written (Article)
// or an id deleted (Deleted).
type Change struct {
	Article *article.Article
	Deleted string
}

// StreamSeq returns the sequence of the last ingestion-log message written
// into this generation (0: none).
func (ix *Index) StreamSeq() (uint64, error) {
	b, err := ix.GetInternal(streamSeqKey)
	if err != nil {
		return 0, fmt.Errorf("read the applied stream sequence: %w", err)
	}
	if len(b) != 8 {
		return 0, nil
	}
	return binary.BigEndian.Uint64(b), nil
}

// ApplyChanges writes changes in their order through the index's one
// Writer (runs of articles in one write, deletions between them), then
// records seq as the last log message the generation holds. Each step is
// durable when it returns (see Writer); a kill between the writes and the
// record makes the replica apply the same messages again on restart, which
// changes nothing (writes are by id). The changes are not journalled: the
// log is the journal of a replicated location.
func (ix *Index) ApplyChanges(ctx context.Context, changes []Change, seq uint64) error {
	w := ix.Writer()
	var run []*article.Article
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		_, err := w.Add(ctx, run)
		run = run[:0]
		return err
	}
	for _, c := range changes {
		switch {
		case c.Article != nil:
			run = append(run, c.Article)
		case c.Deleted != "":
			if err := flush(); err != nil {
				return err
			}
			if _, err := w.Delete(ctx, c.Deleted); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	if err := ix.SetInternal(streamSeqKey, b[:]); err != nil {
		return fmt.Errorf("record the applied stream sequence: %w", err)
	}
	return nil
}

// ApplyChanges applies changes to the generation that is live now (see
// Index.ApplyChanges).
func (l *Live) ApplyChanges(ctx context.Context, changes []Change, seq uint64) error {
	ix, release := l.Acquire()
	defer release()
	return ix.ApplyChanges(ctx, changes, seq)
}

// StreamSeq returns the log sequence the live generation holds.
func (l *Live) StreamSeq() (uint64, error) {
	ix, release := l.Acquire()
	defer release()
	return ix.StreamSeq()
}

// Has reports which of ids the live generation holds.
func (l *Live) Has(ids []string) (map[string]bool, error) {
	ix, release := l.Acquire()
	defer release()
	return existingIDs(ix.Index)(ids)
}

// Dir returns the index location.
func (l *Live) Dir() string { return l.dir }

// Built returns what the live generation was built from (see BuiltFrom).
func (l *Live) Built() (Built, error) {
	ix, release := l.Acquire()
	defer release()
	return ix.Built()
}

// Built returns what this generation was built from (see BuiltFrom).
func (ix *Index) Built() (Built, error) {
	m, err := readMeta(ix.Path)
	if err != nil {
		return Built{}, err
	}
	return m.built(), nil
}

// Snapshot writes a consistent copy of the generation into the new folder
// dst — Bleve's online copy, with the generation's other files (metadata,
// story table, learned boilerplate) copied under the Writer's lock so no
// write runs between them — and returns the log sequence the copy holds.
func (ix *Index) Snapshot(ctx context.Context, dst string) (uint64, error) {
	w := ix.Writer()
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	seq, err := ix.StreamSeq()
	if err != nil {
		return 0, err
	}
	cp, ok := ix.Index.(bleve.IndexCopyable)
	if !ok {
		return 0, fmt.Errorf("snapshot: this Bleve index cannot be copied online")
	}
	if err := cp.CopyTo(bleve.FileSystemDirectory(dst)); err != nil {
		return 0, fmt.Errorf("snapshot: copy the index: %w", err)
	}
	// Bleve copies its own files; the generation's others (metadata, story
	// table, learned boilerplate) are copied as they are now, with writes
	// held.
	entries, err := os.ReadDir(ix.Path)
	if err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dst, e.Name())); err == nil {
			continue // Bleve's copy
		}
		if err := copyFile(filepath.Join(ix.Path, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return 0, fmt.Errorf("snapshot: %w", err)
		}
	}
	return seq, ctx.Err()
}

// copyFile copies the file src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// AdoptGeneration moves the complete generation folder src (an unpacked
// snapshot) into the location dir under a new generation name, synced, and
// returns its path; Install or InstallFirst then publish it.
func AdoptGeneration(dir, src string) (string, error) {
	if err := checkMeta(src); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("adopt generation: %w", err)
	}
	gen := filepath.Join(dir, newGenerationName())
	if err := os.Rename(src, gen); err != nil {
		return "", fmt.Errorf("adopt generation: %w", err)
	}
	if err := durable.SyncTree(gen); err != nil {
		return "", err
	}
	return gen, durable.SyncDir(dir)
}

// InstallFirst publishes the adopted generation gen at a location that has
// no live index yet (a replica bootstrapping from a snapshot).
func InstallFirst(dir, gen string) error {
	_, err := publish(dir, gen)
	return err
}

// Install makes the adopted generation gen (see AdoptGeneration) the
// live one: it is opened, brought up to date by catchUp (the log messages
// it lacks), then published and switched to, as Reload does for a reindex;
// searches in flight finish on the old generation.
func (l *Live) Install(gen string, catchUp func(ix *Index) error) error {
	l.reloadMu.Lock()
	defer l.reloadMu.Unlock()
	start := time.Now()
	ix, err := openGeneration(l.dir, gen)
	if err != nil {
		os.RemoveAll(gen)
		return fmt.Errorf("install generation: %w", err)
	}
	if err := catchUp(ix); err != nil {
		ix.Close()
		os.RemoveAll(gen)
		return fmt.Errorf("install generation: catch up: %w", err)
	}
	if _, err := publish(l.dir, gen); err != nil {
		ix.Close()
		return err
	}
	l.switchTo(ix)
	l.log.Info("installed index generation", "path", gen, "took", time.Since(start))
	return nil
}
