package query

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func w(s string) Unit             { return Unit{Kind: KindWord, Text: s} }
func ph(s string) Unit            { return Unit{Kind: KindPhrase, Text: s} }
func flt(field, v string) Unit    { return Unit{Kind: KindFilter, Field: field, Text: v} }
func pre(s string) Unit           { return Unit{Kind: KindPrefix, Text: s} }
func in(u Unit) Unit              { u.Field = TitleField; return u }
func not(u Unit) Clause           { return Clause{Negated: true, Alternatives: []Unit{u}} }
func q(cs ...Clause) *Query       { return &Query{Clauses: cs} }
func single(u Unit) Clause        { return Clause{Alternatives: []Unit{u}} }
func alts(us ...Unit) Clause      { return Clause{Alternatives: us} }
func words(ws ...string) []Clause { return mapSlice(ws, func(s string) Clause { return single(w(s)) }) }

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want *Query
		str  string
	}{
		{"", q(), ""},
		{"   ", q(), ""},
		{"oil", q(single(w("oil"))), "oil"},
		{"oil prices", q(words("oil", "prices")...), "oil prices"},
		{`"crude oil"`, q(single(ph("crude oil"))), `"crude oil"`},
		{`"crude   oil`, q(single(ph("crude oil"))), `"crude oil"`},
		{"oil -opec", q(single(w("oil")), not(w("opec"))), "oil -opec"},
		{`-"crude oil" gas`, q(not(ph("crude oil")), single(w("gas"))), `-"crude oil" gas`},
		{"bitcoin OR ethereum", q(alts(w("bitcoin"), w("ethereum"))), "bitcoin OR ethereum"},
		{"bitcoin or ethereum", q(alts(w("bitcoin"), w("ethereum"))), "bitcoin OR ethereum"},
		{"a OR b OR c d", q(alts(w("a"), w("b"), w("c")), single(w("d"))), "a OR b OR c d"},
		{"OR oil OR", q(single(w("oil"))), "oil"},
		{"oil OR -opec", q(single(w("oil")), not(w("opec"))), "oil -opec"},
		{"oil AND gas", q(words("oil", "gas")...), "oil gas"},
		{"source:Reuters oil", q(single(flt("source", "Reuters")), single(w("oil"))), "source:Reuters oil"},
		{`author:"Jane Doe" oil`, q(single(flt("author", "Jane Doe")), single(w("oil"))), `author:"Jane Doe" oil`},
		{`source:"BBC News" tag:crude`, q(single(flt("source", "BBC News")), single(flt("tag", "crude"))), `source:"BBC News" tag:crude`},
		{`Tags:energy -source:X`, q(single(flt("tag", "energy")), not(flt("source", "X"))), "tag:energy -source:X"},
		{`source:A OR source:B`, q(alts(flt("source", "A"), flt("source", "B"))), "source:A OR source:B"},
		{"source:", q(), ""},
		// Operators of Bleve's query-string syntax are never passed on.
		{"oil* pri?e fuzzy~2 boost^3 /regex.*/ a\\b", q(append([]Clause{single(pre("oil"))}, words("pri e", "fuzzy", "boost", "regex", "a b")...)...), ""},
		// Lucene's fuzziness and boost suffixes mean the word itself.
		{`oil~ gas^2.5 "crude oil"~3 x~y 24^7`, q(single(w("oil")), single(w("gas")), single(ph("crude oil")), single(ph("x y")), single(w("24"))), `oil gas "crude oil" "x y" 24`},
		{`oil~2^3 gas^2~ "crude oil"~3^2`, q(single(w("oil")), single(w("gas")), single(ph("crude oil"))), `oil gas "crude oil"`},
		// NOT (upper case) excludes what follows, as - does; "not" is a word.
		{"oil NOT gas", q(single(w("oil")), not(w("gas"))), "oil -gas"},
		{`oil NOT "crude oil" NOT source:X`, q(single(w("oil")), not(ph("crude oil")), not(flt("source", "X"))), `oil -"crude oil" -source:X`},
		{"oil NOT -gas NOT", q(single(w("oil")), not(w("gas"))), "oil -gas"},
		{"NOT NOT oil", q(single(w("oil"))), "oil"},
		{"oil not gas", q(words("oil", "not", "gas")...), "oil not gas"},
		{`"NOT" title:NOT`, q(single(ph("NOT"))), `"NOT"`},
		{"title:oil +must !bang (group) {x} [y]", q(append([]Clause{single(in(w("oil")))}, words("must", "bang", "group", "x", "y")...)...), ""},
		// Operators: title:, word* (3+ letters), exact quotes.
		{"Infla* ab* x*y oil**", q(single(pre("infla")), single(w("ab")), single(w("x y")), single(pre("oil"))), `infla* ab "x y" oil*`},
		{`TITLE:"crude oil" title:opec* -title:war title:`, q(single(in(ph("crude oil"))), single(in(pre("opec"))), not(in(w("war")))), `title:"crude oil" title:opec* -title:war`},
		{"title:24/7 title:OR", q(single(in(w("24 7")))), `title:"24 7"`},
		{"oil OR title:gas", q(alts(w("oil"), in(w("gas")))), "oil OR title:gas"},
		{"covid-19 U.S. AT&T don't", q(words("covid-19", "U.S", "AT&T", "don't")...), "covid-19 U.S AT&T don't"},
		{"-", q(), ""},
		{"- oil", q(single(w("oil"))), "oil"},
		{"--oil", q(not(w("oil"))), "-oil"},
		{"+oil", q(single(w("oil"))), "oil"},
		{"***", q(), ""},
		{"São Paulo", q(words("São", "Paulo")...), "São Paulo"},
		{"a\x00b\tc", q(words("a", "b", "c")...), "a b c"},
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		// Multi-token words ("pri e") become phrases: compare kinds loosely.
		for i := range got.Clauses {
			for j := range got.Clauses[i].Alternatives {
				if u := &got.Clauses[i].Alternatives[j]; u.Kind == KindPhrase && !strings.ContainsRune(tc.in, '"') {
					u.Kind = KindWord
				}
			}
		}
		if len(got.Clauses) == 0 {
			got.Clauses = nil
		}
		if len(tc.want.Clauses) == 0 {
			tc.want.Clauses = nil
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
		if tc.str != "" {
			parsed, _ := Parse(tc.in)
			if s := parsed.String(); s != tc.str {
				t.Errorf("Parse(%q).String() = %q, want %q", tc.in, s, tc.str)
			}
		}
	}
}

func TestParseQueryMultiTokenWordIsPhrase(t *testing.T) {
	got, err := Parse("24/7")
	if err != nil {
		t.Fatal(err)
	}
	if want := q(single(ph("24 7"))); !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestParseQueryLimits(t *testing.T) {
	long := strings.Repeat("a", MaxBytes+1)
	var qe *Error
	if _, err := Parse(long); !errors.As(err, &qe) {
		t.Errorf("a %d-byte query: err = %v, want a Error", len(long), err)
	}
	many := strings.TrimSpace(strings.Repeat("w ", MaxUnits+1))
	if _, err := Parse(many); !errors.As(err, &qe) {
		t.Errorf("%d words: err = %v, want a Error", MaxUnits+1, err)
	}
	ok := strings.TrimSpace(strings.Repeat("w ", MaxUnits))
	if _, err := Parse(ok); err != nil {
		t.Errorf("%d words: %v", MaxUnits, err)
	}
	// OR does not count as a unit.
	ors := strings.TrimSpace(strings.Repeat("w OR ", MaxUnits-1)) + " w"
	if _, err := Parse(ors); err != nil {
		t.Errorf("%d words joined by OR: %v", MaxUnits, err)
	}
}

func TestQueryReplace(t *testing.T) {
	orig, _ := Parse(`inflaton "goverment spending" -inflaton source:inflaton`)
	got := orig.Replace(map[string]string{"inflaton": "inflation", "goverment": "government"})
	if want := `inflation "government spending" -inflaton source:inflaton`; got.String() != want {
		t.Errorf("Replace = %q, want %q", got.String(), want)
	}
	if orig.String() != `inflaton "goverment spending" -inflaton source:inflaton` {
		t.Errorf("Replace changed the original: %q", orig.String())
	}
}

// FuzzParseQuery checks that no input panics the parser or produces an
// unbounded query, that no Bleve operator survives in a word, and that the
// canonical rendering parses back to the same query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"oil", `"crude oil" -opec`, "a OR b", `source:"BBC News" tag:x`, "oil* ~2 ^3 /re/ \\",
		"-\"", `""`, "OR", "-source:", "tag:\"", "a\x00b", "\xff\xfe", strings.Repeat("x ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		qq, err := Parse(s)
		if err != nil {
			var qe *Error
			if !errors.As(err, &qe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if n := qq.Units(); n > MaxUnits {
			t.Fatalf("%d units > %d", n, MaxUnits)
		}
		for _, c := range qq.Clauses {
			if len(c.Alternatives) == 0 || (c.Negated && len(c.Alternatives) != 1) {
				t.Fatalf("malformed clause %#v", c)
			}
			for _, u := range c.Alternatives {
				if u.Text == "" || !utf8.ValidString(u.Text) {
					t.Fatalf("bad unit text %q", u.Text)
				}
				if u.Kind == KindWord && strings.ContainsAny(u.Text, "*?~^/\\:\"()[]{}+!<>= \t\n") {
					t.Fatalf("operator left in word %q", u.Text)
				}
				if u.Kind == KindFilter && u.Field != "source" && u.Field != "tag" {
					t.Fatalf("bad filter field %q", u.Field)
				}
			}
		}
		again, err := parseQuery(qq.String(), false)
		if err != nil {
			t.Fatalf("canonical form %q does not parse: %v", qq.String(), err)
		}
		if !reflect.DeepEqual(normalize(again), normalize(qq)) {
			t.Fatalf("round trip of %q: %q parses to %#v, want %#v", s, qq.String(), again, qq)
		}
	})
}

func normalize(q *Query) *Query {
	if len(q.Clauses) == 0 {
		return &Query{}
	}
	return q
}
