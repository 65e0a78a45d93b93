package clean

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the publication date spellings met in real feeds and news
// dumps, tried in order. Layouts whose zone is a name go through zoneOffsets,
// because time.Parse gives an unknown abbreviation a zero offset silently.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Mon, 2 January 2006 15:04:05 MST",
	"Monday, 2 Jan 2006 15:04:05 -0700",
	"Monday, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 MST",
	"2 Jan 2006",
	"January 2, 2006 15:04 MST",
	"January 2, 2006 3:04 PM MST",
	"January 2, 2006",
	"Jan 2, 2006",
	"Mon Jan 2 15:04:05 MST 2006",
	"Mon Jan 2 15:04:05 -0700 2006",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
	"2006/1/2",
	"Mon, Jan 2 2006 03:04:05 PM",
	"Mon, Jan 2 2006 15:04:05 MST",
	"Mon, Jan 2 2006 15:04:05 -0700",
	"2-Jan-2006 15:04:05.00",
	"2-Jan-2006 15:04:05",
	"2-Jan-2006",
	"2-1-2006 15:04:05",
	"2-1-2006 15:04",
	"2.1.2006 15:04",
	"2.1.2006",
}

// zoneOffsets gives the offsets of the zone names RFC 822 allows plus the
// common ones feeds use anyway.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "IST": 5*60 + 30, "CET": 60, "CEST": 120,
	"MET": 60, "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60,
	"MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"AKST": -9 * 60, "AKDT": -8 * 60, "HST": -10 * 60, "JST": 9 * 60, "KST": 9 * 60,
	"AEST": 10 * 60, "AEDT": 11 * 60, "ACST": 9*60 + 30, "AWST": 8 * 60, "NZST": 12 * 60, "NZDT": 13 * 60,
	"SGT": 8 * 60, "HKT": 8 * 60,
}

// MinYear and MaxYear bound plausible publication dates: anything outside is
// a parse accident (year 1, 0001-01-01, 9999) and is treated as unknown.
// Readers apply the same bounds to dates their parsers already decoded.
const MinYear, MaxYear = 1800, 2200

// ParseDate parses a publication date in any of the formats met in feeds and
// news dumps (RFC 3339, RFC 822/1123 with numeric or named zones, Reuters'
// "26-FEB-1987 15:02:20.00", "2025/09/18 09:01", day-first "5-7-2022 00:43").
// Dates without a zone are taken as UTC. It returns false for anything it
// cannot read, so callers keep the date unknown instead of inventing one.
func ParseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	s = strings.TrimSuffix(s, ",")
	// "Tue, 10 Jun 2003 04:00:00 GMT+2" style and "(EST)" decorations.
	if strings.ContainsAny(s, "()") {
		s = strings.NewReplacer("(", "", ")", "").Replace(s)
	}
	if strings.HasSuffix(s, " UT") || strings.HasSuffix(s, " Z") {
		s = s[:strings.LastIndexByte(s, ' ')] + " GMT"
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if strings.Contains(layout, "MST") {
			name, _ := t.Zone()
			off, ok := zoneOffsets[strings.ToUpper(name)]
			if !ok {
				// time.Parse accepts any 3-4 letter word as a zone; an
				// unknown one is a real ambiguity, so assume UTC.
				off = 0
			}
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, off*60))
		}
		if t.Year() < MinYear || t.Year() > MaxYear {
			return time.Time{}, false
		}
		return t.UTC(), true
	}
	if t, ok := parseNumericDate(s); ok {
		return t, true
	}
	if unix, ok := parseUnix(s); ok {
		return unix, true
	}
	return time.Time{}, false
}

// numericDateRe matches all-number dates with the year last: 11/30/2026,
// 30.11.2026 14:05, 5-7-2022 00:43:10.
var numericDateRe = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)

// parseNumericDate reads a date with the year last whose day and month
// order the numbers settle: a first number over 12 is a day (30/11/2026),
// a second over 12 makes the date month-first (11/30/2026, as US feeds
// write it). When both could be the month, a slash is ambiguous (US
// month-first, British day-first) and the date stays unknown; with dots or
// dashes (European spellings) it is day-first.
func parseNumericDate(s string) (time.Time, bool) {
	m := numericDateRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(m[i])
		return n
	}
	a, b := num(1), num(3)
	day, month := a, b
	switch {
	case a > 12 && b <= 12:
	case b > 12 && a <= 12:
		day, month = b, a
	case a <= 12 && b <= 12 && m[2] != "/":
	default:
		return time.Time{}, false
	}
	year, hour, minute, sec := num(4), num(5), num(6), num(7)
	if day < 1 || month < 1 || hour > 23 || minute > 59 || sec > 59 || year < MinYear || year > MaxYear {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31/11: no such day
	}
	return t, true
}

// parseUnix accepts a Unix time in seconds (10 digits) or milliseconds (13
// digits), as JSON feeds and exports use.
func parseUnix(s string) (time.Time, bool) {
	if len(s) != 10 && len(s) != 13 {
		return time.Time{}, false
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		n = n*10 + int64(c-'0')
	}
	t := time.Unix(n, 0).UTC()
	if len(s) == 13 {
		t = time.UnixMilli(n).UTC()
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return time.Time{}, false
	}
	return t, true
}
