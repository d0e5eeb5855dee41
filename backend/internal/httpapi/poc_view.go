package httpapi

import "github.com/cbmex/cbmex/backend/internal/exercise"

// directoryJSON answers GET /exercises/{id}/poc.
type directoryJSON struct {
	Directory []directoryEntryJSON `json:"directory"`
}

type directoryEntryJSON struct {
	TeamID    int64     `json:"team_id"`
	Team      string    `json:"team"`
	Entries   []pocJSON `json:"entries"`
	UpdatedBy string    `json:"updated_by"` // "" while the scenario's entries stand
	Complete  bool      `json:"complete"`
}

func toDirectoryEntryJSON(d exercise.DirectoryEntry) directoryEntryJSON {
	return directoryEntryJSON{TeamID: d.Team.ID, Team: d.Team.Name, Entries: each(d.Entries, toPoCEntryJSON),
		UpdatedBy: d.UpdatedBy, Complete: d.Complete}
}

func toPoCEntryJSON(e exercise.PoCEntry) pocJSON { return pocJSON(e) }
