package httpapi

import "time"

// toursJSON answers GET /exercises/{id}/tours.
type toursJSON struct {
	Tours      []tourJSON      `json:"tours"`
	Statements []statementJSON `json:"statements"`
	Now        string          `json:"now"`
}

type tourJSON struct {
	Phase               string         `json:"phase"`
	Order               []int64        `json:"order"`
	Seconds             int            `json:"seconds"`
	OpenedBy            string         `json:"opened_by"`
	OpenedAt            string         `json:"opened_at"`
	OpenedOffsetSeconds float64        `json:"opened_offset_seconds"`
	Turns               []tourTurnJSON `json:"turns"`
	ClosedAt            *string        `json:"closed_at"`
	ClosedOffsetSeconds *float64       `json:"closed_offset_seconds"`
	ClosedBy            string         `json:"closed_by,omitempty"`
}

// tourTurnJSON is one delegation taking the floor: at is wall time (for
// the countdown), offset_seconds exercise time (for the report).
type tourTurnJSON struct {
	TeamID        int64   `json:"team_id"`
	Index         int     `json:"index"`
	By            string  `json:"by"`
	At            string  `json:"at"`
	OffsetSeconds float64 `json:"offset_seconds"`
}

type statementJSON struct {
	TeamID    int64  `json:"team_id"`
	Phase     string `json:"phase"`
	Text      string `json:"text"`
	By        string `json:"by"`
	UpdatedAt string `json:"updated_at"`
}

// wallTime is a wall-clock instant as the API writes it, to the millisecond
// (a countdown needs better than seconds).
func wallTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
