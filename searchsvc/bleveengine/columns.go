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
	"github.com/syndex/syndex/searchsvc/query"

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
	// terms are the values of each term filter, in searchsvc.TermFilters
	// order.
	terms []termColumn
	ids   []string
	// story is the ordinal of the article's story (see indexer.FieldStory);
	// the members of story s are storyDocs[storyStart[s]:storyStart[s+1]],
	// oldest first, so the first is its original (see original).
	story      []int32
	storyStart []int32
	storyDocs  []int32
	// keys are the precomputed sort keys of dated articles (see pubKey);
	// undated articles get theirs built on demand.
	keys []string

	// slot is the analyzer slot of each article's language (langs.go),
	// slots the slots of the articles there are, mainSlot the one of most.
	slot     []uint8
	slots    []int
	mainSlot int

	// days are the distinct publication days (days since 1970-01-01 UTC),
	// ascending.
	days []int32
}

// termFields maps each term filter (searchsvc.TermFilters, by parameter)
// to its index field and says whether an article may have several values:
// the one place where this backend learns of a new filter.
var termFields = map[string]struct {
	field string
	multi bool
}{
	searchsvc.FacetSource: {indexer.FieldSource, false},
	searchsvc.FacetTag:    {indexer.FieldTags, true},
	searchsvc.FacetLang:   {indexer.FieldLang, false},
	searchsvc.FacetAuthor: {indexer.FieldAuthor, false},
}

// Positions in columns.terms of the filters the engine reads directly.
var (
	srcTerm = searchsvc.TermFilterIndex(searchsvc.FacetSource)
	tagTerm = searchsvc.TermFilterIndex(searchsvc.FacetTag)
)

// termColumn holds one keyword field's values: per article their
// ordinals (one, or a run in ords for a multi-valued field), and per value
// its name, the number of live articles with it and lookups by name.
type termColumn struct {
	field string
	multi bool
	// one is the ordinal of a single-valued field's value, or -1.
	one []int32
	// start and n locate a multi-valued field's ordinals in ords.
	start []uint32
	n     []uint16
	ords  []int32

	names []string
	count []int
	ord   map[string]int32
	// byLower maps lower-cased values to their ordinals, for
	// case-insensitive filters typed into the search box.
	byLower map[string][]int32
}

// of returns the ordinals of article num's values (it shares the column's
// memory: no allocation on the hot path).
func (t *termColumn) of(num uint64) []int32 {
	if t.multi {
		s := t.start[num]
		return t.ords[s : s+uint32(t.n[num])]
	}
	if t.one[num] < 0 {
		return nil
	}
	return t.one[num : num+1]
}

// grow extends the per-article arrays to cover article num.
func (t *termColumn) grow(num uint64) {
	if t.multi {
		for uint64(len(t.n)) <= num {
			t.start, t.n = append(t.start, 0), append(t.n, 0)
		}
		return
	}
	for uint64(len(t.one)) <= num {
		t.one = append(t.one, -1)
	}
}

// add records value term for article num.
func (t *termColumn) add(num uint64, term []byte) {
	o, ok := t.ord[string(term)]
	if ok {
		t.count[o]++
	} else {
		o = int32(len(t.names))
		v := string(term)
		t.ord[v] = o
		t.names = append(t.names, v)
		t.count = append(t.count, 1)
		l := lower(v)
		t.byLower[l] = append(t.byLower[l], o)
	}
	if !t.multi {
		t.one[num] = o
		return
	}
	if t.n[num] == 0 {
		t.start[num] = uint32(len(t.ords))
	}
	if t.n[num] < math.MaxUint16 {
		t.ords = append(t.ords, o)
		t.n[num]++
	}
}

// newTermColumns returns empty columns for every term filter.
func newTermColumns() []termColumn {
	out := make([]termColumn, len(searchsvc.TermFilters))
	for i, tf := range searchsvc.TermFilters {
		f, ok := termFields[tf.Param]
		if !ok {
			panic("bleveengine: no index field for filter " + tf.Param)
		}
		out[i] = termColumn{field: f.field, multi: f.multi, ord: map[string]int32{}, byLower: map[string][]int32{}}
	}
	return out
}

// n returns the length of the per-document arrays.
func (c *columns) n() uint64 { return uint64(len(c.pub)) }

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
	c := &columns{snap: r, terms: newTermColumns()}
	grow := func(num uint64) {
		for c.n() <= num {
			c.pub = append(c.pub, noDate)
			c.dayOrd = append(c.dayOrd, -1)
			c.ids = append(c.ids, "")
			c.keys = append(c.keys, "")
			c.story = append(c.story, -1)
		}
		for i := range c.terms {
			c.terms[i].grow(num)
		}
	}
	c.pub = make([]int64, 0, n)
	c.dayOrd = make([]int32, 0, n)
	c.ids = make([]string, 0, n)
	c.keys = make([]string, 0, n)
	c.story = make([]int32, 0, n)
	storyOrd := make(map[string]int32)
	var storyNames []string
	fields := []string{indexer.FieldPublished, indexer.FieldStory}
	for i := range c.terms {
		t := &c.terms[i]
		if t.multi {
			t.start, t.n = make([]uint32, 0, n), make([]uint16, 0, n)
		} else {
			t.one = make([]int32, 0, n)
		}
		fields = append(fields, t.field)
	}

	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer dr.Close()
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, fmt.Errorf("read doc values: %w", err)
	}
	var num uint64
	visit := func(field string, term []byte) {
		switch field {
		case indexer.FieldPublished:
			if t, err := time.Parse(indexer.PublishedLayout, string(term)); err == nil {
				c.pub[num] = t.UnixNano()
			}
		case indexer.FieldStory:
			o, ok := storyOrd[string(term)]
			if !ok {
				o = int32(len(storyNames))
				storyNames = append(storyNames, string(term))
				storyOrd[storyNames[o]] = o
			}
			c.story[num] = o
		default:
			for i := range c.terms {
				if c.terms[i].field == field {
					c.terms[i].add(num, term)
					break
				}
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
	c.buildSlots()
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
			seen[searchsvc.DayOf(p)] = true
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
			c.dayOrd[i] = ords[searchsvc.DayOf(p)]
		}
	}
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
	return c.undatedKey(num, desc)
}

// undatedKey is the sort key of num as an undated article: last either way.
func (c *columns) undatedKey(num uint64, desc bool) string {
	if desc {
		return undatedLow + c.ids[num]
	}
	return undatedHigh + c.ids[num]
}

// counts returns the values of a field with their live counts, largest
// first and then by value.
func (c *columns) counts(param string) []searchsvc.Count {
	i := searchsvc.TermFilterIndex(param)
	if i < 0 {
		return nil
	}
	t := &c.terms[i]
	out := make([]searchsvc.Count, 0, len(t.names))
	for o, v := range t.names {
		out = append(out, searchsvc.Count{Value: v, Count: t.count[o]})
	}
	searchsvc.SortCounts(out)
	return out
}

// itoa is strconv.Itoa, short.
func itoa(i int) string { return strconv.Itoa(i) }

// anyCase returns the values of the column equal to v in any case, or nil.
func (t *termColumn) anyCase(v string) []string {
	os := t.byLower[lower(v)]
	if len(os) == 0 {
		return nil
	}
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = t.names[o]
	}
	return out
}

// canonFilters rewrites each term filter value of r that the index does
// not hold as given into the values it holds in another case
// (source=reuters → "Reuters", author=julie vorman → "Julie Vorman"), as
// the search box's source:reuters does: a reader types a source's name the
// way it comes to mind, and an empty page would not say why.
func (c *columns) canonFilters(r *searchsvc.Request) {
	for i, tf := range searchsvc.TermFilters {
		vals, col := tf.Values(&r.Filters), &c.terms[i]
		if !slices.ContainsFunc(*vals, func(v string) bool { _, held := col.ord[v]; return !held }) {
			continue
		}
		var out []string
		for _, v := range *vals {
			if _, held := col.ord[v]; !held {
				if held := col.anyCase(v); len(held) > 0 {
					out = append(out, held...)
					continue
				}
			}
			out = append(out, v)
		}
		slices.Sort(out)
		*vals = slices.Compact(out)
	}
}

// nameFilter returns the search box filter for a query that is exactly the
// name of an author or a source the index holds, in any case —
// author:"Julie Vorman" for "julie vorman" — or "". A byline is not in the
// article's text, so its words find little and were "corrected" to other
// names; the filter finds every article by it.
func (c *columns) nameFilter(q *query.Query) string {
	for _, cl := range q.Clauses {
		if cl.Negated || len(cl.Alternatives) != 1 || cl.Alternatives[0].Kind == query.KindFilter || cl.Alternatives[0].Kind == query.KindPrefix {
			return ""
		}
	}
	words := q.Words()
	if len(words) == 0 {
		return ""
	}
	name := strings.Join(words, " ")
	for _, param := range []string{searchsvc.FacetAuthor, searchsvc.FacetSource} {
		col := &c.terms[searchsvc.TermFilterIndex(param)]
		if held := col.anyCase(name); len(held) > 0 {
			f := &query.Query{Clauses: []query.Clause{{Alternatives: []query.Unit{{Kind: query.KindFilter, Field: param, Text: held[0]}}}}}
			return f.String()
		}
	}
	return ""
}
