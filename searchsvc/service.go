package searchsvc

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Backend is the search seam: everything the service asks of the storage
// that holds the articles. The Bleve engine (searchsvc/bleveengine) is the
// first implementation; a time-sharded layout or another engine must pass
// the same conformance suite (searchsvc/searchtest), which is the contract.
//
// The Service validates requests, sets their clock and deadline and
// refuses work after Close before a Backend sees them, so a Backend only
// runs valid requests.
type Backend interface {
	// Search answers a validated request; r.Now is set. Cursors it returns
	// carry r.Hash (see Cursor), so any replica can continue them.
	Search(ctx context.Context, r Request) (*Response, error)
	// Article returns one article by id, or an error wrapping ErrNotFound.
	Article(ctx context.Context, id string) (*ArticleView, error)
	// Related returns up to size (1..MaxRelated) other stories similar to
	// article id.
	Related(ctx context.Context, id string, size int) (*RelatedResponse, error)
	// Suggest completes what is being typed into the search box (q at most
	// MaxSuggestBytes, size 1..MaxSuggestSize).
	Suggest(ctx context.Context, q string, size int) (*Suggestions, error)
	// Values returns every value of a term filter (a TermFilters Param)
	// with its number of articles, largest first.
	Values(ctx context.Context, param string) ([]Count, error)
	// Stats describes the index searched now.
	Stats(ctx context.Context) (Stats, error)
}

// Warmer is a Backend that can build its caches ahead of the first
// requests (at server start).
type Warmer interface {
	Warm(ctx context.Context) error
}

// Stats describes the index a Backend searches.
type Stats struct {
	Articles   uint64
	SizeBytes  int64
	Generation string
}

// Count is a filter value and how many articles have it.
type Count struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Errors every Backend reports the same way, so the HTTP layer maps them
// without knowing the backend.
var (
	// ErrTimeout is returned when a request misses its deadline.
	ErrTimeout = errors.New("search took longer than its deadline")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("search service is closed")
	// ErrNotFound means no article has the requested id.
	ErrNotFound = errors.New("article not found")
)

// Limits of the requests other than search.
const (
	// DefaultTimeout is the deadline of every request (Config.Timeout).
	DefaultTimeout = 2 * time.Second
	// MaxRelated bounds the size parameter of Related.
	MaxRelated = 50
	// MaxSuggestBytes bounds the suggest q parameter.
	MaxSuggestBytes = 200
	// DefaultSuggestSize and MaxSuggestSize bound the suggestions returned.
	DefaultSuggestSize = 5
	MaxSuggestSize     = 20
)

// Config tunes a Service. The zero value gives the defaults.
type Config struct {
	// Timeout is the deadline of every request (DefaultTimeout if zero).
	Timeout time.Duration
	// Now returns the current time; tests pin it. Nil means time.Now.
	Now func() time.Time
	// Log receives warnings (nil: slog.Default()).
	Log *slog.Logger
}

// Service is what the HTTP API, the search page and `syndex search` call:
// one Backend behind the checks every backend shares (validation, the
// clock, the deadline, shutdown). It is safe for concurrent use.
type Service struct {
	b      Backend
	cfg    Config
	closed atomic.Bool
}

// New returns a Service over b.
func New(b Backend, cfg Config) *Service {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Service{b: b, cfg: cfg}
}

// Now is the service's clock (pages use it for relative times). Searches
// see it truncated to the minute, so that repeated searches agree.
func (s *Service) Now() time.Time { return s.cfg.Now() }

// Close marks the service as shutting down: Ready and every request fail
// from then on, so a load balancer stops sending traffic before the index
// is closed.
func (s *Service) Close() { s.closed.Store(true) }

// begin checks the service is open and starts a request's deadline.
func (s *Service) begin(ctx context.Context) (context.Context, context.CancelFunc, error) {
	if s.closed.Load() {
		return ctx, func() {}, ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	return ctx, cancel, nil
}

// Search validates r and runs it under the service's deadline.
func (s *Service) Search(ctx context.Context, r Request) (*Response, error) {
	start := time.Now()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel, err := s.begin(ctx)
	defer cancel()
	if err != nil {
		return nil, err
	}
	if r.Now.IsZero() {
		r.Now = s.Now().UTC().Truncate(time.Minute)
	}
	res, err := s.b.Search(ctx, r)
	if err != nil {
		return nil, err
	}
	res.TookMS = msSince(start)
	return res, nil
}

// Article returns one article by id; the error wraps ErrNotFound when
// there is none.
func (s *Service) Article(ctx context.Context, id string) (*ArticleView, error) {
	ctx, cancel, err := s.begin(ctx)
	defer cancel()
	if err != nil {
		return nil, err
	}
	return s.b.Article(ctx, id)
}

// Related returns up to size other stories similar to article id.
func (s *Service) Related(ctx context.Context, id string, size int) (*RelatedResponse, error) {
	start := time.Now()
	if size < 1 || size > MaxRelated {
		return nil, NewParamError("size", "must be between 1 and %d", MaxRelated)
	}
	ctx, cancel, err := s.begin(ctx)
	defer cancel()
	if err != nil {
		return nil, err
	}
	res, err := s.b.Related(ctx, id, size)
	if err != nil {
		return nil, err
	}
	res.TookMS = msSince(start)
	return res, nil
}

// Suggest returns completions of q, what is typed into the search box.
func (s *Service) Suggest(ctx context.Context, q string, size int) (*Suggestions, error) {
	start := time.Now()
	if len(q) > MaxSuggestBytes {
		return nil, NewParamError("q", "is %d bytes; the limit is %d", len(q), MaxSuggestBytes)
	}
	if !utf8.ValidString(q) {
		return nil, NewParamError("q", "is not valid UTF-8") // as ParseRequest says
	}
	if size <= 0 {
		size = DefaultSuggestSize
	}
	size = min(size, MaxSuggestSize)
	ctx, cancel, err := s.begin(ctx)
	defer cancel()
	if err != nil {
		return nil, err
	}
	res, err := s.b.Suggest(ctx, q, size)
	if err != nil {
		return nil, err
	}
	res.TookMS = msSince(start)
	return res, nil
}

// Values returns every value of a term filter with its number of
// articles, largest first.
func (s *Service) Values(ctx context.Context, param string) ([]Count, error) {
	ctx, cancel, err := s.begin(ctx)
	defer cancel()
	if err != nil {
		return nil, err
	}
	return s.b.Values(ctx, param)
}

// Stats describes the index searched now; it fails after Close.
func (s *Service) Stats(ctx context.Context) (Stats, error) {
	ctx, cancel, err := s.begin(ctx)
	defer cancel()
	if err != nil {
		return Stats{}, err
	}
	return s.b.Stats(ctx)
}

// Warm builds the backend's caches now rather than on the first requests.
func (s *Service) Warm(ctx context.Context) error {
	if w, ok := s.b.(Warmer); ok {
		return w.Warm(ctx)
	}
	return nil
}

func msSince(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }
