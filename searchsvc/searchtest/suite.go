package searchtest

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc"
)

// OpenBackend builds a backend over the articles of the JSON Lines files
// sources (indexing them however the backend does) for one test.
type OpenBackend func(t *testing.T, sources []string) searchsvc.Backend

// Run is the conformance suite of the search seam: every Backend (the
// single Bleve index, a time-sharded layout, any later engine) must pass
// it. It indexes the fixture corpus through open and checks answers that
// are computed from the articles themselves, never from another backend:
// matches, filters, facets, sorting, cursor paging, article lookup,
// values, suggestions, related stories and stats.
func Run(t *testing.T, open OpenBackend) {
	arts := FixtureArticles()
	src := WriteJSONL(t, t.TempDir(), "fixture.jsonl", arts)
	b := open(t, []string{src})
	svc := searchsvc.New(b, searchsvc.Config{Now: func() time.Time { return TestNow }, Log: QuietLog()})
	ctx := context.Background()

	t.Run("matches", func(t *testing.T) {
		for params, want := range map[string]Expect{
			"q=zephyr":                  Has("zephyr"),
			"q=zephyr+quokka":           All(Has("zephyr"), Has("quokka")),
			"q=zephyr+-quokka":          func(a FixtureArticle) bool { return Has("zephyr")(a) && !Has("quokka")(a) },
			"q=%22crude+oil%22":         func(a FixtureArticle) bool { return strings.Contains(strings.ToLower(a.Title+" "+a.Body), "crude oil") },
			"q=zephyr&source=Beta+News": All(Has("zephyr"), FromSource("Beta News")),
			"q=zephyr&tag=energy":       All(Has("zephyr"), WithTag("energy")),
			"q=&lang=de":                func(a FixtureArticle) bool { return a.Lang == "de" },
		} {
			res := DoSearch(t, svc, params+"&collapse=false&size=100")
			if got, exp := sortedIDs(res), IDSet(SelectArts(arts, want)); !slices.Equal(got, exp) {
				t.Errorf("%s: got %v, want %v", params, got, exp)
			}
			if res.Total != uint64(len(res.Hits)) {
				t.Errorf("%s: total %d for %d hits", params, res.Total, len(res.Hits))
			}
		}
	})

	t.Run("dates", func(t *testing.T) {
		from, to := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 31, 23, 59, 59, 0, time.UTC)
		res := DoSearch(t, svc, "from=2024-02-01&to=2024-03-31&collapse=false&size=100")
		want := SelectArts(arts, func(a FixtureArticle) bool {
			p, err := time.Parse(time.RFC3339, a.Published)
			return err == nil && !p.Before(from) && !p.After(to)
		})
		if got := sortedIDs(res); !slices.Equal(got, IDSet(want)) {
			t.Errorf("got %v, want %v", got, IDSet(want))
		}
	})

	t.Run("facets", func(t *testing.T) {
		res := DoSearch(t, svc, "q=zephyr&collapse=false&size=0&facet_size=100")
		hits := SelectArts(arts, Has("zephyr"))
		if got, want := FacetMap(res.Facets.Source), CountBy(hits, BySource); !maps.Equal(got, want) {
			t.Errorf("source facet %v, want %v", got, want)
		}
		if got, want := FacetMap(res.Facets.Tag), CountBy(hits, ByTag); !maps.Equal(got, want) {
			t.Errorf("tag facet %v, want %v", got, want)
		}
		if got, want := FacetMap(res.Facets.Author), CountBy(hits, ByAuthor); !maps.Equal(got, want) {
			t.Errorf("author facet %v, want %v", got, want)
		}
		if got, want := res.Facets.Author.Missing, len(SelectArts(hits, ByAuthorIn(""))); got != want {
			t.Errorf("author facet missing %d, want %d", got, want)
		}
		// Disjunctive: selecting a source leaves the other sources' counts,
		// and the author facet counts under the source filter.
		sel := DoSearch(t, svc, "q=zephyr&source=Beta+News&collapse=false&size=0&facet_size=100")
		if got, want := FacetMap(sel.Facets.Source), CountBy(hits, BySource); !maps.Equal(got, want) {
			t.Errorf("source facet under its own filter %v, want %v", got, want)
		}
		if got, want := FacetMap(sel.Facets.Author), CountBy(SelectArts(hits, FromSource("Beta News")), ByAuthor); !maps.Equal(got, want) {
			t.Errorf("author facet under a source filter %v, want %v", got, want)
		}
		byAuthor := DoSearch(t, svc, "q=zephyr&author=Ann+Lee&collapse=false&size=0&facet_size=100")
		if got, want := FacetMap(byAuthor.Facets.Author), CountBy(hits, ByAuthor); !maps.Equal(got, want) {
			t.Errorf("author facet under its own filter %v, want %v", got, want)
		}
	})

	t.Run("newest first", func(t *testing.T) {
		res := DoSearch(t, svc, "q=&sort=newest&collapse=false&size=100")
		var last string
		for _, h := range res.Hits {
			if h.Published == "" {
				continue
			}
			if last != "" && h.Published > last {
				t.Fatalf("%s (%s) after %s", h.ID, h.Published, last)
			}
			last = h.Published
		}
		if res.Total != uint64(len(arts)) {
			t.Errorf("listing: %d of %d articles", res.Total, len(arts))
		}
	})

	t.Run("cursor paging", func(t *testing.T) {
		for _, params := range []string{"q=zephyr&collapse=false", "q=&sort=oldest", "q=zephyr+OR+quokka"} {
			first := DoSearch(t, svc, params+"&size=7&facets=")
			seen := map[string]bool{}
			res := first
			for pages := 0; ; pages++ {
				if res.Offset != len(seen) {
					t.Errorf("%s: page %d says offset %d after %d hits", params, pages+1, res.Offset, len(seen))
				}
				for _, h := range res.Hits {
					if seen[h.ID] {
						t.Fatalf("%s: %s twice", params, h.ID)
					}
					seen[h.ID] = true
				}
				if res.NextCursor == "" || pages > 50 {
					break
				}
				res = DoSearch(t, svc, params+"&size=7&facets=&cursor="+res.NextCursor)
			}
			if uint64(len(seen)) != first.Total {
				t.Errorf("%s: %d hits over all pages, total %d", params, len(seen), first.Total)
			}
		}
	})

	t.Run("article", func(t *testing.T) {
		v, err := svc.Article(ctx, arts[3].ID)
		if err != nil || v.Title != arts[3].Title || v.Source != arts[3].Source {
			t.Fatalf("article %s: %+v %v", arts[3].ID, v, err)
		}
		if _, err := svc.Article(ctx, "no-such-article"); !errors.Is(err, searchsvc.ErrNotFound) {
			t.Errorf("missing article: %v, want ErrNotFound", err)
		}
		twin, err := svc.Article(ctx, "twin-new")
		if err != nil || twin.Original != "twin-old" || !slices.Equal(twin.Copies, []string{"twin-old"}) {
			t.Errorf("syndicated copy: %+v %v, want original twin-old", twin, err)
		}
	})

	t.Run("values", func(t *testing.T) {
		for param, key := range map[string]func(FixtureArticle) []string{"source": BySource, "author": ByAuthor} {
			vals, err := svc.Values(ctx, param)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, v := range vals {
				got[v.Value] = v.Count
			}
			if want := CountBy(arts, key); !maps.Equal(got, want) {
				t.Errorf("%s values %v, want %v", param, got, want)
			}
		}
	})

	t.Run("suggest", func(t *testing.T) {
		s, err := svc.Suggest(ctx, "zeph", 5)
		if err != nil || len(s.Terms) == 0 || s.Terms[0].Term != "zephyr" {
			t.Errorf("suggest zeph: %+v %v", s, err)
		}
	})

	t.Run("related", func(t *testing.T) {
		rel, err := svc.Related(ctx, "infl-1", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(rel.Hits) == 0 || !strings.HasPrefix(rel.Hits[0].ID, "infl-") {
			t.Errorf("related to infl-1: %v, want another inflation story first", IDs(&searchsvc.Response{Hits: rel.Hits}))
		}
		for _, h := range rel.Hits {
			if h.ID == "infl-1" {
				t.Error("an article is related to itself")
			}
		}
	})

	t.Run("stats", func(t *testing.T) {
		st, err := svc.Stats(ctx)
		if err != nil || st.Articles != uint64(len(arts)) {
			t.Errorf("stats %+v %v, want %d articles", st, err, len(arts))
		}
	})

	t.Run("closed", func(t *testing.T) {
		closed := searchsvc.New(b, searchsvc.Config{})
		closed.Close()
		if _, err := closed.Search(ctx, searchsvc.NewRequest("zephyr")); !errors.Is(err, searchsvc.ErrClosed) {
			t.Errorf("search after close: %v", err)
		}
	})
}

// sortedIDs returns the hit ids, sorted.
func sortedIDs(res *searchsvc.Response) []string {
	out := IDs(res)
	sort.Strings(out)
	return out
}
