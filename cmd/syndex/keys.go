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
	"time"

	"github.com/spf13/cobra"
	"github.com/syndex/syndex/searchsvc/apikeys"
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

// newKeysCmd is `syndex keys`: the API keys partners push articles with
// (package apikeys), kept hashed in the index location.
func newKeysCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Create, list and revoke API keys for the push API",
		Long: `API keys authorize the push API of syndex serve (POST /api/v1/articles,
DELETE /api/v1/articles/{id}) as "Authorization: Bearer KEY". A key is
printed once, when created; the index location keeps only its SHA-256
(api-keys.json, mode 0600). A running server sees new and revoked keys on
the next request. Replicas of a cluster (serve --nats) share one key file:
give each the same --api-keys FILE (a mounted secret).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var file string
	cmd.PersistentFlags().StringVar(&file, "api-keys", "", "key file (default: api-keys.json in the index location); replicas of a cluster share one, as serve --api-keys")
	store := func() (*apikeys.Store, error) { return apikeys.Open(a.apiKeysPath(file)) }
	var scope, name string
	create := &cobra.Command{
		Use:   "create",
		Short: "Create a key and print it (once)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := store()
			if err != nil {
				return err
			}
			tok, k, err := st.Create(name, scope)
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintln(cmd.OutOrStdout(), tok)
			fmt.Fprintf(cmd.ErrOrStderr(), "key %s (scope %s) created; it is shown only now\n", k.ID, k.Scope)
			return nil
		},
	}
	create.Flags().StringVar(&scope, "scope", apikeys.ScopeWrite, "what the key may do: "+strings.Join(apikeys.Scopes, " or "))
	create.Flags().StringVar(&name, "name", "", "for whom the key is (shown by list and in the log)")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the keys (never the keys themselves)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := store()
			if err != nil {
				return err
			}
			keys, err := st.List()
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if len(keys) == 0 {
				fmt.Fprintln(w, "no API keys; create one with `syndex keys create --scope write --name PARTNER`")
			}
			for _, k := range keys {
				state := "active"
				if k.Revoked != nil {
					state = "revoked " + k.Revoked.Format(time.DateTime)
				}
				fmt.Fprintf(w, "%s  %-5s  %-20s  created %s  %s\n", k.ID, k.Scope, k.Name, k.Created.Format(time.DateTime), state)
			}
			return nil
		},
	}
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a key (by its id, or the key itself)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := store()
			if err != nil {
				return err
			}
			k, err := st.Revoke(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "key %s revoked\n", k.ID)
			return nil
		},
	}
	cmd.AddCommand(create, list, revoke)
	return cmd
}
