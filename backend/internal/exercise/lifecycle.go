package exercise

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// ClockAction changes an exercise's clock: start, pause, resume, end, speed
// (with Speed) or jump (with Phase, and Overtaken for the injects the jump
// passes over). By names the facilitator.
type ClockAction struct {
	Action    string
	Speed     float64
	Phase     string
	Overtaken string // jump: OvertakenRelease (the default) or OvertakenSkip
	By        string
}

// What a jump does with the injects it passes over: those the script puts
// after the current time and before the phase's start.
const (
	OvertakenRelease = "release" // release them now, as released by the jump
	OvertakenSkip    = "skip"    // skip them, as skipped by the jump
)

// ChangeClock applies a clock action. The transition is decided on the
// exercise row as locked by the append, so two facilitators pressing pause
// at once get one pause and one 409.
func (s *Service) ChangeClock(ctx context.Context, exerciseID int64, a ClockAction) (*Exercise, error) {
	if a.Action == "jump" {
		return s.jump(ctx, exerciseID, a)
	}
	var updated Exercise
	_, err := s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		now := s.now()
		c, err := transition(ex.Clock, a, now, 0)
		if err != nil {
			return Write{}, err
		}
		updated = *ex
		updated.Clock = c
		data := ClockData{Action: a.Action, Status: c.Status, Speed: c.Speed, OffsetSeconds: c.Now(now).Seconds()}
		return Write{Clock: &c, Events: []NewEvent{{Type: EvClock, Audience: Everyone, Data: data}}}, nil
	})
	if err != nil {
		return nil, clockError(err)
	}
	return &updated, nil
}

// jump moves the clock to a phase's start and, in the same write, releases
// or skips the injects it passes over, so that none of them goes out later
// as if on schedule. Which injects those are depends on the log, so the
// exercise is locked first and the log read up to its last event inside
// that lock; the decision is then taken on exactly what the write follows.
func (s *Service) jump(ctx context.Context, exerciseID int64, a ClockAction) (*Exercise, error) {
	if a.Overtaken == "" {
		a.Overtaken = OvertakenRelease
	}
	if a.Overtaken != OvertakenRelease && a.Overtaken != OvertakenSkip {
		return nil, apperr.Invalid(map[string]string{"overtaken": "Use release or skip."})
	}
	sc, teams, err := s.scenarioAndTeams(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	ph, ok := sc.Phase(a.Phase)
	if !ok {
		return nil, apperr.Invalid(map[string]string{"phase": "There is no phase \"" + a.Phase + "\" in this scenario."})
	}
	before, err := s.Projection(ctx, exerciseID) // most of the log, read without the lock
	if err != nil {
		return nil, err
	}
	var updated Exercise
	var evs []Event
	err = s.store.InExercise(ctx, exerciseID, func(ctx context.Context) error {
		p, err := s.caughtUp(ctx, exerciseID, before)
		if err != nil {
			return err
		}
		evs, err = s.store.Append(ctx, exerciseID, s.now(), checked(func(ex *Exercise) (Write, error) {
			if ex.LastSeq != p.Seq {
				return Write{}, fmt.Errorf("jump: log read to %d, exercise at %d", p.Seq, ex.LastSeq)
			}
			now := s.now()
			c, err := transition(ex.Clock, a, now, ph.StartsAt)
			if err != nil {
				return Write{}, err
			}
			updated = *ex
			updated.Clock = c
			return jumpWrite(sc, teams, p.State(ex.Clock.Now(now)), c, now, a, ph.StartsAt), nil
		}))
		return err
	})
	if errors.Is(err, apperr.ErrNoRow) {
		return nil, apperr.NotFound("exercise")
	}
	if err != nil {
		return nil, clockError(err)
	}
	s.appended(exerciseID, evs) // once committed
	return &updated, nil
}

// caughtUp is p with the events written after it folded in, read with ctx
// (inside the caller's transaction); p itself is left as it is.
func (s *Service) caughtUp(ctx context.Context, exerciseID int64, p *Projection) (*Projection, error) {
	next := p.clone()
	for {
		evs, err := s.store.Events(ctx, exerciseID, next.Seq, 1000)
		if err != nil {
			return nil, err
		}
		next.Apply(evs...)
		if len(evs) < 1000 {
			return next, nil
		}
	}
}

// jumpWrite is a jump's one write: the clock event, then each injects the
// jump passes over (st.Now to offset), released as released by the jump or
// skipped as skipped by it.
func jumpWrite(sc *scenario.Scenario, teams []Team, st State, c Clock, now time.Time, a ClockAction, offset time.Duration) Write {
	data := ClockData{Action: a.Action, Status: c.Status, Speed: c.Speed, OffsetSeconds: c.Now(now).Seconds(),
		Phase: a.Phase, FromSeconds: st.Now.Seconds(), Overtaken: a.Overtaken, By: a.By}
	w := Write{Clock: &c, Events: []NewEvent{{Type: EvClock, Audience: Everyone, Data: data}}}
	for _, o := range Overtaken(sc, st, offset) {
		if a.Overtaken == OvertakenSkip {
			w.Once = append(w.Once, "skip:"+o.Key)
			due := o.DueAt.Seconds()
			w.Events = append(w.Events, NewEvent{Type: EvInjectSkipped, Audience: StaffOnly, Data: KeyData{Key: o.Key, By: a.By, Jump: true, DueSeconds: &due}})
			continue
		}
		in, _ := sc.Inject(o.Key)
		d := injectData(sc, in, teams, offset)
		d.Source, d.By, d.DueSeconds = "jump", a.By, o.DueAt.Seconds()
		w.Once = append(w.Once, "inject:"+o.Key)
		w.Events = append(w.Events, releaseEvents(in, teams, d)...)
	}
	return w
}

// Overtaken lists the injects that a jump from st.Now to offset passes
// over, by their time in the script: those due after st.Now and before
// offset. Those due by st.Now are the scheduler's (it releases them on its
// next tick), those due at offset open the phase on schedule, and held,
// skipped, contingency injects and those timed after an inject not yet
// released have no time to pass over.
func Overtaken(sc *scenario.Scenario, st State, offset time.Duration) []Due {
	var out []Due
	for _, in := range sc.Injects {
		if at, ok := ScheduledAt(in, st); ok && at > st.Now && at < offset {
			out = append(out, Due{Kind: DueInject, Key: in.Key, DueAt: at})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DueAt < out[j].DueAt })
	return out
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
