package stream

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// EventJSON is how an event travels, in the stream and in the log.
type EventJSON struct {
	Seq           int64           `json:"seq"`
	Type          string          `json:"type"`
	At            time.Time       `json:"at"`
	OffsetSeconds float64         `json:"offset_seconds"`
	Data          json.RawMessage `json:"data"`
}

// ToJSON is the wire form of an event.
func ToJSON(e *exercise.Event) EventJSON {
	return EventJSON{Seq: e.Seq, Type: e.Type, At: e.CreatedAt, OffsetSeconds: e.Offset.Seconds(), Data: e.Data}
}

// Frame is one Server-Sent Event: id = sequence number, event = type,
// data = the JSON form. The hub encodes each event once, however many
// streams receive it.
func Frame(e *exercise.Event) []byte {
	b, err := json.Marshal(ToJSON(e))
	if err != nil { // cannot happen: Data is already valid JSON
		b = []byte("{}")
	}
	return fmt.Appendf(nil, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Type, b)
}

// Delivery is one event handed to a subscriber, already encoded.
type Delivery struct {
	Seq   int64
	Frame []byte
}
