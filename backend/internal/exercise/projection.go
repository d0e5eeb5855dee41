package exercise

import (
	"time"
)

// Projection is the state of an exercise folded from its log. It is kept in
// memory and brought up to date by folding the events after Seq, so the
// scheduler never re-reads the whole log.
type Projection struct {
	Seq           int64
	Released      map[string]time.Duration
	ReleasedInfo  map[string]ReleasedInject // by inject key, ad-hoc injects included
	Held          map[string]bool
	Skipped       map[string]bool
	SkipInfo      map[string]SkipFact // who skipped, when, whether a jump did
	PhasesStarted map[string]bool
	PhasesClosed  map[string]bool
	Fired         map[string]bool
	Decisions     map[string]bool
	Answers       map[AnswerKey]Answer
	Submitted     map[AnswerKey]bool
	Shared        map[string]bool // phases whose answers the facilitators shared
	Messages      []MessageFact
	TeamKeys      map[int64]string // team id → scenario key, for trigger facts

	Mail       map[int64]*Message // by seq
	MailOrder  []int64            // seqs in order
	PoC        map[int64]PoCData  // by team id (latest)
	CommChecks map[int64]*CommCheck

	Tours      map[string]Tour // by phase
	Statements map[StatementKey]Statement
}

// Message is a sent message with its request lifecycle and corrections.
type Message struct {
	MessageData
	Seq       int64
	Offset    time.Duration
	CreatedAt time.Time
	Audience  Audience
	Status    string // requests: open, acknowledged, answered, declined, escalated
	Updates   []RequestStep
	Retag     *RetagData
	// VoicedBy is the facilitator who wrote a message as an actor; staff only.
	VoicedBy string
}

// RequestStep is one step of a request's lifecycle.
type RequestStep struct {
	RequestUpdate
	VoicedBy  string // the facilitator who took the step as an actor; staff only
	Offset    time.Duration
	CreatedAt time.Time
}

// CommCheck is a communication check and who acknowledged it when.
type CommCheck struct {
	CommCheckData
	Seq       int64
	Offset    time.Duration
	CreatedAt time.Time
	Acks      map[int64]RequestStep // by team id, first acknowledgement
}

// ReleasedInject is what was released, when, and who received it.
type ReleasedInject struct {
	InjectData
	Seq      int64
	Audience Audience
	At       time.Time // wall time of the release
}

// SkipFact is who skipped an inject and when; Jump when a jump to a phase
// skipped it.
type SkipFact struct {
	By     string
	Jump   bool
	Offset time.Duration
	At     time.Time
}

// AnswerKey identifies one team's answer to one question.
type AnswerKey struct {
	TeamID          int64
	Phase, Question string
}

// Answer is the latest text of a shared answer.
type Answer struct {
	AnswerData
	Seq       int64     `json:"seq"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewProjection is the state before any event.
func NewProjection(teams []Team) *Projection {
	p := &Projection{
		Released: map[string]time.Duration{}, ReleasedInfo: map[string]ReleasedInject{}, Held: map[string]bool{}, Skipped: map[string]bool{},
		SkipInfo: map[string]SkipFact{}, PhasesStarted: map[string]bool{}, PhasesClosed: map[string]bool{}, Fired: map[string]bool{},
		Decisions: map[string]bool{}, Answers: map[AnswerKey]Answer{}, Submitted: map[AnswerKey]bool{},
		Shared: map[string]bool{}, TeamKeys: map[int64]string{},
		Mail: map[int64]*Message{}, PoC: map[int64]PoCData{}, CommChecks: map[int64]*CommCheck{},
		Tours: map[string]Tour{}, Statements: map[StatementKey]Statement{},
	}
	for _, t := range teams {
		p.TeamKeys[t.ID] = t.Key
	}
	return p
}

// Apply folds events (in sequence order) into the projection.
func (p *Projection) Apply(events ...Event) {
	for _, e := range events {
		if e.Seq <= p.Seq {
			continue
		}
		p.Seq = e.Seq
		p.apply(e)
	}
}

func (p *Projection) apply(e Event) {
	switch e.Type {
	case EvPhaseStarted:
		p.PhasesStarted[key(e)] = true
	case EvPhaseClosed:
		p.PhasesClosed[key(e)] = true
	case EvInjectReleased:
		d := DataOf[InjectData](e)
		p.Released[d.Key] = e.Offset
		p.ReleasedInfo[d.Key] = ReleasedInject{InjectData: d, Seq: e.Seq, Audience: e.Audience, At: e.CreatedAt}
	case EvInjectHeld:
		p.Held[key(e)] = true
	case EvInjectUnheld:
		delete(p.Held, key(e))
	case EvInjectSkipped:
		d := DataOf[KeyData](e)
		p.Skipped[d.Key] = true
		if _, seen := p.SkipInfo[d.Key]; !seen {
			p.SkipInfo[d.Key] = SkipFact{By: d.By, Jump: d.Jump, Offset: e.Offset, At: e.CreatedAt}
		}
	case EvTriggerFired:
		p.Fired[key(e)] = true
	case EvTriggerDecided:
		d := DataOf[KeyData](e)
		p.Decisions[d.Key] = d.Yes != nil && *d.Yes
	case EvAnswerUpdated:
		a := DataOf[AnswerData](e)
		p.Answers[AnswerKey{a.TeamID, a.Phase, a.Question}] = Answer{AnswerData: a, Seq: e.Seq, UpdatedAt: e.CreatedAt}
	case EvAnswerSubmit:
		a := DataOf[AnswerData](e)
		p.Submitted[AnswerKey{a.TeamID, a.Phase, a.Question}] = true
	case EvAnswersShared:
		p.Shared[key(e)] = true
	case EvMessageSent, EvRequestUpdated, EvRetagged, EvPoCUpdated, EvCommCheck, EvCommAck, EvActorVoiced:
		p.applyMail(e)
	case EvTourOpened, EvTourSpeaker, EvTourClosed, EvStatementUpdated:
		p.applyTour(e)
	}
}

// State is the planner's view of the projection at exercise time now.
func (p *Projection) State(now time.Duration) State {
	return State{Now: now, Released: p.Released, Held: p.Held, Skipped: p.Skipped,
		PhasesStarted: p.PhasesStarted, Fired: p.Fired, Decisions: p.Decisions, Messages: p.Messages,
		Requests: p.requestFacts()}
}

// key reads the "key" field that most payloads carry.
func key(e Event) string {
	return DataOf[struct {
		Key string `json:"key"`
	}](e).Key
}

// clone copies the projection so a caller can fold new events into the copy
// while readers keep using the old one.
func (p *Projection) clone() *Projection {
	c := *p
	c.Released, c.ReleasedInfo = cloneMap(p.Released), cloneMap(p.ReleasedInfo)
	c.Held, c.Skipped, c.SkipInfo = cloneMap(p.Held), cloneMap(p.Skipped), cloneMap(p.SkipInfo)
	c.PhasesStarted, c.PhasesClosed = cloneMap(p.PhasesStarted), cloneMap(p.PhasesClosed)
	c.Fired, c.Decisions = cloneMap(p.Fired), cloneMap(p.Decisions)
	c.Answers, c.Submitted, c.Shared = cloneMap(p.Answers), cloneMap(p.Submitted), cloneMap(p.Shared)
	c.Messages = append([]MessageFact(nil), p.Messages...)
	c.TeamKeys = cloneMap(p.TeamKeys)
	c.Mail = make(map[int64]*Message, len(p.Mail))
	for k, m := range p.Mail {
		cp := *m
		cp.Updates = append([]RequestStep(nil), m.Updates...)
		c.Mail[k] = &cp
	}
	c.MailOrder = append([]int64(nil), p.MailOrder...)
	c.PoC = cloneMap(p.PoC)
	c.Tours, c.Statements = cloneMap(p.Tours), cloneMap(p.Statements)
	c.CommChecks = make(map[int64]*CommCheck, len(p.CommChecks))
	for k, cc := range p.CommChecks {
		cp := *cc
		cp.Acks = cloneMap(cc.Acks)
		c.CommChecks[k] = &cp
	}
	return &c
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
