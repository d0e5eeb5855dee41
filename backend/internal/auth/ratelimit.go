package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"sync"
	"time"
)

// Counters keep the counts that rate limits are decided on. The store keeps
// them in the database, so that every replica adds to the same counts and N
// replicas do not allow N times the rate; MemoryCounters keeps them in one
// process (tests, single-process tools).
//
// A count lives in fixed windows of its Hit's length: Add returns the count of
// the current window and of the one before, from which Count.Estimate makes a
// sliding-window estimate.
type Counters interface {
	// Add adds one to each key's count in its current window, atomically per
	// key, and returns the counts after adding, in the order given. The keys
	// of one call differ (as do the counts of one Undo).
	Add(ctx context.Context, now time.Time, hits ...Hit) ([]Count, error)
	// Undo takes back one from each count's window, if it is still the
	// key's current window and its count is above zero.
	Undo(ctx context.Context, counts ...Count) error
	// Peek returns each key's count as it stands, adding nothing: a key
	// never counted, or counted in windows long past, is zero.
	Peek(ctx context.Context, now time.Time, hits ...Hit) ([]Count, error)
}

// Hit names one count and the length of its windows.
type Hit struct {
	Key    string
	Window time.Duration
}

// Count is a key's count as Add left it.
type Count struct {
	Key    string
	Window time.Duration
	Start  time.Time // start of the current window
	Hits   int64     // in the current window, this hit included
	Prev   int64     // in the window before
}

// Estimate is the count over the last Window: the current window's hits plus
// the previous window's, weighted by how much of it still lies within the
// last Window (the usual sliding-window approximation).
func (c Count) Estimate(now time.Time) float64 {
	elapsed := now.Sub(c.Start)
	weight := 1 - float64(elapsed)/float64(c.Window)
	weight = min(max(weight, 0), 1) // a replica whose clock lags sees the window just begun
	return float64(c.Hits) + float64(c.Prev)*weight
}

// At returns the count as it stands in the window that holds now: a count
// kept for an earlier window becomes the previous one (or nothing, after a
// gap), as Add would roll it.
func (c Count) At(now time.Time) Count {
	start := WindowStart(now, c.Window)
	switch {
	case !c.Start.Before(start):
		return c
	case c.Start.Equal(start.Add(-c.Window)):
		return Count{Key: c.Key, Window: c.Window, Start: start, Prev: c.Hits}
	default:
		return Count{Key: c.Key, Window: c.Window, Start: start}
	}
}

// WindowStart is the start of the window of length w that holds now: windows
// are aligned on the Unix epoch, so that every replica agrees on them.
func WindowStart(now time.Time, w time.Duration) time.Time {
	return time.UnixMilli(now.UnixMilli() / w.Milliseconds() * w.Milliseconds()).UTC()
}

// Rule is one limit: at most Limit events per Window, counted per subject.
type Rule struct {
	Name   string
	Limit  int
	Window time.Duration
}

// Use is one rule applied to one subject (an address, an account…).
type Use struct {
	Rule    Rule
	Subject string
}

// key is what the counters store: the rule's name and a hash of the subject,
// so that no e-mail address or client address is kept in the table, and any
// bytes a client sends make a valid key.
func (u Use) key() string {
	h := sha256.Sum256([]byte(u.Subject))
	return u.Rule.Name + ":" + base64.RawURLEncoding.EncodeToString(h[:16])
}

// Limiter applies rules on counters, with a clock.
type Limiter struct {
	counters Counters
	now      func() time.Time
}

// NewLimiter returns a Limiter; nil counters mean in this process only.
func NewLimiter(c Counters, now func() time.Time) *Limiter {
	if c == nil {
		c = NewMemoryCounters()
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{counters: c, now: now}
}

// Spent is one event added to several counts; it can be taken back.
type Spent struct {
	l      *Limiter
	uses   []Use
	counts []Count
	at     time.Time
}

// Spend adds one event to every use's count. Adding first and deciding on
// the result (rather than looking, then adding) keeps the limits exact under
// concurrency: a thousand simultaneous guesses each see the ones before.
func (l *Limiter) Spend(ctx context.Context, uses ...Use) (*Spent, error) {
	now := l.now()
	hits := make([]Hit, len(uses))
	for i, u := range uses {
		hits[i] = Hit{Key: u.key(), Window: u.Rule.Window}
	}
	counts, err := l.counters.Add(ctx, now, hits...)
	if err != nil {
		return nil, err
	}
	return &Spent{l: l, uses: uses, counts: counts, at: now}, nil
}

// Peek returns every use's count over its last window, adding nothing.
func (l *Limiter) Peek(ctx context.Context, uses ...Use) ([]float64, error) {
	now := l.now()
	hits := make([]Hit, len(uses))
	for i, u := range uses {
		hits[i] = Hit{Key: u.key(), Window: u.Rule.Window}
	}
	counts, err := l.counters.Peek(ctx, now, hits...)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(counts))
	for i, c := range counts {
		out[i] = c.At(now).Estimate(now)
	}
	return out, nil
}

// Count is the i-th use's count over its last window, this event included.
func (s *Spent) Count(i int) float64 { return s.counts[i].Estimate(s.at) }

// Over tells whether the i-th use went over its rule's limit.
func (s *Spent) Over(i int) bool { return s.Count(i) > float64(s.uses[i].Rule.Limit) }

// AnyOver tells whether any use went over its limit.
func (s *Spent) AnyOver() bool {
	for i := range s.uses {
		if s.Over(i) {
			return true
		}
	}
	return false
}

// Undo takes the event back from every count (it did not happen, or does not
// count: a right password, a refused attempt).
func (s *Spent) Undo(ctx context.Context) error {
	return s.l.counters.Undo(ctx, s.counts...)
}

// Take spends one event on every use, or none if any of them is over its
// limit (then ok is false).
func (l *Limiter) Take(ctx context.Context, uses ...Use) (ok bool, err error) {
	s, err := l.Spend(ctx, uses...)
	if err != nil {
		return false, err
	}
	if s.AnyOver() {
		return false, s.Undo(ctx)
	}
	return true, nil
}

// AddressKey groups client addresses the way one client holds them: an IPv4
// address alone, an IPv6 address by its /64 network (one host or home gets a
// whole /64, so counting single IPv6 addresses would let it dodge every
// per-address limit).
func AddressKey(addr string) string {
	ip := net.ParseIP(addr)
	switch {
	case ip == nil:
		return addr
	case ip.To4() != nil:
		return ip.To4().String()
	default:
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
}

// MemoryCounters keeps counts in this process, with the same semantics as the
// database's.
type MemoryCounters struct {
	mu    sync.Mutex
	m     map[string]*memCount
	swept time.Time
}

type memCount struct {
	start      time.Time
	window     time.Duration
	hits, prev int64
}

// NewMemoryCounters returns empty in-process counters.
func NewMemoryCounters() *MemoryCounters { return &MemoryCounters{m: map[string]*memCount{}} }

// Add implements Counters.
func (m *MemoryCounters) Add(_ context.Context, now time.Time, hits ...Hit) ([]Count, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sweep(now)
	out := make([]Count, len(hits))
	for i, h := range hits {
		start := WindowStart(now, h.Window)
		c, ok := m.m[h.Key]
		switch {
		case !ok:
			c = &memCount{start: start, window: h.Window}
			m.m[h.Key] = c
		case c.start.Equal(start) || c.start.After(start):
			// same window (or a clock behind ours): add to it
		case c.start.Equal(start.Add(-h.Window)):
			c.start, c.prev, c.hits = start, c.hits, 0
		default:
			c.start, c.prev, c.hits = start, 0, 0
		}
		c.hits++
		out[i] = Count{Key: h.Key, Window: h.Window, Start: c.start, Hits: c.hits, Prev: c.prev}
	}
	return out, nil
}

// Undo implements Counters.
func (m *MemoryCounters) Undo(_ context.Context, counts ...Count) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range counts {
		if c, ok := m.m[k.Key]; ok && c.start.Equal(k.Start) && c.hits > 0 {
			c.hits--
		}
	}
	return nil
}

// Peek implements Counters.
func (m *MemoryCounters) Peek(_ context.Context, _ time.Time, hits ...Hit) ([]Count, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Count, len(hits))
	for i, h := range hits {
		out[i] = Count{Key: h.Key, Window: h.Window}
		if c, ok := m.m[h.Key]; ok {
			out[i].Start, out[i].Hits, out[i].Prev = c.start, c.hits, c.prev
		}
	}
	return out, nil
}

// sweep forgets counts whose windows are over, at most once a minute.
func (m *MemoryCounters) sweep(now time.Time) {
	if now.Sub(m.swept) < time.Minute {
		return
	}
	m.swept = now
	for k, c := range m.m {
		if !now.Before(c.start.Add(2 * c.window)) {
			delete(m.m, k)
		}
	}
}
