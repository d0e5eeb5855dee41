package scenario

import (
	"fmt"
	"path/filepath"
	"strings"
)

// CheckLibrary checks a folder of scenarios together: ids must be unique,
// because exercises and imports refer to scenarios by id, and each file is
// named after its id (grid-cascade.yaml holds id: grid-cascade) so people can
// find it. Pass the scenarios in a stable order (e.g. by file name): the first
// keeps a duplicated id.
func CheckLibrary(scenarios []*Scenario) Problems {
	first := map[string]*Scenario{}
	probs := problems()
	for _, s := range scenarios {
		if s == nil || s.ID == "" {
			continue
		}
		base := filepath.Base(s.file)
		if stem := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml"); stem != base && stem != s.ID {
			probs.Add(Problem{File: s.file, Line: s.idLine, Col: s.idCol,
				Message: fmt.Sprintf("the id is %q but the file is named %s; name the file %s.yaml or change the id", s.ID, base, s.ID)})
		}
		if f, dup := first[s.ID]; dup {
			probs.Add(Problem{File: s.file, Line: s.idLine, Col: s.idCol,
				Message: fmt.Sprintf("the id %q is already used by %s; ids must be unique in the library", s.ID, f.file)})
			continue
		}
		first[s.ID] = s
	}
	return probs.List()
}
