package indexer

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/syndex/syndex/indexer/article"
)

// TestSnapshotOfMonthShards takes the online snapshot replicas bootstrap
// from (Index.Snapshot) of a month-shard index, adopts and publishes it at
// another location, and finds the same articles there, months included.
func TestSnapshotOfMonthShards(t *testing.T) {
	src := writeJSONL(t, t.TempDir(), "a.jsonl", lines(t,
		monthArt("jan", "January", "2022-01-05", ""),
		monthArt("feb", "February", "2022-02-05", ""),
		monthArt("none", "Undated", "", ""),
	)...)
	dir := filepath.Join(t.TempDir(), "idx")
	if _, err := Reindex(t.Context(), dir, []string{src}, WriteOptions{MonthShards: true}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if _, _, err := live.AddArticles(t.Context(), []*article.Article{monthArt("mar", "March", "2022-03-05", "")}); err != nil {
		t.Fatal(err)
	}
	ix, release := live.Acquire()
	snap := filepath.Join(t.TempDir(), "snap")
	_, err = ix.Snapshot(t.Context(), snap)
	release()
	if err != nil {
		t.Fatalf("snapshot of a month-shard index: %v", err)
	}
	other := filepath.Join(t.TempDir(), "replica")
	gen, err := AdoptGeneration(other, snap)
	if err != nil {
		t.Fatal(err)
	}
	if err := InstallFirst(other, gen); err != nil {
		t.Fatal(err)
	}
	if got, want := allIDs(t, other), []string{"feb", "jan", "mar", "none"}; !slices.Equal(got, want) {
		t.Errorf("the replica has %v, want %v", got, want)
	}
	if !LiveMonthShards(other) {
		t.Errorf("the replica's copy is not month-sharded")
	}
}
