package httpapi

import (
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// actorJSON is a simulated actor as the exercise view shows it: teams need
// its name and channels to write to it; the note on how to play it is for
// the facilitators.
type actorJSON struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Channels []string `json:"channels"`
	Note     string   `json:"note,omitempty"`
	exercise.Localized
}

// toActorsJSON lists the scenario's actors read in lang (fb: the texts
// that stayed in the source language).
func toActorsJSON(sc *scenario.Scenario, fb scenario.Fallbacks, lang string, staff bool) []actorJSON {
	var out []actorJSON
	for _, a := range sc.Actors {
		aj := actorJSON{Key: a.Key, Name: a.Name, Kind: string(a.Kind), Channels: nonNil(a.Channels)}
		fields := []string{"name"}
		if staff {
			aj.Note = a.Note
			fields = append(fields, "note")
		}
		if fb != nil {
			aj.Localized = exercise.LocalizedFields(lang, fb, "actors."+a.Key, fields...)
		}
		out = append(out, aj)
	}
	return out
}
