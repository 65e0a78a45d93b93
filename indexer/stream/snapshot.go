package stream

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/syndex/syndex/indexer"
)

// Snapshots: a generation copied (indexer.Index.Snapshot), packed as a tar
// archive into the object store, and named in the state bucket under
// currentKey with the log sequence it holds. A new replica starts from it
// (Bootstrap) and reads the log after that sequence; a replica whose
// generation was built before it (a reindex published a new one)
// switches to it (followGenerations). The leader publishes a snapshot of
// its generation now and then (PublishSnapshot), so that a new replica
// replays little of the log.

// currentKey names the newest snapshot in the state bucket.
const currentKey = "current"

// keepSnapshots is how many snapshots stay in the object store.
const keepSnapshots = 2

// SnapshotInfo describes a published snapshot.
type SnapshotInfo struct {
	// Object is its name in the object store.
	Object string `json:"object"`
	// Seq is the last log sequence it holds.
	Seq uint64 `json:"seq"`
	// Built is when its generation was built by a reindex.
	Built    time.Time `json:"built"`
	Articles uint64    `json:"articles"`
	Bytes    uint64    `json:"bytes"`
}

// Current returns the newest published snapshot; ok is false when there
// is none.
func (l *Log) Current(ctx context.Context) (info SnapshotInfo, ok bool, err error) {
	e, err := l.state.Get(ctx, currentKey)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return info, false, nil
	}
	if err != nil {
		return info, false, fmt.Errorf("nats: read the current snapshot: %w", err)
	}
	if err := json.Unmarshal(e.Value(), &info); err != nil {
		return info, false, fmt.Errorf("nats: current snapshot: %w", err)
	}
	return info, true, nil
}

// PublishSnapshot copies ix into a folder beside it (in tmpDir), uploads
// it and makes it the current snapshot, deleting older ones beyond
// keepSnapshots.
func (l *Log) PublishSnapshot(ctx context.Context, ix *indexer.Index, tmpDir string) (SnapshotInfo, error) {
	dst := filepath.Join(tmpDir, "snapshot-"+nuid.Next()+".tmp")
	defer os.RemoveAll(dst)
	seq, err := ix.Snapshot(ctx, dst)
	if err != nil {
		return SnapshotInfo{}, err
	}
	n, _ := ix.DocCount()
	built, err := ix.Built()
	if err != nil {
		return SnapshotInfo{}, err
	}
	info := SnapshotInfo{Object: fmt.Sprintf("%s-seq%d", filepath.Base(ix.Path), seq), Seq: seq, Built: built.Time, Articles: n}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeTar(pw, dst)) }()
	oi, err := l.snaps.Put(ctx, jetstream.ObjectMeta{Name: info.Object, Description: "syndex generation snapshot"}, pr)
	pr.Close()
	if err != nil {
		return SnapshotInfo{}, fmt.Errorf("nats: upload snapshot: %w", err)
	}
	info.Bytes = oi.Size
	b, _ := json.Marshal(info)
	if _, err := l.state.Put(ctx, currentKey, b); err != nil {
		return SnapshotInfo{}, fmt.Errorf("nats: publish snapshot: %w", err)
	}
	l.pruneSnapshots(ctx, info.Object)
	return info, nil
}

// PublishSnapshot publishes a snapshot of the replica's live generation
// (the leader does now and then, so new replicas replay little of the
// log).
func (r *Replica) PublishSnapshot(ctx context.Context) (SnapshotInfo, error) {
	ix, release := r.live.Acquire()
	defer release()
	return r.log.PublishSnapshot(ctx, ix, r.live.Dir())
}

// pruneSnapshots deletes all but the newest keepSnapshots objects (never
// keep, the current one).
func (l *Log) pruneSnapshots(ctx context.Context, keep string) {
	list, err := l.snaps.List(ctx)
	if err != nil {
		return
	}
	for i := 0; i < len(list)-keepSnapshots; i++ {
		if list[i].Name != keep {
			l.snaps.Delete(ctx, list[i].Name)
		}
	}
}

// Download fetches snapshot info into a new folder in dir and returns it
// (an unpacked generation for indexer.AdoptGeneration).
func (l *Log) Download(ctx context.Context, info SnapshotInfo, dir string) (string, error) {
	res, err := l.snaps.Get(ctx, info.Object)
	if err != nil {
		return "", fmt.Errorf("nats: download snapshot %s: %w", info.Object, err)
	}
	defer res.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, "snapshot-"+nuid.Next()+".tmp")
	if err := readTar(res, dst); err != nil {
		os.RemoveAll(dst)
		return "", fmt.Errorf("snapshot %s: %w", info.Object, err)
	}
	return dst, nil
}

// Bootstrap gives the location dir the current snapshot as its live
// generation when it has no index yet, and reports whether it did (false:
// the location has an index, or no snapshot was published). Every replica
// start calls it, so it also removes downloads a kill cut short.
func Bootstrap(ctx context.Context, l *Log, dir string) (bool, error) {
	// Downloads cut short by a kill are left as snapshot-*.tmp.
	if old, _ := filepath.Glob(filepath.Join(dir, "snapshot-*.tmp")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	if _, err := indexer.CurrentGeneration(dir); !errors.Is(err, indexer.ErrNoIndex) {
		return false, err
	}
	info, ok, err := l.Current(ctx)
	if err != nil || !ok {
		return false, err
	}
	src, err := l.Download(ctx, info, dir)
	if err != nil {
		return false, err
	}
	gen, err := indexer.AdoptGeneration(dir, src)
	if err != nil {
		os.RemoveAll(src)
		return false, err
	}
	return true, indexer.InstallFirst(dir, gen)
}

// followGenerations switches the replica to each snapshot built after its
// generation, as it is published, until ctx ends.
func (r *Replica) followGenerations(ctx context.Context) {
	for ctx.Err() == nil {
		w, err := r.log.state.Watch(ctx, currentKey)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		for e := range w.Updates() {
			if e == nil || e.Operation() != jetstream.KeyValuePut {
				continue
			}
			var info SnapshotInfo
			if json.Unmarshal(e.Value(), &info) != nil {
				continue
			}
			if err := r.maybeInstall(ctx, info); err != nil && ctx.Err() == nil {
				r.slog.Warn("replica: switching to a new generation failed; still on the previous one", "snapshot", info.Object, "err", err)
			}
		}
		w.Stop()
	}
}

// maybeInstall switches to the snapshot if its generation was built after
// the live one: it is downloaded, brought up to the sequence the replica
// has applied (so no write goes missing, nor comes back), and installed.
// A snapshot holding more of the log than the replica is fine: the
// consumer skips what it holds.
func (r *Replica) maybeInstall(ctx context.Context, info SnapshotInfo) error {
	b, err := r.live.Built()
	if err != nil || !info.Built.After(b.Time) {
		return err
	}
	r.slog.Info("replica: a newer generation was published; switching", "snapshot", info.Object, "seq", info.Seq)
	src, err := r.log.Download(ctx, info, r.live.Dir())
	if err != nil {
		return err
	}
	gen, err := indexer.AdoptGeneration(r.live.Dir(), src)
	if err != nil {
		os.RemoveAll(src)
		return err
	}
	r.applyMu.Lock()
	defer r.applyMu.Unlock()
	applied := r.Applied()
	err = r.live.Install(gen, func(ix *indexer.Index) error {
		return r.log.Replay(ctx, info.Seq, applied, func(changes []indexer.Change, last uint64) error {
			return ix.ApplyChanges(ctx, changes, last)
		})
	})
	if err != nil {
		return err
	}
	seq, err := r.live.StreamSeq()
	if err != nil {
		return err
	}
	r.advance(max(seq, applied))
	return nil
}

// PublishGeneration brings the live generation of the location dir (just
// built by a reindex from files) up to the end of the log and publishes it
// as the current snapshot, for every replica to switch to. It returns the
// snapshot.
func PublishGeneration(ctx context.Context, l *Log, dir string) (SnapshotInfo, error) {
	ix, err := indexer.Open(dir)
	if err != nil {
		return SnapshotInfo{}, err
	}
	defer ix.Close()
	from, err := ix.StreamSeq()
	if err != nil {
		return SnapshotInfo{}, err
	}
	to, err := l.LastSeq(ctx)
	if err != nil {
		return SnapshotInfo{}, err
	}
	err = l.Replay(ctx, from, to, func(changes []indexer.Change, last uint64) error {
		return ix.ApplyChanges(ctx, changes, last)
	})
	if err != nil {
		return SnapshotInfo{}, err
	}
	return l.PublishSnapshot(ctx, ix, dir)
}

// maxSnapshotBytes bounds what an archive may unpack to.
const maxSnapshotBytes = 1 << 40

// writeTar writes the files under root into a tar stream.
func writeTar(w io.Writer, root string) error {
	tw := tar.NewWriter(w)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	if err != nil {
		return err
	}
	return tw.Close()
}

// readTar unpacks a tar stream written by writeTar into the new folder
// dst: only folders and regular files, only below dst, fsynced.
func readTar(r io.Reader, dst string) error {
	if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}
	tr := tar.NewReader(r)
	var total int64
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("unpack: %w", err)
		}
		name := filepath.FromSlash(hdr.Name)
		if !filepath.IsLocal(name) || strings.Contains(hdr.Name, "\\") {
			return fmt.Errorf("unpack: %q is outside the snapshot", hdr.Name)
		}
		p := filepath.Join(dst, name)
		switch hdr.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if total += hdr.Size; total > maxSnapshotBytes {
				return errors.New("unpack: the snapshot is larger than 1 TiB")
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if err == nil {
				err = f.Sync()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("unpack %s: %w", hdr.Name, err)
			}
		default:
			return fmt.Errorf("unpack: %q is not a file or a folder", hdr.Name)
		}
	}
}
