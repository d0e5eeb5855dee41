package exercise

import (
	"slices"
	"sort"
	"time"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// State is what has happened so far in an exercise, as the planner needs it.
// Team keys are the scenario's keys.
type State struct {
	Now           time.Duration            // exercise time
	Released      map[string]time.Duration // inject key → exercise time of its release
	Held          map[string]bool          // injects a facilitator holds back
	Skipped       map[string]bool          // injects a facilitator dropped
	PhasesStarted map[string]bool
	Fired         map[string]bool // triggers that have fired
	Decisions     map[string]bool // facilitator_decision triggers answered "yes"
	Messages      []MessageFact
	Requests      []RequestFact
}

// MessageFact is one message sent between teams.
type MessageFact struct {
	At      time.Duration
	From    string
	To      []string
	Channel string
	CBMs    []string
	Kind    string
}

// RequestFact is one request (information, consultation, assistance) and
// when it was answered.
type RequestFact struct {
	MessageFact
	AnsweredAt *time.Duration
}

// DueKind says what falls due.
type DueKind string

// What the planner can ask the caller to do.
const (
	DuePhase   DueKind = "phase"
	DueInject  DueKind = "inject"
	DueTrigger DueKind = "trigger"
)

// Due is one thing to do now. The caller records it exactly once (a unique
// key per exercise decides, so replicas racing on it do no harm).
type Due struct {
	Kind  DueKind
	Key   string
	DueAt time.Duration // exercise time it fell due
	// Releases lists the contingency injects a firing trigger releases.
	Releases []string
	// Trigger names the trigger that released an inject, if one did.
	Trigger string
}

// Plan returns what is due at st.Now, in order: phases, then injects by due
// time, then triggers. Calling it again after recording the results returns
// what became due because of them (an inject timed after one just released).
func Plan(s *scenario.Scenario, st State) []Due {
	var out []Due
	for _, p := range s.Phases {
		if p.StartsAt <= st.Now && !st.PhasesStarted[p.Key] {
			out = append(out, Due{Kind: DuePhase, Key: p.Key, DueAt: p.StartsAt})
		}
	}
	var injects []Due
	byTrigger := releasedByFiredTriggers(s, st)
	for _, in := range s.Injects {
		if at, ok := ScheduledAt(in, st); ok && at <= st.Now {
			injects = append(injects, Due{Kind: DueInject, Key: in.Key, DueAt: at})
		} else if trig, ok := byTrigger[in.Key]; ok && waiting(in.Key, st) {
			injects = append(injects, Due{Kind: DueInject, Key: in.Key, DueAt: st.Now, Trigger: trig})
		}
	}
	sort.SliceStable(injects, func(i, j int) bool { return injects[i].DueAt < injects[j].DueAt })
	out = append(out, injects...)
	for _, t := range s.Triggers {
		if st.Fired[t.Key] {
			continue
		}
		if at, ok := Holds(t.Condition, t.Key, st); ok {
			out = append(out, Due{Kind: DueTrigger, Key: t.Key, DueAt: at, Releases: t.Release})
		}
	}
	return out
}

// releasedByFiredTriggers maps each inject that a fired trigger releases to
// that trigger. Firing is recorded first and the releases follow from it, so
// a crash between the two loses nothing: the next plan releases them.
func releasedByFiredTriggers(s *scenario.Scenario, st State) map[string]string {
	out := map[string]string{}
	for _, t := range s.Triggers {
		if st.Fired[t.Key] {
			for _, k := range t.Release {
				if _, seen := out[k]; !seen {
					out[k] = t.Key
				}
			}
		}
	}
	return out
}

// waiting tells whether an inject is neither released nor skipped. A held
// inject released by a trigger still goes out: the facilitator chose the
// trigger when writing the scenario, and can skip the inject instead.
func waiting(key string, st State) bool {
	_, done := st.Released[key]
	return !done && !st.Skipped[key]
}

// ScheduledAt returns when an inject falls due by the script, if it is not
// yet released, held or skipped and its time is known: an at offset, or a
// delay after the actual release of another inject (so pauses and late
// releases shift everything after them). Contingency injects wait for a
// trigger or a facilitator.
func ScheduledAt(in scenario.Inject, st State) (time.Duration, bool) {
	if _, done := st.Released[in.Key]; done || st.Held[in.Key] || st.Skipped[in.Key] || in.Contingency {
		return 0, false
	}
	switch {
	case in.At != nil:
		return *in.At, true
	case in.After != nil:
		base, ok := st.Released[in.After.Inject]
		return base + in.After.Delay, ok
	}
	return 0, false
}

// Holds tells whether a trigger's condition holds at st.Now and since when.
func Holds(c scenario.Condition, triggerKey string, st State) (time.Duration, bool) {
	deadline, hasDeadline := deadlineOf(c, st)
	if c.Deadline != nil && !hasDeadline {
		return 0, false // timed after an inject not released yet
	}
	before := func(at time.Duration) bool { return !hasDeadline || at <= deadline }
	switch c.Type {
	case scenario.CondMessage:
		return firstMessage(c, st.Messages, before)
	case scenario.CondNoMessage:
		if st.Now < deadline {
			return 0, false
		}
		_, sent := firstMessage(c, st.Messages, before)
		return deadline, !sent
	case scenario.CondRequestAnswered:
		for _, r := range st.Requests {
			if matches(c, r.MessageFact) && r.AnsweredAt != nil && before(*r.AnsweredAt) && *r.AnsweredAt <= st.Now {
				return *r.AnsweredAt, true
			}
		}
	case scenario.CondRequestUnanswered:
		if st.Now < deadline {
			return 0, false
		}
		for _, r := range st.Requests {
			if matches(c, r.MessageFact) && r.At <= deadline && (r.AnsweredAt == nil || *r.AnsweredAt > deadline) {
				return deadline, true
			}
		}
	case scenario.CondFacilitatorDecision:
		return st.Now, st.Decisions[triggerKey]
	}
	return 0, false
}

func deadlineOf(c scenario.Condition, st State) (time.Duration, bool) {
	switch {
	case c.Deadline == nil:
		return 0, false
	case c.Deadline.At != nil:
		return *c.Deadline.At, true
	case c.Deadline.After != nil:
		base, ok := st.Released[c.Deadline.After.Inject]
		return base + c.Deadline.After.Delay, ok
	}
	return 0, false
}

func firstMessage(c scenario.Condition, msgs []MessageFact, before func(time.Duration) bool) (time.Duration, bool) {
	for _, m := range msgs {
		if matches(c, m) && before(m.At) {
			return m.At, true
		}
	}
	return 0, false
}

// matches tests a message against a condition's filters; empty means any.
func matches(c scenario.Condition, m MessageFact) bool {
	return (c.From == "" || c.From == m.From) &&
		(c.To == "" || slices.Contains(m.To, c.To)) &&
		(c.CBM == "" || slices.Contains(m.CBMs, c.CBM)) &&
		(c.Channel == "" || c.Channel == m.Channel) &&
		(c.Kind == "" || string(c.Kind) == m.Kind)
}
