package ingest

import (
	"strings"
	"testing"
)

// TestJSONFeedLenient checks that fields of the wrong JSON type cost
// neither the item nor the feed: clear meanings are coerced, others are
// dropped with a warning naming the item and field, and an item that is not
// an object is rejected alone.
func TestJSONFeedLenient(t *testing.T) {
	feed := `{"version": "https://jsonfeed.org/version/1.1", "title": "Lenient Feed", "home_page_url": "https://lenient.example/",
	"items": [
	  {"id": 1001, "url": "https://lenient.example/a", "title": "Tags as one string", "content_text": "Body of the first item.",
	   "tags": "Energy, Markets", "date_published": 1767225600, "authors": {"name": "Ana Ruiz"}},
	  {"id": "b", "url": "https://lenient.example/b", "title": {"text": "not a string"}, "content_html": "<p>Body of the second item.</p>",
	   "author": [{"name": "Bo"}, {"name": "Cy"}], "tags": ["ok", {"x": 1}], "date_published": "1767225600000"},
	  "just a string",
	  {"id": "d", "url": "https://lenient.example/d", "title": "Summary only", "summary": "A short summary of the fourth item.", "content_text": true}
	]}`
	arts, itemErrs, err := readFeedString(t, feed)
	if err != nil {
		t.Fatalf("the feed was refused: %v", err)
	}
	if len(itemErrs) != 1 || itemErrs[0].Item != 3 || !strings.Contains(itemErrs[0].Reason, "the item is a string, not a JSON object") {
		t.Errorf("item errors %v, want item 3 rejected as a string", itemErrs)
	}
	if len(arts) != 3 {
		t.Fatalf("%d articles, want the 3 good items", len(arts))
	}
	a, b, d := arts[0], arts[1], arts[2]
	if a.Title != "Tags as one string" || strings.Join(a.Tags, "|") != "energy|markets" || a.Author != "Ana Ruiz" ||
		a.Published.UTC().Format("2006-01-02") != "2026-01-01" || a.Source != "Lenient Feed" {
		t.Errorf("item 1 coerced wrongly: title %q tags %q author %q published %v source %q", a.Title, a.Tags, a.Author, a.Published, a.Source)
	}
	if len(a.Warnings) != 0 {
		t.Errorf("item 1: coercions with a clear meaning warned: %v", a.WarningLines())
	}
	if !strings.Contains(b.Body, "Body of the second item.") || b.Author != "Bo, Cy" || strings.Join(b.Tags, "|") != "ok" ||
		b.Published.UTC().Format("2006-01-02") != "2026-01-01" {
		t.Errorf("item 2: body %q author %q tags %q published %v", b.Body, b.Author, b.Tags, b.Published)
	}
	warns := strings.Join(b.WarningLines(), "\n")
	for _, want := range []string{`test.xml: item 2: "title": expected a string, got an object`, `"tags": expected a list of strings, got 1 entries that are not strings`} {
		if !strings.Contains(warns, want) {
			t.Errorf("item 2 warnings lack %q:\n%s", want, warns)
		}
	}
	if d.Title != "Summary only" || !strings.Contains(d.Body, "A short summary of the fourth item.") {
		t.Errorf("item 4: title %q body %q (the summary stands in for the dropped content_text)", d.Title, d.Body)
	}
	if w := strings.Join(d.WarningLines(), "\n"); !strings.Contains(w, `"content_text": expected a string, got a boolean`) {
		t.Errorf("item 4 warnings: %s", w)
	}

	// "items" of the wrong type is the one thing that leaves nothing to read.
	if _, _, err := readFeedString(t, `{"version": "https://jsonfeed.org/version/1", "items": {"a": 1}}`); err == nil ||
		!strings.Contains(err.Error(), `"items": expected a list, got an object`) {
		t.Errorf("items as an object: %v", err)
	}
}
