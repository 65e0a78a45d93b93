package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/httpapi"
)

// Browser tests: the search page driven in headless Chromium (Debian's
// chromium package) with chromedp. Under CI (env CI set) a missing
// chromium fails them; elsewhere they skip. SYNDEX_CHROMIUM names another
// binary. SYNDEX_SCREENSHOT=1 writes the results screenshot to
// docs/screenshot-search.png instead of a temporary folder.

// chromiumPath finds the browser or skips (fails under CI).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SYNDEX_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	const msg = "chromium is not installed; `apt-get install -y chromium` (or SYNDEX_CHROMIUM=/path/to/chrome) enables the browser tests"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// browserTab is one tab with its JavaScript dialogs and console errors
// recorded: any of them fails the test.
type browserTab struct {
	t       *testing.T
	ctx     context.Context
	base    string
	mu      sync.Mutex
	dialogs []string
	errors  []string
}

func newTab(t *testing.T, browser context.Context, base string) *browserTab {
	t.Helper()
	tctx, cancel := chromedp.NewContext(browser)
	ctx, cancelTimeout := context.WithTimeout(tctx, 30*time.Second)
	t.Cleanup(cancel)
	t.Cleanup(cancelTimeout)
	b := &browserTab{t: t, ctx: ctx, base: base}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
			b.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
				b.mu.Lock()
				b.errors = append(b.errors, fmt.Sprintf("%s (%s): %s", m.Type, m.Source, m.Text))
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(50 * time.Millisecond) // let the last events arrive
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, d := range b.dialogs {
			t.Errorf("a JavaScript dialog opened: %s", d)
		}
		for _, e := range b.errors {
			t.Errorf("console: %s", e)
		}
	})
	return b
}

// do runs actions, failing the test on error.
func (b *browserTab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// open navigates to a path of the test server.
func (b *browserTab) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
	b.waitFor(`document.readyState === "complete"`)
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browserTab, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitFor waits until expr is true, across navigations.
func (b *browserTab) waitFor(expr string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	b.t.Fatalf("timed out waiting for %s (last error %v) at %s", expr, last, b.location())
}

// waitURL waits for a loaded page whose path and query are want.
func (b *browserTab) waitURL(want string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf(`location.pathname + location.search === %q && document.readyState === "complete"`, want))
}

func (b *browserTab) location() string {
	loc, _ := chromedp.Run(b.ctx, chromedp.Location())
	return strings.TrimPrefix(loc, b.base)
}

// countLine is the result count line.
func (b *browserTab) countLine() string {
	return eval[string](b, `document.querySelector("p.count").textContent.replace(/\s+/g, " ").trim()`)
}

// titles are the result titles as the page shows them.
func (b *browserTab) titles() []string {
	return eval[[]string](b, `[...document.querySelectorAll("ol.hits h2")].map(h => h.textContent)`)
}

// facetCount reads the count next to a facet checkbox.
func (b *browserTab) facetCount(name, value string) int {
	return eval[int](b, fmt.Sprintf(`+document.querySelector('input[name=%q][value=%q]').parentElement.querySelector(".n").textContent`, name, value))
}

// pressKey presses a printable key as a keyboard does: one keyDown that
// carries the text, so that a handler cancelling keydown stops the
// character (chromedp.KeyEvent sends the character as a separate event).
func pressKey(key, code string, vk int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: key, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text, p.UnmodifiedText = key, key
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)
	if testing.Short() && os.Getenv("CI") == "" {
		t.Skip("browser tests skipped in -short mode")
	}
	srv, _ := newPageServer(t, searchsvc.Config{}, httpapi.ServerConfig{}, Config{})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run its sandbox as root
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(actx)
	defer cancel()
	start := time.Now()
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	t.Logf("started %s in %v", exe, time.Since(start).Round(time.Millisecond))

	t.Run("SearchAndHighlight", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.open("/")
		b.do(chromedp.SendKeys(chromedp.ID("q"), "quokka\n")) // Enter submits
		b.waitURL("/search?q=quokka")
		if got := b.countLine(); !strings.HasPrefix(got, "6 stories (") {
			t.Errorf("count line %q", got)
		}
		if n := len(b.titles()); n != quokkaTotal {
			t.Errorf("%d results", n)
		}
		marks := eval[[]string](b, `[...document.querySelectorAll("ol.hits mark")].map(m => m.textContent.toLowerCase())`)
		if len(marks) < quokkaTotal {
			t.Errorf("highlights %q", marks)
		}
		for _, m := range marks {
			if !strings.HasPrefix(m, "quokka") {
				t.Errorf("highlighted %q", m)
			}
		}
		// The mark is visibly highlighted (the stylesheet loaded under the CSP).
		if bg := eval[string](b, `getComputedStyle(document.querySelector("mark")).backgroundColor`); bg != "rgb(255, 229, 138)" {
			t.Errorf("mark background %q", bg)
		}
	})

	t.Run("FacetAndDatePreset", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.open("/search?q=quokka")
		n := b.facetCount("source", "Alpine Courier")
		if n != 3 {
			t.Errorf("Alpine Courier count %d", n)
		}
		// A checkbox applies at once (JavaScript submits the form).
		b.do(chromedp.Click(chromedp.CSS(`input[name=source][value="Alpine Courier"]`)))
		b.waitURL("/search?q=quokka&source=Alpine+Courier")
		if got := b.countLine(); !strings.HasPrefix(got, fmt.Sprintf("%d stor", n)) || len(b.titles()) != n {
			t.Errorf("after the source facet: %q, %d titles", got, len(b.titles()))
		}
		if !eval[bool](b, `document.querySelector('input[name=source][value="Alpine Courier"]').checked`) {
			t.Error("the source checkbox is not checked")
		}
		// Disjunctive: the other sources are still offered with their counts.
		if c := b.facetCount("source", "Copper Valley Times"); c != 2 {
			t.Errorf("Copper Valley Times count %d under the Alpine Courier filter", c)
		}
		week := eval[int](b, `+document.querySelector('ul.presets a[href*="range=24h"]').parentElement.querySelector(".n").textContent`)
		if week != 2 {
			t.Errorf("past 24 hours count %d", week)
		}
		b.do(chromedp.Click(chromedp.CSS(`ul.presets a[href*="range=24h"]`)))
		b.waitURL("/search?q=quokka&source=Alpine+Courier&range=24h")
		if got := b.countLine(); !strings.HasPrefix(got, fmt.Sprintf("%d stor", week)) {
			t.Errorf("after the preset: %q", got)
		}
		if cur := eval[string](b, `document.querySelector('ul.presets [aria-current]').textContent`); cur != "Past 24 hours" {
			t.Errorf("current preset %q", cur)
		}
		// A new query keeps the filters (they are form fields).
		eval[chromedp.Void](b, `document.getElementById("q").value = ""`)
		b.do(chromedp.SendKeys(chromedp.ID("q"), "census\n"))
		b.waitURL("/search?q=census&range=24h&source=Alpine+Courier")
		if got := b.titles(); len(got) != 1 || !strings.Contains(got[0], "census") {
			t.Errorf("titles %q", got)
		}
	})

	t.Run("PageTwoAndBack", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.open("/search?q=market")
		first := b.titles()
		b.do(chromedp.Click(chromedp.CSS(`a[rel=next]`)))
		b.waitURL("/search?q=market&page=2")
		second := b.titles()
		if len(second) != searchsvc.DefaultSize || second[0] == first[0] || !strings.Contains(b.countLine(), "11–20") {
			t.Errorf("page 2: %q %q", b.countLine(), second)
		}
		if cur := eval[string](b, `document.querySelector('nav.pages [aria-current=page]').textContent`); cur != "2" {
			t.Errorf("current page %q", cur)
		}
		// The back button (chromedp.NavigateBack waits for a load event, which
		// a page restored from the back/forward cache does not fire).
		eval[chromedp.Void](b, `history.back()`)
		b.waitURL("/search?q=market")
		if got := b.titles(); len(got) == 0 || got[0] != first[0] {
			t.Errorf("back: %q", got)
		}
		// The form works after coming back (fields enabled again). A page
		// from the back/forward cache confuses chromedp's DOM queries, so
		// the click is sent from the page.
		eval[chromedp.Void](b, `document.querySelector("input[name=tag][value=markets]").click()`)
		b.waitURL("/search?q=market&tag=markets")
	})

	t.Run("SuggestionsByKeyboard", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.open("/")
		// "/" focuses the box.
		b.do(pressKey("/", "Slash", 191))
		if id := eval[string](b, `document.activeElement.id`); id != "q" {
			t.Fatalf("after /, focus is on %q", id)
		}
		if v := eval[string](b, `document.getElementById("q").value`); v != "" {
			t.Errorf("the / was typed into the box: %q", v)
		}
		role := eval[map[string]string](b, `(q => ({role: q.getAttribute("role"), auto: q.getAttribute("aria-autocomplete"), controls: q.getAttribute("aria-controls"), expanded: q.getAttribute("aria-expanded"), list: document.getElementById(q.getAttribute("aria-controls")).getAttribute("role")}))(document.getElementById("q"))`)
		if role["role"] != "combobox" || role["auto"] != "list" || role["controls"] != "sug" || role["expanded"] != "false" || role["list"] != "listbox" {
			t.Errorf("combobox roles %v", role)
		}
		b.do(chromedp.KeyEvent("quokka cens"))
		b.waitFor(`!document.getElementById("sug").hidden && document.querySelectorAll("#sug [role=option]").length > 0`)
		opts := eval[[]string](b, `[...document.querySelectorAll("#sug [role=option]")].map(o => o.textContent)`)
		if len(opts) < 2 || opts[0] != "quokka census" || opts[1] != "Quokka census finds record numbers on the island" {
			t.Fatalf("suggestions %q", opts)
		}
		if eval[string](b, `document.getElementById("q").getAttribute("aria-expanded")`) != "true" {
			t.Error("aria-expanded is not true with the list open")
		}
		active := func() string {
			return eval[string](b, `(document.getElementById("q").getAttribute("aria-activedescendant") || "") + "|" + [...document.querySelectorAll("#sug [aria-selected=true]")].map(o => o.id).join()`)
		}
		b.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
		if a := active(); a != "sug-1|sug-1" {
			t.Errorf("after two arrows down: %q", a)
		}
		b.do(chromedp.KeyEvent(kb.ArrowUp))
		if a := active(); a != "sug-0|sug-0" {
			t.Errorf("after arrow up: %q", a)
		}
		// Escape closes the list and keeps the text.
		b.do(chromedp.KeyEvent(kb.Escape))
		if st := eval[string](b, `document.getElementById("sug").hidden + "|" + document.getElementById("q").getAttribute("aria-expanded") + "|" + document.getElementById("q").value`); st != "true|false|quokka cens" {
			t.Errorf("after Escape: %q", st)
		}
		// Open again, pick the first with Enter.
		b.do(chromedp.KeyEvent(kb.ArrowDown))
		if a := active(); a != "sug-0|sug-0" {
			t.Errorf("reopened: %q", a)
		}
		b.do(chromedp.KeyEvent(kb.Enter))
		b.waitURL("/search?q=quokka+census")
		if got := b.titles(); len(got) != 1 || got[0] != "Quokka census finds record numbers on the island" {
			t.Errorf("after picking: %q", got)
		}
	})

	t.Run("XSSTitleIsText", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.open("/")
		b.do(chromedp.SendKeys(chromedp.ID("q"), "onerror\n"))
		b.waitURL("/search?q=onerror")
		found := false
		for _, title := range b.titles() {
			found = found || title == xssTitle
		}
		if !found {
			t.Errorf("the title %q is not shown as text: %q", xssTitle, b.titles())
		}
		if n := eval[int](b, `document.querySelectorAll("img, script:not([src])").length`); n != 0 {
			t.Errorf("%d img or inline script elements", n)
		}
		// A query and filters full of markup are shown as text too.
		evil := `<img src=x onerror=alert(7)><script>alert(8)</script>`
		b.open("/search?q=" + url.QueryEscape(evil) + "&tag=" + url.QueryEscape(evil))
		if n := eval[int](b, `document.querySelectorAll("img, script:not([src])").length`); n != 0 {
			t.Errorf("%d img or inline script elements", n)
		}
		time.Sleep(200 * time.Millisecond) // time for an onerror that must not exist
	})

	t.Run("Phone360", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
		b.open("/search?q=market&source=Copper+Valley+Times&tag=markets")
		if w := eval[int](b, `window.innerWidth`); w != 360 {
			t.Fatalf("viewport %d px wide", w)
		}
		if sw := eval[int](b, `document.documentElement.scrollWidth`); sw > 360 {
			t.Errorf("horizontal scroll: scrollWidth %d", sw)
		}
		// Filters start folded on a phone; opened, they still fit.
		if eval[bool](b, `document.querySelector("details.filters").open`) {
			t.Error("filters are open on a phone")
		}
		b.do(chromedp.Click(chromedp.CSS("details.filters summary")))
		if sw := eval[int](b, `document.documentElement.scrollWidth`); sw > 360 {
			t.Errorf("horizontal scroll with the filters open: scrollWidth %d", sw)
		}
		b.open("/search?q=" + url.QueryEscape(strings.Repeat("Supercalifragilistic", 8)))
		if sw := eval[int](b, `document.documentElement.scrollWidth`); sw > 360 {
			t.Errorf("horizontal scroll with a long word: scrollWidth %d", sw)
		}
	})

	t.Run("AlsoInExpands", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.open("/search?q=caldera+petroleum+platform")
		if !eval[bool](b, `!!document.querySelector("details.also")`) {
			t.Fatal("no also-in list under the syndicated story")
		}
		if eval[bool](b, `document.querySelector("details.also").open`) ||
			eval[bool](b, `document.querySelector("details.also ul").checkVisibility()`) {
			t.Error("the copies are listed before the reader asks")
		}
		b.do(chromedp.Click(chromedp.CSS("details.also summary")))
		if !eval[bool](b, `document.querySelector("details.also").open`) ||
			!eval[bool](b, `document.querySelector("details.also ul").checkVisibility()`) {
			t.Error("clicking the summary does not show the copies")
		}
		if n := eval[int](b, `document.querySelectorAll("details.also li").length`); n == 0 {
			t.Error("the opened list is empty")
		}
	})

	t.Run("ResultWithoutURLOpensArticle", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
		b.open("/search?q=volunteers+mapped+burrows")
		sel := `ol.hits h2 a[href^="/article/page-wombat"]`
		if !eval[bool](b, `!!document.querySelector('`+sel+`')`) {
			t.Fatalf("no result links to the url-less article's page: %q", b.titles())
		}
		b.do(chromedp.Click(chromedp.CSS(sel)))
		b.waitFor(`location.pathname.startsWith("/article/page-wombat")`)
		b.waitFor(`!!document.querySelector("main h1")`)
		if h1 := eval[string](b, `document.querySelector("main h1").textContent`); !strings.HasPrefix(h1, "Wombat burrows mapped") {
			t.Errorf("article page h1 %q", h1)
		}
		if n := eval[int](b, `document.querySelectorAll("div.text p").length`); n != 2 {
			t.Errorf("%d paragraphs shown", n)
		}
		if n := eval[int](b, `document.querySelectorAll("img, script:not([src])").length`); n != 0 {
			t.Errorf("%d img or inline script elements on the article page", n)
		}
		if sw := eval[int](b, `document.documentElement.scrollWidth`); sw > 360 {
			t.Errorf("article page scrolls sideways on a phone: scrollWidth %d", sw)
		}
		// The story's other copy opens in turn.
		first := eval[string](b, `location.pathname`)
		b.do(chromedp.Click(chromedp.CSS(`section.story a`)))
		b.waitFor(fmt.Sprintf(`location.pathname.startsWith("/article/page-wombat") && location.pathname !== %q && document.readyState === "complete"`, first))
		if h := eval[string](b, `document.querySelector("section.story h2").textContent`); h == "" {
			t.Error("the copy's page has no story section")
		}
	})

	t.Run("DarkScheme", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
			t.Fatal(err)
		}
		b.open("/search?q=quokka")
		if bg := eval[string](b, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(15, 20, 25)" {
			t.Errorf("dark background %q", bg)
		}
	})

	t.Run("WithoutJavaScript", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		b.open("/search?q=quokka")
		if eval[string](b, `document.getElementById("q").getAttribute("role") || "none"`) != "none" {
			t.Fatal("scripts ran")
		}
		// A checkbox needs the Apply button; the URL then has every field.
		b.do(chromedp.Click(chromedp.CSS(`input[name=source][value="Copper Valley Times"]`)), chromedp.Click(chromedp.CSS("button.apply")))
		b.waitURL("/search?q=quokka&from=&to=&source=Copper+Valley+Times")
		if got := b.countLine(); !strings.HasPrefix(got, "2 stories (") {
			t.Errorf("count %q", got)
		}
	})

	t.Run("Screenshot", func(t *testing.T) {
		b := newTab(t, browser, ts.URL)
		b.do(chromedp.EmulateViewport(1280, 860))
		b.open("/search?q=central+bank&tag=crypto")
		// Show one story's other sources.
		eval[bool](b, `(() => { const d = document.querySelector("details.also"); if (d) d.open = true; return !!d })()`)
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "screenshot-search.png")
		if os.Getenv("SYNDEX_SCREENSHOT") == "1" {
			out = filepath.Join("..", "docs", "screenshot-search.png")
		}
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d bytes)", out, len(png))
	})
}
