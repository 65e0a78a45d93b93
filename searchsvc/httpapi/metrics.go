package httpapi

import (
	"context"
	"runtime"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/syndex/syndex/searchsvc"
)

// Prometheus metrics of the HTTP layer and of the index being served.

func (s *Server) registerMetrics() {
	s.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "syndex_http_requests_total",
		Help: "HTTP requests by route, method and status.",
	}, []string{"route", "method", "status"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "syndex_http_request_duration_seconds",
		Help:    "HTTP request latency by route and status.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"route", "status"})
	s.rejected = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "syndex_http_rejected_total",
		Help: "API requests turned away because the concurrency limit was reached.",
	})
	s.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "syndex_http_in_flight",
		Help: "API requests being served.",
	})
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "syndex_build_info",
		Help:        "Always 1; the version label names the running build.",
		ConstLabels: prometheus.Labels{"version": s.cfg.Version, "goversion": runtime.Version()},
	})
	build.Set(1)
	s.reg.MustRegister(s.requests, s.latency, s.rejected, s.inFlight, build, indexCollector{s.svc},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.reg.MustRegister(s.cfg.Collectors...)
}

// metrics counts requests and observes their latency.
func (s *Server) metrics(c *gin.Context) {
	start := time.Now()
	c.Next()
	r, status := route(c), strconv.Itoa(c.Writer.Status())
	s.requests.WithLabelValues(r, c.Request.Method, status).Inc()
	s.latency.WithLabelValues(r, status).Observe(time.Since(start).Seconds())
}

// indexCollector exports what the index being served holds: its articles,
// its size on disk and its generation (an info metric,
// syndex_index_generation{generation="gen-…"} 1, so a dashboard shows when
// a reindex was picked up). One Stats call per scrape serves all three.
type indexCollector struct{ svc *searchsvc.Service }

var (
	articlesDesc   = prometheus.NewDesc("syndex_index_articles", "Articles in the index.", nil, nil)
	sizeDesc       = prometheus.NewDesc("syndex_index_size_bytes", "Size of the index generation in use on disk.", nil, nil)
	generationDesc = prometheus.NewDesc("syndex_index_generation",
		"The index generation being served (value 1, name in the label).", []string{"generation"}, nil)
)

func (g indexCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- articlesDesc
	ch <- sizeDesc
	ch <- generationDesc
}

func (g indexCollector) Collect(ch chan<- prometheus.Metric) {
	st, err := g.svc.Stats(context.Background())
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(articlesDesc, prometheus.GaugeValue, float64(st.Articles))
	ch <- prometheus.MustNewConstMetric(sizeDesc, prometheus.GaugeValue, float64(st.SizeBytes))
	ch <- prometheus.MustNewConstMetric(generationDesc, prometheus.GaugeValue, 1, st.Generation)
}
