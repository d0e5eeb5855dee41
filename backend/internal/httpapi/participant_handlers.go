package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

type joinRequest struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Language string `json:"language"`
	attendanceInput
}

// join lets a participant or observer in with a code, no account needed.
// The exercise service limits wrong codes per client address and per server,
// and joins per code.
func (s *server) join(c echo.Context) error {
	var req joinRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	if _, err := req.details().Clean(); err != nil { // refused before anyone joins
		return err
	}
	j, err := s.Exercises.Join(c.Request().Context(), req.Code, req.Name, c.RealIP(), req.Language)
	if err != nil {
		return err
	}
	if err := s.Attendance.Record(c.Request().Context(), j.Participant.ID, req.details()); err != nil {
		return err
	}
	if j.Team != nil {
		teams, err := s.asRoles(c.Request().Context(), j.Exercise, []exercise.Team{*j.Team}, j.Participant.Language)
		if err != nil {
			return err
		}
		j.Team = &teams[0]
	}
	s.setSessionCookie(c, j.Token, int(s.SessionTTL.Seconds()))
	return c.JSON(http.StatusOK, toJoinJSON(j, s.ensureCSRFCookie(c)))
}

func (s *server) listParticipants(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	// Who joined is staff-only, as the participant.joined events are.
	if !x.seesStaffOnly() {
		return apperr.Forbidden()
	}
	ps, err := s.Exercises.Participants(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	connected, err := s.Hub.Connected(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	out := make([]participantJSON, len(ps))
	for i := range ps {
		out[i] = toParticipantJSON(&ps[i], connected[ps[i].SessionID])
	}
	return c.JSON(http.StatusOK, participantsJSON{Participants: out})
}

func (s *server) removeParticipant(c echo.Context) error {
	x, err := s.staffExercise(c, workshop.ActParticipant)
	if err != nil {
		return err
	}
	pid, err := pathID(c, "pid")
	if err != nil {
		return err
	}
	if err := s.Exercises.RemoveParticipant(c.Request().Context(), x.ex.ID, pid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
