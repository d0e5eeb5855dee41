package exercise

import "github.com/cbmex/cbmex/backend/internal/scenario"

// DirectoryEntry is one team's points of contact in the CBM 8 directory.
type DirectoryEntry struct {
	Team    Team
	Entries []PoCEntry
	// UpdatedBy names who last saved the team's entries; "" while the
	// scenario's pre-filled ones stand.
	UpdatedBy string
	Complete  bool // see PoCComplete
}

// Directory lists every team's points of contact; every team sees all of
// them, as in the real CBM 8 network.
func (p *Projection) Directory(sc *scenario.Scenario, teams []Team) []DirectoryEntry {
	out := make([]DirectoryEntry, 0, len(teams))
	for _, t := range teams {
		entries, by := p.PointsOfContact(sc, t)
		out = append(out, DirectoryEntry{Team: t, Entries: entries, UpdatedBy: by, Complete: PoCComplete(entries)})
	}
	return out
}

// PointsOfContact is a team's entries: the latest it saved (and who saved
// them), else those the scenario pre-fills for it.
func (p *Projection) PointsOfContact(sc *scenario.Scenario, t Team) ([]PoCEntry, string) {
	if d, ok := p.PoC[t.ID]; ok {
		return d.Entries, d.By
	}
	entries := []PoCEntry{}
	if st, ok := sc.Team(t.Key); ok {
		for _, e := range st.PointsOfContact {
			entries = append(entries, prefilled(e))
		}
	}
	return entries, ""
}

// prefilled is a scenario's point of contact as a team would have saved it
// (SetPoC stores languages as a list, never nil).
func prefilled(e scenario.PointOfContact) PoCEntry {
	langs := e.Languages
	if langs == nil {
		langs = []string{}
	}
	return PoCEntry{Role: string(e.Role), Name: e.Name, Channel: e.Channel, Hours: e.Hours, Languages: langs}
}

// PoCComplete tells whether entries name both a policy and a technical
// point of contact, which is what CBM 8 asks of every participating State.
func PoCComplete(entries []PoCEntry) bool {
	return named(entries, "policy") && named(entries, "technical")
}

func named(entries []PoCEntry, role string) bool {
	for _, e := range entries {
		if e.Role == role && e.Name != "" {
			return true
		}
	}
	return false
}
