package indexer

import (
	"testing"

	"github.com/syndex/syndex/indexer/sharedtest"
)

// sharedDir returns a path under the shared corpora (see sharedtest.Dir).
func sharedDir(tb testing.TB, parts ...string) string {
	tb.Helper()
	return sharedtest.Dir(tb, parts...)
}
