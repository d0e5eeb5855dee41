package store

import "time"

// The GORM models mirror the migrated tables; they are storage details and
// never leave this package (the domain has its own types). A test checks that
// every model's columns exist after migrating, on both dialects.

type userRow struct {
	ID           int64 `gorm:"primaryKey"`
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (userRow) TableName() string { return "users" }

type sessionRow struct {
	ID         string `gorm:"primaryKey"`
	UserID     *int64
	Kind       string
	ExerciseID *int64
	TeamID     *int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

type settingRow struct {
	Key       string `gorm:"primaryKey"`
	Value     string
	CreatedAt time.Time
}

func (settingRow) TableName() string { return "settings" }

// rateLimitRow is one rate-limit count (see ratelimits.go).
type rateLimitRow struct {
	Key         string `gorm:"primaryKey"`
	WindowStart int64  // Unix ms
	WindowMs    int64
	Hits        int64
	PrevHits    int64
	ExpiresAt   int64 // Unix ms
}

func (rateLimitRow) TableName() string { return "rate_limits" }

// Models lists every model, for the schema-agreement test.
func Models() []any {
	return []any{&userRow{}, &sessionRow{}, &settingRow{}, &scenarioRow{}, &scenarioVersionRow{},
		&workshopRow{}, &workshopFacilitatorRow{}, &exerciseRow{}, &teamRow{}, &participantRow{}, &eventRow{}, &onceRow{},
		&presenceRow{}, &rateLimitRow{}, &surveyQuestionsRow{}, &surveyAnswerRow{}, &surveyResponderRow{}, &attendanceRow{}}
}
