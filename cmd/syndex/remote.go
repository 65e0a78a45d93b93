package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/ingest"
)

// remoteBatch is how many articles go to a running server per request.
const remoteBatch = 1000

// indexViaServer reads and cleans sources here (so rejections are reported
// with file and line as usual) and sends the articles to the server that has
// the index open, which writes them in batches. It is how `syndex index`
// works while `syndex serve` runs: no second process fights for the index's
// file lock.
func indexViaServer(ctx context.Context, srv indexer.ServerInfo, sources []string, o indexer.WriteOptions) (indexer.Summary, error) {
	start := time.Now()
	var sum indexer.Summary
	files, err := ingest.ListFiles(sources)
	if err != nil {
		return sum, err
	}
	sum.Files, sum.Bytes = len(files), ingest.FilesSize(files)
	client := &http.Client{Timeout: 60 * time.Second}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	pending := 0
	send := func() error {
		if pending == 0 {
			return nil
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+srv.Addr+"/admin/v1/articles", bytes.NewReader(buf.Bytes()))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+srv.Token)
		req.Header.Set("Content-Type", "application/x-ndjson")
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("send articles to the server at %s: %w", srv.Addr, err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("server at %s refused the articles: %s: %s", srv.Addr, resp.Status, bytes.TrimSpace(body))
		}
		var res struct{ Indexed, Updated int }
		if err := json.Unmarshal(body, &res); err != nil {
			return fmt.Errorf("server at %s: bad answer: %w", srv.Addr, err)
		}
		sum.Indexed += res.Indexed
		sum.Updated += res.Updated
		buf.Reset()
		pending = 0
		return nil
	}
	var rejected []string
	for a, err := range ingest.Read(ctx, files, o.Read) {
		if err != nil {
			sum.Rejected++
			if len(rejected) < indexer.MaxErrors {
				rejected = append(rejected, err.Error())
			}
			continue
		}
		if w := a.WarningLines(); len(w) > 0 {
			sum.Warned += len(w)
			sum.Warnings = append(sum.Warnings, w[:min(len(w), indexer.MaxErrors-len(sum.Warnings))]...)
		}
		if err := enc.Encode(a); err != nil {
			return sum, err
		}
		if pending++; pending >= remoteBatch {
			if err := send(); err != nil {
				return sum, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	err = send()
	sum.Errors = rejected
	sum.Elapsed = time.Since(start)
	return sum, err
}
