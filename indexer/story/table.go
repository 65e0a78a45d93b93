package story

import (
	"bytes"

	"github.com/syndex/syndex/indexer/article"
)

// Table assigns story ids during writes. It holds the LSH keys of every
// article of the generation (loaded from stories.bin for an incremental
// write) and the sketches of the articles written by this process; the
// articles of earlier runs are re-sketched from the index when they are
// candidates.
type Table struct {
	heads   map[uint32]int32 // key → last entry with it
	entries []storyEntry
	docs    []storyDoc
	// ids holds the docs' ids back to back, sketches the packed sketches of
	// the docs written by this process, and lists their title words,
	// short-body words and keys back to back. None of the three holds a
	// pointer, so the garbage collector never scans them: kept as one
	// *Sketch and one id string per article, the table was most of the
	// live heap of a 1M-article rebuild (540 of 750 MB) and the collector
	// took 12.6% of its CPU.
	ids      []byte
	sketches []packedSketch
	lists    []uint32
	// saved is the number of docs already in stories.bin.
	saved int
	// Fetch re-sketches articles of earlier runs by id (nil: none). The
	// store sets it to read their stored text back from the index, which
	// this package cannot open.
	Fetch func(ids []string) (map[string]*Sketch, error)
}

// storyEntry links the docs sharing a key, most recent first.
type storyEntry struct{ doc, next int32 }

// storyDoc is one article of the table.
type storyDoc struct {
	// idEnd is where the doc's id ends in Table.ids (it starts where the
	// previous doc's ends).
	idEnd int64
	// story is the index in docs of the article naming the story.
	story int32
	// sk is the index of its sketch in Table.sketches, -1 for articles of
	// earlier runs.
	sk int32
}

// packedSketch is a Sketch as the table keeps it: its lists are in
// Table.lists from off on (title, then words, then keys).
type packedSketch struct {
	mins                  [sketchBins]uint8
	shingles              int32
	exact, titleKey, lead uint32
	urls                  [2]uint32
	off                   int64
	nTitle, nWords, nKeys uint32
}

// NewTable returns an empty table, for a fresh generation.
func NewTable() *Table {
	return &Table{heads: make(map[uint32]int32)}
}

// Assign returns the story id of a, sketched as sk, and remembers a. Ids
// are assigned in call order, so the first article of a group names it; a
// Table is not safe for concurrent use, and the store's Writer serializes it.
func (t *Table) Assign(a *article.Article, sk *Sketch) (string, error) {
	keys := sk.keys()
	story, best := int32(-1), 0.0
	var view Sketch // a packed candidate, unpacked
	consider := func(d int32, c *Sketch) {
		if score, ok := sameStory(sk, c); ok && score > best {
			story, best = t.docs[d].story, score
		}
	}
	// Earlier articles, most recent first per key; each id is verified
	// once (its latest version), and the article's own earlier versions are
	// skipped. Repeats do not count toward maxChain, so an article re-sent
	// many times (feed polling) hides no candidate; the walk is bounded at
	// maxWalk entries per key all the same.
	var seen []int32  // docs verified (one per id)
	var older []int32 // docs of earlier runs, to re-sketch
	for _, k := range keys {
		e, ok := t.heads[k]
		for n, walked := 0, 0; ok && e >= 0 && n < maxChain && walked < maxWalk; walked++ {
			d := t.entries[e].doc
			e = t.entries[e].next
			id := t.id(d)
			if string(id) == a.ID || t.containsID(seen, id) {
				continue
			}
			n++
			seen = append(seen, d)
			if c := t.docs[d].sk; c >= 0 {
				t.unpack(c, &view)
				consider(d, &view)
			} else if len(older) < maxIndexCandidates {
				older = append(older, d)
			}
		}
	}
	if len(older) > 0 && best < 1 && t.Fetch != nil {
		ids := make([]string, len(older))
		for i, d := range older {
			ids[i] = string(t.id(d))
		}
		sks, err := t.Fetch(ids)
		if err != nil {
			return "", err
		}
		for _, d := range older {
			if c := sks[string(t.id(d))]; c != nil {
				consider(d, c)
			}
		}
	}
	d := int32(len(t.docs))
	if story < 0 {
		story = d
	}
	t.add(a.ID, story, sk, keys)
	return string(t.id(story)), nil
}

// add appends a doc (sk nil for an article of an earlier run) and links it
// under its keys.
func (t *Table) add(id string, story int32, sk *Sketch, keys []uint32) {
	d := int32(len(t.docs))
	t.ids = append(t.ids, id...)
	doc := storyDoc{idEnd: int64(len(t.ids)), story: story, sk: -1}
	if sk != nil {
		doc.sk = t.pack(sk)
	}
	t.docs = append(t.docs, doc)
	for _, k := range keys {
		next, ok := t.heads[k]
		if !ok {
			next = -1
		}
		t.heads[k] = int32(len(t.entries))
		t.entries = append(t.entries, storyEntry{doc: d, next: next})
	}
}

// Len is the number of articles in the table, in write order; the store uses
// it to decide whether a rebuild is big enough to hand memory back early.
func (t *Table) Len() int { return len(t.docs) }

// ID returns the id of the i-th article written (0 <= i < Len), so that
// callers outside the package can check what a save recorded.
func (t *Table) ID(i int) string { return string(t.id(int32(i))) }

// id returns the id of doc d, in t.ids.
func (t *Table) id(d int32) []byte {
	var start int64
	if d > 0 {
		start = t.docs[d-1].idEnd
	}
	return t.ids[start:t.docs[d].idEnd]
}

// containsID reports whether one of docs has the given id.
func (t *Table) containsID(docs []int32, id []byte) bool {
	for _, d := range docs {
		if bytes.Equal(t.id(d), id) {
			return true
		}
	}
	return false
}

// pack stores sk in the table and returns its index in t.sketches.
func (t *Table) pack(sk *Sketch) int32 {
	t.sketches = append(t.sketches, packedSketch{
		mins: sk.mins, shingles: sk.shingles, exact: sk.exact, titleKey: sk.titleKey, lead: sk.lead, urls: sk.urls,
		off: int64(len(t.lists)), nTitle: uint32(len(sk.title)), nWords: uint32(len(sk.words)), nKeys: uint32(len(sk.keyList)),
	})
	t.lists = append(t.lists, sk.title...)
	t.lists = append(t.lists, sk.words...)
	t.lists = append(t.lists, sk.keyList...)
	return int32(len(t.sketches) - 1)
}

// unpack makes s a view of packed sketch i.
func (t *Table) unpack(i int32, s *Sketch) {
	p := &t.sketches[i]
	title, words, keys := t.listsOf(p)
	*s = Sketch{
		mins: p.mins, shingles: p.shingles, exact: p.exact, titleKey: p.titleKey, lead: p.lead, urls: p.urls,
		title: title, words: words, keyList: keys,
	}
}

// listsOf returns the lists of packed sketch p, in t.lists (capped, so an
// append to one cannot overwrite its neighbour).
func (t *Table) listsOf(p *packedSketch) (title, words, keys []uint32) {
	t1 := p.off + int64(p.nTitle)
	w1 := t1 + int64(p.nWords)
	k1 := w1 + int64(p.nKeys)
	return t.lists[p.off:t1:t1], t.lists[t1:w1:w1], t.lists[w1:k1:k1]
}

// keysOf returns the keys of doc d written by this process.
func (t *Table) keysOf(d int) []uint32 {
	if sk := t.docs[d].sk; sk >= 0 {
		_, _, keys := t.listsOf(&t.sketches[sk])
		return keys
	}
	return nil
}
