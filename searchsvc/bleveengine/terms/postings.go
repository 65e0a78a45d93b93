package terms

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/timeshard"
)

// What the posting lists say about words: how many articles hold a term,
// which hold it together with others or in a language, and how an article
// spells it. Every count reads at most maxCooccur postings of the term.

// docFreq returns in how many articles term appears, in title or body
// (the larger of the two).
func docFreq(ctx context.Context, r index.IndexReader, term string) (uint64, error) {
	var df uint64
	for _, field := range []string{indexer.FieldBody, indexer.FieldTitle} {
		n, err := timeshard.DocFreq(ctx, r, field, term)
		if err != nil {
			return 0, err
		}
		df = max(df, n)
	}
	return df, nil
}

// postings returns the sorted internal ids of the first max articles
// holding term in title or body.
func postings(ctx context.Context, r index.IndexReader, term string, max int) ([]index.IndexInternalID, error) {
	var ids []index.IndexInternalID
	for _, field := range []string{indexer.FieldTitle, indexer.FieldBody} {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", term, err)
		}
		for n := 0; n < max; n++ {
			d, err := tfr.Next(nil)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("term %q: %w", term, err)
			}
			if d == nil {
				break
			}
			ids = append(ids, slices.Clone(d.ID))
		}
		tfr.Close()
	}
	slices.SortFunc(ids, func(a, b index.IndexInternalID) int { return a.Compare(b) })
	return slices.CompactFunc(ids, func(a, b index.IndexInternalID) bool { return a.Equals(b) }), nil
}

// holding returns those of docs (sorted) that hold term in one of fields.
func holding(ctx context.Context, r index.IndexReader, docs []index.IndexInternalID, term string, fields ...string) ([]index.IndexInternalID, error) {
	var kept []index.IndexInternalID
	for _, field := range fields {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", term, err)
		}
		for _, d := range docs {
			got, err := tfr.Advance(d, nil)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("term %q: %w", term, err)
			}
			if got == nil {
				break
			}
			if got.ID.Equals(d) {
				kept = append(kept, d)
			}
		}
		tfr.Close()
	}
	slices.SortFunc(kept, func(a, b index.IndexInternalID) int { return a.Compare(b) })
	return slices.CompactFunc(kept, func(a, b index.IndexInternalID) bool { return a.Equals(b) }), nil
}

// cooccurrence counts the articles (of the first maxCooccur holding term)
// that hold each of others too, in title or body.
func cooccurrence(ctx context.Context, r index.IndexReader, term string, others []string) (int, error) {
	docs, err := postings(ctx, r, term, maxCooccur)
	for _, o := range others {
		if err != nil || len(docs) == 0 {
			break
		}
		docs, err = holding(ctx, r, docs, o, indexer.FieldTitle, indexer.FieldBody)
	}
	return len(docs), err
}

// attestArticles bounds the articles read to find a candidate's spelling.
const attestArticles = 32

// attested returns the first of surfaces (spellings of term) that an
// article holding term uses in its title or body, reading at most
// attestArticles of them; "" when none does.
func attested(ctx context.Context, r index.IndexReader, term string, surfaces []string) (string, error) {
	ids, err := postings(ctx, r, term, attestArticles)
	if err != nil {
		return "", err
	}
	found := map[string]bool{}
	for _, d := range ids {
		id, err := r.ExternalID(d)
		if err != nil {
			continue
		}
		doc, err := r.Document(id)
		if err != nil || doc == nil {
			continue
		}
		doc.VisitFields(func(f index.Field) {
			if f.Name() != indexer.FieldTitle && f.Name() != indexer.FieldBody {
				return
			}
			text := strings.ToLower(string(f.Value()))
			for _, s := range surfaces {
				if !found[s] && containsWord(text, s) {
					found[s] = true
				}
			}
		})
		for _, s := range surfaces {
			if found[s] {
				return s, nil
			}
		}
	}
	return "", nil
}

// containsWord reports whether text holds w as a whole word.
func containsWord(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !unicode.IsLetter(before)) && (end == len(text) || !unicode.IsLetter(after)) {
			return true
		}
		i = start + 1
	}
}
