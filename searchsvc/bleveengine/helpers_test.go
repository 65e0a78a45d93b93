package bleveengine

import (
	"context"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

func TestMain(m *testing.M) { searchtest.Main(m) }

// newService returns the search service over an Engine on ix, with the
// clock pinned to searchtest.TestNow.
func newService(tb testing.TB, e *Engine) *searchsvc.Service {
	tb.Helper()
	return searchsvc.New(e, searchsvc.Config{Now: func() time.Time { return searchtest.TestNow }, Log: searchtest.QuietLog()})
}

// fixtureEngine returns an Engine over the fixture index.
func fixtureEngine(tb testing.TB) *Engine {
	tb.Helper()
	ix, _ := searchtest.FixtureIndex(tb)
	e, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// fixtureService returns a Service over the fixture index with "now" pinned.
func fixtureService(tb testing.TB) *searchsvc.Service {
	tb.Helper()
	return newService(tb, fixtureEngine(tb))
}

// reindexService reindexes sources into the location loc and returns the
// open index (closed when the test ends) and a Service over it.
func reindexService(tb testing.TB, loc string, sources ...string) (*indexer.Index, *searchsvc.Service) {
	tb.Helper()
	ix, e := reindexEngine(tb, loc, indexer.WriteOptions{}, sources...)
	return ix, searchsvc.New(e, searchsvc.Config{Log: searchtest.QuietLog()})
}

// reindexEngine reindexes sources into the location loc with o and returns
// the open index (closed when the test ends) and an Engine over it.
func reindexEngine(tb testing.TB, loc string, o indexer.WriteOptions, sources ...string) (*indexer.Index, *Engine) {
	tb.Helper()
	if _, err := indexer.Reindex(context.Background(), loc, sources, o); err != nil {
		tb.Fatal(err)
	}
	ix, err := indexer.Open(loc)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	e, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		tb.Fatal(err)
	}
	return ix, e
}
