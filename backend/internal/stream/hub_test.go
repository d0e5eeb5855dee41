package stream_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// countingSource counts the hub's reads of the log.
type countingSource struct {
	stream.Source
	reads atomic.Int64
}

func (c *countingSource) Events(ctx context.Context, exerciseID, afterSeq int64, limit int) ([]exercise.Event, error) {
	c.reads.Add(1)
	return c.Source.Events(ctx, exerciseID, afterSeq, limit)
}

func write(t *testing.T, st *store.Store, id int64, text string) exercise.Event {
	t.Helper()
	evs, err := st.Exercises().Append(context.Background(), id, time.Now(), func(*exercise.Exercise) (exercise.Write, error) {
		return exercise.Write{Events: []exercise.NewEvent{{Type: exercise.EvNote, Audience: exercise.StaffOnly, Data: exercise.NoteData{Text: text}}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return evs[0]
}

// Events a writer hands over reach the streams without the hub reading
// them back; when a handed event does not follow the last one delivered
// (two writers of one process notify out of commit order) or none is handed
// (the safety net, another replica's NOTIFY), the hub reads the table, and every stream
// still gets each event once, in order.
func TestHandedEventsReachStreamsWithoutARead(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		id := newExercise(t, st)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		src := &countingSource{Source: st.Exercises()}
		hub := stream.NewHub(src, slog.New(slog.NewTextHandler(io.Discard, nil)))
		hub.SafetyInterval = time.Hour // only the notifications below deliver
		go hub.Run(ctx)
		sub, err := hub.Subscribe(ctx, id, exercise.Viewer{Staff: true}, stream.Access{SessionID: "s"})
		if err != nil {
			t.Fatal(err)
		}
		expect := func(seq int64) {
			t.Helper()
			if d := receive(t, sub); d.Seq != seq {
				t.Fatalf("delivered seq %d, want %d", d.Seq, seq)
			}
		}

		hub.Notify(id, write(t, st, id, "one"))
		expect(1)
		if n := src.reads.Load(); n != 0 {
			t.Fatalf("the hub read the log %d times for an event it was handed", n)
		}

		two, three := write(t, st, id, "two"), write(t, st, id, "three")
		hub.Notify(id, three) // out of order: seq 2 is committed but not handed yet
		expect(2)
		expect(3)
		if src.reads.Load() == 0 {
			t.Fatal("the gap before seq 3 was not filled from the table")
		}
		hub.Notify(id, two) // late: already delivered, not again
		hub.Notify(id, write(t, st, id, "four"))
		expect(4)

		write(t, st, id, "five") // written elsewhere: only "there is something new"
		hub.Notify(id)
		expect(5)

		// PostgreSQL's NOTIFY names the last seq committed: this replica's
		// own, already delivered, costs no read; another's is read.
		reads := src.reads.Load()
		hub.Committed(id, 5)
		if n := src.reads.Load(); n != reads {
			t.Fatalf("the hub read the log for events it had delivered")
		}
		write(t, st, id, "six")
		hub.Committed(id, 6)
		expect(6)
	})
}
