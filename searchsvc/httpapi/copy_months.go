package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/syndex/syndex/indexer"
)

// copyMonthsTimeout bounds POST /admin/v1/copy-months: copying the kept
// months of a big index reads and writes gigabytes.
const copyMonthsTimeout = 30 * time.Minute

// copyMonthsRequest is the body of POST /admin/v1/copy-months.
type copyMonthsRequest struct {
	// Dst is the new generation folder to fill (gen-….tmp in the index
	// location); From and To the months it does not get (YYYY-MM).
	Dst  string `json:"dst"`
	From string `json:"from"`
	To   string `json:"to"`
}

// copyMonths is the server's half of `syndex reindex --from/--to` beside
// it: the index is held open here, so the months the rebuild keeps are
// copied here, with writes held, into the rebuild's new generation folder
// (indexer.Live.CopyMonths checks it is one of this index location).
func (s *Server) copyMonths(c *gin.Context) {
	if !s.adminKey(c) {
		return
	}
	var req copyMonthsRequest
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		WriteError(c, http.StatusBadRequest, CodeBadParameter, fmt.Sprintf("the body is not a copy request (dst, from, to): %v", err), "body")
		return
	}
	months, err := indexer.ParseMonthRange(req.From, req.To)
	if err != nil {
		WriteError(c, http.StatusBadRequest, CodeBadParameter, err.Error(), "body")
		return
	}
	// The copy outlives the server's write timeout on a big index, and
	// goes through even if the client leaves (the folder is then removed
	// by the next reindex).
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(copyMonthsTimeout + 10*time.Second))
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), copyMonthsTimeout)
	defer cancel()
	start := time.Now()
	if err := s.cfg.CopyMonths(ctx, req.Dst, months); err != nil {
		if errors.Is(err, indexer.ErrBadCopy) {
			WriteError(c, http.StatusBadRequest, CodeBadParameter, err.Error(), "body")
			return
		}
		s.Fail(c, err)
		return
	}
	s.log.Info("copied the kept months for a reindex by months", "dst", req.Dst, "rebuilt", months.String(), "took", time.Since(start).Round(time.Millisecond))
	ok(c, gin.H{"copied": req.Dst})
}
