package synteval

import (
	"fmt"
	"time"
)

// aggregator is an invented site that republishes stories. Its boilerplate
// lines are fixed strings repeated on its articles, the way real aggregator
// templates wrap every page, so that a per-source learner can find them;
// its variant weights give each site a recognisable way of copying.
type aggregator struct {
	name, short, domain string
	// crypto sites carry crypto news as their own stories, use the
	// BitcoinEthereumNews-style page (doubled "The post ... appeared on" lead,
	// price ticker, "You May Also Like" teasers) and prefer market stories.
	crypto bool
	// finance sites prefer market and business stories.
	finance bool
	// Boilerplate, in page order. A mirror site has none.
	top    []string
	mid    string // after the second story paragraph of a long story
	bottom []string
	// groupBottom puts the bottom lines into one paragraph, one per line.
	groupBottom bool
	// readTime adds a semi-fixed "N min read" line under the top lines.
	readTime bool
	// summary fills the summary field with the story's opening.
	summary bool
	// titleSuffix (or titlePrefix) marks the site's retitled copies.
	titleSuffix, titlePrefix string
	staff                    string // byline used instead of the original author
	leadVerb                 string // "appeared on" or "appeared first on"
	variants                 []weightedVariant
	url                      func(slug string, n int, t time.Time) string
}

type weightedVariant struct {
	v Variant
	w int
}

func (a *aggregator) mirror() bool { return len(a.top)+len(a.bottom) == 0 && a.mid == "" }

// aggregators are the invented republishers. Names and domains are made up
// (.example); none of the boilerplate is copied from a real site.
var aggregators = []*aggregator{
	{
		name: "CoinWire Daily", short: "CoinWire", domain: "coinwire-daily.example",
		crypto: true, finance: true, leadVerb: "appeared on",
		top: []string{"CoinWire Daily | Crypto and markets news, around the clock"},
		bottom: []string{
			"Join the CoinWire Daily Telegram channel for real-time market alerts and exclusive analysis.",
			"Share this: Facebook Twitter Telegram",
			"Disclaimer: Articles on CoinWire Daily are republished from third-party sources for information only and do not constitute investment advice. CoinWire Daily is not responsible for the accuracy of the content or for any losses arising from its use.",
		},
		staff:    "CoinWire Daily Staff",
		variants: []weightedVariant{{VariantCruft, 5}, {VariantTruncated, 2}, {VariantExact, 1}, {VariantRetitled, 1}, {VariantURL, 1}},
		url: func(slug string, n int, _ time.Time) string {
			return "https://coinwire-daily.example/news/" + slug + "/"
		},
		titleSuffix: " - CoinWire Daily",
	},
	{
		name: "BlockBeat Wire", short: "BlockBeat", domain: "blockbeatwire.example",
		crypto: true, finance: true, leadVerb: "appeared on",
		top: []string{"BlockBeat Wire", "Markets · Crypto · Web3 · Policy"},
		mid: "Trade smarter: get BlockBeat Wire's free weekly digest of the biggest moves in crypto, straight to your inbox.",
		bottom: []string{
			"Follow BlockBeat Wire on X and Telegram for breaking crypto news.",
			"The articles reposted on this site are sourced from public platforms and are provided for informational purposes only. They do not necessarily reflect the views of BlockBeat Wire. All rights remain with the original authors; to request removal, write to removals@blockbeatwire.example.",
		},
		groupBottom: true,
		variants:    []weightedVariant{{VariantCruft, 4}, {VariantEdited, 2}, {VariantTruncated, 2}, {VariantExact, 1}},
		url: func(slug string, n int, t time.Time) string {
			return fmt.Sprintf("https://blockbeatwire.example/%s/%d/%s", t.Format("2006/01/02"), 880000+n, slug)
		},
	},
	{
		name: "NewsPulse Hub", short: "NewsPulse", domain: "newspulsehub.example",
		leadVerb: "appeared first on",
		top:      []string{"NewsPulse Hub · Top stories from around the web"},
		bottom: []string{
			"Read more at NewsPulse Hub",
			"NewsPulse Hub aggregates headlines from hundreds of trusted publishers. Views expressed belong to the original authors.",
			"Share this: Facebook Twitter",
		},
		readTime: true, summary: true,
		titleSuffix: " | NewsPulse",
		staff:       "NewsPulse Editors",
		variants:    []weightedVariant{{VariantRetitled, 3}, {VariantEdited, 2}, {VariantCruft, 2}, {VariantTruncated, 1}, {VariantURL, 1}},
		url: func(slug string, n int, _ time.Time) string {
			return fmt.Sprintf("https://newspulsehub.example/story/%06d-%s", 310000+n*7, slug)
		},
	},
	{
		name: "Ledgerline Markets", short: "Ledgerline", domain: "ledgerline.example",
		finance: true, leadVerb: "appeared first on",
		top: []string{"Ledgerline Markets — independent market news since 2011"},
		mid: "Get the Ledgerline Morning Brief: the five market stories you need before the opening bell. Sign up free at ledgerline.example/brief.",
		bottom: []string{
			"Ledgerline Markets is not a registered investment adviser. Nothing on this page is a recommendation to buy or sell any security.",
			"© Ledgerline Markets. Republished content remains the property of its respective owners.",
		},
		titlePrefix: "Markets: ",
		variants:    []weightedVariant{{VariantEdited, 3}, {VariantTruncated, 2}, {VariantCruft, 2}, {VariantRetitled, 1}},
		url: func(slug string, n int, t time.Time) string {
			return fmt.Sprintf("https://www.ledgerline.example/markets/%s/%s.html", t.Format("2006-01"), slug)
		},
	},
	{
		name: "Global Brief Wire", short: "GlobalBrief", domain: "globalbriefwire.example",
		leadVerb: "appeared first on",
		top:      []string{"GLOBAL BRIEF WIRE"},
		bottom: []string{
			"This story was automatically aggregated by Global Brief Wire from a partner feed and has not been edited by our staff.",
			"Follow Global Brief Wire: Facebook | X | LinkedIn | RSS",
		},
		variants: []weightedVariant{{VariantExact, 2}, {VariantTruncated, 2}, {VariantURL, 2}, {VariantEdited, 1}, {VariantCruft, 1}},
		url: func(slug string, n int, _ time.Time) string {
			return fmt.Sprintf("https://globalbriefwire.example/a/%d", 5000000+n*13)
		},
	},
	{
		name: "Wirestream Digest", short: "Wirestream", domain: "wirestream.example",
		leadVerb: "appeared first on",
		// A mirror: copies arrive without any page template.
		variants: []weightedVariant{{VariantExact, 3}, {VariantURL, 3}, {VariantRetitled, 2}, {VariantTruncated, 1}},
		url: func(slug string, n int, t time.Time) string {
			return fmt.Sprintf("https://wirestream.example/%s/%s", t.Format("2006/01"), slug)
		},
		titleSuffix: " (Wirestream)",
	},
	{
		name: "FeedMirror Daily", short: "FeedMirror", domain: "feedmirror.example",
		leadVerb: "appeared first on",
		bottom: []string{
			"FeedMirror Daily: every story, one feed.",
			"Never miss a headline: subscribe to the FeedMirror Daily evening newsletter.",
		},
		groupBottom: true,
		variants:    []weightedVariant{{VariantTruncated, 3}, {VariantExact, 2}, {VariantRetitled, 1}, {VariantCruft, 1}},
		url: func(slug string, n int, _ time.Time) string {
			return fmt.Sprintf("https://feedmirror.example/m/%s-%04d", slug, 1000+n)
		},
		titlePrefix: "FeedMirror: ",
	},
	{
		name: "Circuit Roundup", short: "Circuit", domain: "circuitroundup.example",
		leadVerb: "appeared first on",
		top:      []string{"Circuit Roundup — tech, business and the rest of the world, summarised"},
		mid:      "Enjoying Circuit Roundup? Support independent aggregation: become a member for $3 a month.",
		bottom:   []string{"Filed from the Circuit Roundup newsroom. Corrections: fixes@circuitroundup.example"},
		readTime: true, summary: true,
		titleSuffix: " — Circuit Roundup",
		staff:       "Circuit Roundup",
		variants:    []weightedVariant{{VariantEdited, 2}, {VariantRetitled, 2}, {VariantCruft, 1}, {VariantTruncated, 1}, {VariantExact, 1}},
		url: func(slug string, n int, _ time.Time) string {
			return "https://circuitroundup.example/r/" + slug
		},
	},
}

// Generic cruft of the kinds clean.CleanBody targets, not tied to one site.
var (
	genericDisclaimers = []string{
		"Disclaimer: The views and opinions expressed in this article are those of the original author and do not necessarily reflect the views of this site.",
		"Disclaimer: This content is provided for informational purposes only and does not constitute financial, investment or legal advice. The publisher is not responsible for any losses arising from its use.",
		"Risk warning: Trading cryptocurrencies and other volatile assets involves substantial risk of loss and is not suitable for every investor.",
	}
	shareLines   = []string{"Share", "Tweet", "Share this article", "Share on Facebook", "Share on X", "Copy link", "Email", "Print"}
	relatedHeads = []string{"You May Also Like", "Related Articles", "Read Next", "Related Stories", "Also Read", "Trending Now"}
	truncMarkers = []string{"Read more", "Continue reading", "…"}
	// Invented coins for the price-ticker widget.
	tickerCoins = []struct{ name, sym string }{
		{"NOVA CHAIN", "NOVA"}, {"Quantix", "QTX"}, {"Helios Coin", "HLS"}, {"ORBIT PROTOCOL", "ORB"},
		{"Lumen Network", "LMN"}, {"Kestrel Token", "KST"}, {"PAXIL FINANCE", "PXF"},
	}
)
