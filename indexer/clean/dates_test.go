package clean

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC, "" = unknown
	}{
		{"2025-09-18T09:01:00Z", "2025-09-18T09:01:00Z"},
		{"2025-09-18T09:01:00.123+02:00", "2025-09-18T07:01:00.123Z"},
		{"2025-09-18T09:01:00+0200", "2025-09-18T07:01:00Z"},
		{"2025-09-18", "2025-09-18T00:00:00Z"},
		{"2025-09-18 09:01:02", "2025-09-18T09:01:02Z"},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T22:04:05Z"},
		{"Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z"},
		{"Mon, 02 Jan 2006 15:04:05 EST", "2006-01-02T20:04:05Z"},
		{"Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z"},
		{"Sat, 7 Sep 2019 09:00:00 UT", "2019-09-07T09:00:00Z"},
		{"Sat, 7 Sep 2019 09:00 +0000", "2019-09-07T09:00:00Z"},
		{"7 Sep 2019 09:00:00 CEST", "2019-09-07T07:00:00Z"},
		{"Wed, 02 Oct 02 08:00:00 EST", "2002-10-02T13:00:00Z"},
		{"2025/09/18 09:01", "2025-09-18T09:01:00Z"},
		{"2020/1/10 14:33:00", "2020-01-10T14:33:00Z"},
		{"Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T14:02:33Z"},
		{"26-FEB-1987 15:02:20.00", "1987-02-26T15:02:20Z"},
		{"5-7-2022 00:43", "2022-07-05T00:43:00Z"},
		{"12-10-2021 9:05", "2021-10-12T09:05:00Z"},
		{"January 2, 2006", "2006-01-02T00:00:00Z"},
		{"  2025-09-18T09:01:00Z  ", "2025-09-18T09:01:00Z"},
		{"1700000000", "2023-11-14T22:13:20Z"},
		{"1700000000123", "2023-11-14T22:13:20.123Z"},
		// All-number dates: the numbers settle day and month where they can.
		{"11/30/2026", "2026-11-30T00:00:00Z"},
		{"30/11/2026", "2026-11-30T00:00:00Z"},
		{"11/30/2026 14:05", "2026-11-30T14:05:00Z"},
		{"11-30-2026", "2026-11-30T00:00:00Z"},
		{"30.11.2026", "2026-11-30T00:00:00Z"},
		{"03/04/2026", ""}, // March 4 or 3 April: a slash does not say
		{"31/11/2026", ""}, // no such day
		{"13/13/2026", ""},
		{"last tuesday", ""},
		{"", ""},
		{"yesterday", ""},
		{"31-MAR-1987 605:12:19.12", ""},
		{"0001-01-01T00:00:00Z", ""},
		{"9999-12-31", ""},
		{"2025-13-45", ""},
		{"Mon, 32 Jan 2006 15:04:05 GMT", ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("ParseDate(%q) = %v, want unknown", tt.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("ParseDate(%q) failed, want %s", tt.in, tt.want)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-09-18T09:01:00Z", "Mon, 02 Jan 2006 15:04:05 EST", "26-FEB-1987 15:02:20.00", "5-7-2022 00:43", "2025/09/18 09:01", "11/30/2026 14:05", "1700000000123", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s)
		if !ok {
			if !got.IsZero() {
				t.Fatalf("failed parse returned %v", got)
			}
			return
		}
		if got.Year() < MinYear || got.Year() > MaxYear || got.Location() != time.UTC {
			t.Fatalf("ParseDate(%q) = %v: out of range or not UTC", s, got)
		}
	})
}
