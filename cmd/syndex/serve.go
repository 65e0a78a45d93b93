package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/spf13/cobra"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/poll"
	"github.com/syndex/syndex/indexer/stream"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/apikeys"
	"github.com/syndex/syndex/searchsvc/bleveengine"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/httpapi"
	"github.com/syndex/syndex/searchsvc/web"
)

// shutdownTimeout bounds how long serve waits for requests in flight after
// SIGTERM/SIGINT.
const shutdownTimeout = 10 * time.Second

// reloadInterval is how often serve checks whether a reindex published a new
// generation (SIGHUP checks at once).
const reloadInterval = 500 * time.Millisecond

func newServeCmd(a *app) *cobra.Command {
	var (
		addr        string
		timeout     time.Duration
		maxConc     int
		queueWait   time.Duration
		origins     []string
		proxies     []string
		pages       web.Config
		keyFile     string
		maxBody     int
		retain      string
		noPoll      bool
		replica     string
		maxLag      uint64
		snapEvery   time.Duration
		apiKeysFile string
		ranking     string
	)
	var scfg httpapi.ServerConfig
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the search API over the index",
		Long: `serve starts the search page (/) and the HTTP search API (see
/api/v1/openapi.json) over the index.

When there is no index yet at --index, it first indexes the bundled sample
corpus, so that one command serves a working demo on a fresh machine.

A reindex while serving is picked up without a restart (checked every few
second, or at once on SIGHUP). While serving, ` + "`syndex index`" + ` sends new
articles to this server, which writes them (the address and a write token
are recorded in the index location, readable by the owner only). SIGTERM or
SIGINT stops accepting requests, lets those in flight finish and exits.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := pages.Validate(); err != nil {
				return usageError{err}
			}
			scfg.MaxConcurrent, scfg.QueueWait, scfg.CORSOrigins, scfg.Log, scfg.TrustedProxies = maxConc, queueWait, origins, a.log, proxies
			scfg.Version = version()
			if err := scfg.Validate(); err != nil {
				return usageError{err}
			}
			keep, err := parseRetain(retain)
			if err != nil {
				return usageError{err}
			}
			lg, err := a.connectNATS(ctx)
			if err != nil {
				return err
			}
			if lg != nil {
				defer lg.Close()
				// A new replica starts from the newest snapshot.
				ok, err := stream.Bootstrap(ctx, lg, a.indexDir)
				if err != nil {
					return fmt.Errorf("start from a snapshot: %w", err)
				}
				if ok {
					a.log.Info("started from the newest snapshot of the cluster", "index", a.indexDir)
				}
			}
			live, err := openOrBuildLive(ctx, a)
			if err != nil {
				return err
			}
			defer live.Close()
			// The write path: the live index itself on one machine; with
			// --nats the ingestion log, which this replica applies.
			var writer interface {
				httpapi.ArticleWriter
				httpapi.ArticleDeleter
			} = live
			var rep *stream.Replica
			if lg != nil {
				if replica == "" {
					replica = defaultReplicaName(a.indexDir)
				}
				if rep, err = stream.NewReplica(lg, live, replica, a.log); err != nil {
					return err
				}
				writer = rep
				scfg.Replication = func(ctx context.Context) (any, bool) {
					st := rep.Status(ctx)
					return st, st.Lag <= maxLag
				}
			}
			rk, err := rank.ParseRanking(ranking)
			if err != nil {
				return err
			}
			eng, err := bleveengine.NewLive(live, bleveengine.Config{Log: a.log, Ranking: rk})
			if err != nil {
				return err
			}
			svc := searchsvc.New(eng, searchsvc.Config{Timeout: timeout, Log: a.log})
			if keyFile == "" {
				keyFile = filepath.Join(a.indexDir, keysFile)
			}
			keys, err := writeKeys(keyFile, os.Getenv("SYNDEX_WRITE_KEYS"))
			if err != nil {
				return err
			}
			token := keys[0]
			scfg.AdminKeys, scfg.Writer, scfg.IndexStats, scfg.CopyMonths = keys, writer, live.Stats, live.CopyMonths
			apiKeys, err := apikeys.Open(a.apiKeysPath(apiKeysFile))
			if err != nil {
				return err
			}
			scfg.Keys, scfg.Deleter = apiKeys, writer
			scfg.Limits.MaxBodyBytes = maxBody
			var poller *poll.Poller
			if !noPoll {
				// WebSub hubs need a public URL to call back: only with
				// --base-url, and only on one machine (a hub's callbacks
				// would reach any replica, whose feed list is its own).
				callback := strings.TrimRight(pages.BaseURL, "/")
				if lg != nil {
					callback = ""
				}
				pcfg := poll.Config{Log: a.log, Options: scfg.Limits, CallbackBase: callback}
				if lg != nil {
					feeds, err := lg.Feeds(ctx)
					if err != nil {
						return err
					}
					pcfg.Sync = feeds.SyncStore
				}
				poller = poll.New(a.feedsPath(), writer, pcfg)
				scfg.Collectors = append(scfg.Collectors, poller.Collector())
			}
			srv := httpapi.NewServer(svc, scfg)
			pages.Log = a.log
			if err := web.Register(srv, svc, pages); err != nil {
				return err
			}
			if poller != nil {
				h := gin.WrapH(poller)
				srv.Engine().GET(poll.CallbackPath+":id", h)
				srv.Engine().POST(poll.CallbackPath+":id", h)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageError{fmt.Errorf("listen on %s: %w", addr, err)}
			}
			// SIGHUP checks CURRENT and polls due feeds at once (caught with
			// --nats too, where it does nothing, so that it never ends the
			// process); caught before server.json tells others the pid.
			hup := make(chan os.Signal, 1)
			signal.Notify(hup, syscall.SIGHUP)
			defer signal.Stop(hup)
			// Record where `syndex index` can send articles while the index
			// is held open here (the token never appears in logs).
			if err := indexer.WriteServerInfo(a.indexDir, indexer.ServerInfo{Addr: ln.Addr().String(), PID: os.Getpid(), Token: token}); err != nil {
				ln.Close()
				return err
			}
			defer indexer.RemoveServerInfo(a.indexDir, os.Getpid())
			hs := &http.Server{
				Handler:           srv.Handler(),
				ReadHeaderTimeout: 5 * time.Second,
				ReadTimeout:       10 * time.Second,
				WriteTimeout:      timeout + 10*time.Second,
				IdleTimeout:       2 * time.Minute,
				ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
			}
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			st, _ := svc.Stats(ctx)
			a.log.Info("serving the search API", "url", "http://"+ln.Addr().String()+"/api/v1/search?q=",
				"index", live.Generation(), "articles", st.Articles)

			// Warm the per-index caches (sort/facet columns, suggestion
			// vocabulary) so the first requests are as fast as the rest.
			go func() {
				start := time.Now()
				if err := svc.Warm(ctx); err != nil && ctx.Err() == nil {
					a.log.Warn("warming caches failed; they will be built on first use", "err", err)
					return
				}
				a.log.Debug("caches warm", "took", time.Since(start))
			}()
			if rep != nil {
				// The log, not CURRENT, brings new generations (a reindex
				// with --nats publishes them); one replica leads.
				go rep.Run(ctx)
				go lg.Lead(ctx, replica, leaderWork(a, rep, live, poller, keep, snapEvery))
			} else {
				reload := make(chan struct{})
				go func() {
					for {
						select {
						case <-hup:
							if poller != nil {
								poller.Wake() // feeds added: poll them now
							}
							select {
							case reload <- struct{}{}:
							case <-ctx.Done():
								return
							}
						case <-ctx.Done():
							return
						}
					}
				}()
				go live.Watch(ctx, reloadInterval, reload)
				if keep > 0 {
					go live.RunRetention(ctx, keep, indexer.RetentionInterval, live, a.log)
				}
				if poller != nil {
					go poller.Run(ctx)
				}
			}

			select {
			case err := <-errc:
				return fmt.Errorf("serve: %w", err)
			case <-ctx.Done():
			}
			a.log.Info("shutting down: finishing requests in flight", "timeout", shutdownTimeout)
			svc.Close() // /readyz fails from now on
			sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				return fmt.Errorf("shutdown: %w", err)
			}
			if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("serve: %w", err)
			}
			a.log.Info("stopped")
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	f.DurationVar(&timeout, "timeout", searchsvc.DefaultTimeout, "deadline of each search")
	f.IntVar(&maxConc, "max-concurrent", 0, "API requests served at once; more wait briefly, then get 503 (default 2×CPUs, at least 4)")
	f.DurationVar(&queueWait, "queue-wait", 100*time.Millisecond, "how long a request may wait for a free slot")
	f.StringVar(&pages.SiteName, "site-name", web.DefaultSiteName, "name shown on the search page and in the OpenSearch description")
	f.StringVar(&pages.BaseURL, "base-url", "", "public http(s)://host[:port] of this service, for absolute links (OpenSearch); default: the request's host if it is loopback or --allowed-host, else http://localhost")
	f.StringSliceVar(&pages.AllowedHosts, "allowed-host", nil, "host[:port] this service is reached at, trusted in the Host header for absolute links when --base-url is not set (repeatable)")
	f.StringSliceVar(&proxies, "trusted-proxy", nil, "IP or CIDR of a reverse proxy whose X-Forwarded-For names the client in the access log (repeatable; default: none, the peer address is logged)")
	f.StringVar(&keyFile, "keys-file", "", "file of write keys, one per line, mode 0600 (default: write-keys in the index location, created with one random key); $SYNDEX_WRITE_KEYS adds comma-separated keys")
	f.StringVar(&apiKeysFile, "api-keys", "", "push API key file made by syndex keys (default: api-keys.json in the index location); replicas of a cluster share one")
	f.IntVar(&maxBody, "max-body", ingest.DefaultMaxBodyBytes, "reject written articles whose body is larger (bytes)")
	f.Float64Var(&scfg.PushRate, "push-rate", httpapi.DefaultPushRate, "push API requests per second per key")
	f.IntVar(&scfg.PushBurst, "push-burst", httpapi.DefaultPushBurst, "push API requests per key at once, above the rate")
	f.BoolVar(&noPoll, "no-poll", false, "do not poll the subscribed feeds (syndex feeds)")
	f.StringVar(&retain, "retain", "", "delete articles published longer ago than this (365d, 8w, 720h), at start and hourly; undated articles are kept (default: keep everything)")
	f.StringVar(&replica, "replica-name", "", "with --nats: this replica's name, unique in the cluster and the same across its restarts (default: host name and a hash of --index)")
	f.Uint64Var(&maxLag, "max-lag", 10000, "with --nats: /readyz answers 503 while this replica is more log messages behind")
	f.DurationVar(&snapEvery, "snapshot-every", time.Hour, "with --nats: how often the leading replica publishes a snapshot for new replicas to start from (0: never)")
	f.StringVar(&ranking, "ranking", "", "BM25F parameters for relevance experiments, e.g. k1=2.5,title=3,title-b=0.5,body-b=0.5 (default: the measured best; see README)")
	f.StringSliceVar(&origins, "cors-origins", nil, "origins allowed to call the API from a browser (comma-separated; * for any)")
	return cmd
}

// parseRetain reads a retention period: a Go duration or a whole number of
// days (d) or weeks (w); "" keeps everything.
func parseRetain(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	unit := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[len(s)-1]]
	var d time.Duration
	if unit > 0 {
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil {
			return 0, fmt.Errorf("--retain %q: want a number of days or weeks (365d, 8w) or a duration (720h)", s)
		}
		d = time.Duration(n) * unit
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("--retain %q: want a number of days or weeks (365d, 8w) or a duration (720h)", s)
		}
	}
	if d < time.Hour {
		return 0, fmt.Errorf("--retain %q: at least 1h (a shorter period would delete articles as they arrive)", s)
	}
	return d, nil
}

// openOrBuildLive opens the index location, first indexing the bundled
// sample corpus there when it has no index yet (an empty index for a
// replica of a cluster).
func openOrBuildLive(ctx context.Context, a *app) (*indexer.Live, error) {
	live, err := indexer.OpenLive(a.indexDir, a.log)
	if !errors.Is(err, indexer.ErrNoIndex) {
		return live, err
	}
	if len(a.nats.urls) > 0 {
		// A replica's content is the cluster's: an empty generation,
		// then the whole log (there was no snapshot to start from).
		a.log.Info("no index and no snapshot yet: starting empty and reading the whole log", "index", a.indexDir)
		if _, err := indexer.Reindex(ctx, a.indexDir, nil, indexer.WriteOptions{AllowShrink: true}); err != nil {
			return nil, fmt.Errorf("create an empty index: %w", err)
		}
		return indexer.OpenLive(a.indexDir, a.log)
	}
	a.log.Info("no index yet: indexing the bundled sample corpus first", "index", a.indexDir)
	dir, cleanup, err := sampleCorpus()
	if err != nil {
		return nil, err
	}
	defer cleanup()
	sum, err := indexer.Reindex(ctx, a.indexDir, []string{dir}, indexer.WriteOptions{})
	if err != nil {
		return nil, fmt.Errorf("index the sample corpus: %w", err)
	}
	a.log.Info("indexed the sample corpus", "articles", sum.Indexed+sum.Updated, "rejected", sum.Rejected,
		"took", sum.Elapsed.Round(time.Millisecond), "index", sum.Generation)
	if sum.Rejected > 0 {
		a.log.Warn("some sample articles were rejected", "first", strings.Join(sum.Errors[:min(3, len(sum.Errors))], "; "))
	}
	return indexer.OpenLive(a.indexDir, a.log)
}
