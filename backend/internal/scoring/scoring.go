// Package scoring turns an exercise's log into what the workshop takes home:
// facilitators' rubric scores, the evidence the system measures by itself
// (response times, expected actions, CBM use), and the after-action report.
// Scores and assessments are events in the exercise log like everything
// else; the report is a pure function of the scenario, the teams and the log.
package scoring

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// ScoreData is one facilitator's score of one team on one criterion.
type ScoreData struct {
	TeamID    int64   `json:"team_id"`
	Criterion string  `json:"criterion"`
	Value     string  `json:"value"` // P, S, M, U or 0–4
	Comment   string  `json:"comment"`
	Evidence  []int64 `json:"evidence"` // seqs of the messages and events that show it
	Final     bool    `json:"final"`    // the agreed score
	ByUser    int64   `json:"by_user"`
	By        string  `json:"by"`
}

// AssessmentData is the facilitators' summary of a team.
type AssessmentData struct {
	TeamID       int64  `json:"team_id"`
	Strengths    string `json:"strengths"`
	Improvements string `json:"improvements"`
	By           string `json:"by"`
}

// ImprovementData is one line of the improvement plan.
type ImprovementData struct {
	Recommendation string `json:"recommendation"`
	CBM            string `json:"cbm"`
	Owner          string `json:"owner"`
	Due            string `json:"due"` // YYYY-MM-DD or free text
	By             string `json:"by"`
}

// Author is the facilitator who writes.
type Author struct {
	UserID int64
	Name   string
}

// Service records scores and builds reports.
type Service struct {
	ex        *exercise.Service
	workshops Workshops // nil: every report is non-attributive
}

// New wires a Service on the exercise engine and the workshops, whose
// choice of attributed results the reports follow.
func New(ex *exercise.Service, ws Workshops) *Service { return &Service{ex: ex, workshops: ws} }

// ScaleValues lists the values of a rubric scale.
func ScaleValues(scale scenario.Scale) []string {
	if scale == scenario.ScaleNumeric {
		return []string{"0", "1", "2", "3", "4"}
	}
	return []string{"P", "S", "M", "U"}
}

// SetScore records a facilitator's score (or the agreed final score).
func (s *Service) SetScore(ctx context.Context, exerciseID int64, by Author, in ScoreData) error {
	sc, teams, err := s.scenarioAndTeams(ctx, exerciseID)
	if err != nil {
		return err
	}
	in.Value, in.Comment = strings.ToUpper(strings.TrimSpace(in.Value)), strings.TrimSpace(in.Comment)
	fields := map[string]string{}
	if !hasTeam(teams, in.TeamID) {
		fields["team_id"] = "Choose a team of this exercise."
	}
	if !slices.ContainsFunc(sc.Rubric.Criteria, func(c scenario.Criterion) bool { return c.Key == in.Criterion }) {
		fields["criterion"] = "Choose a criterion of the scenario's rubric."
	}
	if vals := ScaleValues(sc.Rubric.Scale); !slices.Contains(vals, in.Value) {
		fields["value"] = "The score must be one of " + strings.Join(vals, ", ") + "."
	}
	if utf8.RuneCountInString(in.Comment) > 5000 || len(in.Evidence) > 50 {
		fields["comment"] = "Keep the comment under 5,000 characters and at most 50 pieces of evidence."
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields)
	}
	in.ByUser, in.By = by.UserID, by.Name
	_, err = s.ex.Record(ctx, exerciseID, exercise.NewEvent{Type: exercise.EvScore, Audience: exercise.StaffOnly, Data: in}, nil)
	return err
}

// Assess records a team's strengths and areas for improvement.
func (s *Service) Assess(ctx context.Context, exerciseID int64, by Author, in AssessmentData) error {
	_, teams, err := s.scenarioAndTeams(ctx, exerciseID)
	if err != nil {
		return err
	}
	if !hasTeam(teams, in.TeamID) {
		return apperr.Invalid(map[string]string{"team_id": "Choose a team of this exercise."})
	}
	if utf8.RuneCountInString(in.Strengths) > 10000 || utf8.RuneCountInString(in.Improvements) > 10000 {
		return apperr.Invalid(map[string]string{"strengths": "At most 10,000 characters each."})
	}
	in.By = by.Name
	_, err = s.ex.Record(ctx, exerciseID, exercise.NewEvent{Type: exercise.EvAssessment, Audience: exercise.StaffOnly, Data: in}, nil)
	return err
}

// AddImprovement adds a line to the improvement plan.
func (s *Service) AddImprovement(ctx context.Context, exerciseID int64, by Author, in ImprovementData) error {
	in.Recommendation = strings.TrimSpace(in.Recommendation)
	if in.Recommendation == "" || utf8.RuneCountInString(in.Recommendation) > 2000 {
		return apperr.Invalid(map[string]string{"recommendation": "Write the recommendation (at most 2,000 characters)."})
	}
	in.By = by.Name
	_, err := s.ex.Record(ctx, exerciseID, exercise.NewEvent{Type: exercise.EvImprovement, Audience: exercise.StaffOnly, Data: in}, nil)
	return err
}

// Publish shows the report to the participants: each team its own scorecard
// and the common parts.
func (s *Service) Publish(ctx context.Context, exerciseID int64, by Author) error {
	_, err := s.ex.Record(ctx, exerciseID, exercise.NewEvent{Type: exercise.EvPublished, Audience: exercise.Everyone,
		Data: map[string]string{"by": by.Name}}, nil)
	return err
}

// errNotPublished is what everyone but staff gets before the facilitators
// publish.
var errNotPublished = apperr.New(http.StatusForbidden, "report_not_published", "The facilitators have not published the report yet.")

// Report builds the after-action report as v may see it, naming the real
// delegations only when the exercise's workshop turned on attributed
// results.
//
// The scenario's texts (objectives, criteria, questions, inject titles) are
// in v's language, or the workshop's when v reads the source; each falls
// back to the source language where it has no current translation.
func (s *Service) Report(ctx context.Context, exerciseID int64, v exercise.Viewer) (*Report, error) {
	ex, teams, err := s.ex.Get(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	lang := v.Language
	if lang == "" && s.workshops != nil {
		w, err := s.workshops.Workshop(ctx, ex.WorkshopID)
		if err != nil {
			return nil, err
		}
		lang = w.Language
	}
	b, err := s.buildIn(ctx, ex, teams, lang)
	if err != nil {
		return nil, err
	}
	a, err := s.attribution(ctx, b.ex.WorkshopID)
	if err != nil {
		return nil, err
	}
	b.r.Attribute(a)
	return b.r.For(v)
}

// built is a staff report not yet attributed, with what it was built from.
type built struct {
	r  *Report
	ex *exercise.Exercise
	sc *scenario.Scenario
}

func (s *Service) build(ctx context.Context, exerciseID int64) (*built, error) {
	ex, teams, err := s.ex.Get(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	return s.buildOf(ctx, ex, teams)
}

func (s *Service) buildOf(ctx context.Context, ex *exercise.Exercise, teams []exercise.Team) (*built, error) {
	return s.buildIn(ctx, ex, teams, "")
}

// buildIn builds the report with the scenario read in lang ("": as
// written), released injects and phases included.
func (s *Service) buildIn(ctx context.Context, ex *exercise.Exercise, teams []exercise.Team, lang string) (*built, error) {
	sc, _, err := s.ex.ScenarioIn(ctx, ex, lang)
	if err != nil {
		return nil, err
	}
	evs, err := s.ex.AllEvents(ctx, ex.ID)
	if err != nil {
		return nil, err
	}
	if evs, err = s.ex.Localize(ctx, ex, evs, lang); err != nil {
		return nil, err
	}
	r := Build(sc, ex, teams, evs, s.ex.Now())
	r.Language = lang
	if lang == "" {
		r.Language = sc.SourceLanguage()
	}
	return &built{r: r, ex: ex, sc: sc}, nil
}

func (s *Service) scenarioAndTeams(ctx context.Context, exerciseID int64) (*scenario.Scenario, []exercise.Team, error) {
	ex, teams, err := s.ex.Get(ctx, exerciseID)
	if err != nil {
		return nil, nil, err
	}
	sc, err := s.ex.Scenario(ctx, ex)
	return sc, teams, err
}

func hasTeam(teams []exercise.Team, id int64) bool {
	return slices.ContainsFunc(teams, func(t exercise.Team) bool { return t.ID == id })
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
