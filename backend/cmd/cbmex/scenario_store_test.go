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

// A scenario imported from a folder takes the translations beside it, and
// its export writes them beside the exported file.
func TestScenarioImportAndExportWithTranslations(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CBMEX_DATA_DIR": filepath.Join(dir, "data"), "CBMEX_DATABASE_URL": ""}
	src, _ := scenarios.FS.ReadFile("grid-cascade.yaml")
	ru, _ := scenarios.FS.ReadFile("grid-cascade.ru.yaml")
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	source := strings.Replace(string(src), "id: grid-cascade", "id: cli-grid", 1)
	translation := strings.Replace(string(ru), "scenario: grid-cascade", "scenario: cli-grid", 1)
	for name, text := range map[string]string{"cli-grid.yaml": source, "cli-grid.ru.yaml": translation} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI(t, env, "scenario", "import", filepath.Join(in, "cli-grid.yaml"))
	if code != 0 || !strings.Contains(out, "created — cli-grid version 1 in en, ru") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	exported := filepath.Join(dir, "out", "cli-grid.yaml")
	if err := os.MkdirAll(filepath.Dir(exported), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, env, "scenario", "export", "cli-grid", "--out", exported); code != 0 {
		t.Fatalf("export: %d %q", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "out", "cli-grid.ru.yaml")); string(got) != translation {
		t.Error("the exported Russian translation differs from the imported one")
	}
}
