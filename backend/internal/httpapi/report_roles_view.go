package httpapi

import (
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// teamRoleJSON names a team by its role in the scenario; the delegation
// playing it only when the workshop turned on attributed results.
type teamRoleJSON struct {
	TeamID     int64  `json:"team_id"`
	Key        string `json:"key"`
	Name       string `json:"name"`
	Delegation string `json:"delegation,omitempty"`
}

func toTeamRoleJSON(r scoring.TeamRole) teamRoleJSON {
	return teamRoleJSON{TeamID: r.TeamID, Key: r.Key, Name: r.Name, Delegation: r.Delegation}
}

// toAttributedTeamJSON is a team's scorecard with the delegation beside
// the role when the report is attributed.
func toAttributedTeamJSON(t scoring.TeamReport) teamReportJSON {
	out := toTeamReportJSON(t)
	out.Delegation = t.Delegation
	return out
}

func toAttributionJSON(a *workshop.Attribution) *attributionJSON {
	if a == nil {
		return nil
	}
	return &attributionJSON{Reason: a.Reason, By: a.By, At: a.At}
}
