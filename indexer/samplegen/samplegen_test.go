package samplegen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/samplegen/sampledata"
)

// readTree returns every regular file under dir, keyed by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compareTrees(t *testing.T, got, want map[string][]byte, hint string) {
	t.Helper()
	for _, name := range sortedKeys(want) {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s is missing%s", name, hint)
		case !bytes.Equal(g, want[name]):
			t.Errorf("%s differs%s", name, hint)
		}
	}
	for _, name := range sortedKeys(got) {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not generated any more%s", name, hint)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) == 0 {
		t.Fatal("nothing generated")
	}
	compareTrees(t, ta, tb, " between two runs")
	// Regenerating over existing output gives the same tree too.
	if err := Generate(a); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, readTree(t, a), tb, " after regenerating in place")
}

func TestCommittedSampleIsFresh(t *testing.T) {
	committed := filepath.Join("..", "..", filepath.FromSlash(DefaultDir))
	if _, err := os.Stat(committed); err != nil {
		t.Fatalf("no committed sample: %v (run `go run ./cmd/gensample` from the module root)", err)
	}
	fresh := t.TempDir()
	if err := Generate(fresh); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, readTree(t, committed), readTree(t, fresh),
		" in "+DefaultDir+": it is generated, not edited by hand; run `go run ./cmd/gensample` from the module root")
}

type truthLine struct{ key, story, kind, file string }

func parseTruth(t *testing.T, b []byte) []truthLine {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if lines[0] != "key\tstory\tkind\tfile" {
		t.Fatalf("truth.tsv header = %q", lines[0])
	}
	var out []truthLine
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 4 || slices.Contains(f, "") {
			t.Fatalf("truth.tsv line %d: %q", i+2, l)
		}
		out = append(out, truthLine{f[0], f[1], f[2], f[3]})
	}
	return out
}

func TestSampleSanity(t *testing.T) {
	g, err := newCorpus()
	if err != nil {
		t.Fatal(err)
	}
	files := g.files

	total := 0
	for _, b := range files {
		total += len(b)
	}
	if total > 2<<20 {
		t.Errorf("sample is %d bytes, over 2 MiB", total)
	}

	// truth.tsv: one line per article, every file exists, one original per story.
	truth := parseTruth(t, files[fileTruth])
	keys := map[string]bool{}
	originals := map[string]int{}
	kinds := map[string]int{}
	perFile := map[string]int{}
	for _, l := range truth {
		if keys[l.key] {
			t.Errorf("truth key %s appears twice", l.key)
		}
		keys[l.key] = true
		if _, ok := files[l.file]; !ok {
			t.Errorf("truth row %s names missing file %s", l.key, l.file)
		}
		kinds[l.kind]++
		perFile[l.file]++
		switch l.kind {
		case kindOriginal:
			originals[l.story]++
		case kindExact, kindCruft, kindTruncated, kindEdited:
		default:
			t.Errorf("truth row %s has kind %q", l.key, l.kind)
		}
	}
	for _, l := range truth {
		if originals[l.story] != 1 {
			t.Errorf("story %s has %d originals", l.story, originals[l.story])
		}
	}
	if n := kinds[kindOriginal]; n < 300 || n > 400 {
		t.Errorf("%d originals, want 300-400", n)
	}
	if n := len(truth) - kinds[kindOriginal]; n < 60 || n > 80 {
		t.Errorf("%d copies, want 60-80", n)
	}
	for _, k := range []string{kindExact, kindCruft, kindTruncated, kindEdited} {
		if kinds[k] < 10 {
			t.Errorf("only %d %s copies", kinds[k], k)
		}
	}

	// articles.jsonl: every line parses strictly, ids unique and in truth.
	ids := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(files[fileJSONL]))
	sc.Buffer(nil, 1<<20)
	langs := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var a article.Record
		if err := dec.Decode(&a); err != nil {
			t.Fatalf("articles.jsonl:%d: %v", line, err)
		}
		if a.ID == "" || a.URL == "" || a.Title == "" || a.Body == "" || a.Source == "" || a.Lang == "" {
			t.Errorf("articles.jsonl:%d: missing field in %+v", line, a)
		}
		if ids[a.ID] {
			t.Errorf("articles.jsonl:%d: duplicate id %s", line, a.ID)
		}
		ids[a.ID] = true
		if !keys[a.ID] {
			t.Errorf("articles.jsonl:%d: id %s not in truth.tsv", line, a.ID)
		}
		p, err := time.Parse(time.RFC3339, a.Published)
		if err != nil || !strings.HasSuffix(a.Published, "Z") {
			t.Errorf("articles.jsonl:%d: published %q is not RFC 3339 UTC", line, a.Published)
		}
		if p.Before(windowStart) || p.After(windowStart.AddDate(0, 0, windowDays+2)) {
			t.Errorf("articles.jsonl:%d: published %s outside the window", line, a.Published)
		}
		if len(a.Tags) < 1 || len(a.Tags) > 3 {
			t.Errorf("articles.jsonl:%d: %d tags", line, len(a.Tags))
		}
		for _, tag := range a.Tags {
			if !slices.Contains(sampledata.AllTags, tag) {
				t.Errorf("articles.jsonl:%d: tag %q not in the vocabulary", line, tag)
			}
		}
		if strings.Contains(a.Body, "\n\n\n") || strings.Contains(a.Body, "{") {
			t.Errorf("articles.jsonl:%d: bad body (blank paragraph or unfilled slot)", line)
		}
		langs[a.Lang]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if line != perFile[fileJSONL] {
		t.Errorf("articles.jsonl has %d lines, truth.tsv lists %d", line, perFile[fileJSONL])
	}
	if langs["en"] < line*9/10 || langs["de"] == 0 || langs["fr"] == 0 {
		t.Errorf("languages: %v", langs)
	}

	// Feeds are well-formed XML with the expected items.
	for _, f := range []string{fileRSS, fileAtom} {
		dec := xml.NewDecoder(bytes.NewReader(files[f]))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
	}
	var rss struct {
		Items []struct {
			Title      string   `xml:"title"`
			Link       string   `xml:"link"`
			PubDate    string   `xml:"pubDate"`
			Creator    string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories []string `xml:"category"`
			Content    string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(files[fileRSS], &rss); err != nil {
		t.Fatal(err)
	}
	if n := len(rss.Items); n < 40 || n > 60 || n != perFile[fileRSS] {
		t.Errorf("%d RSS items, truth.tsv lists %d", n, perFile[fileRSS])
	}
	for _, it := range rss.Items {
		if _, err := time.Parse(time.RFC1123, it.PubDate); err != nil || !strings.HasSuffix(it.PubDate, " EDT") {
			t.Errorf("RSS pubDate %q", it.PubDate)
		}
		if it.Title == "" || it.Creator == "" || len(it.Categories) == 0 || !strings.HasPrefix(it.Content, "<") || !keys[it.Link] {
			t.Errorf("RSS item %q incomplete or not in truth.tsv", it.Link)
		}
	}
	var atom struct {
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
			Author    string `xml:"author>name"`
			Content   struct {
				Type string `xml:"type,attr"`
				Body string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files[fileAtom], &atom); err != nil {
		t.Fatal(err)
	}
	if n := len(atom.Entries); n < 40 || n > 60 || n != perFile[fileAtom] {
		t.Errorf("%d Atom entries, truth.tsv lists %d", n, perFile[fileAtom])
	}
	for _, e := range atom.Entries {
		_, err1 := time.Parse(time.RFC3339, e.Published)
		_, err2 := time.Parse(time.RFC3339, e.Updated)
		if err1 != nil || err2 != nil || e.Title == "" || e.Author == "" || e.Content.Type != "html" ||
			!strings.HasPrefix(e.Content.Body, "<") || !keys[e.Link.Href] {
			t.Errorf("Atom entry %q incomplete or not in truth.tsv", e.Link.Href)
		}
	}

	// Reposts and pages.
	var reposts, pages int
	for name, b := range files {
		text := string(b)
		switch {
		case strings.HasPrefix(name, dirReposts+"/"):
			reposts++
			for _, want := range []string{"The post ", "Source: https://", "Disclaimer: ", "You May Also Like", "\nShare\n"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q", name, want)
				}
			}
		case strings.HasPrefix(name, dirPages+"/"):
			pages++
			for _, want := range []string{`<link rel="canonical"`, `property="og:title"`, `property="og:url"`, `property="article:published_time"`, "<nav", "<footer", `class="share-bar"`, `class="related"`} {
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q", name, want)
				}
			}
		}
	}
	if reposts < 8 || reposts > 12 || reposts != countPrefix(perFile, dirReposts+"/") {
		t.Errorf("%d reposts", reposts)
	}
	if pages < 4 || pages > 7 || pages != countPrefix(perFile, dirPages+"/") {
		t.Errorf("%d pages", pages)
	}

	// Originals: distinct titles, 3-9 paragraphs, and different stories are
	// not near-duplicates of each other.
	titles := map[string]bool{}
	shingles := make([][]uint64, len(g.stories))
	for i, s := range g.stories {
		if titles[s.title] {
			t.Errorf("title used twice: %q", s.title)
		}
		titles[s.title] = true
		if n := len(s.paras); n < 2 || n > 9 {
			t.Errorf("%s has %d paragraphs", s.key, n)
		}
		shingles[i] = shingleSet(s.body())
	}
	worst, wi, wj := 0.0, 0, 0
	for i := range shingles {
		for j := i + 1; j < len(shingles); j++ {
			if sim := jaccard(shingles[i], shingles[j]); sim > worst {
				worst, wi, wj = sim, i, j
			}
		}
	}
	if worst > 0.35 {
		t.Errorf("different stories %s and %s are too similar (Jaccard %.2f)", g.stories[wi].key, g.stories[wj].key, worst)
	}

	// Copies: 1-30 hours after the original, and each kind does what it says.
	for _, c := range g.copies {
		d := c.published.Sub(c.orig.published)
		if d < time.Hour || d > 30*time.Hour {
			t.Errorf("%s published %v after its original", c.id, d)
		}
		orig := c.orig.body()
		switch c.kind {
		case kindExact:
			if c.body != orig {
				t.Errorf("exact copy %s differs", c.id)
			}
		case kindTruncated:
			if !strings.HasSuffix(c.body, "…") && !strings.HasSuffix(c.body, "[…]") || len(c.paras) != (len(c.orig.paras)+1)/2 {
				t.Errorf("truncated copy %s: %d of %d paragraphs", c.id, len(c.paras), len(c.orig.paras))
			}
		case kindEdited:
			changed := 0
			for i := range c.paras {
				for j := range c.paras[i] {
					if c.paras[i][j] != c.orig.paras[i][j] {
						changed++
					}
				}
			}
			if changed != 1 {
				t.Errorf("edited copy %s changes %d sentences", c.id, changed)
			}
		case kindCruft:
			if !strings.Contains(c.body, "Source: "+c.orig.url) || !strings.Contains(c.body, strings.Join(c.orig.paras[0], " ")) {
				t.Errorf("cruft copy %s lacks the Source line or the story", c.id)
			}
		}
	}
}

func countPrefix(m map[string]int, prefix string) int {
	n := 0
	for k, v := range m {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}
