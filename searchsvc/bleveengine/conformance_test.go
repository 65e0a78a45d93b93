package bleveengine

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// TestConformance runs the search seam's shared suite on the Bleve engine,
// over a single index and over a live location (the layout `serve` uses),
// each built as one index and as month shards.
func TestConformance(t *testing.T) {
	for _, months := range []bool{false, true} {
		t.Run(map[bool]string{false: "single", true: "months"}[months], func(t *testing.T) {
			conformance(t, months)
		})
	}
}

func conformance(t *testing.T, months bool) {
	reindex := func(t *testing.T, sources []string) string {
		loc := filepath.Join(t.TempDir(), "index")
		if _, err := indexer.Reindex(context.Background(), loc, sources, indexer.WriteOptions{MonthShards: months}); err != nil {
			t.Fatal(err)
		}
		return loc
	}
	t.Run("index", func(t *testing.T) {
		searchtest.Run(t, func(t *testing.T, sources []string) searchsvc.Backend {
			_, e := reindexEngine(t, filepath.Join(t.TempDir(), "index"), indexer.WriteOptions{MonthShards: months}, sources...)
			return e
		})
	})
	t.Run("live", func(t *testing.T) {
		searchtest.Run(t, func(t *testing.T, sources []string) searchsvc.Backend {
			live, err := indexer.OpenLive(reindex(t, sources), searchtest.QuietLog())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(live.Close)
			e, err := NewLive(live, Config{Log: searchtest.QuietLog()})
			if err != nil {
				t.Fatal(err)
			}
			return e
		})
	})
}
