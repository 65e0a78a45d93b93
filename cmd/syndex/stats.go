package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/syndex/syndex/indexer"
)

func newStatsCmd(a *app) *cobra.Command {
	var asJSON, boilerplate bool
	var topTags int
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show article counts by source, top tags, date span and index size",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if boilerplate {
				return printBoilerplate(cmd.OutOrStdout(), a.indexDir, asJSON)
			}
			st, err := a.stats(cmd.Context(), topTags)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			fmt.Fprintf(w, "%d articles\nstories: %d (groups of syndicated copies)\n", st.Articles, st.Stories)
			if st.FirstDay != "" {
				fmt.Fprintf(w, "published %s .. %s (%d undated)\n", st.FirstDay, st.LastDay, st.Undated)
			}
			fmt.Fprintf(w, "index size %.1f MB at %s\n\nsources:\n", float64(st.SizeBytes)/1e6, st.Generation)
			for _, c := range st.Sources {
				fmt.Fprintf(w, "  %8d  %s\n", c.Count, c.Value)
			}
			if st.NoSource > 0 {
				fmt.Fprintf(w, "  %8d  (no source)\n", st.NoSource)
			}
			fmt.Fprintf(w, "\ntop %d tags:\n", topTags)
			for _, c := range st.Tags {
				fmt.Fprintf(w, "  %8d  %s\n", c.Count, c.Value)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&topTags, "tags", 20, "how many top tags to list")
	cmd.Flags().BoolVar(&boilerplate, "boilerplate", false, "list the boilerplate lines the last reindex learned per source (works while serving)")
	return cmd
}

// printBoilerplate lists what the last reindex learned per source.
func printBoilerplate(w io.Writer, dir string, asJSON bool) error {
	bp, err := indexer.LearnedBoilerplate(dir)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(bp)
	}
	lines := 0
	for _, s := range bp.Sources {
		lines += len(s.Lines)
	}
	fmt.Fprintf(w, "%d boilerplate lines learned for %d of %d sources (%d articles read)\n", lines, len(bp.Sources), bp.SourcesSeen, bp.Articles)
	for _, s := range bp.Sources {
		fmt.Fprintf(w, "\n%s (%d articles):\n", s.Source, s.Articles)
		for _, l := range s.Lines {
			fmt.Fprintf(w, "  %6d  %s\n", l.Articles, clipText(l.Text, 100))
		}
	}
	return nil
}

// clipText shortens s to at most n runes for a one-line listing.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// stats computes the index statistics: through the running server when one
// holds the index, else directly.
func (a *app) stats(ctx context.Context, topTags int) (indexer.Stats, error) {
	var st indexer.Stats
	if srv, ok := indexer.ReadServerInfo(a.indexDir); ok {
		err := getFromServer(ctx, srv, "/admin/v1/stats", url.Values{"tags": {strconv.Itoa(topTags)}}, &st)
		return st, err
	}
	ix, err := indexer.Open(a.indexDir)
	if err != nil {
		return st, err
	}
	defer ix.Close()
	return ix.Stats(ctx, topTags)
}
