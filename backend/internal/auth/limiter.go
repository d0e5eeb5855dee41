package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter slows password guessing: it counts failed sign-ins per client
// address and per account, so that neither one address nor a spread of
// addresses can guess a password quickly. Successful sign-ins cost nothing,
// so a room of people signing in from one address is never locked out. It
// lives in memory: each replica limits on its own, which still bounds the
// guessing rate by the replica count.
type Limiter struct {
	byIP      *FailureLimiter
	byAccount *FailureLimiter
}

// NewLimiter allows, per address, 20 failures at once then one every 6 s,
// and per account 5 at once then one every 30 s.
func NewLimiter(now func() time.Time) *Limiter {
	return &Limiter{
		byIP:      &FailureLimiter{now: now, m: map[string]*rate.Limiter{}, r: rate.Every(6 * time.Second), burst: 20},
		byAccount: &FailureLimiter{now: now, m: map[string]*rate.Limiter{}, r: rate.Every(30 * time.Second), burst: 5},
	}
}

// Blocked tells whether the address or the account has no failures left.
func (l *Limiter) Blocked(ip, account string) bool {
	return l.byIP.Blocked(ip) || l.byAccount.Blocked(account)
}

// Failed records a failed sign-in.
func (l *Limiter) Failed(ip, account string) {
	l.byIP.Failed(ip)
	l.byAccount.Failed(account)
}

// FailureLimiter counts only failures: a workshop room behind one address may
// join many times at once, but guessing join codes from it is slowed to a
// crawl after a burst of wrong ones.
type FailureLimiter struct {
	mu    sync.Mutex
	now   func() time.Time
	m     map[string]*rate.Limiter
	r     rate.Limit
	burst int
}

// NewFailureLimiter allows 10 failures at once, then one every 10 seconds.
func NewFailureLimiter(now func() time.Time) *FailureLimiter {
	return &FailureLimiter{now: now, m: map[string]*rate.Limiter{}, r: rate.Every(10 * time.Second), burst: 10}
}

func (f *FailureLimiter) limiter(key string) *rate.Limiter {
	lim, ok := f.m[key]
	if !ok {
		if len(f.m) >= 10000 {
			f.m = map[string]*rate.Limiter{} // forget everyone rather than grow without bound
		}
		lim = rate.NewLimiter(f.r, f.burst)
		f.m[key] = lim
	}
	return lim
}

// Blocked tells whether key has no failures left to spend.
func (f *FailureLimiter) Blocked(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.limiter(key).TokensAt(f.now()) < 1
}

// Failed spends one failure.
func (f *FailureLimiter) Failed(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.limiter(key).AllowN(f.now(), 1)
}

// KeyedLimiter is a token bucket per key (a session, an address).
type KeyedLimiter struct {
	mu    sync.Mutex
	now   func() time.Time
	m     map[string]*rate.Limiter
	r     rate.Limit
	burst int
}

// NewKeyedLimiter allows burst events at once per key, then r per second.
func NewKeyedLimiter(now func() time.Time, r rate.Limit, burst int) *KeyedLimiter {
	return &KeyedLimiter{now: now, m: map[string]*rate.Limiter{}, r: r, burst: burst}
}

// Allow spends one event for key, if it has one.
func (k *KeyedLimiter) Allow(key string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	lim, ok := k.m[key]
	if !ok {
		if len(k.m) >= 10000 {
			k.m = map[string]*rate.Limiter{}
		}
		lim = rate.NewLimiter(k.r, k.burst)
		k.m[key] = lim
	}
	return lim.AllowN(k.now(), 1)
}
