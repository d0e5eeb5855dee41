package httpapi

import (
	"net/http"

	"github.com/cbmex/cbmex/backend/internal/workshop"
	"github.com/labstack/echo/v4"
)

func (s *server) sendCommCheck(c echo.Context) error {
	x, err := s.staffExercise(c, workshop.ActCommCheck)
	if err != nil {
		return err
	}
	var req textBody
	if err := bindOptional(c, &req); err != nil {
		return err
	}
	seq, err := s.Exercises.CommCheck(c.Request().Context(), x.ex.ID, req.Text, s.actorName(c, x))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, commCheckCreatedJSON{ID: seq})
}

func (s *server) ackCommCheck(c echo.Context, x *exCtx, _ struct{}) error {
	check, err := pathID(c, "check")
	if err != nil {
		return err
	}
	return s.Exercises.AckCommCheck(c.Request().Context(), x.ex.ID, check, x.viewer.TeamID, s.actorName(c, x))
}

// listCommChecks shows each check and, per team, whether and how fast it was
// acknowledged (participants see only their own team's acknowledgement).
func (s *server) listCommChecks(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	p, err := s.Exercises.Projection(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, commChecksJSON{Checks: each(p.CommCheckAcks(x.teams, x.viewer), toCommCheckJSON)})
}
