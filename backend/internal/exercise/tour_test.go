package exercise_test

import (
	"context"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// A step of a tour is decided on the latest log: when another write lands
// between reading the state and writing the step (a second facilitator's
// "next"), the step is decided again rather than written on the old state.
func TestTourStepIsDecidedAgainWhenTheLogMovedOn(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.clockDo("start")
		ctx := context.Background()
		var seen []int64
		err := r.svc.TourAppend(ctx, r.ex.ID, func(p *exercise.Projection) ([]exercise.NewEvent, error) {
			seen = append(seen, p.Seq)
			if len(seen) == 1 {
				if err := r.svc.Note(ctx, r.ex.ID, "Written in between", "Fay"); err != nil {
					t.Fatal(err)
				}
			}
			return []exercise.NewEvent{{Type: exercise.EvTourOpened, Audience: exercise.Everyone,
				Data: exercise.TourData{Key: "getting-started", Order: []int64{r.teams["valdoria"].ID}, Seconds: 60}}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != 2 || seen[1] != seen[0]+1 {
			t.Fatalf("decided on seqs %v; want twice, the second after the note", seen)
		}
		p, err := r.svc.Projection(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Tours) != 1 {
			t.Fatalf("tours %v", p.Tours)
		}
	})
}
