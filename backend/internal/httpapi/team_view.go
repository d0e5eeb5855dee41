package httpapi

import "github.com/cbmex/cbmex/backend/internal/exercise"

// teamEnvelope answers a team's rename and new code.
type teamEnvelope struct {
	Team teamViewJSON `json:"team"`
}

// staffTeamJSON is a team as staff see it, with its join code and link.
func staffTeamJSON(t *exercise.Team) teamViewJSON {
	return teamViewJSON{ID: t.ID, Key: t.Key, Name: t.Name, JoinCode: t.JoinCode, JoinPath: "/join?code=" + t.JoinCode}
}

// briefingJSON answers GET /exercises/{id}/briefing.
type briefingJSON struct {
	Title   string             `json:"title"`
	Summary string             `json:"summary"`
	Teams   []teamBriefingJSON `json:"teams"`
}

type teamBriefingJSON struct {
	TeamID          int64     `json:"team_id"`
	Name            string    `json:"name"`
	Kind            string    `json:"kind"`
	Briefing        string    `json:"briefing"`
	PointsOfContact []pocJSON `json:"points_of_contact"`
}

func toTeamBriefingJSON(b exercise.Briefing) teamBriefingJSON {
	tj := toTeamJSON(b.Scenario)
	return teamBriefingJSON{TeamID: b.Team.ID, Name: b.Team.Name, Kind: tj.Kind, Briefing: tj.Briefing, PointsOfContact: tj.PointsOfContact}
}
