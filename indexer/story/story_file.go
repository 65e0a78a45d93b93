package story

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// storiesFile is the story table of a generation, beside its Bleve files:
// the magic line, then one record per written article, in write order:
//
//	uvarint len(id) | id | uvarint story (record number) | uvarint n | n × uint32 key | crc32 of the record
//
// It is appended to by incremental writes. A record cut short by a crash is
// dropped on load and overwritten by the next append; the articles it
// described stay searchable, they only stop being found as originals of
// later copies.
const (
	// maxStoryID bounds an id's length on load, far above any real id, so
	// that a damaged length does not allocate gigabytes.
	maxStoryID   = 1 << 20
	storiesFile  = "stories.bin"
	storiesMagic = "SYNDEX-STORIES-1\n"
)

// LoadTable reads the story table of generation gen. A generation
// without one (an empty index) gives an empty table. It also returns the
// length of the good records, to pass to Save, so that the next append
// overwrites a tail a crash left damaged instead of appending after it.
func LoadTable(gen string) (*Table, int64, error) {
	t := NewTable()
	path := filepath.Join(gen, storiesFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return t, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read story table: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 256<<10)
	magic := make([]byte, len(storiesMagic))
	if n, err := io.ReadFull(r, magic); n < len(magic) && strings.HasPrefix(storiesMagic, string(magic[:n])) {
		// Cut short while being created: empty.
		return t, 0, nil
	} else if err != nil || string(magic) != storiesMagic {
		return nil, 0, fmt.Errorf("read story table %s: not a story table (run `syndex reindex`)", path)
	}
	valid := int64(len(storiesMagic))
	var rec []byte
	for {
		n, id, story, keys, ok := readStoryRecord(r, &rec, len(t.docs))
		if !ok {
			break
		}
		valid += int64(n)
		t.add(id, story, nil, keys)
	}
	t.saved = len(t.docs)
	return t, valid, nil
}

// readStoryRecord reads one record; ok is false at the end of the file or
// at a damaged record. rec is a reusable buffer; docs the records so far.
// It returns the record's length, id, story (record number) and keys.
func readStoryRecord(r *bufio.Reader, rec *[]byte, docs int) (int, string, int32, []uint32, bool) {
	b := (*rec)[:0]
	uv := func() (uint64, bool) {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, false
		}
		b = binary.AppendUvarint(b, v)
		return v, true
	}
	idLen, ok := uv()
	if !ok || idLen > maxStoryID {
		return 0, "", 0, nil, false
	}
	start := len(b)
	b = append(b, make([]byte, idLen)...)
	if _, err := io.ReadFull(r, b[start:]); err != nil {
		return 0, "", 0, nil, false
	}
	id := string(b[start:])
	story, ok := uv()
	if !ok || story > uint64(docs) {
		return 0, "", 0, nil, false
	}
	nkeys, ok := uv()
	if !ok || nkeys > 64 {
		return 0, "", 0, nil, false
	}
	start = len(b)
	b = append(b, make([]byte, 4*nkeys+4)...)
	if _, err := io.ReadFull(r, b[start:]); err != nil {
		return 0, "", 0, nil, false
	}
	*rec = b
	end := len(b) - 4
	if crc32.ChecksumIEEE(b[:end]) != binary.LittleEndian.Uint32(b[end:]) {
		return 0, "", 0, nil, false
	}
	keys := make([]uint32, nkeys)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint32(b[start+4*i:])
	}
	return len(b), id, int32(story), keys, true
}

// appendStoryRecord encodes a doc's record onto b.
func appendStoryRecord(b, id []byte, story int32, keys []uint32) []byte {
	start := len(b)
	b = binary.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	b = binary.AppendUvarint(b, uint64(story))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint32(b, k)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// Save writes the docs of t not saved yet to the story table of generation
// gen, which holds valid bytes of good records (0: create it), and fsyncs
// it. It returns the new valid length.
func (t *Table) Save(gen string, valid int64) (int64, error) {
	if valid > 0 && t.saved == len(t.docs) {
		return valid, nil // nothing new: the writer saves before every batch
	}
	path := filepath.Join(gen, storiesFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return valid, fmt.Errorf("save story table: %w", err)
	}
	defer f.Close()
	if valid == 0 {
		t.saved = 0
		if _, err := f.WriteString(storiesMagic); err != nil {
			return 0, fmt.Errorf("save story table: %w", err)
		}
		valid = int64(len(storiesMagic))
	}
	// Drop a damaged tail left by a crash before appending.
	if err := f.Truncate(valid); err != nil {
		return valid, fmt.Errorf("save story table: %w", err)
	}
	w := bufio.NewWriterSize(io.NewOffsetWriter(f, valid), 256<<10)
	var buf []byte
	n := valid
	for i := t.saved; i < len(t.docs); i++ {
		buf = appendStoryRecord(buf[:0], t.id(int32(i)), t.docs[i].story, t.keysOf(i))
		if _, err := w.Write(buf); err != nil {
			return valid, fmt.Errorf("save story table: %w", err)
		}
		n += int64(len(buf))
	}
	if err := w.Flush(); err != nil {
		return valid, fmt.Errorf("save story table: %w", err)
	}
	if err := f.Sync(); err != nil {
		return valid, fmt.Errorf("save story table: %w", err)
	}
	t.saved = len(t.docs)
	return n, nil
}
