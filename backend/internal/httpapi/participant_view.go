package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// participantsJSON answers GET /exercises/{id}/participants (staff).
type participantsJSON struct {
	Participants []participantJSON `json:"participants"`
}

type participantJSON struct {
	ID        int64      `json:"id"`
	TeamID    *int64     `json:"team_id"`
	Name      string     `json:"name"`
	JoinedAt  time.Time  `json:"joined_at"`
	RemovedAt *time.Time `json:"removed_at"`
	Connected bool       `json:"connected"`
}

func toParticipantJSON(p *exercise.Participant, openStreams int) participantJSON {
	return participantJSON{ID: p.ID, TeamID: p.TeamID, Name: p.Name, JoinedAt: p.JoinedAt, RemovedAt: p.RemovedAt,
		Connected: p.Connected(openStreams)}
}

// joinJSON answers POST /join.
type joinJSON struct {
	Token       string           `json:"token"`
	CSRFToken   string           `json:"csrf_token"`
	ExerciseID  int64            `json:"exercise_id"`
	Language    string           `json:"language"`
	Participant joinedPersonJSON `json:"participant"`
	Team        *teamViewJSON    `json:"team,omitempty"` // absent for an observer
}

type joinedPersonJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	TeamID *int64 `json:"team_id"` // null for an observer
}

func toJoinJSON(j *exercise.Joined, csrf string) joinJSON {
	out := joinJSON{Token: j.Token, CSRFToken: csrf, ExerciseID: j.Exercise.ID, Language: j.Participant.Language,
		Participant: joinedPersonJSON{ID: j.Participant.ID, Name: j.Participant.Name, TeamID: j.Participant.TeamID}}
	if j.Team != nil {
		out.Team = &teamViewJSON{ID: j.Team.ID, Key: j.Team.Key, Name: j.Team.Name}
	}
	return out
}
