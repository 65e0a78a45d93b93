package indexer

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestDeleteOlderThan deletes what was published before the cutoff, in
// batches (more old articles than one batch), keeps newer and undated
// articles, and is durable: a reopened location has them gone.
func TestDeleteOlderThan(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	var recs []string
	for i := range retentionBatch + 5 {
		recs = append(recs, fmt.Sprintf(`{"id":"old-%d","title":"Old %d","body":"Old story %d.","published":"2020-01-%02dT10:00:00Z"}`, i, i, i, i%28+1))
	}
	recs = append(recs,
		`{"id":"new","title":"New","body":"New story.","published":"2026-01-01T10:00:00Z"}`,
		`{"id":"edge","title":"Edge","body":"On the cutoff.","published":"2024-01-01T00:00:00Z"}`,
		`{"id":"undated","title":"Undated","body":"No date."}`)
	f := writeJSONL(t, src, "a.jsonl", recs...)
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := live.DeleteOlderThan(t.Context(), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	if err != nil || n != retentionBatch+5 {
		t.Fatalf("deleted %d, %v; want %d", n, err, retentionBatch+5)
	}
	if n, err := live.DeleteOlderThan(t.Context(), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), nil); err != nil || n != 0 {
		t.Errorf("second pass deleted %d, %v", n, err)
	}
	live.Close()
	ids := allIDs(t, dir)
	if !slices.Equal(ids, []string{"edge", "new", "undated"}) {
		t.Errorf("left %v, want edge, new, undated", ids)
	}
}
