package durable

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "CURRENT")
	for _, want := range []string{"gen-1\n", "gen-2\n", ""} {
		if err := WriteFile(p, []byte(want), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || string(got) != want {
			t.Fatalf("read back %q, %v; want %q", got, err, want)
		}
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
	if _, err := os.Stat(p + TmpSuffix); !os.IsNotExist(err) {
		t.Fatalf("temporary file left: %v", err)
	}
}

func TestWriteFileFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	// The target is a non-empty folder: the rename over it fails.
	target := filepath.Join(dir, "taken")
	if err := os.MkdirAll(filepath.Join(target, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]string{
		"missing folder": filepath.Join(dir, "no", "such", "file"),
		"rename refused": target,
	} {
		if err := WriteFile(p, []byte("x"), 0o644); err == nil {
			t.Errorf("%s: no error", name)
		}
		if _, err := os.Stat(p + TmpSuffix); !os.IsNotExist(err) {
			t.Errorf("%s: temporary file left: %v", name, err)
		}
	}
}

func TestRenameAndSyncTree(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, "gen"+TmpSuffix)
	if err := os.MkdirAll(filepath.Join(tmp, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "store", "seg.zap"), []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := SyncTree(tmp); err != nil {
		t.Fatal(err)
	}
	final := filepath.Join(dir, "gen")
	if err := Rename(tmp, final); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(final, "store", "seg.zap")); err != nil || string(b) != "data" {
		t.Fatalf("after rename: %q, %v", b, err)
	}
	if err := SyncTree(filepath.Join(dir, "missing")); err == nil {
		t.Error("SyncTree of a missing folder: no error")
	}
	if err := Rename(filepath.Join(dir, "missing"), final+"2"); err == nil {
		t.Error("Rename of a missing folder: no error")
	}
	if err := SyncDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("SyncDir of a missing folder: no error")
	}
}
