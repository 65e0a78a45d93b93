package indexer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/syndex/syndex/indexer/article"
)

// spill is where the first pass of a big reindex keeps the cleaned articles
// it read past firstPassCache, so that the second pass reads them back
// instead of parsing and cleaning the input again (at 1M articles the second
// read was about a tenth of a reindex's CPU). Decoding a record costs a
// few allocations, one per field.
//
// The file lives in a folder of the index location named like a temporary
// generation, so a reindex that crashed leaves nothing that the next one
// does not remove (removeStale). Records are written in the order they were
// read, each file's ending with a file marker, and read back once, in the
// same order.
type spill struct {
	dir string
	f   *os.File
	w   *bufio.Writer
	r   *bufio.Reader
	rec []byte  // the record being encoded or read
	dec decoder // reads rec, remembering the file name
}

// Record kinds of a spill.
const (
	spillArticle  = 'a'
	spillError    = 'e'
	spillFileDone = 'f'
)

// maxSpillRecord bounds a record read back, against a damaged file: no
// reader lets an article grow anywhere near it.
const maxSpillRecord = 1 << 30

// newSpill creates an empty spill in the index location loc.
func newSpill(loc string) (*spill, error) {
	dir, err := os.MkdirTemp(loc, genPrefix+"spill-*"+tmpSuffix)
	if err != nil {
		return nil, fmt.Errorf("create reindex spill: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, "articles"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("create reindex spill: %w", err)
	}
	return &spill{dir: dir, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends an article or a rejection.
func (s *spill) add(it item) error {
	if it.a != nil {
		s.rec = appendArticle(append(s.rec[:0], spillArticle), it.a)
	} else {
		s.rec = appendString(append(s.rec[:0], spillError), it.err.Error())
	}
	return s.write()
}

// endFile marks the end of one input file's records.
func (s *spill) endFile() error {
	s.rec = append(s.rec[:0], spillFileDone)
	return s.write()
}

func (s *spill) write() error {
	var n [binary.MaxVarintLen64]byte
	if _, err := s.w.Write(n[:binary.PutUvarint(n[:], uint64(len(s.rec)))]); err != nil {
		return fmt.Errorf("write reindex spill: %w", err)
	}
	if _, err := s.w.Write(s.rec); err != nil {
		return fmt.Errorf("write reindex spill: %w", err)
	}
	return nil
}

// rewind ends writing and makes the spill readable from its start. The
// file need not be durable: a reindex that crashes starts over.
func (s *spill) rewind() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write reindex spill: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read reindex spill: %w", err)
	}
	s.w, s.r = nil, bufio.NewReaderSize(s.f, 1<<20)
	return nil
}

// next returns the next item of the current file; ok is false at the file's
// end. An error reading the spill itself is returned as err.
func (s *spill) next() (it item, ok bool, err error) {
	if it, ok, err = s.read(); err != nil {
		return item{}, false, fmt.Errorf("read reindex spill %s: %w", s.f.Name(), err)
	}
	return it, ok, nil
}

func (s *spill) read() (item, bool, error) {
	n, err := binary.ReadUvarint(s.r)
	if err == nil && (n == 0 || n > maxSpillRecord) {
		err = fmt.Errorf("record of %d bytes", n)
	}
	if err == nil {
		s.rec = growTo(s.rec, int(n))
		_, err = io.ReadFull(s.r, s.rec)
	}
	if err != nil {
		return item{}, false, err
	}
	s.dec.b, s.dec.bad = s.rec[1:], false
	switch s.rec[0] {
	case spillFileDone:
		return item{}, false, nil
	case spillError:
		if msg := s.dec.str(); !s.dec.bad {
			return item{err: errors.New(msg)}, true, nil
		}
		return item{}, false, errors.New("damaged rejection record")
	case spillArticle:
		a, err := decodeArticle(&s.dec)
		return item{a: a}, err == nil, err
	}
	return item{}, false, fmt.Errorf("unknown record kind %q", s.rec[0])
}

// remove deletes the spill; it is safe to call on a nil spill and twice.
func (s *spill) remove() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	os.RemoveAll(s.dir)
	s.f = nil
}

func growTo(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// appendArticle encodes every field of a, Origin, WeakID and Warnings
// included (TestSpillKeepsEveryField fails when a field is added to
// article.Article and not here).
func appendArticle(b []byte, a *article.Article) []byte {
	for _, s := range []string{a.ID, a.URL, a.CanonicalURL, a.Title, a.Body, a.Summary,
		a.Source, a.SourceDomain, a.Author, a.Lang, a.Story, a.Origin.File} { // the order decodeArticle reads
		b = appendString(b, s)
	}
	b = appendTime(b, a.Published)
	b = appendTime(b, a.Ingested)
	b = binary.AppendVarint(b, int64(a.Origin.Line))
	b = binary.AppendVarint(b, int64(a.Origin.Item))
	var flags byte
	if a.FutureDate {
		flags |= 1
	}
	if a.WeakID {
		flags |= 2
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(a.Tags)))
	for _, t := range a.Tags {
		b = appendString(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Warnings)))
	for _, w := range a.Warnings {
		b = appendString(appendString(b, w.Kind), w.Detail)
	}
	return b
}

// decodeArticle is the inverse of appendArticle.
func decodeArticle(d *decoder) (*article.Article, error) {
	a := &article.Article{}
	for _, p := range []*string{&a.ID, &a.URL, &a.CanonicalURL, &a.Title, &a.Body, &a.Summary,
		&a.Source, &a.SourceDomain, &a.Author, &a.Lang, &a.Story} {
		*p = d.str()
	}
	a.Origin.File = d.fileName()
	a.Published = d.time()
	a.Ingested = d.time()
	a.Origin.Line = int(d.varint())
	a.Origin.Item = int(d.varint())
	flags := d.byte()
	a.FutureDate, a.WeakID = flags&1 != 0, flags&2 != 0
	if n := d.count(); n > 0 {
		a.Tags = make([]string, n)
		for i := range a.Tags {
			a.Tags[i] = d.str()
		}
	}
	if n := d.count(); n > 0 {
		a.Warnings = make([]article.Warning, n)
		for i := range a.Warnings {
			a.Warnings[i] = article.Warning{Kind: d.str(), Detail: d.str()}
		}
	}
	if d.bad || len(d.b) != 0 {
		return nil, errors.New("damaged article record")
	}
	return a, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// appendTime keeps the instant and the zone offset (time.MarshalBinary), so
// that an article's date formats as it did when read.
func appendTime(b []byte, t time.Time) []byte {
	enc, err := t.MarshalBinary()
	if err != nil { // a zone offset that is not a whole minute: keep the instant
		enc, _ = t.UTC().MarshalBinary()
	}
	return append(binary.AppendUvarint(b, uint64(len(enc))), enc...)
}

// decoder reads the fields of one record; a short or damaged record sets
// bad instead of panicking. Every string is its own copy: a string sharing
// the record's memory would keep the whole article alive for as long as
// anything holds its id (the story table, the run's seen ids), which at 1M
// articles held gigabytes.
type decoder struct {
	b    []byte
	bad  bool
	file string // the last Origin.File, shared by the articles of a file
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// varint reads what binary.AppendVarint wrote: a zig-zag encoded uvarint.
func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length that must fit in what is left of the record.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return 0
	}
	return int(n)
}

// bytes returns the next length-prefixed field, sharing the record.
func (d *decoder) bytes() []byte {
	n := d.count()
	f := d.b[:n]
	d.b = d.b[n:]
	return f
}

func (d *decoder) str() string { return string(d.bytes()) }

// fileName is str for Origin.File, which repeats from article to article.
func (d *decoder) fileName() string {
	if f := d.bytes(); string(f) != d.file {
		d.file = string(f)
	}
	return d.file
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary(d.bytes()); err != nil {
		d.bad = true
	}
	return t
}
