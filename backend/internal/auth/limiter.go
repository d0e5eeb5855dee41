package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter caps sign-in attempts per client address and per account, so that
// neither one address nor a spread of addresses can guess a password quickly.
// It lives in memory: each replica limits on its own, which still bounds the
// guessing rate by the replica count.
type Limiter struct {
	mu        sync.Mutex
	now       func() time.Time
	byIP      map[string]*rate.Limiter
	byAccount map[string]*rate.Limiter
	ipRate    rate.Limit
	ipBurst   int
	accRate   rate.Limit
	accBurst  int
}

// NewLimiter allows, per address, 20 attempts at once then one every 6 s,
// and per account 5 at once then one every 30 s.
func NewLimiter(now func() time.Time) *Limiter {
	return &Limiter{
		now:       now,
		byIP:      map[string]*rate.Limiter{},
		byAccount: map[string]*rate.Limiter{},
		ipRate:    rate.Every(6 * time.Second), ipBurst: 20,
		accRate: rate.Every(30 * time.Second), accBurst: 5,
	}
}

// Allow records one attempt and tells whether it may go ahead.
func (l *Limiter) Allow(ip, account string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	ipOK := l.get(l.byIP, ip, l.ipRate, l.ipBurst).AllowN(now, 1)
	accOK := l.get(l.byAccount, account, l.accRate, l.accBurst).AllowN(now, 1)
	return ipOK && accOK
}

// get returns the key's limiter; when the map grows large, limiters that are
// full again (idle long enough) are dropped, as they hold no information.
func (l *Limiter) get(m map[string]*rate.Limiter, key string, r rate.Limit, burst int) *rate.Limiter {
	if lim, ok := m[key]; ok {
		return lim
	}
	if len(m) >= 10000 {
		now := l.now()
		for k, lim := range m {
			if lim.TokensAt(now) >= float64(burst) {
				delete(m, k)
			}
		}
	}
	lim := rate.NewLimiter(r, burst)
	m[key] = lim
	return lim
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
