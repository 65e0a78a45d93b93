package clean

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/syndex/syndex/indexer/article"
)

// Boilerplate shared across sources. The per-source rule needs
// max(learnMinArticles, 5%) articles of one source, so cruft spread over
// many small sources (an aggregator's disclaimer under each of 300 feeds of
// 4 articles) is never learned. A line is also boilerplate everywhere when
// it occurs in at least sharedMinStories different stories, under
// learnMinTitles titles, and in at least sharedMinSources sources on at
// least sharedMinShare of each one's articles (and two of them).
//
// The share is what keeps formulaic story sentences: measured on the shared
// corpora cut into sources of 50, 200 and 1,000 articles, "Terms were not
// disclosed." (50 articles in 33 slices, 32 stories), "Value was not
// disclosed." and commodity table headers ("OPEN HIGH LOW CLOSE") were
// learned without it; they reach at most 6% of a slice, where boilerplate
// sits on most of a source's articles.
//
// "Different stories" is the guard that keeps story text: syndicated copies
// of one story carry the same paragraphs in many sources, often under
// different titles, so neither sources nor titles tell them apart. An
// article's story is signed by its longest other line (for syndicated
// copies the same paragraph; for different stories different ones), and
// signatures are counted like titles, with one bit of 64 each (a lower
// bound). Short lines (fewer than learnShortWords words with letters) are
// never learned across sources: "Reuters" or "Pay April 30" are too often
// data; the cruft classes of CleanBody take care of short markers.
const (
	sharedMinSources = 3
	sharedMinStories = 5
	sharedMinShare   = 0.25
)

// sharedSalt separates the keys of shared counts from per-source ones
// (which are salted by source) in the learner's Bloom filter.
const sharedSalt = 0x5d1b0f3a9c27e845

// sharedCount is the evidence for one line across sources.
type sharedCount struct {
	sources, stories, titles uint64 // bit sets, see the rule above
	articles                 uint32
}

// storySigner picks, for each line of an article, the signature of the
// article's story: its longest line other than that one.
type storySigner struct {
	first, second     uint64 // hashes of the longest and second longest lines
	firstLen, secondN int
}

func (s *storySigner) add(h uint64, n int) {
	switch {
	case n > s.firstLen:
		s.second, s.secondN = s.first, s.firstLen
		s.first, s.firstLen = h, n
	case n > s.secondN:
		s.second, s.secondN = h, n
	}
}

// bit returns the story bit for the line with hash h.
func (s *storySigner) bit(h uint64) uint64 {
	sig := s.first
	if h == s.first {
		sig = s.second
	}
	return uint64(1) << (article.Mix64(sig^sharedSalt) >> 58)
}

// observeShared records one sighting of a line (by its unsalted hash) in an
// article of source src.
func (l *BoilerplateLearner) observeShared(h uint64, src *learnSource, titleBit, storyBit uint64, line string) {
	key := article.Mix64(h ^ sharedSalt)
	if !l.seen.has(key) {
		l.seen.add(key)
		return
	}
	srcBit := uint64(1) << (src.salt >> 58)
	i, ok := l.sharedIdx[key]
	if !ok {
		// The first sighting's bits are unknown: counting from the second
		// errs on the side of learning less.
		l.sharedIdx[key] = uint32(len(l.shared))
		l.shared = append(l.shared, sharedCount{sources: srcBit, stories: storyBit, titles: titleBit, articles: 2})
		return
	}
	c := &l.shared[i]
	c.articles++
	c.sources |= srcBit
	c.stories |= storyBit
	c.titles |= titleBit
	if _, has := l.sharedTexts[i]; !has && sharedEnough(c) {
		l.sharedTexts[i] = strings.Clone(strings.TrimSpace(line))
	}
}

func sharedEnough(c *sharedCount) bool {
	return bits.OnesCount64(c.sources) >= sharedMinSources &&
		bits.OnesCount64(c.stories) >= sharedMinStories &&
		bits.OnesCount64(c.titles) >= learnMinTitles
}

// learnShared returns the lines learned across sources, most articles
// first.
func (l *BoilerplateLearner) learnShared() []LearnedLine {
	out := []LearnedLine{}
	for i, text := range l.sharedTexts {
		c := &l.shared[i]
		n := normLine(text)
		if n.letterWords < learnShortWords || !sharedEnough(c) || l.frequentIn(n.h) < sharedMinSources {
			continue
		}
		out = append(out, LearnedLine{Text: text, Articles: int(c.articles), Titles: bits.OnesCount64(c.titles),
			Sources: bits.OnesCount64(c.sources), Stories: bits.OnesCount64(c.stories)})
	}
	slices.SortFunc(out, func(x, y LearnedLine) int {
		return cmp.Or(cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Text, y.Text))
	})
	return out
}

// frequentIn returns in how many sources the line with hash h is on at
// least sharedMinShare of the articles (and on two at least), from the
// per-source counts: a lookup per source, for the few lines that reach
// learnShared.
func (l *BoilerplateLearner) frequentIn(h uint64) int {
	n := 0
	for _, src := range l.srcs {
		i, ok := l.candIdx[article.Mix64(h^src.salt)]
		if !ok {
			continue
		}
		if c := l.cands[i]; float64(c.articles) >= sharedMinShare*float64(src.articles) {
			n++
			if n >= sharedMinSources {
				return n
			}
		}
	}
	return n
}
