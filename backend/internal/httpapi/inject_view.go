package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// injectTimelineJSON answers GET /exercises/{id}/injects for staff: the MSEL
// as it stands.
type injectTimelineJSON struct {
	Injects []injectStateJSON `json:"injects"`
}

type injectStateJSON struct {
	Key              string         `json:"key"`
	Title            string         `json:"title"`
	Phase            string         `json:"phase"`
	Channel          string         `json:"channel"`
	From             string         `json:"from"`
	Audience         recipientsJSON `json:"audience"`
	ScheduledSeconds *float64       `json:"scheduled_seconds"` // by the script; null for held ones
	Contingency      bool           `json:"contingency"`
	State            string         `json:"state"` // pending, held, skipped, released, waiting
	ReleasedSeconds  *float64       `json:"released_seconds"`
	Late             bool           `json:"late"`
	Source           string         `json:"source,omitempty"`
	ReleasedBy       string         `json:"released_by,omitempty"` // who jumped, for source jump
	ReleasedAt       *time.Time     `json:"released_at,omitempty"` // wall time
	SkippedBy        string         `json:"skipped_by,omitempty"`
	SkippedByJump    bool           `json:"skipped_by_jump,omitempty"`
	SkippedAt        *time.Time     `json:"skipped_at,omitempty"` // wall time
	SkippedSeconds   *float64       `json:"skipped_seconds,omitempty"`
	Body             string         `json:"body"`
	FacilitatorNotes string         `json:"facilitator_notes,omitempty"`
	exercise.Localized
}

// recipientsJSON is who an inject reaches (team ids), as in the event log.
type recipientsJSON struct {
	Staff    bool    `json:"staff,omitempty"`
	All      bool    `json:"all,omitempty"`
	Teams    []int64 `json:"teams,omitempty"`
	Internal bool    `json:"internal,omitempty"`
}

func toInjectStateJSON(is exercise.InjectState) injectStateJSON {
	out := injectStateJSON{Key: is.Key, Title: is.Title, Phase: is.Phase, Channel: is.Channel, From: is.From,
		Audience: recipientsJSON(is.Audience), Contingency: is.Contingency, State: is.State, Body: is.Body,
		FacilitatorNotes: is.FacilitatorNotes}
	if is.Scheduled != nil {
		out.ScheduledSeconds = seconds(*is.Scheduled)
	}
	if r := is.Released; r != nil {
		at := r.OffsetSeconds
		out.ReleasedSeconds, out.Late, out.Source, out.ReleasedBy = &at, r.Late, r.Source, r.By
		if !r.At.IsZero() {
			wall := r.At
			out.ReleasedAt = &wall
		}
	}
	if k := is.Skip; k != nil && is.State == exercise.InjectSkipped {
		wall := k.At
		out.SkippedBy, out.SkippedByJump, out.SkippedAt, out.SkippedSeconds = k.By, k.Jump, &wall, seconds(k.Offset)
	}
	return out
}

// releasedInjectsJSON answers GET /exercises/{id}/injects for participants
// and observers: each released inject as its inject.released event carries
// it, newest first.
type releasedInjectsJSON struct {
	Injects []releasedInjectJSON `json:"injects"`
}

type releasedInjectJSON struct {
	Key           string  `json:"key"`
	Title         string  `json:"title"`
	Phase         string  `json:"phase,omitempty"`
	Channel       string  `json:"channel"`
	From          string  `json:"from"`
	FromActor     string  `json:"from_actor,omitempty"`
	Body          string  `json:"body"`
	Teams         []int64 `json:"teams"`
	All           bool    `json:"all"`
	Source        string  `json:"source"`
	By            string  `json:"by,omitempty"`
	Trigger       string  `json:"trigger,omitempty"`
	Late          bool    `json:"late"`
	DueSeconds    float64 `json:"due_seconds"`
	OffsetSeconds float64 `json:"offset_seconds"`
	exercise.Localized
}
