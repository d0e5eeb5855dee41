package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

func (s *server) listTriggers(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	if !x.seesStaffOnly() { // the trigger list is part of the MSEL
		return apperr.Forbidden()
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
	return c.JSON(http.StatusOK, triggersJSON{Triggers: each(p.TriggerStates(sc), toTriggerStateJSON)})
}

type decision struct {
	Yes *bool `json:"yes"`
}

func (s *server) decideTrigger(c echo.Context, x *exCtx, req decision) error {
	if req.Yes == nil {
		return apperr.Invalid(map[string]string{"yes": "Answer with true or false."})
	}
	return s.Exercises.Decide(c.Request().Context(), x.ex.ID, c.Param("key"), *req.Yes, s.actorName(c, x))
}
