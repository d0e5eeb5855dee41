package httpapi

import (
	"bytes"
	"fmt"
	"io"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// The after-action report as PDF and Word files: the caller's copy of the
// report (as GET /report gives it) in print, with the workshop's name,
// dates, place, organiser and classification line.

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

func (s *server) reportPDF(c echo.Context) error {
	return s.reportFile(c, "pdf", "application/pdf", document.WritePDF)
}

func (s *server) reportDOCX(c echo.Context) error {
	return s.reportFile(c, "docx", docxType, document.WriteDOCX)
}

func (s *server) reportFile(c echo.Context, ext, ctype string, write func(io.Writer, document.Doc) error) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := s.Scoring.Report(ctx, x.ex.ID, x.viewer)
	if err != nil {
		return err
	}
	w, err := s.Workshops.Printed(ctx, x.ex.WorkshopID)
	if err != nil {
		return err
	}
	d := r.Document(x.viewer, scoring.DocumentInfo{Workshop: w.Title, StartsOn: w.StartsOn, EndsOn: w.EndsOn,
		Place: w.Place, Organiser: w.Organiser, Classification: w.Classification})
	if x.staff() {
		// The survey's annex, as on the staff's web report (participants'
		// copies have none).
		cbms, err := s.exerciseCBMs(ctx, x.ex)
		if err != nil {
			return err
		}
		sum, err := s.Survey.Summarise(ctx, x.ex.WorkshopID, x.ex.ID, r.Language, cbms)
		if err != nil {
			return err
		}
		d.Blocks = append(d.Blocks, sum.Annex(r.Language)...)
	}
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		return err
	}
	return attachment(c, fmt.Sprintf("after-action-report-%d-%s.%s", x.ex.ID, r.Language, ext), ctype, buf.Bytes())
}
