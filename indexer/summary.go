package indexer

import (
	"errors"
	"time"

	"github.com/syndex/syndex/indexer/ingest"
)

// WriteOptions control how articles are written.
type WriteOptions struct {
	// Read are the options for reading and cleaning the sources.
	Read ingest.Options
	// BatchSize is the number of articles per Bleve batch (0 = 1000).
	BatchSize int
	// Strict makes a reindex abort without publishing if anything was rejected.
	Strict bool
	// Progress, if set, is called after every batch and when the work ends.
	Progress func(Progress)
}

func (o WriteOptions) batchSize() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	return 1000
}

// Progress is a snapshot of a long write for progress bars and logs.
type Progress struct {
	// Phase is PhaseLearn during the first pass of a reindex, else
	// PhaseIndex; the counters restart with each phase.
	Phase            string
	Files, FilesDone int
	Bytes, BytesRead int64
	Articles         int
	Elapsed          time.Duration
}

// Summary is what a reindex or an incremental index run did.
type Summary struct {
	Files    int
	Bytes    int64
	Indexed  int // new articles
	Updated  int // articles whose id was already present (replaced)
	Rejected int
	// Errors holds the first MaxErrors rejection reasons.
	Errors  []string
	Elapsed time.Duration
	// Generation is the index generation written to.
	Generation string
}

// MaxErrors bounds how many rejection reasons a Summary keeps.
const MaxErrors = 1000

// Rate returns articles written per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Indexed+s.Updated) / s.Elapsed.Seconds()
}

func (s *Summary) reject(err error) {
	s.Rejected++
	if len(s.Errors) < MaxErrors {
		s.Errors = append(s.Errors, err.Error())
	}
}

// ErrRejected is returned by a strict reindex that rejected articles.
var ErrRejected = errors.New("articles were rejected")

// Phases of a write, in Progress.Phase.
const (
	PhaseLearn = "learning boilerplate"
	PhaseIndex = "indexing"
)
