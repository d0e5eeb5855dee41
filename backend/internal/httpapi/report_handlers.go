package httpapi

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

func (s *server) author(c echo.Context, x *exCtx) scoring.Author {
	a := scoring.Author{Name: s.actorName(c, x)}
	if x.p.User != nil {
		a.UserID = x.p.User.ID
	}
	return a
}

func (s *server) setScore(c echo.Context, x *exCtx, in scoring.ScoreData) error {
	return s.Scoring.SetScore(c.Request().Context(), x.ex.ID, s.author(c, x), in)
}

func (s *server) assessTeam(c echo.Context, x *exCtx, in scoring.AssessmentData) error {
	tid, err := pathID(c, "team")
	if err != nil {
		return err
	}
	in.TeamID = tid
	return s.Scoring.Assess(c.Request().Context(), x.ex.ID, s.author(c, x), in)
}

func (s *server) addImprovement(c echo.Context, x *exCtx, in scoring.ImprovementData) error {
	return s.Scoring.AddImprovement(c.Request().Context(), x.ex.ID, s.author(c, x), in)
}

func (s *server) publishReport(c echo.Context, x *exCtx, _ struct{}) error {
	return s.Scoring.Publish(c.Request().Context(), x.ex.ID, s.author(c, x))
}

// loadReport builds the after-action report as the caller may see it: all
// of it for staff; once published, the common parts and their own team's
// scorecard for a participant; nothing before.
func (s *server) loadReport(c echo.Context) (*scoring.Report, error) {
	x, err := s.loadExercise(c)
	if err != nil {
		return nil, err
	}
	return s.Scoring.Report(c.Request().Context(), x.ex.ID, x.viewer)
}

func (s *server) report(c echo.Context) error {
	r, err := s.loadReport(c)
	if err != nil {
		return err
	}
	sum, err := s.reportSurvey(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, reportEnvelope{Report: toReportJSON(r), Survey: sum})
}

// reportCSV answers the report's CSV export: the scorecards, or with
// part=tour the tours de table (one table per file, so that a spreadsheet or
// a CSV reader takes each as it is).
func (s *server) reportCSV(c echo.Context) error {
	part := c.QueryParam("part")
	if part != "" && part != "scores" && part != "tour" {
		return apperr.Invalid(map[string]string{"part": "Ask for part=scores or part=tour."})
	}
	r, err := s.loadReport(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := "after-action-report.csv"
	if part == "tour" {
		name, err = "after-action-report-tour-de-table.csv", r.WriteTourCSV(&buf)
	} else {
		err = r.WriteCSV(&buf)
	}
	if err != nil {
		return err
	}
	return attachment(c, name, "text/csv; charset=utf-8", buf.Bytes())
}
