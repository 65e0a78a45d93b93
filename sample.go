// Package syndex holds what the whole module shares: the bundled sample
// corpus that `syndex reindex` and `syndex serve` use out of the box.
package syndex

import "embed"

// SampleCorpus is testdata/sample, embedded so the binary can build a demo
// index on a fresh machine with nothing else installed.
//
//go:embed testdata/sample
var SampleCorpus embed.FS
