// Package poll subscribes syndex to feeds and polls them: the
// subscriptions and their state live in a bbolt file of the index location
// (so they survive reindexes), a Poller fetches the feeds that are due with
// conditional GET, backs off on errors, and hands new items to the index's
// one Writer. `syndex feeds` manages subscriptions, `syndex poll --once`
// polls from cron, and `syndex serve` runs a Poller beside the web server.
package poll

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// File is the subscriptions database in the index location.
const File = "feeds.db"

// StoreTimeout is how long opening the store waits for another process
// (a polling round of serve) to release it.
const StoreTimeout = 30 * time.Second

var (
	feedsBucket = []byte("feeds")
	seenBucket  = []byte("seen")
	// callbackBucket maps a WebSub callback id to its feed's URL, so a
	// hub's call finds its feed without reading every subscription.
	callbackBucket = []byte("callbacks")
)

// Feed is one subscription and what polling it has learned.
type Feed struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	// Added is when it was subscribed to.
	Added time.Time `json:"added"`
	// ETag and LastModified are the validators of the last 200, sent back
	// as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// LastFetch is the last attempt, LastSuccess the last 200 or 304.
	LastFetch   time.Time `json:"last_fetch,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	// LastError is why the last attempt failed ("" when it did not);
	// Failures counts consecutive failures.
	LastError string `json:"last_error,omitempty"`
	Failures  int    `json:"failures,omitempty"`
	// Items is how many new items polling has indexed from the feed.
	Items int `json:"items"`
	// Interval is the polling interval, adapted to how often the feed
	// publishes; NextPoll when it is due.
	Interval time.Duration `json:"interval"`
	NextPoll time.Time     `json:"next_poll,omitzero"`
	// FullText fetches each new item's page and indexes its article text
	// when the feed carries only a teaser (`feeds add --full-text`).
	FullText bool `json:"full_text,omitempty"`
	// WebSub is the feed's subscription at its hub, if it names one and
	// the poller has a callback URL (websub.go).
	WebSub *WebSub `json:"websub,omitempty"`
	// Disabled says why polling stopped (MaxFailures in a row); "" when
	// it has not. `syndex feeds add` of the URL again enables it.
	Disabled string `json:"disabled,omitempty"`
}

// Store is the subscriptions database. bbolt lets one process open it at a
// time: the CLI commands and each polling round open it briefly.
type Store struct {
	db *bolt.DB
}

// OpenStore opens (creating) the database at path, waiting at most
// timeout for another process to release it.
func OpenStore(path string, timeout time.Duration) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("feeds: %s is held by another syndex process (a long polling round?): %w", path, err)
		}
		return nil, fmt.Errorf("feeds: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{feedsBucket, seenBucket} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		if tx.Bucket(callbackBucket) != nil {
			return nil
		}
		// A store written before the callback index: build it.
		cb, err := tx.CreateBucket(callbackBucket)
		if err != nil {
			return err
		}
		return tx.Bucket(feedsBucket).ForEach(func(k, v []byte) error {
			var f Feed
			if json.Unmarshal(v, &f) == nil && f.WebSub != nil && f.WebSub.CallbackID != "" {
				return cb.Put([]byte(f.WebSub.CallbackID), k)
			}
			return nil
		})
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Add subscribes to feed URLs (already resolved to feeds), fetching full
// article pages when fullText; a URL already there is re-enabled, made due
// now and given fullText. It returns which were new.
func (s *Store) Add(urls []string, now time.Time, fullText bool) (added []string, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(feedsBucket)
		for _, u := range urls {
			f := Feed{URL: u, Added: now, Interval: DefaultInterval, NextPoll: now, FullText: fullText}
			if raw := b.Get([]byte(u)); raw != nil {
				if err := json.Unmarshal(raw, &f); err != nil {
					return err
				}
				f.Disabled, f.Failures, f.NextPoll, f.FullText = "", 0, now, fullText
			} else {
				added = append(added, u)
			}
			if err := putFeed(tx, &f); err != nil {
				return err
			}
		}
		return nil
	})
	return added, err
}

// Remove unsubscribes from url and forgets its items' ids; false when it
// was not subscribed.
func (s *Store) Remove(url string) (bool, error) {
	found := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(feedsBucket)
		if b.Get([]byte(url)) == nil {
			return nil
		}
		found = true
		if err := deleteFeed(tx, url); err != nil {
			return err
		}
		if sb := tx.Bucket(seenBucket); sb.Bucket([]byte(url)) != nil {
			return sb.DeleteBucket([]byte(url))
		}
		return nil
	})
	return found, err
}

// List returns every subscription, by URL.
func (s *Store) List() ([]Feed, error) {
	var out []Feed
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(feedsBucket).ForEach(func(_, v []byte) error {
			var f Feed
			if err := json.Unmarshal(v, &f); err != nil {
				return err
			}
			out = append(out, f)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b Feed) int { return strings.Compare(a.URL, b.URL) })
	return out, err
}

// seenItem is a feed item as recorded once indexed: its article id and a
// hash of what it said (itemVersion), so an item edited under the same
// guid is indexed again.
type seenItem struct{ ID, Version string }

// unseen returns the ids among items not yet indexed from feed url, or
// indexed with another version. An item recorded before versions were
// (the value 1) counts as seen; the poll records its version.
func (s *Store) unseen(url string, items []seenItem) ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(seenBucket).Bucket([]byte(url))
		for _, it := range items {
			var v []byte
			if b != nil {
				v = b.Get([]byte(it.ID))
			}
			if v == nil || len(v) > 1 && it.Version != "" && string(v) != it.Version {
				out = append(out, it.ID)
			}
		}
		return nil
	})
	return out, err
}

// commit records a poll: the feed's new state, and the ids now indexed,
// in one transaction (after the Writer's durable write of those articles;
// see Poller.pollFeed). A permanent redirect moves the feed to f.URL from
// oldURL, its seen ids with it.
func (s *Store) commit(oldURL string, f *Feed, seen []seenItem) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		fb := tx.Bucket(feedsBucket)
		raw := fb.Get([]byte(oldURL))
		if raw == nil {
			return nil // removed meanwhile
		}
		// A hub may have verified the subscription while this poll ran.
		var cur Feed
		if json.Unmarshal(raw, &cur) == nil && cur.WebSub != nil && f.WebSub != nil &&
			cur.WebSub.CallbackID == f.WebSub.CallbackID && cur.WebSub.Verified.After(f.WebSub.Verified) {
			f.WebSub.Verified, f.WebSub.LeaseUntil = cur.WebSub.Verified, cur.WebSub.LeaseUntil
			if cur.NextPoll.After(f.NextPoll) {
				f.NextPoll = cur.NextPoll // polled less once the hub pushes
			}
		}
		sb := tx.Bucket(seenBucket)
		if oldURL != f.URL {
			if err := deleteFeed(tx, oldURL); err != nil {
				return err
			}
			if old := sb.Bucket([]byte(oldURL)); old != nil {
				nb, err := sb.CreateBucketIfNotExists([]byte(f.URL))
				if err != nil {
					return err
				}
				if err := old.ForEach(func(k, v []byte) error { return nb.Put(k, v) }); err != nil {
					return err
				}
				if err := sb.DeleteBucket([]byte(oldURL)); err != nil {
					return err
				}
			}
		}
		if len(seen) > 0 {
			b, err := sb.CreateBucketIfNotExists([]byte(f.URL))
			if err != nil {
				return err
			}
			for _, it := range seen {
				v := []byte{1}
				if len(it.Version) > 1 {
					v = []byte(it.Version)
				}
				if err := b.Put([]byte(it.ID), v); err != nil {
					return err
				}
			}
		}
		return putFeed(tx, f)
	})
}

// putFeed writes f and keeps the callback index in step with it.
func putFeed(tx *bolt.Tx, f *Feed) error {
	fb, cb := tx.Bucket(feedsBucket), tx.Bucket(callbackBucket)
	if old := callbackOf(fb.Get([]byte(f.URL))); old != "" && (f.WebSub == nil || f.WebSub.CallbackID != old) {
		if err := cb.Delete([]byte(old)); err != nil {
			return err
		}
	}
	if f.WebSub != nil && f.WebSub.CallbackID != "" {
		if err := cb.Put([]byte(f.WebSub.CallbackID), []byte(f.URL)); err != nil {
			return err
		}
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return fb.Put([]byte(f.URL), raw)
}

// deleteFeed removes the feed at url and its callback id.
func deleteFeed(tx *bolt.Tx, url string) error {
	fb := tx.Bucket(feedsBucket)
	if old := callbackOf(fb.Get([]byte(url))); old != "" {
		if err := tx.Bucket(callbackBucket).Delete([]byte(old)); err != nil {
			return err
		}
	}
	return fb.Delete([]byte(url))
}

// callbackOf returns the WebSub callback id of a stored feed, or "".
func callbackOf(raw []byte) string {
	var f Feed
	if raw == nil || json.Unmarshal(raw, &f) != nil || f.WebSub == nil {
		return ""
	}
	return f.WebSub.CallbackID
}

// byCallback returns the feed whose WebSub subscription has callback id.
func (s *Store) byCallback(id string) (Feed, bool, error) {
	var f Feed
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		url := tx.Bucket(callbackBucket).Get([]byte(id))
		if url == nil {
			return nil
		}
		raw := tx.Bucket(feedsBucket).Get(url)
		if raw == nil {
			return nil
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			return err
		}
		found = f.WebSub != nil
		return nil
	})
	return f, found, err
}

// setWebSub records f's subscription before it is requested, so that a hub
// verifying at once finds it.
func (s *Store) setWebSub(url string, ws *WebSub) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(feedsBucket)
		raw := b.Get([]byte(url))
		if raw == nil {
			return nil
		}
		var f Feed
		if err := json.Unmarshal(raw, &f); err != nil {
			return err
		}
		w := *ws
		f.WebSub = &w
		return putFeed(tx, &f)
	})
}
