// Package terms answers questions about words from an index snapshot's
// term dictionaries and the index's analyzer: spelling corrections (what
// "did you mean" offers is always a word some articles contain), the title
// vocabulary that completes a word being typed, and the distinctive terms
// of an article that find related stories. It knows nothing of requests or
// responses.
package terms

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
)

// How a correction is chosen. A word is corrected only when the index
// barely knows it (in at most rareDF articles): a word the index holds in
// more articles is never replaced, however few results the query found
// ("playstation" stays "playstation"); when it is in at most suggestDF
// articles and a candidate one edit away in suggestRatio times as many,
// that candidate is only suggested ("goverment", a misspelling ten
// articles share). When the query as typed finds nothing, a known word's
// suggestion need only be in dfRatio times as many articles ("bitcoin
// lightening network"), and a word no article spells as typed, known only
// as another word's stem ("minning" is analysed as "min"), gets one in more
// than rareDF (the search service searches a suggestion when the query
// found nothing and the suggestion finds more). Candidates are real: for
// every word,
// the one-edit variants of what was typed (a letter deleted, inserted,
// replaced, or two adjacent letters swapped) whose analysis is an index
// term; for words of 9 letters or more also terms two edits away, found
// with Bleve's Levenshtein automaton from the word and its stem and by the
// word's first letters, each shown as a spelling that occurs in an article
// holding it (never a stem plus an invented suffix; when the spelling one
// edit away is one no article uses, "blaire" for "blare", and the other
// words vouch for its term, the term's spelling two edits away that
// articles use: "tony blare" is "tony blair"). Words of 4 letters
// get one edit, 5-8 one, 9 or more two; shorter words, numbers and words
// inside quotes are never corrected. Edits are Damerau-Levenshtein
// (optimal string alignment): a swap of two adjacent letters is one.
//
// Among candidates: fewer edits first; the contenders are those with the
// fewest edits in at least a tenth as many articles as the commonest of
// them, or (for words of 5 letters or more) in two or more articles with
// the query's other words (a rare name: "vladimir puttin" is "putin", not
// "putting"). Among them the most articles holding the candidate together
// with the query's other words wins, counted twice for the commonest typos
// (so "cron crop" is "corn crop", not "iron crop"); then the commonest
// typos over other edits — two adjacent letters swapped ("glod" is "gold"
// before "good"), a double letter typed once or a letter typed twice
// ("tenis" is "tennis" before "denis") — then more articles. A candidate
// must be in more than dfRatio times as many articles as the typed word,
// and another word of the query is no candidate. A 4-letter word is
// corrected only when its best candidate dominates: the only contender,
// five times as many articles with the other words as the next, or the
// only one of the commonest typos. A rare word that the query's other
// words accompany in at least two of its articles, and in half of them,
// is meant as typed and neither replaced nor questioned ("tram line").

const (
	// rareDF: a word found in at most this many articles may be a typo;
	// one in more is known and never replaced.
	rareDF = 2
	// maxCorrected bounds the words examined per query.
	maxCorrected = 8
	// maxCandidates bounds the dictionary entries read per lookup.
	maxCandidates = 512
	// WorkCandidates and WorkBytes bound the dictionary entries, and their
	// bytes, that one request's corrections may read in all: every lookup
	// stops there and correction gives up with what it has. With words cut
	// to indexer.MaxTokenRunes the bytes bound is rarely reached; it is the
	// guard should an index hold longer terms.
	WorkCandidates = 16 * maxCandidates
	WorkBytes      = 1 << 20
	// dfRatio: a correction must be in more than dfRatio times as many
	// articles as the word typed.
	dfRatio = 5
	// suggestDF and suggestRatio: a known word in at most suggestDF
	// articles gets a suggestion (never a replacement) in suggestRatio
	// times as many.
	suggestDF    = 20
	suggestRatio = 100
	// maxCooccur bounds the postings of a candidate read to count its
	// articles with the other words.
	maxCooccur = 4096
)

// suffixes turn a stem back into likely surface forms.
var suffixes = []string{"", "e", "s", "es", "ed", "ing", "ion", "ions", "ation", "ations", "er", "ers", "or",
	"ors", "y", "al", "ally", "ly", "ment", "ments", "ness", "ity", "ive", "ize", "ise", "ized", "ate", "ated",
	"ates", "ating", "ance", "ence", "ant", "ent", "able", "ible", "ful", "ous", "ism", "ist", "ists", "ic", "ical"}

// maxCorrectRunes is the longest word corrected. No word of the
// languages indexed is longer ("Donaudampfschifffahrtsgesellschaft" is 34),
// and the edit automaton of a 1,000-letter query word took 300 ms, a cheap
// way to hold a search slot.
const maxCorrectRunes = 40

// editBudget returns how many edits a word of this length may be off.
func editBudget(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n > maxCorrectRunes:
		return 0
	case n >= 9:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// Work counts what one request's corrections read, against WorkCandidates
// and WorkBytes; Exhausted says a bound (or the request's deadline) cut the
// search for corrections short.
type Work struct {
	Candidates, Bytes int
	Exhausted         bool
}

// spend records a dictionary entry and reports whether the budget allows
// more.
func (w *Work) spend(term string) bool {
	w.Candidates++
	w.Bytes += len(term)
	if w.Candidates >= WorkCandidates || w.Bytes >= WorkBytes {
		w.Exhausted = true
	}
	return !w.Exhausted
}

// Corrector finds corrections with the index's analyzer, which turns the
// typed words and the candidate surface forms into index terms. Candidates
// are found in that one language (English); whether a typed word is known
// is also asked of the other languages' analyzers, counting only the
// articles in that language (an Italian stem can be an English one), so a
// Dutch word in a Dutch article is no English typo.
type Corrector struct {
	an    analysis.Analyzer
	langs map[string]analysis.Analyzer
}

// New returns a Corrector for an index analyzed by an and, for the
// articles whose analyzer field (indexer.FieldAnalyzer) names another, by
// langs[name].
func New(an analysis.Analyzer, langs map[string]analysis.Analyzer) *Corrector {
	return &Corrector{an: an, langs: langs}
}

// knownDF returns in how many articles w is found: under its stem, or in
// another language's articles under that language's stem (the most), and
// whether that most is another language's (foreign).
func (c *Corrector) knownDF(ctx context.Context, r index.IndexReader, w, stem string) (df uint64, foreign bool, err error) {
	df, err = docFreq(ctx, r, stem)
	if err != nil || df > suggestDF {
		return df, false, err
	}
	// Most languages give the same term: its postings are read once.
	byTerm := map[string][]string{}
	for name, an := range c.langs {
		if toks := an.Analyze([]byte(w)); len(toks) == 1 {
			byTerm[string(toks[0].Term)] = append(byTerm[string(toks[0].Term)], name)
		}
	}
	for term, names := range byTerm {
		docs, err := postings(ctx, r, term, maxCooccur)
		if err != nil {
			return 0, false, err
		}
		for _, name := range names {
			if len(docs) == 0 {
				break
			}
			in, err := holding(ctx, r, docs, name, indexer.FieldAnalyzer)
			if err != nil {
				return 0, false, err
			}
			if n := uint64(len(in)); n > 0 && n >= df {
				df, foreign = n, true
			}
		}
	}
	return df, foreign, nil
}

// candidate is a possible replacement of a typed word.
type candidate struct {
	// surfaces are its spellings within the edit budget of the typed
	// word, sorted; the one shown is the first an article uses.
	surfaces []string
	stem     string
	dist     int
	df       uint64
	cooc     int // articles with the query's other words; -1 not counted
	// typo: a spelling is the typed word with one of the commonest typos
	// undone: two adjacent letters swapped ("glod"), a double letter typed
	// once ("tenis") or a letter doubled ("minning").
	typo bool
}

// weighted is the candidate's articles with the query's other words,
// doubled for one of the commonest typos: those typos are likelier than
// other edits, and a stem shared with commoner words inflates the count
// ("tenis open": "denis" is credited with every "denied open" article, 75,
// "tennis open" has 46).
func (c candidate) weighted() int {
	if c.cooc < 0 {
		return c.cooc
	}
	return c.cooc * (1 + b2i(c.typo))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Corrections returns, for the words (lower case, as typed, outside
// quotes) the index barely knows, the best-spelled replacement from r's
// title and body terms, and for the words it knows in a few articles only
// a suggestion (see above). When the query as typed found nothing
// (nothing), a word the index knows only as another word's stem — no
// article spells it so: "minning" is analysed as "min" — gets a
// suggestion too, among candidates in more than rareDF articles.
// Readers without a fuzzy dictionary get only one-edit corrections. The
// work is bounded by WorkCandidates, WorkBytes and ctx: when one runs out,
// what was found so far is returned, with Work.Exhausted set and no error.
func (c *Corrector) Corrections(ctx context.Context, r index.IndexReader, words []string, nothing bool) (replace, suggest map[string]string, work Work, err error) {
	replace, suggest = map[string]string{}, map[string]string{}
	fr, _ := r.(index.IndexReaderFuzzy)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = c.Stem(w)
	}
	tried := 0
	for i, w := range words {
		if ctx.Err() != nil {
			work.Exhausted = true
		}
		if tried >= maxCorrected || work.Exhausted {
			break
		}
		budget := editBudget(w)
		stem := stems[i]
		if budget == 0 || !letters(w) || stem == "" {
			continue
		}
		df, foreign, err := c.knownDF(ctx, r, w, stem)
		if err != nil {
			return nil, nil, work, err
		}
		if df > suggestDF && !nothing {
			continue // known: never replaced
		}
		if foreign && !nothing {
			// Found in articles of its own language ("dominios" in a
			// Spanish one, where it is no typo of the English "dominion"):
			// few they may be, but an English spelling is no suggestion.
			continue
		}
		unspelt := false
		if df > rareDF && nothing {
			// An article using the word is usually the first one read.
			spelt, err := attested(ctx, r, stem, []string{w})
			if err != nil {
				return nil, nil, work, err
			}
			if spelt != "" && df > suggestDF {
				continue // known
			}
			unspelt = spelt == ""
		}
		tried++
		var others []string
		for j, st := range stems {
			if j != i && st != "" && st != stem {
				others = append(others, st)
			}
		}
		if len(others) > 0 && !unspelt {
			// A rare word found with the query's other words in at least
			// two of its articles, and in half of them, fits the query as
			// typed: "tram line" (both articles with "tram" say "line") is
			// meant, where a misspelling is scattered ("goverment" is in
			// ten articles, two of them with "spending").
			together, err := cooccurrence(ctx, r, stem, others)
			if err != nil {
				return nil, nil, work, err
			}
			if together >= 2 && uint64(2*together) >= df {
				continue
			}
		}
		// A suggestion for a known word must be in suggestRatio times as
		// many articles; dfRatio when the query found nothing (its words
		// together are not what was meant: "bitcoin lightening network").
		minDF := dfRatio * df
		switch {
		case unspelt:
			minDF = rareDF
		case df > rareDF && !nothing:
			minDF = suggestRatio * df
		}
		best, err := c.bestCorrection(ctx, r, fr, w, stem, df, minDF, budget, others, &work)
		if err != nil {
			return nil, nil, work, err
		}
		switch {
		case best == "":
		case df > rareDF:
			suggest[w] = best
		default:
			replace[w] = best
		}
	}
	return replace, suggest, work, nil
}

// bestCorrection returns the surface form of the best candidate for w, or "".
func (c *Corrector) bestCorrection(ctx context.Context, r index.IndexReader, fr index.IndexReaderFuzzy, w, stem string, df, minDF uint64, budget int, others []string, work *Work) (string, error) {
	cands, err := c.oneEdit(ctx, r, w, stem, minDF, work)
	if err != nil {
		return "", err
	}
	// Another word of the query is no correction of this one.
	notOther := func(c candidate) bool { return slices.Contains(others, c.stem) }
	cands = slices.DeleteFunc(cands, notOther)
	// Fewer edits win, so terms two edits away are looked up (the costly
	// dictionary walks) only when nothing is one edit away, and only for a
	// word the index barely knows: a known word is at most one edit from
	// what it may be suggested instead.
	if len(cands) == 0 && budget >= 2 && fr != nil && df <= rareDF {
		far, err := c.twoEdits(ctx, r, fr, w, stem, minDF, budget, work)
		if err != nil {
			return "", err
		}
		cands = slices.DeleteFunc(far, notOther)
	}
	cands, err = c.rank(ctx, r, cands, others, utf8.RuneCountInString(w) > 4)
	if err != nil {
		return "", err
	}
	return c.pick(ctx, r, w, cands)
}

// rank orders candidates and returns the contenders, best first: the
// fewest edits, then among those in at least a tenth as many articles as
// the commonest of them, or, if vouched, found with the query's other
// words in two articles or more (a name rarer than a common word one edit
// away: "vladimir puttin" is "putin", not "putting"), the most articles
// with the other words, then the commonest typos (candidate.typo) over
// other edits, then most articles. A 4-letter word is not vouched
// for: it has so many rare neighbours that none would dominate.
func (c *Corrector) rank(ctx context.Context, r index.IndexReader, cands []candidate, others []string, vouched bool) ([]candidate, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return cmp.Or(cmp.Compare(b.df, a.df), strings.Compare(a.stem, b.stem))
	})
	n := 1
	for n < len(cands) && cands[n].dist == cands[0].dist && n < 8 {
		n++
	}
	cands = cands[:n]
	if len(others) > 0 {
		for i := range cands {
			c, err := cooccurrence(ctx, r, cands[i].stem, others)
			if err != nil {
				return nil, err
			}
			cands[i].cooc = c
		}
	}
	common := cands[0].df
	cands = slices.DeleteFunc(cands, func(c candidate) bool { return 10*c.df < common && (!vouched || c.cooc < 2) })
	slices.SortStableFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.weighted(), a.weighted()), cmp.Compare(b2i(b.typo), b2i(a.typo)), cmp.Compare(b.df, a.df))
	})
	return cands, nil
}

// pick returns the spelling of the best of the ranked contenders that an
// article uses, or "" when none, or when w has 4 letters and the best
// does not dominate the next.
func (c *Corrector) pick(ctx context.Context, r index.IndexReader, w string, cands []candidate) (string, error) {
	for i, best := range cands {
		surface, err := attested(ctx, r, best.stem, best.surfaces)
		if err != nil {
			return "", err
		}
		if surface == "" && best.cooc >= 2 {
			// The typed word is one edit from an unused spelling of the
			// term ("blare" from "blaire", whose stem is "blair"): when
			// the query's other words vouch for the term ("tony"), the
			// spelling nearest the typed word that an article uses.
			if alt, _ := c.nearestSurface(w, best.stem, 2, best.surfaces); alt != "" {
				if surface, err = attested(ctx, r, best.stem, []string{alt}); err != nil {
					return "", err
				}
			}
		}
		if surface == "" {
			continue
		}
		if utf8.RuneCountInString(w) == 4 && i+1 < len(cands) {
			// A short word has many neighbours: only a clear winner.
			next := cands[i+1]
			dominates := best.cooc > 0 && best.cooc >= 5*max(next.cooc, 0) || best.typo && !next.typo && best.cooc >= next.cooc
			if !dominates {
				return "", nil
			}
		}
		return surface, nil
	}
	return "", nil
}

// Stem returns the index term of a single word, or "" for a stop word or
// several tokens.
func (c *Corrector) Stem(w string) string {
	toks := c.an.Analyze([]byte(w))
	if len(toks) != 1 {
		return ""
	}
	return string(toks[0].Term)
}

// letters reports whether w has only letters.
func letters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

func uniqueStrings(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// editDistance returns searchsvc.EditDistance of a and b (a swap of two
// adjacent letters is one edit), or limit when it is limit or more.
func editDistance(a, b string, limit int) int {
	if d := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); d >= limit || -d >= limit {
		return limit
	}
	return min(searchsvc.EditDistance(a, b), limit)
}
