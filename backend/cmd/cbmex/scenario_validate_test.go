package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

func writeScenario(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func miniScenario(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../internal/scenario/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestScenarioValidate(t *testing.T) {
	dir := t.TempDir()
	good := writeScenario(t, dir, "mini.yaml", miniScenario(t))
	bad := writeScenario(t, dir, "bad.yaml", strings.Replace(miniScenario(t), "phase: detection", "phase: detectoin", 1))

	cases := []struct {
		name       string
		args       []string
		code       int
		stdout     string
		stderrHas  string
		stderrNone bool
	}{
		{"valid", []string{good}, 0, good + ": ok — 3 injects, 2 phases, 2 teams, CBMs 3 8\n", "", true},
		{"invalid", []string{bad}, 1, "", bad + `:37:12: inject "blackout" refers to phase "detectoin"`, false},
		{"mixed", []string{good, bad}, 1, good + ": ok", bad + ":37:12:", false},
		{"missing file", []string{filepath.Join(dir, "nope.yaml")}, 1, "", "nope.yaml:1:1: the file does not exist", false},
		{"folder", []string{dir}, 1, "", "this is a folder", false},
		{"no args", nil, 2, "", "usage: cbmex scenario validate FILE...", false},
		{"bad flag", []string{"-x", good}, 2, "", "unknown flag -x", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runScenarioValidate(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), tc.stdout) {
				t.Errorf("stdout = %q, want prefix %q", stdout.String(), tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderrHas) || tc.stderrNone && stderr.Len() > 0 {
				t.Errorf("stderr = %q, want %q", stderr.String(), tc.stderrHas)
			}
		})
	}
}

// Two files with the same id fail together even though each is valid alone.
func TestScenarioValidateDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	a := writeScenario(t, dir, "mini.yaml", miniScenario(t))
	sub := filepath.Join(dir, "copy")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	b := writeScenario(t, sub, "mini.yaml", miniScenario(t))
	var stdout, stderr bytes.Buffer
	if code := runScenarioValidate([]string{a, b}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
	}
	if want := b + `:1:5: the id "mini" is already used by ` + a; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
}

// A file with a problem on every line prints the first ones and a line
// saying how many more there are, not hundreds of thousands of lines.
func TestScenarioValidateCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: aliases\nthemes: &a [x]\ntags:\n")
	for b.Len() < scenario.MaxFileSize-20 {
		b.WriteString("- *a\n")
	}
	file := writeScenario(t, t.TempDir(), "aliases.yaml", b.String())
	var stdout, stderr bytes.Buffer
	if code := runScenarioValidate([]string{file}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) != scenario.MaxProblems+1 || !strings.Contains(lines[len(lines)-1], "more problems from here on") {
		t.Fatalf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
}

// The translations beside a scenario are checked with it: a text whose
// source changed since it was translated is reported at its key, one that
// is missing at texts:, and a translation named alone is refused.
func TestScenarioValidateTranslations(t *testing.T) {
	dir := t.TempDir()
	src := miniScenario(t)
	file := writeScenario(t, dir, "mini.yaml", src)
	s, probs := scenario.Parse("mini.yaml", []byte(src), nil)
	if probs != nil {
		t.Fatal(probs)
	}
	tr := scenario.NewTranslation(s, "ru")
	for _, text := range s.Texts() {
		tr.Set(text.Key, text.Value, "перевод: "+text.Key)
	}
	ru := writeScenario(t, dir, "mini.ru.yaml", string(tr.Marshal(s)))

	var stdout, stderr bytes.Buffer
	if code := runScenarioValidate([]string{file}, &stdout, &stderr); code != 0 {
		t.Fatalf("a complete translation: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), ru+": ok — ") {
		t.Errorf("stdout %q names no translation", stdout.String())
	}

	// The author edits the title after the translation.
	writeScenario(t, dir, "mini.yaml", strings.Replace(src, "title: "+s.Title, "title: A new title", 1))
	stdout.Reset()
	stderr.Reset()
	code := runScenarioValidate([]string{file, ru}, &stdout, &stderr)
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if code != 1 || len(lines) != 1 {
		t.Fatalf("exit %d, stderr:\n%s\nwant exactly the stale title", code, stderr.String())
	}
	want := ru + ":7:3: title is stale"
	if !strings.HasPrefix(lines[0], want) {
		t.Errorf("stderr %q, want it to start with %q", lines[0], want)
	}

	stdout.Reset()
	stderr.Reset()
	if code := runScenarioValidate([]string{ru}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "a translation is checked with its scenario") {
		t.Errorf("a translation alone: exit %d, %q", code, stderr.String())
	}
}

// The bundled scenarios and their translations pass the validator as an
// author runs it: `cbmex scenario validate scenarios/*.yaml`.
func TestBundledScenariosPassTheValidator(t *testing.T) {
	files, err := filepath.Glob("../../../scenarios/*.yaml")
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d files (%v)", len(files), err)
	}
	var stdout, stderr bytes.Buffer
	if code := runScenarioValidate(files, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	if n := strings.Count(stdout.String(), "texts translated into"); n < 8 {
		t.Errorf("%d translations validated, want at least 8:\n%s", n, stdout.String())
	}
	t.Log("\n" + stdout.String())
}
