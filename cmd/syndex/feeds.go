package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/poll"
)

// feedsPath is the subscriptions database of the index location.
func (a *app) feedsPath() string { return filepath.Join(a.indexDir, poll.File) }

// subscriptions is what `syndex feeds` edits: the location's feeds.db
// (poll.Store), or with --nats the cluster's list (stream.Feeds).
type subscriptions interface {
	Add(urls []string, now time.Time, fullText bool) (added []string, err error)
	Remove(url string) (bool, error)
	List() ([]poll.Feed, error)
}

// withFeeds runs f with the subscriptions open.
func (a *app) withFeeds(ctx context.Context, f func(subscriptions) error) error {
	lg, err := a.connectNATS(ctx)
	if err != nil {
		return err
	}
	if lg != nil {
		defer lg.Close()
		feeds, err := lg.Feeds(ctx)
		if err != nil {
			return err
		}
		return f(feeds)
	}
	if err := os.MkdirAll(a.indexDir, 0o755); err != nil {
		return err
	}
	s, err := poll.OpenStore(a.feedsPath(), poll.StoreTimeout)
	if err != nil {
		return err
	}
	defer s.Close()
	return f(s)
}

// newFeedsCmd is `syndex feeds`: the subscriptions `serve` and `poll`
// fetch.
func newFeedsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "Subscribe to feeds that serve and poll fetch",
		Long: `Subscriptions live in the index location (feeds.db) and survive reindexes.
syndex serve polls them in the background; syndex poll --once polls the due
ones and exits (for cron). With --nats they are the cluster's, polled by the
leading replica; list then shows what the cluster knows (polling status is
in the leader's feeds.db).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var fullText bool
	add := &cobra.Command{
		Use:   "add URL...",
		Short: "Subscribe to feeds (a page URL is followed to the feed it advertises)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var urls []string
			failed := 0
			for _, u := range args {
				ctx, cancel := context.WithTimeout(cmd.Context(), poll.FetchTimeout)
				feed, _, err := poll.Discover(ctx, nil, u)
				cancel()
				if err != nil {
					failed++
					fmt.Fprintf(cmd.ErrOrStderr(), "not added: %v\n", err)
					continue
				}
				if feed != u {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s advertises %s\n", u, feed)
				}
				urls = append(urls, feed)
			}
			return a.addFeeds(cmd, urls, failed, fullText)
		},
	}
	add.Flags().BoolVar(&fullText, "full-text", false, "fetch each new item's page and index its article text (for feeds that carry only a teaser)")
	imp := &cobra.Command{
		Use:   "import FILE.opml",
		Short: "Subscribe to every feed of an OPML file (- for standard input)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := cmd.InOrStdin()
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			all, err := poll.ReadOPML(in)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			// Outlines are not fetched (an OPML file may hold hundreds), but
			// one that cannot be a feed URL is refused, as add refuses it.
			var urls []string
			failed := 0
			for _, u := range all {
				if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
					failed++
					fmt.Fprintf(cmd.ErrOrStderr(), "not added: %q is not an http(s) URL\n", u)
					continue
				}
				urls = append(urls, u)
			}
			return a.addFeeds(cmd, urls, failed, false)
		},
	}
	exp := &cobra.Command{
		Use:   "export",
		Short: "Write the subscriptions as OPML (to standard output)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withFeedList(cmd, func(feeds []poll.Feed) error {
				return poll.WriteOPML(cmd.OutOrStdout(), feeds, time.Now())
			})
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the subscriptions with their polling status",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withFeedList(cmd, func(feeds []poll.Feed) error {
				w := cmd.OutOrStdout()
				if len(feeds) == 0 {
					fmt.Fprintln(w, "no subscriptions; add one with `syndex feeds add URL`")
				}
				status := feedStatus
				if len(a.nats.urls) > 0 {
					status = clusterFeedStatus
				}
				for _, f := range feeds {
					fmt.Fprintf(w, "%s\n  %s\n", f.URL, status(f, time.Now()))
				}
				return nil
			})
		},
	}
	remove := &cobra.Command{
		Use:   "remove URL...",
		Short: "Unsubscribe (articles already indexed stay)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withFeeds(cmd.Context(), func(s subscriptions) error {
				missing := 0
				for _, u := range args {
					found, err := s.Remove(u)
					if err != nil {
						return err
					}
					if !found {
						missing++
						fmt.Fprintf(cmd.ErrOrStderr(), "not subscribed: %s\n", u)
					} else {
						fmt.Fprintf(cmd.OutOrStdout(), "removed %s\n", u)
					}
				}
				if missing > 0 {
					return &codeError{code: exitRejected, err: errors.New("some failed")}
				}
				return nil
			})
		},
	}
	cmd.AddCommand(add, imp, exp, list, remove)
	return cmd
}

// addFeeds subscribes to urls and says what happened; failed counts the
// arguments that were not feeds.
func (a *app) addFeeds(cmd *cobra.Command, urls []string, failed int, fullText bool) error {
	if len(urls) == 0 {
		fmt.Fprintln(cmd.OutOrStdout(), "no feed added")
		if failed > 0 {
			return &codeError{code: exitRejected, err: errors.New("some failed")}
		}
		return nil
	}
	err := a.withFeeds(cmd.Context(), func(s subscriptions) error {
		added, err := s.Add(urls, time.Now(), fullText)
		if err != nil {
			return err
		}
		msg := plural(len(added), "feed") + " added"
		if again := len(urls) - len(added); again > 0 {
			msg += fmt.Sprintf(", %d already subscribed (re-enabled, due now)", again)
		}
		fmt.Fprintln(cmd.OutOrStdout(), msg)
		return nil
	})
	if err == nil && a.wakeServer() {
		fmt.Fprintln(cmd.OutOrStdout(), "the server polls them now")
	}
	if err == nil && failed > 0 {
		return &codeError{code: exitRejected, err: errors.New("some failed")}
	}
	return err
}

// wakeServer asks a `syndex serve` holding the index (without --nats) to
// poll due feeds now, with SIGHUP, and reports whether there was one.
func (a *app) wakeServer() bool {
	srv, ok := indexer.ReadServerInfo(a.indexDir)
	if !ok || a.nats.urls != nil {
		return false
	}
	return syscall.Kill(srv.PID, syscall.SIGHUP) == nil
}

// withFeedList runs f with the subscriptions, listed by URL.
func (a *app) withFeedList(cmd *cobra.Command, f func([]poll.Feed) error) error {
	return a.withFeeds(cmd.Context(), func(s subscriptions) error {
		feeds, err := s.List()
		if err != nil {
			return err
		}
		return f(feeds)
	})
}

// clusterFeedStatus is one line of `feeds list --nats`: the cluster's
// list knows no polling status (that is in the leader's feeds.db).
func clusterFeedStatus(f poll.Feed, _ time.Time) string {
	status := "subscribed " + f.Added.Local().Format(time.DateTime)
	if f.FullText {
		status += " · full text"
	}
	return status
}

// feedStatus is one line of `feeds list`.
func feedStatus(f poll.Feed, now time.Time) string {
	var parts []string
	if f.Title != "" {
		parts = append(parts, fmt.Sprintf("%q", f.Title))
	}
	if f.FullText {
		parts = append(parts, "full text")
	}
	parts = append(parts, fmt.Sprintf("%d items", f.Items))
	if f.LastFetch.IsZero() {
		parts = append(parts, "never fetched")
	} else {
		parts = append(parts, "last fetch "+f.LastFetch.Local().Format(time.DateTime))
	}
	if !f.LastSuccess.IsZero() {
		parts = append(parts, "last success "+f.LastSuccess.Local().Format(time.DateTime))
	}
	switch {
	case f.LastError != "" && f.Failures > 0:
		parts = append(parts, fmt.Sprintf("error (%s in a row): %s", plural(f.Failures, "failure"), f.LastError))
	case f.LastError != "":
		// Read, with items or parts it could not use: not a failure.
		parts = append(parts, f.LastError)
	}
	switch {
	case f.Disabled != "":
		parts = append(parts, "DISABLED: "+f.Disabled+" (feeds add it again to retry)")
	case !f.NextPoll.After(now):
		parts = append(parts, "due now")
	case f.Failures > 0:
		// Backing off: the interval is what it returns to once a poll works.
		parts = append(parts, "retry "+f.NextPoll.Local().Format(time.DateTime)+fmt.Sprintf(" (in %s, backing off; every %s once it works)", f.NextPoll.Sub(now).Round(time.Second), f.Interval.Round(time.Minute)))
	default:
		parts = append(parts, "next poll "+f.NextPoll.Local().Format(time.DateTime)+fmt.Sprintf(" (every %s)", f.Interval.Round(time.Minute)))
	}
	return strings.Join(parts, " · ")
}

// newPollCmd is `syndex poll --once`.
func newPollCmd(a *app) *cobra.Command {
	var once bool
	cmd := &cobra.Command{
		Use:   "poll --once",
		Short: "Poll the subscribed feeds that are due, index their new items and exit",
		Long: `Polls every enabled subscription whose next poll is due (syndex feeds list
says when), with conditional GET, and indexes the new items through the
index's writer; a running serve polls by itself, so this is for cron
without serve. Exit 3 when some feeds failed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !once {
				return usageError{fmt.Errorf("poll needs --once (syndex serve polls continuously)")}
			}
			if len(a.nats.urls) > 0 {
				return usageError{errors.New("with --nats the leading serve replica polls the cluster's feeds; poll --once is for one machine")}
			}
			if _, ok := indexer.ReadServerInfo(a.indexDir); ok {
				return fmt.Errorf("a syndex serve holds %s and polls its feeds already", a.indexDir)
			}
			live, err := openOrBuildLive(cmd.Context(), a)
			if err != nil {
				return err
			}
			defer live.Close()
			p := poll.New(a.feedsPath(), live, poll.Config{Log: a.log})
			started := time.Now()
			res, err := p.PollDue(cmd.Context())
			if err != nil {
				return err
			}
			if res.Failed > 0 {
				// Name them: "1 failed" alone sends the user to feeds list.
				if err := a.withFeedList(cmd, func(feeds []poll.Feed) error {
					for _, f := range feeds {
						if f.Failures > 0 && !f.LastFetch.Before(started.Truncate(time.Second)) {
							fmt.Fprintf(cmd.ErrOrStderr(), "failed: %s: %s\n", f.URL, f.LastError)
						}
					}
					return nil
				}); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "polled %s: %s, %d not modified, %d failed, %s rejected\n",
				plural(res.Polled, "feed"), plural(res.NewItems, "new item"), res.NotModified, res.Failed, plural(res.Rejected, "item"))
			if res.Failed > 0 || res.Rejected > 0 {
				return &codeError{code: exitRejected, err: errors.New("some failed")}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, "poll the due feeds once and exit")
	return cmd
}
