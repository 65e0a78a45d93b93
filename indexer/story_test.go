package indexer

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

const sampleDir = "../testdata/sample"

// truthRow is one line of testdata/sample/truth.tsv.
type truthRow struct{ key, story, kind, file string }

// sampleTruth reads the sample corpus file by file and returns its articles
// in corpus order, the truth story of each article id, and the truth rows by
// article id.
func sampleTruth(t *testing.T) ([]*Article, map[string]truthRow) {
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
	byFile := map[string][]*Article{}
	var all []*Article
	for _, r := range rows {
		if _, ok := byFile[r.file]; ok {
			continue
		}
		for a, err := range ReadFile(t.Context(), filepath.Join(sampleDir, r.file), Options{}) {
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
		var match *Article
		for _, a := range arts {
			if a.ID == r.key || (a.URL != "" && NormalizeURL(a.URL) == NormalizeURL(r.key)) {
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

// pairScores returns the pairwise precision and recall of the predicted
// grouping pred (article id → story) against the truth.
func pairScores(pred map[string]string, truth map[string]truthRow) (precision, recall float64, tp, fp, fn int) {
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			same, want := pred[a] == pred[b], truth[a].story == truth[b].story
			switch {
			case same && want:
				tp++
			case same:
				fp++
			case want:
				fn++
			}
		}
	}
	return float64(tp) / float64(max(1, tp+fp)), float64(tp) / float64(max(1, tp+fn)), tp, fp, fn
}

// indexedStories returns the stored story of every article of ix.
func indexedStories(t *testing.T, bi bleve.Index) map[string]string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 100000, 0, false)
	req.Fields = []string{FieldStory}
	res, err := bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		s, _ := h.Fields[FieldStory].(string)
		if s == "" {
			t.Errorf("article %s has no story", h.ID)
		}
		m[h.ID] = s
	}
	return m
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

// TestStoryGroupingSample reindexes the sample corpus and scores the story
// grouping against truth.tsv, pair by pair.
func TestStoryGroupingSample(t *testing.T) {
	_, truth := sampleTruth(t)
	dir := t.TempDir()
	ix := reindexOpen(t, dir, sampleDir)
	pred := indexedStories(t, ix.Index)
	p, r, tp, fp, fn := pairScores(pred, truth)
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

// assignAll runs articles through an in-memory story assigner.
func assignAll(t *testing.T, arts []*Article) map[string]string {
	t.Helper()
	st := newStoryTable()
	m := make(map[string]string, len(arts))
	for _, a := range arts {
		s, err := st.assign(a, newSketch(a))
		if err != nil {
			t.Fatal(err)
		}
		m[a.ID] = s
	}
	return m
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

// TestStoryOrder checks that the grouping does not depend on the order the
// copies arrive in, and that the story id is the first article of a group.
func TestStoryOrder(t *testing.T) {
	arts, truth := sampleTruth(t)
	fwd := assignAll(t, arts)
	rev := slices.Clone(arts)
	slices.Reverse(rev)
	bwd := assignAll(t, rev)
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
	write := func(name string, keep func(truthRow) bool) string {
		p := filepath.Join(tmp, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(f)
		for _, a := range arts {
			if keep(truth[a.ID]) {
				if err := enc.Encode(a); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	originals := write("originals.jsonl", func(r truthRow) bool { return r.kind == "original" })
	copies := write("copies.jsonl", func(r truthRow) bool { return r.kind != "original" })
	dir := filepath.Join(tmp, "index")
	if _, err := Reindex(t.Context(), dir, []string{originals}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := AddFiles(t.Context(), dir, []string{copies}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != len(arts)-len(partition(truthStories(truth))) {
		t.Fatalf("added %d copies", sum.Indexed)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	pred := indexedStories(t, ix.Index)
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
	p, r, _, _, _ := pairScores(pred, truth)
	t.Logf("incremental: %d of %d copies got their original's story; pairs precision %.3f recall %.3f", ok, copiesN, p, r)
	if float64(ok) < 0.95*float64(copiesN) || p < 0.95 {
		t.Errorf("%d of %d copies got their original's story, precision %.3f", ok, copiesN, p)
	}
}

func truthStories(truth map[string]truthRow) map[string]string {
	m := make(map[string]string, len(truth))
	for id, r := range truth {
		m[id] = r.story
	}
	return m
}

// TestStoryFileDamagedTail checks that a story table cut short by a crash
// loads its good records, and that the next save overwrites the damage.
func TestStoryFileDamagedTail(t *testing.T) {
	dir := t.TempDir()
	st := newStoryTable()
	arts := []*Article{
		{ID: "a", Title: "Harbor cranes halted by strike at the northern terminal", Body: strings.Repeat("Dockworkers walked out on Monday over pay and hours. ", 12)},
		{ID: "b", Title: "Harbor cranes halted by strike at the northern terminal", Body: strings.Repeat("Dockworkers walked out on Monday over pay and hours. ", 12) + "Share this."},
		{ID: "c", Title: "Grain prices climb", Body: strings.Repeat("Wheat futures rose for a third day as dry weather hit crops. ", 10)},
	}
	for _, a := range arts {
		if _, err := st.assign(a, newSketch(a)); err != nil {
			t.Fatal(err)
		}
	}
	valid, err := st.save(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, storiesFile)
	// A torn append: half a record after the good ones.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(appendStoryRecord(nil, &storyDoc{id: "torn", story: 0}, []uint32{1, 2, 3})[:9])
	f.Close()

	lt, lvalid, err := loadStoryTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	if lvalid != valid || len(lt.docs) != 3 {
		t.Fatalf("loaded %d docs, %d valid bytes; want 3, %d", len(lt.docs), lvalid, valid)
	}
	if got := lt.docs[lt.docs[1].story].id; got != "a" {
		t.Errorf("b's story after load = %s, want a", got)
	}
	// A new copy of a finds it through the loaded keys and the re-sketch.
	lt.fetch = func(ids []string) (map[string]*sketch, error) {
		m := map[string]*sketch{}
		for _, id := range ids {
			for _, a := range arts {
				if a.ID == id {
					m[id] = newSketch(a)
				}
			}
		}
		return m, nil
	}
	d := &Article{ID: "d", Title: arts[0].Title + " | Wire", Body: arts[0].Body}
	story, err := lt.assign(d, newSketch(d))
	if err != nil {
		t.Fatal(err)
	}
	if story != "a" {
		t.Errorf("copy loaded after a restart got story %s, want a", story)
	}
	if _, err := lt.save(dir, lvalid); err != nil {
		t.Fatal(err)
	}
	lt2, _, err := loadStoryTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lt2.docs) != 4 || lt2.docs[3].id != "d" || lt2.docs[lt2.docs[3].story].id != "a" {
		t.Errorf("after append: %d docs, last %+v", len(lt2.docs), lt2.docs[len(lt2.docs)-1])
	}
}

// TestStoryResentManyTimes checks that an article re-sent many times (feed
// polling) keeps its story, and that its repeats do not hide the original
// from a later copy.
func TestStoryResentManyTimes(t *testing.T) {
	body := strings.Repeat("The harbor authority approved the new container terminal after a long public inquiry. ", 8)
	w := &Article{ID: "w", Title: "Harbor authority approves container terminal", Body: body}
	x := &Article{ID: "x", Title: w.Title, Body: body + " Share this story."}
	st := newStoryTable()
	for _, a := range []*Article{w, x} {
		if _, err := st.assign(a, newSketch(a)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 * maxChain {
		story, err := st.assign(x, newSketch(x))
		if err != nil || story != "w" {
			t.Fatalf("re-send %d of x: story %q, %v", i, story, err)
		}
	}
	y := &Article{ID: "y", Title: w.Title + " | Wire", Body: body}
	if story, _ := st.assign(y, newSketch(y)); story != "w" {
		t.Errorf("a new copy after many re-sends got story %q, want w", story)
	}
}

// TestStoryFileLongIDAndEmpty checks that any id survives a save and load,
// and that an empty table file (cut short while being created) loads empty.
func TestStoryFileLongIDAndEmpty(t *testing.T) {
	dir := t.TempDir()
	st := newStoryTable()
	for _, id := range []string{"aa", strings.Repeat("l", 5000), "cc"} {
		a := &Article{ID: id, Title: "Title " + id[:1], Body: "Body of " + id[:1]}
		if _, err := st.assign(a, newSketch(a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.save(dir, 0); err != nil {
		t.Fatal(err)
	}
	lt, _, err := loadStoryTable(dir)
	if err != nil || len(lt.docs) != 3 || lt.docs[2].id != "cc" {
		t.Fatalf("loaded %d docs, %v", len(lt.docs), err)
	}
	if err := os.WriteFile(filepath.Join(dir, storiesFile), []byte(storiesMagic[:5]), 0o644); err != nil {
		t.Fatal(err)
	}
	if lt, valid, err := loadStoryTable(dir); err != nil || len(lt.docs) != 0 || valid != 0 {
		t.Fatalf("cut-short file: %d docs, valid %d, %v", len(lt.docs), valid, err)
	}
}

// TestStoryTableSavedAfterFailedWrite checks that the story entries of a
// write that fails part-way are saved: its earlier batches are in the index.
func TestStoryTableSavedAfterFailedWrite(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "a.jsonl")
	if err := os.WriteFile(src, []byte(`{"id":"a1","title":"First article here","body":"Some body text."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := reindexOpen(t, dir, src)
	boom := errors.New("boom")
	err := ix.write(func(w *writeRun) error {
		a := &Article{ID: "b1", Title: "Second article here", Body: "Other body text."}
		if _, err := w.stories.assign(a, newSketch(a)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("write error %v, want boom", err)
	}
	lt, _, err := loadStoryTable(ix.Path)
	if err != nil || len(lt.docs) != 2 || lt.docs[1].id != "b1" {
		t.Fatalf("after a failed write the table holds %d docs (%v)", len(lt.docs), err)
	}
}

// FuzzStorySketch checks that sketching never panics on any text, that an
// article is always the same story as itself, and that sketches and keys are
// deterministic.
func FuzzStorySketch(f *testing.F) {
	f.Add("Harbor cranes halted", strings.Repeat("Dockworkers walked out on Monday over pay. ", 10), "https://example.com/a?utm_source=x")
	f.Add("", "", "")
	f.Add("Ünïcode títle ✓", "Ein Bericht über den Hafen, der geschlossen wurde.\n\n…", "not a url")
	f.Add("x", "\xff\xfe broken \x00 bytes", "http://amp.example.com/amp/x.amp")
	f.Fuzz(func(t *testing.T, title, body, u string) {
		a := &Article{ID: "a", Title: title, Body: body, URL: u}
		s1, s2 := newSketch(a), newSketch(a)
		if !slices.Equal(s1.keys(), s2.keys()) || s1.mins != s2.mins {
			t.Fatal("sketching is not deterministic")
		}
		if _, same := sameStory(s1, s2); !same && len(s1.keys()) > 0 {
			t.Fatalf("an article is not the same story as itself: %q / %q", title, body)
		}
		st := newStoryTable()
		if story, err := st.assign(a, s1); err != nil || story != "a" {
			t.Fatalf("first article: story %q, %v", story, err)
		}
		b := &Article{ID: "b", Title: title, Body: body, URL: u}
		if story, err := st.assign(b, newSketch(b)); err != nil || (story != "a" && len(s1.keys()) > 0) {
			t.Fatalf("an identical second article: story %q, %v", story, err)
		}
	})
}
