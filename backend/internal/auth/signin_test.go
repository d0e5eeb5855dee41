package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

const (
	owner    = "owner@example.org"
	ownerPwd = "the owner's long password"
)

// withOwner runs fn with a service on each dialect whose one account is the
// owner's; the counters are the database's.
func withOwner(t *testing.T, fn func(t *testing.T, svc *auth.Service, ck *storetest.Clock)) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ck := storetest.NewClock()
		svc := auth.NewService(st.Accounts(), []byte("0123456789abcdef0123456789abcdef"),
			auth.Options{Now: ck.Now, HashCost: 4, Counters: st.RateLimits()})
		if _, _, err := svc.EnsureAdmin(context.Background(), owner, ownerPwd); err != nil {
			t.Fatal(err)
		}
		fn(t, svc, ck)
	})
}

// outcome is the error code of a sign-in, "ok" for success.
func outcome(t *testing.T, svc *auth.Service, password, addr string) string {
	t.Helper()
	_, _, err := svc.Login(context.Background(), owner, password, addr)
	if err == nil {
		return "ok"
	}
	e, ok := apperr.As(err)
	if !ok {
		t.Fatalf("sign-in from %s: %v", addr, err)
	}
	return e.Code
}

// Failures from one address slow that address, not the owner elsewhere.
func TestGuessingFromOneAddressDoesNotLockTheOwnerOut(t *testing.T) {
	withOwner(t, func(t *testing.T, svc *auth.Service, ck *storetest.Clock) {
		const attacker, home = "203.0.113.7", "198.51.100.20"
		for i := range 5 {
			if got := outcome(t, svc, fmt.Sprint("guess ", i), attacker); got != "invalid_credentials" {
				t.Fatalf("guess %d: %s", i, got)
			}
		}
		// The attacker is refused before the password is even checked…
		if got := outcome(t, svc, "guess 6", attacker); got != "too_many_attempts" {
			t.Fatalf("sixth guess: %s, want too_many_attempts", got)
		}
		if got := outcome(t, svc, ownerPwd, attacker); got != "too_many_attempts" {
			t.Fatalf("right password from the guessing address: %s", got)
		}
		// …and the owner signs in from home, twice (successes do not count).
		for range 2 {
			if got := outcome(t, svc, ownerPwd, home); got != "ok" {
				t.Fatalf("owner from home: %s", got)
			}
		}
		// Refused attempts are not counted: once the failures age out the
		// address is heard again, however often it knocked meanwhile.
		ck.Advance(30 * time.Minute)
		if got := outcome(t, svc, "guess 7", attacker); got != "invalid_credentials" {
			t.Fatalf("after waiting: %s", got)
		}
	})
}

// Guessing from many addresses (one IPv6 /64 each, so that a host cannot
// dodge by changing address) makes the account guarded: each address then
// gets two guesses, and the owner still signs in, even after a typo.
func TestGuessingFromManyAddressesLeavesTheOwnerIn(t *testing.T) {
	withOwner(t, func(t *testing.T, svc *auth.Service, _ *storetest.Clock) {
		for n := range 6 { // 12 failures > 10: guarded
			for i := range 2 {
				addr := fmt.Sprintf("2001:db8:%x::%d", n, i+1) // two addresses of one /64
				if got := outcome(t, svc, "guess", addr); got != "invalid_credentials" {
					t.Fatalf("address %s: %s", addr, got)
				}
			}
		}
		if got := outcome(t, svc, ownerPwd, "2001:db8:0::99"); got != "too_many_attempts" {
			t.Fatalf("an address with two failures on a guarded account: %s", got)
		}
		// A new address gets two guesses, then waits.
		fresh := "203.0.113.50"
		for i := range 2 {
			if got := outcome(t, svc, "guess", fresh); got != "invalid_credentials" {
				t.Fatalf("fresh address, guess %d: %s", i, got)
			}
		}
		if got := outcome(t, svc, "guess", fresh); got != "too_many_attempts" {
			t.Fatalf("fresh address, third guess: %s", got)
		}
		// The owner, with a typo first.
		home := "198.51.100.20"
		if got := outcome(t, svc, "typo", home); got != "invalid_credentials" {
			t.Fatalf("owner's typo: %s", got)
		}
		if got := outcome(t, svc, ownerPwd, home); got != "ok" {
			t.Fatalf("owner during the attack: %s", got)
		}
	})
}

// Forty people signing in behind one address are never slowed, and one
// address cannot try more than thirty passwords, whatever the accounts.
func TestPerAddressLimitCountsOnlyFailures(t *testing.T) {
	withOwner(t, func(t *testing.T, svc *auth.Service, _ *storetest.Clock) {
		ctx := context.Background()
		const office = "192.0.2.1"
		for range 40 {
			if got := outcome(t, svc, ownerPwd, office); got != "ok" {
				t.Fatalf("success %s", got)
			}
		}
		// Five failures on each of six accounts (each under its own limits)…
		for a := range 7 {
			if _, err := svc.CreateUser(ctx, auth.NewUser{Email: fmt.Sprintf("user%d@example.org", a), Name: "User",
				Role: auth.RoleFacilitator, Password: "a long enough password"}); err != nil {
				t.Fatal(err)
			}
		}
		for a := range 6 {
			for range 5 {
				if _, _, err := svc.Login(ctx, fmt.Sprintf("user%d@example.org", a), "wrong", office); !isCode(err, "invalid_credentials") {
					t.Fatalf("account %d: %v", a, err)
				}
			}
		}
		// …use up the address's thirty.
		if _, _, err := svc.Login(ctx, "user6@example.org", "wrong", office); !isCode(err, "too_many_attempts") {
			t.Fatalf("31st failure from one address: %v", err)
		}
	})
}

func isCode(err error, code string) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == code
}

func TestAddressKeyGroupsIPv6By64(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.7":             "203.0.113.7",
		"::ffff:203.0.113.7":      "203.0.113.7",
		"2001:db8:1:2:3:4:5:6":    "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":    "2001:db8:1:2::/64",
		"not an address (a test)": "not an address (a test)",
	} {
		if got := auth.AddressKey(in); got != want {
			t.Errorf("AddressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
