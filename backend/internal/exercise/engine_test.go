package exercise_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// rig is one exercise of the tutorial scenario on a fresh database.
type rig struct {
	t     *testing.T
	st    *store.Store
	clock *storetest.Clock
	auth  *auth.Service
	lib   *library.Library
	svc   *exercise.Service
	ex    *exercise.Exercise
	teams map[string]exercise.Team // by scenario key
}

func newRig(t *testing.T, st *store.Store) *rig { return newRigFor(t, st, "tutorial-first-contact") }

// newRigFor is a rig on one of the bundled scenarios.
func newRigFor(t *testing.T, st *store.Store, slug string) *rig {
	t.Helper()
	ctx := context.Background()
	r := &rig{t: t, st: st, clock: storetest.NewClock(), teams: map[string]exercise.Team{}}
	a := r.app(st)
	r.lib, r.auth, r.svc = a.Library, a.Auth, a.Exercises
	w, err := a.Workshops.Create(ctx, nil, workshop.Workshop{Title: "Test workshop"})
	if err != nil {
		t.Fatal(err)
	}
	sid, _ := r.lib.Resolve(ctx, slug)
	v, err := r.lib.Get(ctx, sid, 0)
	if err != nil {
		t.Fatal(err)
	}
	ex, teams, err := r.svc.Create(ctx, w.ID, v.ID, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.ex = ex
	for _, tm := range teams {
		r.teams[tm.Key] = tm
	}
	return r
}

// app is one replica on st, wired as a server wires it, on the rig's clock.
func (r *rig) app(st *store.Store) *app.App {
	r.t.Helper()
	cfg := config.Defaults()
	cfg.JWTSecret = "0123456789abcdef0123456789abcdef" // every replica signs alike
	a, err := app.New(context.Background(), cfg, st, app.Options{Now: r.clock.Now, HashCost: 4})
	if err != nil {
		r.t.Fatal(err)
	}
	return a
}

// service is one replica's engine on st (its own projection cache).
func (r *rig) service(st *store.Store) *exercise.Service { return r.app(st).Exercises }

func (r *rig) clockDo(action string) {
	r.t.Helper()
	if _, err := r.svc.ChangeClock(context.Background(), r.ex.ID, exercise.ClockAction{Action: action, Speed: 1}); err != nil {
		r.t.Fatalf("%s: %v", action, err)
	}
}

func (r *rig) tick() {
	r.t.Helper()
	if err := r.svc.Tick(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// released returns the released injects by key, from the log.
func (r *rig) released() map[string]exercise.InjectData {
	r.t.Helper()
	evs, _, err := r.svc.Events(context.Background(), exercise.Viewer{Staff: true}, r.ex.ID, 0, 10000)
	if err != nil {
		r.t.Fatal(err)
	}
	out := map[string]exercise.InjectData{}
	for _, e := range evs {
		if e.Type == exercise.EvInjectReleased {
			d := exercise.DataOf[exercise.InjectData](e)
			if _, dup := out[d.Key]; dup {
				r.t.Fatalf("inject %s released twice", d.Key)
			}
			out[d.Key] = d
		}
	}
	return out
}

func TestLogIsOrderedAndGapFreeUnderConcurrentWriters(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 200)
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					errs <- r.svc.Note(ctx, r.ex.ID, fmt.Sprintf("note %d-%d", w, i), "tester")
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		// Sequence numbers are 1..N with no gap…
		evs, _, err := r.svc.Events(ctx, exercise.Viewer{Staff: true}, r.ex.ID, 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range evs {
			if e.Seq != int64(i+1) {
				t.Fatalf("event %d has seq %d", i, e.Seq)
			}
		}
		if len(evs) != 201 { // exercise.created + 200 notes
			t.Fatalf("%d events, want 201", len(evs))
		}
		// …and rows were inserted (committed) in sequence order.
		var seqs []int64
		if err := st.DB.Raw("SELECT seq FROM events WHERE exercise_id = ? ORDER BY id", r.ex.ID).Scan(&seqs).Error; err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(seqs); i++ {
			if seqs[i] != seqs[i-1]+1 {
				t.Fatalf("insert order breaks at row %d: seq %d after %d", i, seqs[i], seqs[i-1])
			}
		}
	})
}

func TestInjectsFollowTheClockExactlyOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.clockDo("start")
		r.tick()
		if got := r.released(); len(got) != 1 || got["welcome"].Late {
			t.Fatalf("at 0m: %v", keys(got))
		}
		r.clock.Advance(2*time.Minute + 500*time.Millisecond)
		r.tick()
		r.tick()
		if got := r.released(); len(got) != 3 {
			t.Fatalf("at 2m: %v", keys(got))
		}
		// Pausing for 20 minutes shifts everything after it.
		r.clockDo("pause")
		r.clock.Advance(20 * time.Minute)
		r.tick()
		if got := r.released(); len(got) != 3 {
			t.Fatalf("injects released while paused: %v", keys(got))
		}
		r.clockDo("resume")
		r.clock.Advance(2*time.Minute + 59*time.Second + 400*time.Millisecond) // exercise time 4m59.9s
		r.tick()
		if _, ok := r.released()["valdoria-phishing"]; ok {
			t.Fatal("the 5-minute inject went out at 4m59.9s of exercise time")
		}
		r.clock.Advance(200 * time.Millisecond)
		r.tick()
		if d, ok := r.released()["valdoria-phishing"]; !ok || d.Late {
			t.Fatalf("the 5-minute inject at 5m00.1s: released=%v late=%v", ok, d.Late)
		}
		// A manual release of a contingency inject, then a second one: 409.
		ctx := context.Background()
		if err := r.svc.Release(ctx, r.ex.ID, "valdoria-hint", "f"); err != nil {
			t.Fatal(err)
		}
		err := r.svc.Release(ctx, r.ex.ID, "valdoria-hint", "f")
		if e, ok := apperr.As(err); !ok || e.Status != 409 || e.Code != "already_released" {
			t.Fatalf("second release: %v", err)
		}
	})
}

func TestInjectsDueWhileTheServerWasDownGoOutLate(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.clockDo("start")
		r.clock.Advance(8 * time.Minute) // nobody ticked: the server was down
		// A new process (fresh projection cache) starts and ticks.
		r.svc = r.service(st)
		r.tick()
		got := r.released()
		for _, k := range []string{"welcome", "norhaven-empty-entry", "comm-check", "valdoria-phishing", "esterra-hoster-call"} {
			d, ok := got[k]
			if !ok || !d.Late {
				t.Errorf("%s: released=%v late=%v", k, ok, d.Late)
			}
		}
		if len(got) != 5 {
			t.Fatalf("released %v", keys(got))
		}
	})
}

// Two replicas ticking at the same time over the same database release
// every inject once: the unique once key decides.
func TestTwoReplicasReleaseEachInjectOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		other := st
		if st.Dialect == store.Postgres {
			var err error
			if other, err = store.Open(store.Options{DatabaseURL: st.URL}); err != nil {
				t.Fatal(err)
			}
			defer other.Close()
		}
		replicas := []*exercise.Service{r.service(st), r.service(other), r.service(st), r.service(other)}
		r.clockDo("start")
		for step := 0; step < 16; step++ {
			r.clock.Advance(time.Minute)
			var wg sync.WaitGroup
			for _, rep := range replicas {
				wg.Add(1)
				go func(rep *exercise.Service) {
					defer wg.Done()
					if err := rep.Tick(context.Background()); err != nil {
						t.Error(err)
					}
				}(rep)
			}
			wg.Wait()
		}
		got := r.released() // fails on any double release
		// 7 timed injects, plus the hint released by the trigger (Valdoria never wrote).
		if len(got) != 8 || got["valdoria-hint"].Source != "trigger" {
			t.Fatalf("released %v", keys(got))
		}
	})
}

func TestParticipantsSeeOnlyTheirOwn(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.clockDo("start")
		r.clock.Advance(6 * time.Minute)
		r.tick()
		val, est := r.teams["valdoria"], r.teams["esterra"]
		if err := r.svc.SaveAnswer(ctx, r.ex.ID, val.ID, "first-incident", "fi-q1", "Valdoria's secret view", "Ana", false); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.SaveAnswer(ctx, r.ex.ID, est.ID, "first-incident", "fi-q1", "Esterra's view", "Ben", true); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.Note(ctx, r.ex.ID, "Esterra is slow", "fac"); err != nil {
			t.Fatal(err)
		}
		evs, _, err := r.svc.Events(ctx, exercise.Viewer{TeamID: est.ID}, r.ex.ID, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			s := string(e.Data)
			switch {
			case e.Type == exercise.EvNote || e.Type == exercise.EvTriggerFired || e.Type == exercise.EvCreated:
				t.Errorf("Esterra sees a staff-only %s", e.Type)
			case containsAny(s, "valdoria-phishing", "Valdoria's secret view", "norhaven-empty-entry"):
				t.Errorf("Esterra sees another team's %s: %s", e.Type, s)
			}
		}
		p, err := r.svc.Projection(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.VisibleAnswers(exercise.Viewer{TeamID: est.ID}); len(got) != 1 || got[0].TeamID != est.ID {
			t.Fatalf("Esterra reads answers %+v", got)
		}
		if got := p.VisibleAnswers(exercise.Viewer{Staff: true}); len(got) != 2 {
			t.Fatalf("staff read %d answers, want 2", len(got))
		}
		// Once shared, every team reads both.
		if err := r.svc.ShareAnswers(ctx, r.ex.ID, "first-incident", "fac"); err != nil {
			t.Fatal(err)
		}
		p, _ = r.svc.Projection(ctx, r.ex.ID)
		if got := p.VisibleAnswers(exercise.Viewer{TeamID: est.ID}); len(got) != 2 {
			t.Fatalf("after sharing Esterra reads %d answers", len(got))
		}
		// Closing the phase stops edits.
		if err := r.svc.ClosePhase(ctx, r.ex.ID, "first-incident", "fac"); err != nil {
			t.Fatal(err)
		}
		err = r.svc.SaveAnswer(ctx, r.ex.ID, val.ID, "first-incident", "fi-q1", "late edit", "Ana", false)
		if e, ok := apperr.As(err); !ok || e.Code != "phase_closed" {
			t.Fatalf("edit after closing: %v", err)
		}
	})
}

func TestRemovedParticipantsTokenIsRefused(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		j, err := r.svc.Join(ctx, " "+strings.ToLower(strings.ReplaceAll(r.teams["norhaven"].JoinCode, "-", " ")), "Chen", "192.0.2.1", "")
		if err != nil {
			t.Fatal(err)
		}
		if p, err := r.auth.Authenticate(ctx, j.Token); err != nil || p.TeamID != r.teams["norhaven"].ID || p.ExerciseID != r.ex.ID {
			t.Fatalf("participant token: %+v %v", p, err)
		}
		if err := r.svc.RemoveParticipant(ctx, r.ex.ID, j.Participant.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := r.auth.Authenticate(ctx, j.Token); err == nil {
			t.Fatal("a removed participant's token still works")
		}
		if _, err := r.svc.Join(ctx, "ZZZZ-ZZZZ", "Eve", "192.0.2.1", ""); !isCode(err, "unknown_code") {
			t.Fatalf("bad code: %v", err)
		}
		obs, err := r.svc.Join(ctx, r.ex.ObserverCode, "Olga", "192.0.2.1", "")
		if err != nil || obs.Team != nil {
			t.Fatalf("observer join: %+v %v", obs, err)
		}
		if p, _ := r.auth.Authenticate(ctx, obs.Token); p == nil || p.Role != auth.RoleObserver {
			t.Fatalf("observer principal: %+v", p)
		}
	})
}

func TestClockConflictsAreRefused(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		_, err := r.svc.ChangeClock(ctx, r.ex.ID, exercise.ClockAction{Action: "pause"})
		if !isCode(err, "invalid_state") {
			t.Fatalf("pause before start: %v", err)
		}
		r.clockDo("start")
		_, err = r.svc.ChangeClock(ctx, r.ex.ID, exercise.ClockAction{Action: "speed", Speed: 50})
		if !isCode(err, "invalid_clock_change") {
			t.Fatalf("speed 50: %v", err)
		}
		ex, err := r.svc.ChangeClock(ctx, r.ex.ID, exercise.ClockAction{Action: "jump", Phase: "talking-it-through"})
		if err != nil || ex.Clock.Now(r.clock.Now()) != 10*time.Minute {
			t.Fatalf("jump: %v", err)
		}
		// A restart (a new service, reading only stored facts) sees the same time.
		r.clock.Advance(time.Minute)
		ex2, _, err := r.service(st).Get(ctx, r.ex.ID)
		if err != nil || ex2.Clock.Now(r.clock.Now()) != 11*time.Minute {
			t.Fatalf("time after restart: %v (%v)", ex2.Clock.Now(r.clock.Now()), err)
		}
	})
}

func isCode(err error, code string) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == code && !errors.Is(err, apperr.ErrNoRow)
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if len(x) > 0 && len(s) >= len(x) {
			for i := 0; i+len(x) <= len(s); i++ {
				if s[i:i+len(x)] == x {
					return true
				}
			}
		}
	}
	return false
}

func keys(m map[string]exercise.InjectData) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// An inject marked comm_check runs a communication check when it goes out,
// in the same append, whoever releases it.
func TestCommCheckInjectRunsACheck(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRigFor(t, st, "grid-cascade")
		ctx := context.Background()
		r.clockDo("start")
		if err := r.svc.Release(ctx, r.ex.ID, "osce-offer", "fac"); err != nil {
			t.Fatal(err)
		}
		p, err := r.svc.Projection(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		checks := p.CommChecksInOrder()
		if len(checks) != 1 || checks[0].Seq != p.ReleasedInfo["osce-offer"].Seq+1 {
			t.Fatalf("comm checks after releasing osce-offer: %d", len(checks))
		}
		team := r.teams["halvena"]
		if err := r.svc.AckCommCheck(ctx, r.ex.ID, checks[0].Seq, team.ID, "Ana"); err != nil {
			t.Fatal(err)
		}
	})
}
