package clean

// Learned boilerplate (issue #6). CleanBody removes the cruft every site
// shares; what is left is each publisher's own furniture: a sign-off, a
// disclaimer, a share bar, a newsletter pitch, repeated on most of its
// articles. Such a line is found by counting, per source, in how many
// articles each line occurs during a first pass over the corpus
// (BoilerplateLearner), and is then removed from every article of that source
// before indexing and duplicate detection (Boilerplate.Strip).

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"math/bits"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/durable"
)

// The decision rule. A line is boilerplate for source S when it occurs in at
// least max(learnMinArticles, learnMinShare × articles of S) articles of S
// under at least learnMinTitles different titles; a short line needs
// learnShortShare of the articles. The values were tuned on the shared
// corpora (Reuters-21578, BBC, crypto news, AG News), also cut into
// artificial small "sources" of 20, 50, 200 and 1,000 consecutive articles to
// see how the rule behaves on small publishers:
//
//   - learnMinShare = 5%. Real boilerplate sits on a large share of a
//     source's articles (Reuters' "Reuter" sign-off on 89%, CryptoNews'
//     newsletter line on 7%), whereas recurring story text stays well below:
//     Reuters' dividend and earnings lines ("Record March 31", "Pay April
//     30", "Terms were not disclosed.") reach 0.4% of its articles and a
//     commodity table header ("OPEN HIGH LOW CLOSE") 5% of a 200-article
//     slice. A share scales the bar with the source, so a big source's
//     formulaic sentences are never enough.
//   - learnMinArticles = 6 for small sources, where the share means little:
//     with 4 or 5, 20- and 50-article Reuters slices lost dividend dates and
//     table headers; with 6 almost nothing but the sign-off is learned.
//   - learnMinTitles = 3 distinct titles, so one story published again and
//     again under the same title (updates, corrections, re-syndication)
//     never counts as boilerplate of its own source. Distinct titles are
//     counted with a 64-bit signature, a lower bound (collisions only
//     under-count), and from the second sighting of a line on; both errors
//     are on the side of learning less.
//   - A line with fewer than learnShortWords words containing a letter
//     ("Reuter", "Year", "Pay April 30", "1986/87 1985/86") is ambiguous:
//     it is as often a table label or date as a sign-off. It must be on
//     learnShortShare = 20% of the source's articles: a byline or sign-off
//     on most articles is boilerplate for search, Reuters' "Year" table
//     label (3%) is data.
const (
	learnMinArticles = 6
	learnMinShare    = 0.05
	learnMinTitles   = 3
	learnShortWords  = 4
	learnShortShare  = 0.20
)

// BoilerplateLearner counts, per source, the lines of article bodies during
// a first pass over the corpus; Learn then decides which lines are
// boilerplate. It is built for corpora of hundreds of thousands of articles
// of ~20 lines: keeping a string, or even a 16-byte hash record, per line
// would cost hundreds of megabytes. Instead a line seen once (almost all
// story text) leaves only bits in a Bloom filter (2–2.5 bytes a line), a
// line seen again gets a 16-byte count, and only a line that reaches the
// minimum evidence gets its text copied. Each line is counted twice, for
// its source and across sources (boilerplate_shared.go). Measured: 139
// bytes per article for 350,000 synthetic articles of 22 lines, 64 before
// the shared counts (BenchmarkBoilerplateLearnScale).
// A BoilerplateLearner is not safe for concurrent use.
type BoilerplateLearner struct {
	articles int
	srcIDs   map[string]uint32
	srcs     []learnSource
	seen     seenFilter
	// cands holds lines seen in at least two articles (per the Bloom filter)
	// of a source, by line key; texts the text of those that reached
	// learnMinArticles under learnMinTitles titles, by index in cands.
	candIdx map[uint64]uint32
	cands   []lineCount
	texts   map[uint32]string
	scratch []lineRef
	// shared counts lines across sources (boilerplate_shared.go), by
	// unsalted key; sharedTexts as texts.
	sharedIdx   map[uint64]uint32
	shared      []sharedCount
	sharedTexts map[uint32]string
}

type learnSource struct {
	name     string
	articles int
	salt     uint64
}

// lineCount is the evidence for one (source, line) key: 16 bytes.
type lineCount struct {
	titles   uint64 // one bit per title hash: popcount is a lower bound of distinct titles
	articles uint32
	src      uint32
}

// lineRef is one body line of the article being added.
type lineRef struct {
	key, h     uint64 // salted by source, and not
	start, end int
	long       bool // enough words to be learned across sources
}

// NewBoilerplateLearner returns an empty learner.
func NewBoilerplateLearner() *BoilerplateLearner {
	return &BoilerplateLearner{
		srcIDs:  map[string]uint32{},
		candIdx: map[uint64]uint32{},
		texts:   map[uint32]string{},

		sharedIdx:   map[uint64]uint32{},
		sharedTexts: map[uint32]string{},
	}
}

// sourceKey is the source an article's boilerplate is learned and stripped
// under: its publisher name, else its domain. Articles with neither are not
// learned from (their lines would mix publishers) and never stripped.
func sourceKey(a *article.Article) string {
	if a.Source != "" {
		return a.Source
	}
	return a.SourceDomain
}

// Add counts the lines of a's body, each line once per article, under a's
// source and title. Nothing of the article is retained but counts, unless a
// line already has the evidence to become boilerplate, whose text is copied.
func (l *BoilerplateLearner) Add(a *article.Article) {
	if a == nil {
		return
	}
	l.articles++
	name := sourceKey(a)
	if name == "" {
		return
	}
	sid, ok := l.srcIDs[name]
	if !ok {
		name = strings.Clone(name)
		sid = uint32(len(l.srcs))
		l.srcIDs[name] = sid
		l.srcs = append(l.srcs, learnSource{name: name, salt: article.Mix64(stringHash(name))})
	}
	src := &l.srcs[sid]
	titleBit := uint64(1) << (article.Mix64(stringHash(a.Title)) >> 58)

	body := a.Body
	refs := l.scratch[:0]
	var story storySigner
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		if n := normLine(body[start:end]); n.words > 0 {
			refs = append(refs, lineRef{key: article.Mix64(n.h ^ src.salt), h: n.h, start: start, end: end,
				long: n.letterWords >= learnShortWords})
			story.add(n.h, end-start)
		}
		start = end + 1
	}
	if len(refs) == 0 {
		return // a title-only article: no evidence either way
	}
	src.articles++
	// A line repeated inside one article counts once: sort and skip runs.
	slices.SortFunc(refs, func(x, y lineRef) int { return cmp.Compare(x.key, y.key) })
	for i, r := range refs {
		if i > 0 && refs[i-1].key == r.key {
			continue
		}
		l.observe(r.key, sid, titleBit, body[r.start:r.end])
		if r.long {
			l.observeShared(r.h, src, titleBit, story.bit(r.h), body[r.start:r.end])
		}
	}
	l.scratch = refs
}

// observe records one sighting of a line (by key) in an article.
func (l *BoilerplateLearner) observe(key uint64, sid uint32, titleBit uint64, line string) {
	// Every candidate is in the Bloom filter, so the filter answers first for
	// the many lines never seen before, without a map lookup.
	if !l.seen.has(key) {
		l.seen.add(key)
		return
	}
	if i, ok := l.candIdx[key]; ok {
		c := &l.cands[i]
		c.articles++
		c.titles |= titleBit
		if c.articles >= learnMinArticles && bits.OnesCount64(c.titles) >= learnMinTitles {
			if _, has := l.texts[i]; !has {
				l.texts[i] = strings.Clone(strings.TrimSpace(line))
			}
		}
		return
	}
	// Second sighting (or a Bloom false positive, about 1%: then the count
	// is one too high, while the first sighting's title is never known; the
	// two errors lean opposite ways and the title one always applies).
	l.candIdx[key] = uint32(len(l.cands))
	l.cands = append(l.cands, lineCount{titles: titleBit, articles: 2, src: sid})
}

// Learn decides which lines are boilerplate with the rule documented at
// learnMinArticles. It can be called again after more Adds.
func (l *BoilerplateLearner) Learn() *Boilerplate {
	b := &Boilerplate{Articles: l.articles, SourcesSeen: len(l.srcs), Sources: []SourceBoilerplate{}, Shared: l.learnShared()}
	bySrc := map[uint32][]LearnedLine{}
	for i, text := range l.texts {
		c := l.cands[i]
		n := l.srcs[c.src].articles
		need := max(learnMinArticles, int(math.Ceil(learnMinShare*float64(n))))
		if normLine(text).letterWords < learnShortWords {
			need = max(need, int(math.Ceil(learnShortShare*float64(n))))
		}
		titles := bits.OnesCount64(c.titles)
		if int(c.articles) >= need && titles >= learnMinTitles {
			bySrc[c.src] = append(bySrc[c.src], LearnedLine{Text: text, Articles: int(c.articles), Titles: titles})
		}
	}
	for sid, lines := range bySrc {
		slices.SortFunc(lines, func(x, y LearnedLine) int {
			return cmp.Or(cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Text, y.Text))
		})
		s := l.srcs[sid]
		b.Sources = append(b.Sources, SourceBoilerplate{Source: s.name, Articles: s.articles, Lines: lines})
	}
	slices.SortFunc(b.Sources, func(x, y SourceBoilerplate) int {
		return cmp.Or(cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Source, y.Source))
	})
	return b
}

// Boilerplate is what was learned: per source, the lines to remove. It is
// JSON so it can be saved next to the index generation it was learned for
// (the same lines are then stripped from articles added later) and reported
// by `syndex stats --boilerplate`. Strip is safe for concurrent use; Sources
// must not be changed after the first Strip.
type Boilerplate struct {
	// Articles is how many articles were added to the learner; SourcesSeen
	// how many sources they came from.
	Articles    int `json:"articles"`
	SourcesSeen int `json:"sources_seen"`
	// Sources lists the sources with learned lines, most articles first.
	Sources []SourceBoilerplate `json:"sources"`
	// Shared are the lines learned across sources (boilerplate_shared.go),
	// removed from the articles of every source, small ones too.
	Shared []LearnedLine `json:"shared,omitempty"`

	once   sync.Once
	lookup map[string]map[uint64]struct{} // a source's lines and the shared ones
	shared map[uint64]struct{}
}

// SourceBoilerplate is the boilerplate learned for one source.
type SourceBoilerplate struct {
	// Source is the article's Source, or its SourceDomain when it has none.
	Source string `json:"source"`
	// Articles is how many articles of the source with body text were
	// seen: the base of the share a line must reach (title-only briefs
	// would raise the bar without carrying any boilerplate).
	Articles int           `json:"articles"`
	Lines    []LearnedLine `json:"lines"`
}

// LearnedLine is one boilerplate line, with the evidence for it.
type LearnedLine struct {
	// Text is the line as first met with enough evidence; it matches any
	// line equal after normalization (case, punctuation, spacing, years).
	Text string `json:"text"`
	// Articles is in how many of the source's articles the line occurs.
	Articles int `json:"articles"`
	// Titles is a lower bound of under how many different titles.
	Titles int `json:"titles,omitempty"`
	// Sources and Stories are, for a shared line, lower bounds of in how
	// many sources and different stories it occurs.
	Sources int `json:"sources,omitempty"`
	Stories int `json:"stories,omitempty"`
}

// linesOf returns the learned line keys of a's source, or nil.
func (b *Boilerplate) linesOf(a *article.Article) map[uint64]struct{} {
	if b == nil || a == nil {
		return nil
	}
	b.once.Do(func() {
		b.shared = map[uint64]struct{}{}
		for _, ln := range b.Shared {
			if n := normLine(ln.Text); n.words > 0 {
				b.shared[n.h] = struct{}{}
			}
		}
		b.lookup = map[string]map[uint64]struct{}{}
		for _, s := range b.Sources {
			set := b.lookup[s.Source]
			if set == nil {
				set = maps.Clone(b.shared)
				b.lookup[s.Source] = set
			}
			for _, ln := range s.Lines {
				if n := normLine(ln.Text); n.words > 0 {
					set[n.h] = struct{}{}
				}
			}
		}
	})
	if set, ok := b.lookup[sourceKey(a)]; ok {
		return set
	}
	return b.shared
}

// Strip removes the learned lines of a's source from a.Body and returns how
// many lines it removed. Paragraphs stay separated by "\n\n"; a paragraph
// left empty is dropped. Nothing is removed when every line is learned (see
// OnlyBoilerplate), so a body is never emptied. Short stories often carry
// more boilerplate than text (a 20-word crypto brief under a 40-word
// newsletter pitch and share bar), so the share of the body learned lines
// make up is no reason to keep them: the learning rule (a share of the
// source's articles, under several titles) is what keeps story text safe.
// A nil Boilerplate strips nothing.
func (b *Boilerplate) Strip(a *article.Article) (removed int) {
	set := b.linesOf(a)
	if len(set) == 0 || a.Body == "" {
		return 0
	}
	total, gone := 0, 0
	for ln := range strings.SplitSeq(a.Body, "\n") {
		n := normLine(ln)
		total += n.words
		if _, ok := set[n.h]; ok && n.words > 0 {
			gone += n.words
			removed++
		}
	}
	if removed == 0 || gone >= total {
		return 0
	}
	var out strings.Builder
	out.Grow(len(a.Body))
	first := true
	for para := range strings.SplitSeq(a.Body, "\n\n") {
		kept, changed, blank := para, false, true
		if strings.Contains(para, "\n") || isLearned(set, para) {
			var lines []string
			for ln := range strings.SplitSeq(para, "\n") {
				if isLearned(set, ln) {
					changed = true
					continue
				}
				lines = append(lines, ln)
				if strings.TrimSpace(ln) != "" {
					blank = false
				}
			}
			if changed {
				if blank {
					continue // emptied: drop the paragraph and its break
				}
				kept = strings.Join(lines, "\n")
			}
		}
		if !first {
			out.WriteString("\n\n")
		}
		first = false
		out.WriteString(kept)
	}
	a.Body = out.String()
	return removed
}

func isLearned(set map[uint64]struct{}, line string) bool {
	n := normLine(line)
	if n.words == 0 {
		return false
	}
	_, ok := set[n.h]
	return ok
}

// OnlyBoilerplate reports whether every line of a's body is learned
// boilerplate of its source (and there is at least one), which Strip
// declines to remove: such a body (a feed item carrying only the newsletter
// pitch) says nothing about the story, so duplicate detection should not
// take equal bodies for the same story.
func (b *Boilerplate) OnlyBoilerplate(a *article.Article) bool {
	set := b.linesOf(a)
	if len(set) == 0 {
		return false
	}
	found := false
	for ln := range strings.SplitSeq(a.Body, "\n") {
		n := normLine(ln)
		if n.words == 0 {
			continue
		}
		if _, ok := set[n.h]; !ok {
			return false
		}
		found = true
	}
	return found
}

// Lines returns how many lines were learned over all sources, shared ones
// included.
func (b *Boilerplate) Lines() int {
	if b == nil {
		return 0
	}
	n := len(b.Shared)
	for _, s := range b.Sources {
		n += len(s.Lines)
	}
	return n
}

// Save writes b as indented JSON to path, atomically (a reader never sees a
// half-written file). A nil Boilerplate is saved as an empty one.
func (b *Boilerplate) Save(path string) error {
	if b == nil {
		b = &Boilerplate{}
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("save boilerplate: %w", err)
	}
	if err := durable.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("save boilerplate: %w", err)
	}
	return nil
}

// LoadBoilerplate reads what Save wrote. A missing file is an empty
// Boilerplate and no error: an index built before boilerplate was learned
// simply strips nothing.
func LoadBoilerplate(path string) (*Boilerplate, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Boilerplate{Sources: []SourceBoilerplate{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load boilerplate: %w", err)
	}
	b := &Boilerplate{}
	if err := json.Unmarshal(data, b); err != nil {
		return nil, fmt.Errorf("load boilerplate %s: %w", path, err)
	}
	return b, nil
}
