package textmatch

import "strings"

// containsAll reports whether s contains every needle (ASCII case-
// insensitively).
func containsAll(s string, needles []string) bool {
	for _, n := range needles {
		if IndexFold(s, n, 0) < 0 {
			return false
		}
	}
	return true
}

// IndexFold returns the index of the first occurrence of needle (lower-case
// ASCII, not empty) in s at or after from, ignoring the case of ASCII
// letters, or -1. Rather than lower-casing s, it scans with IndexByte for
// the needle's rarest letter in English text (a scan for "e" would stop
// every few bytes), in either case.
func IndexFold(s, needle string, from int) int {
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
