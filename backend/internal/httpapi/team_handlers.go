package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

func (s *server) renameTeam(c echo.Context) error {
	x, err := s.staffExercise(c, workshop.ActTeam)
	if err != nil {
		return err
	}
	tid, err := pathID(c, "team")
	if err != nil {
		return err
	}
	var req struct {
		Name string `json:"name"`
	}
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	t, err := s.Exercises.RenameTeam(c.Request().Context(), x.ex.ID, tid, req.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, teamEnvelope{Team: staffTeamJSON(t)})
}

func (s *server) newTeamCode(c echo.Context) error {
	x, err := s.staffExercise(c, workshop.ActTeam)
	if err != nil {
		return err
	}
	tid, err := pathID(c, "team")
	if err != nil {
		return err
	}
	t, err := s.Exercises.NewCode(c.Request().Context(), x.ex.ID, tid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, teamEnvelope{Team: staffTeamJSON(t)})
}

// briefing gives each caller the team briefings the policy lets them see: a
// participant their own team's; staff and observers every team's (each was
// given to a team, none is staff-only).
func (s *server) briefing(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	sc, fb, err := s.Exercises.ScenarioIn(c.Request().Context(), x.ex, x.viewer.Language)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toBriefingJSON(sc, fb, x.viewer.Language, exercise.Briefings(sc, x.teams, x.viewer)))
}
