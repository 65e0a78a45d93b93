package samplegen

import "slices"

// The English topics, one per tag in allTags. Angle details, quotes and
// outlooks are specific to one kind of story; the topic's own lists must fit
// every angle of the topic; context sentences have no slots and fit any
// story that touches the tag.

// Details shared by the markets angles about one listed company.
var companyDetails = []string{
	"Over the past twelve months the shares have gained {pct3}, outpacing the broader market.",
	"Analysts at {firm} raised their price target on the stock to ${price}.",
	"The stock trades at about {n2} times expected earnings, below its five-year average.",
	"Retail investors have poured money into the stock in recent weeks, with options activity reaching record levels.",
}

// topics are every English topic, in the fixed order generation draws them
// in (the order of the three files' lists is part of the seeded output). They
// are split across topics_*.go only to keep the files readable.
var topics = slices.Concat(marketTopics, societyTopics, otherTopics)
