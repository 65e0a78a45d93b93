package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// keysFile is the default file of write keys, in the index location.
const keysFile = "write-keys"

// writeKeys returns the keys that authorize the server's write endpoint:
// those of file (one per line, # comments; mode 0600), created with one new
// random key when it does not exist, plus the comma-separated keys of env.
// The first key of the file is the one `syndex index` uses through
// server.json. Keys persist across restarts, so tooling configured with a
// key keeps working.
func writeKeys(file, env string) ([]string, error) {
	keys, err := readKeys(file)
	if errors.Is(err, os.ErrNotExist) {
		k, kerr := newToken()
		if kerr != nil {
			return nil, kerr
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return nil, fmt.Errorf("create write keys: %w", err)
		}
		content := "# syndex write keys: one per line; `Authorization: Bearer <key>` on POST /admin/v1/articles\n" + k + "\n"
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			return nil, fmt.Errorf("create write keys: %w", err)
		}
		keys, err = []string{k}, nil
	}
	if err != nil {
		return nil, err
	}
	for k := range strings.SplitSeq(env, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if len(k) < 16 {
			return nil, fmt.Errorf("write key %q… is under 16 characters: use a long random key", k[:min(4, len(k))])
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("no write key in %s or $SYNDEX_WRITE_KEYS", file)
	}
	return keys, nil
}

// readKeys reads a keys file; it must not be readable by others.
func readKeys(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("write keys %s can be read by others (mode %v): chmod 600 it", file, st.Mode().Perm())
	}
	var keys []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k := strings.TrimSpace(sc.Text()); k != "" && !strings.HasPrefix(k, "#") {
			keys = append(keys, k)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read write keys %s: %w", file, err)
	}
	return keys, nil
}

// newToken returns a random key for the server's write endpoint.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make write key: %w", err)
	}
	return hex.EncodeToString(b), nil
}
