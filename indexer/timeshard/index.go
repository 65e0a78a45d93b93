// Package timeshard is a Bleve index type that keeps an index as one scorch
// index per publication month (plus one for undated articles) and presents
// them as a single index: Bleve opens it like any other (the generation's
// index_meta.json names the type), and searches, facets and dictionaries see
// one index whose document numbers are the shards' laid end to end.
//
// Why a Bleve index type rather than an alias of indexes: the search engine
// keeps per-snapshot columns, story groups and BM25F statistics keyed by
// document number, so shards searched as one reader give the same answers
// as one index — same totals, facets, scores, cursors and corrections —
// without a second, merging implementation of each of them. What the
// shards buy is in Reader.Within: a search filtered to a date range reads
// the postings of the months it covers only, and a month is a directory of
// its own that can be rebuilt or dropped whole.
package timeshard

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"
)

// Name is the index type to pass to bleve.NewUsing.
const Name = "syndex-months"

// ConfigTimeField is the configuration key naming the datetime field that
// decides an article's shard (required).
const ConfigTimeField = "timeshard_field"

// Undated is the name of the shard of articles without a publication date;
// it also holds the index's internal key/values.
const Undated = "undated"

// monthLayout names a month shard's directory.
const monthLayout = "2006-01"

func init() {
	if err := registry.RegisterIndexType(Name, New); err != nil {
		panic(err)
	}
}

// Index is a set of scorch shards by publication month, an index.Index.
type Index struct {
	path   string
	field  string
	config map[string]any
	queue  *index.AnalysisQueue

	// mu serialises writes and changes to the shard list.
	mu     sync.Mutex
	shards []*shard // by name; Undated last
	// seen maps a hash of every id written since the index was created
	// empty to the shard holding it (nil: two ids share the hash; look in
	// every shard). It lets a bulk build route updates without looking
	// each id up in every shard. Nil for an index opened with contents.
	seen map[uint64]*shard
	seed maphash.Seed

	rmu    sync.Mutex // guards cached
	cached *Reader
}

// shard is one month (or the undated articles).
type shard struct {
	name     string
	from, to int64 // UnixNano bounds [from, to) of a month shard
	dated    bool
	idx      index.Index
}

// New is the registry constructor: storeConfig["path"] is the directory
// holding the shards, storeConfig[ConfigTimeField] the datetime field.
func New(_ string, storeConfig map[string]any, q *index.AnalysisQueue) (index.Index, error) {
	path, _ := storeConfig["path"].(string)
	if path == "" {
		return nil, errors.New("timeshard: an in-memory index is not supported (no path)")
	}
	field, _ := storeConfig[ConfigTimeField].(string)
	if field == "" {
		return nil, fmt.Errorf("timeshard: configuration %q (the datetime field to shard by) is missing", ConfigTimeField)
	}
	return &Index{path: path, field: field, config: storeConfig, queue: q, seed: maphash.MakeSeed()}, nil
}

// Open opens every shard found in the directory (creating the undated one).
func (x *Index) Open() error {
	if err := os.MkdirAll(x.path, 0o755); err != nil {
		return fmt.Errorf("timeshard: %w", err)
	}
	entries, err := os.ReadDir(x.path)
	if err != nil {
		return fmt.Errorf("timeshard: %w", err)
	}
	fresh := true
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if strings.HasSuffix(e.Name(), droppedSuffix) {
			if err := os.RemoveAll(filepath.Join(x.path, e.Name())); err != nil {
				return fmt.Errorf("timeshard: finish dropping %s: %w", e.Name(), err)
			}
			continue
		}
		s, ok := shardNamed(e.Name())
		if !ok {
			continue
		}
		if err := x.openShard(s); err != nil {
			return err
		}
		if n, err := docCount(s.idx); err != nil {
			return err
		} else if n > 0 {
			fresh = false
		}
	}
	if x.find(Undated) == nil {
		s, _ := shardNamed(Undated)
		if err := x.openShard(s); err != nil {
			return err
		}
	}
	if fresh {
		x.seen = make(map[uint64]*shard)
	}
	return nil
}

// shardNamed parses a shard directory name.
func shardNamed(name string) (*shard, bool) {
	if name == Undated {
		return &shard{name: name}, true
	}
	t, err := time.Parse(monthLayout, name)
	if err != nil || t.Format(monthLayout) != name {
		return nil, false
	}
	return &shard{name: name, dated: true, from: t.UnixNano(), to: t.AddDate(0, 1, 0).UnixNano()}, true
}

// MonthOf returns the name of the shard of an article published at t (the
// zero time: Undated).
func MonthOf(t time.Time) string {
	if t.IsZero() {
		return Undated
	}
	return t.UTC().Format(monthLayout)
}

func docCount(ix index.Index) (uint64, error) {
	r, err := ix.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	return r.DocCount()
}

// openShard opens (or creates) shard s and inserts it in order.
func (x *Index) openShard(s *shard) error {
	if err := x.openScorch(s); err != nil {
		return err
	}
	i := sort.Search(len(x.shards), func(i int) bool { return less(s, x.shards[i]) })
	x.shards = slices.Insert(x.shards, i, s)
	return nil
}

// openScorch opens (or creates) the scorch index of shard s.
func (x *Index) openScorch(s *shard) error {
	cfg := make(map[string]any, len(x.config))
	for k, v := range x.config {
		cfg[k] = v
	}
	cfg["path"] = filepath.Join(x.path, s.name)
	ix, err := scorch.NewScorch(scorch.Name, cfg, x.queue)
	if err != nil {
		return fmt.Errorf("timeshard: shard %s: %w", s.name, err)
	}
	if err := ix.Open(); err != nil {
		return fmt.Errorf("timeshard: open shard %s: %w", s.name, err)
	}
	s.idx = ix
	return nil
}

// less orders month shards by month, the undated shard last.
func less(a, b *shard) bool {
	if a.dated != b.dated {
		return a.dated
	}
	return a.name < b.name
}

func (x *Index) find(name string) *shard {
	for _, s := range x.shards {
		if s.name == name {
			return s
		}
	}
	return nil
}

// Shards returns the scorch index of every shard, by name, in order.
func (x *Index) Shards() (names []string, shards []index.Index) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, s := range x.shards {
		names = append(names, s.name)
		shards = append(shards, s.idx)
	}
	return names, shards
}

// Close closes every shard.
func (x *Index) Close() error {
	x.Release()
	x.mu.Lock()
	defer x.mu.Unlock()
	var errs []error
	for _, s := range x.shards {
		if err := s.idx.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close shard %s: %w", s.name, err))
		}
	}
	x.shards, x.seen = nil, nil
	return errors.Join(errs...)
}

// Update indexes one document.
func (x *Index) Update(doc index.Document) error {
	b := index.NewBatch()
	b.Update(doc)
	return x.Batch(b)
}

// Delete deletes one document.
func (x *Index) Delete(id string) error {
	b := index.NewBatch()
	b.Delete(id)
	return x.Batch(b)
}

// SetInternal stores an internal key/value (in the undated shard).
func (x *Index) SetInternal(key, val []byte) error {
	b := index.NewBatch()
	b.SetInternal(key, val)
	return x.Batch(b)
}

// DeleteInternal deletes an internal key/value.
func (x *Index) DeleteInternal(key []byte) error {
	b := index.NewBatch()
	b.DeleteInternal(key)
	return x.Batch(b)
}

// Batch splits a batch by shard: each document goes to the shard of its
// month, an update that changes month is deleted from the shard it was in,
// and internal key/values go to the undated shard. Each shard applies its
// part atomically; the parts are applied one after the other, new
// documents before the deletions that move them, so a crash in between
// leaves an article twice rather than lost, and replaying the write (the
// journal does) mends it. A batch with a persisted callback is sent to
// every shard, so that the callback, as on one scorch index, says that
// every earlier batch is on disk too.
func (x *Index) Batch(b *index.Batch) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.shards == nil {
		return errors.New("timeshard: index is closed")
	}
	parts := map[*shard]*index.Batch{}
	part := func(s *shard) *index.Batch {
		p := parts[s]
		if p == nil {
			p = index.NewBatch()
			parts[s] = p
		}
		return p
	}
	var moves []*shard // shards that lose a document to another
	look := &lookup{readers: map[*shard]index.IndexReader{}}
	defer look.close()
	for id, doc := range b.IndexOps {
		h := maphash.String(x.seed, id)
		cur, err := x.locate(look, id, h)
		if err != nil {
			return err
		}
		if doc == nil {
			if cur != nil {
				part(cur).Delete(id)
			}
			continue
		}
		to, err := x.shardFor(doc)
		if err != nil {
			return err
		}
		part(to).Update(doc)
		if cur != nil && cur != to {
			part(cur).Delete(id)
			moves = append(moves, cur)
		}
		if x.seen != nil {
			if s, ok := x.seen[h]; !ok {
				x.seen[h] = to
			} else if s != to {
				x.seen[h] = nil
			}
		}
	}
	undated := x.find(Undated)
	for k, v := range b.InternalOps {
		if v == nil {
			part(undated).DeleteInternal([]byte(k))
		} else {
			part(undated).SetInternal([]byte(k), v)
		}
	}
	if cb := b.PersistedCallback(); cb != nil {
		for _, s := range x.shards {
			part(s)
		}
		cb = joinCallbacks(cb, len(parts))
		for _, p := range parts {
			p.SetPersistedCallback(cb)
		}
	}
	order := make([]*shard, 0, len(parts))
	for s := range parts {
		order = append(order, s)
	}
	// Shards that only lose documents to a move go last.
	slices.SortFunc(order, func(a, b *shard) int {
		am, bm := slices.Contains(moves, a) && len(parts[a].IndexOps) == 0, slices.Contains(moves, b) && len(parts[b].IndexOps) == 0
		switch {
		case am == bm:
			return strings.Compare(a.name, b.name)
		case am:
			return 1
		default:
			return -1
		}
	})
	for _, s := range order {
		if err := s.idx.Batch(parts[s]); err != nil {
			return fmt.Errorf("shard %s: %w", s.name, err)
		}
	}
	return nil
}

// joinCallbacks returns a callback that calls cb once, after n calls (or
// at the first error).
func joinCallbacks(cb index.BatchCallback, n int) index.BatchCallback {
	var mu sync.Mutex
	done := false
	return func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if done {
			return
		}
		n--
		if err != nil || n == 0 {
			done = true
			cb(err)
		}
	}
}

// shardFor returns the shard of doc's month, creating it if need be.
func (x *Index) shardFor(doc index.Document) (*shard, error) {
	name := Undated
	var ferr error
	doc.VisitFields(func(f index.Field) {
		if f.Name() != x.field {
			return
		}
		df, ok := f.(*document.DateTimeField)
		if !ok {
			ferr = fmt.Errorf("timeshard: field %s of %s is not a datetime", x.field, doc.ID())
			return
		}
		t, _, err := df.DateTime()
		if err != nil {
			ferr = fmt.Errorf("timeshard: field %s of %s: %w", x.field, doc.ID(), err)
			return
		}
		name = MonthOf(t)
	})
	if ferr != nil {
		return nil, ferr
	}
	if s := x.find(name); s != nil {
		return s, nil
	}
	s, _ := shardNamed(name)
	if err := x.openShard(s); err != nil {
		return nil, err
	}
	return s, nil
}

// locate returns the shard holding id now (nil: none). seen[h] = s means
// that every id with hash h written so far is in shard s, so only s is
// looked in; nil means ids with that hash went to several shards.
func (x *Index) locate(look *lookup, id string, h uint64) (*shard, error) {
	if x.seen != nil {
		s, ok := x.seen[h]
		if !ok {
			return nil, nil
		}
		if s != nil {
			if found, err := look.in(s, id); err != nil || !found {
				return nil, err
			}
			return s, nil
		}
	}
	for _, s := range x.shards {
		if found, err := look.in(s, id); err != nil || found {
			return s, err
		}
	}
	return nil, nil
}

// lookup finds documents in the shards' snapshots as they were before the
// batch, opening each shard's once.
type lookup struct {
	readers map[*shard]index.IndexReader
}

func (l *lookup) in(s *shard, id string) (bool, error) {
	r := l.readers[s]
	if r == nil {
		var err error
		if r, err = s.idx.Reader(); err != nil {
			return false, fmt.Errorf("shard %s: %w", s.name, err)
		}
		l.readers[s] = r
	}
	iid, err := r.InternalID(id)
	if err != nil {
		return false, fmt.Errorf("shard %s: %w", s.name, err)
	}
	return len(iid) > 0, nil
}

func (l *lookup) close() {
	for _, r := range l.readers {
		r.Close()
	}
}

// droppedSuffix marks a shard directory being deleted: Drop renames a
// shard before removing it, so that a crash part-way leaves a directory
// Open ignores (and finishes deleting) rather than a half-deleted shard.
const droppedSuffix = ".dropped"

// Drop closes and deletes the month shards wholly before cutoff, and
// returns their names and how many articles they held. It is what
// retention does with month shards: whole directories go, without a
// delete per article. Searches already running on them finish first:
// their snapshots keep the segment files open.
func (x *Index) Drop(cutoff time.Time) (names []string, docs uint64, err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	gone := map[*shard]bool{}
	defer func() {
		x.shards = slices.DeleteFunc(x.shards, func(s *shard) bool { return gone[s] })
		if x.seen != nil && len(gone) > 0 {
			x.seen = nil // look ids up from now on
		}
	}()
	for _, s := range x.shards {
		if !s.dated || s.to > cutoff.UnixNano() {
			continue
		}
		n, err := docCount(s.idx)
		if err != nil {
			return names, docs, fmt.Errorf("shard %s: %w", s.name, err)
		}
		if err := s.idx.Close(); err != nil {
			return names, docs, fmt.Errorf("close shard %s: %w", s.name, err)
		}
		dir := filepath.Join(x.path, s.name)
		if err := os.Rename(dir, dir+droppedSuffix); err != nil {
			// Closed but still there: reopen it rather than lose it.
			if err2 := x.openScorch(s); err2 != nil {
				gone[s] = true
				err = errors.Join(err, err2)
			}
			return names, docs, fmt.Errorf("drop shard %s: %w", s.name, err)
		}
		gone[s] = true
		names, docs = append(names, s.name), docs+n
		if err := syncDir(x.path); err != nil {
			return names, docs, fmt.Errorf("drop shard %s: %w", s.name, err)
		}
		if err := os.RemoveAll(dir + droppedSuffix); err != nil {
			return names, docs, fmt.Errorf("remove shard %s: %w", s.name, err)
		}
	}
	return names, docs, nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// StatsMap returns each shard's scorch statistics under its name.
func (x *Index) StatsMap() map[string]any {
	x.mu.Lock()
	defer x.mu.Unlock()
	m := map[string]any{}
	for _, s := range x.shards {
		m[s.name] = s.idx.StatsMap()
	}
	return m
}

// Reader returns a reader over the current snapshot of every shard. It is
// the same *Reader for as long as no shard changes, so that what callers
// cache per snapshot stays valid.
func (x *Index) Reader() (index.IndexReader, error) {
	x.mu.Lock()
	shards := slices.Clone(x.shards)
	x.mu.Unlock()
	if shards == nil {
		return nil, errors.New("timeshard: index is closed")
	}
	parts := make([]part, 0, len(shards))
	release := func() {
		for _, p := range parts {
			p.r.Close()
		}
	}
	var off uint64
	for _, s := range shards {
		r, err := s.idx.Reader()
		if err != nil {
			release()
			return nil, fmt.Errorf("shard %s: %w", s.name, err)
		}
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			r.Close()
			release()
			return nil, fmt.Errorf("shard %s is not a scorch index", s.name)
		}
		var size uint64
		for _, seg := range snap.Segments() {
			size += seg.Segment().Count() // deleted documents keep their numbers
		}
		parts = append(parts, part{name: s.name, r: snap, off: off, size: size, from: s.from, to: s.to, dated: s.dated})
		off += size
	}
	x.rmu.Lock()
	defer x.rmu.Unlock()
	if c := x.cached; c != nil && c.same(parts) {
		release()
		c.refs.Add(1)
		return c, nil
	}
	r := newReader(parts)
	r.refs.Add(1) // the cache's
	if x.cached != nil {
		x.cached.Close()
	}
	x.cached = r
	return r, nil
}

// Release drops the index's own hold on the reader it caches. That hold
// keeps every shard's snapshot alive, and with it the files of segments
// scorch has since merged away; a final merge that waits for those files
// to go releases it first. The next Reader builds a new one.
func (x *Index) Release() {
	x.rmu.Lock()
	defer x.rmu.Unlock()
	if x.cached != nil {
		x.cached.Close()
		x.cached = nil
	}
}

// encode and decode convert between document numbers and internal ids.
func encode(buf index.IndexInternalID, num uint64) index.IndexInternalID {
	if cap(buf) < 8 {
		buf = make(index.IndexInternalID, 8)
	}
	buf = buf[:8]
	binary.BigEndian.PutUint64(buf, num)
	return buf
}

func decode(id index.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}
