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

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer/durable"
)

// Name is the index type to pass to bleve.NewUsing.
const Name = "syndex-months"

// ConfigTimeField is the configuration key naming the field that decides
// an article's shard (required): a datetime, or a keyword holding an
// RFC 3339 time.
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

// Month returns the name of the shard of an article published at t
// ("2006-01" in UTC; the zero time: Undated), so that a caller choosing
// articles by month chooses them as the index routes them.
func Month(t time.Time) string {
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
		if err := durable.SyncDir(x.path); err != nil {
			return names, docs, fmt.Errorf("drop shard %s: %w", s.name, err)
		}
		if err := os.RemoveAll(dir + droppedSuffix); err != nil {
			return names, docs, fmt.Errorf("remove shard %s: %w", s.name, err)
		}
	}
	return names, docs, nil
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
