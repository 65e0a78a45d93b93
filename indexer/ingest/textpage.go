package ingest

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"

	"github.com/syndex/syndex/indexer/clean"
)

// postTitleRe finds the title and site in the "The post <title> appeared
// (first) on <site>." line that syndicated copies carry.
var postTitleRe = regexp.MustCompile(`The post (.{3,300}?) appeared (?:first )?on ([A-Za-z0-9][\w.\- ]{1,60}?)\.(?:\s|$)`)

// readTextPage reads a syndicated article saved as plain text, the way a
// reader's browser shows a repost: an optional "The post … appeared on …"
// teaser, the title, the story, a "Source: <url>" credit and page cruft.
func readTextPage(r io.Reader, name string, o Options, emit emitFunc) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(o.maxBody())+1))
	if err != nil {
		return err
	}
	if len(data) > o.maxBody() {
		emit(nil, &article.ItemError{File: name, Reason: fmt.Sprintf("page is over the %d-byte body limit", o.maxBody())})
		return nil
	}
	text := clean.RepairText(string(textToUTF8(data)))
	if reason := notArticleText(text); reason != "" {
		emit(nil, &article.ItemError{File: name, Reason: reason})
		return nil
	}
	a := &article.Article{}
	paras := clean.SplitParagraphs(text)
	if m := postTitleRe.FindStringSubmatch(text[:min(len(text), 2000)]); m != nil {
		a.Title = m[1]
		a.Source = strings.TrimSpace(m[2])
		if strings.Contains(a.Source, ".") && !strings.Contains(a.Source, " ") {
			a.SourceDomain = strings.ToLower(strings.TrimPrefix(a.Source, "www."))
		}
	}
	if a.Title == "" {
		// The first short paragraph without a full stop is the headline;
		// failing that, the first line of the first paragraph when it
		// reads as one (a title typed straight above its story).
		for i, p := range paras {
			if line := strings.TrimSpace(p); len(line) < 250 && !strings.Contains(line, "\n") && !strings.HasSuffix(line, ".") {
				a.Title = line
				paras = paras[i+1:]
				break
			}
			if i >= 2 {
				break
			}
		}
		if a.Title == "" && len(paras) > 0 {
			if title, rest, ok := titleLine(paras[0]); ok {
				a.Title = title
				paras[0] = rest
			}
		}
		text = strings.Join(paras, "\n\n")
	}
	a.Body = text
	if err := o.finish(a, article.Origin{File: name}, false); err != nil {
		emit(nil, &article.ItemError{File: name, Reason: err.Error()})
		return nil
	}
	emit(a, nil)
	return nil
}

// titleLine splits a paragraph whose first line is a headline from the
// story below it: a short line that does not end the way a sentence or a
// clause does (a full stop, a comma, a hyphen), clearly shorter than the
// line below it, which starts a new sentence. A hard-wrapped paragraph's
// first line fails: it is about as long as the next.
func titleLine(para string) (title, rest string, ok bool) {
	first, rest, found := strings.Cut(strings.TrimSpace(para), "\n")
	first, rest = strings.TrimSpace(first), strings.TrimSpace(rest)
	if !found || first == "" || rest == "" || len(first) >= 200 {
		return "", "", false
	}
	if last, _ := utf8.DecodeLastRuneInString(first); strings.ContainsRune(".,;:-–—", last) {
		return "", "", false
	}
	second, _, _ := strings.Cut(rest, "\n")
	if next, _ := utf8.DecodeRuneInString(rest); unicode.IsLower(next) || 4*utf8.RuneCountInString(first) > 3*utf8.RuneCountInString(second) {
		return "", "", false
	}
	return first, rest, true
}
