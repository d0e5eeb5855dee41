package scoring

import (
	"context"
	"slices"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

var verdicts = []string{VerdictConfirmed, VerdictRejected, VerdictCleared}

// JudgeEvidence records a facilitator's verdict on a message the team sent
// as the evidence of one of its expected actions: a confirmed message
// counts, a rejected one does not even when it fits the matcher, and a
// cleared verdict leaves the matcher to decide again.
func (s *Service) JudgeEvidence(ctx context.Context, exerciseID int64, by Author, in JudgementData) error {
	ex, teams, err := s.ex.Get(ctx, exerciseID)
	if err != nil {
		return err
	}
	sc, err := s.ex.Scenario(ctx, ex)
	if err != nil {
		return err
	}
	p, err := s.ex.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if fields := checkJudgement(sc, teams, p, in); len(fields) > 0 {
		return apperr.Invalid(fields)
	}
	in.By = by.Name
	_, err = s.ex.Record(ctx, exerciseID, exercise.NewEvent{Type: exercise.EvEvidenceJudged, Audience: exercise.StaffOnly, Data: in}, nil)
	return err
}

// checkJudgement names every field of a verdict that does not hold: the
// team, an expected action of the inject that the team is asked for and
// that a message shows, a message the team sent, and the verdict itself.
func checkJudgement(sc *scenario.Scenario, teams []exercise.Team, p *exercise.Projection, in JudgementData) map[string]string {
	fields := map[string]string{}
	i := slices.IndexFunc(teams, func(t exercise.Team) bool { return t.ID == in.TeamID })
	if i < 0 {
		fields["team_id"] = "Choose a team of this exercise."
	}
	inj, ok := sc.Inject(in.Inject)
	if !ok {
		fields["inject"] = "Choose an inject of the scenario."
	} else {
		j := slices.IndexFunc(inj.ExpectedActions, func(a scenario.ExpectedAction) bool { return a.Key == in.Action })
		switch {
		case j < 0:
			fields["action"] = "Choose an expected action of this inject."
		case i >= 0 && !inj.ExpectedActions[j].ExpectedOf(teams[i].Key):
			fields["action"] = "This action is expected of another team."
		case inj.ExpectedActions[j].NotObservable || inj.ExpectedActions[j].Shows() != scenario.ShownByMessage:
			fields["action"] = "This action is not shown by a message; nothing here to confirm or reject."
		}
	}
	if m := p.Mail[in.Message]; m == nil || (i >= 0 && m.From != in.TeamID) {
		fields["message"] = "Choose a message the team sent."
	}
	if !slices.Contains(verdicts, in.Verdict) {
		fields["verdict"] = "The verdict is confirmed, rejected or cleared."
	}
	return fields
}
