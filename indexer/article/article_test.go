package article

import "testing"

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://www.Example.com/a/b/?utm_source=x&id=3#top": "https://example.com/a/b?id=3",
		"https://example.com/story/amp/":                    "https://example.com/story",
		"https://example.com/x?fbclid=1&gclid=2":            "https://example.com/x",
		"https://amp.example.com/news/story-1":              "https://example.com/news/story-1",
		"https://example.com/amp/news/story-1":              "https://example.com/news/story-1",
		"https://example.com/news/story-1.amp?amp=1":        "https://example.com/news/story-1",
		"not a url": "not a url",
	} {
		if got := NormalizeURL(in); got != want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", in, got, want)
		}
	}
}
