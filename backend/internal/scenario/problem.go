package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a scenario file, at the position of the
// offending YAML node (1-based line and column).
type Problem struct {
	File    string
	Line    int
	Col     int
	Message string
}

// String formats the problem the way compilers do, so editors can jump to it.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
}

// Problems is every problem found in one or more files, sorted by position.
//
// It implements error, but Parse returns the concrete type: check len(probs)
// or compare with nil before converting it to an error, or a nil Problems
// becomes a non-nil error interface.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there are no problems.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// MaxProblems caps the problems reported for one file: past that, the author
// has a wrong file rather than a list of fixes, and a crafted file must not
// turn a small upload into megabytes of messages.
const MaxProblems = 100

// truncate keeps the first max problems and says how many were left out, at
// the position of the first one dropped.
func (ps Problems) truncate(max int) Problems {
	if len(ps) <= max {
		return ps
	}
	next := ps[max]
	next.Message = fmt.Sprintf("… and %d more problems from here on; fix the ones above first", len(ps)-max)
	return append(ps[:max:max], next)
}
