// Package exercise is the live engine of an exercise: its lifecycle, its
// clock, which injects, phases and triggers fall due, and who may see what.
// It is pure: no HTTP, no SQL, no goroutines and no wall clock of its own —
// callers pass the time in, so tests use a fake clock and never sleep.
package exercise

import (
	"fmt"
	"time"
)

// Status is where an exercise is in its lifecycle.
type Status string

// draft → running ⇄ paused → ended.
const (
	Draft   Status = "draft"
	Running Status = "running"
	Paused  Status = "paused"
	Ended   Status = "ended"
)

// Speed limits: slower than half speed or faster than ten times is not a
// tabletop exercise any more.
const (
	MinSpeed = 0.5
	MaxSpeed = 10
)

// Clock is the persisted state of an exercise's clock. Exercise time is
// Base plus the wall time since BaseWall times Speed while running, and
// Base while paused: every change re-bases, so the stored facts alone give
// the time on any replica and after any restart.
type Clock struct {
	Status   Status
	Speed    float64
	Base     time.Duration // exercise time at BaseWall
	BaseWall time.Time     // zero until started
}

// NewClock is a draft exercise's clock.
func NewClock() Clock { return Clock{Status: Draft, Speed: 1} }

// Now returns the exercise time at wall time now.
func (c Clock) Now(now time.Time) time.Duration {
	if c.Status != Running {
		return c.Base
	}
	elapsed := now.Sub(c.BaseWall)
	if elapsed < 0 {
		elapsed = 0 // another replica's clock may lag slightly
	}
	return c.Base + time.Duration(float64(elapsed)*c.Speed)
}

// WallAt returns when, in wall time, the running clock reaches offset.
func (c Clock) WallAt(offset time.Duration) time.Time {
	if offset <= c.Base {
		return c.BaseWall
	}
	return c.BaseWall.Add(time.Duration(float64(offset-c.Base) / c.Speed))
}

// TransitionError says a lifecycle change is not possible from the status.
type TransitionError struct {
	From   Status
	Action string
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("an exercise that is %s cannot %s", e.From, e.Action)
}

// LimitError says a clock change is out of bounds (speed, jumping back).
type LimitError string

func (e LimitError) Error() string { return string(e) }

// Start begins a draft exercise at exercise time zero.
func (c Clock) Start(now time.Time) (Clock, error) {
	if c.Status != Draft {
		return c, &TransitionError{c.Status, "be started"}
	}
	c.Status, c.Base, c.BaseWall = Running, 0, now
	return c, nil
}

// Pause freezes exercise time.
func (c Clock) Pause(now time.Time) (Clock, error) {
	if c.Status != Running {
		return c, &TransitionError{c.Status, "be paused"}
	}
	c.Base, c.BaseWall, c.Status = c.Now(now), now, Paused
	return c, nil
}

// Resume lets exercise time run again from where it was paused.
func (c Clock) Resume(now time.Time) (Clock, error) {
	if c.Status != Paused {
		return c, &TransitionError{c.Status, "be resumed"}
	}
	c.Status, c.BaseWall = Running, now
	return c, nil
}

// End stops the exercise for good; its time stays where it stopped.
func (c Clock) End(now time.Time) (Clock, error) {
	if c.Status == Ended || c.Status == Draft {
		return c, &TransitionError{c.Status, "be ended"}
	}
	c.Base, c.BaseWall, c.Status = c.Now(now), now, Ended
	return c, nil
}

// SetSpeed changes how fast exercise time runs from now on.
func (c Clock) SetSpeed(now time.Time, speed float64) (Clock, error) {
	if speed < MinSpeed || speed > MaxSpeed {
		return c, LimitError(fmt.Sprintf("The speed must be between %gx and %gx", float64(MinSpeed), float64(MaxSpeed)))
	}
	if c.Status == Ended {
		return c, &TransitionError{c.Status, "change speed"}
	}
	c.Base, c.BaseWall, c.Speed = c.Now(now), now, speed
	return c, nil
}

// Jump moves exercise time forward to offset (e.g. a phase's start). Going
// back is refused: what was released stays released.
func (c Clock) Jump(now time.Time, offset time.Duration) (Clock, error) {
	if c.Status != Running && c.Status != Paused {
		return c, &TransitionError{c.Status, "jump to a phase"}
	}
	if offset < c.Now(now) {
		return c, LimitError("The exercise is already past that point; the clock only moves forward")
	}
	c.Base, c.BaseWall = offset, now
	return c, nil
}
