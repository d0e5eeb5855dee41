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

// Every expected action of a bundled scenario says what would show it: a
// recipient, channel or request kind, a record other than a message, or
// that only the evaluators can judge it. With CBM tags alone the report
// could only offer candidates.
func TestBundledActionsSayWhatShowsThem(t *testing.T) {
	names, _ := fs.Glob(scenarios.FS, "*.yaml")
	n := 0
	for _, name := range names {
		data, _ := fs.ReadFile(scenarios.FS, name)
		s, probs := Parse(name, data, nil)
		if probs != nil {
			continue // TestBundledScenarios reports it
		}
		for _, in := range s.Injects {
			for _, a := range in.ExpectedActions {
				n++
				if !a.Specific() && !a.NotObservable && a.Shows() == ShownByMessage {
					t.Errorf("%s: expected action %q of inject %q has no matcher", name, a.Key, in.Key)
				}
			}
		}
	}
	t.Logf("%d expected actions", n)
}
