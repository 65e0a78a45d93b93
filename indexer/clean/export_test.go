package clean

import (
	"context"
	"iter"

	"github.com/syndex/syndex/indexer/article"
)

// ReadArticles reads one file and cleans its articles as indexing does
// (ingest.ReadFile with zero Options), for the tests that check cleaning on
// real files. It is set by ingest_test.go, in the external test package,
// because clean may not import ingest: ingest imports clean.
var ReadArticles func(ctx context.Context, path string) iter.Seq2[*article.Article, error]
