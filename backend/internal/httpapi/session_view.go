package httpapi

import (
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// loginJSON answers POST /auth/login.
type loginJSON struct {
	Token     string   `json:"token"`
	User      userJSON `json:"user"`
	CSRFToken string   `json:"csrf_token"`
}

// meJSON answers GET /auth/me: an account's user, or the exercise and team
// a participant's or observer's session is scoped to.
type meJSON struct {
	Role        auth.Role         `json:"role"`
	CSRFToken   string            `json:"csrf_token"`
	User        *userJSON         `json:"user,omitempty"`
	Participant *sessionScopeJSON `json:"participant,omitempty"`
}

type sessionScopeJSON struct {
	ExerciseID int64 `json:"exercise_id"`
	TeamID     int64 `json:"team_id"` // 0 for an observer
}

func toMeJSON(p *auth.Principal, csrf string) meJSON {
	out := meJSON{Role: p.Role, CSRFToken: csrf}
	if p.User != nil {
		u := toUserJSON(p.User)
		out.User = &u
	} else {
		out.Participant = &sessionScopeJSON{ExerciseID: p.ExerciseID, TeamID: p.TeamID}
	}
	return out
}

// joinJSON answers POST /join.
type joinJSON struct {
	Token       string           `json:"token"`
	CSRFToken   string           `json:"csrf_token"`
	ExerciseID  int64            `json:"exercise_id"`
	Participant joinedPersonJSON `json:"participant"`
	Team        *teamViewJSON    `json:"team,omitempty"` // absent for an observer
}

type joinedPersonJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	TeamID *int64 `json:"team_id"` // null for an observer
}

func toJoinJSON(j *exercise.Joined, csrf string) joinJSON {
	out := joinJSON{Token: j.Token, CSRFToken: csrf, ExerciseID: j.Exercise.ID,
		Participant: joinedPersonJSON{ID: j.Participant.ID, Name: j.Participant.Name, TeamID: j.Participant.TeamID}}
	if j.Team != nil {
		out.Team = &teamViewJSON{ID: j.Team.ID, Key: j.Team.Key, Name: j.Team.Name}
	}
	return out
}
