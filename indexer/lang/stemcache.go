package lang

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

// CachedEnglishStemmerName is the token filter of English articles: Snowball's
// English (Porter2) stemmer behind a cache of the words it has stemmed.
const CachedEnglishStemmerName = "syndex_stemmer_en_cached"

// stemCacheLimit bounds the words a CachedStemmer remembers (about 20 MB at
// the limit); past it, words are stemmed without being remembered, so
// hostile text cannot grow the cache.
const stemCacheLimit = 200_000

// stemShards spreads the cache over locks: both indexing goroutines
// analyze at once.
const stemShards = 64

// CachedStemmer stems like the filter it wraps, remembering the stem of each
// word. Why: a news corpus repeats its words (35k articles hold ~10M tokens
// of ~200k words), Porter2 costs a string conversion, an environment and two
// allocations per token, and a map lookup costs a hash; the reindex profile
// had stemming among the largest items of analysis. Safe for concurrent use.
type CachedStemmer struct {
	inner  analysis.TokenFilter
	shards [stemShards]struct {
		mu sync.RWMutex
		m  map[string][]byte
	}
	mu   sync.Mutex
	size int
}

// NewCachedStemmer returns a cache in front of inner, which must stem one
// token at a time (the result depends on the token alone).
func NewCachedStemmer(inner analysis.TokenFilter) *CachedStemmer {
	c := &CachedStemmer{inner: inner}
	for i := range c.shards {
		c.shards[i].m = map[string][]byte{}
	}
	return c
}

// Filter implements analysis.TokenFilter.
func (c *CachedStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	var one [1]*analysis.Token
	for _, tok := range input {
		sh := &c.shards[shardOf(tok.Term)]
		sh.mu.RLock()
		st, ok := sh.m[string(tok.Term)]
		sh.mu.RUnlock()
		if ok {
			tok.Term = st
			continue
		}
		word := string(tok.Term)
		one[0] = tok
		c.inner.Filter(one[:])
		c.mu.Lock()
		full := c.size >= stemCacheLimit
		if !full {
			c.size++
		}
		c.mu.Unlock()
		if !full {
			// Capacity = length: an append to a token's term copies
			// instead of writing into the cached stem.
			stem := append([]byte(nil), tok.Term...)
			stem = stem[:len(stem):len(stem)]
			sh.mu.Lock()
			sh.m[word] = stem
			sh.mu.Unlock()
		}
	}
	return input
}

// shardOf hashes a word to its shard (FNV-1a).
func shardOf(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h % stemShards
}

func init() {
	err := registry.RegisterTokenFilter(CachedEnglishStemmerName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return NewCachedStemmer(en.NewEnglishStemmerFilter()), nil
	})
	if err != nil {
		panic(err)
	}
}
