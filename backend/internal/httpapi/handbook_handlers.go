package httpapi

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/handbook"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

const pdfType = "application/pdf"

// scenarioManual is a team's situation manual, printed from the library:
// GET /scenarios/:id/manual/<team>.pdf.
func (s *server) scenarioManual(c echo.Context) error {
	team, err := manualTeam(c)
	if err != nil {
		return err
	}
	v, sc, o, err := s.libraryHandbook(c)
	if err != nil {
		return err
	}
	return sendManual(c, v, sc, team, o)
}

// exerciseManual is the situation manual of a team of an exercise, with
// the workshop's name, dates and classification line, in the reader's
// language (the workshop's by default): the exercise's staff print any
// team's, a participant only their own team's.
func (s *server) exerciseManual(c echo.Context) error {
	team, err := manualTeam(c)
	if err != nil {
		return err
	}
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	switch {
	case x.viewer.Observer:
		return apperr.Forbidden()
	case !x.staff() && !slices.ContainsFunc(x.teams, func(t exercise.Team) bool { return t.ID == x.viewer.TeamID && t.Key == team }):
		return apperr.NotFound("team") // another team's briefing is not for this reader
	}
	ctx := c.Request().Context()
	w, err := s.Workshops.Printed(ctx, x.ex.WorkshopID)
	if err != nil {
		return err
	}
	v, err := s.Library.VersionByID(ctx, x.ex.ScenarioVersionID)
	if err != nil {
		return err
	}
	fallback := x.viewer.Language
	if fallback == "" {
		fallback = w.Language
	}
	lang, err := offeredLang(c, v, fallback)
	if err != nil {
		return err
	}
	sc, o, err := s.handbookScenario(ctx, v, lang)
	if err != nil {
		return err
	}
	o.Classification = w.Classification
	o.Subtitle = handbook.WorkshopSubtitle(w.Title, w.StartsOn, w.EndsOn, w.Place)
	return sendManual(c, v, sc, team, o)
}

// libraryHandbook is the scenario version asked for, read in the language
// asked for, with the options of a document printed from the library (no
// workshop: the scenario and its version as the subtitle).
func (s *server) libraryHandbook(c echo.Context) (*library.Version, *scenario.Scenario, handbook.Options, error) {
	v, err := s.requestedVersion(c)
	if err != nil {
		return nil, nil, handbook.Options{}, err
	}
	lang, err := offeredLang(c, v, "")
	if err != nil {
		return nil, nil, handbook.Options{}, err
	}
	sc, o, err := s.handbookScenario(c.Request().Context(), v, lang)
	if err != nil {
		return nil, nil, handbook.Options{}, err
	}
	o.Subtitle = handbook.LibrarySubtitle(o.Lang, sc.Title, v.Number)
	return v, sc, o, nil
}

// scenarioGuide is the facilitator guide as PDF or Word (format "pdf" or
// "docx").
func (s *server) scenarioGuide(format string) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, sc, o, err := s.libraryHandbook(c)
		if err != nil {
			return err
		}
		return sendDocument(c, handbook.Guide(sc, o), handbookName(v, sc, o.Lang, "guide"), format)
	}
}

// manualTeam is the team key of a manual's address (<team>.pdf).
func manualTeam(c echo.Context) (string, error) {
	team, ok := strings.CutSuffix(c.Param("file"), ".pdf")
	if !ok || team == "" {
		return "", apperr.NotFound("team")
	}
	return team, nil
}

// offeredLang is ?lang=, which must be one of the version's languages;
// without it, fallback when the version offers it, else its source
// language ("").
func offeredLang(c echo.Context, v *library.Version, fallback string) (string, error) {
	lang, err := queryLang(c)
	if err != nil {
		return "", err
	}
	if lang == "" {
		if slices.Contains(v.Languages, fallback) {
			return fallback, nil
		}
		return "", nil
	}
	if !slices.Contains(v.Languages, lang) {
		return "", apperr.Invalid(map[string]string{"lang": "The scenario is not available in " + lang +
			"; choose one of its languages: " + strings.Join(v.Languages, ", ") + "."})
	}
	return lang, nil
}

// handbookScenario reads a version in lang ("" for its source language)
// with its CBM catalogue in that language.
func (s *server) handbookScenario(ctx context.Context, v *library.Version, lang string) (*scenario.Scenario, handbook.Options, error) {
	sc, _, err := s.Library.Localized(ctx, v.ID, lang)
	if err != nil {
		return nil, handbook.Options{}, err
	}
	if lang == "" {
		lang = sc.SourceLanguage()
	}
	o := handbook.Options{Lang: lang}
	if cat, ok := s.Library.CBMs().Catalogue(sc.Catalogue); ok {
		o.CBMs = cat.In(lang)
	}
	return sc, o, nil
}

func sendManual(c echo.Context, v *library.Version, sc *scenario.Scenario, team string, o handbook.Options) error {
	d, err := handbook.Manual(sc, team, o)
	if errors.Is(err, handbook.ErrUnknownTeam) {
		return apperr.NotFound("team")
	}
	if err != nil {
		return err
	}
	return sendDocument(c, d, handbookName(v, sc, o.Lang, "manual-"+team), "pdf")
}

// handbookName is the file name of a document: slug-guide.pdf, with the
// language when it is not the scenario's own (slug-guide-ru.pdf).
func handbookName(v *library.Version, sc *scenario.Scenario, lang, what string) string {
	name := v.Slug + "-" + what
	if lang != sc.SourceLanguage() {
		name += "-" + lang
	}
	return name
}

// sendDocument renders d as PDF or Word and sends it as a download.
func sendDocument(c echo.Context, d document.Doc, name, format string) error {
	var buf bytes.Buffer
	write, ctype := document.WritePDF, pdfType
	if format == "docx" {
		write, ctype = document.WriteDOCX, docxType
	}
	if err := write(&buf, d); err != nil {
		return err
	}
	return attachment(c, name+"."+format, ctype, buf.Bytes())
}
