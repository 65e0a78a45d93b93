// Package apikeys stores the API keys partners push articles with: created
// by `syndex keys create`, listed, revoked, kept in one JSON file of the
// index location. A key is shown once, when created; the file holds only
// its SHA-256, so reading the file (or a backup of it) gives no key away.
// The server reloads the file when it changes, so a revocation takes
// effect on the next request without a restart.
package apikeys

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/syndex/syndex/indexer/durable"
)

// File is the key file's name in the index location.
const File = "api-keys.json"

// Scopes a key may have. ScopeWrite pushes and deletes articles
// (POST/DELETE /api/v1/articles); ScopeAdmin also reaches the admin
// endpoints (/admin/v1/...).
const (
	ScopeWrite = "write"
	ScopeAdmin = "admin"
)

// Scopes are the valid scopes.
var Scopes = []string{ScopeWrite, ScopeAdmin}

// tokenPrefix starts every key, so a leaked one is recognisable (secret
// scanners) and its id is readable without the secret.
const tokenPrefix = "sdx_"

// Key is one API key as stored: never the key itself.
type Key struct {
	ID      string     `json:"id"`
	Name    string     `json:"name,omitempty"`
	Scope   string     `json:"scope"`
	Hash    string     `json:"sha256"`
	Created time.Time  `json:"created"`
	Revoked *time.Time `json:"revoked,omitempty"`
}

// Store is the key file of one index location. It is safe for concurrent
// use; writes from several processes are not coordinated beyond an atomic
// replace of the file (the CLI writes, the server reads).
type Store struct {
	path string

	mu    sync.Mutex
	keys  []Key
	mtime time.Time
	size  int64
}

// Open reads the key file at path; a missing file is an empty store.
func Open(path string) (*Store, error) {
	s := &Store{path: path}
	if err := s.reload(true); err != nil {
		return nil, err
	}
	return s, nil
}

// reload reads the file if it changed since the last read (or always).
// Called with s.mu held, or before s is shared.
func (s *Store) reload(force bool) error {
	st, err := os.Stat(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		s.keys, s.mtime, s.size = nil, time.Time{}, 0
		return nil
	}
	if err != nil {
		return fmt.Errorf("api keys: %w", err)
	}
	if !force && st.ModTime().Equal(s.mtime) && st.Size() == s.size {
		return nil
	}
	if st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("api keys: %s is readable by others (mode %v); chmod 600 it", s.path, st.Mode().Perm())
	}
	data, err := os.ReadFile(s.path)
	if err != nil {
		return fmt.Errorf("api keys: %w", err)
	}
	var keys []Key
	if err := json.Unmarshal(data, &keys); err != nil {
		return fmt.Errorf("api keys: %s: %w", s.path, err)
	}
	s.keys, s.mtime, s.size = keys, st.ModTime(), st.Size()
	return nil
}

// save writes the keys atomically with mode 0600.
func (s *Store) save() error {
	data, err := json.MarshalIndent(s.keys, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("api keys: %w", err)
	}
	if err := durable.WriteFile(s.path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("api keys: %w", err)
	}
	return s.reload(true)
}

// Create adds a key with a scope and a name (for whom it is) and returns
// the key, which is not stored and cannot be shown again.
func (s *Store) Create(name, scope string) (token string, k Key, err error) {
	if !slices.Contains(Scopes, scope) {
		return "", Key{}, fmt.Errorf("unknown scope %q; use %s", scope, strings.Join(Scopes, " or "))
	}
	var id [8]byte
	var sec [24]byte
	if _, err := rand.Read(id[:]); err != nil {
		return "", Key{}, err
	}
	if _, err := rand.Read(sec[:]); err != nil {
		return "", Key{}, err
	}
	k = Key{ID: hex.EncodeToString(id[:]), Name: name, Scope: scope, Hash: hashOf(hex.EncodeToString(sec[:])), Created: time.Now().UTC()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.reload(false); err != nil {
		return "", Key{}, err
	}
	s.keys = append(s.keys, k)
	if err := s.save(); err != nil {
		return "", Key{}, err
	}
	return tokenPrefix + k.ID + "_" + hex.EncodeToString(sec[:]), k, nil
}

// Revoke revokes the key with id (or the key whose token is given).
func (s *Store) Revoke(id string) (Key, error) {
	if rest, ok := strings.CutPrefix(id, tokenPrefix); ok {
		id, _, _ = strings.Cut(rest, "_")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.reload(false); err != nil {
		return Key{}, err
	}
	for i := range s.keys {
		if s.keys[i].ID == id {
			if s.keys[i].Revoked == nil {
				now := time.Now().UTC()
				s.keys[i].Revoked = &now
				if err := s.save(); err != nil {
					return Key{}, err
				}
			}
			return s.keys[i], nil
		}
	}
	return Key{}, fmt.Errorf("no key %q (see `syndex keys list`)", id)
}

// List returns the keys, revoked ones included, oldest first.
func (s *Store) List() ([]Key, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.reload(false); err != nil {
		return nil, err
	}
	return slices.Clone(s.keys), nil
}

// Check returns the key a token is, and true when it is a valid, unrevoked
// key allowed scope (an admin key is allowed everything). A token with the
// right secret of a revoked key, or of a key of another scope, returns that
// key and false, so the answer can say why; any other token returns the
// zero Key. The file is re-read when it changed, so revocations apply at
// once. The secret is compared as a hash in constant time.
func (s *Store) Check(token, scope string) (Key, bool) {
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok {
		return Key{}, false
	}
	id, secret, ok := strings.Cut(rest, "_")
	if !ok || secret == "" {
		return Key{}, false
	}
	h := hashOf(secret)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.reload(false); err != nil {
		return Key{}, false // a broken file authorizes nothing
	}
	for _, k := range s.keys {
		if k.ID != id {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(h), []byte(k.Hash)) != 1 {
			return Key{}, false
		}
		if k.Revoked != nil {
			return k, false // the right secret of a revoked key: say so
		}
		if k.Scope != scope && k.Scope != ScopeAdmin {
			return k, false
		}
		return k, true
	}
	return Key{}, false
}

func hashOf(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
