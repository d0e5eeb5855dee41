package store_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// BenchmarkLogin measures a sign-in with its rate limits counted in memory
// and in each database, at the minimum bcrypt cost (so that the limits' cost
// shows) and at the default one (what a person waits for):
//
//	go test -run '^$' -bench Login ./backend/internal/store/
func BenchmarkLogin(b *testing.B) {
	dbs := []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}}
	for _, db := range dbs {
		if db.name == store.Postgres && os.Getenv(storetest.EnvURL) == "" {
			continue
		}
		for _, counters := range []string{"memory", "database"} {
			for _, cost := range []int{4, 10} {
				b.Run(fmt.Sprintf("%s/counters=%s/bcrypt=%d", db.name, counters, cost), func(b *testing.B) {
					benchLogin(b, db.open(b), counters == "database", cost)
				})
			}
		}
	}
}

func benchLogin(b *testing.B, st *store.Store, shared bool, cost int) {
	ctx := context.Background()
	o := auth.Options{HashCost: cost}
	if shared {
		o.Counters = st.RateLimits()
	}
	svc := auth.NewService(st.Accounts(), []byte("0123456789abcdef0123456789abcdef"), o)
	const email, password = "bench@example.org", "a long enough password"
	if _, _, err := svc.EnsureAdmin(ctx, email, password); err != nil {
		b.Fatal(err)
	}
	b.Run("right", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := svc.Login(ctx, email, password, "192.0.2.1"); err != nil {
				b.Fatal(err)
			}
		}
	})
	i := 0 // kept across the runs the framework makes of "wrong"
	b.Run("wrong", func(b *testing.B) {
		for b.Loop() {
			i++ // a new address each time, so that no limit refuses before the check
			addr := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
			if _, _, err := svc.Login(ctx, email, "wrong", addr); err == nil {
				b.Fatal("a wrong password signed in")
			}
		}
	})
}

// BenchmarkSignInCounts is what the shared counters add to a successful
// sign-in: one upsert of three counts, then one update taking them back.
func BenchmarkSignInCounts(b *testing.B) {
	for _, name := range []string{"memory", store.SQLite, store.Postgres} {
		b.Run(name, func(b *testing.B) {
			var c auth.Counters
			switch name {
			case "memory":
				c = auth.NewMemoryCounters()
			case store.SQLite:
				c = storetest.SQLite(b).RateLimits()
			default:
				if os.Getenv(storetest.EnvURL) == "" {
					b.Skip("no PostgreSQL")
				}
				c = storetest.Postgres(b).RateLimits()
			}
			lim := auth.NewLimiter(c, nil)
			rule := auth.Rule{Name: "bench", Limit: 1000, Window: 15 * time.Minute}
			ctx := context.Background()
			for b.Loop() {
				sp, err := lim.Spend(ctx, auth.Use{Rule: rule, Subject: "pair"}, auth.Use{Rule: rule, Subject: "address"},
					auth.Use{Rule: rule, Subject: "account"})
				if err != nil {
					b.Fatal(err)
				}
				if err := sp.Undo(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
