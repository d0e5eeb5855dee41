package exercise

import "github.com/cbmex/cbmex/backend/internal/scenario"

// Briefing is a team's briefing from the scenario.
type Briefing struct {
	Team     Team
	Scenario scenario.Team // the briefing, its kind and pre-filled points of contact
}

// Briefings lists the team briefings v may read: a participant their own
// team's; staff and observers every team's (each was given to a team, none
// is staff-only).
func Briefings(sc *scenario.Scenario, teams []Team, v Viewer) []Briefing {
	out := make([]Briefing, 0, len(teams))
	for _, t := range teams {
		if !CanSee(v, TeamsOnly(t.ID)) {
			continue
		}
		if st, ok := sc.Team(t.Key); ok {
			out = append(out, Briefing{Team: t, Scenario: *st})
		}
	}
	return out
}
