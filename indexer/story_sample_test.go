package indexer_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/synteval"
)

// The bundled sample corpus has a truth.tsv of its story groups; these tests
// score story detection against it, through real reindex and index runs.

const sampleDir = "../testdata/sample"

// truthRow is one line of testdata/sample/truth.tsv.
type truthRow struct{ key, story, kind, file string }

// sampleTruth reads the sample corpus file by file and returns its articles
// in corpus order, the truth story of each article id, and the truth rows by
// article id.
func sampleTruth(t *testing.T) ([]*article.Article, map[string]truthRow) {
	t.Helper()
	f, err := os.Open(filepath.Join(sampleDir, "truth.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []truthRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 4 || p[0] == "key" {
			continue
		}
		rows = append(rows, truthRow{p[0], p[1], p[2], p[3]})
	}
	byFile := map[string][]*article.Article{}
	var all []*article.Article
	for _, r := range rows {
		if _, ok := byFile[r.file]; ok {
			continue
		}
		for a, err := range ingest.ReadFile(t.Context(), filepath.Join(sampleDir, r.file), ingest.Options{}) {
			if err != nil {
				t.Fatalf("%s: %v", r.file, err)
			}
			byFile[r.file] = append(byFile[r.file], a)
			all = append(all, a)
		}
	}
	truth := map[string]truthRow{}
	for _, r := range rows {
		arts := byFile[r.file]
		var match *article.Article
		for _, a := range arts {
			if a.ID == r.key || (a.URL != "" && article.NormalizeURL(a.URL) == article.NormalizeURL(r.key)) {
				match = a
				break
			}
		}
		if match == nil && len(arts) == 1 {
			match = arts[0] // a repost: one article per file, no URL of its own
		}
		if match == nil {
			t.Fatalf("truth key %s not found in %s", r.key, r.file)
		}
		truth[match.ID] = r
	}
	if len(truth) != len(rows) || len(all) != len(rows) {
		t.Fatalf("matched %d of %d truth rows to %d articles", len(truth), len(rows), len(all))
	}
	return all, truth
}

// truthStories maps article ids to their truth story.
func truthStories(truth map[string]truthRow) map[string]string {
	m := make(map[string]string, len(truth))
	for id, r := range truth {
		m[id] = r.story
	}
	return m
}

// writeArticles writes articles as JSON Lines, in order, to dir/name.
func writeArticles(t *testing.T, dir, name string, arts []*article.Article) string {
	t.Helper()
	var b []byte
	for _, a := range arts {
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b = append(append(b, line...), '\n')
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func logMistakes(t *testing.T, pred map[string]string, truth map[string]truthRow) {
	t.Helper()
	byTruth := map[string][]string{}
	for id, r := range truth {
		byTruth[r.story] = append(byTruth[r.story], id)
	}
	for story, ids := range byTruth {
		slices.Sort(ids)
		for _, id := range ids[1:] {
			if pred[id] != pred[ids[0]] {
				t.Logf("split: story %s: %s (%s) not with %s (%s)", story, id, truth[id].kind, ids[0], truth[ids[0]].kind)
			}
		}
	}
	byPred := map[string][]string{}
	for id, s := range pred {
		if _, ok := truth[id]; ok {
			byPred[s] = append(byPred[s], id)
		}
	}
	for s, ids := range byPred {
		for _, id := range ids[1:] {
			if truth[id].story != truth[ids[0]].story {
				t.Logf("merged: story %s holds %s (%s) and %s (%s)", s, id, truth[id].story, ids[0], truth[ids[0]].story)
			}
		}
	}
}

// partition returns a grouping as sorted groups of sorted ids.
func partition(pred map[string]string) [][]string {
	g := map[string][]string{}
	for id, s := range pred {
		g[s] = append(g[s], id)
	}
	var out [][]string
	for _, ids := range g {
		slices.Sort(ids)
		out = append(out, ids)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// TestStoryGroupingSample reindexes the sample corpus and scores the story
// grouping against truth.tsv, pair by pair.
func TestStoryGroupingSample(t *testing.T) {
	_, truth := sampleTruth(t)
	dir := t.TempDir()
	if _, err := indexer.Reindex(t.Context(), dir, []string{sampleDir}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	pred, _ := indexedStories(t, dir)
	p, r, tp, fp, fn := synteval.PairwiseScores(truthStories(truth), pred)
	t.Logf("story pairs: precision %.3f recall %.3f (tp %d fp %d fn %d)", p, r, tp, fp, fn)
	if p < 0.95 || r < 0.95 {
		logMistakes(t, pred, truth)
		t.Errorf("precision %.3f, recall %.3f: want both >= 0.95", p, r)
	}
	// The story of a group is the id of one of its articles, and Article
	// reads it back.
	for id, s := range pred {
		if _, ok := pred[s]; !ok {
			t.Errorf("article %s: story %s is no article id", id, s)
		}
	}
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for id := range truth {
		a, err := ix.Article(id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Story != pred[id] {
			t.Errorf("Article(%s).Story = %q, want %q", id, a.Story, pred[id])
		}
		break
	}
}

// TestStoryOrder checks that the grouping does not depend on the order the
// copies arrive in, and that the story id is the first article of a group.
func TestStoryOrder(t *testing.T) {
	arts, truth := sampleTruth(t)
	tmp := t.TempDir()
	stories := func(name string, arts []*article.Article) map[string]string {
		dir := filepath.Join(tmp, name)
		if _, err := indexer.Reindex(t.Context(), dir, []string{writeArticles(t, tmp, name+".jsonl", arts)}, indexer.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		pred, _ := indexedStories(t, dir)
		return pred
	}
	rev := slices.Clone(arts)
	slices.Reverse(rev)
	fwd, bwd := stories("forward", arts), stories("backward", rev)
	pf, pb := partition(fwd), partition(bwd)
	if !slices.EqualFunc(pf, pb, slices.Equal) {
		t.Errorf("grouping depends on the order: %d groups forward, %d backward", len(pf), len(pb))
		logMistakes(t, bwd, truth)
	}
	first := map[string]string{}
	for _, a := range rev {
		if _, ok := first[bwd[a.ID]]; !ok {
			first[bwd[a.ID]] = a.ID
		}
	}
	for s, id := range first {
		if s != id {
			t.Errorf("story %s is named after %s, not its first article %s", s, s, id)
		}
	}
}

// TestStoryIncremental indexes the originals, then adds the copies to the
// live index: each copy must find its original through the saved story
// table (stories.bin) and the original's stored text.
func TestStoryIncremental(t *testing.T) {
	arts, truth := sampleTruth(t)
	tmp := t.TempDir()
	pick := func(keep func(truthRow) bool) []*article.Article {
		var out []*article.Article
		for _, a := range arts {
			if keep(truth[a.ID]) {
				out = append(out, a)
			}
		}
		return out
	}
	originals := writeArticles(t, tmp, "originals.jsonl", pick(func(r truthRow) bool { return r.kind == "original" }))
	copies := writeArticles(t, tmp, "copies.jsonl", pick(func(r truthRow) bool { return r.kind != "original" }))
	dir := filepath.Join(tmp, "index")
	if _, err := indexer.Reindex(t.Context(), dir, []string{originals}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := indexer.AddFiles(t.Context(), dir, []string{copies}, indexer.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != len(arts)-len(partition(truthStories(truth))) {
		t.Fatalf("added %d copies", sum.Indexed)
	}
	pred, _ := indexedStories(t, dir)
	origOf := map[string]string{}
	for id, r := range truth {
		if r.kind == "original" {
			origOf[r.story] = id
		}
	}
	var copiesN, ok int
	for id, r := range truth {
		if r.kind == "original" {
			if pred[id] != id {
				t.Errorf("original %s got story %s", id, pred[id])
			}
			continue
		}
		copiesN++
		if pred[id] == origOf[r.story] {
			ok++
		} else {
			t.Logf("copy %s (%s) got story %s, want %s", id, r.kind, pred[id], origOf[r.story])
		}
	}
	p, r, _, _, _ := synteval.PairwiseScores(truthStories(truth), pred)
	t.Logf("incremental: %d of %d copies got their original's story; pairs precision %.3f recall %.3f", ok, copiesN, p, r)
	if float64(ok) < 0.95*float64(copiesN) || p < 0.95 {
		t.Errorf("%d of %d copies got their original's story, precision %.3f", ok, copiesN, p)
	}
}
