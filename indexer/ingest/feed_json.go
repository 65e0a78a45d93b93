package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
)

// The JSON side of feed parsing: JSON Feed 1.0/1.1 and rss.js documents
// (RSS 2.0 written as JSON), decoded leniently into a gofeed.Feed.

// parseJSONFeedBytes parses a JSON Feed (1.0/1.1) or an rss.js
// ("RSS-in-JSON") document.
func parseJSONFeedBytes(doc []byte) (*gofeed.Feed, error) {
	doc = repairUTF8(doc)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(doc, &top); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, ok := top["rss"]; ok {
		return parseRSSInJSON(doc)
	}
	_, hasItems := top["items"]
	_, hasVersion := top["version"]
	if !hasItems && !hasVersion {
		return nil, errors.New("JSON is not a JSON Feed: it has neither \"version\" nor \"items\"")
	}
	return parseJSONFeedLenient(top)
}

// Keys of gofeed.Item.Custom through which the lenient JSON Feed parser
// hands emitFeedItems what it noticed about an item.
const (
	customItemError = "syndex.error"    // the item cannot be read at all
	customWarnings  = "syndex.warnings" // field warnings, one per line
)

// parseJSONFeedLenient maps a JSON Feed 1.0/1.1 document onto gofeed's
// model field by field. gofeed decodes JSON Feed strictly, so one field of
// the wrong type (tags as "a, b", an author as a list, a numeric id, a date
// as epoch seconds) cost the whole feed; here a value whose meaning is
// clear is coerced, any other is dropped with a warning naming the item
// and field, and an item that is not an object is rejected alone.
func parseJSONFeedLenient(top map[string]json.RawMessage) (*gofeed.Feed, error) {
	feedText := func(name string) string {
		v, _ := lenientText(top[name], name)
		return v
	}
	f := &gofeed.Feed{
		Title: feedText("title"), Link: feedText("home_page_url"), FeedLink: feedText("feed_url"),
		Language: feedText("language"), FeedType: "json",
	}
	for _, key := range []string{"authors", "author"} {
		if raw, ok := top[key]; ok {
			if name, ok := lenientText(raw, "author"); ok && name != "" {
				f.Authors = []*gofeed.Person{{Name: name}}
				break
			}
		}
	}
	raw, ok := top["items"]
	if !ok || jsonKind(bytes.TrimSpace(raw)) == "null" {
		return f, nil
	}
	var items []json.RawMessage
	if kind := jsonKind(bytes.TrimSpace(raw)); kind != "a list" || json.Unmarshal(raw, &items) != nil {
		return nil, fmt.Errorf("JSON Feed: \"items\": expected a list, got %s", kind)
	}
	for _, it := range items {
		f.Items = append(f.Items, jsonFeedItem(it))
	}
	return f, nil
}

// jsonFeedItem maps one JSON Feed item; see parseJSONFeedLenient.
func jsonFeedItem(raw json.RawMessage) *gofeed.Item {
	gi := &gofeed.Item{}
	var fields map[string]json.RawMessage
	if kind := jsonKind(bytes.TrimSpace(raw)); kind != "an object" || json.Unmarshal(raw, &fields) != nil {
		gi.Custom = map[string]string{customItemError: fmt.Sprintf("the item is %s, not a JSON object", kind)}
		return gi
	}
	var warnings []string
	warn := func(msg string) { warnings = append(warnings, msg) }
	text := func(name string) string {
		v, ok := fields[name]
		if !ok {
			return ""
		}
		field := name
		if name == "authors" {
			field = "author"
		}
		s, ok := lenientText(v, field)
		if !ok {
			warn(fmt.Sprintf("%q: expected %s, got %s", name, jsonFeedWants(name), jsonKind(bytes.TrimSpace(v))))
		}
		return s
	}
	gi.GUID = text("id")
	gi.Link = text("url")
	if ext := text("external_url"); gi.Link == "" {
		gi.Link = ext
	}
	gi.Title = text("title")
	gi.Content = text("content_html")
	if ct := text("content_text"); gi.Content == "" {
		gi.Content = textOrHTML(ct)
	}
	gi.Description = textOrHTML(text("summary"))
	gi.Published = text("date_published")
	gi.Updated = text("date_modified")
	for _, key := range []string{"authors", "author"} {
		if name := text(key); name != "" && gi.Authors == nil {
			gi.Authors = []*gofeed.Person{{Name: name}}
		}
	}
	if raw, ok := fields["tags"]; ok {
		tags, dropped := lenientTags(raw)
		gi.Categories = tags
		if dropped != "" {
			warn(fmt.Sprintf("%q: expected a list of strings, got %s", "tags", dropped))
		}
	}
	gi.Custom = nil
	if len(warnings) > 0 {
		gi.Custom = map[string]string{customWarnings: strings.Join(warnings, "\n")}
	}
	return gi
}

// jsonFeedWants says what a JSON Feed item field holds, for warnings.
func jsonFeedWants(name string) string {
	if name == "author" || name == "authors" {
		return "an author object or a list of them"
	}
	return "a string"
}

// rss.js ("RSS-in-JSON", as published by Scripting News; see
// github.com/scripting/Scripting-News, rss-in-json/README.md): an RSS 2.0
// document transliterated to JSON, attributes beside "#value".
type rssJSONDoc struct {
	RSS *struct {
		Channel *rssJSONChannel `json:"channel"`
	} `json:"rss"`
}

type rssJSONChannel struct {
	Title    jsonText              `json:"title"`
	Link     jsonText              `json:"link"`
	Language jsonText              `json:"language"`
	Items    jsonList[rssJSONItem] `json:"item"`
}

type rssJSONItem struct {
	Title          jsonText           `json:"title"`
	Link           jsonText           `json:"link"`
	Description    jsonText           `json:"description"`
	ContentEncoded jsonText           `json:"content:encoded"`
	PubDate        jsonText           `json:"pubDate"`
	DCDate         jsonText           `json:"dc:date"`
	GUID           jsonText           `json:"guid"`
	Author         jsonText           `json:"author"`
	Creator        jsonText           `json:"dc:creator"`
	Category       jsonList[jsonText] `json:"category"`
}

// jsonText is an rss.js text value: a string, a number, or an element with
// attributes whose text is under "#value". Anything else reads as "".
type jsonText string

func (t *jsonText) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*t = jsonText(v)
	case float64, bool:
		*t = jsonText(fmt.Sprint(v))
	case map[string]any:
		if s, ok := v["#value"].(string); ok {
			*t = jsonText(s)
		}
	}
	return nil
}

// jsonList is a repeatable rss.js element: an array, or a single value when
// the element occurs once.
type jsonList[T any] []T

func (l *jsonList[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.HasPrefix(b, []byte("[")) {
		var items []T
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
		*l = items
		return nil
	}
	if bytes.Equal(b, []byte("null")) {
		*l = nil
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*l = jsonList[T]{one}
	return nil
}

// parseRSSInJSON maps an rss.js document onto gofeed's model, so its items
// go through the same mapping as RSS items.
func parseRSSInJSON(doc []byte) (*gofeed.Feed, error) {
	var d rssJSONDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("parse RSS-in-JSON: %w", err)
	}
	if d.RSS == nil || d.RSS.Channel == nil {
		return nil, errors.New("parse RSS-in-JSON: no rss.channel object")
	}
	ch := d.RSS.Channel
	f := &gofeed.Feed{
		Title:    string(ch.Title),
		Link:     string(ch.Link),
		Language: string(ch.Language),
		FeedType: "rss.js",
		Items:    make([]*gofeed.Item, 0, len(ch.Items)),
	}
	for _, it := range ch.Items {
		gi := &gofeed.Item{
			Title:       string(it.Title),
			Link:        string(it.Link),
			Description: string(it.Description),
			Content:     string(it.ContentEncoded),
			Published:   string(it.PubDate),
			GUID:        string(it.GUID),
		}
		if gi.Published == "" {
			gi.Published = string(it.DCDate)
		}
		if gi.Link == "" && isHTTPURL(gi.GUID) {
			gi.Link = gi.GUID
		}
		for _, who := range []jsonText{it.Creator, it.Author} {
			if who != "" {
				gi.Authors = append(gi.Authors, &gofeed.Person{Name: string(who)})
				break
			}
		}
		for _, c := range it.Category {
			gi.Categories = append(gi.Categories, string(c))
		}
		f.Items = append(f.Items, gi)
	}
	return f, nil
}
