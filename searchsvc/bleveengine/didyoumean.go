package bleveengine

import (
	"context"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/query"
)

// suggestionHelps reports whether the suggested query finds more articles
// than the one shown (used, which found shown): "glacier melt" is not
// helped by "glacier meet", which finds nothing either. Spelling is about
// the words, so with filters both are counted without them (a typo under
// filters that leave nothing is still worth the link); found holds what
// queries already run found.
func (s *Engine) suggestionHelps(ctx context.Context, ix *indexer.Index, r *searchsvc.Request, suggested, used *query.Query, shown uint64,
	found map[string]uint64, c *columns, expand func(string) []string, lens rank.FieldLengths, sortMode string, now time.Time) (bool, error) {
	count := func(qq *query.Query) (uint64, error) {
		cr := searchsvc.Request{Size: 0, Page: 1, Facets: []string{}, Now: r.Now, AllCopies: r.AllCopies}
		res, _, err := s.run(ctx, ix, s.build(qq, c, expand, lens), &cr, sortMode, now, nil)
		if err != nil {
			return 0, err
		}
		return res.total, nil
	}
	filtered := len(r.Sources)+len(r.Tags)+len(r.Langs)+len(r.Authors) > 0 || !r.From.IsZero() || !r.To.IsZero()
	if filtered {
		had, err := count(used)
		if err != nil {
			return false, err
		}
		n, err := count(suggested)
		return n > had, err
	}
	if n, ok := found[suggested.String()]; ok {
		return n > shown, nil
	}
	n, err := count(suggested)
	return n > shown, err
}
