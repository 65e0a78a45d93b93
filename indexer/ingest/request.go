package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/syndex/syndex/indexer/article"
)

// ReadRequest reads the body of a push (POST /api/v1/articles): one JSON
// object, a JSON array of them, or JSON Lines, each in the JSON Lines input
// format and read just as leniently, then cleaned like any file. name
// names the body in errors ("request"). Items of an array are numbered
// (ItemError.Item), lines of JSON Lines by line; a bad item is reported
// (an *article.ItemError) and the others are read. An error reading the
// body itself (the caller's size bound, a broken connection) is yielded
// as it is and ends the reading.
func ReadRequest(r io.Reader, name string, o Options) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		first, err := firstByte(br)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				yield(nil, fmt.Errorf("reading the body: %w", err))
			}
			return
		}
		emit := func(a *article.Article, err error) bool { return yield(a, err) }
		switch {
		case first == '[':
			readJSONArray(br, name, o, emit)
		case first == '{' && !oneObjectPerLine(br):
			readJSONStream(br, name, o, emit)
		default:
			if err := readJSONL(br, name, o, emit); err != nil {
				yield(nil, fmt.Errorf("reading the body: %w", err))
			}
		}
	}
}

// firstByte returns the first byte that is not white space, unread.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF {
			return b, br.UnreadByte()
		}
	}
}

// oneObjectPerLine reports whether the first line of the body holds a whole
// object (JSON Lines) rather than the start of a pretty-printed one.
func oneObjectPerLine(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Buffered())
	if len(head) == 0 {
		head, _ = br.Peek(64 << 10)
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return bytes.HasSuffix(bytes.TrimSpace(line), []byte("}"))
}

// readJSONArray reads a JSON array of articles, item by item: a
// malformed item is reported and the items after it are read.
func readJSONArray(br *bufio.Reader, name string, o Options, emit emitFunc) {
	br.ReadByte() // the '[' firstByte found
	sp := valueSplitter{br: br, max: o.MaxLineBytes()}
	for n := 1; ; n++ {
		raw, end, err := sp.next(true)
		if err != nil {
			emit(nil, fmt.Errorf("reading the body at item %d: %w", n, err))
			return
		}
		switch {
		case len(raw) == 0 && end == endClose && n > 1:
			// "[a, b,]": a trailing comma, no item.
		case len(raw) == 0 && end == endBody:
			emit(nil, &article.ItemError{File: name, Item: n, Reason: "the array is not closed: the body ends before item " + fmt.Sprint(n)})
			return
		case len(raw) == 0 && end == endClose:
			// "[]"
		case len(raw) == 0:
			if !emit(nil, &article.ItemError{File: name, Item: n, Reason: "no item between two commas"}) {
				return
			}
		case end == endBody && !json.Valid(raw):
			emit(nil, &article.ItemError{File: name, Item: n, Reason: "the array is not closed: the body ends inside item " + fmt.Sprint(n)})
			return
		case end == endBody:
			// "[{…}": the last item is whole, the array unclosed.
			if emitItem(raw, name, n, 0, o, emit) {
				emit(nil, &article.ItemError{File: name, Reason: "the array is not closed after item " + fmt.Sprint(n)})
			}
			return
		default:
			if !emitItem(raw, name, n, 0, o, emit) {
				return
			}
		}
		if end != endComma {
			return
		}
	}
}

// readJSONStream reads JSON objects one after another, pretty-printed or
// not; a malformed one is reported and those after it are read.
func readJSONStream(br *bufio.Reader, name string, o Options, emit emitFunc) {
	sp := valueSplitter{br: br, max: o.MaxLineBytes()}
	for n := 1; ; n++ {
		raw, _, err := sp.next(false)
		if err != nil {
			emit(nil, fmt.Errorf("reading the body at item %d: %w", n, err))
			return
		}
		if len(raw) == 0 {
			return
		}
		if !emitItem(raw, name, n, 0, o, emit) {
			return
		}
	}
}

// emitItem parses one pushed article and emits it or its error.
func emitItem(raw json.RawMessage, name string, item, line int, o Options, emit emitFunc) bool {
	if len(raw) > o.MaxLineBytes() {
		return emit(nil, &article.ItemError{File: name, Item: item, TooLarge: true,
			Reason: fmt.Sprintf("the article is over %d bytes, more than one whose body is within the %d-byte limit can take", o.MaxLineBytes(), o.maxBody())})
	}
	a, err := parseJSONLLine(raw, article.Origin{File: name, Line: line, Item: item}, o)
	if err != nil {
		var le LimitError
		return emit(nil, &article.ItemError{File: name, Item: item, ID: errID(err), Reason: err.Error(), TooLarge: errors.As(err, &le)})
	}
	return emit(a, nil)
}
