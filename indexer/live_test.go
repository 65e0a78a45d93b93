package indexer

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestLiveSwapKeepsSearchesWorking(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	v1 := writeJSONL(t, src, "v1.jsonl", rec("a", "Alpha", "S1"), rec("b", "Beta", "S1"))
	if _, err := Reindex(t.Context(), dir, []string{v1}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	first := live.Generation()

	// A search in flight on the old generation.
	held, release := live.Acquire()

	var failures atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				ix, done := live.Acquire()
				res, err := ix.Search(bleve.NewSearchRequest(bleve.NewMatchAllQuery()))
				done()
				if err != nil || res.Total == 0 {
					failures.Add(1)
				}
			}
		}()
	}
	v2 := writeJSONL(t, src, "v2.jsonl", rec("a", "Alpha", "S2"), rec("b", "Beta", "S2"), rec("c", "Gamma", "S2"))
	if _, err := Reindex(t.Context(), dir, []string{v2}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(first); err != nil {
		t.Fatalf("the reindex deleted a generation still in use: %v", err)
	}
	swapped, err := live.Reload()
	if err != nil || !swapped {
		t.Fatalf("reload: %v %v", swapped, err)
	}
	close(stop)
	wg.Wait()
	if failures.Load() > 0 {
		t.Fatalf("%d searches failed or came back empty during the swap", failures.Load())
	}
	// The search that started before the swap still works on the old index.
	if n, err := held.DocCount(); err != nil || n != 2 {
		t.Fatalf("old generation during its last search: %d, %v", n, err)
	}
	release()
	if _, err := os.Stat(first); !os.IsNotExist(err) {
		t.Errorf("old generation not removed after its last search: %v", err)
	}
	ix, done := live.Acquire()
	defer done()
	if n, _ := ix.DocCount(); n != 3 {
		t.Errorf("after the swap: %d articles, want 3", n)
	}
}
