package exercise

import (
	"context"
	"encoding/json"
	"time"
)

// Exercise is one run of a pinned scenario version inside a workshop.
type Exercise struct {
	ID                int64
	WorkshopID        int64
	ScenarioVersionID int64
	Title             string
	Clock             Clock
	LastSeq           int64
	ObserverCode      string
	CreatedBy         *int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Team is one State or organisation of an exercise, made from a scenario
// team; facilitators may rename it to the real delegation.
type Team struct {
	ID         int64
	ExerciseID int64
	Key        string // the scenario's team key
	Name       string
	JoinCode   string
	Position   int
}

// Participant is a person who joined with a code. TeamID is nil for an
// observer.
type Participant struct {
	ID         int64
	ExerciseID int64
	TeamID     *int64
	Name       string
	SessionID  string
	JoinedAt   time.Time
	RemovedAt  *time.Time
	// Language is the OSCE language the participant reads the exercise in.
	Language string
}

// Event is one entry of an exercise's append-only log.
type Event struct {
	ExerciseID int64
	Seq        int64
	Type       string
	Audience   Audience
	Data       json.RawMessage
	Offset     time.Duration // exercise time when it was written
	CreatedAt  time.Time
}

// NewEvent is an event to append; Data is encoded as JSON.
type NewEvent struct {
	Type     string
	Audience Audience
	Data     any
}

// Write is what one append stores atomically.
type Write struct {
	Once   []string // keys that must be new for this exercise ("inject:a")
	Clock  *Clock   // a clock change to persist
	Events []NewEvent
}

// Store is what the engine needs from storage. Append must lock the
// exercise row, call decide with the locked exercise, and then — in the same
// transaction — insert the once keys (apperr.ErrDuplicate and nothing
// written if one exists), give the events the next sequence numbers, store
// the clock, and commit. That lock is what makes the log gap-free and commit
// order equal sequence order.
type Store interface {
	CreateExercise(ctx context.Context, e *Exercise, teams []Team) error
	Exercise(ctx context.Context, id int64) (*Exercise, error)
	Exercises(ctx context.Context, workshopID int64) ([]Exercise, error)
	ActiveExercises(ctx context.Context) ([]Exercise, error)
	ExerciseByObserverCode(ctx context.Context, code string) (*Exercise, error)
	Teams(ctx context.Context, exerciseID int64) ([]Team, error)
	TeamByCode(ctx context.Context, code string) (*Team, error)
	UpdateTeam(ctx context.Context, t *Team) error
	AddParticipant(ctx context.Context, p *Participant) error
	Participants(ctx context.Context, exerciseID int64) ([]Participant, error)
	ParticipantBySession(ctx context.Context, sessionID string) (*Participant, error)
	SetParticipantLanguage(ctx context.Context, participantID int64, lang string) error
	// WorkshopLanguage is the language participants read in by default.
	WorkshopLanguage(ctx context.Context, workshopID int64) (string, error)
	RemoveParticipant(ctx context.Context, id int64, at time.Time) error

	Append(ctx context.Context, exerciseID int64, now time.Time, decide func(*Exercise) (Write, error)) ([]Event, error)
	Events(ctx context.Context, exerciseID, afterSeq int64, limit int) ([]Event, error)

	// InExercise runs fn in one transaction that first takes the exercise's
	// row lock, as appends do: the store calls fn makes with the context it
	// is given write inside it, and nothing of it is kept if fn fails.
	// Taking the lock first matters: a row that references the exercise
	// (a session, a participant) takes a weaker lock on it, and two
	// transactions upgrading those to the append's lock deadlock.
	InExercise(ctx context.Context, exerciseID int64, fn func(ctx context.Context) error) error
}
