package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// scenarioFiles is a scenario file named on the command line with the
// translation files beside it (grid-cascade.ru.yaml next to
// grid-cascade.yaml), whether named too or not.
type scenarioFiles struct {
	file         string
	translations map[string]string // language → file
}

// groupScenarioFiles sorts the arguments into scenario files and their
// translations. A translation named without its scenario file is reported
// on stderr: it cannot be checked alone.
func groupScenarioFiles(args []string, stderr io.Writer) ([]scenarioFiles, bool) {
	ok := true
	var out []scenarioFiles
	named := map[string]bool{}
	for _, a := range args {
		if _, _, isTr := scenario.TranslationFileName(a); !isTr {
			named[filepath.Clean(a)] = true
		}
	}
	for _, a := range args {
		slug, _, isTr := scenario.TranslationFileName(a)
		if !isTr {
			out = append(out, scenarioFiles{file: a, translations: siblingTranslations(a)})
			continue
		}
		if !named[filepath.Join(filepath.Dir(a), slug+".yaml")] {
			fmt.Fprintf(stderr, "%s:1:1: a translation is checked with its scenario; name %s too\n", a,
				filepath.Join(filepath.Dir(a), slug+".yaml"))
			ok = false
		}
	}
	return out, ok
}

// siblingTranslations finds grid-cascade.*.yaml beside grid-cascade.yaml.
func siblingTranslations(file string) map[string]string {
	base := filepath.Base(file)
	slug := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	if slug == base {
		return nil
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(file), globEscape(slug)+".*.yaml"))
	slices.Sort(matches)
	out := map[string]string{}
	for _, m := range matches {
		if s, lang, ok := scenario.TranslationFileName(m); ok && s == slug {
			out[lang] = m
		}
	}
	return out
}

func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	return r.Replace(s)
}
