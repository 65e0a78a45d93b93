package httpapi

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc/apikeys"
)

// The push API for partners: POST /api/v1/articles (one JSON article, an
// array or JSON Lines, in the JSON Lines input format, cleaned like files)
// and DELETE /api/v1/articles/{id}, with API keys of scope write
// (package apikeys) and a rate limit per key. A push is answered 200 only
// after the Writer's durable commit; writing the same id again replaces the
// article, so a retried push is harmless.

// KeyChecker says whether a Bearer token is a key allowed a scope
// (apikeys.Store).
type KeyChecker interface {
	Check(token, scope string) (apikeys.Key, bool)
}

// ArticleDeleter deletes articles by id through the index's one Writer.
type ArticleDeleter interface {
	DeleteArticles(ctx context.Context, ids []string) (deleted int, err error)
}

// Rate limit defaults of the push API, per key.
const (
	DefaultPushRate  = 5.0 // requests per second
	DefaultPushBurst = 20
)

// pushKey authenticates a push request and applies its key's rate limit;
// it answers the request itself when it may not go on.
func (s *Server) pushKey(c *gin.Context) (apikeys.Key, bool) {
	tok, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	k, ok := s.cfg.Keys.Check(tok, apikeys.ScopeWrite)
	if !ok {
		if k.Revoked != nil {
			refuseRevoked(c, k)
			return k, false
		}
		if k.ID != "" {
			WriteError(c, http.StatusForbidden, codeForbidden, fmt.Sprintf("key %s has scope %q, not %q", k.ID, k.Scope, apikeys.ScopeWrite), "")
			return k, false
		}
		c.Header("WWW-Authenticate", `Bearer realm="syndex"`)
		WriteError(c, http.StatusUnauthorized, codeUnauthorized, "a valid API key is required as a Bearer token (syndex keys create --scope write)", "")
		return k, false
	}
	if wait := s.pushLimit.take(k.ID, time.Now()); wait > 0 {
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		WriteError(c, http.StatusTooManyRequests, codeRateLimited, fmt.Sprintf("over the rate limit of key %s; retry after %s", k.ID, wait.Round(time.Millisecond)), "")
		return k, false
	}
	return k, true
}

// refuseRevoked answers a request carrying revoked key k: 401, saying so
// and when.
func refuseRevoked(c *gin.Context, k apikeys.Key) {
	c.Header("WWW-Authenticate", `Bearer realm="syndex"`)
	WriteError(c, http.StatusUnauthorized, codeUnauthorized,
		fmt.Sprintf("key %s was revoked on %s; ask for a new one (syndex keys create)", k.ID, k.Revoked.UTC().Format(time.RFC3339)), "")
}

// pushArticles is POST /api/v1/articles.
func (s *Server) pushArticles(c *gin.Context) {
	k, allowed := s.pushKey(c)
	if !allowed {
		return
	}
	body := http.MaxBytesReader(c.Writer, c.Request.Body, maxAdminBody)
	var arts []*article.Article
	var rejected []rejectedArticle
	tooLarge := 0
	for a, err := range ingest.ReadRequest(body, "request", s.cfg.Limits) {
		if err == nil {
			arts = append(arts, a)
			continue
		}
		var over *http.MaxBytesError
		if errors.As(err, &over) {
			WriteError(c, http.StatusRequestEntityTooLarge, codeTooLarge,
				fmt.Sprintf("the body is over %d bytes; send fewer articles per request (nothing was written)", maxAdminBody), "")
			return
		}
		var ie *article.ItemError
		if !errors.As(err, &ie) {
			WriteError(c, http.StatusBadRequest, CodeBadParameter, err.Error()+" (nothing was written)", "body")
			return
		}
		if ie.TooLarge {
			tooLarge++
		}
		rejected = append(rejected, rejectedArticle{Line: ie.Line, Item: ie.Item, ID: ie.ID, Reason: ie.Reason})
	}
	if len(arts) == 0 {
		if len(rejected) == 0 {
			WriteError(c, http.StatusBadRequest, CodeBadParameter, "the body holds no article", "body")
			return
		}
		status, code := http.StatusBadRequest, CodeBadParameter
		if tooLarge == len(rejected) {
			status, code = http.StatusRequestEntityTooLarge, codeTooLarge
		}
		r := rejected[0]
		c.AbortWithStatusJSON(status, gin.H{
			"error":    errorDetail{Code: code, Message: "no article was written; " + r.where() + ": " + r.Reason, Parameter: "body"},
			"rejected": rejected,
		})
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), adminWriteTimeout)
	defer cancel()
	indexed, updated, err := s.cfg.Writer.AddArticles(ctx, arts)
	if err != nil {
		s.log.Warn("push not written", "key", k.ID, "articles", len(arts), "err", err)
		s.Fail(c, err)
		return
	}
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	var warnings []articleWarning
	for _, a := range arts {
		for _, w := range a.Warnings {
			warnings = append(warnings, articleWarning{Line: a.Origin.Line, Item: a.Origin.Item, ID: a.ID, Kind: w.Kind, Detail: w.Detail})
		}
	}
	s.log.Info("articles pushed", "key", k.ID, "name", k.Name, "indexed", indexed, "updated", updated, "rejected", len(rejected), "warnings", len(warnings))
	ok(c, pushResponse{Indexed: indexed, Updated: updated, IDs: ids, Rejected: rejected, Warnings: warnings})
}

// pushResponse is the answer of POST /api/v1/articles.
type pushResponse struct {
	Indexed  int               `json:"indexed"`
	Updated  int               `json:"updated"`
	IDs      []string          `json:"ids"`
	Rejected []rejectedArticle `json:"rejected,omitempty"`
	Warnings []articleWarning  `json:"warnings,omitempty"`
}

// articleWarning is what cleaning noticed about an article it wrote anyway
// (a field of the wrong type dropped, a date not understood), so a partner
// learns that its feed lost a field without reading the server's log.
type articleWarning struct {
	Line   int    `json:"line,omitempty"`
	Item   int    `json:"item,omitempty"`
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

// where names a rejected article's place in the request.
func (r rejectedArticle) where() string {
	switch {
	case r.Item > 0:
		return "item " + strconv.Itoa(r.Item) + idNote(r.ID)
	case r.Line > 0:
		return "line " + strconv.Itoa(r.Line) + idNote(r.ID)
	}
	return "the body"
}

// deleteArticle is DELETE /api/v1/articles/{id}: 200 with "deleted": 1, or
// 0 when there was no such article (deleting twice is harmless).
func (s *Server) deleteArticle(c *gin.Context) {
	k, allowed := s.pushKey(c)
	if !allowed {
		return
	}
	id := c.Param("id")
	if id == "" || len(id) > 1024 {
		WriteError(c, http.StatusBadRequest, CodeBadParameter, "an article id of at most 1024 bytes is required", "id")
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), adminWriteTimeout)
	defer cancel()
	n, err := s.cfg.Deleter.DeleteArticles(ctx, []string{id})
	if err != nil {
		s.Fail(c, err)
		return
	}
	s.log.Info("article deleted", "key", k.ID, "id", id, "deleted", n)
	ok(c, gin.H{"deleted": n, "id": id})
}

// rateLimiter is a token bucket per key: rate requests a second, burst at
// once.
type rateLimiter struct {
	rate  float64
	burst float64

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(rate float64, burst int) *rateLimiter {
	if rate <= 0 {
		rate = DefaultPushRate
	}
	if burst <= 0 {
		burst = DefaultPushBurst
	}
	return &rateLimiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// take spends a token of key and returns 0, or how long until one is
// available.
func (l *rateLimiter) take(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}
