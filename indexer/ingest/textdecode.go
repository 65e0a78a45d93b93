package ingest

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// textToUTF8 decodes a plain-text file, which says nothing of its
// encoding, to UTF-8: UTF-16 by its byte order mark or, without one, by the
// zero bytes of its ASCII characters; UTF-8 when it is valid UTF-8; else a
// legacy 8-bit encoding, Windows-1251 when the text looks Cyrillic and
// Windows-1252 (a superset of Latin-1) otherwise. The BBC corpus is
// Latin-1 ("£15.8m"); read as UTF-8 its pound signs became U+FFFD.
func textToUTF8(data []byte) []byte {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[3] == 0:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case len(data) >= 4 && data[0] == 0 && data[2] == 0 && data[1] != 0:
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case utf8.Valid(data):
		return data
	case looksCyrillic(data):
		enc = charmap.Windows1251
	default:
		enc = charmap.Windows1252
	}
	if out, err := enc.NewDecoder().Bytes(data); err == nil {
		return out
	}
	return data // RepairText marks what cannot be read
}

// looksCyrillic reports whether 8-bit text reads as Windows-1251: its
// letters are bytes of 0xC0 and above, most of them next to another (whole
// words), where the accented letters of Latin-1 text stand alone between
// ASCII ones.
func looksCyrillic(data []byte) bool {
	high, paired := 0, 0
	for i, c := range data {
		if c < 0xc0 {
			continue
		}
		high++
		if i > 0 && data[i-1] >= 0xc0 || i+1 < len(data) && data[i+1] >= 0xc0 {
			paired++
		}
	}
	return high >= 4 && paired*2 > high
}
