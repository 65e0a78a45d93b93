package indexer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/story"
)

// TestStoryTableSavedAfterFailedWrite checks that the story entries of a
// write that fails part-way are saved: its earlier batches are in the index.
func TestStoryTableSavedAfterFailedWrite(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "a.jsonl")
	if err := os.WriteFile(src, []byte(`{"id":"a1","title":"First article here","body":"Some body text."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := reindexOpen(t, dir, src)
	boom := errors.New("boom")
	err := ix.Writer().run(func(w *writeRun) error {
		a := &article.Article{ID: "b1", Title: "Second article here", Body: "Other body text."}
		if _, err := w.stories.Assign(a, story.NewSketch(a)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("write error %v, want boom", err)
	}
	lt, _, err := story.LoadTable(ix.Path)
	if err != nil || lt.Len() != 2 || lt.ID(1) != "b1" {
		t.Fatalf("after a failed write the table holds %d docs (%v)", lt.Len(), err)
	}
}

// TestWriterAdd checks that Add counts new and replaced ids across batches
// and that the articles are searchable when it returns.
func TestWriterAdd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	src := writeJSONL(t, t.TempDir(), "a.jsonl", rec("a", "Alpha", "S1"))
	ix := reindexOpen(t, dir, src)
	arts := []*article.Article{{ID: "a", Title: "Alpha 2", Body: "x"}, {ID: "b", Title: "Beta", Body: "y"}, {ID: "c", Title: "Gamma", Body: "z"}}
	w := ix.Writer()
	w.addBatch = 2
	sum, err := w.Add(t.Context(), arts)
	if n, u := sum.Indexed, sum.Updated; err != nil || n != 2 || u != 1 {
		t.Fatalf("indexed %d updated %d err %v", n, u, err)
	}
	if c, _ := ix.DocCount(); c != 3 {
		t.Errorf("count %d, want 3", c)
	}
	if a, _ := ix.Article("a"); a == nil || a.Title != "Alpha 2" {
		t.Errorf("a = %+v", a)
	}
}

// TestWriterDelete checks that deleted articles are gone and no longer
// counted, that unknown and repeated ids are not counted as deleted, and
// that a deleted id can be added again.
func TestWriterDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	src := writeJSONL(t, t.TempDir(), "a.jsonl", rec("a", "Alpha", "S1"), rec("b", "Beta", "S1"), rec("c", "Gamma", "S2"))
	if _, err := Reindex(t.Context(), dir, []string{src}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := ix.Writer()
	if w != ix.Writer() {
		t.Fatal("Writer returned a different Writer for the same index")
	}
	n, err := w.Delete(t.Context(), "a", "nope", "a", "c")
	if err != nil || n != 2 {
		t.Fatalf("deleted %d, %v; want 2", n, err)
	}
	if c, _ := ix.DocCount(); c != 1 {
		t.Errorf("count after delete %d, want 1", c)
	}
	for _, id := range []string{"a", "c"} {
		if _, err := ix.Article(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleted article %s: err %v, want ErrNotFound", id, err)
		}
	}
	if a, err := ix.Article("b"); err != nil || a.Title != "Beta" {
		t.Errorf("kept article b = %+v, %v", a, err)
	}
	if n, err := w.Delete(t.Context()); err != nil || n != 0 {
		t.Errorf("empty delete: %d, %v", n, err)
	}
	sum, err := w.Add(t.Context(), []*article.Article{{ID: "a", Title: "Alpha again", Body: "back"}})
	if err != nil || sum.Indexed != 1 || sum.Updated != 0 {
		t.Fatalf("re-add after delete: indexed %d updated %d, %v", sum.Indexed, sum.Updated, err)
	}
	if c, _ := ix.DocCount(); c != 2 {
		t.Errorf("count after re-add %d, want 2", c)
	}
	if a, err := ix.Article("a"); err != nil || a.Title != "Alpha again" {
		t.Errorf("re-added article a = %+v, %v", a, err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// The delete is in the index on disk, not only in this process.
	ix2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if c, _ := ix2.DocCount(); c != 2 {
		t.Errorf("count after reopen %d, want 2", c)
	}
	if _, err := ix2.Article("c"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted article c after reopen: %v", err)
	}
}

// TestWriterConcurrentAdd checks that concurrent Adds on one Writer all
// land: every article is indexed once, and the summaries add up to exactly
// the new and replaced ids (no lost or doubled counts).
func TestWriterConcurrentAdd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	src := writeJSONL(t, t.TempDir(), "a.jsonl", rec("shared-0", "Shared zero", "S1"))
	ix := reindexOpen(t, dir, src)
	w := ix.Writer()
	w.addBatch = 3
	const goroutines, per = 6, 10
	sums := make([]Summary, goroutines)
	errs := make([]error, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var arts []*article.Article
			for i := range per {
				arts = append(arts, &article.Article{ID: fmt.Sprintf("g%d-%d", g, i), Title: fmt.Sprintf("Story %d of writer %d", i, g), Body: "body"})
			}
			// Every goroutine also replaces the one pre-existing article.
			arts = append(arts, &article.Article{ID: "shared-0", Title: "Shared zero again", Body: "body"})
			sums[g], errs[g] = w.Add(t.Context(), arts)
		}()
	}
	wg.Wait()
	indexed, updated := 0, 0
	for g := range goroutines {
		if errs[g] != nil {
			t.Fatalf("writer %d: %v", g, errs[g])
		}
		indexed += sums[g].Indexed
		updated += sums[g].Updated
	}
	if indexed != goroutines*per || updated != goroutines {
		t.Errorf("summaries: indexed %d updated %d, want %d and %d", indexed, updated, goroutines*per, goroutines)
	}
	if c, _ := ix.DocCount(); c != goroutines*per+1 {
		t.Errorf("count %d, want %d", c, goroutines*per+1)
	}
	for g := range goroutines {
		for i := range per {
			if _, err := ix.Article(fmt.Sprintf("g%d-%d", g, i)); err != nil {
				t.Errorf("article g%d-%d: %v", g, i, err)
			}
		}
	}
	// Every write appended its articles to the story table.
	lt, _, err := story.LoadTable(ix.Path)
	if err != nil || lt.Len() != 1+goroutines*(per+1) {
		t.Errorf("story table holds %d records (%v), want %d", lt.Len(), err, 1+goroutines*(per+1))
	}
}
