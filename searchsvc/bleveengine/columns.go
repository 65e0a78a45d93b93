package bleveengine

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/syndex/syndex/searchsvc"

	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// noDate marks an article without a publication date in columns.pub.
const noDate = math.MinInt64

// columns is an in-memory copy, per index snapshot, of the few per-article
// values that search needs for every match rather than for the ten shown:
// publication time (sorting, freshness, date facets), source, tags and
// language (filters and facets) and the id (the sort tie-break). Arrays are
// indexed by Bleve's internal document number.
//
// Why: Bleve reads these from doc values, which are stored in snappy-compressed
// chunks; a datetime carries a dozen prefix-coded terms per article. Reading
// them for every match cost 2-5 ms per query at 35k articles, more than the
// whole search. From these arrays, facets and sort keys cost a few
// nanoseconds per match. The copy is built once per snapshot (about 30 ms at
// 35k articles) and replaced when the index changes.
type columns struct {
	// snap is the index snapshot the arrays describe; searches on another
	// snapshot rebuild them.
	snap index.IndexReader
	// live is the number of articles.
	live int

	pub []int64 // UnixNano, or noDate
	// dayOrd is the ordinal of the publication day in days, or -1.
	dayOrd []int32
	src    []int32 // ordinal in sources, or -1
	lang   []int32 // ordinal in langs, or -1
	// tagStart and tagLen locate an article's tag ordinals in tagOrds.
	tagStart []uint32
	tagLen   []uint16
	tagOrds  []int32
	ids      []string
	// story is the ordinal of the article's story (see indexer.FieldStory);
	// the members of story s are storyDocs[storyStart[s]:storyStart[s+1]],
	// oldest first, so the first is its original (see original).
	story      []int32
	storyStart []int32
	storyDocs  []int32
	// keys are the precomputed sort keys of dated articles (see pubKey);
	// undated articles get theirs built on demand.
	keys []string

	// days are the distinct publication days (days since 1970-01-01 UTC),
	// ascending.
	days                 []int32
	sources, tags, langs []string
	// srcCount, tagCount and langCount count live articles per value.
	srcCount, tagCount, langCount []int
	// srcByLower etc. map lower-cased values to their ordinals, for
	// case-insensitive filters typed into the search box.
	srcByLower, tagByLower  map[string][]int32
	srcOrd, tagOrd, langOrd map[string]int32
}

// n returns the length of the per-document arrays.
func (c *columns) n() uint64 { return uint64(len(c.pub)) }

// tagsOf returns the tag ordinals of document num.
func (c *columns) tagsOf(num uint64) []int32 {
	s := c.tagStart[num]
	return c.tagOrds[s : s+uint32(c.tagLen[num])]
}

// columnCache holds the columns of the most recent snapshot.
type columnCache struct {
	mu  sync.Mutex
	cur *columns
}

// get returns the columns of snapshot r, building them if r is not the
// snapshot they were built for. Building holds the lock, so concurrent
// searches on a new snapshot wait for one build instead of each doing it.
func (cc *columnCache) get(r index.IndexReader) (*columns, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.cur != nil && cc.cur.snap == r {
		return cc.cur, nil
	}
	c, err := buildColumns(r)
	if err != nil {
		return nil, err
	}
	cc.cur = c
	return c, nil
}

// buildColumns reads the values of every live article of snapshot r.
func buildColumns(r index.IndexReader) (*columns, error) {
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count articles: %w", err)
	}
	c := &columns{
		snap:       r,
		srcOrd:     map[string]int32{},
		tagOrd:     map[string]int32{},
		langOrd:    map[string]int32{},
		srcByLower: map[string][]int32{},
		tagByLower: map[string][]int32{},
	}
	grow := func(num uint64) {
		for c.n() <= num {
			c.pub = append(c.pub, noDate)
			c.dayOrd = append(c.dayOrd, -1)
			c.src = append(c.src, -1)
			c.lang = append(c.lang, -1)
			c.tagStart = append(c.tagStart, 0)
			c.tagLen = append(c.tagLen, 0)
			c.ids = append(c.ids, "")
			c.keys = append(c.keys, "")
			c.story = append(c.story, -1)
		}
	}
	c.pub = make([]int64, 0, n)
	c.dayOrd = make([]int32, 0, n)
	c.src = make([]int32, 0, n)
	c.lang = make([]int32, 0, n)
	c.tagStart = make([]uint32, 0, n)
	c.tagLen = make([]uint16, 0, n)
	c.ids = make([]string, 0, n)
	c.keys = make([]string, 0, n)
	c.story = make([]int32, 0, n)
	storyOrd := make(map[string]int32)
	var storyNames []string

	ord := func(m map[string]int32, vals *[]string, counts *[]int, byLower map[string][]int32, term []byte) int32 {
		if o, ok := m[string(term)]; ok {
			(*counts)[o]++
			return o
		}
		o := int32(len(*vals))
		v := string(term)
		m[v] = o
		*vals = append(*vals, v)
		*counts = append(*counts, 1)
		if byLower != nil {
			l := lower(v)
			byLower[l] = append(byLower[l], o)
		}
		return o
	}

	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer dr.Close()
	dvr, err := r.DocValueReader([]string{indexer.FieldPublished, indexer.FieldSource, indexer.FieldTags, indexer.FieldLang, indexer.FieldStory})
	if err != nil {
		return nil, fmt.Errorf("read doc values: %w", err)
	}
	var num uint64
	visit := func(field string, term []byte) {
		switch field {
		case indexer.FieldPublished:
			pc := numeric.PrefixCoded(term)
			if shift, err := pc.Shift(); err == nil && shift == 0 {
				if v, err := pc.Int64(); err == nil {
					c.pub[num] = v
				}
			}
		case indexer.FieldSource:
			c.src[num] = ord(c.srcOrd, &c.sources, &c.srcCount, c.srcByLower, term)
		case indexer.FieldLang:
			c.lang[num] = ord(c.langOrd, &c.langs, &c.langCount, nil, term)
		case indexer.FieldStory:
			o, ok := storyOrd[string(term)]
			if !ok {
				o = int32(len(storyNames))
				storyNames = append(storyNames, string(term))
				storyOrd[storyNames[o]] = o
			}
			c.story[num] = o
		case indexer.FieldTags:
			if c.tagLen[num] == 0 {
				c.tagStart[num] = uint32(len(c.tagOrds))
			}
			if c.tagLen[num] < math.MaxUint16 {
				c.tagOrds = append(c.tagOrds, ord(c.tagOrd, &c.tags, &c.tagCount, c.tagByLower, term))
				c.tagLen[num]++
			}
		}
	}
	for {
		id, err := dr.Next()
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		if id == nil {
			break
		}
		if len(id) != 8 {
			return nil, fmt.Errorf("unexpected internal id length %d: the index is not a scorch index", len(id))
		}
		num = id.Value()
		if num > 1<<31 {
			return nil, fmt.Errorf("internal document number %d out of range", num)
		}
		grow(num)
		if err := dvr.VisitDocValues(id, visit); err != nil {
			return nil, fmt.Errorf("read doc values: %w", err)
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("read article id: %w", err)
		}
		c.ids[num] = ext
		if p := c.pub[num]; p != noDate {
			c.keys[num] = pubKey(p, ext)
		}
		c.live++
	}
	c.indexDays()
	c.indexStories(storyNames)
	return c, nil
}

// indexStories groups the articles by story. An article without a story
// (written before stories existed) is a story of its own.
func (c *columns) indexStories(names []string) {
	n := int32(len(names))
	for i, s := range c.story {
		if s < 0 && c.ids[i] != "" {
			c.story[i] = n
			names = append(names, c.ids[i])
			n++
		}
	}
	c.storyStart = make([]int32, n+1)
	for _, s := range c.story {
		if s >= 0 {
			c.storyStart[s+1]++
		}
	}
	for s := range n {
		c.storyStart[s+1] += c.storyStart[s]
	}
	c.storyDocs = make([]int32, c.storyStart[n])
	next := slices.Clone(c.storyStart[:n])
	for i, s := range c.story {
		if s >= 0 {
			c.storyDocs[next[s]] = int32(i)
			next[s]++
		}
	}
	for s := range n {
		docs := c.storyDocs[c.storyStart[s]:c.storyStart[s+1]]
		slices.SortFunc(docs, func(a, b int32) int { return c.compareAge(a, b, names[s]) })
	}
}

// original returns the document number of story s's original: its earliest
// published member, or the one the story is named after when dates tie or
// are missing.
func (c *columns) original(s int32) uint64 { return uint64(c.storyDocs[c.storyStart[s]]) }

// compareAge orders two members of a story: earlier publication first,
// undated last, and on a tie the article the story is named after (the
// first indexed) first, then by id.
func (c *columns) compareAge(a, b int32, story string) int {
	pa, pb := c.pub[a], c.pub[b]
	switch {
	case pa == pb:
	case pa == noDate:
		return 1
	case pb == noDate:
		return -1
	default:
		return cmp.Compare(pa, pb)
	}
	if (c.ids[a] == story) != (c.ids[b] == story) {
		if c.ids[a] == story {
			return -1
		}
		return 1
	}
	return strings.Compare(c.ids[a], c.ids[b])
}

// storyOf returns the members of the story of document num, oldest first.
func (c *columns) storyOf(num uint64) []int32 {
	if num >= c.n() || c.story[num] < 0 {
		return nil
	}
	s := c.story[num]
	return c.storyDocs[c.storyStart[s]:c.storyStart[s+1]]
}

// copies returns how many other articles the story of num has.
func (c *columns) copies(num uint64) int {
	if num >= c.n() || c.story[num] < 0 {
		return 0
	}
	s := c.story[num]
	return int(c.storyStart[s+1]-c.storyStart[s]) - 1
}

// indexDays fills days and dayOrd from pub.
func (c *columns) indexDays() {
	seen := map[int32]bool{}
	for _, p := range c.pub {
		if p != noDate {
			seen[dayOf(p)] = true
		}
	}
	c.days = make([]int32, 0, len(seen))
	for d := range seen {
		c.days = append(c.days, d)
	}
	slices.Sort(c.days)
	ords := make(map[int32]int32, len(c.days))
	for i, d := range c.days {
		ords[d] = int32(i)
	}
	for i, p := range c.pub {
		if p != noDate {
			c.dayOrd[i] = ords[dayOf(p)]
		}
	}
}

// dayOf returns the UTC day number (days since 1970-01-01) of UnixNano t.
func dayOf(t int64) int32 {
	d := t / int64(24*time.Hour)
	if t < 0 && t%int64(24*time.Hour) != 0 {
		d--
	}
	return int32(d)
}

// dayTime returns the start of UTC day number d.
func dayTime(d int32) time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

// pubKey is the sort key of a dated article: its publication time as 16
// hex digits (order-preserving: the sign bit flipped) followed by its id, so
// that keys order by date and then by id, a total order for cursors.
func pubKey(p int64, id string) string {
	var b [16]byte
	u := uint64(p) ^ (1 << 63)
	const hex = "0123456789abcdef"
	for i := 15; i >= 0; i-- {
		b[i] = hex[u&15]
		u >>= 4
	}
	return string(b[:]) + id
}

// Keys of undated articles: all zeros sorts them last in descending order,
// all f's last in ascending order.
const (
	undatedLow  = "0000000000000000"
	undatedHigh = "ffffffffffffffff"
)

// sortKey returns the sort key of document num for the given direction.
func (c *columns) sortKey(num uint64, desc bool) string {
	if num >= c.n() {
		return ""
	}
	if k := c.keys[num]; k != "" {
		return k
	}
	if desc {
		return undatedLow + c.ids[num]
	}
	return undatedHigh + c.ids[num]
}

// counts returns the values of a field with their live counts, largest
// first and then by value.
func (c *columns) counts(param string) []searchsvc.Count {
	var vals []string
	var cnt []int
	switch param {
	case "source":
		vals, cnt = c.sources, c.srcCount
	case "tag":
		vals, cnt = c.tags, c.tagCount
	case "lang":
		vals, cnt = c.langs, c.langCount
	}
	out := make([]searchsvc.Count, 0, len(vals))
	for i, v := range vals {
		out = append(out, searchsvc.Count{Value: v, Count: cnt[i]})
	}
	sortCounts(out)
	return out
}

// itoa is strconv.Itoa, short.
func itoa(i int) string { return strconv.Itoa(i) }
