package samplegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/samplegen/sampledata"
)

// Writing the corpus out: JSON Lines, RSS, Atom, saved HTML pages, text
// reposts and the truth file, each file deterministic for the fixed seed.

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (g *gen) emitJSONL() error {
	type rec struct {
		t time.Time
		a article.Record
	}
	var recs []rec
	for _, s := range g.stories {
		if s.file != fileJSONL {
			continue
		}
		recs = append(recs, rec{s.published, article.Record{
			ID: s.key, URL: s.url, Title: s.title, Body: s.body(), Source: s.pub.name,
			Published: rfc3339(s.published), Author: s.author, Tags: s.tags, Lang: s.lang,
		}})
	}
	for _, c := range g.copies {
		if c.file != fileJSONL {
			continue
		}
		recs = append(recs, rec{c.published, article.Record{
			ID: c.id, URL: c.url, Title: c.title, Body: c.body, Source: c.agg.name,
			Published: rfc3339(c.published), Author: c.author, Tags: c.tags, Lang: c.orig.lang,
		}})
	}
	slices.SortStableFunc(recs, func(x, y rec) int {
		if n := x.t.Compare(y.t); n != 0 {
			return n
		}
		return strings.Compare(x.a.ID, y.a.ID)
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, x := range recs {
		if err := enc.Encode(x.a); err != nil {
			return err
		}
	}
	g.files[fileJSONL] = buf.Bytes()
	return nil
}

// xmlText escapes text for XML element content and attribute values.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

// htmlText escapes text for HTML element content.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// htmlAttr escapes text for a double-quoted HTML attribute.
var htmlAttr = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

func (g *gen) storiesOf(p *publisher) []*story {
	for i, q := range publishers {
		if q == p {
			return g.byPub[i]
		}
	}
	return nil
}

func pubByFormat(format string) *publisher {
	for _, p := range publishers {
		if p.format == format {
			return p
		}
	}
	panic("samplegen: no publisher for " + format)
}

// articleHTML renders a story's paragraphs as publisher HTML, sometimes with
// a lead image and a link on the first mention of the main organisation.
func (g *gen) articleHTML(s *story, linkBase string) string {
	r := g.r
	var b strings.Builder
	if r.IntN(10) < 3 {
		fmt.Fprintf(&b, "<figure><img src=\"https://%s/media/%s.jpg\" alt=\"%s\" width=\"1200\" height=\"675\"/><figcaption>%s (Photo: %s staff)</figcaption></figure>\n",
			s.pub.domain, s.slug, htmlAttr.Replace(s.title), htmlText.Replace(pick(r, captions)), s.pub.name)
	}
	org := s.vals["org"]
	linked := org == "" || r.IntN(10) < 5
	for _, p := range s.paras {
		text := htmlText.Replace(strings.Join(p, " "))
		if !linked {
			eo := htmlText.Replace(org)
			if i := strings.Index(text, eo); i >= 0 {
				text = text[:i] + "<a href=\"" + linkBase + slugify(org) + "/\">" + eo + "</a>" + text[i+len(eo):]
				linked = true
			}
		}
		b.WriteString("<p>" + text + "</p>\n")
	}
	return b.String()
}

var captions = []string{
	"A general view of the site earlier this year.",
	"People walk past the company's headquarters.",
	"Traders at work on the floor.",
	"The announcement was made at a press conference.",
	"A file photo taken last spring.",
}

func (g *gen) emitRSS() error {
	p := pubByFormat(fileRSS)
	items := slices.Clone(g.storiesOf(p))
	slices.Reverse(items) // newest first
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Harbor Ledger</title>
<link>https://harborledger.example/</link>
<atom:link href="https://harborledger.example/feed/" rel="self" type="application/rss+xml"/>
<description>Business, markets &amp; the waterfront economy of Port Calder and beyond.</description>
<language>en-US</language>
<copyright>© 2026 Harbor Ledger Publishing</copyright>
<generator>Ledgerpress 4.2</generator>
`)
	fmt.Fprintf(&b, "<lastBuildDate>%s GMT</lastBuildDate>\n", items[0].published.Add(17*time.Minute).UTC().Format("Mon, 02 Jan 2006 15:04:05"))
	for _, s := range items {
		content := g.articleHTML(s, "https://harborledger.example/topic/")
		content += "<p>The post <a href=\"" + htmlAttr.Replace(s.url) + "\">" + htmlText.Replace(s.title) + "</a> appeared first on <a href=\"https://harborledger.example\">Harbor Ledger</a>.</p>\n"
		if strings.Contains(content, "]]>") {
			return fmt.Errorf("samplegen: CDATA terminator in %s", s.url)
		}
		desc := leadExcerpt(strings.Join(s.paras[0], " "), 220) + " […]"
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n", xmlText.Replace(s.title))
		fmt.Fprintf(&b, "<link>%s</link>\n", xmlText.Replace(s.url))
		fmt.Fprintf(&b, "<guid isPermaLink=\"true\">%s</guid>\n", xmlText.Replace(s.url))
		fmt.Fprintf(&b, "<pubDate>%s</pubDate>\n", s.published.In(zoneEDT).Format(time.RFC1123))
		fmt.Fprintf(&b, "<dc:creator><![CDATA[%s]]></dc:creator>\n", s.author)
		for _, t := range s.tags {
			fmt.Fprintf(&b, "<category><![CDATA[%s]]></category>\n", t)
		}
		fmt.Fprintf(&b, "<description>%s</description>\n", xmlText.Replace(desc))
		fmt.Fprintf(&b, "<content:encoded><![CDATA[%s]]></content:encoded>\n", content)
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	g.files[fileRSS] = []byte(b.String())
	return nil
}

func (g *gen) emitAtom() error {
	p := pubByFormat(fileAtom)
	entries := slices.Clone(g.storiesOf(p))
	slices.Reverse(entries)
	atomTime := func(t time.Time) string { return t.In(zonePacific).Format(time.RFC3339) }
	feedUpdated := entries[0].updated
	for _, s := range entries {
		if s.updated.After(feedUpdated) {
			feedUpdated = s.updated
		}
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Northwind Wire</title>
  <subtitle>Independent wire reporting from the Pacific Northwest and the world</subtitle>
  <link rel="self" type="application/atom+xml" href="https://northwindwire.example/feeds/all.atom"/>
  <link rel="alternate" type="text/html" href="https://northwindwire.example/"/>
  <id>tag:northwindwire.example,2026:feed/all</id>
  <icon>https://northwindwire.example/favicon.png</icon>
  <rights>© 2026 Northwind Wire Cooperative</rights>
`)
	fmt.Fprintf(&b, "  <updated>%s</updated>\n", atomTime(feedUpdated))
	b.WriteString("  <author><name>Northwind Wire</name><uri>https://northwindwire.example/</uri></author>\n")
	for _, s := range entries {
		content := g.articleHTML(s, "https://northwindwire.example/topics/")
		b.WriteString("  <entry>\n")
		fmt.Fprintf(&b, "    <title type=\"text\">%s</title>\n", xmlText.Replace(s.title))
		fmt.Fprintf(&b, "    <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText.Replace(s.url))
		fmt.Fprintf(&b, "    <id>tag:northwindwire.example,2026:story/%d</id>\n", 41000+s.seq*37)
		fmt.Fprintf(&b, "    <published>%s</published>\n", atomTime(s.published))
		fmt.Fprintf(&b, "    <updated>%s</updated>\n", atomTime(s.updated))
		fmt.Fprintf(&b, "    <author><name>%s</name></author>\n", xmlText.Replace(s.author))
		for _, t := range s.tags {
			fmt.Fprintf(&b, "    <category term=\"%s\" label=\"%s\"/>\n", t, capFirst(t))
		}
		fmt.Fprintf(&b, "    <summary type=\"text\">%s</summary>\n", xmlText.Replace(leadExcerpt(strings.Join(s.paras[0], " "), 240)+"…"))
		fmt.Fprintf(&b, "    <content type=\"html\">%s</content>\n", xmlText.Replace(content))
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	g.files[fileAtom] = []byte(b.String())
	return nil
}

// pageInfo is what a saved HTML page shows.
type pageInfo struct {
	site, domain, url, canonical, title, author, section string
	tags                                                 []string
	published, modified                                  time.Time
	paras                                                [][]string
	related                                              []*story
	syndicatedFrom                                       *story
}

func (g *gen) emitPages() error {
	for _, s := range g.stories {
		if s.pub.format != dirPages {
			continue
		}
		info := pageInfo{
			site: s.pub.name, domain: s.pub.domain, url: s.url, canonical: s.url, title: s.title, author: s.author,
			section: capFirst(s.tags[0]), tags: s.tags, published: s.published,
			modified: s.published.Add(time.Duration(g.r.IntN(180)) * time.Minute), paras: s.paras,
			related: g.relatedTo(s),
		}
		g.files[s.file] = []byte(g.renderPage(info))
	}
	for _, c := range g.copies {
		if !strings.HasPrefix(c.file, dirPages+"/") {
			continue
		}
		info := pageInfo{
			site: c.agg.name, domain: c.agg.domain, url: c.url, canonical: c.orig.url, title: c.title, author: c.author,
			section: capFirst(c.tags[0]), tags: c.tags, published: c.published, modified: c.published, paras: c.paras,
			related: g.relatedTo(c.orig), syndicatedFrom: c.orig,
		}
		g.files[c.file] = []byte(g.renderPage(info))
	}
	return nil
}

// relatedTo picks three earlier English stories, preferring the same tag.
func (g *gen) relatedTo(s *story) []*story {
	var same, other []*story
	for _, t := range g.stories {
		if t == s || t.lang != "en" || !t.published.Before(s.published) {
			continue
		}
		if t.tags[0] == s.tags[0] {
			same = append(same, t)
		} else {
			other = append(other, t)
		}
	}
	var out []*story
	for len(out) < 3 {
		from := other
		if len(same) > 0 && g.r.IntN(3) > 0 {
			from = same
		}
		t := pick(g.r, from)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (g *gen) renderPage(p pageInfo) string {
	at := func(t time.Time) string { return t.In(zoneLakeshore).Format(time.RFC3339) }
	human := p.published.In(zoneLakeshore).Format("January 2, 2006 at 3:04 PM")
	human = strings.Replace(strings.Replace(human, "PM", "p.m.", 1), "AM", "a.m.", 1) + " CDT"
	desc := leadExcerpt(strings.Join(p.paras[0], " "), 180) + "…"
	home := "https://" + p.domain + "/"
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	w("<title>%s | %s</title>\n", htmlText.Replace(p.title), htmlText.Replace(p.site))
	w("<meta name=\"description\" content=\"%s\">\n", htmlAttr.Replace(desc))
	w("<meta name=\"author\" content=\"%s\">\n", htmlAttr.Replace(p.author))
	w("<link rel=\"canonical\" href=\"%s\">\n", htmlAttr.Replace(p.canonical))
	w("<meta property=\"og:type\" content=\"article\">\n")
	w("<meta property=\"og:site_name\" content=\"%s\">\n", htmlAttr.Replace(p.site))
	w("<meta property=\"og:title\" content=\"%s\">\n", htmlAttr.Replace(p.title))
	w("<meta property=\"og:description\" content=\"%s\">\n", htmlAttr.Replace(desc))
	w("<meta property=\"og:url\" content=\"%s\">\n", htmlAttr.Replace(p.url))
	w("<meta property=\"og:image\" content=\"%smedia/%s.jpg\">\n", home, slugify(p.title))
	w("<meta property=\"article:published_time\" content=\"%s\">\n", at(p.published))
	w("<meta property=\"article:modified_time\" content=\"%s\">\n", at(p.modified))
	if p.author != "" {
		w("<meta property=\"article:author\" content=\"%s\">\n", htmlAttr.Replace(p.author))
	}
	w("<meta property=\"article:section\" content=\"%s\">\n", htmlAttr.Replace(p.section))
	for _, t := range p.tags {
		w("<meta property=\"article:tag\" content=\"%s\">\n", htmlAttr.Replace(t))
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": p.title,
		"datePublished": at(p.published), "dateModified": at(p.modified), "mainEntityOfPage": p.canonical,
		"publisher": map[string]string{"@type": "Organization", "name": p.site},
	}
	if p.author != "" {
		ld["author"] = map[string]string{"@type": "Person", "name": p.author}
	}
	ldJSON, err := json.Marshal(ld)
	if err != nil {
		panic(err)
	}
	w("<script type=\"application/ld+json\">%s</script>\n", ldJSON)
	w("<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n")
	w("<header class=\"site-header\">\n  <a class=\"logo\" href=\"%s\">%s</a>\n  <nav class=\"main-nav\">\n    <ul>\n", home, htmlText.Replace(p.site))
	for _, sec := range []string{"News", "Business", "Climate", "Health", "Politics", "Sports", "Opinion"} {
		w("      <li><a href=\"/%s/\">%s</a></li>\n", strings.ToLower(sec), sec)
	}
	w("    </ul>\n  </nav>\n  <a class=\"subscribe\" href=\"/subscribe\">Subscribe</a>\n  <a class=\"signin\" href=\"/account/login\">Sign in</a>\n</header>\n")
	w("<div class=\"cookie-banner\" role=\"dialog\">We use cookies to improve your experience and to show you relevant offers. <button type=\"button\">Accept all</button> <a href=\"/privacy\">Manage settings</a></div>\n")
	w("<main id=\"content\">\n<article class=\"story\">\n")
	w("<p class=\"kicker\"><a href=\"/section/%s/\">%s</a></p>\n", strings.ToLower(p.section), htmlText.Replace(p.section))
	w("<h1 class=\"headline\">%s</h1>\n", htmlText.Replace(p.title))
	if p.author != "" {
		w("<p class=\"byline\">By <a rel=\"author\" href=\"/staff/%s\">%s</a> · <time datetime=\"%s\">%s</time></p>\n",
			slugify(p.author), htmlText.Replace(p.author), at(p.published), human)
	} else {
		w("<p class=\"byline\"><time datetime=\"%s\">%s</time></p>\n", at(p.published), human)
	}
	share := func() {
		enc := strings.NewReplacer(":", "%3A", "/", "%2F").Replace(p.url)
		w("<div class=\"share-bar\" aria-label=\"Share this story\">\n  <span>Share</span>\n")
		w("  <a class=\"share-x\" href=\"https://x.example/intent/post?url=%s\">Share on X</a>\n", enc)
		w("  <a class=\"share-fb\" href=\"https://facebook.example/sharer?u=%s\">Facebook</a>\n", enc)
		w("  <a class=\"share-mail\" href=\"mailto:?subject=%s\">Email</a>\n", htmlAttr.Replace(strings.ReplaceAll(p.title, " ", "%20")))
		w("  <button type=\"button\" class=\"copy-link\">Copy link</button>\n</div>\n")
	}
	share()
	w("<figure class=\"lead-image\"><img src=\"%smedia/%s.jpg\" alt=\"\" width=\"1600\" height=\"900\"><figcaption>%s Photo: %s</figcaption></figure>\n",
		home, slugify(p.title), htmlText.Replace(pick(g.r, captions)), htmlText.Replace(p.site))
	w("<div class=\"article-body\">\n")
	for i, para := range p.paras {
		w("<p>%s</p>\n", htmlText.Replace(strings.Join(para, " ")))
		if i == 1 && len(p.paras) > 3 {
			w("<aside class=\"inline-promo\"><p>Get the morning briefing: the day's top stories in your inbox. <a href=\"/newsletters\">Sign up</a></p></aside>\n")
		}
	}
	w("</div>\n")
	w("<div class=\"tags\">Topics: ")
	for i, t := range p.tags {
		if i > 0 {
			w(", ")
		}
		w("<a href=\"/tag/%s/\">%s</a>", t, t)
	}
	w("</div>\n")
	if p.syndicatedFrom != nil {
		o := p.syndicatedFrom
		w("<aside class=\"syndication-note\">This story was originally published by <a href=\"%s\">%s</a> and is republished here under a content-sharing agreement.</aside>\n",
			htmlAttr.Replace(o.url), htmlText.Replace(o.pub.name))
	}
	share()
	w("</article>\n")
	w("<aside class=\"related\">\n<h2>Related stories</h2>\n<ul>\n")
	for _, r := range p.related {
		w("  <li><a href=\"%s\">%s</a> <span class=\"source\">%s</span></li>\n", htmlAttr.Replace(r.url), htmlText.Replace(r.title), htmlText.Replace(r.pub.name))
	}
	w("</ul>\n</aside>\n")
	w("<section class=\"comments\"><h2>Comments</h2><p>Comments are closed for this story.</p></section>\n")
	w("</main>\n")
	w("<footer class=\"site-footer\">\n  <p>© 2026 %s. All rights reserved.</p>\n", htmlText.Replace(p.site))
	w("  <ul><li><a href=\"/about\">About us</a></li><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li><li><a href=\"/contact\">Contact</a></li></ul>\n</footer>\n")
	w("<script src=\"/static/site.js\" defer></script>\n</body>\n</html>\n")
	return b.String()
}

func (g *gen) emitReposts() error {
	for _, c := range g.repostList() {
		g.files[c.file] = []byte(c.page)
	}
	return nil
}

type truthRow struct {
	key, sid, kind, file string
	order                int
	t                    time.Time
}

func (g *gen) truthRows() []truthRow {
	var rows []truthRow
	for _, s := range g.stories {
		rows = append(rows, truthRow{s.key, s.sid, kindOriginal, s.file, 0, s.published})
	}
	for _, c := range g.copies {
		key := c.id
		if c.file != fileJSONL {
			key = c.url
		}
		rows = append(rows, truthRow{key, c.orig.sid, c.kind, c.file, 1, c.published})
	}
	slices.SortStableFunc(rows, func(a, b truthRow) int {
		if n := strings.Compare(a.sid, b.sid); n != 0 {
			return n
		}
		if a.order != b.order {
			return a.order - b.order
		}
		return a.t.Compare(b.t)
	})
	return rows
}

func (g *gen) emitTruth() error {
	var b strings.Builder
	b.WriteString("key\tstory\tkind\tfile\n")
	for _, r := range g.truthRows() {
		b.WriteString(r.key + "\t" + r.sid + "\t" + r.kind + "\t" + r.file + "\n")
	}
	g.files[fileTruth] = []byte(b.String())
	return nil
}

func (g *gen) emitReadme() error {
	count := func(pred func(file string) bool) (n int) {
		for _, r := range g.truthRows() {
			if pred(r.file) {
				n++
			}
		}
		return n
	}
	kinds := map[string]int{}
	langs := map[string]int{}
	for _, c := range g.copies {
		kinds[c.kind]++
	}
	for _, s := range g.stories {
		langs[s.lang]++
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# syndex sample corpus\n\n")
	w("Generated by `indexer/samplegen` with a fixed seed; **do not edit by hand**. Regenerate from the module root with\n\n")
	w("    go run ./cmd/gensample            # writes testdata/sample\n    go run ./cmd/gensample -o DIR     # anywhere else\n\n")
	w("`go test ./indexer/samplegen/` fails when this folder differs from a fresh generation.\n\n")
	w("Everything here is invented: publishers, aggregators, people, companies and events are made up, and the text is\n")
	w("assembled from templates and word lists. Domains use the reserved `.example` TLD. Real place names, market indices,\n")
	w("cryptocurrencies and public institutions appear only as background vocabulary.\n\n")
	w("## Contents\n\n")
	w("%d original stories (%d en, %d de, %d fr) from %d publishers, %s .. %s, plus %d syndicated copies on %d aggregators\n",
		len(g.stories), langs["en"], langs["de"], langs["fr"], len(publishers),
		windowStart.Format("2006-01-02"), windowStart.AddDate(0, 0, windowDays-1).Format("2006-01-02"), len(g.copies), len(aggregators))
	w("(%d exact, %d with aggregator cruft, %d truncated, %d with one sentence edited). Every article is in exactly one file.\n\n",
		kinds[kindExact], kinds[kindCruft], kinds[kindTruncated], kinds[kindEdited])
	w("| file | articles | what |\n|---|---|---|\n")
	w("| `%s` | %d | JSON Lines in syndex's Article form (id, url, title, body, source, published, author, tags, lang): the originals of %s, and the aggregator copies not listed below |\n",
		fileJSONL, count(func(f string) bool { return f == fileJSONL }), jsonlPublishers())
	w("| `%s` | %d | RSS 2.0 feed of Harbor Ledger: `content:encoded` HTML in CDATA, plain-text `description` excerpt, `dc:creator`, `category`, `pubDate` in RFC 1123 with a named zone (EDT) |\n",
		fileRSS, count(func(f string) bool { return f == fileRSS }))
	w("| `%s` | %d | Atom feed of Northwind Wire: entity-escaped HTML `content`, `summary`, `category`, `author`, RFC 3339 `published`/`updated` at -07:00; bodies start with a dateline |\n",
		fileAtom, count(func(f string) bool { return f == fileAtom }))
	w("| `%s/*.html` | %d | saved article pages (Lakeshore Observer, and one NewsPulse Hub copy whose `rel=canonical` points at the original) with og:/article: meta, JSON-LD, nav, share, related and footer blocks |\n",
		dirPages, count(func(f string) bool { return strings.HasPrefix(f, dirPages+"/") }))
	w("| `%s/*.txt` | %d | aggregator reposts as a browser shows them: \"The post ... appeared on ...\" lead line, repeated title, `Source: <original url>`, price ticker, disclaimer, \"You May Also Like\" teasers with Share lines |\n",
		dirReposts, count(func(f string) bool { return strings.HasPrefix(f, dirReposts+"/") }))
	w("| `%s` | - | ground truth for near-duplicate tests (not an article file; syndex skips it) |\n\n", fileTruth)
	w("Tags come from one vocabulary of %d: %s.\n\n", len(sampledata.AllTags), strings.Join(sampledata.AllTags, ", "))
	w("## truth.tsv\n\nTab-separated, one header line, then one line per article, grouped by story:\n\n")
	w("- `key`: the article's `id` in %s; otherwise its URL (RSS `link`, Atom `link`, the page's `og:url`). ", fileJSONL)
	w("A repost .txt carries no URL of its own; its key is the URL it was saved from and `file` identifies it (one article per file).\n")
	w("- `story`: story id; an original and all its copies share it.\n")
	w("- `kind`: `original`, `exact` (same title and body), `cruft` (the story wrapped in aggregator cruft), `truncated` (first half of the paragraphs, then an ellipsis), `edited` (one sentence changed).\n")
	w("- `file`: path relative to this folder.\n\n")
	w("Copies are published 1 to 30 hours after their original, under their own ids and URLs.\n")
	w("Cruft copies in %s keep the page text below the headline as their body, as a scraper would store it.\n", fileJSONL)
	w("\nPublisher boilerplate is part of the originals, as in real feeds: Harbor Ledger's `content:encoded` ends with a\n")
	w("WordPress-style \"The post ... appeared first on Harbor Ledger.\" line and some items open with a captioned `<figure>`;\n")
	w("Northwind Wire bodies open with a dateline; some Blockfront bodies end with a \"Disclosure:\" paragraph.\n")
	g.files[fileReadme] = []byte(b.String())
	return nil
}

func jsonlPublishers() string {
	var names []string
	for _, p := range publishers {
		if p.format == fileJSONL {
			names = append(names, p.name)
		}
	}
	return strings.Join(names, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
