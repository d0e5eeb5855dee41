package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
)

type joinRequest struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// join lets a participant or observer in with a code, no account needed.
// The exercise service limits wrong codes per client address and per server,
// and joins per code.
func (s *server) join(c echo.Context) error {
	var req joinRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	j, err := s.Exercises.Join(c.Request().Context(), req.Code, req.Name, c.RealIP())
	if err != nil {
		return err
	}
	s.setSessionCookie(c, j.Token, int(s.SessionTTL.Seconds()))
	body := map[string]any{"token": j.Token, "csrf_token": s.ensureCSRFCookie(c), "exercise_id": j.Exercise.ID,
		"participant": map[string]any{"id": j.Participant.ID, "name": j.Participant.Name, "team_id": j.Participant.TeamID}}
	if j.Team != nil {
		body["team"] = map[string]any{"id": j.Team.ID, "key": j.Team.Key, "name": j.Team.Name}
	}
	return c.JSON(http.StatusOK, body)
}

type participantJSON struct {
	ID        int64      `json:"id"`
	TeamID    *int64     `json:"team_id"`
	Name      string     `json:"name"`
	JoinedAt  time.Time  `json:"joined_at"`
	RemovedAt *time.Time `json:"removed_at"`
	Connected bool       `json:"connected"`
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
	for i, p := range ps {
		out[i] = participantJSON{ID: p.ID, TeamID: p.TeamID, Name: p.Name, JoinedAt: p.JoinedAt, RemovedAt: p.RemovedAt,
			Connected: p.RemovedAt == nil && connected[p.SessionID] > 0}
	}
	return c.JSON(http.StatusOK, map[string]any{"participants": out})
}

func (s *server) removeParticipant(c echo.Context) error {
	x, err := s.staffExercise(c)
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

func (s *server) renameTeam(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	tid, err := pathID(c, "team")
	if err != nil {
		return err
	}
	var req struct {
		Name string `json:"name"`
	}
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	t, err := s.Exercises.RenameTeam(c.Request().Context(), x.ex.ID, tid, req.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"team": staffTeamJSON(t)})
}

func (s *server) newTeamCode(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	tid, err := pathID(c, "team")
	if err != nil {
		return err
	}
	t, err := s.Exercises.NewCode(c.Request().Context(), x.ex.ID, tid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"team": staffTeamJSON(t)})
}

// briefing gives each caller the team briefings the policy lets them see: a
// participant their own team's; staff and observers every team's (each was
// given to a team, none is staff-only).
func (s *server) briefing(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	sc, err := s.Exercises.Scenario(c.Request().Context(), x.ex)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, t := range x.teams {
		if !exercise.CanSee(x.viewer, exercise.TeamsOnly(t.ID)) {
			continue
		}
		st, _ := sc.Team(t.Key)
		tj := toTeamJSON(*st)
		out = append(out, map[string]any{"team_id": t.ID, "name": t.Name, "kind": tj.Kind, "briefing": tj.Briefing, "points_of_contact": tj.PointsOfContact})
	}
	return c.JSON(http.StatusOK, map[string]any{"title": sc.Title, "summary": sc.Summary, "teams": out})
}

// staffTeamJSON is a team as staff see it, with its join code and link.
func staffTeamJSON(t *exercise.Team) teamViewJSON {
	return teamViewJSON{ID: t.ID, Key: t.Key, Name: t.Name, JoinCode: t.JoinCode, JoinPath: "/join?code=" + t.JoinCode}
}
