package bleveengine

import (
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/syndex/syndex/searchsvc/searchtest"
)

// TestSearchAcrossLanguages indexes testdata/multilingual, where every
// article is in another language, and checks that each is analysed as its
// own language: inflections match by stem, Chinese and Japanese by
// character pairs, a stop word of one language does not exclude another's
// articles, phrases are checked with the article's analyzer, and the lang
// filter and facet see normalized codes.
func TestSearchAcrossLanguages(t *testing.T) {
	_, svc := reindexService(t, t.TempDir(), "../../testdata/multilingual")
	ids := func(params string) []string {
		res := searchtest.DoSearch(t, svc, params+"&collapse=false&size=50")
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		slices.Sort(out)
		return out
	}
	q := func(s string) string { return "q=" + url.QueryEscape(s) }
	tests := []struct {
		params string
		want   []string
	}{
		{q("Haus"), []string{"ml-de-1"}},          // Häuser … Haus: German stems
		{q("Häusern"), []string{"ml-de-1"}},       // a form the text does not have
		{q("hauser"), []string{"ml-de-1"}},        // typed without the umlaut
		{q("die Häuser"), []string{"ml-de-1"}},    // "die": a German stop word, no condition there
		{q(`"neue Häuser"`), []string{"ml-de-1"}}, // a phrase, checked with the German analyzer
		{q(`"Häuser neue"`), nil},
		{q("Streiks"), []string{"ml-de-2"}},
		{q("élection"), []string{"ml-fr-1"}}, // élections
		{q("tramways"), []string{"ml-fr-1"}},
		{q("pensione"), []string{"ml-it-1"}}, // pensioni
		{q("enchente"), []string{"ml-pt-1"}}, // enchentes
		{q("restricción"), []string{"ml-es-1"}},
		{q("geopende"), []string{"ml-nl-1"}}, // geopend
		{q("bruggen"), nil},                  // Dutch "brugg", not "brug"; never "brugged", an invented English spelling
		{q("станции"), []string{"ml-ru-1"}},  // станция, станцию
		{q("北京"), []string{"ml-zh-1"}},
		{q("学校"), []string{"ml-zh-1"}},
		{q("開花"), []string{"ml-ja-1"}},
		{q("home"), []string{"ml-en-1"}}, // English stems still
		{q("rozpočet"), []string{"ml-sk-1"}},
		{"lang=de", []string{"ml-de-1", "ml-de-2"}},
		{q("lang:zh"), []string{"ml-zh-1"}},
		{q("language:zh-Hans Schule"), nil},
		{q("lang:German Haus"), []string{"ml-de-1"}},
		{"lang=de-AT&lang=ru", []string{"ml-de-1", "ml-de-2", "ml-ru-1"}},
		{q("lang:Klingon"), nil}, // the lang= parameter refuses it (400)
	}
	for _, tt := range tests {
		if got := ids(tt.params); !slices.Equal(got, tt.want) {
			t.Errorf("%s: hits %v, want %v", tt.params, got, tt.want)
		}
	}

	res := searchtest.DoSearch(t, svc, q("Häusern")+"&collapse=false")
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].TitleHTML, "<mark>Häuser</mark>") ||
		!strings.Contains(res.Hits[0].Snippet, "<mark>Haus</mark>") {
		t.Errorf("German highlight: %+v", res.Hits)
	}
	res = searchtest.DoSearch(t, svc, q("北京")+"&collapse=false")
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].TitleHTML, "<mark>北京</mark>") {
		t.Errorf("Chinese highlight: %+v", res.Hits)
	}

	res = searchtest.DoSearch(t, svc, "collapse=false&facet_size=50")
	if res.Facets == nil || res.Facets.Lang == nil {
		t.Fatal("no lang facet")
	}
	got := map[string]int{}
	for _, v := range res.Facets.Lang.Values {
		got[v.Value] = v.Count
	}
	for l, n := range map[string]int{"de": 2, "fr": 1, "es": 1, "it": 3, "pt": 3, "nl": 1, "sk": 1, "zh": 1, "ja": 1, "ru": 1, "en": 1} {
		if got[l] != n {
			t.Errorf("lang facet %s = %d, want %d (facet %v)", l, got[l], n, got)
		}
	}
}

// TestStemsStayInTheirLanguage: a query word's stem in one language finds
// only that language's articles. Danish stems "market" to "mark", which
// must not find the English articles about Deutsche marks; French reduces
// "bbbbbbbb" to "b", which must not match every English "B share"; and
// each language's own articles are still found by its stems.
func TestStemsStayInTheirLanguage(t *testing.T) {
	dir := t.TempDir()
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{
		{ID: "en-marks", Lang: "en", Title: "Rights issue priced at 165 marks", Body: "The bank priced its rights issue at 165 marks a share, it said in Frankfurt."},
		{ID: "en-market", Lang: "en", Title: "Stock market falls", Body: "The stock market fell two percent on Monday as traders sold bank shares."},
		{ID: "en-b", Lang: "en", Title: "Company sells B shares", Body: "The company will sell its class B shares to a group of pension funds."},
		{ID: "da-marked", Lang: "da", Title: "Det danske marked steg", Body: "Det danske marked steg i dag, og aktierne i bankerne gik op efter regnskaberne."},
		{ID: "fr-banque", Lang: "fr", Title: "La banque vend ses actions", Body: "La banque a vendu ses actions de classe B à des fonds de pension, a-t-elle annoncé lundi."},
	})
	_, svc := reindexService(t, filepath.Join(dir, "index"), src)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"market", []string{"en-market"}},         // not Danish "mark" in English text
		{"markedet", []string{"da-marked"}},       // Danish "marked", its own language
		{"marks", []string{"en-marks"}},           // English "mark"; Danish "mark" finds no Danish article
		{"bbbbbbbb", []string{"fr-banque"}},       // French "b": the French article's "B", never the English one
		{"classe", []string{"en-b", "fr-banque"}}, // "class" in English and in French
		{"b shares", []string{"en-b"}},            // the letter itself, in English
	} {
		res := searchtest.DoSearch(t, svc, "q="+url.QueryEscape(tt.q)+"&collapse=false")
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) || res.Total != uint64(len(tt.want)) {
			t.Errorf("%s: hits %v (total %d), want %v", tt.q, got, res.Total, tt.want)
		}
	}
	// Highlighting too: "market" marks "market", never the English "marks"
	// that the Danish stem "mark" would.
	for _, h := range searchtest.DoSearch(t, svc, "q=market+OR+rights&collapse=false").Hits {
		if strings.Contains(h.TitleHTML+h.Snippet, "<mark>marks</mark>") || h.ID == "en-market" && !strings.Contains(h.TitleHTML, "<mark>market</mark>") {
			t.Errorf("%s highlighted as %q / %q", h.ID, h.TitleHTML, h.Snippet)
		}
	}
}

// TestAccentsFold: a word typed without its accents finds the articles
// that write them and the other way round, in English and in other
// languages' articles, and the hit is highlighted where the accented word
// stands.
func TestAccentsFold(t *testing.T) {
	dir := t.TempDir()
	arts := []searchtest.FixtureArticle{
		{ID: "gd", Title: "Gdańsk shipyard workers strike", Body: "Workers at the Gdańsk shipyard walked out on Monday.", Source: "Wire", Published: "2026-11-02T08:00:00Z", Lang: "en"},
		{ID: "cafe", Title: "Café owners protest rent rises", Body: "The café owners marched on the town hall.", Source: "Wire", Published: "2026-11-03T08:00:00Z", Lang: "en"},
		{ID: "cafe-plain", Title: "Cafe chain expands", Body: "The cafe chain opened ten shops.", Source: "Wire", Published: "2026-11-04T08:00:00Z", Lang: "en"},
		{ID: "zh-de", Title: "Zürich erhöht die Mieten", Body: "In Zürich steigen die Mieten schneller als der Lohn.", Source: "Zeitung", Published: "2026-11-05T08:00:00Z", Lang: "de"},
		{ID: "ru", Title: "Новости Москвы", Body: "В Москве открылся новый мост через реку.", Source: "Газета", Published: "2026-11-06T08:00:00Z", Lang: "ru"},
	}
	src := searchtest.WriteJSONL(t, dir, "accents.jsonl", arts)
	_, svc := reindexService(t, dir+"/index", src)
	for q, want := range map[string][]string{
		"gdansk": {"gd"}, "gdańsk": {"gd"}, "GDANSK shipyard": {"gd"},
		"cafe": {"cafe", "cafe-plain"}, "café": {"cafe", "cafe-plain"},
		"zurich": {"zh-de"}, "zürich": {"zh-de"}, "zuerich": {"zh-de"}, // German spells ü as ue
		"москве": {"ru"},
	} {
		res := searchtest.DoSearch(t, svc, "q="+url.QueryEscape(q)+"&collapse=false")
		if got := sortedIDs(res); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
		for _, h := range res.Hits {
			if !strings.Contains(h.TitleHTML+h.Snippet, "<mark>") {
				t.Errorf("%s: hit %s not highlighted: %q / %q", q, h.ID, h.TitleHTML, h.Snippet)
			}
		}
	}
}
