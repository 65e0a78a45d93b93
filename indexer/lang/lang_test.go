package lang

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"de", "de"}, {"DE", "de"}, {" de-DE ", "de"}, {"pt_BR", "pt"}, {"zh-Hans-CN", "zh"},
		{"en-US", "en"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"}, {"German", "de"},
		{"portuguese", "pt"}, {"iw", "he"}, {"in", "id"}, {"nb", "no"}, {"nn-NO", "no"}, {"no", "no"}, {"Norwegian", "no"},
		{"kn", "kn"}, {"ne", "ne"}, {"de,en", "de"},
		{"", ""}, {"x", ""}, {"xx", ""}, {"xx-nonsense", ""}, {"17", ""}, {"en!", ""},
		{"english (us)", ""}, {"Klingon", ""}, {strings.Repeat("a", 300), ""}, {"\xff\xfe", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Texts of a few sentences each, written for this test.
var samples = map[string]string{
	"en": "The city council approved the plans on Monday after a long debate about housing and transport.",
	"de": "Der Stadtrat hat die Pläne am Montag nach einer langen Debatte über Wohnungen und Verkehr gebilligt.",
	"fr": "Le conseil municipal a approuvé les projets lundi après un long débat sur le logement et les transports.",
	"es": "El ayuntamiento aprobó los planes el lunes tras un largo debate sobre la vivienda y el transporte.",
	"it": "Il consiglio comunale ha approvato i progetti lunedì dopo un lungo dibattito sulla casa e sui trasporti.",
	"pt": "A câmara municipal aprovou os planos na segunda-feira após um longo debate sobre habitação e transportes.",
	"nl": "De gemeenteraad heeft de plannen maandag goedgekeurd na een lang debat over wonen en vervoer.",
	"sv": "Kommunfullmäktige godkände planerna på måndagen efter en lång debatt om bostäder och trafik.",
	"pl": "Rada miasta zatwierdziła plany w poniedziałek po długiej debacie o mieszkaniach i transporcie.",
	"sk": "Mestské zastupiteľstvo v pondelok schválilo plány po dlhej diskusii o bývaní a doprave.",
	"cs": "Městské zastupitelstvo v pondělí schválilo plány po dlouhé debatě o bydlení a dopravě.",
	"ru": "Городской совет в понедельник одобрил планы после долгих дебатов о жилье и транспорте.",
	"zh": "市议会周一在关于住房和交通的长时间辩论后批准了这些计划。",
	"ja": "市議会は月曜日、住宅と交通に関する長い議論の末に計画を承認しました。",
	"ko": "시의회는 월요일 주택과 교통에 관한 긴 토론 끝에 계획을 승인했습니다.",
	"ar": "وافق مجلس المدينة على الخطط يوم الاثنين بعد نقاش طويل حول الإسكان والنقل.",
	"el": "Το δημοτικό συμβούλιο ενέκρινε τα σχέδια τη Δευτέρα μετά από μακρά συζήτηση για τη στέγαση.",
	"tr": "Belediye meclisi konut ve ulaşım üzerine uzun bir tartışmanın ardından pazartesi günü planları onayladı.",
}

func TestDetect(t *testing.T) {
	for want, text := range samples {
		if got := Detect(text); got != want {
			t.Errorf("Detect(%s sample) = %q", want, got)
		}
	}
	for _, text := range []string{"", "   ", "12:30 — 4-2", "OK"} {
		if got := Detect(text); got != "" {
			t.Errorf("Detect(%q) = %q, want \"\" (nothing to tell)", text, got)
		}
	}
}

func TestOf(t *testing.T) {
	tests := []struct {
		name, declared, title, body, want string
	}{
		{"declared kept", "de-AT", "Titel", samples["de"], "de"},
		// Same script: the declaration is trusted (detection is not run).
		{"declared, same script", "en", "", samples["de"], "en"},
		{"CMS default on Chinese text", "en-US", "", samples["zh"], "zh"},
		{"Latin declared on Cyrillic text", "fr", "", samples["ru"], "ru"},
		{"Chinese declared on English text", "zh-CN", "", samples["en"], "en"},
		{"none declared", "", samples["it"], "", "it"},
		{"nonsense declared", "xx-nonsense", "", samples["es"], "es"},
		{"a number declared", "17", "", samples["pt"], "pt"},
		{"nothing to tell, declared kept", "sk", "", "", "sk"},
		{"nothing to tell, nothing declared", "", "2024", "", ""},
	}
	for _, tt := range tests {
		if got := Of(tt.declared, tt.title, tt.body); got != tt.want {
			t.Errorf("%s: Of(%q, …) = %q, want %q", tt.name, tt.declared, got, tt.want)
		}
	}
}

func TestSample(t *testing.T) {
	long := strings.Repeat("é", 1000)
	s := Sample("Titel", long)
	if len(s) > sampleBytes || !utf8.ValidString(s) || !strings.HasPrefix(s, "Titel\n") {
		t.Errorf("Sample = %d bytes, valid %v, %q…", len(s), utf8.ValidString(s), s[:12])
	}
}

func TestSlots(t *testing.T) {
	names := map[string]bool{}
	for i, a := range Analyzers() {
		if names[a.Name] {
			t.Errorf("analyzer %s twice", a.Name)
		}
		names[a.Name] = true
		for _, l := range a.Langs {
			if Slot(l) != i {
				t.Errorf("Slot(%s) = %d, want %d", l, Slot(l), i)
			}
		}
	}
	for code, want := range map[string]int{"": DefaultSlot, "en": DefaultSlot, "sk": PlainSlot, "zh": Slot("ja"), "de": Slot("de")} {
		if got := Slot(code); got != want {
			t.Errorf("Slot(%q) = %d, want %d", code, got, want)
		}
	}
	name := func(code string) string { return Analyzers()[Slot(code)].Name }
	if name("de") != "syndex_de" || name("ko") != "syndex_cjk" || name("") != "syndex_en" {
		t.Errorf("analyzers: de %s, ko %s, none %s", name("de"), name("ko"), name(""))
	}
}

// FuzzOf checks that any declaration and text give a normalized code or
// "", without panicking.
func FuzzOf(f *testing.F) {
	f.Add("en-US", "Title", samples["zh"])
	f.Add("xx", "", samples["de"])
	f.Add("German", "\xff", "")
	f.Fuzz(func(t *testing.T, declared, title, body string) {
		got := Of(declared, title, body)
		if got == "" {
			return
		}
		if Normalize(got) != got || len(got) < 2 || len(got) > 3 {
			t.Fatalf("Of(%q, %q, %q) = %q: not a normalized code", declared, title, body, got)
		}
	})
}

// TestQuickDetectNeverGuesses: on the one-sentence samples of every
// language, the quick path answers with the right language or leaves the
// text to lingua; so does it on texts that mix languages or are mostly
// numbers.
func TestQuickDetectNeverGuesses(t *testing.T) {
	for want, text := range samples {
		if got, ok := quickDetect(text); ok && got != want {
			t.Errorf("quickDetect(%s sample) = %q", want, got)
		}
	}
	long := map[string]string{
		"en": "The council approved the plans on Monday after a long debate about housing and transport, and the mayor said that it would be the first of its kind.",
		"de": "Der Stadtrat hat die Pläne am Montag nach einer langen Debatte über Wohnen und Verkehr gebilligt, und der Bürgermeister sagte, dass es nicht die letzte sei.",
		"fr": "Le conseil municipal a approuvé les plans lundi après un long débat sur le logement et les transports, et le maire a dit qu'il est pour une nouvelle étape dans la ville.",
		"es": "El ayuntamiento aprobó los planes el lunes tras un largo debate sobre la vivienda y el transporte, pero el alcalde dijo que fue muy difícil y que también hay más trabajo.",
		"it": "Il consiglio comunale ha approvato i piani lunedì dopo un lungo dibattito sulla casa e sui trasporti, e il sindaco ha detto che non è stato facile e che sono anche necessari altri passi.",
		"pt": "A câmara municipal aprovou os planos na segunda-feira após um longo debate sobre habitação e transportes, e o presidente disse que não foi fácil e que ainda há muito a fazer pelos moradores.",
		"nl": "De gemeenteraad heeft de plannen maandag na een lang debat over wonen en vervoer goedgekeurd, maar de burgemeester zei dat het niet eenvoudig was en dat er ook nog werk is.",
	}
	for want, text := range long {
		if got, ok := quickDetect(text); !ok || got != want {
			t.Errorf("quickDetect(%s paragraph) = %q, %v; want %q", want, got, ok, want)
		}
	}
	for _, text := range []string{
		"",
		"CBT OPG TRENDS 7-APR OPEN P SETT MAY7 499 1/2L 499 3/4H JUL7 500L 500 1/4H",
		// Half English, half German: neither clearly ahead.
		"The council said that it has approved the plans. Der Stadtrat hat die Pläne nicht gebilligt, sagte der Bürgermeister auch.",
		// Danish, which shares words with English and German.
		"Byrådet godkendte mandag planerne efter en lang debat om boliger og transport, og borgmesteren sagde, at det ikke var let for kommunen.",
	} {
		if got, ok := quickDetect(text); ok {
			t.Errorf("quickDetect(%q) = %q; want lingua to decide", text, got)
		}
	}
}

func TestFoldLatin(t *testing.T) {
	for in, want := range map[string]string{
		"cafe": "cafe", "café": "cafe", "gdańsk": "gdansk", "zürich": "zurich", "straße": "strasse", "erdoğan": "erdogan",
		"łódź": "lodz", "øresund": "oresund", "æther": "aether", "nguyễn": "nguyen", "señor": "senor", "crème brûlée": "creme brulee",
		"москва": "москва", "йод": "йод", "北京": "北京", "ελλάδα": "ελλάδα", "cafe\u0301": "cafe", "и\u0306": "и\u0306", "": "",
	} {
		got, changed := FoldLatin([]byte(in))
		if string(got) != want || changed != (in != want) {
			t.Errorf("FoldLatin(%q) = %q, %v; want %q", in, got, changed, want)
		}
	}
	// A term it does not change is returned as it is, not copied.
	b := []byte("plain")
	if got, _ := FoldLatin(b); &got[0] != &b[0] {
		t.Error("an ASCII term was copied")
	}
}
