package exercise

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Audience says who may see an event, a released inject, a message or an
// answer. Staff (the facilitators running the exercise, and admins) see
// everything; see CanSee for the rest.
type Audience struct {
	Staff bool    `json:"staff,omitempty"` // facilitators only: notes, scores, held injects…
	All   bool    `json:"all,omitempty"`   // every team
	Teams []int64 `json:"teams,omitempty"` // these teams (ids)
	// Internal marks a team's own working material — its draft stage
	// answers, its scorecard — as opposed to what was sent to it. The
	// listed teams and staff see it; observers do not.
	Internal bool `json:"internal,omitempty"`
}

// Everyone is the audience of public events such as the clock.
var Everyone = Audience{All: true}

// StaffOnly is the audience of facilitator-only events.
var StaffOnly = Audience{Staff: true}

// TeamsOnly is the audience of one or more teams (and staff).
func TeamsOnly(ids ...int64) Audience { return Audience{Teams: ids} }

// TeamInternal is the audience of one team's own working material: that
// team and staff, not observers.
func TeamInternal(id int64) Audience { return Audience{Teams: []int64{id}, Internal: true} }

// Viewer is who is looking: staff of the exercise, one participant's team,
// or an observer.
type Viewer struct {
	Staff    bool
	TeamID   int64 // participants only
	Observer bool  // joined with the observer code: watches the play, writes nothing
	// Language is the language scenario content is read in ("": as
	// written). It has no part in what the viewer may see.
	Language string
}

// CanSee is the one place that decides visibility. REST reads, the event
// stream and each copy of the after-action report all call it, so they can
// never disagree.
//
// An observer watches the play as it reaches the teams: whatever was sent
// to any team (injects, messages and request steps, communication checks and
// their acknowledgements, the clock and phases, shared answers) but never
// staff-only material (held or facilitator-only injects, triggers, notes,
// scores) nor a team's internal work (draft answers, its scorecard).
func CanSee(v Viewer, a Audience) bool {
	switch {
	case v.Staff:
		return true
	case a.Staff:
		return false
	case a.All:
		return true
	case v.Observer:
		return len(a.Teams) > 0 && !a.Internal
	}
	return v.TeamID != 0 && slices.Contains(a.Teams, v.TeamID)
}

// errEnded is the one answer to a write to the play once the exercise has
// ended.
var errEnded = apperr.New(http.StatusConflict, "exercise_ended", "The exercise has ended; nothing more can be sent or changed in it.")

// inPlay is the rule for every write to the play — a team's messages,
// request steps, stage answers, points-of-contact entries and
// communication-check acknowledgements (and the control cell's messages):
// none is accepted after the end.
func inPlay(ex *Exercise) error {
	if ex.Clock.Status == Ended {
		return errEnded
	}
	return nil
}

// checkInPlay applies the rule before anything else is checked, so that
// after the end such a write answers 409 exercise_ended whatever else is
// wrong with it. playAppend checks it again on the locked row.
func (s *Service) checkInPlay(ctx context.Context, exerciseID int64) error {
	ex, err := s.store.Exercise(ctx, exerciseID)
	if errors.Is(err, apperr.ErrNoRow) {
		return apperr.NotFound("exercise")
	}
	if err != nil {
		return err
	}
	return inPlay(ex)
}

// playAppend is append for a write to the play: the rule is decided on the
// locked exercise row, so a write racing the end cannot land after it.
func (s *Service) playAppend(ctx context.Context, exerciseID int64, decide func(*Exercise) (Write, error)) ([]Event, error) {
	return s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if err := inPlay(ex); err != nil {
			return Write{}, err
		}
		return decide(ex)
	})
}
