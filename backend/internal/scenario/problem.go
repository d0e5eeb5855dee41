package scenario

import (
	"cmp"
	"fmt"
	"slices"
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

// byPosition orders problems by file, line and column.
func byPosition(a, b Problem) int {
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// MaxProblems caps the problems reported for one file: past that, the author
// has a wrong file rather than a list of fixes, and a crafted file must not
// turn a small upload into megabytes of messages.
const MaxProblems = 100

// Collector gathers problems, keeping the first MaxProblems in reading order
// and counting the others: a file with a mistake every few bytes costs
// neither memory nor a long answer in proportion. Every list of problems
// cbmex reports (scenario files, libraries, spreadsheets) is made by one.
type Collector[P any] struct {
	// Compare orders the problems as the author reads the file.
	Compare func(a, b P) int
	// More makes the last problem of a capped list, which stands for the n
	// problems left out; first is the first of them.
	More func(first P, n int) P

	kept []P
	n    int
}

// Add records a problem.
func (c *Collector[P]) Add(p P) {
	c.n++
	c.kept = append(c.kept, p)
	if len(c.kept) >= 4*MaxProblems {
		// Keep the first MaxProblems, and one more: the first left out.
		slices.SortStableFunc(c.kept, c.Compare)
		clear(c.kept[MaxProblems+1:])
		c.kept = c.kept[:MaxProblems+1]
	}
}

// Len is how many problems were added, kept or not.
func (c *Collector[P]) Len() int { return c.n }

// List returns the problems in reading order: all of them, or the first
// MaxProblems and one saying how many more there were.
func (c *Collector[P]) List() []P {
	if c.n == 0 {
		return nil
	}
	slices.SortStableFunc(c.kept, c.Compare)
	if c.n <= MaxProblems {
		return slices.Clone(c.kept)
	}
	return append(slices.Clone(c.kept[:MaxProblems]), c.More(c.kept[MaxProblems], c.n-MaxProblems))
}

// problems collects a scenario's problems.
func problems() *Collector[Problem] {
	return &Collector[Problem]{Compare: byPosition, More: func(first Problem, n int) Problem {
		first.Message = fmt.Sprintf("… and %d more problems from here on; fix the ones above first", n)
		return first
	}}
}
