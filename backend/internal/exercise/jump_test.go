package exercise_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// The tutorial's injects between 0:30 and its third phase (10:00): a jump
// from 0:30 to that phase passes over them.
var overtaken = []string{"norhaven-empty-entry", "comm-check", "valdoria-phishing", "esterra-hoster-call"}

// jumpAt30s starts the tutorial, releases the welcome, and jumps from 0:30
// to "talking-it-through" doing what with the injects it passes over.
func jumpAt30s(t *testing.T, r *rig, what string) {
	t.Helper()
	r.clockDo("start")
	r.tick()
	r.clock.Advance(30 * time.Second)
	ex, err := r.svc.ChangeClock(context.Background(), r.ex.ID, exercise.ClockAction{Action: "jump", Phase: "talking-it-through", Overtaken: what, By: "Irina"})
	if err != nil || ex.Clock.Now(r.clock.Now()) != 10*time.Minute {
		t.Fatalf("jump: %v", err)
	}
	// The scheduler then starts the phases and releases what opens the
	// third phase; it must not release the passed-over injects again.
	r.tick()
	r.tick()
}

// Injects a jump passes over go out in the jump's own write, recorded as
// released by the jump (who, when, and when the script had them), not as on
// schedule; the phase's opening inject goes out on schedule.
func TestJumpReleasesWhatItPassesOver(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		jumpAt30s(t, r, "") // release is the default
		got := r.released() // fails on a double release
		for _, k := range overtaken {
			d, ok := got[k]
			if !ok || d.Source != "jump" || d.By != "Irina" || d.OffsetSeconds != 600 || d.Late {
				t.Errorf("%s: released=%v %+v", k, ok, d)
			}
		}
		if d := got["valdoria-phishing"]; d.DueSeconds != 300 {
			t.Errorf("valdoria-phishing due at %v s, want 300 (the script's time)", d.DueSeconds)
		}
		if d := got["social-media-blame"]; d.Source != "schedule" {
			t.Errorf("the phase's opening inject: %+v", d)
		}
		if d := got["welcome"]; d.Source != "schedule" {
			t.Errorf("welcome: %+v", d)
		}
		// The jump and its releases are one write: the releases follow the
		// clock event directly, in the script's order.
		evs, _, err := r.svc.Events(context.Background(), exercise.Viewer{Staff: true}, r.ex.ID, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(evs, func(e exercise.Event) bool {
			return e.Type == exercise.EvClock && exercise.DataOf[exercise.ClockData](e).Action == "jump"
		})
		if i < 0 {
			t.Fatal("no jump in the log")
		}
		jump := exercise.DataOf[exercise.ClockData](evs[i])
		if jump.By != "Irina" || jump.FromSeconds != 30 || jump.Overtaken != "release" || jump.OffsetSeconds != 600 {
			t.Errorf("jump event: %+v", jump)
		}
		var next []string
		for _, e := range evs[i+1:] {
			if e.Seq != evs[i].Seq+int64(len(next))+1 || !e.CreatedAt.Equal(evs[i].CreatedAt) {
				break
			}
			if e.Type == exercise.EvInjectReleased {
				next = append(next, exercise.DataOf[exercise.InjectData](e).Key)
			}
		}
		if !slices.Equal(next, overtaken) {
			t.Errorf("released with the jump: %v, want %v", next, overtaken)
		}
		// The MSEL says who released it and when.
		for _, is := range r.timeline() {
			if is.Key == "comm-check" && (is.Released == nil || is.Released.Source != "jump" || is.Released.By != "Irina" || is.Released.At.IsZero()) {
				t.Errorf("timeline row: %+v", is)
			}
		}
	})
}

// A jump told to skip what it passes over records each of those injects as
// skipped by the jump; none of them goes out afterwards.
func TestJumpSkipsWhatItPassesOver(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		jumpAt30s(t, r, exercise.OvertakenSkip)
		r.clock.Advance(time.Minute)
		r.tick()
		got := r.released()
		for _, k := range overtaken {
			if _, ok := got[k]; ok {
				t.Errorf("%s was released after the jump skipped it", k)
			}
		}
		if d, ok := got["social-media-blame"]; !ok || d.Source != "schedule" {
			t.Errorf("the phase's opening inject: %v %+v", ok, d)
		}
		skipped := 0
		for _, is := range r.timeline() {
			if !slices.Contains(overtaken, is.Key) {
				continue
			}
			if is.State != exercise.InjectSkipped || is.Skip == nil || !is.Skip.Jump || is.Skip.By != "Irina" || is.Skip.Offset != 10*time.Minute {
				t.Errorf("%s: %s %+v", is.Key, is.State, is.Skip)
			}
			skipped++
		}
		if skipped != len(overtaken) {
			t.Errorf("%d skipped rows", skipped)
		}
	})
}

// A jump with an unknown choice for the injects changes nothing.
func TestJumpRefusesAnUnknownChoice(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.clockDo("start")
		ctx := context.Background()
		_, err := r.svc.ChangeClock(ctx, r.ex.ID, exercise.ClockAction{Action: "jump", Phase: "talking-it-through", Overtaken: "hold"})
		if !isCode(err, "validation_failed") {
			t.Fatalf("overtaken hold: %v", err)
		}
		ex, _, err := r.svc.Get(ctx, r.ex.ID)
		if err != nil || ex.Clock.Now(r.clock.Now()) != 0 {
			t.Fatalf("the clock moved: %v", err)
		}
	})
}

func (r *rig) timeline() []exercise.InjectState {
	r.t.Helper()
	ctx := context.Background()
	p, err := r.svc.Projection(ctx, r.ex.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	ex, teams, err := r.svc.Get(ctx, r.ex.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	sc, err := r.svc.Scenario(ctx, ex)
	if err != nil {
		r.t.Fatal(err)
	}
	return p.Timeline(sc, teams, ex.Clock.Now(r.clock.Now()))
}

// A jump taken while other writes come in (notes, replicas ticking) still
// decides on the log as it stands under the lock: every passed-over inject
// goes out once, by the jump.
func TestJumpAmidOtherWrites(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.clockDo("start")
		r.tick()
		r.clock.Advance(30 * time.Second)
		stop := make(chan struct{})
		done := make(chan error, 3)
		var busy sync.WaitGroup // each writer has written a few times
		busy.Add(3)
		for w := 0; w < 3; w++ {
			go func(w int) {
				rep := r.service(st)
				for i := 0; ; i++ {
					if i == 3 {
						busy.Done()
					}
					select {
					case <-stop:
						done <- nil
						return
					default:
					}
					var err error
					if w == 0 {
						err = rep.Tick(ctx)
					} else {
						err = rep.Note(ctx, r.ex.ID, "busy room", "tester")
					}
					if err != nil {
						done <- err
						return
					}
				}
			}(w)
		}
		busy.Wait()
		_, err := r.svc.ChangeClock(ctx, r.ex.ID, exercise.ClockAction{Action: "jump", Phase: "talking-it-through", By: "Irina"})
		close(stop)
		for w := 0; w < 3; w++ {
			if werr := <-done; werr != nil {
				t.Fatal(werr)
			}
		}
		if err != nil {
			t.Fatalf("jump: %v", err)
		}
		r.tick()
		got := r.released()
		for _, k := range overtaken {
			if got[k].Source != "jump" {
				t.Errorf("%s: %+v", k, got[k])
			}
		}
	})
}
