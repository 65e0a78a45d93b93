package searchsvc

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/syndex/syndex/indexer"
)

// Facets are the counts that let a page refine a search. The source and tag
// facets are disjunctive: each counts the matches under every filter except
// its own, so that with source=A selected the source facet still offers B
// with the number "A or B" would add. The published facet counts under all
// filters, dates included, so that it drills down (years, then months,
// then days) as the date range narrows. All counts are exact.
type Facets struct {
	// Counts says what the counts count: CountStories (a story counts once
	// per value any of its matching copies has) or CountArticles.
	Counts    string     `json:"counts"`
	Source    *TermFacet `json:"source,omitempty"`
	Tag       *TermFacet `json:"tag,omitempty"`
	Published *DateFacet `json:"published,omitempty"`
}

// TermFacet counts the values of a keyword field.
type TermFacet struct {
	// Values are the top values by count (facet_size of them), then every
	// selected value that is not among them.
	Values []FacetValue `json:"values"`
	// Other counts the matches of values left out; Missing the matches
	// without any value.
	Other   int `json:"other"`
	Missing int `json:"missing"`
}

// FacetValue is one value of a term facet.
type FacetValue struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// DateFacet is the published facet: a histogram whose bucket size follows
// the span of the matches, and fixed ranges ending now.
type DateFacet struct {
	// Interval is the bucket size: day, week (ISO, from Monday), month or
	// year.
	Interval string       `json:"interval"`
	Buckets  []DateBucket `json:"buckets"`
	Ranges   []DateRange  `json:"ranges"`
	// Undated counts the matches without a publication date.
	Undated int `json:"undated"`
}

// DateBucket is one histogram bucket; Start and End are inclusive days.
type DateBucket struct {
	Key   string `json:"key"`
	Start string `json:"start"`
	End   string `json:"end"`
	Count int    `json:"count"`
}

// DateRange counts the matches published since From.
type DateRange struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	From  string `json:"from"`
	Count int    `json:"count"`
}

// maxFilledBuckets bounds the histogram: beyond it, empty buckets between
// the first and last match are left out.
const maxFilledBuckets = 400

// facets builds the requested facets from the counters of a search.
func (s *Service) facets(p *plan, r *Request, now time.Time) *Facets {
	if !p.countSrc && !p.countTag && !p.countPub {
		return nil
	}
	f := &Facets{Counts: CountArticles}
	if p.collapse {
		f.Counts = CountStories
	}
	c := p.cols
	if p.countSrc {
		f.Source = termFacet(c.sources, p.srcCounts, p.srcMissing, p.srcSel, r.Sources, r.FacetSize)
	}
	if p.countTag {
		f.Tag = termFacet(c.tags, p.tagCounts, p.tagMissing, p.tagSel, r.Tags, r.FacetSize)
	}
	if p.countPub {
		counts, interval := p.dayCounts, r.Interval
		if len(p.stories.pub) > 0 {
			// Copies of multi-copy stories count once per story and bucket,
			// so the bucket size is settled first, over all matching days.
			counts = slices.Clone(p.dayCounts)
			for _, d := range p.stories.pub {
				if day := c.dayOrd[d]; day >= 0 {
					counts[day]++
				}
			}
			interval = resolveInterval(c.days, counts, interval)
			copy(counts, p.dayCounts)
			p.foldStoryDays(counts, interval)
		}
		f.Published = dateFacet(c.days, counts, interval)
		f.Published.Undated = p.undated
		for i, fr := range fixedRanges {
			f.Published.Ranges = append(f.Published.Ranges, DateRange{
				Key: fr.key, Label: fr.label, Count: p.rangeCounts[i],
				From: now.Add(-fr.d).UTC().Format(time.RFC3339),
			})
		}
	}
	return f
}

// termFacet turns counts by ordinal into the top values, plus the selected
// values wherever they rank (with a zero count when unknown to the index).
func termFacet(names []string, counts []int, missing int, sel []bool, selected []string, size int) *TermFacet {
	all := make([]FacetValue, 0, len(names))
	for o, n := range counts {
		if n > 0 || (sel != nil && sel[o]) {
			all = append(all, FacetValue{Value: names[o], Count: n, Selected: sel != nil && sel[o]})
		}
	}
	slices.SortFunc(all, func(a, b FacetValue) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
	tf := &TermFacet{Missing: missing, Values: []FacetValue{}}
	for i, v := range all {
		switch {
		case i < size:
			tf.Values = append(tf.Values, v)
		case v.Selected:
			tf.Values = append(tf.Values, v)
		default:
			tf.Other += v.Count
		}
	}
	for _, v := range selected {
		if !slices.ContainsFunc(tf.Values, func(fv FacetValue) bool { return fv.Value == v }) {
			tf.Values = append(tf.Values, FacetValue{Value: v, Selected: true})
		}
	}
	return tf
}

// dateFacet folds day counts into histogram buckets. With IntervalAuto the
// bucket follows the span from the first to the last matching day: up to
// 31 days by day, up to 13 weeks by week, up to 5 years by month, beyond
// that by year (at most about 32, 14 or 61 buckets before years).
func dateFacet(days []int32, counts []int, interval string) *DateFacet {
	df := &DateFacet{Buckets: []DateBucket{}, Ranges: []DateRange{}}
	first, last := countedSpan(counts)
	interval = resolveInterval(days, counts, interval)
	df.Interval = interval
	if first < 0 {
		return df
	}
	type bucket struct {
		start, end time.Time
		count      int
	}
	var buckets []bucket
	for i := first; i <= last; i++ {
		if counts[i] == 0 {
			continue
		}
		start := bucketStart(dayTime(days[i]), interval)
		if n := len(buckets); n > 0 && buckets[n-1].start.Equal(start) {
			buckets[n-1].count += counts[i]
			continue
		}
		buckets = append(buckets, bucket{start: start, end: bucketNext(start, interval), count: counts[i]})
	}
	// Fill the empty buckets between, unless that would be too many.
	n := 0
	for t := buckets[0].start; !t.After(buckets[len(buckets)-1].start) && n <= maxFilledBuckets; t = bucketNext(t, interval) {
		n++
	}
	fill := n <= maxFilledBuckets
	emit := func(start, next time.Time, count int) {
		df.Buckets = append(df.Buckets, DateBucket{
			Key: bucketKey(start, interval), Start: start.Format(time.DateOnly),
			End: next.AddDate(0, 0, -1).Format(time.DateOnly), Count: count,
		})
	}
	for i, b := range buckets {
		if fill && i > 0 {
			for t := bucketNext(buckets[i-1].start, interval); t.Before(b.start); t = bucketNext(t, interval) {
				emit(t, bucketNext(t, interval), 0)
			}
		}
		emit(b.start, b.end, b.count)
	}
	return df
}

// countedSpan returns the first and last index with a count, or -1, -1.
func countedSpan(counts []int) (first, last int) {
	first, last = -1, -1
	for i, n := range counts {
		if n > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// resolveInterval returns interval, or for IntervalAuto the bucket size
// that suits the span of the counted days (see dateFacet).
func resolveInterval(days []int32, counts []int, interval string) string {
	if interval != IntervalAuto && interval != "" {
		return interval
	}
	first, last := countedSpan(counts)
	if first < 0 {
		return IntervalDay
	}
	switch span := days[last] - days[first]; {
	case span <= 31:
		return IntervalDay
	case span <= 13*7:
		return IntervalWeek
	case span <= 5*366:
		return IntervalMonth
	default:
		return IntervalYear
	}
}

// dayNumber returns the day number of midnight UTC t.
func dayNumber(t time.Time) int32 { return dayOf(t.UnixNano()) }

// bucketStart returns the first day of the bucket holding day t.
func bucketStart(t time.Time, interval string) time.Time {
	switch interval {
	case IntervalWeek:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return t.AddDate(0, 0, -wd)
	case IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case IntervalYear:
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		return t
	}
}

// bucketNext returns the first day of the bucket after the one starting at t.
func bucketNext(t time.Time, interval string) time.Time {
	switch interval {
	case IntervalWeek:
		return t.AddDate(0, 0, 7)
	case IntervalMonth:
		return t.AddDate(0, 1, 0)
	case IntervalYear:
		return t.AddDate(1, 0, 0)
	default:
		return t.AddDate(0, 0, 1)
	}
}

// bucketKey labels a bucket: 2006-01-02, 2006-W01, 2006-01 or 2006.
func bucketKey(start time.Time, interval string) string {
	switch interval {
	case IntervalWeek:
		y, w := start.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case IntervalMonth:
		return start.Format("2006-01")
	case IntervalYear:
		return start.Format("2006")
	default:
		return start.Format(time.DateOnly)
	}
}

// sortCounts orders counts largest first, then by value.
func sortCounts(cs []indexer.Count) {
	slices.SortFunc(cs, func(a, b indexer.Count) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
}
