package bleveengine

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/bleveengine/terms"
	"github.com/syndex/syndex/searchsvc/bleveengine/textmatch"
	"github.com/syndex/syndex/searchsvc/query"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
)

// Search-as-you-type. Word completions come from the vocabulary of all
// titles (terms.Vocabulary). It is built once per index snapshot (a few hundred ms
// at 35k articles; Warm does it at startup) and answers a prefix with a
// binary search and a scan of the words sharing it. Title completions are a
// small Bleve search for titles holding the words already typed and one of
// the top completions of the word being typed.

const (
	// completionTerms is how many completions of the last word the title
	// search tries.
	completionTerms = 3
)

// vocab is the title vocabulary of one snapshot.
type vocab struct {
	snap index.IndexReader
	*terms.Vocabulary
}

// vocabCache holds the vocabulary of a recent snapshot. Builds run in the
// background, one at a time, detached from any request: a request that
// needs the first vocabulary waits for it only up to its own deadline, and
// a build it started keeps going for the next request rather than being
// thrown away with the request.
type vocabCache struct {
	cur atomic.Pointer[vocab]
	mu  sync.Mutex
	// building is closed when the running build ends; nil when none runs.
	building chan struct{}
	err      error // of the last build
}

// get returns the vocabulary. The first call starts building it and waits
// at most until ctx ends; when the index has changed since, the old one
// keeps answering while a new one is built.
func (vc *vocabCache) get(ctx context.Context, s *Engine, ix *indexer.Index) (*vocab, error) {
	if v := vc.cur.Load(); v != nil {
		stale := false
		_ = s.withReader(ix, func(r index.IndexReader) error {
			stale = v.snap != r
			return nil
		})
		if stale {
			vc.refresh(s)
		}
		return v, nil
	}
	select {
	case <-vc.refresh(s):
	case <-ctx.Done():
		return nil, ctxErr(ctx.Err())
	}
	if v := vc.cur.Load(); v != nil {
		return v, nil
	}
	vc.mu.Lock()
	defer vc.mu.Unlock()
	return nil, vc.err
}

// refresh starts a build of the current snapshot's vocabulary unless one
// runs, and returns the channel closed when that build ends.
func (vc *vocabCache) refresh(s *Engine) <-chan struct{} {
	vc.mu.Lock()
	defer vc.mu.Unlock()
	if vc.building != nil {
		return vc.building
	}
	done := make(chan struct{})
	vc.building = done
	go func() {
		ix, release := s.src.Acquire()
		err := vc.build(s, ix)
		release()
		if err != nil {
			s.cfg.Log.Warn("build suggestion vocabulary", "err", err)
		}
		vc.mu.Lock()
		vc.err, vc.building = err, nil
		vc.mu.Unlock()
		close(done)
	}()
	return done
}

// build reads the vocabulary of ix's current snapshot, unless it is the
// one held.
func (vc *vocabCache) build(s *Engine, ix *indexer.Index) error {
	return s.withReader(ix, func(r index.IndexReader) error {
		if v := vc.cur.Load(); v != nil && v.snap == r {
			return nil
		}
		c, err := s.cols.get(r)
		if err != nil {
			return err
		}
		v, err := s.buildVocab(context.Background(), r, c)
		if err != nil {
			return err
		}
		vc.cur.Store(v)
		return nil
	})
}

// buildVocab reads every title of snapshot r.
func (s *Engine) buildVocab(ctx context.Context, r index.IndexReader, c *columns) (*vocab, error) {
	vb := terms.NewVocabularyBuilder(s.an)
	// By document number, segment by segment: Document(id) looks each id up
	// first, in every shard of a month-shard index (42 s at 1M articles
	// instead of 10).
	st := newStoredTexts(r, c)
	var buf textBuf
	for num, id := range c.ids {
		if id == "" {
			continue
		}
		if num%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		title, _, err := st.text(&buf, uint64(num))
		if err != nil {
			return nil, fmt.Errorf("read title of %s: %w", id, err)
		}
		vb.Add(strings.Clone(title)) // title shares buf; Add keeps its words
	}
	return &vocab{snap: r, Vocabulary: vb.Vocabulary()}, nil
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
	var lens rank.FieldLengths
	if err := s.withReader(ix, func(r index.IndexReader) (err error) {
		lens, err = s.lengths.Get(ctx, r)
		return err
	}); err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	titleTerm := func(stem string, weight float64) bq.Query {
		return &rank.Query{Terms: []string{stem}, TitleOnly: true, Weight: weight, Ranking: s.cfg.Ranking, Avg: lens}
	}
	stems := map[string]bool{}
	var must []bq.Query
	for _, f := range fields {
		if st := s.spell.Stem(query.CleanWord(f)); st != "" && !stems[st] {
			stems[st] = true
			must = append(must, titleTerm(st, 1))
		}
	}
	if prefix != "" {
		v, err := s.vocab.get(ctx, s, ix)
		if err != nil {
			return nil, err
		}
		words := v.Complete(prefix, max(size, completionTerms))
		var alts []bq.Query
		for i, w := range words {
			if i < size {
				out.Terms = append(out.Terms, searchsvc.TermSuggestion{Term: w.Word, Count: w.Count})
			}
			if i < completionTerms {
				// Weighted by how many titles hold the word: a rare
				// completion's greater idf would otherwise put its few
				// titles ("BIOTECH CAPITAL <BITC>") above the thousands
				// with the common one ("bitcoin").
				stems[w.Stem] = true
				alts = append(alts, titleTerm(w.Stem, max(0.02, float64(w.Count)/float64(max(1, words[0].Count)))))
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
	// Copies of one story share a title: ask for more and show each title
	// once ("Chelsea sack Mutu" twice was one story).
	req := bleve.NewSearchRequestOptions(&rootQuery{inner: bq.NewConjunctionQuery(must), plan: p}, 3*size, 0, false)
	req.Fields = []string{indexer.FieldTitle, indexer.FieldSource, indexer.FieldPublished}
	req.Sort = search.SortOrder{&search.SortScore{Desc: true}, &keySort{plan: p, desc: true}}
	res, err := ix.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxErr(ctx.Err())
		}
		return nil, fmt.Errorf("suggest: %w", err)
	}
	shown := map[string]bool{}
	for _, h := range res.Hits {
		a := indexer.ArticleFromFields(h.ID, h.Fields)
		if t := strings.ToLower(strings.Join(strings.Fields(a.Title), " ")); shown[t] || len(out.Completions) == size {
			continue
		} else {
			shown[t] = true
		}
		cpl := searchsvc.Completion{ID: a.ID, Title: a.Title, TitleHTML: textmatch.HighlightAll(s.an, a.Title, stems), Source: a.Source}
		if !a.Published.IsZero() {
			cpl.Published = a.Published.UTC().Format(time.RFC3339)
		}
		out.Completions = append(out.Completions, cpl)
	}
	return out, nil
}
