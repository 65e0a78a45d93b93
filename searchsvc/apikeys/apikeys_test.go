package apikeys

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), File)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	tok, k, err := s.Create("Partner A", ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, tokenPrefix+k.ID+"_") || len(tok) < 40 {
		t.Fatalf("token %q", tok)
	}
	data, _ := os.ReadFile(path)
	secret := tok[strings.LastIndex(tok, "_")+1:]
	if strings.Contains(string(data), secret) {
		t.Error("the key file holds the secret")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", st.Mode().Perm())
	}
	if got, ok := s.Check(tok, ScopeWrite); !ok || got.ID != k.ID || got.Name != "Partner A" {
		t.Errorf("Check(valid) = %+v, %v", got, ok)
	}
	if _, ok := s.Check(tok, ScopeAdmin); ok {
		t.Error("a write key passes as admin")
	}
	for _, bad := range []string{"", "sdx_", tok + "x", tok[:len(tok)-1], "sdx_" + k.ID + "_", strings.Replace(tok, k.ID, "0000000000000000", 1)} {
		if _, ok := s.Check(bad, ScopeWrite); ok {
			t.Errorf("Check(%q) passes", bad)
		}
	}
	admTok, _, err := s.Create("ops", ScopeAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Check(admTok, ScopeWrite); !ok {
		t.Error("an admin key cannot write")
	}
	if _, _, err := s.Create("x", "read"); err == nil {
		t.Error("unknown scope accepted")
	}

	// Another process (the CLI) revokes: this store sees it at once.
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // a different mtime on coarse clocks
	if _, err := other.Revoke(k.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Check(tok, ScopeWrite); ok {
		t.Error("a revoked key still passes")
	}
	keys, err := s.List()
	if err != nil || len(keys) != 2 || keys[0].Revoked == nil || keys[1].Revoked != nil {
		t.Errorf("List = %+v, %v", keys, err)
	}
	if _, err := s.Revoke("nope"); err == nil {
		t.Error("revoking an unknown key succeeded")
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Errorf("a world-readable key file opened: %v", err)
	}
}
