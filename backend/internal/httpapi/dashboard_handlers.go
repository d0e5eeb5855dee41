package httpapi

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// dashboardData gathers the exercises of the workshops the caller may run
// (one workshop with ?workshop_id=) and aggregates their reports, naming
// delegations only where a workshop turned on attributed results.
func (s *server) dashboardData(c echo.Context) (*scoring.Dashboard, error) {
	ctx := c.Request().Context()
	var only int64
	if v := c.QueryParam("workshop_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return nil, apperr.Invalid(map[string]string{"workshop_id": "Give a workshop id."})
		}
		only = n
	}
	ws, err := s.Workshops.List(ctx, principal(c))
	if err != nil {
		return nil, err
	}
	var played []scoring.Played
	for _, w := range ws {
		if only != 0 && w.ID != only {
			continue
		}
		exs, err := s.Exercises.List(ctx, w.ID)
		if err != nil {
			return nil, err
		}
		for _, ex := range exs {
			played = append(played, scoring.Played{ExerciseID: ex.ID, WorkshopID: w.ID, Workshop: w.Title, Attribution: w.Attribution})
		}
	}
	return s.Scoring.Dashboard(ctx, played)
}

func (s *server) dashboard(c echo.Context) error {
	d, err := s.dashboardData(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDashboardJSON(d))
}

func (s *server) dashboardCSV(c echo.Context) error {
	d, err := s.dashboardData(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf); err != nil {
		return err
	}
	return attachment(c, "cbmex-dashboard.csv", "text/csv; charset=utf-8", buf.Bytes())
}
