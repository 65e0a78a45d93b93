package web

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/syndex/syndex/searchsvc"
)

// View model of the page template.
type (
	pageView struct {
		Site, Title   string
		CSS, JS, Icon string
		St            pageState
		// Error is the friendly message of a failed request; ErrParam the
		// parameter at fault; ErrHead its heading ("" for the search's).
		Error, ErrParam, ErrHead string
		ResetURL                 string
		// FeedURL is the search as an Atom feed (feeds.go), on pages of a
		// search that ran.
		FeedURL string
		// Searched: a search ran and Total, Hits etc. are set.
		Searched    bool
		Listing     bool // no query: the newest articles
		Total, Took string
		TotalN      uint64
		// Count says what Total counts: "343 stories (413 articles)" when
		// copies are grouped, "413 articles" when not.
		Count       string
		First, Last int
		Hits        []hitView
		PastEnd     bool
		FirstURL    string
		// Corrected: the hits are those of Used; DidYouMean is a suggestion.
		Corrected          bool
		Used, Typed        string
		DidYouMean, DYMURL string
		// ExactURL searches Typed as typed (correct=false).
		ExactURL               string
		Ignored                string
		Chips                  []link
		ClearURL               string
		Sorts                  []link
		Groups                 []facetGroup
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
		// Link opens the article: its URL, else its page here; Here is its
		// page here when Link is its URL (a publisher's page may be gone,
		// paywalled or, for demo data, fictional).
		Link, Here string
		TitleHTML  template.HTML
		Snippet    template.HTML
		Source     string
		Published  string
		Abs, Rel   string
		Tags       []link
		Also       *alsoView
	}
	// alsoView is the "also in N sources" list of a story's other copies.
	alsoView struct {
		Label  string
		Copies []copyView
		More   int
		// StoryLink is the hit's article page, which lists more copies.
		StoryLink string
	}
	copyView struct {
		// Link opens the copy: its URL, else its page here.
		Source, Link, Abs string
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
	st = st.valid()
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
func (v *pageView) FacetGroups() []facetGroup { return v.Groups }

// tagTerm is the tag filter's position in searchsvc.TermFilters: a hit's
// tags link to it.
var tagTerm = searchsvc.TermFilterIndex(searchsvc.FacetTag)

// facetGroups builds the sidebar's term facets, one per filter on the
// page, with items(i, param) as the items of filter i.
func facetGroups(items func(i int, param string) []facetItem) []facetGroup {
	var out []facetGroup
	for i, tf := range searchsvc.TermFilters {
		if tf.Label != "" {
			out = append(out, facetGroup{Title: tf.Label, ID: "f-" + tf.Param, Items: items(i, tf.Param)})
		}
	}
	return out
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
var paramLabels = func() map[string]string {
	m := map[string]string{
		"q": "Search text", "from": "From date", "to": "To date",
		"sort": "Sort order", "page": "Page number", "range": "Date preset",
	}
	for _, tf := range searchsvc.TermFilters {
		if tf.Label != "" {
			m[tf.Param] = strings.TrimSuffix(tf.Label, "s") + " filter"
		} else {
			m[tf.Param] = "Filter " + tf.Param
		}
	}
	return m
}()

// search renders the search page.

// selectedOnly lists the selected values of a facet without counts, for a
// page whose search did not run.
func selectedOnly(vals []string, facet string) []facetItem {
	out := make([]facetItem, 0, len(vals))
	for _, s := range vals {
		out = append(out, facetItem{Name: facet, Value: s, Selected: true})
	}
	return out
}

// countLabel says how many stories and articles matched, with both counts
// when results are grouped by story: one story of three copies is "1 story
// (3 articles)", never "1 article".
func countLabel(res *searchsvc.Response) string {
	n := func(c uint64, one, many string) string {
		if c == 1 {
			return "1 " + one
		}
		return thousands(c) + " " + many
	}
	switch {
	case res.Total == 0:
		return "0 results"
	case res.Counts == searchsvc.CountStories:
		return n(res.Total, "story", "stories") + " (" + n(res.TotalArticles, "article", "articles") + ")"
	default:
		return n(res.Total, "article", "articles")
	}
}

// fill builds the view of a search response.
func (p *pages) fill(v *pageView, res *searchsvc.Response) {
	st := v.St
	now := p.svc.Now()
	v.Searched = true
	v.FeedURL = feedPath(st, "/search.atom")
	v.Listing = strings.TrimSpace(st.Q) == ""
	v.TotalN = res.Total
	v.Total = thousands(res.Total)
	v.Count = countLabel(res)
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
		hv := hitView{Link: hitLink(h.URL, h.ID), TitleHTML: titleHTML(h.TitleHTML), Snippet: markedHTML(h.Snippet), Source: h.Source}
		if hv.Link != articlePath(h.ID) {
			hv.Here = articlePath(h.ID)
		}
		if t, err := time.Parse(time.RFC3339, h.Published); err == nil {
			hv.Published = h.Published
			hv.Abs = t.UTC().Format("2 Jan 2006, 15:04 UTC")
			hv.Rel = relTime(t, now)
		}
		hv.Also = alsoIn(h)
		for _, tag := range h.Tags {
			l := link{Label: tag, Count: -1}
			if slices.Contains(st.Terms[tagTerm], tag) {
				l.On = true
			} else {
				l.URL = st.with(func(s *pageState) { s.Terms[tagTerm] = append(s.Terms[tagTerm], tag) })
			}
			hv.Tags = append(hv.Tags, l)
		}
		v.Hits = append(v.Hits, hv)
	}
	if res.Corrected {
		v.Corrected, v.Used, v.Typed = true, res.Query.Used, st.Q
		v.ExactURL = st.with(func(s *pageState) { s.Exact = true })
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
		v.Groups = facetGroups(func(i int, param string) []facetItem {
			return facetItems(param, *searchsvc.TermFilters[i].Facet(f), searchsvc.TermFilters[i].PageFacetSize)
		})
	}
	p.filterLinks(v, res)
	p.pagination(v, res)
}

var sortLabels = map[string]string{searchsvc.SortRelevance: "Relevance", searchsvc.SortNewest: "Newest"}

// facetItems turns a term facet into checkbox items: the first max values
// (all when max is 0) and every selected one.
func facetItems(name string, tf *searchsvc.TermFacet, max int) []facetItem {
	if tf == nil {
		return nil
	}
	out := make([]facetItem, 0, len(tf.Values))
	for i, fv := range tf.Values {
		if max > 0 && i >= max && !fv.Selected {
			continue
		}
		out = append(out, facetItem{Name: name, Value: fv.Value, Count: fv.Count, Counted: true, Selected: fv.Selected})
	}
	return out
}

// filterLinks builds the active filter chips, the date presets and the
// histogram.
func (p *pages) filterLinks(v *pageView, res *searchsvc.Response) {
	st := v.St
	for i, vals := range st.Terms {
		chip := searchsvc.TermFilters[i].Chip
		if searchsvc.TermFilters[i].Label == "" {
			chip = searchsvc.TermFilters[i].Param + ":" // no facet to name it: "lang:de"
		}
		for _, s := range vals {
			v.Chips = append(v.Chips, link{Label: chip + s,
				URL: st.with(func(x *pageState) { x.Terms[i] = without(x.Terms[i], s) })})
		}
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
		v.ClearURL = st.with(func(x *pageState) { x.Terms = nil; dropDates(x) })
	}
	v.AnyTime = activeRange == "" && st.From == "" && st.To == ""
	v.AnyTimeURL = st.with(dropDates)
	// Preset counts are those of the current matches, which drill down
	// within a date filter; shown only without one, where they say how
	// many results each preset gives.
	var ranges []searchsvc.DateRange
	if res != nil && res.Facets != nil && res.Facets.Published != nil {
		ranges = res.Facets.Published.Ranges
		v.Hist = p.histogram(st, res.Facets.Published, res.Counts)
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
func (p *pages) histogram(st pageState, df *searchsvc.DateFacet, counts string) *histView {
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
		// The facet counts what the total counts: stories or articles.
		word := "articles"
		switch {
		case counts == searchsvc.CountStories && g.count == 1:
			word = "story"
		case counts == searchsvc.CountStories:
			word = "stories"
		case g.count == 1:
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
