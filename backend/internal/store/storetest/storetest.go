// Package storetest gives each test its own freshly migrated database, on
// SQLite always and on PostgreSQL when CBMEX_TEST_DATABASE_URL is set, so
// that every storage test runs on both dialects.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/store"
)

// EnvURL names the variable holding a PostgreSQL URL for tests.
const EnvURL = "CBMEX_TEST_DATABASE_URL"

// Dialects runs fn once per available dialect, as subtests "sqlite" and
// "postgres". Without a PostgreSQL URL the postgres subtest is skipped with a
// loud message, and fails instead when CI=true: CI must run it.
func Dialects(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	t.Run(store.SQLite, func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run(store.Postgres, func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated SQLite store in a temporary folder.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return migrated(t, store.Options{DataDir: t.TempDir()})
}

// Postgres returns a migrated store in a new, empty schema of the test
// database; the schema is dropped when the test ends.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL tests", EnvURL)
		}
		t.Skipf("SKIPPED ON POSTGRESQL: set %s to run this test on PostgreSQL too", EnvURL)
	}
	schema := "t_" + randomHex(8)
	admin := open(t, store.Options{DatabaseURL: base})
	if err := admin.DB.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.DB.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	return migrated(t, store.Options{DatabaseURL: withSearchPath(t, base, schema)})
}

// URL returns a PostgreSQL URL for a fresh, migrated schema, for tests that
// start a whole server process; "" when no test database is configured.
func URL(t testing.TB) string {
	t.Helper()
	if os.Getenv(EnvURL) == "" {
		return ""
	}
	st := Postgres(t)
	return st.URL
}

func migrated(t testing.TB, o store.Options) *store.Store {
	t.Helper()
	st := open(t, o)
	m, err := st.Migrator()
	if err != nil {
		t.Fatalf("migrator: %v", err)
	}
	if _, err := m.Up(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func open(t testing.TB, o store.Options) *store.Store {
	t.Helper()
	st, err := store.Open(o)
	if err != nil {
		t.Fatalf("open %s: %v", o.DatabaseURL, err)
	}
	return st
}

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema) // pgx passes unknown keys on as run-time parameters
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprint("random: ", err))
	}
	return hex.EncodeToString(b)
}
