package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cbmex/cbmex/backend/internal/attendance"
)

type attendanceRow struct {
	ParticipantID int64 `gorm:"primaryKey;autoIncrement:false"`
	Organisation  string
	Function      string `gorm:"column:function_title"`
	Gender        string
}

func (attendanceRow) TableName() string { return "attendance" }

// Attendance implements attendance.Store.
type Attendance struct{ s *Store }

// Attendance returns the storage of attendance details.
func (s *Store) Attendance() *Attendance { return &Attendance{s: s} }

var _ attendance.Store = (*Attendance)(nil)

// SaveAttendance stores (or replaces) a participant's details.
func (a *Attendance) SaveAttendance(ctx context.Context, participantID int64, d attendance.Details) error {
	r := attendanceRow{ParticipantID: participantID, Organisation: d.Organisation, Function: d.Function, Gender: string(d.Gender)}
	err := a.s.conn(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&r).Error
	return failed(err, "record the attendance of participant %d", participantID)
}

type personRow struct {
	ParticipantID int64
	ExerciseID    int64
	Exercise      string
	Team          string
	Name          string
	Language      string
	JoinedAt      time.Time
	Organisation  *string
	Function      *string
	Gender        *string
}

func (a *Attendance) people(ctx context.Context, where string, arg int64) ([]attendance.Person, error) {
	var rows []personRow
	err := a.s.DB.WithContext(ctx).Table("participants p").
		Select("p.id AS participant_id, p.exercise_id, e.title AS exercise, t.name AS team, p.name, p.language, p.joined_at, "+
			"a.organisation, a.function_title AS function, a.gender").
		Joins("JOIN exercises e ON e.id = p.exercise_id").
		Joins("JOIN teams t ON t.id = p.team_id").
		Joins("LEFT JOIN attendance a ON a.participant_id = p.id").
		Where(where, arg).Order("p.joined_at, p.id").Scan(&rows).Error
	if err != nil {
		return nil, failed(err, "list attendance")
	}
	out := make([]attendance.Person, len(rows))
	for i, r := range rows {
		out[i] = attendance.Person{ParticipantID: r.ParticipantID, ExerciseID: r.ExerciseID, Exercise: r.Exercise, Team: r.Team,
			Name: r.Name, Language: r.Language, JoinedAt: r.JoinedAt,
			Details: attendance.Details{Organisation: deref(r.Organisation), Function: deref(r.Function), Gender: attendance.Gender(deref(r.Gender))}}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Attendance lists the team members of a workshop's exercises.
func (a *Attendance) Attendance(ctx context.Context, workshopID int64) ([]attendance.Person, error) {
	return a.people(ctx, "e.workshop_id = ?", workshopID)
}

// AttendanceOf is one participant's entry.
func (a *Attendance) AttendanceOf(ctx context.Context, participantID int64) (*attendance.Person, error) {
	ps, err := a.people(ctx, "p.id = ?", participantID)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, failed(gorm.ErrRecordNotFound, "find the attendance of participant %d", participantID)
	}
	return &ps[0], nil
}
