package bleveengine

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/syndex/syndex/searchsvc/bleveengine/textmatch"
	"github.com/syndex/syndex/searchsvc/query"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"
)

// verifier checks verified clauses on the stored text of candidates.
type verifier struct {
	clauses []verifyClause
	// storedTexts reads the candidates' text (its reader and columns are
	// the verifier's).
	storedTexts
	// ans are the analyzers by slot: each article is checked with its
	// language's (see langs.go).
	ans []analysis.Analyzer
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
	textBuf
	// quick is by analyzer slot, made when first needed.
	quick []*textmatch.QuickStems
	made  []bool
}

// newScratch returns scratch space for one goroutine.
func (v *verifier) newScratch() *verifyScratch {
	return &verifyScratch{quick: make([]*textmatch.QuickStems, len(v.ans)), made: make([]bool, len(v.ans))}
}

// quickFor returns the quick analysis of slot's analyzer, or nil when it
// has none (textmatch.NewQuickStems).
func (sc *verifyScratch) quickFor(ans []analysis.Analyzer, slot uint8) *textmatch.QuickStems {
	if !sc.made[slot] {
		sc.quick[slot], sc.made[slot] = textmatch.NewQuickStems(ans[slot]), true
	}
	return sc.quick[slot]
}

// newVerifier returns a verifier of clauses over snapshot r.
func newVerifier(clauses []verifyClause, r index.IndexReader, ans []analysis.Analyzer, c *columns) *verifier {
	v := &verifier{clauses: clauses, storedTexts: newStoredTexts(r, c), ans: ans}
	v.scratch = v.newScratch()
	return v
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
	t, b, err := v.text(&sc.textBuf, num)
	if err != nil {
		return false, err
	}
	title, body := textmatch.Field{Text: t}, textmatch.Field{Text: b}
	for i := range v.clauses {
		if v.clauseMatches(sc, &v.clauses[i], num, &title, &body) == v.clauses[i].negated {
			return false, nil
		}
	}
	return true, nil
}

// clauseMatches reports whether any alternative of cl matches the document.
func (v *verifier) clauseMatches(sc *verifyScratch, cl *verifyClause, num uint64, title, body *textmatch.Field) bool {
	for i := range cl.alts {
		u := &cl.alts[i]
		switch u.kind {
		case query.KindFilter:
			for _, o := range v.cols.terms[u.term].of(num) {
				if slices.Contains(u.ords, o) {
					return true
				}
			}
		case query.KindPrefix:
			an := v.ans[v.cols.slot[num]]
			for _, t := range u.terms {
				if title.HasWord(an, t) || !u.titleOnly && body.HasWord(an, t) {
					return true
				}
			}
		default:
			if len(u.bySlot) == 0 {
				continue
			}
			slot := v.cols.slot[num]
			g := u.bySlot[slot]
			if g < 0 {
				// A stop word in this article's language: no condition
				// (see unitQuery), so neither kept out nor excluded.
				return !cl.negated
			}
			if len(u.exact) > 0 {
				// Quoted: the words as typed, in order (their stems
				// matched in Bleve).
				if title.HasWords(u.exact) || !u.titleOnly && body.HasWords(u.exact) {
					return true
				}
				continue
			}
			an, ph := v.ans[slot], &u.groups[g]
			if len(ph.Toks) == 1 {
				if title.HasWord(an, ph.Toks[0].Stem) || !u.titleOnly && body.HasWord(an, ph.Toks[0].Stem) {
					return true
				}
				continue
			}
			quick := sc.quickFor(v.ans, slot)
			if title.HasPhrase(an, quick, ph) || !u.titleOnly && body.HasPhrase(an, quick, ph) {
				return true
			}
		}
	}
	return false
}
