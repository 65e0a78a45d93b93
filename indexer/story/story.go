package story

import (
	"math"
	"net/url"
	"slices"
	"strings"
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

// urlKey is the key of a URL normalized by NormalizeURL, with its fragment
// unless that is tracking ("#xtor=RSS-1", "#ixzz…"): posts of one page
// (a blog's day page, "…/25.html#a080623" and "#a080631") are not one
// article, and a real copy under another fragment is still found by its
// text. URLs without a path (a site's home page, a frequent wrong
// canonical) have none.
func urlKey(raw string) (uint32, bool) {
	if raw == "" {
		return 0, false
	}
	n := article.NormalizeURL(raw)
	u, err := url.Parse(n)
	if err != nil || u.Host == "" || u.Path == "" || u.Path == "/" {
		return 0, false
	}
	if _, frag, ok := strings.Cut(strings.TrimSpace(raw), "#"); ok && postFragment(frag) {
		n += "#" + frag
	}
	return nonZero(article.Mix64(seedURL ^ fnv64(n))), true
}

// postFragment reports whether a URL fragment may name one post of a page:
// not empty, not a parameter list (tracking: "xtor=RSS-3208", "utm_…=…"),
// not Tynt's "ixzz…", not a place on every page (comments, top).
func postFragment(frag string) bool {
	switch f := strings.ToLower(frag); {
	case f == "", strings.ContainsAny(f, "=&"), strings.HasPrefix(f, "ixzz"):
		return false
	case f == "comments", f == "respond", f == "more", f == "top", f == "content", f == "main", f == "main-content", f == "disqus_thread":
		return false
	}
	return true
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
