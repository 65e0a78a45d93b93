package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
)

// readPage runs readHTMLPage on an in-memory page.
func readPage(t *testing.T, page string, o Options) (*article.Article, error) {
	t.Helper()
	var got *article.Article
	n := 0
	err := readHTMLPage(strings.NewReader(page), "page.html", o, func(a *article.Article, err error) bool {
		n++
		if err != nil {
			t.Errorf("emitted error %v; page errors must be returned", err)
		}
		got = a
		return true
	})
	if n > 1 {
		t.Errorf("emitted %d times, want at most 1", n)
	}
	return got, err
}

// wantParagraphs checks that body is made of exactly the given paragraphs,
// separated by "\n\n" (each want is a prefix of its paragraph).
func wantParagraphs(t *testing.T, body string, want []string) {
	t.Helper()
	paras := strings.Split(body, "\n\n")
	if len(paras) != len(want) {
		t.Errorf("body has %d paragraphs, want %d:\n%s", len(paras), len(want), body)
		return
	}
	for i, p := range paras {
		if !strings.HasPrefix(p, want[i]) {
			t.Errorf("paragraph %d = %.80q, want it to start with %q", i+1, p, want[i])
		}
		if strings.TrimSpace(p) != p || strings.Contains(p, "  ") {
			t.Errorf("paragraph %d has stray whitespace: %q", i+1, p)
		}
	}
}

// TestReadHTMLPageFixtures reads the saved pages in testdata/pages and
// checks every extracted field, that page furniture (navigation, share bar,
// related articles, newsletter box, comments, sidebar, footer) is not in the
// body, and that paragraphs are separated by "\n\n".
func TestReadHTMLPageFixtures(t *testing.T) {
	tests := []struct {
		file                         string
		title, canonical, url        string
		source, domain, author, lang string
		published                    string // RFC 3339, "" for unknown
		tags                         []string
		summary                      string
		paragraphs                   []string // prefixes, in order
		absent                       []string // must not be in the body
	}{
		{
			file:      "news-article.html",
			title:     "Lighthouse keepers return to Skerrow Point after forty years",
			canonical: "https://www.coastal-ledger.example/news/2024/03/lighthouse-keepers-return",
			url:       "https://www.coastal-ledger.example/news/2024/03/lighthouse-keepers-return?utm_source=share",
			source:    "The Coastal Ledger",
			domain:    "coastal-ledger.example",
			author:    "Inês Carvalho", // article:author is a profile URL, so meta author
			lang:      "en",
			published: "2024-03-14T08:30:00Z",
			tags:      []string{"Lighthouses", "Volunteering", "Skerrow Point", "heritage"},
			summary:   "A volunteer trust will staff the automated light again from April, to run tours & weather logs.",
			paragraphs: []string{
				"For the first time since the lamp was automated in 1984,",
				"The trust's chair, Morag Fenwick, said",
				"Weather logs resume",
				"Keepers once recorded wind, visibility and sea state",
				"Tours of the tower will run on weekends from Easter,",
				"The cottages need a new roof before anyone can move in,",
			},
			absent: []string{"Sport", "Weather\n", "Home", "Share on", "Copy link", "Related articles",
				"Ferry pier", "morning briefing", "Subscribe", "Comment from a reader", "Most read",
				"Harbour car park", "All rights reserved", "Privacy", "Tags:", "By Inês", "dataLayer", "display:flex"},
		},
		{
			file:      "broken-page.html",
			title:     "Neue Brücke für den Mühlbach", // <title> minus " - Talbote"
			source:    "Talbote",
			lang:      "de",
			published: "2023-07-08T06:15:00Z", // meta date, timed by <time datetime>
			tags:      []string{"Mühlbach", "Brücke", "Gemeinderat"},
			paragraphs: []string{
				"Der Gemeinderat hat am Donnerstag den Bau",
				"Die neue Brücke soll aus Stahl gebaut werden",
				"Bürgermeisterin Petra Kessler sprach von einer lange überfälligen Entscheidung.",
				"Bis dahin bleibt der Umweg über die Landstraße",
			},
			absent: []string{"Start", "Lokal", "Teilen", "Impressum", "von Jonas Albrecht"},
		},
		{
			file:      "xss-title.html",
			title:     "<img src=x onerror=alert(1)> turned up in our comment form",
			source:    "Patchnotes Weekly",
			author:    "Priya Raman",
			lang:      "en", // not declared: detected
			published: "2024-04-02T16:45:00Z",
			summary:   "Someone typed <script>alert('hi')</script> into a form; here is what happened next.",
			paragraphs: []string{
				"Last Tuesday a reader submitted the string <img src=x onerror=alert(1)> as their display name.",
				"We still audited every place a display name is printed.",
				"If you find a way to make our pages run your code,",
			},
			absent: []string{"this script must never reach the index", "hijacked", "Archive", "Made with care"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", "pages", tc.file)
			var arts []*article.Article
			for a, err := range ReadFile(context.Background(), path, feedTestOptions()) {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				arts = append(arts, a)
			}
			if len(arts) != 1 {
				t.Fatalf("got %d articles, want 1", len(arts))
			}
			a := arts[0]
			wantEq(t, "title", a.Title, tc.title)
			wantEq(t, "canonical URL", a.CanonicalURL, tc.canonical)
			wantEq(t, "URL", a.URL, tc.url)
			wantEq(t, "source", a.Source, tc.source)
			wantEq(t, "source domain", a.SourceDomain, tc.domain)
			wantEq(t, "author", a.Author, tc.author)
			wantEq(t, "lang", a.Lang, tc.lang)
			published := ""
			if !a.Published.IsZero() {
				published = a.Published.Format(time.RFC3339)
			}
			wantEq(t, "published", published, tc.published)
			wantEq(t, "tags", strings.Join(a.Tags, "|"), strings.ToLower(strings.Join(tc.tags, "|")))
			wantEq(t, "summary", a.Summary, tc.summary)
			wantParagraphs(t, a.Body, tc.paragraphs)
			for _, s := range tc.absent {
				if strings.Contains(a.Body, s) {
					t.Errorf("body contains page furniture %q", s)
				}
			}
			if a.ID == "" || !utf8.ValidString(a.Body) {
				t.Errorf("bad ID %q or invalid UTF-8 body", a.ID)
			}
			if tc.canonical != "" {
				// The same story read from its URL elsewhere gets the same ID.
				wantEq(t, "id", a.ID, article.DeriveID(&article.Article{URL: tc.canonical}, ""))
			}
		})
	}
}

// TestReadHTMLPageInline covers metadata fallbacks and extraction edge cases.
func TestReadHTMLPageInline(t *testing.T) {
	tests := []struct {
		name  string
		page  string
		check func(t *testing.T, a *article.Article)
	}{
		{"title from <title> with a site prefix, og:title absent",
			`<html><head><meta property="og:site_name" content="Daily Wire Service"><title>Daily Wire Service | Storm closes the mountain pass</title></head>
<body><article><p>The pass will reopen once the snowploughs have been through.</p></article></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Storm closes the mountain pass")
				wantEq(t, "source", a.Source, "Daily Wire Service")
			}},
		{"og:title with the site suffix", `<html><head><meta property="og:title" content="Storm closes pass – Daily Wire">
<meta property="og:site_name" content="Daily Wire"></head><body><p>Text of the story.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Storm closes pass")
			}},
		{"long dash-separated title kept", `<html><head><title>Budget talks - what the mayor, the council and the unions each want from the deal</title></head><body><p>x y z</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Budget talks - what the mayor, the council and the unions each want from the deal")
			}},
		{"a <title> cut short under the whole headline", `<html><head><title>Port strike enters second week - Harbour Times</title></head>
<body><article><h1>Port strike enters second  week as talks stall</h1><p>Dock workers walked out again on Monday, and the port stayed shut.</p></article></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Port strike enters second week as talks stall")
				wantEq(t, "source", a.Source, "Harbour Times")
			}},
		{"an h1 that is not the headline", `<html><head><title>Port strike enters second week - Harbour Times</title></head>
<body><h1>Harbour Times</h1><article><p>Dock workers walked out again on Monday, and the port stayed shut.</p></article></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Port strike enters second week")
			}},
		{"title from the first h1", `<html><body><h1>Only a heading</h1><p>Some body text here.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Only a heading")
				wantEq(t, "body", a.Body, "Some body text here.")
			}},
		{"relative canonical resolved against og:url", `<html><head><link rel="canonical" href="/a/story-1">
<meta property="og:url" content="https://paper.example/a/story-1?ref=fb"></head><body><p>Story.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "canonical", a.CanonicalURL, "https://paper.example/a/story-1")
				wantEq(t, "source domain", a.SourceDomain, "paper.example")
			}},
		{"saved-from URL", "<!DOCTYPE html>\n<!-- saved from url=(0033)https://saved.example/news/item-9 -->\n<html><head><title>T</title></head><body><p>Body.</p></body></html>",
			func(t *testing.T, a *article.Article) {
				wantEq(t, "url", a.URL, "https://saved.example/news/item-9")
				wantEq(t, "source", a.Source, "saved.example")
			}},
		{"text with <br> only, no paragraphs", `<html><body><div class="txt">First line of the notice.<br><br>Second part, after a blank line.</div></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantContains(t, "body", a.Body, "First line of the notice.")
				wantContains(t, "body", a.Body, "Second part, after a blank line.")
			}},
		{"JSON-LD metadata", `<html><head><title>LD page</title><script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD page","datePublished":"2022-05-06T07:08:09Z","author":{"@type":"Person","name":"Lee Dee"}}
</script></head><body><article><p>` + strings.Repeat("Paragraph text for the readability scorer, with commas, and more words. ", 12) + `</p></article></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "author", a.Author, "Lee Dee")
				wantEq(t, "published", a.Published.Format(time.RFC3339), "2022-05-06T07:08:09Z")
			}},
		{"JSON-LD headline over a <title> that is the site's name", `<html lang="en"><head><title>Harbour Times</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Harbour Times"},
{"@type":["NewsArticle"],"headline":"Port strike enters  second week","keywords":"ports, strikes,,labour",
"author":[{"@type":"Person","name":"Ana Silva"},{"@type":"Person","name":"Bo Berg"},"https://harbour.example/staff/x"],
"publisher":{"@type":"Organization","name":"Harbour Times"}}]}</script>
<script type="application/ld+json">{"broken": </script></head>
<body><p>Dock workers walked out again on Monday, and the port stayed shut.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Port strike enters second week")
				wantEq(t, "author", a.Author, "Ana Silva, Bo Berg")
				wantEq(t, "source", a.Source, "Harbour Times")
				wantEq(t, "tags", strings.Join(a.Tags, "|"), "ports|strikes|labour")
			}},
		{"JSON-LD headline cut short, the <title> has it whole", `<html><head><title>Port strike enters second week as talks stall | Harbour Times</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Port strike enters second week...","inLanguage":"en-GB","author":"By Jo Lane"}</script></head>
<body><p>Dock workers walked out again on Monday, and the port stayed shut.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Port strike enters second week as talks stall")
				wantEq(t, "author", a.Author, "Jo Lane")
				wantEq(t, "lang", a.Lang, "en")
			}},
		{"JSON-LD of another type, or with the wrong types, is not the article's", `<html><head><title>Storm closes the mountain pass</title>
<script type="application/ld+json">[{"@type":"Recipe","headline":"Pancakes"},{"@type":"NewsArticle","headline":17,"author":{"name":{"given":"x"}},"keywords":{"a":1}}]</script></head>
<body><p>The pass will reopen once the snowploughs have been through.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Storm closes the mountain pass")
				wantEq(t, "author", a.Author, "")
				wantEq(t, "tags", strings.Join(a.Tags, "|"), "")
			}},
		{"windows-1252 page", "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 \x93quotes\x94</title></head><body><p>Na\xefve text.</p></body></html>",
			func(t *testing.T, a *article.Article) {
				wantEq(t, "title", a.Title, "Café “quotes”")
				wantEq(t, "body", a.Body, "Naïve text.")
			}},
		{"content-language and og:locale", `<html><head><meta property="og:locale" content="pt_BR"><title>T</title></head><body><p>Olá.</p></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantEq(t, "lang", a.Lang, "pt")
			}},
		{"wrapper with a cruft-like class keeps the story", `<html><body><div class="layout has-sidebar"><p>` +
			strings.Repeat("Story words that make up the article. ", 10) + `</p><p>Second paragraph of the story.</p></div>
<div class="share">Share this</div></body></html>`,
			func(t *testing.T, a *article.Article) {
				wantContains(t, "body", a.Body, "Second paragraph of the story.")
				if strings.Contains(a.Body, "Share this") {
					t.Errorf("share box kept: %q", a.Body)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := readPage(t, tc.page, feedTestOptions())
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if a == nil {
				t.Fatal("no article")
			}
			tc.check(t, a)
		})
	}
}

// TestReadHTMLPageErrors checks pages that yield no article.
func TestReadHTMLPageErrors(t *testing.T) {
	a, err := readPage(t, `<html><head></head><body><nav>Menu</nav></body></html>`, Options{})
	if a != nil || err == nil || !strings.Contains(err.Error(), "empty title and body") {
		t.Errorf("empty page: article %v, err %v", a, err)
	}
	big := "<html><body><p>" + strings.Repeat("x", 5000) + "</p></body></html>"
	a, err = readPage(t, big, Options{MaxBodyBytes: 1000})
	if a != nil || err == nil || !strings.Contains(err.Error(), "page is over the 4000-byte size limit") {
		t.Errorf("oversized page: article %v, err %v", a, err)
	}
}

// FuzzReadHTMLPage checks that no page, however broken, makes the reader
// panic or emit invalid text.
func FuzzReadHTMLPage(f *testing.F) {
	for _, s := range []string{
		`<html><head><title>t</title><meta property="og:title" content="x"></head><body><article><p>a<p>b</article>`,
		`<table><tr><td><p>cell<td><script>x</script></table><time datetime="2020-01-01">`,
		"<html lang=\xff><title>\x93</title><p>\x00</p>",
		`<div class="share"><div class="share"><div class="share"><p>deep</p></div></div></div>`,
		`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":[1,2],"author":[{"name":5}]}</script><p>x</p>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		IsArticlePage(data) // must not panic on any page
		_ = readHTMLPage(bytes.NewReader(data), "fuzz.html", Options{MaxBodyBytes: 1 << 16}, func(a *article.Article, err error) bool {
			if a != nil && (!utf8.ValidString(a.Title) || !utf8.ValidString(a.Body)) {
				t.Errorf("invalid UTF-8 in %+v", a)
			}
			return true
		})
	})
}

// TestIsArticlePage: a page says it is one article through Open Graph,
// article meta tags or schema.org JSON-LD; a home page says none of it.
func TestIsArticlePage(t *testing.T) {
	for page, want := range map[string]bool{
		`<html><head><meta property="og:type" content="article"></head><body></body></html>`:                                                 true,
		`<html><head><meta property="og:type" content=" Article "></head></html>`:                                                            true,
		`<html><head><meta property="article:published_time" content="2026-12-01T10:00:00Z"></head></html>`:                                  true,
		`<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"}</script></head></html>`:      true,
		`<html><head><script type="application/ld+json">{"@type": ["BlogPosting"]}</script></head></html>`:                                   true,
		`<html><head><meta property="og:type" content="website"><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>`: false,
		`<html><head><script type="application/ld+json">{"@type":"WebSite"}</script></head><body><article>x</article></body></html>`:         false,
		``: false,
	} {
		if got := IsArticlePage([]byte(page)); got != want {
			t.Errorf("IsArticlePage(%.80q) = %v, want %v", page, got, want)
		}
	}
}

func TestTrimBy(t *testing.T) {
	for in, want := range map[string]string{
		"By Jane Doe":          "Jane Doe",
		"by: Jane Doe":         "Jane Doe",
		"BY Jane":              "Jane",
		"Von Jonas Müller":     "Jonas Müller",
		"Par Marie Dupont":     "Marie Dupont",
		"Por João Silva":       "João Silva",
		"Door Jan de Vries":    "Jan de Vries",
		"Di Luigi Di Maio":     "Luigi Di Maio",
		" Jane Doe ":           "Jane Doe",
		"Von Miller":           "Von Miller", // a name, not "by Miller"
		"Di Maio":              "Di Maio",
		"Ursula von der Leyen": "Ursula von der Leyen",
		"Byron Smith":          "Byron Smith",
		"By":                   "By",
	} {
		if got := trimBy(in); got != want {
			t.Errorf("trimBy(%q) = %q, want %q", in, got, want)
		}
	}
}
