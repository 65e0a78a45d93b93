package samplegen

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/syndex/syndex/indexer/samplegen/sampledata"
)

// Copies of stories: syndicated reposts, aggregator copies wrapped in cruft,
// truncated and edited copies, which the story-detection truth labels.

// fitsTags says whether a story's main tag is one of tags (nil: any).
func fitsTags(s *story, tags []string) bool {
	return tags == nil || slices.Contains(tags, s.tags[0])
}

func (g *gen) makeCopies() {
	r := g.r
	// A "hot" set of syndicated stories; aggregators mostly draw from it, so
	// many stories end up with more than one copy.
	hotTags := []string{"crypto", "markets", "technology", "energy"}
	var hot []*story
	pool := slices.Clone(g.stories)
	for len(hot) < 46 {
		total := 0
		for _, s := range pool {
			total += storyWeight(s, hotTags)
		}
		n := r.IntN(total)
		for i, s := range pool {
			if n < storyWeight(s, hotTags) {
				hot = append(hot, s)
				pool = slices.Delete(pool, i, i+1)
				break
			}
			n -= storyWeight(s, hotTags)
		}
	}
	for _, a := range aggregators {
		used := map[*story]bool{}
		seq := 0
		for _, q := range a.quota {
			for range q.n {
				s := g.pickForCopy(a, q.kind, hot, used)
				used[s] = true
				seq++
				c := &copyArt{orig: s, agg: a, seq: seq, kind: q.kind, title: s.title}
				c.id = fmt.Sprintf("%s-%04d", a.idPrefix, seq)
				c.published = s.published.Add(time.Duration(60+r.IntN(29*60)) * time.Minute)
				c.url = a.url(c)
				c.file = fileJSONL
				g.fillCopy(c)
				g.copies = append(g.copies, c)
			}
		}
		// Route some copies to reposts/*.txt and pages/*.html.
		nrep, npage := 0, 0
		for _, c := range g.copies {
			if c.agg != a {
				continue
			}
			switch {
			case c.kind == kindCruft && nrep < a.reposts:
				nrep++
				c.file = fmt.Sprintf("%s/%02d_%s_%s.txt", dirReposts, len(g.repostList())+1, strings.ToLower(a.short), trimSlug(c.orig.slug, 48))
			case c.kind == kindExact && npage < a.pages:
				npage++
				c.file = fmt.Sprintf("%s/%s-%s.html", dirPages, strings.ReplaceAll(strings.ToLower(a.name), " ", "-"), c.orig.slug)
			}
		}
	}
}

func (g *gen) repostList() []*copyArt {
	var out []*copyArt
	for _, c := range g.copies {
		if strings.HasPrefix(c.file, dirReposts+"/") {
			out = append(out, c)
		}
	}
	return out
}

func trimSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return s
}

func storyWeight(s *story, hotTags []string) int {
	if slices.Contains(hotTags, s.tags[0]) {
		return 3
	}
	return 1
}

func (g *gen) pickForCopy(a *aggregator, kind string, hot []*story, used map[*story]bool) *story {
	ok := func(s *story) bool {
		if used[s] || !fitsTags(s, a.tagsOK) {
			return false
		}
		if (kind == kindCruft || kind == kindEdited) && s.lang != "en" {
			return false
		}
		return true
	}
	for _, from := range [][]*story{hot, g.stories} {
		var cands []*story
		for _, s := range from {
			if ok(s) {
				cands = append(cands, s)
			}
		}
		if len(cands) > 0 {
			return pick(g.r, cands)
		}
	}
	panic("samplegen: no story left to copy for " + a.name)
}

func (g *gen) fillCopy(c *copyArt) {
	r := g.r
	s := c.orig
	c.author = s.author
	c.tags = slices.Clone(s.tags)
	c.paras = clone2(s.paras)
	switch c.kind {
	case kindExact:
	case kindTruncated:
		keep := (len(c.paras) + 1) / 2
		c.paras = c.paras[:keep]
		last := c.paras[keep-1]
		mark := " …"
		if c.agg.short == "FeedMirror" {
			mark = " […]"
		}
		last[len(last)-1] += mark
	case kindEdited:
		g.editOne(c.paras)
		if r.IntN(10) < 3 {
			c.author = ""
		}
	case kindCruft:
		c.author = ""
		if c.agg.ticker {
			c.tags = []string{s.tags[0]}
			if r.IntN(2) == 0 {
				c.author = "CoinWire Desk"
			}
		}
		c.page = g.cruftPage(c)
	}
	c.body = joinParas(c.paras)
	if c.kind == kindCruft {
		// A scraper's JSON body is the page text below the headline, the
		// headline itself sometimes repeated.
		blocks := strings.Split(strings.TrimSuffix(c.page, "\n"), "\n\n")
		if r.IntN(2) == 0 {
			blocks = slices.DeleteFunc(blocks, func(b string) bool { return b == c.title })
		}
		c.body = strings.Join(blocks, "\n\n")
	}
}

func clone2(p [][]string) [][]string {
	out := make([][]string, len(p))
	for i := range p {
		out[i] = slices.Clone(p[i])
	}
	return out
}

var (
	numberRe = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	synonyms = [][2]string{
		{" said ", " stated "}, {" rose ", " climbed "}, {" fell ", " dropped "}, {" about ", " around "},
		{" roughly ", " approximately "}, {" expected ", " forecast "}, {" company ", " firm "}, {" warned ", " cautioned "},
		{" record ", " all-time "}, {" people ", " residents "}, {" sharp ", " steep "}, {" several ", " a number of "},
		{" largest ", " biggest "}, {" begin ", " start "}, {" showed ", " indicated "}, {" strong ", " robust "},
	}
	clauses = []string{", according to people familiar with the matter", ", the report said", ", officials said", ", according to the statement"}
)

// editOne changes exactly one sentence: a number, a word, or an added clause.
func (g *gen) editOne(paras [][]string) {
	r := g.r
	type pos struct{ p, s int }
	var all []pos
	for i, p := range paras {
		for j := range p {
			all = append(all, pos{i, j})
		}
	}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	for _, at := range all {
		old := paras[at.p][at.s]
		ops := r.Perm(3)
		for _, op := range ops {
			var nu string
			switch op {
			case 0:
				nu = editNumber(r, old)
			case 1:
				for _, k := range r.Perm(len(synonyms)) {
					if strings.Contains(old, synonyms[k][0]) {
						nu = strings.Replace(old, synonyms[k][0], synonyms[k][1], 1)
						break
					}
				}
			case 2:
				if strings.HasSuffix(old, ".") && !strings.HasSuffix(old, ".\"") && !strings.Contains(old, " said") {
					nu = strings.TrimSuffix(old, ".") + pick(r, clauses) + "."
				}
			}
			if nu != "" && nu != old {
				paras[at.p][at.s] = nu
				return
			}
		}
	}
	panic("samplegen: found no sentence to edit")
}

func editNumber(r *rand.Rand, s string) string {
	locs := numberRe.FindAllStringIndex(s, -1)
	var cands [][]int
	for _, l := range locs {
		m := s[l[0]:l[1]]
		if len(m) == 4 && (strings.HasPrefix(m, "19") || strings.HasPrefix(m, "20")) {
			continue // a year
		}
		if l[1] < len(s) && s[l[1]] == '-' || l[0] > 0 && s[l[0]-1] == '-' {
			continue // 30-year, 2-1
		}
		cands = append(cands, l)
	}
	if len(cands) == 0 {
		return ""
	}
	l := pick(r, cands)
	m := s[l[0]:l[1]]
	var nu string
	if i := strings.IndexByte(m, '.'); i >= 0 {
		places := len(m) - i - 1
		f, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
		if err != nil {
			return ""
		}
		step := 0.1 * float64(1+r.IntN(5))
		if f > step && r.IntN(2) == 0 {
			step = -step
		}
		nu = strconv.FormatFloat(f+step, 'f', places, 64)
	} else {
		n, err := strconv.Atoi(strings.ReplaceAll(m, ",", ""))
		if err != nil {
			return ""
		}
		switch {
		case n < 40:
			n += 1 + r.IntN(3)
		default:
			n = n * (105 + r.IntN(10)) / 100
		}
		if strings.Contains(m, ",") || n >= 10000 {
			nu = commas(n)
		} else {
			nu = strconv.Itoa(n)
		}
	}
	return s[:l[0]] + nu + s[l[1]:]
}

func (g *gen) tickerBlock(s *story) string {
	r := g.r
	cn := sampledata.Coins["bitcoin"]
	if a, ok := s.vals["asset"]; ok {
		cn = sampledata.Coins[a]
	}
	p := cn.Lo + (cn.Hi-cn.Lo)*float64(r.IntN(10000))/10000
	var price string
	switch {
	case p >= 1000:
		whole := int(p)
		price = commas(whole) + "." + fmt.Sprintf("%02d", r.IntN(100))
	case p >= 1:
		price = strconv.FormatFloat(p, 'f', 2, 64)
	default:
		price = strconv.FormatFloat(p, 'f', 4, 64)
	}
	sign := "+"
	if r.IntN(2) == 0 {
		sign = "-"
	}
	chg := sign + decimal(r, 0.1, 6.5, 2) + "%"
	return strings.Join([]string{
		"Market Opportunity",
		cn.Name + " Logo",
		cn.Name + " Price(" + cn.Sym + ")",
		"$" + price,
		"$" + price + "$" + price,
		chg,
		"USD",
		cn.Name + " (" + cn.Sym + ") Live Price Chart",
	}, "\n")
}

// leadExcerpt cuts the first paragraph at a word boundary near n bytes.
func leadExcerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return s[:cut]
}

// cruftPage renders a repost the way a browser shows an aggregator page,
// modelled on real reposts: a "The post ... appeared on" lead line, the
// title, the story, a Source line, a price ticker (crypto aggregator), a
// disclaimer and a "You May Also Like" block of other teasers.
func (g *gen) cruftPage(c *copyArt) string {
	r := g.r
	s := c.orig
	a := c.agg
	first := strings.Join(s.paras[0], " ")
	leadLine := "The post " + s.title + " " + a.leadVerb + " " + a.name + ". " + leadExcerpt(first, 70+r.IntN(40))
	var b strings.Builder
	if a.ticker {
		b.WriteString(leadLine + leadLine + "\n\n")
	} else {
		b.WriteString("The post " + s.title + " " + a.leadVerb + " " + a.name + ".\n\n")
	}
	b.WriteString(s.title + "\n\n")
	if !a.ticker && s.author != "" {
		b.WriteString("By " + s.author + " | " + s.pub.name + "\n\n")
	}
	for _, p := range c.paras {
		b.WriteString(strings.Join(p, " ") + "\n\n")
	}
	src := s.url
	if a.ticker && r.IntN(3) == 0 {
		src += "?utm_source=coinwire&utm_medium=syndication"
	}
	b.WriteString("Source: " + src + "\n\n")
	if a.ticker {
		b.WriteString(g.tickerBlock(s) + "\n")
	} else {
		var hs []string
		for _, t := range s.tags {
			hs = append(hs, "#"+t)
		}
		b.WriteString("Related Topics: " + strings.Join(hs, " ") + "\n\n")
	}
	b.WriteString(a.disclaimer + "\n\n")
	b.WriteString("You May Also Like\n\n")
	nt := 2 + r.IntN(2)
	// Teasers are other stories the aggregator carried in the weeks before.
	var pool []*story
	for _, t := range g.stories {
		age := c.published.Sub(t.published)
		if t != s && t.lang == "en" && age > 2*time.Hour && age < 45*24*time.Hour && (!a.ticker || fitsTags(t, a.tagsOK)) {
			pool = append(pool, t)
		}
	}
	var teasers []*story
	for len(teasers) < nt {
		t := pick(r, pool)
		if !slices.Contains(teasers, t) {
			teasers = append(teasers, t)
		}
	}
	for i, t := range teasers {
		tfirst := strings.Join(t.paras[0], " ")
		var text string
		if r.IntN(2) == 0 {
			text = "The post " + t.title + " appeared first on " + t.pub.name + ". " + leadExcerpt(t.body(), 260+r.IntN(120)) + "…"
		} else {
			text = leadExcerpt(tfirst, 180+r.IntN(60)) + "…"
		}
		when := t.published.Add(time.Duration(30+r.IntN(90)) * time.Minute).Format("2006/01/02 15:04")
		srcName := strings.ReplaceAll(t.pub.name, " ", "")
		if i > 0 {
			b.WriteString("\n")
		}
		if a.ticker {
			b.WriteString(t.title + "\n\n" + t.title + "\n\n")
		} else {
			b.WriteString(t.title + "\n\n")
		}
		b.WriteString(strings.ReplaceAll(text, "\n\n", " ") + "\nShare\n" + srcName + when)
	}
	b.WriteString("\n")
	return b.String()
}
