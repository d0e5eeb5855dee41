package exercise_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// failingParticipants is the exercise store with a participant insert that
// fails, as it did on PostgreSQL for a name with a NUL byte.
type failingParticipants struct{ exercise.Store }

func (failingParticipants) AddParticipant(context.Context, *exercise.Participant) error {
	return errors.New("participant insert failed")
}

func countRows(t *testing.T, st *store.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := st.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// The session, the participant and the joined event are written together:
// when the participant cannot be stored, no session is left behind.
func TestFailedJoinLeavesNoSession(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		events := countRows(t, st, "events")
		svc := exercise.NewService(failingParticipants{st.Exercises()}, r.lib, r.auth, r.clock.Now)
		if j, err := svc.Join(context.Background(), r.teams["norhaven"].JoinCode, "Chen", "192.0.2.1", ""); err == nil {
			t.Fatalf("join succeeded: %+v", j)
		}
		if n := countRows(t, st, "sessions"); n != 0 {
			t.Fatalf("%d orphan sessions after a failed join", n)
		}
		if n := countRows(t, st, "events"); n != events {
			t.Fatalf("%d events written by a failed join", n-events)
		}
		// And a join that works writes all three.
		if _, err := r.svc.Join(context.Background(), r.teams["norhaven"].JoinCode, "Chen", "192.0.2.1", ""); err != nil {
			t.Fatal(err)
		}
		if s, p := countRows(t, st, "sessions"), countRows(t, st, "participants"); s != 1 || p != 1 {
			t.Fatalf("after a join: %d sessions, %d participants", s, p)
		}
	})
}

// joinCode joins with code from an address and says how it went: "ok" or
// the error's code.
func (r *rig) joinCode(code, from string) string {
	r.t.Helper()
	_, err := r.svc.Join(context.Background(), code, "Someone", from, "")
	if err == nil {
		return "ok"
	}
	e, ok := apperr.As(err)
	if !ok {
		r.t.Fatalf("join from %s: %v", from, err)
	}
	return e.Code
}

// Wrong codes are limited per address (an IPv6 /64 counting as one).
func TestWrongCodesAreLimitedPerAddress(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		for i := range 20 {
			from := fmt.Sprintf("2001:db8:5:6::%x", i+1)
			if got := r.joinCode(exercise.NewJoinCode(), from); got != "unknown_code" {
				t.Fatalf("wrong code %d: %s", i, got)
			}
		}
		if got := r.joinCode(r.teams["valdoria"].JoinCode, "2001:db8:5:6::ff"); got != "too_many_attempts" {
			t.Fatalf("21st code from the same /64: %s", got)
		}
		if got := r.joinCode(r.teams["valdoria"].JoinCode, "198.51.100.1"); got != "ok" {
			t.Fatalf("another address: %s", got)
		}
		r.clock.Advance(20 * time.Minute)
		if got := r.joinCode(r.teams["valdoria"].JoinCode, "2001:db8:5:6::1"); got != "ok" {
			t.Fatalf("after the wrong codes aged out: %s", got)
		}
	})
}

// Guessing from many addresses is bounded per server: past 300 wrong codes
// in ten minutes only addresses without a wrong code are heard, and past 300
// more nobody is, so at most about one wrong code a second reaches the
// lookup whatever the number of addresses.
func TestWrongCodesAreLimitedPerServer(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		right := r.teams["esterra"].JoinCode
		addr := func(i int) string { return fmt.Sprintf("10.%d.%d.1", i/250, i%250) }
		for i := range 300 {
			if got := r.joinCode(exercise.NewJoinCode(), addr(i)); got != "unknown_code" {
				t.Fatalf("wrong code %d: %s", i, got)
			}
		}
		// Guarded: an address with a wrong code waits, even with a right one…
		if got := r.joinCode(right, addr(0)); got != "too_many_attempts" {
			t.Fatalf("an address with a wrong code on a guarded server: %s", got)
		}
		// …a fresh address is heard, and its right code does not count.
		if got := r.joinCode(right, "192.0.2.200"); got != "ok" {
			t.Fatalf("a fresh address with the right code: %s", got)
		}
		for i := 300; i < 600; i++ {
			if got := r.joinCode(exercise.NewJoinCode(), addr(i)); got != "unknown_code" {
				t.Fatalf("guarded wrong code %d: %s", i, got)
			}
		}
		// The ceiling: nobody is heard for the rest of the window.
		if got := r.joinCode(right, "192.0.2.201"); got != "too_many_attempts" {
			t.Fatalf("past the server's ceiling: %s", got)
		}
		r.clock.Advance(20 * time.Minute)
		if got := r.joinCode(right, addr(0)); got != "ok" {
			t.Fatalf("after the window: %s", got)
		}
	})
}

// Typing mistakes are caught by the check symbol and count nowhere; codes of
// before (8 symbols, no check symbol) still open their team.
func TestMistypedCodesDoNotCountAndOldCodesWork(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		code := r.teams["norhaven"].JoinCode
		typo := []byte(code)
		typo[0] = map[bool]byte{true: 'B', false: 'A'}[typo[0] == 'A']
		for range 30 {
			if got := r.joinCode(string(typo), "192.0.2.1"); got != "validation_failed" {
				t.Fatalf("typo %s of %s: %s", typo, code, got)
			}
		}
		if got := r.joinCode(code, "192.0.2.1"); got != "ok" {
			t.Fatalf("right code after typos: %s", got)
		}
		old := r.teams["norhaven"]
		old.JoinCode = "K7PM-3QXD"
		if err := st.Exercises().UpdateTeam(context.Background(), &old); err != nil {
			t.Fatal(err)
		}
		if got := r.joinCode("k7pm 3qxd", "192.0.2.1"); got != "ok" {
			t.Fatalf("an 8-symbol code: %s", got)
		}
	})
}

// A code opens at most 30 sessions an hour; a new code starts afresh.
func TestJoinsPerCodeAreBounded(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		tm := r.teams["valdoria"]
		for i := range 30 {
			if got := r.joinCode(tm.JoinCode, fmt.Sprintf("192.0.2.%d", i)); got != "ok" {
				t.Fatalf("join %d: %s", i, got)
			}
		}
		if got := r.joinCode(tm.JoinCode, "198.51.100.1"); got != "too_many_joins" {
			t.Fatalf("31st join with one code: %s", got)
		}
		if got := r.joinCode(r.ex.ObserverCode, "198.51.100.1"); got != "ok" {
			t.Fatalf("another code: %s", got)
		}
		fresh, err := r.svc.NewCode(context.Background(), r.ex.ID, tm.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.joinCode(fresh.JoinCode, "198.51.100.1"); got != "ok" {
			t.Fatalf("the team's new code: %s", got)
		}
	})
}

// A name that opens a right-to-left override and does not close it is
// stored closed, so that it cannot reverse what follows it wherever it is
// shown as plain text.
func TestJoinClosesAnOpenOverrideInTheName(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		j, err := r.svc.Join(context.Background(), r.teams["norhaven"].JoinCode, "\u202eVictor", "192.0.2.1", "")
		if err != nil {
			t.Fatal(err)
		}
		if want := "\u202eVictor\u202c"; j.Participant.Name != want {
			t.Fatalf("stored %+q, want %+q", j.Participant.Name, want)
		}
	})
}
