package auth

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// unit is a service on an in-memory store and in-process counters, with a
// clock the test moves.
type unit struct {
	svc   *Service
	store *memStore
	mu    sync.Mutex
	now   time.Time
}

func newUnit(t *testing.T, o Options) *unit {
	t.Helper()
	u := &unit{store: newMemStore(), now: tokenTime}
	o.Now = func() time.Time { u.mu.Lock(); defer u.mu.Unlock(); return u.now }
	if o.HashCost == 0 {
		o.HashCost = 4
	}
	u.svc = NewService(u.store, testKey, o)
	return u
}

func (u *unit) advance(d time.Duration) { u.mu.Lock(); u.now = u.now.Add(d); u.mu.Unlock() }

// account creates an account and signs it in, returning the user and token.
func (u *unit) account(t *testing.T, email string, role Role) (*User, string) {
	t.Helper()
	ctx := context.Background()
	usr, err := u.svc.CreateUser(ctx, NewUser{Email: email, Name: "N", Role: role, Password: "a long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := u.svc.Login(ctx, email, "a long enough password", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return usr, tok
}

// sessionOf is the session id of a token.
func (u *unit) sessionOf(t *testing.T, tok string) string {
	t.Helper()
	p, err := u.svc.Authenticate(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	return p.SessionID
}

// Recheck tells an expired session from an ended one: an event stream says
// "expired" or "signed out" to its reader accordingly.
func TestRecheckTellsExpiredFromEnded(t *testing.T) {
	ctx := context.Background()
	u := newUnit(t, Options{SessionTTL: time.Hour})
	usr, tok := u.account(t, "ana@example.org", RoleFacilitator)
	sid := u.sessionOf(t, tok)
	if p, err := u.svc.Recheck(ctx, sid); err != nil || p.Role != RoleFacilitator || p.User.ID != usr.ID || !p.ExpiresAt.Equal(tokenTime.Add(time.Hour)) {
		t.Fatalf("fresh: %+v, %v", p, err)
	}
	u.advance(time.Hour - time.Second)
	if _, err := u.svc.Recheck(ctx, sid); err != nil {
		t.Fatalf("a second before expiry: %v", err)
	}
	u.advance(time.Second)
	if _, err := u.svc.Recheck(ctx, sid); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("at expiry: %v, want ErrSessionExpired", err)
	}

	for _, c := range []struct {
		name string
		end  func(sid string, usr *User)
	}{
		{"revoked", func(sid string, _ *User) { _ = u.svc.RevokeSession(ctx, sid) }},
		{"account disabled", func(_ string, usr *User) {
			usr.Disabled = true
			_ = u.store.UpdateUser(ctx, usr)
		}},
		{"account deleted", func(_ string, usr *User) { _ = u.store.DeleteUser(ctx, usr.ID) }},
		{"session deleted", func(sid string, _ *User) {
			u.store.mu.Lock()
			delete(u.store.sessions, sid)
			u.store.mu.Unlock()
		}},
	} {
		usr, tok := u.account(t, strings.ReplaceAll(c.name, " ", "-")+"@example.org", RoleFacilitator)
		sid := u.sessionOf(t, tok)
		c.end(sid, usr)
		if _, err := u.svc.Recheck(ctx, sid); !errors.Is(err, ErrSessionEnded) {
			t.Errorf("%s: %v, want ErrSessionEnded", c.name, err)
		}
		// A request with the token is a plain 401, whichever it was.
		if _, err := u.svc.Authenticate(ctx, tok); !isStatus(err, 401) {
			t.Errorf("%s: authenticate: %v, want 401", c.name, err)
		}
	}
	// A revoked session that has also expired is ended, not expired.
	_, tok = u.account(t, "both@example.org", RoleAdmin)
	sid = u.sessionOf(t, tok)
	_ = u.svc.RevokeSession(ctx, sid)
	u.advance(2 * time.Hour)
	if _, err := u.svc.Recheck(ctx, sid); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("revoked and expired: %v, want ErrSessionEnded", err)
	}
}

// A database that does not answer is neither "expired" nor "ended": the
// caller must not close a stream or sign anyone out over it.
func TestRecheckPassesStorageErrorsOn(t *testing.T) {
	ctx := context.Background()
	u := newUnit(t, Options{})
	_, tok := u.account(t, "ana@example.org", RoleAdmin)
	sid := u.sessionOf(t, tok)
	u.store.failWith = errDatabaseDown
	if _, err := u.svc.Recheck(ctx, sid); !errors.Is(err, errDatabaseDown) {
		t.Fatalf("recheck: %v", err)
	}
	if _, err := u.svc.Authenticate(ctx, tok); !errors.Is(err, errDatabaseDown) {
		t.Fatalf("authenticate: %v, want the storage error (a 500, not a 401)", err)
	}
}

// The role comes from the account at each request, not from the token, so a
// demotion takes effect at once.
func TestRoleIsReadFromTheAccount(t *testing.T) {
	ctx := context.Background()
	u := newUnit(t, Options{})
	admin, _ := u.account(t, "admin@example.org", RoleAdmin)
	usr, tok := u.account(t, "ana@example.org", RoleAdmin)
	role := RoleFacilitator
	if _, err := u.svc.UpdateUser(ctx, &Principal{User: admin, Role: RoleAdmin}, usr.ID, UserPatch{Role: &role}); err != nil {
		t.Fatal(err)
	}
	if p, err := u.svc.Authenticate(ctx, tok); err != nil || p.Role != RoleFacilitator || !p.IsStaff() {
		t.Fatalf("after demotion: %+v, %v", p, err)
	}
}

func TestParticipantAndObserverSessions(t *testing.T) {
	ctx := context.Background()
	u := newUnit(t, Options{})
	tok, sid, err := u.svc.IssueParticipant(ctx, 5, 9)
	if err != nil {
		t.Fatal(err)
	}
	p, err := u.svc.Authenticate(ctx, tok)
	if err != nil || p.Role != RoleParticipant || p.ExerciseID != 5 || p.TeamID != 9 || p.User != nil || p.SessionID != sid || p.IsStaff() {
		t.Fatalf("participant: %+v, %v", p, err)
	}
	tok, _, err = u.svc.IssueParticipant(ctx, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := u.svc.Authenticate(ctx, tok); err != nil || p.Role != RoleObserver || p.ExerciseID != 5 || p.TeamID != 0 || p.IsStaff() {
		t.Fatalf("observer: %+v, %v", p, err)
	}
	// A token cannot change what it was issued for: a participant session
	// presented with a user token's kind is refused.
	c, err := u.svc.tokens.Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	forged, err := u.svc.tokens.Sign(&Session{ID: c.ID, Kind: KindUser, CreatedAt: tokenTime, ExpiresAt: tokenTime.Add(time.Hour)}, RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.svc.Authenticate(ctx, forged); !isStatus(err, 401) {
		t.Fatalf("kind changed: %v, want 401", err)
	}
	if err := u.svc.RevokeSession(ctx, sid); err != nil {
		t.Fatal(err)
	}
	if _, err := u.svc.Recheck(ctx, sid); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("removed participant: %v", err)
	}
}

func isStatus(err error, status int) bool {
	e, ok := apperr.As(err)
	return ok && e.Status == status
}

func codeOf(err error) string {
	if err == nil {
		return "ok"
	}
	if e, ok := apperr.As(err); ok {
		return e.Code
	}
	return err.Error()
}
