package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/syndex/syndex/indexer/durable"
)

// serverFile records, inside an index location, the search server that has
// the location open, so that `syndex index` sends it new articles instead of
// fighting it for the index's file lock. It is readable by the owner only,
// because it holds the write token.
const serverFile = "server.json"

// ServerInfo is how a running server can be reached for writes.
type ServerInfo struct {
	// Addr is the server's host:port.
	Addr string `json:"addr"`
	PID  int    `json:"pid"`
	// Token authorizes the server's write endpoints (Bearer).
	Token string `json:"token"`
}

// WriteServerInfo records info in the index location dir (mode 0600).
func WriteServerInfo(dir string, info ServerInfo) error {
	b, _ := json.Marshal(info)
	if err := durable.WriteFile(filepath.Join(dir, serverFile), b, 0o600); err != nil {
		return fmt.Errorf("record server: %w", err)
	}
	return nil
}

// ReadServerInfo returns the server recorded in dir, or ok=false when none is
// recorded or its process is gone (a server killed with -9 leaves the file).
func ReadServerInfo(dir string) (info ServerInfo, ok bool) {
	b, err := os.ReadFile(filepath.Join(dir, serverFile))
	if err != nil || json.Unmarshal(b, &info) != nil || info.PID <= 0 || info.Addr == "" {
		return ServerInfo{}, false
	}
	if err := syscall.Kill(info.PID, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return ServerInfo{}, false
	}
	return info, true
}

// RemoveServerInfo removes the record if it is the one of process pid.
func RemoveServerInfo(dir string, pid int) {
	if info, ok := ReadServerInfo(dir); ok && info.PID != pid {
		return
	}
	os.Remove(filepath.Join(dir, serverFile))
}
