package synteval

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// segKind says what a piece of body text is, for the truth.
type segKind int

const (
	segReal    segKind = iota // a story paragraph
	segPattern                // generic cruft (CruftPattern)
	segBoiler                 // the aggregator's template (CruftBoilerplate)
	segNoise                  // recorded as neither: a truncation ellipsis
)

// seg is one piece of a line; glue joins it to the previous piece without a
// space, as the doubled lead of real aggregator pages is glued.
type seg struct {
	text string
	kind segKind
	glue bool
}

// page is a body under construction: paragraphs of lines of pieces. Lines of
// one paragraph are joined with "\n", paragraphs with "\n\n".
type page struct{ blocks [][][]seg }

// add appends one paragraph with one line per text, all of one kind.
func (p *page) add(kind segKind, lines ...string) {
	if len(lines) == 0 {
		return
	}
	var b [][]seg
	for _, l := range lines {
		b = append(b, []seg{{text: l, kind: kind}})
	}
	p.blocks = append(p.blocks, b)
}

// addLine appends one paragraph of one line made of several pieces.
func (p *page) addLine(segs ...seg) { p.blocks = append(p.blocks, [][]seg{segs}) }

// render returns the body and, from the same pieces, its truth.
func (p *page) render() (body string, paras []string, cruft []CruftLine) {
	var bs []string
	for _, b := range p.blocks {
		var ls []string
		for _, l := range b {
			var sb strings.Builder
			for i, s := range l {
				if i > 0 && !s.glue {
					sb.WriteByte(' ')
				}
				sb.WriteString(s.text)
				switch s.kind {
				case segReal:
					paras = append(paras, s.text)
				case segPattern:
					cruft = append(cruft, CruftLine{s.text, CruftPattern})
				case segBoiler:
					cruft = append(cruft, CruftLine{s.text, CruftBoilerplate})
				}
			}
			ls = append(ls, sb.String())
		}
		bs = append(bs, strings.Join(ls, "\n"))
	}
	return strings.Join(bs, "\n\n"), paras, cruft
}

type cruftLevel int

const (
	cruftNone  cruftLevel = iota
	cruftLight            // one or two generic cruft items
	cruftHeavy            // a full aggregator page, modelled on a real repost
)

type composeOpts struct {
	boiler   bool       // add the aggregator's template lines
	level    cruftLevel // generic cruft
	ellipsis string     // appended to the last paragraph (" …")
	marker   *CruftLine // truncation marker line after the story
}

// The light cruft items; each light page gets one or two.
var lightItems = []string{"source", "footer", "share", "topics", "disclaimer", "related", "advert"}

// compose lays out an aggregator article: template top lines, lead cruft,
// the story (with the template's mid-article pitch), credits, widgets,
// disclaimer, template bottom lines and related-article blocks. The heavy
// layout follows the real repost in ../shared/seeds: a doubled "The post …
// appeared on …" lead glued to a teaser of the first paragraph, the title
// again, the story, a Source line, a price ticker, a disclaimer and "You May
// Also Like" teasers with Share lines and source-date stamps.
func (g *gen) compose(p *page, a *aggregator, s *story, paras []string, o composeOpts) {
	heavy := o.level == cruftHeavy
	light := map[string]bool{}
	if o.level == cruftLight {
		for _, k := range g.r.Perm(len(lightItems))[:1+g.r.IntN(2)] {
			light[lightItems[k]] = true
		}
	}
	if o.boiler {
		for _, l := range a.top {
			if g.chance(0.9) {
				p.add(segBoiler, l)
			}
		}
		if a.readTime && g.chance(0.9) {
			words := 0
			for _, para := range paras {
				words += len(strings.Fields(para))
			}
			p.add(segBoiler, fmt.Sprintf("%d min read", 1+words/220))
		}
	}
	if heavy {
		lead := "The post " + s.title + " " + a.leadVerb + " " + a.name + "."
		if exc := g.leadExcerpt(paras[0]); a.crypto && exc != "" {
			t := lead + " " + exc
			p.addLine(seg{text: t, kind: segPattern}, seg{text: t, kind: segPattern, glue: true})
		} else if a.crypto || g.chance(0.5) {
			p.add(segPattern, lead)
		}
		if (a.crypto && g.chance(0.8)) || g.chance(0.3) {
			p.add(segPattern, s.title)
		}
	}

	midAt := -1
	if o.boiler && a.mid != "" && g.chance(0.9) {
		midAt = len(paras)
		if len(paras) >= 4 {
			midAt = 2
		}
	}
	advertAt := -1
	if ((heavy && g.chance(0.3)) || light["advert"]) && len(paras) >= 2 {
		advertAt = 1
	}
	footer := ""
	footerInline := false
	if (heavy && g.chance(0.5)) || light["footer"] {
		// WordPress feeds end a post with this line, naming the original site.
		footer = "The post " + s.title + " appeared first on " + s.source + "."
		footerInline = g.chance(0.5)
	}
	for i, para := range paras {
		if i == midAt {
			p.add(segBoiler, a.mid)
		}
		if i == advertAt {
			p.add(segPattern, "Advertisement")
		}
		line := []seg{{text: para, kind: segReal}}
		if i == len(paras)-1 {
			if o.ellipsis != "" {
				line = append(line, seg{text: o.ellipsis, kind: segNoise, glue: true})
			}
			if footer != "" && footerInline {
				line = append(line, seg{text: footer, kind: segPattern})
				footer = ""
			}
		}
		p.addLine(line...)
	}
	if midAt == len(paras) {
		p.add(segBoiler, a.mid)
	}
	if o.marker != nil {
		k := segPattern
		if o.marker.Kind == CruftBoilerplate {
			k = segBoiler
		}
		p.add(k, o.marker.Text)
	}
	if footer != "" {
		p.add(segPattern, footer)
	}

	if (heavy && g.chance(0.8)) || light["source"] {
		u := s.url
		if g.chance(0.2) {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			u += sep + "utm_source=" + strings.ToLower(a.short)
		}
		form := []string{"Source: %s", "Source: %s", "Source: %s", "Originally published at %s", "Read the original article: %s", "via %s"}
		p.add(segPattern, fmt.Sprintf(form[g.r.IntN(len(form))], u))
	}
	if heavy && a.crypto {
		c := tickerCoins[g.r.IntN(len(tickerCoins))]
		price := fmt.Sprintf("$%.3f", 0.01+g.r.Float64()*40)
		p.add(segPattern, "Market Opportunity", c.name+" Logo", c.name+" Price("+c.sym+")", price, price+price,
			fmt.Sprintf("%+.2f%%", g.r.Float64()*12-6), "USD", c.name+" ("+c.sym+") Live Price Chart")
	}
	if (heavy && g.chance(0.5)) || light["share"] {
		idx := g.r.Perm(len(shareLines))[:2+g.r.IntN(2)]
		var ls []string
		for _, i := range idx {
			ls = append(ls, shareLines[i])
		}
		p.add(segPattern, ls...)
	}
	if ((heavy && g.chance(0.4)) || light["topics"]) && len(s.tags) > 0 {
		var tags []string
		for _, t := range s.tags {
			tags = append(tags, strings.ToLower(t))
		}
		if g.chance(0.5) {
			p.add(segPattern, "Related Topics: #"+strings.Join(tags, " #"))
		} else {
			p.add(segPattern, "Tags: "+strings.Join(tags, ", "))
		}
	}
	if (heavy && g.chance(0.5)) || light["disclaimer"] {
		p.add(segPattern, genericDisclaimers[g.r.IntN(len(genericDisclaimers))])
	}

	bottomFirst := g.chance(0.7)
	bottom := func() {
		if !o.boiler {
			return
		}
		var ls []string
		for _, l := range a.bottom {
			if g.chance(0.9) {
				ls = append(ls, l)
			}
		}
		if a.groupBottom {
			p.add(segBoiler, ls...)
		} else {
			for _, l := range ls {
				p.add(segBoiler, l)
			}
		}
	}
	if bottomFirst {
		bottom()
	}
	switch {
	case heavy && a.crypto:
		g.teasers(p, s)
	case (heavy && g.chance(0.5)) || light["related"]:
		p.add(segPattern, relatedHeads[1+g.r.IntN(len(relatedHeads)-1)])
		var ts []string
		for _, t := range g.pickTeasers(s, 2+g.r.IntN(3)) {
			ts = append(ts, t.title)
		}
		p.add(segPattern, ts...)
	}
	if !bottomFirst {
		bottom()
	}
}

// leadExcerpt is the start of the first paragraph that aggregators paste
// after the "The post … appeared on …" lead; always shorter than the
// paragraph, so that the copy of the story stays recognisable as its own.
func (g *gen) leadExcerpt(p string) string {
	n := min(70+g.r.IntN(40), len(p)*6/10)
	if n < 30 {
		return ""
	}
	exc := cutWords(p, n)
	if len(strings.Fields(exc)) < 4 {
		return ""
	}
	return exc
}

func (g *gen) pickTeasers(s *story, n int) []*story {
	var out []*story
	for tries := 0; len(out) < n && tries < 50; tries++ {
		t := g.stories[g.r.IntN(len(g.stories))]
		if t != s && t.d != s.d && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// teasers adds the "You May Also Like" block of the real repost: each teaser
// is the title twice, then an excerpt (sometimes with its own "The post …"
// lead), "Share" and a source-and-date stamp.
func (g *gen) teasers(p *page, s *story) {
	p.add(segPattern, "You May Also Like")
	for _, t := range g.pickTeasers(s, 2+g.r.IntN(2)) {
		p.add(segPattern, t.title)
		p.add(segPattern, t.title)
		var exc string
		if g.chance(0.5) {
			exc = "The post " + t.title + " appeared first on " + t.source + ". " + cutWords(strings.Join(t.d.paras, " "), 260+g.r.IntN(120)) + "…"
		} else {
			exc = cutWords(t.d.paras[0], 180+g.r.IntN(60)) + "…"
		}
		when := t.pub.Add(time.Duration(30+g.r.IntN(600)) * time.Minute).Format("2006/01/02 15:04")
		p.add(segPattern, exc, "Share", strings.ReplaceAll(t.source, " ", "")+when)
	}
}
