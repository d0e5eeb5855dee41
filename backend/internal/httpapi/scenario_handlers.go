package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/library"
)

func (s *server) listScenarios(c echo.Context) error {
	f := library.Filter{Text: c.QueryParam("q"), CBM: c.QueryParam("cbm"), Theme: c.QueryParam("theme"),
		Level: c.QueryParam("level"), Language: c.QueryParam("language")}
	if m := c.QueryParam("max_minutes"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n <= 0 {
			return apperr.Invalid(map[string]string{"max_minutes": "Give the longest duration as a whole number of minutes."})
		}
		f.MaxDuration = time.Duration(n) * time.Minute
	}
	vs, err := s.Library.List(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := make([]versionJSON, len(vs))
	for i := range vs {
		out[i] = toVersionJSON(&vs[i])
	}
	return c.JSON(http.StatusOK, scenariosJSON{Scenarios: out})
}

func (s *server) createScenario(c echo.Context) error {
	src, err := yamlBody(c)
	if err != nil {
		return err
	}
	v, err := s.Library.Create(c.Request().Context(), uploadName(c), src, library.OriginUpload, userID(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, scenarioEnvelope{Scenario: toVersionJSON(v)})
}

// validateScenario checks a file without storing it; the editor calls it as
// the author types. A file with problems is a successful check, so 200.
func (s *server) validateScenario(c echo.Context) error {
	src, err := yamlBody(c)
	if err != nil {
		return err
	}
	sc, err := s.Library.Validate(uploadName(c), src)
	if inv, ok := err.(*library.InvalidError); ok {
		return c.JSON(http.StatusOK, validationJSON{Valid: false, Problems: library.ProblemsJSON(inv.Problems)})
	}
	if err != nil {
		return err
	}
	parsed := toScenarioJSON(sc)
	return c.JSON(http.StatusOK, validationJSON{Valid: true, Problems: []library.ProblemJSON{}, Parsed: &parsed})
}

func (s *server) getScenario(c echo.Context) error {
	id, number, err := s.scenarioRef(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := s.Library.Get(ctx, id, number)
	if err != nil {
		return err
	}
	parsed, err := s.Library.Parsed(v)
	if err != nil {
		return err
	}
	versions, err := s.Library.Versions(ctx, id)
	if err != nil {
		return err
	}
	vj := make([]versionJSON, len(versions))
	for i := range versions {
		vj[i] = toVersionJSON(&versions[i])
	}
	return c.JSON(http.StatusOK, scenarioDetailJSON{Scenario: toVersionJSON(v), Versions: vj, Parsed: toScenarioJSON(parsed), Source: string(v.Source)})
}

func (s *server) updateScenario(c echo.Context) error {
	id, err := s.Library.Resolve(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	src, err := yamlBody(c)
	if err != nil {
		return err
	}
	v, created, err := s.Library.Update(c.Request().Context(), id, uploadName(c), src, library.OriginUpload, userID(c))
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, scenarioSavedJSON{Scenario: toVersionJSON(v), Created: created})
}

func (s *server) exportScenario(c echo.Context) error {
	v, err := s.requestedVersion(c)
	if err != nil {
		return err
	}
	return attachment(c, v.Slug+".yaml", "application/yaml; charset=utf-8", v.Source)
}

// requestedVersion is the version :id and ?version=N name (the latest by default).
func (s *server) requestedVersion(c echo.Context) (*library.Version, error) {
	id, number, err := s.scenarioRef(c)
	if err != nil {
		return nil, err
	}
	return s.Library.Get(c.Request().Context(), id, number)
}

// scenarioRef reads the scenario (id or slug) and the optional ?version=N.
func (s *server) scenarioRef(c echo.Context) (int64, int, error) {
	id, err := s.Library.Resolve(c.Request().Context(), c.Param("id"))
	if err != nil {
		return 0, 0, err
	}
	number := 0
	if q := c.QueryParam("version"); q != "" {
		if number, err = strconv.Atoi(q); err != nil || number <= 0 {
			return 0, 0, apperr.Invalid(map[string]string{"version": "The version must be a positive whole number."})
		}
	}
	return id, number, nil
}
