package indexer

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	bbolterrors "go.etcd.io/bbolt/errors"

	"github.com/syndex/syndex/indexer/article"
)

// Index is an open generation of the index at a location.
type Index struct {
	bleve.Index
	// Location is the index location folder; Path the open generation in it.
	Location, Path string
	// inUse holds a shared lock on the generation for as long as it is open,
	// so that no other process deletes it under us.
	inUse *os.File

	// writer is the one Writer of this generation, made on first use.
	writerOnce sync.Once
	writer     *Writer
}

// Close closes the index and releases its in-use lock.
func (ix *Index) Close() error {
	err := ix.Index.Close()
	if ix.inUse != nil {
		ix.inUse.Close()
		ix.inUse = nil
	}
	return err
}

// Open opens the live generation of the index location dir for reading and
// incremental writes. It fails with ErrNoIndex when there is none and with a
// "run syndex reindex" message when the index is from an incompatible version.
func Open(dir string) (*Index, error) {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return nil, err
	}
	return openGeneration(dir, gen)
}

// openGeneration opens one generation of the location dir.
func openGeneration(dir, gen string) (*Index, error) {
	if err := checkMeta(gen); err != nil {
		return nil, err
	}
	inUse, err := lockInUse(gen)
	if err != nil {
		return nil, err
	}
	bi, err := bleve.OpenUsing(gen, scorchRuntimeConfig())
	if err != nil {
		inUse.Close()
		if errors.Is(err, bbolterrors.ErrTimeout) {
			if srv, ok := ReadServerInfo(dir); ok {
				return nil, fmt.Errorf("open index %s: it is held open by the syndex server (pid %d, http://%s); use its API, or stop it: %w", gen, srv.PID, srv.Addr, ErrIndexBusy)
			}
			return nil, fmt.Errorf("open index %s: %w", gen, ErrIndexBusy)
		}
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	return &Index{Index: bi, Location: dir, Path: gen, inUse: inUse}, nil
}

// ErrIndexBusy means another process holds the index open for writing.
var ErrIndexBusy = errors.New("the index is open in another process")

// scorchRuntimeConfig is the scorch configuration for a live index.
func scorchRuntimeConfig() map[string]any {
	return map[string]any{
		// Fail instead of waiting forever when another process (a running
		// server) holds the index's write lock.
		"bolt_timeout": "2s",
		// The bulk build's unsafe_batch is saved in the index metadata;
		// incremental writes must be durable when Batch returns.
		"unsafe_batch": false,
		// Keep one old snapshot for rollback, not the default of several.
		"numSnapshotsToKeep": 1,
		// scorch's own merge policy: the bulk build's wider tiers (saved
		// with the index) would leave a live index with more segments to
		// search.
		"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": mergeplan.DefaultMergePlanOptions.MaxSegmentsPerTier},
	}
}

// Stored returns the given stored fields of the articles with these ids,
// by id; ids not in the index are absent.
func (ix *Index) Stored(ids []string, fields []string) (map[string]map[string]any, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = fields
	res, err := ix.Search(req)
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	m := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		m[h.ID] = h.Fields
	}
	return m, nil
}

// ErrNotFound means no article has the requested id.
var ErrNotFound = errors.New("article not found")

// storedFields are the stored fields that make up an Article read back.
var storedFields = []string{FieldTitle, FieldBody, FieldURL, FieldCanonical, FieldSource, FieldDomain,
	FieldAuthor, FieldTags, FieldLang, FieldPublished, FieldStory}

// Article reads one article back from its stored fields.
func (ix *Index) Article(id string) (*article.Article, error) {
	stored, err := ix.Stored([]string{id}, storedFields)
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", id, err)
	}
	f, ok := stored[id]
	if !ok {
		return nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	return ArticleFromFields(id, f), nil
}

// ArticleFromFields rebuilds an Article from a hit's stored fields, as Bleve
// returns them (strings, []any for repeated fields, RFC 3339 dates).
func ArticleFromFields(id string, f map[string]any) *article.Article {
	s := func(k string) string {
		v, _ := f[k].(string)
		return v
	}
	a := &article.Article{
		ID: id, Title: s(FieldTitle), Body: s(FieldBody), URL: s(FieldURL), CanonicalURL: s(FieldCanonical),
		Source: s(FieldSource), SourceDomain: s(FieldDomain), Author: s(FieldAuthor), Lang: s(FieldLang),
		Story: s(FieldStory),
	}
	switch v := f[FieldTags].(type) {
	case string:
		a.Tags = []string{v}
	case []any:
		for _, t := range v {
			if ts, ok := t.(string); ok {
				a.Tags = append(a.Tags, ts)
			}
		}
	}
	if p := s(FieldPublished); p != "" {
		a.Published, _ = time.Parse(time.RFC3339Nano, p)
	}
	return a
}

// boilerplateFile holds the boilerplate learned by a reindex, beside the
// generation's Bleve files; incremental writes strip it too.
const boilerplateFile = "boilerplate.json"
