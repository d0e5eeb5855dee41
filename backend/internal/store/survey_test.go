package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/attendance"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/survey"
)

// The answers are stored without the participant: the answer table has no
// column that names or points to one, and a participant answers once.
func TestSurveyAnswersAreAnonymousAndOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		cols, err := st.DB.Migrator().ColumnTypes("survey_answers")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cols {
			names = append(names, c.Name())
		}
		if strings.Join(names, ",") != "id,workshop_id,exercise_id,answers" {
			t.Errorf("survey_answers has columns %v; none may point to a participant or record when", names)
		}
		exID := newExercise(t, st)
		ex, err := st.Exercises().Exercise(ctx, exID)
		if err != nil {
			t.Fatal(err)
		}
		s := survey.New(st.Surveys(), []byte("secret"))
		p := &exercise.Participant{ExerciseID: exID, Name: "Ана Петрова", SessionID: "s1", JoinedAt: time.Now()}
		if err := st.Exercises().AddParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
		sub := survey.Submission{WorkshopID: ex.WorkshopID, ExerciseID: exID, ParticipantID: p.ID, CBMs: []string{"8"},
			Answers: map[string]survey.Answer{"usefulness": {Value: 4}, "improve": {Text: "More time for the tour"}}}
		if err := s.Answer(ctx, sub); err != nil {
			t.Fatal(err)
		}
		sub.Answers = map[string]survey.Answer{"usefulness": {Value: 1}}
		if err := s.Answer(ctx, sub); !errors.Is(err, survey.ErrAnswered) {
			t.Errorf("second answer: %v", err)
		}
		rs, err := st.Surveys().SurveyResponses(ctx, ex.WorkshopID, exID)
		if err != nil || len(rs) != 1 || rs[0].Answers["usefulness"].Value != 4 {
			t.Fatalf("responses %+v %v", rs, err)
		}
		var raw []map[string]any
		if err := st.DB.Table("survey_answers").Find(&raw).Error; err != nil {
			t.Fatal(err)
		}
		for _, row := range raw {
			for k, v := range row {
				if s, ok := v.(string); ok && (strings.Contains(s, "Ана") || strings.Contains(s, "s1")) {
					t.Errorf("survey_answers.%s holds the participant: %q", k, s)
				}
			}
		}
		var responders []map[string]any
		st.DB.Table("survey_responders").Find(&responders)
		if len(responders) != 1 || len(responders[0]["responder"].(string)) != 64 { // an HMAC, not the id
			t.Errorf("responders %v", responders)
		}
		if qs, err := s.SetQuestions(ctx, ex.WorkshopID, []survey.Question{{Key: "pace", Kind: survey.Scale, Texts: map[string]string{"en": "Pace?"}}}); err != nil || len(qs) != 1 {
			t.Errorf("set questions %v %v", qs, err)
		}
	})
}

func TestAttendanceListsTeamMembersWithTheirDetails(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		exID := newExercise(t, st)
		ex, _ := st.Exercises().Exercise(ctx, exID)
		if err := st.DB.Exec("INSERT INTO teams (exercise_id, key, name, join_code, position) VALUES (?, 'a', 'Valdoria', 'CODEA', 0)", exID).Error; err != nil {
			t.Fatal(err)
		}
		teams, _ := st.Exercises().Teams(ctx, exID)
		a := attendance.New(st.Attendance())
		for i, name := range []string{"Ана Петрова", "Jean Dupont"} {
			p := &exercise.Participant{ExerciseID: exID, TeamID: &teams[0].ID, Name: name, SessionID: name, JoinedAt: time.Now().Add(time.Duration(i) * time.Second)}
			if err := st.Exercises().AddParticipant(ctx, p); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				if err := a.Record(ctx, p.ID, attendance.Details{Organisation: "MFA", Function: "Desk officer", Gender: attendance.Woman}); err != nil {
					t.Fatal(err)
				}
			}
		}
		observer := &exercise.Participant{ExerciseID: exID, Name: "Observer", SessionID: "o", JoinedAt: time.Now()}
		if err := st.Exercises().AddParticipant(ctx, observer); err != nil {
			t.Fatal(err)
		}
		people, err := a.List(ctx, ex.WorkshopID)
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 2 || people[0].Name != "Ана Петрова" || people[0].Organisation != "MFA" || people[0].Gender != attendance.Woman ||
			people[0].Team != "Valdoria" || people[1].Organisation != "" {
			t.Fatalf("people %+v", people)
		}
		c := attendance.CountOf(people)
		if c.ByGender[attendance.Woman] != 1 || c.ByGender[""] != 1 {
			t.Errorf("counts %+v", c)
		}
		one, err := a.Person(ctx, people[1].ParticipantID)
		if err != nil || one.Name != "Jean Dupont" {
			t.Errorf("person %+v %v", one, err)
		}
	})
}
