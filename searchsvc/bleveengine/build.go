package bleveengine

import (
	"strings"
	"time"
	"unicode"

	"github.com/syndex/syndex/indexer/lang"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/bleveengine/textmatch"
	"github.com/syndex/syndex/searchsvc/query"

	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/syndex/syndex/indexer"
)

// titleBoost weights a match in the title above one in the body.
const titleBoost = 2.5

// built is a parsed search box turned into Bleve queries.
type built struct {
	// text holds the scoring clauses (all must match); empty in list mode.
	text []bq.Query
	// filters are box filters (source:/tag: clauses without words): they
	// restrict but do not score.
	filters []bq.Query
	// mustNot are the excluded units.
	mustNot []bq.Query
	// verify are the clauses with phrases that Bleve cannot check because
	// the index has no term positions: Bleve matches their words anywhere
	// and the plan checks the phrase on the stored text.
	verify []verifyClause
	// stems are the analyzed terms of the positive words and phrases, for
	// highlighting; stemSlots, for a stem that only some languages' analysis
	// of a word gives, the analyzer slots it applies to (a bit each), so an
	// English article is not highlighted with the Danish stem of a word.
	stems     map[string]bool
	stemSlots map[string]uint64
	// ignored are words and phrases that analyze to nothing (stop words).
	ignored []string
	// expand returns the index terms of a word* (prefixExpansions).
	expand func(prefix string) []string
	// near are the words whose proximity is scored (rescore.go).
	near rank.NearWords
	// lens are the mean field lengths BM25F normalizes by.
	lens rank.FieldLengths
}

// verifyClause is a clause checked on the stored text of each candidate.
type verifyClause struct {
	negated bool
	alts    []verifyUnit
}

// verifyUnit is one alternative of a verified clause.
type verifyUnit struct {
	kind query.UnitKind
	// word or phrase: its stems in each language in use (see
	// analyzeUnit), with their positions relative to the first, and which
	// applies to articles of each analyzer slot (-1: none). Groups are
	// numbered in order of first use, so bySlot indexes groups.
	groups []textmatch.Phrase
	bySlot []int8
	// filter: the term filter (its position in searchsvc.TermFilters) and
	// the ordinals of the values it accepts.
	term int
	ords []int32
	// titleOnly: the unit must match in the title (title:…).
	titleOnly bool
	// exact are the words of a quoted phrase, lower case: they must occur
	// as typed (not only their stems), in order.
	exact []string
	// prefix: the index terms a word* stands for.
	terms []string
	// stopSlots: a word or phrase that analyzes to nothing in these
	// analyzer slots (a bit each; all of them when it is ignored).
	stopSlots uint64
}

// scored reports whether the query has words or phrases to rank by.
func (b *built) scored() bool { return len(b.text) > 0 }

// empty reports whether the query set no condition and ignored no word:
// only operators or punctuation, which list everything.
func (b *built) empty() bool {
	return len(b.text)+len(b.filters)+len(b.mustNot)+len(b.verify)+len(b.ignored) == 0
}

// build turns a parsed query into Bleve queries. Words are analyzed here
// with the analyzer of each language in the index (langs.go) and searched
// as exact terms, so nothing
// the user typed is ever interpreted by Bleve's query-string parser.
func (s *Engine) build(q *query.Query, c *columns, expand func(prefix string) []string, lens rank.FieldLengths) *built {
	b := &built{stems: map[string]bool{}, stemSlots: map[string]uint64{}, expand: expand, lens: lens}
	// vacuous has a bit for each analyzer slot in which every positive
	// clause so far is a stop word (analyzes to nothing).
	var vacuous uint64
	positives := 0
	for _, cl := range q.Clauses {
		var alts []bq.Query
		var valts []verifyUnit
		textAlt, needsVerify := false, false
		// stop: the slots in which every alternative is a stop word; the
		// clause is no condition on their articles. A lone word says so
		// in its own query (unitQuery), a disjunction here: "zephyr OR
		// the" is "zephyr" for English articles, not all of them.
		stop := ^uint64(0)
		lone := len(cl.Alternatives) == 1
		for _, u := range cl.Alternatives {
			uq, vu := s.unitQuery(u, c, b, !cl.Negated, lone)
			stop &= vu.stopSlots
			if uq == nil {
				continue
			}
			if u.Kind != query.KindFilter {
				textAlt = true
			}
			if vu.kind == query.KindPhrase || len(vu.exact) > 0 {
				needsVerify = true
			}
			alts = append(alts, uq)
			valts = append(valts, vu)
		}
		if !cl.Negated {
			if positives == 0 {
				vacuous = stop
			} else {
				vacuous &= stop
			}
			positives++
			if !lone && len(alts) > 0 && stop != 0 && stop != ^uint64(0) {
				alts = append(alts, unscoredTerms(indexer.FieldAnalyzer, slotNames(c, stop)))
			}
		}
		if len(alts) == 0 {
			continue
		}
		if needsVerify {
			b.verify = append(b.verify, verifyClause{negated: cl.Negated, alts: valts})
			if cl.Negated {
				continue // Bleve's superset would exclude too much
			}
		}
		var cq bq.Query = alts[0]
		if len(alts) > 1 {
			cq = bq.NewDisjunctionQuery(alts)
		}
		switch {
		case cl.Negated:
			b.mustNot = append(b.mustNot, cq)
		case textAlt:
			b.text = append(b.text, cq)
			b.near = append(b.near, nearTerms(valts))
		default:
			b.filters = append(b.filters, cq)
		}
	}
	if vacuous != 0 {
		// Every positive clause is a stop word in these languages ("the
		// who"): no article of theirs can match the query, and none is
		// listed, with query.ignored saying why.
		names := slotNames(c, vacuous)
		if len(names) == len(c.slots) {
			b.filters = append(b.filters, bq.NewMatchNoneQuery())
		} else {
			b.mustNot = append(b.mustNot, unscoredTerms(indexer.FieldAnalyzer, names))
		}
	}
	return b
}

// slotNames are the analyzer names of the slots in use whose bits mask has.
func slotNames(c *columns, mask uint64) []string {
	var names []string
	for _, slot := range c.slots {
		if mask&(1<<slot) != 0 {
			names = append(names, lang.Analyzers()[slot].Name)
		}
	}
	return names
}

// unitQuery returns the Bleve query of one unit, or nil when it analyzes
// to nothing, and how to verify it on stored text (kind query.KindPhrase only
// when it must be). positive says whether its stems are highlighted; lone,
// that it is its clause's only alternative, so that its query matches the
// articles of the languages in which it is a stop word.
func (s *Engine) unitQuery(u query.Unit, c *columns, b *built, positive, lone bool) (bq.Query, verifyUnit) {
	switch u.Kind {
	case query.KindFilter:
		i := searchsvc.TermFilterIndex(u.Field)
		if i < 0 {
			return nil, verifyUnit{}
		}
		col := &c.terms[i]
		vu := verifyUnit{kind: query.KindFilter, term: i}
		// Values typed in the box match case-insensitively, in the
		// filter's canonical form.
		text := u.Text
		if canon := searchsvc.TermFilters[i].Canon; canon != nil {
			text = canon(lower(text))
		}
		vals := col.anyCase(text)
		if len(vals) == 0 {
			vals = []string{text}
		}
		for _, v := range vals {
			if o, ok := col.ord[v]; ok {
				vu.ords = append(vu.ords, o)
			}
		}
		return termsQuery(col.field, vals), vu
	case query.KindPrefix:
		terms := b.expand(u.Text)
		vu := verifyUnit{kind: query.KindPrefix, terms: terms, titleOnly: u.Field == query.TitleField}
		if len(terms) == 0 {
			terms = []string{u.Text} // no such term: matches nothing
		}
		if positive {
			for _, t := range terms {
				b.stems[t] = true
			}
		}
		return s.wordQuery(b, 1, vu.titleOnly, terms...), vu
	case query.KindWord, query.KindPhrase:
		us := s.analyzeUnit(u.Text, c)
		if len(us.groups) == 0 {
			if !strings.ContainsFunc(u.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
				return nil, verifyUnit{} // punctuation: no word, no condition
			}
			b.ignored = append(b.ignored, u.String())
			return nil, verifyUnit{stopSlots: ^uint64(0)}
		}
		if us.bySlot[c.mainSlot] < 0 {
			// Said to be ignored when it is for most articles, though it
			// may be a condition on those of other languages.
			b.ignored = append(b.ignored, u.String())
		}
		vu := verifyUnit{kind: query.KindWord, bySlot: us.bySlot, titleOnly: u.Field == query.TitleField}
		if u.Kind == query.KindPhrase {
			// Quoted: matched and highlighted as written.
			vu.exact = strings.Fields(lower(u.Text))
			if positive {
				for _, w := range vu.exact {
					b.stems[textmatch.ExactPrefix+w] = true
				}
			}
		}
		// A stop word in some languages in use is no condition on their
		// articles, as if the index held only them.
		var stopIn []string
		for _, slot := range c.slots {
			if us.bySlot[slot] < 0 {
				vu.stopSlots |= 1 << slot
				if positive && lone {
					stopIn = append(stopIn, lang.Analyzers()[slot].Name)
				}
			}
		}
		// An article matches one alternative at most (its language's), and
		// Bleve scales a disjunction's score by the share of alternatives
		// matched: weighting each by their number keeps the word's weight
		// what it is in a one-language index.
		w := float64(len(us.groups))
		if len(stopIn) > 0 {
			w++
		}
		var alts []bq.Query
		for slot, g := range us.bySlot {
			if g < 0 || len(vu.groups) > int(g) {
				continue // no stems, or a group already added
			}
			toks := us.groups[g]
			if positive && len(vu.exact) == 0 {
				var mask uint64
				for s, sg := range us.bySlot {
					if sg == g {
						mask |= 1 << s
					}
				}
				for _, t := range toks {
					b.stems[t.Stem] = true
					b.stemSlots[t.Stem] |= mask
				}
			}
			vu.groups = append(vu.groups, textmatch.NewPhrase(toks))
			var alt bq.Query
			switch {
			case len(toks) == 1:
				alt = s.wordQuery(b, w, vu.titleOnly, toks[0].Stem)
			case s.positions:
				an := lang.Analyzers()[slot].Name
				alt = fieldsQuery(w, vu.titleOnly, func() bq.FieldableQuery {
					p := bq.NewMatchPhraseQuery(u.Text)
					p.Analyzer = an
					return p
				})
			default:
				// No positions in the index: all the words, anywhere; the
				// plan checks the order on the stored text.
				vu.kind = query.KindPhrase
				var words []bq.Query
				for _, t := range toks {
					words = append(words, s.wordQuery(b, w, vu.titleOnly, t.Stem))
				}
				alt = bq.NewConjunctionQuery(words)
			}
			alts = append(alts, inLanguagesOf(alt, us, int8(len(vu.groups)-1), c))
		}
		if len(stopIn) > 0 {
			alts = append(alts, unscoredTerms(indexer.FieldAnalyzer, stopIn))
		}
		if len(alts) == 1 {
			return alts[0], vu
		}
		return bq.NewDisjunctionQuery(alts), vu
	}
	return nil, verifyUnit{}
}

// inLanguagesOf restricts q, the query of the analysis g of a word, to the
// articles of the languages whose analyzer gives that analysis: the Danish
// stem of "market" is "mark", which may find a Danish article saying
// "mark" but not the English ones about Deutsche marks; a word reduced to
// "b" by the French stemmer must not match every English "B share". The analysis of the index's main language excludes the few
// languages that analyse the word otherwise; any other analysis is
// limited to its own languages (small postings either way).
func inLanguagesOf(q bq.Query, us unitStems, g int8, c *columns) bq.Query {
	var in, out []string
	for _, slot := range c.slots {
		name := lang.Analyzers()[slot].Name
		if us.bySlot[slot] == g {
			in = append(in, name)
		} else {
			out = append(out, name)
		}
	}
	switch {
	case len(out) == 0:
		return q
	case us.bySlot[c.mainSlot] == g:
		return bq.NewBooleanQuery([]bq.Query{q}, nil, []bq.Query{termsQuery(indexer.FieldAnalyzer, out)})
	}
	return bq.NewConjunctionQuery([]bq.Query{q, unscoredTerms(indexer.FieldAnalyzer, in)})
}

// stemsFor returns the stems that highlight an article of analyzer slot
// (see built.stemSlots), cached in memo.
func (b *built) stemsFor(slot uint8, memo map[uint8]map[string]bool) map[string]bool {
	if m, ok := memo[slot]; ok {
		return m
	}
	m := make(map[string]bool, len(b.stems))
	for st := range b.stems {
		if mask, ok := b.stemSlots[st]; !ok || mask&(1<<slot) != 0 {
			m[st] = true
		}
	}
	memo[slot] = m
	return m
}

// nearTerms returns the index terms of the words and prefixes of one
// clause's units, for proximity.
func nearTerms(units []verifyUnit) []string {
	var out []string
	for _, u := range units {
		out = append(out, u.terms...)
		for _, g := range u.groups {
			for _, t := range g.Toks {
				out = append(out, t.Stem)
			}
		}
	}
	return out
}

// wordQuery scores a word (one or more index terms) in the title and the
// body, or only the title, by BM25F (rank.Query), weighted by w.
func (s *Engine) wordQuery(b *built, w float64, titleOnly bool, terms ...string) bq.Query {
	return &rank.Query{Terms: terms, TitleOnly: titleOnly, Weight: w, Ranking: s.cfg.Ranking, Avg: b.lens}
}

// fieldsQuery searches the title (boosted) or the body, weighted by w,
// or only the title. (Bleve ignores the boost of a disjunction: weights go
// on the leaves.) Phrases use it where the index has positions.
func fieldsQuery(w float64, titleOnly bool, mk func() bq.FieldableQuery) bq.Query {
	t := mk()
	t.SetField(indexer.FieldTitle)
	t.(bq.BoostableQuery).SetBoost(w * titleBoost)
	if titleOnly {
		return t
	}
	bd := mk()
	bd.SetField(indexer.FieldBody)
	bd.(bq.BoostableQuery).SetBoost(w)
	return bq.NewDisjunctionQuery([]bq.Query{t, bd})
}

// dayRange matches the articles published on the days from and to fall on
// and every day between (a zero bound is open): a driver, so whole days
// are enough and the plan checks the exact times. A range of day terms is
// one term per day where a range of publication times would be one term
// per article.
func dayRange(from, to time.Time) bq.Query {
	var lo, hi string
	if !from.IsZero() {
		lo = from.UTC().Format(time.DateOnly)
	}
	if !to.IsZero() {
		hi = to.UTC().Format(time.DateOnly)
	}
	incl := true
	q := bq.NewTermRangeInclusiveQuery(lo, hi, &incl, &incl)
	q.SetField(indexer.FieldDay)
	return q
}

// bleveQuery assembles the query Bleve runs. In list mode (no words) it
// adds the request's filters as required clauses ("drivers") so that Bleve
// iterates only the articles they allow instead of the whole index; the
// plan still checks them, so drivers are an optimization only.
func (s *Engine) bleveQuery(b *built, r *searchsvc.Request, p *plan) bq.Query {
	var must []bq.Query
	if b.scored() {
		must = b.text
	} else {
		must = append(must, b.filters...)
		if !r.From.IsZero() || !r.To.IsZero() {
			must = append(must, dayRange(r.From, r.To))
		}
		// Filters whose facet is not counted narrow Bleve's matches; the
		// others are evaluated by the plan, which counts their facets.
		for i := range p.terms {
			if tp := &p.terms[i]; len(tp.vals) > 0 && !tp.count {
				must = append(must, termsQuery(termFields[searchsvc.TermFilters[i].Param].field, tp.vals))
			}
		}
	}
	root := bq.NewBooleanQuery(nil, nil, nil)
	switch len(must) {
	case 0:
		root.AddMust(bq.NewMatchAllQuery())
	default:
		root.AddMust(must...)
	}
	if len(b.mustNot) > 0 {
		root.AddMustNot(b.mustNot...)
	}
	if b.scored() && len(b.filters) > 0 {
		root.AddFilter(bq.NewConjunctionQuery(b.filters))
	}
	return root
}

// termsQuery matches any of values in a keyword field.
func termsQuery(field string, values []string) bq.Query { return anyTerm(field, values, 1) }

// unscoredTerms is termsQuery adding nothing to the score: a condition,
// not evidence.
func unscoredTerms(field string, values []string) bq.Query { return anyTerm(field, values, 0) }

// anyTerm matches any of values in field, each term boosted by boost
// (Bleve ignores a disjunction's own boost).
func anyTerm(field string, values []string, boost float64) bq.Query {
	qs := make([]bq.Query, 0, len(values))
	for _, v := range values {
		t := bq.NewTermQuery(v)
		t.SetField(field)
		t.SetBoost(boost)
		qs = append(qs, t)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bq.NewDisjunctionQuery(qs)
}

// lower is strings.ToLower.
func lower(s string) string { return strings.ToLower(s) }
