package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/syndex/syndex/indexer/article"
)

// decodeLenient decodes a JSON Lines record whose fields do not all have
// the types of jsonlRecord (the strict decoding failed with a type error):
// a field of the wrong type must not cost the article. Where the meaning is
// clear the value is coerced (tags as "a, b", an author object or list, a
// number as text, a date as epoch seconds or milliseconds); otherwise the
// field is dropped and a warning on a names it and what was expected.
func decodeLenient(line []byte, rec *jsonlRecord, a *article.Article) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return fmt.Errorf("%s, not a JSON object", jsonKind(bytes.TrimSpace(line)))
	}
	*rec = jsonlRecord{}
	get := func(name string) (json.RawMessage, bool) {
		if v, ok := fields[name]; ok {
			return v, true
		}
		for k, v := range fields {
			if strings.EqualFold(k, name) {
				return v, true
			}
		}
		return nil, false
	}
	text := map[string]*string{
		"id": &rec.ID, "url": &rec.URL, "canonical_url": &rec.CanonicalURL, "title": &rec.Title,
		"body": &rec.Body, "summary": &rec.Summary, "source": &rec.Source, "source_domain": &rec.SourceDomain,
		"author": &rec.Author, "lang": &rec.Lang, "published": &rec.Published,
	}
	for name, dst := range text {
		raw, ok := get(name)
		if !ok {
			continue
		}
		v, ok := lenientText(raw, name)
		if !ok {
			a.Warn(article.WarnField, fmt.Sprintf("%q: expected a string, got %s", name, jsonKind(raw)))
			continue
		}
		*dst = v
	}
	if raw, ok := get("tags"); ok {
		tags, dropped := lenientTags(raw)
		rec.Tags = tags
		if dropped != "" {
			a.Warn(article.WarnField, fmt.Sprintf("%q: expected a list of strings, got %s", "tags", dropped))
		}
	}
	return nil
}

// lenientText reads a JSON value as text: a string, a number (its digits;
// for "published", epoch seconds or milliseconds become RFC 3339 through
// the date parser), an author object ({"name": …}) or a list of those
// joined with ", ". null is empty. ok is false for anything else.
func lenientText(raw json.RawMessage, field string) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch jsonKind(raw) {
	case "null":
		return "", true
	case "a string":
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	case "a number":
		return string(raw), true
	case "an object":
		if field != "author" {
			return "", false
		}
		var o struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(raw, &o) != nil || o.Name == "" {
			return "", false
		}
		return o.Name, true
	case "a list":
		if field != "author" {
			return "", false
		}
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return "", false
		}
		var names []string
		for _, it := range items {
			if n, ok := lenientText(it, field); ok && n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", "), len(names) > 0 || len(items) == 0
	}
	return "", false
}

// lenientTags reads tags given as a list (strings and numbers kept, other
// entries dropped) or as one comma-separated string. dropped describes
// what could not be used ("" when everything was).
func lenientTags(raw json.RawMessage) (tags []string, dropped string) {
	raw = bytes.TrimSpace(raw)
	switch kind := jsonKind(raw); kind {
	case "null":
		return nil, ""
	case "a string":
		var s string
		json.Unmarshal(raw, &s)
		for t := range strings.SplitSeq(s, ",") {
			if t = strings.TrimSpace(t); t != "" {
				tags = append(tags, t)
			}
		}
		return tags, ""
	case "a number":
		return []string{string(raw)}, ""
	case "a list":
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil, kind
		}
		bad := 0
		for _, it := range items {
			if t, ok := lenientText(it, "tags"); ok {
				if t != "" {
					tags = append(tags, t)
				}
			} else {
				bad++
			}
		}
		if bad > 0 {
			dropped = fmt.Sprintf("%d entries that are not strings (dropped)", bad)
		}
		return tags, dropped
	default:
		return nil, kind
	}
}

// jsonKind names the type of a JSON value for messages.
func jsonKind(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
		return "a number"
	}
	return "not JSON"
}
