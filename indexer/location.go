package indexer

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// An index location is a folder that holds one or more generations of the
// Bleve index and a pointer to the live one:
//
//	DIR/CURRENT          name of the live generation (replaced atomically)
//	DIR/gen-<stamp>/     a complete Bleve index
//	DIR/gen-<stamp>.tmp/ a generation being built; never opened by readers
//	DIR/reindex.lock     held (flock) while a reindex runs
//
// Readers only ever open the generation CURRENT names, and CURRENT only ever
// names a complete, closed, fsynced index, so a crash at any moment leaves the
// previous index intact and openable.

const (
	currentFile = "CURRENT"
	lockFile    = "reindex.lock"
	genPrefix   = "gen-"
	tmpSuffix   = ".tmp"
	metaFile    = "syndex.json"
)

// ErrNoIndex means the location has no live index yet.
var ErrNoIndex = errors.New("no index at this location (run `syndex reindex`)")

// ErrReindexRunning means another reindex holds the location's lock.
var ErrReindexRunning = errors.New("another reindex is running on this index location")

// genMeta is written beside each generation so an incompatible index is
// recognized before Bleve tries to read it.
type genMeta struct {
	MappingVersion int       `json:"mapping_version"`
	Built          time.Time `json:"built"`
}

// CurrentGeneration returns the path of the live generation of dir.
func CurrentGeneration(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", ErrNoIndex
	}
	if err != nil {
		return "", fmt.Errorf("read index pointer: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, tmpSuffix) {
		return "", fmt.Errorf("index pointer %s is corrupt (%q): run `syndex reindex`", filepath.Join(dir, currentFile), name)
	}
	return filepath.Join(dir, name), nil
}

func checkMeta(gen string) error {
	b, err := os.ReadFile(filepath.Join(gen, metaFile))
	if err != nil {
		return fmt.Errorf("index %s has no syndex metadata: run `syndex reindex`", gen)
	}
	var m genMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("index %s metadata: %w", gen, err)
	}
	if m.MappingVersion != MappingVersion {
		return fmt.Errorf("index %s was built with mapping version %d, this syndex uses %d: run `syndex reindex`", gen, m.MappingVersion, MappingVersion)
	}
	return nil
}

func writeMeta(gen string) error {
	b, _ := json.Marshal(genMeta{MappingVersion: MappingVersion, Built: time.Now().UTC()})
	return writeFileSync(filepath.Join(gen, metaFile), b)
}

// newGenerationName returns a sortable, unique generation folder name.
func newGenerationName() string {
	var r [3]byte
	rand.Read(r[:])
	return genPrefix + time.Now().UTC().Format("20060102T150405.000") + "-" + hex.EncodeToString(r[:])
}

// publish makes gen the live generation of dir by atomically replacing the
// CURRENT pointer, and returns the previous generation's path ("" if none).
func publish(dir, gen string) (string, error) {
	prev, err := CurrentGeneration(dir)
	if err != nil {
		prev = ""
	}
	tmp := filepath.Join(dir, currentFile+tmpSuffix)
	if err := writeFileSync(tmp, []byte(filepath.Base(gen)+"\n")); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return "", fmt.Errorf("publish index: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return "", err
	}
	return prev, nil
}

// removeStale deletes generations other than the live one: leftovers of
// crashed builds (*.tmp) and replaced generations. It skips the one being
// built by this process (keep).
func removeStale(dir, keep string) {
	live, _ := CurrentGeneration(dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), genPrefix) || p == live || p == keep {
			continue
		}
		if strings.HasSuffix(p, tmpSuffix) {
			os.RemoveAll(p) // only a reindex holding the location lock writes these
			continue
		}
		removeIfUnused(p)
	}
}

// lockInUse takes a shared lock on a generation's metadata file: every
// process that has the generation open holds one.
func lockInUse(gen string) (*os.File, error) {
	f, err := os.Open(filepath.Join(gen, metaFile))
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock index %s: %w", gen, err)
	}
	return f, nil
}

// removeIfUnused deletes a generation that is no longer live when no process
// has it open (no shared in-use lock), and reports whether it did.
func removeIfUnused(gen string) bool {
	if live, _ := CurrentGeneration(filepath.Dir(gen)); live == gen {
		return false
	}
	f, err := os.Open(filepath.Join(gen, metaFile))
	if err == nil {
		defer f.Close()
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
			return false // in use
		}
	}
	return os.RemoveAll(gen) == nil
}

// lockLocation takes the reindex lock of dir without waiting: a second
// reindex fails fast instead of queueing behind the first.
func lockLocation(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock index location: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dir, ErrReindexRunning)
		}
		return nil, fmt.Errorf("lock index location: %w", err)
	}
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// syncTree fsyncs every file and folder under root, so that a generation is
// on disk before CURRENT can name it.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

// DirSize returns the bytes used by the files under root.
func DirSize(root string) int64 {
	var n int64
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
