package httpapi

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc"
)

// ServerConfig tunes the HTTP layer. The zero value gives the defaults.
type ServerConfig struct {
	// MaxConcurrent caps the API requests served at once (default
	// 2×GOMAXPROCS, at least 4): searches are CPU-bound, so more at once
	// only makes each slower.
	MaxConcurrent int
	// QueueWait is how long a request may wait for a slot before it is
	// turned away with 503 and Retry-After (default 100 ms).
	QueueWait time.Duration
	// CORSOrigins are the origins allowed to call the API from a browser;
	// "*" allows any. Empty: no CORS headers at all.
	CORSOrigins []string
	// Log receives the access log and errors (nil: slog.Default()).
	Log *slog.Logger
	// AdminKeys, when set with Writer, enable POST /admin/v1/articles for
	// callers presenting one of them as a Bearer token (`syndex index`
	// while serving, or a partner's tooling).
	AdminKeys []string
	// IndexStats, when set with AdminKeys, serves GET /admin/v1/stats: the
	// index statistics of `syndex stats`, for that command to work while
	// this server holds the index. It is behind a key because it names the
	// index's location on disk.
	IndexStats func(ctx context.Context, topTags int) (indexer.Stats, error)
	// CopyMonths, when set with AdminKeys, serves POST
	// /admin/v1/copy-months: `syndex reindex --from/--to` beside this
	// server asks it to copy the months it keeps (indexer.Live.CopyMonths).
	CopyMonths func(ctx context.Context, dst string, months indexer.MonthRange) error
	// Limits are the per-article limits of writes (ingest.Options.Check;
	// the zero value applies the defaults, as for files).
	Limits ingest.Options
	// Writer receives the articles of POST /admin/v1/articles: the index's
	// one write path (indexer.Writer, through indexer.Live).
	Writer ArticleWriter
	// Keys, when set with Writer and Deleter, enable the push API
	// (POST /api/v1/articles, DELETE /api/v1/articles/{id}, push.go) for
	// API keys of scope write; PushRate and PushBurst are each key's rate
	// limit in requests per second and at once (DefaultPushRate,
	// DefaultPushBurst when 0).
	Keys      KeyChecker
	Deleter   ArticleDeleter
	PushRate  float64
	PushBurst int
	// Replication, when set (serve --nats), reports how far this replica
	// is behind the ingestion log; /readyz shows it and answers 503 while
	// ready is false, so a load balancer sends searches elsewhere.
	Replication func(ctx context.Context) (status any, ready bool)
	// Collectors are more Prometheus collectors for /metrics (the feed
	// poller's).
	Collectors []prometheus.Collector
	// TrustedProxies are the IPs and CIDRs of reverse proxies whose
	// X-Forwarded-For / X-Real-IP name the client (access log, remote).
	// Empty: forwarding headers are ignored and the remote is the peer
	// address, so no client can put another address in the log.
	TrustedProxies []string
	// Version is the build's version ("v1.2.0", "devel-3f2a…"), reported
	// by /readyz and as the syndex_build_info metric so an operator can
	// tell which build a replica runs. Empty: "unknown".
	Version string
}

// Validate reports a configuration NewServer cannot apply.
func (c ServerConfig) Validate() error {
	for _, p := range c.TrustedProxies {
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return fmt.Errorf("trusted proxy %q: want an IP address or a CIDR such as 10.0.0.0/8", p)
		}
	}
	return nil
}

// Server is the HTTP API over a Service: gin routes with thin handlers,
// and the middleware every route shares (access log, metrics, recovery,
// CORS, concurrency limit).
type Server struct {
	svc     *searchsvc.Service
	cfg     ServerConfig
	log     *slog.Logger
	engine  *gin.Engine
	reg     *prometheus.Registry
	sem     chan struct{}
	origins map[string]bool
	anyOrig bool

	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	rejected prometheus.Counter
	inFlight prometheus.Gauge

	pushLimit *rateLimiter
}

// errorBody is the JSON of every error: {"error": {"code", "message"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Parameter names the bad request parameter, for bad_parameter.
	Parameter string `json:"parameter,omitempty"`
}

// Error codes.
const (
	CodeBadParameter = "bad_parameter"
	CodeNotFound     = "not_found"
	CodeOverloaded   = "overloaded"
	CodeTimeout      = "timeout"
	CodeUnavailable  = "unavailable"
	CodeInternal     = "internal"
	codeMethod       = "method_not_allowed"
	codeUnauthorized = "unauthorized"
	codeTooLarge     = "too_large"
	codeForbidden    = "forbidden"
	codeRateLimited  = "rate_limited"
)

// NewServer builds the router over svc. Each Server has its own
// Prometheus registry, so several can live in one process (tests).
func NewServer(svc *searchsvc.Service, cfg ServerConfig) *Server {
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = max(4, 2*runtime.GOMAXPROCS(0))
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = 100 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Version == "" {
		cfg.Version = "unknown"
	}
	s := &Server{
		svc: svc, cfg: cfg, log: cfg.Log,
		reg:     prometheus.NewRegistry(),
		sem:     make(chan struct{}, cfg.MaxConcurrent),
		origins: map[string]bool{},
	}
	for _, o := range cfg.CORSOrigins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "*" {
			s.anyOrig = true
		} else if o != "" {
			s.origins[o] = true
		}
	}
	s.registerMetrics()

	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		s.log.Error("trusted proxies ignored: trusting none", "err", err)
		_ = e.SetTrustedProxies(nil)
	}
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	// Route on the escaped path so an article id holding "/" (ids come
	// from the input) is one path segment as a%2Fb; gin unescapes it.
	e.UseRawPath = true
	e.UnescapePathValues = true
	e.Use(s.accessLog, s.metrics, s.recovery, s.cors)
	e.NoRoute(NotFound)
	e.NoMethod(func(c *gin.Context) {
		// gin has set Allow to the methods this path has.
		allowed := cmp.Or(c.Writer.Header().Get("Allow"), http.MethodGet)
		WriteError(c, http.StatusMethodNotAllowed, codeMethod, c.Request.Method+" is not supported here; use "+strings.ReplaceAll(allowed, ", ", " or "), "")
	})
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", gin.WrapH(promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{Registry: s.reg})))
	api := e.Group("/api/v1")
	api.GET("/openapi.json", s.openapi)
	limited := api.Group("", s.Limited(func(c *gin.Context) {
		WriteError(c, http.StatusServiceUnavailable, CodeOverloaded, "too many requests at once; retry shortly", "")
	}))
	limited.GET("/search", s.search)
	limited.GET("/suggest", s.suggest)
	limited.GET("/sources", s.values("source"))
	limited.GET("/tags", s.values("tag"))
	limited.GET("/articles/:id", s.article)
	limited.GET("/articles/:id/related", s.related)
	if len(cfg.AdminKeys) > 0 && cfg.Writer != nil {
		e.POST("/admin/v1/articles", s.addArticles)
	}
	if cfg.Keys != nil && cfg.Writer != nil && cfg.Deleter != nil {
		s.pushLimit = newRateLimiter(cfg.PushRate, cfg.PushBurst)
		api.POST("/articles", s.pushArticles)
		api.DELETE("/articles/:id", s.deleteArticle)
	}
	if len(cfg.AdminKeys) > 0 && cfg.IndexStats != nil {
		e.GET("/admin/v1/stats", s.indexStats)
	}
	if len(cfg.AdminKeys) > 0 && cfg.CopyMonths != nil {
		e.POST("/admin/v1/copy-months", s.copyMonths)
	}
	s.engine = e
	return s
}

// Engine returns the router, for the search pages (searchsvc/web) to add
// their routes to.
func (s *Server) Engine() *gin.Engine { return s.engine }

// Handler returns the HTTP handler of the API and the search page. A HEAD
// request is routed as a GET (link checkers and uptime monitors send HEAD);
// net/http sends the headers and drops the body of a HEAD response.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			get := *r
			get.Method = http.MethodGet
			r = &get
		}
		s.engine.ServeHTTP(w, r)
	})
}

// Registry returns the server's Prometheus registry.
func (s *Server) Registry() *prometheus.Registry { return s.reg }

// route is the route template of a request, bounded for metric labels.
func route(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}

// accessLog writes one slog line per request.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	q := c.Request.URL.RawQuery
	if len(q) > 300 {
		q = q[:300] + "..."
	}
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelWarn
	}
	s.log.LogAttrs(c.Request.Context(), level, "http",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("query", q),
		slog.String("route", route(c)),
		slog.Int("status", c.Writer.Status()),
		slog.Int("bytes", c.Writer.Size()),
		slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
		slog.String("remote", c.ClientIP()),
	)
}

// recovery turns a panic into a JSON 500 without leaking its details.
func (s *Server) recovery(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", fmt.Sprint(v),
				"stack", string(debug.Stack()))
			if c.Writer.Written() {
				c.Abort()
				return
			}
			WriteError(c, http.StatusInternalServerError, CodeInternal, "internal error", "")
		}
	}()
	c.Next()
}

// cors adds the CORS headers for allowed origins and answers preflights.
func (s *Server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" || !strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.Next()
		return
	}
	allowed := s.anyOrig || s.origins[origin]
	h := c.Writer.Header()
	if allowed {
		if s.anyOrig {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
		}
		h.Set("Access-Control-Expose-Headers", "Retry-After")
	}
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		if allowed {
			h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
			if rh := c.GetHeader("Access-Control-Request-Headers"); rh != "" {
				h.Set("Access-Control-Allow-Headers", rh)
			}
			h.Set("Access-Control-Max-Age", "600")
		}
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// Limited returns a middleware that caps concurrent requests (API and
// pages share one semaphore): a request waits at most QueueWait for a slot,
// then busy answers it (503 with Retry-After) instead of letting it pile up.
func (s *Server) Limited(busy func(*gin.Context)) gin.HandlerFunc {
	return func(c *gin.Context) {
		select {
		case s.sem <- struct{}{}:
		default:
			t := time.NewTimer(s.cfg.QueueWait)
			select {
			case s.sem <- struct{}{}:
				t.Stop()
			case <-t.C:
				s.rejected.Inc()
				c.Header("Retry-After", "1")
				busy(c)
				c.Abort()
				return
			case <-c.Request.Context().Done():
				t.Stop()
				c.AbortWithStatus(http.StatusServiceUnavailable)
				return
			}
		}
		s.inFlight.Inc()
		defer func() {
			s.inFlight.Dec()
			<-s.sem
		}()
		c.Next()
	}
}

// WriteError aborts the request with the JSON error body.
func WriteError(c *gin.Context, status int, code, msg, param string) {
	c.Header("X-Content-Type-Options", "nosniff")
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: msg, Parameter: param}})
}

// Fail maps a service error to its HTTP response.
func (s *Server) Fail(c *gin.Context, err error) {
	var pe *searchsvc.ParamError
	switch {
	case errors.As(err, &pe):
		WriteError(c, http.StatusBadRequest, CodeBadParameter, pe.Error(), pe.Param)
	case errors.Is(err, searchsvc.ErrNotFound):
		WriteError(c, http.StatusNotFound, CodeNotFound, "no article with this id", "")
	case errors.Is(err, searchsvc.ErrTimeout):
		c.Header("Retry-After", "1")
		WriteError(c, http.StatusServiceUnavailable, CodeTimeout, "the search took too long and was stopped; retry or narrow the query", "")
	case errors.Is(err, searchsvc.ErrClosed), errors.Is(err, context.Canceled):
		c.Header("Retry-After", "1")
		WriteError(c, http.StatusServiceUnavailable, CodeUnavailable, "the service is shutting down or the request was cancelled", "")
	default:
		s.log.Error("request failed", "path", c.Request.URL.Path, "err", err)
		WriteError(c, http.StatusInternalServerError, CodeInternal, "internal error", "")
	}
}

// ok writes a JSON 200.
func ok(c *gin.Context, v any) {
	c.Header("X-Content-Type-Options", "nosniff")
	c.JSON(http.StatusOK, v)
}

func (s *Server) healthz(c *gin.Context) { ok(c, gin.H{"status": "ok"}) }

func (s *Server) readyz(c *gin.Context) {
	st, err := s.svc.Stats(c.Request.Context())
	if err != nil {
		c.Header("Retry-After", "5")
		WriteError(c, http.StatusServiceUnavailable, CodeUnavailable, "index not ready: "+err.Error(), "")
		return
	}
	body := gin.H{"status": "ready", "articles": st.Articles, "generation": st.Generation, "version": s.cfg.Version}
	if s.cfg.Replication != nil {
		status, ready := s.cfg.Replication(c.Request.Context())
		body["stream"] = status
		if !ready {
			body["status"] = "behind"
			c.Header("Retry-After", "5")
			c.AbortWithStatusJSON(http.StatusServiceUnavailable, body)
			return
		}
	}
	ok(c, body)
}

// query returns the request's URL parameters; a parameter that is not a
// valid URL encoding is answered with 400 naming it, and ok is false.
func (s *Server) query(c *gin.Context) (v url.Values, ok bool) {
	v, err := searchsvc.Query(c.Request.URL.RawQuery)
	if err != nil {
		s.Fail(c, err)
		return nil, false
	}
	return v, true
}

func (s *Server) search(c *gin.Context) {
	v, valid := s.query(c)
	if !valid {
		return
	}
	req, err := searchsvc.ParseRequest(v)
	if err != nil {
		s.Fail(c, err)
		return
	}
	res, err := s.svc.Search(c.Request.Context(), req)
	if err != nil {
		s.Fail(c, err)
		return
	}
	ok(c, res)
}

func (s *Server) suggest(c *gin.Context) {
	v, valid := s.query(c)
	if !valid {
		return
	}
	size, err := searchsvc.IntParam(v, "size", searchsvc.DefaultSuggestSize, 1, searchsvc.MaxSuggestSize)
	if err != nil {
		s.Fail(c, err)
		return
	}
	if len(v["q"]) > 1 {
		s.Fail(c, searchsvc.NewParamError("q", "given %d times; give it once", len(v["q"])))
		return
	}
	res, err := s.svc.Suggest(c.Request.Context(), v.Get("q"), size)
	if err != nil {
		s.Fail(c, err)
		return
	}
	ok(c, res)
}

// valuesResponse lists every value of a field.
type valuesResponse struct {
	Values []searchsvc.Count `json:"values"`
	Total  int               `json:"total"`
}

func (s *Server) values(field string) gin.HandlerFunc {
	return func(c *gin.Context) {
		vals, err := s.svc.Values(c.Request.Context(), field)
		if err != nil {
			s.Fail(c, err)
			return
		}
		ok(c, valuesResponse{Values: vals, Total: len(vals)})
	}
}

// articleID returns the {id} of an article route, or answers 400.
func (s *Server) articleID(c *gin.Context) (string, bool) {
	id := c.Param("id")
	if id == "" || len(id) > 512 {
		s.Fail(c, searchsvc.NewParamError("id", "must be 1 to 512 bytes"))
		return "", false
	}
	return id, true
}

func (s *Server) article(c *gin.Context) {
	id, valid := s.articleID(c)
	if !valid {
		return
	}
	a, err := s.svc.Article(c.Request.Context(), id)
	if err != nil {
		s.Fail(c, err)
		return
	}
	ok(c, a)
}

func (s *Server) related(c *gin.Context) {
	id, valid := s.articleID(c)
	if !valid {
		return
	}
	v, valid := s.query(c)
	if !valid {
		return
	}
	size, err := searchsvc.IntParam(v, "size", searchsvc.DefaultSize, 1, searchsvc.MaxRelated)
	if err != nil {
		s.Fail(c, err)
		return
	}
	res, err := s.svc.Related(c.Request.Context(), id, size)
	if err != nil {
		s.Fail(c, err)
		return
	}
	ok(c, res)
}

// NotFound answers a path no route serves with the API's JSON 404. The
// web pages replace it for browsers and call it for everyone else.
func NotFound(c *gin.Context) {
	WriteError(c, http.StatusNotFound, CodeNotFound, "no such endpoint; see /api/v1/openapi.json", "")
}
