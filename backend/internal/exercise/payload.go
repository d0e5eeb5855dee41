package exercise

import "encoding/json"

// DataOf decodes an event's payload into T, the payload type of its event
// type. It cannot fail for a row of the log: only Append writes the log,
// and it stores json.Marshal of the NewEvent's Data, a value of that same
// type, in the row it inserts; a field added to a payload type later reads
// as its zero value in older rows. (Changing a field's type would break
// that, and needs a migration of the stored events.) A row altered outside
// cbmex that no longer decodes folds as the zero value, like a missing
// field, rather than stopping every reader of the exercise.
func DataOf[T any](e Event) T {
	var d T
	_ = json.Unmarshal(e.Data, &d) // cannot fail for a row Append wrote: see above
	return d
}
