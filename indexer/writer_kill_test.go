package indexer

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer/article"
)

// addChildEnv names the location the test binary, re-run as a child,
// writes into with the incremental Writer until it is killed (see
// runAddChild and TestStoryTableSurvivesKill).
const addChildEnv = "SYNDEX_ADD_CHILD"

// runAddChild is the child of TestStoryTableSurvivesKill: it adds the
// sources through the incremental Writer in small batches, says "ready"
// after a few batches and then stalls, so that the kill lands in the middle
// of a write whose first batches are committed.
func runAddChild(dir string, sources []string) {
	batches := 0
	AddFiles(context.Background(), dir, sources, WriteOptions{BatchSize: 20, Progress: func(p Progress) {
		if batches++; batches == 6 {
			os.Stdout.WriteString("ready\n")
			// Let the writers commit the batches handed to them, then wait
			// for the kill.
			time.Sleep(time.Hour)
		}
	}})
	os.Exit(3) // finishing is a failure: the kill was meant to land first
}

// TestStoryTableSurvivesKill kills an `index` run (the incremental Writer)
// with SIGKILL after some of its batches were committed, and checks that
// the story table knows every article the index holds: an exact copy of
// each written later joins its original's story, as after a complete run.
func TestStoryTableSurvivesKill(t *testing.T) {
	dir := t.TempDir()
	seed := writeJSONL(t, t.TempDir(), "seed.jsonl", rec("seed", "A seed article", "S"))
	if _, err := Reindex(t.Context(), dir, []string{seed}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(sharedDir(t, "corpora", "jsonl"), "bbc.jsonl")
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), addChildEnv+"="+dir, "SYNDEX_KILL_SOURCES="+src)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q before the kill, want ready", line)
	}
	time.Sleep(2 * time.Second) // the child's writers commit what they hold
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer ix.Close()
	n, _ := ix.DocCount()
	if n < 41 {
		t.Fatalf("%d articles after the kill, want the seed and at least two committed batches", n)
	}
	res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var originals, copies []*article.Article
	for _, h := range res.Hits {
		if h.ID == "seed" || len(originals) == 20 {
			continue
		}
		a, err := ix.Article(h.ID)
		if err != nil || a == nil {
			t.Fatalf("article %s: %v", h.ID, err)
		}
		originals = append(originals, a)
		copies = append(copies, &article.Article{ID: "copy-" + a.ID, Title: a.Title, Body: a.Body, Source: "copy.example"})
	}
	if _, err := ix.Writer().Add(t.Context(), copies); err != nil {
		t.Fatal(err)
	}
	joined := 0
	for i, c := range copies {
		got, _ := ix.Article(c.ID)
		if got != nil && got.Story == originals[i].Story {
			joined++
		} else if got != nil {
			t.Logf("copy of %s (story %s) got story %s", originals[i].ID, originals[i].Story, got.Story)
		}
	}
	if joined != len(copies) {
		t.Errorf("%d of %d exact copies joined their original's story after the kill", joined, len(copies))
	}
}
