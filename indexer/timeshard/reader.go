package timeshard

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// part is one shard's snapshot within a Reader: its documents are numbered
// off .. off+size-1.
type part struct {
	name      string
	r         *scorch.IndexSnapshot
	off, size uint64
	from, to  int64
	dated     bool
}

// Reader reads the snapshots of every shard as one index. It is shared by
// every caller while the shards do not change (see Index.Reader) and
// released once each caller has closed it.
type Reader struct {
	refs  atomic.Int64
	parts []part
	// active says which parts searches iterate; nil: all (see Within).
	active []bool
	// root is the shared Reader a Within view belongs to.
	root *Reader
	// dfs caches document frequencies, shared by the Reader and its views.
	dfs *dfCache
}

// dfCache memoizes document frequencies per field and term for one Reader.
// A frequency counts every shard, so it costs a postings lookup in each of
// them (71 shards at 1M articles): searches ask for the same terms' counts
// again and again (BM25 weights, feedback terms, the counts of a Within
// view), and the shards' snapshots never change under a Reader.
type dfCache struct {
	mu sync.Mutex
	m  map[string]uint64
}

// dfCacheMax bounds a cache; a full one starts again empty, so that
// queries of ever new words cannot grow it without end.
const dfCacheMax = 1 << 16

func (c *dfCache) get(key string) (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.m[key]
	return n, ok
}

func (c *dfCache) put(key string, n uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= dfCacheMax {
		clear(c.m)
	}
	c.m[key] = n
}

var (
	_ index.IndexReader       = (*Reader)(nil)
	_ index.IndexReaderFuzzy  = (*Reader)(nil)
	_ index.IndexReaderRegexp = (*Reader)(nil)
)

func newReader(parts []part) *Reader {
	r := &Reader{parts: parts, dfs: &dfCache{m: map[string]uint64{}}}
	r.refs.Store(1)
	return r
}

// same reports whether parts are the snapshots r reads.
func (r *Reader) same(parts []part) bool {
	return slices.EqualFunc(r.parts, parts, func(a, b part) bool { return a.r == b.r && a.name == b.name })
}

// Close releases the caller's reference; the last one closes the shards'
// snapshots. Closing a Within view does nothing.
func (r *Reader) Close() error {
	if r.root != nil {
		return nil
	}
	if r.refs.Add(-1) != 0 {
		return nil
	}
	var first error
	for _, p := range r.parts {
		if err := p.r.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Within returns a view of r whose postings and document lists cover only
// the shards that can hold articles published in [from, to] (UnixNano;
// a missing bound is open). Undated articles are left out when a bound is
// given. Counts (document frequencies, the number of documents) stay
// those of the whole index, so scores are the same as without the view:
// it is only correct for searches whose filters exclude what it leaves
// out. The view lives as long as r; closing it does nothing.
func (r *Reader) Within(from, to int64, hasFrom, hasTo bool) index.IndexReader {
	if !hasFrom && !hasTo {
		return r
	}
	v := &Reader{parts: r.parts, root: r, dfs: r.dfs, active: make([]bool, len(r.parts))}
	for i, p := range r.parts {
		v.active[i] = p.dated && (!hasFrom || p.to > from) && (!hasTo || p.from <= to)
	}
	return v
}

// Shards returns the names of the shards a search on r iterates.
func (r *Reader) Shards() []string {
	var out []string
	for i, p := range r.parts {
		if r.on(i) {
			out = append(out, p.name)
		}
	}
	return out
}

func (r *Reader) on(i int) bool { return r.active == nil || r.active[i] }

// Segments returns every shard's segments in document-number order, as
// scorch's IndexSnapshot.Segments does for one index (document numbers
// are the running sum of the segments' counts).
func (r *Reader) Segments() []*scorch.SegmentSnapshot {
	var out []*scorch.SegmentSnapshot
	for _, p := range r.parts {
		out = append(out, p.r.Segments()...)
	}
	return out
}

// at returns the part holding document number num.
func (r *Reader) at(num uint64) (int, bool) {
	i := sort.Search(len(r.parts), func(i int) bool { return r.parts[i].off+r.parts[i].size > num })
	return i, i < len(r.parts)
}

// local maps a document number to its part and its number there.
func (r *Reader) local(id index.IndexInternalID) (int, index.IndexInternalID, bool) {
	num, ok := decode(id)
	if !ok {
		return 0, nil, false
	}
	i, ok := r.at(num)
	if !ok {
		return 0, nil, false
	}
	return i, encode(nil, num-r.parts[i].off), true
}

// TermFieldReader iterates the term's postings in every (active) shard.
// Its Count is the term's frequency in every shard, as DocFreq.
func (r *Reader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (index.TermFieldReader, error) {
	t := &termReader{r: r, readers: make([]index.TermFieldReader, len(r.parts))}
	key := dfKey(field, term)
	count, known := r.dfs.get(key)
	for i, p := range r.parts {
		if known && !r.on(i) {
			continue
		}
		tr, err := p.r.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
		if err != nil {
			t.Close()
			return nil, fmt.Errorf("shard %s: %w", p.name, err)
		}
		t.count += tr.Count()
		if !r.on(i) {
			tr.Close()
			continue
		}
		t.readers[i] = tr
	}
	if known {
		t.count = count
	} else {
		r.dfs.put(key, t.count)
	}
	return t, nil
}

// DocFreq returns how many documents of every shard hold term in field,
// from the Reader's cache when it was asked before.
func (r *Reader) DocFreq(ctx context.Context, term []byte, field string) (uint64, error) {
	if n, ok := r.dfs.get(dfKey(field, term)); ok {
		return n, nil
	}
	t, err := r.TermFieldReader(ctx, term, field, false, false, false) // counts and caches
	if err != nil {
		return 0, err
	}
	n := t.Count()
	return n, t.Close()
}

// DocFreq returns how many documents of r hold term in field. Over month
// shards (a *Reader, possibly wrapped) it answers from the Reader's cache,
// since a count there otherwise opens the term's postings in every shard;
// over any other reader it counts the postings.
func DocFreq(ctx context.Context, r index.IndexReader, field, term string) (uint64, error) {
	if dr, ok := r.(interface {
		DocFreq(ctx context.Context, term []byte, field string) (uint64, error)
	}); ok {
		return dr.DocFreq(ctx, []byte(term), field)
	}
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("read postings of %q in %s: %w", term, field, err)
	}
	n := tfr.Count()
	return n, tfr.Close()
}

func dfKey(field string, term []byte) string { return field + "\x00" + string(term) }

// DocIDReaderAll lists every document of the (active) shards.
func (r *Reader) DocIDReaderAll() (index.DocIDReader, error) {
	return r.docIDs(func(p part) (index.DocIDReader, error) { return p.r.DocIDReaderAll() })
}

// DocIDReaderOnly lists the documents with these ids.
func (r *Reader) DocIDReaderOnly(ids []string) (index.DocIDReader, error) {
	return r.docIDs(func(p part) (index.DocIDReader, error) { return p.r.DocIDReaderOnly(ids) })
}

func (r *Reader) docIDs(open func(part) (index.DocIDReader, error)) (index.DocIDReader, error) {
	d := &docIDReader{r: r, readers: make([]index.DocIDReader, len(r.parts))}
	for i, p := range r.parts {
		if !r.on(i) {
			continue
		}
		dr, err := open(p)
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("shard %s: %w", p.name, err)
		}
		d.readers[i] = dr
	}
	return d, nil
}

// FieldDict merges the shards' dictionaries of field.
func (r *Reader) FieldDict(field string) (index.FieldDict, error) {
	return r.dicts(func(p part) (index.FieldDict, error) { return p.r.FieldDict(field) })
}

// FieldDictRange merges the shards' dictionaries of field from start to end.
func (r *Reader) FieldDictRange(field string, start, end []byte) (index.FieldDict, error) {
	return r.dicts(func(p part) (index.FieldDict, error) { return p.r.FieldDictRange(field, start, end) })
}

// FieldDictPrefix merges the shards' terms of field with this prefix.
func (r *Reader) FieldDictPrefix(field string, prefix []byte) (index.FieldDict, error) {
	return r.dicts(func(p part) (index.FieldDict, error) { return p.r.FieldDictPrefix(field, prefix) })
}

// FieldDictFuzzy merges the shards' terms within fuzziness of term.
func (r *Reader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	return r.dicts(func(p part) (index.FieldDict, error) { return p.r.FieldDictFuzzy(field, term, fuzziness, prefix) })
}

// FieldDictFuzzyAutomaton is FieldDictFuzzy with the automaton of the
// first shard (every shard builds the same one).
func (r *Reader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	var a index.FuzzyAutomaton
	d, err := r.dicts(func(p part) (index.FieldDict, error) {
		d, pa, err := p.r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
		if a == nil {
			a = pa
		}
		return d, err
	})
	return d, a, err
}

// FieldDictRegexp merges the shards' terms matching regex.
func (r *Reader) FieldDictRegexp(field, regex string) (index.FieldDict, error) {
	return r.dicts(func(p part) (index.FieldDict, error) { return p.r.FieldDictRegexp(field, regex) })
}

// FieldDictRegexpAutomaton is FieldDictRegexp with the first shard's automaton.
func (r *Reader) FieldDictRegexpAutomaton(field, regex string) (index.FieldDict, index.RegexAutomaton, error) {
	var a index.RegexAutomaton
	d, err := r.dicts(func(p part) (index.FieldDict, error) {
		d, pa, err := p.r.FieldDictRegexpAutomaton(field, regex)
		if a == nil {
			a = pa
		}
		return d, err
	})
	return d, a, err
}

// dicts merges one dictionary per shard. Dictionaries are read from every
// shard, active or not: they give the same terms and counts as one index.
func (r *Reader) dicts(open func(part) (index.FieldDict, error)) (index.FieldDict, error) {
	m := &mergedDict{}
	for _, p := range r.parts {
		d, err := open(p)
		if err != nil {
			m.Close()
			return nil, fmt.Errorf("shard %s: %w", p.name, err)
		}
		m.add(d)
	}
	return m, nil
}

// Document returns the stored document id, from whichever shard holds it.
func (r *Reader) Document(id string) (index.Document, error) {
	for _, p := range r.parts {
		d, err := p.r.Document(id)
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", p.name, err)
		}
		if d != nil {
			return d, nil
		}
	}
	return nil, nil
}

// DocValueReader reads doc values of fields, from each document's shard.
func (r *Reader) DocValueReader(fields []string) (index.DocValueReader, error) {
	return &docValueReader{r: r, fields: fields, readers: make([]index.DocValueReader, len(r.parts))}, nil
}

// Fields returns the fields of every shard.
func (r *Reader) Fields() ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, p := range r.parts {
		fs, err := p.r.Fields()
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", p.name, err)
		}
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// GetInternal reads an internal value (kept in the undated shard).
func (r *Reader) GetInternal(key []byte) ([]byte, error) {
	for _, p := range r.parts {
		if p.name == Undated {
			return p.r.GetInternal(key)
		}
	}
	return nil, nil
}

// DocCount counts the live documents of every shard.
func (r *Reader) DocCount() (uint64, error) {
	var n uint64
	for _, p := range r.parts {
		c, err := p.r.DocCount()
		if err != nil {
			return 0, fmt.Errorf("shard %s: %w", p.name, err)
		}
		n += c
	}
	return n, nil
}

// FieldCardinality sums the shards' numbers of distinct terms in field (an
// upper bound: a term in two shards counts twice).
func (r *Reader) FieldCardinality(field string) (int, error) {
	var n int
	for _, p := range r.parts {
		c, err := p.r.FieldCardinality(field)
		if err != nil {
			return 0, fmt.Errorf("shard %s: %w", p.name, err)
		}
		n += c
	}
	return n, nil
}

// ExternalID returns the id of document number id.
func (r *Reader) ExternalID(id index.IndexInternalID) (string, error) {
	i, l, ok := r.local(id)
	if !ok {
		return "", fmt.Errorf("timeshard: no document number %x", []byte(id))
	}
	return r.parts[i].r.ExternalID(l)
}

// InternalID returns the document number of id (nil: none).
func (r *Reader) InternalID(id string) (index.IndexInternalID, error) {
	for _, p := range r.parts {
		iid, err := p.r.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", p.name, err)
		}
		if num, ok := decode(iid); ok {
			return encode(nil, num+p.off), nil
		}
	}
	return nil, nil
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
	parts, err := snapshotParts(shards, func(s *shard) (index.IndexReader, error) { return s.idx.Reader() })
	if err != nil {
		return nil, err
	}
	release := func() {
		for _, p := range parts {
			p.r.Close()
		}
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

// snapshotParts opens a snapshot of each shard with open and lays their
// document numbers end to end, in shard order.
func snapshotParts(shards []*shard, open func(*shard) (index.IndexReader, error)) ([]part, error) {
	parts := make([]part, 0, len(shards))
	var off uint64
	for _, s := range shards {
		r, err := open(s)
		if err == nil && r == nil {
			err = errors.New("no snapshot (closed)")
		}
		if err != nil {
			for _, p := range parts {
				p.r.Close()
			}
			return nil, fmt.Errorf("shard %s: %w", s.name, err)
		}
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			r.Close()
			for _, p := range parts {
				p.r.Close()
			}
			return nil, fmt.Errorf("shard %s is not a scorch index", s.name)
		}
		var size uint64
		for _, seg := range snap.Segments() {
			size += seg.Segment().Count() // deleted documents keep their numbers
		}
		parts = append(parts, part{name: s.name, r: snap, off: off, size: size, from: s.from, to: s.to, dated: s.dated})
		off += size
	}
	return parts, nil
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
