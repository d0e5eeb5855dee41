package auth

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

const ownerEmail, ownerPassword = "owner@example.org", "the owner's long password"

// withAccount is a unit with the owner's admin account.
func withAccount(t *testing.T, o Options) *unit {
	t.Helper()
	u := newUnit(t, o)
	if created, _, err := u.svc.EnsureAdmin(context.Background(), ownerEmail, ownerPassword); err != nil || !created {
		t.Fatalf("ensure admin: %v, %v", created, err)
	}
	return u
}

func (u *unit) login(email, password, addr string) string {
	_, _, err := u.svc.Login(context.Background(), email, password, addr)
	return codeOf(err)
}

// The e-mail is matched as people type it; an unknown e-mail, a wrong
// password and a disabled account answer alike.
func TestSignInAnswers(t *testing.T) {
	ctx := context.Background()
	u := withAccount(t, Options{})
	if got := u.login("  Owner@Example.ORG ", ownerPassword, "192.0.2.1"); got != "ok" {
		t.Fatalf("e-mail in other case and spaces: %s", got)
	}
	for _, c := range []struct{ email, password string }{
		{ownerEmail, "wrong password"},
		{"nobody@example.org", ownerPassword},
		{"", ""},
	} {
		if got := u.login(c.email, c.password, "192.0.2.2"); got != "invalid_credentials" {
			t.Errorf("%q/%q: %s", c.email, c.password, got)
		}
	}
	owner, _ := u.store.UserByEmail(ctx, ownerEmail)
	owner.Disabled = true
	_ = u.store.UpdateUser(ctx, owner)
	if got := u.login(ownerEmail, ownerPassword, "192.0.2.3"); got != "invalid_credentials" {
		t.Fatalf("disabled account: %s", got)
	}
}

// The per-pair and per-address sign-in rules, at their edges (signin_test.go
// plays the rules on both databases).
func TestSignInRules(t *testing.T) {
	t.Run("five failures per account and address", func(t *testing.T) {
		u := withAccount(t, Options{})
		for i := range 5 {
			if got := u.login(ownerEmail, "guess", "203.0.113.1"); got != "invalid_credentials" {
				t.Fatalf("failure %d: %s", i+1, got)
			}
		}
		if got := u.login(ownerEmail, ownerPassword, "203.0.113.1"); got != "too_many_attempts" {
			t.Fatalf("sixth try, right password: %s", got)
		}
		// Another account from that address, and that account elsewhere, are heard.
		if got := u.login("other@example.org", "guess", "203.0.113.1"); got != "invalid_credentials" {
			t.Fatalf("another account: %s", got)
		}
		if got := u.login(ownerEmail, ownerPassword, "198.51.100.1"); got != "ok" {
			t.Fatalf("the owner elsewhere: %s", got)
		}
		// In the next window the last one's failures still count (the window
		// slides), and two windows on they are forgotten.
		u.advance(15*time.Minute + time.Second)
		if got := u.login(ownerEmail, ownerPassword, "203.0.113.1"); got != "too_many_attempts" {
			t.Fatalf("just into the next window: %s", got)
		}
		u.advance(15 * time.Minute)
		if got := u.login(ownerEmail, ownerPassword, "203.0.113.1"); got != "ok" {
			t.Fatalf("two windows later: %s", got)
		}
	})
	t.Run("thirty failures per address", func(t *testing.T) {
		u := withAccount(t, Options{})
		for i := range 30 { // accounts that exist: an unknown one costs a full-cost hash check
			u.account(t, fmt.Sprintf("a%d@example.org", i), RoleFacilitator)
		}
		for i := range 30 {
			if got := u.login(fmt.Sprintf("a%d@example.org", i), "guess", "203.0.113.2"); got != "invalid_credentials" {
				t.Fatalf("failure %d: %s", i+1, got)
			}
		}
		if got := u.login(ownerEmail, ownerPassword, "203.0.113.2"); got != "too_many_attempts" {
			t.Fatalf("after thirty failures on other accounts: %s", got)
		}
		// One IPv6 host is one /64: moving within it does not help.
		for i := range 30 {
			u.login(fmt.Sprintf("a%d@example.org", i), "guess", fmt.Sprintf("2001:db8:1:2::%x", i+1))
		}
		if got := u.login(ownerEmail, ownerPassword, "2001:db8:1:2:ffff::1"); got != "too_many_attempts" {
			t.Fatalf("another address of the /64: %s", got)
		}
	})
}

// A guarded account, and what is not counted at all.
func TestSignInRulesGuardAndUncounted(t *testing.T) {
	t.Run("a guarded account hears addresses with at most one failure", func(t *testing.T) {
		u := withAccount(t, Options{})
		for i := range 11 { // above ten: guarded
			u.login(ownerEmail, "guess", fmt.Sprintf("203.0.113.%d", 10+i))
		}
		if got := u.login(ownerEmail, "guess", "203.0.113.10"); got != "invalid_credentials" {
			t.Fatalf("second failure from one address: %s", got)
		}
		if got := u.login(ownerEmail, ownerPassword, "203.0.113.10"); got != "too_many_attempts" {
			t.Fatalf("third try from an address with two failures: %s", got)
		}
		if got := u.login(ownerEmail, ownerPassword, "198.51.100.7"); got != "ok" {
			t.Fatalf("the owner from a fresh address: %s", got)
		}
	})
	t.Run("successes and refusals are not counted", func(t *testing.T) {
		u := withAccount(t, Options{})
		for range 50 {
			if got := u.login(ownerEmail, ownerPassword, "192.0.2.9"); got != "ok" {
				t.Fatalf("success: %s", got)
			}
		}
		for range 5 {
			u.login(ownerEmail, "guess", "192.0.2.9")
		}
		for range 20 {
			u.login(ownerEmail, "guess", "192.0.2.9") // refused, not counted
		}
		u.advance(30 * time.Minute)
		if got := u.login(ownerEmail, ownerPassword, "192.0.2.9"); got != "ok" {
			t.Fatalf("after the window: %s", got)
		}
	})
}

// When the counters cannot be reached, signing in fails closed: no
// password is checked without its attempt being counted.
func TestSignInFailsClosedWithoutCounters(t *testing.T) {
	u := withAccount(t, Options{Counters: failingCounters{}})
	_, _, err := u.svc.Login(context.Background(), ownerEmail, ownerPassword, "192.0.2.1")
	if !errors.Is(err, errDatabaseDown) {
		t.Fatalf("got %v, want the counters' error", err)
	}
}

// A storage failure while looking the account up is not a wrong password:
// it is not counted against the address.
func TestStorageFailureDuringSignInIsNotCounted(t *testing.T) {
	u := withAccount(t, Options{})
	u.store.failWith = errDatabaseDown
	for range 6 {
		if _, _, err := u.svc.Login(context.Background(), ownerEmail, ownerPassword, "192.0.2.1"); !errors.Is(err, errDatabaseDown) {
			t.Fatalf("got %v", err)
		}
	}
	u.store.failWith = nil
	if got := u.login(ownerEmail, ownerPassword, "192.0.2.1"); got != "ok" {
		t.Fatalf("after the database came back: %s", got)
	}
}

// Wrong join codes: twenty per address per ten minutes; above 300 on the
// server only addresses without a wrong code are heard, 300 more at most.
func TestJoinCodeRules(t *testing.T) {
	ctx := context.Background()
	u := newUnit(t, Options{})
	check := func(addr string) string { return codeOf(u.svc.CheckCode(ctx, addr)) }
	wrong := func(addr string) {
		if err := u.svc.WrongCode(ctx, addr); err != nil {
			t.Fatal(err)
		}
	}
	for range 20 {
		if got := check("203.0.113.1"); got != "ok" {
			t.Fatalf("under the address limit: %s", got)
		}
		wrong("203.0.113.1")
	}
	if got := check("203.0.113.1"); got != "too_many_attempts" {
		t.Fatalf("21st code from one address: %s", got)
	}
	// 300 wrong codes on the server from many addresses (one each).
	for i := range 280 {
		wrong(fmt.Sprintf("10.0.%d.%d", i/200, i%200))
	}
	if got := check("198.51.100.1"); got != "ok" {
		t.Fatalf("a fresh address at the server limit: %s", got)
	}
	wrong("10.9.9.9") // 301: guarded
	if got := check("10.0.0.1"); got != "too_many_attempts" {
		t.Fatalf("an address with a wrong code on a guarded server: %s", got)
	}
	if got := check("198.51.100.2"); got != "ok" {
		t.Fatalf("a fresh address on a guarded server: %s", got)
	}
	for i := range 300 {
		wrong(fmt.Sprintf("172.16.%d.%d", i/200, i%200))
	}
	if got := check("198.51.100.3"); got != "too_many_attempts" {
		t.Fatalf("a fresh address once the guarded lookups are used: %s", got)
	}
	// Ten minutes and a window later everything is heard again.
	u.advance(20 * time.Minute)
	if got := check("203.0.113.1"); got != "ok" {
		t.Fatalf("after the windows: %s", got)
	}
}

func TestJoinsPerCode(t *testing.T) {
	ctx := context.Background()
	u := newUnit(t, Options{JoinsPerCode: 3})
	for i := range 3 {
		if err := u.svc.AdmitJoin(ctx, "CODE-A"); err != nil {
			t.Fatalf("join %d: %v", i+1, err)
		}
	}
	if got := codeOf(u.svc.AdmitJoin(ctx, "CODE-A")); got != "too_many_joins" {
		t.Fatalf("fourth join: %s", got)
	}
	if err := u.svc.AdmitJoin(ctx, "CODE-B"); err != nil {
		t.Fatalf("another code: %v", err)
	}
	u.advance(2 * time.Hour)
	if err := u.svc.AdmitJoin(ctx, "CODE-A"); err != nil {
		t.Fatalf("two hours later: %v", err)
	}
}

func TestAccountRules(t *testing.T) {
	ctx := context.Background()
	u := withAccount(t, Options{})
	owner, _ := u.store.UserByEmail(ctx, ownerEmail)
	self := &Principal{User: owner, Role: RoleAdmin}
	for _, c := range []struct {
		in   NewUser
		want string
	}{
		{NewUser{Email: "not an address", Role: RoleFacilitator, Password: "a long enough password"}, "validation_failed"},
		{NewUser{Email: "a@example.org", Role: RoleParticipant, Password: "a long enough password"}, "validation_failed"},
		{NewUser{Email: "a@example.org", Role: RoleFacilitator, Password: "short"}, "validation_failed"},
		{NewUser{Email: " OWNER@example.org", Role: RoleFacilitator, Password: "a long enough password"}, "email_taken"},
		{NewUser{Email: "Fac@Example.org", Role: RoleFacilitator, Password: "a long enough password"}, "ok"},
	} {
		_, err := u.svc.CreateUser(ctx, c.in)
		if got := codeOf(err); got != c.want {
			t.Errorf("create %+v: %s, want %s", c.in, got, c.want)
		}
	}
	fac, err := u.store.UserByEmail(ctx, "fac@example.org")
	if err != nil {
		t.Fatal(err)
	}
	yes, fRole := true, RoleFacilitator
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"disable oneself", errOnly(u.svc.UpdateUser(ctx, self, owner.ID, UserPatch{Disabled: &yes})), "validation_failed"},
		{"demote oneself", errOnly(u.svc.UpdateUser(ctx, self, owner.ID, UserPatch{Role: &fRole})), "validation_failed"},
		{"delete oneself", u.svc.DeleteUser(ctx, self, owner.ID), "cannot_delete_self"},
		{"update nobody", errOnly(u.svc.UpdateUser(ctx, self, 999, UserPatch{})), "not_found"},
		{"delete nobody", u.svc.DeleteUser(ctx, self, 999), "not_found"},
	} {
		if got := codeOf(c.err); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// A new password ends the account's sessions.
	tok, _, err := u.svc.Login(ctx, "fac@example.org", "a long enough password", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	pw := "a new long password"
	if _, err := u.svc.UpdateUser(ctx, self, fac.ID, UserPatch{Password: &pw}); err != nil {
		t.Fatal(err)
	}
	if _, err := u.svc.Authenticate(ctx, tok); !isStatus(err, 401) {
		t.Fatalf("session after a password change: %v", err)
	}
	if got := u.login("fac@example.org", pw, "192.0.2.1"); got != "ok" {
		t.Fatalf("new password: %s", got)
	}
	// There is a first admin only once.
	if created, _, err := u.svc.EnsureAdmin(ctx, "second@example.org", ""); created || err != nil {
		t.Fatalf("second EnsureAdmin: %v, %v", created, err)
	}
}

func TestEnsureAdminMakesAPasswordWhenNoneIsGiven(t *testing.T) {
	u := newUnit(t, Options{})
	created, pw, err := u.svc.EnsureAdmin(context.Background(), "admin@example.org", "")
	if err != nil || !created || len(pw) < MinPasswordLen {
		t.Fatalf("%v, %q, %v", created, pw, err)
	}
	if got := u.login("admin@example.org", pw, "192.0.2.1"); got != "ok" {
		t.Fatalf("sign in with the printed password: %s", got)
	}
}

func errOnly[T any](_ T, err error) error { return err }
