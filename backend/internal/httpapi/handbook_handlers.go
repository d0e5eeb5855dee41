package httpapi

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/handbook"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

const (
	pdfType  = "application/pdf"
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// scenarioManual is a team's situation manual, printed from the library:
// GET /scenarios/:id/manual/<team>.pdf.
func (s *server) scenarioManual(c echo.Context) error {
	team, ok := strings.CutSuffix(c.Param("file"), ".pdf")
	if !ok || team == "" {
		return apperr.NotFound("team")
	}
	v, sc, o, err := s.handbookScenario(c)
	if err != nil {
		return err
	}
	d, err := handbook.Manual(sc, team, o)
	if errors.Is(err, handbook.ErrUnknownTeam) {
		return apperr.NotFound("team")
	}
	if err != nil {
		return err
	}
	return sendDocument(c, d, handbookName(v, sc, o.Lang, "manual-"+team), "pdf")
}

// scenarioGuide is the facilitator guide as PDF or Word (format "pdf" or
// "docx").
func (s *server) scenarioGuide(format string) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, sc, o, err := s.handbookScenario(c)
		if err != nil {
			return err
		}
		return sendDocument(c, handbook.Guide(sc, o), handbookName(v, sc, o.Lang, "guide"), format)
	}
}

// handbookScenario reads the version :id and ?version= name in ?lang=
// (its source language by default), which must be one it offers.
func (s *server) handbookScenario(c echo.Context) (*library.Version, *scenario.Scenario, handbook.Options, error) {
	var o handbook.Options
	v, err := s.requestedVersion(c)
	if err != nil {
		return nil, nil, o, err
	}
	lang, err := queryLang(c)
	if err != nil {
		return nil, nil, o, err
	}
	if lang != "" && !slices.Contains(v.Languages, lang) {
		return nil, nil, o, apperr.Invalid(map[string]string{"lang": "The scenario is not available in " + lang +
			"; choose one of its languages: " + strings.Join(v.Languages, ", ") + "."})
	}
	sc, _, err := s.Library.Localized(c.Request().Context(), v.ID, lang)
	if err != nil {
		return nil, nil, o, err
	}
	if lang == "" {
		lang = sc.SourceLanguage()
	}
	o = handbook.Options{Lang: lang, Subtitle: handbook.LibrarySubtitle(lang, sc.Title, v.Number)}
	if cat, ok := s.Library.CBMs().Catalogue(sc.Catalogue); ok {
		o.CBMs = cat.In(lang)
	}
	return v, sc, o, nil
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
