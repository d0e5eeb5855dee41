package httpapi

import "github.com/cbmex/cbmex/backend/internal/exercise"

// triggersJSON answers GET /exercises/{id}/triggers.
type triggersJSON struct {
	Triggers []triggerStateJSON `json:"triggers"`
}

type triggerStateJSON struct {
	Key       string        `json:"key"`
	Title     string        `json:"title"`
	Condition conditionJSON `json:"condition"`
	Release   []string      `json:"release"`
	Fired     bool          `json:"fired"`
	Decision  *bool         `json:"decision"` // null until the facilitators decide
}

func toTriggerStateJSON(t exercise.TriggerState) triggerStateJSON {
	tj := toTriggerJSON(t.Trigger)
	return triggerStateJSON{Key: t.Key, Title: t.Title, Condition: tj.Condition, Release: tj.Release, Fired: t.Fired, Decision: t.Decision}
}
