package indexer

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/syndex/syndex/indexer/ingest"
)

// WriteOptions control how articles are written.
type WriteOptions struct {
	// Read are the options for reading and cleaning the sources.
	Read ingest.Options
	// BatchSize is the number of articles per Bleve batch (0 = 1000).
	BatchSize int
	// MonthShards builds the generation as one shard per publication month
	// (indexer/timeshard) instead of one index: searches filtered by date
	// read only the months they cover.
	MonthShards bool
	// Months, when set, makes a reindex rebuild only these months of a
	// month-shard index and copy the others from the live one.
	Months MonthRange
	// CopyLive, with Months, asks the server srv holding the index to copy
	// the live generation's other months into dst (Live.CopyMonths behind
	// its admin API); nil: a held index cannot be rebuilt by months.
	CopyLive func(ctx context.Context, srv ServerInfo, dst string, months MonthRange) error
	// Strict makes a reindex abort without publishing if anything was rejected.
	Strict bool
	// Progress, if set, is called after every batch and when the work ends.
	Progress func(Progress)
	// AllowShrink lets a reindex publish an index with no articles, or with
	// fewer than half the live one's; without it such a reindex is refused
	// with ErrShrink and the live index is kept (an empty folder or a typo
	// in a path must not wipe the index a server is answering from).
	AllowShrink bool
	// Sample says the sources are the bundled sample corpus: the generation
	// records that instead of their temporary path.
	Sample bool
	// Transient are sources not to remember with the generation (the
	// temporary copy of standard input): they cannot be read again.
	Transient []string

	// fromJournal says the journal holds articles of this write (AddFiles'
	// transient sources), so a reindex with no input files still runs.
	fromJournal bool

	// cacheBytes replaces firstPassCache (tests: the spill path on small
	// inputs).
	cacheBytes int64
}

// firstPassCache is the text a reindex's first pass keeps in memory.
func (o WriteOptions) firstPassCache() int64 {
	if o.cacheBytes != 0 {
		return o.cacheBytes
	}
	return firstPassCache
}

// remembered returns the sources a generation records for o.
func (o WriteOptions) remembered(sources []string) []string {
	if o.Sample {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(sources), func(s string) bool { return slices.Contains(o.Transient, s) })
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
	Errors []string
	// Warned counts the warnings about articles that were kept (a date not
	// understood, an id collision); Warnings holds the first MaxErrors.
	Warned   int
	Warnings []string
	// Collisions counts articles whose derived id was taken in this run by
	// a different article; each was kept under an id from its text.
	Collisions int
	// Kept counts the articles a reindex of some months copied from the
	// live index's other months unchanged.
	Kept    int
	Elapsed time.Duration
	// Generation is the index generation written to, and Articles how many
	// articles it holds (a rebuild's; 0 for an incremental run): a
	// journal entry applied over a file's copy counts as updated.
	Generation string
	Articles   uint64
	// Skipped counts by extension the files of other types the source
	// folders held (ingest.List).
	Skipped map[string]int
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

func (s *Summary) warn(lines []string) {
	s.Warned += len(lines)
	for _, l := range lines {
		if len(s.Warnings) < MaxErrors {
			s.Warnings = append(s.Warnings, l)
		}
	}
}

// add counts what another part of the same write did into s.
func (s *Summary) add(t Summary) {
	s.Files += t.Files
	s.Bytes += t.Bytes
	s.Indexed += t.Indexed
	s.Updated += t.Updated
	s.Rejected += t.Rejected
	s.Errors = append(s.Errors, t.Errors[:min(len(t.Errors), max(0, MaxErrors-len(s.Errors)))]...)
	s.Warned += t.Warned
	s.Warnings = append(s.Warnings, t.Warnings[:min(len(t.Warnings), max(0, MaxErrors-len(s.Warnings)))]...)
	s.Collisions += t.Collisions
	s.Kept += t.Kept
	s.Generation = cmp.Or(t.Generation, s.Generation)
	s.Articles = max(s.Articles, t.Articles)
	for ext, n := range t.Skipped {
		if s.Skipped == nil {
			s.Skipped = map[string]int{}
		}
		s.Skipped[ext] += n
	}
}

// Reject counts an article that was not written and keeps the reason (the
// first MaxErrors).
func (s *Summary) Reject(err error) {
	s.Rejected++
	if len(s.Errors) < MaxErrors {
		s.Errors = append(s.Errors, err.Error())
	}
}

// ErrRejected is returned by a strict reindex that rejected articles.
var ErrRejected = errors.New("articles were rejected")

// ErrShrink is returned by a reindex that would publish an empty index or
// replace the live one with one under half its size, without
// WriteOptions.AllowShrink. Its text fits a location with no index yet too.
var ErrShrink = errors.New("reindex refused to publish")

// Phases of a write, in Progress.Phase.
const (
	PhaseLearn = "learning boilerplate"
	PhaseIndex = "indexing"
	// PhaseMerge is the end of a reindex: waiting for the index to be on
	// disk and merging it into one segment, before the atomic publish.
	PhaseMerge = "merging"
)
