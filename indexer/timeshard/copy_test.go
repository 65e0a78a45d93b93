package timeshard_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestCopyWholeAndSome copies an open index online — whole (Bleve's
// CopyTo, as replica snapshots do) and only some shards — while it keeps
// taking writes, and opens each copy as an index of its own.
func TestCopyWholeAndSome(t *testing.T) {
	dir := t.TempDir()
	bi := create(t, filepath.Join(dir, "live"))
	defer bi.Close()
	for id, a := range map[string]map[string]any{
		"jan1": article("gold price january", day("2022-01-05")),
		"jan2": article("gold mine january", day("2022-01-20")),
		"feb":  article("gold february", day("2022-02-03")),
		"none": article("gold undated", time.Time{}),
	} {
		if err := bi.Index(id, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := bi.SetInternal([]byte("k"), []byte("v")); err != nil {
		t.Fatal(err)
	}

	whole := filepath.Join(dir, "whole")
	if err := bi.(bleve.IndexCopyable).CopyTo(bleve.FileSystemDirectory(whole)); err != nil {
		t.Fatal(err)
	}
	// A write after the copy is not in it.
	if err := bi.Index("mar", article("gold march", day("2022-03-01"))); err != nil {
		t.Fatal(err)
	}

	some := filepath.Join(dir, "some")
	cr, err := mustAdv(t, bi).CopyReaderOf(func(name string) bool { return name != "2022-01" })
	if err != nil {
		t.Fatal(err)
	}
	if err := cr.CopyTo(bleve.FileSystemDirectory(some)); err != nil {
		t.Fatal(err)
	}
	if err := cr.CloseCopyReader(); err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile(filepath.Join(dir, "live", "index_meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(some, "index_meta.json"), meta, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		path  string
		docs  map[string]uint64
		gold  []string
		inter string
	}{
		{whole, map[string]uint64{"2022-01": 2, "2022-02": 1, "undated": 1}, []string{"feb", "jan1", "jan2", "none"}, "v"},
		{some, map[string]uint64{"2022-02": 1, "2022-03": 1, "undated": 1}, []string{"feb", "mar", "none"}, "v"},
	} {
		cp, err := bleve.Open(c.path)
		if err != nil {
			t.Fatalf("open copy %s: %v", c.path, err)
		}
		if got := shardDocs(t, cp); !equal(got, c.docs) {
			t.Errorf("%s: shards %v, want %v", filepath.Base(c.path), got, c.docs)
		}
		if got := hits(t, cp, "gold"); !slices.Equal(got, c.gold) {
			t.Errorf("%s: gold finds %v, want %v", filepath.Base(c.path), got, c.gold)
		}
		if v, err := cp.GetInternal([]byte("k")); err != nil || string(v) != c.inter {
			t.Errorf("%s: internal k = %q, %v; want %q", filepath.Base(c.path), v, err, c.inter)
		}
		// The copy takes writes of its own.
		if err := cp.Index("jan3", article("gold again", day("2022-01-09"))); err != nil {
			t.Fatal(err)
		}
		cp.Close()
	}
	// The live index is untouched by its copies.
	if got, want := shardDocs(t, bi), map[string]uint64{"2022-01": 2, "2022-02": 1, "2022-03": 1, "undated": 1}; !equal(got, want) {
		t.Errorf("live shards %v, want %v", got, want)
	}
}
