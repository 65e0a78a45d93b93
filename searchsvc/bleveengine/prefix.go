package bleveengine

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Prefix expansion (word*): the index terms starting with the prefix,
// from the title and body dictionaries, at most MaxPrefixTerms of them —
// those most articles hold among the first prefixScan read — so a short
// prefix cannot make one query search thousands of terms.
const (
	MaxPrefixTerms = 50
	prefixScan     = 20000
)

// prefixExpander returns a function that expands prefixes on the current
// snapshot of ix, each once per request.
func (s *Engine) prefixExpander(ctx context.Context, ix *indexer.Index) func(string) []string {
	done := map[string][]string{}
	return func(prefix string) []string {
		if terms, ok := done[prefix]; ok {
			return terms
		}
		df := map[string]uint64{}
		err := s.withReader(ix, func(r index.IndexReader) error {
			for _, field := range []string{indexer.FieldTitle, indexer.FieldBody} {
				dict, err := r.FieldDictPrefix(field, []byte(prefix))
				if err != nil {
					return err
				}
				for n := 0; n < prefixScan && ctx.Err() == nil; n++ {
					e, err := dict.Next()
					if err != nil || e == nil {
						break
					}
					df[e.Term] = max(df[e.Term], e.Count)
				}
				dict.Close()
			}
			return nil
		})
		if err != nil {
			s.cfg.Log.Warn("prefix expansion failed", "prefix", prefix, "err", err)
		}
		terms := slices.SortedFunc(maps.Keys(df), func(a, b string) int {
			return cmp.Or(cmp.Compare(df[b], df[a]), strings.Compare(a, b))
		})
		terms = terms[:min(len(terms), MaxPrefixTerms)]
		done[prefix] = terms
		return terms
	}
}
