package indexer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer/article"
)

func allIDs(t *testing.T, dir string) []string {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestReindexKeepsJournal: articles written through Live (push, admin,
// poller) and deletions (DELETE, retention) survive a reindex from files;
// a torn last journal line is skipped.
func TestReindexKeepsJournal(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	f := writeJSONL(t, src, "a.jsonl", rec("a", "Alpha", "S1"), rec("b", "Beta", "S1"))
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	pushed := []*article.Article{{ID: "p1", Title: "Pushed one", Body: "Pushed."}, {ID: "p2", Title: "Pushed two", Body: "Pushed too."}}
	if _, _, err := live.AddArticles(t.Context(), pushed); err != nil {
		t.Fatal(err)
	}
	if _, err := live.DeleteArticles(t.Context(), []string{"a", "p2"}); err != nil {
		t.Fatal(err)
	}
	live.Close()
	// A crash mid-append leaves a torn line.
	jf, _ := os.OpenFile(filepath.Join(dir, journalFile), os.O_APPEND|os.O_WRONLY, 0)
	jf.WriteString(`{"article":{"id":"torn","tit`)
	jf.Close()

	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := allIDs(t, dir); !slices.Equal(got, []string{"b", "p1"}) {
		t.Fatalf("after reindex %v, want b, p1", got)
	}
	// Written again after its deletion: back.
	live, err = OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := live.AddArticles(t.Context(), []*article.Article{{ID: "a", Title: "Alpha again", Body: "Back."}}); err != nil {
		t.Fatal(err)
	}
	live.Close()
	sum, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The journal's "a" replaces the file's: an update, so the counts add
	// up to the three articles.
	if sum.Indexed != 3 || sum.Updated != 1 || sum.Articles != 3 {
		t.Errorf("second reindex counted indexed %d, updated %d for %d articles; want 3, 1, 3", sum.Indexed, sum.Updated, sum.Articles)
	}
	if got := allIDs(t, dir); !slices.Equal(got, []string{"a", "b", "p1"}) {
		t.Errorf("after the second reindex %v, want a, b, p1", got)
	}
	// The reindexes compacted the journal to its final state: p1 and a
	// written, p2 deleted (a's deletion superseded).
	data, _ := os.ReadFile(filepath.Join(dir, journalFile))
	if lines := strings.Count(string(data), "\n"); lines != 3 || strings.Contains(string(data), "torn") {
		t.Errorf("journal after compaction (%d lines):\n%s", lines, data)
	}
}

// TestAddFilesJournalsTransient: articles of sources that cannot be read
// again (standard input, fetched URLs) are journaled by AddFiles, on a
// fresh location and on an existing index alike, so any later reindex
// keeps them; files are not journaled (a reindex reads them again), and
// the generation records the journal as applied, so a server opening it
// has nothing to redo.
func TestAddFilesJournalsTransient(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	stdin := writeJSONL(t, src, "stdin", rec("s1", "From stdin", "S1"))
	f := writeJSONL(t, src, "a.jsonl", rec("a", "Alpha", "S1"))
	o := WriteOptions{Transient: []string{stdin}}
	if _, err := AddFiles(t.Context(), dir, []string{stdin}, o); err != nil {
		t.Fatalf("fresh location, only a transient source: %v", err)
	}
	if got := allIDs(t, dir); !slices.Equal(got, []string{"s1"}) {
		t.Fatalf("fresh location: %v, want s1", got)
	}
	stdin2 := writeJSONL(t, src, "stdin2", rec("s2", "Again from stdin", "S1"), `{"id":"bad",`)
	sum, err := AddFiles(t.Context(), dir, []string{f, stdin2}, WriteOptions{Transient: []string{stdin2}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 2 || sum.Rejected != 1 || sum.Files != 2 || len(sum.Errors) != 1 || !strings.Contains(sum.Errors[0], "stdin2:2") {
		t.Errorf("summary %+v, want 2 indexed (a, s2) and stdin2:2 rejected from 2 files", sum)
	}
	data, _ := os.ReadFile(filepath.Join(dir, journalFile))
	if n := strings.Count(string(data), "\n"); n != 2 || strings.Contains(string(data), `"id":"a"`) {
		t.Errorf("journal holds %d lines, want s1 and s2 only:\n%s", n, data)
	}
	gen, err := CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	if meta, _ := readMeta(gen); meta.JournalOffset != int64(len(data)) {
		t.Errorf("generation records journal offset %d, the journal is %d bytes", meta.JournalOffset, len(data))
	}
	// A reindex from the file alone keeps both transient articles.
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := allIDs(t, dir); !slices.Equal(got, []string{"a", "s1", "s2"}) {
		t.Errorf("after reindex: %v, want a, s1, s2", got)
	}
}

// TestReloadAppliesWritesDuringReindex: an article pushed after a reindex
// read the journal but before the server switched to the new generation
// is in the new generation once it has switched.
func TestReloadAppliesWritesDuringReindex(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	f := writeJSONL(t, src, "a.jsonl", rec("a", "Alpha", "S1"))
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if _, _, err := live.AddArticles(t.Context(), []*article.Article{{ID: "before", Title: "Before", Body: "Before the reindex."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// Still on the old generation: this write misses the new one...
	if _, _, err := live.AddArticles(t.Context(), []*article.Article{{ID: "during", Title: "During", Body: "During the reindex."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := live.DeleteArticles(t.Context(), []string{"before"}); err != nil {
		t.Fatal(err)
	}
	// ...until the switch applies the journal's tail.
	if swapped, err := live.Reload(); err != nil || !swapped {
		t.Fatalf("reload: %v %v", swapped, err)
	}
	ix, release := live.Acquire()
	res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10, 0, false))
	release()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"a", "during"}) {
		t.Errorf("after the switch %v, want a, during", ids)
	}
}

// TestOpenLiveAppliesJournalTail: a server that wrote during a reindex and
// was killed before switching left those writes in the journal only; the
// next OpenLive applies them. A clean Close records the offset, so the
// next start has nothing to redo.
func TestOpenLiveAppliesJournalTail(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	f := writeJSONL(t, src, "a.jsonl", rec("a", "Alpha", "S1"))
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Reindex(t.Context(), dir, []string{f}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := live.AddArticles(t.Context(), []*article.Article{{ID: "during", Title: "During", Body: "During the reindex."}}); err != nil {
		t.Fatal(err)
	}
	// "Killed": the old generation is dropped without Close.
	ix, _ := live.Acquire()
	ix.Close()
	live2, err := OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	live2.Close()
	if got := allIDs(t, dir); !slices.Equal(got, []string{"a", "during"}) {
		t.Errorf("after restart %v, want a, during", got)
	}
	gen, _ := CurrentGeneration(dir)
	meta, _ := readMeta(gen)
	st, _ := os.Stat(filepath.Join(dir, journalFile))
	if meta.JournalOffset != st.Size() {
		t.Errorf("journal offset %d after a clean close, journal %d bytes", meta.JournalOffset, st.Size())
	}
}

// TestAddFilesTransientWarnsOnce: a warning about a transient source's
// article is counted once, on a fresh location and on an existing index.
func TestAddFilesTransientWarnsOnce(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	for i, name := range []string{"stdin-1", "stdin-2"} {
		in := writeJSONL(t, src, name, fmt.Sprintf(`{"id":"w%d","title":"Dated oddly","body":"Body.","published":"not a date"}`, i))
		sum, err := AddFiles(t.Context(), dir, []string{in}, WriteOptions{Transient: []string{in}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Warned != 1 || len(sum.Warnings) != 1 {
			t.Errorf("%s: %d warnings %q, want 1", name, sum.Warned, sum.Warnings)
		}
	}
}
