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
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/syndex/syndex/indexer/article"
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

// Article is one record in syndex's JSON Lines import format, so a written
// set can be indexed as it is. Bodies
// are paragraphs separated by "\n\n"; optional fields are omitted when
// empty. Originals carry the corpus text with whitespace runs inside a
// paragraph collapsed to one space, the form the truth paragraphs use.
type Article = article.Record

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
