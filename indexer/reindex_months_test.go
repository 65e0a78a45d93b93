package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer/article"
)

// monthArt is an article for the month tests: published on day (empty:
// undated), with a body of its own unless body is given.
func monthArt(id, title, day, body string) *article.Article {
	a := &article.Article{ID: id, Title: title, Source: "S", Body: body}
	if body == "" {
		a.Body = fmt.Sprintf("%s is about %s and nothing else, told at length for the test of months.", id, title)
	}
	if day != "" {
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			panic(err)
		}
		a.Published = t
	}
	return a
}

// lines gives the articles as JSON Lines records.
func lines(t *testing.T, arts ...*article.Article) []string {
	t.Helper()
	var out []string
	for _, a := range arts {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// storyBody is long enough for story detection to group copies by it.
const storyBody = "The harbour authority said on Tuesday that the new container terminal would open in the spring, " +
	"two years later than planned, after a dispute over dredging permits delayed the work on the northern quay. " +
	"Shipping lines had been told to expect the first berths to be ready for the largest vessels by April, " +
	"and the authority expects the terminal to double the port's capacity within five years of opening."

func TestReindexMonths(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	v1 := writeJSONL(t, src, "v1.jsonl", lines(t,
		monthArt("j1", "Harbour terminal delayed", "2022-01-10", storyBody),
		monthArt("j2", "January two", "2022-01-20", ""),
		monthArt("f1", "February one", "2022-02-01", ""),
		monthArt("f2", "February two", "2022-02-02", ""),
		monthArt("f3", "February three", "2022-02-03", ""),
		monthArt("m1", "March one", "2022-03-01", ""),
		monthArt("u1", "Undated one", "", ""),
	)...)
	if _, err := Reindex(t.Context(), dir, []string{v1}, WriteOptions{MonthShards: true}); err != nil {
		t.Fatal(err)
	}
	// Written since: a pushed February article, a deleted file article.
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := live.AddArticles(t.Context(), []*article.Article{monthArt("p1", "Pushed in February", "2022-02-15", "")}); err != nil {
		t.Fatal(err)
	}
	if _, err := live.DeleteArticles(t.Context(), []string{"f1"}); err != nil {
		t.Fatal(err)
	}
	live.Close()

	// The sources now change every month; only February is rebuilt.
	v2 := writeJSONL(t, src, "v2.jsonl", lines(t,
		monthArt("j1", "CHANGED harbour", "2022-01-10", storyBody),
		monthArt("j2", "CHANGED january", "2022-01-20", ""),
		monthArt("f1", "February one again", "2022-02-01", ""),
		monthArt("f3", "February three, now dated January", "2022-01-30", ""),
		monthArt("f4", "Port terminal opening pushed back", "2022-02-04", storyBody),
		monthArt("f5", "February five", "2022-02-05", ""),
		monthArt("m1", "CHANGED march", "2022-03-01", ""),
		monthArt("u1", "CHANGED undated", "", ""),
	)...)
	sum, err := Reindex(t.Context(), dir, []string{v2}, WriteOptions{Months: MonthRange{From: "2022-02", To: "2022-02"}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Kept != 4 {
		t.Errorf("kept %d articles of other months, want 4 (j1 j2 m1 u1)", sum.Kept)
	}
	if got, want := allIDs(t, dir), []string{"f3", "f4", "f5", "j1", "j2", "m1", "p1", "u1"}; !slices.Equal(got, want) {
		t.Fatalf("after rebuilding 2022-02: %v, want %v (f1 stays deleted, f2 is gone, p1 stays pushed)", got, want)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want := map[string]struct{ title, day string }{
		"j1": {"Harbour terminal delayed", "2022-01-10"}, // other months as they were
		"j2": {"January two", "2022-01-20"},
		"m1": {"March one", "2022-03-01"},
		"u1": {"Undated one", ""},
		"f3": {"February three, now dated January", "2022-01-30"}, // moved out of the range: not lost
		"f5": {"February five", "2022-02-05"},
		"p1": {"Pushed in February", "2022-02-15"},
	}
	for id, w := range want {
		a, err := ix.Article(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		day := ""
		if !a.Published.IsZero() {
			day = a.Published.UTC().Format("2006-01-02")
		}
		if a.Title != w.title || day != w.day {
			t.Errorf("%s: %q on %q, want %q on %q", id, a.Title, day, w.title, w.day)
		}
	}
	// A February copy of a January story joins it across the months.
	f4, err := ix.Article("f4")
	if err != nil {
		t.Fatal(err)
	}
	if f4.Story != "j1" {
		t.Errorf("f4 is in story %q, want j1 (its copy in the kept month)", f4.Story)
	}
	gen := ix.Path
	ix.Close()

	// Sources with nothing left for the month are refused, the live
	// index kept.
	v3 := writeJSONL(t, src, "v3.jsonl", lines(t, monthArt("m1", "March one", "2022-03-01", ""))...)
	_, err = Reindex(t.Context(), dir, []string{v3}, WriteOptions{Months: MonthRange{From: "2022-02", To: "2022-02"}})
	if !errors.Is(err, ErrShrink) || !strings.Contains(err.Error(), "for 2022-02") {
		t.Errorf("a rebuild of an emptied month: %v, want ErrShrink naming the month", err)
	}
	if now, _ := CurrentGeneration(dir); now != gen {
		t.Errorf("a refused rebuild replaced the live generation")
	}
	if entries, _ := os.ReadDir(dir); slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.HasSuffix(e.Name(), tmpSuffix) }) {
		t.Errorf("a refused rebuild left its folder behind")
	}
}

func TestReindexMonthsRefusals(t *testing.T) {
	src := writeJSONL(t, t.TempDir(), "a.jsonl", lines(t, monthArt("a", "Alpha", "2022-02-01", ""))...)
	feb := WriteOptions{Months: MonthRange{From: "2022-02"}}

	one := filepath.Join(t.TempDir(), "one")
	if _, err := Reindex(t.Context(), one, []string{src}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Reindex(t.Context(), one, []string{src}, feb); err == nil || !strings.Contains(err.Error(), "--month-shards") {
		t.Errorf("months of a one-index location: %v, want advice to reindex --month-shards", err)
	}

	held := filepath.Join(t.TempDir(), "held")
	if _, err := Reindex(t.Context(), held, []string{src}, WriteOptions{MonthShards: true}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(held) // as a server would
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := Reindex(t.Context(), held, []string{src}, feb); !errors.Is(err, ErrIndexBusy) {
		t.Errorf("months of an index held open: %v, want ErrIndexBusy", err)
	}

	for _, c := range []struct{ from, to, want string }{
		{"", "", "needs --from or --to"},
		{"2022-13", "", "YYYY-MM"},
		{"2022-3", "", "YYYY-MM"},
		{"", "march", "YYYY-MM"},
		{"2022-04", "2022-03", "after"},
	} {
		if _, err := ParseMonthRange(c.from, c.to); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseMonthRange(%q, %q) = %v, want an error saying %q", c.from, c.to, err, c.want)
		}
	}
	r, err := ParseMonthRange("2022-02", "")
	if err != nil || !r.Has("2022-02") || !r.Has("2030-01") || r.Has("2022-01") || r.Has("undated") {
		t.Errorf("ParseMonthRange(2022-02, open): %+v, %v", r, err)
	}
}
