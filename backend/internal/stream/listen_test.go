package stream_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// newExercise inserts a bare exercise straight through the store.
func newExercise(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	if err := st.DB.Exec("INSERT INTO workshops (title, created_at, updated_at) VALUES ('w', ?, ?)", now, now).Error; err != nil {
		t.Fatal(err)
	}
	if err := st.DB.Exec("INSERT INTO scenarios (slug, created_at, updated_at) VALUES ('s', ?, ?)", now, now).Error; err != nil {
		t.Fatal(err)
	}
	if err := st.DB.Exec(`INSERT INTO scenario_versions (scenario_id, number, source, checksum, title, duration_seconds,
		team_count, phase_count, inject_count, origin, created_at) VALUES (1, 1, '', '', 's', 60, 2, 1, 1, 'cli', ?)`, now).Error; err != nil {
		t.Fatal(err)
	}
	ex := &exercise.Exercise{WorkshopID: 1, ScenarioVersionID: 1, Title: "x", Clock: exercise.NewClock(), ObserverCode: exercise.NewJoinCode(), CreatedAt: now, UpdatedAt: now}
	teams := []exercise.Team{{Key: "a", Name: "A", JoinCode: exercise.NewJoinCode()}, {Key: "b", Name: "B", JoinCode: exercise.NewJoinCode(), Position: 1}}
	if err := st.Exercises().CreateExercise(ctx, ex, teams); err != nil {
		t.Fatal(err)
	}
	return ex.ID
}

func appendEvent(t *testing.T, st *store.Store, id int64, aud exercise.Audience, text string) {
	t.Helper()
	_, err := st.Exercises().Append(context.Background(), id, time.Now(), func(*exercise.Exercise) (exercise.Write, error) {
		return exercise.Write{Events: []exercise.NewEvent{{Type: exercise.EvNote, Audience: aud, Data: exercise.NoteData{Text: text}}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func receive(t *testing.T, s *stream.Sub) *stream.Delivery {
	t.Helper()
	select {
	case e := <-s.C:
		return e
	case <-time.After(10 * time.Second): // a hang guard, not a timing assertion
		t.Fatal("no event delivered")
	}
	return nil
}

// An event written through one replica reaches a stream held by another,
// through LISTEN/NOTIFY, and only the viewers who may see it.
func TestNotifyReachesAnotherReplica(t *testing.T) {
	writer := storetest.Postgres(t)
	id := newExercise(t, writer)
	reader, err := store.Open(store.Options{DatabaseURL: writer.URL})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hub := stream.NewHub(reader.Exercises(), log)
	hub.SafetyInterval = time.Hour // only NOTIFY can deliver within the test
	go hub.Run(ctx)
	go stream.ListenPostgres(ctx, writer.URL, stream.Channels{Events: store.NotifyChannel, Access: store.AccessChannel}, hub, log)
	<-hub.Listening()

	teamA, err := hub.Subscribe(ctx, id, exercise.Viewer{TeamID: 1}, stream.Access{SessionID: "a"})
	if err != nil {
		t.Fatal(err)
	}
	staff, _ := hub.Subscribe(ctx, id, exercise.Viewer{Staff: true}, stream.Access{SessionID: "s"})
	appendEvent(t, writer, id, exercise.StaffOnly, "staff only")
	appendEvent(t, writer, id, exercise.TeamsOnly(1), "for team 1")
	if e := receive(t, staff); e.Seq != 1 {
		t.Fatalf("staff got seq %d first", e.Seq)
	}
	if e := receive(t, staff); e.Seq != 2 {
		t.Fatalf("staff got seq %d second", e.Seq)
	}
	if e := receive(t, teamA); e.Seq != 2 {
		t.Fatalf("team A got seq %d, want only 2", e.Seq)
	}
}

// A subscriber that stops reading is cut off rather than holding the hub.
func TestSlowSubscriberIsDropped(t *testing.T) {
	st := storetest.SQLite(t)
	id := newExercise(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hub := stream.NewHub(st.Exercises(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	go hub.Run(ctx)
	slow, _ := hub.Subscribe(ctx, id, exercise.Viewer{Staff: true}, stream.Access{SessionID: "slow"})
	for i := 0; i < stream.Buffer+10; i++ {
		appendEvent(t, st, id, exercise.Everyone, "x")
	}
	hub.Notify(id)
	select {
	case <-slow.Done:
		if slow.Reason != "slow" {
			t.Fatalf("dropped for %q", slow.Reason)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("slow subscriber never dropped")
	}
	if hub.Count() != 0 {
		t.Fatalf("%d streams still counted", hub.Count())
	}
}
