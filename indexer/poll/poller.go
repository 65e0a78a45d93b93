package poll

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
)

// Polling defaults (Config).
const (
	DefaultInterval    = 30 * time.Minute
	DefaultMinInterval = 5 * time.Minute
	DefaultMaxInterval = 6 * time.Hour
	DefaultWorkers     = 8
	DefaultPerHost     = 2
	DefaultMaxFailures = 10
)

// Writer is the index's one write path (indexer.Live).
type Writer interface {
	AddArticles(ctx context.Context, arts []*article.Article) (indexed, updated int, err error)
}

// Config tunes a Poller; the zero value gives the defaults.
type Config struct {
	// MinInterval and MaxInterval bound a feed's adapted interval and its
	// backoff.
	MinInterval, MaxInterval time.Duration
	// Workers feeds are fetched at once, at most PerHost of one host.
	Workers, PerHost int
	// CheckEvery is the longest Run waits before looking for due feeds
	// again (default a minute), so subscriptions added by another process
	// are seen even without Wake.
	CheckEvery time.Duration
	// ParseWorkers feeds are read and cleaned at once (default 1): fetching
	// waits on the network, reading takes a core, and searches need the
	// others. Measured with 1,000 local feeds on 2 cores: 8 parsing at
	// once made search p95 2x idle, 1 kept it within the noise (0.9-1.45x)
	// at 205 feeds/s.
	ParseWorkers int
	// IndexShare is the share of time the Poller may spend writing (0 <
	// share ≤ 1, default 1/3): after a write that took d it waits
	// d × (1/share − 1). Measured with BenchmarkSearchWhilePolling (the
	// search service, 40 queries with facets, 1,000 feeds) on 2 cores:
	// share 1 gave p95 1.35-1.41× idle at ~200 feeds/s, 1/2 1.23× at
	// ~140, 1/3 1.12-1.28× (median 1.14) at 110-150.
	IndexShare float64
	// MaxFailures in a row disable a feed.
	MaxFailures int
	// Options read and clean the items, as for files.
	Options ingest.Options
	// CallbackBase is the public http(s)://host[:port] at which the
	// Poller's ServeHTTP is reachable (under CallbackPath), for WebSub
	// hubs to call back; "" subscribes to no hub.
	CallbackBase string
	// Sync, when set, brings the store up to date at the start of each
	// round (the cluster's subscription list with serve --nats).
	Sync func(s *Store) error
	// Client fetches (nil: timeouts, redirects and gzip as in newClient).
	Client *http.Client
	Log    *slog.Logger
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
}

// Poller polls the subscriptions of a Store into a Writer. It opens the
// store for each round only, so `syndex feeds` can change subscriptions
// while `syndex serve` polls (it waits for a round to finish).
type Poller struct {
	path string
	w    Writer
	// store is open during a round, for the round and for WebSub
	// callbacks (which open their own otherwise); storeMu guards it.
	storeMu sync.RWMutex
	store   *Store
	cfg     Config

	mu      sync.Mutex
	hosts   map[string]chan struct{}
	metrics *metrics
	// parse holds a slot per feed being read and cleaned.
	parse chan struct{}
	// wake ends Run's wait for the next due feed (Wake).
	wake chan struct{}
}

// New returns a Poller of the store at path.
func New(path string, w Writer, cfg Config) *Poller {
	if cfg.MinInterval <= 0 {
		cfg.MinInterval = DefaultMinInterval
	}
	if cfg.MaxInterval <= 0 {
		cfg.MaxInterval = DefaultMaxInterval
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = DefaultPerHost
	}
	if cfg.CheckEvery <= 0 {
		cfg.CheckEvery = time.Minute
	}
	if cfg.MaxFailures <= 0 {
		cfg.MaxFailures = DefaultMaxFailures
	}
	if cfg.ParseWorkers <= 0 {
		cfg.ParseWorkers = 1
	}
	if cfg.IndexShare <= 0 || cfg.IndexShare > 1 {
		cfg.IndexShare = 1.0 / 3
	}
	if cfg.Client == nil {
		cfg.Client = newClient()
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Poller{path: path, w: w, cfg: cfg, hosts: map[string]chan struct{}{}, metrics: newMetrics(cfg.Now), parse: make(chan struct{}, cfg.ParseWorkers), wake: make(chan struct{}, 1)}
}

// Wake makes Run poll the due feeds now instead of at its next check (up
// to a minute away): `syndex feeds add` beside a running server asks for
// it (SIGHUP), so a new subscription is read at once.
func (p *Poller) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Result counts what one round of polling did.
type Result struct {
	Polled, NotModified, Failed, NewItems, Rejected int
	// Next is when the next enabled feed is due (zero: none is).
	Next time.Time
}

// due lowers r.Next to t.
func (r *Result) due(t time.Time) {
	if r.Next.IsZero() || t.Before(r.Next) {
		r.Next = t
	}
}

// PollDue polls every enabled feed whose next poll is due, Workers at a
// time and at most PerHost per host.
func (p *Poller) PollDue(ctx context.Context) (Result, error) {
	store, err := OpenStore(p.path, StoreTimeout)
	if err != nil {
		return Result{}, err
	}
	p.storeMu.Lock()
	p.store = store
	p.storeMu.Unlock()
	defer func() {
		p.storeMu.Lock()
		p.store = nil
		p.storeMu.Unlock()
		store.Close()
	}()
	if p.cfg.Sync != nil {
		if err := p.cfg.Sync(store); err != nil {
			p.cfg.Log.Warn("syncing the subscriptions failed; polling those known", "err", err)
		}
	}
	feeds, err := store.List()
	if err != nil {
		return Result{}, err
	}
	now := p.cfg.Now()
	var (
		due []Feed
		res Result
		wg  sync.WaitGroup
	)
	for _, f := range feeds {
		switch {
		case f.Disabled != "":
		case !f.NextPoll.After(now):
			due = append(due, f)
		default:
			res.due(f.NextPoll)
		}
	}
	work := make(chan Feed)
	done := make(chan *polled)
	for range min(p.cfg.Workers, len(due)) {
		wg.Go(func() {
			for f := range work {
				if pd := p.fetchFeed(ctx, f); pd != nil {
					done <- pd
				}
			}
		})
	}
	go func() {
		for _, f := range due {
			select {
			case work <- f:
			case <-ctx.Done():
			}
		}
		close(work)
		wg.Wait()
		close(done)
	}()
	p.writeBatches(ctx, done, &res)
	return res, ctx.Err()
}

// Writes of polled items are batched across feeds: up to batchArticles
// articles or batchWait, whichever comes first, in one durable write, then
// each feed's poll is committed. Measured with 1,000 local feeds of 10
// items on 2 cores (BenchmarkPoll1000Feeds): one write per feed gave 120
// feeds/s and search p95 25x idle; batches of at most 250 articles 2.5x;
// 1,000 about 1.3x; 2,000 (so mostly the 250 ms timer) 1.13-1.16x at 235
// feeds/s.
const (
	batchArticles = 2000
	batchWait     = 250 * time.Millisecond
)

// writeBatches writes the new items of polled feeds in batches and commits
// each feed's poll after the write that holds its items.
func (p *Poller) writeBatches(ctx context.Context, done <-chan *polled, res *Result) {
	var batch []*polled
	n := 0
	flush := func() {
		if len(batch) == 0 {
			return
		}
		var arts []*article.Article
		for _, pd := range batch {
			arts = append(arts, pd.fresh...)
		}
		var err error
		var wrote time.Duration
		if len(arts) > 0 {
			t0 := time.Now()
			_, _, err = p.w.AddArticles(ctx, arts)
			wrote = time.Since(t0)
		}
		for _, pd := range batch {
			if err != nil && len(pd.fresh) > 0 {
				p.fail(&pd.feed, "writing the items: "+err.Error(), 0)
				pd.res.Failed, pd.res.NewItems, pd.seen = 1, 0, nil
			} else if len(pd.fresh) > 0 {
				pd.feed.Items += len(pd.fresh)
			}
			if err := p.store.commit(pd.oldURL, &pd.feed, pd.seen); err != nil {
				p.cfg.Log.Warn("recording a poll failed", "feed", pd.feed.URL, "err", err)
			}
			p.metrics.record(pd)
			if pd.feed.Disabled == "" {
				res.due(pd.feed.NextPoll)
			}
			res.Polled++
			res.NotModified += pd.res.NotModified
			res.Failed += pd.res.Failed
			res.NewItems += pd.res.NewItems
			res.Rejected += pd.res.Rejected
		}
		batch, n = batch[:0], 0
		// Index at most IndexShare of the time: indexing takes every core,
		// and searches need them too. (After the commits, so that a poll
		// is recorded as soon as its items are written.)
		select {
		case <-time.After(time.Duration(float64(wrote) * (1/p.cfg.IndexShare - 1))):
		case <-ctx.Done():
		}
	}
	timer := time.NewTimer(batchWait)
	defer timer.Stop()
	for {
		select {
		case pd, ok := <-done:
			if !ok {
				flush()
				return
			}
			batch = append(batch, pd)
			n += len(pd.fresh)
			if n >= batchArticles {
				flush()
			}
		case <-timer.C:
			flush()
			timer.Reset(batchWait)
		}
	}
}

// Run polls due feeds until ctx ends, waking when the next one is due
// (checked at least every CheckEvery, so feeds added meanwhile are seen)
// or when Wake is called.
func (p *Poller) Run(ctx context.Context) {
	for {
		res, err := p.PollDue(ctx)
		if err != nil && ctx.Err() == nil {
			p.cfg.Log.Warn("polling feeds failed", "err", err)
		} else if res.Polled > 0 {
			p.cfg.Log.Info("polled feeds", "feeds", res.Polled, "new_items", res.NewItems, "not_modified", res.NotModified, "failed", res.Failed)
		}
		wait := p.cfg.CheckEvery
		if !res.Next.IsZero() {
			wait = min(wait, max(time.Second, res.Next.Sub(p.cfg.Now())))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		case <-p.wake:
		}
	}
}

// hostSlot takes one of host's PerHost slots; release gives it back.
func (p *Poller) hostSlot(ctx context.Context, host string) (release func(), ok bool) {
	p.mu.Lock()
	sem, found := p.hosts[host]
	if !found {
		sem = make(chan struct{}, p.cfg.PerHost)
		p.hosts[host] = sem
	}
	p.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, true
	case <-ctx.Done():
		return nil, false
	}
}

// polled is one fetched feed waiting for its items' write: its new state,
// the new articles and the ids to record as seen.
type polled struct {
	feed   Feed
	oldURL string
	fresh  []*article.Article
	seen   []seenItem
	res    Result
}

// fetchFeed fetches and reads one feed. Its new articles are written
// (durably) by writeBatches before the poll is committed with their ids: a
// kill between the two re-fetches the items on restart and writes them
// again under the same ids, which replaces them, so no item is lost and
// none is indexed twice. nil when ctx ended first.
func (p *Poller) fetchFeed(ctx context.Context, f Feed) *polled {
	release, ok := p.hostSlot(ctx, article.HostOf(f.URL))
	if !ok {
		return nil
	}
	defer release()
	oldURL := f.URL
	now := p.cfg.Now()
	f.LastFetch = now
	var res Result
	var seen []seenItem
	var fresh []*article.Article
	fr, err := fetch(ctx, p.cfg.Client, f.URL, &f)
	switch {
	case err != nil:
		p.fail(&f, err.Error(), 0)
		res.Failed++
	case fr.status == http.StatusNotModified:
		p.succeed(&f, now)
		res.NotModified++
	case fr.status == http.StatusOK:
		p.parse <- struct{}{}
		info, arts, itemErrs, perr := ingest.ReadFeedData(fr.body, f.URL, p.cfg.Options)
		<-p.parse
		if info == nil {
			p.fail(&f, fmt.Sprintf("not a feed: %v", perr), 0)
			res.Failed++
			break
		}
		res.Rejected = len(itemErrs)
		var ids []seenItem
		fresh, ids, err = p.newItems(f.URL, arts)
		if err != nil {
			p.fail(&f, "reading the seen items: "+err.Error(), 0)
			res.Failed++
			break
		}
		seen = ids
		res.NewItems = len(fresh)
		if f.FullText {
			p.fullText(ctx, fresh)
		}
		p.maybeSubscribe(ctx, &f, fr.body)
		if info.Title != "" {
			f.Title = info.Title
		}
		f.ETag, f.LastModified = fr.etag, fr.lastMod
		f.Interval = p.adapt(f.Interval, arts)
		p.succeed(&f, now)
		if perr != nil {
			f.LastError = "partly read: " + perr.Error()
		}
	default:
		p.fail(&f, fmt.Sprintf("HTTP %d", fr.status), fr.retryAfter)
		res.Failed++
	}
	if fr != nil && fr.finalURL != "" {
		p.cfg.Log.Info("feed moved permanently", "from", f.URL, "to", fr.finalURL)
		f.URL = fr.finalURL
	}
	return &polled{feed: f, oldURL: oldURL, fresh: fresh, seen: seen, res: res}
}

// fullText replaces the teasers of arts with the text of their pages;
// an article whose page cannot be fetched or read keeps the feed's text.
func (p *Poller) fullText(ctx context.Context, arts []*article.Article) {
	for _, a := range arts {
		if a.URL == "" {
			continue
		}
		body, err := fetchPage(ctx, p.cfg.Client, a.URL)
		if err == nil {
			p.parse <- struct{}{}
			_, err = ingest.FullText(body, a, p.cfg.Options)
			<-p.parse
		}
		if err != nil {
			p.cfg.Log.Debug("full text not fetched; the feed's text is kept", "url", a.URL, "err", err)
		}
	}
}

// newItems returns the articles not indexed from feed url before, or
// edited since (a corrected title under the same guid), and all its
// current items (to record as seen). Items that share an id within the
// feed count once.
func (p *Poller) newItems(url string, arts []*article.Article) ([]*article.Article, []seenItem, error) {
	return p.newItemsIn(p.store, url, arts)
}

// newItemsIn is newItems on store s.
func (p *Poller) newItemsIn(s *Store, url string, arts []*article.Article) ([]*article.Article, []seenItem, error) {
	ids := make([]seenItem, 0, len(arts))
	for _, a := range arts {
		ids = append(ids, seenItem{ID: a.ID, Version: itemVersion(a)})
	}
	fresh, err := s.unseen(url, ids)
	if err != nil {
		return nil, nil, err
	}
	var out []*article.Article
	for _, a := range arts {
		if i := slices.Index(fresh, a.ID); i >= 0 {
			out = append(out, a)
			fresh = slices.Delete(fresh, i, i+1)
		}
	}
	return out, ids, nil
}

// itemVersion hashes what a feed item says (before any full-text fetch),
// so that an edit is noticed and a feed repeating an item is not.
func itemVersion(a *article.Article) string {
	h := fnv.New64a()
	for _, s := range []string{a.Title, a.Body, a.Summary, a.URL, a.CanonicalURL, a.Author, a.Published.UTC().Format(time.RFC3339), strings.Join(a.Tags, "\x00")} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("v%016x", h.Sum64())
}

// succeed records a successful poll and schedules the next.
func (p *Poller) succeed(f *Feed, now time.Time) {
	f.LastSuccess, f.LastError, f.Failures = now, "", 0
	if f.Interval <= 0 {
		f.Interval = DefaultInterval
	}
	next := f.Interval
	if f.WebSub.active(now) {
		next = p.cfg.MaxInterval // the hub pushes; polling is the fallback
	}
	f.NextPoll = now.Add(jitter(next))
}

// withStore runs f on the round's store, or on the store opened for it
// between rounds.
func (p *Poller) withStore(f func(*Store) error) error {
	p.storeMu.RLock()
	if s := p.store; s != nil {
		defer p.storeMu.RUnlock()
		return f(s)
	}
	p.storeMu.RUnlock()
	s, err := OpenStore(p.path, StoreTimeout)
	if err != nil {
		return err
	}
	defer s.Close()
	return f(s)
}

// fail records a failed poll: exponential backoff from MinInterval with
// jitter (at least the server's Retry-After), and the feed disabled after
// MaxFailures in a row.
func (p *Poller) fail(f *Feed, reason string, retryAfter time.Duration) {
	f.Failures++
	f.LastError = reason
	backoff := p.cfg.MinInterval << min(f.Failures-1, 16)
	backoff = min(jitter(backoff), p.cfg.MaxInterval)
	f.NextPoll = p.cfg.Now().Add(max(backoff, retryAfter))
	if f.Failures >= p.cfg.MaxFailures {
		f.Disabled = fmt.Sprintf("%d failures in a row, the last: %s", f.Failures, reason)
	}
	p.cfg.Log.Debug("feed poll failed", "feed", f.URL, "failures", f.Failures, "err", reason, "next", f.NextPoll)
}

// adapt returns the interval for a feed whose items are arts: half the
// mean gap between its ten newest dated items, within [MinInterval,
// MaxInterval]; cur when fewer than two items are dated.
func (p *Poller) adapt(cur time.Duration, arts []*article.Article) time.Duration {
	var dates []time.Time
	for _, a := range arts {
		if !a.Published.IsZero() {
			dates = append(dates, a.Published)
		}
	}
	if len(dates) < 2 {
		if cur <= 0 {
			return DefaultInterval
		}
		return cur
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return b.Compare(a) })
	dates = dates[:min(len(dates), 10)]
	gap := dates[0].Sub(dates[len(dates)-1]) / time.Duration(len(dates)-1)
	return min(max(gap/2, p.cfg.MinInterval), p.cfg.MaxInterval)
}

// jitter spreads d by ±10% so feeds added together do not stay in step.
func jitter(d time.Duration) time.Duration {
	return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
}
