package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

const scenarioValidateUsage = `usage: cbmex scenario validate FILE...

Checks scenario files and prints every problem as file:line:col: message.
The translations beside each file (grid-cascade.ru.yaml next to
grid-cascade.yaml) are checked too: texts they lack, texts whose source
changed since they were translated (stale), and keys the scenario does not have.
Exit status: 0 all files valid, 1 problems found, 2 usage error.
`

// runScenarioValidate validates each FILE, printing problems to stderr and a
// one-line summary per valid file to stdout. Files are also checked together
// (unique ids, file named after its id), as they form a library.
func runScenarioValidate(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, scenarioValidateUsage)
		return 2
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(stdout, scenarioValidateUsage)
			return 0
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			fmt.Fprintf(stderr, "cbmex scenario validate: unknown flag %s\n%s", a, scenarioValidateUsage)
			return 2
		}
	}
	set, err := cbm.Load()
	if err != nil {
		fmt.Fprintf(stderr, "cbmex scenario validate: the CBM catalogues are broken: %v\n", err)
		return 1
	}
	status := 0
	var valid []*scenario.Scenario
	groups, ok := groupScenarioFiles(args, stderr)
	if !ok {
		status = 1
	}
	var summaries []string
	for _, g := range groups {
		s, ok := validateScenarioFile(g.file, set, stderr)
		if !ok {
			status = 1
			continue
		}
		valid = append(valid, s)
		for _, lang := range scenario.Languages {
			if file, ok := g.translations[lang]; ok {
				line, ok := validateTranslationFile(file, s, stderr)
				if !ok {
					status = 1
				}
				summaries = append(summaries, line)
			}
		}
	}
	failed := map[string]bool{}
	if probs := scenario.CheckLibrary(valid); len(probs) > 0 {
		fmt.Fprintln(stderr, probs.Error())
		for _, p := range probs {
			failed[p.File] = true
		}
		status = 1
	}
	for _, s := range valid {
		if !failed[s.File()] {
			fmt.Fprintln(stdout, scenarioSummary(s))
		}
	}
	for _, line := range summaries {
		if line != "" {
			fmt.Fprintln(stdout, line)
		}
	}
	return status
}

// validateTranslationFile checks one translation against its scenario and
// returns the summary line for a complete one.
func validateTranslationFile(file string, s *scenario.Scenario, stderr io.Writer) (string, bool) {
	data, err := readScenarioFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "%s:1:1: %v\n", file, err)
		return "", false
	}
	tr, probs := scenario.ParseTranslation(file, data)
	if len(probs) == 0 {
		probs = tr.Check(s)
	}
	if len(probs) > 0 {
		fmt.Fprintln(stderr, probs.Error())
		return "", false
	}
	return fmt.Sprintf("%s: ok — %d of %d texts translated into %s", file, len(s.Texts()), len(s.Texts()), tr.Language), true
}

func validateScenarioFile(file string, set *cbm.Set, stderr io.Writer) (*scenario.Scenario, bool) {
	data, err := readScenarioFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "%s:1:1: %v\n", file, err)
		return nil, false
	}
	s, probs := scenario.Parse(file, data, set)
	if len(probs) > 0 {
		fmt.Fprintln(stderr, probs.Error())
		return nil, false
	}
	return s, true
}

// readScenarioFile reads at most one byte more than the size cap, so that a
// huge file is refused by the parser without being loaded whole.
func readScenarioFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("the file does not exist")
		}
		return nil, fmt.Errorf("the file cannot be read: %v", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("this is a folder; pass the scenario files, e.g. %s/*.yaml", strings.TrimRight(file, "/"))
	}
	data, err := io.ReadAll(io.LimitReader(f, scenario.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("the file cannot be read: %v", err)
	}
	return data, nil
}

// scenarioSummary is e.g. "scenarios/grid.yaml: ok — 18 injects, 4 phases, 4 teams, CBMs 2 3 8 14 15".
func scenarioSummary(s *scenario.Scenario) string {
	keys := append([]string(nil), s.CBMs...)
	cbm.SortKeys(keys)
	return fmt.Sprintf("%s: ok — %d injects, %d phases, %d teams, CBMs %s",
		s.File(), len(s.Injects), len(s.Phases), len(s.Teams), strings.Join(keys, " "))
}
