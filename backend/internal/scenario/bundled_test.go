package scenario

import (
	"io/fs"
	"testing"

	"github.com/cbmex/cbmex/scenarios"
)

// Every scenario shipped in the binary must be valid, alone and as a library.
func TestBundledScenarios(t *testing.T) {
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled scenarios (%v)", err)
	}
	var all []*Scenario
	for _, name := range names {
		data, err := fs.ReadFile(scenarios.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		s, probs := Parse("scenarios/"+name, data, nil)
		if probs != nil {
			t.Errorf("%s is not valid:\n%v", name, probs)
			continue
		}
		all = append(all, s)
	}
	if probs := CheckLibrary(all); probs != nil {
		t.Errorf("library problems:\n%v", probs)
	}
}
