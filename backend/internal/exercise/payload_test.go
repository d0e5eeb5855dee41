package exercise_test

import (
	"encoding/json"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

func TestDataOfReadsWhatAppendWrites(t *testing.T) {
	in := exercise.InjectData{Key: "welcome", Title: "Welcome", Teams: []int64{1, 2}, OffsetSeconds: 90}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got := exercise.DataOf[exercise.InjectData](exercise.Event{Data: raw})
	if got.Key != in.Key || got.Title != in.Title || len(got.Teams) != 2 || got.OffsetSeconds != 90 {
		t.Fatalf("got %+v, want %+v", got, in)
	}
	// An older row without a field added since reads it as the zero value.
	if got := exercise.DataOf[exercise.InjectData](exercise.Event{Data: []byte(`{"key":"k"}`)}); got.Key != "k" || got.Late {
		t.Fatalf("older row: %+v", got)
	}
	// A row that does not decode at all folds as the zero value.
	if got := exercise.DataOf[exercise.KeyData](exercise.Event{Data: []byte(`not json`)}); got.Key != "" {
		t.Fatalf("broken row: %+v", got)
	}
}
