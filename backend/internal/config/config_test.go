package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsEnvironmentFilesAndFlags(t *testing.T) {
	c, err := Load("serve", nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.DatabaseURL != "" || c.SessionTTL != 12*time.Hour {
		t.Fatalf("defaults: %+v", c)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("s3cret-from-a-file-that-is-long-enough\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = Load("serve", []string{"--addr", ":9999"}, env(map[string]string{
		"CBMEX_ADDR": "0.0.0.0:1", "CBMEX_DATA_DIR": "/srv/cbmex", "CBMEX_JWT_SECRET_FILE": secret,
		"CBMEX_DATABASE_URL": "postgres://u@h/db",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9999" || c.DataDir != "/srv/cbmex" || c.JWTSecret != "s3cret-from-a-file-that-is-long-enough" || c.DatabaseURL != "postgres://u@h/db" {
		t.Fatalf("layers: %+v", c)
	}
}

func TestBadSettingsAreRefused(t *testing.T) {
	cases := map[string]map[string]string{
		"mysql url":    {"CBMEX_DATABASE_URL": "mysql://x"},
		"short secret": {"CBMEX_JWT_SECRET": "short"},
		"bad ttl":      {"CBMEX_SESSION_TTL": "soon"},
		"missing file": {"CBMEX_ADMIN_PASSWORD_FILE": "/no/such/file"},
		"tiny ttl":     {"CBMEX_SESSION_TTL": "1s"},
	}
	for name, vars := range cases {
		if _, err := Load("serve", nil, env(vars)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestMarkdownListsEveryKey(t *testing.T) {
	md := Markdown()
	for _, k := range Keys {
		if !strings.Contains(md, "`"+k.Env+"`") {
			t.Errorf("%s missing from the table", k.Env)
		}
	}
}

// docs/config.md must show the table as the code has it.
func TestDocsTableIsCurrent(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), Markdown()) {
		t.Fatal("docs/config.md is out of date: paste the output of `cbmex config` into it")
	}
}
