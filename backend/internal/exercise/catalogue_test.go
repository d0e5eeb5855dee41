package exercise_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// Every Ev… constant is in the catalogue once, and the catalogue holds
// nothing else: the constants are the names code writes, the catalogue what
// appends accept and the browser listens for.
func TestEveryEventConstantIsCatalogued(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "events.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, id := range vs.Names {
			if lit, ok := vs.Values[i].(*ast.BasicLit); ok && strings.HasPrefix(id.Name, "Ev") && lit.Kind == token.STRING {
				consts[id.Name], _ = strconv.Unquote(lit.Value)
			}
		}
		return true
	})
	if len(consts) < 20 {
		t.Fatalf("found %d event constants; the walk is broken", len(consts))
	}
	seen := map[string]bool{}
	for _, k := range exercise.Catalogue() {
		if seen[k.Type] {
			t.Errorf("%s is twice in the catalogue", k.Type)
		}
		seen[k.Type] = true
		if k.Label == "" || k.Reach == "" {
			t.Errorf("%s has no label or reach", k.Type)
		}
	}
	for name, v := range consts {
		if !seen[v] {
			t.Errorf("%s (%q) is not in the catalogue", name, v)
		}
		delete(seen, v)
	}
	for v := range seen {
		t.Errorf("the catalogue lists %q, which no constant names", v)
	}
}

func TestReachAdmitsOnlyItsAudiences(t *testing.T) {
	note, _ := exercise.KindOf(exercise.EvNote)
	clock, _ := exercise.KindOf(exercise.EvClock)
	msg, _ := exercise.KindOf(exercise.EvMessageSent)
	answer, _ := exercise.KindOf(exercise.EvAnswerUpdated)
	for _, c := range []struct {
		k    exercise.EventKind
		a    exercise.Audience
		want bool
	}{
		{note, exercise.StaffOnly, true},
		{note, exercise.Everyone, false},
		{note, exercise.TeamsOnly(1), false},
		{clock, exercise.Everyone, true},
		{clock, exercise.StaffOnly, false},
		{msg, exercise.TeamsOnly(1, 2), true},
		{msg, exercise.Everyone, true},
		{msg, exercise.TeamInternal(1), false},
		{answer, exercise.TeamInternal(1), true},
		{answer, exercise.TeamsOnly(1), false},
	} {
		if got := c.k.Admits(c.a); got != c.want {
			t.Errorf("%s admits %+v: %v, want %v", c.k.Type, c.a, got, c.want)
		}
	}
	if !note.StaffOnly() || clock.StaffOnly() {
		t.Error("StaffOnly disagrees with the reach")
	}
}

// An event of a type the catalogue lacks, or with an audience its type's
// reach forbids, is refused and nothing is written.
func TestAppendRefusesWhatTheCatalogueDoesNotAllow(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		for _, ev := range []exercise.NewEvent{
			{Type: "note.shouted", Audience: exercise.StaffOnly, Data: exercise.NoteData{Text: "x"}},
			{Type: exercise.EvNote, Audience: exercise.Everyone, Data: exercise.NoteData{Text: "x"}}, // a note is staff-only
		} {
			if _, err := r.svc.Record(ctx, r.ex.ID, ev, nil); err == nil {
				t.Errorf("%s to %+v was accepted", ev.Type, ev.Audience)
			}
		}
		evs, err := r.svc.AllEvents(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 { // exercise.created
			t.Fatalf("%d events written", len(evs))
		}
	})
}

// The events handed to OnAppend are the committed rows exactly as a read
// gives them back — so the hub may deliver them without reading, and a
// browser that resumes gets the same frames it would have got live.
func TestHandedEventsAreTheStoredRows(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		var mu sync.Mutex
		handed := map[int64]exercise.Event{}
		r.svc.OnAppend(func(id int64, evs ...exercise.Event) {
			mu.Lock()
			defer mu.Unlock()
			for _, e := range evs {
				if e.ExerciseID != id {
					t.Errorf("event of exercise %d handed as %d's", e.ExerciseID, id)
				}
				handed[e.Seq] = e
			}
		})
		r.clockDo("start")
		r.clock.Advance(90*time.Second + 123456789*time.Nanosecond) // a wall time finer than the database keeps
		if _, err := r.svc.Join(ctx, r.teams["valdoria"].JoinCode, "Vera", "192.0.2.7", ""); err != nil {
			t.Fatal(err)
		}
		ex, teams, err := r.svc.Get(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.svc.Send(ctx, ex, teams, exercise.Sender{TeamID: r.teams["valdoria"].ID, Name: "Vera"}, exercise.Outgoing{
			To: []int64{r.teams["esterra"].ID}, Channel: "poc_hotline", Subject: "Duty officer?", Body: "Who is on duty?"}); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.Note(ctx, r.ex.ID, "Valdoria reached out", "Facilitator"); err != nil {
			t.Fatal(err)
		}
		stored, err := r.svc.AllEvents(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(handed) != len(stored)-1 { // all but exercise.created, written before OnAppend was set
			t.Fatalf("%d events handed, %d stored", len(handed), len(stored))
		}
		for _, s := range stored[1:] {
			h := handed[s.Seq]
			if !reflect.DeepEqual(h, s) {
				t.Errorf("seq %d handed as\n%+v\nstored as\n%+v", s.Seq, h, s)
			}
			if string(stream.Frame(&h)) != string(stream.Frame(&s)) {
				t.Errorf("seq %d: live frame %s differs from the replayed one %s", s.Seq, stream.Frame(&h), stream.Frame(&s))
			}
		}
	})
}
