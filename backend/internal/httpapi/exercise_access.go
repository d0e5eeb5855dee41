package httpapi

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// exCtx is what every exercise handler needs: the exercise, its teams, and
// how the caller sees it.
type exCtx struct {
	ex     *exercise.Exercise
	teams  []exercise.Team
	viewer exercise.Viewer
	p      *auth.Principal
	duty   workshop.Duty         // staff only: what they do in the workshop (admins: lead)
	pt     *exercise.Participant // the participant or observer, once looked up
}

// participant is the participant or observer holding the caller's session,
// looked up once per request.
func (s *server) participant(c echo.Context, x *exCtx) (*exercise.Participant, error) {
	if x.pt == nil {
		pt, err := s.Exercises.ParticipantOf(c.Request().Context(), x.ex.ID, x.p.SessionID)
		if err != nil {
			return nil, err
		}
		x.pt = pt
	}
	return x.pt, nil
}

// staff tells whether the caller runs the exercise (and may write as staff).
func (x *exCtx) staff() bool { return x.viewer.Staff }

// loadExercise resolves :id and checks the caller may see it: facilitators
// of its workshop and admins, or participants and observers whose token is
// scoped to it. Anyone else gets 404, so ids reveal nothing.
func (s *server) loadExercise(c echo.Context) (*exCtx, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	p := principal(c)
	if p == nil {
		return nil, apperr.Unauthenticated()
	}
	notFound := apperr.NotFound("exercise")
	if !p.IsStaff() && p.ExerciseID != id {
		return nil, notFound
	}
	ctx := c.Request().Context()
	ex, teams, err := s.Exercises.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	x := &exCtx{ex: ex, teams: teams, p: p}
	switch p.Role {
	case auth.RoleParticipant:
		x.viewer = exercise.Viewer{TeamID: p.TeamID}
	case auth.RoleObserver:
		x.viewer = exercise.Viewer{Observer: true}
	default:
		duty, runs, err := s.staffDuty(ctx, p, ex)
		if err != nil || !runs {
			return nil, notFound
		}
		x.viewer, x.duty = exercise.Viewer{Staff: true}, duty
	}
	if x.viewer.Language, err = s.readingLanguage(c, x); err != nil {
		return nil, err
	}
	if !p.IsStaff() { // the delegations staff recorded are for the console
		if x.teams, err = s.asRoles(ctx, ex, teams, x.viewer.Language); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// readingLanguage is the language the caller reads scenario content in:
// ?lang= when given, else a participant's or observer's own choice; staff
// read the source unless they ask.
func (s *server) readingLanguage(c echo.Context, x *exCtx) (string, error) {
	if lang, err := queryLang(c); lang != "" || err != nil {
		return lang, err
	}
	if x.staff() {
		return "", nil
	}
	pt, err := s.participant(c, x)
	if isNotFound(err) {
		return "", nil // a session from before participants were recorded by it
	}
	if err != nil {
		return "", err
	}
	return pt.Language, nil
}

// staffDuty tells whether a staff member runs the exercise (an admin, or a
// facilitator of its workshop) and with which duty.
func (s *server) staffDuty(ctx context.Context, p *auth.Principal, ex *exercise.Exercise) (workshop.Duty, bool, error) {
	if !p.IsStaff() {
		return "", false, nil
	}
	w, err := s.Workshops.Get(ctx, p, ex.WorkshopID)
	if isNotFound(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	d, ok := w.StaffDuty(p)
	return d, ok, nil
}

// staffExercise is loadExercise for a staff act: the caller runs the
// exercise and their duty allows the act (workshop.Allow, the one table).
func (s *server) staffExercise(c echo.Context, act workshop.Act) (*exCtx, error) {
	x, err := s.loadExercise(c)
	if err != nil {
		return nil, err
	}
	if !x.staff() {
		return nil, apperr.Forbidden()
	}
	if err := x.may(act); err != nil {
		return nil, err
	}
	return x, nil
}

// may checks the staff caller's duty against the one policy.
func (x *exCtx) may(act workshop.Act) error { return workshop.Allow(x.duty, act) }

// actorName is how the caller is named in events ("by").
func (s *server) actorName(c echo.Context, x *exCtx) string {
	if x.p.User != nil {
		if x.p.User.Name != "" {
			return x.p.User.Name
		}
		return x.p.User.Email
	}
	if pt, err := s.participant(c, x); err == nil {
		return pt.Name
	}
	return "participant"
}

var errParticipantsOnly = apperr.New(http.StatusForbidden, "participants_only", "Only a team's participants can do this for their team.")

// teamWrite is the same rhythm for a participant writing for their team.
func teamWrite[T any](s *server, act func(c echo.Context, x *exCtx, in T) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		x, err := s.loadExercise(c)
		if err != nil {
			return err
		}
		if x.viewer.TeamID == 0 {
			return errParticipantsOnly
		}
		var in T
		if err := bindOptional(c, &in); err != nil {
			return err
		}
		if err := act(c, x, in); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}

// staffWrite is the rhythm of a facilitator's write to an exercise: check the
// caller runs it and their duty allows what (a row of workshop's table),
// decode the body into T, act, answer status with no body.
func staffWrite[T any](s *server, what workshop.Act, status int, act func(c echo.Context, x *exCtx, in T) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		x, err := s.staffExercise(c, what)
		if err != nil {
			return err
		}
		var in T
		if err := c.Bind(&in); err != nil {
			return badJSON(err)
		}
		if err := act(c, x, in); err != nil {
			return err
		}
		return c.NoContent(status)
	}
}

// seesStaffOnly tells, by the one visibility policy, whether the caller may
// read staff-only material: the MSEL and triggers, join codes, who joined,
// tag corrections. Observers may not.
func (x *exCtx) seesStaffOnly() bool { return exercise.CanSee(x.viewer, exercise.StaffOnly) }
