package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

type messageJSON struct {
	Seq           int64             `json:"id"` // the message's event sequence number
	From          int64             `json:"from"`
	FromName      string            `json:"from_name"`
	To            []int64           `json:"to"`
	ToControl     bool              `json:"to_control"`
	All           bool              `json:"all"`
	Channel       string            `json:"channel"`
	Subject       string            `json:"subject"`
	Body          string            `json:"body"`
	CBMs          []string          `json:"cbms"`
	Kind          string            `json:"kind"`
	ReplyTo       int64             `json:"reply_to,omitempty"`
	Lang          string            `json:"lang,omitempty"`
	SentAt        time.Time         `json:"sent_at"`
	OffsetSeconds float64           `json:"offset_seconds"`
	Status        string            `json:"status,omitempty"`
	Steps         []requestStepJSON `json:"steps,omitempty"`
	// Facilitators only: their correction of the tags.
	CorrectedCBMs []string `json:"corrected_cbms,omitempty"`
	CorrectedBy   string   `json:"corrected_by,omitempty"`
	// Where each of the sender's tags came from (sender, channel, kind, request).
	TagSources map[string]string `json:"tag_sources,omitempty"`
	// The simulated actors it is written to, and the one it comes from
	// (from_name is then that actor's name in the reader's language).
	ToActors  []string `json:"to_actors,omitempty"`
	FromActor string   `json:"from_actor,omitempty"`
	// Facilitators only: who wrote a message sent as an actor.
	By string `json:"by,omitempty"`
}

type requestStepJSON struct {
	Status        string    `json:"status"`
	TeamID        int64     `json:"team_id"`
	By            string    `json:"by"`
	Note          string    `json:"note,omitempty"`
	Answer        int64     `json:"answer,omitempty"`
	At            time.Time `json:"at"`
	OffsetSeconds float64   `json:"offset_seconds"`
	// Seconds of exercise time since the request was sent.
	AfterSeconds float64 `json:"after_seconds"`
	// The simulated actor that took the step (by is its name), and, for
	// facilitators only, who took it as the actor.
	Actor    string `json:"actor,omitempty"`
	VoicedBy string `json:"voiced_by,omitempty"`
}

func toMessageJSON(m *exercise.Message, staff bool) messageJSON {
	out := messageJSON{Seq: m.Seq, From: m.From, FromName: m.FromName, To: nonNilIDs(m.To), ToControl: m.ToControl, All: m.All,
		Channel: m.Channel, Subject: m.Subject, Body: m.Body, CBMs: nonNil(m.CBMs), Kind: m.Kind, ReplyTo: m.ReplyTo, Lang: m.Lang,
		SentAt: m.CreatedAt, OffsetSeconds: m.Offset.Seconds(), Status: m.Status, TagSources: m.TagSources,
		ToActors: m.ToActors, FromActor: m.FromActor}
	for _, st := range m.Updates {
		step := requestStepJSON{Status: st.Status, TeamID: st.TeamID, By: st.By, Note: st.Note, Answer: st.Answer,
			At: st.CreatedAt, OffsetSeconds: st.Offset.Seconds(), AfterSeconds: (st.Offset - m.Offset).Seconds(), Actor: st.Actor}
		if staff {
			step.VoicedBy = st.VoicedBy
		}
		out.Steps = append(out.Steps, step)
	}
	if staff {
		out.By = m.VoicedBy
	}
	if staff && m.Retag != nil {
		out.CorrectedCBMs, out.CorrectedBy = nonNil(m.Retag.CBMs), m.Retag.By
	}
	return out
}

// messagesJSON answers GET /exercises/{id}/messages, newest first; next_before
// is the cursor of the next page, 0 on the last.
type messagesJSON struct {
	Messages   []messageJSON `json:"messages"`
	NextBefore int64         `json:"next_before"`
}

// messageEnvelope answers a sent message and a request's step.
type messageEnvelope struct {
	Message messageJSON `json:"message"`
}

// actorNameMap is the scenario's actors' names in the reader's language.
type actorNameMap map[string]string

// apply shows the actors a message and its steps speak as by their names
// in the reader's language (the log holds the source language's).
func (n actorNameMap) apply(m messageJSON) messageJSON {
	if name, ok := n[m.FromActor]; ok && m.FromActor != "" {
		m.FromName = name
	}
	for i, st := range m.Steps {
		if name, ok := n[st.Actor]; ok && st.Actor != "" {
			m.Steps[i].By = name
		}
	}
	return m
}
