package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/syndex/syndex"
)

// sampleCorpus writes the embedded sample corpus to a temporary folder and
// returns it with a function that removes it.
func sampleCorpus() (string, func(), error) {
	dir, err := os.MkdirTemp("", "syndex-sample-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	err = fs.WalkDir(syndex.SampleCorpus, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := syndex.SampleCorpus.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("extract sample corpus: %w", err)
	}
	return filepath.Join(dir, "testdata", "sample"), cleanup, nil
}
