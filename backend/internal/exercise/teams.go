package exercise

import "github.com/cbmex/cbmex/backend/internal/scenario"

// AudienceOf turns a scenario audience (team keys) into team ids.
func AudienceOf(a scenario.Audience, teams []Team) Audience {
	switch {
	case a.All:
		return Everyone
	case a.Facilitators:
		return StaffOnly
	}
	return TeamsOnly(teamIDs(a.Teams, teams)...)
}

func teamIDs(keys []string, teams []Team) []int64 {
	ids := []int64{}
	for _, k := range keys {
		for _, t := range teams {
			if t.Key == k {
				ids = append(ids, t.ID)
			}
		}
	}
	return ids
}

func allKnown(ids []int64, teams []Team) bool {
	for _, id := range ids {
		found := false
		for _, t := range teams {
			found = found || t.ID == id
		}
		if !found {
			return false
		}
	}
	return true
}
