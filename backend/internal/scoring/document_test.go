package scoring_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/document/readertest"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/workshop"
	"github.com/cbmex/cbmex/scenarios"
)

// playedWorkshop is a 4-team, 120-minute exercise of grid-cascade as a
// workshop plays it: every inject released, a message every 20 seconds (a
// quarter of them requests, acknowledged and answered), every stage
// question answered, two facilitators' scores and an agreed one on every
// criterion, an assessment per team, 20 observations and an 8-line plan.
func playedWorkshop(tb testing.TB) *scoring.Report {
	src, err := scenarios.FS.ReadFile("grid-cascade.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	sc, probs := scenario.Parse("grid-cascade.yaml", src, nil)
	if len(probs) > 0 {
		tb.Fatal(probs)
	}
	var teams []exercise.Team
	for i := range 4 {
		key := fmt.Sprintf("extra-%d", i)
		if i < len(sc.Teams) {
			key = sc.Teams[i].Key
		}
		teams = append(teams, exercise.Team{ID: int64(i + 1), Key: key, Name: key})
	}
	var evs []exercise.Event
	add := func(typ string, aud exercise.Audience, data any, at time.Duration) int64 {
		raw, _ := json.Marshal(data)
		seq := int64(len(evs) + 1)
		evs = append(evs, exercise.Event{Seq: seq, Type: typ, Audience: aud, Data: raw, Offset: at, CreatedAt: time.Unix(0, 0).Add(at)})
		return seq
	}
	const played = 120 * time.Minute
	for i, in := range sc.Injects {
		add(exercise.EvInjectReleased, exercise.Everyone, exercise.InjectData{Key: in.Key, Title: in.Title}, time.Duration(i)*played/time.Duration(len(sc.Injects)))
	}
	for i := range int(played / (20 * time.Second)) {
		from, to := int64(i%4+1), int64((i+1)%4+1)
		at := time.Duration(i) * 20 * time.Second
		kind := ""
		if i%4 == 0 {
			kind = "consultation"
		}
		seq := add(exercise.EvMessageSent, exercise.TeamsOnly(from, to), exercise.MessageData{From: from, To: []int64{to},
			Channel: "poc_hotline", Subject: fmt.Sprintf("Message %d on the outage", i), Body: "b", CBMs: []string{"8", "15"}, Kind: kind}, at)
		if kind != "" {
			add(exercise.EvRequestUpdated, exercise.TeamsOnly(from, to), exercise.RequestUpdate{Message: seq, Status: "acknowledged", TeamID: to}, at+time.Minute)
			add(exercise.EvRequestUpdated, exercise.TeamsOnly(from, to), exercise.RequestUpdate{Message: seq, Status: "answered", TeamID: to}, at+4*time.Minute)
		}
	}
	end := played
	for _, t := range teams {
		for _, ph := range sc.Phases {
			for _, q := range ph.Questions {
				add(exercise.EvAnswerSubmit, exercise.TeamInternal(t.ID), exercise.AnswerData{TeamID: t.ID, Phase: ph.Key, Question: q.Key,
					Text: "We would call the point of contact first and share what we know.", By: "Delegate"}, end)
			}
		}
		for _, c := range sc.Rubric.Criteria {
			for u, v := range []string{"S", "P"} {
				add(exercise.EvScore, exercise.StaffOnly, scoring.ScoreData{TeamID: t.ID, Criterion: c.Key, Value: v, Comment: "Clear and in time.",
					ByUser: int64(u + 1), By: fmt.Sprintf("Evaluator %d", u+1)}, end)
			}
			add(exercise.EvScore, exercise.StaffOnly, scoring.ScoreData{TeamID: t.ID, Criterion: c.Key, Value: "P", Final: true, ByUser: 1, By: "Evaluator 1"}, end)
		}
		add(exercise.EvAssessment, exercise.StaffOnly, scoring.AssessmentData{TeamID: t.ID, Strengths: fmt.Sprintf("Strengths of team %d.", t.ID),
			Improvements: "Share indicators sooner."}, end)
	}
	for i := range 20 {
		add(exercise.EvNote, exercise.StaffOnly, exercise.NoteData{Text: fmt.Sprintf("Observation %d", i), By: "Evaluator 1"}, time.Duration(i)*6*time.Minute)
	}
	for i := range 8 {
		add(exercise.EvImprovement, exercise.StaffOnly, scoring.ImprovementData{Recommendation: fmt.Sprintf("Recommendation %d: exercise the hotline", i),
			CBM: "8", Owner: "CERTs", Due: "2027-06-30"}, end)
	}
	add(exercise.EvPublished, exercise.Everyone, map[string]string{"by": "Lead"}, end)
	ex := &exercise.Exercise{ID: 1, Title: "Grid cascade", Clock: exercise.Clock{Status: exercise.Ended, Speed: 1, Base: played}}
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	r.Language = "en"
	return r
}

var info = scoring.DocumentInfo{Workshop: "Vienna workshop", StartsOn: "2027-03-12", EndsOn: "2027-03-13", Place: "Vienna",
	Organiser: "OSCE Transnational Threats Department", Classification: "For workshop participants only"}

func TestReportDocumentSectionsAndCopies(t *testing.T) {
	r := playedWorkshop(t)
	staff := r.Document(exercise.Viewer{Staff: true}, info).PlainText()
	for _, want := range []string{"After-action report", "Vienna workshop, 2027-03-12 – 2027-03-13", "Overview", "Objectives", "Timeline",
		"Answers to the stage questions", "Scorecards", "Agreement between facilitators", "Measured evidence", "CBM use by team",
		"Facilitator observations", "Observation 19", "Improvement plan", "Recommendation 7", "How the figures are measured",
		"This report is non-attributive", "Strengths of team 4.", "CBM 8: 90 messages · expected"} {
		if !strings.Contains(staff, want) {
			t.Errorf("the staff's document lacks %q", want)
		}
	}
	mine, err := r.For(exercise.Viewer{TeamID: 2})
	if err != nil {
		t.Fatal(err)
	}
	team := mine.Document(exercise.Viewer{TeamID: 2}, info).PlainText()
	if !strings.Contains(team, "Strengths of team 2.") || !strings.Contains(team, "Copy for ") {
		t.Error("a team's copy should hold its own assessment and say whose copy it is")
	}
	for _, other := range []string{"Strengths of team 1.", "Observation 1", "Message 2 on the outage"} {
		if strings.Contains(team, other) {
			t.Errorf("team 2's copy holds %q", other)
		}
	}
}

func TestReportDocumentAttributedAndInRussian(t *testing.T) {
	r := playedWorkshop(t)
	r.Roles[0].Name = "Halvena"
	r.Attribute(&workshop.Attribution{Reason: "The delegations asked to be named.", By: "Ana", At: time.Date(2027, 3, 12, 9, 0, 0, 0, time.UTC)})
	text := r.Document(exercise.Viewer{Staff: true}, info).PlainText()
	if !strings.Contains(text, "Attributed results") || !strings.Contains(text, "The delegations asked to be named.") || strings.Contains(text, "non-attributive") {
		t.Errorf("an attributed report should say so, with its reason:\n%.2000s", text)
	}
	r.Language = "ru"
	d := r.Document(exercise.Viewer{Staff: true}, info)
	if d.Lang != "ru" || d.Title != "Итоговый отчёт" || !strings.Contains(d.PlainText(), "МД 8: 90 сообщений") {
		t.Errorf("the Russian document: %q %q", d.Lang, d.Title)
	}
	var pdf bytes.Buffer
	if err := document.WritePDF(&pdf, d); err != nil {
		t.Fatal(err)
	}
	if got := readertest.PDFText(t, pdf.Bytes()); !strings.Contains(got, "Итоговый отчёт") || !strings.Contains(got, "Оценочные карты") {
		t.Errorf("pdftotext does not read the Russian report's Cyrillic headings")
	}
}

// BenchmarkReportPDF and BenchmarkReportDOCX render the staff's report of
// a 4-team, 120-minute exercise (docs/performance.md, "Documents").
func BenchmarkReportPDF(b *testing.B)  { benchmarkReport(b, document.WritePDF) }
func BenchmarkReportDOCX(b *testing.B) { benchmarkReport(b, document.WriteDOCX) }

func benchmarkReport(b *testing.B, write func(io.Writer, document.Doc) error) {
	r := playedWorkshop(b)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := write(&buf, r.Document(exercise.Viewer{Staff: true}, info)); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}
