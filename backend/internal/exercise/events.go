package exercise

import (
	"fmt"
	"slices"
)

// Event types. Every change to an exercise is one of these in its log; the
// catalogue below says who may see each and how the browser names it.
const (
	EvCreated        = "exercise.created"
	EvClock          = "exercise.clock" // started, paused, resumed, ended, speed or jump
	EvPhaseStarted   = "phase.started"
	EvPhaseClosed    = "phase.closed"
	EvInjectReleased = "inject.released"
	EvInjectHeld     = "inject.held"
	EvInjectUnheld   = "inject.unheld"
	EvInjectSkipped  = "inject.skipped"
	EvTriggerFired   = "trigger.fired"
	EvTriggerDecided = "trigger.decided"
	EvAnswerUpdated  = "answer.updated"
	EvAnswerSubmit   = "answer.submitted"
	EvAnswersShared  = "answers.shared"
	EvNote           = "note.added"
	EvTeamRenamed    = "team.renamed"
	EvJoined         = "participant.joined"
	EvRemoved        = "participant.removed"
	EvMessageSent    = "message.sent"
	EvRequestUpdated = "request.updated"
	EvRetagged       = "message.retagged"
	EvPoCUpdated     = "poc.updated"
	EvCommCheck      = "commcheck.sent"
	EvCommAck        = "commcheck.acked"
	// Written by scoring through Service.Record.
	EvScore       = "score.set"
	EvAssessment  = "team.assessed"
	EvImprovement = "improvement.added"
	EvPublished   = "report.published"
	// EvEvidenceJudged is a facilitator confirming or rejecting a message
	// as the evidence of an expected action.
	EvEvidenceJudged = "evidence.judged"
	// The tour de table of a phase (tour.go).
	EvTourOpened       = "tour.opened"
	EvTourSpeaker      = "tour.speaker"
	EvTourClosed       = "tour.closed"
	EvStatementUpdated = "statement.updated"
	// EvActorVoiced records which facilitator spoke as a simulated actor;
	// the teams see only the actor.
	EvActorVoiced = "actor.voiced"
)

// Reach is the rule an event type's audience follows.
type Reach string

// The reaches. CanSee still decides each event from its stored audience;
// the reach is what that audience must be.
const (
	ReachEveryone  Reach = "everyone"  // every team and observer (Everyone)
	ReachStaff     Reach = "staff"     // the facilitators only (StaffOnly)
	ReachAddressed Reach = "addressed" // decided per event: the teams it is sent to, all teams, or staff only
	ReachTeam      Reach = "team"      // one team's own work and staff, not observers (TeamInternal)
)

// EventKind is one entry of the catalogue of event types.
type EventKind struct {
	Type  string `json:"type"`
	Reach Reach  `json:"reach"`
	// Label is the translation key of the type's human name, as the
	// browser's live log shows it ("namespace:key").
	Label string `json:"label"`
}

// StaffOnly tells whether only the facilitators ever see events of the kind.
func (k EventKind) StaffOnly() bool { return k.Reach == ReachStaff }

// Admits tells whether an audience follows the kind's reach.
func (k EventKind) Admits(a Audience) bool {
	switch k.Reach {
	case ReachEveryone:
		return a.All && !a.Staff && !a.Internal
	case ReachStaff:
		return a.Staff && !a.All && !a.Internal && len(a.Teams) == 0
	case ReachTeam:
		return a.Internal && !a.Staff && !a.All && len(a.Teams) == 1
	case ReachAddressed:
		return !a.Internal
	}
	return false
}

func kind(typ string, r Reach) EventKind {
	return EventKind{Type: typ, Reach: r, Label: "exercise:log.types." + typ}
}

// catalogue is every type of event an exercise's log holds: the one list
// that appends are checked against and the browser's list is generated
// from (cbmex events --ts).
var catalogue = []EventKind{
	kind(EvCreated, ReachStaff),
	kind(EvClock, ReachEveryone),
	kind(EvPhaseStarted, ReachEveryone),
	kind(EvPhaseClosed, ReachEveryone),
	kind(EvInjectReleased, ReachAddressed), // to its teams, all, or the facilitators only
	kind(EvInjectHeld, ReachStaff),
	kind(EvInjectUnheld, ReachStaff),
	kind(EvInjectSkipped, ReachStaff),
	kind(EvTriggerFired, ReachStaff),
	kind(EvTriggerDecided, ReachStaff),
	kind(EvAnswerUpdated, ReachTeam),
	kind(EvAnswerSubmit, ReachTeam),
	kind(EvAnswersShared, ReachEveryone),
	kind(EvNote, ReachStaff),
	kind(EvTeamRenamed, ReachStaff), // the delegation's name is for staff
	kind(EvJoined, ReachStaff),
	kind(EvRemoved, ReachStaff),
	kind(EvMessageSent, ReachAddressed),    // sender and recipients, or all
	kind(EvRequestUpdated, ReachAddressed), // as the request
	kind(EvRetagged, ReachStaff),
	kind(EvPoCUpdated, ReachEveryone),
	kind(EvCommCheck, ReachEveryone),
	kind(EvCommAck, ReachAddressed), // the acknowledging team
	kind(EvScore, ReachStaff),
	kind(EvAssessment, ReachStaff),
	kind(EvImprovement, ReachStaff),
	kind(EvPublished, ReachEveryone),
	kind(EvEvidenceJudged, ReachStaff),
	kind(EvTourOpened, ReachEveryone),
	kind(EvTourSpeaker, ReachEveryone),
	kind(EvTourClosed, ReachEveryone), // carries the statements, read out by now
	kind(EvStatementUpdated, ReachTeam),
	kind(EvActorVoiced, ReachStaff),
}

// Catalogue returns every event type, in a stable order.
func Catalogue() []EventKind { return slices.Clone(catalogue) }

// KindOf looks an event type up in the catalogue.
func KindOf(typ string) (EventKind, bool) {
	i := slices.IndexFunc(catalogue, func(k EventKind) bool { return k.Type == typ })
	if i < 0 {
		return EventKind{}, false
	}
	return catalogue[i], true
}

// checkEvents refuses an event of a type the catalogue lacks, or whose
// audience breaks its type's reach: a programming error, caught before
// anything is written rather than by a participant seeing a note.
func checkEvents(evs []NewEvent) error {
	for _, e := range evs {
		k, ok := KindOf(e.Type)
		if !ok {
			return fmt.Errorf("event type %q is not in the catalogue", e.Type)
		}
		if !k.Admits(e.Audience) {
			return fmt.Errorf("event type %q reaches %s; audience %+v does not", e.Type, k.Reach, e.Audience)
		}
	}
	return nil
}

// ClockData is the payload of exercise.clock.
type ClockData struct {
	Action        string  `json:"action"` // start, pause, resume, end, speed, jump
	Status        Status  `json:"status"`
	Speed         float64 `json:"speed"`
	OffsetSeconds float64 `json:"offset_seconds"`
	Phase         string  `json:"phase,omitempty"`
	// A jump's: the time it jumped from, what it did with the injects it
	// passed over (release or skip), and who jumped.
	FromSeconds float64 `json:"from_seconds,omitempty"`
	Overtaken   string  `json:"overtaken,omitempty"`
	By          string  `json:"by,omitempty"`
}

// PhaseData is the payload of phase.started: what every team reads when a
// phase begins, with its discussion questions.
type PhaseData struct {
	Key       string         `json:"key"`
	Title     string         `json:"title"`
	Clock     string         `json:"clock"`
	Situation string         `json:"situation"`
	Questions []QuestionData `json:"questions"`
	Localized
}

// Localized says which language a payload drawn from the scenario is in,
// and which of its fields stayed in the scenario's source language. Both
// are set only when it is read in another language (see LocalizeEvent).
type Localized struct {
	Lang     string   `json:"lang,omitempty"`
	Fallback []string `json:"fallback,omitempty"`
}

// QuestionData is one discussion question.
type QuestionData struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// InjectData is the payload of inject.released.
type InjectData struct {
	Key     string `json:"key"`
	Title   string `json:"title"`
	Phase   string `json:"phase,omitempty"`
	Channel string `json:"channel"`
	From    string `json:"from"`
	// FromActor is the simulated actor the inject comes from: the room
	// threads it with the team's messages to that actor.
	FromActor     string  `json:"from_actor,omitempty"`
	Body          string  `json:"body"`
	Teams         []int64 `json:"teams"` // receiving teams; empty with all or facilitators-only
	All           bool    `json:"all"`
	Source        string  `json:"source"`       // schedule, manual, trigger, adhoc, jump
	By            string  `json:"by,omitempty"` // who jumped, for source jump
	Trigger       string  `json:"trigger,omitempty"`
	Late          bool    `json:"late"`
	DueSeconds    float64 `json:"due_seconds"`
	OffsetSeconds float64 `json:"offset_seconds"`
	Localized
}

// KeyData names an inject, trigger or phase (held, unheld, skipped, fired, closed, shared).
type KeyData struct {
	Key      string   `json:"key"`
	Releases []string `json:"releases,omitempty"`
	Yes      *bool    `json:"yes,omitempty"`
	By       string   `json:"by,omitempty"`
	Jump     bool     `json:"jump,omitempty"` // skipped by a jump to a phase…
	// …which passed over this time the script had for it.
	DueSeconds *float64 `json:"due_seconds,omitempty"`
}

// AnswerData is a team's shared answer to a stage question.
type AnswerData struct {
	TeamID   int64  `json:"team_id"`
	Phase    string `json:"phase"`
	Question string `json:"question"`
	Text     string `json:"text"`
	By       string `json:"by"`
}

// SharedAnswersData is the payload of answers.shared: every team's answers
// to one phase's questions, made visible to all teams by the facilitators.
type SharedAnswersData struct {
	Phase   string       `json:"phase"`
	Answers []AnswerData `json:"answers"`
}

// NoteData is a facilitator's note.
type NoteData struct {
	Text string `json:"text"`
	By   string `json:"by"`
}

// TeamData names a team (renamed).
type TeamData struct {
	TeamID int64  `json:"team_id"`
	Name   string `json:"name"`
}

// ParticipantData is the payload of participant.joined and .removed.
type ParticipantData struct {
	ParticipantID int64  `json:"participant_id"`
	TeamID        int64  `json:"team_id,omitempty"`
	Name          string `json:"name"`
	SessionID     string `json:"session_id,omitempty"`
}

// MessageData is the payload of message.sent: one message from a team (or
// the facilitators' control cell, team 0) to teams, the control cell or all.
type MessageData struct {
	From      int64    `json:"from"` // team id; 0 = control cell
	FromName  string   `json:"from_name"`
	To        []int64  `json:"to"`
	ToControl bool     `json:"to_control,omitempty"`
	All       bool     `json:"all,omitempty"`
	Channel   string   `json:"channel"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"` // Markdown; rendered without raw HTML
	CBMs      []string `json:"cbms"`
	Kind      string   `json:"kind,omitempty"` // "" for a message; information, consultation or assistance for a request
	ReplyTo   int64    `json:"reply_to,omitempty"`
	// ToActors are the simulated actors the message is written to; like a
	// message to control, only its sender and the staff see it.
	ToActors []string `json:"to_actors,omitempty"`
	// FromActor is the simulated actor a facilitator wrote as (From is 0);
	// who wrote it is in the staff-only actor.voiced event.
	FromActor string `json:"from_actor,omitempty"`
	// Lang is the language the sender reads the exercise in: messages are
	// never translated, and a reader should know what they look at.
	Lang string `json:"lang,omitempty"`
	// TagSources says where each of CBMs came from (TagBySender,
	// TagByChannel…); absent on messages sent before it was recorded.
	TagSources map[string]string `json:"tag_sources,omitempty"`
}

// RequestUpdate is the payload of request.updated.
type RequestUpdate struct {
	Message int64  `json:"message"` // the request's seq
	Status  string `json:"status"`  // acknowledged, answered, declined, escalated
	TeamID  int64  `json:"team_id"` // who acted; 0 = control
	By      string `json:"by"`
	Note    string `json:"note,omitempty"`
	Answer  int64  `json:"answer,omitempty"` // the reply message's seq, for answered
	// Actor is the simulated actor that took the step (By is its name).
	Actor string `json:"actor,omitempty"`
}

// RetagData is a facilitator's correction of a message's CBM tags.
type RetagData struct {
	Message int64    `json:"message"`
	CBMs    []string `json:"cbms"`
	By      string   `json:"by"`
}

// PoCData is a team's points-of-contact entries (CBM 8 directory).
type PoCData struct {
	TeamID  int64      `json:"team_id"`
	Entries []PoCEntry `json:"entries"`
	By      string     `json:"by"`
}

// PoCEntry is one point of contact.
type PoCEntry struct {
	Role      string   `json:"role"` // policy or technical
	Name      string   `json:"name"`
	Channel   string   `json:"channel"`
	Hours     string   `json:"hours"`
	Languages []string `json:"languages"`
}

// CommCheckData is a communication check sent to every team's PoC.
type CommCheckData struct {
	Text string `json:"text"`
	By   string `json:"by"`
}

// CommAckData acknowledges a communication check.
type CommAckData struct {
	Check  int64  `json:"check"`
	TeamID int64  `json:"team_id"`
	By     string `json:"by"`
}
