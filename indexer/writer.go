package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/clean"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/story"
)

// Writer is the one write path into an index generation: `syndex index`
// (AddFiles), the server's admin endpoint (Add), deletes (Delete) and the
// bulk build of Reindex all go through it. Writes share the generation's
// story table and learned boilerplate, so one mutex serializes them: two
// writes racing on one table could give two copies of a story different
// story ids, or lose table records. Get the Writer of an open index with
// (*Index).Writer; Reindex makes its own over the generation it builds.
//
// Durability: when AddFiles, Add or Delete returns nil on an incremental
// (published) index, the change survives kill -9. The index is opened with
// scorch's unsafe_batch off (scorchRuntimeConfig), and then Bleve's scorch
// Batch does not return before the batch is persisted: Batch
// (bleve/v2@v2.6.3 index/scorch/scorch.go:504) calls prepareSegment
// (scorch.go:597), which gives the introduction a persisted channel when
// !s.unsafeBatch (scorch.go:652) and waits on it after the segment is applied
// (scorch.go:684). The story table is written ahead: the records of each
// batch are appended and fsynced (story.Table.Save) before the batch goes
// to Bleve, so after a crash the table knows every committed article and
// later copies still join their stories (TestStoryTableSurvivesKill). A
// reindex skips the per-batch fsync (unsafe_batch on a generation nobody
// reads yet) and is durable at its atomic publish instead: the new
// generation is synced and renamed before CURRENT points to it.
type Writer struct {
	// mu serializes every write through this Writer.
	mu sync.Mutex
	bi bleve.Index
	// gen is the generation folder written to (stories.bin and
	// boilerplate.json live beside its Bleve files).
	gen string
	// ix is the open index of an incremental Writer, for re-sketching
	// articles of earlier runs; nil for the bulk Writer of a reindex.
	ix *Index
	// bulk is the first-pass state of a reindex (fresh story table, learned
	// boilerplate, cached files); nil for an incremental Writer.
	bulk *writeRun
	// addBatch is the batch size of Add (0: the WriteOptions default);
	// tests lower it to exercise writes of several batches.
	addBatch int

	// Incremental state, loaded on the first write (see run).
	stories      *story.Table
	storiesValid int64 // bytes of good records in stories.bin
	bp           *clean.Boilerplate
}

// Writer returns the Writer of this open index generation: the same one for
// the life of the Index, so that every write of the process through this
// generation (CLI or server) takes the same lock. The story table and the
// learned boilerplate are loaded on its first write, not here, so opening an
// index only to search costs nothing.
func (ix *Index) Writer() *Writer {
	ix.writerOnce.Do(func() {
		ix.writer = &Writer{bi: ix.Index, gen: ix.Path, ix: ix}
	})
	return ix.writer
}

// newBulkWriter returns the Writer Reindex uses to fill the fresh generation
// gen with the first pass's results in run.
func newBulkWriter(bi bleve.Index, gen string, run *writeRun) *Writer {
	return &Writer{bi: bi, gen: gen, bulk: run}
}

// AddFiles adds or updates the articles of sources (files and folders, see
// ingest.ListFiles) and reports what it did; Summary.Elapsed covers the
// whole call.
func (w *Writer) AddFiles(ctx context.Context, sources []string, o WriteOptions) (Summary, error) {
	start := time.Now()
	sum := Summary{Generation: w.gen}
	files, skipped, err := ingest.List(sources)
	if err != nil {
		return sum, err
	}
	sum.Skipped = skipped
	err = w.addFiles(ctx, files, o, &sum)
	sum.Elapsed = time.Since(start)
	return sum, err
}

// addFiles writes the articles of the listed files, counting in sum. Reindex
// calls it with the files its first pass read, so they are listed once.
func (w *Writer) addFiles(ctx context.Context, files []string, o WriteOptions, sum *Summary) error {
	return w.run(func(r *writeRun) error {
		return writeAll(ctx, w.bi, files, o, sum, r)
	})
}

// Add writes already-cleaned articles (the server's admin endpoint gets them
// from `syndex index`) in batches of the default size, stripping learned
// boilerplate and assigning story ids as for files. Summary.Indexed counts
// new ids, Summary.Updated ids that replaced an article. An article Bleve
// cannot index makes Add return an error naming the first one; the others
// are written all the same.
func (w *Writer) Add(ctx context.Context, arts []*article.Article) (Summary, error) {
	start := time.Now()
	sum := Summary{Generation: w.gen}
	err := w.run(func(r *writeRun) error {
		items := make(chan item, len(arts))
		for _, a := range arts {
			items <- item{a: a, sk: prepare(a, r.bp)}
		}
		close(items)
		return writeItems(ctx, w.bi, items, WriteOptions{BatchSize: w.addBatch}, &sum, r, Progress{})
	})
	if err == nil && sum.Rejected > 0 {
		err = fmt.Errorf("%d articles could not be indexed, first: %s", sum.Rejected, sum.Errors[0])
	}
	sum.Elapsed = time.Since(start)
	return sum, err
}

// Delete removes the articles with these ids in one Bleve batch and returns
// how many were in the index (ids not found and repeats are not counted).
// Searches stop seeing them as soon as it returns.
//
// Their story table entries stay, as for the articles of a write that failed
// part-way: an entry whose article is gone is simply not found when it is
// re-sketched from the index, so a later copy is no longer grouped under it.
// Only while this Writer still holds the deleted article's sketch in memory
// (it was written by this process) can a later copy be given its story id.
func (w *Writer) Delete(ctx context.Context, ids ...string) (deleted int, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return 0, nil
	}
	had, err := existingIDs(w.bi)(ids)
	if err != nil {
		return 0, fmt.Errorf("delete articles: %w", err)
	}
	if len(had) == 0 {
		return 0, nil
	}
	b := w.bi.NewBatch()
	for _, id := range ids {
		if had[id] {
			b.Delete(id)
		}
	}
	if err := w.bi.Batch(b); err != nil {
		return 0, fmt.Errorf("delete articles: %w", err)
	}
	return len(had), nil
}

// run runs one write under the Writer's lock. A bulk Writer hands f the
// reindex's first-pass state. An incremental Writer loads the generation's
// story table and learned boilerplate on its first write, and saves the
// table before each batch and at the end of each write; when saving fails
// the table is dropped, to be reloaded from what was saved.
func (w *Writer) run(f func(*writeRun) error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.bulk != nil {
		return f(w.bulk)
	}
	if w.stories == nil {
		st, valid, err := story.LoadTable(w.gen)
		if err != nil {
			return err
		}
		st.Fetch = w.ix.sketches
		w.stories, w.storiesValid = st, valid
	}
	if w.bp == nil {
		bp, err := clean.LoadBoilerplate(filepath.Join(w.gen, boilerplateFile))
		if err != nil {
			return err
		}
		w.bp = bp
	}
	// The table is written ahead of the index: each batch's records are
	// appended and fsynced before the batch goes to Bleve, so a kill -9 can
	// leave records of articles the index never got (harmless: an entry
	// whose article is missing is simply not found when re-sketched) but
	// never a committed article the table does not know. The final save
	// covers records assigned after the last batch (rejected articles).
	save := func() error {
		valid, err := w.stories.Save(w.gen, w.storiesValid)
		if err != nil {
			return err
		}
		w.storiesValid = valid
		return nil
	}
	werr := f(&writeRun{existing: existingIDs(w.bi), stories: w.stories, bp: w.bp, saveStories: save})
	if err := save(); err != nil {
		w.stories = nil
		return errors.Join(werr, err)
	}
	return werr
}

// saveBulk writes the story table and the learned boilerplate of a bulk
// Writer into its fresh generation, once every article is written.
func (w *Writer) saveBulk() error {
	if _, err := w.bulk.stories.Save(w.gen, 0); err != nil {
		return err
	}
	return w.bulk.bp.Save(filepath.Join(w.gen, boilerplateFile))
}

// sketches re-sketches articles of the index from their stored text.
func (ix *Index) sketches(ids []string) (map[string]*story.Sketch, error) {
	stored, err := ix.Stored(ids, []string{FieldTitle, FieldBody, FieldURL, FieldCanonical})
	if err != nil {
		return nil, fmt.Errorf("look up story candidates: %w", err)
	}
	m := make(map[string]*story.Sketch, len(stored))
	for id, f := range stored {
		m[id] = story.NewSketch(ArticleFromFields(id, f))
	}
	return m, nil
}

// AddFiles adds or updates the articles of sources in the live index at dir
// through its Writer, or builds the index with Reindex when the location has
// none yet, and records sources with the live generation (see
// RecordSources). It is the convenience behind `syndex index`.
//
// Transient sources (o.Transient: standard input, fetched URLs) cannot be
// read again by a later reindex, so their articles are appended to the
// journal before they are written, exactly as when `syndex index` sends
// them to a running server: a reindex, bare or with other sources, keeps
// them either way.
func AddFiles(ctx context.Context, dir string, sources []string, o WriteOptions) (Summary, error) {
	start := time.Now()
	files := o.remembered(sources)
	ix, err := Open(dir)
	fresh := errors.Is(err, ErrNoIndex)
	if err != nil && !fresh {
		return Summary{}, err
	}
	var w *Writer
	if !fresh {
		defer ix.Close()
		w = ix.Writer()
	}
	var sum Summary
	if len(files) < len(sources) {
		transient := slices.DeleteFunc(slices.Clone(sources), func(s string) bool { return slices.Contains(files, s) })
		if err := writeJournaled(ctx, dir, w, transient, o, &sum); err != nil {
			sum.Elapsed = time.Since(start)
			return sum, err
		}
		o.fromJournal = true
	}
	var rest Summary
	if fresh {
		rest, err = Reindex(ctx, dir, files, o)
	} else {
		rest, err = w.AddFiles(ctx, files, o)
		if err == nil {
			n, cerr := ix.DocCount()
			if cerr == nil {
				err = RecordSources(dir, files, n)
			}
		}
	}
	sum.add(rest)
	sum.Elapsed = time.Since(start)
	return sum, err
}

// writeJournaled reads and cleans files and appends their articles to the
// journal of dir in batches, each fsynced before it is written through w
// (nil on a location with no index yet: the Reindex that creates it
// applies the journal).
func writeJournaled(ctx context.Context, dir string, w *Writer, files []string, o WriteOptions, sum *Summary) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create index location: %w", err)
	}
	j := &journal{path: filepath.Join(dir, journalFile)}
	before := j.size()
	err := ReadBatches(ctx, files, o, sum, func(batch []*article.Article) error {
		if err := j.addArticles(batch); err != nil || w == nil {
			return err
		}
		s, err := w.Add(ctx, batch)
		// ReadBatches counted the warnings already.
		sum.add(Summary{Indexed: s.Indexed, Updated: s.Updated, Rejected: s.Rejected, Errors: s.Errors})
		if err != nil && s.Rejected == 0 {
			return err
		}
		return nil
	})
	if err != nil || w == nil {
		return err
	}
	// The generation now holds the journal to its end, unless it lacked
	// entries before (a server stopped before switching to it): then the
	// next server applies them and these again.
	if meta, err := readMeta(w.gen); err == nil && meta.JournalOffset == before {
		meta.JournalOffset = j.size()
		return writeMetaFile(w.gen, meta)
	}
	return nil
}

// ReadBatches reads and cleans the files of sources (ingest.List, then
// ingest.Read) and hands their articles to f in batches of the write's
// batch size, counting the files, rejections and warnings in sum: how
// `syndex index` reads what it sends to a server or the ingestion log,
// and what it journals. f's error stops the read.
func ReadBatches(ctx context.Context, sources []string, o WriteOptions, sum *Summary, f func([]*article.Article) error) error {
	files, skipped, err := ingest.List(sources)
	if err != nil {
		return err
	}
	sum.Skipped = skipped
	sum.Files, sum.Bytes = len(files), ingest.FilesSize(files)
	var batch []*article.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := f(batch)
		batch = batch[:0]
		return err
	}
	for a, err := range ingest.Read(ctx, files, o.Read) {
		if err != nil {
			sum.Reject(err)
			continue
		}
		sum.warn(a.WarningLines())
		if batch = append(batch, a); len(batch) >= o.batchSize() {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return flush()
}
