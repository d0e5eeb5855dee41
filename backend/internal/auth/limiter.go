package auth

import (
	"context"
	"net/http"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Sign-in limits. Guessing is slowed where the guesses come from, never by
// refusing the account's owner everywhere:
//
//   - per account and address: five failures, then that address waits (for
//     that account only);
//   - per address, whatever the account: thirty failures, so one address
//     cannot try a password on many accounts;
//   - per account, from anywhere: above ten failures the account is guarded.
//     A guarded account still checks the password of an address that has
//     failed on it at most once, so its owner signs in from their own
//     address; every address that has failed twice waits. Guessing from
//     many addresses thus gets two guesses per address per window, while
//     nobody can lock the owner out by failing on purpose.
//
// Only failures count: a right password and a refused attempt take their
// count back, so a room signing in from one address is never slowed.
var (
	signInPair    = Rule{Name: "signin.pair", Limit: 5, Window: 15 * time.Minute}
	signInAddress = Rule{Name: "signin.address", Limit: 30, Window: 15 * time.Minute}
	signInAccount = Rule{Name: "signin.account", Limit: 10, Window: 15 * time.Minute}
)

// guardedTries is how many failures one address may have on a guarded
// account in a window and still be heard.
const guardedTries = 2

var errTooManySignIns = apperr.New(http.StatusTooManyRequests, "too_many_attempts",
	"Too many failed sign-in attempts from here. Please wait 15 minutes and try again.")

// startSignIn counts one attempt to sign in to account from addr, or refuses
// it. The caller undoes the count when the password was right.
func (s *Service) startSignIn(ctx context.Context, account, addr string) (*Spent, error) {
	addr = AddressKey(addr)
	sp, err := s.limiter.Spend(ctx,
		Use{signInPair, account + "\n" + addr}, Use{signInAddress, addr}, Use{signInAccount, account})
	if err != nil {
		return nil, err
	}
	guarded := sp.Over(2)
	if sp.Over(0) || sp.Over(1) || (guarded && sp.Count(0) > guardedTries) {
		if err := sp.Undo(ctx); err != nil {
			return nil, err
		}
		return nil, errTooManySignIns
	}
	return sp, nil
}

// Join code limits. A wrong code names no exercise, so it is counted per
// address and per server:
//
//   - per address: twenty wrong codes per ten minutes;
//   - per server: above 300 wrong codes per ten minutes, from any number of
//     addresses, the server is guarded: only an address without a wrong code
//     in the window has its code looked up, and at most 300 more wrong codes
//     are heard in the window. Beyond that every code waits.
//
// So at most about 600 wrong codes per ten minutes (one a second) reach the
// lookup, however many addresses send them. Codes with a typing mistake are
// caught by their check symbol before any of this and count nowhere.
var (
	joinAddress = Rule{Name: "join.address", Limit: 20, Window: 10 * time.Minute}
	joinServer  = Rule{Name: "join.server", Limit: 300, Window: 10 * time.Minute}
	joinFresh   = Rule{Name: "join.fresh", Limit: 300, Window: 10 * time.Minute}
)

var (
	errWrongCodesHere = apperr.New(http.StatusTooManyRequests, "too_many_attempts",
		"Too many wrong codes from this address. Please wait 10 minutes and try again.")
	errWrongCodesServer = apperr.New(http.StatusTooManyRequests, "too_many_attempts",
		"Many wrong codes are being tried on this server, so codes are checked slowly for now. Check your code with your facilitator and try again in a few minutes.")
	errCodeOverused = apperr.New(http.StatusTooManyRequests, "too_many_joins",
		"This code has been used to join many times in the last hour. Ask your facilitator for a new code.")
)

// CheckCode refuses to look a code up for addr while addr, or the server
// for an address that has had a wrong code lately, is over its limit. It
// only reads the counts: a right code costs no write and is never counted,
// so a room joining all at once is never mistaken for guessing. Guesses
// racing each other from one client may pass before the first is counted;
// that overshoot is bounded by the client's own parallelism.
func (s *Service) CheckCode(ctx context.Context, addr string) error {
	n, err := s.limiter.Peek(ctx, Use{joinAddress, AddressKey(addr)}, Use{joinServer, ""}, Use{joinFresh, ""})
	if err != nil {
		return err
	}
	address, server, fresh := n[0], n[1], n[2]
	switch {
	case address >= float64(joinAddress.Limit):
		return errWrongCodesHere
	case server >= float64(joinServer.Limit) && (address > 0 || fresh >= float64(joinFresh.Limit)):
		return errWrongCodesServer
	}
	return nil
}

// WrongCode counts one wrong code from addr; while the server is guarded it
// also counts against the lookups left to fresh addresses.
func (s *Service) WrongCode(ctx context.Context, addr string) error {
	sp, err := s.limiter.Spend(ctx, Use{joinAddress, AddressKey(addr)}, Use{joinServer, ""})
	if err != nil {
		return err
	}
	if sp.Count(1) > float64(joinServer.Limit) {
		_, err = s.limiter.Spend(ctx, Use{joinFresh, ""})
	}
	return err
}

// AdmitJoin counts one join with a right code and refuses it once the code
// has been used JoinsPerCode times in the last hour: a code is given to one
// delegation, and a leaked one should not open unlimited sessions.
func (s *Service) AdmitJoin(ctx context.Context, code string) error {
	ok, err := s.limiter.Take(ctx, Use{Rule{Name: "join.code", Limit: s.joinsPerCode, Window: time.Hour}, code})
	if err != nil {
		return err
	}
	if !ok {
		return errCodeOverused
	}
	return nil
}

// Limiter gives other parts (the message rate) the service's counters and clock.
func (s *Service) Limiter() *Limiter { return s.limiter }
