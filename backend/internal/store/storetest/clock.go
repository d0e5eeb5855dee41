package storetest

import (
	"sync"
	"time"
)

// Start is the instant every test clock starts at: a Friday morning in
// Vienna, on a minute boundary (so rate-limit windows start with it).
var Start = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// Clock is the one settable clock of the tests. Services take its Now; a
// test moves it with Advance or Set. It is safe for concurrent use: the
// services, the event hub and the test's goroutines read it at once.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at Start.
func NewClock() *Clock { return &Clock{t: Start} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Set puts the clock at t (e.g. a restarted server's clock at the time its
// predecessor had reached).
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}
