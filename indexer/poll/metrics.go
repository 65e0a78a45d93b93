package poll

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the Poller's Prometheus series, per feed: fetches by
// outcome, new items, and the lag since the last successful fetch.
type metrics struct {
	fetches *prometheus.CounterVec
	items   *prometheus.CounterVec

	mu          sync.Mutex
	lastSuccess map[string]time.Time
	now         func() time.Time
}

func newMetrics(now func() time.Time) *metrics {
	return &metrics{
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "syndex_feed_fetches_total",
			Help: "Feed fetches by feed URL and outcome (ok, not_modified, error).",
		}, []string{"feed", "outcome"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "syndex_feed_new_items_total",
			Help: "New items indexed from each feed.",
		}, []string{"feed"}),
		lastSuccess: map[string]time.Time{},
		now:         now,
	}
}

var lagDesc = prometheus.NewDesc("syndex_feed_lag_seconds",
	"Seconds since each feed was last fetched successfully (by this process).", []string{"feed"}, nil)

// record counts one committed poll.
func (m *metrics) record(pd *polled) {
	outcome := "ok"
	switch {
	case pd.res.Failed > 0:
		outcome = "error"
	case pd.res.NotModified > 0:
		outcome = "not_modified"
	}
	url := pd.feed.URL
	m.fetches.WithLabelValues(url, outcome).Inc()
	if pd.res.NewItems > 0 {
		m.items.WithLabelValues(url).Add(float64(pd.res.NewItems))
	}
	if outcome != "error" {
		m.mu.Lock()
		m.lastSuccess[url] = pd.feed.LastSuccess
		m.mu.Unlock()
	}
}

// Describe and Collect make metrics a prometheus.Collector.
func (m *metrics) Describe(ch chan<- *prometheus.Desc) {
	m.fetches.Describe(ch)
	m.items.Describe(ch)
	ch <- lagDesc
}

func (m *metrics) Collect(ch chan<- prometheus.Metric) {
	m.fetches.Collect(ch)
	m.items.Collect(ch)
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	for url, t := range m.lastSuccess {
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, now.Sub(t).Seconds(), url)
	}
}

// Collector returns the Poller's metrics, to register with the server's
// registry.
func (p *Poller) Collector() prometheus.Collector { return p.metrics }
