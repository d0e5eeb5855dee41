package scoring

import (
	"context"
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// Dashboard is what organisers see across exercises and workshops, per
// State (team name, as renamed to the real delegation) and per CBM.
type Dashboard struct {
	Exercises []DashExercise
	States    []DashState
	CBMs      []DashCBM // most used first
}

// DashExercise is one exercise counted.
type DashExercise struct {
	ID         int64
	Title      string
	WorkshopID int64
	Workshop   string
	Scenario   string
	Status     exercise.Status
	StartedAt  *time.Time
}

// DashState is one State across the exercises it played.
type DashState struct {
	Name                string
	Exercises           int
	MessagesSent        int
	MedianAckSeconds    *float64
	MedianAnswerSeconds *float64
	CBMUse              map[string]int
	Scores              []DashScore // agreed final scores, oldest exercise first
}

// DashScore is one agreed score in one exercise.
type DashScore struct {
	ExerciseID     int64
	Exercise       string
	Date           *time.Time
	Criterion      string
	CriterionTitle string
	Value          string
}

// DashCBM is one CBM's use across the exercises.
type DashCBM struct {
	CBM         string
	Uses        int
	StatesUsing int
}

// Played pairs an exercise with its workshop's title, for the dashboard.
type Played struct {
	ExerciseID int64
	Workshop   string
}

// Dashboard aggregates the reports of the given exercises.
func (s *Service) Dashboard(ctx context.Context, played []Played) (*Dashboard, error) {
	reports := make([]*Report, 0, len(played))
	d := &Dashboard{Exercises: []DashExercise{}}
	for _, p := range played {
		r, err := s.Report(ctx, p.ExerciseID, exercise.Viewer{Staff: true})
		if err != nil {
			return nil, err
		}
		ex, _, err := s.ex.Get(ctx, p.ExerciseID)
		if err != nil {
			return nil, err
		}
		if ex.Clock.Status == exercise.Draft {
			continue // not played yet: it counts for nobody
		}
		reports = append(reports, r)
		d.Exercises = append(d.Exercises, DashExercise{ID: ex.ID, Title: ex.Title, WorkshopID: ex.WorkshopID, Workshop: p.Workshop,
			Scenario: r.Exercise.Scenario, Status: ex.Clock.Status, StartedAt: r.Exercise.StartedAt})
	}
	d.States, d.CBMs = aggregate(reports)
	return d, nil
}

func aggregate(reports []*Report) ([]DashState, []DashCBM) {
	states := map[string]*DashState{}
	acks, answers := map[string][]float64{}, map[string][]float64{}
	for _, r := range reports {
		titles := map[string]string{}
		for _, c := range r.Exercise.Criteria {
			titles[c.Key] = c.Title
		}
		for _, t := range r.Teams {
			st := states[t.Name]
			if st == nil {
				st = &DashState{Name: t.Name, CBMUse: map[string]int{}, Scores: []DashScore{}}
				states[t.Name] = st
			}
			st.Exercises++
			st.MessagesSent += t.Metrics.MessagesSent
			for c, n := range t.Metrics.CBMUse {
				st.CBMUse[c] += n
			}
			for _, rt := range t.Metrics.RequestsReceived {
				if rt.AckSecs != nil {
					acks[t.Name] = append(acks[t.Name], *rt.AckSecs)
				}
				if rt.AnswerSecs != nil {
					answers[t.Name] = append(answers[t.Name], *rt.AnswerSecs)
				}
			}
			for _, cs := range t.Scorecard {
				if cs.Final != nil {
					st.Scores = append(st.Scores, DashScore{ExerciseID: r.Exercise.ID, Exercise: r.Exercise.Title, Date: r.Exercise.StartedAt,
						Criterion: cs.Criterion, CriterionTitle: titles[cs.Criterion], Value: cs.Final.Value})
				}
			}
		}
	}
	out := make([]DashState, 0, len(states))
	use := map[string]*DashCBM{}
	for name, st := range states {
		st.MedianAckSeconds, st.MedianAnswerSeconds = median(acks[name]), median(answers[name])
		for c, n := range st.CBMUse {
			if use[c] == nil {
				use[c] = &DashCBM{CBM: c}
			}
			use[c].Uses += n
			use[c].StatesUsing++
		}
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	cbms := make([]DashCBM, 0, len(use))
	keys := make([]string, 0, len(use))
	for k := range use {
		keys = append(keys, k)
	}
	cbm.SortKeys(keys)
	for _, k := range keys {
		cbms = append(cbms, *use[k])
	}
	sort.SliceStable(cbms, func(i, j int) bool { return cbms[i].Uses > cbms[j].Uses })
	return out, cbms
}

// WriteCSV writes one row per State, exercise and agreed score.
func (d *Dashboard) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"state", "exercise", "date", "criterion", "final score", "messages sent (all exercises)",
		"median ack (s)", "median answer (s)"})
	for _, st := range d.States {
		if len(st.Scores) == 0 {
			_ = cw.Write([]string{st.Name, "", "", "", "", strconv.Itoa(st.MessagesSent), num(st.MedianAckSeconds), num(st.MedianAnswerSeconds)})
		}
		for _, sc := range st.Scores {
			date := ""
			if sc.Date != nil {
				date = sc.Date.Format("2006-01-02")
			}
			_ = cw.Write([]string{st.Name, sc.Exercise, date, sc.CriterionTitle, sc.Value, strconv.Itoa(st.MessagesSent),
				num(st.MedianAckSeconds), num(st.MedianAnswerSeconds)})
		}
	}
	cw.Flush()
	return cw.Error()
}
