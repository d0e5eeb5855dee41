package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// dashboardJSON answers GET /dashboard: how well the CBMs were used across
// the exercises played, per CBM, per scenario (and its roles) and per
// workshop; per delegation only for workshops with attributed results.
type dashboardJSON struct {
	Exercises   []dashExerciseJSON   `json:"exercises"`
	CBMs        []dashCBMJSON        `json:"cbms"` // catalogue order
	MostUsed    []rankedCBMJSON      `json:"most_used"`
	LeastUsed   []rankedCBMJSON      `json:"least_used"`
	Scenarios   []dashScenarioJSON   `json:"scenarios"`
	Workshops   []dashWorkshopJSON   `json:"workshops"`
	Delegations []dashDelegationJSON `json:"delegations"`
}

func toDashboardJSON(d *scoring.Dashboard) dashboardJSON {
	ranked := func(r scoring.RankedCBM) rankedCBMJSON { return rankedCBMJSON(r) }
	return dashboardJSON{
		Exercises:   each(d.Exercises, func(e scoring.DashExercise) dashExerciseJSON { return dashExerciseJSON(e) }),
		CBMs:        each(d.CBMs, toDashCBMJSON),
		MostUsed:    each(d.MostUsed, ranked),
		LeastUsed:   each(d.LeastUsed, ranked),
		Scenarios:   each(d.Scenarios, toDashScenarioJSON),
		Workshops:   each(d.Workshops, toDashWorkshopJSON),
		Delegations: each(d.Delegations, toDashDelegationJSON),
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
	Attributed bool            `json:"attributed"`
}

// expectationsJSON counts expected actions: all, observed (or confirmed),
// observed in time.
type expectationsJSON struct {
	Expected int `json:"expected"`
	Observed int `json:"observed"`
	InTime   int `json:"in_time"`
}

type dashCBMJSON struct {
	CBM                string           `json:"cbm"`
	Uses               int              `json:"uses"`
	TeamsUsing         int              `json:"teams_using"`
	ExercisesExpecting int              `json:"exercises_expecting"`
	ExpectedActions    expectationsJSON `json:"expected_actions"`
}

func toDashCBMJSON(c scoring.DashCBM) dashCBMJSON {
	return dashCBMJSON{CBM: c.CBM, Uses: c.Uses, TeamsUsing: c.TeamsUsing, ExercisesExpecting: c.ExercisesExpecting,
		ExpectedActions: expectationsJSON(c.Expectations)}
}

type rankedCBMJSON struct {
	CBM  string `json:"cbm"`
	Uses int    `json:"uses"`
	Rank int    `json:"rank"`
}

// figuresJSON adds up a group of teams.
type figuresJSON struct {
	Exercises           int              `json:"exercises"`
	Teams               int              `json:"teams"`
	MessagesSent        int              `json:"messages_sent"`
	MedianAckSeconds    *float64         `json:"median_ack_seconds"`
	MedianAnswerSeconds *float64         `json:"median_answer_seconds"`
	CBMUse              map[string]int   `json:"cbm_use"`
	Scores              map[string]int   `json:"scores"` // agreed final scores: value → how many
	ExpectedActions     expectationsJSON `json:"expected_actions"`
}

func toFiguresJSON(f scoring.Figures) figuresJSON {
	return figuresJSON{Exercises: f.Exercises, Teams: f.Teams, MessagesSent: f.MessagesSent, MedianAckSeconds: f.MedianAckSeconds,
		MedianAnswerSeconds: f.MedianAnswerSeconds, CBMUse: f.CBMUse, Scores: f.Scores, ExpectedActions: expectationsJSON(f.Expectations)}
}

type dashScenarioJSON struct {
	Scenario string         `json:"scenario"`
	Figures  figuresJSON    `json:"figures"`
	Roles    []dashRoleJSON `json:"roles"`
}

func toDashScenarioJSON(s scoring.DashScenario) dashScenarioJSON {
	return dashScenarioJSON{Scenario: s.Scenario, Figures: toFiguresJSON(s.Figures),
		Roles: each(s.Roles, func(r scoring.DashRole) dashRoleJSON {
			return dashRoleJSON{Key: r.Key, Name: r.Name, Figures: toFiguresJSON(r.Figures)}
		})}
}

// dashRoleJSON is a role of a scenario (a fictional State), whoever played it.
type dashRoleJSON struct {
	Key     string      `json:"key"`
	Name    string      `json:"name"`
	Figures figuresJSON `json:"figures"`
}

type dashWorkshopJSON struct {
	ID          int64            `json:"id"`
	Title       string           `json:"title"`
	Attribution *attributionJSON `json:"attribution"` // null: non-attributive
	Figures     figuresJSON      `json:"figures"`
}

func toDashWorkshopJSON(w scoring.DashWorkshop) dashWorkshopJSON {
	return dashWorkshopJSON{ID: w.ID, Title: w.Title, Attribution: toAttributionJSON(w.Attribution), Figures: toFiguresJSON(w.Figures)}
}

// dashDelegationJSON is a delegation's team in one exercise of a workshop
// with attributed results.
type dashDelegationJSON struct {
	Delegation  string          `json:"delegation"`
	Role        string          `json:"role"`
	WorkshopID  int64           `json:"workshop_id"`
	Workshop    string          `json:"workshop"`
	ExerciseID  int64           `json:"exercise_id"`
	Exercise    string          `json:"exercise"`
	Scenario    string          `json:"scenario"`
	Date        *time.Time      `json:"date"`
	Attribution attributionJSON `json:"attribution"`
	Figures     figuresJSON     `json:"figures"`
	Final       []dashScoreJSON `json:"final_scores"`
}

type dashScoreJSON struct {
	Criterion      string `json:"criterion"`
	CriterionTitle string `json:"criterion_title"`
	Value          string `json:"value"`
}

func toDashDelegationJSON(d scoring.DashDelegation) dashDelegationJSON {
	a := d.Attribution
	return dashDelegationJSON{Delegation: d.Delegation, Role: d.Role, WorkshopID: d.WorkshopID, Workshop: d.Workshop,
		ExerciseID: d.ExerciseID, Exercise: d.Exercise, Scenario: d.Scenario, Date: d.Date,
		Attribution: attributionJSON{Reason: a.Reason, By: a.By, At: a.At}, Figures: toFiguresJSON(d.Figures),
		Final: each(d.Final, func(s scoring.DashScore) dashScoreJSON { return dashScoreJSON(s) })}
}
