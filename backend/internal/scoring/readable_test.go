package scoring_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/scenarios"
)

// playedLog is a short played exercise of grid-cascade: two teams, the first
// renamed to a formula, two facilitators' scores and an agreed one on the
// first criterion (whose title is a formula too), and two stage answers.
func playedLog(t *testing.T) (*scenario.Scenario, *exercise.Exercise, []exercise.Team, []exercise.Event) {
	t.Helper()
	src, err := scenarios.FS.ReadFile("grid-cascade.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenario.Parse("grid-cascade.yaml", src, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	sc.Rubric.Criteria[0].Title = "@SUM(1)"
	teams := []exercise.Team{
		{ID: 1, Key: sc.Teams[0].Key, Name: `=HYPERLINK("http://x","y")`},
		{ID: 2, Key: sc.Teams[1].Key, Name: sc.Teams[1].Name},
	}
	var evs []exercise.Event
	add := func(typ string, aud exercise.Audience, data any) {
		raw, _ := json.Marshal(data)
		at := time.Duration(len(evs)) * time.Minute
		evs = append(evs, exercise.Event{Seq: int64(len(evs) + 1), Type: typ, Audience: aud, Data: raw, Offset: at, CreatedAt: time.Unix(0, 0).Add(at)})
	}
	crit := sc.Rubric.Criteria[0].Key
	ph1, ph2 := sc.Phases[0], sc.Phases[1]
	// Answered in the reverse of the scenario's order: the report puts them back in it.
	add(exercise.EvAnswerUpdated, exercise.TeamInternal(1), exercise.AnswerData{TeamID: 1, Phase: ph2.Key, Question: ph2.Questions[0].Key, Text: "share with TLP:AMBER", By: "Ana"})
	add(exercise.EvAnswerUpdated, exercise.TeamInternal(1), exercise.AnswerData{TeamID: 1, Phase: ph1.Key, Question: ph1.Questions[1].Key, Text: "the CERT leads", By: "Ana"})
	add(exercise.EvScore, exercise.StaffOnly, scoring.ScoreData{TeamID: 1, Criterion: crit, Value: "S", Comment: "warned late", ByUser: 10, By: "Irina"})
	add(exercise.EvScore, exercise.StaffOnly, scoring.ScoreData{TeamID: 1, Criterion: crit, Value: "P", ByUser: 11, By: "=Boris"})
	add(exercise.EvScore, exercise.StaffOnly, scoring.ScoreData{TeamID: 1, Criterion: crit, Value: "S", Comment: "-agreed after the hot wash", Final: true, ByUser: 10, By: "Irina"})
	ex := &exercise.Exercise{ID: 1, Title: "=1+1", Clock: exercise.Clock{Status: exercise.Ended, Speed: 1, Base: time.Hour}}
	return sc, ex, teams, evs
}

// Stage answers carry the phase's title and the question's text, in the
// scenario's order.
func TestReportAnswersAreTitled(t *testing.T) {
	sc, ex, teams, evs := playedLog(t)
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	if len(r.Answers) != 2 {
		t.Fatalf("%d answers", len(r.Answers))
	}
	first, second := r.Answers[0], r.Answers[1]
	if first.Phase != sc.Phases[0].Key || first.PhaseTitle != sc.Phases[0].Title || first.QuestionText != sc.Phases[0].Questions[1].Text {
		t.Fatalf("first answer: %+v", first)
	}
	if second.PhaseTitle != sc.Phases[1].Title || second.QuestionText != sc.Phases[1].Questions[0].Text {
		t.Fatalf("second answer: %+v", second)
	}
	// A team's copy keeps the titles.
	r.Published = true
	mine, err := r.For(exercise.Viewer{TeamID: 1})
	if err != nil || len(mine.Answers) != 2 || mine.Answers[0].PhaseTitle == "" {
		t.Fatalf("team copy: %v %+v", err, mine.Answers)
	}
}

// report.csv names criteria by their titles, lists each facilitator's score
// with the comment, and neutralises every text cell a spreadsheet would read
// as a formula: a team renamed to =HYPERLINK(…), an exercise titled =1+1, a
// criterion titled @SUM(1), a facilitator named =Boris, a comment -agreed….
func TestReportCSVIsReadableAndSafe(t *testing.T) {
	sc, ex, teams, evs := playedLog(t)
	var buf bytes.Buffer
	if err := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0)).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, head)
		return -1
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s cell %q would be read as a formula", head[i], cell)
			}
		}
	}
	if len(rows) != 1+len(teams)*len(sc.Rubric.Criteria) {
		t.Fatalf("%d rows", len(rows))
	}
	first := rows[1]
	want := map[string]string{
		"exercise":           "'=1+1",
		"criterion":          "'@SUM(1)",
		"final score":        "S",
		"final comment":      "'-agreed after the hot wash",
		"facilitator scores": "Irina: S, warned late\n=Boris: P",
		"scores differ":      "true",
	}
	for name, v := range want {
		if got := first[col(name)]; got != v {
			t.Errorf("%s: %q, want %q", name, got, v)
		}
	}
	if got := first[col("team")]; strings.Contains(got, "HYPERLINK") && got != `'=HYPERLINK("http://x","y")` {
		t.Errorf("team: %q", got)
	}
	// Criteria are named by their titles, never by their keys.
	if got := rows[2][col("criterion")]; got != sc.Rubric.Criteria[1].Title {
		t.Errorf("second criterion: %q, want %q", got, sc.Rubric.Criteria[1].Title)
	}
}
