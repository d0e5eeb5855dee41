package httpapi

import (
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

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
	Title          string             `json:"title"`
	Summary        string             `json:"summary"`
	SourceLanguage string             `json:"source_language"`
	Teams          []teamBriefingJSON `json:"teams"`
	exercise.Localized
}

type teamBriefingJSON struct {
	TeamID          int64     `json:"team_id"`
	Name            string    `json:"name"`
	Kind            string    `json:"kind"`
	Briefing        string    `json:"briefing"`
	PointsOfContact []pocJSON `json:"points_of_contact"`
	Fallback        []string  `json:"fallback,omitempty"`
}

// toBriefingJSON shows the briefings of sc, the scenario read in lang (fb:
// the texts that stayed in the source language).
func toBriefingJSON(sc *scenario.Scenario, fb scenario.Fallbacks, lang string, bs []exercise.Briefing) briefingJSON {
	out := briefingJSON{Title: sc.Title, Summary: sc.Summary, SourceLanguage: sc.SourceLanguage()}
	if fb != nil {
		out.Localized = exercise.LocalizedFields(lang, fb, "", "title", "summary")
	}
	for _, b := range bs {
		tj := toTeamJSON(b.Scenario)
		tb := teamBriefingJSON{TeamID: b.Team.ID, Name: b.Team.Name, Kind: tj.Kind, Briefing: tj.Briefing, PointsOfContact: tj.PointsOfContact}
		if fb != nil {
			tb.Fallback = exercise.LocalizedFields(lang, fb, "teams."+b.Scenario.Key, "name", "briefing").Fallback
		}
		out.Teams = append(out.Teams, tb)
	}
	if out.Teams == nil {
		out.Teams = []teamBriefingJSON{}
	}
	return out
}
