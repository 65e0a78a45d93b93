package indexer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/indexer/synteval"
)

// Issue #6 targets on the labelled syndication set (indexer/synteval):
// pairwise precision and recall of story grouping, the share of injected
// cruft lines removed and of real story text kept.
const (
	targetPrecision = 0.98
	targetRecall    = 0.98
	targetRemoved   = 0.99
	targetKept      = 0.995
)

// indexedStories reads every article's story and body back from the index.
func indexedStories(t *testing.T, dir string) (stories, bodies map[string]string) {
	t.Helper()
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), int(n), 0, false)
	req.Fields = []string{indexer.FieldStory, indexer.FieldBody}
	res, err := ix.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	stories, bodies = map[string]string{}, map[string]string{}
	for _, h := range res.Hits {
		stories[h.ID], _ = h.Fields[indexer.FieldStory].(string)
		bodies[h.ID], _ = h.Fields[indexer.FieldBody].(string)
	}
	return stories, bodies
}

// TestSyndicationEvaluation reindexes the labelled set and scores story
// grouping and cleaning against its ground truth (numbers in the README).
func TestSyndicationEvaluation(t *testing.T) {
	set, err := synteval.Generate(synteval.Options{CorporaDir: sharedtest.Dir(t, "corpora", "jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := set.WriteJSONL(src); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	start := time.Now()
	sum, err := indexer.Reindex(t.Context(), dir, []string{src}, indexer.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reindexed %d articles in %v (%d rejected)", sum.Indexed, time.Since(start).Round(time.Millisecond), sum.Rejected)
	if sum.Indexed != len(set.Articles) {
		t.Fatalf("indexed %d of %d articles: %v", sum.Indexed, len(set.Articles), sum.Errors)
	}
	stories, bodies := indexedStories(t, dir)
	report(t, set, stories, bodies, "reindex")
}

// TestSyndicationEvaluationIncremental indexes the set in two halves, the
// second with `index` into the live index: copies arriving later, in a
// separate run, must join the stories of the first.
func TestSyndicationEvaluationIncremental(t *testing.T) {
	set, err := synteval.Generate(synteval.Options{CorporaDir: sharedtest.Dir(t, "corpora", "jsonl"), Files: 2})
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := set.WriteJSONL(src); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(src, "*.jsonl"))
	if err != nil || len(files) != 2 {
		t.Fatalf("files %v %v", files, err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Reindex(t.Context(), dir, files[:1], indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := indexer.AddFiles(t.Context(), dir, files[1:], indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	stories, bodies := indexedStories(t, dir)
	if len(stories) != len(set.Articles) {
		t.Fatalf("%d of %d articles indexed", len(stories), len(set.Articles))
	}
	report(t, set, stories, bodies, "reindex + index")
}

// report logs and checks the scores of one indexing of the set.
func report(t *testing.T, set *synteval.Set, stories, bodies map[string]string, how string) {
	t.Helper()
	p, r, tp, fp, fn := synteval.PairwiseScores(set.Stories(), stories)
	removed, kept := synteval.CruftScores(set, bodies)
	t.Logf("%s: %d articles; story pairs precision %.4f recall %.4f (tp %d fp %d fn %d); cruft removed %.4f, story text kept %.4f",
		how, len(stories), p, r, tp, fp, fn, removed, kept)
	if p < targetPrecision || r < targetRecall {
		merged, split := set.WorstMistakes(stories, 25)
		for _, m := range merged {
			t.Logf("merged: %+v", m)
		}
		for _, m := range split {
			t.Logf("split: %+v", m)
		}
		t.Errorf("%s: precision %.4f recall %.4f, want >= %.2f / %.2f", how, p, r, targetPrecision, targetRecall)
	}
	if removed < targetRemoved || kept < targetKept {
		rep := synteval.ScoreCruft(set, bodies)
		t.Logf("cruft report: %+v", rep)
		t.Errorf("%s: cruft removed %.4f, text kept %.4f, want >= %.3f / %.3f", how, removed, kept, targetRemoved, targetKept)
	}
}

// TestStoryTemplateNegatives checks that Reuters earnings reports, which
// share one template ("Shr ... vs ... Net ... Revs ..."), are not merged
// unless they are one report: the same text, or a repost or correction of
// it sharing its figures (synteval.SameReport).
func TestStoryTemplateNegatives(t *testing.T) {
	src := sharedtest.Dir(t, "corpora", "jsonl", "reuters.jsonl")
	byID := map[string]*article.Article{}
	var lines []byte
	for a, err := range ingest.ReadFile(t.Context(), src, ingest.Options{}) {
		if err != nil || !(strings.Contains(strings.ToLower(a.Title), "qtr") || strings.HasPrefix(a.Body, "Shr")) {
			continue
		}
		byID[a.ID] = a
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(append(lines, line...), '\n')
	}
	if len(byID) < 500 {
		t.Fatalf("only %d earnings reports", len(byID))
	}
	file := filepath.Join(t.TempDir(), "earnings.jsonl")
	if err := os.WriteFile(file, lines, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Reindex(t.Context(), dir, []string{file}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	stories, _ := indexedStories(t, dir)
	groups := map[string][]string{}
	for id, s := range stories {
		groups[s] = append(groups[s], id)
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	identical, reposts, wrong := 0, 0, 0
	for _, g := range groups {
		slices.Sort(g)
		first := byID[g[0]]
		for _, id := range g[1:] {
			b := byID[id]
			switch {
			case norm(b.Body) == norm(first.Body):
				identical++
			case synteval.SameReport(first.Body, b.Body):
				reposts++
			default:
				wrong++
				t.Errorf("different reports merged: %s %q and %s %q", first.ID, first.Title, id, b.Title)
			}
		}
	}
	t.Logf("%d earnings reports: merged %d identical texts and %d reposts/corrections of one report; %d wrong merges",
		len(byID), identical, reposts, wrong)
}
