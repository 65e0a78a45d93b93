package ingest

import (
	"testing"
	"time"

	"github.com/syndex/syndex/indexer/article"
)

func TestFutureDateFlagged(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	o := Options{Now: func() time.Time { return now }}
	for _, tt := range []struct {
		pub  time.Time
		want bool
	}{
		{now.Add(23 * time.Hour), false},
		{now.Add(25 * time.Hour), true},
		{now.Add(-1000 * time.Hour), false},
	} {
		a := &article.Article{Title: "t", Body: "b", Published: tt.pub}
		if err := o.finish(a, article.Origin{File: "test.jsonl", Line: 1}, false); err != nil {
			t.Fatal(err)
		}
		if a.FutureDate != tt.want {
			t.Errorf("published %v: future = %v, want %v", tt.pub, a.FutureDate, tt.want)
		}
		if !a.Ingested.Equal(now) {
			t.Errorf("ingested = %v, want %v", a.Ingested, now)
		}
	}
}
