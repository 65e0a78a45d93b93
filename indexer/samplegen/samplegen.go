// Package samplegen writes syndex's bundled sample corpus: a few hundred
// invented news articles from invented publishers, syndicated copies of some
// of them on invented aggregators (exact, with aggregator cruft, truncated,
// or with one sentence edited), spread over every input format syndex reads
// (JSON Lines, RSS 2.0, Atom, saved HTML pages, plain-text reposts), plus a
// truth.tsv that says which articles tell the same story.
//
// All text is generated from the templates and word lists in this package
// with a fixed random seed, so the output is byte-identical on every run.
// Regenerate the committed copy with `go run ./cmd/gensample`.
package samplegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultDir is where the sample corpus lives in the repository, relative to
// the module root.
const DefaultDir = "testdata/sample"

// The fixed seed: change it and every generated file changes.
const seed1, seed2 = 0x53594e444558, 20260401

// Output files, relative to the output directory.
const (
	fileJSONL  = "articles.jsonl"
	fileRSS    = "harbor-ledger.rss"
	fileAtom   = "northwind.atom"
	fileTruth  = "truth.tsv"
	fileReadme = "README.md"
	dirReposts = "reposts"
	dirPages   = "pages"
)

// Copy kinds, as written in truth.tsv.
const (
	kindOriginal  = "original"
	kindExact     = "exact"
	kindCruft     = "cruft"
	kindTruncated = "truncated"
	kindEdited    = "edited"
)

var (
	windowStart = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	windowDays  = 214 // 2026-04-01 .. 2026-10-31

	zoneEDT       = time.FixedZone("EDT", -4*3600)
	zonePacific   = time.FixedZone("", -7*3600)
	zoneLakeshore = time.FixedZone("CDT", -5*3600)
)

type weighted struct {
	tag string
	w   int
}

// publisher is an invented news site and the format its articles ship in.
type publisher struct {
	name, domain string
	format       string // fileJSONL, fileRSS, fileAtom or dirPages
	idPrefix     string
	authors      []string
	tags         []weighted
	fixedTags    []string // primary tag of story i, overriding tags
	count        int
	foreign      int      // how many of count are foreign-language articles
	local        []string // places used for {city} about half the time
	url          func(s *story) string
}

var publishers = []*publisher{
	{
		name: "Harbor Ledger", domain: "harborledger.example", format: fileRSS, idPrefix: "hl", count: 52,
		authors: []string{"Maren Okafor", "Tobias Lindqvist", "Priya Raman", "Declan Hurst", "Alicia Ferreira"},
		tags:    []weighted{{"markets", 5}, {"trade", 4}, {"energy", 3}, {"housing", 3}, {"labor", 2}, {"transport", 3}, {"regulation", 1}},
		local:   []string{"Port Calder", "Calder Bay", "Eastharbour"},
		url: func(s *story) string {
			return fmt.Sprintf("https://harborledger.example/%s/%s/", s.published.In(zoneEDT).Format("2006/01/02"), s.slug)
		},
	},
	{
		name: "Northwind Wire", domain: "northwindwire.example", format: fileAtom, idPrefix: "nw", count: 50,
		authors: []string{"Jonah Whitfield", "Sunniva Berg", "Marcus Ayodele", "Elena Kovač", "Ruth Calloway"},
		tags:    []weighted{{"elections", 4}, {"climate", 4}, {"health", 3}, {"science", 3}, {"sports", 2}, {"technology", 3}, {"energy", 2}, {"trade", 1}, {"labor", 1}},
		url: func(s *story) string {
			return fmt.Sprintf("https://northwindwire.example/news/%s/%s-%05d", s.tags[0], s.slug, 41000+s.seq*37)
		},
	},
	{
		name: "Copper Valley Times", domain: "coppervalleytimes.example", format: fileJSONL, idPrefix: "cvt", count: 68,
		authors: []string{"Dale Pruitt", "Hannah Mercer", "Luis Arriaga", "Grace Tanaka", "Wes Holloway"},
		tags:    []weighted{{"agriculture", 4}, {"housing", 3}, {"sports", 4}, {"elections", 3}, {"labor", 2}, {"climate", 2}, {"transport", 2}, {"health", 2}},
		local:   []string{"Copper Falls", "Millbrook", "Ridgeway", "Easton Flats", "Silver Creek", "Dunmore Junction"},
		url: func(s *story) string {
			return fmt.Sprintf("https://www.coppervalleytimes.example/%s/%s/%s.html", s.tags[0], s.published.Format("2006/01"), s.slug)
		},
	},
	{
		name: "Blockfront", domain: "blockfront.example", format: fileJSONL, idPrefix: "bf", count: 66,
		authors: []string{"Kai Brennan", "Nadia Sørensen", "Omar Haddad", "Lena Voss"},
		tags:    []weighted{{"crypto", 10}, {"markets", 3}, {"regulation", 3}, {"technology", 2}},
		url:     func(s *story) string { return "https://blockfront.example/news/" + s.slug },
	},
	{
		name: "Meridian Tech Daily", domain: "meridiantechdaily.example", format: fileJSONL, idPrefix: "mtd", count: 58,
		authors: []string{"Ivy Chandrasekar", "Felix Adeyemi", "Mira Castellanos", "Owen Sato"},
		tags:    []weighted{{"technology", 8}, {"science", 3}, {"regulation", 3}, {"crypto", 2}, {"labor", 1}, {"health", 1}},
		url: func(s *story) string {
			return fmt.Sprintf("https://meridiantechdaily.example/articles/%s/%s", s.published.Format("2006/01/02"), s.slug)
		},
	},
	{
		name: "Alpine Courier", domain: "alpinecourier.example", format: fileJSONL, idPrefix: "ac", count: 44, foreign: len(foreignArticles),
		authors: []string{"Anna Keller", "Jonas Meier", "Sophie Favre", "Luca Bernasconi", "Martin Egli"},
		tags:    []weighted{{"energy", 3}, {"climate", 3}, {"markets", 2}, {"sports", 2}, {"trade", 2}, {"transport", 2}},
		local:   []string{"Zurich", "Geneva", "Basel", "Bern", "Lausanne", "Lugano"},
		url: func(s *story) string {
			return fmt.Sprintf("https://alpinecourier.example/%s/%s/%s-%d", s.lang, s.tags[0], s.slug, 7000+s.seq)
		},
	},
	{
		name: "Lakeshore Observer", domain: "lakeshoreobserver.example", format: dirPages, idPrefix: "lo", count: 5,
		authors:   []string{"Beth Lindgren", "Samir Qureshi", "Colleen Reyes"},
		fixedTags: []string{"climate", "health", "elections", "transport", "housing"},
		local:     []string{"Lakeshore City", "North Haven", "Pine Harbor"},
		url: func(s *story) string {
			return fmt.Sprintf("https://lakeshoreobserver.example/story/%s/%s", s.published.In(zoneLakeshore).Format("2006/01/02"), s.slug)
		},
	},
}

// aggregator is an invented site that republishes other publishers' stories.
type aggregator struct {
	name, short, domain, idPrefix string
	tagsOK                        []string // nil: any story
	quota                         []quota
	reposts                       int // cruft copies saved as reposts/*.txt
	pages                         int // exact copies saved as pages/*.html
	leadVerb                      string
	ticker                        bool
	disclaimer                    string
	url                           func(c *copyArt) string
}

type quota struct {
	kind string
	n    int
}

var aggregators = []*aggregator{
	{
		name: "CoinWire Aggregator", short: "CoinWire", domain: "coinwire.example", idPrefix: "cw",
		tagsOK:   []string{"crypto", "markets", "technology", "regulation", "energy"},
		quota:    []quota{{kindCruft, 12}, {kindExact, 4}, {kindTruncated, 4}},
		reposts:  6,
		leadVerb: "appeared on",
		ticker:   true,
		disclaimer: "Disclaimer: Articles republished on CoinWire Aggregator are collected from publicly available sources and are provided for general information only. " +
			"They do not necessarily represent the views of CoinWire. Copyright remains with the original publishers; if you believe an article infringes your rights, " +
			"write to takedown@coinwire.example and it will be removed. CoinWire does not guarantee the accuracy, completeness or timeliness of any article and accepts " +
			"no liability for decisions made on the basis of it. Nothing on this page is investment, legal or tax advice, nor a recommendation by CoinWire.",
		url: func(c *copyArt) string { return "https://coinwire.example/news/" + c.orig.slug + "/" },
	},
	{
		name: "NewsPulse Hub", short: "NewsPulse", domain: "newspulsehub.example", idPrefix: "nph",
		quota:    []quota{{kindCruft, 10}, {kindEdited, 6}, {kindExact, 4}},
		reposts:  4,
		pages:    1,
		leadVerb: "appeared first on",
		disclaimer: "Disclaimer: NewsPulse Hub republishes stories from partner and public sources, in full or in part. The views expressed are those of the original " +
			"authors and publishers. NewsPulse Hub is not responsible for errors in the original reporting. Send corrections and removal requests to editors@newspulsehub.example.",
		url: func(c *copyArt) string {
			return fmt.Sprintf("https://newspulsehub.example/story/%06d-%s", 310000+c.seq*131, c.orig.slug)
		},
	},
	{
		name: "Wirestream Digest", short: "Wirestream", domain: "wirestream.example", idPrefix: "wsd",
		quota: []quota{{kindExact, 6}, {kindTruncated, 6}, {kindEdited, 4}},
		url: func(c *copyArt) string {
			return fmt.Sprintf("https://wirestream.example/%s/%s", c.published.Format("2006/01"), c.orig.slug)
		},
	},
	{
		name: "FeedMirror Daily", short: "FeedMirror", domain: "feedmirror.example", idPrefix: "fmd",
		quota: []quota{{kindEdited, 5}, {kindTruncated, 5}, {kindExact, 4}},
		url: func(c *copyArt) string {
			return fmt.Sprintf("https://feedmirror.example/m/%s/%s-%04d", c.orig.pub.idPrefix, c.orig.slug, 1000+c.seq*7)
		},
	},
}

// story is one original article.
type story struct {
	sid       string // story id shared with its copies, "s0001"
	pub       *publisher
	seq       int // 1-based, chronological within the publisher
	tags      []string
	lang      string
	title     string
	paras     [][]string // sentences of each paragraph
	published time.Time  // UTC
	updated   time.Time  // Atom only
	author    string
	slug      string
	url       string
	key       string // truth.tsv key: id for JSON Lines, else URL
	file      string
	vals      map[string]string // slot values, for teasers and tickers
}

func (s *story) body() string { return joinParas(s.paras) }

// copyArt is one syndicated copy of a story.
type copyArt struct {
	orig      *story
	agg       *aggregator
	seq       int
	kind      string
	id        string
	url       string
	title     string
	body      string // JSON Lines body (cruft copies: the page text)
	paras     [][]string
	published time.Time
	author    string
	tags      []string
	file      string
	page      string // reposts/*.txt text
}

type gen struct {
	r        *rand.Rand
	stories  []*story
	byPub    [][]*story
	copies   []*copyArt
	titles   map[string]bool
	shingles [][]uint64 // of the English originals written so far
	files    map[string][]byte
}

// Generate writes the sample corpus into dir, creating it if needed. Files
// it owns are overwritten; stale .txt and .html files in its reposts/ and
// pages/ subdirectories are removed, nothing else is touched.
func Generate(dir string) error {
	files, err := build()
	if err != nil {
		return err
	}
	for _, sub := range []string{dirReposts, dirPages} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
		old, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			return err
		}
		for _, e := range old {
			rel := sub + "/" + e.Name()
			ext := filepath.Ext(e.Name())
			if _, keep := files[rel]; !keep && !e.IsDir() && (ext == ".txt" || ext == ".html") {
				if err := os.Remove(filepath.Join(dir, sub, e.Name())); err != nil {
					return err
				}
			}
		}
	}
	for _, name := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// build generates every file in memory, keyed by slash-separated path.
func build() (map[string][]byte, error) {
	g, err := newCorpus()
	if err != nil {
		return nil, err
	}
	return g.files, nil
}

// newCorpus generates the stories, their copies and every file.
func newCorpus() (*gen, error) {
	g := &gen{
		r:      rand.New(rand.NewPCG(seed1, seed2)),
		titles: map[string]bool{},
		files:  map[string][]byte{},
	}
	g.writeStories()
	g.makeCopies()
	steps := []func() error{g.emitJSONL, g.emitRSS, g.emitAtom, g.emitPages, g.emitReposts, g.emitTruth, g.emitReadme}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// ---------------------------------------------------------------- stories

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
		foreignAt := map[int]int{} // story index -> foreignArticles index
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
				g.writeForeign(s, &foreignArticles[k])
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

func topicFor(tag string) *topic {
	for i := range topics {
		if topics[i].tag == tag {
			return &topics[i]
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
	for _, tag := range shuffled(g.r, t.related)[:min(extra, len(t.related))] {
		s.tags = append(s.tags, tag)
	}
	s.author = pick(g.r, p.authors)

	// Stories drawn from the same templates must still read as different
	// stories: retry until the title is new and the body is not a
	// near-duplicate of an earlier story.
	for try := 0; ; try++ {
		c := newCtx(g, t, p, s.published)
		a := &t.angles[g.r.IntN(len(t.angles))]
		c.a = a
		title := capFirst(c.expand(pick(g.r, a.titles)))
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
func (g *gen) englishBody(c *ctx, t *topic, a *angle, s *story) [][]string {
	r := g.r
	lead := capFirst(c.expand(pick(r, a.leads)))
	c.fresh = true

	var sec *topic
	if len(s.tags) > 1 {
		sec = topicFor(s.tags[1])
	}
	// At most one generic sentence per story; a story that runs out of
	// material simply gets fewer paragraphs.
	details := [][]string{shuffled(r, a.details), shuffled(r, t.details), shuffled(r, genericContext)[:1]}
	quotes := append(shuffled(r, a.quotes), shuffled(r, t.quotes)...)
	var context []string
	if sec != nil {
		context = shuffled(r, sec.context)
	} else {
		context = shuffled(r, t.context)
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
	outlooks := append(slices.Clone(a.outlooks), shuffled(r, t.outlooks)...)
	if len(a.outlooks) > 0 && r.IntN(3) == 0 {
		outlooks = outlooks[len(a.outlooks):]
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

func (g *gen) writeForeign(s *story, fa *foreignArticle) {
	c := newCtx(g, nil, s.pub, s.published)
	s.lang = fa.lang
	s.tags = slices.Clone(fa.tags)
	s.author = s.pub.authors[fa.author]
	s.title = capFirst(c.expand(fa.title))
	g.titles[s.title] = true
	for i, p := range fa.paras {
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

// ---------------------------------------------------------------- slots

// ctx fills template slots for one story; see the comment in vocab.go.
type ctx struct {
	g     *gen
	t     *topic
	a     *angle // may be nil
	pub   *publisher
	date  time.Time
	vals  map[string]string
	raw   map[string][]string // list picks per base slot name
	names map[string]bool
	// fresh makes numeric slots draw a new value on every use; before it is
	// set (title and lead) they are cached so the two agree.
	fresh bool
}

func newCtx(g *gen, t *topic, p *publisher, date time.Time) *ctx {
	return &ctx{g: g, t: t, pub: p, date: date, vals: map[string]string{}, raw: map[string][]string{}, names: map[string]bool{}}
}

func (c *ctx) expand(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			panic("samplegen: unclosed slot in " + tmpl)
		}
		b.WriteString(tmpl[:i])
		v := c.slot(tmpl[i+1 : i+j])
		b.WriteString(v)
		tmpl = tmpl[i+j+1:]
		if strings.HasSuffix(v, "s") && strings.HasPrefix(tmpl, "'s ") {
			tmpl = tmpl[2:] // "Skyloom Labs' pricing", not "Labs's"
		}
	}
}

func baseName(name string) string {
	return strings.TrimRight(name, "0123456789")
}

func (c *ctx) slot(name string) string {
	if fn := numSlot(name); fn != nil {
		if v, ok := c.vals[name]; ok && !c.fresh {
			return v
		}
		v := fn(c.g.r)
		if !c.fresh {
			c.vals[name] = v
		}
		return v
	}
	if baseName(name) == "firm" {
		return c.compute(name) // a different firm each time it is cited
	}
	if v, ok := c.vals[name]; ok {
		return v
	}
	v := c.compute(name)
	c.vals[name] = v
	return v
}

func numSlot(name string) func(*rand.Rand) string {
	if fn, ok := numSlots[name]; ok {
		return fn
	}
	return numSlots[baseName(name)]
}

var (
	weekdaysDE = []string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	weekdaysFR = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	monthsDE   = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
	quarters   = []string{"first", "second", "third", "fourth"}
)

func (c *ctx) compute(name string) string {
	r := c.g.r
	d := c.date
	switch name {
	case "weekday":
		return d.Weekday().String()
	case "weekday2":
		for {
			w := time.Weekday(r.IntN(7))
			if w != d.Weekday() {
				return w.String()
			}
		}
	case "month":
		return d.Month().String()
	case "prevmonth":
		return d.AddDate(0, 0, -d.Day()).Month().String()
	case "nextmonth":
		return time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, time.UTC).Month().String()
	case "nextyear":
		return strconv.Itoa(d.Year() + 1)
	case "prevyear":
		return strconv.Itoa(d.Year() - 1)
	case "quarter":
		return quarters[((int(d.Month())-1)/3+1)%4]
	case "season":
		return [...]string{"winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn", "autumn", "winter"}[d.Month()-1]
	case "wochentag":
		return weekdaysDE[d.Weekday()]
	case "jour":
		return weekdaysFR[d.Weekday()]
	case "monatde":
		return monthsDE[d.AddDate(0, 0, -d.Day()).Month()-1]
	case "naechstermonat":
		return monthsDE[d.Month()%12]
	}
	switch baseName(name) {
	case "person", "candidate", "athlete":
		for {
			first, last := pick(r, firstNames), pick(r, lastNames)
			if !c.names[first] && !c.names[last] {
				c.names[first], c.names[last] = true, true
				return first + " " + last
			}
		}
	}
	base := baseName(name)
	list, ok := c.list(name)
	if !ok {
		list, ok = c.list(base)
	}
	if !ok {
		panic("samplegen: unknown slot {" + name + "}")
	}
	if base == "city" && len(c.pub.local) > 0 && r.IntN(20) < 11 {
		list = c.pub.local
	}
	var v string
	for tries := 0; ; tries++ {
		v = pick(r, list)
		if !slices.Contains(c.raw[base], v) || tries > 50 {
			break
		}
	}
	c.raw[base] = append(c.raw[base], v)
	return c.expand(v)
}

func (c *ctx) list(name string) ([]string, bool) {
	if c.a != nil {
		if l, ok := c.a.slots[name]; ok {
			return l, true
		}
	}
	if c.t != nil {
		if l, ok := c.t.slots[name]; ok {
			return l, true
		}
	}
	if l, ok := foreignSlots[name]; ok {
		return l, true
	}
	l, ok := globalSlots[name]
	return l, ok
}

// numSlots generate numbers, formatted as a newspaper would print them.
var numSlots = map[string]func(*rand.Rand) string{
	"pct":        func(r *rand.Rand) string { return decimal(r, 0.6, 14.8, 1) + "%" },
	"smallpct":   func(r *rand.Rand) string { return decimal(r, 0.1, 0.9, 1) + "%" },
	"money":      money,
	"smallmoney": func(r *rand.Rand) string { return "$" + trimZero(decimal(r, 1.2, 96, 1)) + " million" },
	"billions":   func(r *rand.Rand) string { return "$" + trimZero(decimal(r, 2.1, 48, 1)) + " billion" },
	"count":      func(r *rand.Rand) string { return commas(between(r, 1200, 48000)) },
	"smallcount": func(r *rand.Rand) string { return strconv.Itoa(between(r, 12, 950)) },
	"jobcuts":    func(r *rand.Rand) string { return commas(between(r, 15, 480) * 10) },
	"layoffpct":  func(r *rand.Rand) string { return decimal(r, 3, 18, 0) + "%" },
	"homes":      func(r *rand.Rand) string { return commas(between(r, 12, 90) * 50) },
	"n": func(r *rand.Rand) string {
		return pick(r, []string{"two", "three", "four", "five", "six", "seven", "eight", "nine"})
	},
	"ordinal": func(r *rand.Rand) string {
		return pick(r, []string{"second", "third", "fourth", "fifth", "sixth", "seventh"})
	},
	"price":     func(r *rand.Rand) string { return decimal(r, 12, 480, 2) },
	"eps":       func(r *rand.Rand) string { return decimal(r, 0.4, 6.9, 2) },
	"yield":     func(r *rand.Rand) string { return decimal(r, 3.1, 5.2, 2) + "%" },
	"goldprice": func(r *rand.Rand) string { return commas(between(r, 2850, 3650)) },
	"btcprice":  func(r *rand.Rand) string { return commas(between(r, 58, 132) * 1000) },
	"btcround":  func(r *rand.Rand) string { return commas(between(r, 6, 14) * 10000) },
	"ethprice":  func(r *rand.Rand) string { return commas(between(r, 1900, 5200)) },
	"tn":        func(r *rand.Rand) string { return decimal(r, 1.8, 4.9, 1) },
	"btccount":  func(r *rand.Rand) string { return commas(between(r, 1200, 48000)) },
	"hash":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 580, 1100)) },
	"stable":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 180, 320)) },
	"gwei":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 1, 12)) },
	"oilprice":  func(r *rand.Rand) string { return decimal(r, 58, 92, 2) },
	"barrels":   func(r *rand.Rand) string { return commas(between(r, 40, 450) * 1000) },
	"barrels2":  func(r *rand.Rand) string { return decimal(r, 1.1, 7.9, 1) },
	"mbd":       func(r *rand.Rand) string { return decimal(r, 1.5, 5.9, 1) },
	"storage":   func(r *rand.Rand) string { return strconv.Itoa(between(r, 60, 95)) },
	"boe":       func(r *rand.Rand) string { return commas(between(r, 120, 1400) * 1000) },
	"moe":       func(r *rand.Rand) string { return decimal(r, 2.5, 4.5, 1) },
	"turnout":   func(r *rand.Rand) string { return strconv.Itoa(between(r, 38, 72)) },
	"temp":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 36, 46)) },
	"anom":      func(r *rand.Rand) string { return decimal(r, 1.2, 1.7, 2) },
	"score":     func(r *rand.Rand) string { return pick(r, []string{"2-1", "3-0", "1-0", "4-2", "3-2", "2-0", "3-1"}) },
	"crowd":     func(r *rand.Rand) string { return commas(between(r, 80, 720) * 100) },
	"goals":     func(r *rand.Rand) string { return strconv.Itoa(between(r, 8, 31)) },
	"minute":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 48, 89)) },
	"mw":        func(r *rand.Rand) string { return commas(between(r, 15, 120) * 10) },
	"cvss":      func(r *rand.Rand) string { return decimal(r, 7.5, 9.9, 1) },
	"cov":       func(r *rand.Rand) string { return strconv.Itoa(between(r, 81, 93)) },
	"drugprice": func(r *rand.Rand) string { return commas(between(r, 45, 140) * 10) },
	"depth":     func(r *rand.Rand) string { return commas(between(r, 12, 60) * 100) },
	"tariffpct": func(r *rand.Rand) string { return pick(r, []string{"10", "15", "20", "25", "35", "50"}) },
	"teu":       func(r *rand.Rand) string { return commas(between(r, 750, 1450) * 1000) },
	"rate":      func(r *rand.Rand) string { return decimal(r, 5.4, 7.2, 2) },
	"homeprice": func(r *rand.Rand) string { return commas(between(r, 285, 720) * 1000) },
	"days":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 18, 74)) },
	"planes":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 12, 150)) },
	"payrise":   func(r *rand.Rand) string { return decimal(r, 2.5, 6.5, 1) },
	"unemp":     func(r *rand.Rand) string { return decimal(r, 3.6, 6.2, 1) },
	"wage":      func(r *rand.Rand) string { return decimal(r, 13.5, 19.75, 2) },
	"vote":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 78, 97)) },
	"jobs":      func(r *rand.Rand) string { return commas(between(r, 95, 310) * 1000) },
	"openings":  func(r *rand.Rand) string { return decimal(r, 6.1, 8.9, 1) },
	"lfpr":      func(r *rand.Rand) string { return decimal(r, 62.1, 63.4, 1) },
	"votes":     func(r *rand.Rand) string { return strconv.Itoa(between(r, 280, 420)) },
	"votes2":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 120, 270)) },
	"finepct":   func(r *rand.Rand) string { return strconv.Itoa(between(r, 2, 10)) },
	"tph":       func(r *rand.Rand) string { return decimal(r, 2.8, 9.6, 1) },
	// German and French number formats.
	"pctde": func(r *rand.Rand) string { return strings.Replace(decimal(r, 0.6, 12.5, 1), ".", ",", 1) + " Prozent" },
	"pctfr": func(r *rand.Rand) string { return strings.Replace(decimal(r, 3, 38, 1), ".", ",", 1) + " %" },
	"geldde": func(r *rand.Rand) string {
		if r.IntN(2) == 0 {
			return strconv.Itoa(between(r, 12, 95)*10) + " Millionen Franken"
		}
		return strings.Replace(decimal(r, 1.1, 4.8, 1), ".", ",", 1) + " Milliarden Franken"
	},
	"argentfr":  func(r *rand.Rand) string { return strconv.Itoa(between(r, 3, 40)) + " millions de francs" },
	"anzahl":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 4, 60) * 10) },
	"zuschauer": func(r *rand.Rand) string { return strings.ReplaceAll(commas(between(r, 40, 260)*100), ",", ".") },
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func decimal(r *rand.Rand, lo, hi float64, places int) string {
	scale := 1.0
	for range places {
		scale *= 10
	}
	n := between(r, int(lo*scale+0.5), int(hi*scale+0.5))
	return strconv.FormatFloat(float64(n)/scale, 'f', places, 64)
}

func money(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return "$" + strconv.Itoa(between(r, 12, 95)*10) + " million"
	}
	return "$" + trimZero(decimal(r, 1.1, 48, 1)) + " billion"
}

// trimZero drops a ".0": newspapers print "$12 billion", not "$12.0 billion".
func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

func commas(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

// capFirst upper-cases the first letter, skipping opening quotes.
func capFirst(s string) string {
	for i, ch := range s {
		if unicode.IsLetter(ch) {
			if unicode.IsUpper(ch) {
				return s
			}
			return s[:i] + string(unicode.ToUpper(ch)) + s[i+utf8.RuneLen(ch):]
		}
		if !strings.ContainsRune("\"'“„«‘ ", ch) {
			return s
		}
	}
	return s
}

var slugFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "ê", "e", "à", "a",
	"â", "a", "ç", "c", "ô", "o", "î", "i", "ï", "i", "ã", "a", "ń", "n", "ø", "o", "č", "c", "ć", "c", "í", "i", "ó", "o", "á", "a")

func slugify(title string) string {
	s := slugFold.Replace(strings.ToLower(title))
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, ch := range s {
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
			cur.WriteRune(ch)
		case ch == '\'' || ch == '’' || ch == ',':
		default:
			flush()
		}
	}
	flush()
	if len(words) > 9 {
		words = words[:9]
	}
	return strings.Join(words, "-")
}

// ---------------------------------------------------------------- copies

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

type coin struct {
	name, sym string
	lo, hi    float64
}

var coins = map[string]coin{
	"bitcoin":   {"Bitcoin", "BTC", 58000, 131000},
	"ether":     {"Ethereum", "ETH", 1900, 5200},
	"solana":    {"Solana", "SOL", 90, 260},
	"XRP":       {"XRP", "XRP", 0.45, 3.2},
	"cardano":   {"Cardano", "ADA", 0.3, 1.1},
	"litecoin":  {"Litecoin", "LTC", 60, 140},
	"dogecoin":  {"Dogecoin", "DOGE", 0.08, 0.4},
	"avalanche": {"Avalanche", "AVAX", 15, 55},
}

func (g *gen) tickerBlock(s *story) string {
	r := g.r
	cn := coins["bitcoin"]
	if a, ok := s.vals["asset"]; ok {
		cn = coins[a]
	}
	p := cn.lo + (cn.hi-cn.lo)*float64(r.IntN(10000))/10000
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
		cn.name + " Logo",
		cn.name + " Price(" + cn.sym + ")",
		"$" + price,
		"$" + price + "$" + price,
		chg,
		"USD",
		cn.name + " (" + cn.sym + ") Live Price Chart",
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

// ---------------------------------------------------------------- output

// jsonArticle mirrors the JSON form of syndex's Article (article.Article);
// the generator does not import the indexer.
type jsonArticle struct {
	ID        string   `json:"id"`
	URL       string   `json:"url,omitempty"`
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Source    string   `json:"source,omitempty"`
	Published string   `json:"published,omitempty"`
	Author    string   `json:"author,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Lang      string   `json:"lang,omitempty"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (g *gen) emitJSONL() error {
	type rec struct {
		t time.Time
		a jsonArticle
	}
	var recs []rec
	for _, s := range g.stories {
		if s.file != fileJSONL {
			continue
		}
		recs = append(recs, rec{s.published, jsonArticle{
			ID: s.key, URL: s.url, Title: s.title, Body: s.body(), Source: s.pub.name,
			Published: rfc3339(s.published), Author: s.author, Tags: s.tags, Lang: s.lang,
		}})
	}
	for _, c := range g.copies {
		if c.file != fileJSONL {
			continue
		}
		recs = append(recs, rec{c.published, jsonArticle{
			ID: c.id, URL: c.url, Title: c.title, Body: c.body, Source: c.agg.name,
			Published: rfc3339(c.published), Author: c.author, Tags: c.tags, Lang: c.orig.lang,
		}})
	}
	slices.SortStableFunc(recs, func(x, y rec) int {
		if n := x.t.Compare(y.t); n != 0 {
			return n
		}
		return strings.Compare(x.a.ID, y.a.ID)
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, x := range recs {
		if err := enc.Encode(x.a); err != nil {
			return err
		}
	}
	g.files[fileJSONL] = buf.Bytes()
	return nil
}

// xmlText escapes text for XML element content and attribute values.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

// htmlText escapes text for HTML element content.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// htmlAttr escapes text for a double-quoted HTML attribute.
var htmlAttr = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

func (g *gen) storiesOf(p *publisher) []*story {
	for i, q := range publishers {
		if q == p {
			return g.byPub[i]
		}
	}
	return nil
}

func pubByFormat(format string) *publisher {
	for _, p := range publishers {
		if p.format == format {
			return p
		}
	}
	panic("samplegen: no publisher for " + format)
}

// articleHTML renders a story's paragraphs as publisher HTML, sometimes with
// a lead image and a link on the first mention of the main organisation.
func (g *gen) articleHTML(s *story, linkBase string) string {
	r := g.r
	var b strings.Builder
	if r.IntN(10) < 3 {
		fmt.Fprintf(&b, "<figure><img src=\"https://%s/media/%s.jpg\" alt=\"%s\" width=\"1200\" height=\"675\"/><figcaption>%s (Photo: %s staff)</figcaption></figure>\n",
			s.pub.domain, s.slug, htmlAttr.Replace(s.title), htmlText.Replace(pick(r, captions)), s.pub.name)
	}
	org := s.vals["org"]
	linked := org == "" || r.IntN(10) < 5
	for _, p := range s.paras {
		text := htmlText.Replace(strings.Join(p, " "))
		if !linked {
			eo := htmlText.Replace(org)
			if i := strings.Index(text, eo); i >= 0 {
				text = text[:i] + "<a href=\"" + linkBase + slugify(org) + "/\">" + eo + "</a>" + text[i+len(eo):]
				linked = true
			}
		}
		b.WriteString("<p>" + text + "</p>\n")
	}
	return b.String()
}

var captions = []string{
	"A general view of the site earlier this year.",
	"People walk past the company's headquarters.",
	"Traders at work on the floor.",
	"The announcement was made at a press conference.",
	"A file photo taken last spring.",
}

func (g *gen) emitRSS() error {
	p := pubByFormat(fileRSS)
	items := slices.Clone(g.storiesOf(p))
	slices.Reverse(items) // newest first
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Harbor Ledger</title>
<link>https://harborledger.example/</link>
<atom:link href="https://harborledger.example/feed/" rel="self" type="application/rss+xml"/>
<description>Business, markets &amp; the waterfront economy of Port Calder and beyond.</description>
<language>en-US</language>
<copyright>© 2026 Harbor Ledger Publishing</copyright>
<generator>Ledgerpress 4.2</generator>
`)
	fmt.Fprintf(&b, "<lastBuildDate>%s GMT</lastBuildDate>\n", items[0].published.Add(17*time.Minute).UTC().Format("Mon, 02 Jan 2006 15:04:05"))
	for _, s := range items {
		content := g.articleHTML(s, "https://harborledger.example/topic/")
		content += "<p>The post <a href=\"" + htmlAttr.Replace(s.url) + "\">" + htmlText.Replace(s.title) + "</a> appeared first on <a href=\"https://harborledger.example\">Harbor Ledger</a>.</p>\n"
		if strings.Contains(content, "]]>") {
			return fmt.Errorf("samplegen: CDATA terminator in %s", s.url)
		}
		desc := leadExcerpt(strings.Join(s.paras[0], " "), 220) + " […]"
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n", xmlText.Replace(s.title))
		fmt.Fprintf(&b, "<link>%s</link>\n", xmlText.Replace(s.url))
		fmt.Fprintf(&b, "<guid isPermaLink=\"true\">%s</guid>\n", xmlText.Replace(s.url))
		fmt.Fprintf(&b, "<pubDate>%s</pubDate>\n", s.published.In(zoneEDT).Format(time.RFC1123))
		fmt.Fprintf(&b, "<dc:creator><![CDATA[%s]]></dc:creator>\n", s.author)
		for _, t := range s.tags {
			fmt.Fprintf(&b, "<category><![CDATA[%s]]></category>\n", t)
		}
		fmt.Fprintf(&b, "<description>%s</description>\n", xmlText.Replace(desc))
		fmt.Fprintf(&b, "<content:encoded><![CDATA[%s]]></content:encoded>\n", content)
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	g.files[fileRSS] = []byte(b.String())
	return nil
}

func (g *gen) emitAtom() error {
	p := pubByFormat(fileAtom)
	entries := slices.Clone(g.storiesOf(p))
	slices.Reverse(entries)
	atomTime := func(t time.Time) string { return t.In(zonePacific).Format(time.RFC3339) }
	feedUpdated := entries[0].updated
	for _, s := range entries {
		if s.updated.After(feedUpdated) {
			feedUpdated = s.updated
		}
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Northwind Wire</title>
  <subtitle>Independent wire reporting from the Pacific Northwest and the world</subtitle>
  <link rel="self" type="application/atom+xml" href="https://northwindwire.example/feeds/all.atom"/>
  <link rel="alternate" type="text/html" href="https://northwindwire.example/"/>
  <id>tag:northwindwire.example,2026:feed/all</id>
  <icon>https://northwindwire.example/favicon.png</icon>
  <rights>© 2026 Northwind Wire Cooperative</rights>
`)
	fmt.Fprintf(&b, "  <updated>%s</updated>\n", atomTime(feedUpdated))
	b.WriteString("  <author><name>Northwind Wire</name><uri>https://northwindwire.example/</uri></author>\n")
	for _, s := range entries {
		content := g.articleHTML(s, "https://northwindwire.example/topics/")
		b.WriteString("  <entry>\n")
		fmt.Fprintf(&b, "    <title type=\"text\">%s</title>\n", xmlText.Replace(s.title))
		fmt.Fprintf(&b, "    <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText.Replace(s.url))
		fmt.Fprintf(&b, "    <id>tag:northwindwire.example,2026:story/%d</id>\n", 41000+s.seq*37)
		fmt.Fprintf(&b, "    <published>%s</published>\n", atomTime(s.published))
		fmt.Fprintf(&b, "    <updated>%s</updated>\n", atomTime(s.updated))
		fmt.Fprintf(&b, "    <author><name>%s</name></author>\n", xmlText.Replace(s.author))
		for _, t := range s.tags {
			fmt.Fprintf(&b, "    <category term=\"%s\" label=\"%s\"/>\n", t, capFirst(t))
		}
		fmt.Fprintf(&b, "    <summary type=\"text\">%s</summary>\n", xmlText.Replace(leadExcerpt(strings.Join(s.paras[0], " "), 240)+"…"))
		fmt.Fprintf(&b, "    <content type=\"html\">%s</content>\n", xmlText.Replace(content))
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	g.files[fileAtom] = []byte(b.String())
	return nil
}

// pageInfo is what a saved HTML page shows.
type pageInfo struct {
	site, domain, url, canonical, title, author, section string
	tags                                                 []string
	published, modified                                  time.Time
	paras                                                [][]string
	related                                              []*story
	syndicatedFrom                                       *story
}

func (g *gen) emitPages() error {
	for _, s := range g.stories {
		if s.pub.format != dirPages {
			continue
		}
		info := pageInfo{
			site: s.pub.name, domain: s.pub.domain, url: s.url, canonical: s.url, title: s.title, author: s.author,
			section: capFirst(s.tags[0]), tags: s.tags, published: s.published,
			modified: s.published.Add(time.Duration(g.r.IntN(180)) * time.Minute), paras: s.paras,
			related: g.relatedTo(s),
		}
		g.files[s.file] = []byte(g.renderPage(info))
	}
	for _, c := range g.copies {
		if !strings.HasPrefix(c.file, dirPages+"/") {
			continue
		}
		info := pageInfo{
			site: c.agg.name, domain: c.agg.domain, url: c.url, canonical: c.orig.url, title: c.title, author: c.author,
			section: capFirst(c.tags[0]), tags: c.tags, published: c.published, modified: c.published, paras: c.paras,
			related: g.relatedTo(c.orig), syndicatedFrom: c.orig,
		}
		g.files[c.file] = []byte(g.renderPage(info))
	}
	return nil
}

// relatedTo picks three earlier English stories, preferring the same tag.
func (g *gen) relatedTo(s *story) []*story {
	var same, other []*story
	for _, t := range g.stories {
		if t == s || t.lang != "en" || !t.published.Before(s.published) {
			continue
		}
		if t.tags[0] == s.tags[0] {
			same = append(same, t)
		} else {
			other = append(other, t)
		}
	}
	var out []*story
	for len(out) < 3 {
		from := other
		if len(same) > 0 && g.r.IntN(3) > 0 {
			from = same
		}
		t := pick(g.r, from)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (g *gen) renderPage(p pageInfo) string {
	at := func(t time.Time) string { return t.In(zoneLakeshore).Format(time.RFC3339) }
	human := p.published.In(zoneLakeshore).Format("January 2, 2006 at 3:04 PM")
	human = strings.Replace(strings.Replace(human, "PM", "p.m.", 1), "AM", "a.m.", 1) + " CDT"
	desc := leadExcerpt(strings.Join(p.paras[0], " "), 180) + "…"
	home := "https://" + p.domain + "/"
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	w("<title>%s | %s</title>\n", htmlText.Replace(p.title), htmlText.Replace(p.site))
	w("<meta name=\"description\" content=\"%s\">\n", htmlAttr.Replace(desc))
	w("<meta name=\"author\" content=\"%s\">\n", htmlAttr.Replace(p.author))
	w("<link rel=\"canonical\" href=\"%s\">\n", htmlAttr.Replace(p.canonical))
	w("<meta property=\"og:type\" content=\"article\">\n")
	w("<meta property=\"og:site_name\" content=\"%s\">\n", htmlAttr.Replace(p.site))
	w("<meta property=\"og:title\" content=\"%s\">\n", htmlAttr.Replace(p.title))
	w("<meta property=\"og:description\" content=\"%s\">\n", htmlAttr.Replace(desc))
	w("<meta property=\"og:url\" content=\"%s\">\n", htmlAttr.Replace(p.url))
	w("<meta property=\"og:image\" content=\"%smedia/%s.jpg\">\n", home, slugify(p.title))
	w("<meta property=\"article:published_time\" content=\"%s\">\n", at(p.published))
	w("<meta property=\"article:modified_time\" content=\"%s\">\n", at(p.modified))
	if p.author != "" {
		w("<meta property=\"article:author\" content=\"%s\">\n", htmlAttr.Replace(p.author))
	}
	w("<meta property=\"article:section\" content=\"%s\">\n", htmlAttr.Replace(p.section))
	for _, t := range p.tags {
		w("<meta property=\"article:tag\" content=\"%s\">\n", htmlAttr.Replace(t))
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": p.title,
		"datePublished": at(p.published), "dateModified": at(p.modified), "mainEntityOfPage": p.canonical,
		"publisher": map[string]string{"@type": "Organization", "name": p.site},
	}
	if p.author != "" {
		ld["author"] = map[string]string{"@type": "Person", "name": p.author}
	}
	ldJSON, err := json.Marshal(ld)
	if err != nil {
		panic(err)
	}
	w("<script type=\"application/ld+json\">%s</script>\n", ldJSON)
	w("<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n")
	w("<header class=\"site-header\">\n  <a class=\"logo\" href=\"%s\">%s</a>\n  <nav class=\"main-nav\">\n    <ul>\n", home, htmlText.Replace(p.site))
	for _, sec := range []string{"News", "Business", "Climate", "Health", "Politics", "Sports", "Opinion"} {
		w("      <li><a href=\"/%s/\">%s</a></li>\n", strings.ToLower(sec), sec)
	}
	w("    </ul>\n  </nav>\n  <a class=\"subscribe\" href=\"/subscribe\">Subscribe</a>\n  <a class=\"signin\" href=\"/account/login\">Sign in</a>\n</header>\n")
	w("<div class=\"cookie-banner\" role=\"dialog\">We use cookies to improve your experience and to show you relevant offers. <button type=\"button\">Accept all</button> <a href=\"/privacy\">Manage settings</a></div>\n")
	w("<main id=\"content\">\n<article class=\"story\">\n")
	w("<p class=\"kicker\"><a href=\"/section/%s/\">%s</a></p>\n", strings.ToLower(p.section), htmlText.Replace(p.section))
	w("<h1 class=\"headline\">%s</h1>\n", htmlText.Replace(p.title))
	if p.author != "" {
		w("<p class=\"byline\">By <a rel=\"author\" href=\"/staff/%s\">%s</a> · <time datetime=\"%s\">%s</time></p>\n",
			slugify(p.author), htmlText.Replace(p.author), at(p.published), human)
	} else {
		w("<p class=\"byline\"><time datetime=\"%s\">%s</time></p>\n", at(p.published), human)
	}
	share := func() {
		enc := strings.NewReplacer(":", "%3A", "/", "%2F").Replace(p.url)
		w("<div class=\"share-bar\" aria-label=\"Share this story\">\n  <span>Share</span>\n")
		w("  <a class=\"share-x\" href=\"https://x.example/intent/post?url=%s\">Share on X</a>\n", enc)
		w("  <a class=\"share-fb\" href=\"https://facebook.example/sharer?u=%s\">Facebook</a>\n", enc)
		w("  <a class=\"share-mail\" href=\"mailto:?subject=%s\">Email</a>\n", htmlAttr.Replace(strings.ReplaceAll(p.title, " ", "%20")))
		w("  <button type=\"button\" class=\"copy-link\">Copy link</button>\n</div>\n")
	}
	share()
	w("<figure class=\"lead-image\"><img src=\"%smedia/%s.jpg\" alt=\"\" width=\"1600\" height=\"900\"><figcaption>%s Photo: %s</figcaption></figure>\n",
		home, slugify(p.title), htmlText.Replace(pick(g.r, captions)), htmlText.Replace(p.site))
	w("<div class=\"article-body\">\n")
	for i, para := range p.paras {
		w("<p>%s</p>\n", htmlText.Replace(strings.Join(para, " ")))
		if i == 1 && len(p.paras) > 3 {
			w("<aside class=\"inline-promo\"><p>Get the morning briefing: the day's top stories in your inbox. <a href=\"/newsletters\">Sign up</a></p></aside>\n")
		}
	}
	w("</div>\n")
	w("<div class=\"tags\">Topics: ")
	for i, t := range p.tags {
		if i > 0 {
			w(", ")
		}
		w("<a href=\"/tag/%s/\">%s</a>", t, t)
	}
	w("</div>\n")
	if p.syndicatedFrom != nil {
		o := p.syndicatedFrom
		w("<aside class=\"syndication-note\">This story was originally published by <a href=\"%s\">%s</a> and is republished here under a content-sharing agreement.</aside>\n",
			htmlAttr.Replace(o.url), htmlText.Replace(o.pub.name))
	}
	share()
	w("</article>\n")
	w("<aside class=\"related\">\n<h2>Related stories</h2>\n<ul>\n")
	for _, r := range p.related {
		w("  <li><a href=\"%s\">%s</a> <span class=\"source\">%s</span></li>\n", htmlAttr.Replace(r.url), htmlText.Replace(r.title), htmlText.Replace(r.pub.name))
	}
	w("</ul>\n</aside>\n")
	w("<section class=\"comments\"><h2>Comments</h2><p>Comments are closed for this story.</p></section>\n")
	w("</main>\n")
	w("<footer class=\"site-footer\">\n  <p>© 2026 %s. All rights reserved.</p>\n", htmlText.Replace(p.site))
	w("  <ul><li><a href=\"/about\">About us</a></li><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li><li><a href=\"/contact\">Contact</a></li></ul>\n</footer>\n")
	w("<script src=\"/static/site.js\" defer></script>\n</body>\n</html>\n")
	return b.String()
}

func (g *gen) emitReposts() error {
	for _, c := range g.repostList() {
		g.files[c.file] = []byte(c.page)
	}
	return nil
}

type truthRow struct {
	key, sid, kind, file string
	order                int
	t                    time.Time
}

func (g *gen) truthRows() []truthRow {
	var rows []truthRow
	for _, s := range g.stories {
		rows = append(rows, truthRow{s.key, s.sid, kindOriginal, s.file, 0, s.published})
	}
	for _, c := range g.copies {
		key := c.id
		if c.file != fileJSONL {
			key = c.url
		}
		rows = append(rows, truthRow{key, c.orig.sid, c.kind, c.file, 1, c.published})
	}
	slices.SortStableFunc(rows, func(a, b truthRow) int {
		if n := strings.Compare(a.sid, b.sid); n != 0 {
			return n
		}
		if a.order != b.order {
			return a.order - b.order
		}
		return a.t.Compare(b.t)
	})
	return rows
}

func (g *gen) emitTruth() error {
	var b strings.Builder
	b.WriteString("key\tstory\tkind\tfile\n")
	for _, r := range g.truthRows() {
		b.WriteString(r.key + "\t" + r.sid + "\t" + r.kind + "\t" + r.file + "\n")
	}
	g.files[fileTruth] = []byte(b.String())
	return nil
}

func (g *gen) emitReadme() error {
	count := func(pred func(file string) bool) (n int) {
		for _, r := range g.truthRows() {
			if pred(r.file) {
				n++
			}
		}
		return n
	}
	kinds := map[string]int{}
	langs := map[string]int{}
	for _, c := range g.copies {
		kinds[c.kind]++
	}
	for _, s := range g.stories {
		langs[s.lang]++
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# syndex sample corpus\n\n")
	w("Generated by `indexer/samplegen` with a fixed seed; **do not edit by hand**. Regenerate from the module root with\n\n")
	w("    go run ./cmd/gensample            # writes testdata/sample\n    go run ./cmd/gensample -o DIR     # anywhere else\n\n")
	w("`go test ./indexer/samplegen/` fails when this folder differs from a fresh generation.\n\n")
	w("Everything here is invented: publishers, aggregators, people, companies and events are made up, and the text is\n")
	w("assembled from templates and word lists. Domains use the reserved `.example` TLD. Real place names, market indices,\n")
	w("cryptocurrencies and public institutions appear only as background vocabulary.\n\n")
	w("## Contents\n\n")
	w("%d original stories (%d en, %d de, %d fr) from %d publishers, %s .. %s, plus %d syndicated copies on %d aggregators\n",
		len(g.stories), langs["en"], langs["de"], langs["fr"], len(publishers),
		windowStart.Format("2006-01-02"), windowStart.AddDate(0, 0, windowDays-1).Format("2006-01-02"), len(g.copies), len(aggregators))
	w("(%d exact, %d with aggregator cruft, %d truncated, %d with one sentence edited). Every article is in exactly one file.\n\n",
		kinds[kindExact], kinds[kindCruft], kinds[kindTruncated], kinds[kindEdited])
	w("| file | articles | what |\n|---|---|---|\n")
	w("| `%s` | %d | JSON Lines in syndex's Article form (id, url, title, body, source, published, author, tags, lang): the originals of %s, and the aggregator copies not listed below |\n",
		fileJSONL, count(func(f string) bool { return f == fileJSONL }), jsonlPublishers())
	w("| `%s` | %d | RSS 2.0 feed of Harbor Ledger: `content:encoded` HTML in CDATA, plain-text `description` excerpt, `dc:creator`, `category`, `pubDate` in RFC 1123 with a named zone (EDT) |\n",
		fileRSS, count(func(f string) bool { return f == fileRSS }))
	w("| `%s` | %d | Atom feed of Northwind Wire: entity-escaped HTML `content`, `summary`, `category`, `author`, RFC 3339 `published`/`updated` at -07:00; bodies start with a dateline |\n",
		fileAtom, count(func(f string) bool { return f == fileAtom }))
	w("| `%s/*.html` | %d | saved article pages (Lakeshore Observer, and one NewsPulse Hub copy whose `rel=canonical` points at the original) with og:/article: meta, JSON-LD, nav, share, related and footer blocks |\n",
		dirPages, count(func(f string) bool { return strings.HasPrefix(f, dirPages+"/") }))
	w("| `%s/*.txt` | %d | aggregator reposts as a browser shows them: \"The post ... appeared on ...\" lead line, repeated title, `Source: <original url>`, price ticker, disclaimer, \"You May Also Like\" teasers with Share lines |\n",
		dirReposts, count(func(f string) bool { return strings.HasPrefix(f, dirReposts+"/") }))
	w("| `%s` | - | ground truth for near-duplicate tests (not an article file; syndex skips it) |\n\n", fileTruth)
	w("Tags come from one vocabulary of %d: %s.\n\n", len(allTags), strings.Join(allTags, ", "))
	w("## truth.tsv\n\nTab-separated, one header line, then one line per article, grouped by story:\n\n")
	w("- `key`: the article's `id` in %s; otherwise its URL (RSS `link`, Atom `link`, the page's `og:url`). ", fileJSONL)
	w("A repost .txt carries no URL of its own; its key is the URL it was saved from and `file` identifies it (one article per file).\n")
	w("- `story`: story id; an original and all its copies share it.\n")
	w("- `kind`: `original`, `exact` (same title and body), `cruft` (the story wrapped in aggregator cruft), `truncated` (first half of the paragraphs, then an ellipsis), `edited` (one sentence changed).\n")
	w("- `file`: path relative to this folder.\n\n")
	w("Copies are published 1 to 30 hours after their original, under their own ids and URLs.\n")
	w("Cruft copies in %s keep the page text below the headline as their body, as a scraper would store it.\n", fileJSONL)
	w("\nPublisher boilerplate is part of the originals, as in real feeds: Harbor Ledger's `content:encoded` ends with a\n")
	w("WordPress-style \"The post ... appeared first on Harbor Ledger.\" line and some items open with a captioned `<figure>`;\n")
	w("Northwind Wire bodies open with a dateline; some Blockfront bodies end with a \"Disclosure:\" paragraph.\n")
	g.files[fileReadme] = []byte(b.String())
	return nil
}

func jsonlPublishers() string {
	var names []string
	for _, p := range publishers {
		if p.format == fileJSONL {
			names = append(names, p.name)
		}
	}
	return strings.Join(names, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
