package ingest

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
)

// notArticleText says why a plain-text file is not an article — markup of a
// schema syndex does not read, a table, or a list of words — or "" when it
// may be one. A corpus folder holds such files beside its articles
// (Reuters-21578's .sgm files and category lists, AG News's CSV and its
// classes.txt); read as text pages they became untitled "articles" of one
// word per line, or one giant article of tags, that matched every search
// for their words. Each check is built so that prose in any language
// passes: only the shape of the lines counts, never their words.
func notArticleText(text string) string {
	head := text[:min(len(text), 64<<10)]
	trimmed := strings.TrimLeft(head, " \t\r\n\ufeff")
	if markupStartRe.MatchString(trimmed) {
		tag := markupStartRe.FindString(trimmed)
		return fmt.Sprintf("not an article: markup (it starts with %q) that is neither HTML nor a feed; syndex reads HTML pages, RSS/Atom/JSON feeds, JSON Lines and plain-text articles (convert other markup to JSON Lines with title and body fields)", tag)
	}
	if cols, sep, rows := tableShape(head); cols > 0 {
		return fmt.Sprintf("not an article: a table (%d+ rows of %d columns separated by %s); syndex does not read CSV or TSV (convert the rows to JSON Lines with title and body fields)", rows, cols, sepName(sep))
	}
	var lines, shortLines, words, proseWords, longest int
	for line := range strings.SplitSeq(head, "\n") {
		w := lineWords(line)
		if w == 0 {
			continue
		}
		lines++
		words += w
		longest = max(longest, w)
		if w <= 3 {
			shortLines++
		}
		if w >= proseLineWords {
			proseWords += w
		}
	}
	switch {
	case lines >= 3 && longest < 4:
		unit := "words"
		if longest == 1 {
			unit = "word"
		}
		return fmt.Sprintf("not an article: a list (%d lines of at most %d %s, no sentence)", lines, longest, unit)
	case lines >= 10 && shortLines*10 >= lines*8 && proseWords*10 < words*3:
		return fmt.Sprintf("not an article: a list (%d of its %d lines have at most 3 words)", shortLines, lines)
	}
	return ""
}

// proseLineWords is how many words make a line a sentence rather than an
// entry of a list.
const proseLineWords = 6

// markupStartRe matches the start of a document that is markup: a tag, a
// declaration or a processing instruction. HTML and feeds were sniffed
// before the text reader is chosen, so what is left is markup syndex does
// not read (SGML, XML of another schema).
var markupStartRe = regexp.MustCompile(`^<(?:!--|[!?]?[A-Za-z][\w:.\-]*)`)

// lineWords counts the words of a line: runs between spaces, plus half a
// word per character of the scripts written without spaces (Chinese,
// Japanese, Thai, …), so a sentence in those counts as one.
func lineWords(line string) int {
	n := len(strings.Fields(line))
	unspaced := 0
	for _, r := range line {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan) {
			unspaced++
		}
	}
	return n + unspaced/2
}

// tableShape reports the column count, separator and rows read when the
// first lines of text parse as delimited rows that all have the same number
// (3 or more) of columns, or 0 columns when they do not. Quoted fields are
// parsed as CSV does, so commas inside an AG News title do not count. Prose
// fails it: its lines have varying numbers of commas, and a paragraph
// indented by a tab has two columns, the first one empty.
func tableShape(text string) (cols int, sep rune, rows int) {
	const minRows, sampleRows = 5, 20
	for _, sep := range []rune{'\t', ';', ',', '|'} {
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = sep
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		r.ReuseRecord = true
		n, width := 0, 0
		for n < sampleRows {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil || len(rec) < 3 || width != 0 && len(rec) != width || strings.TrimSpace(rec[0]) == "" {
				n = -1
				break
			}
			width = len(rec)
			n++
		}
		if n >= minRows {
			return width, sep, n
		}
	}
	return 0, 0, 0
}

func sepName(sep rune) string {
	switch sep {
	case '\t':
		return "tabs"
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	}
	return fmt.Sprintf("%q", sep)
}
