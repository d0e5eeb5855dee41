package httpapi

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/msel"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exportMSEL writes a version's injects as an XLSX Master Scenario Events List.
func (s *server) exportMSEL(c echo.Context) error {
	v, err := s.requestedVersion(c)
	if err != nil {
		return err
	}
	lang, err := queryLang(c)
	if err != nil {
		return err
	}
	sc, _, err := s.Library.Localized(c.Request().Context(), v.ID, lang)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := msel.ExportXLSX(sc, &buf); err != nil {
		return err
	}
	name := v.Slug + "-msel.xlsx"
	if lang != "" && lang != sc.SourceLanguage() {
		name = v.Slug + "-msel-" + lang + ".xlsx"
	}
	return attachment(c, name, xlsxType, buf.Bytes())
}

// importMSEL replaces a scenario's injects with a spreadsheet's rows (CSV or
// XLSX) and saves the result as a new version. Any refused row refuses the
// whole file, with every row's problem listed; nothing is stored then.
func (s *server) importMSEL(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := s.Library.Resolve(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	latest, err := s.Library.Get(ctx, id, 0)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	src, report, err := msel.Import(uploadName(c), data, latest.Source, s.Library.CBMs())
	var ie *msel.ImportError
	if errors.As(err, &ie) {
		return mselError(ie)
	}
	if err != nil {
		return err
	}
	v, created, err := s.Library.Update(ctx, id, latest.Slug+".yaml", src, library.OriginSpreadsheet, userID(c))
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, mselImportJSON{Scenario: toVersionJSON(v), Created: created,
		Report: mselReportJSON{Rows: report.Rows, Used: report.Used}})
}

func mselError(ie *msel.ImportError) error {
	var out []mselProblemJSON
	if ie.Reason != "" {
		out = append(out, mselProblemJSON{Message: ie.Reason})
	}
	for _, p := range ie.Report.Refused {
		out = append(out, mselProblemJSON{Sheet: p.Sheet, Row: p.Row, Column: p.Column, Message: p.Message})
	}
	for _, p := range ie.Problems {
		out = append(out, mselProblemJSON{Message: p.Message})
	}
	return &apperr.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_msel",
		Message: "The spreadsheet could not be imported; nothing was changed. Each problem names its row.", Details: out}
}
