package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// listAnswers returns the stage answers the caller may read: their team's,
// all teams' for shared phases, everything for staff.
func (s *server) listAnswers(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	p, err := s.Exercises.Projection(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	out := []answerJSON{}
	for _, a := range p.VisibleAnswers(x.viewer) {
		k := exercise.AnswerKey{TeamID: a.TeamID, Phase: a.Phase, Question: a.Question}
		out = append(out, answerJSON{TeamID: a.TeamID, Phase: a.Phase, Question: a.Question, Text: a.Text, By: a.By,
			Submitted: p.Submitted[k], UpdatedAt: a.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")})
	}
	closed, shared := []string{}, []string{}
	for k := range p.PhasesClosed {
		closed = append(closed, k)
	}
	for k := range p.Shared {
		shared = append(shared, k)
	}
	return c.JSON(http.StatusOK, answersJSON{Answers: out, ClosedPhases: closed, SharedPhases: shared})
}

type answerBody struct {
	Text   string `json:"text"`
	Submit bool   `json:"submit"`
}

func (s *server) saveAnswer(c echo.Context, x *exCtx, req answerBody) error {
	return s.Exercises.SaveAnswer(c.Request().Context(), x.ex.ID, x.viewer.TeamID, c.Param("phase"), c.Param("question"),
		req.Text, s.actorName(c, x), req.Submit)
}

func (s *server) phaseAction(share bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		x, err := s.staffExercise(c, workshop.ActPhase)
		if err != nil {
			return err
		}
		ctx, phase, by := c.Request().Context(), c.Param("phase"), s.actorName(c, x)
		if share {
			err = s.Exercises.ShareAnswers(ctx, x.ex.ID, phase, by)
		} else {
			err = s.Exercises.ClosePhase(ctx, x.ex.ID, phase, by)
		}
		if err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}
