package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// TestTextPageShapes checks what a plain-text file becomes: an article with
// the headline it was written with, or — for the word lists, tables and
// foreign markup that corpus folders hold beside their articles — a
// rejection naming the file and what it looks like, never an untitled
// article of one word per line.
func TestTextPageShapes(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		title      string // wanted title of the one article, when not rejected
		bodyStart  string
		rejected   string // wanted part of the rejection
	}{
		{name: "headline.txt", text: "Oil rises on supply fears\n\nOil prices rose on Monday as traders worried about supply.", title: "Oil rises on supply fears", bodyStart: "Oil prices rose"},
		{name: "typed.txt", text: "Oil rises on supply fears\nOil prices rose on Monday as traders worried about supply.\nAnalysts expect more.", title: "Oil rises on supply fears", bodyStart: "Oil prices rose"},
		{name: "wrapped.txt", text: "The central bank raised its main rate by a quarter point on\nThursday, its third rise this year, and said more were likely\nif prices kept rising.", title: "", bodyStart: "The central bank raised"},
		{name: "sentence.txt", text: "The bank raised rates on Thursday.\nIt said more rises were likely this year.", title: "", bodyStart: "The bank raised"},
		{name: "brief.txt", text: "Oil up\n\nPrices rose 2% on Monday.", title: "Oil up", bodyStart: "Prices rose"},
		{name: "chinese.txt", text: "央行加息\n\n中国人民银行周四宣布上调基准利率，这是今年第三次加息。\n分析人士预计年内还会继续加息。\n市场对此反应平淡。", title: "央行加息", bodyStart: "中国人民银行"},
		{name: "japanese.txt", text: "日銀が利上げ\n日本銀行は木曜日、政策金利を引き上げると発表した。\n市場はこれを予想していた。\n円相場は小幅に上昇した。", title: "日銀が利上げ", bodyStart: "日本銀行は"},
		{name: "indented.txt", text: "Rates rise again\n\n\tThe central bank raised rates on Thursday.\n\tIt said more rises were likely.\n\tMarkets fell.\n\tBonds rallied, then fell back.\n\tThe currency was flat.", title: "Rates rise again", bodyStart: "The central bank"},
		{name: "classes.txt", text: "World\nSports\nBusiness\nSci/Tech\n", rejected: "a list (4 lines of at most 1 word, no sentence)"},
		{name: "places.txt", text: strings.Repeat("afghanistan\nalbania \nunited kingdom\n", 30), rejected: "a list (90 lines of at most 2 words"},
		{name: "facts.txt", text: "These facts were extracted from the 1994 World Factbook by two researchers.\n\n" + strings.Repeat("pred(\"Land\",\"countries\").\nborder(\"France\", \"Spain\").\n", 40), rejected: "a list (80 of its 81 lines have at most 3 words)"},
		{name: "news.csv", text: strings.Repeat(`"3","Fears for pension after talks","Unions say they are ""disappointed"", after talks, with the firm."`+"\n", 8), rejected: "a table (8+ rows of 3 columns separated by commas)"},
		{name: "manifest.txt", text: strings.Repeat("file\tformat\titems\tbytes\n", 6), rejected: "a table (6+ rows of 4 columns separated by tabs)"},
		{name: "crypto.dat", text: "date;source;title;text\n" + strings.Repeat("5-7-2022;CryptoNews;Bitcoin up;Bitcoin price climbed, again.\n", 5), rejected: "a table (6+ rows of 4 columns separated by semicolons)"},
		{name: "reut2-000.sgm", text: "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=\"YES\">\n<DATE>26-FEB-1987</DATE><TITLE>COCOA</TITLE><BODY>Showers continued throughout the week.</BODY></REUTERS>", rejected: `markup (it starts with "<!DOCTYPE") that is neither HTML nor a feed`},
		{name: "lewis.dtd", text: "<!-- a DTD -->\n<!ELEMENT LEWIS (REUTERS*)>", rejected: `markup (it starts with "<!--")`},
		{name: "fragment.txt", text: "<h1>Rates rise again</h1><p>The central bank raised rates on Thursday, its third rise this year.</p>", title: "Rates rise again", bodyStart: "The central bank"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			arts, errs := collect(t, []string{path}, Options{})
			if tc.rejected != "" {
				if len(arts) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.rejected) || !strings.HasPrefix(errs[0].Error(), path+": not an article: ") {
					t.Fatalf("got %d articles and errors %v, want one rejection of %s containing %q", len(arts), errs, path, tc.rejected)
				}
				return
			}
			if len(errs) != 0 || len(arts) != 1 {
				t.Fatalf("got %d articles and errors %v, want one article", len(arts), errs)
			}
			if a := arts[0]; a.Title != tc.title || !strings.HasPrefix(a.Body, tc.bodyStart) {
				t.Errorf("title %q, body %.40q; want title %q and a body starting %q", a.Title, a.Body, tc.title, tc.bodyStart)
			}
		})
	}
}

// TestSharedCorpusTextFiles reads every plain-text, CSV, TSV and SGML file
// of the shared corpora: the BBC articles all become titled articles, and
// the corpora's lists, tables and SGML files are all rejected.
func TestSharedCorpusTextFiles(t *testing.T) {
	root := sharedDir(t, "corpora")
	var articles, rejected int
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(path)
		if ext != ".txt" && ext != ".csv" && ext != ".tsv" && ext != ".sgm" {
			return nil
		}
		bbc := strings.Contains(path, string(filepath.Separator)+"bbc"+string(filepath.Separator))
		list := strings.HasSuffix(path, "-strings.lc.txt") || strings.HasSuffix(path, "classes.txt") || strings.Contains(path, "feldman")
		for a, err := range ReadFile(t.Context(), path, Options{}) {
			switch {
			case err != nil && (bbc || !list && ext == ".txt"):
				t.Errorf("%s rejected: %v", path, err)
			case err == nil && (list || ext != ".txt"):
				t.Errorf("%s read as an article titled %q; want it rejected", path, a.Title)
			case err == nil && bbc && a.Title == "":
				t.Errorf("%s has no title", path)
			case err == nil:
				articles++
			default:
				rejected++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if articles < 1000 || rejected < 20 {
		t.Errorf("%d articles, %d rejections; want the BBC articles read and the lists, tables and SGML rejected", articles, rejected)
	}
}

// FuzzReadTextPage checks that any text gives exactly one article or one
// rejection, never a panic, and that an article's title is one line of
// valid UTF-8.
func FuzzReadTextPage(f *testing.F) {
	f.Add("Oil rises\nOil prices rose on Monday as traders worried.")
	f.Add("World\nSports\nBusiness\n")
	f.Add("\"a\",\"b\",\"c\"\n\"a\",\"b\",\"c\"\n\"a\",\"b\",\"c\"\n\"a\",\"b\",\"c\"\n\"a\",\"b\",\"c\"\n")
	f.Add("<!DOCTYPE lewis><REUTERS>")
	f.Add("央行加息\n中国人民银行周四宣布上调基准利率。")
	f.Fuzz(func(t *testing.T, text string) {
		n := 0
		err := readTextPage(strings.NewReader(text), "fuzz.txt", Options{MaxBodyBytes: 4096}, func(a *article.Article, err error) bool {
			n++
			if (a == nil) == (err == nil) {
				t.Fatalf("emitted article %v and error %v", a, err)
			}
			if a != nil && (!utf8.ValidString(a.Title) || strings.Contains(a.Title, "\n")) {
				t.Fatalf("bad title %q", a.Title)
			}
			return true
		})
		if err != nil || n != 1 {
			t.Fatalf("%d results, error %v", n, err)
		}
	})
}

// TestTextPageEncodings: a plain-text file in UTF-16 (with or without a
// byte order mark) or a legacy 8-bit encoding is decoded, not turned into
// replacement characters.
func TestTextPageEncodings(t *testing.T) {
	utf16 := func(s string, big, bom bool) []byte {
		var out []byte
		if bom {
			out = []byte("\xff\xfe")
			if big {
				out = []byte("\xfe\xff")
			}
		}
		for _, r := range s {
			if big {
				out = append(out, byte(r>>8), byte(r))
			} else {
				out = append(out, byte(r), byte(r>>8))
			}
		}
		return out
	}
	encode := func(enc encoding.Encoding) func(string) []byte {
		return func(s string) []byte {
			b, err := enc.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	koi8r, cp1251 := encode(charmap.KOI8R), encode(charmap.Windows1251)
	const uk = "Sixteen bit headline\n\nThe club paid £15.8m for the striker, its biggest fee this year."
	for _, tc := range []struct {
		name        string
		data        []byte
		title, body string
	}{
		{"utf16le-bom.txt", utf16(uk, false, true), "Sixteen bit headline", "£15.8m"},
		{"utf16be-bom.txt", utf16(uk, true, true), "Sixteen bit headline", "£15.8m"},
		{"utf16le.txt", utf16(uk, false, false), "Sixteen bit headline", "£15.8m"},
		{"utf16be.txt", utf16(uk, true, false), "Sixteen bit headline", "£15.8m"},
		{"latin1.txt", []byte("Transfer record\n\nThe club paid \xa315.8m for the striker, a fee the caf\xe9 owners called absurd."), "Transfer record", "£15.8m for the striker, a fee the café"},
		{"cp1252.txt", []byte("Quotes test\n\nHe said \x93no comment\x94 \x96 and left the room before the vote was taken."), "Quotes test", "“no comment” –"},
		{"cp1251.txt", []byte("\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff\n\n\xcf\xf0\xe0\xe2\xe8\xf2\xe5\xeb\xfc\xf1\xf2\xe2\xee \xee\xe1\xfa\xff\xe2\xe8\xeb\xee \xee \xed\xee\xe2\xfb\xf5 \xec\xe5\xf0\xe0\xf5 \xef\xee\xe4\xe4\xe5\xf0\xe6\xea\xe8 \xe1\xe8\xe7\xed\xe5\xf1\xe0."), "Новости дня", "Правительство объявило о новых мерах"},
		{"koi8r.txt", koi8r("Новости дня\n\nПравительство объявило о новых мерах поддержки бизнеса."), "Новости дня", "Правительство объявило о новых мерах"},
		{"cp1251-encoded.txt", cp1251("Новости дня\n\nПравительство объявило о новых мерах поддержки бизнеса."), "Новости дня", "Правительство объявило о новых мерах"},
		{"utf8-bom.txt", []byte("\xef\xbb\xbfPlain headline\n\nThe club paid £15.8m for the striker this year."), "Plain headline", "£15.8m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			arts, errs := collect(t, []string{path}, Options{})
			if len(arts) != 1 || len(errs) != 0 {
				t.Fatalf("articles %d, errors %v", len(arts), errs)
			}
			if a := arts[0]; a.Title != tc.title || !strings.Contains(a.Body, tc.body) || strings.ContainsRune(a.Title+a.Body, utf8.RuneError) {
				t.Errorf("title %q body %q; want title %q and a body with %q", a.Title, a.Body, tc.title, tc.body)
			}
		})
	}
	// The BBC corpus is Latin-1: its pound signs survive.
	arts, errs := collect(t, []string{sharedDir(t, "corpora", "bbc", "sport", "199.txt")}, Options{})
	if len(arts) != 1 || len(errs) != 0 || !strings.Contains(arts[0].Title+arts[0].Body, "£") || strings.ContainsRune(arts[0].Body, utf8.RuneError) {
		t.Errorf("bbc/sport/199.txt: %d articles, errors %v", len(arts), errs)
	}
}
