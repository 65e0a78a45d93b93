package lang

// Exported for the tests of package lang_test.
var (
	QuickDetect  = quickDetect
	DetectLingua = detectLingua
)

// QuickStats is quickDetect's evidence, for tuning.
func QuickStats(text string) (best string, hits, second, words int) {
	var h = map[string]int{}
	for w := range latinWords(text) {
		if len(w) == 1 {
			continue
		}
		words++
		for _, l := range quickIndex[w] {
			h[l]++
		}
	}
	for l, n := range h {
		if n > hits || (n == hits && l < best) {
			if best != "" {
				second = max(second, hits)
			}
			best, hits = l, n
		} else {
			second = max(second, n)
		}
	}
	return
}
