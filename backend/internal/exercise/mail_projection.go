package exercise

import (
	"sort"
)

// applyMail folds the messaging events: messages, request steps, tag
// corrections, the PoC directory and communication checks.
func (p *Projection) applyMail(e Event) {
	switch e.Type {
	case EvMessageSent:
		d := DataOf[MessageData](e)
		m := &Message{MessageData: d, Seq: e.Seq, Offset: e.Offset, CreatedAt: e.CreatedAt, Audience: e.Audience}
		if d.Kind != "" {
			m.Status = "open"
		}
		p.Mail[e.Seq] = m
		p.MailOrder = append(p.MailOrder, e.Seq)
		p.Messages = append(p.Messages, p.fact(m))
	case EvRequestUpdated:
		u := DataOf[RequestUpdate](e)
		if m := p.Mail[u.Message]; m != nil {
			m.Status = u.Status
			m.Updates = append(m.Updates, RequestStep{RequestUpdate: u, Offset: e.Offset, CreatedAt: e.CreatedAt})
		}
	case EvRetagged:
		r := DataOf[RetagData](e)
		if m := p.Mail[r.Message]; m != nil {
			m.Retag = &r
		}
	case EvActorVoiced:
		p.applyVoiced(DataOf[VoicedData](e))
	case EvPoCUpdated:
		d := DataOf[PoCData](e)
		p.PoC[d.TeamID] = d
	case EvCommCheck:
		d := DataOf[CommCheckData](e)
		p.CommChecks[e.Seq] = &CommCheck{CommCheckData: d, Seq: e.Seq, Offset: e.Offset, CreatedAt: e.CreatedAt, Acks: map[int64]RequestStep{}}
	case EvCommAck:
		d := DataOf[CommAckData](e)
		if cc := p.CommChecks[d.Check]; cc != nil {
			if _, seen := cc.Acks[d.TeamID]; !seen {
				cc.Acks[d.TeamID] = RequestStep{RequestUpdate: RequestUpdate{Message: d.Check, Status: "acknowledged", TeamID: d.TeamID, By: d.By},
					Offset: e.Offset, CreatedAt: e.CreatedAt}
			}
		}
	}
}

// fact is a message as trigger conditions see it (team keys).
func (p *Projection) fact(m *Message) MessageFact {
	f := MessageFact{At: m.Offset, From: p.TeamKeys[m.From], Channel: m.Channel, CBMs: m.CBMs, Kind: m.Kind}
	for _, id := range m.To {
		f.To = append(f.To, p.TeamKeys[id])
	}
	return f
}

// requestFacts lists the requests and when each was answered.
func (p *Projection) requestFacts() []RequestFact {
	var out []RequestFact
	for _, seq := range p.MailOrder {
		m := p.Mail[seq]
		if m.Kind == "" {
			continue
		}
		rf := RequestFact{MessageFact: p.fact(m)}
		if st := m.Step("answered"); st != nil {
			at := st.Offset
			rf.AnsweredAt = &at
		}
		out = append(out, rf)
	}
	return out
}

// Step returns the first lifecycle step with the status, if any.
func (m *Message) Step(status string) *RequestStep {
	for i := range m.Updates {
		if m.Updates[i].Status == status {
			return &m.Updates[i]
		}
	}
	return nil
}

// CommChecksInOrder lists the communication checks, oldest first.
func (p *Projection) CommChecksInOrder() []*CommCheck {
	out := make([]*CommCheck, 0, len(p.CommChecks))
	for _, cc := range p.CommChecks {
		out = append(out, cc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}
