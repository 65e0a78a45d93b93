package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// valueSplitter cuts a pushed body into its top-level JSON values (the
// items of an array, or objects one after another) without decoding them,
// by following strings and brackets. A decoder stops at the first
// malformed item and everything after it would be lost; cut apart first,
// a malformed item ends only itself and is reported on its own. A raw
// newline, which no JSON string may hold, ends an unclosed string and its
// item, so a missing quote swallows at most the rest of its line.
type valueSplitter struct {
	br *bufio.Reader
	// max is the longest value kept: of a longer one only the first
	// max+1 bytes are, which is enough to report it as too large.
	max int
}

// Ends of a value in an array: more items follow, or the array closed.
const (
	endComma = ','
	endClose = ']'
	endBody  = 0 // the body ended (or, in a stream, the value did)
)

// next returns the next value, trimmed of white space, and what ended it.
// In an array (inArray) a value ends at a ',' or the array's ']' outside
// strings and brackets; in a stream, where its brackets close or at white
// space after a bare word. err is a read error other than the end of the
// body.
func (s *valueSplitter) next(inArray bool) (val []byte, end byte, err error) {
	var buf []byte
	depth, inStr, esc := 0, false, false
	keep := func(b byte) {
		if len(buf) <= s.max {
			buf = append(buf, b)
		}
	}
	for {
		b, err := s.br.ReadByte()
		if errors.Is(err, io.EOF) {
			return bytes.TrimSpace(buf), endBody, nil
		}
		if err != nil {
			return nil, endBody, err
		}
		if inStr {
			switch {
			case esc:
				esc = false
			case b == '\\':
				esc = true
			case b == '"':
				inStr = false
			case b == '\n':
				// No JSON string holds a raw newline: the item is
				// broken, and ends here rather than swallow the next.
				if inArray {
					return bytes.TrimSpace(buf), endComma, nil
				}
				return bytes.TrimSpace(buf), endBody, nil
			}
			keep(b)
			continue
		}
		switch b {
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 && b == ']' && inArray {
				return bytes.TrimSpace(buf), endClose, nil
			}
			depth = max(depth-1, 0)
			if depth == 0 && !inArray {
				keep(b)
				return bytes.TrimSpace(buf), endBody, nil
			}
		case ',':
			if depth == 0 && inArray {
				return bytes.TrimSpace(buf), endComma, nil
			}
		case ' ', '\t', '\r', '\n':
			if depth == 0 && !inArray && len(bytes.TrimSpace(buf)) > 0 {
				return bytes.TrimSpace(buf), endBody, nil
			}
		}
		keep(b)
	}
}
