package bleveengine

import (
	"context"
	"errors"
	"fmt"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/searchsvc"
)

// Article returns one article by id; the error wraps searchsvc.ErrNotFound
// when there is none.
func (s *Engine) Article(ctx context.Context, id string) (*searchsvc.ArticleView, error) {
	ix, release := s.src.Acquire()
	defer release()
	a, err := readArticle(ix, id)
	if err != nil {
		return nil, err
	}
	v := &searchsvc.ArticleView{Article: a, Original: a.ID, Copies: []string{}}
	err = s.withReader(ix, func(r index.IndexReader) error {
		c, err := s.cols.get(r)
		if err != nil {
			return err
		}
		num, ok, err := internalNum(r, id)
		if err != nil || !ok || num >= c.n() {
			return err
		}
		s := c.story[num]
		if s < 0 {
			return nil
		}
		v.Original = c.ids[c.original(s)]
		for _, d := range c.storyOf(num) {
			if uint64(d) != num {
				v.Copies = append(v.Copies, c.ids[d])
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("story of article %s: %w", id, err)
	}
	return v, nil
}

// internalNum returns the document number of article id in snapshot r.
func internalNum(r index.IndexReader, id string) (uint64, bool, error) {
	iid, err := r.InternalID(id)
	if err != nil {
		return 0, false, err
	}
	if len(iid) != 8 {
		return 0, false, nil
	}
	return iid.Value(), true, nil
}

// Values returns every value of the source or tags field with its number of
// articles, largest first.
func (s *Engine) Values(ctx context.Context, param string) ([]searchsvc.Count, error) {
	ix, release := s.src.Acquire()
	defer release()
	c, err := s.columns(ix)
	if err != nil {
		return nil, err
	}
	return c.counts(param), nil
}

// readArticle reads article id from ix; a missing id is searchsvc.ErrNotFound,
// as the seam promises, whatever the store calls it.
func readArticle(ix *indexer.Index, id string) (*article.Article, error) {
	a, err := ix.Article(id)
	if errors.Is(err, indexer.ErrNotFound) {
		return nil, fmt.Errorf("%s: %w", id, searchsvc.ErrNotFound)
	}
	return a, err
}
