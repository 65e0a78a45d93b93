package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/searchsvc"
)

// runCLI runs the CLI in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLIStdin(t, "", args...)
}

// runCLIStdin is runCLI with stdin as the standard input.
func runCLIStdin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodLine = `{"id":"g1","title":"Good","body":"Body text.","source":"Wire","published":"2025-01-01T00:00:00Z","tags":["x"]}`

func TestConvert(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "in.jsonl", goodLine+"\n{\"id\":\"broken\"\n")
	out := filepath.Join(dir, "out.jsonl")
	code, _, stderr := runCLI(t, "convert", in, "-o", out)
	if code != exitRejected {
		t.Errorf("exit %d, want %d (a line was rejected)", code, exitRejected)
	}
	if !strings.Contains(stderr, "read 2, converted 1, rejected 1") || !strings.Contains(stderr, "in.jsonl:2: truncated JSON") {
		t.Errorf("summary:\n%s", stderr)
	}
	data, _ := os.ReadFile(out)
	var a article.Article
	if err := json.Unmarshal(bytes.TrimSpace(data), &a); err != nil || a.ID != "g1" || a.Title != "Good" {
		t.Fatalf("output %q: %v", data, err)
	}
	// The output is valid input: converting it again changes nothing.
	code, stdout, _ := runCLI(t, "convert", out)
	if code != exitOK {
		t.Fatalf("reconvert exit %d", code)
	}
	var b article.Article
	json.Unmarshal([]byte(strings.TrimSpace(stdout)), &b)
	if b.ID != a.ID || b.Body != a.Body || !b.Published.Equal(a.Published) {
		t.Errorf("round trip changed the article: %+v vs %+v", a, b)
	}
	// A folder with nothing syndex reads is an error, not "read 0".
	csv := t.TempDir()
	write(t, csv, "data.csv", "id,title\n1,x\n")
	if code, _, stderr := runCLI(t, "convert", csv); code != exitError || !strings.Contains(stderr, "no input files in "+csv) {
		t.Errorf("convert of a folder of .csv: exit %d, %q", code, stderr)
	}
	// Beside a file it reads, the others are counted by type.
	write(t, csv, "a.jsonl", goodLine+"\n")
	if code, _, stderr := runCLI(t, "convert", csv); code != exitOK || !strings.Contains(stderr, "skipped 1 file of other types in the folders (.csv 1)") {
		t.Errorf("convert of a folder with a .csv: exit %d, %q", code, stderr)
	}
}

func TestConvertSeed(t *testing.T) {
	seed := sharedtest.Dir(t, "seeds", "000_ff2ae7545b84e549.txt")
	code, stdout, stderr := runCLI(t, "convert", seed)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Body, "The White House has reportedly stopped") || !strings.Contains(a.CanonicalURL, "cryptopolitan.com") {
		t.Errorf("seed converted to %+v", a)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"convert"}, {"index"}, {"reindex", "--no-such-flag"}, {"stats", "extra"}} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
	}
	code, _, stderr := runCLI(t, "convert", "/no/such/file")
	if code != exitError || !strings.Contains(stderr, "/no/such/file") {
		t.Errorf("missing file: exit %d, %s", code, stderr)
	}
}

func TestReindexIndexStats(t *testing.T) {
	src := t.TempDir()
	idx := filepath.Join(t.TempDir(), "index")
	good := write(t, src, "a.jsonl", goodLine+"\n"+strings.Replace(goodLine, "g1", "g2", 1)+"\n")
	code, _, stderr := runCLI(t, "reindex", "--index", idx, good)
	if code != exitOK || !strings.Contains(stderr, "indexed 2, updated 0, rejected 0") {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	code, stdout, _ := runCLI(t, "stats", "--index", idx)
	if code != exitOK || !strings.HasPrefix(stdout, "2 articles\nstories: 1 ") || !strings.Contains(stdout, "2  Wire") {
		t.Fatalf("stats exit %d:\n%s", code, stdout)
	}
	more := write(t, src, "b.jsonl", strings.Replace(goodLine, "g1", "g3", 1)+"\n"+strings.Replace(goodLine, "Good", "Better", 1)+"\n")
	code, _, stderr = runCLI(t, "index", "--index", idx, more)
	if code != exitOK || !strings.Contains(stderr, "indexed 1, updated 1, rejected 0") {
		t.Fatalf("index exit %d:\n%s", code, stderr)
	}
	bad := write(t, src, "bad.jsonl", goodLine+"\n{broken\n")
	code, _, stderr = runCLI(t, "reindex", "--strict", "--index", idx, bad)
	if code != exitStrict || !strings.Contains(stderr, "bad.jsonl:2") || !strings.Contains(stderr, "not published: indexed 1, updated 0, rejected 1 from 1 file ") {
		t.Fatalf("strict exit %d:\n%s", code, stderr)
	}
	code, stdout, _ = runCLI(t, "stats", "--index", idx, "--json")
	var st indexer.Stats
	if err := json.Unmarshal([]byte(stdout), &st); err != nil || code != exitOK || st.Articles != 3 {
		t.Fatalf("after strict abort: exit %d, %+v, %v", code, st, err)
	}
	code, _, stderr = runCLI(t, "stats", "--index", filepath.Join(t.TempDir(), "none"))
	if code != exitError || !strings.Contains(stderr, "syndex reindex") {
		t.Errorf("stats without index: exit %d %s", code, stderr)
	}
}

// TestReindexSampleByDefault checks that a bare `syndex reindex` indexes the
// embedded sample corpus: every article of it, nothing rejected.
func TestReindexSampleByDefault(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "index")
	code, _, stderr := runCLI(t, "reindex", "--index", idx)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	m := regexp.MustCompile(`indexed (\d+), updated 0, rejected 0`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("summary:\n%s", stderr)
	}
	// Count what the sample holds, independently: JSONL lines and feed items.
	want := 0
	filepathWalk(t, filepath.Join("..", "..", "testdata", "sample"), func(p string, data []byte) {
		switch filepath.Ext(p) {
		case ".jsonl":
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				if len(bytes.TrimSpace(sc.Bytes())) > 0 {
					want++
				}
			}
		case ".rss":
			want += bytes.Count(data, []byte("<item>"))
		case ".atom":
			want += bytes.Count(data, []byte("<entry>"))
		case ".txt", ".html":
			want++
		}
	})
	if m[1] != strconv.Itoa(want) {
		t.Errorf("indexed %s articles, the sample holds %d", m[1], want)
	}
}

func filepathWalk(t *testing.T, root string, fn func(string, []byte)) {
	t.Helper()
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fn(p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSearchStories checks that `syndex search` shows one result per story
// with the other sources that carried it, and every copy with --all-copies.
func TestSearchStories(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "index")
	if code, _, stderr := runCLI(t, "reindex", "--index", idx); code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "search", "--index", idx, "caldera", "petroleum", "platform")
	m := regexp.MustCompile(`^(\d+) stor(?:y|ies) \((\d+) articles?\)`).FindStringSubmatch(stdout)
	if code != exitOK || m == nil || !strings.Contains(stdout, "also in: ") {
		t.Fatalf("search exit %d:\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "search", "--index", idx, "--all-copies", "caldera", "petroleum", "platform")
	if code != exitOK || !strings.HasPrefix(stdout, m[2]+" articles for ") || strings.Contains(stdout, "also in: ") {
		t.Fatalf("--all-copies exit %d, want %s articles:\n%s", code, m[2], stdout)
	}
}

// TestSearchCursorNumbering checks that a page reached with --cursor goes on
// numbering from the page before it, as --page does.
func TestSearchCursorNumbering(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "index")
	if code, _, stderr := runCLI(t, "reindex", "--index", idx); code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "search", "--index", idx, "-n", "3", "oil")
	m := regexp.MustCompile(`add --cursor (\S+)`).FindStringSubmatch(stdout)
	if code != exitOK || m == nil || !strings.Contains(stdout, "\n  3. ") {
		t.Fatalf("first page: exit %d:\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "search", "--index", idx, "-n", "3", "--cursor", m[1], "oil")
	if code != exitOK || !strings.Contains(stdout, "\n  4. ") || !strings.Contains(stdout, "\n  6. ") || strings.Contains(stdout, "\n  1. ") {
		t.Fatalf("cursor page should number 4-6: exit %d:\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "search", "--index", idx, "-n", "3", "--page", "3", "oil")
	if code != exitOK || !strings.Contains(stdout, "\n  7. ") {
		t.Fatalf("page 3 should start at 7: exit %d:\n%s", code, stdout)
	}
}

// TestSearchByAuthor filters by author from the command line, with the
// flag and in the query, and both agree with the author facet.
func TestSearchByAuthor(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "index")
	if code, _, stderr := runCLI(t, "reindex", "--index", idx); code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "search", "--index", idx, "--json", "--facets", "author", "--size", "0")
	var all struct {
		Facets struct {
			Author struct {
				Values []struct {
					Value string
					Count int
				}
			}
		}
	}
	if code != exitOK || json.Unmarshal([]byte(stdout), &all) != nil || len(all.Facets.Author.Values) == 0 {
		t.Fatalf("author facet: exit %d:\n%s%s", code, stdout, stderr)
	}
	top := all.Facets.Author.Values[0]
	for _, args := range [][]string{{"--author", top.Value}, {`author:"` + top.Value + `"`}} {
		code, stdout, stderr := runCLI(t, append([]string{"search", "--index", idx, "--json", "--size", "0"}, args...)...)
		var res struct{ Total int }
		if code != exitOK || json.Unmarshal([]byte(stdout), &res) != nil || res.Total != top.Count {
			t.Errorf("%v: exit %d, total %d, want %d:\n%s%s", args, code, res.Total, top.Count, stdout, stderr)
		}
	}
}

// TestReindexProfiles checks that reindex --cpuprofile and --memprofile
// write pprof files (gzipped protobuf) after a rebuild, and that an
// unwritable profile path is an error before anything is rebuilt.
func TestReindexProfiles(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "a.jsonl", goodLine+"\n")
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	code, _, stderr := runCLI(t, "reindex", "--index", filepath.Join(dir, "index"), "--cpuprofile", cpu, "--memprofile", mem, good)
	if code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	for _, p := range []string{cpu, mem} {
		b, err := os.ReadFile(p)
		if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: not a gzipped pprof profile (%d bytes, %v)", p, len(b), err)
		}
	}
	idx := filepath.Join(dir, "index2")
	code, _, stderr = runCLI(t, "reindex", "--index", idx, "--cpuprofile", filepath.Join(dir, "missing", "cpu.prof"), good)
	if code == exitOK || !strings.Contains(stderr, "--cpuprofile") {
		t.Errorf("unwritable --cpuprofile: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(idx); err == nil {
		t.Errorf("unwritable --cpuprofile still built %s", idx)
	}
}

// TestReindexMonthsCLI rebuilds one month of a month-shard index of the
// shared crypto news (seven months) from a changed copy of the corpus:
// that month's articles change, the others are kept as they were, and bad
// ranges are usage errors.
func TestReindexMonthsCLI(t *testing.T) {
	corpus := filepath.Join(sharedtest.Dir(t, "corpora", "jsonl"), "crypto.jsonl")
	dir := t.TempDir()
	idx := filepath.Join(dir, "index")
	if code, _, stderr := runCLI(t, "reindex", "--index", idx, "--month-shards", corpus); code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	src, inMonth, total := markedCopy(t, corpus, dir)
	code, _, stderr := runCLI(t, "reindex", "--index", idx, "--from", "2022-02", "--to", "2022-02", src)
	if code != exitOK || !strings.Contains(stderr, fmt.Sprintf("indexed %d,", inMonth["2022-02"])) ||
		!strings.Contains(stderr, fmt.Sprintf("kept %d articles of the other months", total-inMonth["2022-02"])) {
		t.Fatalf("reindex --from/--to exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "search", "--index", idx, "--all-copies", "--json", "zzmarker")
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Published string `json:"published"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); code != exitOK || err != nil {
		t.Fatalf("search exit %d, %v:\n%s", code, err, stderr)
	}
	if res.Total != inMonth["2022-02"] {
		t.Errorf("the marker is in %d articles, want the %d of 2022-02 only", res.Total, inMonth["2022-02"])
	}
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.Published, "2022-02") {
			t.Errorf("a marked article of %s: only 2022-02 was rebuilt", h.Published)
		}
	}
	code, stdout, _ = runCLI(t, "stats", "--index", idx, "--json")
	var st indexer.Stats
	if err := json.Unmarshal([]byte(stdout), &st); err != nil || code != exitOK || st.Articles != uint64(total) {
		t.Errorf("stats after the month's rebuild: exit %d, %d articles (%v), want %d", code, st.Articles, err, total)
	}

	for _, args := range [][]string{
		{"--from", "2022-2"},
		{"--from", "2022-03", "--to", "2022-02"},
		{"--to", "2022-02", "--month-shards=false"},
	} {
		code, _, stderr := runCLI(t, append([]string{"reindex", "--index", idx}, append(args, src)...)...)
		if code != exitUsage {
			t.Errorf("reindex %v: exit %d, want %d:\n%s", args, code, exitUsage, stderr)
		}
	}
	one := filepath.Join(dir, "one")
	if code, _, stderr := runCLI(t, "reindex", "--index", one, corpus); code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "reindex", "--index", one, "--from", "2022-02", src); code != exitError || !strings.Contains(stderr, "--month-shards") {
		t.Errorf("reindex --from on one index: exit %d, want %d with advice:\n%s", code, exitError, stderr)
	}
}

// markedCopy writes into dir a copy of the JSON Lines corpus with every
// title prefixed by the word "Zzmarker", and returns its path, its
// articles per publication month and their number.
func markedCopy(t *testing.T, corpus, dir string) (path string, inMonth map[string]int, n int) {
	t.Helper()
	raw, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	inMonth = map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var a article.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		a.Title = "Zzmarker " + a.Title
		inMonth[a.Published.UTC().Format("2006-01")]++
		b, _ := json.Marshal(&a)
		changed = append(changed, string(b))
	}
	return write(t, dir, "changed.jsonl", strings.Join(changed, "\n")+"\n"), inMonth, len(changed)
}

// TestReindexSaysWhatItSkipped: files of types syndex does not read inside
// a folder are counted in the summary by type, so "from 1 file" of a folder
// of four is not taken for all of it; hidden and README files are not.
func TestReindexSaysWhatItSkipped(t *testing.T) {
	src := t.TempDir()
	write(t, src, "a.jsonl", jsonl("a", 2))
	write(t, src, "table.csv", "a,b,c\n")
	write(t, src, "reut2-000.sgm", "<!DOCTYPE lewis>")
	write(t, src, "more.sgm", "<!DOCTYPE lewis>")
	write(t, src, "README.md", "about")
	write(t, src, ".hidden.sgm", "x")
	code, _, stderr := runCLI(t, "reindex", "--index", filepath.Join(t.TempDir(), "index"), src)
	if code != exitOK || !strings.Contains(stderr, "skipped 3 files of other types in the folders (.sgm 2, .csv 1)") || !strings.Contains(stderr, "from 1 file (") || !strings.Contains(stderr, " (2 articles, ") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

// TestPrintResults: the text output counts in good English, names an
// untitled hit and a copy without a source, and prints every facet asked
// for.
func TestPrintResults(t *testing.T) {
	res := &searchsvc.Response{
		Total: 1, TotalArticles: 2, Counts: searchsvc.CountStories, Size: 10, Page: 1,
		Query: searchsvc.QueryInfo{Used: "guzzlers", Sort: "relevance"},
		Hits:  []searchsvc.Hit{{ID: "p1", Snippet: "Good morning", Copies: 1, AlsoIn: []searchsvc.Copy{{ID: "c9"}}}},
		Facets: &searchsvc.Facets{
			Tag:       &searchsvc.TermFacet{Values: []searchsvc.FacetValue{{Value: "blogs", Count: 1}}},
			Published: &searchsvc.DateFacet{Interval: "month", Buckets: []searchsvc.DateBucket{{Key: "2017-06", Count: 1}}, Undated: 1},
		},
	}
	var b strings.Builder
	printResults(&b, res, false)
	for _, want := range []string{"1 story (2 articles) for guzzlers", "  1. (untitled)", "also in: unknown source (c9)", "Tags: blogs 1", "Published (by month): 2017-06 1 · undated 1"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

// TestSearchFlagsAsUsersTypeThem checks the flags people get wrong: a
// source name holding commas given whole to --source (not split into three
// names), and a query starting with an excluded word, which reads as flags
// and gets told how to write it.
func TestSearchFlagsAsUsersTypeThem(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "in.jsonl", `{"id":"c1","title":"Council votes","body":"The council voted on the budget.","source":"News, Politics and Society","published":"2025-01-01T00:00:00Z"}
{"id":"c2","title":"Council meets","body":"The council met again about bitcoin.","source":"Wire","published":"2025-01-02T00:00:00Z"}
`)
	idx := filepath.Join(dir, "index")
	if code, _, stderr := runCLI(t, "reindex", "--index", idx, in); code != exitOK {
		t.Fatalf("reindex exit %d:\n%s", code, stderr)
	}
	total := func(args ...string) int {
		t.Helper()
		code, stdout, stderr := runCLI(t, append([]string{"search", "--index", idx, "--json"}, args...)...)
		var res struct{ Total int }
		if code != exitOK || json.Unmarshal([]byte(stdout), &res) != nil {
			t.Fatalf("search %v: exit %d:\n%s%s", args, code, stdout, stderr)
		}
		return res.Total
	}
	if n := total("--source", "News, Politics and Society", "council"); n != 1 {
		t.Errorf("--source with commas: %d results, want 1", n)
	}
	if n := total("--source", "News, Politics and Society", "--source", "Wire", "council"); n != 2 {
		t.Errorf("--source twice: %d results, want 2", n)
	}
	if n := total("--", "council", "-bitcoin"); n != 1 {
		t.Errorf("-- council -bitcoin: %d results, want 1", n)
	}
	code, _, stderr := runCLI(t, "search", "--index", idx, "council", "-bitcoin")
	if code != exitUsage || !strings.Contains(stderr, `without "bitcoin"`) || !strings.Contains(stderr, "-- -bitcoin") {
		t.Errorf("search council -bitcoin: exit %d, want %d and a hint to use --:\n%s", code, exitUsage, stderr)
	}
}
