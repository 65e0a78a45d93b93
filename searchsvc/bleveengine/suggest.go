package bleveengine

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/query"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Search-as-you-type. The term dictionary holds stems ("inflat"), which are
// no use to show, so suggestions come from a vocabulary of the words of all
// titles as written (lower-cased), each with its stem and the number of
// titles using it. It is built once per index snapshot (a few hundred ms
// at 35k articles; Warm does it at startup) and answers a prefix with a
// binary search and a scan of the words sharing it. Title completions are a
// small Bleve search for titles holding the words already typed and one of
// the top completions of the word being typed.

const (
	// completionTerms is how many completions of the last word the title
	// search tries.
	completionTerms = 3
)

// vocabWord is a title word of the vocabulary.
type vocabWord struct {
	word, stem string
	count      int
}

// vocab is the title vocabulary of one snapshot, sorted by word.
type vocab struct {
	snap  index.IndexReader
	words []vocabWord
}

// vocabCache holds the vocabulary of a recent snapshot.
type vocabCache struct {
	mu       sync.Mutex // serializes builds
	cur      atomic.Pointer[vocab]
	updating atomic.Bool
}

// get returns the vocabulary. The first call builds it; when the index has
// changed since, the old one keeps answering while a new one is built in
// the background.
func (vc *vocabCache) get(ctx context.Context, s *Engine, ix *indexer.Index) (*vocab, error) {
	if v := vc.cur.Load(); v != nil {
		stale := false
		_ = s.withReader(ix, func(r index.IndexReader) error {
			stale = v.snap != r
			return nil
		})
		if stale && vc.updating.CompareAndSwap(false, true) {
			go func() {
				defer vc.updating.Store(false)
				ix, release := s.src.Acquire()
				defer release()
				if err := vc.build(context.Background(), s, ix); err != nil {
					s.cfg.Log.Warn("rebuild suggestion vocabulary", "err", err)
				}
			}()
		}
		return v, nil
	}
	if err := vc.build(ctx, s, ix); err != nil {
		return nil, err
	}
	return vc.cur.Load(), nil
}

// build reads the vocabulary of the current snapshot.
func (vc *vocabCache) build(ctx context.Context, s *Engine, ix *indexer.Index) error {
	vc.mu.Lock()
	defer vc.mu.Unlock()
	return s.withReader(ix, func(r index.IndexReader) error {
		if v := vc.cur.Load(); v != nil && v.snap == r {
			return nil
		}
		c, err := s.cols.get(r)
		if err != nil {
			return err
		}
		v, err := s.buildVocab(ctx, r, c)
		if err != nil {
			return err
		}
		vc.cur.Store(v)
		return nil
	})
}

// buildVocab reads every title of snapshot r.
func (s *Engine) buildVocab(ctx context.Context, r index.IndexReader, c *columns) (*vocab, error) {
	counts := map[string]*vocabWord{}
	seen := map[string]bool{}
	for _, id := range c.ids {
		if id == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := r.Document(id)
		if err != nil {
			return nil, fmt.Errorf("read title of %s: %w", id, err)
		}
		if doc == nil {
			continue
		}
		var title string
		doc.VisitFields(func(f index.Field) {
			if f.Name() == indexer.FieldTitle {
				title = string(f.Value())
			}
		})
		clear(seen)
		for _, t := range s.an.Analyze([]byte(title)) {
			if t.Start < 0 || t.End > len(title) || t.Start >= t.End {
				continue
			}
			w := strings.ToLower(title[t.Start:t.End])
			if len(w) < 2 || seen[w] || !strings.ContainsFunc(w, unicode.IsLetter) {
				continue
			}
			seen[w] = true
			if e := counts[w]; e != nil {
				e.count++
			} else {
				counts[w] = &vocabWord{word: w, stem: string(t.Term), count: 1}
			}
		}
	}
	v := &vocab{snap: r, words: make([]vocabWord, 0, len(counts))}
	for _, e := range counts {
		v.words = append(v.words, *e)
	}
	slices.SortFunc(v.words, func(a, b vocabWord) int { return cmp.Compare(a.word, b.word) })
	return v, nil
}

// complete returns up to n words starting with prefix, one per stem (its
// most used spelling), by number of titles.
func (v *vocab) complete(prefix string, n int) []vocabWord {
	i := sort.Search(len(v.words), func(i int) bool { return v.words[i].word >= prefix })
	type agg struct {
		best  vocabWord
		total int
	}
	byStem := map[string]*agg{}
	for ; i < len(v.words) && strings.HasPrefix(v.words[i].word, prefix); i++ {
		w := v.words[i]
		a := byStem[w.stem]
		if a == nil {
			byStem[w.stem] = &agg{best: w, total: w.count}
			continue
		}
		a.total += w.count
		if w.count > a.best.count {
			a.best = w
		}
	}
	out := make([]vocabWord, 0, len(byStem))
	for _, a := range byStem {
		out = append(out, vocabWord{word: a.best.word, stem: a.best.stem, count: a.total})
	}
	slices.SortFunc(out, func(a, b vocabWord) int {
		if a.count != b.count {
			return cmp.Compare(b.count, a.count)
		}
		return cmp.Compare(a.word, b.word)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Suggest completes what has been typed so far: the last word, unless q
// ends with a space, is a prefix; the words before it are complete.
func (s *Engine) Suggest(ctx context.Context, q string, size int) (*searchsvc.Suggestions, error) {
	ix, release := s.src.Acquire()
	defer release()
	out := &searchsvc.Suggestions{Q: q, Completions: []searchsvc.Completion{}, Terms: []searchsvc.TermSuggestion{}}
	clean := query.CleanInput(q)
	fields := strings.Fields(clean)
	var prefix string
	if len(fields) > 0 && !strings.HasSuffix(clean, " ") {
		prefix = strings.ToLower(query.CleanWord(fields[len(fields)-1]))
		fields = fields[:len(fields)-1]
	}
	stems := map[string]bool{}
	var must []bq.Query
	for _, f := range fields {
		if st := s.stem(query.CleanWord(f)); st != "" && !stems[st] {
			stems[st] = true
			must = append(must, titleTerm(st))
		}
	}
	if prefix != "" {
		v, err := s.vocab.get(ctx, s, ix)
		if err != nil {
			return nil, err
		}
		words := v.complete(prefix, max(size, completionTerms))
		var alts []bq.Query
		for i, w := range words {
			if i < size {
				out.Terms = append(out.Terms, searchsvc.TermSuggestion{Term: w.word, Count: w.count})
			}
			if i < completionTerms {
				stems[w.stem] = true
				alts = append(alts, titleTerm(w.stem))
			}
		}
		if len(alts) == 0 {
			return out, nil // nothing in any title starts like that
		}
		must = append(must, bq.NewDisjunctionQuery(alts))
	}
	if len(must) == 0 {
		return out, nil
	}
	p := &plan{cache: &s.cols}
	req := bleve.NewSearchRequestOptions(&rootQuery{inner: bq.NewConjunctionQuery(must), plan: p}, size, 0, false)
	req.Fields = []string{indexer.FieldTitle, indexer.FieldSource, indexer.FieldPublished}
	req.Sort = search.SortOrder{&search.SortScore{Desc: true}, &keySort{plan: p, desc: true}}
	res, err := ix.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxErr(ctx.Err())
		}
		return nil, fmt.Errorf("suggest: %w", err)
	}
	for _, h := range res.Hits {
		a := indexer.ArticleFromFields(h.ID, h.Fields)
		cpl := searchsvc.Completion{ID: a.ID, Title: a.Title, TitleHTML: s.highlightAll(a.Title, stems), Source: a.Source}
		if !a.Published.IsZero() {
			cpl.Published = a.Published.UTC().Format(time.RFC3339)
		}
		out.Completions = append(out.Completions, cpl)
	}
	return out, nil
}

// titleTerm matches a stem in the title.
func titleTerm(stem string) bq.Query {
	t := bq.NewTermQuery(stem)
	t.SetField(indexer.FieldTitle)
	return t
}
