package httpapi

import (
	"bytes"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/attendance"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// attendanceInput is what a participant may say of themselves at join.
type attendanceInput struct {
	Organisation string            `json:"organisation"`
	Function     string            `json:"function"`
	Gender       attendance.Gender `json:"gender"`
}

func (in attendanceInput) details() attendance.Details {
	return attendance.Details{Organisation: in.Organisation, Function: in.Function, Gender: in.Gender}
}

type personJSON struct {
	Name         string            `json:"name"`
	Organisation string            `json:"organisation"`
	Function     string            `json:"function"`
	Gender       attendance.Gender `json:"gender"`
	Team         string            `json:"team"`
	Exercise     string            `json:"exercise"`
	ExerciseID   int64             `json:"exercise_id"`
	JoinedAt     time.Time         `json:"joined_at"`
}

type countJSON struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type attendanceCountsJSON struct {
	Total          int         `json:"total"`
	ByGender       []countJSON `json:"by_gender"` // every answer in the join form's order, then "" (not given)
	ByOrganisation []countJSON `json:"by_organisation"`
}

func toAttendanceCountsJSON(c attendance.Counts) attendanceCountsJSON {
	out := attendanceCountsJSON{Total: c.Total, ByGender: []countJSON{}, ByOrganisation: []countJSON{}}
	for _, g := range append(append([]attendance.Gender{}, attendance.Genders...), "") {
		out.ByGender = append(out.ByGender, countJSON{Value: string(g), Count: c.ByGender[g]})
	}
	for _, o := range c.ByOrganisation {
		out.ByOrganisation = append(out.ByOrganisation, countJSON{Value: o.Value, Count: o.N})
	}
	return out
}

// organisedPeople is the workshop's attendance list, for its organiser only.
func (s *server) organisedPeople(c echo.Context) ([]attendance.Person, error) {
	w, err := s.organised(c)
	if err != nil {
		return nil, err
	}
	return s.Attendance.List(c.Request().Context(), w.ID)
}

// attendanceList is the organiser's list of people, with the counts.
func (s *server) attendanceList(c echo.Context) error {
	people, err := s.organisedPeople(c)
	if err != nil {
		return err
	}
	out := []personJSON{}
	for _, p := range people {
		out = append(out, personJSON{Name: p.Name, Organisation: p.Organisation, Function: p.Function, Gender: p.Gender,
			Team: p.Team, Exercise: p.Exercise, ExerciseID: p.ExerciseID, JoinedAt: p.JoinedAt})
	}
	return c.JSON(http.StatusOK, map[string]any{"people": out, "counts": toAttendanceCountsJSON(attendance.CountOf(people))})
}

func (s *server) attendanceCSV(c echo.Context) error {
	people, err := s.organisedPeople(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := attendance.WriteCSV(&buf, people); err != nil {
		return err
	}
	return attachment(c, "attendance.csv", "text/csv; charset=utf-8", buf.Bytes())
}

// counts are the workshop's figures: every staff member reads them.
func (s *server) counts(c echo.Context) (attendance.Counts, error) {
	w, err := s.runWorkshop(c)
	if err != nil {
		return attendance.Counts{}, err
	}
	people, err := s.Attendance.List(c.Request().Context(), w.ID)
	return attendance.CountOf(people), err
}

func (s *server) attendanceCounts(c echo.Context) error {
	n, err := s.counts(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"counts": toAttendanceCountsJSON(n)})
}

func (s *server) attendanceCountsCSV(c echo.Context) error {
	n, err := s.counts(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := attendance.WriteCountsCSV(&buf, n); err != nil {
		return err
	}
	return attachment(c, "attendance-counts.csv", "text/csv; charset=utf-8", buf.Bytes())
}

// certificateOf is a person's certificate for a workshop, in their language.
func certificateOf(w *workshop.Workshop, p attendance.Person) attendance.Certificate {
	return attendance.Certificate{Name: p.Name, Workshop: w.Title, Dates: attendance.Dates(w.StartsOn, w.EndsOn),
		Place: w.Place, Organiser: langOr(w.Organiser, w.HostOrganisation), Lang: langOr(p.Language, w.Language)}
}

// workshopCertificates is one PDF with a page for each participant.
func (s *server) workshopCertificates(c echo.Context) error {
	w, err := s.organised(c)
	if err != nil {
		return err
	}
	people, err := s.Attendance.List(c.Request().Context(), w.ID)
	if err != nil {
		return err
	}
	certs := make([]attendance.Certificate, len(people))
	for i, p := range people {
		certs[i] = certificateOf(w, p)
	}
	return s.certificatesPDF(c, certs, "certificates.pdf")
}

func (s *server) certificatesPDF(c echo.Context, certs []attendance.Certificate, name string) error {
	var buf bytes.Buffer
	if err := attendance.WriteCertificates(&buf, certs, ""); err != nil {
		return err
	}
	return attachment(c, name, "application/pdf", buf.Bytes())
}

// ownCertificate is a participant's own certificate, once the exercise ended.
func (s *server) ownCertificate(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	if x.viewer.TeamID == 0 {
		return errParticipantsOnly
	}
	if x.ex.Clock.Status != exercise.Ended {
		return errNotEnded
	}
	ctx := c.Request().Context()
	pt, err := s.participant(c, x)
	if err != nil {
		return err
	}
	p, err := s.Attendance.Person(ctx, pt.ID)
	if err != nil {
		return err
	}
	w, err := s.Workshops.Printed(ctx, x.ex.WorkshopID)
	if err != nil {
		return err
	}
	return s.certificatesPDF(c, []attendance.Certificate{certificateOf(&w, *p)}, "certificate.pdf")
}
