package scoring

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// WriteTourCSV writes the tours de table, one row per phase and delegation
// in the speaking order: when it first took the floor, how long it spoke in
// all, how often it was given the floor, and its written statement. The
// order and the times were in front of every team in the room; a statement
// is in the reader's copy only as the report shows it (a team's own, every
// team's once the tour was closed, all of them for staff). Text cells go
// through safeCell, as in WriteCSV.
func (r *Report) WriteTourCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"exercise", "phase", "position", "team", "took the floor at (s)", "spoke for (s)", "times given the floor",
		"time per delegation (s)", "statement", "statement by"}
	if r.Attribution != nil {
		header = afterTeam(header, "delegation (attributed results)")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range r.tourRows() {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tourRows are the rows of WriteTourCSV, tours in the scenario's order of
// phases.
func (r *Report) tourRows() [][]string {
	said := map[exercise.StatementKey]Statement{}
	for _, s := range r.Statements {
		said[exercise.StatementKey{TeamID: s.TeamID, Phase: s.Phase}] = s
	}
	roles := map[int64]TeamRole{}
	for _, tr := range r.Roles {
		roles[tr.TeamID] = tr
	}
	var out [][]string
	for _, ph := range r.sc.Phases {
		t, ok := r.p.Tours[ph.Key]
		if !ok {
			continue
		}
		for i, team := range t.Order {
			first, total, turns := floorTotal(t, team)
			st := said[exercise.StatementKey{TeamID: team, Phase: ph.Key}]
			row := []string{safeCell(r.Exercise.Title), safeCell(ph.Title), strconv.Itoa(i + 1), safeCell(roles[team].Name),
				wholeSecs(first), wholeSecs(total), strconv.Itoa(turns), strconv.Itoa(t.Seconds), safeCell(st.Text), safeCell(st.By)}
			if r.Attribution != nil {
				row = afterTeam(row, safeCell(roles[team].Delegation))
			}
			out = append(out, row)
		}
	}
	return out
}

// afterTeam puts the delegation's column after the team's (the scenario
// role), as WriteCSV does: only a report with attributed results has it.
func afterTeam(row []string, cell string) []string {
	const team = 3
	return append(row[:team+1:team+1], append([]string{cell}, row[team+1:]...)...)
}

// floorTotal is when a delegation first took the floor in a tour, how long
// it held it in all (each turn lasts until the next speaker or the close;
// nil while it still speaks), and how many turns it had. A facilitator may
// give a delegation the floor again, so the turns add up.
func floorTotal(t exercise.Tour, team int64) (first, total *time.Duration, turns int) {
	var sum time.Duration
	open := false
	for i, turn := range t.Turns {
		if turn.TeamID != team {
			continue
		}
		turns++
		if first == nil {
			start := turn.Offset
			first = &start
		}
		switch {
		case i+1 < len(t.Turns):
			sum += t.Turns[i+1].Offset - turn.Offset
		case t.Closed != nil:
			sum += t.Closed.Offset - turn.Offset
		default:
			open = true
		}
	}
	if turns > 0 && !open {
		total = &sum
	}
	return first, total, turns
}

// wholeSecs is a duration in whole seconds, "" for none.
func wholeSecs(d *time.Duration) string {
	if d == nil {
		return ""
	}
	return strconv.FormatInt(int64(d.Round(time.Second)/time.Second), 10)
}
