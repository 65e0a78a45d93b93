// Command gensample regenerates syndex's bundled sample corpus.
//
//	go run ./cmd/gensample [-o testdata/sample]
//
// The output is deterministic: running it twice gives identical files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/syndex/syndex/indexer/samplegen"
)

func main() {
	out := flag.String("o", samplegen.DefaultDir, "output directory")
	flag.Parse()
	if err := samplegen.Generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gensample:", err)
		os.Exit(1)
	}
}
