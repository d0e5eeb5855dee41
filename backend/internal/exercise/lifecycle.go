package exercise

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// ClockAction changes an exercise's clock: start, pause, resume, end, speed
// (with Speed) or jump (with Phase).
type ClockAction struct {
	Action string
	Speed  float64
	Phase  string
}

// ChangeClock applies a clock action. The transition is decided on the
// exercise row as locked by the append, so two facilitators pressing pause
// at once get one pause and one 409.
func (s *Service) ChangeClock(ctx context.Context, exerciseID int64, a ClockAction) (*Exercise, error) {
	var jumpTo time.Duration
	if a.Action == "jump" {
		ex, _, err := s.Get(ctx, exerciseID)
		if err != nil {
			return nil, err
		}
		sc, err := s.scenarios.ScenarioOfVersion(ctx, ex.ScenarioVersionID)
		if err != nil {
			return nil, err
		}
		ph, ok := sc.Phase(a.Phase)
		if !ok {
			return nil, apperr.Invalid(map[string]string{"phase": "There is no phase \"" + a.Phase + "\" in this scenario."})
		}
		jumpTo = ph.StartsAt
	}
	var updated Exercise
	_, err := s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		now := s.now()
		c, err := transition(ex.Clock, a, now, jumpTo)
		if err != nil {
			return Write{}, err
		}
		updated = *ex
		updated.Clock = c
		data := ClockData{Action: a.Action, Status: c.Status, Speed: c.Speed, OffsetSeconds: c.Now(now).Seconds(), Phase: a.Phase}
		return Write{Clock: &c, Events: []NewEvent{{Type: EvClock, Audience: Everyone, Data: data}}}, nil
	})
	if err != nil {
		return nil, clockError(err)
	}
	return &updated, nil
}

func transition(c Clock, a ClockAction, now time.Time, jumpTo time.Duration) (Clock, error) {
	switch a.Action {
	case "start":
		return c.Start(now)
	case "pause":
		return c.Pause(now)
	case "resume":
		return c.Resume(now)
	case "end":
		return c.End(now)
	case "speed":
		return c.SetSpeed(now, a.Speed)
	case "jump":
		return c.Jump(now, jumpTo)
	}
	return c, apperr.Invalid(map[string]string{"action": "Unknown clock action \"" + a.Action + "\"."})
}

func clockError(err error) error {
	var te *TransitionError
	if errors.As(err, &te) {
		return apperr.New(http.StatusConflict, "invalid_state", "This is not possible now: "+te.Error()+".")
	}
	var le LimitError
	if errors.As(err, &le) {
		return apperr.New(http.StatusUnprocessableEntity, "invalid_clock_change", le.Error()+".")
	}
	return err
}
