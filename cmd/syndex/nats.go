package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/poll"
	"github.com/syndex/syndex/indexer/stream"
)

// natsFlags are the root flags that make syndex one replica of many, fed
// through NATS JetStream (indexer/stream); empty URLs: one machine, no
// NATS.
type natsFlags struct {
	urls     []string
	replicas int
}

// connectNATS connects to the ingestion log, or returns nil without --nats.
func (a *app) connectNATS(ctx context.Context) (*stream.Log, error) {
	if len(a.nats.urls) == 0 {
		return nil, nil
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return stream.Connect(cctx, stream.Config{URLs: a.nats.urls, Replicas: a.nats.replicas, Log: a.log})
}

// defaultReplicaName names this replica's durable consumer: the host and
// a hash of the index location, stable across restarts.
func defaultReplicaName(indexDir string) string {
	host, _ := os.Hostname()
	abs, err := filepath.Abs(indexDir)
	if err != nil {
		abs = indexDir
	}
	h := sha256.Sum256([]byte(abs))
	return strings.ToLower(host) + "-" + hex.EncodeToString(h[:4])
}

// leaderWork is what one replica of the cluster does for all: poll the
// feeds, apply retention (published as deletions) and publish a snapshot
// of its generation every snapshotEvery, while it holds the lease.
func leaderWork(a *app, replica *stream.Replica, live *indexer.Live, poller *poll.Poller, keep, snapshotEvery time.Duration) func(ctx context.Context) {
	return func(ctx context.Context) {
		if poller != nil {
			go poller.Run(ctx)
		}
		if keep > 0 {
			go live.RunRetention(ctx, keep, indexer.RetentionInterval, replica, a.log)
		}
		if snapshotEvery <= 0 {
			<-ctx.Done()
			return
		}
		t := time.NewTicker(snapshotEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			info, err := replica.PublishSnapshot(ctx)
			if err != nil {
				if ctx.Err() == nil {
					a.log.Warn("publishing a snapshot failed; retrying at the next interval", "err", err)
				}
				continue
			}
			a.log.Info("published a snapshot", "object", info.Object, "seq", info.Seq, "articles", info.Articles, "bytes", info.Bytes)
		}
	}
}

// publishGeneration makes the generation a reindex just built the one
// every replica switches to.
func (a *app) publishGeneration(ctx context.Context, lg *stream.Log) error {
	info, err := stream.PublishGeneration(ctx, lg, a.indexDir)
	if err != nil {
		return fmt.Errorf("publish the new generation to the replicas: %w", err)
	}
	a.log.Info("published the new generation to the replicas", "object", info.Object, "seq", info.Seq, "articles", info.Articles)
	return nil
}
