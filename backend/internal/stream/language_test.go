package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// memorySource is an exercise with an empty log: the events under test
// are handed to the hub, never read.
type memorySource struct{}

func (memorySource) Events(context.Context, int64, int64, int) ([]exercise.Event, error) {
	return nil, nil
}

func (memorySource) Exercise(_ context.Context, id int64) (*exercise.Exercise, error) {
	return &exercise.Exercise{ID: id}, nil
}

// upper "translates" a phase by upper-casing its title and marking the
// language, and counts how often it is asked.
type upper struct{ calls atomic.Int64 }

func (u *upper) localize(_ context.Context, _ int64, e exercise.Event, lang string) (exercise.Event, error) {
	u.calls.Add(1)
	var d exercise.PhaseData
	if err := json.Unmarshal(e.Data, &d); err != nil {
		return e, err
	}
	d.Title, d.Lang = strings.ToUpper(d.Title)+" ("+lang+")", lang
	e.Data, _ = json.Marshal(d)
	return e, nil
}

func phaseEvent(seq int64) exercise.Event {
	data, _ := json.Marshal(exercise.PhaseData{Key: "p1", Title: "Phase one", Situation: strings.Repeat("A situation. ", 40),
		Questions: []exercise.QuestionData{{Key: "q1", Text: "What do you do?"}}})
	return exercise.Event{ExerciseID: 1, Seq: seq, Type: exercise.EvPhaseStarted, Audience: exercise.Everyone, Data: data,
		CreatedAt: time.Now()}
}

func newLanguageHub(t testing.TB, u *upper) (*stream.Hub, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	hub := stream.NewHub(memorySource{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	hub.SafetyInterval = time.Hour
	hub.Localize = u.localize
	go hub.Run(ctx)
	return hub, cancel
}

// Each stream gets an event with scenario texts in its reader's language;
// the event is read in each language once, however many streams read it.
// Streams reading the source, and events without scenario texts, get the
// event as written.
func TestStreamsGetTheirLanguage(t *testing.T) {
	u := &upper{}
	hub, cancel := newLanguageHub(t, u)
	defer cancel()
	ctx := context.Background()
	langs := []string{"", "ru", "fr", "ru", "fr", ""}
	subs := make([]*stream.Sub, len(langs))
	for i, lang := range langs {
		var err error
		if subs[i], err = hub.Subscribe(ctx, 1, exercise.Viewer{TeamID: 1, Language: lang}, stream.Access{SessionID: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	note, _ := json.Marshal(exercise.NoteData{Text: "A note"})
	hub.Notify(1, phaseEvent(1), exercise.Event{ExerciseID: 1, Seq: 2, Type: exercise.EvClock, Audience: exercise.Everyone, Data: note})
	for i, lang := range langs {
		frame := string(receive(t, subs[i]).Frame)
		want := `"title":"Phase one"`
		if lang != "" {
			want = `"title":"PHASE ONE (` + lang + `)"`
		}
		if !strings.Contains(frame, want) {
			t.Errorf("stream %d (%q) got %s", i, lang, frame)
		}
		if second := string(receive(t, subs[i]).Frame); !strings.Contains(second, "A note") {
			t.Errorf("stream %d got %s for the clock event", i, second)
		}
	}
	if n := u.calls.Load(); n != 2 {
		t.Errorf("the phase was read in a language %d times, want 2 (ru and fr, once each)", n)
	}
}

// BenchmarkFanOutLanguages hands one phase to 1,000 streams, reading in one
// language or in three; each op is one event delivered to every stream.
func BenchmarkFanOutLanguages(b *testing.B) {
	for _, langs := range [][]string{{""}, {"", "ru", "fr"}} {
		b.Run(fmt.Sprintf("languages=%d", len(langs)), func(b *testing.B) {
			hub, cancel := newLanguageHub(b, &upper{})
			defer cancel()
			const n = 1000
			subs := make([]*stream.Sub, n)
			for i := range subs {
				var err error
				subs[i], err = hub.Subscribe(context.Background(), 1, exercise.Viewer{TeamID: 1, Language: langs[i%len(langs)]},
					stream.Access{SessionID: fmt.Sprint(i)})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				hub.Notify(1, phaseEvent(int64(i+1)))
				for _, s := range subs {
					<-s.C
				}
			}
		})
	}
}
