package clean

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/syndex/syndex/indexer/article"
)

func TestSeedRepost(t *testing.T) {
	path := sharedDir(t, "seeds", "000_ff2ae7545b84e549.txt")
	var got []*article.Article
	for a, err := range ReadArticles(t.Context(), path) {
		if err != nil {
			t.Fatalf("read seed: %v", err)
		}
		got = append(got, a)
	}
	if len(got) != 1 {
		t.Fatalf("got %d articles, want 1", len(got))
	}
	a := got[0]
	if want := "Is Trump gambling US tech security as China’s rare earth leverage grows?"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if !strings.HasPrefix(a.Body, "The White House has reportedly stopped several security actions") {
		t.Errorf("body starts %q", a.Body[:min(len(a.Body), 120)])
	}
	if want := "https://www.cryptopolitan.com/trump-gambling-us-tech-security-for-trade/"; a.CanonicalURL != want {
		t.Errorf("canonical = %q, want %q", a.CanonicalURL, want)
	}
	// The whole story is kept: its last paragraph and a heading in the middle.
	for _, keep := range []string{
		"Commerce Department shifts focus away from China",
		"April summit holds the key",
		"“Any suggestion that we are subject to foreign control or pose a national security risk is categorically false,” the company stated.",
		"The Department of Defense already invested $400 million in MP Materials to reduce dependence on Chinese rare earths, suggesting some officials see the vulnerability.",
	} {
		if !strings.Contains(a.Body, keep) {
			t.Errorf("body lost %q", keep)
		}
	}
	if !strings.HasSuffix(a.Body, "suggesting some officials see the vulnerability.") {
		t.Errorf("body does not end with the story's last sentence: …%q", a.Body[max(0, len(a.Body)-120):])
	}
	for _, cruft := range []string{
		"The post", "appeared on", "Source:", "Market Opportunity", "Logo", "Price(TRUMP)", "$3.305",
		"+1.84%", "USD", "Live Price Chart", "Disclaimer", "MEXC", "You May Also Like", "Share",
		"Crypto Shows Mixed Reaction", "Hedera", "2025/09/18", "SEC Approves",
	} {
		if strings.Contains(a.Body, cruft) {
			t.Errorf("body still contains cruft %q", cruft)
		}
	}
	if strings.Count(a.Body, "The White House has reportedly stopped several") != 1 {
		t.Errorf("lead is duplicated in body")
	}
	if strings.Contains(a.Body, a.Title) {
		t.Errorf("title repeated inside body")
	}
	if a.Published.IsZero() == false {
		t.Errorf("published = %v, want unknown (the page has no date of its own)", a.Published)
	}
	if a.ID == "" || a.Source == "" {
		t.Errorf("id %q source %q: want both set", a.ID, a.Source)
	}
}

func TestCleanBody(t *testing.T) {
	tests := []struct {
		name, in, title string
		want            string
		wantURL         string
	}{
		{"plain paragraphs kept", "First para.\n\nSecond   para\nwith a line.", "", "First para.\n\nSecond para\nwith a line.", ""},
		{"appeared first on tail", "Story text here.\n\nThe post Big News appeared first on Coin Central.", "", "Story text here.", ""},
		{"appeared first inline", "Story ends here. The post Big News appeared first on CoinCentral.", "", "Story ends here.", ""},
		{"source line", "Body.\n\nSource: https://example.org/a/b.", "", "Body.", "https://example.org/a/b"},
		{"title repeated", "My Title\n\nReal body.", "My Title", "Real body.", ""},
		{"share and sponsored", "Share\n\nText one.\n\nSponsored Sponsored\n\nText two.", "", "Text one.\n\nText two.", ""},
		{"related block cut", "Body.\n\nRelated Articles\n\nOther story one.\n\nOther story two.", "", "Body.", ""},
		{"disclaimer", "Body.\n\nDisclaimer: This is not financial advice.", "", "Body.", ""},
		{"widget then disclaimer in one block", "Body.\n\nMarket Opportunity\nBitcoin Logo\nBitcoin Price(BTC)\n$69,446.69\n$69,446.69$69,446.69\n-5.42%\nUSD\nBitcoin (BTC) Live Price Chart\nDisclaimer: Articles republished here are for information only.", "", "Body.", ""},
		{"topic bar", "Body.\n\nRelated Topics: #labor #transport", "", "Body.", ""},
		{"ticker widget", "Body.\n\nBTC Logo\nBitcoin Price(BTC)\n$64,000\n-2.1%\nUSD", "", "Body.", ""},
		{"nbsp and zero width", "A\u00a0B\u200bC", "", "A BC", ""},
		{"invisible characters inside words dropped", "co\u00adoperation V\u200bIA\u2060GRA \ufeffnews", "", "cooperation VIAGRA news", ""},
		{"control characters separate words", "end.\fNext page\x00word\vtab\u0085line", "", "end. Next page word tab line", ""},
		{"nfc", "Cafe\u0301", "", "Café", ""},
		{"invalid utf8", "ok \xff bad", "", "ok \uFFFD bad", ""},
		{"duplicated lead", "The cat sat on the mat today and", "", "The cat sat on the mat today and", ""},
		{"duplicated lead with story", "The cat sat on the mat today\n\nThe cat sat on the mat today and purred loudly.", "", "The cat sat on the mat today and purred loudly.", ""},
		{"empty", "   \n\n  ", "", "", ""},
		{"numbers in prose kept", "Revenue rose 12% to $3.2 billion.", "", "Revenue rose 12% to $3.2 billion.", ""},
		{"reuters table row kept", "Shr 1.20 dlrs vs 1.10 dlrs\nNet 5.3 mln vs 4.1 mln", "", "Shr 1.20 dlrs vs 1.10 dlrs\nNet 5.3 mln vs 4.1 mln", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanBody(tt.in, tt.title)
			if got.Body != tt.want {
				t.Errorf("body = %q, want %q", got.Body, tt.want)
			}
			if got.OriginalURL != tt.wantURL {
				t.Errorf("original = %q, want %q", got.OriginalURL, tt.wantURL)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One &amp; two</p><p>Three<br>four</p>", "One & two\n\nThree\nfour"},
		{"<div><script>alert(1)</script><p>Text</p><style>p{}</style></div>", "Text"},
		{"<ul><li>a</li><li>b</li></ul>", "• a\n\n• b"},
		{"plain &lt;b&gt; text", "plain <b> text"},
		{"<p>unclosed <b>bold", "unclosed bold"},
		{"no markup", "no markup"},
		{"<nav>Home | About</nav><article><h1>Head</h1><p>Body</p></article>", "Head\n\nBody"},
	}
	for _, tt := range tests {
		if got := HTMLToText(tt.in); got != tt.want {
			t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	for in, want := range map[string]string{
		"  a \t b\n c ": "a b c",
		"simple":        "simple",
		"x\x00y":        "x y",
		"x\u00ady":      "xy",
		"bad\xc3":       "bad\uFFFD",
	} {
		if got := CleanLine(in); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripTitleTags(t *testing.T) {
	for in, want := range map[string]string{
		"Kochi to raise <span class='webrupee'>₹</span>4,000 crore": "Kochi to raise ₹4,000 crore",
		"Council <em>approves</em> budget":                          "Council approves budget",
		"Storm<br/>Floods":                                          "Storm Floods",
		"<B>Breaking</B>: <a href=\"x\">vote</a>":                   "Breaking: vote",
		// Not HTML's tags: kept.
		"Why List<T> beats arrays": "Why List<T> beats arrays",
		"a < b > c":                "a < b > c",
		"<3 for <strongest>":       "<3 for <strongest>",
		// Tags named in plain text, nothing closed: kept.
		"Die Rückkehr von <i> und <b>": "Die Rückkehr von <i> und <b>",
		"Use <p> for paragraphs":       "Use <p> for paragraphs",
		// An unclosed tag with attributes is markup.
		`Vote <img src="x.png"> today`: "Vote today",
	} {
		if got := CleanLine(StripTitleTags(in)); got != want {
			t.Errorf("StripTitleTags(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCleanBody(f *testing.F) {
	for _, s := range []string{
		"The post X appeared first on Y.", "Source: https://a.b/c", "<p>x</p>", "\xff\xfe", "You May Also Like\n\nx",
		"Share\n$1.00\n+1%\nUSD", "a\n\nb\n\n\n\nc",
	} {
		f.Add(s, "X")
	}
	if data, err := os.ReadFile("../../shared/seeds/000_ff2ae7545b84e549.txt"); err == nil {
		f.Add(string(data), "")
	}
	f.Fuzz(func(t *testing.T, in, title string) {
		c := CleanBody(in, title)
		if !utf8.ValidString(c.Body) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		if !norm.NFC.IsNormalString(c.Body) {
			t.Fatalf("not NFC: %q", c.Body)
		}
		if strings.Contains(c.Body, "\n\n\n") || strings.HasPrefix(c.Body, "\n") {
			t.Fatalf("paragraph breaks not tidy: %q", c.Body)
		}
		h := HTMLToText(in)
		_ = h
		if len(c.Body) > len(in)*3+16 {
			t.Fatalf("cleaning grew the text from %d to %d bytes", len(in), len(c.Body))
		}
	})
}
