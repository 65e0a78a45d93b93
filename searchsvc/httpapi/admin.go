package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/apikeys"
)

// The admin endpoints: writes from `syndex index` and partners' tooling
// (POST /admin/v1/articles) and index statistics for `syndex stats`
// (GET /admin/v1/stats), both behind the write keys.

// adminWriteTimeout bounds the write of one POST /admin/v1/articles, which
// does not end when its client disconnects.
const adminWriteTimeout = 2 * time.Minute

// maxAdminBody bounds one POST /admin/v1/articles body. The articles of a
// request are held in memory until written, so it bounds the request's
// memory too (about twice the body).
const maxAdminBody = 64 << 20

// ArticleWriter is the write path the admin endpoint hands articles to.
type ArticleWriter interface {
	// AddArticles writes already-cleaned articles durably and reports how
	// many were new and how many replaced an article with the same id.
	AddArticles(ctx context.Context, arts []*article.Article) (indexed, updated int, err error)
}

// indexStats answers `syndex stats` run beside this server.
func (s *Server) indexStats(c *gin.Context) {
	if !s.adminKey(c) {
		return
	}
	v, valid := s.query(c)
	if !valid {
		return
	}
	n, err := searchsvc.IntParam(v, "tags", 20, 0, searchsvc.MaxFacetSize)
	if err != nil {
		s.Fail(c, err)
		return
	}
	st, err := s.cfg.IndexStats(c.Request.Context(), n)
	if err != nil {
		s.Fail(c, err)
		return
	}
	ok(c, st)
}

// addArticles takes JSON Lines articles (article.Article, already cleaned)
// from `syndex index` and writes them to the index. Each line is checked
// against the per-article limits on its own: a bad or oversized article is
// listed in the answer's "rejected" (line, id, reason) and the others are
// written. A line over the limit is skipped without being held in memory.
// The status is 200 when anything was written (or nothing was sent), else
// 413 when every article was too large, else 400.
func (s *Server) addArticles(c *gin.Context) {
	if !s.adminKey(c) {
		return
	}
	body := bufio.NewReaderSize(http.MaxBytesReader(c.Writer, c.Request.Body, maxAdminBody), 64<<10)
	maxLine := s.cfg.Limits.MaxLineBytes()
	var arts []*article.Article
	var rejected []rejectedArticle
	tooLarge := 0
	var buf []byte
	for n := 1; ; n++ {
		line, long, err := ingest.ReadLine(body, &buf, maxLine)
		var overBody *http.MaxBytesError
		if errors.As(err, &overBody) {
			WriteError(c, http.StatusRequestEntityTooLarge, codeTooLarge,
				fmt.Sprintf("the body is over %d bytes; send fewer articles per request (nothing was written)", maxAdminBody), "")
			return
		}
		if err != nil && !errors.Is(err, io.EOF) {
			WriteError(c, http.StatusBadRequest, CodeBadParameter, fmt.Sprintf("reading the body at line %d: %v", n, err), "body")
			return
		}
		if long {
			tooLarge++
			rejected = append(rejected, rejectedArticle{Line: n, Reason: fmt.Sprintf("the line is over %d bytes: body over the %d-byte limit", maxLine, s.cfg.Limits.MaxBodyBytesOrDefault())})
		} else if len(bytes.TrimSpace(line)) > 0 {
			a, reason, large := s.decodeArticle(line)
			switch {
			case reason == "":
				arts = append(arts, a)
			case large:
				tooLarge++
				fallthrough
			default:
				rejected = append(rejected, rejectedArticle{Line: n, ID: a.ID, Reason: reason})
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if len(arts) == 0 && len(rejected) > 0 {
		status, code := http.StatusBadRequest, CodeBadParameter
		if tooLarge == len(rejected) {
			status, code = http.StatusRequestEntityTooLarge, codeTooLarge
		}
		r := rejected[0]
		c.AbortWithStatusJSON(status, gin.H{
			"error":    errorDetail{Code: code, Message: fmt.Sprintf("no article was written; line %d%s: %s", r.Line, idNote(r.ID), r.Reason), Parameter: "body"},
			"rejected": rejected,
		})
		return
	}
	// Once the body is read the write goes through even if the client
	// goes away: a write cut between two batches would leave part of it
	// committed and the client unsure which. It is bounded by its own
	// deadline instead of the client's connection.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), adminWriteTimeout)
	defer cancel()
	indexed, updated, err := s.cfg.Writer.AddArticles(ctx, arts)
	gone := c.Request.Context().Err() != nil
	if err != nil {
		s.log.Warn("articles not added through the server", "articles", len(arts), "indexed", indexed, "err", err, "client_gone", gone)
		s.Fail(c, err)
		return
	}
	if gone {
		s.log.Info("articles added through the server; the client left before the answer", "indexed", indexed, "updated", updated)
		c.Status(499) // nginx's "client closed request": what the access log should say
		return
	}
	s.log.Info("articles added through the server", "indexed", indexed, "updated", updated, "rejected", len(rejected))
	ok(c, addResponse{Indexed: indexed, Updated: updated, Rejected: rejected})
}

// addResponse is the answer of POST /admin/v1/articles.
type addResponse struct {
	Indexed  int               `json:"indexed"`
	Updated  int               `json:"updated"`
	Rejected []rejectedArticle `json:"rejected,omitempty"`
}

// rejectedArticle names an article of a write that was not written.
type rejectedArticle struct {
	Line   int    `json:"line,omitempty"`
	Item   int    `json:"item,omitempty"`
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

func idNote(id string) string {
	if id == "" {
		return ""
	}
	return " (article " + strconv.Quote(id) + ")"
}

// decodeArticle decodes one line of a write and applies the limits. reason
// is "" for a good article; large says the reason is a size limit.
func (s *Server) decodeArticle(line []byte) (a *article.Article, reason string, large bool) {
	a = new(article.Article)
	if err := json.Unmarshal(line, a); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return &article.Article{}, fmt.Sprintf("field %q: expected %s, got a JSON %s", te.Field, te.Type, te.Value), false
		}
		return &article.Article{}, "not a JSON article: " + err.Error(), false
	}
	switch {
	case a.ID == "":
		return a, "needs an id", false
	case a.Title == "" && a.Body == "":
		return a, "needs a title or a body", false
	}
	if err := s.cfg.Limits.Check(a); err != nil {
		return a, err.Error(), true
	}
	return a, "", false
}

// adminKey reports whether the request carries one of the admin keys or
// an API key of scope admin, and otherwise answers it itself: 403 naming
// the key's scope for a valid key of scope write (so a partner sees why
// its key does not work here), else 401. Every admin key is compared, in
// constant time, so the answer's timing does not say which key (or how
// much of one) matched.
func (s *Server) adminKey(c *gin.Context) bool {
	tok, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if tok != "" {
		match := 0
		for _, k := range s.cfg.AdminKeys {
			match |= subtle.ConstantTimeCompare([]byte(tok), []byte(k))
		}
		if match == 1 {
			return true
		}
	}
	if tok != "" && s.cfg.Keys != nil {
		k, ok := s.cfg.Keys.Check(tok, apikeys.ScopeAdmin)
		if ok && k.Scope == apikeys.ScopeAdmin {
			return true
		}
		if k.Revoked != nil {
			refuseRevoked(c, k)
			return false
		}
		if k.ID != "" {
			WriteError(c, http.StatusForbidden, codeForbidden, fmt.Sprintf("key %s has scope %q; the admin endpoints need scope %q (syndex keys create --scope admin)", k.ID, k.Scope, apikeys.ScopeAdmin), "")
			return false
		}
	}
	c.Header("WWW-Authenticate", `Bearer realm="syndex"`)
	WriteError(c, http.StatusUnauthorized, codeUnauthorized, "an admin key is required as a Bearer token (serve --keys-file, or syndex keys create --scope admin)", "")
	return false
}
