package lang

// Exported for the tests of package lang_test.
var (
	QuickDetect  = quickDetect
	DetectLingua = detectLingua
)
