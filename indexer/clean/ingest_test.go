package clean_test

import (
	"context"
	"iter"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/clean"
	"github.com/syndex/syndex/indexer/ingest"
)

func init() {
	clean.ReadArticles = func(ctx context.Context, path string) iter.Seq2[*article.Article, error] {
		return ingest.ReadFile(ctx, path, ingest.Options{})
	}
}
