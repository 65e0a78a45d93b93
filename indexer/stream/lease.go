package stream

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// leaderKey is the lease of the cluster's one leader, which polls the
// feeds, applies retention and publishes snapshots.
const leaderKey = "leader"

// Lead runs f whenever this process (holder, unique per replica) holds the
// cluster's leader lease, until ctx ends. The lease is a key in a
// JetStream KV bucket whose entries expire after leaseTTL: taken with
// Create (only if absent), renewed every leaseTTL/3 with Update on the
// revision held (so a holder that lost it cannot renew it back), and given
// up on a clean stop. When its holder dies the key expires and another
// replica takes it within about leaseTTL. f's context ends when the lease
// is lost — a renewal that fails for half the TTL counts as lost, so a
// partitioned holder stops before another can take over.
func (l *Log) Lead(ctx context.Context, holder string, f func(ctx context.Context)) {
	tick := leaseTTL / 3
	for ctx.Err() == nil {
		rev, err := l.leases.Create(ctx, leaderKey, []byte(holder))
		if err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(tick):
			}
			continue
		}
		l.log.Info("nats: this replica leads (polls feeds, publishes snapshots)", "holder", holder)
		fctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); f(fctx) }()
		renewed := time.Now()
		for fctx.Err() == nil {
			select {
			case <-fctx.Done():
				continue
			case <-done:
				cancel()
				continue
			case <-time.After(tick):
			}
			uctx, ucancel := context.WithTimeout(fctx, tick)
			r, err := l.leases.Update(uctx, leaderKey, []byte(holder), rev)
			ucancel()
			switch {
			case err == nil:
				rev, renewed = r, time.Now()
			case errors.Is(err, jetstream.ErrKeyExists) || time.Since(renewed) > leaseTTL/2:
				l.log.Warn("nats: lost the leader lease", "holder", holder, "err", err)
				cancel()
			}
		}
		<-done
		cancel()
		if ctx.Err() != nil {
			// Stopping: give the lease up so another replica leads at once.
			dctx, dcancel := context.WithTimeout(context.Background(), time.Second)
			l.leases.Delete(dctx, leaderKey, jetstream.LastRevision(rev))
			dcancel()
		}
	}
}
