package ingest

import (
	"strings"
	"testing"
)

// TestFeedInsideOtherMarkup checks that a feed is found and read when the
// file holds more than the feed: junk before it, an HTML page around it,
// the feed shown as escaped text in a page, or a byte order mark that
// contradicts the declared encoding.
func TestFeedInsideOtherMarkup(t *testing.T) {
	const items = `<item><title>Grüße aus Köln</title><link>https://wrapped.example/a</link><description>Erste Meldung über den Rhein.</description></item>` +
		`<item><title>Second item</title><link>https://wrapped.example/b</link><description>The second story.</description></item>`
	rss := `<rss version="2.0"><channel><title>Wrapped</title><link>https://wrapped.example/</link>` + items + `</channel></rss>`
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><title>Wrapped Atom</title>` +
		`<entry><title>Atom entry</title><link href="https://wrapped.example/c"/><id>c</id><content type="text">Atom body text.</content></entry></feed>`
	escaped := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(`<?xml version="1.0" encoding="UTF-8"?>` + rss)
	for _, tc := range []struct {
		name, doc string
		want      []string
	}{
		{"junk before the prolog", "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + rss, []string{"Grüße aus Köln", "Second item"}},
		{"PHP warning before the root", "<br />\n<b>Warning</b>: Cannot modify header information in /var/www/feed.php on line 3<br />\n" + rss, []string{"Grüße aus Köln", "Second item"}},
		{"RSS inside an HTML page", "<!DOCTYPE html><html><head><title>Feed</title></head><body><div>" + rss + "</div><p>footer</p></body></html>", []string{"Grüße aus Köln", "Second item"}},
		{"Atom inside XHTML", `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>` + atom + `</body></html>`, []string{"Atom entry"}},
		{"feed shown as escaped text", "<html><body><pre>" + escaped + "</pre></body></html>", []string{"Grüße aus Köln", "Second item"}},
		{"BOM beats a wrong declaration", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"GB2312\"?>" + rss, []string{"Grüße aus Köln", "Second item"}},
		{"junk text before the root", "garbage line\n" + rss, []string{"Grüße aus Köln", "Second item"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, itemErrs, err := readFeedString(t, tc.doc)
			if err != nil || len(itemErrs) > 0 {
				t.Fatalf("err %v, item errors %v", err, itemErrs)
			}
			var titles []string
			for _, a := range arts {
				titles = append(titles, a.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tc.want, "|") {
				t.Errorf("titles %q, want %q", titles, tc.want)
			}
		})
	}
	// An HTML page with no feed in it is still refused, saying so.
	if _, _, err := readFeedString(t, "<html><body><p>No feed here.</p></body></html>"); err == nil {
		t.Error("an HTML page without a feed was read as a feed")
	}
	if _, _, err := readFeedString(t, "just some text"); err == nil || !strings.Contains(err.Error(), "not a feed") {
		t.Errorf("plain text: %v", err)
	}
}
