package exercise_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

func (r *rig) projection(svc *exercise.Service, id int64) *exercise.Projection {
	r.t.Helper()
	p, err := svc.Projection(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	return p
}

func cacheSize(svc *exercise.Service) int {
	n, _ := svc.CacheStats()
	return n
}

// An exercise nobody uses leaves the cache after the idle bound, the next
// use folds it again from the log, and the engine carries on as if nothing
// happened: same projection as a fresh process, no inject released twice.
func TestIdleProjectionsLeaveTheCacheAndAreRebuilt(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.svc.SetCacheLimits(10, 10*time.Minute)
		r.clockDo("start")
		r.tick()
		r.clock.Advance(2*time.Minute + 500*time.Millisecond)
		r.tick()
		if got := r.released(); len(got) != 3 {
			t.Fatalf("at 2m: %v", keys(got))
		}
		r.clockDo("pause") // the scheduler stops reading it
		if n := cacheSize(r.svc); n != 1 {
			t.Fatalf("cache holds %d exercises, want 1", n)
		}
		r.clock.Advance(9 * time.Minute)
		r.tick()
		if n := cacheSize(r.svc); n != 1 {
			t.Fatalf("dropped before the idle bound: %d", n)
		}
		r.clock.Advance(2 * time.Minute)
		r.tick() // the scheduler's tick sweeps even with no exercise running
		if n, ev := r.svc.CacheStats(); n != 0 || ev != 1 {
			t.Fatalf("after 11 idle minutes: size %d, evictions %d; want 0, 1", n, ev)
		}
		// The log moves on while the exercise is out of the cache.
		if err := r.svc.Note(ctx, r.ex.ID, "written while evicted", "fac"); err != nil {
			t.Fatal(err)
		}
		r.clockDo("resume")
		r.clock.Advance(3 * time.Minute) // exercise time 5m00.5s
		r.tick()
		r.tick()
		got := r.released() // fails on any inject released twice
		if _, ok := got["valdoria-phishing"]; !ok || len(got) != 4 {
			t.Fatalf("after the rebuild: %v", keys(got))
		}
		if p, fresh := r.projection(r.svc, r.ex.ID), r.projection(r.service(st), r.ex.ID); !reflect.DeepEqual(p, fresh) {
			t.Fatalf("rebuilt projection differs from a fresh process's: seq %d vs %d", p.Seq, fresh.Seq)
		}
	})
}

// The cache never holds more than its count; the least recently used
// exercise goes first and comes back right on its next use.
func TestProjectionCacheKeepsItsCount(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.svc.SetCacheLimits(2, 0)
		ids := []int64{r.ex.ID}
		for i := 0; i < 3; i++ {
			ex, _, err := r.svc.Create(ctx, r.ex.WorkshopID, r.ex.ScenarioVersionID, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, ex.ID)
		}
		for _, id := range ids {
			if err := r.svc.Note(ctx, id, "note", "fac"); err != nil {
				t.Fatal(err)
			}
			r.projection(r.svc, id)
			if n := cacheSize(r.svc); n > 2 {
				t.Fatalf("cache holds %d exercises, bound 2", n)
			}
		}
		// ids[0] was used long ago: touching ids[2] keeps it, so ids[3] stays
		// and ids[2] stays; ids[0] comes back folded from the log.
		r.projection(r.svc, ids[2])
		if err := r.svc.Note(ctx, ids[0], "while evicted", "fac"); err != nil {
			t.Fatal(err)
		}
		p := r.projection(r.svc, ids[0])
		if fresh := r.projection(r.service(st), ids[0]); !reflect.DeepEqual(p, fresh) || p.Seq != 3 {
			t.Fatalf("rebuilt projection: seq %d, fresh %d (want 3)", p.Seq, fresh.Seq)
		}
		if n, ev := r.svc.CacheStats(); n != 2 || ev != 3 {
			t.Fatalf("size %d, evictions %d; want 2 and 3", n, ev)
		}
	})
}
