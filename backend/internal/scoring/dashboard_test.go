package scoring

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// teamOf makes a team's report: messages sent, CBM use, expected actions
// (CBM → observed, in time), agreed scores and request answer times.
func teamOf(id int64, key, role, delegation string, sent int, use map[string]int, expected []ExpectedResult, final map[string]string, answers ...float64) (TeamReport, TeamRole) {
	tr := TeamReport{TeamID: id, Key: key, Name: role, Metrics: Metrics{MessagesSent: sent, CBMUse: use, Expected: expected}}
	for _, a := range answers {
		tr.Metrics.RequestsReceived = append(tr.Metrics.RequestsReceived, RequestTiming{AnswerSecs: &a})
	}
	for crit, v := range final {
		tr.Scorecard = append(tr.Scorecard, CriterionScore{Criterion: crit, Final: &ScoreData{Value: v}})
	}
	return tr, TeamRole{TeamID: id, Key: key, Name: role, delegation: delegation}
}

func exp(observed, inTime bool, cbms ...string) ExpectedResult {
	return ExpectedResult{CBMs: cbms, Observed: observed, InTime: inTime}
}

// reportOf is an exercise's staff report with the given teams.
func reportOf(id int64, title, scenario string, cbms []string, teams ...func() (TeamReport, TeamRole)) *Report {
	r := &Report{Exercise: ExerciseInfo{ID: id, Title: title, Scenario: scenario, Status: exercise.Ended,
		Criteria: []Criterion{{Key: "poc", Title: "Reached the right point of contact"}}}, HeatMap: HeatMap{CBMs: cbms}}
	for _, f := range teams {
		tr, role := f()
		r.Teams, r.Roles = append(r.Teams, tr), append(r.Roles, role)
	}
	return r
}

func team(id int64, key, role, delegation string, sent int, use map[string]int, expected []ExpectedResult, final map[string]string, answers ...float64) func() (TeamReport, TeamRole) {
	return func() (TeamReport, TeamRole) {
		return teamOf(id, key, role, delegation, sent, use, expected, final, answers...)
	}
}

// Two workshops played one scenario (Vienna twice), another workshop a
// second scenario. Every figure is added up per CBM, per scenario and its
// roles, and per workshop; no delegation appears anywhere, although staff
// recorded one in each exercise.
func fixtureRuns() []dashRun {
	vienna := Played{WorkshopID: 1, Workshop: "Vienna workshop"}
	almaty := Played{WorkshopID: 2, Workshop: "Almaty workshop"}
	e1 := reportOf(11, "Vienna run 1", "Grid cascade", []string{"3", "8"},
		team(1, "halvena", "Republic of Halvena", "Republic of Realia", 4, map[string]int{"8": 3, "3": 1},
			[]ExpectedResult{exp(true, true, "8"), exp(true, false, "3", "8")}, map[string]string{"poc": "P"}, 60, 120),
		team(2, "marrovia", "Federal Republic of Marrovia", "", 2, map[string]int{"8": 2},
			[]ExpectedResult{exp(false, false, "8")}, map[string]string{"poc": "M"}, 300))
	e2 := reportOf(12, "Vienna run 2", "Grid cascade", []string{"3", "8"},
		team(3, "halvena", "Republic of Halvena", "Kingdom of Ostmark", 1, map[string]int{"10": 1},
			[]ExpectedResult{exp(false, false, "8")}, nil),
		team(4, "marrovia", "Federal Republic of Marrovia", "", 0, map[string]int{}, nil, nil))
	e3 := reportOf(21, "Almaty run", "Hospital ransomware", []string{"2", "8"},
		team(5, "lorvenia", "Lorvenia", "Republic of Realia", 5, map[string]int{"2": 5},
			[]ExpectedResult{exp(true, true, "2")}, map[string]string{"poc": "S"}))
	return []dashRun{{r: e1, scenario: "grid-cascade", p: vienna}, {r: e2, scenario: "grid-cascade", p: vienna},
		{r: e3, scenario: "hospital-ransomware", p: almaty}}
}

func TestDashboardAggregatesPerCBMScenarioAndWorkshop(t *testing.T) {
	d := aggregate(fixtureRuns())
	if len(d.Exercises) != 3 || d.Exercises[0].Attributed {
		t.Fatalf("exercises: %+v", d.Exercises)
	}
	cbms := map[string]DashCBM{}
	var order []string
	for _, c := range d.CBMs {
		cbms[c.CBM] = c
		order = append(order, c.CBM)
	}
	if !reflect.DeepEqual(order, []string{"2", "3", "8", "10"}) {
		t.Fatalf("CBMs in catalogue order: %v", order)
	}
	want := map[string]DashCBM{
		"8":  {CBM: "8", Uses: 5, TeamsUsing: 2, ExercisesExpecting: 2, Expectations: Expectations{Expected: 4, Observed: 2, InTime: 1}},
		"3":  {CBM: "3", Uses: 1, TeamsUsing: 1, ExercisesExpecting: 1, Expectations: Expectations{Expected: 1, Observed: 1, InTime: 0}},
		"2":  {CBM: "2", Uses: 5, TeamsUsing: 1, ExercisesExpecting: 1, Expectations: Expectations{Expected: 1, Observed: 1, InTime: 1}},
		"10": {CBM: "10", Uses: 1, TeamsUsing: 1},
	}
	for k, w := range want {
		if cbms[k] != w {
			t.Errorf("CBM %s: %+v, want %+v", k, cbms[k], w)
		}
	}

	if len(d.Scenarios) != 2 || d.Scenarios[0].Scenario != "Grid cascade" || d.Scenarios[1].Scenario != "Hospital ransomware" {
		t.Fatalf("scenarios: %+v", d.Scenarios)
	}
	grid := d.Scenarios[0]
	if grid.Exercises != 2 || grid.Teams != 4 || grid.MessagesSent != 7 || grid.Expectations != (Expectations{4, 2, 1}) ||
		*grid.MedianAnswerSeconds != 120 || !reflect.DeepEqual(grid.Scores, map[string]int{"P": 1, "M": 1}) {
		t.Fatalf("grid cascade: %+v", grid.Figures)
	}
	if len(grid.Roles) != 2 || grid.Roles[0].Name != "Republic of Halvena" || grid.Roles[0].Exercises != 2 || grid.Roles[0].Teams != 2 ||
		grid.Roles[0].MessagesSent != 5 || grid.Roles[0].Expectations != (Expectations{3, 2, 1}) || *grid.Roles[0].MedianAnswerSeconds != 90 {
		t.Fatalf("Halvena's role: %+v", grid.Roles)
	}
	if grid.Roles[1].MedianAnswerSeconds == nil || *grid.Roles[1].MedianAnswerSeconds != 300 || grid.Roles[1].MedianAckSeconds != nil {
		t.Fatalf("Marrovia's role: %+v", grid.Roles[1].Figures)
	}

	if len(d.Workshops) != 2 || d.Workshops[0].Title != "Vienna workshop" || d.Workshops[0].Exercises != 2 || d.Workshops[0].Teams != 4 ||
		d.Workshops[1].Exercises != 1 || d.Workshops[1].MessagesSent != 5 || d.Workshops[1].Attribution != nil {
		t.Fatalf("workshops: %+v", d.Workshops)
	}
	if len(d.Delegations) != 0 {
		t.Fatalf("delegations without attribution: %+v", d.Delegations)
	}
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(d)
	for _, name := range []string{"Realia", "Ostmark"} {
		if strings.Contains(string(raw), name) || strings.Contains(buf.String(), name) {
			t.Fatalf("%s on a non-attributive dashboard", name)
		}
	}
}

// Only the workshop that turned on attributed results adds rows per
// delegation, each marked with the workshop's reason.
func TestDashboardDelegationsOnlyWhereAttributed(t *testing.T) {
	runs := fixtureRuns()
	a := &workshop.Attribution{Reason: "Requested by the delegations", By: "Organiser", At: time.Unix(0, 0)}
	runs[2].p.Attribution = a
	runs[2].r.Attribute(a)
	d := aggregate(runs)
	if len(d.Delegations) != 1 {
		t.Fatalf("delegations: %+v", d.Delegations)
	}
	dl := d.Delegations[0]
	if dl.Delegation != "Republic of Realia" || dl.Role != "Lorvenia" || dl.Workshop != "Almaty workshop" || dl.Attribution.Reason != a.Reason ||
		dl.MessagesSent != 5 || len(dl.Final) != 1 || dl.Final[0].CriterionTitle != "Reached the right point of contact" {
		t.Fatalf("delegation row: %+v", dl)
	}
	if !d.Exercises[2].Attributed || d.Exercises[0].Attributed || d.Workshops[1].Attribution == nil || d.Workshops[0].Attribution != nil {
		t.Fatalf("attribution marks: %+v %+v", d.Exercises, d.Workshops)
	}
	// Vienna's delegations stay unnamed.
	raw, _ := json.Marshal(d)
	if strings.Contains(string(raw), "Ostmark") {
		t.Fatal("a delegation of a non-attributive workshop is named")
	}
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "delegation,Almaty workshop,Hospital ransomware,Almaty run,Lorvenia,Republic of Realia,Requested by the delegations") ||
		strings.Contains(buf.String(), "Ostmark") {
		t.Fatalf("csv:\n%s", buf.String())
	}
}

func ranks(list []RankedCBM) map[string]int {
	out := map[string]int{}
	for _, r := range list {
		out[r.CBM] = r.Rank
	}
	return out
}

// Equal uses share a rank and are all listed; the next rank skips; a tie
// at the last rank shown is shown whole; unused CBMs are never most used.
func TestMostAndLeastUsedShareRanksOnTies(t *testing.T) {
	uses := map[string]int{"1": 5, "2": 5, "3": 3, "4": 3, "5": 3, "6": 2, "7": 1, "8": 0, "9": 0}
	var cbms []DashCBM
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		cbms = append(cbms, DashCBM{CBM: k, Uses: uses[k]})
	}
	most, least := rankCBMs(cbms)
	if got := ranks(most); !reflect.DeepEqual(got, map[string]int{"1": 1, "2": 1, "3": 3, "4": 3, "5": 3}) {
		t.Fatalf("most used: %v", most)
	}
	if got := ranks(least); !reflect.DeepEqual(got, map[string]int{"8": 1, "9": 1, "7": 3}) {
		t.Fatalf("least used: %v", least)
	}
	if most[0].CBM != "1" || most[1].CBM != "2" || least[0].CBM != "8" {
		t.Fatalf("ties keep catalogue order: %v / %v", most, least)
	}

	// Four CBMs tied first: all four are shown, the fifth (rank 5) is not.
	cbms = []DashCBM{{CBM: "1", Uses: 4}, {CBM: "2", Uses: 4}, {CBM: "3", Uses: 4}, {CBM: "4", Uses: 4}, {CBM: "5", Uses: 1}}
	most, least = rankCBMs(cbms)
	if got := ranks(most); !reflect.DeepEqual(got, map[string]int{"1": 1, "2": 1, "3": 1, "4": 1}) {
		t.Fatalf("most used with a four-way tie: %v", most)
	}
	if got := ranks(least); !reflect.DeepEqual(got, map[string]int{"5": 1, "1": 2, "2": 2, "3": 2, "4": 2}) {
		t.Fatalf("least used with a four-way tie: %v", least)
	}

	// Nothing used: no most used CBM, every CBM least used.
	most, least = rankCBMs([]DashCBM{{CBM: "1"}, {CBM: "2"}})
	if len(most) != 0 || len(least) != 2 || least[1].Rank != 1 {
		t.Fatalf("nothing used: %v / %v", most, least)
	}
}

// Every text cell of dashboard.csv that a spreadsheet would read as a
// formula opens as text.
func TestDashboardCSVNeutralisesFormulas(t *testing.T) {
	runs := fixtureRuns()
	runs[0].p.Workshop = "=1+1"
	runs[1].r.Exercise.Scenario = "@SUM(1)" // the latest title of the scenario
	runs[1].r.Teams[0].Name = "+cmd|' /C calc'!A0"
	runs[2].r.Exercise.Title = "-2+3"
	runs[2].r.Roles[0].delegation = "=HYPERLINK(\"http://x\",\"y\")"
	runs[2].r.Exercise.Criteria[0].Title = "\t=criterion"
	a := &workshop.Attribution{Reason: "@reason"}
	runs[2].p.Attribution = a
	runs[2].r.Attribute(a)
	var buf bytes.Buffer
	if err := aggregate(runs).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("column %q holds a formula: %q", dashColumns[i], cell)
			}
			seen[cell] = true
		}
	}
	for _, want := range []string{"'=1+1", "'@SUM(1)", "'+cmd|' /C calc'!A0", "'-2+3", "'=HYPERLINK(\"http://x\",\"y\")", "'@reason"} {
		if !seen[want] {
			t.Errorf("no cell %q", want)
		}
	}
	if !strings.Contains(strings.Join(rows[len(rows)-1], ","), "'\t=criterion: S") {
		t.Errorf("delegation scores: %v", rows[len(rows)-1])
	}
}
