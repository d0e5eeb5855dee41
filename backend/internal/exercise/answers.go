package exercise

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// MaxAnswerLen caps a stage answer, in characters (as the room's text box
// counts them, whatever the script); a team's shared answer is a paragraph or
// a few, not a report.
const MaxAnswerLen = 10000

// SaveAnswer stores a team's shared answer to a stage question. Any member
// may edit; the last edit wins and names its author. Answers can be edited
// until the facilitators close the phase or the exercise ends.
func (s *Service) SaveAnswer(ctx context.Context, exerciseID, teamID int64, phase, question, text, by string, submit bool) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	if err := checkQuestion(sc, phase, question); err != nil {
		return err
	}
	if utf8.RuneCountInString(text) > MaxAnswerLen {
		return apperr.Invalid(map[string]string{"text": "An answer may have at most 10,000 characters."})
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	switch {
	case !p.PhasesStarted[phase]:
		return conflict("phase_not_started", "This phase has not started yet.")
	case p.PhasesClosed[phase]:
		return conflict("phase_closed", "The facilitators have closed this phase; its answers can no longer be changed.")
	}
	// A draft answer is the team's internal work: observers and other teams
	// read it once the facilitators share the phase (answers.shared).
	data := AnswerData{TeamID: teamID, Phase: phase, Question: question, Text: text, By: by}
	evs := []NewEvent{{Type: EvAnswerUpdated, Audience: TeamInternal(teamID), Data: data}}
	if submit {
		evs = append(evs, NewEvent{Type: EvAnswerSubmit, Audience: TeamInternal(teamID), Data: data})
	}
	_, err = s.playAppend(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: evs}, nil
	})
	return err
}

// ClosePhase stops the teams from editing a phase's answers.
func (s *Service) ClosePhase(ctx context.Context, exerciseID int64, phase, by string) error {
	return s.phaseAction(ctx, exerciseID, phase, by, EvPhaseClosed, Everyone, nil)
}

// ShareAnswers shows every team's answers to a phase's questions to all teams.
func (s *Service) ShareAnswers(ctx context.Context, exerciseID int64, phase, by string) error {
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	shared := SharedAnswersData{Phase: phase, Answers: []AnswerData{}}
	for _, a := range p.AnswersOf(phase) {
		shared.Answers = append(shared.Answers, a.AnswerData)
	}
	return s.phaseAction(ctx, exerciseID, phase, by, EvAnswersShared, Everyone, shared)
}

func (s *Service) phaseAction(ctx context.Context, exerciseID int64, phase, by, typ string, aud Audience, data any) error {
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	if _, ok := sc.Phase(phase); !ok {
		return apperr.NotFound("phase")
	}
	if data == nil {
		data = KeyData{Key: phase, By: by}
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: typ, Audience: aud, Data: withKey(data, phase)}}}, nil
	})
	return err
}

// withKey makes sure the payload carries the phase under "key", which the
// projection reads.
func withKey(data any, key string) any {
	if sh, ok := data.(SharedAnswersData); ok {
		return struct {
			Key string `json:"key"`
			SharedAnswersData
		}{key, sh}
	}
	return data
}

// AnswersOf returns the latest answers to a phase's questions, by team.
func (p *Projection) AnswersOf(phase string) []Answer {
	var out []Answer
	for k, a := range p.Answers {
		if k.Phase == phase {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].TeamID != out[j].TeamID {
			return out[i].TeamID < out[j].TeamID
		}
		return out[i].Question < out[j].Question
	})
	return out
}

// VisibleAnswers returns the answers v may read: their own team's, every
// team's for phases the facilitators shared (observers read only these),
// everything for staff.
func (p *Projection) VisibleAnswers(v Viewer) []Answer {
	var out []Answer
	for k, a := range p.Answers {
		aud := TeamInternal(k.TeamID)
		if p.Shared[k.Phase] {
			aud = Everyone
		}
		if CanSee(v, aud) {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

func checkQuestion(sc *scenario.Scenario, phase, question string) error {
	ph, ok := sc.Phase(phase)
	if !ok {
		return apperr.NotFound("phase")
	}
	for _, q := range ph.Questions {
		if q.Key == question {
			return nil
		}
	}
	return apperr.NotFound("question")
}

// Note records a facilitator's observation; participants never see notes.
func (s *Service) Note(ctx context.Context, exerciseID int64, text, by string) error {
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > 10000 {
		return apperr.Invalid(map[string]string{"text": "Write a note of at most 10,000 characters."})
	}
	_, err := s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvNote, Audience: StaffOnly, Data: NoteData{Text: text, By: by}}}}, nil
	})
	return err
}
