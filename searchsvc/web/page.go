package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
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

// The search page. GET / and GET /search render the results as HTML on the
// server (html/template), so the page works with JavaScript turned off: every
// filter is a form field or a plain link and a URL reproduces the page.
// app.js only adds search-as-you-type suggestions, the "/" shortcut and
// instant submission of checkbox filters. Templates and assets are embedded
// in the binary.

//go:embed templates static opensearch.xml snippet.html
var webFiles embed.FS

// PageCSP is the Content-Security-Policy of the HTML pages: scripts, styles
// and images from the service itself only, nothing inline, no framing.
const PageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Defaults of Config.
const (
	DefaultSiteName      = "syndex"
	DefaultPageFacetSize = 12
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
	// /static/...), so the service is at the root of that host. Empty:
	// derived from each request's Host header and X-Forwarded-Proto.
	BaseURL string
	// PageSize is the number of results per page (searchsvc.DefaultSize if zero, at
	// most searchsvc.MaxSize).
	PageSize int
	// FacetSize is the number of sources and of tags listed
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
}

// RegisterPages adds the search pages to the server: GET / and GET /search
// (the HTML search page), GET /opensearch.xml (OpenSearch description, so
// that browsers offer the search in the address bar), GET
// /opensearch/suggest (suggestions in the OpenSearch JSON format) and GET
// /static/:name (the embedded CSS, JavaScript and icon). Searches share the
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
	if p.osd, err = template.ParseFS(webFiles, "opensearch.xml"); err != nil {
		return fmt.Errorf("parse opensearch.xml: %w", err)
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
	return nil
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

// baseURL is the public URL of the service for absolute links.
func (p *pages) baseURL(c *gin.Context) string {
	if p.cfg.BaseURL != "" {
		return p.cfg.BaseURL
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	} else if xf := c.GetHeader("X-Forwarded-Proto"); xf == "https" || xf == "http" {
		scheme = xf
	}
	host := c.Request.Host
	if host == "" || strings.ContainsFunc(host, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:[]", r))
	}) {
		host = "localhost"
	}
	return scheme + "://" + host
}

// openSearch serves the OpenSearch description document.
func (p *pages) openSearch(c *gin.Context) {
	buf := p.bufs.Get().(*bytes.Buffer)
	defer p.putBuf(buf)
	base := p.baseURL(c)
	err := p.osd.ExecuteTemplate(buf, "opensearch.xml", map[string]string{
		"Site": p.cfg.SiteName, "Base": base, "Icon": base + p.icon,
	})
	if err != nil {
		p.srv.Fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, "application/opensearchdescription+xml; charset=utf-8", buf.Bytes())
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

// pageState is what a search page URL says: the query, the filters, the
// sort and the page. Its URL method writes it back.
type pageState struct {
	Q       string
	Sources []string
	Tags    []string
	// Range is a date preset key; it applies only when From and To are
	// empty.
	Range    string
	From, To string
	Sort     string
	Page     int
}

// URL returns the page URL of st.
func (st pageState) URL() string {
	var b strings.Builder
	b.WriteString("/search")
	sep := byte('?')
	add := func(k, v string) {
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
	if st.Q != "" {
		add("q", st.Q)
	}
	for _, s := range st.Sources {
		add("source", s)
	}
	for _, t := range st.Tags {
		add("tag", t)
	}
	if st.Range != "" && st.From == "" && st.To == "" {
		add("range", st.Range)
	}
	if st.From != "" {
		add("from", st.From)
	}
	if st.To != "" {
		add("to", st.To)
	}
	if st.Sort != "" {
		add("sort", st.Sort)
	}
	if st.Page > 1 {
		add("page", strconv.Itoa(st.Page))
	}
	return b.String()
}

// with returns a copy of st changed by f, on its first page.
func (st pageState) with(f func(*pageState)) string {
	st.Sources = append([]string(nil), st.Sources...)
	st.Tags = append([]string(nil), st.Tags...)
	st.Page = 1
	f(&st)
	return st.URL()
}

// pageParams are the parameters a page URL passes on to searchsvc.ParseRequest.
var pageParams = []string{"q", "source", "tag", "from", "to", "sort", "page"}

// parsePage reads a page URL into its state and the search request. The
// state is filled as far as possible even on error, so that the page shows
// the user's input back.
func (p *pages) parsePage(v url.Values) (pageState, searchsvc.Request, error) {
	st := pageState{Q: v.Get("q"), Range: v.Get("range"), From: v.Get("from"), To: v.Get("to"), Sort: v.Get("sort"), Page: 1}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		st.Page = n
	}
	st.Sources = trimmedValues(v["source"])
	st.Tags = trimmedValues(v["tag"])
	api := url.Values{}
	for _, k := range pageParams {
		if vals, ok := v[k]; ok {
			api[k] = vals
		}
	}
	req, err := searchsvc.ParseRequest(api)
	if err != nil {
		return st, req, err
	}
	st.Sources, st.Tags = req.Sources, req.Tags
	if len(v["range"]) > 1 {
		return st, req, searchsvc.NewParamError("range", "given %d times; give it once", len(v["range"]))
	}
	if st.Range != "" {
		d := time.Duration(0)
		for _, dp := range searchsvc.DatePresets {
			if dp.Key == st.Range {
				d = dp.D
			}
		}
		if d == 0 {
			return st, req, searchsvc.NewParamError("range", "unknown preset %q; use 24h, 7d, 30d or 365d", searchsvc.Clip(st.Range))
		}
		if st.From == "" && st.To == "" {
			req.From = p.now().Add(-d)
		} else {
			st.Range = ""
		}
	}
	req.Size = p.cfg.PageSize
	req.FacetSize = p.cfg.FacetSize
	req.Facets = nil
	return st, req, req.Validate()
}

// now is the service's current time, as its fixed ranges use it.
func (p *pages) now() time.Time { return p.svc.Now().UTC().Truncate(time.Minute) }

// trimmedValues returns the non-empty trimmed values, for echoing input
// back when it could not be parsed.
func trimmedValues(vals []string) []string {
	var out []string
	for _, s := range vals {
		if s = strings.TrimSpace(s); s != "" && len(out) < searchsvc.MaxFilterValues {
			out = append(out, s)
		}
	}
	return out
}

// View model of the page template.
type (
	pageView struct {
		Site, Title   string
		CSS, JS, Icon string
		St            pageState
		// Error is the friendly message of a failed request; ErrParam the
		// parameter at fault.
		Error, ErrParam string
		ResetURL        string
		// Searched: a search ran and Total, Hits etc. are set.
		Searched    bool
		Listing     bool // no query: the newest articles
		Total, Took string
		TotalN      uint64
		First, Last int
		Hits        []hitView
		PastEnd     bool
		FirstURL    string
		// Corrected: the hits are those of Used; DidYouMean is a suggestion.
		Corrected              bool
		Used, Typed            string
		DidYouMean, DYMURL     string
		Ignored                string
		Chips                  []link
		ClearURL               string
		Sorts                  []link
		Sources, Tags          []facetItem
		Presets                []link
		AnyTimeURL             string
		AnyTime                bool
		CountRanges            bool
		FromInput, ToInput     string
		Hist                   *histView
		PrevURL, NextURL       string
		Pages                  []link
		ActiveFilters, Entered int
	}
	hitView struct {
		URL       string
		TitleHTML template.HTML
		Snippet   template.HTML
		Source    string
		Published string
		Abs, Rel  string
		Tags      []link
		Also      *alsoView
	}
	// alsoView is the "also in N sources" list of a story's other copies.
	alsoView struct {
		Label  string
		Copies []copyView
		More   int
	}
	copyView struct {
		Source, URL, Abs string
	}
	// link is a labelled URL; On marks the current choice, Count a number
	// to show (-1: none).
	link struct {
		Label, URL string
		On         bool
		Count      int
		Gap        bool
	}
	facetItem struct {
		Name, Value string
		Count       int
		Counted     bool
		Selected    bool
	}
	histView struct {
		W           int
		SVGW        int
		Label       string
		Bars        []bar
		First, Last string
	}
	bar struct {
		X, Y, H    int
		Label, URL string
		On         bool
	}
)

func (p *pages) newView(st pageState) *pageView {
	return &pageView{
		Site: p.cfg.SiteName, Title: p.cfg.SiteName + " search", CSS: p.css, JS: p.js, Icon: p.icon,
		St: st, ResetURL: "/", FromInput: dateInput(st.From), ToInput: dateInput(st.To),
	}
}

// facetGroup is one term facet of the sidebar.
type facetGroup struct {
	Title, ID string
	Items     []facetItem
}

// FacetGroups lists the term facets in sidebar order.
func (v *pageView) FacetGroups() []facetGroup {
	return []facetGroup{{"Sources", "f-source", v.Sources}, {"Tags", "f-tag", v.Tags}}
}

// dateInput is a date parameter as a date input shows it (YYYY-MM-DD).
func dateInput(s string) string {
	if len(s) >= 10 {
		if _, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return s[:10]
		}
	}
	return ""
}

// paramLabels name the parameters in error messages.
var paramLabels = map[string]string{
	"q": "Search text", "source": "Source filter", "tag": "Tag filter", "from": "From date", "to": "To date",
	"sort": "Sort order", "page": "Page number", "range": "Date preset",
}

// search renders the search page.
func (p *pages) search(c *gin.Context) {
	start := time.Now()
	st, req, err := p.parsePage(c.Request.URL.Query())
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
		v.Sources = selectedOnly(st.Sources, st.Tags, searchsvc.FacetSource)
		v.Tags = selectedOnly(st.Sources, st.Tags, searchsvc.FacetTag)
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

// selectedOnly lists the selected values of a facet without counts, for a
// page whose search did not run.
func selectedOnly(sources, tags []string, facet string) []facetItem {
	vals := sources
	if facet == searchsvc.FacetTag {
		vals = tags
	}
	out := make([]facetItem, 0, len(vals))
	for _, s := range vals {
		out = append(out, facetItem{Name: facet, Value: s, Selected: true})
	}
	return out
}

// fill builds the view of a search response.
func (p *pages) fill(v *pageView, res *searchsvc.Response) {
	st := v.St
	now := p.svc.Now()
	v.Searched = true
	v.Listing = strings.TrimSpace(st.Q) == ""
	v.TotalN = res.Total
	v.Total = thousands(res.Total)
	v.Took = strconv.FormatFloat(res.TookMS, 'f', 1, 64)
	if st.Q != "" {
		v.Title = st.Q + " – " + v.Site + " search"
	}
	v.First = (st.Page-1)*p.cfg.PageSize + 1
	v.Last = v.First + len(res.Hits) - 1
	if len(res.Hits) == 0 && res.Total > 0 {
		v.PastEnd = true
		v.FirstURL = st.with(func(*pageState) {})
	}
	for _, h := range res.Hits {
		hv := hitView{URL: h.URL, TitleHTML: markedHTML(h.TitleHTML), Snippet: markedHTML(h.Snippet), Source: h.Source}
		if t, err := time.Parse(time.RFC3339, h.Published); err == nil {
			hv.Published = h.Published
			hv.Abs = t.UTC().Format("2 Jan 2006, 15:04 UTC")
			hv.Rel = relTime(t, now)
		}
		hv.Also = alsoIn(h)
		for _, tag := range h.Tags {
			l := link{Label: tag, Count: -1}
			if slices.Contains(st.Tags, tag) {
				l.On = true
			} else {
				l.URL = st.with(func(s *pageState) { s.Tags = append(s.Tags, tag) })
			}
			hv.Tags = append(hv.Tags, l)
		}
		v.Hits = append(v.Hits, hv)
	}
	if res.Corrected {
		v.Corrected, v.Used, v.Typed = true, res.Query.Used, st.Q
	}
	if res.DidYouMean != "" && !(res.Corrected && res.DidYouMean == res.Query.Used) {
		v.DidYouMean = res.DidYouMean
		v.DYMURL = st.with(func(s *pageState) { s.Q = res.DidYouMean })
	}
	v.Ignored = strings.Join(res.Query.Ignored, ", ")
	if st.Q != "" {
		for _, s := range []string{searchsvc.SortRelevance, searchsvc.SortNewest} {
			v.Sorts = append(v.Sorts, link{Label: sortLabels[s], URL: st.with(func(x *pageState) { x.Sort = s }),
				On: res.Query.Sort == s})
		}
	}
	if f := res.Facets; f != nil {
		v.Sources = facetItems(searchsvc.FacetSource, f.Source)
		v.Tags = facetItems(searchsvc.FacetTag, f.Tag)
	}
	p.filterLinks(v, res)
	p.pagination(v, res)
}

var sortLabels = map[string]string{searchsvc.SortRelevance: "Relevance", searchsvc.SortNewest: "Newest"}

// facetItems turns a term facet into checkbox items.
func facetItems(name string, tf *searchsvc.TermFacet) []facetItem {
	if tf == nil {
		return nil
	}
	out := make([]facetItem, 0, len(tf.Values))
	for _, fv := range tf.Values {
		out = append(out, facetItem{Name: name, Value: fv.Value, Count: fv.Count, Counted: true, Selected: fv.Selected})
	}
	return out
}

// filterLinks builds the active filter chips, the date presets and the
// histogram.
func (p *pages) filterLinks(v *pageView, res *searchsvc.Response) {
	st := v.St
	for _, s := range st.Sources {
		v.Chips = append(v.Chips, link{Label: s, URL: st.with(func(x *pageState) { x.Sources = without(x.Sources, s) })})
	}
	for _, t := range st.Tags {
		v.Chips = append(v.Chips, link{Label: "#" + t, URL: st.with(func(x *pageState) { x.Tags = without(x.Tags, t) })})
	}
	dropDates := func(x *pageState) { x.Range, x.From, x.To = "", "", "" }
	activeRange := ""
	if st.From == "" && st.To == "" {
		activeRange = st.Range
	}
	switch {
	case activeRange != "":
		for _, dp := range searchsvc.DatePresets {
			if dp.Key == activeRange {
				v.Chips = append(v.Chips, link{Label: dp.PageLabel, URL: st.with(dropDates)})
			}
		}
	case st.From != "" || st.To != "":
		label := "From " + orDots(dateInput(st.From)) + " to " + orDots(dateInput(st.To))
		v.Chips = append(v.Chips, link{Label: label, URL: st.with(dropDates)})
	}
	v.ActiveFilters = len(v.Chips)
	if len(v.Chips) > 0 {
		v.ClearURL = st.with(func(x *pageState) { x.Sources, x.Tags = nil, nil; dropDates(x) })
	}
	v.AnyTime = activeRange == "" && st.From == "" && st.To == ""
	v.AnyTimeURL = st.with(dropDates)
	// Preset counts are those of the current matches, which drill down
	// within a date filter; shown only without one, where they say how
	// many results each preset gives.
	var ranges []searchsvc.DateRange
	if res != nil && res.Facets != nil && res.Facets.Published != nil {
		ranges = res.Facets.Published.Ranges
		v.Hist = p.histogram(st, res.Facets.Published)
	}
	v.CountRanges = v.AnyTime && ranges != nil
	for _, dp := range searchsvc.DatePresets {
		l := link{Label: dp.PageLabel, On: activeRange == dp.Key, Count: -1,
			URL: st.with(func(x *pageState) { dropDates(x); x.Range = dp.Key })}
		for _, r := range ranges {
			if r.Key == dp.Key && v.CountRanges {
				l.Count = r.Count
			}
		}
		v.Presets = append(v.Presets, l)
	}
}

func orDots(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

// pagination builds the previous/next and numbered page links.
func (p *pages) pagination(v *pageView, res *searchsvc.Response) {
	st := v.St
	size := p.cfg.PageSize
	last := int((res.Total + uint64(size) - 1) / uint64(size))
	last = min(last, searchsvc.MaxPageDepth/size)
	if last <= 1 && st.Page <= 1 {
		return
	}
	at := func(n int) string { return st.with(func(x *pageState) { x.Page = n }) }
	if st.Page > 1 {
		v.PrevURL = at(min(st.Page-1, max(last, 1)))
	}
	if st.Page < last {
		v.NextURL = at(st.Page + 1)
	}
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < st.Page-2 || n > st.Page+2) {
			continue
		}
		if prev != 0 && n > prev+1 {
			v.Pages = append(v.Pages, link{Gap: true})
		}
		v.Pages = append(v.Pages, link{Label: strconv.Itoa(n), URL: at(n), On: n == st.Page})
		prev = n
	}
}

// histogram draws the published facet's buckets as SVG bars, each a link
// that filters to its dates.
func (p *pages) histogram(st pageState, df *searchsvc.DateFacet) *histView {
	bs := df.Buckets
	if len(bs) == 0 {
		return nil
	}
	type group struct {
		start, end, label string
		count             int
	}
	k := (len(bs) + maxBars - 1) / maxBars
	var gs []group
	for i := 0; i < len(bs); i += k {
		j := min(i+k, len(bs)) - 1
		g := group{start: bs[i].Start, end: bs[j].End, label: bucketLabel(bs[i].Key, df.Interval)}
		if j > i {
			g.label += " – " + bucketLabel(bs[j].Key, df.Interval)
		}
		for _, b := range bs[i : j+1] {
			g.count += b.Count
		}
		gs = append(gs, g)
	}
	most := 0
	for _, g := range gs {
		most = max(most, g.count)
	}
	const height, gap = 40, 1
	h := &histView{W: len(gs) * 10, SVGW: min(len(gs)*24, 600), First: gs[0].label, Last: gs[len(gs)-1].label,
		Label: "Matches by " + df.Interval}
	if len(gs) == 1 {
		h.Last = ""
	}
	for i, g := range gs {
		bh := 0
		if g.count > 0 {
			bh = max(2, int(math.Round(float64(g.count)/float64(most)*float64(height-gap))))
		}
		word := "articles"
		if g.count == 1 {
			word = "article"
		}
		h.Bars = append(h.Bars, bar{
			X: i * 10, Y: height - bh, H: bh, Label: fmt.Sprintf("%s: %s %s", g.label, thousands(uint64(g.count)), word),
			URL: st.with(func(x *pageState) { x.Range, x.From, x.To = "", g.start, g.end }),
			On:  st.From == g.start && st.To == g.end,
		})
	}
	return h
}

// bucketLabel names a histogram bucket for people.
func bucketLabel(key, interval string) string {
	switch interval {
	case searchsvc.IntervalDay:
		if t, err := time.Parse(time.DateOnly, key); err == nil {
			return t.Format("2 Jan 2006")
		}
	case searchsvc.IntervalWeek:
		var y, w int
		if _, err := fmt.Sscanf(key, "%d-W%d", &y, &w); err == nil {
			return fmt.Sprintf("week %d of %d", w, y)
		}
	case searchsvc.IntervalMonth:
		if t, err := time.Parse("2006-01", key); err == nil {
			return t.Format("Jan 2006")
		}
	}
	return key
}

// render executes the page template and writes it with the page headers.
func (p *pages) render(c *gin.Context, status int, v *pageView) {
	buf := p.bufs.Get().(*bytes.Buffer)
	defer p.putBuf(buf)
	if err := p.page.ExecuteTemplate(buf, "page", v); err != nil {
		p.log.Error("render page", "err", err)
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
		cv := copyView{Source: c.Source, URL: c.URL}
		if cv.Source == "" {
			cv.Source = "Unknown source"
		}
		if t, err := time.Parse(time.RFC3339, c.Published); err == nil {
			cv.Abs = t.UTC().Format("2 Jan 2006")
		}
		av.Copies = append(av.Copies, cv)
	}
	av.More = h.Copies - len(av.Copies)
	return av
}
