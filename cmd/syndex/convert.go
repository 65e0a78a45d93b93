package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/ingest"
)

func newConvertCmd(a *app) *cobra.Command {
	var out string
	var maxBody int
	cmd := &cobra.Command{
		Use:   "convert SRC... [-o out.jsonl]",
		Short: "Read and clean articles and write them as JSON Lines (what would be indexed)",
		Long: `convert reads files and folders (- for standard input, http(s) URLs as
` + "`index`" + ` fetches them) in any supported format, cleans the
articles exactly as indexing would and writes them as syndex JSON Lines, so
you can see what will be indexed. A summary (read, converted, rejected with
reasons) goes to stderr.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			args, _, cleanup, err := stdinSources(args, cmd.InOrStdin())
			if err != nil {
				return err
			}
			defer cleanup()
			args, _, cleanURLs, err := urlSources(cmd.Context(), args)
			if err != nil {
				return err
			}
			defer cleanURLs()
			files, skipped, err := ingest.List(args)
			if err != nil {
				return err
			}
			if len(files) == 0 {
				// As reindex says: a folder of .csv files or a typo must
				// not look like a successful conversion of nothing.
				return fmt.Errorf("no input files in %s (folders are searched for %s)", strings.Join(args, ", "), ingest.KnownExtensions())
			}
			w := cmd.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 256<<10)
			enc := json.NewEncoder(bw)
			enc.SetEscapeHTML(false)
			var converted, rejected, warned int
			var reasons, warnings []string
			ids := indexer.NewRunIDs() // collisions get their own ids, as when indexing
			for art, err := range ingest.Read(cmd.Context(), files, ingest.Options{MaxBodyBytes: maxBody}) {
				if err != nil {
					rejected++
					reasons = append(reasons, err.Error())
					continue
				}
				lines := art.WarningLines()
				if w := ids.Resolve(art); w != "" {
					lines = append(lines, w)
				}
				ids.Add(art)
				for _, w := range lines {
					if warned++; len(warnings) < indexer.MaxErrors {
						warnings = append(warnings, w)
					}
				}
				if err := enc.Encode(art); err != nil {
					return fmt.Errorf("write: %w", err)
				}
				converted++
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			if err := cmd.Context().Err(); err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			printRejected(stderr, reasons, rejected)
			printWarnings(stderr, warnings, warned)
			printSkipped(stderr, skipped)
			fmt.Fprintf(stderr, "read %d, converted %d, rejected %d, %s\n", converted+rejected, converted, rejected, plural(warned, "warning"))
			if rejected > 0 {
				return &codeError{code: exitRejected, err: fmt.Errorf("%d rejected", rejected)}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default stdout)")
	cmd.Flags().IntVar(&maxBody, "max-body", ingest.DefaultMaxBodyBytes, "reject articles whose body is larger (bytes)")
	return cmd
}

// printRejected lists rejection reasons, one per line, as "rejected: <file:line: reason>".
func printRejected(w io.Writer, reasons []string, total int) {
	printList(w, "rejected", reasons, total)
}

// printWarnings lists what was noticed about kept articles, one per line
// (`warning: date not understood: FILE:LINE: "11/30/26"`).
func printWarnings(w io.Writer, warnings []string, total int) {
	printList(w, "warning", warnings, total)
}

func printList(w io.Writer, label string, lines []string, total int) {
	for _, l := range lines {
		fmt.Fprintf(w, "%s: %s\n", label, l)
	}
	if total > len(lines) {
		fmt.Fprintf(w, "%s: … and %d more\n", label, total-len(lines))
	}
}
