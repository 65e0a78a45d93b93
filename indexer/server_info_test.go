package indexer

import (
	"os"
	"path/filepath"
	"testing"
)

func TestServerInfo(t *testing.T) {
	dir := t.TempDir()
	if _, ok := ReadServerInfo(dir); ok {
		t.Fatal("no server recorded yet")
	}
	if err := WriteServerInfo(dir, ServerInfo{Addr: "127.0.0.1:1", PID: os.Getpid(), Token: "t"}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(dir, serverFile))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("server file mode %v, want 0600 (it holds the token)", st.Mode().Perm())
	}
	info, ok := ReadServerInfo(dir)
	if !ok || info.Token != "t" {
		t.Fatalf("read back %+v %v", info, ok)
	}
	// A dead process's record is ignored.
	WriteServerInfo(dir, ServerInfo{Addr: "127.0.0.1:1", PID: 1 << 22, Token: "t"})
	if _, ok := ReadServerInfo(dir); ok {
		t.Error("record of a dead process was trusted")
	}
	RemoveServerInfo(dir, 1<<22)
	if _, err := os.Stat(filepath.Join(dir, serverFile)); !os.IsNotExist(err) {
		t.Error("record not removed")
	}
}
