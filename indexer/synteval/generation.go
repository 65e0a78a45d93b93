package synteval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Generation: picking originals and negatives from the corpora, making their
// copies on the invented aggregators, and the unique articles around them.

// gen is the state of one Generate run: its options, random source and the
// set being built.
type gen struct {
	o       Options
	r       *rand.Rand
	dup     *dupIndex
	stories []*story // originals, in selection order
	items   []*item
	rest    []*doc // eligible general texts not used as originals
	nStory  int
	nURL    int
}

// story is an original and what its copies need of it.
type story struct {
	d                          *doc
	it                         *item
	title, url, source, domain string
	author                     string
	tags                       []string
	pub                        time.Time
	slug                       string
	finance                    bool // fits a finance or crypto aggregator
}

type item struct {
	art   Article
	truth Truth
	orig  *item // copies: the original
}

func (g *gen) newStoryID() string {
	g.nStory++
	return fmt.Sprintf("s%05d", g.nStory)
}

// selectOriginals picks the originals: BBC and AG News stories up to a share
// each (AG News has few long texts), Reuters for the rest, skipping tables
// and texts that repeat one already picked.
func (g *gen) selectOriginals(docs map[string][]*doc) error {
	pools := map[string][]*doc{}
	for _, c := range []string{"reuters", "bbc", "agnews"} {
		for _, d := range docs[c] {
			if d.words >= g.o.MinWords && d.Title != "" && d.class == classText {
				pools[c] = append(pools[c], d)
			}
		}
		g.r.Shuffle(len(pools[c]), func(i, j int) { pools[c][i], pools[c][j] = pools[c][j], pools[c][i] })
	}
	n := g.o.Originals
	quota := map[string]int{"agnews": n * 8 / 100, "bbc": n * 35 / 100}
	quota["reuters"] = n - quota["agnews"] - quota["bbc"]
	var picked []*doc
	used := map[*doc]bool{}
	take := func(c string, want int) {
		for _, d := range pools[c] {
			if want <= 0 {
				break
			}
			if !used[d] && g.dup.admit(d.paras) {
				used[d] = true
				picked = append(picked, d)
				want--
			}
		}
	}
	for _, c := range []string{"agnews", "bbc", "reuters"} {
		take(c, quota[c])
	}
	for _, c := range []string{"reuters", "bbc", "agnews"} { // a short corpus: fill up
		take(c, n-len(picked))
	}
	if len(picked) < n {
		return fmt.Errorf("synteval: only %d originals of %d words or more, %d asked", len(picked), g.o.MinWords, n)
	}
	for _, c := range []string{"reuters", "bbc", "agnews"} {
		for _, d := range pools[c] {
			if !used[d] {
				g.rest = append(g.rest, d)
			}
		}
	}
	g.r.Shuffle(len(g.rest), func(i, j int) { g.rest[i], g.rest[j] = g.rest[j], g.rest[i] })
	for _, d := range picked {
		s := g.newStory(d)
		g.stories = append(g.stories, s)
		it := &item{
			art: Article{URL: s.url, Title: s.title, Body: d.body(), Source: s.source, SourceDomain: s.domain,
				Author: s.author, Published: rfc3339(s.pub), Tags: s.tags, Lang: "en"},
			truth: Truth{Story: g.newStoryID(), Variant: VariantOriginal, Origin: d.ID, Paragraphs: slices.Clone(d.paras)},
		}
		if g.r.IntN(4) == 0 {
			it.art.CanonicalURL = s.url // a self-canonical link, as most sites have
		}
		s.it = it
		g.items = append(g.items, it)
	}
	return nil
}

var (
	bbcStart    = time.Date(2004, 9, 1, 0, 0, 0, 0, time.UTC)
	agnewsStart = time.Date(2004, 7, 1, 0, 0, 0, 0, time.UTC)
	reutersDay  = time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC)
)

// newStory gives a corpus text the place of origin the corpora lack: the
// record's URL and source where it has them, else an invented .example URL
// under the publisher's name, and a date in the corpus's period when the
// record has none.
func (g *gen) newStory(d *doc) *story {
	s := &story{d: d, title: d.Title, source: d.Source, author: d.Author, tags: d.Tags, slug: slugify(d.Title, d.ID)}
	if t, err := time.Parse(time.RFC3339, d.Published); err == nil {
		s.pub = t.UTC()
	}
	randTime := func(start time.Time, days int) time.Time {
		return start.Add(time.Duration(g.r.IntN(days*24*60)) * time.Minute)
	}
	switch d.corpus {
	case "reuters":
		if s.pub.IsZero() {
			s.pub = randTime(reutersDay, 60)
		}
		s.domain = "reuters.example"
		s.url = fmt.Sprintf("https://www.reuters.example/article/%s/%s-id%s", s.pub.Format("2006/01/02"), s.slug, strings.TrimPrefix(d.ID, "reuters-"))
		s.finance = true
	case "bbc":
		s.pub = randTime(bbcStart, 300)
		cat, num, _ := strings.Cut(strings.TrimPrefix(d.ID, "bbc-"), "-")
		s.domain = "news.bbc.example"
		s.url = fmt.Sprintf("https://news.bbc.example/2/hi/%s/%s%s.stm", cat, s.pub.Format("0601"), num)
		s.finance = cat == "business"
	case "agnews":
		s.pub = randTime(agnewsStart, 180)
		// AG News credits the wire in the title: "... (AP)", "(Reuters)".
		if i := strings.LastIndexByte(d.Title, '('); i > 0 && strings.HasSuffix(d.Title, ")") {
			if src := d.Title[i+1 : len(d.Title)-1]; len(src) > 1 && len(src) < 30 {
				s.source = src
			}
		}
		s.domain = domainOf(s.source)
		s.url = "https://www." + s.domain + "/" + s.slug
		s.finance = slices.Contains(d.Tags, "Business") || slices.Contains(d.Tags, "Sci/Tech")
	default: // crypto
		s.domain = domainOf(s.source)
		s.url = d.URL
		if s.url == "" {
			s.url = "https://www." + s.domain + "/" + s.slug
		}
		s.finance = true
	}
	return s
}

// domainOf invents a publisher's host: "SPACE.com" -> "space.example",
// "BBC News" -> "bbcnews.example".
func domainOf(source string) string {
	s := strings.ToLower(source)
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "news.example"
	}
	return b.String() + ".example"
}

// slugify makes a URL slug of at most 8 words from a title.
func slugify(title, fallback string) string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range strings.ToLower(title) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else if r != '\'' {
			flush()
		}
	}
	flush()
	if len(words) == 0 {
		return strings.ToLower(fallback)
	}
	return strings.Join(words[:min(8, len(words))], "-")
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// selectNegatives adds Reuters earnings reports, each its own story except
// texts identical after whitespace normalisation (the wire sent a few twice,
// sometimes under another headline), which share one. Those identical texts
// all go in, so that the set also asks for merges among templates; of the
// rest, about half come from companies with several reports, which differ
// in little but numbers and period.
func (g *gen) selectNegatives(reuters []*doc) error {
	byText := map[string][]*doc{}
	byCompany := map[string][]*doc{}
	var companies []string
	var repeated [][]*doc
	for _, d := range reuters {
		if d.class != classEarnings {
			continue
		}
		k := strings.Join(d.paras, " ")
		byText[k] = append(byText[k], d)
		c := companyOf(d.Title)
		if byCompany[c] == nil {
			companies = append(companies, c)
		}
		byCompany[c] = append(byCompany[c], d)
	}
	seen := map[string]bool{}
	for _, d := range reuters {
		if k := strings.Join(d.paras, " "); d.class == classEarnings && len(byText[k]) > 1 && !seen[k] {
			seen[k] = true
			repeated = append(repeated, byText[k])
		}
	}
	g.r.Shuffle(len(companies), func(i, j int) { companies[i], companies[j] = companies[j], companies[i] })
	var multi, single []string
	for _, c := range companies {
		if len(byCompany[c]) > 1 {
			multi = append(multi, c)
		} else {
			single = append(single, c)
		}
	}
	count := 0
	added := map[*doc]bool{}
	addGroup := func(docs []*doc) {
		sid := g.newStoryID()
		for _, e := range docs {
			added[e] = true
			s := g.newStory(e)
			g.items = append(g.items, &item{
				art: Article{URL: s.url, Title: s.title, Body: e.body(), Source: s.source, SourceDomain: s.domain,
					Author: s.author, Published: rfc3339(s.pub), Tags: s.tags, Lang: "en"},
				truth: Truth{Story: sid, Variant: VariantNegative, Origin: e.ID, Paragraphs: slices.Clone(e.paras)},
			})
			count++
		}
	}
	// A company's reports that share their figures are one report sent
	// again: a repeat ("RPT-"), a correction ("CORRECTED-") or an update
	// with the period spelled out. They are one story, like identical texts.
	addCompany := func(c string) {
		docs := byCompany[c]
		for i, d := range docs {
			if added[d] {
				continue
			}
			group := slices.Clone(byText[strings.Join(d.paras, " ")])
			for _, e := range docs[i+1:] {
				if !added[e] && !slices.Contains(group, e) && periodOf(d.Title) == periodOf(e.Title) && SameReport(d.body(), e.body()) {
					group = append(group, byText[strings.Join(e.paras, " ")]...)
				}
			}
			addGroup(group)
		}
	}
	for _, docs := range repeated {
		if count < g.o.Negatives/4 {
			addGroup(docs)
		}
	}
	mi := 0
	for ; mi < len(multi) && count < g.o.Negatives/2; mi++ {
		addCompany(multi[mi])
	}
	for _, c := range single {
		if count >= g.o.Negatives {
			break
		}
		addCompany(c)
	}
	for ; mi < len(multi) && count < g.o.Negatives; mi++ {
		addCompany(multi[mi])
	}
	if count < g.o.Negatives {
		return fmt.Errorf("synteval: only %d earnings reports, %d asked", count, g.o.Negatives)
	}
	return nil
}

// companyOf keys an earnings headline by its ticker ("<CBCO>") or, without
// one, its first two words.
func companyOf(title string) string {
	if i := strings.IndexByte(title, '<'); i >= 0 {
		if j := strings.IndexByte(title[i:], '>'); j > 0 {
			return title[i : i+j+1]
		}
	}
	f := strings.Fields(title)
	return strings.Join(f[:min(2, len(f))], " ")
}

// copiesDist is the distribution of the number of copies of a copied story.
var copiesDist = []int{45, 30, 15, 10} // 1, 2, 3, 4 copies

func (g *gen) makeCopies() {
	order := slices.Clone(g.stories)
	g.r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	n := int(math.Round(g.o.CopiedShare * float64(len(order))))
	for _, s := range order[:n] {
		k := 1 + pickWeighted(g.r, copiesDist)
		var cands []*aggregator
		for _, a := range aggregators {
			if s.finance || (!a.crypto && !a.finance) {
				cands = append(cands, a)
			}
		}
		g.r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
		for _, a := range cands[:min(k, len(cands))] {
			ws := make([]int, len(a.variants))
			for i, v := range a.variants {
				ws[i] = v.w
			}
			g.makeCopy(s, a, a.variants[pickWeighted(g.r, ws)].v)
		}
	}
}

func pickWeighted(r *rand.Rand, ws []int) int {
	sum := 0
	for _, w := range ws {
		sum += w
	}
	x := r.IntN(sum)
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// makeCopy adds one aggregator copy of story s.
func (g *gen) makeCopy(s *story, a *aggregator, v Variant) {
	g.nURL++
	pub := s.pub.Add(time.Duration(10+g.r.IntN(36*60)) * time.Minute)
	it := &item{orig: s.it, truth: Truth{Story: s.it.truth.Story, Variant: v, Origin: s.d.ID, Aggregator: a.name}}
	art := Article{
		URL: a.url(s.slug, g.nURL, pub), Title: s.title, Source: a.name, SourceDomain: a.domain,
		Published: rfc3339(pub), Lang: "en",
	}
	if g.chance(0.03) {
		art.Published = ""
	}
	if g.chance(0.7) {
		art.Tags = s.tags
	}
	switch x := g.r.Float64(); {
	case x < 0.5:
		art.Author = s.author
	case x < 0.75:
		art.Author = a.staff
	}
	paras := s.d.paras
	level := cruftNone
	if v != VariantExact && g.chance(0.35) {
		level = cruftLight
	}
	ellipsis := ""
	var marker *CruftLine
	switch v {
	case VariantCruft:
		level = cruftHeavy
	case VariantTruncated:
		paras = g.truncate(paras)
		switch g.r.IntN(4) {
		case 0:
			ellipsis = []string{" …", " […]", " ..."}[g.r.IntN(3)]
		case 1:
			marker = &CruftLine{truncMarkers[g.r.IntN(len(truncMarkers))], CruftPattern}
		case 2:
			if !a.mirror() {
				marker = &CruftLine{"Read more at " + a.name, CruftBoilerplate}
			}
		}
	case VariantEdited:
		paras = g.edit(paras)
	case VariantRetitled:
		art.Title = g.retitle(s.title, a)
	case VariantURL:
		art.URL, it.truth.URLVariant = g.urlVariant(s.url, a)
	}
	if g.chance(0.3) {
		art.CanonicalURL = s.url
		it.truth.Canonical = true
	}
	if a.summary && v != VariantExact {
		art.Summary = cutWords(paras[0], 140+g.r.IntN(80)) + "…"
	}
	pg := &page{}
	g.compose(pg, a, s, paras, composeOpts{
		boiler: v != VariantExact && !a.mirror(), level: level, ellipsis: ellipsis, marker: marker,
	})
	art.Body, it.truth.Paragraphs, it.truth.Cruft = pg.render()
	it.art = art
	g.items = append(g.items, it)
}

// makeUniques gives every aggregator stories of its own: crypto news for the
// crypto sites (the crypto corpus has only short teasers, so they are below
// MinWords), left-over general texts for the others.
func (g *gen) makeUniques(crypto []*doc) {
	// Crypto texts that occur once: the corpus repeats digest teasers
	// ("Get your daily, bite-sized digest ...") under many titles.
	seen := map[string]int{}
	for _, d := range crypto {
		seen[d.body()]++
	}
	var cpool []*doc
	for _, d := range crypto {
		if d.words >= 15 && d.Title != "" && seen[d.body()] == 1 {
			cpool = append(cpool, d)
		}
	}
	g.r.Shuffle(len(cpool), func(i, j int) { cpool[i], cpool[j] = cpool[j], cpool[i] })
	next := func(pool *[]*doc) *doc {
		for len(*pool) > 0 {
			d := (*pool)[0]
			*pool = (*pool)[1:]
			if g.dup.admit(d.paras) {
				return d
			}
		}
		return nil
	}
	for _, a := range aggregators {
		for i := 0; i < g.o.UniquePerAggregator; i++ {
			pool := &g.rest
			if a.crypto && i%3 != 0 {
				pool = &cpool
			}
			d := next(pool)
			if d == nil {
				break
			}
			s := g.newStory(d)
			g.nURL++
			pub := s.pub.Add(time.Duration(10+g.r.IntN(12*60)) * time.Minute)
			it := &item{truth: Truth{Story: g.newStoryID(), Variant: VariantUnique, Origin: d.ID, Aggregator: a.name}}
			art := Article{URL: a.url(s.slug, g.nURL, pub), Title: s.title, Source: a.name, SourceDomain: a.domain,
				Author: a.staff, Published: rfc3339(pub), Tags: s.tags, Lang: "en"}
			level := cruftNone
			switch x := g.r.Float64(); {
			case x < 0.2:
				level = cruftHeavy
			case x < 0.6:
				level = cruftLight
			}
			if a.summary {
				art.Summary = cutWords(d.paras[0], 140+g.r.IntN(80)) + "…"
			}
			pg := &page{}
			g.compose(pg, a, s, d.paras, composeOpts{boiler: !a.mirror(), level: level})
			art.Body, it.truth.Paragraphs, it.truth.Cruft = pg.render()
			it.art = art
			g.items = append(g.items, it)
		}
	}
}

// finish shuffles the articles, gives them opaque ids in file order (ids
// say nothing about stories) and indexes the truth.
func (g *gen) finish() *Set {
	g.r.Shuffle(len(g.items), func(i, j int) { g.items[i], g.items[j] = g.items[j], g.items[i] })
	set := &Set{Truth: make(map[string]*Truth, len(g.items)), files: g.o.Files}
	for i, it := range g.items {
		it.art.ID = fmt.Sprintf("ev%05d", i+1)
		it.truth.ID = it.art.ID
	}
	for _, it := range g.items {
		if it.orig != nil {
			it.truth.Original = it.orig.art.ID
		}
		set.Articles = append(set.Articles, it.art)
		set.Truth[it.art.ID] = &it.truth
	}
	for _, a := range aggregators {
		info := AggregatorInfo{Name: a.name, Domain: a.domain}
		info.Boilerplate = slices.Concat(a.top, a.bottom)
		if a.mid != "" {
			info.Boilerplate = append(info.Boilerplate, a.mid)
		}
		set.Aggregators = append(set.Aggregators, info)
	}
	return set
}
