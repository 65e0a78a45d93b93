package indexer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestDeleteOlderThan deletes what was published before the cutoff, in
// batches (more old articles than one batch), keeps newer and undated
// articles, and is durable: a reopened location has them gone. Over month
// shards the months wholly before the cutoff are dropped as directories
// and the cutoff's own month is deleted article by article.
func TestDeleteOlderThan(t *testing.T) {
	for _, months := range []bool{false, true} {
		t.Run(map[bool]string{false: "single", true: "months"}[months], func(t *testing.T) {
			deleteOlderThan(t, months)
		})
	}
}

func deleteOlderThan(t *testing.T, months bool) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	var recs []string
	for i := range retentionBatch + 5 {
		recs = append(recs, fmt.Sprintf(`{"id":"old-%d","title":"Old %d","body":"Old story %d.","published":"2020-01-%02dT10:00:00Z"}`, i, i, i, i%28+1))
	}
	recs = append(recs,
		`{"id":"new","title":"New","body":"New story.","published":"2026-01-01T10:00:00Z"}`,
		`{"id":"jan","title":"Early January","body":"Before the cutoff, in its month.","published":"2024-01-10T10:00:00Z"}`,
		`{"id":"morning","title":"Morning","body":"The cutoff's day, before it.","published":"2024-01-15T06:00:00Z"}`,
		`{"id":"edge","title":"Edge","body":"On the cutoff.","published":"2024-01-15T12:00:00Z"}`,
		`{"id":"evening","title":"Evening","body":"The cutoff's day, after it.","published":"2024-01-15T18:30:00Z"}`,
		`{"id":"undated","title":"Undated","body":"No date."}`)
	f := writeJSONL(t, src, "a.jsonl", recs...)
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{MonthShards: months}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Midday: the cutoff's own day is split by publication time.
	cutoff := time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC)
	n, err := live.DeleteOlderThan(t.Context(), cutoff, nil)
	if err != nil || n != retentionBatch+7 {
		t.Fatalf("deleted %d, %v; want %d", n, err, retentionBatch+7)
	}
	if n, err := live.DeleteOlderThan(t.Context(), cutoff, live); err != nil || n != 0 {
		t.Errorf("second pass deleted %d, %v", n, err)
	}
	if months {
		ix, release := live.Acquire()
		shards, err := os.ReadDir(filepath.Join(ix.Path, "store"))
		release()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range shards {
			names = append(names, e.Name())
		}
		if slices.Contains(names, "2020-01") || !slices.Contains(names, "2024-01") {
			t.Errorf("shards after retention: %v, want 2020-01 dropped and 2024-01 kept", names)
		}
	}
	live.Close()
	ids := allIDs(t, dir)
	if !slices.Equal(ids, []string{"edge", "evening", "new", "undated"}) {
		t.Errorf("left %v, want edge, evening, new, undated", ids)
	}
}

// TestLiveMonthShards: a reindex that does not choose a layout keeps the
// live one, so LiveMonthShards must tell them apart.
func TestLiveMonthShards(t *testing.T) {
	f := writeJSONL(t, t.TempDir(), "a.jsonl", `{"id":"a","title":"A","body":"Body.","published":"2024-01-10T10:00:00Z"}`)
	for _, months := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "idx")
		if LiveMonthShards(dir) {
			t.Fatal("an empty location has month shards")
		}
		if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{MonthShards: months}); err != nil {
			t.Fatal(err)
		}
		if got := LiveMonthShards(dir); got != months {
			t.Errorf("built with month shards %v, LiveMonthShards says %v", months, got)
		}
	}
}
