package indexer

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/syndex/syndex/indexer/durable"
	"github.com/syndex/syndex/indexer/timeshard"
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
	tmpSuffix   = durable.TmpSuffix
	metaFile    = "syndex.json"
)

// ErrNoIndex means the location has no live index yet.
var ErrNoIndex = errors.New("no index at this location (run `syndex reindex`)")

// ErrReindexRunning means another reindex holds the location's lock.
var ErrReindexRunning = errors.New("another reindex is running on this index location")

// genMeta is written beside each generation so an incompatible index is
// recognized before Bleve tries to read it. It also remembers what the
// generation was built from, so that `syndex reindex` without arguments
// rebuilds the same index, and how many articles it held, so that a reindex
// yielding far fewer is refused.
type genMeta struct {
	MappingVersion int       `json:"mapping_version"`
	Built          time.Time `json:"built"`
	// Sources are the absolute paths of the files and folders written into
	// the generation (by its reindex, then by `syndex index`).
	Sources []string `json:"sources,omitempty"`
	// Sample says the generation was built from the bundled sample corpus,
	// whose temporary path is not worth remembering.
	Sample bool `json:"sample,omitempty"`
	// Articles is the article count at the last write that recorded it.
	Articles uint64 `json:"articles"`
	// JournalOffset is how much of the location's journal the generation's
	// reindex applied: Live, switching to it, applies the rest (what was
	// written while the reindex ran).
	JournalOffset int64 `json:"journal_offset,omitempty"`
}

// readMeta reads the metadata of generation gen.
func readMeta(gen string) (genMeta, error) {
	var m genMeta
	b, err := os.ReadFile(filepath.Join(gen, metaFile))
	if err != nil {
		return m, fmt.Errorf("index %s has no syndex metadata: run `syndex reindex`", gen)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("index %s metadata: %w", gen, err)
	}
	return m, nil
}

// Built is what the live index of a location was built from.
type Built struct {
	// Sources are the files and folders written into it, absolute.
	Sources []string
	// Sample is true when it holds the bundled sample corpus.
	Sample bool
	// Articles is its article count when last recorded.
	Articles uint64
	// Time is when its reindex built it (a snapshot of it keeps this time;
	// replicas switch to a snapshot built later than theirs).
	Time time.Time
}

// BuiltFrom returns what the live index at dir was built from, or
// ErrNoIndex on a fresh location. It reads only the generation's metadata,
// so it works while a server holds the index.
func BuiltFrom(dir string) (Built, error) {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return Built{}, err
	}
	m, err := readMeta(gen)
	if err != nil {
		return Built{}, err
	}
	return m.built(), nil
}

func (m genMeta) built() Built {
	return Built{Sources: m.Sources, Sample: m.Sample, Articles: m.Articles, Time: m.Built}
}

// RecordSources adds sources to those the live generation at dir remembers
// and, when articles > 0, records that count; `syndex index` calls it after
// a write, directly or through the server, so that a later reindex without
// arguments includes these files too.
func RecordSources(dir string, sources []string, articles uint64) error {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return err
	}
	m, err := readMeta(gen)
	if err != nil {
		return err
	}
	abs, err := absPaths(sources)
	if err != nil {
		return err
	}
	for _, p := range abs {
		if !slices.Contains(m.Sources, p) {
			m.Sources = append(m.Sources, p)
		}
	}
	if articles > 0 {
		m.Articles = articles
	}
	return writeMetaFile(gen, m)
}

// absPaths makes source paths absolute, so that they mean the same from
// any working directory.
func absPaths(paths []string) ([]string, error) {
	out := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", p, err)
		}
		out[i] = a
	}
	return out, nil
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

// LiveMonthShards says whether the live generation of dir is built as
// month shards, so that a reindex that does not say which layout to build
// keeps the one in use (false when there is no readable live generation).
func LiveMonthShards(dir string) bool {
	gen, err := CurrentGeneration(dir)
	if err != nil {
		return false
	}
	b, err := os.ReadFile(filepath.Join(gen, "index_meta.json"))
	if err != nil {
		return false
	}
	var meta struct {
		IndexType string `json:"index_type"`
	}
	return json.Unmarshal(b, &meta) == nil && meta.IndexType == timeshard.Name
}

func checkMeta(gen string) error {
	m, err := readMeta(gen)
	if err != nil {
		return err
	}
	if m.MappingVersion != MappingVersion {
		return fmt.Errorf("index %s was built with mapping version %d, this syndex uses %d: run `syndex reindex`", gen, m.MappingVersion, MappingVersion)
	}
	return nil
}

// writeMetaFile writes m as the metadata of generation gen, atomically: a
// server may be reading the generation.
func writeMetaFile(gen string, m genMeta) error {
	m.MappingVersion = MappingVersion
	if m.Built.IsZero() {
		m.Built = time.Now().UTC()
	}
	b, _ := json.Marshal(m)
	if err := durable.WriteFile(filepath.Join(gen, metaFile), b, 0o644); err != nil {
		return fmt.Errorf("write index metadata: %w", err)
	}
	return nil
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
	if err := durable.WriteFile(filepath.Join(dir, currentFile), []byte(filepath.Base(gen)+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("publish index: %w", err)
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
