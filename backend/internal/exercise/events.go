package exercise

// Event types. Every change to an exercise is one of these in its log.
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
)

// ClockData is the payload of exercise.clock.
type ClockData struct {
	Action        string  `json:"action"` // start, pause, resume, end, speed, jump
	Status        Status  `json:"status"`
	Speed         float64 `json:"speed"`
	OffsetSeconds float64 `json:"offset_seconds"`
	Phase         string  `json:"phase,omitempty"`
}

// PhaseData is the payload of phase.started: what every team reads when a
// phase begins, with its discussion questions.
type PhaseData struct {
	Key       string         `json:"key"`
	Title     string         `json:"title"`
	Clock     string         `json:"clock"`
	Situation string         `json:"situation"`
	Questions []QuestionData `json:"questions"`
}

// QuestionData is one discussion question.
type QuestionData struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// InjectData is the payload of inject.released.
type InjectData struct {
	Key           string  `json:"key"`
	Title         string  `json:"title"`
	Phase         string  `json:"phase,omitempty"`
	Channel       string  `json:"channel"`
	From          string  `json:"from"`
	Body          string  `json:"body"`
	Teams         []int64 `json:"teams"` // receiving teams; empty with all or facilitators-only
	All           bool    `json:"all"`
	Source        string  `json:"source"` // schedule, manual, trigger, adhoc
	Trigger       string  `json:"trigger,omitempty"`
	Late          bool    `json:"late"`
	DueSeconds    float64 `json:"due_seconds"`
	OffsetSeconds float64 `json:"offset_seconds"`
}

// KeyData names an inject, trigger or phase (held, unheld, skipped, fired, closed, shared).
type KeyData struct {
	Key      string   `json:"key"`
	Releases []string `json:"releases,omitempty"`
	Yes      *bool    `json:"yes,omitempty"`
	By       string   `json:"by,omitempty"`
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
}

// RequestUpdate is the payload of request.updated.
type RequestUpdate struct {
	Message int64  `json:"message"` // the request's seq
	Status  string `json:"status"`  // acknowledged, answered, declined, escalated
	TeamID  int64  `json:"team_id"` // who acted; 0 = control
	By      string `json:"by"`
	Note    string `json:"note,omitempty"`
	Answer  int64  `json:"answer,omitempty"` // the reply message's seq, for answered
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
