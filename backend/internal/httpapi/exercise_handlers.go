package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

type createExerciseRequest struct {
	WorkshopID int64  `json:"workshop_id"`
	ScenarioID string `json:"scenario_id"` // numeric id or slug
	Version    int    `json:"version"`     // 0: the latest
	Title      string `json:"title"`
}

// check refuses a request that names no workshop or no scenario before
// anything is looked up: a workshop id of 0 would otherwise answer 404, as
// for a workshop the caller may not see.
func (r createExerciseRequest) check() error {
	fields := map[string]string{}
	if r.WorkshopID <= 0 {
		fields["workshop_id"] = "Choose the workshop the exercise belongs to."
	}
	if strings.TrimSpace(r.ScenarioID) == "" {
		fields["scenario_id"] = "Choose the scenario to play, by its id or slug."
	}
	if r.Version < 0 {
		fields["version"] = "The version must be a positive whole number, or 0 for the latest."
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields)
	}
	return nil
}

func (s *server) createExercise(c echo.Context) error {
	var req createExerciseRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	if err := req.check(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	w, err := s.Workshops.Get(ctx, principal(c), req.WorkshopID)
	if err != nil {
		return err
	}
	duty, _ := w.StaffDuty(principal(c))
	if err := workshop.Allow(duty, workshop.ActCreateExercise); err != nil {
		return err
	}
	sid, err := s.Library.Resolve(ctx, req.ScenarioID)
	if err != nil {
		return err
	}
	v, err := s.Library.Get(ctx, sid, req.Version)
	if err != nil {
		return err
	}
	ex, _, err := s.Exercises.Create(ctx, req.WorkshopID, v.ID, req.Title, userID(c))
	if err != nil {
		return err
	}
	c.SetParamNames("id")
	c.SetParamValues(strconv.FormatInt(ex.ID, 10))
	return s.writeExercise(c, http.StatusCreated)
}

func (s *server) getExercise(c echo.Context) error { return s.writeExercise(c, http.StatusOK) }

func (s *server) writeExercise(c echo.Context, status int) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sc, fb, err := s.Exercises.ScenarioIn(ctx, x.ex, x.viewer.Language)
	if err != nil {
		return err
	}
	v, err := s.Library.VersionByID(ctx, x.ex.ScenarioVersionID)
	if err != nil {
		return err
	}
	out := toExerciseJSON(x, sc, fb, v.Languages, s.Exercises.Now())
	if !x.staff() {
		out.Viewer.Name = s.actorName(c, x)
	}
	return c.JSON(status, exerciseEnvelope{Exercise: out})
}

// clockAction handles start, pause, resume, end, speed and jump.
func (s *server) clockAction(action string) echo.HandlerFunc {
	return func(c echo.Context) error {
		x, err := s.staffExercise(c, workshop.ActClock)
		if err != nil {
			return err
		}
		var req struct {
			Speed     float64 `json:"speed"`
			Phase     string  `json:"phase"`
			Overtaken string  `json:"overtaken"` // jump: release or skip the injects it passes over
		}
		if action == "speed" || action == "jump" {
			if err := c.Bind(&req); err != nil {
				return badJSON(err)
			}
		}
		ex, err := s.Exercises.ChangeClock(c.Request().Context(), x.ex.ID, exercise.ClockAction{Action: action, Speed: req.Speed,
			Phase: req.Phase, Overtaken: req.Overtaken, By: s.actorName(c, x)})
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, clockEnvelope{Clock: toClockJSON(ex.Clock, s.Exercises.Now())})
	}
}

func (s *server) addNote(c echo.Context, x *exCtx, req textBody) error {
	return s.Exercises.Note(c.Request().Context(), x.ex.ID, req.Text, s.actorName(c, x))
}
