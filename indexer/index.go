package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	bbolterrors "go.etcd.io/bbolt/errors"
)

// Index is an open generation of the index at a location.
type Index struct {
	bleve.Index
	// Location is the index location folder; Path the open generation in it.
	Location, Path string
	// inUse holds a shared lock on the generation for as long as it is open,
	// so that no other process deletes it under us.
	inUse *os.File

	// writeMu serializes incremental writes, which share the story table
	// and the learned boilerplate, both loaded on the first write.
	writeMu      sync.Mutex
	stories      *storyTable
	storiesValid int64 // bytes of good records in stories.bin
	bp           *Boilerplate
}

// Close closes the index and releases its in-use lock.
func (ix *Index) Close() error {
	err := ix.Index.Close()
	if ix.inUse != nil {
		ix.inUse.Close()
		ix.inUse = nil
	}
	return err
}

// Open opens the live generation of the index location dir for reading and
// incremental writes. It fails with ErrNoIndex when there is none and with a
// "run syndex reindex" message when the index is from an incompatible version.
func Open(dir string) (*Index, error) {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return nil, err
	}
	return openGeneration(dir, gen)
}

// openGeneration opens one generation of the location dir.
func openGeneration(dir, gen string) (*Index, error) {
	if err := checkMeta(gen); err != nil {
		return nil, err
	}
	inUse, err := lockInUse(gen)
	if err != nil {
		return nil, err
	}
	bi, err := bleve.OpenUsing(gen, scorchRuntimeConfig())
	if err != nil {
		inUse.Close()
		if errors.Is(err, bbolterrors.ErrTimeout) {
			if srv, ok := ReadServerInfo(dir); ok {
				return nil, fmt.Errorf("open index %s: it is held open by the syndex server (pid %d, http://%s); use its API, or stop it: %w", gen, srv.PID, srv.Addr, ErrIndexBusy)
			}
			return nil, fmt.Errorf("open index %s: %w", gen, ErrIndexBusy)
		}
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	return &Index{Index: bi, Location: dir, Path: gen, inUse: inUse}, nil
}

// ErrIndexBusy means another process holds the index open for writing.
var ErrIndexBusy = errors.New("the index is open in another process")

// scorchRuntimeConfig is the scorch configuration for a live index.
func scorchRuntimeConfig() map[string]any {
	return map[string]any{
		// Fail instead of waiting forever when another process (a running
		// server) holds the index's write lock.
		"bolt_timeout": "2s",
		// The bulk build's unsafe_batch is saved in the index metadata;
		// incremental writes must be durable when Batch returns.
		"unsafe_batch": false,
		// Keep one old snapshot for rollback, not the default of several.
		"numSnapshotsToKeep": 1,
	}
}

// WriteOptions control how articles are written.
type WriteOptions struct {
	// Read are the options for reading and cleaning the sources.
	Read Options
	// BatchSize is the number of articles per Bleve batch (0 = 1000).
	BatchSize int
	// Strict makes a reindex abort without publishing if anything was rejected.
	Strict bool
	// Progress, if set, is called after every batch and when the work ends.
	Progress func(Progress)
}

func (o WriteOptions) batchSize() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	return 1000
}

// Progress is a snapshot of a long write for progress bars and logs.
type Progress struct {
	// Phase is PhaseLearn during the first pass of a reindex, else
	// PhaseIndex; the counters restart with each phase.
	Phase            string
	Files, FilesDone int
	Bytes, BytesRead int64
	Articles         int
	Elapsed          time.Duration
}

// Phases of a write, in Progress.Phase.
const (
	PhaseLearn = "learning boilerplate"
	PhaseIndex = "indexing"
)

// Summary is what a reindex or an incremental index run did.
type Summary struct {
	Files    int
	Bytes    int64
	Indexed  int // new articles
	Updated  int // articles whose id was already present (replaced)
	Rejected int
	// Errors holds the first MaxErrors rejection reasons.
	Errors  []string
	Elapsed time.Duration
	// Generation is the index generation written to.
	Generation string
}

// MaxErrors bounds how many rejection reasons a Summary keeps.
const MaxErrors = 1000

// Rate returns articles written per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Indexed+s.Updated) / s.Elapsed.Seconds()
}

func (s *Summary) reject(err error) {
	s.Rejected++
	if len(s.Errors) < MaxErrors {
		s.Errors = append(s.Errors, err.Error())
	}
}

// ErrRejected is returned by a strict reindex that rejected articles.
var ErrRejected = errors.New("articles were rejected")

// item is what flows from the readers to the batch writer: an article, a
// rejection, or the end of a file (for progress).
type item struct {
	a        *Article
	sk       *sketch
	err      error
	fileDone bool
}

// prepare readies an article for writing: it removes the boilerplate learned
// for its source and sketches it for story detection. It runs on the reading
// goroutine, beside cleaning, so that the writing goroutine only looks the
// sketch up.
func prepare(a *Article, bp *Boilerplate) *sketch {
	// Strip leaves a body alone when it is all boilerplate; only then is
	// there anything to check.
	if bp.Strip(a) == 0 && bp.OnlyBoilerplate(a) {
		// The body is nothing but the source's boilerplate (kept, so the
		// article is not empty), which says nothing about the story: the
		// title alone tells such articles apart.
		t := *a
		t.Body = ""
		return newSketch(&t)
	}
	return newSketch(a)
}

// writeRun is what one write run shares besides its options.
type writeRun struct {
	// existing reports which ids of a batch are already present (nil for a
	// fresh index, where duplicates are tracked in memory instead).
	existing func([]string) (map[string]bool, error)
	// stories assigns story ids; bp is the learned boilerplate to strip.
	stories *storyTable
	bp      *Boilerplate
	// cached holds files read by the first pass of a reindex, so the second
	// does not read and clean them again.
	cached map[string][]item
}

// writeAll reads files and writes their articles to bi in batches. Reading
// and cleaning run in their own goroutine so they overlap with indexing,
// which Bleve spreads over all cores.
func writeAll(ctx context.Context, bi bleve.Index, files []string, o WriteOptions, sum *Summary, w *writeRun) error {
	prog := Progress{Phase: PhaseIndex, Files: len(files), Bytes: filesSize(files)}
	sum.Files, sum.Bytes = len(files), prog.Bytes
	if o.Read.BytesRead == nil {
		o.Read.BytesRead = new(atomic.Int64)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the reader if writing fails
	items := make(chan item, 4096)
	go func() {
		defer close(items)
		send := func(a *Article, err error) bool {
			var sk *sketch
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
				o.Read.BytesRead.Add(filesSize([]string{f}))
				for i, it := range cached {
					cached[i] = item{}
					if !send(it.a, it.err) {
						return
					}
				}
			} else {
				for a, err := range ReadFile(ctx, f, o.Read) {
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
	return writeItems(ctx, bi, items, o, sum, w, prog)
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
	seen := make(map[string]bool)
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
				sum.reject(it.err)
				continue
			}
			a := it.a
			if it.sk == nil {
				it.sk = newSketch(a)
			}
			story, err := w.stories.assign(a, it.sk)
			if err != nil {
				return err
			}
			a.Story = story
			if err := batch.Index(a.ID, newDocument(a)); err != nil {
				sum.reject(fmt.Errorf("article %s: %w", a.ID, err))
				continue
			}
			if seen[a.ID] {
				sum.Updated++
			} else {
				seen[a.ID] = true
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

// filesSize is the total size of files, for progress.
func filesSize(files []string) int64 {
	var n int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			n += st.Size()
		}
	}
	return n
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

// Reindex builds a complete new index of the given sources beside the live
// one at dir and swaps it in atomically, then removes the old generation.
// Readers never see a half-built index; a crash at any point leaves the
// previous index intact. With o.Strict, any rejected article aborts the swap
// and Reindex returns ErrRejected.
func Reindex(ctx context.Context, dir string, sources []string, o WriteOptions) (Summary, error) {
	start := time.Now()
	var sum Summary
	files, err := ListFiles(sources)
	if err != nil {
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
	bi, err := bleve.NewUsing(tmp, NewMapping(), scorch.Name, scorch.Name, scorchBulkConfig())
	if err != nil {
		return sum, fmt.Errorf("create index %s: %w", tmp, err)
	}
	failed := func(err error) (Summary, error) {
		bi.Close()
		os.RemoveAll(tmp)
		sum.Elapsed = time.Since(start)
		return sum, err
	}
	w, err := firstPass(ctx, files, o)
	if err != nil {
		return failed(err)
	}
	if err := writeAll(ctx, bi, files, o, &sum, w); err != nil {
		return failed(err)
	}
	if _, err := w.stories.save(tmp, 0); err != nil {
		return failed(err)
	}
	if err := w.bp.Save(filepath.Join(tmp, boilerplateFile)); err != nil {
		return failed(err)
	}
	// The story table (a few hundred bytes per article) is not needed for
	// the merge, whose mapped segment files are the peak of a rebuild's
	// memory: for a big rebuild, hand it back to the OS first (350k
	// articles: peak RSS 921 → 796 MB). A small one would only pay for the
	// forced collection (8% of a 35k rebuild).
	big := len(w.stories.docs) >= freeBeforeMerge
	w = nil
	if big {
		debug.FreeOSMemory()
	}
	if o.Strict && sum.Rejected > 0 {
		return failed(fmt.Errorf("%d %w (strict mode): the live index was not replaced", sum.Rejected, ErrRejected))
	}
	if err := waitPersisted(ctx, bi); err != nil {
		return failed(err)
	}
	if err := mergeToOneSegment(ctx, bi); err != nil {
		return failed(err)
	}
	if err := bi.Close(); err != nil {
		return failed(fmt.Errorf("close new index: %w", err))
	}
	if err := ctx.Err(); err != nil {
		return failed(err)
	}
	if err := writeMeta(tmp); err != nil {
		return failed(err)
	}
	if err := syncTree(tmp); err != nil {
		return failed(fmt.Errorf("sync new index: %w", err))
	}
	if err := os.Rename(tmp, final); err != nil {
		return failed(fmt.Errorf("finish new index: %w", err))
	}
	if err := syncDir(dir); err != nil {
		return failed(err)
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
	sum.Generation = final
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// scorchBulkConfig is the scorch configuration for building a fresh index:
// nobody reads it until it is published, so batches skip the per-batch fsync
// ("unsafe_batch") and the whole tree is synced once before publishing.
func scorchBulkConfig() map[string]any {
	return map[string]any{
		"unsafe_batch":       true,
		"numSnapshotsToKeep": 1,
	}
}

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

// mergeToOneSegment force-merges a freshly built index into one segment:
// searches then read one dictionary per field instead of dozens, and the
// index shrinks by about 12%. Old segment files are deleted by scorch in the
// background, so it waits for that before returning.
func mergeToOneSegment(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("merge index: %w", err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	stat := func(k string) uint64 {
		v, _ := sc.StatsMap()[k].(uint64)
		return v
	}
	for stat("num_root_memorysegments") > 0 {
		if err := sleepCtx(ctx, 20*time.Millisecond); err != nil {
			return err
		}
	}
	for range 4 {
		if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return fmt.Errorf("merge index: %w", err)
		}
		if stat("num_root_filesegments") <= 1 {
			break
		}
	}
	for {
		m := sc.StatsMap()
		busy, _ := m["index_bgthreads_active"].(bool)
		files, _ := m["num_files_on_disk"].(uint64)
		if !busy && files <= 2 {
			return nil
		}
		if err := sleepCtx(ctx, 10*time.Millisecond); err != nil {
			return err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// AddFiles adds or updates the articles of sources in the live index at dir,
// creating the index location if it has none yet.
func AddFiles(ctx context.Context, dir string, sources []string, o WriteOptions) (Summary, error) {
	start := time.Now()
	ix, err := Open(dir)
	if errors.Is(err, ErrNoIndex) {
		return Reindex(ctx, dir, sources, o)
	}
	if err != nil {
		return Summary{}, err
	}
	defer ix.Close()
	sum, err := ix.Add(ctx, sources, o)
	sum.Elapsed = time.Since(start)
	return sum, err
}

// Add adds or updates the articles of sources in this open index.
func (ix *Index) Add(ctx context.Context, sources []string, o WriteOptions) (Summary, error) {
	start := time.Now()
	sum := Summary{Generation: ix.Path}
	files, err := ListFiles(sources)
	if err != nil {
		return sum, err
	}
	err = ix.write(func(w *writeRun) error {
		return writeAll(ctx, ix.Index, files, o, &sum, w)
	})
	sum.Elapsed = time.Since(start)
	return sum, err
}

// write runs an incremental write with the generation's story table and
// learned boilerplate, and saves the table after it. When saving fails the
// table is dropped, to be reloaded from what was saved.
func (ix *Index) write(f func(*writeRun) error) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if ix.stories == nil {
		st, valid, err := loadStoryTable(ix.Path)
		if err != nil {
			return err
		}
		st.fetch = ix.sketches
		ix.stories, ix.storiesValid = st, valid
	}
	if ix.bp == nil {
		bp, err := LoadBoilerplate(filepath.Join(ix.Path, boilerplateFile))
		if err != nil {
			return err
		}
		ix.bp = bp
	}
	// The table is saved even when the write failed part-way: batches
	// written before the failure are in the index, and an entry whose
	// article is not is simply not found when re-sketched.
	werr := f(&writeRun{existing: existingIDs(ix.Index), stories: ix.stories, bp: ix.bp})
	valid, err := ix.stories.save(ix.Path, ix.storiesValid)
	if err != nil {
		ix.stories = nil
		return errors.Join(werr, err)
	}
	ix.storiesValid = valid
	return werr
}

// sketches re-sketches articles of the index from their stored text.
func (ix *Index) sketches(ids []string) (map[string]*sketch, error) {
	stored, err := ix.Stored(ids, []string{FieldTitle, FieldBody, FieldURL, FieldCanonical})
	if err != nil {
		return nil, fmt.Errorf("look up story candidates: %w", err)
	}
	m := make(map[string]*sketch, len(stored))
	for id, f := range stored {
		m[id] = newSketch(ArticleFromFields(id, f))
	}
	return m, nil
}

// Stored returns the given stored fields of the articles with these ids,
// by id; ids not in the index are absent.
func (ix *Index) Stored(ids []string, fields []string) (map[string]map[string]any, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = fields
	res, err := ix.Search(req)
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	m := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		m[h.ID] = h.Fields
	}
	return m, nil
}

// ErrNotFound means no article has the requested id.
var ErrNotFound = errors.New("article not found")

// storedFields are the stored fields that make up an Article read back.
var storedFields = []string{FieldTitle, FieldBody, FieldURL, FieldCanonical, FieldSource, FieldDomain,
	FieldAuthor, FieldTags, FieldLang, FieldPublished, FieldStory}

// Article reads one article back from its stored fields.
func (ix *Index) Article(id string) (*Article, error) {
	stored, err := ix.Stored([]string{id}, storedFields)
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", id, err)
	}
	f, ok := stored[id]
	if !ok {
		return nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	return ArticleFromFields(id, f), nil
}

// ArticleFromFields rebuilds an Article from a hit's stored fields, as Bleve
// returns them (strings, []any for repeated fields, RFC 3339 dates).
func ArticleFromFields(id string, f map[string]any) *Article {
	s := func(k string) string {
		v, _ := f[k].(string)
		return v
	}
	a := &Article{
		ID: id, Title: s(FieldTitle), Body: s(FieldBody), URL: s(FieldURL), CanonicalURL: s(FieldCanonical),
		Source: s(FieldSource), SourceDomain: s(FieldDomain), Author: s(FieldAuthor), Lang: s(FieldLang),
		Story: s(FieldStory),
	}
	switch v := f[FieldTags].(type) {
	case string:
		a.Tags = []string{v}
	case []any:
		for _, t := range v {
			if ts, ok := t.(string); ok {
				a.Tags = append(a.Tags, ts)
			}
		}
	}
	if p := s(FieldPublished); p != "" {
		a.Published, _ = time.Parse(time.RFC3339Nano, p)
	}
	return a
}

// freeBeforeMerge is the number of articles from which a reindex returns
// the story table's memory to the OS before the final merge.
const freeBeforeMerge = 100_000

// boilerplateFile holds the boilerplate learned by a reindex, beside the
// generation's Bleve files; incremental writes strip it too.
const boilerplateFile = "boilerplate.json"

// firstPassCache bounds the article text the first pass of a reindex keeps
// for the second: within it (the 35k-article corpus takes 37 MB), the second
// pass does not read and clean the files again, which cost 13% of a
// reindex; past it, the remaining files are read twice. It is small beside
// the 1 GiB a 350k-article reindex may use, since the garbage collector lets
// the heap grow to twice what is live.
const firstPassCache = 64 << 20

// firstPass is the first pass of a reindex: it reads every source once to
// learn the lines each source repeats across its articles (see
// BoilerplateLearner), so that the second pass strips them before indexing
// and before story detection. Rejections are reported by the second pass.
func firstPass(ctx context.Context, files []string, o WriteOptions) (*writeRun, error) {
	start := time.Now()
	w := &writeRun{stories: newStoryTable(), cached: make(map[string][]item)}
	l := NewBoilerplateLearner()
	ro := o.Read
	ro.BytesRead = new(atomic.Int64)
	prog := Progress{Phase: PhaseLearn, Files: len(files), Bytes: filesSize(files)}
	report := func() {
		if o.Progress != nil {
			prog.BytesRead, prog.Elapsed = ro.BytesRead.Load(), time.Since(start)
			o.Progress(prog)
		}
	}
	cacheLeft := int64(firstPassCache)
	for _, f := range files {
		var items []item
		for a, err := range ReadFile(ctx, f, ro) {
			if a != nil {
				l.Add(a)
				prog.Articles++
				if prog.Articles%2000 == 0 {
					report()
				}
				cacheLeft -= int64(len(a.Title) + len(a.Body) + 256)
			}
			if cacheLeft >= 0 {
				items = append(items, item{a: a, err: err})
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if cacheLeft >= 0 {
			w.cached[f] = items
		}
		prog.FilesDone++
		report()
	}
	w.bp = l.Learn()
	return w, nil
}

// LearnedBoilerplate returns the boilerplate the last reindex of the index
// location dir learned. It reads a file of the live generation, without
// opening the index, so it works while a server holds the index.
func LearnedBoilerplate(dir string) (*Boilerplate, error) {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return nil, err
	}
	return LoadBoilerplate(filepath.Join(gen, boilerplateFile))
}
