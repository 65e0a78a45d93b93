package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/syndex/syndex/searchsvc"
)

// Bounds of the article page.
const (
	// articleCopies bounds the story's copies listed (each is one lookup).
	articleCopies = 20
	// articleRelated is the number of related stories shown.
	articleRelated = 5
)

// articleView is the view model of the article page. It embeds the search
// page's view for the shared head, header and footer.
type articleView struct {
	*pageView
	ArtTitle   string
	Source     string
	Domain     string
	Author     string
	Published  string
	Abs, Rel   string
	Lang       string
	Tags       []link
	Paragraphs []string
	URL        string
	Canonical  string
	IsOriginal bool
	Copies     []storyCopy
	MoreCopies int
	Related    []relatedView
	// NotFound: there is no article with the requested id.
	NotFound bool
	ID       string
}

// storyCopy is another article of the story on the article page.
type storyCopy struct {
	// Title is the copy's own title (copies are often retitled).
	Source, Title, Abs string
	// Link opens the copy: its own URL, else its article page.
	Link     string
	Original bool
}

// relatedView is a related story on the article page.
type relatedView struct {
	TitleHTML   template.HTML
	Link        string
	Source, Abs string
}

// articlePath is the path of article id's page; the id is one escaped
// path segment, so ids holding "/" or "?" stay one id.
func articlePath(id string) string { return "/article/" + url.PathEscape(id) }

// hitLink is where a result opens: the article's own URL when it is a
// safe one (safeURL), else its page here, so every result opens something.
func hitLink(articleURL, id string) string {
	if u := safeURL(articleURL); u != "" {
		return u
	}
	return articlePath(id)
}

// shortDate formats an RFC 3339 time as "2 Jan 2006" (UTC), "" when it is
// not one: the date beside a copy or a related story.
func shortDate(rfc3339 string) string {
	if t, err := time.Parse(time.RFC3339, rfc3339); err == nil {
		return t.UTC().Format("2 Jan 2006")
	}
	return ""
}

// article renders GET /article/:id: the cleaned article, its metadata and
// link to the original, the other copies of its story and related stories.
func (p *pages) article(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	v := &articleView{pageView: p.newView(pageState{Page: 1}), ID: id}
	a, err := p.svc.Article(ctx, id)
	if errors.Is(err, searchsvc.ErrNotFound) {
		v.NotFound = true
		v.Title = "Article not found – " + v.Site
		p.renderArticle(c, http.StatusNotFound, v)
		return
	}
	if err != nil {
		status := p.pageError(c, v.pageView, err)
		p.renderArticle(c, status, v)
		return
	}
	now := p.svc.Now()
	v.ArtTitle = a.Title
	if v.ArtTitle == "" {
		v.ArtTitle = "Untitled article"
	}
	v.Title = v.ArtTitle + " – " + v.Site
	v.Source, v.Domain, v.Author, v.Lang = a.Source, a.SourceDomain, a.Author, a.Lang
	if v.Domain == v.Source {
		v.Domain = ""
	}
	if !a.Published.IsZero() {
		v.Published = a.Published.UTC().Format(time.RFC3339)
		v.Abs = a.Published.UTC().Format("2 Jan 2006, 15:04 UTC")
		v.Rel = relTime(a.Published, now)
	}
	for _, tag := range a.Tags {
		u := pageState{Page: 1}.with(func(s *pageState) { s.Terms[tagTerm] = []string{tag} })
		v.Tags = append(v.Tags, link{Label: tag, URL: u, Count: -1})
	}
	v.Paragraphs = paragraphs(a.Body)
	if len(v.Paragraphs) == 0 && a.Summary != "" {
		v.Paragraphs = paragraphs(a.Summary)
	}
	v.URL = safeURL(a.URL)
	if cu := safeURL(a.CanonicalURL); cu != v.URL {
		v.Canonical = cu
	}
	v.IsOriginal = a.Original == "" || a.Original == a.ID
	p.storyCopies(ctx, v, a)
	if rel, err := p.svc.Related(ctx, a.ID, articleRelated); err == nil {
		for _, h := range rel.Hits {
			v.Related = append(v.Related, relatedView{TitleHTML: titleHTML(h.TitleHTML), Link: hitLink(h.URL, h.ID),
				Source: h.Source, Abs: shortDate(h.Published)})
		}
	} else if !errors.Is(err, context.Canceled) {
		// The article is worth showing without its related stories.
		p.log.Warn("related stories for the article page", "id", a.ID, "err", err)
	}
	p.renderArticle(c, http.StatusOK, v)
}

// storyCopies lists the other articles of a's story, the original first.
func (p *pages) storyCopies(ctx context.Context, v *articleView, a *searchsvc.ArticleView) {
	ids := a.Copies
	if len(ids) > articleCopies {
		v.MoreCopies = len(ids) - articleCopies
		ids = ids[:articleCopies]
	}
	for _, id := range ids {
		cp, err := p.svc.Article(ctx, id)
		if err != nil {
			// A copy deleted since the story table was read is skipped;
			// the page stays useful without it.
			v.MoreCopies++
			continue
		}
		sc := storyCopy{Source: cp.Source, Title: cp.Title, Link: hitLink(cp.URL, cp.ID), Original: cp.ID == a.Original}
		if sc.Source == "" {
			sc.Source = "Unknown source"
		}
		if !cp.Published.IsZero() {
			sc.Abs = cp.Published.UTC().Format("2 Jan 2006")
		}
		v.Copies = append(v.Copies, sc)
	}
}

// paragraphs splits a cleaned body (paragraphs separated by blank lines)
// into its paragraphs.
func paragraphs(body string) []string {
	var out []string
	for _, para := range strings.Split(body, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			out = append(out, para)
		}
	}
	return out
}

// safeURL returns u when it is an absolute http(s) URL, else "": the page
// links to article URLs, which come from the input, and must never link to
// javascript: or data: URLs.
func safeURL(u string) string {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return u
}

func (p *pages) renderArticle(c *gin.Context, status int, v *articleView) {
	p.renderTemplate(c, status, "article", v)
}
