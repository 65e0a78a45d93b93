package timeshard

import (
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

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

// fieldTime reads the time a document is sharded by: a Bleve datetime, or
// a keyword holding an RFC 3339 time (as syndex's published field does).
func fieldTime(f index.Field) (time.Time, error) {
	switch f := f.(type) {
	case *document.DateTimeField:
		t, _, err := f.DateTime()
		return t, err
	case *document.TextField:
		t, err := time.Parse(time.RFC3339Nano, string(f.Value()))
		if err != nil {
			return time.Time{}, fmt.Errorf("not an RFC 3339 time: %q", f.Value())
		}
		return t, nil
	}
	return time.Time{}, errors.New("neither a datetime nor an RFC 3339 keyword")
}

// shardFor returns the shard of doc's month, creating it if need be.
func (x *Index) shardFor(doc index.Document) (*shard, error) {
	name := Undated
	var ferr error
	doc.VisitFields(func(f index.Field) {
		if f.Name() != x.field {
			return
		}
		t, err := fieldTime(f)
		if err != nil {
			ferr = fmt.Errorf("timeshard: field %s of %s: %w", x.field, doc.ID(), err)
			return
		}
		name = Month(t)
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
