package indexer

import (
	"path/filepath"
	"testing"

	"github.com/syndex/syndex/indexer/ingest"
)

// BenchmarkReindexCorpus rebuilds an index of the shared 34,947-article
// corpus end to end (read, clean, index, publish) and reports articles/s,
// MB/s of input and the index size relative to the input.
func BenchmarkReindexCorpus(b *testing.B) {
	src := sharedDir(b, "corpora", "jsonl")
	files, _ := filepath.Glob(filepath.Join(src, "*.jsonl"))
	in := ingest.FilesSize(files)
	b.SetBytes(in)
	dir := b.TempDir()
	var articles int
	var size int64
	for b.Loop() {
		sum, err := Reindex(b.Context(), dir, files, WriteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		articles += sum.Indexed + sum.Updated
		size = DirSize(sum.Generation)
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(size)/float64(in), "size/input")
}
