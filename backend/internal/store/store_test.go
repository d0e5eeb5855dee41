package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// The migrated schema must have every table and column the models use:
// migrations and models are written separately and must not drift apart.
func TestModelsMatchMigratedSchema(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		mig := st.DB.Migrator()
		for _, model := range store.Models() {
			stmt := st.DB.Model(model).Statement
			if err := stmt.Parse(model); err != nil {
				t.Fatal(err)
			}
			table := stmt.Schema.Table
			if !mig.HasTable(table) {
				t.Errorf("table %s is missing", table)
				continue
			}
			for _, f := range stmt.Schema.Fields {
				if f.DBName == "" || f.IgnoreMigration {
					continue
				}
				if !mig.HasColumn(model, f.DBName) {
					t.Errorf("column %s.%s is missing", table, f.DBName)
				}
			}
		}
	})
}

func TestMigrateDownAndUpAgain(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		m, err := st.Migrator()
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := m.Current(ctx); !ok {
			t.Fatal("freshly migrated schema is not current")
		}
		if _, err := m.Down(ctx); err != nil {
			t.Fatalf("down: %v", err)
		}
		if ok, _ := m.Current(ctx); ok {
			t.Fatal("schema reported current after rolling back")
		}
		if st.DB.Migrator().HasTable("users") && len(mustStatus(t, m)) == 1 {
			t.Fatal("users table survived rolling back the only migration")
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatalf("up again: %v", err)
		}
	})
}

func mustStatus(t *testing.T, m *store.Migrator) []store.MigrationState {
	s, err := m.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAccounts(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := st.Accounts()
		now := time.Now().UTC().Truncate(time.Second)
		u := &auth.User{Email: "ana@example.org", Name: "Ana", Role: auth.RoleAdmin, PasswordHash: "h", CreatedAt: now, UpdatedAt: now}
		if err := a.CreateUser(ctx, u); err != nil || u.ID == 0 {
			t.Fatalf("create: id %d, %v", u.ID, err)
		}
		dup := *u
		dup.ID = 0
		if err := a.CreateUser(ctx, &dup); !errors.Is(err, apperr.ErrDuplicate) {
			t.Fatalf("duplicate e-mail: got %v, want ErrDuplicate", err)
		}
		if _, err := a.UserByEmail(ctx, "nobody@example.org"); !errors.Is(err, apperr.ErrNoRow) {
			t.Fatalf("missing user: got %v, want ErrNoRow", err)
		}
		got, err := a.UserByEmail(ctx, "ana@example.org")
		if err != nil || got.ID != u.ID || got.Role != auth.RoleAdmin || !got.CreatedAt.Equal(now) {
			t.Fatalf("by e-mail: %+v, %v", got, err)
		}

		s := &auth.Session{ID: "jti-1", Kind: auth.KindUser, UserID: &u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		if err := a.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := a.RevokeUserSessions(ctx, u.ID, now); err != nil {
			t.Fatal(err)
		}
		back, err := a.SessionByID(ctx, "jti-1")
		if err != nil || back.RevokedAt == nil {
			t.Fatalf("session not revoked: %+v, %v", back, err)
		}
		// Deleting a user deletes its sessions (foreign key cascade, on SQLite too).
		if err := a.DeleteUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.SessionByID(ctx, "jti-1"); !errors.Is(err, apperr.ErrNoRow) {
			t.Fatalf("session survived its user: %v", err)
		}
	})
}

func TestSettingOrCreateKeepsTheFirstValue(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		first, err := st.SettingOrCreate(ctx, "k", func() string { return "one" })
		if err != nil {
			t.Fatal(err)
		}
		second, err := st.SettingOrCreate(ctx, "k", func() string { return "two" })
		if err != nil || first != "one" || second != "one" {
			t.Fatalf("got %q then %q (%v), want one twice", first, second, err)
		}
	})
}

// A storage error names the operation that failed, and the domain still
// recognises a missing row or a duplicate through it; an error of the
// domain's own decision comes back as it was.
func TestErrorsNameTheOperation(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for _, c := range []struct {
			err  error
			want string
			is   error
		}{
			{errOf(st.Exercises().Exercise(ctx, 999)), "load exercise 999: ", apperr.ErrNoRow},
			{errOf(st.Workshops().Workshop(ctx, 998)), "load workshop 998: ", apperr.ErrNoRow},
			{errOf(st.Scenarios().VersionByID(ctx, 997)), "load scenario version 997: ", apperr.ErrNoRow},
			{errOf(st.Accounts().UserByID(ctx, 996)), "load user 996: ", apperr.ErrNoRow},
			{errOf(st.Exercises().Append(ctx, 995, time.Now(), nil)), "append to exercise 995: ", apperr.ErrNoRow},
		} {
			if !errors.Is(c.err, c.is) || !strings.HasPrefix(fmt.Sprint(c.err), c.want) {
				t.Errorf("got %v, want %q… wrapping %v", c.err, c.want, c.is)
			}
		}
		u := &auth.User{Email: "ana@example.org", Role: auth.RoleAdmin, PasswordHash: "h"}
		if err := st.Accounts().CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		u.ID = 0
		if err := st.Accounts().CreateUser(ctx, u); !errors.Is(err, apperr.ErrDuplicate) || !strings.HasPrefix(err.Error(), "create user: ") {
			t.Errorf("duplicate: %v", err)
		}
		refused := apperr.New(409, "no", "No.")
		id := newExercise(t, st)
		_, err := st.Exercises().Append(ctx, id, time.Now(), func(*exercise.Exercise) (exercise.Write, error) { return exercise.Write{}, refused })
		if err != refused { // the very same error, not one wrapping it
			t.Errorf("decide's error came back as %v", err)
		}
	})
}

func errOf[T any](_ T, err error) error { return err }

// newExercise stores a bare exercise (no workshop or scenario checks at this layer).
func newExercise(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	w := &workshop.Workshop{Title: "W"}
	if err := st.Workshops().CreateWorkshop(ctx, w); err != nil {
		t.Fatal(err)
	}
	v := &library.Version{Slug: "s", Source: []byte("x"), CreatedAt: time.Now()}
	if err := st.Scenarios().CreateScenario(ctx, v); err != nil {
		t.Fatal(err)
	}
	ex := &exercise.Exercise{WorkshopID: w.ID, ScenarioVersionID: v.ID, Clock: exercise.NewClock()}
	if err := st.Exercises().CreateExercise(ctx, ex, nil); err != nil {
		t.Fatal(err)
	}
	return ex.ID
}
