package store_test

import (
	"context"
	"math"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// countersOnEach runs fn on the database's counters (both dialects) and on
// the in-memory ones, which must behave alike.
func countersOnEach(t *testing.T, fn func(t *testing.T, c auth.Counters)) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) { fn(t, st.RateLimits()) })
	t.Run("memory", func(t *testing.T) { fn(t, auth.NewMemoryCounters()) })
}

func add(t *testing.T, c auth.Counters, now time.Time, hits ...auth.Hit) []auth.Count {
	t.Helper()
	got, err := c.Add(context.Background(), now, hits...)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRateLimitWindows(t *testing.T) {
	countersOnEach(t, func(t *testing.T, c auth.Counters) {
		ctx := context.Background()
		w := 10 * time.Minute
		a, b := auth.Hit{Key: "a", Window: w}, auth.Hit{Key: "b", Window: time.Hour}
		t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) // a window boundary
		for i := 1; i <= 3; i++ {
			got := add(t, c, t0.Add(time.Duration(i)*time.Minute), a, b)
			if got[0].Key != "a" || got[0].Hits != int64(i) || got[1].Key != "b" || got[1].Hits != int64(i) || !got[0].Start.Equal(t0) {
				t.Fatalf("hit %d: %+v", i, got)
			}
		}
		// The next window starts afresh and remembers the last one.
		got := add(t, c, t0.Add(12*time.Minute), a)[0]
		if got.Hits != 1 || got.Prev != 3 || !got.Start.Equal(t0.Add(w)) {
			t.Fatalf("next window: %+v", got)
		}
		// Two minutes into it, 80 % of the previous window still counts.
		if est := got.Estimate(t0.Add(12 * time.Minute)); math.Abs(est-3.4) > 1e-9 {
			t.Fatalf("estimate %v, want 3.4", est)
		}
		// A replica whose clock lags adds to the current window.
		if lag := add(t, c, t0.Add(9*time.Minute), a)[0]; lag.Hits != 2 || !lag.Start.Equal(t0.Add(w)) {
			t.Fatalf("lagging hit: %+v", lag)
		}
		// Undo takes one back from the window it was counted in, not below zero.
		for range 3 {
			if err := c.Undo(ctx, got); err != nil {
				t.Fatal(err)
			}
		}
		if again := add(t, c, t0.Add(13*time.Minute), a)[0]; again.Hits != 1 {
			t.Fatalf("after undoing: %+v", again)
		}
		// After a gap of more than a window, nothing is remembered.
		if late := add(t, c, t0.Add(45*time.Minute), a)[0]; late.Hits != 1 || late.Prev != 0 {
			t.Fatalf("after a gap: %+v", late)
		}
		// An undo from an earlier window changes nothing.
		if err := c.Undo(ctx, got); err != nil {
			t.Fatal(err)
		}
		if late := add(t, c, t0.Add(46*time.Minute), a)[0]; late.Hits != 2 {
			t.Fatalf("undo of an old window took from the new one: %+v", late)
		}
	})
}

// Every add sees all the adds before it, however many run at once: the
// counts returned are exactly 1…n. This is what keeps a limit exact when
// many requests (or replicas) hit it together.
func TestRateLimitConcurrentAddsAreExact(t *testing.T) {
	countersOnEach(t, func(t *testing.T, c auth.Counters) {
		const n = 40
		now := time.Date(2026, 11, 27, 9, 1, 0, 0, time.UTC)
		var mu sync.Mutex
		var seen []int
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := c.Add(context.Background(), now, auth.Hit{Key: "k", Window: time.Minute})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen = append(seen, int(got[0].Hits))
				mu.Unlock()
			}()
		}
		wg.Wait()
		sort.Ints(seen)
		for i, v := range seen {
			if v != i+1 {
				t.Fatalf("counts %v, want 1…%d", seen, n)
			}
		}
	})
}

func TestRateLimitSweepDeletesExpiredWindows(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rl := st.RateLimits()
		t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		add(t, rl, t0, auth.Hit{Key: "short", Window: time.Minute}, auth.Hit{Key: "long", Window: time.Hour})
		if err := rl.Sweep(ctx, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		var keys []string
		if err := st.DB.Raw("SELECT key FROM rate_limits").Scan(&keys).Error; err != nil {
			t.Fatal(err)
		}
		if len(keys) != 1 || keys[0] != "long" {
			t.Fatalf("after sweeping: %v, want only the hour-long count", keys)
		}
		// Counting sweeps by itself (at most once a minute).
		add(t, rl, t0.Add(3*time.Hour), auth.Hit{Key: "new", Window: time.Minute})
		keys = nil
		if err := st.DB.Raw("SELECT key FROM rate_limits").Scan(&keys).Error; err != nil {
			t.Fatal(err)
		}
		if len(keys) != 1 || keys[0] != "new" {
			t.Fatalf("after counting later: %v, want only the new count", keys)
		}
	})
}
