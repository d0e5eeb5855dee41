package scoring

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes the scorecards and the measured evidence, one row per team
// and criterion, for spreadsheets.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"exercise", "team", "criterion", "final score", "facilitator scores", "scores differ",
		"messages sent", "requests received", "median ack (s)", "median answer (s)", "expected actions observed",
		"expected actions in time", "PoC complete", "CBMs used"}
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
	observed, inTime := 0, 0
	for _, e := range m.Expected {
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
		strconv.Itoa(observed) + "/" + strconv.Itoa(len(m.Expected)), strconv.Itoa(inTime) + "/" + strconv.Itoa(len(m.Expected)),
		strconv.FormatBool(m.PoCComplete), strings.Join(used, " ")}
	var out [][]string
	for _, cs := range t.Scorecard {
		final := ""
		if cs.Final != nil {
			final = cs.Final.Value
		}
		var each []string
		for _, s := range cs.Scores {
			each = append(each, s.By+": "+s.Value)
		}
		out = append(out, append([]string{r.Exercise.Title, t.Name, cs.Criterion, final, strings.Join(each, "; "), strconv.FormatBool(cs.Differ)}, common...))
	}
	return out
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', 0, 64)
}
