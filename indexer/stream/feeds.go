package stream

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/syndex/syndex/indexer/poll"
)

// feedsBucket is the cluster's subscription list: whichever replica leads
// polls it, so `syndex feeds --nats` edits it here rather than in one
// machine's feeds.db. What polling learns (validators, intervals, seen
// items) stays in the leader's feeds.db; a replica that takes the lead
// over fetches each feed once unconditionally and writes again the items
// it had not seen, which changes nothing in the index (writes are by id).
const feedsBucket = "syndex_feeds"

// Feeds is the cluster's subscription list. Its methods match poll.Store's
// so `syndex feeds` edits either the same way.
type Feeds struct {
	ctx context.Context
	kv  jetstream.KeyValue
}

// subscription is one entry of the list.
type subscription struct {
	URL      string    `json:"url"`
	FullText bool      `json:"full_text,omitempty"`
	Added    time.Time `json:"added"`
}

// Feeds opens the cluster's subscription list; ctx bounds each call.
func (l *Log) Feeds(ctx context.Context) (*Feeds, error) {
	var kv jetstream.KeyValue
	err := retry(ctx, func(ctx context.Context) (err error) {
		kv, err = l.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket: feedsBucket, Replicas: l.replicas, Storage: jetstream.FileStorage,
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("nats: bucket %s: %w", feedsBucket, err)
	}
	return &Feeds{ctx: ctx, kv: kv}, nil
}

func feedKey(url string) string {
	h := sha256.Sum256([]byte(url))
	return hex.EncodeToString(h[:16])
}

// Add subscribes to urls (again: with fullText as given) and returns those
// that were new.
func (f *Feeds) Add(urls []string, now time.Time, fullText bool) (added []string, err error) {
	for _, u := range urls {
		_, err := f.kv.Get(f.ctx, feedKey(u))
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
			added = append(added, u)
		case err != nil:
			return added, fmt.Errorf("nats: feeds: %w", err)
		}
		b, _ := json.Marshal(subscription{URL: u, FullText: fullText, Added: now})
		if _, err := f.kv.Put(f.ctx, feedKey(u), b); err != nil {
			return added, fmt.Errorf("nats: feeds: %w", err)
		}
	}
	return added, nil
}

// Remove unsubscribes from url and reports whether it was subscribed.
func (f *Feeds) Remove(url string) (bool, error) {
	if _, err := f.kv.Get(f.ctx, feedKey(url)); errors.Is(err, jetstream.ErrKeyNotFound) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("nats: feeds: %w", err)
	}
	if err := f.kv.Delete(f.ctx, feedKey(url)); err != nil {
		return false, fmt.Errorf("nats: feeds: %w", err)
	}
	return true, nil
}

// List returns the subscriptions, by URL (only URL, FullText and Added
// are known cluster-wide).
func (f *Feeds) List() ([]poll.Feed, error) {
	lister, err := f.kv.ListKeys(f.ctx)
	if err != nil {
		return nil, fmt.Errorf("nats: feeds: %w", err)
	}
	var out []poll.Feed
	for k := range lister.Keys() {
		e, err := f.kv.Get(f.ctx, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("nats: feeds: %w", err)
		}
		var s subscription
		if json.Unmarshal(e.Value(), &s) != nil || s.URL == "" {
			continue
		}
		out = append(out, poll.Feed{URL: s.URL, FullText: s.FullText, Added: s.Added})
	}
	slices.SortFunc(out, func(a, b poll.Feed) int { return strings.Compare(a.URL, b.URL) })
	return out, nil
}

// SyncStore makes the local store s subscribe to what the cluster's list
// holds: new feeds added, removed ones removed, a changed --full-text
// applied; what polling learned about the others is kept. The leader's
// poller calls it at the start of each round (poll.Config.Sync).
func (f *Feeds) SyncStore(s *poll.Store) error {
	want, err := f.List()
	if err != nil {
		return err
	}
	have, err := s.List()
	if err != nil {
		return err
	}
	local := map[string]poll.Feed{}
	for _, h := range have {
		local[h.URL] = h
	}
	wanted := map[string]bool{}
	now := time.Now()
	for _, w := range want {
		wanted[w.URL] = true
		if h, ok := local[w.URL]; !ok || h.FullText != w.FullText {
			if _, err := s.Add([]string{w.URL}, now, w.FullText); err != nil {
				return err
			}
		}
	}
	for _, h := range have {
		if !wanted[h.URL] {
			if _, err := s.Remove(h.URL); err != nil {
				return err
			}
		}
	}
	return nil
}
