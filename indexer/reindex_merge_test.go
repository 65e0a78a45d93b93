package indexer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// zapSizes returns the sizes of the segment files of the live generation
// at dir, smallest first.
func zapSizes(t *testing.T, dir string) []int64 {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*", "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, fi.Size())
	}
	slices.Sort(sizes)
	return sizes
}

// TestReindexEndsWithOneSegment rebuilds a corpus from many small batches
// (many segments): the default merge step leaves one segment and every
// article.
func TestReindexEndsWithOneSegment(t *testing.T) {
	src := filepath.Join(sharedDir(t, "corpora", "jsonl"), "agnews.jsonl")
	total, _, _ := countFromFiles(t, []string{src})
	dir := t.TempDir()
	if _, err := Reindex(t.Context(), dir, []string{src}, WriteOptions{BatchSize: 100}); err != nil {
		t.Fatal(err)
	}
	if sizes := zapSizes(t, dir); len(sizes) != 1 {
		t.Errorf("the final merge left %d segments %v, want 1", len(sizes), sizes)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.DocCount(); err != nil || int(n) != total {
		t.Errorf("%d articles in the index (%v), want %d", n, err, total)
	}
}

// TestCompactSegmentsInBoundedSteps builds a real scorch index of 60
// one-batch segments with scorch's own merger held off, then compacts it
// with steps of several sizes: each step merges only what fits its bound,
// so a small bound leaves several segments, none of whose two smallest
// would still fit one step, and no document is lost.
func TestCompactSegmentsInBoundedSteps(t *testing.T) {
	const batches, perBatch = 60, 50
	for _, step := range []int64{64 << 10, 512 << 10, 1 << 40} {
		t.Run(fmt.Sprint(step), func(t *testing.T) {
			cfg := map[string]any{
				"unsafe_batch": true,
				// A budget of one segment per document: scorch's merger
				// never finds the index over budget.
				"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": 1 << 30, "FloorSegmentSize": 1, "SegmentsPerMergeTask": 10, "TierGrowth": 10, "MaxSegmentSize": 1 << 20},
			}
			bi, err := bleve.NewUsing(filepath.Join(t.TempDir(), "ix"), NewMapping(), scorch.Name, scorch.Name, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer bi.Close()
			for b := range batches {
				batch := bi.NewBatch()
				for d := range perBatch {
					id := fmt.Sprintf("a%d-%d", b, d)
					body := strings.Repeat(fmt.Sprintf("word%d story%d ", d, b*perBatch+d), 20)
					if err := batch.Index(id, map[string]any{"id": id, "title": "Title " + id, "body": body}); err != nil {
						t.Fatal(err)
					}
				}
				// Wait for each batch to reach disk: scorch's persister
				// merges the in-memory segments it finds queued, which on
				// a slow machine left 9 file segments of 60.
				persisted := make(chan error, 1)
				batch.SetPersistedCallback(func(err error) {
					select {
					case persisted <- err:
					default:
					}
				})
				if err := bi.Batch(batch); err != nil {
					t.Fatal(err)
				}
				if err := <-persisted; err != nil {
					t.Fatal(err)
				}
			}
			adv, _ := bi.Advanced()
			sc := adv.(*scorch.Scorch)
			before, err := fileSegments(sc)
			if err != nil {
				t.Fatal(err)
			}
			var total int64
			for _, s := range before {
				total += s.LiveFileSize()
			}
			if len(before) < 10 {
				t.Fatalf("scorch merged the test's segments itself: %d left of %d", len(before), batches)
			}
			if err := compactSegments(t.Context(), bi, step); err != nil {
				t.Fatal(err)
			}
			after, err := fileSegments(sc)
			if err != nil {
				t.Fatal(err)
			}
			if smallestMerge(after, step) >= 2 {
				t.Errorf("%d segments left that a %d-byte step could still merge", len(after), step)
			}
			if step >= total && len(after) != 1 {
				t.Errorf("a step bigger than the index (%d bytes) left %d segments", total, len(after))
			}
			if step < total/4 && len(after) < 3 {
				t.Errorf("a %d-byte step over %d bytes left %d segments, want several", step, total, len(after))
			}
			n, err := bi.DocCount()
			if err != nil {
				t.Fatal(err)
			}
			if n != batches*perBatch {
				t.Errorf("%d documents after the merge, want %d", n, batches*perBatch)
			}
			t.Logf("%d segments (%d bytes) -> %d", len(before), total, len(after))
		})
	}
}

// TestLiveIndexDropsBulkSettings checks that what a bulk build saved with
// the index (scorch keeps its configuration in index_meta.json) is set back
// when the index is opened live: Bleve lays the runtime configuration over
// the saved one key by key, so every saved key must be there, and the merge
// policy must be scorch's own (wide bulk tiers would leave a live index
// more segments to search).
func TestLiveIndexDropsBulkSettings(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(sharedDir(t, "corpora", "jsonl"), "bbc.jsonl")
	if _, err := Reindex(t.Context(), dir, []string{src}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	gen, err := CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(gen, "index_meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Config map[string]any `json:"config"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Config["unsafe_batch"] != true || meta.Config["scorchMergePlanOptions"] == nil {
		t.Fatalf("saved config %v: want the bulk build's unsafe_batch and merge options", meta.Config)
	}
	live := scorchRuntimeConfig()
	for k, v := range meta.Config {
		if _, ok := live[k]; !ok {
			t.Errorf("saved %s=%v is not set back by scorchRuntimeConfig", k, v)
		}
	}
	mp, _ := live["scorchMergePlanOptions"].(map[string]any)
	if got := mp["MaxSegmentsPerTier"]; got != mergeplan.DefaultMergePlanOptions.MaxSegmentsPerTier {
		t.Errorf("live MaxSegmentsPerTier = %v, want scorch's default %d", got, mergeplan.DefaultMergePlanOptions.MaxSegmentsPerTier)
	}
	if live["unsafe_batch"] != false {
		t.Errorf("live unsafe_batch = %v, want false", live["unsafe_batch"])
	}
}
