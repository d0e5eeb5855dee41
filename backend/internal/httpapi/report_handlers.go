package httpapi

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/scoring"
)

func (s *server) author(c echo.Context, x *exCtx) scoring.Author {
	a := scoring.Author{Name: s.actorName(c, x)}
	if x.p.User != nil {
		a.UserID = x.p.User.ID
	}
	return a
}

func (s *server) setScore(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	var in scoring.ScoreData
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	if err := s.Scoring.SetScore(c.Request().Context(), x.ex.ID, s.author(c, x), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *server) assessTeam(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	tid, err := pathID(c, "team")
	if err != nil {
		return err
	}
	var in scoring.AssessmentData
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	in.TeamID = tid
	if err := s.Scoring.Assess(c.Request().Context(), x.ex.ID, s.author(c, x), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *server) addImprovement(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	var in scoring.ImprovementData
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	if err := s.Scoring.AddImprovement(c.Request().Context(), x.ex.ID, s.author(c, x), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusCreated)
}

func (s *server) publishReport(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	if err := s.Scoring.Publish(c.Request().Context(), x.ex.ID, s.author(c, x)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// report returns the after-action report as the caller may see it: all of it
// for staff; once published, the common parts and their own team's
// scorecard for a participant; nothing before.
func (s *server) report(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	r, err := s.Scoring.Report(c.Request().Context(), x.ex.ID, x.viewer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"report": r})
}

func (s *server) reportCSV(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	r, err := s.Scoring.Report(c.Request().Context(), x.ex.ID, x.viewer)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition,
		mime.FormatMediaType("attachment", map[string]string{"filename": "after-action-report.csv"}))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
