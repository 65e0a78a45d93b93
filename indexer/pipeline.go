package indexer

import (
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/clean"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/story"
)

// item is what flows from the readers to the batch writer: an article, a
// rejection, or the end of a file (for progress).
type item struct {
	a        *article.Article
	sk       *story.Sketch
	err      error
	fileDone bool
}

// prepare readies an article for writing: it removes the boilerplate learned
// for its source and sketches it for story detection. It runs on the reading
// goroutine, beside cleaning, so that the writing goroutine only looks the
// sketch up.
func prepare(a *article.Article, bp *clean.Boilerplate) *story.Sketch {
	// Strip leaves a body alone when it is all boilerplate; only then is
	// there anything to check.
	if bp.Strip(a) == 0 && bp.OnlyBoilerplate(a) {
		// The body is nothing but the source's boilerplate (kept, so the
		// article is not empty), which says nothing about the story: the
		// title alone tells such articles apart.
		t := *a
		t.Body = ""
		return story.NewSketch(&t)
	}
	return story.NewSketch(a)
}

// writeRun is what one write run shares besides its options.
type writeRun struct {
	// existing reports which ids of a batch are already present (nil for a
	// fresh index, where duplicates are tracked in memory instead).
	existing func([]string) (map[string]bool, error)
	// stories assigns story ids; bp is the learned boilerplate to strip.
	stories *story.Table
	bp      *clean.Boilerplate
	// cached holds files read by the first pass of a reindex, so the second
	// does not read and clean them again.
	cached map[string][]item
	// spill holds the articles of the files in spilled (those the first
	// pass could not keep in memory), in file order; the second pass reads
	// them back instead of the files.
	spill   *spill
	spilled map[string]bool
	// keep chooses the files' articles to write (nil: all); a reindex of
	// some months writes only theirs.
	keep func(*article.Article) bool
	// saveStories makes the story records assigned so far durable; an
	// incremental write calls it before each batch goes to Bleve, so that
	// the table always knows every committed article (nil for a reindex,
	// which is durable at its publish).
	saveStories func() error
}

// writeAll reads files and writes their articles to bi in batches. Reading
// and cleaning run in their own goroutine so they overlap with indexing,
// which Bleve spreads over all cores.
func writeAll(ctx context.Context, bi bleve.Index, files []string, o WriteOptions, sum *Summary, w *writeRun) error {
	prog := Progress{Phase: PhaseIndex, Files: len(files), Bytes: ingest.FilesSize(files)}
	sum.Files, sum.Bytes = len(files), prog.Bytes
	if o.Read.BytesRead == nil {
		o.Read.BytesRead = new(atomic.Int64)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the reader if writing fails
	items := make(chan item, 4096)
	readErr := make(chan error, 1)
	go func() {
		defer close(items)
		send := func(a *article.Article, err error) bool {
			if a != nil && w.keep != nil && !w.keep(a) {
				return true
			}
			var sk *story.Sketch
			if a != nil {
				sk = prepare(a, w.bp)
			}
			select {
			case items <- item{a: a, sk: sk, err: err}:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, f := range files {
			if cached, ok := w.cached[f]; ok {
				delete(w.cached, f) // released as it goes
				o.Read.BytesRead.Add(ingest.FilesSize([]string{f}))
				for i, it := range cached {
					cached[i] = item{}
					if !send(it.a, it.err) {
						return
					}
				}
			} else if w.spilled[f] {
				delete(w.spilled, f)
				o.Read.BytesRead.Add(ingest.FilesSize([]string{f}))
				for {
					it, ok, err := w.spill.next()
					if err != nil {
						readErr <- err // the write fails: articles would be missing
						return
					}
					if !ok {
						break
					}
					if !send(it.a, it.err) {
						return
					}
				}
			} else {
				for a, err := range ingest.ReadFile(ctx, f, o.Read) {
					if !send(a, err) {
						return
					}
				}
			}
			select {
			case items <- item{fileDone: true}:
			case <-ctx.Done():
				return
			}
		}
	}()
	if err := writeItems(ctx, bi, items, o, sum, w, prog); err != nil {
		return err
	}
	select { // sent before items was closed, which writeItems waited for
	case err := <-readErr:
		return err
	default:
		return nil
	}
}

// writeItems writes the articles of items to bi in batches and counts what
// it did in sum. Story ids are assigned in item order, so the first article
// of a group names it.
func writeItems(ctx context.Context, bi bleve.Index, items <-chan item, o WriteOptions, sum *Summary, w *writeRun, prog Progress) error {
	existing := w.existing
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	report := func() {
		prog.Elapsed = time.Since(start)
		if o.Read.BytesRead != nil {
			prog.BytesRead = o.Read.BytesRead.Load()
		}
		if o.Progress != nil {
			o.Progress(prog)
		}
	}
	// seen holds the ids written in this run: a repeat is an update. Ids new
	// to the run are counted as new, or, when existing says the index had
	// them, as updates.
	seen := NewRunIDs()
	// Batches are written by two goroutines: building a segment runs on the
	// caller's goroutine in scorch, so two writers keep both cores busy
	// (measured 35% faster than one on 2 cores; more gave nothing).
	batches := make(chan *bleve.Batch, 1)
	writeErr := make(chan error, writers)
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				if err := bi.Batch(b); err != nil {
					writeErr <- fmt.Errorf("write batch: %w", err)
					cancel()
					return
				}
			}
		}()
	}
	batch := bi.NewBatch()
	var newIDs []string // ids of the batch not seen before in this run
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		sum.Indexed += len(newIDs)
		if existing != nil && len(newIDs) > 0 {
			had, err := existing(newIDs)
			if err != nil {
				return err
			}
			sum.Updated += len(had)
			sum.Indexed -= len(had)
		}
		if w.saveStories != nil {
			if err := w.saveStories(); err != nil {
				return err
			}
		}
		select {
		case batches <- batch:
		case <-ctx.Done():
			return ctx.Err()
		}
		batch = bi.NewBatch()
		newIDs = newIDs[:0]
		report()
		return nil
	}
	loopErr := func() error {
		for it := range items {
			switch {
			case it.fileDone:
				prog.FilesDone++
				continue
			case it.err != nil:
				sum.Reject(it.err)
				continue
			}
			a := it.a
			sum.warn(a.WarningLines())
			text, collision := seen.resolve(a)
			if collision != "" {
				sum.Collisions++
				sum.warn([]string{collision})
			}
			if it.sk == nil {
				it.sk = story.NewSketch(a)
			}
			sid, err := w.stories.Assign(a, it.sk)
			if err != nil {
				return err
			}
			a.Story = sid
			if err := batch.Index(a.ID, newDocument(a)); err != nil {
				sum.Reject(fmt.Errorf("article %s: %w", a.ID, err))
				continue
			}
			if seen.add(a, text) {
				sum.Updated++
			} else {
				newIDs = append(newIDs, a.ID)
			}
			prog.Articles++
			if batch.Size() >= o.batchSize() {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return flush()
	}()
	close(batches)
	wg.Wait()
	select {
	case err := <-writeErr:
		return err
	default:
	}
	if loopErr != nil {
		return loopErr
	}
	report()
	return nil
}

// RunIDs remembers the ids one run over the inputs wrote: enough to tell a
// re-sent article (an update) from a different one that derived the same
// weak id from source, title and date (a collision, kept under an id from
// its text), and to name where the first came from. Writes use one per
// run; `syndex convert` uses one so that its output indexes as its input
// would.
type RunIDs struct {
	seen map[string]seenArticle
}

type seenArticle struct {
	text   uint64
	origin article.Origin
}

// NewRunIDs returns the RunIDs of a new run.
func NewRunIDs() *RunIDs { return &RunIDs{seen: map[string]seenArticle{}} }

// Resolve gives a a content id when its weak id was taken earlier in the
// run by an article with other text, and returns the warning saying so
// ("" when it kept its id).
func (r *RunIDs) Resolve(a *article.Article) string {
	_, warning := r.resolve(a)
	return warning
}

// Add records a as written and reports whether its id was written before
// in the run (an update).
func (r *RunIDs) Add(a *article.Article) bool { return r.add(a, textHash(a)) }

func (r *RunIDs) resolve(a *article.Article) (text uint64, warning string) {
	text = textHash(a)
	if prev, ok := r.seen[a.ID]; ok && a.WeakID && prev.text != text {
		id := article.ContentID(a, filepath.Base(a.Origin.File))
		warning = fmt.Sprintf("id collision: %s and %s both have source %q, title %q and date %s but different text; the second is kept as %s",
			prev.origin, a.Origin, a.Source, a.Title, a.Published.Format(time.RFC3339), id)
		a.ID = id
	}
	return text, warning
}

func (r *RunIDs) add(a *article.Article, text uint64) bool {
	_, repeat := r.seen[a.ID]
	r.seen[a.ID] = seenArticle{text: text, origin: a.Origin}
	return repeat
}

// textHash identifies an article's text for seenArticle.
func textHash(a *article.Article) uint64 {
	h := fnv.New64a()
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Body))
	return h.Sum64()
}

// writers is the number of goroutines submitting batches.
const writers = 2

// existingIDs returns which of ids (distinct) are already in the index.
func existingIDs(bi bleve.Index) func([]string) (map[string]bool, error) {
	return func(ids []string) (map[string]bool, error) {
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
		res, err := bi.Search(req)
		if err != nil {
			return nil, fmt.Errorf("look up existing ids: %w", err)
		}
		had := make(map[string]bool, len(res.Hits))
		for _, h := range res.Hits {
			had[h.ID] = true
		}
		return had, nil
	}
}
