package scenario

import (
	"slices"
	"time"
)

// Scenario is one parsed and validated scenario file. Optional fields are
// pointers or empty slices; every offset is a time.Duration from the start of
// the exercise (exercise time, which the facilitators can pause and speed up).
type Scenario struct {
	ID         string
	Version    int
	Title      string
	Summary    string // Markdown
	Languages  []string
	Duration   time.Duration
	Level      Level
	Audience   []string
	Themes     []string
	Catalogue  string   // catalogue id; DefaultCatalogue when the file names none
	CBMs       []string // item keys of the CBMs in focus, e.g. "8"
	Objectives []Objective
	Channels   []Channel // extra channels declared by the scenario (DefaultChannels are always there)
	Teams      []Team
	Actors     []Actor // simulated actors the control cell plays
	Phases     []Phase
	Injects    []Inject
	Triggers   []Trigger
	Rubric     Rubric

	// Where the id was written, so a library-wide check can point at it.
	file          string
	idLine, idCol int
}

// Level is the intended experience of the participants.
type Level string

const (
	LevelIntroductory Level = "introductory"
	LevelIntermediate Level = "intermediate"
	LevelAdvanced     Level = "advanced"
)

// Objective is a learning objective of the exercise.
type Objective struct {
	Key  string
	Text string
	CBMs []string
}

// Channel is a message channel teams can use to write to each other.
type Channel struct {
	Key   string
	Title string
	CBMs  []string
	// AllTeams is set for channels whose messages every team sees.
	AllTeams bool
	// Control is set for the facilitators' cell.
	Control bool
	// Kinds are the team kinds that may use the channel; none means every
	// kind. The CBMs are measures between participating States, so their
	// formal channels are for States' teams only.
	Kinds []TeamKind
}

// statesOnly is the Kinds of the channels only States' teams may use.
var statesOnly = []TeamKind{KindState}

// Allows tells whether a team of the given kind may use the channel.
func (c Channel) Allows(kind TeamKind) bool {
	return len(c.Kinds) == 0 || slices.Contains(c.Kinds, kind)
}

// DefaultChannels exist in every exercise, with the CBMs they embody.
var DefaultChannels = []Channel{
	{Key: "poc_hotline", Title: "Point-of-contact hotline", CBMs: []string{"8"}},
	{Key: "osce_network", Title: "OSCE Communications Network", CBMs: []string{"10"}, Kinds: statesOnly},
	{Key: "diplomatic_note", Title: "Diplomatic note", Kinds: statesOnly},
	{Key: "consultation_request", Title: "Consultation request", CBMs: []string{"3"}, Kinds: statesOnly},
	{Key: "public_statement", Title: "Public statement", AllTeams: true},
	{Key: "control", Title: "Exercise control (facilitators)", Control: true},
}

// Team is one State or organisation played by a group of participants.
type Team struct {
	Key             string
	Name            string
	Kind            TeamKind
	Briefing        string // Markdown, seen only by this team
	PointsOfContact []PointOfContact
}

// TeamKind says whether a team plays a State or an organisation.
type TeamKind string

const (
	KindState        TeamKind = "state"
	KindOrganisation TeamKind = "organisation"
)

// PointOfContact pre-fills a team's entry in the CBM 8 directory.
type PointOfContact struct {
	Role      PoCRole
	Name      string
	Channel   string // a default or scenario channel key; "" when not given
	Hours     string
	Languages []string
}

// PoCRole is the community a point of contact belongs to.
type PoCRole string

const (
	RolePolicy    PoCRole = "policy"
	RoleTechnical PoCRole = "technical"
)

// Phase is a block of scenario time with its situation update.
type Phase struct {
	Key       string
	Title     string
	Clock     string // label for the exercise clock, e.g. "Day 1, 06:30 local"
	StartsAt  time.Duration
	Situation string // Markdown
	Questions []Question
}

// Question is a discussion question put to every team during a phase.
type Question struct {
	Key  string
	Text string
}

// InjectChannel is how an inject reaches the players.
type InjectChannel string

// The inject channels, as on a Master Scenario Events List.
const (
	InjectNews               InjectChannel = "news"
	InjectIntelligenceReport InjectChannel = "intelligence_report"
	InjectOfficialNote       InjectChannel = "official_note"
	InjectSocialMedia        InjectChannel = "social_media"
	InjectEmail              InjectChannel = "email"
	InjectPhoneCall          InjectChannel = "phone_call"
	InjectSituationReport    InjectChannel = "situation_report"
)

// InjectChannels lists every valid inject channel.
var InjectChannels = []InjectChannel{InjectNews, InjectIntelligenceReport, InjectOfficialNote,
	InjectSocialMedia, InjectEmail, InjectPhoneCall, InjectSituationReport}

// Inject is one piece of information released to players during play.
//
// Exactly one of At, After or Contingency says when: a fixed offset, an
// offset from another inject's release, or held for a trigger or a facilitator.
type Inject struct {
	Key     string
	Title   string
	Phase   string
	Channel InjectChannel
	From    string
	// FromActor is the key of the simulated actor the inject comes from, so
	// the room threads it with the team's messages to that actor.
	FromActor        string
	Audience         Audience
	At               *time.Duration
	After            *After
	Contingency      bool
	Body             string // Markdown
	FacilitatorNotes string // Markdown, facilitators only
	// CommCheck makes the release also a communication check: every team's
	// points of contact are asked to acknowledge, and the time is measured.
	CommCheck       bool
	ExpectedActions []ExpectedAction
}

// After times an inject relative to the release of another inject.
type After struct {
	Inject string
	Delay  time.Duration
}

// Audience says who receives an inject.
type Audience struct {
	// All and Facilitators are exclusive; when both are false, Teams lists
	// the receiving teams.
	All          bool
	Facilitators bool
	Teams        []string
}

// Includes reports whether the team receives an inject with this audience.
func (a Audience) Includes(team string) bool {
	if a.All {
		return true
	}
	for _, t := range a.Teams {
		if t == team {
			return true
		}
	}
	return false
}

// ExpectedAction is what the designers hope a team does after an inject,
// and what would show that it happened. Every matcher field is optional;
// the zero value of each is its default.
type ExpectedAction struct {
	Key string
	// Teams are the teams expected to act (team: one key or a list); none
	// means every team in the inject's audience.
	Teams  []string
	Text   string
	CBMs   []string
	Within *time.Duration // from the inject's release; later is "late"

	// ShownBy is what shows the action; "" means ShownByMessage.
	ShownBy ShownBy
	// NotObservable is set for what no record can show (reading a
	// briefing): the evaluators judge it, and the report never says "not
	// observed" of it.
	NotObservable bool
	// To, Channels and Kind describe the message that shows the action:
	// one of the recipients (team keys, ToAnyTeam, ToControl, actor:<key>), one of the
	// channels, the request kind. A message that fits every one given is
	// the evidence; one that only carries a CBM tag is a candidate.
	To       []string
	Channels []string
	Kind     RequestKind
	// From is where the window in which evidence counts opens; "" means
	// FromPhaseStart. It stays open after Within: a later match is late.
	From WindowStart

	// unable are the teams of the audience that may use none of Channels
	// (organisations, on the States' channels): with Teams left empty the
	// action is not expected of them.
	unable []string
}

// ShownBy names the record that shows an expected action.
type ShownBy string

const (
	// ShownByMessage: a message or request the team sends.
	ShownByMessage ShownBy = "message"
	// ShownByPoCEntry: the team saves its points-of-contact entry.
	ShownByPoCEntry ShownBy = "poc_entry"
	// ShownByCommCheckAck: the team acknowledges a communication check.
	ShownByCommCheckAck ShownBy = "commcheck_ack"
	// ShownByAnswers: the team has answered every discussion question of
	// the inject's phase.
	ShownByAnswers ShownBy = "answers"
)

// ShownByValues lists every value of shown_by.
var ShownByValues = []ShownBy{ShownByMessage, ShownByPoCEntry, ShownByCommCheckAck, ShownByAnswers}

// WindowStart names when the window of an expected action opens.
type WindowStart string

const (
	FromExerciseStart WindowStart = "exercise_start"
	FromPhaseStart    WindowStart = "phase_start" // of the inject's phase
	FromRelease       WindowStart = "release"     // of the inject
)

// WindowStarts lists every value of from.
var WindowStarts = []WindowStart{FromExerciseStart, FromPhaseStart, FromRelease}

// The recipients an expected action's to may name besides team keys.
// A simulated actor is named ActorPrefix + its key, e.g. "actor:secretariat".
const (
	ToAnyTeam = "any_team"
	ToControl = "control"
)

// ExpectedOf tells whether the action is expected of the team with the key.
func (a ExpectedAction) ExpectedOf(team string) bool {
	if len(a.Teams) == 0 {
		return !slices.Contains(a.unable, team)
	}
	return slices.Contains(a.Teams, team)
}

// Shows is what shows the action, with the default filled in.
func (a ExpectedAction) Shows() ShownBy {
	if a.ShownBy == "" {
		return ShownByMessage
	}
	return a.ShownBy
}

// Start is where the action's window opens, with the default filled in.
func (a ExpectedAction) Start() WindowStart {
	if a.From == "" {
		return FromPhaseStart
	}
	return a.From
}

// Specific tells whether the action says which message shows it (to,
// channels or kind), beyond CBM tags.
func (a ExpectedAction) Specific() bool {
	return len(a.To) > 0 || len(a.Channels) > 0 || a.Kind != ""
}

// Trigger releases contingency injects when its condition holds.
type Trigger struct {
	Key       string
	Title     string
	Condition Condition
	Release   []string // inject keys, all contingency injects
}

// ConditionType names what a trigger watches for.
type ConditionType string

const (
	// CondMessage holds once a matching message has been sent.
	CondMessage ConditionType = "message"
	// CondNoMessage holds if no matching message was sent by the deadline.
	CondNoMessage ConditionType = "no_message"
	// CondRequestAnswered holds once a matching request has been answered.
	CondRequestAnswered ConditionType = "request_answered"
	// CondRequestUnanswered holds if a matching request is still unanswered at the deadline.
	CondRequestUnanswered ConditionType = "request_unanswered"
	// CondFacilitatorDecision holds when a facilitator answers the prompt with yes.
	CondFacilitatorDecision ConditionType = "facilitator_decision"
)

// RequestKind is the kind of a request message (consultation, information…).
type RequestKind string

const (
	RequestInformation  RequestKind = "information"
	RequestConsultation RequestKind = "consultation"
	RequestAssistance   RequestKind = "assistance"
)

// RequestKinds lists every request kind.
var RequestKinds = []RequestKind{RequestInformation, RequestConsultation, RequestAssistance}

// kindCBMs are the measures of the OSCE catalogue a request kind usually
// exercises: consultations are CBM 3; information and assistance go
// between competent bodies (CBM 2) over the routes CBM 13 clarifies.
var kindCBMs = map[RequestKind][]string{
	RequestConsultation: {"3"},
	RequestInformation:  {"2"},
	RequestAssistance:   {"2", "13"},
}

// Condition is a declarative test on what teams did or did not do. Empty
// strings mean "any".
type Condition struct {
	Type     ConditionType
	From     string
	To       string
	CBM      string
	Channel  string
	Kind     RequestKind
	Deadline *Deadline
	Prompt   string
}

// Deadline is either a fixed offset (At) or a delay after an inject's release.
type Deadline struct {
	At    *time.Duration
	After *After
}

// Scale is how facilitators rate a rubric criterion.
type Scale string

const (
	// ScalePSMU is the HSEEP rating: Performed without challenges, with Some
	// challenges, with Major challenges, Unable to be performed.
	ScalePSMU Scale = "psmu"
	// ScaleNumeric is a 0–4 score.
	ScaleNumeric Scale = "numeric"
)

// Rubric is how each team is scored.
type Rubric struct {
	Scale    Scale
	Criteria []Criterion
}

// Criterion is one line of a team's scorecard.
type Criterion struct {
	Key         string
	Title       string
	Description string
	CBMs        []string
	Injects     []string
	Objective   string
}
