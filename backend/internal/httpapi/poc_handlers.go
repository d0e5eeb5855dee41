package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// pocDirectory lists every team's points of contact: the latest entries a
// team saved, else those the scenario pre-fills.
func (s *server) pocDirectory(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sc, err := s.Exercises.Scenario(ctx, x.ex)
	if err != nil {
		return err
	}
	p, err := s.Exercises.Projection(ctx, x.ex.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, directoryJSON{Directory: each(p.Directory(sc, x.teams), toDirectoryEntryJSON)})
}

type pocBody struct {
	Entries []exercise.PoCEntry `json:"entries"`
}

func (s *server) savePoC(c echo.Context, x *exCtx, req pocBody) error {
	return s.Exercises.SetPoC(c.Request().Context(), x.ex.ID, x.viewer.TeamID, req.Entries, s.actorName(c, x))
}
