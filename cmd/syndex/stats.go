package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/syndex/syndex/indexer"
)

func newStatsCmd(a *app) *cobra.Command {
	var asJSON bool
	var topTags int
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show article counts by source, top tags, date span and index size",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ix, err := indexer.Open(a.indexDir)
			if err != nil {
				return err
			}
			defer ix.Close()
			st, err := ix.Stats(cmd.Context(), topTags)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			fmt.Fprintf(w, "%d articles\n", st.Articles)
			if st.FirstDay != "" {
				fmt.Fprintf(w, "published %s .. %s (%d undated)\n", st.FirstDay, st.LastDay, st.Undated)
			}
			fmt.Fprintf(w, "index size %.1f MB at %s\n\nsources:\n", float64(st.SizeBytes)/1e6, st.Generation)
			for _, c := range st.Sources {
				fmt.Fprintf(w, "  %8d  %s\n", c.Count, c.Value)
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
	return cmd
}
