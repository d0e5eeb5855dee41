package exercise

import (
	"context"
	"slices"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// The white cell: the facilitators of the control cell play every
// simulated actor of the scenario (the OSCE Secretariat, the Chairmanship,
// a regulator, the press). Teams write to actors like to teams; the staff
// answer as them. Teams see the actor; only the staff see which
// facilitator wrote, in a staff-only actor.voiced event beside the message.

// VoicedData is the payload of actor.voiced: who spoke as an actor.
type VoicedData struct {
	Message int64  `json:"message"`          // the message's seq, or the request's for a step
	Status  string `json:"status,omitempty"` // the request step taken as the actor; "" for a message
	Actor   string `json:"actor"`
	By      string `json:"by"` // the facilitator
}

func voiced(message int64, status, actor, by string) NewEvent {
	return NewEvent{Type: EvActorVoiced, Audience: StaffOnly, Data: VoicedData{Message: message, Status: status, Actor: actor, By: by}}
}

// applyVoiced notes on the message, or on the request's step, which
// facilitator wrote it.
func (p *Projection) applyVoiced(d VoicedData) {
	m := p.Mail[d.Message]
	if m == nil {
		return
	}
	if d.Status == "" {
		m.VoicedBy = d.By
		return
	}
	for i := len(m.Updates) - 1; i >= 0; i-- {
		if m.Updates[i].Status == d.Status {
			m.Updates[i].VoicedBy = d.By
			return
		}
	}
}

// asActor is the sender a facilitator becomes when writing as the actor
// with the key: the actor's name (in the scenario's source language; each
// reader sees it in theirs) and no language of their own.
func asActor(sc *scenario.Scenario, from Sender, key string) Sender {
	if key == "" {
		return from
	}
	a, _ := sc.Actor(key) // checked by checkActors
	return Sender{TeamID: 0, Name: a.Name, Actor: key}
}

// checkActors checks the actors a message is written to or as: they exist,
// teams write to them on a channel they can be reached on, and only the
// control cell speaks as one (and writes to teams, not to actors).
func checkActors(sc *scenario.Scenario, ch scenario.Channel, from Sender, o *Outgoing, fields map[string]string) {
	o.AsActor = strings.TrimSpace(o.AsActor)
	if o.AsActor != "" {
		switch _, ok := sc.Actor(o.AsActor); {
		case from.TeamID != 0:
			fields["as_actor"] = "Only the exercise control writes as an actor."
		case !ok:
			fields["as_actor"] = "Choose one of the scenario's actors."
		}
	}
	o.ToActors = dedupeS(o.ToActors)
	if len(o.ToActors) == 0 {
		o.ToActors = nil
		return
	}
	if from.TeamID == 0 {
		fields["to_actors"] = "The exercise control plays the actors; write to teams, as an actor if need be."
		return
	}
	if len(o.ToActors) > MaxRecipients {
		fields["to_actors"] = "A message can have at most 20 recipients."
		return
	}
	for _, k := range o.ToActors {
		a, ok := sc.Actor(k)
		if !ok {
			fields["to_actors"] = "Every actor must be one of the scenario's actors."
			return
		}
		if ch.Key != "" && !a.Reachable(ch.Key) {
			fields["channel"] = a.Name + " cannot be reached on this channel; write on " + strings.Join(a.Channels, ", ") + "."
			return
		}
	}
}

// addressedActor is the actor a facilitator speaks as when answering, or
// taking a step on, a message written to actors only ("" for any other).
func addressedActor(sc *scenario.Scenario, m *Message) (string, string) {
	if len(m.ToActors) == 0 || len(m.To) > 0 || m.ToControl || m.All {
		return "", ""
	}
	a, ok := sc.Actor(m.ToActors[0])
	if !ok {
		return "", ""
	}
	return a.Key, a.Name
}

// ToActor tells whether the message is written to the actor.
func (m *Message) ToActor(key string) bool { return slices.Contains(m.ToActors, key) }

// speaker is who takes a step on request m: a facilitator acting on a
// request written to actors speaks as its actor.
func (s *Service) speaker(ctx context.Context, exerciseID int64, by Sender, m *Message) (Sender, error) {
	if by.TeamID != 0 || len(m.ToActors) == 0 {
		return by, nil
	}
	ex, err := s.store.Exercise(ctx, exerciseID)
	if err != nil {
		return by, err
	}
	sc, err := s.Scenario(ctx, ex)
	if err != nil {
		return by, err
	}
	key, _ := addressedActor(sc, m)
	return asActor(sc, by, key), nil
}
