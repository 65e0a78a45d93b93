package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/ingest"
)

func newReindexCmd(a *app) *cobra.Command {
	var o indexer.WriteOptions
	var memLimit, cpuProfile, memProfile string
	cmd := &cobra.Command{
		Use:   "reindex [SRC...]",
		Short: "Rebuild the index from sources and swap it in atomically",
		Long: `reindex builds a complete new index of SRC (files and folders, - for
standard input) beside the live one and swaps it in atomically: searches
never see a half-built index, and a crash at any moment leaves the previous
index intact.

With no SRC it rebuilds from the sources the live index remembers (those of
its last reindex and of every later index run); on a fresh location it
indexes the bundled sample corpus.

A reindex that finds no articles, or fewer than half of the live index's,
is refused and the live index kept, unless --allow-shrink is given.

On a month-shard index, --from and --to (YYYY-MM, inclusive; either may be
left open) rebuild only those months from SRC: the other months are copied
from the live index as they are (by the server, when one holds the
index), and the result is swapped in atomically.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				src, cleanup, err := a.rememberedSources(&o, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				defer cleanup()
				args = src
			} else {
				a.warnLeftOut(args, cmd.ErrOrStderr())
			}
			if from, to := cmd.Flags().Lookup("from").Value.String(), cmd.Flags().Lookup("to").Value.String(); from != "" || to != "" {
				months, err := indexer.ParseMonthRange(from, to)
				if err != nil {
					return usageError{err}
				}
				if cmd.Flags().Changed("month-shards") && !o.MonthShards {
					return usageError{errors.New("--from/--to rebuild months of a month-shard index; --month-shards=false contradicts them")}
				}
				o.Months, o.MonthShards, o.CopyLive = months, true, copyMonthsViaServer
			}
			if !cmd.Flags().Changed("month-shards") {
				o.MonthShards = indexer.LiveMonthShards(a.indexDir)
			}
			if err := setMemoryLimit(memLimit); err != nil {
				return usageError{err}
			}
			stop, err := startProfiles(cpuProfile, memProfile)
			if err != nil {
				return err
			}
			werr := a.write(cmd, args, o, true)
			return errors.Join(werr, stop())
		},
	}
	cmd.Flags().StringVar(&memLimit, "memory-limit", "1GiB", "soft limit of the Go heap while rebuilding (e.g. 800MiB, 2GiB; 0: none); $GOMEMLIMIT, when set, wins")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a pprof CPU profile of the rebuild to this file (go tool pprof -top FILE)")
	cmd.Flags().StringVar(&memProfile, "memprofile", "", "write a pprof allocation profile of the rebuild to this file (go tool pprof -sample_index=alloc_space -top FILE)")
	addWriteFlags(cmd, &o)
	cmd.Flags().BoolVar(&o.MonthShards, "month-shards", false, "build the index as one shard per publication month (date-filtered searches read only their months); unset: keep the live index's layout")
	cmd.Flags().String("from", "", "with month shards: rebuild only the months from this one (YYYY-MM) and keep the others as they are")
	cmd.Flags().String("to", "", "with month shards: rebuild only the months up to this one (YYYY-MM, inclusive)")
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "abort without replacing the live index if any article is rejected")
	cmd.Flags().BoolVar(&o.AllowShrink, "allow-shrink", false, "replace the live index even with an empty one or one under half its size")
	return cmd
}

// startProfiles starts a CPU profile into cpuFile and arranges an
// allocation profile into memFile (either may be empty); the returned stop
// writes them. They measure where a rebuild's time and memory go, on the
// user's own data, without a test harness.
func startProfiles(cpuFile, memFile string) (stop func() error, err error) {
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpu.Close())
		}
		if memFile != "" {
			f, err := os.Create(memFile)
			if err != nil {
				return errors.Join(append(errs, fmt.Errorf("--memprofile: %w", err))...)
			}
			errs = append(errs, pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
		}
		return errors.Join(errs...)
	}, nil
}

// setMemoryLimit applies reindex --memory-limit as the Go runtime's soft
// memory limit, unless $GOMEMLIMIT is set. Measured with 1M articles
// (856 MB) on 2 cores: peak RSS 2.54 GiB without a limit, 1.57 GiB with
// 1 GiB, and no slower (5m26s against 6m34s, one run each); the Go heap
// otherwise grows to twice what is live before collecting.
func setMemoryLimit(s string) error {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	n, err := parseBytes(s)
	if err != nil {
		return fmt.Errorf("--memory-limit %q: %w", s, err)
	}
	if n > 0 {
		debug.SetMemoryLimit(n)
	}
	return nil
}

// parseBytes reads a size: a number with an optional unit (B, KiB, MiB,
// GiB, or KB, MB, GB as their binary multiples); 0 is none.
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(num), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 || n*float64(mult) > 1<<62 {
		return 0, errors.New("want a size such as 800MiB or 2GiB (0: no limit)")
	}
	return int64(n * float64(mult)), nil
}

// warnLeftOut warns, before an explicit `reindex SRC`, about each source
// the live index remembers that SRC does not cover: the rebuild drops the
// articles read from it, which a user adding one folder with
// `reindex NEW` rarely means.
func (a *app) warnLeftOut(args []string, warn io.Writer) {
	built, err := indexer.BuiltFrom(a.indexDir)
	if err != nil || built.Sample {
		return
	}
	var given []string
	for _, arg := range args {
		if p, err := filepath.Abs(arg); err == nil {
			given = append(given, p)
		}
	}
	for _, src := range built.Sources {
		covered := slices.ContainsFunc(given, func(g string) bool {
			return src == g || strings.HasPrefix(src, g+string(filepath.Separator))
		})
		if !covered {
			fmt.Fprintf(warn, "warning: the live index was also built from %s, which is not among SRC: its articles are left out of the rebuild (journaled ones stay: pushed, polled, sent through a server, or read from standard input or a URL); `syndex reindex` without SRC rebuilds from every source it remembers\n", src)
		}
	}
}

// rememberedSources returns what `reindex` without SRC rebuilds from: the
// sources the live index was built from, or the bundled sample on a fresh
// location (or when the live index is the sample).
func (a *app) rememberedSources(o *indexer.WriteOptions, warn io.Writer) ([]string, func(), error) {
	built, err := indexer.BuiltFrom(a.indexDir)
	fresh := errors.Is(err, indexer.ErrNoIndex)
	switch {
	case err != nil && !fresh:
		return nil, nil, err
	case fresh || built.Sample:
		dir, cleanup, err := sampleCorpus()
		if err != nil {
			return nil, nil, err
		}
		if fresh {
			a.log.Info("no sources given and no index yet: indexing the bundled sample corpus", "index", a.indexDir)
		} else {
			a.log.Info("no sources given: rebuilding the bundled sample corpus this index holds", "index", a.indexDir)
		}
		o.Sample = true
		return []string{dir}, cleanup, nil
	case len(built.Sources) == 0:
		return nil, nil, usageError{fmt.Errorf("the index at %s does not record the sources it was built from (built by an older syndex, or only from standard input): give SRC", a.indexDir)}
	}
	// A remembered source that is gone (a file the user deleted) is
	// skipped with a warning: the rebuild is how its articles are dropped.
	// When none is left the rebuild fails as before (a typo'd mount must
	// not empty the index; the shrink check guards the rest).
	var present, gone []string
	for _, src := range built.Sources {
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, src)
		} else {
			present = append(present, src)
		}
	}
	if len(present) == 0 {
		return nil, nil, fmt.Errorf("none of the sources this index was built from exists any more (%s): give SRC", strings.Join(gone, ", "))
	}
	for _, src := range gone {
		fmt.Fprintf(warn, "warning: source %s no longer exists; its articles are left out of the rebuild\n", src)
	}
	a.log.Info("no sources given: rebuilding from the sources this index was built from", "sources", strings.Join(present, " "))
	return present, func() {}, nil
}

func newIndexCmd(a *app) *cobra.Command {
	var o indexer.WriteOptions
	cmd := &cobra.Command{
		Use:   "index SRC...",
		Short: "Add or update articles in the live index",
		Long: `index adds the articles of SRC (files and folders, - for standard input,
http(s) URLs of feeds, of pages that advertise one, or of article pages,
fetched once)
to the live index; an article whose id is already there is updated. If there
is no index yet, one is created. The index remembers SRC, so a later
` + "`reindex`" + ` without arguments includes it.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.write(cmd, args, o, false)
		},
	}
	addWriteFlags(cmd, &o)
	return cmd
}

func addWriteFlags(cmd *cobra.Command, o *indexer.WriteOptions) {
	cmd.Flags().IntVar(&o.BatchSize, "batch", 0, "articles per index batch (default 1000)")
	cmd.Flags().IntVar(&o.Read.MaxBodyBytes, "max-body", ingest.DefaultMaxBodyBytes, "reject articles whose body is larger (bytes)")
}

// write runs a reindex (full) or an incremental index, with progress on
// stderr and a summary at the end. When it fails outright (a missing path,
// a reindex already running, a refused shrink) it prints the error and the
// rejections that explain it, not a summary of work that did not happen.
func (a *app) write(cmd *cobra.Command, args []string, o indexer.WriteOptions, full bool) error {
	stderr := cmd.ErrOrStderr()
	args, fromStdin, cleanup, err := stdinSources(args, cmd.InOrStdin())
	if err != nil {
		return err
	}
	defer cleanup()
	if fromStdin != "" {
		o.Transient = append(o.Transient, fromStdin)
	}
	args, fetched, cleanURLs, err := urlSources(cmd.Context(), args)
	if err != nil {
		return err
	}
	defer cleanURLs()
	o.Transient = append(o.Transient, fetched...)
	p := newProgress(stderr, a.log)
	o.Progress = p.update
	var sum indexer.Summary
	lg, err := a.connectNATS(cmd.Context())
	if err != nil {
		return err
	}
	if lg != nil {
		defer lg.Close()
	}
	srv, serving := indexer.ReadServerInfo(a.indexDir)
	switch {
	case full:
		sum, err = indexer.Reindex(cmd.Context(), a.indexDir, args, o)
		if err == nil && lg != nil {
			p.finish()
			err = a.publishGeneration(cmd.Context(), lg)
		}
	case lg != nil:
		a.log.Info("publishing the articles to the ingestion log", "nats", strings.Join(a.nats.urls, ","))
		sum, err = indexViaLog(cmd.Context(), lg, args, o)
	case serving:
		a.log.Info("a server has this index open: sending it the articles", "addr", srv.Addr, "pid", srv.PID)
		sum, err = indexViaServer(cmd.Context(), srv, args, o)
		if err == nil {
			err = indexer.RecordSources(a.indexDir, slices.DeleteFunc(slices.Clone(args), func(s string) bool { return slices.Contains(o.Transient, s) }), 0)
		}
	default:
		sum, err = indexer.AddFiles(cmd.Context(), a.indexDir, args, o)
	}
	p.finish()
	printRejected(stderr, sum.Errors, sum.Rejected)
	printWarnings(stderr, sum.Warnings, sum.Warned)
	printSkipped(stderr, sum.Skipped)
	switch {
	case err == nil:
		printSummary(stderr, sum)
	case errors.Is(err, indexer.ErrRejected):
		// --strict: the counts say what the write would have done.
		fmt.Fprint(stderr, "not published: ")
		printSummary(stderr, sum)
	}
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

// printSkipped says which files of other types the folders held, most
// common type first: without it "from 7 files" of a folder of 25 looks
// like all of it was read.
func printSkipped(w io.Writer, skipped map[string]int) {
	if len(skipped) == 0 {
		return
	}
	exts := slices.Collect(maps.Keys(skipped))
	slices.SortFunc(exts, func(a, b string) int { return cmp.Or(cmp.Compare(skipped[b], skipped[a]), cmp.Compare(a, b)) })
	n, parts := 0, []string{}
	for i, e := range exts {
		n += skipped[e]
		if i < 8 {
			parts = append(parts, fmt.Sprintf("%s %d", cmp.Or(e, "(no extension)"), skipped[e]))
		}
	}
	if len(exts) > 8 {
		parts = append(parts, "…")
	}
	fmt.Fprintf(w, "skipped %s of other types in the folders (%s); name one to have it read or refused with a reason\n", plural(n, "file"), strings.Join(parts, ", "))
}

// plural says n things: "1 file", "3 files".
func plural[N int | int64 | uint64](n N, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func printSummary(w io.Writer, s indexer.Summary) {
	fmt.Fprintf(w, "indexed %d, updated %d, rejected %d", s.Indexed, s.Updated, s.Rejected)
	if s.Warned > 0 {
		fmt.Fprintf(w, ", %s", plural(s.Warned, "warning"))
	}
	if s.Collisions > 0 {
		fmt.Fprintf(w, " (%d id collisions kept apart)", s.Collisions)
	}
	fmt.Fprintf(w, " from %s (%s) in %s: %.0f articles/s, %.1f MB/s\n",
		plural(s.Files, "file"), size(s.Bytes), s.Elapsed.Round(time.Millisecond), s.Rate(),
		float64(s.Bytes)/1e6/max(s.Elapsed.Seconds(), 1e-9))
	if s.Kept > 0 {
		fmt.Fprintf(w, "kept %d articles of the other months as they were\n", s.Kept)
	}
	if s.Generation != "" {
		if s.Articles > 0 {
			fmt.Fprintf(w, "index: %s (%s, %s)\n", s.Generation, plural(s.Articles, "article"), size(indexer.DirSize(s.Generation)))
		} else {
			fmt.Fprintf(w, "index: %s (%s)\n", s.Generation, size(indexer.DirSize(s.Generation)))
		}
	}
}

// size formats a byte count for a summary: kB below a megabyte, so that a
// small input does not read as "0.0 MB".
func size(n int64) string {
	if n < 1e6 {
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// progress shows a bar on a terminal and plain periodic log lines otherwise
// (CI logs and pipes do not want carriage returns). Each phase of a write
// (learning boilerplate, indexing, merging) is its own step: its bar is
// closed with a line saying how long it took when the next one starts.
type progress struct {
	bar      *progressbar.ProgressBar
	term     bool
	log      *slog.Logger
	w        io.Writer
	lastLog  time.Time
	interval time.Duration
	phase    string
	phaseAt  time.Time
	elapsed  time.Duration // of the phase, from its last report
	// steps is set for a reindex, whose phases are numbered.
	steps bool
}

func newProgress(w io.Writer, log *slog.Logger) *progress {
	p := &progress{log: log, w: w, interval: 5 * time.Second, lastLog: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.term = true
	}
	return p
}

// step numbers the phases for the terminal ("step 2/3").
var steps = map[string]string{
	indexer.PhaseLearn: "1/3", indexer.PhaseIndex: "2/3", indexer.PhaseMerge: "3/3",
}

func (p *progress) update(pr indexer.Progress) {
	if pr.Phase != p.phase {
		p.endPhase()
		p.phase, p.phaseAt = pr.Phase, time.Now()
		p.steps = p.steps || pr.Phase == indexer.PhaseLearn
		if p.term {
			if pr.Phase == indexer.PhaseMerge {
				fmt.Fprintf(p.w, "%s%s: writing to disk and merging %d articles…\n", p.step(), pr.Phase, pr.Articles)
			} else {
				p.bar = progressbar.NewOptions64(-1,
					progressbar.OptionSetWriter(p.w),
					progressbar.OptionShowBytes(true),
					progressbar.OptionSetWidth(30),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionSetPredictTime(true),
					progressbar.OptionClearOnFinish(),
				)
			}
		} else {
			if pr.Files > 0 {
				p.log.Info(pr.Phase+" started", "files", pr.Files, "bytes", pr.Bytes)
			} else {
				p.log.Info(pr.Phase+" started", "articles", pr.Articles) // merging reads no files
			}
		}
	}
	p.elapsed = pr.Elapsed
	rate := float64(pr.Articles) / max(pr.Elapsed.Seconds(), 1e-9)
	eta := "?"
	if pr.BytesRead > 0 && pr.Bytes > 0 {
		left := time.Duration(float64(pr.Elapsed) * float64(pr.Bytes-pr.BytesRead) / float64(pr.BytesRead))
		eta = left.Round(time.Second).String()
	}
	if p.bar != nil {
		p.bar.ChangeMax64(pr.Bytes)
		p.bar.Describe(fmt.Sprintf("%s%s: files %d/%d, %d articles, %.0f/s", p.step(), pr.Phase, pr.FilesDone, pr.Files, pr.Articles, rate))
		p.bar.Set64(min(pr.BytesRead, pr.Bytes))
		return
	}
	if pr.Phase != indexer.PhaseMerge && time.Since(p.lastLog) >= p.interval {
		p.lastLog = time.Now()
		p.log.Info(pr.Phase, "files", fmt.Sprintf("%d/%d", pr.FilesDone, pr.Files), "articles", pr.Articles,
			"articles_per_s", int(rate), "eta", eta)
	}
}

// step is "step 2/3 " during a reindex, else "".
func (p *progress) step() string {
	if !p.steps {
		return ""
	}
	return "step " + steps[p.phase] + " "
}

// endPhase closes the current phase's bar with a line saying it is done.
func (p *progress) endPhase() {
	if p.phase == "" {
		return
	}
	// Reports of the reading phases carry their own elapsed time, which
	// starts before the first report; the merge is timed here.
	took := p.elapsed
	if p.phase == indexer.PhaseMerge {
		took = time.Since(p.phaseAt)
	}
	took = took.Round(10 * time.Millisecond)
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
	if p.term {
		fmt.Fprintf(p.w, "%s: done in %s\n", p.phase, took)
	} else {
		p.log.Info(p.phase+" done", "took", took)
	}
}

func (p *progress) finish() {
	p.endPhase()
	p.phase = ""
}
