package bleveengine

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/syndex/syndex/indexer"
)

// storyRow is what the index stores of an article, read back independently
// of the search engine's columns.
type storyRow struct {
	id, story, source, month string
	tags                     []string
	published                string
}

// storyRows reads every article's stored story, source, tags and date.
func storyRows(t *testing.T, ix *indexer.Index) []storyRow {
	t.Helper()
	n, err := ix.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(bq.NewMatchAllQuery(), int(n), 0, false)
	req.Fields = []string{indexer.FieldStory, indexer.FieldSource, indexer.FieldTags, indexer.FieldPublished}
	res, err := ix.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]storyRow, 0, len(res.Hits))
	for _, h := range res.Hits {
		a := indexer.ArticleFromFields(h.ID, h.Fields)
		if a.Story == "" {
			t.Fatalf("article %s has no story", h.ID)
		}
		r := storyRow{id: a.ID, story: a.Story, source: a.Source, tags: a.Tags}
		if !a.Published.IsZero() {
			r.published = a.Published.UTC().Format(time.RFC3339)
			r.month = r.published[:7]
		}
		rows = append(rows, r)
	}
	return rows
}

// distinctStories counts, per value, the stories with an article having it.
func distinctStories(rows []storyRow, keep func(storyRow) bool, values func(storyRow) []string) map[string]int {
	seen := map[[2]string]bool{}
	out := map[string]int{}
	for _, r := range rows {
		if !keep(r) {
			continue
		}
		for _, v := range values(r) {
			if !seen[[2]string{r.story, v}] {
				seen[[2]string{r.story, v}] = true
				out[v]++
			}
		}
	}
	return out
}

// checkStoryFacets compares a collapsed search's totals and facets with
// counts computed from the stored story ids.
func checkStoryFacets(t *testing.T, svc *searchsvc.Service, rows []storyRow, params string, keep func(storyRow) bool) {
	t.Helper()
	res := searchtest.DoSearch(t, svc, params+"&size=0&facet_size=1000&interval=month")
	if res.Counts != searchsvc.CountStories || res.Facets.Counts != searchsvc.CountStories {
		t.Fatalf("%s: counts %q, facets count %q", params, res.Counts, res.Facets.Counts)
	}
	one := func(v string) func(storyRow) []string { return func(storyRow) []string { return []string{v} } }
	stories := distinctStories(rows, keep, one("all"))["all"]
	articles := 0
	for _, r := range rows {
		if keep(r) {
			articles++
		}
	}
	if int(res.Total) != stories || int(res.TotalArticles) != articles {
		t.Errorf("%s: total %d stories / %d articles, want %d / %d", params, res.Total, res.TotalArticles, stories, articles)
	}
	if stories == articles {
		t.Errorf("%s: no story with several copies matches; the test proves nothing", params)
	}
	if got, want := searchtest.FacetMap(res.Facets.Source), distinctStories(rows, keep, func(r storyRow) []string { return []string{r.source} }); !maps.Equal(got, want) {
		t.Errorf("%s: source facet %v, want %v", params, got, want)
	}
	if got, want := searchtest.FacetMap(res.Facets.Tag), distinctStories(rows, keep, func(r storyRow) []string { return r.tags }); !maps.Equal(got, want) {
		t.Errorf("%s: tag facet counts %d values, want %d", params, len(got), len(want))
		for v, n := range want {
			if got[v] != n {
				t.Errorf("  tag %q: %d, want %d", v, got[v], n)
			}
		}
	}
	months := searchtest.MonthCounts(res.Facets.Published)
	want := distinctStories(rows, keep, func(r storyRow) []string {
		if r.month == "" {
			return nil
		}
		return []string{r.month}
	})
	if !maps.Equal(months, want) {
		t.Errorf("%s: months %v, want %v", params, months, want)
	}
}

// TestCollapseSample checks collapsing on the bundled sample corpus, whose
// reposts are copies of its articles: totals and facets count stories,
// every story is one hit with its copies in also_in, and collapse=false
// returns every copy.
func TestCollapseSample(t *testing.T) {
	ix, svc := reindexService(t, t.TempDir(), "../../testdata/sample")
	rows := storyRows(t, ix)
	all := func(storyRow) bool { return true }
	checkStoryFacets(t, svc, rows, "q=", all)

	members := map[string][]string{}
	byID := map[string]storyRow{}
	for _, r := range rows {
		members[r.story] = append(members[r.story], r.id)
		byID[r.id] = r
	}
	// Page through everything by cursor, newest first and by relevance:
	// every story once, with its other copies listed.
	for _, params := range []string{"q=&sort=newest", "q=oil+OR+shares+OR+bank+OR+strike"} {
		var seenStories []string
		res := searchtest.DoSearch(t, svc, params+"&size=7&facets=")
		total := int(res.Total)
		for {
			for _, h := range res.Hits {
				if slices.Contains(seenStories, h.Story) {
					t.Fatalf("%s: story %s shown twice", params, h.Story)
				}
				seenStories = append(seenStories, h.Story)
				if byID[h.ID].story != h.Story {
					t.Errorf("%s: hit %s has story %s, stored %s", params, h.ID, h.Story, byID[h.ID].story)
				}
				if h.Copies != len(members[h.Story])-1 || len(h.AlsoIn) != min(h.Copies, searchsvc.MaxAlsoIn) {
					t.Errorf("%s: hit %s: copies %d, also_in %d, story has %d articles", params, h.ID, h.Copies, len(h.AlsoIn), len(members[h.Story]))
				}
				for _, c := range h.AlsoIn {
					if c.ID == h.ID || byID[c.ID].story != h.Story || c.Source != byID[c.ID].source {
						t.Errorf("%s: hit %s lists %+v, not another copy of its story", params, h.ID, c)
					}
				}
			}
			if res.NextCursor == "" {
				break
			}
			res = searchtest.DoSearch(t, svc, params+"&size=7&facets=&cursor="+url.QueryEscape(res.NextCursor))
		}
		if len(seenStories) != total {
			t.Errorf("%s: paged through %d stories of %d", params, len(seenStories), total)
		}
	}
	// A story is shown as its original: the earliest published copy.
	multi := 0
	res := searchtest.DoSearch(t, svc, "q=&size=100&facets=&sort=relevance")
	for _, h := range res.Hits {
		if h.Copies == 0 {
			continue
		}
		multi++
		for _, c := range h.AlsoIn {
			if c.Published != "" && h.Published != "" && c.Published < h.Published {
				t.Errorf("story %s shown as %s (%s), but copy %s is older (%s)", h.Story, h.ID, h.Published, c.ID, c.Published)
			}
		}
	}
	if multi == 0 {
		t.Error("no hit has copies")
	}
	// The article view places an article in its story, and related
	// stories never include its own copies.
	checked := 0
	for story, ids := range members {
		if len(ids) < 2 {
			continue
		}
		for _, id := range ids {
			v, err := svc.Article(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			var others []string
			for _, o := range ids {
				if o != id {
					others = append(others, o)
				}
			}
			if v.Story != story || !slices.Equal(sortedCopy(v.Copies), sortedCopy(others)) || !slices.Contains(ids, v.Original) {
				t.Errorf("article %s: story %s original %s copies %v; stored story %s has %v", id, v.Story, v.Original, v.Copies, story, ids)
			}
			for _, o := range ids {
				if r := byID[o]; r.published != "" && byID[v.Original].published > r.published {
					t.Errorf("article %s: original %s is not the earliest of its story (%s is)", id, v.Original, o)
				}
			}
			rel, err := svc.Related(context.Background(), id, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(rel.Terms) == 0 || len(rel.Hits) == 0 {
				t.Errorf("related to %s: terms %v, %d hits", id, rel.Terms, len(rel.Hits))
			}
			stories := map[string]bool{}
			for _, h := range rel.Hits {
				if h.Story == story || stories[h.Story] {
					t.Errorf("related to %s: %s (story %s) is its own story or a repeat", id, h.ID, h.Story)
				}
				stories[h.Story] = true
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no story with copies to check the article view on")
	}
	// collapse=false: every article, counted as articles.
	res = searchtest.DoSearch(t, svc, "q=&size=0&collapse=false")
	if res.Counts != searchsvc.CountArticles || res.Facets.Counts != searchsvc.CountArticles || int(res.Total) != len(rows) || int(res.TotalArticles) != len(rows) {
		t.Errorf("collapse=false: %s total %d / %d, want %d articles", res.Counts, res.Total, res.TotalArticles, len(rows))
	}
}

// TestCollapseShared checks story facet counts on the shared corpus under
// filters (disjunctive facets count stories too).
func TestCollapseShared(t *testing.T) {
	svc, _ := sharedService(t)
	ix, _ := searchtest.SharedIndex(t)
	rows := storyRows(t, ix)
	checkStoryFacets(t, svc, rows, "q=", func(storyRow) bool { return true })
	checkStoryFacets(t, svc, rows, "q=&from=2022-01-01&to=2022-12-31", func(r storyRow) bool {
		return r.published >= "2022-01-01" && r.published != "" && r.published[:10] <= "2022-12-31"
	})
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}
