package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer"
)

// jsonl returns n JSON Lines articles with ids prefix1…prefixN.
func jsonl(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `{"id":"%s%d","title":"Article %s %d","body":"Body of article %s number %d.","source":"Wire","published":"2025-01-0%dT00:00:00Z"}`+"\n",
			prefix, i, prefix, i, prefix, i, 1+i%9)
	}
	return b.String()
}

// articles returns the article count of the index at idx through `stats`.
func articles(t *testing.T, idx string) uint64 {
	t.Helper()
	code, stdout, stderr := runCLI(t, "stats", "--index", idx, "--json")
	var st indexer.Stats
	if err := json.Unmarshal([]byte(stdout), &st); code != exitOK || err != nil {
		t.Fatalf("stats: exit %d %v %s", code, err, stderr)
	}
	return st.Articles
}

// TestReindexRefusesToShrink checks that a reindex giving no articles, or
// under half of the live index's, keeps the live index and exits non-zero
// with the reason, unless --allow-shrink.
func TestReindexRefusesToShrink(t *testing.T) {
	src := t.TempDir()
	idx := filepath.Join(t.TempDir(), "index")
	four := write(t, src, "four.jsonl", jsonl("a", 4))
	if code, _, stderr := runCLI(t, "reindex", "--index", idx, four); code != exitOK {
		t.Fatalf("reindex: exit %d %s", code, stderr)
	}
	empty := t.TempDir()
	allBad := write(t, src, "bad.jsonl", "{broken\n")
	one := write(t, src, "one.jsonl", jsonl("b", 1))
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty folder", empty, "no input files in " + empty},
		{"no good article", allBad, "the sources gave no articles; the live index (4 articles) was kept"},
		{"under half", one, "the sources gave 1 articles, under half the live index's 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "reindex", "--index", idx, tc.src)
			if code != exitError || !strings.Contains(stderr, "refused to publish") || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "--allow-shrink") {
				t.Fatalf("exit %d, want %d with %q:\n%s", code, exitError, tc.want, stderr)
			}
			if strings.Contains(stderr, "indexed ") {
				t.Errorf("a summary was printed for a refused reindex:\n%s", stderr)
			}
			if n := articles(t, idx); n != 4 {
				t.Errorf("the live index has %d articles after a refused reindex, want 4", n)
			}
		})
	}
	if code, _, stderr := runCLI(t, "reindex", "--index", idx, "--allow-shrink", one); code != exitOK {
		t.Fatalf("--allow-shrink: exit %d %s", code, stderr)
	}
	if n := articles(t, idx); n != 1 {
		t.Errorf("after --allow-shrink: %d articles, want 1", n)
	}
	// A fresh location is not given an empty index either.
	fresh := filepath.Join(t.TempDir(), "fresh")
	code, _, stderr := runCLI(t, "reindex", "--index", fresh, empty)
	if code != exitError || !strings.Contains(stderr, "reindex refused to publish: no input files") || !strings.Contains(stderr, "no index was published") || strings.Contains(stderr, "shrink the") {
		t.Errorf("fresh location, empty folder: exit %d %s", code, stderr)
	}
	if _, err := indexer.CurrentGeneration(fresh); err == nil {
		t.Errorf("an empty index was published on a fresh location")
	}
}

// TestReindexRemembersSources checks that `reindex` without SRC rebuilds
// from the sources of the last reindex and of later index runs (reading
// them again), and uses the bundled sample only on a fresh location.
func TestReindexRemembersSources(t *testing.T) {
	src := t.TempDir()
	idx := filepath.Join(t.TempDir(), "index")
	a := write(t, src, "a.jsonl", jsonl("a", 3))
	b := write(t, src, "b.jsonl", jsonl("b", 2))
	if code, _, stderr := runCLI(t, "reindex", "--index", idx, a); code != exitOK {
		t.Fatalf("reindex: %d %s", code, stderr)
	}
	// Standard input cannot be remembered or read again: its article is
	// journaled, as when it is sent to a server, and every later reindex
	// keeps it.
	if code, _, stderr := runCLIStdin(t, jsonl("s", 1), "index", "--index", idx, b, "-"); code != exitOK || !strings.Contains(stderr, "indexed 3,") {
		t.Fatalf("index: %d %s", code, stderr)
	}
	write(t, src, "a.jsonl", jsonl("a", 4)) // the source grew
	code, _, stderr := runCLI(t, "reindex", "--index", idx)
	if code != exitOK || !strings.Contains(stderr, "rebuilding from the sources this index was built from") || !strings.Contains(stderr, "(7 articles,") {
		t.Fatalf("reindex without SRC: exit %d, want 6 articles from a.jsonl and b.jsonl and the one from standard input:\n%s", code, stderr)
	}
	if n := articles(t, idx); n != 7 {
		t.Errorf("%d articles after the bare reindex, want 7", n)
	}
	built, err := indexer.BuiltFrom(idx)
	if err != nil || len(built.Sources) != 2 || built.Sources[0] != a || built.Sources[1] != b || built.Sample {
		t.Errorf("remembered %+v (%v), want [%s %s]", built, err, a, b)
	}
	// A remembered source that was deleted is left out, with a warning,
	// and forgotten; with none left the rebuild fails.
	os.Remove(b)
	code, _, stderr = runCLI(t, "reindex", "--index", idx)
	if code != exitOK || !strings.Contains(stderr, "warning: source "+b+" no longer exists") || !strings.Contains(stderr, "(5 articles,") {
		t.Fatalf("reindex without a deleted source: exit %d:\n%s", code, stderr)
	}
	if built, _ := indexer.BuiltFrom(idx); len(built.Sources) != 1 || built.Sources[0] != a {
		t.Errorf("remembered %v after the deletion, want [%s]", built.Sources, a)
	}
	// An explicit SRC that leaves a remembered source out says so.
	c := write(t, src, "c.jsonl", jsonl("c", 4))
	code, _, stderr = runCLI(t, "reindex", "--index", idx, c)
	if code != exitOK || !strings.Contains(stderr, "warning: the live index was also built from "+a+", which is not among SRC") || !strings.Contains(stderr, "(5 articles,") {
		t.Fatalf("reindex of another source: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr = runCLI(t, "reindex", "--index", idx, src); code != exitOK || strings.Contains(stderr, "warning: the live index was also built") {
		t.Fatalf("reindex of the folder holding the remembered file: exit %d:\n%s", code, stderr)
	}
	os.Remove(c)
	if code, _, stderr = runCLI(t, "reindex", "--index", idx, a); code != exitOK {
		t.Fatalf("reindex %s: %d %s", a, code, stderr)
	}
	os.Remove(a)
	if code, _, stderr := runCLI(t, "reindex", "--index", idx); code != exitError || !strings.Contains(stderr, "none of the sources this index was built from exists any more") {
		t.Errorf("reindex with every source deleted: exit %d %s", code, stderr)
	}
	write(t, src, "a.jsonl", jsonl("a", 4))

	// Fresh location: the sample, said as such; then it is remembered as
	// the sample, not as a temporary folder.
	fresh := filepath.Join(t.TempDir(), "fresh")
	code, _, stderr = runCLI(t, "reindex", "--index", fresh)
	if code != exitOK || !strings.Contains(stderr, "no index yet: indexing the bundled sample corpus") {
		t.Fatalf("fresh reindex: %d %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "reindex", "--index", fresh)
	if code != exitOK || !strings.Contains(stderr, "rebuilding the bundled sample corpus this index holds") {
		t.Fatalf("sample rebuild: %d %s", code, stderr)
	}
}

// TestDifferentInputsKeepTheirIDs checks that untitled text files without
// URL or date do not overwrite each other, that READMEs inside folders are
// skipped, and that two different articles deriving one id from source,
// title and date are both kept and reported as a collision with both
// positions.
func TestDifferentInputsKeepTheirIDs(t *testing.T) {
	src := t.TempDir()
	sub := filepath.Join(src, "sub")
	os.Mkdir(sub, 0o755)
	for i := range 7 {
		write(t, src, fmt.Sprintf("note%d.txt", i), fmt.Sprintf("This untitled note number %d has its own text.\n\nA second paragraph, different in note %d.\n", i, i))
	}
	write(t, src, "README.TXT", "About this folder.\n")
	write(t, sub, "readme.txt", "About the sub folder.\n")
	idx := filepath.Join(t.TempDir(), "index")
	code, _, stderr := runCLI(t, "reindex", "--index", idx, src)
	if code != exitOK || !strings.Contains(stderr, "indexed 7, updated 0, rejected 0 from 7 files") {
		t.Fatalf("exit %d, want 7 articles from 7 files (READMEs skipped):\n%s", code, stderr)
	}
	// The same files again are updates of the same ids.
	code, _, stderr = runCLI(t, "index", "--index", idx, src)
	if code != exitOK || !strings.Contains(stderr, "indexed 0, updated 7") {
		t.Fatalf("re-index: exit %d:\n%s", code, stderr)
	}

	dup := write(t, src, "dup.jsonl",
		`{"title":"Market close","body":"Stocks rose on Monday.","source":"Wire","published":"2025-03-03"}`+"\n"+
			`{"title":"Market close","body":"Bonds fell on Monday, a different report.","source":"Wire","published":"2025-03-03"}`+"\n")
	idx2 := filepath.Join(t.TempDir(), "index2")
	code, _, stderr = runCLI(t, "reindex", "--index", idx2, dup)
	if code != exitOK || !strings.Contains(stderr, "indexed 2, updated 0") || !strings.Contains(stderr, "1 id collisions kept apart") {
		t.Fatalf("collision: exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: id collision: "+dup+":1 and "+dup+":2") {
		t.Errorf("the collision does not name both lines:\n%s", stderr)
	}
	// convert gives the second its own id too, and says so, so that its
	// output indexes as its input does.
	conv := filepath.Join(t.TempDir(), "conv.jsonl")
	code, _, stderr = runCLI(t, "convert", dup, "-o", conv)
	if code != exitOK || !strings.Contains(stderr, "id collision: "+dup+":1 and "+dup+":2") {
		t.Fatalf("convert of the collision: exit %d:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "reindex", "--index", filepath.Join(t.TempDir(), "index3"), conv)
	if code != exitOK || !strings.Contains(stderr, "indexed 2, updated 0") {
		t.Errorf("reindex of convert's output: exit %d:\n%s", code, stderr)
	}
}

// TestDateWarnings checks that dates that are not understood are listed
// with file and line, that unambiguous month-first dates are read, and that
// wrong JSON types name the field instead of printing Go internals.
func TestDateWarnings(t *testing.T) {
	src := t.TempDir()
	in := write(t, src, "d.jsonl",
		`{"id":"d1","title":"One","body":"B","published":"11/30/2026"}`+"\n"+
			`{"id":"d2","title":"Two","body":"B","published":"last tuesday"}`+"\n"+
			`{"id":"d3","title":"Three","body":"B","tags":{"a":1}}`+"\n")
	code, stdout, stderr := runCLI(t, "convert", in)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	for _, want := range []string{
		`warning: date not understood: ` + in + `:2: "last tuesday"`,
		`warning: field dropped: ` + in + `:3: "tags": expected a list of strings, got an object`,
		"read 3, converted 3, rejected 0, 2 warnings",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "Go struct") || strings.Contains(stderr, "jsonlRecord") {
		t.Errorf("Go internals in the message:\n%s", stderr)
	}
	if !strings.Contains(stdout, `"published":"2026-11-30T00:00:00Z"`) {
		t.Errorf("11/30/2026 was not read as 30 November:\n%s", stdout)
	}
	idx := filepath.Join(t.TempDir(), "index")
	code, _, stderr = runCLI(t, "reindex", "--index", idx, in)
	if code != exitOK || !strings.Contains(stderr, "indexed 3, updated 0, rejected 0, 2 warnings") || !strings.Contains(stderr, `:2: "last tuesday"`) {
		t.Errorf("reindex: exit %d:\n%s", code, stderr)
	}
}

// TestCLIDetails checks --version, usage errors and suggestions, standard
// input, and that a fatal error prints no summary.
func TestCLIDetails(t *testing.T) {
	code, stdout, _ := runCLI(t, "--version")
	if code != exitOK || !strings.HasPrefix(stdout, "syndex ") {
		t.Errorf("--version: exit %d %q", code, stdout)
	}
	code, _, stderr := runCLI(t, "serch", "oil")
	if code != exitUsage || !strings.Contains(stderr, "Did you mean this?") || !strings.Contains(stderr, "\tsearch\n") {
		t.Errorf("mistyped command: exit %d:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "reindex", "--alow-shrink")
	if code != exitUsage || !strings.Contains(stderr, "Did you mean this?\n\t--allow-shrink") {
		t.Errorf("mistyped flag: exit %d:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "reindex", "--help")
	if code != exitOK {
		t.Errorf("help: exit %d", code)
	}
	code, stdout, _ = runCLI(t, "reindex", "--help")
	if !strings.Contains(stdout, "(default 1000)") || strings.Contains(stdout, "2000") {
		t.Errorf("--batch help does not give the real default:\n%s", stdout)
	}
	code, _, stderr = runCLI(t, "reindex", "--index", filepath.Join(t.TempDir(), "i"), "/no/such/path")
	if code != exitError || !strings.Contains(stderr, "/no/such/path") || strings.Contains(stderr, "indexed 0") {
		t.Errorf("missing path: exit %d, want the error only:\n%s", code, stderr)
	}
	code, stdout, stderr = runCLIStdin(t, goodLine+"\n", "convert", "-")
	if code != exitOK || !strings.Contains(stdout, `"id":"g1"`) {
		t.Errorf("convert -: exit %d %s %s", code, stdout, stderr)
	}
}
