package synteval

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ---------------------------------------------------------------- grouping

// PairwiseScores compares a predicted story grouping with the truth over all
// pairs of articles: a pair is positive when both articles are in one group.
// tp counts pairs grouped together in both, fp pairs grouped only by the
// prediction (wrong merges), fn pairs grouped only by the truth (missed
// copies). Pairwise scores weigh a wrong merge of big groups by the number
// of article pairs it joins, which is what a reader of merged results sees.
//
// The articles are the ids of truth. An id missing from predicted is its
// own singleton story; ids of predicted not in truth are ignored. Counting
// uses group sizes (sum of n·(n-1)/2 over groups and over the cells of the
// truth × prediction table), so it is linear in the number of articles.
// With no predicted pairs precision is 1, with no true pairs recall is 1:
// nothing claimed, nothing wrong; nothing to find, nothing missed.
func PairwiseScores(truth map[string]string, predicted map[string]string) (precision, recall float64, tp, fp, fn int) {
	truthSize := map[string]int{}
	predSize := map[string]int{}
	type cell struct{ t, p string }
	cells := map[cell]int{}
	for id, t := range truth {
		truthSize[t]++
		if p, ok := predicted[id]; ok { // else a singleton: no predicted pair
			predSize[p]++
			cells[cell{t, p}]++
		}
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	truePairs, predPairs := 0, 0
	for _, n := range truthSize {
		truePairs += pairs(n)
	}
	for _, n := range predSize {
		predPairs += pairs(n)
	}
	for _, n := range cells {
		tp += pairs(n)
	}
	fp, fn = predPairs-tp, truePairs-tp
	precision, recall = 1, 1
	if predPairs > 0 {
		precision = float64(tp) / float64(predPairs)
	}
	if truePairs > 0 {
		recall = float64(tp) / float64(truePairs)
	}
	return precision, recall, tp, fp, fn
}

// ArticleRef names an article in a mistake report.
type ArticleRef struct {
	ID, Title, Source string
	Story             string
	Variant           Variant
}

// PairMistake is one wrong merge (A and B are different stories but were
// grouped) or one missed copy (A and B tell one story but were kept apart).
// Pairs is how many article pairs the mistake stands for: the product of
// the sizes of the two sub-groups it joins or splits, so sorting by it
// puts the costliest mistakes first.
type PairMistake struct {
	A, B  ArticleRef
	Pairs int
}

// String formats the mistake on one line: cost, then each article's id,
// story, variant, source and title.
func (m PairMistake) String() string {
	return fmt.Sprintf("%5d pairs  %s [%s %s, %s] %q  <->  %s [%s %s, %s] %q", m.Pairs,
		m.A.ID, m.A.Story, m.A.Variant, m.A.Source, m.A.Title, m.B.ID, m.B.Story, m.B.Variant, m.B.Source, m.B.Title)
}

// WorstMistakes lists the costliest errors of a predicted grouping, for
// debugging: merged are pairs of different stories put in one predicted
// group, split are pairs of one story left in different predicted groups.
// Each entry stands for all pairs between two sub-groups (one true group
// within one predicted group, or the reverse) and shows one representative
// pair; at most n of each are returned, costliest first. Ids missing from
// predicted are singletons, as in PairwiseScores.
func (s *Set) WorstMistakes(predicted map[string]string, n int) (merged, split []PairMistake) {
	pred := func(id string) string {
		if p, ok := predicted[id]; ok {
			return "p:" + p
		}
		return "single:" + id
	}
	// sub-groups: (outer group, inner group) -> member ids, in set order.
	type key struct{ outer, inner string }
	byPred := map[key][]string{}
	byTrue := map[key][]string{}
	var predOrder, trueOrder []key
	for _, a := range s.Articles {
		t := s.Truth[a.ID]
		p := pred(a.ID)
		kp := key{p, t.Story}
		if byPred[kp] == nil {
			predOrder = append(predOrder, kp)
		}
		byPred[kp] = append(byPred[kp], a.ID)
		kt := key{t.Story, p}
		if byTrue[kt] == nil {
			trueOrder = append(trueOrder, kt)
		}
		byTrue[kt] = append(byTrue[kt], a.ID)
	}
	collect := func(order []key, members map[key][]string) []PairMistake {
		outer := map[string][]key{}
		var outers []string
		for _, k := range order {
			if outer[k.outer] == nil {
				outers = append(outers, k.outer)
			}
			outer[k.outer] = append(outer[k.outer], k)
		}
		var out []PairMistake
		for _, o := range outers {
			subs := outer[o]
			if len(subs) < 2 {
				continue
			}
			// Bound the work on a huge wrong group: its biggest sub-groups
			// carry most of the cost.
			slices.SortStableFunc(subs, func(a, b key) int { return cmp.Compare(len(members[b]), len(members[a])) })
			subs = subs[:min(len(subs), 64)]
			for i := range subs {
				for j := i + 1; j < len(subs); j++ {
					a, b := members[subs[i]], members[subs[j]]
					out = append(out, PairMistake{A: s.ref(a[0]), B: s.ref(b[0]), Pairs: len(a) * len(b)})
				}
			}
		}
		slices.SortStableFunc(out, func(a, b PairMistake) int { return cmp.Compare(b.Pairs, a.Pairs) })
		return out[:min(n, len(out))]
	}
	return collect(predOrder, byPred), collect(trueOrder, byTrue)
}

func (s *Set) ref(id string) ArticleRef {
	r := ArticleRef{ID: id}
	if t := s.Truth[id]; t != nil {
		r.Story, r.Variant = t.Story, t.Variant
	}
	for i := range s.Articles { // only called for a few mistakes
		if a := &s.Articles[i]; a.ID == id {
			r.Title, r.Source = a.Title, a.Source
			break
		}
	}
	return r
}

// ---------------------------------------------------------------- cleaning

// Text comparison in the cruft scores. Both the truth strings and the
// indexed bodies are normalised the same way before they are compared:
// Unicode NFC, lower case (unicode.ToLower per rune), zero-width and
// control characters other than whitespace dropped, and every run of
// whitespace (unicode.IsSpace, which includes NBSP) made one space, trimmed.
// Punctuation and symbols are kept: a cleaner that rewrites "dlrs." to
// "dlrs" has changed the text. Words are the space-separated tokens of the
// normalised text.
//
// Story text kept is measured in words: a word of a real paragraph counts as
// kept when it lies in a run of keptRun consecutive paragraph words that
// occurs, in order and contiguous, in the indexed body (a paragraph shorter
// than keptRun words must occur whole). Partial paragraphs thus get partial
// credit, and a word only counts where its context survived.
//
// A cruft line counts as still present (not removed) when, after every real
// paragraph that occurs whole in the indexed body has been cut out of it (so
// that cruft repeating story text, such as a pasted lead, is not found in
// the story itself):
//   - a line of fewer than shortLine words ("Share", "USD", "+1.84%") equals
//     a line of the indexed body;
//   - a longer line occurs whole in the remaining text (also glued to a
//     neighbour, as in the real doubled lead "…severalThe post …"), or at
//     least half of its words lie in runs of shortLine consecutive words
//     found there, so that a line stripped only in part still counts as
//     present.
//
// Each occurrence vouches for one line only: whole lines are matched first,
// longest first, and consume what they match, so a title repeated in a
// lead, a title line and a "The post" footer is not counted three times.
//
// Both scores are micro-averages: over all cruft lines and over all story
// words of the articles scored.
const (
	keptRun   = 8
	shortLine = 4
)

// normText applies the normalisation described above.
func normText(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || unicode.IsControl(r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func hashWords(ws []string) uint64 {
	h := fnv.New64a()
	for _, w := range ws {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// runSet holds the hashes of every run of k consecutive words of a text.
type runSet struct {
	k    int
	runs map[uint64]bool
	text string // " " + words + " ", for texts shorter than k
}

func newRunSet(words []string, k int) *runSet {
	rs := &runSet{k: k, runs: make(map[uint64]bool, max(0, len(words)-k+1)), text: " " + strings.Join(words, " ") + " "}
	for i := 0; i+k <= len(words); i++ {
		rs.runs[hashWords(words[i:i+k])] = true
	}
	return rs
}

// covered returns how many of words lie in a run of k words found in the
// set, or, for fewer than k words, all or none of them.
func (rs *runSet) covered(words []string) int {
	if len(words) == 0 {
		return 0
	}
	if len(words) < rs.k {
		if strings.Contains(rs.text, " "+strings.Join(words, " ")+" ") {
			return len(words)
		}
		return 0
	}
	mark := make([]bool, len(words))
	for i := 0; i+rs.k <= len(words); i++ {
		if rs.runs[hashWords(words[i:i+rs.k])] {
			for j := i; j < i+rs.k; j++ {
				mark[j] = true
			}
		}
	}
	n := 0
	for _, m := range mark {
		if m {
			n++
		}
	}
	return n
}

// CruftReport is the detail behind CruftScores.
type CruftReport struct {
	// Articles scored, and articles of the set missing from the indexed
	// bodies (not scored: an article the index dropped has no body to judge).
	Articles, Missing int
	// Cruft lines injected and removed, in all and by kind.
	CruftLines, CruftRemoved             int
	PatternLines, PatternRemoved         int
	BoilerplateLines, BoilerplateRemoved int
	// Story words in the truth and kept in the indexed bodies.
	StoryWords, StoryWordsKept int
	// KeptCruft counts the cruft lines most often left in, most frequent
	// first (at most 20).
	KeptCruft []KeptLine
	// TextLoss lists the articles that lost the largest share of story
	// words, worst first (at most 20).
	TextLoss []ArticleLoss
}

// KeptLine is a cruft line that survived cleaning, and how often.
type KeptLine struct {
	Text  string
	Kind  CruftKind
	Count int
}

// ArticleLoss is the share of story words an article lost in cleaning.
type ArticleLoss struct {
	ID         string
	Variant    Variant
	Lost       float64
	Words      int
	Aggregator string
}

// CruftRemovedShare is the share of injected cruft lines absent from the
// indexed bodies (1 when there is none).
func (r CruftReport) CruftRemovedShare() float64 { return share(r.CruftRemoved, r.CruftLines) }

// TextKeptShare is the share of story words still in the indexed bodies
// (1 when there is none).
func (r CruftReport) TextKeptShare() float64 { return share(r.StoryWordsKept, r.StoryWords) }

func share(n, of int) float64 {
	if of == 0 {
		return 1
	}
	return float64(n) / float64(of)
}

// CruftScores measures a cleaner on the set: indexedBodies maps article id
// to the body as indexed (after cleaning). cruftRemoved is the share of
// injected cruft lines no longer in the body, textKept the share of real
// story words still in it. See the normalisation notes above; articles
// without an indexed body are not scored (ScoreCruft counts them).
func CruftScores(set *Set, indexedBodies map[string]string) (cruftRemoved, textKept float64) {
	r := ScoreCruft(set, indexedBodies)
	return r.CruftRemovedShare(), r.TextKeptShare()
}

// ScoreCruft is CruftScores with the detail: counts by cruft kind, the cruft
// lines most often kept and the articles that lost the most story text.
func ScoreCruft(set *Set, indexedBodies map[string]string) CruftReport {
	var r CruftReport
	kept := map[CruftLine]int{}
	for _, a := range set.Articles {
		t := set.Truth[a.ID]
		body, ok := indexedBodies[a.ID]
		if !ok {
			r.Missing++
			continue
		}
		r.Articles++
		bodyNorm := normText(body)
		bodyWords := strings.Fields(bodyNorm)

		// Story words kept.
		runs := newRunSet(bodyWords, keptRun)
		words, keptWords := 0, 0
		for _, p := range t.Paragraphs {
			pw := strings.Fields(normText(p))
			words += len(pw)
			keptWords += runs.covered(pw)
		}
		r.StoryWords += words
		r.StoryWordsKept += keptWords
		if words > 0 && keptWords < words {
			r.TextLoss = append(r.TextLoss, ArticleLoss{ID: a.ID, Variant: t.Variant, Lost: 1 - float64(keptWords)/float64(words), Words: words, Aggregator: t.Aggregator})
		}

		if len(t.Cruft) == 0 {
			continue
		}
		present := cruftPresent(body, bodyNorm, t)
		for i, c := range t.Cruft {
			r.CruftLines++
			if c.Kind == CruftBoilerplate {
				r.BoilerplateLines++
			} else {
				r.PatternLines++
			}
			if present[i] {
				kept[c]++
				continue
			}
			r.CruftRemoved++
			if c.Kind == CruftBoilerplate {
				r.BoilerplateRemoved++
			} else {
				r.PatternRemoved++
			}
		}
	}
	for c, n := range kept {
		r.KeptCruft = append(r.KeptCruft, KeptLine{Text: c.Text, Kind: c.Kind, Count: n})
	}
	slices.SortFunc(r.KeptCruft, func(a, b KeptLine) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
	})
	r.KeptCruft = r.KeptCruft[:min(20, len(r.KeptCruft))]
	slices.SortStableFunc(r.TextLoss, func(a, b ArticleLoss) int {
		return cmp.Or(cmp.Compare(b.Lost, a.Lost), cmp.Compare(b.Words, a.Words))
	})
	r.TextLoss = r.TextLoss[:min(20, len(r.TextLoss))]
	return r
}

// cruftPresent tells for each cruft line of t whether it is still in the
// indexed body (see the notes on normalisation above). Lines that share
// text (a title in the lead, in a repeated-title line and in a "The post"
// footer) must not vouch for each other, so occurrences are consumed: whole
// lines are looked up longest first and each occurrence found is cut out;
// only then are the lines not found whole checked for partial remnants in
// what is left.
func cruftPresent(body, bodyNorm string, t *Truth) []bool {
	present := make([]bool, len(t.Cruft))
	// The story comes out first, so cruft that repeats story text (a pasted
	// lead) is not found in the story itself.
	rest := " " + bodyNorm + " "
	lines := map[string]int{}
	for _, ln := range strings.Split(body, "\n") {
		lines[normText(ln)]++
	}
	for _, p := range t.Paragraphs {
		np := normText(p)
		if np == "" {
			continue
		}
		if i := strings.Index(rest, " "+np+" "); i >= 0 {
			rest = rest[:i] + " \x00 " + rest[i+len(np)+2:]
		}
		if lines[np] > 0 {
			lines[np]--
		}
	}
	norms := make([]string, len(t.Cruft))
	words := make([][]string, len(t.Cruft))
	order := make([]int, len(t.Cruft))
	for i, c := range t.Cruft {
		norms[i] = normText(c.Text)
		words[i] = strings.Fields(norms[i])
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(norms[b]), len(norms[a])) })
	for _, i := range order {
		if len(words[i]) < shortLine {
			if lines[norms[i]] > 0 {
				lines[norms[i]]--
				present[i] = true
			}
		} else if j := strings.Index(rest, norms[i]); j >= 0 {
			rest = rest[:j] + " \x00 " + rest[j+len(norms[i]):]
			present[i] = true
		}
	}
	runs := newRunSet(strings.Fields(rest), shortLine)
	for i := range t.Cruft {
		if !present[i] && len(words[i]) >= shortLine {
			present[i] = 2*runs.covered(words[i]) >= len(words[i])
		}
	}
	return present
}
