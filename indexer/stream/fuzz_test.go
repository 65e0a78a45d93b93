package stream

import (
	"testing"

	"github.com/nats-io/nats.go"
)

// FuzzDecode: any message in the log (a producer of another version, a
// hand-written one) decodes to a change or an error, never a panic; an
// article decoded is encoded back to a message that decodes to the same
// article.
func FuzzDecode(f *testing.F) {
	f.Add("put", "", []byte(`{"id":"a1","title":"T","body":"B"}`))
	f.Add("delete", "a1", []byte(nil))
	f.Add("put", "", []byte(`{"id":""}`))
	f.Add("put", "", []byte(`{"id":"x","published":"not a date"}`))
	f.Add("rename", "", []byte(`{}`))
	f.Add("put", "", []byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, op, id string, data []byte) {
		h := nats.Header{}
		h.Set(hdrOp, op)
		if id != "" {
			h.Set(hdrID, id)
		}
		c, err := decode(h, data)
		if err != nil {
			return
		}
		switch {
		case c.Article != nil:
			if c.Article.ID == "" {
				t.Fatal("an article without id decoded")
			}
			m, err := encode(c, 1<<20)
			if err != nil {
				return
			}
			back, err := decode(m.Header, m.Data)
			if err != nil || back.Article == nil || back.Article.ID != c.Article.ID || back.Article.Body != c.Article.Body {
				t.Fatalf("round trip of %q: %+v %v", data, back, err)
			}
		case c.Deleted == "":
			t.Fatal("a change that is neither")
		}
	})
}
