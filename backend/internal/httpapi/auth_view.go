package httpapi

import (
	"github.com/cbmex/cbmex/backend/internal/auth"
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
