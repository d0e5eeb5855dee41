package scenario

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
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
		if _, _, ok := TranslationFileName(name); ok {
			continue // TestBundledTranslations
		}
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
		if _, _, ok := TranslationFileName(name); ok {
			continue
		}
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

// Every bundled translation is complete and current: no text missing, none
// stale, none the scenario does not have. The tutorial is in all six
// languages, and the scenarios the workshops run most in Russian and in
// French are in those.
func TestBundledTranslations(t *testing.T) {
	want := map[string][]string{
		"tutorial-first-contact": {"fr", "de", "it", "ru", "es"},
		"grid-cascade":           {"ru"},
		"attribution-dispute":    {"ru"},
		"hospital-ransomware":    {"fr"},
	}
	have := map[string][]string{}
	names, _ := fs.Glob(scenarios.FS, "*.*.yaml")
	for _, name := range names {
		id, lang, ok := TranslationFileName(name)
		if !ok {
			t.Errorf("%s is named like a translation into an unknown language", name)
			continue
		}
		src, err := fs.ReadFile(scenarios.FS, id+".yaml")
		if err != nil {
			t.Errorf("%s has no scenario file %s.yaml beside it", name, id)
			continue
		}
		s, probs := Parse(id+".yaml", src, nil)
		if probs != nil {
			continue // TestBundledScenarios reports it
		}
		data, _ := fs.ReadFile(scenarios.FS, name)
		tr, probs := ParseTranslation("scenarios/"+name, data)
		if probs == nil {
			probs = tr.Check(s)
		}
		if probs != nil {
			t.Errorf("%s:\n%v", name, probs)
			continue
		}
		have[id] = append(have[id], lang)
		t.Logf("%s: %d of %d texts", name, len(tr.Entries), len(s.Texts()))
	}
	for id, langs := range want {
		for _, lang := range langs {
			if !slices.Contains(have[id], lang) {
				t.Errorf("%s has no complete %s translation (scenarios/%s.%s.yaml)", id, lang, id, lang)
			}
		}
	}
}

// The Russian texts use the terms of the Russian versions of the OSCE
// decisions: a tabletop exercise is «настольные учения» («штабные учения»
// is a military command-staff exercise), points of contact are «точки
// контакта», the CBM 10 network is the «Коммуникационная сеть ОБСЕ».
func TestRussianTerms(t *testing.T) {
	wrong := []string{"штабные учения", "штабных учени", "контактные пункты", "контактных пунктов", "контактный пункт", "Сеть связи ОБСЕ"}
	files, _ := filepath.Glob("../../../scenarios/*.ru.yaml")
	more, _ := filepath.Glob("../../../frontend/src/i18n/locales/ru.json")
	files = append(files, more...)
	more, _ = filepath.Glob("../../../frontend/src/i18n/locales/*/ru.json")
	files = append(files, more...)
	if len(files) < 4 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ToLower(string(data))
		for _, w := range wrong {
			if strings.Contains(text, strings.ToLower(w)) {
				t.Errorf("%s says %q", f, w)
			}
		}
	}
}

// bundledScenarios parses every bundled scenario (translations aside).
func bundledScenarios(t *testing.T) []*Scenario {
	t.Helper()
	names, _ := fs.Glob(scenarios.FS, "*.yaml")
	var all []*Scenario
	for _, name := range names {
		if _, _, ok := TranslationFileName(name); ok {
			continue
		}
		data, _ := fs.ReadFile(scenarios.FS, name)
		s, probs := Parse(name, data, nil)
		if probs != nil {
			t.Fatalf("%s is not valid:\n%v", name, probs)
		}
		all = append(all, s)
	}
	return all
}

// A workshop that picks any two bundled scenarios should be able to
// practise any measure of the catalogue: each CBM is exercised (named in
// an expected action) in at least two bundled scenarios, so the library
// does not lean on a single story for a measure.
func TestBundledScenariosExerciseEveryCBMTwice(t *testing.T) {
	set, err := cbm.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat := set.Default()
	exercised := map[string]map[string]bool{}
	for _, s := range bundledScenarios(t) {
		if s.Catalogue != cat.ID {
			continue
		}
		for _, in := range s.Injects {
			for _, a := range in.ExpectedActions {
				for _, k := range a.CBMs {
					if exercised[k] == nil {
						exercised[k] = map[string]bool{}
					}
					exercised[k][s.ID] = true
				}
			}
		}
	}
	for _, k := range cat.Keys() {
		if n := len(exercised[k]); n < 2 {
			ids := make([]string, 0, n)
			for id := range exercised[k] {
				ids = append(ids, id)
			}
			t.Errorf("CBM %s is exercised in %d bundled scenario(s) %v, want at least 2", k, n, ids)
		}
	}
}

// The bundled scenarios' States are fictional and must not be
// recognisable as a real participating State: no institution names or
// doctrinal wording that belong to one of them.
func TestBundledScenariosSingleOutNoState(t *testing.T) {
	telling := []string{
		"information aggression",
		"international information security",
		"state security committee",
		"presidential administration",
		"federation of tarvonia",
	}
	for _, s := range bundledScenarios(t) {
		for _, x := range s.Texts() {
			text := strings.ToLower(x.Value)
			for _, w := range telling {
				if strings.Contains(text, w) {
					t.Errorf("%s: %s says %q", s.ID, x.Key, w)
				}
			}
		}
	}
}

// injectAttention is the room's time one timed inject takes: reading it,
// deciding, a first message (an inject every 3–5 minutes leaves no time
// for discussion).
const injectAttention = 4 * time.Minute

// freeTime is how much of a phase no timed inject claims: each inject
// released in the phase claims injectAttention from its release (cut at
// the phase's end); overlapping claims count once, as private injects
// for different teams are read at the same time.
func freeTime(start, end time.Duration, releases []time.Duration) time.Duration {
	slices.Sort(releases)
	busy, until := time.Duration(0), start
	for _, at := range releases {
		from, to := max(at, until), min(at+injectAttention, end)
		if to > from {
			busy += to - from
			until = to
		}
	}
	return end - start - busy
}

// Every phase of a bundled scenario of an hour or more leaves at least a
// third of its time free of injects, for the stage questions and the tour
// de table. The short tutorial is a guided walk-through and exempt.
func TestBundledScenariosLeaveTimeToTalk(t *testing.T) {
	for _, s := range bundledScenarios(t) {
		if s.Duration < time.Hour {
			continue
		}
		abs, _ := offsets(s.Injects)
		for i, ph := range s.Phases {
			end := s.Duration
			if i+1 < len(s.Phases) {
				end = s.Phases[i+1].StartsAt
			}
			var releases []time.Duration
			for _, in := range s.Injects {
				if at, ok := abs[in.Key]; ok && !in.Contingency && in.Phase == ph.Key {
					releases = append(releases, at)
				}
			}
			free := freeTime(ph.StartsAt, end, releases)
			if 3*free < end-ph.StartsAt {
				t.Errorf("%s, phase %q: %d injects leave %s of %s free, want at least a third", s.ID, ph.Key, len(releases), free, end-ph.StartsAt)
			}
		}
	}
}

func TestFreeTime(t *testing.T) {
	m := time.Minute
	for _, c := range []struct {
		releases []time.Duration
		want     time.Duration
	}{
		{nil, 20 * m},
		{[]time.Duration{0, 4 * m, 8 * m, 12 * m, 16 * m}, 0},
		{[]time.Duration{2 * m, 2 * m, 3 * m}, 15 * m},
		{[]time.Duration{18 * m}, 18 * m},
	} {
		if got := freeTime(0, 20*m, c.releases); got != c.want {
			t.Errorf("freeTime(%v) = %s, want %s", c.releases, got, c.want)
		}
	}
}
