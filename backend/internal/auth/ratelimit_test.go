package auth

import (
	"context"
	"strings"
	"testing"
	"time"
)

// t0 starts a minute window (windows are aligned on the Unix epoch).
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func TestWindowStartIsAlignedOnTheEpoch(t *testing.T) {
	for _, c := range []struct {
		now  time.Time
		w    time.Duration
		want time.Time
	}{
		{t0, time.Minute, t0},
		{t0.Add(59*time.Second + 999*time.Millisecond), time.Minute, t0},
		{t0.Add(time.Minute), time.Minute, t0.Add(time.Minute)},
		{t0.Add(14 * time.Minute), 15 * time.Minute, t0},
		{t0.Add(16 * time.Minute), 15 * time.Minute, t0.Add(15 * time.Minute)},
		{t0.Add(59 * time.Minute), time.Hour, t0},
		{t0.In(time.FixedZone("Vienna", 3600)), time.Minute, t0}, // the same instant elsewhere
	} {
		if got := WindowStart(c.now, c.w); !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("WindowStart(%s, %s) = %s, want %s", c.now.Format(time.TimeOnly), c.w, got, c.want)
		}
	}
}

// Estimate weighs the previous window by how much of it still lies within
// the last Window.
func TestCountEstimateSlidesOverTheWindow(t *testing.T) {
	c := Count{Window: time.Minute, Start: t0, Hits: 3, Prev: 10}
	for _, x := range []struct {
		at   time.Duration // after the window's start
		want float64
	}{
		{0, 13},                        // the whole previous window still counts
		{15 * time.Second, 10.5},       // three quarters of it
		{30 * time.Second, 8},          // half
		{time.Minute, 3},               // none: it has slid out
		{2 * time.Minute, 3},           // never below the current window's own
		{-10 * time.Second, 13},        // a replica whose clock lags sees the window just begun
		{59 * time.Second, 3 + 10./60}, // a sixtieth of it
	} {
		if got := c.Estimate(t0.Add(x.at)); got < x.want-1e-9 || got > x.want+1e-9 {
			t.Errorf("at +%s: %v, want %v", x.at, got, x.want)
		}
	}
}

// At rolls a count kept for an earlier window forward, as Add would.
func TestCountAtRollsTheWindow(t *testing.T) {
	c := Count{Key: "k", Window: time.Minute, Start: t0, Hits: 4, Prev: 9}
	for _, x := range []struct {
		name  string
		count Count
		now   time.Time
		want  Count
	}{
		{"same window", c, t0.Add(30 * time.Second), c},
		{"next window", c, t0.Add(70 * time.Second), Count{Key: "k", Window: time.Minute, Start: t0.Add(time.Minute), Prev: 4}},
		{"after a gap", c, t0.Add(2*time.Minute + time.Second), Count{Key: "k", Window: time.Minute, Start: t0.Add(2 * time.Minute)}},
		{"an earlier window (a lagging clock)", c, t0.Add(-time.Second), c},
		{"never counted", Count{Key: "k", Window: time.Minute}, t0, Count{Key: "k", Window: time.Minute, Start: t0}},
	} {
		if got := x.count.At(x.now); got != x.want {
			t.Errorf("%s: %+v, want %+v", x.name, got, x.want)
		}
	}
}

func TestMemoryCounters(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryCounters()
	hit := Hit{Key: "k", Window: time.Minute}
	add := func(at time.Time) Count {
		t.Helper()
		cs, err := m.Add(ctx, at, hit)
		if err != nil || len(cs) != 1 {
			t.Fatalf("add: %v, %v", cs, err)
		}
		return cs[0]
	}
	for i := int64(1); i <= 3; i++ {
		if c := add(t0.Add(time.Duration(i) * time.Second)); c.Hits != i || c.Prev != 0 || !c.Start.Equal(t0) {
			t.Fatalf("hit %d: %+v", i, c)
		}
	}
	// A lagging replica's hit counts in the current window.
	if c := add(t0.Add(-time.Second)); c.Hits != 4 || !c.Start.Equal(t0) {
		t.Fatalf("lagging hit: %+v", c)
	}
	// The next window starts afresh, the current one becoming the previous.
	next := add(t0.Add(time.Minute))
	if next.Hits != 1 || next.Prev != 4 || !next.Start.Equal(t0.Add(time.Minute)) {
		t.Fatalf("next window: %+v", next)
	}
	// Undo takes one back from the window it was added in, not from a later one.
	stale := Count{Key: "k", Window: time.Minute, Start: t0}
	if err := m.Undo(ctx, stale, next, next); err != nil {
		t.Fatal(err)
	}
	peek, err := m.Peek(ctx, t0.Add(time.Minute), hit, Hit{Key: "never", Window: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if peek[0].Hits != 0 || peek[0].Prev != 4 {
		t.Fatalf("after undoing twice: %+v (never below zero, the stale undo ignored)", peek[0])
	}
	if peek[1].Hits != 0 || peek[1].Prev != 0 || peek[1].Key != "never" {
		t.Fatalf("a key never counted: %+v", peek[1])
	}
	// Peek adds nothing.
	if again, _ := m.Peek(ctx, t0.Add(time.Minute), hit); again[0] != peek[0] {
		t.Fatalf("peek changed the count: %+v then %+v", peek[0], again[0])
	}
	// After a gap of a whole window both counts are gone.
	if c := add(t0.Add(3 * time.Minute)); c.Hits != 1 || c.Prev != 0 {
		t.Fatalf("after a gap: %+v", c)
	}
	// Counts whose windows are over are forgotten (so the map does not grow
	// with every address ever seen).
	if _, err := m.Add(ctx, t0.Add(10*time.Minute), Hit{Key: "other", Window: time.Minute}); err != nil {
		t.Fatal(err)
	}
	m.mu.Lock()
	_, kept := m.m["k"]
	m.mu.Unlock()
	if kept {
		t.Fatal("an expired count was kept")
	}
}

// The counters keep neither e-mail addresses nor client addresses, and any
// bytes a client sends make a valid key.
func TestCounterKeysHashTheSubject(t *testing.T) {
	rule := Rule{Name: "signin.pair", Limit: 5, Window: time.Minute}
	a := Use{rule, "ana@example.org\n203.0.113.7"}.key()
	if !strings.HasPrefix(a, "signin.pair:") || strings.Contains(a, "ana") || strings.Contains(a, "203.0.113") {
		t.Fatalf("key %q", a)
	}
	if b := (Use{rule, "ana@example.org\n203.0.113.8"}).key(); b == a {
		t.Fatal("two subjects share a key")
	}
	if c := (Use{Rule{Name: "join.address"}, "ana@example.org\n203.0.113.7"}).key(); c == a {
		t.Fatal("two rules share a key")
	}
	if k := (Use{rule, "\x00\xff" + strings.Repeat("x", 10000)}).key(); len(k) > 64 {
		t.Fatalf("a long subject makes a long key: %d bytes", len(k))
	}
}

func TestLimiterSpendTakeAndPeek(t *testing.T) {
	ctx := context.Background()
	now := t0
	l := NewLimiter(nil, func() time.Time { return now })
	two := Rule{Name: "two", Limit: 2, Window: time.Minute}
	ten := Rule{Name: "ten", Limit: 10, Window: time.Minute}
	for i := 1; i <= 2; i++ {
		if ok, err := l.Take(ctx, Use{two, "s"}, Use{ten, "s"}); !ok || err != nil {
			t.Fatalf("take %d: %v, %v", i, ok, err)
		}
	}
	// Over one limit: nothing is spent, on either.
	if ok, err := l.Take(ctx, Use{two, "s"}, Use{ten, "s"}); ok || err != nil {
		t.Fatalf("third take: %v, %v", ok, err)
	}
	n, err := l.Peek(ctx, Use{two, "s"}, Use{ten, "s"}, Use{two, "other"})
	if err != nil || n[0] != 2 || n[1] != 2 || n[2] != 0 {
		t.Fatalf("peek: %v, %v", n, err)
	}
	// Spend counts whatever the limit and says what went over.
	sp, err := l.Spend(ctx, Use{two, "s"}, Use{ten, "s"})
	if err != nil {
		t.Fatal(err)
	}
	if !sp.Over(0) || sp.Over(1) || !sp.AnyOver() || sp.Count(0) != 3 || sp.Count(1) != 3 {
		t.Fatalf("spent: over %v %v, counts %v %v", sp.Over(0), sp.Over(1), sp.Count(0), sp.Count(1))
	}
	if err := sp.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	// Half a window later half of the previous window still counts.
	now = t0.Add(90 * time.Second)
	if n, _ := l.Peek(ctx, Use{two, "s"}); n[0] != 1 {
		t.Fatalf("half a window on: %v, want 1", n[0])
	}
	if ok, _ := l.Take(ctx, Use{two, "s"}); !ok {
		t.Fatal("refused with 1 of 2 in the last minute")
	}
	if ok, _ := l.Take(ctx, Use{two, "s"}); ok {
		t.Fatal("allowed a third in the last minute")
	}
}

func TestAddressKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1":                 "192.0.2.1",
		"::ffff:192.0.2.1":          "192.0.2.1", // IPv4 written as IPv6 is the same client
		"::1":                       "::/64",
		"2001:db8::1":               "2001:db8::/64",
		"2001:db8:0:0:ffff:ffff::1": "2001:db8::/64",
		"2001:db8:0:1::1":           "2001:db8:0:1::/64", // the next /64 is another client
		"":                          "",
		"fe80::1%eth0":              "fe80::1%eth0", // not an address net.ParseIP reads: kept as it is
	} {
		if got := AddressKey(in); got != want {
			t.Errorf("AddressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
