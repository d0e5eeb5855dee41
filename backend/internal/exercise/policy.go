package exercise

import "slices"

// Audience says who may see an event, a released inject, a message or an
// answer. Staff (facilitators, admins, observers) see everything.
type Audience struct {
	Staff bool    `json:"staff,omitempty"` // facilitators only: notes, scores, held injects…
	All   bool    `json:"all,omitempty"`   // every team
	Teams []int64 `json:"teams,omitempty"` // these teams (ids)
}

// Everyone is the audience of public events such as the clock.
var Everyone = Audience{All: true}

// StaffOnly is the audience of facilitator-only events.
var StaffOnly = Audience{Staff: true}

// TeamsOnly is the audience of one or more teams (and staff).
func TeamsOnly(ids ...int64) Audience { return Audience{Teams: ids} }

// Viewer is who is looking: staff of the exercise, or one participant's team.
type Viewer struct {
	Staff    bool
	TeamID   int64 // participants only
	Observer bool  // sees like staff but may write nothing
}

// CanSee is the one place that decides visibility. REST reads and the
// event stream both call it, so they can never disagree.
func CanSee(v Viewer, a Audience) bool {
	if v.Staff || v.Observer {
		return true
	}
	if a.Staff {
		return false
	}
	return a.All || (v.TeamID != 0 && slices.Contains(a.Teams, v.TeamID))
}
