package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// listInjects gives staff the whole timeline with each inject's state (the
// MSEL: pending and held injects, facilitator notes), and everyone else the
// released injects the policy lets them see.
func (s *server) listInjects(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p, err := s.Exercises.Projection(ctx, x.ex.ID)
	if err != nil {
		return err
	}
	lang := x.viewer.Language
	sc, fb, err := s.Exercises.ScenarioIn(ctx, x.ex, lang)
	if err != nil {
		return err
	}
	if !x.seesStaffOnly() {
		out := releasedInjectsJSON{Injects: []releasedInjectJSON{}}
		for _, r := range p.VisibleReleases(x.viewer) {
			d := r.InjectData
			if fb != nil {
				d = exercise.LocalizeInject(d, sc, fb, lang)
			}
			out.Injects = append(out.Injects, releasedInjectJSON(d))
		}
		return c.JSON(http.StatusOK, out)
	}
	timeline := p.Timeline(sc, x.teams, x.ex.Clock.Now(s.Exercises.Now()))
	out := injectTimelineJSON{Injects: make([]injectStateJSON, len(timeline))}
	for i, is := range timeline {
		out.Injects[i] = toInjectStateJSON(is)
		if _, scripted := sc.Inject(is.Key); scripted && fb != nil {
			out.Injects[i].Localized = exercise.LocalizedFields(lang, fb, "injects."+is.Key, "title", "from", "body")
		}
	}
	return c.JSON(http.StatusOK, out)
}

func (s *server) injectAction(action string) echo.HandlerFunc {
	return func(c echo.Context) error {
		x, err := s.staffExercise(c, workshop.ActInject)
		if err != nil {
			return err
		}
		ctx, key, by := c.Request().Context(), c.Param("key"), s.actorName(c, x)
		if action == "release" {
			err = s.Exercises.Release(ctx, x.ex.ID, key, by)
		} else {
			err = s.Exercises.Control(ctx, x.ex.ID, key, action, by)
		}
		if err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}

type adHocRequest struct {
	Title   string  `json:"title"`
	Body    string  `json:"body"`
	Channel string  `json:"channel"`
	From    string  `json:"from"`
	Teams   []int64 `json:"teams"`
}

func (s *server) adHocInject(c echo.Context, x *exCtx, req adHocRequest) error {
	return s.Exercises.ReleaseAdHoc(c.Request().Context(), x.ex.ID, exercise.AdHoc(req))
}
