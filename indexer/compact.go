package indexer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/syndex/syndex/indexer/timeshard"
)

// compactSegments merges the segments of a freshly built index, smallest
// first, in steps that each read at most maxBytes of segment files, until no
// two segments fit in one step. Searches then read one dictionary per field
// (or a few) instead of dozens, and the index shrinks by about 12%.
//
// One step at a time because scorch keeps every input of a merge plan
// mapped until the whole plan is done, and mapped pages count in resident
// memory: one merge of a 1M-article index (1.35 GB) took a rebuild's peak
// RSS from 1.25 to 1.67 GiB. Old segment files are deleted by scorch in the
// background, so it waits for that before returning.
func compactSegments(ctx context.Context, bi bleve.Index, maxBytes int64) error {
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("merge index: %w", err)
	}
	if ts, ok := adv.(*timeshard.Index); ok {
		// The reader the index caches holds every shard's snapshot, and
		// with it the files of segments scorch has merged away since.
		// Released, those files are deleted at the persister's next pass,
		// which only a new snapshot starts: an internal write to each
		// shard makes one. Without it a shard whose merging was done
		// before the release kept its old files, and the merge below
		// waited for them to go for minutes.
		ts.Release()
		names, shards := ts.Shards()
		for i, sh := range shards {
			if sc, ok := sh.(*scorch.Scorch); ok {
				if err := sc.SetInternal([]byte("syndex_merge"), []byte(time.Now().UTC().Format(time.RFC3339))); err != nil {
					return fmt.Errorf("shard %s: %w", names[i], err)
				}
				if err := compactScorch(ctx, sc, maxBytes); err != nil {
					return fmt.Errorf("shard %s: %w", names[i], err)
				}
			}
		}
		return nil
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	return compactScorch(ctx, sc, maxBytes)
}

// compactScorch is compactSegments on one scorch index.
func compactScorch(ctx context.Context, sc *scorch.Scorch, maxBytes int64) error {
	stat := func(k string) uint64 {
		v, _ := sc.StatsMap()[k].(uint64)
		return v
	}
	for stat("num_root_memorysegments") > 0 {
		if err := sleepCtx(ctx, 20*time.Millisecond); err != nil {
			return err
		}
	}
	// stalls counts steps in a row that left as many segments as before
	// (scorch found its plan already done): a few are retried.
	for stalls, before := 0, 0; stalls < 5; {
		// Scorch's own merger works on the same segments in the
		// background: let it finish first, so that a step plans on the
		// segments it will merge.
		if err := settle(ctx, sc, mergeSettleWait); err != nil {
			return err
		}
		segs, err := fileSegments(sc)
		if err != nil {
			return fmt.Errorf("merge index: %w", err)
		}
		k := smallestMerge(segs, maxBytes)
		if k < 2 {
			break
		}
		if before > 0 && len(segs) >= before {
			stalls++
		} else {
			stalls = 0
		}
		before = len(segs)
		if err := sc.ForceMerge(ctx, mergeStep(len(segs), k)); err != nil {
			return fmt.Errorf("merge index: %w", err)
		}
	}
	// The wait for scorch to delete the merged-away files is bounded: when
	// the machine is loaded scorch has been seen idle with the old files
	// still on disk, and waiting longer only saves disk space (scorch
	// removes files no snapshot uses when the index is next opened).
	return settle(ctx, sc, mergeCleanupWait)
}

// settle waits, at most wait, until sc's background persister and merger
// are idle and its folder holds only the files its segments need.
func settle(ctx context.Context, sc *scorch.Scorch, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		m := sc.StatsMap()
		if busy, _ := m["index_bgthreads_active"].(bool); !busy {
			segs, err := fileSegments(sc)
			if err != nil {
				return fmt.Errorf("merge index: %w", err)
			}
			if files, _ := m["num_files_on_disk"].(uint64); files <= uint64(len(segs))+1 {
				return nil // the segments' files and root.bolt
			}
		}
		if err := sleepCtx(ctx, 10*time.Millisecond); err != nil {
			return err
		}
	}
	return nil
}

// fileSegments returns the persisted segments of sc's current snapshot.
func fileSegments(sc *scorch.Scorch) ([]mergeplan.Segment, error) {
	r, err := sc.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("unexpected scorch reader %T", r)
	}
	var out []mergeplan.Segment
	for _, s := range snap.Segments() {
		if _, ok := s.Segment().(segment.PersistedSegment); ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// smallestMerge returns how many of segs, taken smallest first by live
// documents (the order scorch's planner sorts by), fit in one merge step of
// maxBytes of files; fewer than 2 means there is nothing left to merge.
func smallestMerge(segs []mergeplan.Segment, maxBytes int64) int {
	s := slices.Clone(segs)
	slices.SortFunc(s, func(a, b mergeplan.Segment) int { return cmp.Compare(a.LiveSize(), b.LiveSize()) })
	var sum int64
	for i, seg := range s {
		if sum += seg.LiveFileSize(); sum > maxBytes {
			return i
		}
	}
	return len(s)
}

// mergeStep returns merge-plan options under which scorch's planner makes
// exactly one task, of the k segments with the fewest live documents, out
// of the n it has: every segment is eligible (no size cap), a roster is k
// consecutive segments in its by-size order, the budget allows one task,
// and a roster scores better the more segments and the fewer documents it
// has — which is the k smallest.
func mergeStep(n, k int) *mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = mergeplan.MaxSegmentSizeLimit
	o.SegmentsPerMergeTask = k
	o.MaxSegmentsPerTier = n
	o.CalcBudget = func(int64, int64, *mergeplan.MergePlanOptions) int { return n - 1 }
	o.ScoreSegments = func(roster []mergeplan.Segment, _ *mergeplan.MergePlanOptions) float64 {
		var docs int64
		for _, s := range roster {
			docs += s.LiveSize()
		}
		return float64(docs) - float64(len(roster))*float64(mergeplan.MaxSegmentSizeLimit)
	}
	return &o
}

// maxMergeBytes bounds the segment files one step of the final merge reads:
// the merge maps them, so this is what it adds to a rebuild's resident
// memory. An index up to about this size (a few hundred thousand articles)
// ends as one segment, a bigger one as a few of about this size.
const maxMergeBytes = 640 << 20

// mergeCleanupWait bounds how long a reindex waits for the files of merged
// segments to be deleted before it publishes anyway.
const mergeCleanupWait = 10 * time.Second

// mergeSettleWait bounds how long a step of the final merge waits for
// scorch's own merger (whose merges at 1M articles take tens of seconds).
const mergeSettleWait = 2 * time.Minute

func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
