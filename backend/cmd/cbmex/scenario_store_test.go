package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/scenarios"
)

func TestScenarioImportAndExport(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CBMEX_DATA_DIR": filepath.Join(dir, "data"), "CBMEX_DATABASE_URL": ""}
	orig, err := scenarios.FS.ReadFile("tutorial-first-contact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(orig), "id: tutorial-first-contact", "id: cli-copy", 1)
	file := filepath.Join(dir, "cli-copy.yaml")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(src)
	for _, want := range []string{"created — cli-copy version 1", "unchanged — cli-copy version 1"} {
		code, out, errOut := runCLI(t, env, "scenario", "import", file)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("import: %d %q %q, want %q", code, out, errOut, want)
		}
	}
	write(strings.Replace(src, "\nversion: 1\n", "\nversion: 2\n", 1))
	if code, out, _ := runCLI(t, env, "scenario", "import", file); code != 0 || !strings.Contains(out, "new version — cli-copy version 2") {
		t.Fatalf("re-import: %d %q", code, out)
	}
	write(strings.Replace(src, "duration: 15m", "duration: -5m", 1))
	code, _, errOut := runCLI(t, env, "scenario", "import", file)
	if code != 1 || !strings.Contains(errOut, file+":") {
		t.Fatalf("broken import: %d %q", code, errOut)
	}
	out := filepath.Join(dir, "exported.yaml")
	if code, _, errOut := runCLI(t, env, "scenario", "export", "cli-copy", "--version", "1", "--out", out); code != 0 {
		t.Fatalf("export: %d %q", code, errOut)
	}
	if got, _ := os.ReadFile(out); string(got) != src {
		t.Fatal("exported version 1 differs from the imported file")
	}
	if code, _, errOut := runCLI(t, env, "scenario", "export", "nope"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("export of an unknown scenario: %d %q", code, errOut)
	}
}
