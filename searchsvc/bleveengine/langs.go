package bleveengine

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/syndex/syndex/indexer/lang"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/textmatch"
)

// Every article's title and body are indexed with the analyzer of its
// language (package lang), so a query word is analysed with each analyzer
// the index holds articles of and matches any of the stems: "Häuser" is
// "haus" for German articles and "häuser" for English ones, a Chinese word
// is its character pairs. Each article is checked (phrases) and
// highlighted with its own language's analyzer, and its related stories
// found with it. Spelling corrections and suggestions use the English
// analyzer.

// langTerm is the position of the language filter in columns.terms.
var langTerm = searchsvc.TermFilterIndex(searchsvc.FacetLang)

// loadAnalyzers returns the analyzers of the index mapping by slot.
func loadAnalyzers(m mapping.IndexMapping) ([]analysis.Analyzer, error) {
	var out []analysis.Analyzer
	for _, a := range lang.Analyzers() {
		an := m.AnalyzerNamed(a.Name)
		if an == nil {
			return nil, fmt.Errorf("index mapping has no %q analyzer: rebuild it with `syndex reindex`", a.Name)
		}
		out = append(out, an)
	}
	return out, nil
}

// buildSlots fills c.slot, the analyzer slot of every article, and c.slots,
// the slots in use, from the language column.
func (c *columns) buildSlots() {
	lc := &c.terms[langTerm]
	ofOrd := make([]uint8, len(lc.names))
	for o, name := range lc.names {
		ofOrd[o] = uint8(lang.Slot(name))
	}
	c.slot = make([]uint8, c.n())
	var used [256]int
	for num := range c.slot {
		s := uint8(lang.DefaultSlot)
		if o := lc.one[num]; o >= 0 {
			s = ofOrd[o]
		}
		c.slot[num] = s
		if c.ids[num] != "" {
			used[s]++
		}
	}
	c.slots, c.mainSlot = c.slots[:0], lang.DefaultSlot
	for s, n := range used {
		if n > 0 {
			c.slots = append(c.slots, s)
		}
		if n > used[c.mainSlot] {
			c.mainSlot = s
		}
	}
	if len(c.slots) == 0 {
		c.slots = append(c.slots, lang.DefaultSlot)
	}
}

// unitStems is a query word or phrase analysed in each language in use:
// the distinct results (a word is the same stem in most languages), and
// for each analyzer slot which of them applies (-1: the unit analyses to
// nothing in that language, a stop word).
type unitStems struct {
	groups [][]textmatch.Tok
	bySlot []int8
}

// analyzeUnit analyses text with the analyzer of every slot in c.slots.
func (s *Engine) analyzeUnit(text string, c *columns) unitStems {
	u := unitStems{bySlot: make([]int8, len(s.ans))}
	for i := range u.bySlot {
		u.bySlot[i] = -1
	}
	for _, slot := range c.slots {
		tokens := s.ans[slot].Analyze([]byte(text))
		if len(tokens) == 0 {
			continue
		}
		toks := make([]textmatch.Tok, len(tokens))
		for i, t := range tokens {
			toks[i] = textmatch.Tok{Stem: string(t.Term), Rel: t.Position - tokens[0].Position}
		}
		g := slices.IndexFunc(u.groups, func(o []textmatch.Tok) bool { return slices.Equal(o, toks) })
		if g < 0 {
			g = len(u.groups)
			u.groups = append(u.groups, toks)
		}
		u.bySlot[slot] = int8(g)
	}
	return u
}

// analyzerFor returns the analyzer of a language code as stored.
func (s *Engine) analyzerFor(code string) analysis.Analyzer {
	return s.ans[lang.Slot(code)]
}
