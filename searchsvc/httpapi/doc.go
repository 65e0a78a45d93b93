// Package httpapi is the JSON HTTP API over a searchsvc.Service: gin
// routes with thin handlers, the error body and its codes, the OpenAPI
// document, Prometheus metrics, CORS, the concurrency limit and the
// keyed admin write endpoint (which hands articles to the index's one
// Writer). It imports searchsvc and indexer; searchsvc/web adds the HTML
// pages to the same router.
package httpapi
