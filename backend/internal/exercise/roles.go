package exercise

import "github.com/cbmex/cbmex/backend/internal/scenario"

// Role is the team's role in the scenario (a fictional State): the name the
// room shows participants and the reports, CSVs and dashboard use. Every
// exercise team is made from a team of the pinned scenario, under the
// scenario's name, and keeps its key; a later staff rename (RenameTeam: the
// real delegation playing it) changes only Name, so the scenario snapshot
// still holds the role. A team the scenario does not know (none today)
// goes by its key: a name no one chose as a role must not stand in for one.
func (t Team) Role(sc *scenario.Scenario) string {
	if st, ok := sc.Team(t.Key); ok {
		return st.Name
	}
	return t.Key
}

// Delegation is the real delegation staff recorded for the team (a rename),
// "" when the team still goes by its role.
func (t Team) Delegation(sc *scenario.Scenario) string {
	if t.Name == t.Role(sc) {
		return ""
	}
	return t.Name
}

// AsRoles returns teams named by their roles, for readers who are not staff.
func AsRoles(sc *scenario.Scenario, teams []Team) []Team {
	out := make([]Team, len(teams))
	for i, t := range teams {
		t.Name = t.Role(sc)
		out[i] = t
	}
	return out
}
