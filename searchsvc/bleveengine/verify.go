package bleveengine

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/syndex/syndex/searchsvc/query"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Phrase verification. Bleve answers phrase queries from term positions,
// which the index only has when title and body are indexed with term
// vectors. Without them, a phrase clause is searched as all of its words
// (a superset) and each candidate is checked here: its stored title and
// body are re-analyzed with the index's analyzer and the phrase's stems
// must appear at the same relative positions, as Bleve would require.
// This costs a stored-document read and an analysis per candidate, so it
// runs after every cheaper filter, and the analysis is kept small: only
// windows around occurrences of the phrase's words are analyzed, by a
// quick analysis equal to the analyzer's (quickStems) where it can be.

// analyzedText is one field of a candidate, analyzed once.
type analyzedText struct {
	stems []string // by token position; "" where a stop word was removed
	set   map[string]bool
}

func analyzeText(an analysis.Analyzer, text string) *analyzedText {
	at := &analyzedText{set: map[string]bool{}}
	for _, t := range an.Analyze([]byte(text)) {
		for len(at.stems) <= t.Position {
			at.stems = append(at.stems, "")
		}
		st := string(t.Term)
		at.stems[t.Position] = st
		at.set[st] = true
	}
	return at
}

// hasPhrase reports whether the phrase occurs in the text.
func (at *analyzedText) hasPhrase(ph []phraseTok) bool {
	if len(ph) == 0 || !at.set[ph[0].stem] {
		return false
	}
	for _, t := range ph[1:] {
		if !at.set[t.stem] {
			return false
		}
	}
outer:
	for p, st := range at.stems {
		if st != ph[0].stem {
			continue
		}
		for _, t := range ph[1:] {
			q := p + t.rel
			if q >= len(at.stems) || at.stems[q] != t.stem {
				continue outer
			}
		}
		return true
	}
	return false
}

// fieldText is one stored field of a candidate, analyzed lazily.
type fieldText struct {
	text string
	full *analyzedText // the whole text analyzed
}

// fullWindow is the text length below which a field is simply analyzed
// whole rather than around needle occurrences.
const fullWindow = 160

// analyzed returns the whole field analyzed.
func (f *fieldText) analyzed(an analysis.Analyzer) *analyzedText {
	if f.full == nil {
		f.full = analyzeText(an, f.text)
	}
	return f.full
}

// hasWord reports whether stem occurs in the field.
func (f *fieldText) hasWord(an analysis.Analyzer, stem string) bool {
	return f.analyzed(an).set[stem]
}

// hasPhrase reports whether the phrase occurs in the field. A long text is
// not analyzed whole: the phrase's most selective stem, minus its last two
// letters (the stemmer only rewrites endings), is searched for as a
// case-insensitive substring, and only a few words around each occurrence
// are analyzed, and only when the other words' needles occur there too.
// The window reaches the phrase's span plus two words on either side, so a
// phrase whose words are separated by more than two runs of bare
// punctuation (" -- ") can be missed; Bleve with term positions would find
// it. Windows and short texts go through q (the quick analysis, when not
// nil) and through the analyzer only when q cannot analyze them exactly.
func (f *fieldText) hasPhrase(an analysis.Analyzer, q *quickStems, u *verifyUnit) bool {
	if f.full != nil {
		return f.full.hasPhrase(u.phrase)
	}
	if u.needle == "" {
		return f.wholeHasPhrase(an, q, u)
	}
	first := indexFold(f.text, u.needle, 0)
	if first < 0 {
		return false
	}
	if len(f.text) <= fullWindow {
		return f.wholeHasPhrase(an, q, u)
	}
	before := u.phrase[u.anchor].rel + 2
	after := u.phrase[len(u.phrase)-1].rel - u.phrase[u.anchor].rel + 3
	for i := first; i >= 0; i = indexFold(f.text, u.needle, i+len(u.needle)) {
		start := wordsBack(f.text, i, before)
		end := wordsForward(f.text, i, after)
		w := f.text[start:end]
		if !containsAll(w, u.others) {
			continue // another word of the phrase is missing around here
		}
		if q != nil {
			if found, ok := q.hasPhrase(w, u.phrase); ok {
				if found {
					return true
				}
				continue
			}
		}
		if analyzeText(an, w).hasPhrase(u.phrase) {
			return true
		}
	}
	return false
}

// wholeHasPhrase reports whether the phrase occurs in the whole field.
func (f *fieldText) wholeHasPhrase(an analysis.Analyzer, q *quickStems, u *verifyUnit) bool {
	if q != nil {
		if found, ok := q.hasPhrase(f.text, u.phrase); ok {
			return found
		}
	}
	return f.analyzed(an).hasPhrase(u.phrase)
}

// containsAll reports whether s contains every needle (ASCII case-
// insensitively).
func containsAll(s string, needles []string) bool {
	for _, n := range needles {
		if indexFold(s, n, 0) < 0 {
			return false
		}
	}
	return true
}

// indexFold returns the index of the first occurrence of needle (lower-case
// ASCII, not empty) in s at or after from, ignoring the case of ASCII
// letters, or -1. Rather than lower-casing s, it scans with IndexByte for
// the needle's rarest letter in English text (a scan for "e" would stop
// every few bytes), in either case.
func indexFold(s, needle string, from int) int {
	n := len(needle)
	k := 0 // the pivot: the needle's rarest byte
	for i := 1; i < n; i++ {
		if letterRank(needle[i]) > letterRank(needle[k]) {
			k = i
		}
	}
	lo, up := needle[k], needle[k]
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	from += k // where the pivot of an occurrence at from is
	nextLo, nextUp := -1, -1
	if from < len(s) {
		nextLo, nextUp = indexByteFrom(s, lo, from), -1
		if up != lo {
			nextUp = indexByteFrom(s, up, from)
		}
	}
	for {
		p := nextLo
		if p < 0 || (nextUp >= 0 && nextUp < p) {
			p = nextUp
		}
		j := p - k
		if p < 0 || j+n > len(s) {
			return -1
		}
		if equalFoldASCII(s[j:j+n], needle) {
			return j
		}
		if p == nextLo {
			nextLo = indexByteFrom(s, lo, p+1)
		} else {
			nextUp = indexByteFrom(s, up, p+1)
		}
	}
}

// letterRank ranks the lower-case letters by rarity in English text: 0 for
// "e", the most frequent, up to 25 for "z"; other bytes rank as rare.
func letterRank(c byte) int {
	const byFrequency = "etaoinshrdlcumwfgypbvkjxqz"
	if i := strings.IndexByte(byFrequency, c); i >= 0 {
		return i
	}
	return len(byFrequency)
}

func indexByteFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// equalFoldASCII reports whether s equals lower (lower-case ASCII) when
// ASCII letters of s are lower-cased.
func equalFoldASCII(s, lower string) bool {
	for k := 0; k < len(lower); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[k] {
			return false
		}
	}
	return true
}

// wordsBack returns the start of the n-th whitespace-separated word before
// the word holding offset i (or 0).
func wordsBack(s string, i, n int) int {
	for i > 0 && !isSpaceByte(s[i-1]) {
		i--
	}
	for ; n > 0 && i > 0; n-- {
		for i > 0 && isSpaceByte(s[i-1]) {
			i--
		}
		for i > 0 && !isSpaceByte(s[i-1]) {
			i--
		}
	}
	return i
}

// wordsForward returns the end of the n-th whitespace-separated word after
// the word holding offset i (or len(s)).
func wordsForward(s string, i, n int) int {
	for i < len(s) && !isSpaceByte(s[i]) {
		i++
	}
	for ; n > 0 && i < len(s); n-- {
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		for i < len(s) && !isSpaceByte(s[i]) {
			i++
		}
	}
	return i
}

// stemNeedle returns the part of a stem that every word with that stem
// contains (lower-cased): the stemmer only rewrites the last letters. It is
// "" when the stem is not ASCII or too short to search for usefully.
func stemNeedle(st string) string {
	for i := 0; i < len(st); i++ {
		if st[i] >= 0x80 {
			return ""
		}
	}
	if len(st) < 4 {
		return ""
	}
	return st[:len(st)-2]
}

// phraseNeedles picks the phrase's longest stem as the anchor and returns
// its index, its needle and the needles of the other words.
func phraseNeedles(ph []phraseTok) (int, string, []string) {
	anchor, _ := phraseNeedle(ph)
	var others []string
	for i, t := range ph {
		if n := stemNeedle(t.stem); i != anchor && n != "" && !slices.Contains(others, n) {
			others = append(others, n)
		}
	}
	return anchor, stemNeedle(ph[anchor].stem), others
}

// phraseNeedle picks the phrase's longest stem as the anchor and returns
// its index and needle ("" when it cannot be searched for safely).
func phraseNeedle(ph []phraseTok) (int, string) {
	anchor := 0
	for i, t := range ph {
		if len(t.stem) > len(ph[anchor].stem) {
			anchor = i
		}
	}
	return anchor, stemNeedle(ph[anchor].stem)
}

// verifier checks verified clauses on the stored text of candidates.
type verifier struct {
	clauses []verifyClause
	reader  index.IndexReader
	an      analysis.Analyzer
	cols    *columns
	// segs and offsets locate a document's segment when the reader is a
	// scorch snapshot (see storedText).
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
	// err is the first error reading a document; such candidates fail.
	err error
	// scratch serves ok; scratches[k] serves the k-th goroutine of a
	// checkBatch (scratches[0] is scratch).
	scratch   *verifyScratch
	scratches []*verifyScratch
	batch     *checkBatch

	// For the read-ahead of rootSearcher (see ok): while probing, ok
	// records that it was asked and answers false; when known, the answer
	// for knownNum was computed ahead.
	probing, asked bool
	known, knownOK bool
	knownNum       uint64
}

// verifyWorkers is how many goroutines verify the candidates of one
// search: 0 means GOMAXPROCS, 1 verifies each candidate when the plan asks
// (no read-ahead). Tests change it.
var verifyWorkers atomic.Int32

// workers returns how many goroutines verify the candidates of a search.
func (v *verifier) workers() int {
	if n := int(verifyWorkers.Load()); n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// verifyScratch is what one goroutine needs to verify candidates: buffers
// for the stored text (reused, not allocated per candidate) and the quick
// analysis with the stems of the words it has met.
type verifyScratch struct {
	title, body []byte
	quick       *quickStems
}

// newScratch returns scratch space for one goroutine.
func (v *verifier) newScratch() *verifyScratch {
	return &verifyScratch{quick: newQuickStems(v.an)}
}

// newVerifier returns a verifier of clauses over snapshot r.
func newVerifier(clauses []verifyClause, r index.IndexReader, an analysis.Analyzer, c *columns) *verifier {
	v := &verifier{clauses: clauses, reader: r, an: an, cols: c}
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		v.segs = is.Segments()
		var running uint64
		for _, s := range v.segs {
			v.offsets = append(v.offsets, running)
			running += s.Segment().Count()
		}
	}
	v.scratch = v.newScratch()
	return v
}

// storedText returns the stored title and body of document num. On a
// scorch snapshot it reads the document's segment directly by number
// (scorch numbers documents by segment: global = the sum of the sizes of
// the segments before + local), checking the stored id against the
// columns, which skips the id lookup and the document building of
// Document(id); otherwise, or if the ids differ, it uses Document. The
// strings may share sc's buffers: they are valid until sc's next use.
func (v *verifier) storedText(sc *verifyScratch, num uint64) (title, body string, err error) {
	if title, body, ok := v.storedTextBySegment(sc, num); ok {
		return title, body, nil
	}
	doc, err := v.reader.Document(v.cols.ids[num])
	if err != nil || doc == nil {
		return "", "", fmt.Errorf("read article %s: %w", v.cols.ids[num], err)
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

// storedTextBySegment is the fast path of storedText; ok is false when it
// cannot be used or finds another document than the columns say. The text
// is copied into sc's buffers (the segment's are only valid during the
// visit) and returned as strings over them, without allocating.
func (v *verifier) storedTextBySegment(sc *verifyScratch, num uint64) (title, body string, ok bool) {
	si := sort.Search(len(v.offsets), func(i int) bool { return v.offsets[i] > num }) - 1
	if si < 0 || num >= v.cols.n() {
		return "", "", false
	}
	sc.title, sc.body = sc.title[:0], sc.body[:0]
	err := v.segs[si].VisitDocument(num-v.offsets[si], func(name string, _ byte, val []byte, _ []uint64) bool {
		switch name {
		case "_id":
			ok = string(val) == v.cols.ids[num]
		case indexer.FieldTitle:
			sc.title = append(sc.title, val...)
		case indexer.FieldBody:
			sc.body = append(sc.body, val...)
		}
		return true
	})
	return unsafe.String(unsafe.SliceData(sc.title), len(sc.title)),
		unsafe.String(unsafe.SliceData(sc.body), len(sc.body)), ok && err == nil
}

// ok reports whether document num satisfies every verified clause. It is
// what plan.accept asks, and it answers two other ways for the read-ahead
// of rootSearcher, which relies on accept asking it at most once per
// match, before any effect (counting a facet, changing the score): while
// probing, it records that it was asked and answers false, so that accept
// returns with no effect and the searcher learns which candidates need
// verifying; and it answers with the result computed ahead (checkBatch)
// when the searcher has set it for num.
func (v *verifier) ok(num uint64) bool {
	if v.probing {
		v.asked = true
		return false
	}
	if v.known {
		v.known = false
		if num == v.knownNum {
			return v.knownOK
		}
	}
	ok, err := v.check(v.scratch, num)
	if err != nil && v.err == nil {
		v.err = err
	}
	return ok
}

// minParallel is how many candidates a batch must have for its other
// goroutines to start.
const minParallel = 8

// checkBatch verifies a block of candidates with several goroutines while
// they are being found: add publishes a candidate, which any of the
// batch's goroutines may take; once minParallel are published, the other
// goroutines start, so that waking them (about 0.1 ms on the 2-core
// virtual machines measured) overlaps with finding the rest; finish makes
// the calling goroutine take the candidates left and waits for the
// others. Goroutines waiting for a candidate to be published yield.
type checkBatch struct {
	v       *verifier
	workers int
	// nums, oks and errs are by candidate, allocated for the batch's size:
	// the slices do not change while goroutines run, only their elements.
	nums    []uint64
	oks     []bool
	errs    []error
	added   int // candidates added (n is what goroutines read)
	started bool
	n       atomic.Int64 // candidates published
	next    atomic.Int64 // the next candidate to take
	closed  atomic.Bool  // no more will be published
	wg      sync.WaitGroup
}

// startBatch returns the verifier's batch, empty, for up to size
// candidates verified by up to workers goroutines.
func (v *verifier) startBatch(size, workers int) *checkBatch {
	b := v.batch
	if b == nil {
		b = &checkBatch{v: v}
		v.batch = b
	}
	if len(b.nums) < size {
		b.nums, b.oks, b.errs = make([]uint64, size), make([]bool, size), make([]error, size)
	}
	b.added, b.workers, b.started = 0, workers, false
	b.n.Store(0)
	b.next.Store(0)
	b.closed.Store(false)
	return b
}

// add publishes candidate num; it must not be called more than the batch's
// size times.
func (b *checkBatch) add(num uint64) {
	b.nums[b.added] = num
	b.added++
	b.n.Store(int64(b.added))
	if !b.started && b.added >= minParallel && b.workers > 1 {
		b.started = true
		v := b.v
		for len(v.scratches) < b.workers {
			if len(v.scratches) == 0 {
				v.scratches = append(v.scratches, v.scratch)
			} else {
				v.scratches = append(v.scratches, v.newScratch())
			}
		}
		for _, sc := range v.scratches[1:b.workers] {
			b.wg.Go(func() { b.work(sc) })
		}
	}
}

// work verifies published candidates until the batch is closed and none
// is left.
func (b *checkBatch) work(sc *verifyScratch) {
	for {
		i := b.next.Add(1) - 1
		for i >= b.n.Load() {
			if b.closed.Load() && i >= b.n.Load() {
				return
			}
			runtime.Gosched()
		}
		b.oks[i], b.errs[i] = b.v.safeCheck(sc, b.nums[i])
	}
}

// safeCheck is check on a worker goroutine: a panic there would kill the
// process (gin only recovers the request's goroutine), so it becomes the
// search's error.
func (v *verifier) safeCheck(sc *verifyScratch, num uint64) (ok bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			ok, err = false, fmt.Errorf("verify document %d: panic: %v", num, p)
		}
	}()
	return v.check(sc, num)
}

// finish verifies what is left and returns the results, in the order of
// add; the first error, in that order, is recorded as ok would.
func (b *checkBatch) finish() []bool {
	b.closed.Store(true)
	b.work(b.v.scratch)
	b.wg.Wait()
	for i, err := range b.errs[:b.added] {
		if err != nil && b.v.err == nil {
			b.v.err = err
		}
		b.errs[i] = nil
	}
	return b.oks[:b.added]
}

// check reports whether document num satisfies every verified clause,
// using sc. It only reads v, so goroutines with their own scratch can
// check candidates concurrently.
func (v *verifier) check(sc *verifyScratch, num uint64) (bool, error) {
	t, b, err := v.storedText(sc, num)
	if err != nil {
		return false, err
	}
	title, body := fieldText{text: t}, fieldText{text: b}
	for i := range v.clauses {
		if v.clauseMatches(sc, &v.clauses[i], num, &title, &body) == v.clauses[i].negated {
			return false, nil
		}
	}
	return true, nil
}

// clauseMatches reports whether any alternative of cl matches the document.
func (v *verifier) clauseMatches(sc *verifyScratch, cl *verifyClause, num uint64, title, body *fieldText) bool {
	for i := range cl.alts {
		u := &cl.alts[i]
		switch u.kind {
		case query.KindFilter:
			for _, o := range v.cols.terms[u.term].of(num) {
				if slices.Contains(u.ords, o) {
					return true
				}
			}
		case query.KindPhrase:
			if title.hasPhrase(v.an, sc.quick, u) || body.hasPhrase(v.an, sc.quick, u) {
				return true
			}
		default:
			if title.hasWord(v.an, u.stem) || body.hasWord(v.an, u.stem) {
				return true
			}
		}
	}
	return false
}
