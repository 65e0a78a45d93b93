package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/durable"
)

// The journal keeps what was written to the live index other than from
// files — pushed, posted and polled articles, and deletions (the push API's
// DELETE, retention) — so that `reindex`, which rebuilds from files, keeps
// them: it applies the journal after the files. It is JSON Lines in the
// index location, beside the generations, appended and fsynced before each
// write (a write that then fails leaves an entry for an article the index
// may not have; reindex includes it, which is what the caller retrying it
// wanted).
//
// What is written while a reindex runs goes to the old generation and the
// journal; the new generation records how much of the journal its reindex
// applied, and Live applies the rest when it switches to it, holding
// further journal appends meanwhile. A reindex compacts the journal to its
// final state when no server holds the location (compactJournal).

// journalFile is the journal's name in the index location.
const journalFile = "journal.jsonl"

// journalEntry is one line: an article written, or an id deleted.
type journalEntry struct {
	Article *article.Article `json:"article,omitempty"`
	Deleted string           `json:"deleted,omitempty"`
}

// journal appends entries to the journal of a location.
type journal struct {
	path string
	mu   sync.Mutex
}

func (j *journal) append(entries []journalEntry) error {
	if len(entries) == 0 {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	f, err := os.OpenFile(j.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	w := bufio.NewWriterSize(f, 256<<10)
	// After a crash mid-append the file may end inside a line: start on a
	// new one, so only the torn line is lost.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if r, err := os.Open(j.path); err == nil {
			r.ReadAt(last, st.Size()-1)
			r.Close()
		}
		if last[0] != '\n' {
			w.WriteByte('\n')
		}
	}
	enc := json.NewEncoder(w)
	for i := range entries {
		if err = enc.Encode(&entries[i]); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// size is the journal's length in bytes (0 when there is none).
func (j *journal) size() int64 {
	st, err := os.Stat(j.path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func (j *journal) addArticles(arts []*article.Article) error {
	entries := make([]journalEntry, len(arts))
	for i, a := range arts {
		entries[i].Article = a
	}
	return j.append(entries)
}

func (j *journal) deleted(ids []string) error {
	entries := make([]journalEntry, len(ids))
	for i, id := range ids {
		entries[i].Deleted = id
	}
	return j.append(entries)
}

// replayJournal returns the final state of the journal from byte offset
// from: the articles written and not deleted after, in the order of their
// last write, and the ids deleted and not written after; and the offset
// after its last complete line.
func replayJournal(dir string, from int64) (arts []*article.Article, deleted []string, end int64, err error) {
	f, err := os.Open(filepath.Join(dir, journalFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, from, nil
	}
	if err != nil {
		return nil, nil, from, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(from, 0); err != nil {
		return nil, nil, from, fmt.Errorf("journal: %w", err)
	}
	end = from
	type state struct {
		a   *article.Article
		seq int
	}
	last := map[string]state{}
	br := bufio.NewReaderSize(f, 256<<10)
	for n := 0; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if rerr != nil {
			break // EOF, or a torn last line without its newline
		}
		end += int64(len(line))
		var e journalEntry
		if err := json.Unmarshal(line, &e); err != nil {
			// A torn last line (a crash mid-append, before the fsync the
			// write waited for) is skipped; so is any other bad line.
			continue
		}
		switch {
		case e.Article != nil && e.Article.ID != "":
			last[e.Article.ID] = state{a: e.Article, seq: n}
		case e.Deleted != "":
			last[e.Deleted] = state{seq: n}
		}
	}
	type kv struct {
		id string
		s  state
	}
	var all []kv
	for id, s := range last {
		all = append(all, kv{id, s})
	}
	slices.SortFunc(all, func(x, y kv) int { return x.s.seq - y.s.seq })
	for _, e := range all {
		if e.s.a != nil {
			arts = append(arts, e.s.a)
		} else {
			deleted = append(deleted, e.id)
		}
	}
	return arts, deleted, end, nil
}

// applyJournal writes the journal's articles from offset from into w and
// deletes its deleted ids (after the files of a reindex, or on switching
// to a new generation), and returns the offset it read to.
func applyJournal(ctx context.Context, dir string, from int64, w *Writer, sum *Summary) (int64, error) {
	arts, deleted, end, err := replayJournal(dir, from)
	if err != nil {
		return from, err
	}
	if w.bulk != nil && len(arts) > 0 {
		// A rebuild's files may hold the journal's ids already: those are
		// updates, not new articles (the summary's counts add up to what
		// the new index holds).
		w.bulk.existing = existingIDs(w.bi)
		defer func() { w.bulk.existing = nil }()
	}
	for len(arts) > 0 {
		n := min(len(arts), 1000)
		s, err := w.Add(ctx, arts[:n])
		if err != nil {
			return from, fmt.Errorf("journal: %w", err)
		}
		sum.Indexed += s.Indexed
		sum.Updated += s.Updated
		arts = arts[n:]
	}
	if len(deleted) > 0 {
		if _, err := w.Delete(ctx, deleted...); err != nil {
			return from, fmt.Errorf("journal: %w", err)
		}
	}
	return end, nil
}

// compactJournal rewrites the journal as its final state (one line per
// article still written, one per id still deleted), atomically, when no
// server holds the location: a server appends to the journal and would
// lose an entry appended between the read and the replacement. The
// reindex calling it holds the location lock, so no other writer runs.
func compactJournal(dir string) error {
	path := filepath.Join(dir, journalFile)
	st, err := os.Stat(path)
	if err != nil {
		return nil // no journal
	}
	if _, serving := ReadServerInfo(dir); serving {
		return nil
	}
	arts, deleted, end, err := replayJournal(dir, 0)
	if err != nil {
		return err
	}
	if end == st.Size() && int64(len(arts)+len(deleted)) == 0 {
		return nil
	}
	tmp := path + tmpSuffix
	j := &journal{path: tmp}
	os.Remove(tmp)
	entries := make([]journalEntry, 0, len(arts)+len(deleted))
	for _, id := range deleted {
		entries = append(entries, journalEntry{Deleted: id})
	}
	for _, a := range arts {
		entries = append(entries, journalEntry{Article: a})
	}
	if err := j.append(entries); err != nil {
		os.Remove(tmp)
		return err
	}
	if _, serving := ReadServerInfo(dir); serving {
		os.Remove(tmp) // a server started meanwhile: keep its journal
		return nil
	}
	if err := durable.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}
