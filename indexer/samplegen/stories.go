package samplegen

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/syndex/syndex/indexer/samplegen/sampledata"
)

// Writing the original stories: English ones from the topic templates (kept
// apart by a shingle-similarity bound) and the foreign-language ones.

func (g *gen) writeStories() {
	for _, p := range publishers {
		times := make([]time.Time, p.count)
		for i := range times {
			day := g.r.IntN(windowDays)
			hour := 5 + g.r.IntN(17)
			minute := g.r.IntN(60)
			sec := 0
			if p.format == fileJSONL {
				sec = g.r.IntN(60)
			}
			times[i] = windowStart.Add(time.Duration(day)*24*time.Hour + time.Duration(hour)*time.Hour +
				time.Duration(minute)*time.Minute + time.Duration(sec)*time.Second)
		}
		slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
		foreignAt := map[int]int{} // story index -> sampledata.ForeignArticles index
		if p.foreign > 0 {
			for k, idx := range g.r.Perm(p.count)[:p.foreign] {
				foreignAt[idx] = k
			}
		}
		var list []*story
		slugs := map[string]bool{}
		for i, t := range times {
			s := &story{pub: p, seq: i + 1, published: t, lang: "en"}
			if k, ok := foreignAt[i]; ok {
				g.writeForeign(s, &sampledata.ForeignArticles[k])
			} else {
				g.writeEnglish(s, i)
			}
			s.slug = slugify(s.title)
			for n := 2; slugs[s.slug]; n++ {
				s.slug = fmt.Sprintf("%s-%d", slugify(s.title), n)
			}
			slugs[s.slug] = true
			s.url = p.url(s)
			if p.format == fileJSONL {
				s.key = fmt.Sprintf("%s-%04d", p.idPrefix, s.seq)
			} else {
				s.key = s.url
			}
			switch p.format {
			case dirPages:
				s.file = dirPages + "/" + strings.ReplaceAll(strings.ToLower(p.name), " ", "-") + "-" + s.slug + ".html"
			default:
				s.file = p.format
			}
			if p.format == fileAtom {
				s.updated = s.published
				if g.r.IntN(10) < 3 {
					s.updated = s.published.Add(time.Duration(20+g.r.IntN(300)) * time.Minute)
				}
			}
			list = append(list, s)
			g.stories = append(g.stories, s)
		}
		g.byPub = append(g.byPub, list)
	}
	slices.SortStableFunc(g.stories, func(a, b *story) int { return a.published.Compare(b.published) })
	for i, s := range g.stories {
		s.sid = fmt.Sprintf("s%04d", i+1)
	}
}

func pickWeighted(r *rand.Rand, ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.w
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.w {
			return w.tag
		}
		n -= w.w
	}
	return ws[len(ws)-1].tag
}

func topicFor(tag string) *sampledata.Topic {
	for i := range sampledata.Topics {
		if sampledata.Topics[i].Tag == tag {
			return &sampledata.Topics[i]
		}
	}
	panic("samplegen: no topic for tag " + tag)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func shuffled(r *rand.Rand, xs []string) []string {
	out := slices.Clone(xs)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (g *gen) writeEnglish(s *story, i int) {
	p := s.pub
	primary := ""
	if p.fixedTags != nil {
		primary = p.fixedTags[i%len(p.fixedTags)]
	} else {
		primary = pickWeighted(g.r, p.tags)
	}
	t := topicFor(primary)
	s.tags = []string{primary}
	extra := 0
	switch n := g.r.IntN(20); {
	case n >= 17:
		extra = 2
	case n >= 9:
		extra = 1
	}
	for _, tag := range shuffled(g.r, t.Related)[:min(extra, len(t.Related))] {
		s.tags = append(s.tags, tag)
	}
	s.author = pick(g.r, p.authors)

	// Stories drawn from the same templates must still read as different
	// stories: retry until the title is new and the body is not a
	// near-duplicate of an earlier story.
	for try := 0; ; try++ {
		c := newCtx(g, t, p, s.published)
		a := &t.Angles[g.r.IntN(len(t.Angles))]
		c.a = a
		title := capFirst(c.expand(pick(g.r, a.Titles)))
		if g.titles[title] && try < 1000 {
			continue
		}
		paras := g.englishBody(c, t, a, s)
		sh := shingleSet(joinParas(paras))
		if try < 200 && g.tooSimilar(sh) {
			continue
		}
		g.titles[title] = true
		g.shingles = append(g.shingles, sh)
		s.title = title
		s.paras = paras
		s.vals = c.vals
		return
	}
}

// maxStorySimilarity is the highest word-shingle Jaccard similarity allowed
// between two different original stories.
const maxStorySimilarity = 0.2

func (g *gen) tooSimilar(sh []uint64) bool {
	for _, o := range g.shingles {
		if jaccard(sh, o) > maxStorySimilarity {
			return true
		}
	}
	return false
}

// shingleSet returns the sorted hashes of the 5-word shingles of text.
func shingleSet(text string) []uint64 {
	words := strings.Fields(strings.ToLower(text))
	var set []uint64
	for i := 0; i+5 <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+5] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		set = append(set, h.Sum64())
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// jaccard is |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []uint64) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// englishBody writes 3-8 paragraphs: the angle's lead, then details, quotes
// and context in varying order, and an outlook to close.
func (g *gen) englishBody(c *ctx, t *sampledata.Topic, a *sampledata.Angle, s *story) [][]string {
	r := g.r
	lead := capFirst(c.expand(pick(r, a.Leads)))
	c.fresh = true

	var sec *sampledata.Topic
	if len(s.tags) > 1 {
		sec = topicFor(s.tags[1])
	}
	// At most one generic sentence per story; a story that runs out of
	// material simply gets fewer paragraphs.
	details := [][]string{shuffled(r, a.Details), shuffled(r, t.Details), shuffled(r, sampledata.GenericContext)[:1]}
	quotes := append(shuffled(r, a.Quotes), shuffled(r, t.Quotes)...)
	var context []string
	if sec != nil {
		context = shuffled(r, sec.Context)
	} else {
		context = shuffled(r, t.Context)
	}
	say := func(tmpl string) string { return capFirst(c.expand(tmpl)) }
	nextDetail := func() string {
		for i := range details {
			if len(details[i]) > 0 {
				d := details[i][0]
				details[i] = details[i][1:]
				return say(d)
			}
		}
		return ""
	}
	nquote := 0
	nextQuote := func() string {
		if len(quotes) == 0 {
			return ""
		}
		q := quotes[0]
		quotes = quotes[1:]
		nquote++
		if nquote == 2 {
			q = strings.NewReplacer("{person}", "{person2}", "{role}", "{role2}").Replace(q)
		}
		return say(q)
	}

	n := 3 + r.IntN(6)
	paras := [][]string{{lead}}
	if r.IntN(10) < 7 {
		paras[0] = append(paras[0], nextDetail())
	}
	var kinds []string
	middle := n - 2
	kinds = append(kinds, "quote")
	if middle >= 4 {
		kinds = append(kinds, "quote")
	}
	if middle >= 2 && (sec != nil || r.IntN(3) == 0) {
		kinds = append(kinds, "context")
	}
	for len(kinds) < middle {
		kinds = append(kinds, "detail")
	}
	r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	for _, k := range kinds {
		var para []string
		switch k {
		case "quote":
			para = append(para, nextQuote())
			if r.IntN(2) == 0 {
				para = append(para, nextDetail())
			}
		case "context":
			para = append(para, context[0])
			if sec != nil && len(context) > 1 && r.IntN(3) == 0 {
				para = append(para, context[1])
			}
			para = append(para, nextDetail())
		default:
			m := 2
			switch x := r.IntN(10); {
			case x < 2:
				m = 1
			case x >= 7:
				m = 3
			}
			for range m {
				para = append(para, nextDetail())
			}
		}
		if para = compact(para); len(para) > 0 {
			paras = append(paras, para)
		}
	}
	var last []string
	if r.IntN(10) < 4 {
		last = append(last, nextDetail())
	}
	outlooks := append(slices.Clone(a.Outlooks), shuffled(r, t.Outlooks)...)
	if len(a.Outlooks) > 0 && r.IntN(3) == 0 {
		outlooks = outlooks[len(a.Outlooks):]
	}
	last = append(last, say(outlooks[0]))
	paras = append(paras, compact(last))

	switch s.pub.name {
	case "Northwind Wire":
		city := strings.ToUpper(c.slot("city"))
		paras[0][0] = city + " (Northwind Wire) — " + paras[0][0]
	case "Blockfront":
		if s.tags[0] == "crypto" && r.IntN(10) < 4 {
			paras = append(paras, []string{"Disclosure: Blockfront is owned by a group that holds digital assets, including bitcoin. " +
				"Our editorial policy bars reporters from trading the assets they cover."})
		}
	}
	return paras
}

func compact(xs []string) []string {
	return slices.DeleteFunc(xs, func(s string) bool { return s == "" })
}

func (g *gen) writeForeign(s *story, fa *sampledata.ForeignArticle) {
	c := newCtx(g, nil, s.pub, s.published)
	s.lang = fa.Lang
	s.tags = slices.Clone(fa.Tags)
	s.author = s.pub.authors[fa.Author]
	s.title = capFirst(c.expand(fa.Title))
	g.titles[s.title] = true
	for i, p := range fa.Paras {
		c.fresh = i > 0 // the title and the lead agree on their numbers
		var para []string
		for _, sent := range p {
			para = append(para, capFirst(c.expand(sent)))
		}
		s.paras = append(s.paras, para)
	}
	s.vals = c.vals
}

func joinParas(paras [][]string) string {
	out := make([]string, len(paras))
	for i, p := range paras {
		out[i] = strings.Join(p, " ")
	}
	return strings.Join(out, "\n\n")
}
