package ingest

import (
	"fmt"
	"io"
	"regexp"
	"strings"

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
	text := clean.RepairText(string(data))
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
		// The first short paragraph without a full stop is the headline.
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
