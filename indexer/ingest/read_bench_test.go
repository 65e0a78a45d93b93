package ingest

import (
	"path/filepath"
	"testing"
)

// BenchmarkReadJSONLCorpus reads and cleans the shared 34,947-article corpus;
// it reports articles/s and MB/s so the README can show that reading is never
// the bottleneck of indexing.
func BenchmarkReadJSONLCorpus(b *testing.B) {
	dir := sharedDir(b, "corpora", "jsonl")
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	size := FilesSize(files)
	b.SetBytes(size)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for a, err := range Read(b.Context(), files, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			_ = a
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
