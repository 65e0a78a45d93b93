package bleveengine

import (
	"fmt"
	"sort"
	"unsafe"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// storedTexts reads the stored title and body of documents by number, for
// the phrase verifier and the suggestion vocabulary. On a scorch snapshot,
// or month shards read as one (indexer/timeshard), it reads the document's
// segment directly (scorch numbers documents by segment: global = the sum
// of the sizes of the segments before + local), checking the stored id
// against the columns; that skips Document(id)'s id lookup — one per shard
// on month shards — and its document building.
type storedTexts struct {
	reader index.IndexReader
	cols   *columns
	// segs and offsets locate a document's segment; nil when the reader
	// has no scorch segments.
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
}

// textBuf holds the text storedTexts read last, reused from one document
// to the next.
type textBuf struct {
	title, body []byte
}

func newStoredTexts(r index.IndexReader, c *columns) storedTexts {
	st := storedTexts{reader: r, cols: c}
	if is, ok := r.(interface {
		Segments() []*scorch.SegmentSnapshot
	}); ok {
		st.segs = is.Segments()
		var running uint64
		for _, s := range st.segs {
			st.offsets = append(st.offsets, running)
			running += s.Segment().Count()
		}
	}
	return st
}

// text returns the stored title and body of document num, by segment when
// it can and otherwise (or if the ids differ) through Document. The strings
// may share buf: they are valid until buf's next use.
func (st *storedTexts) text(buf *textBuf, num uint64) (title, body string, err error) {
	if title, body, ok := st.bySegment(buf, num); ok {
		return title, body, nil
	}
	doc, err := st.reader.Document(st.cols.ids[num])
	if err != nil || doc == nil {
		return "", "", fmt.Errorf("read article %s: %w", st.cols.ids[num], err)
	}
	title, body = "", ""
	doc.VisitFields(func(f index.Field) {
		switch f.Name() {
		case indexer.FieldTitle:
			title = string(f.Value())
		case indexer.FieldBody:
			body = string(f.Value())
		}
	})
	return title, body, nil
}

// bySegment is the fast path of text; ok is false when it cannot be used
// or finds another document than the columns say. The text is copied into
// buf (the segment's are only valid during the visit) and returned as
// strings over it, without allocating.
func (st *storedTexts) bySegment(buf *textBuf, num uint64) (title, body string, ok bool) {
	si := sort.Search(len(st.offsets), func(i int) bool { return st.offsets[i] > num }) - 1
	if si < 0 || num >= st.cols.n() {
		return "", "", false
	}
	buf.title, buf.body = buf.title[:0], buf.body[:0]
	err := st.segs[si].VisitDocument(num-st.offsets[si], func(name string, _ byte, val []byte, _ []uint64) bool {
		switch name {
		case "_id":
			ok = string(val) == st.cols.ids[num]
		case indexer.FieldTitle:
			buf.title = append(buf.title, val...)
		case indexer.FieldBody:
			buf.body = append(buf.body, val...)
		}
		return true
	})
	return unsafe.String(unsafe.SliceData(buf.title), len(buf.title)),
		unsafe.String(unsafe.SliceData(buf.body), len(buf.body)), ok && err == nil
}
