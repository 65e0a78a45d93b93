package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mmcdole/gofeed"
	jsonfeed "github.com/mmcdole/gofeed/json"
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
	jf, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("parse JSON Feed: %w", err)
	}
	for i, it := range jf.Items {
		if it == nil { // "items": [null] must not crash the translator
			jf.Items[i] = &jsonfeed.Item{}
		}
	}
	f, err := (&gofeed.DefaultJSONTranslator{}).Translate(jf)
	if err != nil {
		return nil, fmt.Errorf("parse JSON Feed: %w", err)
	}
	if len(f.Items) == len(jf.Items) {
		for i, it := range jf.Items {
			// content_text and summary are plain text by the spec; only
			// content_html is HTML.
			if it.ContentHTML == "" {
				f.Items[i].Content = textOrHTML(it.ContentText)
			}
			f.Items[i].Description = textOrHTML(it.Summary)
		}
	}
	return f, nil
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
