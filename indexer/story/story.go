package story

import (
	"bytes"
	"math"
	"net/url"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
)

// Near-duplicate detection: every article gets a story id, the id of the
// first article seen of its group of copies (an original, its verbatim
// syndicated copies, copies wrapped in aggregator cruft, truncated copies and
// copies with a sentence edited).
//
// An article is summarized by a sketch:
//
//   - a MinHash signature of the set of its body's shingles (shingleWords
//     consecutive lower-cased words; words are runs of letters and digits).
//     It is a one-permutation MinHash: each shingle is hashed once with a
//     64-bit hash whose top bits pick one of sketchBins bins and whose low
//     bits compete for that bin's minimum; empty bins are filled from the
//     next non-empty bin (rotation densification). The fraction of bins two
//     signatures agree on estimates the Jaccard similarity of the shingle
//     sets, and the work is one hash per shingle whatever sketchBins is.
//     Bins keep 8 bits (b-bit minwise hashing): two different minimums
//     agree by chance once in 256 bins, which sameStory corrects for; the
//     LSH keys are computed from the full 32-bit minimums;
//   - the set of its title's words, for title similarity;
//   - its normalized URL and canonical URL;
//   - for bodies with fewer than minShingles shingles, which a signature
//     describes too poorly (and which are mostly templates such as earnings
//     tables), a hash of the normalized title and body instead.
//
// Candidates are found with LSH keys: lshBands bands of lshRows signature
// bins, plus one key for the exact title word sequence, one per URL, one for
// the body's first leadWords words and the exact key of short bodies. Candidates are then verified by sameStory.
// During a write the keys live in an in-memory table (Table); after it,
// they are saved beside the index generation (stories.bin, see
// story_file.go), not in Bleve: as terms they cost a third more index and a
// quarter of the indexing speed. An incremental write loads the file and
// re-sketches the few candidates from earlier runs from their stored text,
// so reindex and incremental writes group alike. The cost per article is
// bounded by maxChain entries per key and maxIndexCandidates re-sketched
// articles, independent of the index size.
const (
	// shingleWords is the number of words per shingle.
	shingleWords = 5
	// sketchBins is the number of MinHash values per signature.
	sketchBins = 128
	// lshBands bands of lshRows bins each are the LSH keys: two articles
	// become candidates when all the bins of one band agree. With 8 × 2 the
	// probability of becoming candidates is 0.90 at Jaccard 0.5, 0.97 at 0.7,
	// 0.53 at 0.3 and 0.08 at 0.1; the exact-title key catches most copies
	// below that. (16 × 2 gave the same sample-corpus grouping for 30% more
	// keys.)
	lshBands = 8
	lshRows  = 2
	// minShingles is the fewest body shingles for a signature; shorter
	// bodies (under 24 words) match only on exact normalized title + body.
	minShingles = 20
	// Verification thresholds on the estimated similarity of the shingle
	// sets of two bodies A and B, with J the estimated Jaccard |A∩B|/|A∪B|
	// and C the estimated containment |A∩B|/min(|A|,|B|) (derived from J and
	// the set sizes). Two articles are one story when
	//   - J ≥ matchJaccard (verbatim and edited copies), or
	//   - J ≥ containFloorJaccard and C ≥ matchContainment (truncated copies
	//     are the first half of the original; cruft copies contain it whole;
	//     the floor keeps a short text inside a long one from matching on a
	//     handful of agreeing bins), or
	//   - the titles' word sets have Jaccard ≥ titleSimilar and
	//     J ≥ titleFloorJaccard and C ≥ titleContainment, or
	//     J ≥ titleTruncJaccard and C ≥ matchContainment.
	// Template texts such as Reuters earnings reports ("Shr 1.20 dlrs vs ...
	// Net ... Revs ...") share words but few shingles, since almost every
	// 5-word window holds a figure, so they stay apart.
	matchJaccard        = 0.5
	containFloorJaccard = 0.2
	matchContainment    = 0.8
	titleSimilar        = 0.8
	titleFloorJaccard   = 0.1
	titleContainment    = 0.5
	// titleTruncJaccard: under a similar title, a copy cut to its first
	// paragraph (a tenth of a long story) is contained in the original
	// (C ≥ matchContainment) though J is that small.
	titleTruncJaccard = 0.04
	// leadWords is the length of the opening compared by the lead key; two
	// bodies opening with the same leadWords words under titles whose word
	// sets have Jaccard ≥ titleSimilar are one story. (At 0.5, template
	// stories such as "Short sleep tied to heart disease …" and "… to type 2
	// diabetes …", which open alike, merged.)
	leadWords = 12
	// shortSimilar is the word-set Jaccard at which two short bodies under
	// the same title (at least 4 words) are one story: a brief re-sent with
	// a figure corrected shares nearly all its words, while two periods of
	// one company's earnings template share little beyond the labels
	// (TestStoryTemplateNegatives: no wrong merge among 1,562 reports).
	shortSimilar = 0.7
	// maxChain bounds how many earlier articles are checked per key (the
	// most recent ones), so that a key common to many articles (publisher
	// boilerplate) costs no more than a rare one.
	maxChain = 16
	// maxWalk bounds the entries walked per key, repeats included.
	maxWalk = 8 * maxChain
	// maxIndexCandidates bounds the articles of earlier runs re-sketched
	// from the index per article of an incremental write.
	maxIndexCandidates = 20
)

// Sketch is what story detection keeps of an article (about 250 bytes). The
// store makes one per article on its reading goroutine (NewSketch is the
// costly part) and hands it to Table.Assign on the writing one.
type Sketch struct {
	// mins is the low byte of each MinHash minimum, valid when shingles >=
	// minShingles; keyList its LSH keys (see keys).
	mins    [sketchBins]uint8
	keyList []uint32
	// shingles is the number of body shingles (positions, not distinct).
	shingles int32
	// exact is the hash of the normalized title and body of a short body,
	// and words the sorted set of its words' hashes.
	exact uint32
	words []uint32
	// titleKey is the hash of the title's word sequence; title the sorted
	// set of its word hashes.
	titleKey uint32
	title    []uint32
	// urls are the hashes of the normalized URL and canonical URL (0: none).
	urls [2]uint32
	// lead is the hash of the body's first leadWords words (0: shorter).
	lead uint32
}

// hasMins reports whether the body is long enough for a signature.
func (s *Sketch) hasMins() bool { return s.shingles >= minShingles }

// keys returns the LSH keys of s (see the comment at the top).
func (s *Sketch) keys() []uint32 { return s.keyList }

// makeKeys computes the LSH keys of s from its full minimums (nil for a
// short body).
func (s *Sketch) makeKeys(mins *[sketchBins]uint32) []uint32 {
	keys := make([]uint32, 0, lshBands+5)
	if mins != nil {
		for b := range lshBands {
			h := uint64(b+1) * 0x9e3779b97f4a7c15
			for r := range lshRows {
				h = article.Mix64(h ^ uint64(mins[b*lshRows+r]))
			}
			keys = append(keys, uint32(h))
		}
	} else if s.exact != 0 {
		keys = append(keys, s.exact)
	}
	if len(s.title) >= 4 {
		keys = append(keys, s.titleKey)
	}
	for _, u := range s.urls {
		if u != 0 {
			keys = append(keys, u)
		}
	}
	if s.lead != 0 {
		keys = append(keys, s.lead)
	}
	return keys
}

// NewSketch sketches an article. It reads only a's text and URLs, so the
// caller strips learned boilerplate first.
func NewSketch(a *article.Article) *Sketch {
	s := &Sketch{}
	var tseq uint64 = seedTitle
	words(a.Title, func(h uint64) {
		s.title = append(s.title, uint32(h))
		tseq = article.Mix64(tseq ^ h)
	})
	s.titleKey = nonZero(tseq)
	slices.Sort(s.title)
	s.title = slices.Compact(s.title)

	var ring [shingleWords]uint64
	var mins [sketchBins]uint32
	for i := range mins {
		mins[i] = math.MaxUint32
	}
	n, exact := 0, article.Mix64(tseq^seedExact)
	var short []uint32
	lead := uint64(seedLead)
	words(a.Body, func(h uint64) {
		exact = article.Mix64(exact ^ h)
		if n < leadWords {
			lead = article.Mix64(lead ^ h)
		}
		if n < minShingles+shingleWords {
			short = append(short, uint32(h))
		}
		ring[n%shingleWords] = h
		n++
		if n < shingleWords {
			return
		}
		sh := uint64(seedShingle)
		for j := range shingleWords {
			sh = (sh ^ ring[(n+j)%shingleWords]) * 0x100000001b3
		}
		sh = article.Mix64(sh)
		bin, v := sh>>(64-7), uint32(sh)
		if v < mins[bin] {
			mins[bin] = v
		}
	})
	if n >= shingleWords {
		s.shingles = int32(min(n-shingleWords+1, math.MaxInt32))
	}
	if n >= leadWords {
		s.lead = nonZero(lead)
	}
	full := &mins
	if s.hasMins() {
		densify(&mins)
		for i, v := range mins {
			s.mins[i] = uint8(v)
		}
	} else {
		full = nil
	}
	if !s.hasMins() && (n > 0 || len(s.title) > 0) {
		s.exact = nonZero(exact)
		slices.Sort(short)
		s.words = slices.Compact(short)
	}
	for i, u := range []string{a.URL, a.CanonicalURL} {
		if h, ok := urlKey(u); ok && (i == 0 || s.urls[0] != h) {
			s.urls[i] = h
		}
	}
	s.keyList = s.makeKeys(full)
	return s
}

// sketchBins must be 1<<7 for the bin choice in NewSketch.
var _ = [1]struct{}{}[sketchBins-128]

const (
	seedTitle   = 0x7469746c65
	seedExact   = 0x6578616374
	seedShingle = 0xcbf29ce484222325
	seedURL     = 0x75726c
	seedLead    = 0x6c656164
)

// nonZero folds a 64-bit hash to a 32-bit key that is never 0, the "none"
// value of sketch fields.
func nonZero(h uint64) uint32 {
	if k := uint32(h ^ h>>32); k != 0 {
		return k
	}
	return 1
}

// densify fills the empty bins of a one-permutation MinHash signature from
// the next originally non-empty bin to the right (circularly), mixed with the
// distance, so that two signatures agree on a filled bin about as often as
// on a real one.
func densify(m *[sketchBins]uint32) {
	var empty [sketchBins / 64]uint64
	for i, v := range m {
		if v == math.MaxUint32 {
			empty[i/64] |= 1 << (i % 64)
		}
	}
	for i := range m {
		if empty[i/64]&(1<<(i%64)) == 0 {
			continue
		}
		for d := 1; d < sketchBins; d++ {
			k := (i + d) % sketchBins
			if empty[k/64]&(1<<(k%64)) == 0 {
				m[i] = uint32(article.Mix64(uint64(m[k])<<8 | uint64(d)))
				break
			}
		}
	}
}

// urlKey is the key of a URL normalized by NormalizeURL; URLs without a path
// (a site's home page, a frequent wrong canonical) have none.
func urlKey(raw string) (uint32, bool) {
	if raw == "" {
		return 0, false
	}
	n := article.NormalizeURL(raw)
	u, err := url.Parse(n)
	if err != nil || u.Host == "" || u.Path == "" || u.Path == "/" {
		return 0, false
	}
	return nonZero(article.Mix64(seedURL ^ fnv64(n))), true
}

// words calls f with the hash of every lower-cased word of s; words are runs
// of letters and digits.
func words(s string, f func(uint64)) {
	const prime = 0x100000001b3
	h, in := uint64(0xcbf29ce484222325), false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if in {
					f(h)
					h, in = 0xcbf29ce484222325, false
				}
				continue
			}
			h = (h ^ uint64(c)) * prime
			in = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			if in {
				f(h)
				h, in = 0xcbf29ce484222325, false
			}
			continue
		}
		h = (h ^ uint64(unicode.ToLower(r))) * prime
		in = true
	}
	if in {
		f(h)
	}
}

func fnv64(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 0x100000001b3
	}
	return h
}

// sameStory reports whether two sketched articles are one story, and a
// score to prefer the closest of several matches.
func sameStory(a, b *Sketch) (float64, bool) {
	for _, u := range a.urls {
		if u != 0 && (u == b.urls[0] || u == b.urls[1]) {
			return 3, true
		}
	}
	if a.lead != 0 && a.lead == b.lead && setJaccard(a.title, b.title) >= titleSimilar {
		// The same opening under a similar title: a copy cut to its lead
		// sentence is too short for a signature.
		return 1.8, true
	}
	if !a.hasMins() || !b.hasMins() {
		switch {
		case a.exact != 0 && a.exact == b.exact:
			return 2, true
		case a.exact != 0 && b.exact != 0 && len(a.title) >= 4 && a.titleKey == b.titleKey &&
			setJaccard(a.words, b.words) >= shortSimilar:
			// A short brief sent again under the same title with a figure
			// or a word corrected.
			return 1.5, true
		}
		return 0, false
	}
	agree := 0
	for i := range a.mins {
		if a.mins[i] == b.mins[i] {
			agree++
		}
	}
	// Bins keep 8 bits: unrelated minimums agree once in 256.
	const chance = 1.0 / 256
	j := max(0, (float64(agree)/sketchBins-chance)/(1-chance))
	if j >= matchJaccard {
		return j, true
	}
	na, nb := float64(a.shingles), float64(b.shingles)
	c := j * (na + nb) / (1 + j) / min(na, nb)
	if j >= containFloorJaccard && c >= matchContainment {
		return j, true
	}
	if (j >= titleFloorJaccard && c >= titleContainment) || (j >= titleTruncJaccard && c >= matchContainment) {
		if setJaccard(a.title, b.title) >= titleSimilar {
			return j, true
		}
	}
	return 0, false
}

// setJaccard is the Jaccard similarity of two sorted sets.
func setJaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

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

// unpack makes s a view of packed sketch i; its lists point into t.lists
// (capped, so an append to them cannot overwrite a neighbour).
func (t *Table) unpack(i int32, s *Sketch) {
	p := &t.sketches[i]
	title := p.off + int64(p.nTitle)
	words := title + int64(p.nWords)
	keys := words + int64(p.nKeys)
	*s = Sketch{
		mins: p.mins, shingles: p.shingles, exact: p.exact, titleKey: p.titleKey, lead: p.lead, urls: p.urls,
		title: t.lists[p.off:title:title], words: t.lists[title:words:words], keyList: t.lists[words:keys:keys],
	}
}

// keysOf returns the keys of doc d written by this process.
func (t *Table) keysOf(d int) []uint32 {
	sk := t.docs[d].sk
	if sk < 0 {
		return nil
	}
	p := &t.sketches[sk]
	start := p.off + int64(p.nTitle) + int64(p.nWords)
	return t.lists[start : start+int64(p.nKeys)]
}
