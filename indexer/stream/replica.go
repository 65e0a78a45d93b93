package stream

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
)

// Replica applies the ingestion log to one local index location and is
// the write path of its server: AddArticles and DeleteArticles publish to
// the log (the poller, the push API and the admin endpoint call them as
// they call indexer.Live on one machine), and Run writes what the log
// holds into the live generation, in order, through its one Writer.
type Replica struct {
	log  *Log
	live *indexer.Live
	name string
	slog *slog.Logger

	// applyMu serializes applying the log with installing a generation,
	// so that nothing applied to the old one is missed by the new one.
	applyMu sync.Mutex

	mu      sync.Mutex
	applied uint64        // last sequence in the live generation
	changed chan struct{} // closed and replaced when applied advances
	last    uint64        // stream's last sequence, last seen
	lastAt  time.Time
}

// consumerName keeps the characters a durable consumer name may hold.
var consumerName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// NewReplica returns the replica named name (its durable consumer; stable
// across restarts of the same replica, distinct between replicas) over the
// open live index.
func NewReplica(lg *Log, live *indexer.Live, name string, log *slog.Logger) (*Replica, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	name = consumerName.ReplaceAllString(name, "_")
	if name == "" {
		return nil, errors.New("replica: a name is required")
	}
	seq, err := live.StreamSeq()
	if err != nil {
		return nil, err
	}
	return &Replica{log: lg, live: live, name: "replica_" + name, slog: log, applied: seq, changed: make(chan struct{})}, nil
}

// Applied returns the last log sequence the live generation holds.
func (r *Replica) Applied() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.applied
}

func (r *Replica) advance(seq uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.applied = seq
	if seq > r.last {
		r.last = seq
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

// WaitApplied waits until the live generation holds the log up to seq, or
// ctx ends.
func (r *Replica) WaitApplied(ctx context.Context, seq uint64) error {
	for {
		r.mu.Lock()
		applied, ch := r.applied, r.changed
		r.mu.Unlock()
		if applied >= seq {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// readWait bounds how long a write waits, after its PubAck, for this
// replica to apply it, so that a client searching the replica it wrote
// to finds what it wrote. The write is acknowledged either way: it is in
// the log.
const readWait = 5 * time.Second

// readWaitLag: a replica this many messages behind (starting, catching
// up) does not make writes wait for it.
const readWaitLag = 5000

// AddArticles publishes arts to the log and returns once JetStream holds
// them all and (for at most readWait) this replica has applied them.
// Indexed and updated are counted against this replica's index before the
// write.
func (r *Replica) AddArticles(ctx context.Context, arts []*article.Article) (indexed, updated int, err error) {
	ids := make([]string, len(arts))
	changes := make([]indexer.Change, len(arts))
	for i, a := range arts {
		ids[i], changes[i] = a.ID, indexer.Change{Article: a}
	}
	had, err := r.live.Has(ids)
	if err != nil {
		return 0, 0, err
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if had[id] {
			updated++
		} else {
			indexed++
		}
	}
	return indexed, updated, r.publish(ctx, changes)
}

// DeleteArticles publishes deletions of ids and reports how many of them
// this replica's index held.
func (r *Replica) DeleteArticles(ctx context.Context, ids []string) (int, error) {
	had, err := r.live.Has(ids)
	if err != nil {
		return 0, err
	}
	changes := make([]indexer.Change, len(ids))
	for i, id := range ids {
		changes[i] = indexer.Change{Deleted: id}
	}
	return len(had), r.publish(ctx, changes)
}

func (r *Replica) publish(ctx context.Context, changes []indexer.Change) error {
	seq, err := r.log.Publish(ctx, changes)
	if err != nil {
		return err
	}
	if seq > r.Applied()+readWaitLag {
		return nil // catching up: the write will be applied in its turn
	}
	wctx, cancel := context.WithTimeout(ctx, readWait)
	defer cancel()
	if r.WaitApplied(wctx, seq) != nil {
		r.slog.Warn("replica: a write is in the log but not applied here yet", "seq", seq, "applied", r.Applied())
	}
	return nil
}

// Status is how far a replica is behind the log.
type Status struct {
	// Applied is the last log sequence in the live generation, Last the
	// stream's last sequence (as last seen), Lag the difference.
	Applied uint64 `json:"applied"`
	Last    uint64 `json:"last"`
	Lag     uint64 `json:"lag"`
	// Known is false while the stream's state could not be read (no NATS
	// server answers); Last is then the last value seen.
	Known bool `json:"known"`
}

// Status reports the replica's position; the stream's last sequence is
// asked for at most every 250 ms.
func (r *Replica) Status(ctx context.Context) Status {
	r.mu.Lock()
	fresh := time.Since(r.lastAt) < 250*time.Millisecond
	r.mu.Unlock()
	known := true
	if !fresh {
		sctx, cancel := context.WithTimeout(ctx, time.Second)
		last, err := r.log.LastSeq(sctx)
		cancel()
		r.mu.Lock()
		if err == nil {
			r.last, r.lastAt = max(r.last, last), time.Now()
		} else {
			known = false
		}
		r.mu.Unlock()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	st := Status{Applied: r.applied, Last: max(r.last, r.applied), Known: known}
	st.Lag = st.Last - st.Applied
	return st
}

// Run applies the log to the live index until ctx ends, reconnecting its
// consumer after errors (a NATS node gone, the connection lost), and
// switches to each generation a reindex publishes (see snapshot.go).
func (r *Replica) Run(ctx context.Context) {
	go r.followGenerations(ctx)
	for ctx.Err() == nil {
		err := r.consume(ctx)
		if ctx.Err() != nil {
			return
		}
		r.slog.Warn("replica: reading the log failed; retrying", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// consumer returns the replica's durable consumer, positioned right
// after the sequence the index holds: it is created again each time the
// replica starts reading, because the index's recorded sequence is the
// truth. Reusing the old position would be wrong: messages delivered to a
// replica that died (or lost its connection) before applying them are
// only delivered again after AckWait, by when later ones are applied and
// they would be skipped as already held.
func (r *Replica) consumer(ctx context.Context) (jetstream.Consumer, error) {
	applied := r.Applied()
	err := r.log.js.DeleteConsumer(ctx, StreamName, r.name)
	if err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return nil, fmt.Errorf("replica: reset consumer %s: %w", r.name, err)
	}
	cfg := jetstream.ConsumerConfig{
		Durable:       r.name,
		Description:   "a syndex serve replica",
		AckPolicy:     jetstream.AckAllPolicy,
		AckWait:       2 * time.Minute,
		MaxAckPending: 20000,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	}
	if applied > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, applied+1
	}
	c, err := r.log.js.CreateConsumer(ctx, StreamName, cfg)
	if err != nil {
		return nil, fmt.Errorf("replica: create consumer %s: %w", r.name, err)
	}
	return c, nil
}

// applyBatch bounds one write of the consumer.
const applyBatch = 1000

// consume reads the durable consumer and applies what it gets: a first
// message waited for, then whatever else is there at once, in one write
// of the index, then one ack for all of them (AckAll) after the write is
// durable. Deliveries must come in order and without gaps — the
// consumer's own sequence goes up by one, each message delivered once —
// or the consumer is re-created after what the index holds: when a NATS
// node goes, a pull in flight can be lost and its messages come again
// only after AckWait, after later ones (TestReplicasThroughNodeLoss lost a
// batch that way until this check).
func (r *Replica) consume(ctx context.Context) error {
	var c jetstream.Consumer
	err := retry(ctx, func(ctx context.Context) (err error) {
		c, err = r.consumer(ctx)
		return err
	})
	if err != nil {
		return err
	}
	it, err := c.Messages(jetstream.PullMaxMessages(applyBatch))
	if err != nil {
		return fmt.Errorf("replica: %w", err)
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	next := uint64(1) // a new consumer delivers from sequence 1
	for {
		m, err := it.Next()
		if err != nil {
			return fmt.Errorf("replica: %w", err)
		}
		batch := []jetstream.Msg{m}
		for len(batch) < applyBatch {
			m, err := it.Next(jetstream.NextMaxWait(2 * time.Millisecond))
			if err != nil {
				break
			}
			batch = append(batch, m)
		}
		good, gap := inOrder(batch, &next)
		if len(good) > 0 {
			if err := r.apply(ctx, good); err != nil {
				return err
			}
		}
		if gap != nil {
			return gap
		}
	}
}

// inOrder returns the leading messages of batch delivered in order (the
// consumer sequence next, next+1, … and each for the first time), moving
// next past them, and an error when the batch goes on out of order.
func inOrder(batch []jetstream.Msg, next *uint64) ([]jetstream.Msg, error) {
	for i, m := range batch {
		md, err := m.Metadata()
		if err != nil {
			return batch[:i], fmt.Errorf("replica: %w", err)
		}
		if md.NumDelivered != 1 || md.Sequence.Consumer != *next {
			return batch[:i], fmt.Errorf("replica: delivery out of order (consumer sequence %d, expected %d, delivered %d times): reading again from the index's sequence",
				md.Sequence.Consumer, *next, md.NumDelivered)
		}
		*next++
	}
	return batch, nil
}

// apply writes the messages of batch the index does not hold yet, then
// acks the batch.
func (r *Replica) apply(ctx context.Context, batch []jetstream.Msg) error {
	r.applyMu.Lock()
	defer r.applyMu.Unlock()
	applied := r.Applied()
	var changes []indexer.Change
	var last uint64
	for _, m := range batch {
		md, err := m.Metadata()
		if err != nil {
			return fmt.Errorf("replica: %w", err)
		}
		seq := md.Sequence.Stream
		if seq <= applied {
			continue // applied before a restart or a redelivery
		}
		last = seq
		c, err := decode(m.Headers(), m.Data())
		if err != nil {
			r.slog.Warn("replica: skipped a bad message of the log", "seq", seq, "err", err)
			continue
		}
		changes = append(changes, c)
	}
	if last > 0 {
		if err := r.live.ApplyChanges(ctx, changes, last); err != nil {
			return fmt.Errorf("replica: apply the log up to %d: %w", last, err)
		}
		r.advance(last)
	}
	// Acked only now: the write is durable.
	if err := batch[len(batch)-1].Ack(); err != nil {
		r.slog.Debug("replica: ack failed; the messages will be delivered again and skipped", "err", err)
	}
	return nil
}
