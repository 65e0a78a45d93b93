package stream

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
)

// Names in JetStream.
const (
	// StreamName is the ingestion log.
	StreamName = "SYNDEX_ARTICLES"
	// subjectPrefix + a hash of the article id is each article's subject.
	subjectPrefix = "syndex.article."
	// leaseBucket holds leases (the poller's), with a short TTL.
	leaseBucket = "syndex_leases"
	// stateBucket holds the pointer to the newest snapshot.
	stateBucket = "syndex_state"
	// snapshotBucket is the object store of generation snapshots.
	snapshotBucket = "syndex_snapshots"

	hdrOp     = "Syndex-Op"
	hdrID     = "Syndex-Id"
	opPut     = "put"
	opDelete  = "delete"
	leaseTTL  = 10 * time.Second
	retryWait = 250 * time.Millisecond
)

// Config says how to reach the NATS cluster.
type Config struct {
	// URLs are the NATS servers (nats://host:4222), any of the cluster.
	URLs []string
	// Replicas is how many NATS servers keep each message of the stream,
	// the leases and the snapshots (default 3; 1 for a single server). A
	// PubAck means this many hold it.
	Replicas int
	// Log receives connection events.
	Log *slog.Logger
}

// Log is a connection to the ingestion log and the buckets beside it.
type Log struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	leases jetstream.KeyValue
	state  jetstream.KeyValue
	snaps  jetstream.ObjectStore
	log    *slog.Logger
	// replicas is how many servers keep each message and bucket entry.
	replicas int
}

// Connect connects to the cluster and creates the stream and buckets when
// they do not exist yet. The connection reconnects forever; writes made
// while no server answers wait for one until their context ends.
func Connect(ctx context.Context, cfg Config) (*Log, error) {
	if len(cfg.URLs) == 0 {
		return nil, errors.New("nats: no server URL")
	}
	if cfg.Replicas <= 0 {
		cfg.Replicas = 3
	}
	lg := cfg.Log
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	nc, err := nats.Connect(strings.Join(cfg.URLs, ","),
		nats.Name("syndex"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				lg.Warn("nats: disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { lg.Info("nats: reconnected", "server", c.ConnectedUrlRedacted()) }),
	)
	if err != nil {
		return nil, fmt.Errorf("nats: connect to %s: %w", strings.Join(cfg.URLs, ","), err)
	}
	l := &Log{nc: nc, log: lg, replicas: cfg.Replicas}
	if err := l.setUp(ctx, cfg.Replicas); err != nil {
		nc.Close()
		return nil, err
	}
	return l, nil
}

// setUp creates or opens the stream and the buckets, retrying while the
// cluster elects its JetStream leaders.
func (l *Log) setUp(ctx context.Context, replicas int) error {
	var err error
	if l.js, err = jetstream.New(l.nc, jetstream.WithPublishAsyncTimeout(5*time.Second)); err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	return retry(ctx, func(ctx context.Context) error {
		if l.stream, err = l.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
			Name:              StreamName,
			Description:       "syndex ingestion log: the latest write of each article",
			Subjects:          []string{subjectPrefix + "*"},
			Storage:           jetstream.FileStorage,
			Replicas:          replicas,
			MaxMsgsPerSubject: 1,
			Duplicates:        2 * time.Minute,
		}); err != nil {
			return fmt.Errorf("nats: stream %s: %w", StreamName, err)
		}
		if l.leases, err = l.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket: leaseBucket, TTL: leaseTTL, Replicas: replicas, Storage: jetstream.FileStorage,
		}); err != nil {
			return fmt.Errorf("nats: bucket %s: %w", leaseBucket, err)
		}
		if l.state, err = l.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket: stateBucket, Replicas: replicas, Storage: jetstream.FileStorage,
		}); err != nil {
			return fmt.Errorf("nats: bucket %s: %w", stateBucket, err)
		}
		if l.snaps, err = l.js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
			Bucket: snapshotBucket, Replicas: replicas, Storage: jetstream.FileStorage,
		}); err != nil {
			return fmt.Errorf("nats: object store %s: %w", snapshotBucket, err)
		}
		return nil
	})
}

// retry runs f until it succeeds or ctx ends, waiting a little between
// tries: a cluster that lost a node answers "no responders" or times out
// until it has elected new leaders.
func retry(ctx context.Context, f func(ctx context.Context) error) error {
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := f(actx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (gave up: %w)", err, ctx.Err())
		case <-time.After(retryWait):
		}
	}
}

// Close closes the connection.
func (l *Log) Close() { l.nc.Close() }

// subject is the subject of an article id: the id hashed, since ids hold
// any characters and a subject holds tokens.
func subject(id string) string {
	h := sha256.Sum256([]byte(id))
	return subjectPrefix + hex.EncodeToString(h[:16])
}

// encode turns a change into its message, for the servers' max_payload.
func (l *Log) encode(c indexer.Change) (*nats.Msg, error) {
	return encode(c, l.nc.MaxPayload())
}

// encode turns a change into its message; an article whose message would
// be over maxPayload bytes is a *TooLargeError.
func encode(c indexer.Change, maxPayload int64) (*nats.Msg, error) {
	if c.Article != nil {
		data, err := json.Marshal(c.Article)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", c.Article.ID, err)
		}
		// Headers and subject take well under 1 KiB.
		if int64(len(data)+1024) > maxPayload {
			return nil, &TooLargeError{ID: c.Article.ID, Size: len(data), Max: maxPayload}
		}
		m := nats.NewMsg(subject(c.Article.ID))
		m.Header.Set(hdrOp, opPut)
		m.Data = data
		return m, nil
	}
	m := nats.NewMsg(subject(c.Deleted))
	m.Header.Set(hdrOp, opDelete)
	m.Header.Set(hdrID, c.Deleted)
	return m, nil
}

// decode reads a message of the log back into its change.
func decode(h nats.Header, data []byte) (indexer.Change, error) {
	switch h.Get(hdrOp) {
	case opPut:
		var a article.Article
		if err := json.Unmarshal(data, &a); err != nil {
			return indexer.Change{}, fmt.Errorf("article: %w", err)
		}
		if a.ID == "" {
			return indexer.Change{}, errors.New("article without id")
		}
		return indexer.Change{Article: &a}, nil
	case opDelete:
		if id := h.Get(hdrID); id != "" {
			return indexer.Change{Deleted: id}, nil
		}
		return indexer.Change{}, errors.New("delete without id")
	}
	return indexer.Change{}, fmt.Errorf("unknown operation %q", h.Get(hdrOp))
}

// Publish appends changes to the log and returns the stream sequence of
// the last once every one is acknowledged by JetStream (held by the
// stream's replicas). A change JetStream does not acknowledge in time is
// sent again with the same message id, so the stream's duplicate window
// keeps one copy, until ctx ends; then the error says how many were not
// acknowledged (those before may be in the log: writes are by id, so
// sending them again is harmless). An article larger than the servers'
// max_payload is refused before anything is sent.
func (l *Log) Publish(ctx context.Context, changes []indexer.Change) (uint64, error) {
	msgs := make([]*nats.Msg, len(changes))
	for i, c := range changes {
		m, err := l.encode(c)
		if err != nil {
			return 0, err
		}
		msgs[i] = m
	}
	return l.publish(ctx, msgs)
}

// PublishFitting is Publish for the changes whose messages fit the
// servers' max_payload, and reports the others by index in changes (each
// a *TooLargeError), so a bulk import keeps every good article.
func (l *Log) PublishFitting(ctx context.Context, changes []indexer.Change) (uint64, map[int]error, error) {
	var msgs []*nats.Msg
	var refused map[int]error
	for i, c := range changes {
		m, err := l.encode(c)
		var big *TooLargeError
		switch {
		case errors.As(err, &big):
			if refused == nil {
				refused = map[int]error{}
			}
			refused[i] = err
			continue
		case err != nil:
			return 0, refused, err
		}
		msgs = append(msgs, m)
	}
	seq, err := l.publish(ctx, msgs)
	return seq, refused, err
}

// publish sends msgs and waits for their PubAcks (see Publish).
func (l *Log) publish(ctx context.Context, msgs []*nats.Msg) (uint64, error) {
	ids := make([]string, len(msgs))
	futs := make([]jetstream.PubAckFuture, len(msgs))
	for i, m := range msgs {
		ids[i] = nuid.Next()
		f, err := l.js.PublishMsgAsync(m, jetstream.WithMsgID(ids[i]))
		if err == nil {
			futs[i] = f
		}
	}
	var last uint64
	for i, f := range futs {
		var seq uint64
		if f != nil {
			select {
			case ack := <-f.Ok():
				seq = ack.Sequence
			case <-f.Err():
			case <-ctx.Done():
				return last, fmt.Errorf("nats: %d of %d writes not acknowledged: %w", len(futs)-i, len(futs), ctx.Err())
			}
		}
		if seq == 0 {
			// Sent again, as a new message with the same id.
			m := nats.NewMsg(msgs[i].Subject)
			m.Header, m.Data = msgs[i].Header, msgs[i].Data
			err := retry(ctx, func(ctx context.Context) error {
				ack, err := l.js.PublishMsg(ctx, m, jetstream.WithMsgID(ids[i]))
				if err == nil {
					seq = ack.Sequence
				}
				return err
			})
			if err != nil {
				return last, fmt.Errorf("nats: %d of %d writes not acknowledged: %w", len(futs)-i, len(futs), err)
			}
		}
		last = max64(last, seq)
	}
	return last, nil
}

func max64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// TooLargeError is an article over the servers' max_payload.
type TooLargeError struct {
	ID   string
	Size int
	Max  int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("article %s is %d bytes as JSON, over the NATS servers' max_payload of %d bytes (raise max_payload, or lower --max-body)", e.ID, e.Size, e.Max)
}

// LastSeq returns the stream's last sequence.
func (l *Log) LastSeq(ctx context.Context) (uint64, error) {
	info, err := l.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("nats: stream info: %w", err)
	}
	return info.State.LastSeq, nil
}

// Replay calls apply with the changes of the log after sequence from, up
// to and including to, in batches in their order (messages a later write
// of the same article replaced are gone, which is what they say), each
// with the sequence of its last message. It reads with an ordered
// consumer of its own, so it works beside the replica's durable one.
func (l *Log) Replay(ctx context.Context, from, to uint64, apply func(changes []indexer.Change, last uint64) error) error {
	if to <= from {
		return nil
	}
	cons, err := l.js.OrderedConsumer(ctx, StreamName, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: from + 1,
	})
	if err != nil {
		return fmt.Errorf("nats: replay from %d: %w", from+1, err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(500))
	if err != nil {
		return fmt.Errorf("nats: replay from %d: %w", from+1, err)
	}
	defer it.Stop()
	var batch []indexer.Change
	var last uint64
	for last < to {
		m, err := it.Next(jetstream.NextMaxWait(10 * time.Second))
		if err != nil {
			return fmt.Errorf("nats: replay at %d of %d: %w", last, to, err)
		}
		md, err := m.Metadata()
		if err != nil {
			return fmt.Errorf("nats: replay: %w", err)
		}
		if md.Sequence.Stream > to {
			break
		}
		last = md.Sequence.Stream
		if c, err := decode(m.Headers(), m.Data()); err == nil {
			batch = append(batch, c)
		} else {
			l.log.Warn("nats: skipped a bad message of the log", "seq", last, "err", err)
		}
		if len(batch) >= 500 || last == to || md.NumPending == 0 {
			if err := apply(batch, last); err != nil {
				return err
			}
			batch = batch[:0]
			if md.NumPending == 0 {
				break
			}
		}
	}
	if len(batch) > 0 {
		return apply(batch, last)
	}
	return nil
}
