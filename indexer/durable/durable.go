// Package durable holds the few file-system steps that make a write
// survive a crash (kill -9 or power loss): a file replaced atomically, a
// rename made durable, a folder tree flushed before a pointer names it.
//
// Every place that acknowledges a write — the index location's CURRENT
// pointer and generation metadata, the Writer's journal, month shards,
// API keys — goes through these, so that the rule "fsync the data, rename,
// fsync the folder" is written once.
package durable

import (
	"fmt"
	"os"
	"path/filepath"
)

// TmpSuffix names the temporary file WriteFile writes beside its target.
// Readers of a folder skip names with it: such a file is never complete.
const TmpSuffix = ".tmp"

// WriteFile replaces path with data atomically and durably: data goes to
// path+TmpSuffix, is fsynced, renamed over path, and path's folder is
// fsynced, so after a crash path holds either the old or the new content,
// and once WriteFile returns, the new. The temporary file is removed on
// failure.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	tmp := path + TmpSuffix
	if err := writeSync(tmp, data, perm); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Rename renames from (a file or a folder) to to and fsyncs to's folder,
// so that the rename survives a crash.
func Rename(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(to))
}

// SyncDir fsyncs the folder dir: what was created, renamed or removed in
// it is then on disk.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// SyncTree fsyncs every file and folder under root, so that a tree written
// without fsyncs (a Bleve index built in bulk) is on disk before anything
// names it.
func SyncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		return nil
	})
}

// writeSync writes data to a new or truncated file and fsyncs it.
func writeSync(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
