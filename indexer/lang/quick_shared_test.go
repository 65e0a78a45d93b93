package lang_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/lang"
	"github.com/syndex/syndex/indexer/sharedtest"
)

// corpusSamples are detection samples of the shared JSON Lines corpora
// (Reuters, BBC, AG News, crypto news: English), one in every step.
func corpusSamples(tb testing.TB, step int) (langs, texts []string) {
	dir := sharedtest.Dir(tb, "corpora", "jsonl")
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	i := 0
	for a, err := range ingest.Read(context.Background(), files, ingest.Options{DeclaredLang: true}) {
		if err != nil || a == nil || a.Lang == "" {
			continue
		}
		if i++; i%step != 0 {
			continue
		}
		langs = append(langs, a.Lang)
		texts = append(texts, lang.Sample(a.Title, a.Body))
	}
	return langs, texts
}

// TestQuickDetectAgreesWithLingua checks the quick path (function words)
// against lingua on every labelled sample of the shared feeds and on the
// shared corpora: where it answers, it must give lingua's answer or the
// declared language, nearly always.
func TestQuickDetectAgreesWithLingua(t *testing.T) {
	fl, ft := labelled(t)
	cl, ct := corpusSamples(t, 7)
	langs, texts := append(fl, cl...), append(ft, ct...)
	answered, agree, declared, worse := 0, 0, 0, 0
	miss := map[string]int{}
	for i, text := range texts {
		q, ok := lang.QuickDetect(text)
		if !ok {
			continue
		}
		answered++
		l := lang.DetectLingua(text)
		if q == l {
			agree++
		}
		if q == langs[i] {
			declared++
		}
		if q != l && q != langs[i] {
			worse++
			miss[langs[i]+"/"+l+"→"+q]++
			if worse <= 5 {
				t.Logf("quick %s, lingua %s, declared %s: %q", q, l, langs[i], text)
			}
		}
	}
	t.Logf("%d samples: quick answered %d (%.1f%%), agreed with lingua on %d, with the declaration on %d; neither %d %v",
		len(texts), answered, 100*float64(answered)/float64(len(texts)), agree, declared, worse, miss)
	if answered < len(texts)/2 {
		t.Errorf("the quick path answered only %d of %d samples", answered, len(texts))
	}
	if worse*1000 > answered*2 {
		t.Errorf("the quick path gave neither lingua's answer nor the declared language on %d of %d", worse, answered)
	}
}
