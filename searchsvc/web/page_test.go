package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine"
	"github.com/syndex/syndex/searchsvc/httpapi"
	"github.com/syndex/syndex/searchsvc/query"
	"github.com/syndex/syndex/searchsvc/searchtest"

	"golang.org/x/net/html"

	"github.com/syndex/syndex/indexer"
)

// The search page over the bundled sample corpus (testdata/sample, dated
// 2026-04..10) plus a few articles dated relative to now, so that the date
// presets have something to count. "quokka" appears only in those.

// pageArticles are the in-test articles; quokkaTotal of them mention
// "quokka" and quokkaIn counts them per date preset.
func pageArticles(now time.Time) []searchtest.FixtureArticle {
	ago := func(d time.Duration) string { return now.Add(-d).UTC().Format(time.RFC3339) }
	day := 24 * time.Hour
	return []searchtest.FixtureArticle{
		{ID: "page-xss", Title: xssTitle, URL: "https://patchnotes.example/xss",
			Body:   "A reader typed <img src=x onerror=alert(1)> and <script>alert(2)</script> into a form; the quokka team escaped it.",
			Source: "Patchnotes Weekly", Published: ago(3 * time.Hour), Tags: []string{"technology"}, Lang: "en"},
		{ID: "page-q1", Title: "Quokka census finds record numbers on the island", URL: "https://alpinecourier.example/quokka-census",
			Body:   "Rangers counted more quokkas than ever before. The quokka population has recovered after the fires.",
			Source: "Alpine Courier", Published: ago(2 * time.Hour), Tags: []string{"science", "climate"}, Lang: "en"},
		{ID: "page-q2", Title: "Quokka selfies draw tourists back", URL: "javascript:alert(3)",
			Body:   "Tour operators said bookings rose as visitors came for quokka photographs.",
			Source: "Alpine Courier", Published: ago(5 * time.Hour), Tags: []string{"transport"}, Lang: "en"},
		{ID: "page-q3", Title: "Ferry operator adds sailings for quokka season", URL: "https://coppervalleytimes.example/quokka-ferry",
			Body:   "The ferry company will add three daily sailings to the island where the quokka lives.",
			Source: "Copper Valley Times", Author: "Mia Tran", Published: ago(3 * day), Tags: []string{"transport"}, Lang: "en"},
		{ID: "page-q4", Title: "Researchers track quokka diet in dry summer", URL: "https://alpinecourier.example/quokka-diet",
			Body:   "Scientists fitted collars to study what the quokka eats when rain is scarce.",
			Source: "Alpine Courier", Published: ago(20 * day), Tags: []string{"science"}, Lang: "en"},
		{ID: "page-q5", Title: "Island council debates quokka protection levy", URL: "https://coppervalleytimes.example/quokka-levy",
			Body:   "Councillors discussed a visitor levy to fund quokka protection.",
			Source: "Copper Valley Times", Published: ago(200 * day), Tags: []string{"regulation"}, Lang: "en"},
		// Wombat articles have no URL (as BBC items): results open their
		// article page. page-wombat and page-wombat-copy are one story.
		{ID: "page-wombat", Title: wombatTitle, Author: "Jo Hale",
			Body:   wombatBody,
			Source: "Outback Post", Published: "2025-03-10T08:00:00Z", Tags: []string{"wildlife"}, Lang: "en"},
		{ID: "page-wombat-copy", Title: "Wombat burrows mapped by volunteers", Body: wombatBody,
			Source: "Plains Herald", Published: "2025-03-11T09:30:00Z", Tags: []string{"wildlife"}, Lang: "en"},
		{ID: "page/wombat?related", Title: "Wombat crossings cut road deaths", URL: "https://plainsherald.example/wombat-crossings",
			Body:   "Road signs and fenced wombat crossings halved the number of wombats killed by cars, volunteers said, and burrows near the road were mapped.",
			Source: "Plains Herald", Published: "2025-04-02T10:00:00Z", Tags: []string{"wildlife"}, Lang: "en"},
	}
}

// wombatTitle is the url-less article's title; its markup must show as text.
const wombatTitle = "Wombat burrows mapped <script>alert(4)</script>"

// wombatBody has two paragraphs, enough words to be recognised as one story.
const wombatBody = "Volunteers mapped more than four hundred wombat burrows across the northern plains this summer, walking transects at dawn and dusk with handheld receivers.\n\n" +
	"The survey found that burrows cluster along creek banks where the soil is soft, and that many old burrows had been reoccupied after years of drought."

// xssTitle is the title that must show as text.
const xssTitle = "<img src=x onerror=alert(1)>"

const quokkaTotal = 6

// quokkaIn counts the quokka articles per date preset.
var quokkaIn = map[string]int{"24h": 3, "7d": 4, "30d": 5, "365d": 6}

// pageFix is the page test index, built once per test binary.
var pageFix struct {
	once sync.Once
	ix   *indexer.Index
	err  error
	srv  *httpapi.Server
	svc  *searchsvc.Service
}

// TestMain removes the page index after the tests (it is shared by them).
func TestMain(m *testing.M) { searchtest.Main(m) }

// pageIndex returns the index of the sample corpus and pageArticles.
func pageIndex(tb testing.TB) *indexer.Index {
	tb.Helper()
	pageFix.once.Do(func() {
		pageFix.err = errNotBuilt
		sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
		if err != nil {
			pageFix.err = err
			return
		}
		dir := searchtest.MkTemp(tb, "syndex-page-")
		extra := searchtest.WriteJSONL(tb, dir, "page.jsonl", pageArticles(time.Now()))
		loc := filepath.Join(dir, "index")
		sum, err := indexer.Reindex(context.Background(), loc, []string{sample, extra}, indexer.WriteOptions{})
		if err != nil {
			pageFix.err = err
			return
		}
		if sum.Rejected > 0 {
			tb.Logf("page index: %d articles rejected: %v", sum.Rejected, sum.Errors)
		}
		pageFix.ix, pageFix.err = indexer.Open(loc)
	})
	if pageFix.err != nil {
		tb.Fatalf("build the page test index: %v", pageFix.err)
	}
	return pageFix.ix
}

var errNotBuilt = &searchsvc.ParamError{Param: "-", Msg: "the page index build did not finish"}

// newPageServer returns a server with the pages registered over the page
// index.
func newPageServer(tb testing.TB, cfg searchsvc.Config, scfg httpapi.ServerConfig, pcfg Config) (*httpapi.Server, *searchsvc.Service) {
	tb.Helper()
	cfg.Log, scfg.Log, pcfg.Log = searchtest.QuietLog(), searchtest.QuietLog(), searchtest.QuietLog()
	eng, err := bleveengine.New(pageIndex(tb), bleveengine.Config{Log: cfg.Log})
	if err != nil {
		tb.Fatal(err)
	}
	svc := searchsvc.New(eng, cfg)
	srv := httpapi.NewServer(svc, scfg)
	if err := Register(srv, svc, pcfg); err != nil {
		tb.Fatal(err)
	}
	if !pagesRegistered(srv) {
		tb.Fatal("Register did not add the search pages")
	}
	return srv, svc
}

// holdSlot occupies one of srv's concurrency slots with a request that
// waits until release is called, as a slow search would.
func holdSlot(tb testing.TB, srv *httpapi.Server) (release func()) {
	tb.Helper()
	in, out := make(chan struct{}), make(chan struct{})
	srv.Engine().GET("/test/hold", srv.Limited(func(c *gin.Context) { c.AbortWithStatus(http.StatusServiceUnavailable) }),
		func(c *gin.Context) { close(in); <-out })
	done := make(chan struct{})
	go func() {
		defer close(done)
		getPage(tb, srv.Handler(), "/test/hold")
	}()
	<-in
	return func() { close(out); <-done }
}

// pagesRegistered reports whether srv serves the search page.
func pagesRegistered(srv *httpapi.Server) bool {
	for _, r := range srv.Engine().Routes() {
		if r.Method == http.MethodGet && r.Path == "/search" {
			return true
		}
	}
	return false
}

// pageServer returns the shared server with default settings.
func pageServer(tb testing.TB) http.Handler {
	tb.Helper()
	pageIndex(tb)
	if pageFix.srv == nil {
		pageFix.srv, pageFix.svc = newPageServer(tb, searchsvc.Config{}, httpapi.ServerConfig{}, Config{})
	}
	return pageFix.srv.Handler()
}

// getPage sends GET target to h.
func getPage(tb testing.TB, h http.Handler, target string, hdr ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// htmlPage is a rendered page, parsed.
type htmlPage struct {
	tb   testing.TB
	rec  *httptest.ResponseRecorder
	body string
	doc  *html.Node
}

// loadPage renders target and checks what every page must be: HTML with
// the strict CSP, nothing inline, labelled controls.
func loadPage(tb testing.TB, target string, wantStatus int) *htmlPage {
	tb.Helper()
	rec := getPage(tb, pageServer(tb), target)
	if rec.Code != wantStatus {
		tb.Fatalf("GET %s: status %d, want %d\n%s", target, rec.Code, wantStatus, searchtest.ClipBody(rec.Body.Bytes()))
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		tb.Errorf("GET %s: Content-Type %q", target, ct)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); csp != PageCSP {
		tb.Errorf("GET %s: CSP %q", target, csp)
	}
	doc, err := html.Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		tb.Fatalf("GET %s: parse HTML: %v", target, err)
	}
	p := &htmlPage{tb: tb, rec: rec, body: rec.Body.String(), doc: doc}
	p.checkStatic(target)
	return p
}

// checkStatic checks the markup rules: no inline script, style or event
// handler, no javascript: URL, every control labelled, ids unique.
func (p *htmlPage) checkStatic(target string) {
	tb := p.tb
	tb.Helper()
	ids := map[string]bool{}
	labels := map[string]bool{}
	for _, l := range p.all("label") {
		labels[attr(l, "for")] = true
	}
	walk(p.doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			k := strings.ToLower(a.Key)
			if k == "style" || strings.HasPrefix(k, "on") {
				tb.Errorf("GET %s: <%s %s=%q>: inline style or handler", target, n.Data, a.Key, a.Val)
			}
			if (k == "href" || k == "src" || k == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				tb.Errorf("GET %s: <%s %s=%q>", target, n.Data, a.Key, a.Val)
			}
			if k == "id" {
				if ids[a.Val] {
					tb.Errorf("GET %s: duplicate id %q", target, a.Val)
				}
				ids[a.Val] = true
			}
		}
		switch n.Data {
		case "style":
			tb.Errorf("GET %s: <style> element", target)
		case "script":
			if attr(n, "src") == "" || n.FirstChild != nil {
				tb.Errorf("GET %s: inline script", target)
			}
		case "input", "select", "textarea":
			if attr(n, "type") == "hidden" {
				return
			}
			if !labels[attr(n, "id")] && ancestor(n, "label") == nil && attr(n, "aria-label") == "" {
				tb.Errorf("GET %s: <%s name=%q> has no label", target, n.Data, attr(n, "name"))
			}
		case "button":
			if strings.TrimSpace(textOf(n)) == "" {
				tb.Errorf("GET %s: button without text", target)
			}
		case "img":
			tb.Errorf("GET %s: an <img> element (article markup leaked?)", target)
		}
	})
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func ancestor(n *html.Node, tag string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return p
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// all returns the elements matching a tiny selector: "tag", ".class",
// "#id" or "tag.class", and descendants of those ("ol.hits h2 a").
func (p *htmlPage) all(sel string) []*html.Node {
	return selectAll(p.doc, sel)
}

func selectAll(root *html.Node, sel string) []*html.Node {
	parts := strings.Fields(sel)
	found := []*html.Node{root}
	for i, part := range parts {
		var next []*html.Node
		seen := map[*html.Node]bool{}
		for _, n := range found {
			for _, m := range selectSimple(n, part) {
				if (i == 0 || m != n) && !seen[m] {
					seen[m] = true
					next = append(next, m)
				}
			}
		}
		found = next
	}
	return found
}

// selectSimple returns the elements under root (root included) matching
// one simple selector.
func selectSimple(root *html.Node, sel string) []*html.Node {
	tag, class, id := sel, "", ""
	if i := strings.IndexByte(sel, '#'); i >= 0 {
		tag, id = sel[:i], sel[i+1:]
	}
	if i := strings.IndexByte(tag, '.'); i >= 0 {
		tag, class = tag[:i], tag[i+1:]
	}
	var out []*html.Node
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode || (tag != "" && n.Data != tag) || (class != "" && !hasClass(n, class)) ||
			(id != "" && attr(n, "id") != id) {
			return
		}
		out = append(out, n)
	})
	return out
}

func (p *htmlPage) one(sel string) *html.Node {
	p.tb.Helper()
	ns := p.all(sel)
	if len(ns) == 0 {
		p.tb.Fatalf("no %s in the page", sel)
	}
	return ns[0]
}

func (p *htmlPage) has(sel string) bool { return len(p.all(sel)) > 0 }

// hits returns the result titles as text.
func (p *htmlPage) hits() []string {
	var out []string
	for _, li := range p.all("ol.hits") {
		for _, h := range selectAll(li, "h2") {
			out = append(out, textOf(h))
		}
	}
	return out
}

// count returns the result count line.
func (p *htmlPage) count() string { return textOf(p.one("p.count")) }

// facet returns value -> {count, checked} of a sidebar facet.
func (p *htmlPage) facet(id string) map[string]facetState {
	out := map[string]facetState{}
	for _, fs := range p.all("fieldset#" + id) {
		for _, l := range selectAll(fs, "label") {
			in := selectAll(l, "input")[0]
			st := facetState{Checked: hasAttr(in, "checked"), Count: -1}
			if n := selectAll(l, "span.n"); len(n) > 0 {
				st.Count, _ = strconv.Atoi(textOf(n[0]))
			}
			out[attr(in, "value")] = st
		}
	}
	return out
}

type facetState struct {
	Count   int
	Checked bool
}

// presets returns the date preset label -> count (-1 without).
func (p *htmlPage) presets() map[string]int {
	out := map[string]int{}
	for _, li := range selectAll(p.one("ul.presets"), "li") {
		a := selectAll(li, "a")[0]
		n := -1
		if s := selectAll(li, "span.n"); len(s) > 0 {
			n, _ = strconv.Atoi(textOf(s[0]))
		}
		out[textOf(a)] = n
	}
	return out
}

// link returns the href of the first link whose text is text.
func (p *htmlPage) link(text string) string {
	p.tb.Helper()
	for _, a := range p.all("a") {
		if textOf(a) == text {
			return attr(a, "href")
		}
	}
	p.tb.Fatalf("no link %q", text)
	return ""
}

func TestPageResults(t *testing.T) {
	p := loadPage(t, "/search?q=quokka", http.StatusOK)
	if got := p.count(); !strings.HasPrefix(got, fmt.Sprintf("%d stories (%d articles) · 1–6 in ", quokkaTotal, quokkaTotal)) {
		t.Errorf("count line %q", got)
	}
	hits := p.hits()
	if len(hits) != quokkaTotal {
		t.Fatalf("%d hits: %q", len(hits), hits)
	}
	if !strings.Contains(p.body, "<mark>Quokka</mark>") || !strings.Contains(p.body, "<mark>quokka</mark>") {
		t.Error("matches are not highlighted")
	}
	// Title links, source, absolute and relative date, tags, snippet.
	first := p.all("ol.hits")[0].FirstChild
	for first != nil && first.Type != html.ElementNode {
		first = first.NextSibling
	}
	art := textOf(first)
	for _, want := range []string{"Quokka census finds record numbers", "Alpine Courier", "2 hours ago", "UTC", "science", "Rangers counted"} {
		if !strings.Contains(art, want) {
			t.Errorf("first hit %q lacks %q", art, want)
		}
	}
	if a := selectAll(first, "h2")[0]; attr(selectAll(a, "a")[0], "href") != "https://alpinecourier.example/quokka-census" {
		t.Errorf("title link %q", attr(selectAll(a, "a")[0], "href"))
	}
	if tm := selectAll(first, "time"); len(tm) != 1 || !strings.HasSuffix(attr(tm[0], "datetime"), "Z") {
		t.Error("no machine-readable date")
	}
	// Facets with counts, presets with counts, the histogram.
	src := p.facet("f-source")
	if src["Alpine Courier"] != (facetState{Count: 3}) || src["Copper Valley Times"].Count != 2 || src["Patchnotes Weekly"].Count != 1 {
		t.Errorf("source facet %+v", src)
	}
	if tag := p.facet("f-tag"); tag["transport"].Count != 2 || tag["science"].Count != 2 {
		t.Errorf("tag facet %+v", tag)
	}
	pre := p.presets()
	for _, dp := range searchsvc.DatePresets {
		if pre[dp.PageLabel] != quokkaIn[dp.Key] {
			t.Errorf("preset %s: %d, want %d", dp.PageLabel, pre[dp.PageLabel], quokkaIn[dp.Key])
		}
	}
	if pre["Any time"] != -1 {
		t.Errorf("presets %v", pre)
	}
	bars := p.all("svg")
	if len(bars) != 1 || len(selectAll(bars[0], "a")) < 2 {
		t.Fatal("no histogram bars")
	}
	sum := 0
	for _, ti := range selectAll(bars[0], "title") {
		if m := regexp.MustCompile(`: (\d+) (?:stor|article)`).FindStringSubmatch(textOf(ti)); m != nil {
			n, _ := strconv.Atoi(m[1])
			sum += n
		}
	}
	if sum != quokkaTotal {
		t.Errorf("histogram bars add up to %d", sum)
	}
	// Sort toggle: relevance is current.
	if a := p.all("nav.sort"); len(a) != 1 || !strings.Contains(p.body, `aria-current="true">Relevance</a>`) {
		t.Error("sort toggle missing or wrong")
	}
	if p.has("nav.pages") {
		t.Error("one page of results has pagination")
	}
	// The search box holds the query; search is offered to browsers.
	if attr(p.one("input#q"), "value") != "quokka" || !strings.Contains(p.body, `rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml"`) {
		t.Error("search box or OpenSearch link")
	}
	if !strings.Contains(p.rec.Header().Get("Server-Timing"), "search;dur=") {
		t.Error("no Server-Timing")
	}
}

func TestPageHome(t *testing.T) {
	p := loadPage(t, "/", http.StatusOK)
	// The listing groups copies: it counts stories and says how many
	// articles they hold, as the API's total and total_articles do.
	res := searchtest.DoSearch(t, pageFix.svc, "")
	want := fmt.Sprintf("%d stories (%d articles), newest first", res.Total, res.TotalArticles)
	if !strings.HasPrefix(p.count(), want) || res.Total >= res.TotalArticles {
		t.Errorf("count %q, want %q with fewer stories than articles", p.count(), want)
	}
	if len(p.hits()) != searchsvc.DefaultSize || p.hits()[0] == "" {
		t.Errorf("home hits %q", p.hits())
	}
	if p.has("nav.sort") {
		t.Error("sort toggle without a query")
	}
	if !p.has("nav.pages") {
		t.Error("no pagination on the listing")
	}
}

func TestPageNoResults(t *testing.T) {
	p := loadPage(t, "/search?q=xylophonist+zeppelin", http.StatusOK)
	if !strings.HasPrefix(p.count(), "0 results") || len(p.hits()) != 0 {
		t.Errorf("count %q hits %q", p.count(), p.hits())
	}
	e := textOf(p.one("div#empty"))
	if !strings.Contains(e, "No results for “xylophonist zeppelin”") {
		t.Errorf("empty state %q", e)
	}
	if p.has("a#drop") {
		t.Error("drop-filters link without filters")
	}
	// With filters: a link to drop them that keeps the query.
	p = loadPage(t, "/search?q=quokka&source=Blockfront&range=24h", http.StatusOK)
	if len(p.hits()) != 0 {
		t.Fatalf("hits %q", p.hits())
	}
	if got := attr(p.one("a#drop"), "href"); got != "/search?q=quokka" {
		t.Errorf("drop filters link %q", got)
	}
	// The selected source stays listed (and checked) with its zero count.
	if src := p.facet("f-source"); src["Blockfront"] != (facetState{Count: 0, Checked: true}) || src["Alpine Courier"].Count != 2 {
		t.Errorf("source facet %+v", src)
	}
}

func TestPageCorrected(t *testing.T) {
	p := loadPage(t, "/search?q=qoukka", http.StatusOK)
	c := p.all("p#corrected")
	if len(c) != 1 || !strings.Contains(textOf(c[0]), "Showing results for quokka — search instead for qoukka") {
		t.Fatalf("no correction note: %s", searchtest.ClipBody([]byte(p.body)))
	}
	// The link searches exactly what was typed: no correction, nothing found.
	href := attr(selectAll(c[0], "a")[0], "href")
	if href != "/search?q=qoukka&correct=false" {
		t.Fatalf("search-instead link %q", href)
	}
	exact := loadPage(t, href, http.StatusOK)
	if len(exact.hits()) != 0 || len(exact.all("p#corrected")) != 0 || attr(exact.one("input#q"), "value") != "qoukka" {
		t.Errorf("exact search: hits %q", exact.hits())
	}
	if len(p.hits()) != quokkaTotal {
		t.Errorf("hits %q", p.hits())
	}
	if attr(p.one("input#q"), "value") != "qoukka" {
		t.Error("the box should keep what was typed")
	}
}

func TestPageDidYouMeanOnNoResults(t *testing.T) {
	// A typo with filters that leave nothing: the correction is offered as a link.
	p := loadPage(t, "/search?q=qoukka&source=Blockfront", http.StatusOK)
	if len(p.hits()) != 0 {
		t.Fatalf("hits %q", p.hits())
	}
	dym := p.all("p.dym")
	if len(dym) != 1 || textOf(dym[0]) != "Did you mean quokka?" {
		t.Fatalf("did you mean: %s", textOf(p.one("div#empty")))
	}
	if href := attr(selectAll(dym[0], "a")[0], "href"); href != "/search?q=quokka&source=Blockfront" {
		t.Errorf("did-you-mean link %q", href)
	}
}

func TestPageFilters(t *testing.T) {
	p := loadPage(t, "/search?q=quokka&source=Alpine+Courier&source=Patchnotes+Weekly&range=7d&sort=newest", http.StatusOK)
	// Alpine Courier: q1 (2h), q2 (5h) in the week, q4 (20 d) not; Patchnotes: xss (3h).
	if got := p.hits(); len(got) != 3 {
		t.Fatalf("hits %q", got)
	}
	src := p.facet("f-source")
	// Disjunctive: other sources still offered, counted under the other filters.
	if src["Alpine Courier"] != (facetState{2, true}) || src["Patchnotes Weekly"] != (facetState{1, true}) || src["Copper Valley Times"] != (facetState{1, false}) {
		t.Errorf("source facet %+v", src)
	}
	// Newest first; the sort is carried by the form.
	if got := p.hits(); got[0] != "Quokka census finds record numbers on the island" || got[2] != "Quokka selfies draw tourists back" {
		t.Errorf("newest order %q", got)
	}
	if !strings.Contains(p.body, `<input type="hidden" name="sort" value="newest">`) || !strings.Contains(p.body, `<input type="hidden" name="range" value="7d">`) {
		t.Error("the form does not carry sort and range")
	}
	// The active preset, no counts while a date filter is on.
	if !strings.Contains(p.body, `aria-current="true">Past week</a>`) {
		t.Error("past week not marked current")
	}
	for label, n := range p.presets() {
		if n != -1 {
			t.Errorf("preset %s shows %d under a date filter", label, n)
		}
	}
	// Chips that each drop one filter, and one that drops all.
	chips := map[string]string{}
	for _, a := range selectAll(p.one("ul.chips"), "a") {
		chips[textOf(a)] = attr(a, "href")
	}
	want := map[string]string{
		"Alpine Courier ×":    "/search?q=quokka&source=Patchnotes+Weekly&range=7d&sort=newest",
		"Patchnotes Weekly ×": "/search?q=quokka&source=Alpine+Courier&range=7d&sort=newest",
		"Past week ×":         "/search?q=quokka&source=Alpine+Courier&source=Patchnotes+Weekly&sort=newest",
		"Clear all":           "/search?q=quokka&sort=newest",
	}
	for k, v := range want {
		if chips[k] != v {
			t.Errorf("chip %q -> %q, want %q", k, chips[k], v)
		}
	}
	// Tag links add a tag filter and keep the rest.
	if href := p.link("transport"); href != "/search?q=quokka&source=Alpine+Courier&source=Patchnotes+Weekly&tag=transport&range=7d&sort=newest" {
		t.Errorf("tag link %q", href)
	}

	// A custom range replaces the preset; YYYY-MM-DD fills the date inputs.
	now := time.Now().UTC()
	from, to := now.AddDate(0, 0, -30).Format(time.DateOnly), now.AddDate(0, 0, -10).Format(time.DateOnly)
	p = loadPage(t, "/search?q=quokka&range=24h&from="+from+"&to="+to, http.StatusOK)
	if got := p.hits(); len(got) != 1 || got[0] != "Researchers track quokka diet in dry summer" {
		t.Errorf("custom range hits %q", got)
	}
	if attr(p.one("input#from"), "value") != from || attr(p.one("input#to"), "value") != to || strings.Contains(p.body, `name="range"`) {
		t.Error("custom range not shown in the inputs, or the preset kept")
	}
	// A histogram bar links to its dates.
	for _, a := range selectAll(p.one("svg"), "a") {
		u, err := url.Parse(attr(a, "href"))
		if err != nil || u.Query().Get("from") == "" || u.Query().Get("to") == "" || u.Query().Get("q") != "quokka" {
			t.Errorf("bar link %q", attr(a, "href"))
		}
	}
}

func TestPagePagination(t *testing.T) {
	p1 := loadPage(t, "/search", http.StatusOK)
	total, err := strconv.Atoi(strings.ReplaceAll(strings.Fields(p1.count())[0], ",", ""))
	if err != nil || total < 3*searchsvc.DefaultSize {
		t.Fatalf("count %q", p1.count())
	}
	next := p1.link("Next ›")
	if next != "/search?page=2" {
		t.Errorf("next link %q", next)
	}
	p2 := loadPage(t, next, http.StatusOK)
	if !strings.Contains(p2.count(), "· 11–20 in") {
		t.Errorf("page 2 count %q", p2.count())
	}
	if p2.link("‹ Previous") != "/search" {
		t.Errorf("previous link %q", p2.link("‹ Previous"))
	}
	if cur := p2.all("nav.pages"); len(cur) != 1 || !strings.Contains(p2.body, `aria-current="page">2</a>`) {
		t.Error("page 2 not marked current")
	}
	h1, h2 := p1.hits(), p2.hits()
	if len(h2) != searchsvc.DefaultSize || h1[0] == h2[0] {
		t.Errorf("page 2 hits %q", h2)
	}
	// Past the end: a way back.
	p := loadPage(t, "/search?q=quokka&page=3", http.StatusOK)
	if !strings.Contains(textOf(p.one("div#empty")), "past the last result") || p.link("Go to the first page") != "/search?q=quokka" {
		t.Error("no past-the-end state")
	}
	// Filters reset the page: the form does not carry it.
	if strings.Contains(p2.body, `name="page"`) {
		t.Error("the form carries the page")
	}
}

func TestPageBadParameters(t *testing.T) {
	for _, tc := range []struct{ target, param, want string }{
		{"/search?q=oil&from=yesterday", "from", "From date"},
		{"/search?q=oil&to=2026-13-45", "to", "To date"},
		{"/search?q=oil&from=2026-06-01&to=2026-05-01", "from", "is after"},
		{"/search?q=oil&sort=cheapest", "sort", "Sort order"},
		{"/search?q=oil&page=abc", "page", "Page number"},
		{"/search?q=oil&page=0", "page", "Page number"},
		{"/search?q=oil&page=500", "page", "only the first 100 pages"},
		{"/search?q=oil&range=fortnight", "range", "Date preset"},
		{"/search?q=oil&q=gas", "q", "Search text"},
		{"/search?q=" + strings.Repeat("x", query.MaxBytes+1), "q", "Search text"},
		{"/search?q=%FF", "q", "UTF-8"},
		{"/?q=%zz", "q", "not a valid URL encoding"},
		{"/search?q=oil&source=%zz", "source", "not a valid URL encoding"},
		{"/search?q=oil&source=" + strings.Repeat("s", searchsvc.MaxValueBytes+1), "source", "Source filter"},
	} {
		p := loadPage(t, tc.target, http.StatusBadRequest)
		alert := p.all("div#err")
		if len(alert) != 1 || attr(alert[0], "role") != "alert" || !strings.Contains(textOf(alert[0]), tc.want) {
			t.Errorf("%s: alert %q", tc.target, p.body[:min(len(p.body), 300)])
			continue
		}
		if strings.Contains(p.body, `"error"`) || strings.Contains(p.body, "bad_parameter") {
			t.Errorf("%s: JSON error in the page", tc.target)
		}
		if attr(p.one("a.brand"), "href") != "/" || !p.has("input#q") {
			t.Errorf("%s: the page around the message is missing", tc.target)
		}
		id := map[string]string{"q": "q", "from": "from", "to": "to"}[tc.param]
		if id != "" && attr(p.one("input#"+id), "aria-invalid") != "true" {
			t.Errorf("%s: input %s not marked invalid", tc.target, id)
		}
		if tc.param == "sort" && strings.Contains(p.body, `name="sort"`) {
			t.Errorf("%s: the bad sort would be submitted again", tc.target)
		}
	}
	// What was typed is echoed in the charset the page declares.
	p := loadPage(t, "/search?q=ab%ff%fecd&source=x%ff", http.StatusBadRequest)
	if !utf8.ValidString(p.body) || attr(p.one("input#q"), "value") != "ab\uFFFDcd" {
		t.Errorf("invalid UTF-8 echoed: valid %v, q %q", utf8.ValidString(p.body), attr(p.one("input#q"), "value"))
	}
	// The filters typed stay in the form.
	p = loadPage(t, "/search?q=oil&source=Blockfront&tag=crypto&from=nope", http.StatusBadRequest)
	if f := p.facet("f-source"); f["Blockfront"] != (facetState{-1, true}) {
		t.Errorf("source kept as %+v", f)
	}
	if f := p.facet("f-tag"); !f["crypto"].Checked {
		t.Errorf("tag kept as %+v", f)
	}
}

func TestPageServiceErrors(t *testing.T) {
	srv, _ := newPageServer(t, searchsvc.Config{Timeout: time.Nanosecond}, httpapi.ServerConfig{}, Config{})
	rec := getPage(t, srv.Handler(), "/search?q=quokka")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "took too long") ||
		rec.Header().Get("Retry-After") == "" || rec.Header().Get("Content-Security-Policy") != PageCSP {
		t.Errorf("timeout: %d %s", rec.Code, searchtest.ClipBody(rec.Body.Bytes()))
	}
	// Overload: the page shares the API's slots and answers with a page.
	srv, _ = newPageServer(t, searchsvc.Config{}, httpapi.ServerConfig{MaxConcurrent: 1, QueueWait: time.Millisecond}, Config{})
	release := holdSlot(t, srv)
	rec = getPage(t, srv.Handler(), "/search?q=quokka")
	release()
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "busy") ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("overload: %d %s", rec.Code, searchtest.ClipBody(rec.Body.Bytes()))
	}
	if rec = getPage(t, srv.Handler(), "/search?q=quokka"); rec.Code != http.StatusOK {
		t.Errorf("after overload: %d", rec.Code)
	}
}

func TestPageEscapesArticleText(t *testing.T) {
	p := loadPage(t, "/search?q=onerror", http.StatusOK)
	var found bool
	for _, h := range p.hits() {
		if h == xssTitle {
			found = true
		}
	}
	if !found {
		t.Fatalf("the XSS article is not shown as text: %q", p.hits())
	}
	if !strings.Contains(p.body, "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;") {
		t.Error("title not escaped and highlighted")
	}
	if strings.Contains(p.body, "<script>alert") || strings.Contains(p.body, "<img") {
		t.Error("article markup in the page")
	}
	// A javascript: article URL is neutralized.
	p = loadPage(t, "/search?q=selfies", http.StatusOK)
	if strings.Contains(strings.ToLower(p.body), "javascript:") {
		t.Error("javascript: URL in the page")
	}
	// The query is echoed escaped everywhere.
	evil := `"><script>alert(9)</script><img src=x onerror=alert(8)>`
	p = loadPage(t, "/search?q="+url.QueryEscape(evil)+"&source="+url.QueryEscape(evil)+"&tag="+url.QueryEscape(evil), http.StatusOK)
	if strings.Contains(p.body, "<script>alert") || strings.Contains(p.body, "<img") {
		t.Error("query markup in the page")
	}
	if attr(p.one("input#q"), "value") != evil {
		t.Errorf("search box value %q", attr(p.one("input#q"), "value"))
	}
	if f := p.facet("f-source"); !f[evil].Checked {
		t.Errorf("source value not kept as text: %+v", f)
	}
}

func TestMarkedHTML(t *testing.T) {
	if got := markedHTML("a &lt;b&gt; <mark>c</mark>"); got != "a &lt;b&gt; <mark>c</mark>" {
		t.Errorf("trusted text changed: %q", got)
	}
	if got := string(markedHTML(`x <img src=y> <mark>z</mark>`)); strings.Contains(got, "<img") || strings.Contains(got, "<mark>") {
		t.Errorf("markup passed: %q", got)
	}
}

func TestRelTimeAndThousands(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		10 * time.Second: "just now", 5 * time.Minute: "5 minutes ago", time.Hour: "1 hour ago",
		30 * time.Hour: "yesterday", 3 * 24 * time.Hour: "3 days ago", 20 * 24 * time.Hour: "2 weeks ago",
		90 * 24 * time.Hour: "3 months ago", 800 * 24 * time.Hour: "2 years ago", -time.Hour: "scheduled",
	} {
		if got := relTime(now.Add(-d), now); got != want {
			t.Errorf("relTime(-%v) = %q, want %q", d, got, want)
		}
	}
	for n, want := range map[uint64]string{0: "0", 999: "999", 1000: "1,000", 34947: "34,947", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

func TestPageStaticAssets(t *testing.T) {
	h := pageServer(t)
	p := loadPage(t, "/", http.StatusOK)
	var css, js string
	for _, l := range p.all("link") {
		if attr(l, "rel") == "stylesheet" {
			css = attr(l, "href")
		}
	}
	js = attr(p.one("script"), "src")
	for _, tc := range []struct{ url, ctype string }{{css, "text/css"}, {js, "text/javascript"}, {"/static/icon.svg", "image/svg+xml"}} {
		rec := getPage(t, h, tc.url)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), tc.ctype) || rec.Body.Len() == 0 {
			t.Errorf("%s: %d %q", tc.url, rec.Code, rec.Header().Get("Content-Type"))
		}
		etag := rec.Header().Get("ETag")
		if strings.Contains(tc.url, "?v=") != strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Cache-Control %q", tc.url, rec.Header().Get("Cache-Control"))
		}
		if rec = getPage(t, h, tc.url, "If-None-Match", etag); rec.Code != http.StatusNotModified {
			t.Errorf("%s: revalidation gave %d", tc.url, rec.Code)
		}
	}
	if rec := getPage(t, h, "/static/nope.js"); rec.Code != http.StatusNotFound {
		t.Errorf("missing asset: %d", rec.Code)
	}
	js0, _ := webFiles.ReadFile("static/app.js")
	if len(js0) >= 8000 {
		t.Errorf("app.js is %d bytes; keep it under 8 kB", len(js0))
	}
	for _, forbidden := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", ".style"} {
		if strings.Contains(string(js0), forbidden) {
			t.Errorf("app.js uses %s", forbidden)
		}
	}
}

// TestEmbedSnippet checks the documented search box for the news site's
// pages: a GET form to /search with a labelled q field, which lands on a
// results page.
func TestEmbedSnippet(t *testing.T) {
	b, err := webFiles.ReadFile("snippet.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	forms := selectAll(doc, "form")
	if len(forms) != 1 || attr(forms[0], "method") != "get" || attr(forms[0], "role") != "search" {
		t.Fatalf("want one GET search form")
	}
	action, err := url.Parse(attr(forms[0], "action"))
	if err != nil || action.Host != "search.example.com" || action.Path != "/search" {
		t.Fatalf("action %q", attr(forms[0], "action"))
	}
	in := selectAll(forms[0], "input")
	if len(in) != 1 || attr(in[0], "name") != "q" || len(selectAll(forms[0], "label")) != 1 ||
		attr(selectAll(forms[0], "label")[0], "for") != attr(in[0], "id") || hasAttr(forms[0], "style") {
		t.Fatal("the snippet needs one labelled q field and no inline style")
	}
	// What the browser submits renders a results page.
	p := loadPage(t, action.Path+"?q=quokka", http.StatusOK)
	if len(p.hits()) != quokkaTotal {
		t.Errorf("hits %q", p.hits())
	}
}

// TestPageWeight bounds what a results page costs to load: HTML, CSS and
// JavaScript, uncompressed.
func TestPageWeight(t *testing.T) {
	css, _ := webFiles.ReadFile("static/app.css")
	js, _ := webFiles.ReadFile("static/app.js")
	const limit = 30_000
	// Typical queries, the listing, a page with filters, and a month by
	// day (the most histogram bars).
	for _, target := range []string{"/search?q=prices", "/search?q=quokka&source=Alpine+Courier", "/search",
		"/search?q=market&sort=newest&page=2", "/search?from=2026-05-01&to=2026-05-31", "/search?q=oil+prices&tag=energy&tag=markets&range=365d"} {
		p := loadPage(t, target, http.StatusOK)
		total := len(p.body) + len(css) + len(js)
		t.Logf("%s: HTML %d + CSS %d + JS %d = %d bytes", target, len(p.body), len(css), len(js), total)
		if total >= limit {
			t.Errorf("%s weighs %d bytes; the budget is %d", target, total, limit)
		}
	}
}

// parseOpenSearch parses an OpenSearch document strictly, as a browser's
// XML parser would: the prolog must be markup, nothing but white space may
// stand outside the root element, and moz:SearchForm must resolve to the
// Mozilla namespace.
func parseOpenSearch(t *testing.T, body []byte) (doc struct {
	XMLName   xml.Name `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName string
	Urls      []struct {
		Type     string `xml:"type,attr"`
		Template string `xml:"template,attr"`
	} `xml:"Url"`
	SearchForm string `xml:"http://www.mozilla.org/2006/browser/search/ SearchForm"`
}) {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("<?xml ")) {
		t.Fatalf("no XML prolog: %.60q", body)
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, body)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(tk)) > 0 {
				t.Fatalf("text outside the root element: %q", tk)
			}
		}
	}
	if roots != 1 {
		t.Fatalf("%d root elements", roots)
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestOpenSearch(t *testing.T) {
	h := pageServer(t)
	for _, tc := range []struct {
		host, base string
		vary       bool
	}{
		{"localhost:8080", "http://localhost:8080", true},
		{"127.0.0.1:9", "http://127.0.0.1:9", true},
		{"[::1]:8080", "http://[::1]:8080", true},
		// Not allowed: never echoed, whatever it holds.
		{"example.com", "http://localhost", false},
		{"evil.example", "http://localhost", false},
		{`evil.example"><x`, "http://localhost", false},
		{"localhost.evil.example", "http://localhost", false},
	} {
		req := httptest.NewRequest(http.MethodGet, "/opensearch.xml", nil)
		req.Host = tc.host
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-Host", "evil.example")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/opensearchdescription+xml; charset=utf-8" {
			t.Fatalf("%s: %d %q", tc.host, rec.Code, rec.Header().Get("Content-Type"))
		}
		doc := parseOpenSearch(t, rec.Body.Bytes())
		want := map[string]string{
			"text/html":                             tc.base + "/search?q={searchTerms}",
			"application/x-suggestions+json":        tc.base + "/opensearch/suggest?q={searchTerms}",
			"application/opensearchdescription+xml": tc.base + "/opensearch.xml",
		}
		if doc.ShortName != DefaultSiteName || len(doc.Urls) != len(want) || doc.SearchForm != tc.base+"/" {
			t.Errorf("%s: %+v", tc.host, doc)
		}
		for _, u := range doc.Urls {
			if want[u.Type] != u.Template {
				t.Errorf("%s: Url %s: %q, want %q", tc.host, u.Type, u.Template, want[u.Type])
			}
		}
		if strings.Contains(rec.Body.String(), "evil") {
			t.Errorf("%s: the request's Host or forwarding headers are echoed", tc.host)
		}
		if got := rec.Header().Get("Vary") == "Host"; got != tc.vary {
			t.Errorf("%s: Vary: Host is %v, want %v", tc.host, got, tc.vary)
		}
	}
	// A configured base URL and site name win; allowed hosts are used as is.
	srv, svc := newPageServer(t, searchsvc.Config{}, httpapi.ServerConfig{}, Config{SiteName: `News & "Co" <b>`, BaseURL: "https://news.example/"})
	rec := getPage(t, srv.Handler(), "/opensearch.xml")
	doc := parseOpenSearch(t, rec.Body.Bytes())
	if doc.ShortName != `News & "Co" <b>` || doc.Urls[0].Template != "https://news.example/search?q={searchTerms}" {
		t.Errorf("%+v", doc)
	}
	srv2, _ := newPageServer(t, searchsvc.Config{}, httpapi.ServerConfig{}, Config{AllowedHosts: []string{"news.internal:8080"}})
	req := httptest.NewRequest(http.MethodGet, "/opensearch.xml", nil)
	req.Host = "News.Internal:8080"
	rec = httptest.NewRecorder()
	srv2.Handler().ServeHTTP(rec, req)
	if doc := parseOpenSearch(t, rec.Body.Bytes()); doc.Urls[0].Template != "http://news.internal:8080/search?q={searchTerms}" {
		t.Errorf("allowed host: %+v", doc)
	}
	for _, base := range []string{"ftp://x", "https://news.example/find", "news.example"} {
		if err := (Config{BaseURL: base}).Validate(); err == nil {
			t.Errorf("base URL %q accepted", base)
		}
	}
	if err := Register(srv, svc, Config{}); err == nil {
		t.Error("registered twice")
	}

	// Address-bar suggestions in the OpenSearch JSON format.
	rec = getPage(t, h, "/opensearch/suggest?q=quokka+cen")
	var sug []json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &sug); err != nil || len(sug) != 2 {
		t.Fatalf("%s: %v", rec.Body.String(), err)
	}
	var q string
	var list []string
	json.Unmarshal(sug[0], &q)
	json.Unmarshal(sug[1], &list)
	if q != "quokka cen" || !slices.Contains(list, "quokka census") || !slices.Contains(list, "Quokka census finds record numbers on the island") {
		t.Errorf("suggestions %q %q", q, list)
	}
	if rec = getPage(t, h, "/opensearch/suggest?q="); rec.Body.String() != `["",[]]` {
		t.Errorf("empty: %s", rec.Body.String())
	}
}

// TestPageContrast checks the colour pairs of app.css against WCAG AA in
// both schemes: 4.5:1 for text, 3:1 for borders, focus rings and bars.
func TestPageContrast(t *testing.T) {
	css, _ := webFiles.ReadFile("static/app.css")
	s := string(css)
	i := strings.Index(s, "@media (prefers-color-scheme: dark)")
	if i < 0 {
		t.Fatal("no dark scheme")
	}
	varRE := regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})`)
	scheme := func(block string) map[string]string {
		m := map[string]string{}
		for _, v := range varRE.FindAllStringSubmatch(block, -1) {
			m[v[1]] = v[2]
		}
		return m
	}
	light := scheme(s[:i])
	dark := scheme(s[i : i+strings.Index(s[i:], "}\n}")])
	text := [][2]string{{"fg", "bg"}, {"muted", "bg"}, {"link", "bg"}, {"fg", "mark"}, {"fg", "surface"},
		{"muted", "surface"}, {"link", "chip"}, {"fg", "chip"}, {"muted", "chip"}, {"fg", "sel"}, {"on-accent", "accent"}}
	ui := [][2]string{{"border", "bg"}, {"focus", "bg"}, {"bar", "bg"}, {"accent", "bg"}, {"bad", "bg"}}
	for name, m := range map[string]map[string]string{"light": light, "dark": dark} {
		if len(m) < 14 {
			t.Fatalf("%s scheme: only %d colours found", name, len(m))
		}
		check := func(pairs [][2]string, min float64) {
			for _, p := range pairs {
				if m[p[0]] == "" || m[p[1]] == "" {
					t.Errorf("%s: --%s or --%s missing", name, p[0], p[1])
					continue
				}
				if r := contrast(m[p[0]], m[p[1]]); r < min {
					t.Errorf("%s: --%s on --%s has contrast %.2f, want %.1f", name, p[0], p[1], r, min)
				}
			}
		}
		check(text, 4.5)
		check(ui, 3)
	}
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	lum := func(h string) float64 {
		var l float64
		for i, w := range []float64{0.2126, 0.7152, 0.0722} {
			v, _ := strconv.ParseUint(h[1+2*i:3+2*i], 16, 8)
			c := float64(v) / 255
			if c <= 0.03928 {
				c /= 12.92
			} else {
				c = math.Pow((c+0.055)/1.055, 2.4)
			}
			l += w * c
		}
		return l
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// pageBenchQueries are the queries of the render benchmarks, as page and
// as API parameters (the same request: 10 hits, 12 values per facet, all
// facets).
var pageBenchQueries = []string{"q=market", "q=oil+prices&tag=energy", "q=quokka&source=Alpine+Courier", "q=", "q=inflaton"}

// BenchmarkRenderResults renders results pages through the HTTP handler:
// search, facets, template and all. Compare with BenchmarkAPISearch.
func BenchmarkRenderResults(b *testing.B) {
	benchHandler(b, func(q string) string { return "/search?" + q })
}

// BenchmarkAPISearch answers the same queries as JSON from
// GET /api/v1/search.
func BenchmarkAPISearch(b *testing.B) {
	benchHandler(b, func(q string) string {
		return "/api/v1/search?" + q + "&size=" + strconv.Itoa(searchsvc.DefaultSize) + "&facet_size=" + strconv.Itoa(DefaultPageFacetSize)
	})
}

func benchHandler(b *testing.B, target func(q string) string) {
	h := pageServer(b)
	for _, q := range pageBenchQueries {
		b.Run(q, func(b *testing.B) {
			u := target(q)
			if rec := getPage(b, h, u); rec.Code != http.StatusOK {
				b.Fatalf("%s: %d", u, rec.Code)
			}
			req := httptest.NewRequest(http.MethodGet, u, nil)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
			}
		})
	}
}

// TestPageAlsoIn checks that a story carried by several sources is one hit
// with an expandable "also in" list of the other copies.
func TestPageAlsoIn(t *testing.T) {
	p := loadPage(t, "/search?q=caldera+petroleum+platform", http.StatusOK)
	also := p.all("details.also")
	if len(also) == 0 {
		t.Fatalf("no also-in list: %s", searchtest.ClipBody([]byte(p.body)))
	}
	sum := textOf(selectAll(also[0], "summary")[0])
	if !strings.HasPrefix(sum, "Also in ") && !strings.Contains(sum, "more cop") {
		t.Errorf("summary %q", sum)
	}
	items := selectAll(also[0], "li")
	if len(items) == 0 {
		t.Fatal("the also-in list is empty")
	}
	for _, a := range selectAll(also[0], "a") {
		if h := attr(a, "href"); !strings.HasPrefix(h, "http") && !strings.HasPrefix(h, "/article/") {
			t.Errorf("copy link %q: want the copy's URL or its article page", h)
		}
	}
	// Collapsed: the same search without collapsing would list the copies
	// as hits of their own.
	_, svc := newPageServer(t, searchsvc.Config{}, httpapi.ServerConfig{}, Config{})
	res := searchtest.DoSearch(t, svc, "q=caldera+petroleum+platform&collapse=false&size=50")
	if len(p.hits()) >= len(res.Hits) {
		t.Errorf("page shows %d hits, every copy is %d: not collapsed", len(p.hits()), len(res.Hits))
	}
}

// TestPageAuthorFacet checks the author filter on the page: the sidebar
// lists the top authors with counts that match the API's facet, choosing
// one narrows the results to that author's stories, and its chip drops it.
func TestPageAuthorFacet(t *testing.T) {
	pageServer(t)
	res := searchtest.DoSearch(t, pageFix.svc, "q=")
	if res == nil || res.Facets == nil || res.Facets.Author == nil || len(res.Facets.Author.Values) == 0 {
		t.Fatal("the sample has no author facet")
	}
	top := res.Facets.Author.Values[0]
	p := loadPage(t, "/search", http.StatusOK)
	authors := p.facet("f-author")
	if len(authors) == 0 || len(authors) > searchsvc.TermFilters[searchsvc.TermFilterIndex("author")].PageFacetSize {
		t.Fatalf("author facet lists %d values: %+v", len(authors), authors)
	}
	if authors[top.Value] != (facetState{top.Count, false}) {
		t.Errorf("author %q: %+v, want count %d", top.Value, authors[top.Value], top.Count)
	}
	sel := loadPage(t, "/search?author="+url.QueryEscape(top.Value), http.StatusOK)
	if got := sel.count(); !strings.HasPrefix(got, strconv.Itoa(top.Count)+" ") {
		t.Errorf("count line %q, want %d results", got, top.Count)
	}
	if st := sel.facet("f-author")[top.Value]; !st.Checked {
		t.Errorf("selected author not checked: %+v", st)
	}
	chips := map[string]string{}
	for _, a := range selectAll(sel.one("ul.chips"), "a") {
		chips[textOf(a)] = attr(a, "href")
	}
	if href := chips[top.Value+" ×"]; href != "/search" {
		t.Errorf("chip of %q links to %q, want /search (chips %v)", top.Value, href, chips)
	}
}

// TestCountLabel checks the count line's wording: both counts when copies
// are grouped into stories, singular and plural right.
func TestCountLabel(t *testing.T) {
	for _, tc := range []struct {
		total, articles uint64
		counts, want    string
	}{
		{343, 413, searchsvc.CountStories, "343 stories (413 articles)"},
		{1, 2, searchsvc.CountStories, "1 story (2 articles)"},
		{1, 1, searchsvc.CountStories, "1 story (1 article)"},
		{12345, 23456, searchsvc.CountStories, "12,345 stories (23,456 articles)"},
		{413, 413, searchsvc.CountArticles, "413 articles"},
		{1, 1, searchsvc.CountArticles, "1 article"},
		{0, 0, searchsvc.CountStories, "0 results"},
	} {
		res := &searchsvc.Response{Total: tc.total, TotalArticles: tc.articles, Counts: tc.counts}
		if got := countLabel(res); got != tc.want {
			t.Errorf("countLabel(%d, %d, %s) = %q, want %q", tc.total, tc.articles, tc.counts, got, tc.want)
		}
	}
}

// TestArticlePage checks GET /article/{id}: the cleaned text in
// paragraphs with its metadata, markup in the article shown as text, the
// story's other copies and related stories linked, and a result without a
// URL opening it.
func TestArticlePage(t *testing.T) {
	p := loadPage(t, "/article/page-wombat", http.StatusOK)
	if got := textOf(p.one("main h1")); got != wombatTitle {
		t.Errorf("h1 %q, want %q", got, wombatTitle)
	}
	if strings.Contains(p.body, "<script>alert") {
		t.Error("article markup in the page")
	}
	if got := textOf(p.one("title")); !strings.HasPrefix(got, wombatTitle+" – ") {
		t.Errorf("title %q", got)
	}
	meta := textOf(p.one("main p.meta"))
	for _, want := range []string{"Outback Post", "By Jo Hale", "10 Mar 2025"} {
		if !strings.Contains(meta, want) {
			t.Errorf("meta %q lacks %q", meta, want)
		}
	}
	paras := p.all("div.text p")
	if len(paras) != 2 || !strings.HasPrefix(textOf(paras[1]), "The survey found") {
		t.Errorf("%d paragraphs, want the body's 2", len(paras))
	}
	if p.has("a#read") {
		t.Error("a source link for an article without URL")
	}
	if tags := p.all("ul.tags a"); len(tags) != 1 || attr(tags[0], "href") != "/search?tag=wildlife" {
		t.Errorf("tag links: %d", len(tags))
	}
	copies := selectAll(p.one("section.story"), "a")
	if len(copies) != 1 || attr(copies[0], "href") != "/article/page-wombat-copy" || textOf(copies[0]) != "Plains Herald" {
		t.Errorf("story copies: %d %v", len(copies), copies)
	}
	if h := textOf(p.one("section.story h2")); h != "Republished by" {
		t.Errorf("story heading of the original %q", h)
	}
	var related []string
	for _, a := range selectAll(p.one("section.related"), "a") {
		related = append(related, attr(a, "href"))
	}
	if !slices.Contains(related, "https://plainsherald.example/wombat-crossings") {
		t.Errorf("related links %q lack the wombat crossing story", related)
	}
	if slices.Contains(related, "/article/page-wombat-copy") {
		t.Error("the story's own copy is listed as related")
	}

	// The copy names its original.
	p = loadPage(t, "/article/page-wombat-copy", http.StatusOK)
	if h := textOf(p.one("section.story h2")); h != "The same story elsewhere" {
		t.Errorf("story heading of a copy %q", h)
	}
	if li := textOf(p.one("section.story li")); !strings.Contains(li, "Outback Post") || !strings.Contains(li, "original") {
		t.Errorf("copy's story list %q does not name the original", li)
	}

	// An id holding "/" and "?" is one escaped path segment.
	if got := articlePath("page/wombat?related"); got != "/article/page%2Fwombat%3Frelated" {
		t.Errorf("articlePath = %q", got)
	}
	p = loadPage(t, articlePath("page/wombat?related"), http.StatusOK)
	if got := textOf(p.one("main h1")); got != "Wombat crossings cut road deaths" {
		t.Errorf("escaped id: h1 %q", got)
	}
	if attr(p.one("a#read"), "href") != "https://plainsherald.example/wombat-crossings" {
		t.Error("no link to the source")
	}

	// A javascript: URL is never linked.
	p = loadPage(t, "/article/page-q2", http.StatusOK)
	if p.has("a#read") || strings.Contains(strings.ToLower(p.body), "javascript:") {
		t.Error("javascript: URL linked from the article page")
	}

	// No such article: a 404 page with a search box.
	p = loadPage(t, "/article/no-such-article", http.StatusNotFound)
	if !strings.Contains(textOf(p.one("#empty")), "no-such-article") || !p.has("input#q") {
		t.Errorf("404 page: %s", searchtest.ClipBody([]byte(p.body)))
	}
}

// TestResultsOpenSomething checks that every result opens something: a
// result without a URL links to its article page, one with a URL also
// offers it, and "also in" copies without a URL link to theirs.
func TestResultsOpenSomething(t *testing.T) {
	p := loadPage(t, "/search?q=wombat+burrows", http.StatusOK)
	var titles []string
	for _, a := range p.all("ol.hits h2 a") {
		titles = append(titles, attr(a, "href"))
	}
	if !slices.Contains(titles, "/article/page-wombat") && !slices.Contains(titles, "/article/page-wombat-copy") {
		t.Errorf("title links %q: the url-less story does not open its article page", titles)
	}
	if !slices.Contains(titles, "https://plainsherald.example/wombat-crossings") {
		t.Errorf("title links %q: the article with a URL does not link to it", titles)
	}
	var here []string
	for _, a := range p.all("ol.hits p.meta a") {
		here = append(here, attr(a, "href"))
	}
	if !slices.Contains(here, "/article/page%2Fwombat%3Frelated") {
		t.Errorf("'read here' links %q lack the article with a URL", here)
	}
	also := p.all("details.also a")
	if len(also) == 0 || !strings.HasPrefix(attr(also[0], "href"), "/article/page-wombat") {
		t.Errorf("also-in copy links: %d", len(also))
	}
	// A javascript: URL falls back to the article page.
	p = loadPage(t, "/search?q=selfies", http.StatusOK)
	if h := attr(p.one("ol.hits h2 a"), "href"); h != "/article/page-q2" {
		t.Errorf("title link of an article with a javascript: URL %q", h)
	}
}

func TestTitleHTMLUntitled(t *testing.T) {
	for in, want := range map[string]template.HTML{"": "(untitled)", "  ": "(untitled)", "<mark>Oil</mark> rises": "<mark>Oil</mark> rises", "a <b>": "a &lt;b&gt;"} {
		if got := titleHTML(in); got != want {
			t.Errorf("titleHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPageNotFound: an unknown path is an HTML page with the search box
// for a browser, and the API's JSON error for other clients and under
// /api/.
func TestPageNotFound(t *testing.T) {
	h := pageServer(t)
	rec := getPage(t, h, "/nope", "Accept", "text/html,application/xhtml+xml")
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(rec.Body.String(), "Page not found") || !strings.Contains(rec.Body.String(), `id="q"`) {
		t.Errorf("browser: %d %s\n%s", rec.Code, rec.Header().Get("Content-Type"), searchtest.ClipBody(rec.Body.Bytes()))
	}
	for _, tc := range []struct{ path, accept string }{{"/nope", ""}, {"/nope", "application/json"}, {"/api/v1/nope", "text/html"}} {
		rec := getPage(t, h, tc.path, "Accept", tc.accept)
		if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || !strings.Contains(rec.Body.String(), `"not_found"`) {
			t.Errorf("%s (Accept %q): %d %s %s", tc.path, tc.accept, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
	}
}
