// Package synteval builds a labelled evaluation set for syndex's handling of
// syndicated news (issue #6): real articles from the shared corpora
// (../shared/corpora/jsonl), copies of some of them on invented aggregators
// (exact, wrapped in cruft, truncated, lightly edited, retitled, under a
// tracking or AMP variant of the original URL), aggregator stories that are
// not copies, and Reuters earnings reports that share one template but are
// different stories. Every article comes with its truth: which story it
// tells, which lines were injected as cruft and which real paragraphs it
// carries. metrics.go scores a deduplication (pairwise precision/recall)
// and a cleaner (cruft removed, story text kept) against that truth.
//
// The set is built from a seed and the corpora alone, so the same seed gives
// the same set byte for byte; no corpus text is stored in the repository.
package synteval

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options choose the size and mix of the set. The zero value of every field
// but CorporaDir means its default.
type Options struct {
	// CorporaDir holds agnews.jsonl, bbc.jsonl, crypto.jsonl and
	// reuters.jsonl (../shared/corpora/jsonl). Required.
	CorporaDir string
	// Seed selects the set; equal seeds give equal sets. 0 means DefaultSeed.
	Seed uint64
	// Originals is the number of real stories with at least MinWords words
	// (default 1500).
	Originals int
	// CopiedShare is the share of originals that get 1-4 aggregator copies
	// (default 0.4).
	CopiedShare float64
	// Negatives is the minimum number of Reuters earnings reports included
	// as distinct stories (default 400; identical texts come as a whole group,
	// so the count can be a little higher).
	Negatives int
	// UniquePerAggregator is the number of stories each aggregator publishes
	// that appear nowhere else (default 30), so its boilerplate also shows up
	// on articles that are not copies.
	UniquePerAggregator int
	// MinWords is the minimum body length of an original (default 60).
	MinWords int
	// Files is the number of JSON Lines files WriteJSONL splits the set into
	// (default 3).
	Files int
}

// DefaultSeed is the seed used when Options.Seed is 0.
const DefaultSeed = 6

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Originals <= 0 {
		o.Originals = 1500
	}
	if o.CopiedShare <= 0 {
		o.CopiedShare = 0.4
	}
	o.CopiedShare = min(o.CopiedShare, 1)
	if o.Negatives <= 0 {
		o.Negatives = 400
	}
	if o.UniquePerAggregator <= 0 {
		o.UniquePerAggregator = 30
	}
	if o.MinWords <= 0 {
		o.MinWords = 60
	}
	if o.Files <= 0 {
		o.Files = 3
	}
	return o
}

// Variant says how an article came to be, so that scores can be broken down
// by the kind of copy that was missed or wrongly merged.
type Variant string

const (
	// VariantOriginal is a real story at its (invented) place of origin.
	VariantOriginal Variant = "original"
	// VariantNegative is a Reuters earnings report: one of hundreds of
	// near-identical template texts that are nevertheless different stories.
	VariantNegative Variant = "negative"
	// VariantUnique is an aggregator's story that no other site carries.
	VariantUnique Variant = "unique"
	// VariantExact is a copy with the original's title and body, byte for byte.
	VariantExact Variant = "exact"
	// VariantCruft is a copy wrapped in a full aggregator page: "The post …
	// appeared on …" lead, repeated title, Source line, widgets, disclaimer,
	// related-article teasers, plus the aggregator's boilerplate.
	VariantCruft Variant = "cruft"
	// VariantTruncated keeps the first 40-70% of the paragraphs (of the
	// sentences for stories of one or two paragraphs).
	VariantTruncated Variant = "truncated"
	// VariantEdited has one or two sentences lightly rewritten.
	VariantEdited Variant = "edited"
	// VariantRetitled has a prefixed or suffixed title ("… | NewsPulse").
	VariantRetitled Variant = "retitled"
	// VariantURL is published under a variant of the original's URL
	// (utm_*/fbclid parameters, www., trailing slash, AMP, http).
	VariantURL Variant = "url"
)

// CopyVariants lists the variants of aggregator copies.
var CopyVariants = []Variant{VariantExact, VariantCruft, VariantTruncated, VariantEdited, VariantRetitled, VariantURL}

// CruftKind tells generic syndication cruft from one site's own template,
// because a cleaner can remove the first by pattern but must learn the second.
type CruftKind string

const (
	// CruftPattern is generic cruft of the kinds clean.CleanBody targets:
	// "The post … appeared (first) on …", a repeated title or lead, "Source:"
	// lines, disclaimers, share and ticker widgets, related-article blocks,
	// truncation markers ("Read more", "…").
	CruftPattern CruftKind = "pattern"
	// CruftBoilerplate is a fixed line of one aggregator's template (or its
	// semi-fixed "N min read" line), repeated on its articles.
	CruftBoilerplate CruftKind = "boilerplate"
)

// CruftLine is one injected line, exactly as it was put into the body.
type CruftLine struct {
	Text string    `json:"text"`
	Kind CruftKind `json:"kind"`
}

// Article is one record in syndex's JSON Lines import format (the fields of
// indexer's jsonlRecord), so a written set can be indexed as it is. Bodies
// are paragraphs separated by "\n\n"; optional fields are omitted when
// empty. Originals carry the corpus text with whitespace runs inside a
// paragraph collapsed to one space, the form the truth paragraphs use.
type Article struct {
	ID           string   `json:"id"`
	URL          string   `json:"url"`
	CanonicalURL string   `json:"canonical_url,omitempty"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Summary      string   `json:"summary,omitempty"`
	Source       string   `json:"source"`
	SourceDomain string   `json:"source_domain"`
	Author       string   `json:"author,omitempty"`
	Published    string   `json:"published,omitempty"` // RFC 3339, UTC
	Tags         []string `json:"tags,omitempty"`
	Lang         string   `json:"lang"`
}

// Truth is what is known about one article.
type Truth struct {
	ID string `json:"id"`
	// Story is the group id: articles with equal Story tell the same story.
	Story   string  `json:"story"`
	Variant Variant `json:"variant"`
	// Origin is the id of the corpus record the story text comes from.
	Origin string `json:"origin"`
	// Aggregator is the invented site that published the article, if any.
	Aggregator string `json:"aggregator,omitempty"`
	// Original is the article id of the story's original, for copies.
	Original string `json:"original,omitempty"`
	// URLVariant names the URL changes of a VariantURL copy ("utm+www").
	URLVariant string `json:"url_variant,omitempty"`
	// Canonical is set when the copy's canonical_url points at the original.
	Canonical bool `json:"canonical,omitempty"`
	// Paragraphs are the real story paragraphs in the body, in order, after
	// truncation and edits. A truncation ellipsis appended to the last one
	// (" …", " […]") is neither story text nor cruft.
	Paragraphs []string `json:"paragraphs"`
	// Cruft are the injected lines, in body order.
	Cruft []CruftLine `json:"cruft,omitempty"`
}

// AggregatorInfo describes one invented aggregator of the set.
type AggregatorInfo struct {
	Name   string
	Domain string
	// Boilerplate are its fixed template lines (empty for a mirror site).
	Boilerplate []string
}

// Set is a generated evaluation set.
type Set struct {
	// Articles in file order: shuffled, so a copy may come before its original.
	Articles []Article
	// Truth by article id.
	Truth       map[string]*Truth
	Aggregators []AggregatorInfo
	files       int
}

// Stories returns the truth grouping (article id -> story id), the input
// PairwiseScores expects.
func (s *Set) Stories() map[string]string {
	m := make(map[string]string, len(s.Truth))
	for id, t := range s.Truth {
		m[id] = t.Story
	}
	return m
}

// Counts returns the number of articles of each variant.
func (s *Set) Counts() map[Variant]int {
	m := map[Variant]int{}
	for _, t := range s.Truth {
		m[t.Variant]++
	}
	return m
}

// WriteJSONL writes the articles, in set order, into Options.Files files
// named synteval-1.jsonl, synteval-2.jsonl ... in dir (created if missing),
// ready for `syndex index dir`. The truth is not written there: syndex would
// import it as articles (see WriteTruth).
func (s *Set) WriteJSONL(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := max(1, min(s.files, len(s.Articles)))
	for f := 0; f < n; f++ {
		lo, hi := f*len(s.Articles)/n, (f+1)*len(s.Articles)/n
		if err := writeLines(filepath.Join(dir, fmt.Sprintf("synteval-%d.jsonl", f+1)), len(s.Articles[lo:hi]), func(i int) any { return s.Articles[lo+i] }); err != nil {
			return err
		}
	}
	return nil
}

// WriteTruth writes one Truth per line, in set order, to path.
func (s *Set) WriteTruth(path string) error {
	return writeLines(path, len(s.Articles), func(i int) any { return s.Truth[s.Articles[i].ID] })
}

func writeLines(path string, n int, rec func(int) any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for i := 0; i < n && err == nil; i++ {
		err = enc.Encode(rec(i))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Generate builds the set described by opts from the corpora. It reads the
// corpora on every call (about 28 MB, decoded in parallel) rather than
// caching them, so that a set is a function of the seed and the files alone.
func Generate(opts Options) (*Set, error) {
	o := opts.withDefaults()
	if o.CorporaDir == "" {
		return nil, errors.New("synteval: Options.CorporaDir is required")
	}
	docs, err := loadCorpora(o.CorporaDir)
	if err != nil {
		return nil, err
	}
	g := &gen{o: o, r: rand.New(rand.NewPCG(o.Seed, 0x73796e6576616c)), dup: newDupIndex()}
	if err := g.selectOriginals(docs); err != nil {
		return nil, err
	}
	if err := g.selectNegatives(docs["reuters"]); err != nil {
		return nil, err
	}
	g.makeCopies()
	g.makeUniques(docs["crypto"])
	return g.finish(), nil
}

// ---------------------------------------------------------------- generation

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

// ---------------------------------------------------------------- text changes

// truncate keeps the first 40-70% of the paragraphs, or of the sentences
// when there are fewer than three paragraphs, and always drops something.
func (g *gen) truncate(paras []string) []string {
	frac := 0.4 + 0.3*g.r.Float64()
	keep := func(n int) int { return max(1, min(n-1, int(math.Round(frac*float64(n))))) }
	if len(paras) >= 3 {
		return slices.Clone(paras[:keep(len(paras))])
	}
	type sent struct {
		para int
		text string
	}
	var sents []sent
	for i, p := range paras {
		for _, s := range splitSentences(p) {
			sents = append(sents, sent{i, s})
		}
	}
	if len(sents) < 2 {
		w := strings.Fields(paras[0])
		return []string{strings.Join(w[:keep(len(w))], " ")}
	}
	var out []string
	for i, s := range sents[:keep(len(sents))] {
		if i > 0 && sents[i-1].para == s.para {
			out[len(out)-1] += " " + s.text
		} else {
			out = append(out, s.text)
		}
	}
	return out
}

// splitSentences splits a one-line paragraph after ".", "!" or "?" (and a
// closing quote) followed by a space and a capital, digit or quote. Joining
// the parts with single spaces gives the paragraph back.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == '\'' || p[j] == ')') {
			j++
		}
		for _, q := range []string{"”", "’"} {
			if strings.HasPrefix(p[j:], q) {
				j += len(q)
			}
		}
		if j+1 < len(p) && p[j] == ' ' {
			r, _ := utf8.DecodeRuneInString(p[j+1:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '\'' {
				out = append(out, p[start:j])
				start = j + 1
				i = j
			}
		}
	}
	return append(out, p[start:])
}

// wordSwaps are the light rewrites of an edited copy: tense, spelled-out
// units, near synonyms.
var wordSwaps = [][2]string{
	{"said", "says"}, {"says", "said"}, {"pct", "percent"}, {"percent", "per cent"}, {"mln", "million"},
	{"billion", "bln"}, {"dlrs", "dollars"}, {"company", "firm"}, {"firm", "company"},
	{"government", "administration"}, {"expected", "anticipated"}, {"announced", "said"},
	{"about", "around"}, {"rose", "climbed"}, {"fell", "dropped"}, {"big", "large"}, {"large", "big"},
	{"also", "additionally"}, {"week", "seven days"}, {"told", "informed"}, {"people", "individuals"},
}

var sentenceStarters = []string{"The", "It", "He", "She", "They", "This", "A", "An", "But", "In", "Its", "We", "There"}

// edit rewrites one or two sentences of longer-than-five words: a word swap,
// a dropped trailing clause or a "Meanwhile, " opener.
func (g *gen) edit(paras []string) []string {
	out := slices.Clone(paras)
	type loc struct{ p, s int }
	var cands []loc
	split := make([][]string, len(out))
	for i, p := range out {
		split[i] = splitSentences(p)
		for j, s := range split[i] {
			if len(strings.Fields(s)) > 5 {
				cands = append(cands, loc{i, j})
			}
		}
	}
	g.r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	want := 1 + g.r.IntN(2)
	done := 0
	for _, c := range cands {
		if done == want {
			break
		}
		if e, ok := g.editSentence(split[c.p][c.s]); ok {
			split[c.p][c.s] = e
			done++
		}
	}
	if done == 0 { // no sentence fits: insert a word after the first one
		w := strings.Fields(split[0][0])
		split[0][0] = strings.Join(slices.Insert(w, 1, "reportedly"), " ")
	}
	for i := range out {
		out[i] = strings.Join(split[i], " ")
	}
	return out
}

func (g *gen) editSentence(s string) (string, bool) {
	for _, op := range g.r.Perm(3) {
		switch op {
		case 0:
			for _, k := range g.r.Perm(len(wordSwaps)) {
				if e, ok := replaceWord(s, wordSwaps[k][0], wordSwaps[k][1]); ok {
					return e, true
				}
			}
		case 1:
			end := s[len(s)-1]
			i := strings.LastIndex(s, ", ")
			if (end == '.' || end == '!' || end == '?') && i > len(s)/2 && i < len(s)-15 {
				return s[:i] + string(end), true
			}
		case 2:
			first, rest, ok := strings.Cut(s, " ")
			if ok && slices.Contains(sentenceStarters, first) {
				return "Meanwhile, " + strings.ToLower(first) + " " + rest, true
			}
		}
	}
	return s, false
}

// replaceWord replaces the first whole-word, case-sensitive occurrence.
func replaceWord(s, old, new string) (string, bool) {
	for off := 0; ; {
		i := strings.Index(s[off:], old)
		if i < 0 {
			return s, false
		}
		i += off
		j := i + len(old)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return s[:i] + new + s[j:], true
		}
		off = j
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

func (g *gen) retitle(title string, a *aggregator) string {
	if g.chance(0.6) {
		switch {
		case a.titleSuffix != "":
			return title + a.titleSuffix
		case a.titlePrefix != "":
			return a.titlePrefix + title
		}
	}
	switch g.r.IntN(4) {
	case 0:
		return "BREAKING: " + title
	case 1:
		return "UPDATE: " + title
	case 2:
		return title + " (Report)"
	}
	return title + " | " + a.name
}

// urlVariant spells the original's URL another way, as tracking links,
// AMP pages and careless copies do. It returns the URL and the changes made.
func (g *gen) urlVariant(raw string, a *aggregator) (string, string) {
	kinds := []string{"utm", "fbclid", "www", "slash", "amp", "http"}
	g.r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	kinds = kinds[:1+g.r.IntN(2)]
	slices.Sort(kinds)
	if slices.Contains(kinds, "amp") && slices.Contains(kinds, "slash") {
		kinds = slices.DeleteFunc(kinds, func(k string) bool { return k == "slash" })
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw + "?utm_source=" + strings.ToLower(a.short), "utm"
	}
	addQuery := func(q string) {
		if u.RawQuery != "" {
			u.RawQuery += "&"
		}
		u.RawQuery += q
	}
	for _, k := range kinds {
		switch k {
		case "utm":
			addQuery("utm_source=" + strings.ToLower(a.short) + "&utm_medium=" + []string{"rss", "social", "referral"}[g.r.IntN(3)] + "&utm_campaign=syndication")
		case "fbclid":
			const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
			b := []byte("IwAR")
			for range 40 {
				b = append(b, alnum[g.r.IntN(len(alnum))])
			}
			addQuery("fbclid=" + string(b))
		case "www":
			if h, ok := strings.CutPrefix(u.Host, "www."); ok {
				u.Host = h
			} else {
				u.Host = "www." + u.Host
			}
		case "slash":
			if p, ok := strings.CutSuffix(u.Path, "/"); ok {
				u.Path = p
			} else {
				u.Path += "/"
			}
		case "amp":
			switch g.r.IntN(3) {
			case 0:
				u.Path = strings.TrimSuffix(u.Path, "/") + "/amp"
			case 1:
				u.Host = "amp." + strings.TrimPrefix(u.Host, "www.")
			default:
				addQuery("outputType=amp")
			}
		case "http":
			u.Scheme = "http"
		}
	}
	return u.String(), strings.Join(kinds, "+")
}

// cutWords cuts s to at most n bytes at a word boundary.
func cutWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:")
}

// periodRe finds the period an earnings headline reports on.
var periodRe = regexp.MustCompile(`\b(1ST|2ND|3RD|4TH|FIRST|SECOND|THIRD|FOURTH) (QTR|QUARTER|HALF)\b|\b(YEAR|NINE MTHS|SIX MTHS|NINE MONTHS|SIX MONTHS)\b`)

// periodOf returns the period of an earnings headline ("4TH QTR", "YEAR"),
// or "" when it names none.
func periodOf(title string) string { return periodRe.FindString(strings.ToUpper(title)) }

// SameReport reports whether two earnings reports of one company are the
// same report sent twice (the truth of the negatives, and what story
// detection may merge among them): at least half (and at least 2) of the figures of
// four or more digits of the one with fewer appear in the other, or 60% (at
// least 3) of all its figures do. Two periods' reports share almost none.
func SameReport(a, b string) bool {
	overlap := func(minDigits, minShared int, share float64) bool {
		fa, fb := figures(a, minDigits), figures(b, minDigits)
		if len(fa) > len(fb) {
			fa, fb = fb, fa
		}
		n := 0
		for f := range fa {
			if fb[f] {
				n++
			}
		}
		return n >= minShared && float64(n) >= share*float64(len(fa))
	}
	return overlap(4, 2, 0.5) || overlap(1, 3, 0.6)
}

// figures returns the tokens of s with at least minDigits digits
// ("2,665,000", "24.3"), trimmed of surrounding punctuation.
func figures(s string, minDigits int) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,;:()<>\"'")
		digits := 0
		for _, c := range w {
			if '0' <= c && c <= '9' {
				digits++
			}
		}
		if digits >= minDigits {
			m[w] = true
		}
	}
	return m
}
