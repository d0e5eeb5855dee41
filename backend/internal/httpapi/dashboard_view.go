package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// dashboardJSON answers GET /dashboard: per State (team name) and per CBM,
// across the exercises played.
type dashboardJSON struct {
	Exercises []dashExerciseJSON `json:"exercises"`
	States    []dashStateJSON    `json:"states"`
	CBMs      []dashCBMJSON      `json:"cbms"` // most used first
}

func toDashboardJSON(d *scoring.Dashboard) dashboardJSON {
	return dashboardJSON{
		Exercises: each(d.Exercises, func(e scoring.DashExercise) dashExerciseJSON { return dashExerciseJSON(e) }),
		States:    each(d.States, toDashStateJSON),
		CBMs:      each(d.CBMs, func(c scoring.DashCBM) dashCBMJSON { return dashCBMJSON(c) }),
	}
}

type dashExerciseJSON struct {
	ID         int64           `json:"id"`
	Title      string          `json:"title"`
	WorkshopID int64           `json:"workshop_id"`
	Workshop   string          `json:"workshop"`
	Scenario   string          `json:"scenario"`
	Status     exercise.Status `json:"status"`
	StartedAt  *time.Time      `json:"started_at"`
}

type dashStateJSON struct {
	Name                string          `json:"name"`
	Exercises           int             `json:"exercises"`
	MessagesSent        int             `json:"messages_sent"`
	MedianAckSeconds    *float64        `json:"median_ack_seconds"`
	MedianAnswerSeconds *float64        `json:"median_answer_seconds"`
	CBMUse              map[string]int  `json:"cbm_use"`
	Scores              []dashScoreJSON `json:"scores"` // agreed final scores, oldest exercise first
}

func toDashStateJSON(s scoring.DashState) dashStateJSON {
	return dashStateJSON{Name: s.Name, Exercises: s.Exercises, MessagesSent: s.MessagesSent,
		MedianAckSeconds: s.MedianAckSeconds, MedianAnswerSeconds: s.MedianAnswerSeconds, CBMUse: s.CBMUse,
		Scores: each(s.Scores, func(sc scoring.DashScore) dashScoreJSON { return dashScoreJSON(sc) })}
}

type dashScoreJSON struct {
	ExerciseID     int64      `json:"exercise_id"`
	Exercise       string     `json:"exercise"`
	Date           *time.Time `json:"date"`
	Criterion      string     `json:"criterion"`
	CriterionTitle string     `json:"criterion_title"`
	Value          string     `json:"value"`
}

type dashCBMJSON struct {
	CBM         string `json:"cbm"`
	Uses        int    `json:"uses"`
	StatesUsing int    `json:"states_using"`
}
