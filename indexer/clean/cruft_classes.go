package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Classes of syndication cruft recognised by shape rather than by exact
// wording, in English, German, French, Spanish, Italian and Portuguese:
// calls to read on, truncation markers, advertisement markers, newsletter
// and subscribe prompts, share bars, republication notices and photo
// credits. Each pattern matches a whole short line, and each is anchored on
// words a story sentence does not open with in that shape, so a line of
// the story's own text is kept (cruft_classes_test.go holds both sides).

// maxCruftClassLine bounds the lines the class patterns look at: cruft is
// short; a long line is story text whatever it starts with.
const maxCruftClassLine = 240

var cruftClassRes = []*regexp.Regexp{
	// Read on: "Read more", "Continue reading at Example", "Lire la suite »",
	// "Weiterlesen auf example.de", "Leia mais: …", "Story continues below".
	regexp.MustCompile(`(?i)^(?:read (?:more|on|the (?:full|rest of the|original) (?:story|article|post))|continue reading|keep reading|click here to (?:read|continue)|(?:the )?story continues(?: below)?|full (?:story|article)|` +
		`weiterlesen|mehr lesen|lesen sie (?:mehr|weiter)|zum (?:vollständigen )?artikel|mehr dazu|` +
		`lire (?:la suite|plus|l'article)|la suite de l'article|en savoir plus|` +
		`leer (?:más|el artículo completo)|seguir leyendo|sigue leyendo|continuar leyendo|` +
		`leggi (?:tutto|di più|anche|l'articolo(?: completo)?)|continua a leggere|` +
		`leia (?:mais|também|a matéria completa)|continue lendo|continuar lendo|saiba mais)` +
		`(?:\s*(?:»|›|→|>>|…|\.\.\.|!))?(?:\s+(?:here|hier|ici|aquí|qui|aqui))?` +
		`(?:\s*[:\-–—»→|]\s*.{0,80}|\s+(?:at|on|in|about|auf|bei|über|sur|en|su|em|no|na|via)\s+[\pL\pN.\-']+(?:\s[\pL\pN.\-']+){0,5})?\s*[.»›→…]*$`),
	// A truncation marker alone on its line: "[…]", "(more…)", "[...]".
	regexp.MustCompile(`^(?:\[(?:…|\.\.\.|&hellip;)\]|\((?:more|mehr|plus|más|altro|mais)\s?(?:…|\.\.\.)\)|…|\.\.\.)$`),
	// Advertisement markers.
	regexp.MustCompile(`(?i)^(?:advertisement|advertising|ad|sponsored(?: content| post)?|paid (?:content|post|partnership)|promoted|` +
		`anzeige|werbung|gesponsert|publicité|contenu sponsorisé|publicidad|anuncio|contenido patrocinado|` +
		`pubblicità|contenuto sponsorizzato|publicidade|conteúdo patrocinado|` +
		`(?:the )?(?:article|story) continues (?:below|after) (?:this )?(?:advertisement|ad)|story continues below advertisement|` +
		`(?:der )?artikel wird (?:nach|unter) der (?:anzeige|werbung) fortgesetzt)\s*[:.\-–]*$`),
	// Newsletter and subscribe prompts.
	regexp.MustCompile(`(?i)^(?:(?:sign up|subscribe|register)(?: now| today| here| for free)?(?: to| for)? (?:our|the|my)? ?.{0,50}newsletters?|` +
		`(?:get|receive) (?:our|the) .{0,40}newsletter|subscribe (?:now|today|here|to (?:our|the) .{0,40})|` +
		`(?:jetzt )?(?:(?:kostenlos|gratis) )?(?:den |unseren )?newsletter (?:abonnieren|bestellen)|(?:jetzt )?(?:kostenlos )?abonnieren|melden sie sich (?:jetzt )?für (?:unseren|den) newsletter an|` +
		`abonnez-vous(?: à (?:notre|la) .{0,40})?|inscrivez-vous à (?:notre|la) newsletter|recevez (?:notre|la) newsletter|` +
		`suscr[ií]b[ae]se(?: a (?:nuestro|nuestra|el|la) .{0,40})?|suscríbete(?: a (?:nuestro|nuestra|el|la) .{0,40})?|` +
		`iscriviti(?: alla (?:nostra )?newsletter| al (?:nostro )?.{0,40})?|` +
		`assine(?: a)? (?:nossa )?newsletter|inscreva-se(?: na (?:nossa )?newsletter)?|assine já)(?:[\s.:,;!»…]|$).{0,80}$`),
	// Republication notices: "This article was originally published on …",
	// "Republished with permission from …", "Dieser Artikel erschien zuerst
	// bei …", "Cet article a été publié initialement sur …".
	regexp.MustCompile(`(?i)^(?:this (?:article|story|post|piece) (?:was|is|has been) (?:originally |first )?(?:published|republished|posted|appeared|reproduced)|` +
		`(?:originally|first) (?:published|posted|appeared) (?:at|on|in|by)|republished (?:with permission )?(?:from|by|courtesy of)|reprinted (?:with permission )?(?:from|by)|` +
		`(?:dieser|der) (?:artikel|beitrag|text) (?:erschien|ist) (?:zuerst|ursprünglich|erstmals)|zuerst (?:erschienen|veröffentlicht) (?:auf|bei|in)|` +
		`cet article (?:a (?:d'abord |initialement )?été|est) (?:publié|paru)|(?:publié|paru) initialement|article (?:publié|paru) (?:initialement|d'abord)|` +
		`este artículo (?:fue|se) (?:publicado|publicó)|publicado originalmente|artículo publicado originalmente|` +
		`questo articolo è (?:stato )?(?:pubblicato|apparso)|pubblicato originariamente|articolo pubblicato (?:originariamente|per la prima volta)|` +
		`este artigo foi (?:originalmente )?publicado|publicado originalmente|artigo publicado originalmente)(?:[\s.:,;!»…]|$).{0,200}$`),
	// Photo credits: "Photo: Jane Doe/Reuters", "(Photo by X/Getty Images)",
	// "Foto: dpa", "Crédit photo : AFP", "Imagen: EFE", "© AFP".
	regexp.MustCompile(`(?i)^\(?(?:photos?|pictures?|images?|fotos?|bild(?:er)?|bildquelle|imagen(?:es)?|immagin[ei]|crédits? photos?|photo credits?|image credits?|credits?|header image|featured image|titelbild|foto de portada|foto di copertina)` +
		`(?: by| de| di| von| du| da)?\s*(?:[:©]|by\b|credit\b)\s*\S.{0,100}$`),
	regexp.MustCompile(`^\(?©\s*(?:\d{4}\s+)?\S.{0,80}$`),
}

// shareNetworks are the networks share bars list.
var shareNetworks = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "linkedin": true, "whatsapp": true, "telegram": true,
	"pinterest": true, "reddit": true, "email": true, "e-mail": true, "mail": true, "flipboard": true,
	"threads": true, "bluesky": true, "mastodon": true, "xing": true, "messenger": true, "tumblr": true,
	"print": true, "sms": true, "copy": true, "link": true,
}

// shareWords may stand beside the networks in a share bar.
var shareWords = map[string]bool{
	"share": true, "this": true, "article": true, "on": true, "via": true, "or": true, "and": true, "by": true,
	"teilen": true, "artikel": true, "auf": true, "per": true, "partager": true, "sur": true, "par": true,
	"compartir": true, "en": true, "condividi": true, "su": true, "compartilhar": true, "compartilhe": true, "no": true,
	"tweet": true, "post": true, "send": true, "senden": true, "envoyer": true, "enviar": true, "invia": true,
	"the": true, "story": true, "dieser": true, "diesen": true, "cet": true, "este": true, "questo": true, "esta": true,
}

// shareVerbs are the words a share bar starts with when it does not start
// with a network; only lines starting with one of them or a network are
// split into words by isShareBar.
var shareVerbs = map[string]bool{
	"share": true, "teilen": true, "partager": true, "compartir": true, "condividi": true,
	"compartilhar": true, "compartilhe": true, "tweet": true,
}

// isShareBar reports whether a short line lists at least two share
// networks and nothing else but share words ("Share: Facebook Twitter
// WhatsApp E-Mail", "Partager sur Facebook · Twitter").
func isShareBar(ln string) bool {
	if len(ln) > 200 {
		return false
	}
	networks := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(ln), func(r rune) bool {
		return r == ' ' || r == '|' || r == '·' || r == '•' || r == ',' || r == '/' || r == ':' || r == '\t'
	}) {
		w = strings.Trim(w, ".!()[]")
		switch {
		case w == "":
		case shareNetworks[w]:
			networks++
		case !shareWords[w]:
			return false
		}
	}
	return networks >= 2
}

// cruftFirstWords are the first words (lower-cased) of the lines the class
// patterns can match. Every line of every article is checked, and running
// the patterns on each costs about 6× the rest of reading and cleaning
// (measured: 47k → 7k articles/s), so a line whose first word is not here,
// which is almost every line of story text, is settled by one map lookup.
// TestCruftClasses fails when a pattern's line starts with a word missing
// here.
var cruftFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`read continue keep click story full weiterlesen mehr lesen zum lire la en leer seguir sigue continuar
		leggi continua leia saiba advertisement advertising ad sponsored paid promoted anzeige werbung gesponsert publicité contenu
		publicidad anuncio contenido pubblicità contenuto publicidade conteúdo article der artikel sign subscribe register get receive
		jetzt kostenlos gratis den unseren newsletter abonnieren melden abonnez inscrivez recevez suscríbase suscribase suscríbete
		iscriviti assine inscreva this originally first republished reprinted dieser zuerst cet publié paru este publicado artículo
		questo pubblicato articolo artigo photo photos picture pictures image images foto fotos bild bilder bildquelle imagen imagenes
		immagine immagini crédit crédits credit credits header featured titelbild more mehr plus más altro mais`) {
		m[w] = true
	}
	return m
}()

// firstWord returns the first run of letters of ln, lower-cased into buf,
// after any leading space and "(". It does not allocate.
func firstWord(ln string, buf []byte) []byte {
	ln = strings.TrimLeft(ln, " (")
	for _, r := range ln {
		if !unicode.IsLetter(r) {
			break
		}
		if len(buf)+utf8.UTFMax > cap(buf) {
			break
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// isCruftClassLine reports whether a short line belongs to one of the
// cruft classes above.
func isCruftClassLine(ln string) bool {
	if len(ln) > maxCruftClassLine || ln == "" {
		return false
	}
	var arr [32]byte
	w := firstWord(ln, arr[:0])
	if string(w) == "the" && len(ln) > 4 { // "The story continues below": look at "story"
		w = firstWord(ln[4:], arr[:0])
	}
	switch {
	case len(w) == 0:
		// Only the truncation markers and "© …" start without a letter.
		rest := strings.TrimLeft(ln, " (")
		if rest == "" {
			return false // only spaces and parentheses (found by FuzzReadHTMLPage)
		}
		if c := rest[0]; c != '[' && c != '.' && c != '\xe2' && c != '\xc2' {
			return false // "…" is E2 80 A6, "©" is C2 A9
		}
	case shareNetworks[string(w)] || shareVerbs[string(w)]:
		if isShareBar(ln) {
			return true
		}
		if !cruftFirstWords[string(w)] {
			return false
		}
	case !cruftFirstWords[string(w)]:
		return false
	}
	for _, re := range cruftClassRes {
		if re.MatchString(ln) {
			return true
		}
	}
	return false
}

// riskNoticeRe finds the clauses of investment-risk and legal notices in
// the six languages; isDisclaimer removes a short paragraph holding one.
var riskNoticeRe = regexp.MustCompile(`(?i)(?:(?:is|are|does) not (?:intended as |to be construed as |constitute )?(?:financial|investment|trading|legal) advice|not (?:financial|investment) advice|` +
	`past performance is not (?:a reliable )?indicat|trading (?:cryptocurrenc\w+|cfds?|forex) (?:involves|carries)|` +
	`keine anlageberatung|stellt keine (?:anlage|finanz)beratung dar|keine aufforderung zum kauf|` +
	`ne constitue (?:pas|en aucun cas) un conseil|ne constitue pas une recommandation|` +
	`no constituye (?:un |una )?(?:asesoramiento|consejo|recomendación)|` +
	`non costituisce (?:una |un )?(?:consulenza|consiglio|sollecitazione)|` +
	`não constitui (?:uma |um )?(?:recomendação|aconselhamento|conselho))`)

// disclaimerHeadRe matches a paragraph that announces itself as a notice.
var disclaimerHeadRe = regexp.MustCompile(`(?i)^(?:haftungsausschluss|risikohinweis|rechtlicher hinweis|avertissement|clause de non-responsabilité|avis de non-responsabilité|` +
	`aviso legal|descargo de responsabilidad|advertencia|esclusione di responsabilità|avvertenza|dichiarazione di non responsabilità|` +
	`aviso de isenção de responsabilidade|isenção de responsabilidade|aviso)\s*[:.\-–]`)

// maxNoticeParagraph bounds the paragraphs taken for a risk notice: a
// longer one is an article about the subject.
const maxNoticeParagraph = 700

// isMultilingualNotice reports whether a paragraph is a legal or risk
// notice in one of the six languages.
func isMultilingualNotice(p string) bool {
	if len(p) > maxNoticeParagraph {
		return false
	}
	var arr [32]byte
	if noticeHeads[string(firstWord(p, arr[:0]))] && disclaimerHeadRe.MatchString(p) {
		return true
	}
	return mayBeRiskNotice(p) && riskNoticeRe.MatchString(p)
}

// noticeHeads are the first words disclaimerHeadRe can match, so that
// other paragraphs skip it.
var noticeHeads = map[string]bool{
	"haftungsausschluss": true, "risikohinweis": true, "rechtlicher": true, "avertissement": true, "clause": true,
	"avis": true, "aviso": true, "descargo": true, "advertencia": true, "esclusione": true, "avvertenza": true,
	"dichiarazione": true, "isenção": true,
}

// riskNoticeKeys are fragments one of which every riskNoticeRe clause
// holds, in the case it is written in. riskNoticeRe is unanchored and
// case-folded, so scanning every paragraph with it made reading and
// cleaning 6× slower; a paragraph with none of these skips it.
var riskNoticeKeys = []string{"onstitu", "ostituisce", "al advice", "nt advice", "ng advice", "ADVICE", "erformance is not",
	"involves", "carries", "eratung", "ufforderung"}

// mayBeRiskNotice reports whether p holds one of riskNoticeKeys.
func mayBeRiskNotice(p string) bool {
	for _, k := range riskNoticeKeys {
		if strings.Contains(p, k) {
			return true
		}
	}
	return false
}
