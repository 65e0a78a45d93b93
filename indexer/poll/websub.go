package poll

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/syndex/syndex/indexer/ingest"
)

// WebSub (W3C, formerly PubSubHubbub). A feed that names a hub
// (<link rel="hub">) is subscribed to when the Poller has a public
// callback URL (Config.CallbackBase, from serve --base-url): the hub
// verifies the subscription by calling back with a challenge, then pushes
// new content to the callback, signed with the subscription's secret
// (X-Hub-Signature). Pushed items go the same way as polled ones. The feed
// is still polled, every MaxInterval, in case the hub fails.

// WebSub is a feed's subscription at its hub.
type WebSub struct {
	Hub, Topic string
	// Secret signs the hub's pushes (HMAC); CallbackID names the callback
	// path, /websub/{id}.
	Secret     string
	CallbackID string
	// Verified is when the hub confirmed the subscription; LeaseUntil when
	// it ends (renewed a day before).
	Verified   time.Time `json:",omitzero"`
	LeaseUntil time.Time `json:",omitzero"`
	// Requested is when the last subscription request was sent.
	Requested time.Time `json:",omitzero"`
}

// active says whether pushes can be expected at now.
func (w *WebSub) active(now time.Time) bool {
	return w != nil && !w.Verified.IsZero() && now.Before(w.LeaseUntil)
}

// CallbackPath is where the callbacks of a Poller are served.
const CallbackPath = "/websub/"

// leaseSeconds is the lease asked of hubs: 10 days.
const leaseSeconds = 10 * 24 * 3600

var (
	hubLinkRe  = regexp.MustCompile(`<(?:atom:|atom10:)?link\b[^>]*\brel=["']hub["'][^>]*>`)
	selfLinkRe = regexp.MustCompile(`<(?:atom:|atom10:)?link\b[^>]*\brel=["']self["'][^>]*>`)
	hrefRe     = regexp.MustCompile(`\bhref=["']([^"']+)["']`)
)

// hubOf returns the hub and self (topic) URLs a feed document names; topic
// falls back to the feed's URL.
func hubOf(doc []byte, feedURL string) (hub, topic string) {
	head := doc[:min(len(doc), 64<<10)]
	link := func(re *regexp.Regexp) string {
		if m := re.Find(head); m != nil {
			if h := hrefRe.FindSubmatch(m); h != nil {
				if u, err := url.Parse(string(h[1])); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
					return u.String()
				}
			}
		}
		return ""
	}
	hub, topic = link(hubLinkRe), link(selfLinkRe)
	if topic == "" {
		topic = feedURL
	}
	return hub, topic
}

// maybeSubscribe asks f's hub for a subscription when there is a hub, a
// callback base, and no subscription that is fresh (verified with more
// than a day of lease left, or requested in the last hour).
func (p *Poller) maybeSubscribe(ctx context.Context, f *Feed, doc []byte) {
	if p.cfg.CallbackBase == "" {
		return
	}
	hub, topic := hubOf(doc, f.URL)
	if hub == "" {
		return
	}
	now := p.cfg.Now()
	ws := f.WebSub
	if ws != nil && ws.Hub == hub && ws.Topic == topic {
		if ws.active(now.Add(24*time.Hour)) || now.Sub(ws.Requested) < time.Hour {
			return
		}
	} else {
		var id, secret [16]byte
		rand.Read(id[:])
		rand.Read(secret[:])
		ws = &WebSub{Hub: hub, Topic: topic, CallbackID: hex.EncodeToString(id[:]), Secret: hex.EncodeToString(secret[:])}
	}
	ws.Requested = now
	f.WebSub = ws
	if err := p.withStore(func(s *Store) error { return s.setWebSub(f.URL, ws) }); err != nil {
		p.cfg.Log.Warn("websub: recording the subscription failed", "feed", f.URL, "err", err)
		return
	}
	form := url.Values{
		"hub.mode":          {"subscribe"},
		"hub.topic":         {topic},
		"hub.callback":      {p.cfg.CallbackBase + CallbackPath + ws.CallbackID},
		"hub.secret":        {ws.Secret},
		"hub.lease_seconds": {strconv.Itoa(leaseSeconds)},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hub, strings.NewReader(form.Encode()))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", UserAgent)
	resp, err := p.cfg.Client.Do(req)
	if err != nil {
		p.cfg.Log.Warn("websub: subscription request failed", "hub", hub, "topic", topic, "err", err)
		return
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		p.cfg.Log.Warn("websub: the hub refused the subscription", "hub", hub, "topic", topic, "status", resp.StatusCode)
		return
	}
	p.cfg.Log.Info("websub: subscription requested", "hub", hub, "topic", topic)
}

// ServeHTTP serves the WebSub callbacks under CallbackPath: GET is the
// hub's verification of intent (answered with the challenge only for a
// subscription this Poller asked for), POST a push of new content (read
// and written only when its X-Hub-Signature matches the secret).
func (p *Poller) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, CallbackPath)
	switch r.Method {
	case http.MethodGet:
		p.verify(w, r, id)
	case http.MethodPost:
		p.receive(w, r, id)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// findCallback returns the feed whose subscription has callback id (one
// lookup in the store's callback index).
func (p *Poller) findCallback(s *Store, id string) (Feed, bool) {
	if id == "" {
		return Feed{}, false
	}
	f, found, err := s.byCallback(id)
	if err != nil || !found || !hmac.Equal([]byte(f.WebSub.CallbackID), []byte(id)) {
		return Feed{}, false
	}
	return f, true
}

func (p *Poller) verify(w http.ResponseWriter, r *http.Request, id string) {
	q := r.URL.Query()
	mode, topic, challenge := q.Get("hub.mode"), q.Get("hub.topic"), q.Get("hub.challenge")
	ok := false
	err := p.withStore(func(s *Store) error {
		f, found := p.findCallback(s, id)
		if !found || f.WebSub.Topic != topic || challenge == "" {
			return nil
		}
		switch mode {
		case "subscribe":
			lease, _ := strconv.Atoi(q.Get("hub.lease_seconds"))
			if lease <= 0 {
				lease = leaseSeconds
			}
			now := p.cfg.Now()
			f.WebSub.Verified, f.WebSub.LeaseUntil = now, now.Add(time.Duration(lease)*time.Second)
			f.NextPoll = now.Add(jitter(p.cfg.MaxInterval)) // the hub pushes; polling is the fallback
			ok = true
			return s.commit(f.URL, &f, nil)
		case "unsubscribe":
			ok = true
			f.WebSub = nil
			return s.commit(f.URL, &f, nil)
		}
		return nil
	})
	if err != nil || !ok {
		http.Error(w, "no such subscription", http.StatusNotFound)
		return
	}
	p.cfg.Log.Info("websub: subscription verified", "topic", topic, "mode", mode)
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, challenge)
}

func (p *Poller) receive(w http.ResponseWriter, r *http.Request, id string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxFeedBytes+1))
	if err != nil || len(body) > MaxFeedBytes {
		http.Error(w, "body unreadable or too large", http.StatusRequestEntityTooLarge)
		return
	}
	var pd *polled
	status := http.StatusAccepted
	err = p.withStore(func(s *Store) error {
		f, found := p.findCallback(s, id)
		if !found {
			// Unsubscribed (feeds remove) or never ours: 410 Gone tells
			// the hub to end the subscription (WebSub 7).
			status = http.StatusGone
			return nil
		}
		if !validSignature(r.Header.Get("X-Hub-Signature"), f.WebSub.Secret, body) {
			// The spec: acknowledge, but ignore the content.
			p.cfg.Log.Warn("websub: push with a wrong signature ignored", "feed", f.URL)
			return nil
		}
		info, arts, _, _ := ingest.ReadFeedData(body, f.URL, p.cfg.Options)
		if info == nil {
			return nil
		}
		fresh, ids, err := p.newItemsIn(s, f.URL, arts)
		if err != nil {
			return err
		}
		if len(fresh) > 0 {
			if _, _, err := p.w.AddArticles(r.Context(), fresh); err != nil {
				status = http.StatusServiceUnavailable
				return nil
			}
			f.Items += len(fresh)
		}
		pd = &polled{feed: f, oldURL: f.URL, fresh: fresh, seen: ids, res: Result{NewItems: len(fresh)}}
		return s.commit(f.URL, &f, ids)
	})
	if err != nil {
		http.Error(w, "push not recorded", http.StatusInternalServerError)
		return
	}
	if pd != nil {
		p.metrics.record(pd)
	}
	w.WriteHeader(status)
}

// validSignature checks X-Hub-Signature: "sha1=…", "sha256=…" or
// "sha512=…", the hex HMAC of body with secret.
func validSignature(header, secret string, body []byte) bool {
	algo, sig, ok := strings.Cut(header, "=")
	if !ok || secret == "" {
		return false
	}
	var h func() hash.Hash
	switch strings.ToLower(algo) {
	case "sha1":
		h = sha1.New
	case "sha256":
		h = sha256.New
	case "sha512":
		h = sha512.New
	default:
		return false
	}
	want, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write(body)
	return hmac.Equal(mac.Sum(nil), want)
}

// Sign returns an X-Hub-Signature value for body (sha256), as a hub sends
// it; for tests and tools.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}
