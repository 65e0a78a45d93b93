package searchsvc

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Shaping facets from counts, the same for every backend: a backend counts
// matches per value ordinal and per publication day (a day number, see
// DayOf) and these turn the counts into the response's facets.

// maxFilledBuckets bounds the histogram: beyond it, empty buckets between
// the first and last match are left out.
const maxFilledBuckets = 400

// NewTermFacet turns counts by ordinal into the top values, plus the selected
// values wherever they rank (with a zero count when unknown to the index).
func NewTermFacet(names []string, counts []int, missing int, sel []bool, selected []string, size int) *TermFacet {
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

// NewDateFacet folds day counts into histogram buckets. With IntervalAuto the
// bucket follows the span from the first to the last matching day: up to
// 31 days by day, up to 13 weeks by week, up to 5 years by month, beyond
// that by year (at most about 32, 14 or 61 buckets before years).
func NewDateFacet(days []int32, counts []int, interval string) *DateFacet {
	df := &DateFacet{Buckets: []DateBucket{}, Ranges: []DateRange{}}
	first, last := countedSpan(counts)
	interval = ResolveInterval(days, counts, interval)
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
		start := BucketStart(DayTime(days[i]), interval)
		if n := len(buckets); n > 0 && buckets[n-1].start.Equal(start) {
			buckets[n-1].count += counts[i]
			continue
		}
		buckets = append(buckets, bucket{start: start, end: BucketNext(start, interval), count: counts[i]})
	}
	// Fill the empty buckets between, unless that would be too many.
	n := 0
	for t := buckets[0].start; !t.After(buckets[len(buckets)-1].start) && n <= maxFilledBuckets; t = BucketNext(t, interval) {
		n++
	}
	fill := n <= maxFilledBuckets
	emit := func(start, next time.Time, count int) {
		df.Buckets = append(df.Buckets, DateBucket{
			Key: BucketKey(start, interval), Start: start.Format(time.DateOnly),
			End: next.AddDate(0, 0, -1).Format(time.DateOnly), Count: count,
		})
	}
	for i, b := range buckets {
		if fill && i > 0 {
			for t := BucketNext(buckets[i-1].start, interval); t.Before(b.start); t = BucketNext(t, interval) {
				emit(t, BucketNext(t, interval), 0)
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

// ResolveInterval returns interval, or for IntervalAuto the bucket size
// that suits the span of the counted days (see NewDateFacet).
func ResolveInterval(days []int32, counts []int, interval string) string {
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

// DayNumber returns the day number of midnight UTC t.
func DayNumber(t time.Time) int32 { return DayOf(t.UnixNano()) }

// DayOf returns the UTC day number (days since 1970-01-01) of UnixNano t:
// the unit in which backends count the published facet.
func DayOf(t int64) int32 {
	d := t / int64(24*time.Hour)
	if t < 0 && t%int64(24*time.Hour) != 0 {
		d--
	}
	return int32(d)
}

// DayTime returns the start of UTC day number d.
func DayTime(d int32) time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

// BucketStart returns the first day of the bucket holding day t.
func BucketStart(t time.Time, interval string) time.Time {
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

// BucketNext returns the first day of the bucket after the one starting at t.
func BucketNext(t time.Time, interval string) time.Time {
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

// BucketKey labels a bucket: 2006-01-02, 2006-W01, 2006-01 or 2006.
func BucketKey(start time.Time, interval string) string {
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

// SortCounts orders counts largest first, then by value.
func SortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
}
