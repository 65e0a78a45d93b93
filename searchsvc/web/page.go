package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/httpapi"

	"github.com/gin-gonic/gin"
)

//go:embed templates static snippet.html
var webFiles embed.FS

// PageCSP is the Content-Security-Policy of the HTML pages: scripts, styles
// and images from the service itself only, nothing inline, no framing.
const PageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Defaults of Config.
const (
	DefaultSiteName      = "syndex"
	DefaultPageFacetSize = 8
	// maxBars bounds the bars of the date histogram; more buckets are
	// merged into fewer bars.
	maxBars = 24
)

// Config configures the HTML search pages. The zero value gives the
// defaults.
type Config struct {
	// SiteName names the site in the header, the page titles and the
	// OpenSearch description (DefaultSiteName if empty).
	SiteName string
	// BaseURL is the public address of the service
	// (https://search.example.com), used where an absolute URL is needed
	// (opensearch.xml). The pages link with absolute paths (/search,
	// /static/...), so the service is at the root of that host. Empty: the
	// request's Host if it is one of AllowedHosts or a loopback name
	// (localhost, 127.0.0.1, [::1], any port), else http://localhost. The
	// Host header alone is never trusted: the document is cached for a day
	// by browsers and proxies, so echoing it would let one request poison
	// the cache for everyone.
	BaseURL string
	// AllowedHosts are further host[:port] names this service is reached
	// at over plain http, for absolute links when BaseURL is empty.
	AllowedHosts []string
	// PageSize is the number of results per page (searchsvc.DefaultSize if zero, at
	// most searchsvc.MaxSize).
	PageSize int
	// FacetSize is the number of values listed per facet
	// (DefaultPageFacetSize if zero); selected values are always listed.
	FacetSize int
	// Log receives page errors (nil: slog.Default()).
	Log *slog.Logger
}

// asset is an embedded static file.
type asset struct {
	body  []byte
	ctype string
	etag  string
}

// pages serves the HTML pages of a Server.
type pages struct {
	srv    *httpapi.Server
	svc    *searchsvc.Service
	log    *slog.Logger
	cfg    Config
	page   *template.Template
	osd    *template.Template
	assets map[string]asset
	// css, js and icon are the versioned URLs of the assets.
	css, js, icon string
	bufs          sync.Pool
	// changed remembers when each feed last changed (feeds.go).
	changed feedChanges
}

// Register adds the search pages to the server: GET / and GET /search
// (the HTML search page), GET /article/:id (one article with its story's
// copies and related stories, so a result without a URL still opens
// something), GET /opensearch.xml (OpenSearch description, so
// that browsers offer the search in the address bar), GET
// /opensearch/suggest (suggestions in the OpenSearch JSON format), GET
// /search.atom, /search.rss and /search.json (the search as a feed, see
// feeds.go) and GET /static/:name (the embedded CSS, JavaScript and icon). Searches share the
// API's concurrency limit. It fails when the pages are registered already.
func Register(srv *httpapi.Server, svc *searchsvc.Service, cfg Config) error {
	if cfg.SiteName == "" {
		cfg.SiteName = DefaultSiteName
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = searchsvc.DefaultSize
	}
	cfg.PageSize = min(cfg.PageSize, searchsvc.MaxSize)
	if cfg.FacetSize <= 0 {
		cfg.FacetSize = DefaultPageFacetSize
	}
	cfg.FacetSize = min(cfg.FacetSize, searchsvc.MaxFacetSize)
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if err := cfg.Validate(); err != nil {
		return err
	}
	for _, r := range srv.Engine().Routes() {
		if r.Method == http.MethodGet && r.Path == "/search" {
			return errors.New("the search pages are already registered on this server")
		}
	}
	p := &pages{srv: srv, svc: svc, log: cfg.Log, cfg: cfg, assets: map[string]asset{}}
	p.bufs.New = func() any { return new(bytes.Buffer) }
	var err error
	if p.page, err = template.ParseFS(webFiles, "templates/*.html"); err != nil {
		return fmt.Errorf("parse page templates: %w", err)
	}
	static, err := fs.Sub(webFiles, "static")
	if err != nil {
		return err
	}
	for name, ctype := range map[string]string{
		"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8", "icon.svg": "image/svg+xml",
	} {
		b, err := fs.ReadFile(static, name)
		if err != nil {
			return fmt.Errorf("embedded asset: %w", err)
		}
		sum := sha256.Sum256(b)
		p.assets[name] = asset{body: b, ctype: ctype, etag: hex.EncodeToString(sum[:6])}
	}
	p.css, p.js, p.icon = p.assetURL("app.css"), p.assetURL("app.js"), p.assetURL("icon.svg")

	e := srv.Engine()
	e.GET("/static/:name", p.static)
	e.GET("/opensearch.xml", p.openSearch)
	g := e.Group("", p.recovery, srv.Limited(p.busy))
	g.GET("/", p.search)
	g.GET("/search", p.search)
	g.GET("/opensearch/suggest", p.suggest)
	g.GET("/article/:id", p.article)
	for _, ff := range feedFormats {
		g.GET(ff.path, p.feed(ff))
	}
	e.NoRoute(p.notFound)
	return nil
}

// notFound answers an unknown path: a browser (asking for HTML, outside
// the API) gets the search page saying so, any other client the API's
// JSON error.
func (p *pages) notFound(c *gin.Context) {
	path := c.Request.URL.Path
	if strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/admin/") || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		httpapi.NotFound(c)
		return
	}
	v := p.newView(pageState{Page: 1})
	v.ErrHead, v.Error = "Page not found", "There is no page at this address. Search the news instead."
	v.Title = "Page not found – " + v.Site
	p.render(c, http.StatusNotFound, v)
}

func (p *pages) assetURL(name string) string {
	return "/static/" + name + "?v=" + p.assets[name].etag
}

// static serves an embedded asset; the versioned URL the pages use is
// cached for a year, others briefly.
func (p *pages) static(c *gin.Context) {
	a, ok := p.assets[c.Param("name")]
	if !ok {
		httpapi.WriteError(c, http.StatusNotFound, httpapi.CodeNotFound, "no such file", "")
		return
	}
	h := c.Writer.Header()
	h.Set("ETag", `"`+a.etag+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	if c.Query("v") == a.etag {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if inm := c.GetHeader("If-None-Match"); inm != "" && strings.Contains(inm, `"`+a.etag+`"`) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.ctype, a.body)
}

// baseURL is the public URL of the service for absolute links, and
// whether it came from the request (so responses must vary by Host).
func (p *pages) baseURL(c *gin.Context) (string, bool) {
	if p.cfg.BaseURL != "" {
		return p.cfg.BaseURL, false
	}
	host := strings.ToLower(c.Request.Host)
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	if slices.Contains(p.cfg.AllowedHosts, host) || slices.Contains(p.cfg.AllowedHosts, name) ||
		name == "localhost" || name == "127.0.0.1" || name == "::1" || name == "[::1]" {
		scheme := "http"
		if c.Request.TLS != nil {
			scheme = "https"
		}
		return scheme + "://" + host, true
	}
	return "http://localhost", false
}

// openSearchDoc is the OpenSearch 1.1 description document, written by
// encoding/xml so every value is escaped as XML and the prolog is markup.
type openSearchDoc struct {
	XMLName       xml.Name        `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	Moz           string          `xml:"xmlns:moz,attr"`
	ShortName     string          `xml:"ShortName"`
	Description   string          `xml:"Description"`
	InputEncoding string          `xml:"InputEncoding"`
	Image         openSearchImg   `xml:"Image"`
	URLs          []openSearchURL `xml:"Url"`
	SearchForm    string          `xml:"moz:SearchForm"`
}

type openSearchImg struct {
	Type string `xml:"type,attr"`
	URL  string `xml:",chardata"`
}

type openSearchURL struct {
	Type     string `xml:"type,attr"`
	Method   string `xml:"method,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// openSearch serves the OpenSearch description document.
func (p *pages) openSearch(c *gin.Context) {
	base, fromHost := p.baseURL(c)
	doc := openSearchDoc{
		Moz:           "http://www.mozilla.org/2006/browser/search/",
		ShortName:     p.cfg.SiteName,
		Description:   "Search the news indexed by " + p.cfg.SiteName,
		InputEncoding: "UTF-8",
		Image:         openSearchImg{Type: "image/svg+xml", URL: base + p.icon},
		URLs: []openSearchURL{
			{Type: "text/html", Method: "get", Template: base + "/search?q={searchTerms}"},
			{Type: "application/x-suggestions+json", Method: "get", Template: base + "/opensearch/suggest?q={searchTerms}"},
			{Type: "application/opensearchdescription+xml", Method: "get", Rel: "self", Template: base + "/opensearch.xml"},
		},
		SearchForm: base + "/",
	}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		p.srv.Fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Cache-Control", "public, max-age=86400")
	if fromHost {
		c.Header("Vary", "Host")
	}
	c.Data(http.StatusOK, "application/opensearchdescription+xml; charset=utf-8", append([]byte(xml.Header), append(body, '\n')...))
}

// suggest answers browsers' address-bar suggestions in the OpenSearch
// suggestions format: ["query", ["completion", ...]].
func (p *pages) suggest(c *gin.Context) {
	q := c.Query("q")
	if len(q) > searchsvc.MaxSuggestBytes || !utf8.ValidString(q) {
		q = ""
	}
	var out []string
	if strings.TrimSpace(q) != "" {
		sug, err := p.svc.Suggest(c.Request.Context(), q, 8)
		if err != nil {
			p.srv.Fail(c, err)
			return
		}
		head := q[:len(q)-len(lastWord(q))]
		for _, t := range sug.Terms {
			out = append(out, head+t.Term)
		}
		for _, cp := range sug.Completions {
			out = append(out, cp.Title)
		}
	}
	b, _ := json.Marshal([]any{q, append([]string{}, out...)})
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "application/x-suggestions+json", b)
}

// lastWord returns the word being typed at the end of q ("" after a space).
func lastWord(q string) string {
	i := strings.LastIndexAny(q, " \t\n")
	return q[i+1:]
}

// recovery renders a panic as the friendly error page.
func (p *pages) recovery(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			p.log.Error("panic serving page", "path", c.Request.URL.Path, "panic", fmt.Sprint(r),
				"stack", string(debug.Stack()))
			if c.Writer.Written() {
				c.Abort()
				return
			}
			v := p.newView(pageState{Page: 1})
			v.Error = "Something went wrong on our side. Please try again."
			p.render(c, http.StatusInternalServerError, v)
			c.Abort()
		}
	}()
	c.Next()
}

// busy renders the overload page (the API answers JSON instead).
func (p *pages) busy(c *gin.Context) {
	v := p.newView(pageState{Page: 1})
	v.Error = "The search service is busy right now. Please try again in a moment."
	p.render(c, http.StatusServiceUnavailable, v)
}

func (p *pages) search(c *gin.Context) {
	start := time.Now()
	st := pageState{Page: 1}
	var req searchsvc.Request
	vals, err := searchsvc.Query(c.Request.URL.RawQuery)
	if err == nil {
		st, req, err = p.parsePage(vals)
	}
	st = st.valid()
	var res *searchsvc.Response
	if err == nil {
		res, err = p.svc.Search(c.Request.Context(), req)
	}
	searched := time.Since(start)
	v := p.newView(st)
	status := http.StatusOK
	if err != nil {
		status = p.pageError(c, v, err)
		if v.ErrParam == "from" || v.ErrParam == "to" || v.ErrParam == "range" {
			v.St.Range, v.St.From, v.St.To = "", "", "" // not a filter in force
		}
		v.Groups = facetGroups(func(i int, param string) []facetItem { return selectedOnly(st.Terms[i], param) })
		p.filterLinks(v, nil)
	} else {
		p.fill(v, res)
	}
	c.Header("Server-Timing", fmt.Sprintf("search;dur=%.2f", float64(searched.Microseconds())/1000))
	p.render(c, status, v)
}

// pageError puts the friendly message of err on the page and returns the
// HTTP status.
func (p *pages) pageError(c *gin.Context, v *pageView, err error) int {
	var pe *searchsvc.ParamError
	switch {
	case errors.As(err, &pe):
		label := paramLabels[pe.Param]
		if label == "" {
			label = pe.Param
		}
		msg := pe.Msg
		if pe.Param == "page" && strings.Contains(msg, "cursor") {
			msg = fmt.Sprintf("only the first %d pages of results can be shown; narrow the search with words or filters", searchsvc.MaxPageDepth/p.cfg.PageSize)
		}
		v.Error, v.ErrParam = label+": "+msg+".", pe.Param
		v.Title = "Check your search – " + v.Site
		return http.StatusBadRequest
	case errors.Is(err, searchsvc.ErrTimeout):
		c.Header("Retry-After", "1")
		v.Error = "This search took too long and was stopped. Try fewer words or narrower filters."
		return http.StatusServiceUnavailable
	case errors.Is(err, searchsvc.ErrClosed), errors.Is(err, context.Canceled):
		c.Header("Retry-After", "1")
		v.Error = "The search service is restarting. Please try again in a moment."
		return http.StatusServiceUnavailable
	default:
		p.log.Error("search page failed", "path", c.Request.URL.Path, "err", err)
		v.Error = "Something went wrong on our side. Please try again."
		return http.StatusInternalServerError
	}
}

func (p *pages) render(c *gin.Context, status int, v *pageView) {
	p.renderTemplate(c, status, "page", v)
}

// renderTemplate writes template name over v as an HTML page; a template
// that fails renders a short error page instead of half a page.
func (p *pages) renderTemplate(c *gin.Context, status int, name string, v any) {
	buf := p.bufs.Get().(*bytes.Buffer)
	defer p.putBuf(buf)
	if err := p.page.ExecuteTemplate(buf, name, v); err != nil {
		p.log.Error("render page", "template", name, "err", err)
		buf.Reset()
		status = http.StatusInternalServerError
		buf.WriteString("<!doctype html><title>Error</title><p>Something went wrong on our side. Please try again.</p>")
	}
	setPageHeaders(c.Writer.Header())
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

func (p *pages) putBuf(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		p.bufs.Put(b)
	}
}

// setPageHeaders sets the security and caching headers of an HTML page.
func setPageHeaders(h http.Header) {
	h.Set("Content-Security-Policy", PageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Cache-Control", "no-cache")
}

// markedHTML trusts text from the service's highlighter, which escapes every
// character of the article and adds only <mark> elements, as HTML. As a
// defence in depth, anything else that looks like markup makes it escape
// the whole text again.
// titleHTML is a hit's highlighted title for a link, "(untitled)" when it
// has none: an empty link can be neither seen nor clicked.
func titleHTML(s string) template.HTML {
	if strings.TrimSpace(s) == "" {
		return "(untitled)"
	}
	return markedHTML(s)
}

func markedHTML(s string) template.HTML {
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(rest, `<>"`) {
		return template.HTML(template.HTMLEscapeString(rest))
	}
	return template.HTML(s)
}

// relTime says how long before now t was, in words.
func relTime(t, now time.Time) string {
	d := now.Sub(t)
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit + " ago"
		}
		return strconv.Itoa(n) + " " + unit + "s ago"
	}
	day := 24 * time.Hour
	switch {
	case d < -time.Minute:
		return "scheduled"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < day:
		return plural(int(d/time.Hour), "hour")
	case d < 2*day:
		return "yesterday"
	case d < 14*day:
		return plural(int(d/day), "day")
	case d < 60*day:
		return plural(int(d/(7*day)), "week")
	case d < 365*day:
		return plural(int(d/(30*day)), "month")
	default:
		return plural(int(d/(365*day)), "year")
	}
}

// thousands formats n with thousands separators.
func thousands(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func without(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// Validate reports a page configuration that cannot work, so `syndex serve`
// can refuse bad flags before it starts.
func (c Config) Validate() error {
	base := strings.TrimRight(c.BaseURL, "/")
	if base == "" {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
		return fmt.Errorf("page base URL %q: want http(s)://host[:port]", c.BaseURL)
	}
	return nil
}

// pageAlsoIn bounds the copies listed under a hit on the page.
const pageAlsoIn = 5

// alsoIn describes the other copies of a hit's story, or nil.
func alsoIn(h searchsvc.Hit) *alsoView {
	if h.Copies == 0 || len(h.AlsoIn) == 0 {
		return nil
	}
	sources := map[string]bool{}
	for _, c := range h.AlsoIn {
		if c.Source != "" && c.Source != h.Source {
			sources[c.Source] = true
		}
	}
	atLeast := ""
	if h.Copies > len(h.AlsoIn) { // the list is cut at searchsvc.MaxAlsoIn
		atLeast = "at least "
	}
	av := &alsoView{Label: fmt.Sprintf("Also in %s%d other sources", atLeast, len(sources))}
	switch {
	case len(sources) == 1:
		av.Label = "Also in " + atLeast + "1 other source"
	case len(sources) == 0:
		av.Label = fmt.Sprintf("%d more copies", h.Copies)
		if h.Copies == 1 {
			av.Label = "1 more copy"
		}
	}
	for _, c := range h.AlsoIn[:min(len(h.AlsoIn), pageAlsoIn)] {
		cv := copyView{Source: c.Source, Link: hitLink(c.URL, c.ID), Abs: shortDate(c.Published)}
		if cv.Source == "" {
			cv.Source = "Unknown source"
		}
		av.Copies = append(av.Copies, cv)
	}
	av.More = h.Copies - len(av.Copies)
	av.StoryLink = articlePath(h.ID)
	return av
}
