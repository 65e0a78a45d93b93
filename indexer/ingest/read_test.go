package ingest

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/syndex/syndex/indexer/article"
)

// TestBinaryInputRejected checks that files that are not text (random
// bytes, images, PDFs, whatever their name says) are rejected with the
// file and the reason, while text in legacy 8-bit encodings and UTF-16
// still reads.
func TestBinaryInputRejected(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 8))
	random := make([]byte, 2<<20)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	noNUL := make([]byte, 64<<10)
	for i := range noNUL {
		noNUL[i] = byte(1 + rng.UintN(255))
	}
	latin1 := []byte("Caf\xe9 cr\xe8me: la r\xe9gion annonce un plan de relance.\n\nLe ministre a d\xe9clar\xe9 que les travaux commenceront en juin.\n")
	cp1251 := []byte("\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff\n\n\xcf\xf0\xe0\xe2\xe8\xf2\xe5\xeb\xfc\xf1\xf2\xe2\xee \xee\xe1\xfa\xff\xe2\xe8\xeb\xee \xee \xed\xee\xe2\xfb\xf5 \xec\xe5\xf0\xe0\xf5.\n")
	utf16 := []byte{0xff, 0xfe}
	for _, r := range `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Wide</title><item><title>Wide item</title><link>https://wide.example/1</link><description>Wide body text.</description></item></channel></rss>` {
		utf16 = append(utf16, byte(r), 0)
	}
	for _, tc := range []struct {
		name   string
		data   []byte
		binary bool
	}{
		{"random.txt", random, true},
		{"random.html", random, true},
		{"random.jsonl", random, true},
		{"random-no-nul.txt", noNUL, true},
		{"photo.xml", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random[:4096]...), true},
		{"paper.txt", append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n"), random[:8192]...), true},
		{"latin1.txt", latin1, false},
		{"cp1251.txt", cp1251, false},
		{"utf16.xml", utf16, false},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		var arts []*article.Article
		var errs []error
		for a, err := range ReadFile(context.Background(), path, Options{}) {
			if err != nil {
				errs = append(errs, err)
			} else {
				arts = append(arts, a)
			}
		}
		var ie *article.ItemError
		if tc.binary {
			if len(arts) != 0 || len(errs) != 1 || !errors.As(errs[0], &ie) || ie.File != path || !strings.Contains(ie.Reason, "not text") {
				t.Errorf("%s: %d articles, errors %v; want one 'not text' error naming the file", tc.name, len(arts), errs)
			}
			continue
		}
		if len(arts) == 0 || len(errs) != 0 {
			t.Errorf("%s: %d articles, errors %v; want it read", tc.name, len(arts), errs)
		}
	}
}

// FuzzNotText checks notText on arbitrary bytes: it never panics, and it
// never rejects valid UTF-8 free of control characters.
func FuzzNotText(f *testing.F) {
	f.Add([]byte("plain text"))
	f.Add([]byte("\xff\xfe<\x00r\x00"))
	f.Add([]byte("a\x00b"))
	f.Fuzz(func(t *testing.T, b []byte) {
		reason := notText(b)
		clean := !strings.ContainsFunc(string(b), func(r rune) bool {
			return r == 0 || r == 0x7f || (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f')
		})
		if reason != "" && clean {
			t.Fatalf("notText(%q) = %q for clean text", b, reason)
		}
	})
}

// TestListReadsEachFileOnce: a file given beside the folder holding it, or
// twice, is listed once (remembered sources can overlap so).
func TestListReadsEachFileOnce(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl")
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, []byte(`{"id":"x","title":"T","body":"B"}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, _, err := List([]string{dir, b, a, dir})
	if err != nil || !slices.Equal(files, []string{a, b}) {
		t.Errorf("List = %v, %v; want [%s %s]", files, err, a, b)
	}
}
