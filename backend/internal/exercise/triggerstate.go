package exercise

import "github.com/cbmex/cbmex/backend/internal/scenario"

// TriggerState is one of the scenario's triggers and what became of it.
type TriggerState struct {
	scenario.Trigger
	Fired bool
	// Decision is the facilitators' answer to a facilitator_decision
	// trigger; nil until they give one.
	Decision *bool
}

// TriggerStates lists the scenario's triggers, in its order, with whether
// each has fired and the facilitators' decision.
func (p *Projection) TriggerStates(sc *scenario.Scenario) []TriggerState {
	out := make([]TriggerState, 0, len(sc.Triggers))
	for _, t := range sc.Triggers {
		ts := TriggerState{Trigger: t, Fired: p.Fired[t.Key]}
		if yes, decided := p.Decisions[t.Key]; decided {
			ts.Decision = &yes
		}
		out = append(out, ts)
	}
	return out
}
