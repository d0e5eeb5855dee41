package exercise

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Request lifecycle: open → acknowledged → answered | declined | escalated.
// Answered and declined are final.
var nextStatuses = map[string][]string{
	"open":         {"acknowledged", "answered", "declined", "escalated"},
	"acknowledged": {"answered", "declined", "escalated"},
	"escalated":    {"acknowledged", "answered", "declined"},
}

// UpdateRequest moves a request on. Only its recipients (the control cell
// for requests to control, the staff for any) may. Answering sends the
// answer as a reply to the requester in the same append, so the answer and
// its timestamp can never disagree.
func (s *Service) UpdateRequest(ctx context.Context, exerciseID, seq int64, by Sender, status, text string) (*Message, error) {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return nil, err
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	m := p.Mail[seq]
	if m == nil || !CanSee(Viewer{TeamID: by.TeamID, Staff: by.TeamID == 0}, m.Audience) {
		return nil, apperr.NotFound("message")
	}
	if err := checkRequestStep(m, by, status, text); err != nil {
		return nil, err
	}
	writer := by.Name
	if by, err = s.speaker(ctx, exerciseID, by, m); err != nil {
		return nil, err
	}
	upd := RequestUpdate{Message: seq, Status: status, TeamID: by.TeamID, By: by.Name, Actor: by.Actor}
	var answer *MessageData
	if status == "answered" {
		answer = &MessageData{From: by.TeamID, FromName: by.Name, To: []int64{m.From}, ToControl: m.From == 0,
			Channel: m.Channel, Subject: "Re: " + m.Subject, Body: strings.TrimSpace(text), CBMs: m.CBMs, ReplyTo: seq,
			TagSources: sourcesOf(m.CBMs, TagByRequest), FromActor: by.Actor}
		if m.From == 0 {
			answer.To = nil
		}
	} else {
		upd.Note = strings.TrimSpace(text)
	}
	_, err = s.playAppend(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if ex.Clock.Status == Draft {
			return Write{}, conflict("invalid_state", "Requests can be handled only once the exercise has started.")
		}
		var evs []NewEvent
		if answer != nil {
			upd.Answer = ex.LastSeq + 1 // the reply is the first event of this append
			evs = append(evs, NewEvent{Type: EvMessageSent, Audience: messageAudience(*answer), Data: *answer})
		}
		evs = append(evs, NewEvent{Type: EvRequestUpdated, Audience: m.Audience, Data: upd})
		if by.Actor != "" {
			evs = append(evs, voiced(seq, status, by.Actor, writer))
			if answer != nil {
				evs = append(evs, voiced(upd.Answer, "", by.Actor, writer))
			}
		}
		// A step may happen once; the key makes two simultaneous answers one.
		return Write{Once: []string{"request:" + itoa(seq) + ":" + status}, Events: evs}, nil
	})
	if err != nil {
		return nil, mapOnce(err, "This request already has that status.")
	}
	p, err = s.Projection(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	return p.Mail[seq], nil
}

func checkRequestStep(m *Message, by Sender, status, text string) error {
	if m.Kind == "" {
		return conflict("not_a_request", "This message is not a request.")
	}
	recipient := slices.Contains(m.To, by.TeamID) || (by.TeamID == 0) || (m.All && by.TeamID != m.From)
	if !recipient || by.TeamID == m.From && by.TeamID != 0 {
		return apperr.New(403, "forbidden", "Only the recipients of a request can acknowledge, answer, decline or escalate it.")
	}
	if !slices.Contains(nextStatuses[m.Status], status) {
		return conflict("invalid_state", "A request that is "+m.Status+" cannot become "+status+".")
	}
	if status == "answered" && strings.TrimSpace(text) == "" {
		return apperr.Invalid(map[string]string{"text": "Write the answer."})
	}
	if utf8.RuneCountInString(text) > MaxBody {
		return apperr.Invalid(map[string]string{"text": "At most 20,000 characters."})
	}
	return nil
}

// replyAnswers is the request a reply answers: a reply by one of the
// recipients of a request still open (or acknowledged, or escalated) is its
// answer, as a diplomat expects, so response times count from it. Nil for
// any other reply.
func replyAnswers(p *Projection, from Sender, o Outgoing) *Message {
	if p == nil || o.ReplyTo == 0 {
		return nil
	}
	m := p.Mail[o.ReplyTo]
	if m == nil || checkRequestStep(m, from, "answered", o.Body) != nil {
		return nil
	}
	return m
}

// withAnswer adds to a reply's write the step that marks req answered by
// it; the once key makes a second answer (a teammate's, at the same time)
// fail the write, which Send then repeats as a plain reply.
func withAnswer(w Write, req *Message, from Sender, replySeq int64) Write {
	upd := RequestUpdate{Message: req.Seq, Status: "answered", TeamID: from.TeamID, By: from.Name, Answer: replySeq, Actor: from.Actor}
	w.Events = append(w.Events, NewEvent{Type: EvRequestUpdated, Audience: req.Audience, Data: upd})
	w.Once = append(w.Once, "request:"+itoa(req.Seq)+":answered")
	return w
}
