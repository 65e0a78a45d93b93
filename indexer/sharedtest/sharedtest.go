// Package sharedtest finds the shared real-world corpora (../shared beside
// the repository) for tests and benchmarks of every package, so that all of
// them treat a missing corpus the same way.
package sharedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the absolute path of the shared folder: the sibling of the
// module root, found from this file's location so that it does not depend
// on which package's directory a test runs in.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
}

// Dir returns Root()/parts... . When it is missing the test is skipped with
// a message, except under CI (env CI non-empty), where a missing corpus is a
// broken setup that would otherwise silently turn corpus tests into no-ops,
// so the test fails.
func Dir(tb testing.TB, parts ...string) string {
	tb.Helper()
	root, err := filepath.Abs(Root())
	if err != nil {
		tb.Fatalf("resolve shared corpora folder: %v", err)
	}
	p := filepath.Join(append([]string{root}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared corpora are missing (%v); CI needs them at %s", err, root)
		}
		tb.Skipf("shared corpora not found (%v); skipping", err)
	}
	return p
}
