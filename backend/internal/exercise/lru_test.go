package exercise

import (
	"testing"
	"time"
)

// The least recently used entry goes first; reading counts as use; a stale
// projection never replaces a newer one.
func TestProjectionCacheOrder(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newProjectionCache(func() time.Time { return now })
	c.setLimits(2, time.Hour)
	c.put(1, &Projection{Seq: 5})
	c.put(2, &Projection{Seq: 5})
	if c.get(1) == nil {
		t.Fatal("1 missing")
	}
	c.put(3, &Projection{Seq: 1}) // 2 is now the least recently used
	if c.get(2) != nil || c.get(1) == nil || c.get(3) == nil {
		t.Fatal("wrong entry evicted")
	}
	c.put(1, &Projection{Seq: 4})
	if p := c.get(1); p.Seq != 5 {
		t.Fatalf("an older projection replaced a newer one: seq %d", p.Seq)
	}
	now = now.Add(time.Hour + time.Second)
	if n, ev := c.stats(); n != 0 || ev != 3 {
		t.Fatalf("after an idle hour: size %d, evictions %d", n, ev)
	}
}
