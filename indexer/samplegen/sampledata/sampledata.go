// Package sampledata is the invented vocabulary the sample corpus generator
// (package samplegen) writes its stories from: one English topic per tag,
// with story angles and sentence templates, the global word lists, and a few
// fixed German and French articles. It holds data only; expanding the
// templates, drawing from the lists and writing the files is samplegen's job.
// It lives apart so that the generator reads as logic and the data can be
// extended without wading through it.
//
// Templates use {slot} placeholders. samplegen looks a slot up, in order, in
// its numeric generators ({pct}, {money}...), its date-derived slots
// ({weekday}, {nextmonth}...), its invented-person slots ({person},
// {candidate}, {athlete}, drawn from FirstNames and LastNames), then the
// story angle's Slots, the topic's Slots, ForeignSlots and GlobalSlots. A
// trailing "2" or "3" asks for a different value from the same list ({org2}
// is never {org}). List values may themselves contain slots ({role} ->
// "chief executive of {org}").
//
// The output is seeded, so it depends on the order of every list here and
// on which lists exist: reordering, adding or removing an entry changes the
// generated corpus (which is fine, but then the committed copy under
// testdata/sample must be regenerated). Maps are only ever looked up by key,
// so their order does not matter.
package sampledata

import "slices"

// Angle is one kind of story within a topic (an earnings beat, a takeover,
// a strike...). Its titles and leads are written to go together, and its
// details only make sense for that kind of story, which is why they are kept
// apart from the topic's own lists.
type Angle struct {
	Titles   []string
	Leads    []string            // the story's opening sentence
	Details  []string            // used before the topic's details
	Quotes   []string            // used before the topic's quotes
	Outlooks []string            // preferred over the topic's outlooks
	Slots    map[string][]string // override the topic's lists
}

// Topic is everything needed to write English stories for one tag. Its own
// lists must fit every angle of the topic; only Context is also used for
// stories of other topics.
type Topic struct {
	Tag      string
	Related  []string // tags that may be added as secondary tags
	Slots    map[string][]string
	Angles   []Angle
	Details  []string // fit any story of the topic
	Quotes   []string
	Outlooks []string
	// Context sentences are used when the tag is a story's secondary tag
	// (and sometimes for its own stories). They are inserted verbatim, not
	// expanded, so they must contain no slots.
	Context []string
}

// AllTags is the shared tag vocabulary, in a fixed order. Every tag has a
// topic in Topics, and every tag a story carries is one of these.
var AllTags = []string{
	"markets", "crypto", "energy", "elections", "climate", "sports", "technology",
	"health", "science", "trade", "housing", "transport", "agriculture", "labor", "regulation",
}

// Topics are every English topic, one per tag in AllTags, in the fixed order
// generation draws them in (the order of the three files' lists is part of
// the seeded output). They are split across topics_*.go only to keep the
// files readable.
var Topics = slices.Concat(marketTopics, societyTopics, otherTopics)

// companyDetails are details shared by the markets angles about one listed
// company, so that each of those angles need not repeat them.
var companyDetails = []string{
	"Over the past twelve months the shares have gained {pct3}, outpacing the broader market.",
	"Analysts at {firm} raised their price target on the stock to ${price}.",
	"The stock trades at about {n2} times expected earnings, below its five-year average.",
	"Retail investors have poured money into the stock in recent weeks, with options activity reaching record levels.",
}
