package scoring

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
)

// dashColumns are the dashboard CSV's columns. Each row is one group of
// the dashboard — a CBM, a scenario, a role of a scenario, a workshop, or
// (attributed workshops only) a delegation in an exercise — named by its
// level; a column a level has nothing for stays empty.
var dashColumns = []string{"level", "workshop", "scenario", "exercise", "role", "delegation", "attributed results", "cbm",
	"exercises", "teams", "messages sent", "cbm uses", "teams using the cbm", "exercises expecting the cbm",
	"expected actions", "observed", "observed in time", "median ack (s)", "median answer (s)", "agreed scores",
	"most used rank", "least used rank"}

// dashRow is one row, by column; text cells go through safeCell when set.
type dashRow map[string]string

// WriteCSV writes the dashboard in the shape it has on screen, one group a
// row. Every cell that carries text someone typed (titles, names, reasons)
// goes through safeCell, so that a title such as =1+1 opens as text.
func (d *Dashboard) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(dashColumns); err != nil {
		return err
	}
	for _, row := range d.csvRows() {
		line := make([]string, len(dashColumns))
		for i, c := range dashColumns {
			line[i] = row[c]
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (d *Dashboard) csvRows() []dashRow {
	var rows []dashRow
	most, least := rankOf(d.MostUsed), rankOf(d.LeastUsed)
	for _, c := range d.CBMs {
		row := dashRow{"level": "cbm", "cbm": safeCell(c.CBM), "cbm uses": itoa(int64(c.Uses)),
			"teams using the cbm": itoa(int64(c.TeamsUsing)), "exercises expecting the cbm": itoa(int64(c.ExercisesExpecting)),
			"most used rank": most[c.CBM], "least used rank": least[c.CBM]}
		rows = append(rows, row.expectations(c.Expectations))
	}
	for _, s := range d.Scenarios {
		rows = append(rows, dashRow{"level": "scenario", "scenario": safeCell(s.Scenario)}.figures(s.Figures))
		for _, r := range s.Roles {
			rows = append(rows, dashRow{"level": "role", "scenario": safeCell(s.Scenario), "role": safeCell(r.Name)}.figures(r.Figures))
		}
	}
	for _, w := range d.Workshops {
		row := dashRow{"level": "workshop", "workshop": safeCell(w.Title)}
		if w.Attribution != nil {
			row["attributed results"] = safeCell(w.Attribution.Reason)
		}
		rows = append(rows, row.figures(w.Figures))
	}
	for _, dl := range d.Delegations {
		row := dashRow{"level": "delegation", "workshop": safeCell(dl.Workshop), "scenario": safeCell(dl.Scenario),
			"exercise": safeCell(dl.Exercise), "role": safeCell(dl.Role), "delegation": safeCell(dl.Delegation),
			"attributed results": safeCell(dl.Attribution.Reason)}
		row = row.figures(dl.Figures)
		row["agreed scores"] = safeCell(finalScores(dl.Final))
		rows = append(rows, row)
	}
	return rows
}

func (row dashRow) expectations(x Expectations) dashRow {
	row["expected actions"], row["observed"], row["observed in time"] = itoa(int64(x.Expected)), itoa(int64(x.Observed)), itoa(int64(x.InTime))
	return row
}

func (row dashRow) figures(f Figures) dashRow {
	row["exercises"], row["teams"], row["messages sent"] = itoa(int64(f.Exercises)), itoa(int64(f.Teams)), itoa(int64(f.MessagesSent))
	row["median ack (s)"], row["median answer (s)"] = num(f.MedianAckSeconds), num(f.MedianAnswerSeconds)
	row["agreed scores"] = safeCell(scoreCounts(f.Scores))
	return row.expectations(f.Expectations)
}

func rankOf(list []RankedCBM) map[string]string {
	out := map[string]string{}
	for _, r := range list {
		out[r.CBM] = strconv.Itoa(r.Rank)
	}
	return out
}

// scoreCounts writes how many of each agreed score, best first: "P: 3;
// S: 1".
func scoreCounts(scores map[string]int) string {
	vals := make([]string, 0, len(scores))
	for v := range scores {
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b string) int { return cmp.Compare(scoreOrder(a), scoreOrder(b)) })
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = v + ": " + strconv.Itoa(scores[v])
	}
	return strings.Join(parts, "; ")
}

// scoreOrder puts the scale's values best first (P, S, M, U; 4 to 0).
func scoreOrder(v string) int {
	if i := strings.Index("PSMU43210", v); len(v) == 1 && i >= 0 {
		return i
	}
	return 100
}

func finalScores(scores []DashScore) string {
	parts := make([]string, len(scores))
	for i, s := range scores {
		parts[i] = s.CriterionTitle + ": " + s.Value
	}
	return strings.Join(parts, "; ")
}
