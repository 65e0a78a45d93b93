package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/ingest"
)

func newReindexCmd(a *app) *cobra.Command {
	var o indexer.WriteOptions
	cmd := &cobra.Command{
		Use:   "reindex [SRC...]",
		Short: "Rebuild the index from sources and swap it in atomically",
		Long: `reindex builds a complete new index of SRC (files and folders) beside the
live one and swaps it in atomically: searches never see a half-built index,
and a crash at any moment leaves the previous index intact. With no SRC it
indexes the bundled sample corpus.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				dir, cleanup, err := sampleCorpus()
				if err != nil {
					return err
				}
				defer cleanup()
				a.log.Info("no sources given: indexing the bundled sample corpus", "dir", dir)
				args = []string{dir}
			}
			return a.write(cmd, args, o, true)
		},
	}
	addWriteFlags(cmd, &o)
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "abort without replacing the live index if any article is rejected")
	return cmd
}

func newIndexCmd(a *app) *cobra.Command {
	var o indexer.WriteOptions
	cmd := &cobra.Command{
		Use:   "index SRC...",
		Short: "Add or update articles in the live index",
		Long: `index adds the articles of SRC to the live index; an article whose id is
already there is updated. If there is no index yet, one is created.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.write(cmd, args, o, false)
		},
	}
	addWriteFlags(cmd, &o)
	return cmd
}

func addWriteFlags(cmd *cobra.Command, o *indexer.WriteOptions) {
	cmd.Flags().IntVar(&o.BatchSize, "batch", 0, "articles per index batch (default 2000)")
	cmd.Flags().IntVar(&o.Read.MaxBodyBytes, "max-body", ingest.DefaultMaxBodyBytes, "reject articles whose body is larger (bytes)")
}

// write runs a reindex (full) or an incremental index, with progress on
// stderr and a summary at the end.
func (a *app) write(cmd *cobra.Command, args []string, o indexer.WriteOptions, full bool) error {
	stderr := cmd.ErrOrStderr()
	p := newProgress(stderr, a.log)
	o.Progress = p.update
	var sum indexer.Summary
	var err error
	srv, serving := indexer.ReadServerInfo(a.indexDir)
	switch {
	case full:
		sum, err = indexer.Reindex(cmd.Context(), a.indexDir, args, o)
	case serving:
		a.log.Info("a server has this index open: sending it the articles", "addr", srv.Addr, "pid", srv.PID)
		sum, err = indexViaServer(cmd.Context(), srv, args, o)
	default:
		sum, err = indexer.AddFiles(cmd.Context(), a.indexDir, args, o)
	}
	p.finish()
	printRejected(stderr, sum.Errors, sum.Rejected)
	printSummary(stderr, sum)
	switch {
	case errors.Is(err, indexer.ErrRejected):
		return &codeError{code: exitStrict, err: err}
	case errors.Is(err, indexer.ErrReindexRunning):
		return &codeError{code: exitError, err: fmt.Errorf("%w; wait for it to finish", err)}
	case err != nil:
		return err
	case sum.Rejected > 0:
		return &codeError{code: exitRejected, err: fmt.Errorf("%d rejected", sum.Rejected)}
	}
	return nil
}

func printSummary(w io.Writer, s indexer.Summary) {
	fmt.Fprintf(w, "indexed %d, updated %d, rejected %d from %d files (%.1f MB) in %s: %.0f articles/s, %.1f MB/s\n",
		s.Indexed, s.Updated, s.Rejected, s.Files, float64(s.Bytes)/1e6, s.Elapsed.Round(time.Millisecond), s.Rate(),
		float64(s.Bytes)/1e6/max(s.Elapsed.Seconds(), 1e-9))
	if s.Generation != "" {
		fmt.Fprintf(w, "index: %s (%.1f MB)\n", s.Generation, float64(indexer.DirSize(s.Generation))/1e6)
	}
}

// progress shows a bar on a terminal and plain periodic log lines otherwise
// (CI logs and pipes do not want carriage returns).
type progress struct {
	bar      *progressbar.ProgressBar
	log      *slog.Logger
	w        io.Writer
	lastLog  time.Time
	interval time.Duration
}

func newProgress(w io.Writer, log *slog.Logger) *progress {
	p := &progress{log: log, w: w, interval: 5 * time.Second, lastLog: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) update(pr indexer.Progress) {
	rate := float64(pr.Articles) / max(pr.Elapsed.Seconds(), 1e-9)
	eta := "?"
	if pr.BytesRead > 0 && pr.Bytes > 0 {
		left := time.Duration(float64(pr.Elapsed) * float64(pr.Bytes-pr.BytesRead) / float64(pr.BytesRead))
		eta = left.Round(time.Second).String()
	}
	if p.bar != nil {
		p.bar.ChangeMax64(pr.Bytes)
		p.bar.Describe(fmt.Sprintf("%s: files %d/%d, %d articles, %.0f/s", pr.Phase, pr.FilesDone, pr.Files, pr.Articles, rate))
		p.bar.Set64(min(pr.BytesRead, pr.Bytes))
		return
	}
	if time.Since(p.lastLog) >= p.interval {
		p.lastLog = time.Now()
		p.log.Info(pr.Phase, "files", fmt.Sprintf("%d/%d", pr.FilesDone, pr.Files), "articles", pr.Articles,
			"articles_per_s", int(rate), "eta", eta)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
