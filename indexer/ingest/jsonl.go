package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/syndex/syndex/indexer/article"

	"github.com/syndex/syndex/indexer/clean"
)

// jsonlRecord is one line of syndex's JSON Lines import format (see README).
// Published is a string so that a garbage date makes the date unknown
// instead of rejecting the whole article.
type jsonlRecord struct {
	ID           string   `json:"id"`
	URL          string   `json:"url"`
	CanonicalURL string   `json:"canonical_url"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Summary      string   `json:"summary"`
	Source       string   `json:"source"`
	SourceDomain string   `json:"source_domain"`
	Author       string   `json:"author"`
	Published    string   `json:"published"`
	Tags         []string `json:"tags"`
	Lang         string   `json:"lang"`
}

// readJSONL reads JSON Lines in batches of lines, so memory stays bounded
// by jsonlBatchBytes plus the longest accepted line whatever the file size.
// The lines of a batch are parsed and cleaned on all cores (cleaning is most
// of the cost of reading) and emitted in file order. A bad line is reported
// with its line number and skipped.
func readJSONL(r io.Reader, name string, o Options, emit emitFunc) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	maxLine := o.MaxLineBytes()
	type parsed struct {
		line   []byte
		lineNo int
		a      *article.Article
		err    error
	}
	var batch []parsed
	batchBytes := 0
	flush := func() bool {
		parallel(len(batch), func(i int) {
			p := &batch[i]
			if p.err != nil {
				return
			}
			p.a, p.err = parseJSONLLine(p.line, article.Origin{File: name, Line: p.lineNo}, o)
			if p.err != nil {
				var le LimitError
				p.a, p.err = nil, &article.ItemError{File: name, Line: p.lineNo, ID: errID(p.err), Reason: p.err.Error(), TooLarge: errors.As(p.err, &le)}
			}
		})
		for _, p := range batch {
			if !emit(p.a, p.err) {
				return false
			}
		}
		batch, batchBytes = batch[:0], 0
		return true
	}
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := ReadLine(br, &buf, maxLine)
		if err != nil && !errors.Is(err, io.EOF) {
			if !flush() {
				return nil
			}
			return fmt.Errorf("line %d: %w", lineNo, err)
		}
		if tooLong {
			batch = append(batch, parsed{lineNo: lineNo, err: &article.ItemError{File: name, Line: lineNo, TooLarge: true,
				Reason: fmt.Sprintf("line is over %d bytes, more than an article whose body is within the %d-byte limit can take", maxLine, o.maxBody())}})
		} else if len(bytes.TrimSpace(line)) > 0 {
			l := bytes.Clone(bytes.TrimRight(line, "\r\n"))
			batch = append(batch, parsed{line: l, lineNo: lineNo})
			batchBytes += len(l)
		}
		if errors.Is(err, io.EOF) {
			flush()
			return nil
		}
		if len(batch) >= jsonlBatchLines || batchBytes >= jsonlBatchBytes {
			if !flush() {
				return nil
			}
		}
	}
}

// A JSON Lines batch ends at jsonlBatchLines lines or jsonlBatchBytes bytes.
const (
	jsonlBatchLines = 256
	jsonlBatchBytes = 4 << 20
)

// parallel calls f(0..n-1) on up to GOMAXPROCS goroutines and waits.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+15)/16)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(i)
			}
		})
	}
	wg.Wait()
}

// ReadLine reads one '\n'-terminated line into *buf. Lines longer than max
// are consumed and reported as tooLong without being kept in memory. The
// admin endpoint reads its JSON Lines bodies with it too.
func ReadLine(br *bufio.Reader, buf *[]byte, max int) (line []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(*buf)+len(chunk) > max {
				tooLong = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return *buf, tooLong, err
	}
}

func parseJSONLLine(line []byte, at article.Origin, o Options) (*article.Article, error) {
	var rec jsonlRecord
	a := &article.Article{}
	if err := json.Unmarshal(line, &rec); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case strings.Contains(err.Error(), "unexpected end"):
			return nil, fmt.Errorf("truncated JSON: the line ends inside a value")
		case errors.As(err, &se):
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		case errors.As(err, &te):
			// A field of the wrong type: decode field by field instead.
			if err := decodeLenient(line, &rec, a); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("invalid record: %v", err)
		}
	}
	a.ID, a.URL, a.CanonicalURL, a.Title = rec.ID, rec.URL, rec.CanonicalURL, rec.Title
	a.Body, a.Summary, a.Source, a.SourceDomain = rec.Body, rec.Summary, rec.Source, rec.SourceDomain
	a.Author, a.Tags, a.Lang = rec.Author, rec.Tags, rec.Lang
	if rec.Published != "" {
		var ok bool
		if a.Published, ok = clean.ParseDate(rec.Published); !ok {
			a.Warn(article.WarnDate, strconv.Quote(rec.Published))
		}
	}
	if err := o.finish(a, at, looksLikeHTML(a.Body)); err != nil {
		return nil, idError{id: a.ID, err: err}
	}
	return a, nil
}

// idError is the refusal of an article whose id was read.
type idError struct {
	id  string
	err error
}

func (e idError) Error() string { return e.err.Error() }
func (e idError) Unwrap() error { return e.err }

// errID returns the id of the article err refuses, if it was read.
func errID(err error) string {
	var ie idError
	if errors.As(err, &ie) {
		return ie.id
	}
	return ""
}

// looksLikeHTML reports whether a plain-text field actually carries markup,
// as dumps exported from a CMS often do.
func looksLikeHTML(s string) bool {
	if !strings.Contains(s, "</") && !strings.Contains(s, "<br") {
		return false
	}
	for _, tag := range []string{"</p>", "</div>", "<br", "</a>", "</li>", "</span>", "</h2>", "</strong>", "</em>"} {
		if strings.Contains(s, tag) {
			return true
		}
	}
	return false
}
