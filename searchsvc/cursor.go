package searchsvc

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/syndex/syndex/searchsvc/query"
)

// Cursor is the position after the last hit of a page, for deep paging with
// Bleve's search_after. It travels as opaque base64url JSON.
type Cursor struct {
	V int `json:"v"`
	// H ties the cursor to its query: a hash of the search box text, the
	// filters and the sort (not the size, which may change between pages).
	H string `json:"h"`
	// K are the sort values of the last hit: [score, key] for relevance and
	// [key] for newest/oldest, where key is the date-and-id key (pubKey).
	K []string `json:"k"`
	// N is the reference time of the freshness boost and of the date facet
	// ranges, frozen on the first page so that scores, and so the order, stay
	// the same on every page.
	N int64 `json:"n"`
	// Q is the corrected query when the first page was a corrected search,
	// so that later pages continue it.
	Q string `json:"q,omitempty"`
	// P says the last hit was past the window a backend reranks (the Bleve
	// backend's proximity rescoring): later pages continue in the order
	// before reranking.
	P bool `json:"p,omitempty"`
	// L are the mean title and body lengths the backend's scoring used on
	// the first page (the Bleve backend's BM25F), so that later pages,
	// served by this replica or another, score the same.
	L []float64 `json:"l,omitempty"`
	// O is how many hits came before the page the cursor opens, so that the
	// page can say where it starts (Response.Offset).
	O int `json:"o,omitempty"`
}

// CursorVersion is the V of cursors this code writes.
const CursorVersion = 1

// Hash identifies what a cursor may continue: the same box text, filters
// and sort. A Backend puts it in the cursors it returns and checks it with
// DecodeCursor.
func (r *Request) Hash(sortMode string) string {
	var b strings.Builder
	b.WriteString(r.Q)
	b.WriteByte(0)
	for i, tf := range TermFilters {
		vals := *tf.Values(&r.Filters)
		if i >= 3 && len(vals) == 0 {
			continue // filters added later leave older cursors valid
		}
		s := slices.Clone(vals)
		slices.Sort(s)
		if i >= 3 {
			b.WriteString(tf.Param + "=")
		}
		b.WriteString(strings.Join(s, "\x01"))
		b.WriteByte(0)
	}
	for _, t := range []time.Time{r.From, r.To} {
		if !t.IsZero() {
			b.WriteString(strconv.FormatInt(t.UnixNano(), 10))
		}
		b.WriteByte(0)
	}
	b.WriteString(sortMode)
	if r.AllCopies {
		b.WriteString("\x00all")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:12])
}

// Encode renders c as the opaque cursor parameter.
func (c *Cursor) Encode() string {
	data, _ := json.Marshal(c) // cannot fail: strings and numbers only
	return base64.RawURLEncoding.EncodeToString(data)
}

// maxCursorOffset is more hits than any index holds: a larger offset is
// no cursor this API wrote.
const maxCursorOffset = 1 << 40

// meanLength reports whether x can be a mean field length in tokens.
func meanLength(x float64) bool { return x > 0 && x < 1e7 }

// DecodeCursor parses and checks a cursor parameter against the request it
// is used with. nKeys is the number of sort values the request's sort has.
func DecodeCursor(s, hash string, nKeys int) (*Cursor, error) {
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, NewParamError("cursor", "is not a cursor returned by this API (bad encoding)")
	}
	var c Cursor
	if err := json.Unmarshal(data, &c); err != nil || c.V != CursorVersion || c.H == "" || len(c.K) == 0 {
		return nil, NewParamError("cursor", "is not a cursor returned by this API")
	}
	if c.H != hash {
		return nil, NewParamError("cursor", "belongs to a different query, filters or sort; start again without a cursor")
	}
	if len(c.K) != nKeys {
		return nil, NewParamError("cursor", "is not a cursor returned by this API (wrong number of sort values)")
	}
	if nKeys == 2 {
		f, err := strconv.ParseFloat(c.K[0], 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, NewParamError("cursor", "is not a cursor returned by this API (bad score)")
		}
	}
	if c.O < 0 || c.O > maxCursorOffset {
		return nil, NewParamError("cursor", "is not a cursor returned by this API (bad offset)")
	}
	// The mean field lengths the first page ranked with: absent (an older
	// cursor), or two positive token counts an index could have.
	if len(c.L) != 0 && (len(c.L) != 2 || !meanLength(c.L[0]) || !meanLength(c.L[1])) {
		return nil, NewParamError("cursor", "is not a cursor returned by this API (bad field lengths)")
	}
	if len(c.Q) > 2*query.MaxBytes {
		return nil, NewParamError("cursor", "is not a cursor returned by this API")
	}
	return &c, nil
}
