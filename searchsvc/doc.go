// Package searchsvc is the core of syndex's search service and its seam to
// storage: the request (Request, Filters, ParseRequest), the response
// types, the opaque Cursor, the Backend interface every storage layout
// implements, and Service, which validates, times and bounds requests
// before a Backend runs them.
//
// Requests flow one way: searchsvc/httpapi (JSON API) and searchsvc/web
// (HTML pages) and `syndex search` parse parameters into a Request and
// call Service; Service calls the Backend (searchsvc/bleveengine today);
// the Backend reads the index that indexer/ writes. searchsvc imports
// only searchsvc/query and indexer (for the Article type); it never
// imports Bleve. searchsvc/searchtest holds the conformance suite that
// every Backend must pass.
package searchsvc
