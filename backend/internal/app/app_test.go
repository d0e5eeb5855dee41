package app_test

import (
	"context"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// Two replicas on one database, without a configured signing key, agree on
// the one made at first start, and the bundled scenarios are imported once.
func TestReplicasShareTheKeyAndTheLibrary(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		cfg := config.Defaults()
		clock := storetest.NewClock()
		a, err := app.New(ctx, cfg, st, app.Options{Now: clock.Now, HashCost: 4})
		if err != nil {
			t.Fatal(err)
		}
		first, err := a.Library.List(ctx, library.Filter{})
		if err != nil || len(first) == 0 {
			t.Fatalf("bundled scenarios: %d, %v", len(first), err)
		}
		b, err := app.New(ctx, cfg, st, app.Options{Now: clock.Now, HashCost: 4})
		if err != nil {
			t.Fatal(err)
		}
		if again, err := b.Library.List(ctx, library.Filter{}); err != nil || len(again) != len(first) {
			t.Fatalf("after a second start: %d scenarios, want %d (%v)", len(again), len(first), err)
		}
		tok, _, err := a.Auth.IssueParticipant(ctx, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := b.Auth.Authenticate(ctx, tok); err != nil || p.ExerciseID != 1 || p.TeamID != 2 {
			t.Fatalf("a token of one replica on the other: %+v, %v", p, err)
		}
	})
}
