package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// commCheckCreatedJSON answers POST /exercises/{id}/commchecks.
type commCheckCreatedJSON struct {
	ID int64 `json:"id"`
}

// commChecksJSON answers GET /exercises/{id}/commchecks.
type commChecksJSON struct {
	Checks []commCheckJSON `json:"checks"`
}

type commCheckJSON struct {
	ID            int64              `json:"id"`
	Text          string             `json:"text"`
	SentAt        time.Time          `json:"sent_at"`
	OffsetSeconds float64            `json:"offset_seconds"`
	Teams         []commCheckAckJSON `json:"teams"`
}

// commCheckAckJSON is one team's acknowledgement; the fields after
// acknowledged are there only once it has acknowledged.
type commCheckAckJSON struct {
	TeamID           int64      `json:"team_id"`
	Team             string     `json:"team"`
	Acknowledged     bool       `json:"acknowledged"`
	By               *string    `json:"by,omitempty"`
	At               *time.Time `json:"at,omitempty"`
	AfterSeconds     *float64   `json:"after_seconds,omitempty"`
	AfterWallSeconds *float64   `json:"after_wall_seconds,omitempty"`
}

func toCommCheckJSON(cc exercise.CommCheckAcks) commCheckJSON {
	return commCheckJSON{ID: cc.Seq, Text: cc.Text, SentAt: cc.CreatedAt, OffsetSeconds: cc.Offset.Seconds(),
		Teams: each(cc.Teams, toCommCheckAckJSON)}
}

func toCommCheckAckJSON(a exercise.TeamAck) commCheckAckJSON {
	out := commCheckAckJSON{TeamID: a.Team.ID, Team: a.Team.Name}
	if a.Ack != nil {
		by, at := a.Ack.By, a.Ack.CreatedAt
		out.Acknowledged, out.By, out.At = true, &by, &at
		out.AfterSeconds, out.AfterWallSeconds = seconds(a.After), seconds(a.AfterWall)
	}
	return out
}
