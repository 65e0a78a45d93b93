package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/syndex/syndex/indexer/article"
)

func TestReadRequestShapes(t *testing.T) {
	tests := []struct {
		name, body string
		ok         int
		bad        []string // positions of the errors
	}{
		{"object", `{"id":"a","title":"A"}`, 1, nil},
		{"pretty object", "{\n \"id\": \"a\",\n \"title\": \"A\"\n}", 1, nil},
		{"two pretty objects", "{\n \"id\": \"a\", \"title\": \"A\"\n}\n{\n \"id\": \"b\", \"title\": \"B\"\n}", 2, nil},
		{"array", `[{"id":"a","title":"A"}, "x", {"id":"b","title":"B"}]`, 2, []string{"item 2"}},
		{"JSON Lines", "{\"id\":\"a\",\"title\":\"A\"}\n{bad\n{\"id\":\"b\",\"title\":\"B\"}\n", 2, []string{"request:2:"}},
		{"BOM and space", "\ufeff  [{\"id\":\"a\",\"title\":\"A\"}]", 1, nil},
		{"empty", "  \n", 0, nil},
		{"unclosed array", `[{"id":"a","title":"A"}`, 1, []string{"not closed"}},
		{"broken array", `[{"id":"a","title":"A"}, {bad`, 1, []string{"item 2"}},
		// A malformed item ends only itself: the items after it are read.
		{"malformed middle item", `[{"id":"a","title":"A"}, {"id":"b","title":"B" "body":1}, {"id":"c","title":"C"}]`, 2, []string{"item 2"}},
		{"too deep middle item", `[{"id":"a","title":"A"}, {"id":"b","body":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) +
			`}, {"id":"c","title":"C"}]`, 2, []string{"item 2"}},
		{"unclosed string", "[\n{\"id\":\"a\",\"title\":\"A},\n{\"id\":\"b\",\"title\":\"B\"}\n]", 1, []string{"item 1"}},
		{"brackets in strings", `[{"id":"a","title":"A, [b] {c}"}, {"id":"b","title":"B \" ]"}]`, 2, nil},
		{"empty item", `[{"id":"a","title":"A"},,{"id":"b","title":"B"}]`, 2, []string{"item 2: no item"}},
		{"trailing comma", `[{"id":"a","title":"A"},]`, 1, nil},
		{"empty array", `[]`, 0, nil},
		{"malformed middle object", "{\n \"id\": \"a\", \"title\": \"A\"\n}\n{\n \"id\": \"b\" \"title\": \"B\"\n}\n{\n \"id\": \"c\", \"title\": \"C\"\n}", 2, []string{"item 2"}},
	}
	for _, tt := range tests {
		ok := 0
		var errs []string
		for a, err := range ReadRequest(strings.NewReader(tt.body), "request", Options{}) {
			if err != nil {
				errs = append(errs, err.Error())
			} else if a != nil {
				ok++
			}
		}
		if ok != tt.ok || len(errs) != len(tt.bad) {
			t.Errorf("%s: %d articles, errors %q; want %d and %q", tt.name, ok, errs, tt.ok, tt.bad)
			continue
		}
		for i, want := range tt.bad {
			if !strings.Contains(errs[i], want) {
				t.Errorf("%s: error %q does not say %q", tt.name, errs[i], want)
			}
		}
	}
}

// FuzzReadRequest: any push body yields articles and item errors, never a
// panic, and every article passes the per-article limits.
func FuzzReadRequest(f *testing.F) {
	f.Add(`[{"id":"a","title":"A","tags":"x, y","published":1767225600}]`)
	f.Add("{\"id\":\"a\"}\n{\"title\":\"B\"}")
	f.Add("{\n\"title\": [1, {\"a\": null}]\n}")
	o := Options{MaxBodyBytes: 1 << 10}
	f.Fuzz(func(t *testing.T, body string) {
		for a, err := range ReadRequest(strings.NewReader(body), "request", o) {
			if err != nil {
				if _, ok := err.(*article.ItemError); !ok {
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			if cerr := o.Check(a); cerr != nil {
				t.Fatalf("article over a limit: %v", cerr)
			}
		}
	})
}

// TestReadRequestBodyError: a failing body (a size bound, a broken
// connection) is passed on as itself, after the articles read before it,
// not blamed on an item.
func TestReadRequestBodyError(t *testing.T) {
	boom := errors.New("boom")
	for _, head := range []string{`[{"id":"a","title":"A"},`, "{\"id\":\"a\",\"title\":\"A\"}\n{\"id\":", "{\n\"id\": \"a\", \"title\": \"A\"}\n{\n"} {
		ok := 0
		var last error
		for a, err := range ReadRequest(io.MultiReader(strings.NewReader(head), iotest.ErrReader(boom)), "request", Options{}) {
			if err != nil {
				last = err
			} else if a != nil {
				ok++
			}
		}
		var ie *article.ItemError
		if ok != 1 || !errors.Is(last, boom) || errors.As(last, &ie) {
			t.Errorf("%q: %d articles, last error %v", head, ok, last)
		}
	}
}
