package ingest

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// textToUTF8 decodes a plain-text file, which says nothing of its
// encoding, to UTF-8: UTF-16 as decodeBOM recognises it; UTF-8 when it is valid UTF-8; else a
// legacy 8-bit encoding, Windows-1251 or KOI8-R when the text looks
// Cyrillic and Windows-1252 (a superset of Latin-1) otherwise. The BBC corpus is
// Latin-1 ("£15.8m"); read as UTF-8 its pound signs became U+FFFD.
func textToUTF8(data []byte) []byte {
	if doc, known := decodeBOM(data); known {
		return doc
	}
	var enc encoding.Encoding = charmap.Windows1252
	switch {
	case utf8.Valid(data):
		return data
	case looksCyrillic(data):
		enc = cyrillicEncoding(data)
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

// cyrillicEncoding tells Windows-1251 from KOI8-R by letter case: both put
// the Cyrillic letters at 0xC0–0xFF, Windows-1251 the lower-case ones in
// 0xE0–0xFF and KOI8-R in 0xC0–0xDF, and running text is mostly lower
// case.
func cyrillicEncoding(data []byte) encoding.Encoding {
	low, high := 0, 0
	for _, c := range data {
		switch {
		case c >= 0xe0:
			high++
		case c >= 0xc0:
			low++
		}
	}
	if low > high {
		return charmap.KOI8R
	}
	return charmap.Windows1251
}
