package exercise

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
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
	upd := RequestUpdate{Message: seq, Status: status, TeamID: by.TeamID, By: by.Name}
	var answer *MessageData
	if status == "answered" {
		answer = &MessageData{From: by.TeamID, FromName: by.Name, To: []int64{m.From}, ToControl: m.From == 0,
			Channel: m.Channel, Subject: "Re: " + m.Subject, Body: strings.TrimSpace(text), CBMs: m.CBMs, ReplyTo: seq}
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

// Retag records the facilitators' judgement of which CBMs a message used; the
// sender's own tags stay as they were, beside it.
func (s *Service) Retag(ctx context.Context, exerciseID, seq int64, cbms []string, by string) error {
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if p.Mail[seq] == nil {
		return apperr.NotFound("message")
	}
	if msg := s.checkTags(sc, cbms); msg != "" {
		return apperr.Invalid(map[string]string{"cbms": msg})
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvRetagged, Audience: StaffOnly, Data: RetagData{Message: seq, CBMs: dedupeS(cbms), By: by}}}}, nil
	})
	return err
}

// SetPoC replaces a team's points-of-contact entries; every team sees the
// directory, as in the real CBM 8 network.
func (s *Service) SetPoC(ctx context.Context, exerciseID, teamID int64, entries []PoCEntry, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	if err := checkPoC(sc.AllChannels(), entries); err != nil {
		return err
	}
	_, err = s.playAppend(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvPoCUpdated, Audience: Everyone, Data: PoCData{TeamID: teamID, Entries: entries, By: by}}}}, nil
	})
	return err
}

func checkPoC(channels []scenario.Channel, entries []PoCEntry) error {
	if len(entries) > 6 {
		return apperr.Invalid(map[string]string{"entries": "List at most six points of contact."})
	}
	for i := range entries {
		e := &entries[i]
		e.Name, e.Hours = strings.TrimSpace(e.Name), strings.TrimSpace(e.Hours)
		switch {
		case e.Role != "policy" && e.Role != "technical":
			return apperr.Invalid(map[string]string{"entries": "Each point of contact is policy or technical."})
		case e.Name == "" || utf8.RuneCountInString(e.Name) > 200 || utf8.RuneCountInString(e.Hours) > 100:
			return apperr.Invalid(map[string]string{"entries": "Give each point of contact a name (at most 200 characters)."})
		case e.Channel != "" && !slices.ContainsFunc(channels, func(c scenario.Channel) bool { return c.Key == e.Channel }):
			return apperr.Invalid(map[string]string{"entries": "Choose one of the exercise's channels for each point of contact."})
		}
		if e.Languages == nil {
			e.Languages = []string{}
		}
	}
	return nil
}

// CommCheck sends a communication check to every team's points of contact.
func (s *Service) CommCheck(ctx context.Context, exerciseID int64, text, by string) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		text = "Communication check: please acknowledge receipt and confirm your contact details."
	}
	if utf8.RuneCountInString(text) > 2000 {
		return 0, apperr.Invalid(map[string]string{"text": "At most 2,000 characters."})
	}
	evs, err := s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if ex.Clock.Status != Running && ex.Clock.Status != Paused {
			return Write{}, conflict("invalid_state", "Communication checks can be sent only while the exercise runs or is paused.")
		}
		return Write{Events: []NewEvent{{Type: EvCommCheck, Audience: Everyone, Data: CommCheckData{Text: text, By: by}}}}, nil
	})
	if err != nil {
		return 0, err
	}
	return evs[0].Seq, nil
}

// AckCommCheck acknowledges a check for a team; the first acknowledgement counts.
func (s *Service) AckCommCheck(ctx context.Context, exerciseID, check, teamID int64, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if p.CommChecks[check] == nil {
		return apperr.NotFound("communication check")
	}
	_, err = s.playAppend(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Once: []string{"commack:" + itoa(check) + ":" + itoa(teamID)},
			Events: []NewEvent{{Type: EvCommAck, Audience: TeamsOnly(teamID), Data: CommAckData{Check: check, TeamID: teamID, By: by}}}}, nil
	})
	return mapOnce(err, "Your team has already acknowledged this check.")
}

func mapOnce(err error, msg string) error {
	if errors.Is(err, apperr.ErrDuplicate) {
		return conflict("already_done", msg)
	}
	return err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
