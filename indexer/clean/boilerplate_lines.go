package clean

// Learned boilerplate (issue #6). CleanBody removes the cruft every site
// shares; what is left is each publisher's own furniture: a sign-off, a
// disclaimer, a share bar, a newsletter pitch, repeated on most of its
// articles. Such a line is found by counting, per source, in how many
// articles each line occurs during a first pass over the corpus
// (BoilerplateLearner), and is then removed from every article of that source
// before indexing and duplicate detection (Boilerplate.Strip).

import (
	"unicode"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
)

// How the boilerplate learner recognises a line as a repeat: lines reduced
// to a hash of their words (normLine), and the growing Bloom filter that
// remembers which lines were seen, in about two bytes a line.

// normalized is a line reduced to what identifies it as a repeat.
type normalized struct {
	h           uint64 // hash of the word sequence
	words       int    // words (runs of letters, digits and marks)
	letterWords int    // words with at least one letter
}

// Hashing constants: FNV-1a over the runes of a word, splitmix64 to chain
// words, so that no normalized string is ever built.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	yearWord  = 0x9e3779b97f4a7c15 // the hash of every 19xx/20xx word
	// numberWord is the hash of the number in a short line (see normLine).
	numberWord = 0xc2b2ae3d27d4eb4f
)

// stringHash is FNV-1a of s's bytes as they are.
func stringHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// normLine hashes a line as the sequence of its words, lower-cased, so
// lines that differ only in case, spacing or punctuation ("Reuter",
// "REUTER.", "- Reuter -"; "Share this article:" and "share this article")
// are one line. A word of four digits 1900–2099 counts as "a year", so a
// "© 2024 Example Media" footer is the same line in 2025. In a line of at
// most learnShortWords words with one number ("3 min read", "Page 2"), the
// number is masked too. Other digits are kept: masking them would make every
// earnings line "Revs #.# mln vs #.# mln" alike (752 Reuters articles, 4%)
// and learn data as boilerplate.
func normLine(s string) normalized {
	var n normalized
	h := uint64(fnvOffset)
	masked := uint64(fnvOffset) // h with numbers masked
	numbers := 0
	var w uint64 // hash of the current word
	runes, digits, lead := 0, 0, 0
	letter := false
	endWord := func() {
		if runes == 0 {
			return
		}
		if runes == 4 && digits == 4 && (lead == 19 || lead == 20) {
			w = yearWord
		}
		h = article.Mix64(h ^ w)
		if digits == runes {
			numbers++
			masked = article.Mix64(masked ^ numberWord)
		} else {
			masked = article.Mix64(masked ^ w)
		}
		n.words++
		if letter {
			n.letterWords++
		}
		runes, digits, lead, letter = 0, 0, 0, false
	}
	for _, r := range s {
		isLetter, isDigit := false, false
		switch {
		case r >= 'a' && r <= 'z':
			isLetter = true
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			isLetter = true
		case r >= '0' && r <= '9':
			isDigit = true
		case r < utf8.RuneSelf || r == utf8.RuneError:
			endWord()
			continue
		case unicode.IsLetter(r):
			r = unicode.ToLower(r)
			isLetter = true
		case unicode.IsDigit(r), unicode.Is(unicode.Mn, r):
			// part of a word, neither a letter nor an ASCII digit
		default:
			endWord()
			continue
		}
		if runes == 0 {
			w = fnvOffset
		}
		w = (w ^ uint64(r)) * fnvPrime
		runes++
		if isDigit {
			digits++
			if runes <= 2 {
				lead = lead*10 + int(r-'0')
			}
		}
		letter = letter || isLetter
	}
	endWord()
	if numbers == 1 && n.words <= learnShortWords {
		h = masked
	}
	n.h = article.Mix64(h + uint64(n.words))
	return n
}

// seenFilter remembers which line keys were seen, for 1.5–2.5 bytes a key:
// a chain of split-block Bloom filters (one cache line per lookup), each
// twice the capacity of the one before and with 2 more bits per key, so the
// total false-positive rate stays about 1% however many keys come (0.9% at
// 7.7 million keys), without knowing the corpus size up front. A false
// positive only makes a line seen once counted as seen twice: 16 bytes and
// an article count one too high.
type seenFilter struct {
	parts []bloomPart
}

type bloomPart struct {
	blocks   [][8]uint32
	n, limit int
	seed     uint64
}

const bloomFirstKeys = 1 << 18

var bloomSalts = [8]uint32{0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31}

func (f *seenFilter) has(key uint64) bool {
	for i := range f.parts {
		if f.parts[i].has(key) {
			return true
		}
	}
	return false
}

func (f *seenFilter) add(key uint64) {
	if len(f.parts) == 0 || f.parts[len(f.parts)-1].n >= f.parts[len(f.parts)-1].limit {
		k := len(f.parts)
		keys := bloomFirstKeys << k
		bitsPerKey := min(12+2*k, 20)
		f.parts = append(f.parts, bloomPart{
			blocks: make([][8]uint32, (keys*bitsPerKey+255)/256),
			limit:  keys,
			seed:   article.Mix64(uint64(k) + 1),
		})
	}
	f.parts[len(f.parts)-1].add(key)
}

func (p *bloomPart) block(key uint64) (*[8]uint32, uint32) {
	key = article.Mix64(key ^ p.seed)
	return &p.blocks[(key>>32)*uint64(len(p.blocks))>>32], uint32(key)
}

func (p *bloomPart) has(key uint64) bool {
	b, x := p.block(key)
	for i, s := range bloomSalts {
		if b[i]&(1<<((x*s)>>27)) == 0 {
			return false
		}
	}
	return true
}

func (p *bloomPart) add(key uint64) {
	b, x := p.block(key)
	for i, s := range bloomSalts {
		b[i] |= 1 << ((x * s) >> 27)
	}
	p.n++
}
