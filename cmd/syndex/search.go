package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine"
)

func newSearchCmd(a *app) *cobra.Command {
	var (
		// terms holds the values of each term filter's flag, by position
		// in searchsvc.TermFilters.
		terms             = make([][]string, len(searchsvc.TermFilters))
		from, to, sortBy  string
		cursor, facets    string
		size, page        int
		asJSON, allCopies bool
	)
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search the index from the terminal",
		Long: `search runs a query through the same core as the HTTP API and prints the
results. QUERY uses the search box syntax:

  oil prices            both words (stemmed: "price" matches "prices")
  "crude oil"           the exact phrase
  oil -opec             excludes articles with "opec"
  bitcoin OR ethereum   either word
  source:Reuters tag:"crude oil" author:"Jane Doe" lang:de   filters typed into the query

Words are analysed in every language of the index: Häusern finds German
articles with "Häuser" or "Haus", 北京 finds Chinese ones.

With no QUERY it lists the newest articles under the filters.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := url.Values{}
			v.Set("q", strings.Join(args, " "))
			for i, vals := range terms {
				for _, val := range vals {
					v.Add(searchsvc.TermFilters[i].Param, val)
				}
			}
			set := func(name, val string) {
				if val != "" {
					v.Set(name, val)
				}
			}
			set("from", from)
			set("to", to)
			set("sort", sortBy)
			set("cursor", cursor)
			v.Set("size", strconv.Itoa(size))
			if cmd.Flags().Changed("page") {
				v.Set("page", strconv.Itoa(page))
			}
			if allCopies {
				v.Set("collapse", "false")
			}
			if cmd.Flags().Changed("facets") || !asJSON {
				v.Set("facets", facets)
			}
			req, err := searchsvc.ParseRequest(v)
			if err != nil {
				var pe *searchsvc.ParamError
				if errors.As(err, &pe) {
					return usageError{fmt.Errorf("--%s: %s", flagName(pe.Param), pe.Msg)}
				}
				return usageError{err}
			}
			res, err := a.search(cmd.Context(), req, v)
			if err != nil {
				var pe *searchsvc.ParamError
				if errors.As(err, &pe) {
					return usageError{fmt.Errorf("--%s: %s", flagName(pe.Param), pe.Msg)}
				}
				return err
			}
			w := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false) // for people: <mark> rather than \u003cmark\u003e
				return enc.Encode(res)
			}
			printResults(w, res, isTerminal(w))
			return nil
		},
	}
	f := cmd.Flags()
	for i, tf := range searchsvc.TermFilters {
		// Repeatable, not comma-separated: source and author names hold
		// commas ("News, Politics and Society", "Smith, John").
		f.StringArrayVar(&terms[i], tf.Param, nil, "only this "+tf.Param+" (repeat the flag for more; values OR together)")
	}
	f.StringVar(&from, "from", "", "published on or after (YYYY-MM-DD or RFC 3339)")
	f.StringVar(&to, "to", "", "published on or before (YYYY-MM-DD or RFC 3339)")
	f.StringVar(&sortBy, "sort", "", "relevance, newest or oldest (default: relevance with a query, newest without)")
	f.IntVarP(&size, "size", "n", searchsvc.DefaultSize, "results per page (max 100)")
	f.IntVar(&page, "page", 1, "page number")
	f.StringVar(&cursor, "cursor", "", "continue after a previous page (its next cursor)")
	f.StringVar(&facets, "facets", "source", "facets to compute: "+strings.Join(searchsvc.FacetNames(), ",")+" (printed in --json)")
	f.BoolVar(&asJSON, "json", false, "print the API's JSON response")
	f.BoolVar(&allCopies, "all-copies", false, "list every syndicated copy as its own result (default: one result per story)")
	return cmd
}

// flagName maps a request parameter to the flag that sets it.
func flagName(param string) string {
	if param == "q" {
		return "query"
	}
	return strings.ReplaceAll(param, "_", "-")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// printResults renders a response for people: one block per hit, matches in
// bold on a terminal.
func printResults(w io.Writer, res *searchsvc.Response, tty bool) {
	q := res.Query.Used
	if q == "" {
		q = "(all articles)"
	}
	if res.Counts == searchsvc.CountStories {
		fmt.Fprintf(w, "%s (%s) for %s (%.1f ms, %s)\n", pluralStory(res.Total), plural(res.TotalArticles, "article"), q, res.TookMS, res.Query.Sort)
	} else {
		fmt.Fprintf(w, "%s for %s (%.1f ms, %s)\n", plural(res.Total, "article"), q, res.TookMS, res.Query.Sort)
	}
	switch {
	case res.Corrected:
		fmt.Fprintf(w, "Showing results for %s; nothing (or little) matched %s\n", res.Query.Used, res.Query.Parsed)
	case res.DidYouMean != "":
		fmt.Fprintf(w, "Did you mean: %s\n", res.DidYouMean)
	}
	if len(res.Query.Ignored) > 0 {
		fmt.Fprintf(w, "Ignored (too common): %s\n", strings.Join(res.Query.Ignored, " "))
	}
	if f := res.Facets; f != nil {
		for _, tf := range []struct {
			label string
			facet *searchsvc.TermFacet
		}{{"Sources", f.Source}, {"Tags", f.Tag}, {"Authors", f.Author}, {"Languages", f.Lang}} {
			if tf.facet == nil || len(tf.facet.Values) == 0 {
				continue
			}
			var parts []string
			for _, v := range tf.facet.Values {
				parts = append(parts, fmt.Sprintf("%s %d", v.Value, v.Count))
			}
			fmt.Fprintf(w, "%s: %s\n", tf.label, strings.Join(parts, " · "))
		}
		if d := f.Published; d != nil && len(d.Buckets) > 0 {
			var parts []string
			for _, b := range d.Buckets {
				if b.Count > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", b.Key, b.Count))
				}
			}
			if d.Undated > 0 {
				parts = append(parts, fmt.Sprintf("undated %d", d.Undated))
			}
			fmt.Fprintf(w, "Published (by %s): %s\n", d.Interval, strings.Join(parts, " · "))
		}
	}
	first := res.Offset + 1
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%3d. %s\n", first+i, cmp.Or(fromHTML(h.TitleHTML, tty), "(untitled)"))
		meta := []string{}
		if h.Source != "" {
			meta = append(meta, h.Source)
		}
		if len(h.Published) >= 10 {
			meta = append(meta, h.Published[:10])
		}
		meta = append(meta, "id "+h.ID)
		fmt.Fprintf(w, "     %s\n", strings.Join(meta, " · "))
		if h.Snippet != "" {
			fmt.Fprintf(w, "     %s\n", fromHTML(h.Snippet, tty))
		}
		if h.URL != "" {
			fmt.Fprintf(w, "     %s\n", h.URL)
		}
		if len(h.AlsoIn) > 0 {
			var also []string
			for _, c := range h.AlsoIn {
				also = append(also, cmp.Or(c.Source, "unknown source ("+c.ID+")"))
			}
			more := ""
			if n := h.Copies - len(h.AlsoIn); n > 0 {
				more = fmt.Sprintf(" and %d more", n)
			}
			fmt.Fprintf(w, "     also in: %s%s\n", strings.Join(also, ", "), more)
		}
	}
	if res.NextCursor != "" {
		fmt.Fprintf(w, "\nMore: add --cursor %s\n", res.NextCursor)
	}
}

// pluralStory says n stories: "1 story", "3 stories".
func pluralStory(n uint64) string {
	if n == 1 {
		return "1 story"
	}
	return fmt.Sprintf("%d stories", n)
}

// fromHTML turns a highlighted fragment back into text: <mark> becomes bold
// on a terminal and nothing elsewhere, entities are decoded.
// Control characters in the text are dropped so that an article cannot
// send escape sequences to the terminal.
func fromHTML(s string, tty bool) string {
	on, off := "", ""
	if tty {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	text := func(t string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, html.UnescapeString(t))
	}
	var b strings.Builder
	for i, part := range strings.Split(s, "<mark>") {
		if i > 0 {
			b.WriteString(on)
		}
		in, out, found := strings.Cut(part, "</mark>")
		b.WriteString(text(in))
		if found {
			b.WriteString(off)
			b.WriteString(text(out))
		}
	}
	return b.String()
}

// search runs req (v in URL form) on the index: through the running server
// when one holds it (its file lock keeps others out), else directly. Both
// go through the same searchsvc core, so the answer is the same.
func (a *app) search(ctx context.Context, req searchsvc.Request, v url.Values) (*searchsvc.Response, error) {
	if srv, ok := indexer.ReadServerInfo(a.indexDir); ok {
		a.log.Debug("a server has this index open: asking it", "addr", srv.Addr)
		var res searchsvc.Response
		if err := getFromServer(ctx, srv, "/api/v1/search", v, &res); err != nil {
			return nil, err
		}
		return &res, nil
	}
	ix, err := indexer.Open(a.indexDir)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	eng, err := bleveengine.New(ix, bleveengine.Config{Log: a.log})
	if err != nil {
		return nil, err
	}
	return searchsvc.New(eng, searchsvc.Config{Log: a.log}).Search(ctx, req)
}
