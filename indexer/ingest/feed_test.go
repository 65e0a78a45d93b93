package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
)

// feedTestNow pins the ingestion time, so a reader that invents "now" for a
// missing date is caught.
var feedTestNow = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

func feedTestOptions() Options {
	return Options{Now: func() time.Time { return feedTestNow }}
}

// readFeedString runs readFeed on an in-memory feed and returns the
// articles, the per-item errors and the file-level error.
func readFeedString(t *testing.T, feed string) ([]*article.Article, []*article.ItemError, error) {
	t.Helper()
	var arts []*article.Article
	var itemErrs []*article.ItemError
	err := readFeed(strings.NewReader(feed), "test.xml", feedTestOptions(), func(a *article.Article, err error) bool {
		if err != nil {
			var ie *article.ItemError
			if !errors.As(err, &ie) {
				t.Fatalf("emitted error is %T, want *article.ItemError: %v", err, err)
			}
			itemErrs = append(itemErrs, ie)
			return true
		}
		arts = append(arts, a)
		return true
	})
	return arts, itemErrs, err
}

// manifestRow is one line of the feed corpus MANIFEST.tsv.
type manifestRow struct {
	file       string
	format     string
	encoding   string
	items      int
	categories int
}

func readFeedManifest(t *testing.T, dir string) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(sc.Text(), "\t")
		if line == 0 || len(cols) < 5 {
			continue
		}
		items, err1 := strconv.Atoi(cols[3])
		cats, err2 := strconv.Atoi(cols[4])
		if err1 != nil || err2 != nil {
			t.Fatalf("MANIFEST.tsv line %d: bad counts %q %q", line+1, cols[3], cols[4])
		}
		rows = append(rows, manifestRow{cols[0], cols[1], cols[2], items, cats})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// unreadableFeeds lists corpus files that even a lenient reader cannot read,
// and why. Each must yield exactly one error naming the file.
var unreadableFeeds = map[string]string{
	// The capture stops inside <channel>, right after an HTML comment the
	// server printed instead of items ("Exception rendering module"): the
	// document is truncated and there is no complete item to recover. Its
	// MANIFEST item count is 0.
	"feed-rs/rss_2.0_invalid_1.xml": "truncated",
}

// channelOnlyCategories lists corpus files whose categories are all on the
// channel, not on items, so no article gets a tag.
var channelOnlyCategories = map[string]bool{
	"rsparser/phpxml.rss": true, // one <category>sport</category> on the channel
}

// TestReadFeedCorpus reads every real-world feed of the shared corpus and
// checks the item counts of MANIFEST.tsv, plausible tags, and invariants
// every article must satisfy.
// keptTitles are titles of the feed corpus that look like markup and are
// text: tags named, none closed.
var keptTitles = map[string]string{"rsparser/3960.json": "Die Rückkehr von <i> und <b>"}

func TestReadFeedCorpus(t *testing.T) {
	dir := sharedDir(t, "corpora", "feeds")
	rows := readFeedManifest(t, dir)
	if len(rows) != 76 {
		t.Errorf("MANIFEST.tsv lists %d files, want 76", len(rows))
	}
	for _, row := range rows {
		t.Run(row.file, func(t *testing.T) {
			path := filepath.Join(dir, row.file)
			var arts []*article.Article
			var errs []error
			for a, err := range ReadFile(context.Background(), path, feedTestOptions()) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				arts = append(arts, a)
			}
			if len(arts) != row.items {
				t.Errorf("read %d articles, MANIFEST says %d items", len(arts), row.items)
			}
			if reason, ok := unreadableFeeds[row.file]; ok {
				if len(errs) != 1 {
					t.Fatalf("got %d errors, want exactly 1: %v", len(errs), errs)
				}
				msg := errs[0].Error()
				if !strings.Contains(msg, path) || !strings.Contains(msg, reason) {
					t.Errorf("error %q should name %s and say %q", msg, path, reason)
				}
			} else if len(errs) > 0 {
				t.Errorf("unexpected errors: %v", errs)
			}

			tags, tagged := 0, 0
			ids := map[string]string{}
			for i, a := range arts {
				checkFeedArticle(t, i+1, a)
				tags += len(a.Tags)
				if len(a.Tags) > 0 {
					tagged++
				}
				if prev, dup := ids[a.ID]; dup {
					t.Errorf("item %d: ID %s already used by %q", i+1, a.ID, prev)
				}
				ids[a.ID] = a.Title + " " + a.URL
			}
			if want, ok := keptTitles[row.file]; ok && !slices.ContainsFunc(arts, func(a *article.Article) bool { return a.Title == want }) {
				t.Errorf("no article titled %q: a plain-text title naming tags must keep them", want)
			}
			switch {
			case row.categories == 0 && tags > 0:
				t.Errorf("%d tags, but the file has no category elements", tags)
			case tags > row.categories:
				t.Errorf("%d tags, more than the %d category elements in the file", tags, row.categories)
			case row.categories > 0 && !channelOnlyCategories[row.file] && tagged == 0:
				t.Errorf("no article has tags, but the file has %d category elements", row.categories)
			case channelOnlyCategories[row.file] && tags > 0:
				t.Errorf("%d tags from a file with channel-level categories only", tags)
			}
		})
	}
}

// checkFeedArticle checks what must hold for every article read from a feed.
func checkFeedArticle(t *testing.T, item int, a *article.Article) {
	t.Helper()
	for field, s := range map[string]string{"title": a.Title, "body": a.Body, "summary": a.Summary,
		"author": a.Author, "source": a.Source, "url": a.URL, "lang": a.Lang} {
		if !utf8.ValidString(s) {
			t.Errorf("item %d: %s is not valid UTF-8: %q", item, field, s)
		}
	}
	if a.ID == "" {
		t.Errorf("item %d: empty ID", item)
	}
	if a.Title == "" && a.Body == "" {
		t.Errorf("item %d: empty title and body were not rejected", item)
	}
	if !a.Published.IsZero() && (a.Published.Equal(feedTestNow) || a.Published.Year() < 1990) {
		t.Errorf("item %d: implausible date %v", item, a.Published)
	}
	if !a.Ingested.Equal(feedTestNow) {
		t.Errorf("item %d: Ingested = %v, want the pinned now", item, a.Ingested)
	}
	if a.Source == "" {
		t.Errorf("item %d: no source", item)
	}
	if strings.Contains(a.Title, "<span") || strings.Contains(a.Title, "<em>") || strings.Contains(a.Title, "<br") {
		t.Errorf("item %d: title still holds HTML: %q", item, a.Title)
	}
	if strings.Contains(a.Body, "<p>") || strings.Contains(a.Body, "<br") || strings.Contains(a.Body, "&amp;") {
		t.Errorf("item %d: body still holds HTML: %.200q", item, a.Body)
	}
	for _, tag := range a.Tags {
		if tag == "" {
			t.Errorf("item %d: empty tag", item)
		}
	}
}

// TestReadFeedCorpusDetails checks extracted fields of chosen corpus items:
// decoded charsets, content:encoded over description, dc:creator, rss.js,
// relative links, undefined entities and leading whitespace before <?xml.
func TestReadFeedCorpusDetails(t *testing.T) {
	dir := sharedDir(t, "corpora", "feeds")
	tests := []struct {
		file  string
		item  int // 1-based
		check func(t *testing.T, all []*article.Article, a *article.Article)
	}{
		{"rsparser/kc0011.rss", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// GB2312, declared in the prolog.
			wantEq(t, "title", a.Title, "建国35周年纪念，华表，和平鸽")
			wantEq(t, "author", a.Author, "大鱼儿")
			wantEq(t, "lang", a.Lang, "zh")
			wantContains(t, "source", a.Source, "投资资讯网交易在线")
			wantContains(t, "body", a.Body, "包真包老")
			noReplacementChar(t, all)
		}},
		{"rss-parser/encoding.rss", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// ISO-8859-1, declared in the prolog.
			wantEq(t, "title", a.Title, "Mãe de utente é a nova presidente da Raríssimas")
			wantEq(t, "source", a.Source, "Jornal de Notícias - Últimas Notícias")
			wantContains(t, "body", a.Body, "Sónia Laygue")
			wantEq(t, "lang", a.Lang, "pt")
			wantEq(t, "tags", strings.Join(a.Tags, ","), "nacional")
			noReplacementChar(t, all)
		}},
		{"feed-rs/rss_0.91_encoding_2.xml", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			wantEq(t, "source", a.Source, "Tribunal de Justiça do Estado do Rio Grande do Sul")
			wantContains(t, "title", a.Title, "Comitê completa 150 dias de atuação")
		}},
		{"feedjira/TechCrunch.xml", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// content:encoded wins over description, which is kept as summary.
			wantContains(t, "body", a.Body, "As of September 30, 2011")
			wantContains(t, "summary", a.Summary, "Angie’s List launched in 1995")
			if strings.Contains(a.Summary, "As of September 30, 2011") {
				t.Errorf("summary should be the description, got %.200q", a.Summary)
			}
			wantEq(t, "author (dc:creator)", a.Author, "Leena Rao")
			wantEq(t, "source", a.Source, "TechCrunch")
			wantEq(t, "source domain", a.SourceDomain, "techcrunch.com")
			wantEq(t, "published", a.Published.Format(time.RFC3339), "2011-11-02T17:25:27Z")
			wantEq(t, "tags", strings.Join(a.Tags, "|"), `tc|angie\'s list`)
		}},
		{"rss-parser/content-encoded.rss", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			wantEq(t, "title", a.Title, "THE CREATIVE FORAGER")
			wantContains(t, "body", a.Body, "Using Wild Ingredients in the Kitchen")
			wantEq(t, "author (dc:creator)", a.Author, "Jeremy Puma")
			wantEq(t, "tags", strings.Join(a.Tags, ","), "plants,environment,nature,foraging,food")
		}},
		{"feed-rs/rss_2.0_dbengines.xml", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// &nbsp; is undefined in XML; the item is read anyway.
			wantContains(t, "body", a.Body, "in our DB-Engines Ranking within the last year")
			wantEq(t, "author (dc:creator)", a.Author, "Matthias Gelbmann, Paul Andlinger")
			wantEq(t, "published (dc:date)", a.Published.Format(time.RFC3339), "2023-01-03T15:00:00Z")
			if a.ID != article.DeriveID(&article.Article{URL: "https://db-engines.com/en/blog_post/103"}, "") {
				t.Errorf("a URL guid must leave the ID to be derived from the URL, got %s", a.ID)
			}
		}},
		{"rsparser/ScriptingNews.json", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// Dave Winer's rss.js "RSS-in-JSON".
			wantEq(t, "body", a.Body, "Good morning students and teachers! 🍏")
			wantEq(t, "url", a.URL, "http://scripting.com/2017/06/26.html#a080605")
			wantEq(t, "source", a.Source, "Scripting News")
			wantEq(t, "lang", a.Lang, "en")
			wantEq(t, "published", a.Published.Format(time.RFC3339), "2017-06-26T12:20:05Z")
			if all[1].ID == a.ID {
				t.Errorf("posts on one day page (#fragment links) share ID %s", a.ID)
			}
		}},
		{"feedjira/SamRuby.xml", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// Whitespace before <?xml; relative entry links.
			wantEq(t, "title", a.Title, "Plex")
			wantEq(t, "url", a.URL, "http://intertwingly.net/blog/2013/01/30/Plex")
			wantEq(t, "source domain", a.SourceDomain, "intertwingly.net")
			wantEq(t, "author (feed author)", a.Author, "Sam Ruby")
		}},
		{"rsparser/cloudblog.rss", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// <author> holding <name>…</name><title>…</title>.
			wantEq(t, "author", a.Author, "Diane Chaleff")
		}},
		{"rsparser/3960.json", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// JSON Feed 1.1.
			wantEq(t, "title", a.Title, "Lecker, lecker")
			wantEq(t, "author", a.Author, "Frank Boës")
			wantEq(t, "lang", a.Lang, "de")
			wantEq(t, "tags", strings.Join(a.Tags, ","), "lustiges")
			wantEq(t, "published", a.Published.Format(time.RFC3339), "2020-02-21T17:08:06Z")
			wantContains(t, "body", a.Body, "dafür schmeckt's aber auch nicht")
		}},
		{"rss-parser/guardian.rss", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			wantEq(t, "lang", a.Lang, "en")
			wantEq(t, "source", a.Source, "The Guardian")
			wantContains(t, "tags", strings.Join(a.Tags, "|"), "us politics")
		}},
		{"feed-rs/atom_example_7.xml", 1, func(t *testing.T, all []*article.Article, a *article.Article) {
			// An entry without a link: the opaque Atom id gives the ID.
			wantEq(t, "url", a.URL, "")
			if a.ID == article.DeriveID(&article.Article{Source: a.Source, Title: a.Title, Published: a.Published}, "") {
				t.Errorf("ID should come from the entry id, not title and date")
			}
			wantEq(t, "source domain", a.SourceDomain, "planet.gnome.org")
		}},
		{"rsparser/kc0011.rss", 2, func(t *testing.T, all []*article.Article, a *article.Article) {
			wantEq(t, "title", a.Title, "出南京泰山5盒，原盒看图")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file+"#"+strconv.Itoa(tc.item), func(t *testing.T) {
			var arts []*article.Article
			for a, err := range ReadFile(context.Background(), filepath.Join(dir, tc.file), feedTestOptions()) {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				arts = append(arts, a)
			}
			if len(arts) < tc.item {
				t.Fatalf("read %d articles, want at least %d", len(arts), tc.item)
			}
			tc.check(t, arts, arts[tc.item-1])
		})
	}
}

func wantEq(t *testing.T, field, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", field, got, want)
	}
}

func wantContains(t *testing.T, field, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("%s = %.300q, want it to contain %q", field, got, want)
	}
}

func noReplacementChar(t *testing.T, arts []*article.Article) {
	t.Helper()
	for i, a := range arts {
		for _, s := range []string{a.Title, a.Body, a.Summary, a.Author, a.Source} {
			if strings.ContainsRune(s, utf8.RuneError) {
				t.Errorf("item %d: U+FFFD in %.100q: charset decoded wrongly", i+1, s)
			}
		}
	}
}

const rssHead = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://www.harbour-gazette.example/</link><language>en_GB</language>
`

const rssTail = "</channel></rss>\n"

// TestReadFeedInline covers feed shapes the corpus lacks, one feature each.
func TestReadFeedInline(t *testing.T) {
	tests := []struct {
		name  string
		feed  string
		check func(t *testing.T, arts []*article.Article)
	}{
		{"content:encoded over description, dc:creator, feed metadata", rssHead + `<item>
<title>Ferry timetable changes</title><link>https://www.harbour-gazette.example/news/ferry?utm_source=rss</link>
<guid isPermaLink="false">ferry-2024-117</guid>
<description>Short teaser for the timetable.</description>
<content:encoded><![CDATA[<p>The winter timetable starts on Monday.</p><p>Night crossings are cut to two.</p>]]></content:encoded>
<dc:creator>Mara Lindqvist</dc:creator><category>Transport</category><category>transport</category><category>Winter</category>
<pubDate>Tue, 05 Nov 2024 08:30:00 +0100</pubDate></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				a := arts[0]
				wantEq(t, "body", a.Body, "The winter timetable starts on Monday.\n\nNight crossings are cut to two.")
				wantEq(t, "summary", a.Summary, "Short teaser for the timetable.")
				wantEq(t, "author", a.Author, "Mara Lindqvist")
				wantEq(t, "source", a.Source, "Harbour Gazette")
				wantEq(t, "source domain", a.SourceDomain, "harbour-gazette.example")
				wantEq(t, "lang", a.Lang, "en")
				wantEq(t, "tags", strings.Join(a.Tags, ","), "transport,winter")
				wantEq(t, "published", a.Published.Format(time.RFC3339), "2024-11-05T07:30:00Z")
				// A link is present, so the ID comes from it, not the guid.
				wantEq(t, "id", a.ID, article.DeriveID(&article.Article{URL: "https://www.harbour-gazette.example/news/ferry"}, ""))
			}},
		{"entity-escaped and CDATA HTML descriptions", rssHead + `<item><title>Escaped</title>
<description>&lt;p&gt;Fish &amp;amp; chips &lt;b&gt;prices&lt;/b&gt; rise.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
<item><title>CDATA</title><description><![CDATA[<p>Fish &amp; chips <b>prices</b> rise.</p><p>Second.</p>]]></description></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				for _, a := range arts {
					wantEq(t, a.Title+" body", a.Body, "Fish & chips prices rise.\n\nSecond.")
				}
			}},
		{"title with entities escaped twice", rssHead + `<item><title>Tom &amp;amp; Jerry &amp;#8217;s day</title><description>x</description></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Tom & Jerry ’s day")
			}},
		{"unknown date stays zero, odd date via ParseDate", rssHead + `<item><title>A</title><pubDate>sometime last week</pubDate></item>
<item><title>B</title><pubDate>2020/01/10 14:33:00</pubDate></item><item><title>C</title></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				if !arts[0].Published.IsZero() || !arts[2].Published.IsZero() {
					t.Errorf("unknown dates must stay zero: %v, %v", arts[0].Published, arts[2].Published)
				}
				wantEq(t, "published", arts[1].Published.Format(time.RFC3339), "2020-01-10T14:33:00Z")
			}},
		{"opaque guid without link gives a feed-scoped ID", rssHead + `<item><title>No link</title><guid>42</guid></item>
<item><title>URL guid</title><guid>https://www.harbour-gazette.example/p/43</guid></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				if arts[0].ID == "" || arts[0].ID == "42" {
					t.Errorf("opaque guid must be hashed with the feed identity, got %q", arts[0].ID)
				}
				wantEq(t, "url from permalink guid", arts[1].URL, "https://www.harbour-gazette.example/p/43")
				wantEq(t, "id", arts[1].ID, article.DeriveID(&article.Article{URL: "https://www.harbour-gazette.example/p/43"}, ""))
			}},
		{"invalid UTF-8 bytes are repaired", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Caf\xe9 news</title>" +
			"<item><title>Caf\xe9 cr\xe8me</title><description>A na\xefve \xff review.</description></item></channel></rss>",
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Café crème")
				wantEq(t, "body", arts[0].Body, "A naïve ÿ review.")
				wantEq(t, "source", arts[0].Source, "Café news")
			}},
		{"leading whitespace and BOM before the prolog", "\xef\xbb\xbf \r\n\t <?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
			`<rss version="2.0"><channel><title>T</title><item><title>Parsed</title></item></channel></rss>`,
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Parsed")
			}},
		{"mislabelled UTF-8 declared ISO-8859-1", `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title>` +
			`<item><title>Zürich café</title></item></channel></rss>`,
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Zürich café")
			}},
		{"windows-1251 declared", "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>T</title>" +
			"<item><title>\xcc\xee\xf1\xea\xe2\xe0</title></item></channel></rss>",
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Москва")
			}},
		{"unknown encoding label read as UTF-8", `<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"><channel><title>T</title>` +
			`<item><title>Still read</title></item></channel></rss>`,
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Still read")
			}},
		{"UTF-16 with BOM", utf16LE("\ufeff<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Wide é</title></item></channel></rss>"),
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Wide é")
			}},
		{"stray < in text", rssHead + `<item><title>Rates < 2% for now</title><description>x</description></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				wantEq(t, "title", arts[0].Title, "Rates < 2% for now")
			}},
		{"undefined entity", rssHead + `<item><title>A&nbsp;B &copy; C &bogus; D</title></item>` + rssTail,
			func(t *testing.T, arts []*article.Article) {
				wantContains(t, "title", arts[0].Title, "A B © C")
			}},
		{"Atom text content keeps literal markup, relative links resolved", `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>Atom site</title><link rel="self" href="https://atom.example/feed.xml"/><author><name>Feed Author</name></author>
<entry><title>Entry</title><link href="/posts/1"/><id>tag:atom.example,2024:1</id><updated>2024-03-01T10:00:00Z</updated>
<content type="text">Use the &lt;b&gt; tag sparingly.</content></entry></feed>`,
			func(t *testing.T, arts []*article.Article) {
				a := arts[0]
				wantEq(t, "body", a.Body, "Use the <b> tag sparingly.")
				wantEq(t, "url", a.URL, "https://atom.example/posts/1")
				wantEq(t, "author", a.Author, "Feed Author")
				wantEq(t, "lang", a.Lang, "de")
				wantEq(t, "published (updated)", a.Published.Format(time.RFC3339), "2024-03-01T10:00:00Z")
			}},
		{"JSON Feed content_text keeps paragraphs", `{"version":"https://jsonfeed.org/version/1.1","title":"JF","home_page_url":"https://jf.example/",
"items":[{"id":"1","url":"https://jf.example/1","title":"Plain","content_text":"Line one <not a tag>.\n\nLine two.","summary":"Sum & more","tags":["x","y"],
"date_published":"2024-02-03T04:05:06+02:00","authors":[{"name":"Ann Example"}]}]}`,
			func(t *testing.T, arts []*article.Article) {
				a := arts[0]
				wantEq(t, "body", a.Body, "Line one <not a tag>.\n\nLine two.")
				wantEq(t, "summary", a.Summary, "Sum & more")
				wantEq(t, "author", a.Author, "Ann Example")
				wantEq(t, "tags", strings.Join(a.Tags, ","), "x,y")
				wantEq(t, "published", a.Published.Format(time.RFC3339), "2024-02-03T02:05:06Z")
			}},
		{"rss.js RSS-in-JSON", `{"rss":{"version":"2.0","channel":{"title":"RJ","link":"https://rj.example/","language":"en",
"item":{"title":"Only item","link":"https://rj.example/1","description":"<p>Hello</p>","pubDate":"Mon, 26 Jun 2017 12:20:05 GMT",
"guid":{"isPermaLink":"true","#value":"https://rj.example/1"},"category":["a",{"domain":"d","#value":"b"}],"dc:creator":"Dee"}}}}`,
			func(t *testing.T, arts []*article.Article) {
				a := arts[0]
				wantEq(t, "title", a.Title, "Only item")
				wantEq(t, "body", a.Body, "Hello")
				wantEq(t, "tags", strings.Join(a.Tags, ","), "a,b")
				wantEq(t, "author", a.Author, "Dee")
				wantEq(t, "published", a.Published.Format(time.RFC3339), "2017-06-26T12:20:05Z")
			}},
		{"RSS 1.0 (RDF)", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF site</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/1"><title>RDF item</title><link>https://rdf.example/1</link><description>Body.</description>
<dc:date>2017-06-15T10:29:47-07:00</dc:date><dc:subject>Botany</dc:subject><dc:creator>Hines</dc:creator></item></rdf:RDF>`,
			func(t *testing.T, arts []*article.Article) {
				a := arts[0]
				wantEq(t, "title", a.Title, "RDF item")
				wantEq(t, "tags", strings.Join(a.Tags, ","), "botany")
				wantEq(t, "author", a.Author, "Hines")
				wantEq(t, "published", a.Published.Format(time.RFC3339), "2017-06-15T17:29:47Z")
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, itemErrs, err := readFeedString(t, tc.feed)
			if err != nil || len(itemErrs) > 0 {
				t.Fatalf("err = %v, item errors = %v", err, itemErrs)
			}
			if len(arts) == 0 {
				t.Fatal("no articles")
			}
			for i, a := range arts {
				checkFeedArticle(t, i+1, a)
			}
			tc.check(t, arts)
		})
	}
}

func utf16LE(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		if r > 0xffff {
			panic("utf16LE: BMP only")
		}
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

// TestReadFeedBadItems checks that a rejected item is reported with its
// number while its siblings are still read.
func TestReadFeedBadItems(t *testing.T) {
	feed := rssHead + `<item><title>First</title><description>One.</description></item>
<item><title>  </title><description><![CDATA[<p> </p>]]></description><link>https://www.harbour-gazette.example/empty</link></item>
<item><title>Third</title><description>Three.</description></item>` + rssTail
	arts, itemErrs, err := readFeedString(t, feed)
	if err != nil {
		t.Fatalf("file error: %v", err)
	}
	if len(arts) != 2 || arts[0].Title != "First" || arts[1].Title != "Third" {
		t.Errorf("got %d articles, want First and Third: %+v", len(arts), arts)
	}
	if len(itemErrs) != 1 {
		t.Fatalf("got %d item errors, want 1: %v", len(itemErrs), itemErrs)
	}
	ie := itemErrs[0]
	if ie.File != "test.xml" || ie.Item != 2 || !strings.Contains(ie.Reason, "empty title and body") {
		t.Errorf("item error = %+v, want test.xml item 2 empty title and body", ie)
	}
	if want := "test.xml: item 2: empty title and body"; ie.Error() != want {
		t.Errorf("Error() = %q, want %q", ie.Error(), want)
	}

	// An oversized body is one bad item too.
	big := rssHead + `<item><title>Big</title><description>` + strings.Repeat("word ", 400) + `</description></item>
<item><title>Small</title><description>ok</description></item>` + rssTail
	var got []string
	err = readFeed(strings.NewReader(big), "big.xml", Options{MaxBodyBytes: 1000}, func(a *article.Article, err error) bool {
		if err != nil {
			got = append(got, err.Error())
		} else {
			got = append(got, a.Title)
		}
		return true
	})
	if err != nil || len(got) != 2 || !strings.Contains(got[0], "big.xml: item 1: body is") || got[1] != "Small" {
		t.Errorf("oversized item: err = %v, emitted %q", err, got)
	}
}

// TestReadFeedStopsWhenAsked checks that a consumer returning false stops
// the reader.
func TestReadFeedStopsWhenAsked(t *testing.T) {
	feed := rssHead + `<item><title>1</title></item><item><title>2</title></item><item><title>3</title></item>` + rssTail
	n := 0
	err := readFeed(strings.NewReader(feed), "stop.xml", Options{}, func(*article.Article, error) bool {
		n++
		return false
	})
	if err != nil || n != 1 {
		t.Errorf("err = %v, emitted %d, want 1", err, n)
	}
}

// TestReadFeedMalformed checks files that are not feeds or are damaged:
// one error with a reason, and whatever items could be recovered.
func TestReadFeedMalformed(t *testing.T) {
	tests := []struct {
		name      string
		feed      string
		wantItems int
		wantErr   string
	}{
		{"empty", "", 0, "empty file"},
		{"whitespace only", " \n\t ", 0, "empty file"},
		{"plain text", "Just some words.", 0, "not a feed"},
		{"HTML page", "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>", 0, "root element is <html>"},
		{"OPML", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, 0, "root element is <opml>"},
		{"garbage markup", "<<<>>> &&& <", 0, "invalid XML"},
		{"truncated with no item", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`, 0, "truncated"},
		{"truncated after two items", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title></item><item><title>Two</title><description><![CDATA[x]]></description></item><item><title>Thr`, 2, "truncated"},
		{"stray < and truncated", `<rss><channel><item><title>a < b</title></item><item><title>c</ti`, 1, "truncated"},
		{"truncated Atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>One</title></entry><entry><title>Tw`, 1, "truncated"},
		{"invalid JSON", `{"version": "https://jsonfeed.org/version/1", "items": [`, 0, "invalid JSON"},
		{"JSON that is no feed", `{"name": "package", "dependencies": {}}`, 0, "not a JSON Feed"},
		{"rss.js without channel", `{"rss": {"version": "2.0"}}`, 0, "no rss.channel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, itemErrs, err := readFeedString(t, tc.feed)
			if len(arts) != tc.wantItems || len(itemErrs) != 0 {
				t.Errorf("got %d articles and item errors %v, want %d articles", len(arts), itemErrs, tc.wantItems)
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

// TestReadFeedFileError checks that ReadFile reports an unreadable feed as
// one error naming the file.
func TestReadFeedFileError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.rss")
	if err := os.WriteFile(path, []byte(`<?xml version="1.0"?><rss><channel><title>T</title>`), 0o644); err != nil {
		t.Fatal(err)
	}
	var errs []error
	for a, err := range ReadFile(context.Background(), path, Options{}) {
		if a != nil {
			t.Errorf("unexpected article %+v", a)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), path+": feed is truncated") {
		t.Errorf("errors = %v, want one naming %s and the reason", errs, path)
	}
}

// FuzzReadFeed checks that no input makes the feed reader panic or emit
// invalid text.
func FuzzReadFeed(f *testing.F) {
	seeds := []string{
		rssHead + `<item><title>T</title><description>&lt;p&gt;x&lt;/p&gt;</description><guid>g</guid></item>` + rssTail,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;x</title><content type="xhtml"><div>y</div></content><link href="/a#b"/></entry></feed>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item><title>x</title></item></rdf:RDF>`,
		`{"version":"https://jsonfeed.org/version/1","items":[{"content_text":"a"},null,{"tags":[1]}]}`,
		`{"rss":{"channel":{"item":[{"title":1,"guid":{"#value":"x"}},null,"str"]}}}`,
		`{"version":"https://jsonfeed.org/version/1.1","title":{"a":1},"authors":[{"name":"A"}],"items":[{"id":7,"title":[1],"tags":"a, b","date_published":1767225600,"author":{"name":"B"},"content_html":"<p>x</p>"},"s",4]}`,
		"<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><channel><item><title>\xbd\xa8</title></item></channel></rss>",
		"\xff\xfe<\x00r\x00s\x00s\x00>\x00",
		"junk\n<?xml version=\"1.0\"?><html><body><rss><channel><item><title>w</title></item></channel></rss></body></html>",
		"<html><pre>&lt;feed xmlns=&quot;http://www.w3.org/2005/Atom&quot;&gt;&lt;entry&gt;&lt;title&gt;e&lt;/title&gt;&lt;/entry&gt;</pre>",
		"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss><channel><item><title>\xc3\xbc</title></item></channel></rss>",
		`<rss><channel><item><title>a < b</title></item><item><title>c</ti`,
		`<?xml version="1.0" encoding="utf-8"?><!DOCTYPE rss [<!ENTITY x "y">]><rss><channel><item><title>&x;&nbsp;</title></item></channel></rss>`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = readFeed(bytes.NewReader(data), "fuzz.xml", Options{MaxBodyBytes: 1 << 16}, func(a *article.Article, err error) bool {
			if a != nil && (!utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) || a.ID == "") {
				t.Errorf("bad article %+v", a)
			}
			return true
		})
	})
}

// TestFeedItemTextElsewhere checks items met in the wild: HTML entities
// XML does not declare and bare "&", links relative to the feed, one guid
// used twice, and items whose only text is in media:title and
// media:description.
func TestFeedItemTextElsewhere(t *testing.T) {
	const media = `xmlns:media="http://search.yahoo.com/mrss/"`
	arts, itemErrs, err := readFeedString(t, `<?xml version="1.0"?><rss version="2.0" `+media+`><channel><title>Wild &amp; Co</title><link>https://wild.example/</link>`+
		`<item><title>Caf&eacute; &nbsp;Tom & Jerry&rsquo;s</title><link>/news/a</link><guid>1</guid><description>AT&T said &hellip; more</description></item>`+
		`<item><title>Second</title><link>/news/b</link><guid>1</guid><description>Another story with the same guid.</description></item>`+
		`<item><link>https://wild.example/video/c</link><media:group><media:title>Video title only</media:title><media:description>What the video shows.</media:description></media:group></item>`+
		`</channel></rss>`)
	if err != nil || len(itemErrs) > 0 || len(arts) != 3 {
		t.Fatalf("%d articles, err %v, item errors %v", len(arts), err, itemErrs)
	}
	if arts[0].Title != "Café Tom & Jerry’s" || arts[0].Body != "AT&T said … more" || arts[0].URL != "https://wild.example/news/a" {
		t.Errorf("item 1: %q %q %q", arts[0].Title, arts[0].Body, arts[0].URL)
	}
	if arts[0].ID == arts[1].ID {
		t.Error("two items sharing a guid got one id")
	}
	if arts[2].Title != "Video title only" || arts[2].Body != "What the video shows." {
		t.Errorf("media-only item: title %q body %q", arts[2].Title, arts[2].Body)
	}
}

// TestFeedLanguageFromEntries: an Atom feed that declares its language only
// on its entries' content (xml:lang="en-US" on every <content>, as Typepad
// writes) gives its items that language, even where their few words look
// like another one; entries declaring different languages are detected one
// by one.
func TestFeedLanguageFromEntries(t *testing.T) {
	entry := func(lang, title, text string) string {
		return `<entry><title>` + title + `</title><id>urn:` + title + `</id><content type="html" xml:lang="` + lang + `">` + text + `</content></entry>`
	}
	for _, tc := range []struct {
		name  string
		feed  string
		langs []string
	}{
		{"one language on every entry", `<feed xmlns="http://www.w3.org/2005/Atom"><title>ENT</title>` +
			entry("en-US", "Otitis Externa", "Otitis externa") + entry("en-US", "Allergic Rhinitis", "Allergic rhinitis") + `</feed>`, []string{"en", "en"}},
		{"entries in two languages", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Mixed</title>` +
			entry("de", "Neue Häuser am Hafen", "Die Stadt will bis 2028 rund 400 neue Häuser am alten Hafen bauen, sagte der Bürgermeister.") +
			entry("fr", "Nouvelles lignes de tramway", "La ville va construire deux nouvelles lignes de tramway avant les élections, a dit le maire.") + `</feed>`, []string{"de", "fr"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var langs []string
			for a, err := range ReadFile(t.Context(), writeFile(t, "feed.atom", tc.feed), Options{}) {
				if err != nil {
					t.Fatal(err)
				}
				langs = append(langs, a.Lang)
			}
			if !slices.Equal(langs, tc.langs) {
				t.Errorf("languages %v, want %v", langs, tc.langs)
			}
		})
	}
}

// TestFeedLanguageForShortItems checks that in a feed declaring no
// language, items too short to tell get the language of the others when
// those agree, and keep their own otherwise.
func TestFeedLanguageForShortItems(t *testing.T) {
	long := []string{
		"The city council voted on Tuesday to extend the night bus service to the airport, after a year in which the number of passengers doubled.",
		"Farmers in the north of the country say the dry summer has cut their wheat harvest by a third, and they have asked the government for help.",
		"The central bank kept its interest rate unchanged and said it would wait for the figures of the next quarter before it decides what to do.",
		"A new bridge over the river will open in the spring, two years later than planned, because the steel for it arrived from abroad too late.",
	}
	german := "Der Stadtrat hat am Dienstag beschlossen, den Nachtbus bis zum Flughafen zu verlängern, nachdem sich die Zahl der Fahrgäste verdoppelt hat."
	feed := func(bodies []string, short ...string) string {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>`)
		for i, body := range bodies {
			fmt.Fprintf(&b, `<item><title>Story %d</title><link>https://wire.example/%d</link><description>%s</description></item>`, i, i, body)
		}
		for i, title := range short {
			fmt.Fprintf(&b, `<item><title>%s</title><link>https://wire.example/s%d</link></item>`, title, i)
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	langs := func(src string) map[string]string {
		arts, _, err := readFeedString(t, src)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, a := range arts {
			out[a.Title] = a.Lang
		}
		return out
	}
	got := langs(feed(long, "Vaginal microbiome influences HIV acquisition", "Quantum sensors"))
	for title, l := range got {
		if l != "en" {
			t.Errorf("English feed: %q is %q, want en", title, l)
		}
	}
	// Two languages, no majority: a short item is left as it was.
	got = langs(feed([]string{long[0], long[1], german, german}, "Quantum sensors"))
	if got["Quantum sensors"] != "" || got["Story 2"] != "de" {
		t.Errorf("mixed feed: %v, want the short item without a language and the German ones de", got)
	}
}
