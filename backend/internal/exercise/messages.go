package exercise

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Sender is who writes: a team (participants) or the control cell (staff).
type Sender struct {
	TeamID int64 // 0 = the facilitators' control cell
	Name   string
	// Lang is the language the sender reads the exercise in, which their
	// message is most likely written in ("" when unknown).
	Lang string
	// Actor is the simulated actor the control cell speaks as ("" for none).
	Actor string
}

// Outgoing is a message to send.
type Outgoing struct {
	To        []int64
	ToControl bool
	All       bool
	Channel   string
	Subject   string
	Body      string
	CBMs      []string
	Kind      string // "" or information, consultation, assistance
	ReplyTo   int64
	ToActors  []string // simulated actors (teams write to them)
	AsActor   string   // the simulated actor the control cell writes as
}

// Message limits.
const (
	MaxSubject    = 200
	MaxBody       = 20000
	MaxRecipients = 20
)

// Send validates and sends a message. It reaches exactly its sender, its
// recipients and the staff (everyone for public statements); nothing is
// stored when anything is wrong. ex and teams are the exercise as the caller
// loaded it: whether it has ended is decided again on the locked row.
func (s *Service) Send(ctx context.Context, ex *Exercise, teams []Team, from Sender, o Outgoing) (*Message, error) {
	if err := inPlay(ex); err != nil {
		return nil, err
	}
	sc, err := s.Scenario(ctx, ex)
	if err != nil {
		return nil, err
	}
	var p *Projection // needed only to check what a reply answers
	if o.ReplyTo != 0 {
		if p, err = s.Projection(ctx, ex.ID); err != nil {
			return nil, err
		}
		if m := p.Mail[o.ReplyTo]; m != nil && from.TeamID == 0 && o.AsActor == "" {
			o.AsActor, _ = addressedActor(sc, m) // the control cell answers a message to an actor as that actor
		}
	}
	if err := s.checkOutgoing(sc, teams, p, from, &o); err != nil {
		return nil, err
	}
	writer := from.Name
	from = asActor(sc, from, o.AsActor)
	data := MessageData{From: from.TeamID, FromName: from.Name, To: o.To, ToControl: o.ToControl, All: o.All,
		Channel: o.Channel, Subject: o.Subject, Body: o.Body, CBMs: o.CBMs, Kind: o.Kind, ReplyTo: o.ReplyTo,
		TagSources: tagSources(sc, o), Lang: from.Lang, ToActors: o.ToActors, FromActor: o.AsActor}
	aud := messageAudience(data)
	answers := replyAnswers(p, from, o)
	send := func(answers *Message) ([]Event, error) {
		return s.playAppend(ctx, ex.ID, func(ex *Exercise) (Write, error) {
			if ex.Clock.Status == Draft {
				return Write{}, conflict("invalid_state", "Messages can be sent only once the exercise has started.")
			}
			w := Write{Events: []NewEvent{{Type: EvMessageSent, Audience: aud, Data: data}}}
			if answers != nil {
				w = withAnswer(w, answers, from, ex.LastSeq+1)
			}
			if o.AsActor != "" {
				w.Events = append(w.Events, voiced(ex.LastSeq+1, "", o.AsActor, writer))
			}
			return w, nil
		})
	}
	evs, err := send(answers)
	if answers != nil && errors.Is(err, apperr.ErrDuplicate) {
		evs, err = send(nil) // answered meanwhile by a teammate: this is a plain reply
	}
	if err != nil {
		return nil, err
	}
	e := evs[0]
	m := &Message{MessageData: data, Seq: e.Seq, Offset: e.Offset, CreatedAt: e.CreatedAt, Audience: aud, Status: openIf(o.Kind)}
	if o.AsActor != "" {
		m.VoicedBy = writer
	}
	return m, nil
}

func openIf(kind string) string {
	if kind != "" {
		return "open"
	}
	return ""
}

// messageAudience: the sender, the recipients and staff; public statements
// and messages to all reach every team.
func messageAudience(d MessageData) Audience {
	if d.All {
		return Everyone
	}
	ids := append([]int64(nil), d.To...)
	if d.From != 0 && !slices.Contains(ids, d.From) {
		ids = append(ids, d.From)
	}
	return TeamsOnly(ids...)
}

func (s *Service) checkOutgoing(sc *scenario.Scenario, teams []Team, p *Projection, from Sender, o *Outgoing) error {
	fields := map[string]string{}
	ch, ok := sc.Channel(o.Channel)
	refused := ""
	if !ok { // a post to the news feed is on an inject channel
		ch, ok, refused = pressChannel(sc, from, *o)
	}
	switch {
	case refused != "":
		fields["channel"] = refused
	case !ok:
		fields["channel"] = "Choose one of the exercise's channels."
	case ch.AllTeams:
		o.All, o.To, o.ToControl = true, nil, false
	case ch.Control && from.TeamID == 0:
		fields["channel"] = "The control channel carries messages to the facilitators; write to teams on another channel, or release an ad-hoc inject."
	case ch.Control:
		o.ToControl, o.All, o.To = true, false, nil
	}
	if msg := channelRefused(sc, teams, from, ch); ok && msg != "" {
		fields["channel"] = msg
	}
	o.To = dedupe(o.To)
	switch {
	case len(o.To) > MaxRecipients:
		fields["to"] = "A message can have at most 20 recipients."
	case !allKnown(o.To, teams):
		fields["to"] = "Every recipient must be a team of this exercise."
	case !o.All && !o.ToControl && len(o.To) == 0 && len(o.ToActors) == 0:
		fields["to"] = "Choose at least one recipient."
	case from.TeamID != 0 && len(o.To) == 1 && o.To[0] == from.TeamID && !o.ToControl && len(o.ToActors) == 0:
		fields["to"] = "Choose a recipient other than your own team."
	}
	o.Subject, o.Body = strings.TrimSpace(o.Subject), strings.TrimSpace(o.Body)
	if o.Subject == "" || utf8.RuneCountInString(o.Subject) > MaxSubject {
		fields["subject"] = "Write a subject of at most 200 characters."
	}
	if o.Body == "" || utf8.RuneCountInString(o.Body) > MaxBody {
		fields["body"] = "Write the message (at most 20,000 characters)."
	}
	checkActors(sc, ch, from, o, fields)
	if msg := s.checkTags(sc, o.CBMs); msg != "" {
		fields["cbms"] = msg
	}
	o.CBMs = dedupeS(o.CBMs)
	if o.Kind != "" && !slices.Contains([]string{"information", "consultation", "assistance"}, o.Kind) {
		fields["kind"] = "A request is for information, consultation or assistance."
	}
	if o.ReplyTo != 0 {
		if m := p.Mail[o.ReplyTo]; m == nil || !CanSee(Viewer{TeamID: from.TeamID, Staff: from.TeamID == 0}, m.Audience) {
			fields["reply_to"] = "You can only reply to a message you received or sent."
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields)
	}
	return nil
}

// channelRefused says why the sender's team may not use the channel, or
// "": the CBMs are measures between participating States, so an
// organisation's team does not write on the States' formal channels. The
// control cell (staff) may use every channel.
func channelRefused(sc *scenario.Scenario, teams []Team, from Sender, ch scenario.Channel) string {
	kind := senderKind(sc, teams, from)
	if kind == "" || ch.Allows(kind) {
		return ""
	}
	var open []string
	for _, c := range sc.AllChannels() {
		if c.Allows(kind) {
			open = append(open, c.Title)
		}
	}
	who, yours := "participating States' teams", "an organisation"
	if kind == scenario.KindState {
		who, yours = "organisations' teams", "a participating State"
	}
	return "The channel \"" + ch.Title + "\" is for " + who + " only; your team plays " + yours + " and can write on: " +
		strings.Join(open, ", ") + "."
}

// senderKind is the scenario kind of the sender's team, "" for the control
// cell or a team the scenario does not know.
func senderKind(sc *scenario.Scenario, teams []Team, from Sender) scenario.TeamKind {
	if from.TeamID == 0 {
		return ""
	}
	for _, t := range teams {
		if t.ID == from.TeamID {
			if st, ok := sc.Team(t.Key); ok {
				return st.Kind
			}
		}
	}
	return ""
}

func (s *Service) checkTags(sc *scenario.Scenario, cbms []string) string {
	if len(cbms) > 16 {
		return "Tag at most 16 CBMs."
	}
	for _, k := range cbms {
		if !s.scenarios.KnownCBM(sc.Catalogue, k) {
			return "\"" + k + "\" is not a CBM of the catalogue."
		}
	}
	return ""
}

func dedupe(ids []int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func dedupeS(xs []string) []string {
	out := []string{}
	for _, x := range xs {
		x = strings.TrimSpace(x)
		if x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// VisibleMail returns the messages v may see, newest first, at most limit,
// before seq (0: from the newest), filtered by team, channel and CBM.
func (p *Projection) VisibleMail(v Viewer, f MailFilter) []*Message {
	var out []*Message
	for i := len(p.MailOrder) - 1; i >= 0 && len(out) < f.Limit; i-- {
		m := p.Mail[p.MailOrder[i]]
		if (f.Before != 0 && m.Seq >= f.Before) || !CanSee(v, m.Audience) || !f.matches(m) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// MailFilter narrows a message listing.
type MailFilter struct {
	Team    int64 // sent by or to this team
	Channel string
	CBM     string
	Open    bool // open requests only
	Before  int64
	Limit   int
}

func (f MailFilter) matches(m *Message) bool {
	return (f.Team == 0 || m.From == f.Team || slices.Contains(m.To, f.Team)) &&
		(f.Channel == "" || m.Channel == f.Channel) &&
		(f.CBM == "" || slices.Contains(m.Tags(), f.CBM)) &&
		(!f.Open || (m.Kind != "" && m.Status != "answered" && m.Status != "declined"))
}

// Tags are the CBMs a message counts for: the facilitators' correction when
// there is one, else the sender's own tags.
func (m *Message) Tags() []string {
	if m.Retag != nil {
		return m.Retag.CBMs
	}
	return m.CBMs
}
