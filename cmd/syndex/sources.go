package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/syndex/syndex/indexer/poll"
)

// urlSources fetches the http(s) URLs among args once (a feed, the feed a
// page advertises, or an article page: poll.Get) into temporary files and
// returns args with the files in their place, and those files (transient:
// a later bare reindex does not read them; subscribe with `syndex feeds
// add` to keep a feed).
func urlSources(ctx context.Context, args []string) (out, fetched []string, cleanup func(), err error) {
	cleanup = func() {}
	if !slices.ContainsFunc(args, isURL) {
		return args, nil, cleanup, nil
	}
	dir, err := os.MkdirTemp("", "syndex-fetch-")
	if err != nil {
		return nil, nil, nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	out = slices.Clone(args)
	for i, arg := range out {
		if !isURL(arg) {
			continue
		}
		fctx, cancel := context.WithTimeout(ctx, poll.FetchTimeout)
		got, err := poll.Get(fctx, arg)
		cancel()
		if err != nil {
			cleanup()
			return nil, nil, nil, err
		}
		body, ext := got.Body, ".xml"
		switch {
		case got.Page:
			// An article page, read as a saved one: the comment browsers
			// write gives the article its URL.
			ext = ".html"
			body = append([]byte(fmt.Sprintf("<!-- saved from url=(%04d)%s -->\n", len(got.URL), got.URL)), body...)
		case len(bytes.TrimSpace(body)) > 0 && bytes.TrimSpace(body)[0] == '{':
			ext = ".json"
		}
		path := filepath.Join(dir, fmt.Sprintf("url-%d%s", i+1, ext))
		if err := os.WriteFile(path, body, 0o600); err != nil {
			cleanup()
			return nil, nil, nil, err
		}
		out[i] = path
		fetched = append(fetched, path)
	}
	return out, fetched, cleanup, nil
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// stdinSources replaces a "-" among the sources with a file holding
// standard input (its format is sniffed), so that it is read like any file,
// twice if a reindex needs it. fromStdin is that file's path ("" if none).
func stdinSources(args []string, stdin io.Reader) (out []string, fromStdin string, cleanup func(), err error) {
	i := slices.Index(args, "-")
	if i < 0 {
		return args, "", func() {}, nil
	}
	dir, err := os.MkdirTemp("", "syndex-stdin-")
	if err != nil {
		return nil, "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	path := filepath.Join(dir, "stdin")
	f, err := os.Create(path)
	if err == nil {
		_, err = io.Copy(f, stdin)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		cleanup()
		return nil, "", nil, fmt.Errorf("read standard input: %w", err)
	}
	out = slices.Clone(args)
	for j := range out {
		if out[j] == "-" {
			out[j] = path
		}
	}
	return out, path, cleanup, nil
}
