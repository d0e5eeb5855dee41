package workshop

import (
	"net/http"
	"slices"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
)

// Act is something staff do in a workshop's exercises that not every duty
// may do. Reading is not an act: every staff member of the workshop reads
// everything staff read (the MSEL, triggers, who joined, scores, notes).
type Act string

// The acts, one per group of staff routes (the route is named beside each
// in the table below).
const (
	ActCreateExercise Act = "create_exercise"
	ActClock          Act = "clock"
	ActInject         Act = "inject"
	ActAdHocInject    Act = "adhoc_inject"
	ActTrigger        Act = "trigger"
	ActPhase          Act = "phase"
	ActControlCell    Act = "control_cell"
	ActCommCheck      Act = "comm_check"
	ActTeam           Act = "team"
	ActParticipant    Act = "participant"
	ActNote           Act = "note"
	ActScore          Act = "score"
	ActAssess         Act = "assess"
	ActImprovement    Act = "improvement"
	ActRetag          Act = "retag"
	ActEvidence       Act = "evidence"
	ActPublish        Act = "publish"
	ActTour           Act = "tour"
)

// Who runs the play and who judges it, as exercise staff split the work: a
// controller runs the timeline and the white cell, an evaluator observes
// and scores, the lead facilitator does both.
var (
	control = []Duty{DutyLead, DutyController}
	judge   = []Duty{DutyLead, DutyEvaluator}
	anyDuty = []Duty{DutyLead, DutyController, DutyEvaluator}
)

// mayDo is the one table of who may do what in the room. Admins may do
// everything (StaffDuty makes them leads). A route not listed here is a read,
// or a workshop-wide route with its own rule (admins edit workshops).
var mayDo = map[Act][]Duty{
	// Playing the scenario: the controller's work. Evaluators watch it
	// happen so that what they score is not of their own making.
	ActCreateExercise: control, // POST /exercises: choosing the scenario and making the teams' codes sets up the timeline
	ActClock:          control, // POST /exercises/{id}/start|pause|resume|end|speed|jump
	ActInject:         control, // POST /exercises/{id}/injects/{key}/release|hold|unhold|skip
	ActAdHocInject:    control, // POST /exercises/{id}/injects
	ActTrigger:        control, // POST /exercises/{id}/triggers/{key}/decide: a trigger releases injects
	ActPhase:          control, // POST /exercises/{id}/phases/{phase}/close|share: steers the stage discussion
	ActTour:           control, // POST /exercises/{id}/phases/{phase}/tour, …/tour/next|close: moderates the plenary round
	ActControlCell:    control, // POST /exercises/{id}/messages and …/messages/{msg}/acknowledge|answer|decline|escalate as the control cell: the white cell plays the actors
	ActCommCheck:      control, // POST /exercises/{id}/commchecks: a message to every team
	ActTeam:           control, // PATCH /exercises/{id}/teams/{team}, POST …/teams/{team}/code: seating the delegations
	ActParticipant:    control, // DELETE /exercises/{id}/participants/{pid}: who is in the room
	// Observations are everyone's: a controller sees things an evaluator
	// should know, and the other way round.
	ActNote: anyDuty, // POST /exercises/{id}/notes
	// Judging the play: the evaluators' work. A controller who released the
	// injects does not also grade the answers to them.
	ActScore:       judge, // PUT /exercises/{id}/scores
	ActAssess:      judge, // PUT /exercises/{id}/assessments/{team}
	ActImprovement: judge, // POST /exercises/{id}/improvements
	ActRetag:       judge, // PUT /exercises/{id}/messages/{msg}/tags: which CBMs a message used is evidence for the scores
	ActEvidence:    judge, // PUT /exercises/{id}/evidence: confirming or rejecting a candidate is judging evidence
	ActPublish:     judge, // POST /exercises/{id}/report/publish: the report is the evaluators' word
}

// StaffDuty is what the caller does in the workshop's exercises: an admin
// may do everything, as a lead facilitator does; an assigned facilitator
// their duty. ok is false for anyone who does not run the workshop.
func (w *Workshop) StaffDuty(p *auth.Principal) (d Duty, ok bool) {
	if !CanRun(p, w) {
		return "", false
	}
	if p.Role == auth.RoleAdmin {
		return DutyLead, true
	}
	return w.DutyOf(p.User.ID), true
}

// Allow says whether a staff member with duty d may do act: nil, or a 403
// whose message names the duties that may.
func Allow(d Duty, act Act) error {
	who, known := mayDo[act]
	if known && slices.Contains(who, d) {
		return nil
	}
	return apperr.New(http.StatusForbidden, "duty_not_allowed",
		"In this workshop you are "+dutyName(d)+"; only "+dutyList(who)+" may do this.")
}

// DutiesFor lists the duties that may do act, lead first.
func DutiesFor(act Act) []Duty { return append([]Duty(nil), mayDo[act]...) }

// Acts lists every act of the table, sorted.
func Acts() []Act {
	out := make([]Act, 0, len(mayDo))
	for a := range mayDo {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

func dutyName(d Duty) string {
	switch d {
	case DutyLead:
		return "the lead facilitator"
	case DutyController:
		return "a controller"
	case DutyEvaluator:
		return "an evaluator"
	}
	return "not on the staff"
}

// dutyList names duties in a sentence: "the lead facilitator or an evaluator".
func dutyList(ds []Duty) string {
	if len(ds) == 0 {
		return "an administrator"
	}
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = dutyName(d)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
