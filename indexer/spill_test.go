package indexer

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer/article"
)

// fill sets every field of v (a struct, recursively) to a non-zero value
// derived from its name, so that a field the spill forgets is noticed.
func fill(t *testing.T, v reflect.Value, name string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("value of " + name + " é\x00")
	case reflect.Int:
		v.SetInt(int64(len(name)) * 1001)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(t, s.Index(0), name+"[0]")
		fill(t, s.Index(1), name+"[1]")
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 3, 4, 5, 6, 7, 8000+len(name), time.FixedZone("", 5*3600+1800))))
			return
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), name+"."+v.Type().Field(i).Name)
		}
	default:
		t.Fatalf("fill: field %s of kind %s: teach fill and the spill about it", name, v.Kind())
	}
}

func TestSpillKeepsEveryField(t *testing.T) {
	var full article.Article
	fill(t, reflect.ValueOf(&full).Elem(), "Article")
	plain := &article.Article{ID: "x", Title: "only a title"} // zero dates, no tags
	utc := &article.Article{ID: "y", Published: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}

	s, err := newSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.remove()
	in := []item{{a: &full}, {err: errors.New("f.jsonl:3: field title: not a string")}, {a: plain}, {a: utc}}
	for _, it := range in {
		if err := s.add(it); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.endFile(); err != nil {
		t.Fatal(err)
	}
	if err := s.add(item{a: plain}); err != nil {
		t.Fatal(err)
	}
	if err := s.endFile(); err != nil {
		t.Fatal(err)
	}
	if err := s.rewind(); err != nil {
		t.Fatal(err)
	}
	for file, want := range [][]item{in, {{a: plain}}} {
		for i, w := range want {
			got, ok, err := s.next()
			if err != nil || !ok {
				t.Fatalf("file %d record %d: ok %v, %v", file, i, ok, err)
			}
			switch {
			case w.a != nil && !reflect.DeepEqual(got.a, w.a):
				t.Errorf("file %d record %d:\n got %+v\nwant %+v", file, i, got.a, w.a)
			case w.err != nil && (got.err == nil || got.err.Error() != w.err.Error()):
				t.Errorf("file %d record %d: error %v, want %v", file, i, got.err, w.err)
			}
		}
		if _, ok, err := s.next(); ok || err != nil {
			t.Fatalf("file %d: no end marker (ok %v, %v)", file, ok, err)
		}
	}
	if _, _, err := s.next(); err == nil {
		t.Error("reading past the spill's end: no error")
	}
	dir := s.dir
	s.remove()
	s.remove()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("spill folder %s left behind: %v", dir, err)
	}
}

// A damaged record is an error, never a panic or a wrong article.
func TestSpillDamagedRecord(t *testing.T) {
	a := &article.Article{ID: "id", Title: "t", Body: "b", Tags: []string{"x"}}
	rec := appendArticle(nil, a)
	for n := range len(rec) {
		if got, err := decodeArticle(&decoder{b: rec[:n]}); err == nil {
			t.Errorf("record cut to %d of %d bytes decoded as %+v", n, len(rec), got)
		}
	}
	if _, err := decodeArticle(&decoder{b: append(rec, 'x')}); err == nil {
		t.Error("record with a trailing byte decoded")
	}
}

func FuzzDecodeArticle(f *testing.F) {
	f.Add(appendArticle(nil, &article.Article{ID: "id", Title: "t", Tags: []string{"a", "b"},
		Warnings: []article.Warning{{Kind: "k", Detail: "d"}}, Published: time.Unix(1e9, 0)}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, rec []byte) {
		a, err := decodeArticle(&decoder{b: rec})
		if err != nil {
			return
		}
		// What decodes re-encodes to a record that decodes to the same.
		b, err := decodeArticle(&decoder{b: appendArticle(nil, a)})
		if err != nil || !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip: %+v → %+v, %v", a, b, err)
		}
	})
}

// storedDocs returns every document of the live index at dir with its
// stored fields, by id.
func storedDocs(t *testing.T, dir string) map[string]map[string]any {
	t.Helper()
	x, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100000, 0, false)
	req.Fields = []string{"*"}
	res, err := x.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	docs := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		docs[h.ID] = h.Fields
	}
	return docs
}

// A reindex whose first pass spills (a big input) writes the same index and
// reports the same as one that kept everything in memory: all of it
// spilled, and a file that stopped fitting halfway.
func TestReindexThroughSpill(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	lines := []string{
		`{"id":"b1","title":"Port strike ends","body":"Dock workers returned on Monday after a week.","published":"2026-11-30T10:00:00Z","source":"Wire"}`,
		`{"id":"b2","title":42,"body":"a title of the wrong type"}`,
		`not json at all`,
		`{"id":"b3","title":"Odd date","body":"The date below is not one.","published":"sometime soon","source":"Wire"}`,
	}
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := []string{"../testdata/sample", "../testdata/multilingual", bad}

	run := func(cache int64) (Summary, map[string]map[string]any, string) {
		dir := t.TempDir()
		sum, err := Reindex(t.Context(), dir, sources, WriteOptions{cacheBytes: cache})
		if err != nil {
			t.Fatalf("cache %d: %v", cache, err)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), "spill") {
				t.Errorf("cache %d: %s left in the index location", cache, e.Name())
			}
		}
		return sum, storedDocs(t, dir), dir
	}
	want, wantDocs, _ := run(0)
	if want.Rejected == 0 || len(want.Warnings) == 0 || len(wantDocs) < 100 {
		t.Fatalf("the input should have rejections, warnings and articles: %+v, %d docs", want, len(wantDocs))
	}
	for _, cache := range []int64{-1, 100_000} {
		sum, docs, _ := run(cache)
		for _, d := range []struct {
			what      string
			got, want any
		}{
			{"indexed", sum.Indexed, want.Indexed},
			{"updated", sum.Updated, want.Updated},
			{"rejected", sum.Rejected, want.Rejected},
			{"collisions", sum.Collisions, want.Collisions},
			{"errors", sum.Errors, want.Errors},
			{"warnings", sum.Warnings, want.Warnings},
		} {
			if !reflect.DeepEqual(d.got, d.want) {
				t.Errorf("cache %d: %s %v, in memory %v", cache, d.what, d.got, d.want)
			}
		}
		if len(docs) != len(wantDocs) {
			t.Errorf("cache %d: %d documents, in memory %d", cache, len(docs), len(wantDocs))
		}
		for id, f := range wantDocs {
			if !reflect.DeepEqual(docs[id], f) {
				t.Errorf("cache %d: document %s\n got %v\nwant %v", cache, id, docs[id], f)
				break
			}
		}
	}
}

// A spill that cannot be read back fails the reindex instead of publishing
// an index without its articles.
func TestReindexFailsOnDamagedSpill(t *testing.T) {
	dir := t.TempDir()
	o := WriteOptions{cacheBytes: -1}
	files := []string{"../testdata/sample/articles.jsonl"}
	run, err := firstPass(t.Context(), dir, files, o)
	if err != nil {
		t.Fatal(err)
	}
	defer run.spill.remove()
	if err := run.spill.f.Truncate(1000); err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.NewMemOnly(NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	var sum Summary
	err = writeAll(t.Context(), bi, files, o, &sum, run)
	if err == nil || !strings.Contains(err.Error(), "spill") {
		t.Fatalf("damaged spill: %v (summary %+v)", err, sum)
	}
}

// The first pass keeps whole files in memory while they fit and spills the
// rest, including the file that stopped fitting partway.
func TestFirstPassSpillsWhatDoesNotFit(t *testing.T) {
	files := []string{"../testdata/multilingual/articles.jsonl", "../testdata/sample/articles.jsonl", "../testdata/sample/northwind.atom"}
	run, err := firstPass(t.Context(), t.TempDir(), files, WriteOptions{cacheBytes: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	defer run.spill.remove()
	if _, ok := run.cached[files[0]]; !ok || run.spilled[files[0]] {
		t.Errorf("%s (8 KB) should be kept in memory", files[0])
	}
	for _, f := range files[1:] {
		if _, ok := run.cached[f]; ok || !run.spilled[f] {
			t.Errorf("%s should be spilled", f)
		}
	}
}

// The spill of a reindex that crashed is removed by the next one.
func TestCrashedSpillRemoved(t *testing.T) {
	dir := t.TempDir()
	left, err := newSpill(dir) // as a killed reindex leaves it
	if err != nil {
		t.Fatal(err)
	}
	left.f.Close()
	if _, err := Reindex(t.Context(), dir, []string{"../testdata/multilingual"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left.dir); !os.IsNotExist(err) {
		t.Errorf("%s survived the next reindex: %v", left.dir, err)
	}
}
