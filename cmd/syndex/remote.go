package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/stream"
	"github.com/syndex/syndex/searchsvc"
)

// batchSink writes one batch of articles read and cleaned here somewhere
// else, counting in sum (sum.Reject names what the other side refused by
// the article's Origin, where it was read).
type batchSink func(ctx context.Context, arts []*article.Article, sum *indexer.Summary) error

// sendArticles reads and cleans sources here (so rejections are reported
// with file and line as usual) and hands the articles to sink in batches
// (indexer.ReadBatches, --batch articles per request).
func sendArticles(ctx context.Context, sources []string, o indexer.WriteOptions, sink batchSink) (indexer.Summary, error) {
	start := time.Now()
	var sum indexer.Summary
	err := indexer.ReadBatches(ctx, sources, o, &sum, func(arts []*article.Article) error {
		return sink(ctx, arts, &sum)
	})
	sum.Elapsed = time.Since(start)
	return sum, err
}

// indexViaServer sends the articles of sources to the server that has the
// index open, which writes them in batches. It is how `syndex index` works
// while `syndex serve` runs: no second process fights for the index's file
// lock.
func indexViaServer(ctx context.Context, srv indexer.ServerInfo, sources []string, o indexer.WriteOptions) (indexer.Summary, error) {
	client := &http.Client{Timeout: 60 * time.Second}
	return sendArticles(ctx, sources, o, func(ctx context.Context, arts []*article.Article, sum *indexer.Summary) error {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for _, a := range arts {
			if err := enc.Encode(a); err != nil {
				return err
			}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+srv.Addr+"/admin/v1/articles", &buf)
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
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
		var res struct {
			Indexed, Updated int
			Rejected         []struct {
				Line       int
				ID, Reason string
			}
		}
		err = json.Unmarshal(body, &res)
		// 400 and 413 with a list: every article of the batch was refused
		// on its own merits; the others of the run still count.
		if resp.StatusCode != http.StatusOK && (err != nil || len(res.Rejected) == 0) {
			return fmt.Errorf("server at %s refused the articles: %s: %s", srv.Addr, resp.Status, bytes.TrimSpace(body))
		}
		if err != nil {
			return fmt.Errorf("server at %s: bad answer: %w", srv.Addr, err)
		}
		sum.Indexed += res.Indexed
		sum.Updated += res.Updated
		for _, r := range res.Rejected {
			at := "article " + r.ID
			if i := r.Line - 1; i >= 0 && i < len(arts) {
				at = arts[i].Origin.String()
			}
			sum.Reject(fmt.Errorf("%s: refused by the server: %s", at, r.Reason))
		}
		return nil
	})
}

// indexViaLog publishes the articles of sources to the ingestion log
// (--nats); every replica writes them. They count as indexed once
// JetStream acknowledged them; an article over the servers' max_payload
// is rejected by name.
func indexViaLog(ctx context.Context, lg *stream.Log, sources []string, o indexer.WriteOptions) (indexer.Summary, error) {
	return sendArticles(ctx, sources, o, func(ctx context.Context, arts []*article.Article, sum *indexer.Summary) error {
		changes := make([]indexer.Change, len(arts))
		for i, a := range arts {
			changes[i].Article = a
		}
		_, refused, err := lg.PublishFitting(ctx, changes)
		for i := range arts {
			if e, ok := refused[i]; ok {
				sum.Reject(fmt.Errorf("%s: %w", arts[i].Origin, e))
			}
		}
		sum.Indexed += len(arts) - len(refused)
		return err
	})
}

// getFromServer GETs path?query from the running server srv with its write
// key and decodes the JSON answer into v. A 4xx answer comes back as the
// server's message, so a bad parameter reads the same as without a server.
func getFromServer(ctx context.Context, srv indexer.ServerInfo, path string, query url.Values, v any) error {
	u := "http://" + srv.Addr + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+srv.Token)
	resp, err := (&http.Client{Timeout: 60 * time.Second}).Do(req)
	if err != nil {
		return fmt.Errorf("ask the server at %s: %w", srv.Addr, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("read the answer of the server at %s: %w", srv.Addr, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Code, Message, Parameter string }
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
			if e.Error.Parameter != "" {
				return &searchsvc.ParamError{Param: e.Error.Parameter, Msg: e.Error.Message}
			}
			return fmt.Errorf("server at %s: %s", srv.Addr, e.Error.Message)
		}
		return fmt.Errorf("server at %s: %s", srv.Addr, resp.Status)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("server at %s: bad answer: %w", srv.Addr, err)
	}
	return nil
}

// copyMonthsViaServer asks the server holding the index to copy the months
// a `reindex --from/--to` keeps into the rebuild's new generation folder
// dst (POST /admin/v1/copy-months): only the process holding the index
// open can take a consistent copy of it.
func copyMonthsViaServer(ctx context.Context, srv indexer.ServerInfo, dst string, months indexer.MonthRange) error {
	body, err := json.Marshal(map[string]string{"dst": dst, "from": months.From, "to": months.To})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+srv.Addr+"/admin/v1/copy-months", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+srv.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 31 * time.Minute}).Do(req)
	if err != nil {
		return fmt.Errorf("ask the server at %s to copy the kept months: %w", srv.Addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		if json.Unmarshal(msg, &e) == nil && e.Error.Message != "" {
			msg = []byte(e.Error.Message)
		}
		return fmt.Errorf("the server at %s did not copy the kept months: %s: %s", srv.Addr, resp.Status, bytes.TrimSpace(msg))
	}
	return nil
}
