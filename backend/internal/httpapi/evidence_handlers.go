package httpapi

import (
	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// judgeEvidenceRequest is a facilitator's verdict on a message as the
// evidence of a team's expected action.
type judgeEvidenceRequest struct {
	TeamID  int64  `json:"team_id"`
	Inject  string `json:"inject"`
	Action  string `json:"action"`
	Message int64  `json:"message"`
	Verdict string `json:"verdict"` // confirmed, rejected or cleared
}

func (s *server) judgeEvidence(c echo.Context, x *exCtx, in judgeEvidenceRequest) error {
	return s.Scoring.JudgeEvidence(c.Request().Context(), x.ex.ID, s.author(c, x), scoring.JudgementData{
		TeamID: in.TeamID, Inject: in.Inject, Action: in.Action, Message: in.Message, Verdict: in.Verdict})
}
