package bleveengine

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/syndex/syndex/searchsvc"
)

// maxFilledBuckets bounds the histogram: beyond it, empty buckets between
// the first and last match are left out.
const maxFilledBuckets = 400

// facets builds the requested facets from the counters of a search.
func (s *Engine) facets(p *plan, r *searchsvc.Request, now time.Time) *searchsvc.Facets {
	if !p.counting() {
		return nil
	}
	f := &searchsvc.Facets{Counts: searchsvc.CountArticles}
	if p.collapse {
		f.Counts = searchsvc.CountStories
	}
	c := p.cols
	for i, tf := range searchsvc.TermFilters {
		if tp := &p.terms[i]; tp.count {
			*tf.Facet(f) = termFacet(c.terms[i].names, tp.counts, tp.missing, tp.sel, tp.vals, r.FacetSize)
		}
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
		for i, fr := range searchsvc.DatePresets {
			f.Published.Ranges = append(f.Published.Ranges, searchsvc.DateRange{
				Key: fr.Key, Label: fr.Label, Count: p.rangeCounts[i],
				From: now.Add(-fr.D).UTC().Format(time.RFC3339),
			})
		}
	}
	return f
}

// termFacet turns counts by ordinal into the top values, plus the selected
// values wherever they rank (with a zero count when unknown to the index).
func termFacet(names []string, counts []int, missing int, sel []bool, selected []string, size int) *searchsvc.TermFacet {
	all := make([]searchsvc.FacetValue, 0, len(names))
	for o, n := range counts {
		if n > 0 || (sel != nil && sel[o]) {
			all = append(all, searchsvc.FacetValue{Value: names[o], Count: n, Selected: sel != nil && sel[o]})
		}
	}
	slices.SortFunc(all, func(a, b searchsvc.FacetValue) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
	tf := &searchsvc.TermFacet{Missing: missing, Values: []searchsvc.FacetValue{}}
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
		if !slices.ContainsFunc(tf.Values, func(fv searchsvc.FacetValue) bool { return fv.Value == v }) {
			tf.Values = append(tf.Values, searchsvc.FacetValue{Value: v, Selected: true})
		}
	}
	return tf
}

// dateFacet folds day counts into histogram buckets. With searchsvc.IntervalAuto the
// bucket follows the span from the first to the last matching day: up to
// 31 days by day, up to 13 weeks by week, up to 5 years by month, beyond
// that by year (at most about 32, 14 or 61 buckets before years).
func dateFacet(days []int32, counts []int, interval string) *searchsvc.DateFacet {
	df := &searchsvc.DateFacet{Buckets: []searchsvc.DateBucket{}, Ranges: []searchsvc.DateRange{}}
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
		df.Buckets = append(df.Buckets, searchsvc.DateBucket{
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

// resolveInterval returns interval, or for searchsvc.IntervalAuto the bucket size
// that suits the span of the counted days (see dateFacet).
func resolveInterval(days []int32, counts []int, interval string) string {
	if interval != searchsvc.IntervalAuto && interval != "" {
		return interval
	}
	first, last := countedSpan(counts)
	if first < 0 {
		return searchsvc.IntervalDay
	}
	switch span := days[last] - days[first]; {
	case span <= 31:
		return searchsvc.IntervalDay
	case span <= 13*7:
		return searchsvc.IntervalWeek
	case span <= 5*366:
		return searchsvc.IntervalMonth
	default:
		return searchsvc.IntervalYear
	}
}

// dayNumber returns the day number of midnight UTC t.
func dayNumber(t time.Time) int32 { return dayOf(t.UnixNano()) }

// bucketStart returns the first day of the bucket holding day t.
func bucketStart(t time.Time, interval string) time.Time {
	switch interval {
	case searchsvc.IntervalWeek:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return t.AddDate(0, 0, -wd)
	case searchsvc.IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case searchsvc.IntervalYear:
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		return t
	}
}

// bucketNext returns the first day of the bucket after the one starting at t.
func bucketNext(t time.Time, interval string) time.Time {
	switch interval {
	case searchsvc.IntervalWeek:
		return t.AddDate(0, 0, 7)
	case searchsvc.IntervalMonth:
		return t.AddDate(0, 1, 0)
	case searchsvc.IntervalYear:
		return t.AddDate(1, 0, 0)
	default:
		return t.AddDate(0, 0, 1)
	}
}

// bucketKey labels a bucket: 2006-01-02, 2006-W01, 2006-01 or 2006.
func bucketKey(start time.Time, interval string) string {
	switch interval {
	case searchsvc.IntervalWeek:
		y, w := start.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case searchsvc.IntervalMonth:
		return start.Format("2006-01")
	case searchsvc.IntervalYear:
		return start.Format("2006")
	default:
		return start.Format(time.DateOnly)
	}
}

// sortCounts orders counts largest first, then by value.
func sortCounts(cs []searchsvc.Count) {
	slices.SortFunc(cs, func(a, b searchsvc.Count) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
}
