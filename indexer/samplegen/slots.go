package samplegen

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/samplegen/sampledata"
)

// Template slots: expanding {slot} placeholders with names, numbers, money
// and dates drawn from the vocabulary in package sampledata, consistently
// within one story.

// ctx fills template slots for one story; the lookup order is described in
// the sampledata package comment.
type ctx struct {
	g     *gen
	t     *sampledata.Topic // nil for foreign articles
	a     *sampledata.Angle // may be nil
	pub   *publisher
	date  time.Time
	vals  map[string]string
	raw   map[string][]string // list picks per base slot name
	names map[string]bool
	// fresh makes numeric slots draw a new value on every use; before it is
	// set (title and lead) they are cached so the two agree.
	fresh bool
}

func newCtx(g *gen, t *sampledata.Topic, p *publisher, date time.Time) *ctx {
	return &ctx{g: g, t: t, pub: p, date: date, vals: map[string]string{}, raw: map[string][]string{}, names: map[string]bool{}}
}

func (c *ctx) expand(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			panic("samplegen: unclosed slot in " + tmpl)
		}
		b.WriteString(tmpl[:i])
		v := c.slot(tmpl[i+1 : i+j])
		b.WriteString(v)
		tmpl = tmpl[i+j+1:]
		if strings.HasSuffix(v, "s") && strings.HasPrefix(tmpl, "'s ") {
			tmpl = tmpl[2:] // "Skyloom Labs' pricing", not "Labs's"
		}
	}
}

func baseName(name string) string {
	return strings.TrimRight(name, "0123456789")
}

func (c *ctx) slot(name string) string {
	if fn := numSlot(name); fn != nil {
		if v, ok := c.vals[name]; ok && !c.fresh {
			return v
		}
		v := fn(c.g.r)
		if !c.fresh {
			c.vals[name] = v
		}
		return v
	}
	if baseName(name) == "firm" {
		return c.compute(name) // a different firm each time it is cited
	}
	if v, ok := c.vals[name]; ok {
		return v
	}
	v := c.compute(name)
	c.vals[name] = v
	return v
}

func numSlot(name string) func(*rand.Rand) string {
	if fn, ok := numSlots[name]; ok {
		return fn
	}
	return numSlots[baseName(name)]
}

var (
	weekdaysDE = []string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	weekdaysFR = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	monthsDE   = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
	quarters   = []string{"first", "second", "third", "fourth"}
)

func (c *ctx) compute(name string) string {
	r := c.g.r
	d := c.date
	switch name {
	case "weekday":
		return d.Weekday().String()
	case "weekday2":
		for {
			w := time.Weekday(r.IntN(7))
			if w != d.Weekday() {
				return w.String()
			}
		}
	case "month":
		return d.Month().String()
	case "prevmonth":
		return d.AddDate(0, 0, -d.Day()).Month().String()
	case "nextmonth":
		return time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, time.UTC).Month().String()
	case "nextyear":
		return strconv.Itoa(d.Year() + 1)
	case "prevyear":
		return strconv.Itoa(d.Year() - 1)
	case "quarter":
		return quarters[((int(d.Month())-1)/3+1)%4]
	case "season":
		return [...]string{"winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn", "autumn", "winter"}[d.Month()-1]
	case "wochentag":
		return weekdaysDE[d.Weekday()]
	case "jour":
		return weekdaysFR[d.Weekday()]
	case "monatde":
		return monthsDE[d.AddDate(0, 0, -d.Day()).Month()-1]
	case "naechstermonat":
		return monthsDE[d.Month()%12]
	}
	switch baseName(name) {
	case "person", "candidate", "athlete":
		for {
			first, last := pick(r, sampledata.FirstNames), pick(r, sampledata.LastNames)
			if !c.names[first] && !c.names[last] {
				c.names[first], c.names[last] = true, true
				return first + " " + last
			}
		}
	}
	base := baseName(name)
	list, ok := c.list(name)
	if !ok {
		list, ok = c.list(base)
	}
	if !ok {
		panic("samplegen: unknown slot {" + name + "}")
	}
	if base == "city" && len(c.pub.local) > 0 && r.IntN(20) < 11 {
		list = c.pub.local
	}
	var v string
	for tries := 0; ; tries++ {
		v = pick(r, list)
		if !slices.Contains(c.raw[base], v) || tries > 50 {
			break
		}
	}
	c.raw[base] = append(c.raw[base], v)
	return c.expand(v)
}

func (c *ctx) list(name string) ([]string, bool) {
	if c.a != nil {
		if l, ok := c.a.Slots[name]; ok {
			return l, true
		}
	}
	if c.t != nil {
		if l, ok := c.t.Slots[name]; ok {
			return l, true
		}
	}
	if l, ok := sampledata.ForeignSlots[name]; ok {
		return l, true
	}
	l, ok := sampledata.GlobalSlots[name]
	return l, ok
}

// numSlots generate numbers, formatted as a newspaper would print them.
var numSlots = map[string]func(*rand.Rand) string{
	"pct":        func(r *rand.Rand) string { return decimal(r, 0.6, 14.8, 1) + "%" },
	"smallpct":   func(r *rand.Rand) string { return decimal(r, 0.1, 0.9, 1) + "%" },
	"money":      money,
	"smallmoney": func(r *rand.Rand) string { return "$" + trimZero(decimal(r, 1.2, 96, 1)) + " million" },
	"billions":   func(r *rand.Rand) string { return "$" + trimZero(decimal(r, 2.1, 48, 1)) + " billion" },
	"count":      func(r *rand.Rand) string { return commas(between(r, 1200, 48000)) },
	"smallcount": func(r *rand.Rand) string { return strconv.Itoa(between(r, 12, 950)) },
	"jobcuts":    func(r *rand.Rand) string { return commas(between(r, 15, 480) * 10) },
	"layoffpct":  func(r *rand.Rand) string { return decimal(r, 3, 18, 0) + "%" },
	"homes":      func(r *rand.Rand) string { return commas(between(r, 12, 90) * 50) },
	"n": func(r *rand.Rand) string {
		return pick(r, []string{"two", "three", "four", "five", "six", "seven", "eight", "nine"})
	},
	"ordinal": func(r *rand.Rand) string {
		return pick(r, []string{"second", "third", "fourth", "fifth", "sixth", "seventh"})
	},
	"price":     func(r *rand.Rand) string { return decimal(r, 12, 480, 2) },
	"eps":       func(r *rand.Rand) string { return decimal(r, 0.4, 6.9, 2) },
	"yield":     func(r *rand.Rand) string { return decimal(r, 3.1, 5.2, 2) + "%" },
	"goldprice": func(r *rand.Rand) string { return commas(between(r, 2850, 3650)) },
	"btcprice":  func(r *rand.Rand) string { return commas(between(r, 58, 132) * 1000) },
	"btcround":  func(r *rand.Rand) string { return commas(between(r, 6, 14) * 10000) },
	"ethprice":  func(r *rand.Rand) string { return commas(between(r, 1900, 5200)) },
	"tn":        func(r *rand.Rand) string { return decimal(r, 1.8, 4.9, 1) },
	"btccount":  func(r *rand.Rand) string { return commas(between(r, 1200, 48000)) },
	"hash":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 580, 1100)) },
	"stable":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 180, 320)) },
	"gwei":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 1, 12)) },
	"oilprice":  func(r *rand.Rand) string { return decimal(r, 58, 92, 2) },
	"barrels":   func(r *rand.Rand) string { return commas(between(r, 40, 450) * 1000) },
	"barrels2":  func(r *rand.Rand) string { return decimal(r, 1.1, 7.9, 1) },
	"mbd":       func(r *rand.Rand) string { return decimal(r, 1.5, 5.9, 1) },
	"storage":   func(r *rand.Rand) string { return strconv.Itoa(between(r, 60, 95)) },
	"boe":       func(r *rand.Rand) string { return commas(between(r, 120, 1400) * 1000) },
	"moe":       func(r *rand.Rand) string { return decimal(r, 2.5, 4.5, 1) },
	"turnout":   func(r *rand.Rand) string { return strconv.Itoa(between(r, 38, 72)) },
	"temp":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 36, 46)) },
	"anom":      func(r *rand.Rand) string { return decimal(r, 1.2, 1.7, 2) },
	"score":     func(r *rand.Rand) string { return pick(r, []string{"2-1", "3-0", "1-0", "4-2", "3-2", "2-0", "3-1"}) },
	"crowd":     func(r *rand.Rand) string { return commas(between(r, 80, 720) * 100) },
	"goals":     func(r *rand.Rand) string { return strconv.Itoa(between(r, 8, 31)) },
	"minute":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 48, 89)) },
	"mw":        func(r *rand.Rand) string { return commas(between(r, 15, 120) * 10) },
	"cvss":      func(r *rand.Rand) string { return decimal(r, 7.5, 9.9, 1) },
	"cov":       func(r *rand.Rand) string { return strconv.Itoa(between(r, 81, 93)) },
	"drugprice": func(r *rand.Rand) string { return commas(between(r, 45, 140) * 10) },
	"depth":     func(r *rand.Rand) string { return commas(between(r, 12, 60) * 100) },
	"tariffpct": func(r *rand.Rand) string { return pick(r, []string{"10", "15", "20", "25", "35", "50"}) },
	"teu":       func(r *rand.Rand) string { return commas(between(r, 750, 1450) * 1000) },
	"rate":      func(r *rand.Rand) string { return decimal(r, 5.4, 7.2, 2) },
	"homeprice": func(r *rand.Rand) string { return commas(between(r, 285, 720) * 1000) },
	"days":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 18, 74)) },
	"planes":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 12, 150)) },
	"payrise":   func(r *rand.Rand) string { return decimal(r, 2.5, 6.5, 1) },
	"unemp":     func(r *rand.Rand) string { return decimal(r, 3.6, 6.2, 1) },
	"wage":      func(r *rand.Rand) string { return decimal(r, 13.5, 19.75, 2) },
	"vote":      func(r *rand.Rand) string { return strconv.Itoa(between(r, 78, 97)) },
	"jobs":      func(r *rand.Rand) string { return commas(between(r, 95, 310) * 1000) },
	"openings":  func(r *rand.Rand) string { return decimal(r, 6.1, 8.9, 1) },
	"lfpr":      func(r *rand.Rand) string { return decimal(r, 62.1, 63.4, 1) },
	"votes":     func(r *rand.Rand) string { return strconv.Itoa(between(r, 280, 420)) },
	"votes2":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 120, 270)) },
	"finepct":   func(r *rand.Rand) string { return strconv.Itoa(between(r, 2, 10)) },
	"tph":       func(r *rand.Rand) string { return decimal(r, 2.8, 9.6, 1) },
	// German and French number formats.
	"pctde": func(r *rand.Rand) string { return strings.Replace(decimal(r, 0.6, 12.5, 1), ".", ",", 1) + " Prozent" },
	"pctfr": func(r *rand.Rand) string { return strings.Replace(decimal(r, 3, 38, 1), ".", ",", 1) + " %" },
	"geldde": func(r *rand.Rand) string {
		if r.IntN(2) == 0 {
			return strconv.Itoa(between(r, 12, 95)*10) + " Millionen Franken"
		}
		return strings.Replace(decimal(r, 1.1, 4.8, 1), ".", ",", 1) + " Milliarden Franken"
	},
	"argentfr":  func(r *rand.Rand) string { return strconv.Itoa(between(r, 3, 40)) + " millions de francs" },
	"anzahl":    func(r *rand.Rand) string { return strconv.Itoa(between(r, 4, 60) * 10) },
	"zuschauer": func(r *rand.Rand) string { return strings.ReplaceAll(commas(between(r, 40, 260)*100), ",", ".") },
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func decimal(r *rand.Rand, lo, hi float64, places int) string {
	scale := 1.0
	for range places {
		scale *= 10
	}
	n := between(r, int(lo*scale+0.5), int(hi*scale+0.5))
	return strconv.FormatFloat(float64(n)/scale, 'f', places, 64)
}

func money(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return "$" + strconv.Itoa(between(r, 12, 95)*10) + " million"
	}
	return "$" + trimZero(decimal(r, 1.1, 48, 1)) + " billion"
}

// trimZero drops a ".0": newspapers print "$12 billion", not "$12.0 billion".
func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

func commas(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

// capFirst upper-cases the first letter, skipping opening quotes.
func capFirst(s string) string {
	for i, ch := range s {
		if unicode.IsLetter(ch) {
			if unicode.IsUpper(ch) {
				return s
			}
			return s[:i] + string(unicode.ToUpper(ch)) + s[i+utf8.RuneLen(ch):]
		}
		if !strings.ContainsRune("\"'“„«‘ ", ch) {
			return s
		}
	}
	return s
}

var slugFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "ê", "e", "à", "a",
	"â", "a", "ç", "c", "ô", "o", "î", "i", "ï", "i", "ã", "a", "ń", "n", "ø", "o", "č", "c", "ć", "c", "í", "i", "ó", "o", "á", "a")

func slugify(title string) string {
	s := slugFold.Replace(strings.ToLower(title))
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, ch := range s {
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
			cur.WriteRune(ch)
		case ch == '\'' || ch == '’' || ch == ',':
		default:
			flush()
		}
	}
	flush()
	if len(words) > 9 {
		words = words[:9]
	}
	return strings.Join(words, "-")
}
