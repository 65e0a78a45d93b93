package story

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer/article"
)

// TestStoryFileDamagedTail checks that a story table cut short by a crash
// loads its good records, and that the next save overwrites the damage.
func TestStoryFileDamagedTail(t *testing.T) {
	dir := t.TempDir()
	st := NewTable()
	arts := []*article.Article{
		{ID: "a", Title: "Harbor cranes halted by strike at the northern terminal", Body: strings.Repeat("Dockworkers walked out on Monday over pay and hours. ", 12)},
		{ID: "b", Title: "Harbor cranes halted by strike at the northern terminal", Body: strings.Repeat("Dockworkers walked out on Monday over pay and hours. ", 12) + "Share this."},
		{ID: "c", Title: "Grain prices climb", Body: strings.Repeat("Wheat futures rose for a third day as dry weather hit crops. ", 10)},
	}
	for _, a := range arts {
		if _, err := st.Assign(a, NewSketch(a)); err != nil {
			t.Fatal(err)
		}
	}
	valid, err := st.Save(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, storiesFile)
	// A torn append: half a record after the good ones.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(appendStoryRecord(nil, []byte("torn"), 0, []uint32{1, 2, 3})[:9])
	f.Close()

	lt, lvalid, err := LoadTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	if lvalid != valid || len(lt.docs) != 3 {
		t.Fatalf("loaded %d docs, %d valid bytes; want 3, %d", len(lt.docs), lvalid, valid)
	}
	if got := lt.ID(int(lt.docs[1].story)); got != "a" {
		t.Errorf("b's story after load = %s, want a", got)
	}
	// A new copy of a finds it through the loaded keys and the re-sketch.
	lt.Fetch = func(ids []string) (map[string]*Sketch, error) {
		m := map[string]*Sketch{}
		for _, id := range ids {
			for _, a := range arts {
				if a.ID == id {
					m[id] = NewSketch(a)
				}
			}
		}
		return m, nil
	}
	d := &article.Article{ID: "d", Title: arts[0].Title + " | Wire", Body: arts[0].Body}
	story, err := lt.Assign(d, NewSketch(d))
	if err != nil {
		t.Fatal(err)
	}
	if story != "a" {
		t.Errorf("copy loaded after a restart got story %s, want a", story)
	}
	if _, err := lt.Save(dir, lvalid); err != nil {
		t.Fatal(err)
	}
	lt2, _, err := LoadTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lt2.docs) != 4 || lt2.ID(3) != "d" || lt2.ID(int(lt2.docs[3].story)) != "a" {
		t.Errorf("after append: %d docs, last %+v", len(lt2.docs), lt2.docs[len(lt2.docs)-1])
	}
}

// TestStoryResentManyTimes checks that an article re-sent many times (feed
// polling) keeps its story, and that its repeats do not hide the original
// from a later copy.
func TestStoryResentManyTimes(t *testing.T) {
	body := strings.Repeat("The harbor authority approved the new container terminal after a long public inquiry. ", 8)
	w := &article.Article{ID: "w", Title: "Harbor authority approves container terminal", Body: body}
	x := &article.Article{ID: "x", Title: w.Title, Body: body + " Share this story."}
	st := NewTable()
	for _, a := range []*article.Article{w, x} {
		if _, err := st.Assign(a, NewSketch(a)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 * maxChain {
		story, err := st.Assign(x, NewSketch(x))
		if err != nil || story != "w" {
			t.Fatalf("re-send %d of x: story %q, %v", i, story, err)
		}
	}
	y := &article.Article{ID: "y", Title: w.Title + " | Wire", Body: body}
	if story, _ := st.Assign(y, NewSketch(y)); story != "w" {
		t.Errorf("a new copy after many re-sends got story %q, want w", story)
	}
}

// TestStoryFileLongIDAndEmpty checks that any id survives a save and load,
// and that an empty table file (cut short while being created) loads empty.
func TestStoryFileLongIDAndEmpty(t *testing.T) {
	dir := t.TempDir()
	st := NewTable()
	for _, id := range []string{"aa", strings.Repeat("l", 5000), "cc"} {
		a := &article.Article{ID: id, Title: "Title " + id[:1], Body: "Body of " + id[:1]}
		if _, err := st.Assign(a, NewSketch(a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Save(dir, 0); err != nil {
		t.Fatal(err)
	}
	lt, _, err := LoadTable(dir)
	if err != nil || len(lt.docs) != 3 || lt.ID(2) != "cc" {
		t.Fatalf("loaded %d docs, %v", len(lt.docs), err)
	}
	if err := os.WriteFile(filepath.Join(dir, storiesFile), []byte(storiesMagic[:5]), 0o644); err != nil {
		t.Fatal(err)
	}
	if lt, valid, err := LoadTable(dir); err != nil || len(lt.docs) != 0 || valid != 0 {
		t.Fatalf("cut-short file: %d docs, valid %d, %v", len(lt.docs), valid, err)
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
		a := &article.Article{ID: "a", Title: title, Body: body, URL: u}
		s1, s2 := NewSketch(a), NewSketch(a)
		if !slices.Equal(s1.keys(), s2.keys()) || s1.mins != s2.mins {
			t.Fatal("sketching is not deterministic")
		}
		if _, same := sameStory(s1, s2); !same && len(s1.keys()) > 0 {
			t.Fatalf("an article is not the same story as itself: %q / %q", title, body)
		}
		st := NewTable()
		if story, err := st.Assign(a, s1); err != nil || story != "a" {
			t.Fatalf("first article: story %q, %v", story, err)
		}
		var packed Sketch
		st.unpack(st.docs[0].sk, &packed)
		if !equalSketches(&packed, s1) || !slices.Equal(st.keysOf(0), s1.keys()) {
			t.Fatalf("the table's packed sketch differs: %+v, want %+v", packed, *s1)
		}
		b := &article.Article{ID: "b", Title: title, Body: body, URL: u}
		if story, err := st.Assign(b, NewSketch(b)); err != nil || (story != "a" && len(s1.keys()) > 0) {
			t.Fatalf("an identical second article: story %q, %v", story, err)
		}
	})
}

// TestStoryTablePacksSketches checks that the table keeps every field of
// the sketches and ids it is given, for long and short bodies, titles with
// and without words and URLs, and that a view of one packed sketch cannot
// overwrite the next.
func TestStoryTablePacksSketches(t *testing.T) {
	arts := []*article.Article{
		{ID: "long", Title: "Harbor cranes halted by strike", Body: strings.Repeat("Dockworkers walked out on Monday over pay and hours. ", 12),
			URL: "https://example.com/a", CanonicalURL: "https://wire.example.org/b"},
		{ID: "short", Title: "Brief", Body: "Shr 1.20 dlrs vs 1.10"},
		{ID: "", Title: "", Body: ""},
		{ID: strings.Repeat("é", 300), Title: "Ünïcode títle with five words", Body: "Ein Bericht über den Hafen."},
	}
	st := NewTable()
	var want []*Sketch
	for _, a := range arts {
		sk := NewSketch(a)
		want = append(want, sk)
		if _, err := st.Assign(a, sk); err != nil {
			t.Fatal(err)
		}
	}
	for i, a := range arts {
		var got Sketch
		st.unpack(st.docs[i].sk, &got)
		if !equalSketches(&got, want[i]) {
			t.Errorf("%q: packed sketch %+v, want %+v", a.ID, got, *want[i])
		}
		if st.ID(i) != a.ID || !slices.Equal(st.keysOf(i), want[i].keys()) {
			t.Errorf("doc %d: id %q keys %v, want %q %v", i, st.ID(i), st.keysOf(i), a.ID, want[i].keys())
		}
		_ = append(got.keyList, 1, 2, 3) // must not reach the next sketch's lists
	}
	var next Sketch
	st.unpack(st.docs[1].sk, &next)
	if !equalSketches(&next, want[1]) {
		t.Error("appending to a view changed the next packed sketch")
	}
}

// equalSketches compares sketches field by field (a nil and an empty list
// are equal).
func equalSketches(a, b *Sketch) bool {
	return a.mins == b.mins && a.shingles == b.shingles && a.exact == b.exact && a.titleKey == b.titleKey &&
		a.lead == b.lead && a.urls == b.urls &&
		slices.Equal(a.title, b.title) && slices.Equal(a.words, b.words) && slices.Equal(a.keyList, b.keyList)
}

// TestStoryURLFragments: posts of one page told apart by their fragment
// (a blog's day page) are different stories, while a copy of one post
// under a tracking fragment, or under "#comments", joins it by its URL.
func TestStoryURLFragments(t *testing.T) {
	st := NewTable()
	post := func(id, url, title, body string) string {
		t.Helper()
		a := &article.Article{ID: id, URL: url, Title: title, Body: body}
		s, err := st.Assign(a, NewSketch(a))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	const page = "http://scripting.example/2017/06/25.html"
	a := post("a", page+"#a080623", "", "Dan Shafer died. He was a writer and a friend who taught many of us about HyperCard.")
	b := post("b", page+"#a080631", "", "Good morning Internet guzzlers! Today we look at the state of podcasting feeds.")
	if a == b {
		t.Errorf("two posts of one page, told apart by their fragments, share story %s", a)
	}
	for _, u := range []string{page + "#a080623", "https://www.scripting.example/2017/06/25.html#a080623"} {
		if s := post("a-copy-"+u, u, "", "A short teaser of the post."); s != a {
			t.Errorf("a copy at %s is story %s, want %s", u, s, a)
		}
	}
	c := post("c", "https://news.example/story-1", "Harbour reopens", "The harbour reopened on Monday after the storm damage was repaired by the port crews.")
	for _, u := range []string{"https://news.example/story-1#xtor=RSS-3208", "https://news.example/story-1#comments", "https://news.example/story-1#ixzz4kQ"} {
		if s := post("c-copy-"+u, u, "Teaser", "Read more."); s != c {
			t.Errorf("a copy at %s is story %s, want %s", u, s, c)
		}
	}
}
