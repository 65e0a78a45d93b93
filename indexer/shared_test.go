package indexer

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns the absolute path of parts under the shared corpora
// folder (../../shared from this package), where the real-world test inputs
// live outside the repository. The corpora are optional on a developer's
// machine, so a missing folder skips the test; under CI (env CI non-empty)
// it fails, because there a missing corpus is a broken setup that would
// otherwise silently turn the corpus tests into no-ops.
func sharedDir(t testing.TB, parts ...string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", "shared"))
	if err != nil {
		t.Fatalf("resolve shared corpora folder: %v", err)
	}
	p := filepath.Join(append([]string{root}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared corpora are missing (%v); CI needs them checked out at %s", err, root)
		}
		t.Skipf("shared corpora not found (%v); skipping", err)
	}
	return p
}
