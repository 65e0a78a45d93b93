package timeshard

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

var _ index.CopyIndex = (*Index)(nil)

// CopyReader returns a reader for an online copy of every shard (Bleve's
// IndexCopyable.CopyTo uses it, as replicas' snapshots do): each shard's
// current snapshot, whose segment files scorch keeps until the reader is
// closed with CloseCopyReader. Nil when the index is closed.
func (x *Index) CopyReader() index.CopyReader {
	cr, err := x.CopyReaderOf(nil)
	if err != nil {
		return nil
	}
	return cr
}

// CopyReaderOf is CopyReader over the shards keep accepts (nil: all);
// `reindex --from/--to` copies the months it does not rebuild with it.
func (x *Index) CopyReaderOf(keep func(shard string) bool) (index.CopyReader, error) {
	x.mu.Lock()
	shards := slices.DeleteFunc(slices.Clone(x.shards), func(s *shard) bool { return keep != nil && !keep(s.name) })
	closed := x.shards == nil
	x.mu.Unlock()
	if closed {
		return nil, errors.New("timeshard: index is closed")
	}
	parts, err := snapshotParts(shards, func(s *shard) (index.IndexReader, error) {
		ci, ok := s.idx.(*scorch.Scorch)
		if !ok {
			return nil, errors.New("not a scorch index")
		}
		return ci.CopyReader(), nil
	})
	if err != nil {
		return nil, err
	}
	return &copyReader{Reader: newReader(parts)}, nil
}

// copyReader is a Reader over copy snapshots of the shards.
type copyReader struct {
	*Reader
	once sync.Once
	err  error
}

// CopyTo writes each shard's snapshot into d as the index's own layout
// (store/<shard>/root.bolt and its segment files).
func (c *copyReader) CopyTo(d index.Directory) error {
	for _, p := range c.parts {
		if err := p.r.CopyTo(shardDir{d: d, name: p.name}); err != nil {
			return fmt.Errorf("timeshard: copy shard %s: %w", p.name, err)
		}
	}
	return nil
}

// CloseCopyReader releases the snapshots, letting scorch remove the
// segment files it kept for the copy.
func (c *copyReader) CloseCopyReader() error {
	c.once.Do(func() {
		var errs []error
		for _, p := range c.parts {
			errs = append(errs, p.r.CloseCopyReader())
		}
		c.err = errors.Join(errs...)
	})
	return c.err
}

// Close is CloseCopyReader: a copy snapshot must not be closed as a plain
// one, or scorch keeps its files scheduled for copying.
func (c *copyReader) Close() error { return c.CloseCopyReader() }

// shardDir places the files scorch copies (store/root.bolt,
// store/<segment>.zap) under the shard's own folder of the index.
type shardDir struct {
	d    index.Directory
	name string
}

func (s shardDir) GetWriter(path string) (io.WriteCloser, error) {
	rest, ok := strings.CutPrefix(filepath.ToSlash(path), "store/")
	if !ok {
		return nil, fmt.Errorf("timeshard: unexpected file %q in a shard copy", path)
	}
	return s.d.GetWriter(filepath.Join("store", s.name, filepath.FromSlash(rest)))
}
