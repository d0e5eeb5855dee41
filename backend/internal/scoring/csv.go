package scoring

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes the scorecards and the measured evidence, one row per team
// and criterion, for spreadsheets. Every cell that carries text someone
// typed goes through safeCell, so that a name or title such as =1+1 opens as
// text, not as a formula.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"exercise", "team", "criterion", "final score", "final comment", "facilitator scores", "scores differ",
		"messages sent", "requests received", "median ack (s)", "median answer (s)", "expected actions observed",
		"expected actions in time", "PoC complete", "CBMs used"}
	if r.Attribution != nil {
		header = withDelegation(header, "delegation (attributed results)")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, t := range r.Teams {
		for _, row := range r.rows(t) {
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func (r *Report) rows(t TeamReport) [][]string {
	m := t.Metrics
	// Actions no record can show are the evaluators' to judge: they are not
	// counted as observed or not.
	observed, inTime, observable := 0, 0, 0
	for _, e := range m.Expected {
		if e.Status != StatusNotObservable {
			observable++
		}
		if e.Observed {
			observed++
		}
		if e.InTime && e.Observed {
			inTime++
		}
	}
	var used []string
	for _, c := range r.HeatMap.CBMs {
		if n := m.CBMUse[c]; n > 0 {
			used = append(used, c+":"+strconv.Itoa(n))
		}
	}
	common := []string{itoa(int64(m.MessagesSent)), itoa(int64(len(m.RequestsReceived))), num(m.MedianAckSeconds), num(m.MedianAnswerSeconds),
		strconv.Itoa(observed) + "/" + strconv.Itoa(observable), strconv.Itoa(inTime) + "/" + strconv.Itoa(observable),
		strconv.FormatBool(m.PoCComplete), safeCell(strings.Join(used, " "))}
	var out [][]string
	for _, cs := range t.Scorecard {
		final, comment := "", ""
		if cs.Final != nil {
			final, comment = cs.Final.Value, cs.Final.Comment
		}
		row := []string{safeCell(r.Exercise.Title), safeCell(t.Name), safeCell(r.criterionTitle(cs.Criterion)), safeCell(final),
			safeCell(comment), safeCell(facilitatorScores(cs.Scores)), strconv.FormatBool(cs.Differ)}
		if r.Attribution != nil {
			row = withDelegation(row, safeCell(t.Delegation))
		}
		out = append(out, append(row, common...))
	}
	return out
}

// withDelegation puts the delegation's column after the team's (the
// scenario role): only a report with attributed results has it.
func withDelegation(row []string, cell string) []string {
	return append(row[:2:2], append([]string{cell}, row[2:]...)...)
}

// criterionTitle is the rubric's title of a criterion, its key when the
// rubric has none.
func (r *Report) criterionTitle(key string) string {
	for _, c := range r.Exercise.Criteria {
		if c.Key == key && c.Title != "" {
			return c.Title
		}
	}
	return key
}

// facilitatorScores lists each facilitator's score as "name: value,
// comment", one facilitator a line.
func facilitatorScores(scores []ScoreData) string {
	lines := make([]string, 0, len(scores))
	for _, s := range scores {
		line := s.By + ": " + s.Value
		if s.Comment != "" {
			line += ", " + s.Comment
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', 0, 64)
}
