// Package samplegen writes syndex's bundled sample corpus: a few hundred
// invented news articles from invented publishers, syndicated copies of some
// of them on invented aggregators (exact, with aggregator cruft, truncated,
// or with one sentence edited), spread over every input format syndex reads
// (JSON Lines, RSS 2.0, Atom, saved HTML pages, plain-text reposts), plus a
// truth.tsv that says which articles tell the same story.
//
// All text is generated from the templates and word lists in package
// sampledata with a fixed random seed, so the output is byte-identical on
// every run.
// Regenerate the committed copy with `go run ./cmd/gensample`.
package samplegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/syndex/syndex/indexer/samplegen/sampledata"
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
// The publisher and aggregator tables stay here rather than in sampledata
// because each entry's url func is generator logic: it reads the story or
// copy being written.
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
		name: "Alpine Courier", domain: "alpinecourier.example", format: fileJSONL, idPrefix: "ac", count: 44, foreign: len(sampledata.ForeignArticles),
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
