package synteval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestPairwiseScores(t *testing.T) {
	truth := map[string]string{"a": "g1", "b": "g1", "c": "g1", "d": "g2", "e": "g2", "f": "g3"}
	// 4 true pairs: ab ac bc de.
	cases := []struct {
		name       string
		pred       map[string]string
		p, r       float64
		tp, fp, fn int
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}, 1, 1, 4, 0, 0},
		{"perfect, labels reused across groups", map[string]string{"a": "g2", "b": "g2", "c": "g2", "d": "g1", "e": "g1", "f": "g3"}, 1, 1, 4, 0, 0},
		// ab | cde | f: predicted pairs ab cd ce de, of which ab and de are true.
		{"half", map[string]string{"a": "1", "b": "1", "c": "2", "d": "2", "e": "2", "f": "3"}, 0.5, 0.5, 2, 2, 2},
		// Everything in one group: 15 predicted pairs, 4 of them true.
		{"all merged", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "f": "x"}, 4.0 / 15, 1, 4, 11, 0},
		// Nothing predicted: every article its own story.
		{"all singletons (empty prediction)", map[string]string{}, 1, 0, 0, 0, 4},
		{"all singletons (explicit)", map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6"}, 1, 0, 0, 0, 4},
		// Missing ids are singletons; unknown ids are ignored.
		{"partial prediction", map[string]string{"a": "x", "b": "x", "zz": "x", "d": "y", "e": "y"}, 1, 0.5, 2, 0, 2},
	}
	for _, c := range cases {
		p, r, tp, fp, fn := PairwiseScores(truth, c.pred)
		if math.Abs(p-c.p) > 1e-12 || math.Abs(r-c.r) > 1e-12 || tp != c.tp || fp != c.fp || fn != c.fn {
			t.Errorf("%s: got P=%.4f R=%.4f tp=%d fp=%d fn=%d, want P=%.4f R=%.4f tp=%d fp=%d fn=%d",
				c.name, p, r, tp, fp, fn, c.p, c.r, c.tp, c.fp, c.fn)
		}
	}
	// No true pairs at all: recall is vacuously 1.
	if _, r, _, _, fn := PairwiseScores(map[string]string{"a": "1", "b": "2"}, map[string]string{"a": "x", "b": "x"}); r != 1 || fn != 0 {
		t.Errorf("no true pairs: recall %v fn %d", r, fn)
	}
}

// TestPairwiseScoresBrute checks the group-size counting against a plain
// loop over all pairs.
func TestPairwiseScoresBrute(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 20; round++ {
		truth, pred := map[string]string{}, map[string]string{}
		var ids []string
		for i := 0; i < 150; i++ {
			id := fmt.Sprint("a", i)
			ids = append(ids, id)
			truth[id] = fmt.Sprint("t", r.IntN(40))
			if r.IntN(5) > 0 {
				pred[id] = fmt.Sprint("p", r.IntN(30))
			}
		}
		var tp, fp, fn int
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				st := truth[ids[i]] == truth[ids[j]]
				pi, oki := pred[ids[i]]
				pj, okj := pred[ids[j]]
				sp := oki && okj && pi == pj
				switch {
				case st && sp:
					tp++
				case sp:
					fp++
				case st:
					fn++
				}
			}
		}
		_, _, gtp, gfp, gfn := PairwiseScores(truth, pred)
		if gtp != tp || gfp != fp || gfn != fn {
			t.Fatalf("round %d: got %d/%d/%d, brute force %d/%d/%d", round, gtp, gfp, gfn, tp, fp, fn)
		}
	}
}

// handSet builds a set from (id, story, title) triples.
func handSet(rows ...[3]string) *Set {
	s := &Set{Truth: map[string]*Truth{}}
	for _, r := range rows {
		s.Articles = append(s.Articles, Article{ID: r[0], Title: r[2], Source: "Src"})
		s.Truth[r[0]] = &Truth{ID: r[0], Story: r[1], Variant: VariantOriginal}
	}
	return s
}

func TestWorstMistakes(t *testing.T) {
	s := handSet(
		[3]string{"a", "s1", "Alpha"}, [3]string{"b", "s1", "Alpha copy"}, [3]string{"c", "s1", "Alpha copy 2"},
		[3]string{"d", "s2", "Delta"}, [3]string{"e", "s2", "Delta copy"},
		[3]string{"f", "s3", "Foxtrot"},
	)
	// s1 split into {a,b} and {c}; {c} merged with s2; f alone.
	pred := map[string]string{"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
	merged, split := s.WorstMistakes(pred, 10)
	if len(merged) != 1 || merged[0].Pairs != 2 || merged[0].A.Story == merged[0].B.Story {
		t.Fatalf("merged = %v", merged)
	}
	if got := merged[0].A.ID + merged[0].B.ID; got != "dc" && got != "cd" {
		t.Errorf("merged pair %s", got)
	}
	if len(split) != 1 || split[0].Pairs != 2 || split[0].A.Story != "s1" || split[0].B.Story != "s1" {
		t.Fatalf("split = %v", split)
	}
	if !strings.Contains(split[0].String(), "Alpha") {
		t.Errorf("no title in %q", split[0].String())
	}
	// The costs add up to fp and fn when each sub-group pair is listed.
	_, _, _, fp, fn := PairwiseScores(s.Stories(), pred)
	if fp != merged[0].Pairs || fn != split[0].Pairs {
		t.Errorf("fp %d fn %d vs %v %v", fp, fn, merged, split)
	}
	if m, sp := s.WorstMistakes(s.Stories(), 10); len(m)+len(sp) != 0 {
		t.Errorf("perfect prediction has mistakes: %v %v", m, sp)
	}
}

// cruftSet is one hand-made article with known story text and cruft.
func cruftSet() *Set {
	paras := []string{
		"Real paragraph one tells the story in a good number of words here.",
		"Real paragraph two adds more detail with yet another dozen words of text.",
	}
	cruft := []CruftLine{
		{"Top Line Of The Site And Slogan", CruftBoilerplate},
		{"The post Big Deal Done Today appeared on Agg Wire.", CruftPattern},
		{"Big Deal Done Today", CruftPattern},
		{"Share", CruftPattern},
		{"The post Big Deal Done Today appeared first on Daily Paper.", CruftPattern},
	}
	body := strings.Join([]string{cruft[0].Text, cruft[1].Text, cruft[2].Text, paras[0], paras[1], cruft[3].Text, cruft[4].Text}, "\n\n")
	return &Set{
		Articles: []Article{{ID: "x", Title: "Big Deal Done Today", Body: body}},
		Truth:    map[string]*Truth{"x": {ID: "x", Story: "s", Paragraphs: paras, Cruft: cruft}},
	}
}

func TestCruftScores(t *testing.T) {
	s := cruftSet()
	tr := s.Truth["x"]
	p1, p2 := tr.Paragraphs[0], tr.Paragraphs[1]
	w1, w2 := len(strings.Fields(p1)), len(strings.Fields(p2))
	cases := []struct {
		name          string
		body          string
		removed, kept float64
	}{
		{"nothing cleaned", s.Articles[0].Body, 0, 1},
		{"perfect", p1 + "\n\n" + p2, 1, 1},
		{"everything dropped", "", 1, 0},
		{"boilerplate left", tr.Cruft[0].Text + "\n\n" + p1 + "\n\n" + p2, 0.8, 1},
		{"second paragraph lost", p1, 1, float64(w1) / float64(w1+w2)},
		{"case and whitespace do not matter", strings.ToUpper(p1) + "\n\n  " + strings.ReplaceAll(p2, " ", " \n ") + "  ", 1, 1},
		// The title is in the kept footer, but the title line and the lead
		// were removed: each occurrence counts for one line only.
		{"shared title text", p1 + "\n\n" + p2 + "\n\n" + tr.Cruft[4].Text, 0.8, 1},
		// A line stripped only in part ("appeared on Agg Wire." left out) still counts as present.
		{"partial strip", "The post Big Deal Done Today\n\n" + p1 + "\n\n" + p2, 0.8, 1},
		// "Share" must be a line of its own to count: the word in a sentence is not the widget.
		{"short line inside text", p1 + " Share\n\n" + p2, 1, 1},
		{"short line kept", p1 + "\n\nShare\n\n" + p2, 0.8, 1},
		// Half of paragraph two: words covered by surviving 8-word runs.
		{"paragraph cut", p1 + "\n\n" + strings.Join(strings.Fields(p2)[:10], " "), 1, float64(w1+10) / float64(w1+w2)},
		// Fewer than 8 surviving words of a paragraph do not count.
		{"paragraph cut short", p1 + "\n\n" + strings.Join(strings.Fields(p2)[:7], " "), 1, float64(w1) / float64(w1+w2)},
	}
	for _, c := range cases {
		removed, kept := CruftScores(s, map[string]string{"x": c.body})
		if math.Abs(removed-c.removed) > 1e-9 || math.Abs(kept-c.kept) > 1e-9 {
			t.Errorf("%s: removed %.4f kept %.4f, want %.4f %.4f", c.name, removed, kept, c.removed, c.kept)
		}
	}
	r := ScoreCruft(s, map[string]string{})
	if r.Missing != 1 || r.Articles != 0 || r.CruftRemovedShare() != 1 || r.TextKeptShare() != 1 {
		t.Errorf("missing article: %+v", r)
	}
	r = ScoreCruft(s, map[string]string{"x": tr.Cruft[0].Text + "\n\n" + p1})
	if r.BoilerplateLines != 1 || r.BoilerplateRemoved != 0 || r.PatternRemoved != 4 || len(r.KeptCruft) != 1 || len(r.TextLoss) != 1 {
		t.Errorf("report: %+v", r)
	}
}

// TestCruftScoresOnSet checks the scoring against the generated set's own
// extremes: the raw bodies keep all cruft, the story paragraphs alone
// none, and both keep all the story text.
func TestCruftScoresOnSet(t *testing.T) {
	s := defaultSetT(t)
	raw, clean := map[string]string{}, map[string]string{}
	for _, a := range s.Articles {
		raw[a.ID] = a.Body
		clean[a.ID] = strings.Join(s.Truth[a.ID].Paragraphs, "\n\n")
	}
	if removed, kept := CruftScores(s, raw); removed != 0 || kept != 1 {
		r := ScoreCruft(s, raw)
		t.Errorf("raw bodies: removed %v kept %v; kept lines %v", removed, kept, r.TextLoss)
	}
	if removed, kept := CruftScores(s, clean); removed != 1 || kept != 1 {
		r := ScoreCruft(s, clean)
		t.Errorf("story only: removed %v kept %v; kept cruft %v", removed, kept, r.KeptCruft)
	}
}
