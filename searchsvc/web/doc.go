// Package web is the site's search page. GET / and GET /search render the
// results as HTML on the server (html/template), so the page works with
// JavaScript turned off: every filter is a form field or a plain link and a
// URL reproduces the page. app.js only adds search-as-you-type
// suggestions, the "/" shortcut and instant submission of checkbox filters.
// Templates and assets are embedded in the binary. Register adds the pages
// to a searchsvc/httpapi server, sharing its concurrency limit; the page
// calls searchsvc.Service like the API does.
package web
