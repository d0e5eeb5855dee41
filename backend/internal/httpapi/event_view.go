package httpapi

import "github.com/cbmex/cbmex/backend/internal/stream"

// eventLogJSON answers GET /exercises/{id}/log: more tells that another
// page follows after next_after.
type eventLogJSON struct {
	Events    []stream.EventJSON `json:"events"`
	NextAfter int64              `json:"next_after"`
	More      bool               `json:"more"`
}
