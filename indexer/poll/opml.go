package poll

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// opml is the part of OPML 2.0 subscription lists use: outlines with an
// xmlUrl, nested in folders.
type opml struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title       string `xml:"title"`
		DateCreated string `xml:"dateCreated,omitempty"`
	} `xml:"head"`
	Body struct {
		Outlines []outline `xml:"outline"`
	} `xml:"body"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Outlines []outline `xml:"outline"`
}

// ReadOPML returns the feed URLs of an OPML subscription list, folders
// flattened, in order, without repeats.
func ReadOPML(r io.Reader) ([]string, error) {
	var doc opml
	dec := xml.NewDecoder(io.LimitReader(r, 16<<20))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an OPML file: %w", err)
	}
	var out []string
	seen := map[string]bool{}
	var walk func([]outline, int)
	walk = func(os []outline, depth int) {
		if depth > 32 {
			return
		}
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
			walk(o.Outlines, depth+1)
		}
	}
	walk(doc.Body.Outlines, 0)
	return out, nil
}

// WriteOPML writes feeds as an OPML 2.0 subscription list, which feed
// readers (newsboat, Miniflux, FreshRSS) import.
func WriteOPML(w io.Writer, feeds []Feed, now time.Time) error {
	var doc opml
	doc.Version = "2.0"
	doc.Head.Title = "syndex subscriptions"
	doc.Head.DateCreated = now.UTC().Format(time.RFC1123Z)
	for _, f := range feeds {
		text := f.Title
		if text == "" {
			text = f.URL
		}
		doc.Body.Outlines = append(doc.Body.Outlines, outline{Text: text, Title: f.Title, Type: "rss", XMLURL: f.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
