// Command syndex builds and serves a full-text search index of syndicated
// news articles. Run `syndex help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/apikeys"
)

// Exit codes, documented in the README and in `syndex --help`.
const (
	exitOK       = 0 // everything was read and written
	exitError    = 1 // the command failed; the index was not changed
	exitUsage    = 2 // bad flags or arguments
	exitRejected = 3 // done, but some articles or files were rejected (listed on stderr)
	exitStrict   = 4 // --strict: articles were rejected, so the live index was kept
)

// exitError carries a specific exit code out of a command.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string { return e.err.Error() }
func (e *codeError) Unwrap() error { return e.err }

// app holds what every command shares: flags of the root command and the
// logger. It is the only state and lives in main.
type app struct {
	indexDir string
	verbose  bool
	nats     natsFlags
	log      *slog.Logger
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line args and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		if ce.err != nil && ce.code != exitRejected {
			fmt.Fprintln(stderr, "syndex:", ce.err)
		}
		return ce.code
	}
	fmt.Fprintln(stderr, "syndex:", err)
	if isUsage(err) || strings.HasPrefix(err.Error(), "unknown command ") {
		return exitUsage
	}
	return exitError
}

// version is the module version and VCS revision the binary was built
// from, for --version, /readyz and /metrics.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " (" + rev + dirty + ")"
	}
	return v + " " + bi.GoVersion
}

// flagError makes a bad flag a usage error and, for an unknown flag, names
// the closest one the command has.
func flagError(cmd *cobra.Command, err error) error {
	if arg, ok := strings.CutPrefix(err.Error(), "unknown shorthand flag: "); ok && cmd.Name() == "search" {
		// A word excluded from the query ("-bitcoin") reads as flags.
		_, word, _ := strings.Cut(arg, " in ")
		return usageError{fmt.Errorf("%w\n\nTo search for articles without %q, put -- between the flags and the query:\n\t%s [flags] -- %s",
			err, strings.TrimLeft(word, "-"), cmd.CommandPath(), word)}
	}
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return usageError{err}
	}
	best, bestD := "", 3
	visit := func(f *pflag.Flag) {
		if d := searchsvc.EditDistance(name, f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if best != "" {
		return usageError{fmt.Errorf("%w\n\nDid you mean this?\n\t--%s", err, best)}
	}
	return usageError{err}
}

// usageError marks errors in flags and arguments.
type usageError struct{ error }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "syndex",
		Short: "Full-text search for syndicated news articles",
		Long: `syndex reads news articles (JSON Lines, RSS/Atom/JSON Feed, HTML pages,
syndicated text pages), cleans them, indexes them with Bleve and serves a
faceted search API and search page.

Exit codes: 0 ok; 1 failed (index unchanged); 2 usage error;
3 done but some articles were rejected; 4 --strict abort (index unchanged).`,
		SilenceUsage:               true,
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelInfo
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
		},
	}
	root.SetFlagErrorFunc(flagError)
	root.Version = version()
	root.SetVersionTemplate("syndex {{.Version}}\n")
	root.PersistentFlags().StringVar(&a.indexDir, "index", defaultIndexDir(), "index location (env SYNDEX_INDEX)")
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "debug logging")
	root.PersistentFlags().StringSliceVar(&a.nats.urls, "nats", natsEnv(), "NATS servers of the ingestion log (nats://host:4222, repeatable or comma-separated; env SYNDEX_NATS): serve runs as one replica of many, index and reindex publish to the log; default: one machine, no NATS")
	root.PersistentFlags().IntVar(&a.nats.replicas, "nats-replicas", 3, "NATS servers keeping each message, lease and snapshot (1 for a single NATS server)")
	root.AddCommand(newConvertCmd(a), newReindexCmd(a), newIndexCmd(a), newStatsCmd(a), newServeCmd(a), newSearchCmd(a), newKeysCmd(a), newFeedsCmd(a), newPollCmd(a))
	return root
}

// apiKeysPath is the push API's key file: file if given, else
// api-keys.json in the index location.
func (a *app) apiKeysPath(file string) string {
	if file != "" {
		return file
	}
	return filepath.Join(a.indexDir, apikeys.File)
}

// natsEnv is $SYNDEX_NATS split at commas.
func natsEnv() []string {
	if v := os.Getenv("SYNDEX_NATS"); v != "" {
		return strings.Split(v, ",")
	}
	return nil
}

// defaultIndexDir is $SYNDEX_INDEX, else $XDG_DATA_HOME/syndex/index, else
// ~/.local/share/syndex/index: one well-known place, so that every command
// works without flags.
func defaultIndexDir() string {
	if d := os.Getenv("SYNDEX_INDEX"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "syndex", "index")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "syndex", "index")
	}
	return filepath.Join(".syndex", "index")
}

// noArgs and minArgs make cobra's argument errors usage errors (exit 2).
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageError{fmt.Errorf("%s needs at least %d argument(s); see --help", cmd.CommandPath(), n)}
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q; see --help", cmd.CommandPath(), args)}
	}
	return nil
}
