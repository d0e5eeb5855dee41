package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

type exerciseRow struct {
	ID                int64 `gorm:"primaryKey"`
	WorkshopID        int64
	ScenarioVersionID int64
	Title             string
	Status            string
	Speed             float64
	ClockBaseMs       int64
	ClockBaseWall     *time.Time
	LastSeq           int64
	ObserverCode      string
	CreatedBy         *int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (exerciseRow) TableName() string { return "exercises" }

type teamRow struct {
	ID         int64 `gorm:"primaryKey"`
	ExerciseID int64
	Key        string
	Name       string
	JoinCode   string
	Position   int
}

func (teamRow) TableName() string { return "teams" }

type participantRow struct {
	ID         int64 `gorm:"primaryKey"`
	ExerciseID int64
	TeamID     *int64
	Name       string
	SessionID  string
	JoinedAt   time.Time
	RemovedAt  *time.Time
	Language   string
}

func (participantRow) TableName() string { return "participants" }

type eventRow struct {
	ID         int64 `gorm:"primaryKey"`
	ExerciseID int64
	Seq        int64
	Type       string
	Audience   string
	Data       string
	OffsetMs   int64
	CreatedAt  time.Time
}

func (eventRow) TableName() string { return "events" }

type onceRow struct {
	ExerciseID int64  `gorm:"primaryKey"`
	Key        string `gorm:"primaryKey"`
	Seq        int64
}

func (onceRow) TableName() string { return "exercise_once" }

// Exercises implements exercise.Store.
type Exercises struct{ s *Store }

// Exercises returns the exercise storage.
func (s *Store) Exercises() *Exercises { return &Exercises{s: s} }

var _ exercise.Store = (*Exercises)(nil)

// NotifyChannel is the PostgreSQL channel that carries "exercise:seq" after
// each append, so every replica learns of new events.
const NotifyChannel = "cbmex_events"

func toExercise(r *exerciseRow) *exercise.Exercise {
	c := exercise.Clock{Status: exercise.Status(r.Status), Speed: r.Speed, Base: time.Duration(r.ClockBaseMs) * time.Millisecond}
	if r.ClockBaseWall != nil {
		c.BaseWall = r.ClockBaseWall.UTC()
	}
	return &exercise.Exercise{ID: r.ID, WorkshopID: r.WorkshopID, ScenarioVersionID: r.ScenarioVersionID, Title: r.Title,
		Clock: c, LastSeq: r.LastSeq, ObserverCode: r.ObserverCode, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func clockColumns(c exercise.Clock) map[string]any {
	var wall *time.Time
	if !c.BaseWall.IsZero() {
		w := c.BaseWall.UTC()
		wall = &w
	}
	return map[string]any{"status": string(c.Status), "speed": c.Speed, "clock_base_ms": c.Base.Milliseconds(), "clock_base_wall": wall}
}

// CreateExercise inserts the exercise and its teams together.
func (x *Exercises) CreateExercise(ctx context.Context, e *exercise.Exercise, teams []exercise.Team) error {
	err := x.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := exerciseRow{WorkshopID: e.WorkshopID, ScenarioVersionID: e.ScenarioVersionID, Title: e.Title,
			Status: string(e.Clock.Status), Speed: e.Clock.Speed, ObserverCode: e.ObserverCode, CreatedBy: e.CreatedBy,
			CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
		if err := tx.Create(&r).Error; err != nil {
			return translate(err)
		}
		e.ID = r.ID
		for i := range teams {
			t := teamRow{ExerciseID: r.ID, Key: teams[i].Key, Name: teams[i].Name, JoinCode: teams[i].JoinCode, Position: teams[i].Position}
			if err := tx.Create(&t).Error; err != nil {
				return translate(err)
			}
			teams[i].ID, teams[i].ExerciseID = t.ID, r.ID
		}
		return nil
	})
	return failed(err, "create exercise")
}

// InExercise runs fn in one transaction (see Store.InTransaction) that
// first locks the exercise's row, as Append does (on SQLite, BEGIN
// IMMEDIATE on the one connection already serialises it).
func (x *Exercises) InExercise(ctx context.Context, exerciseID int64, fn func(ctx context.Context) error) error {
	return x.s.InTransaction(ctx, func(ctx context.Context) error {
		if x.s.Dialect == Postgres {
			var r exerciseRow
			if err := x.s.conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Select("id").First(&r, exerciseID).Error; err != nil {
				return failed(err, "lock exercise %d", exerciseID)
			}
		}
		return fn(ctx)
	})
}

// Exercise finds one exercise.
func (x *Exercises) Exercise(ctx context.Context, id int64) (*exercise.Exercise, error) {
	var r exerciseRow
	if err := x.s.DB.WithContext(ctx).First(&r, id).Error; err != nil {
		return nil, failed(err, "load exercise %d", id)
	}
	return toExercise(&r), nil
}

// Exercises lists a workshop's exercises, oldest first.
func (x *Exercises) Exercises(ctx context.Context, workshopID int64) ([]exercise.Exercise, error) {
	exs, err := x.list(ctx, x.s.DB.Where("workshop_id = ?", workshopID))
	return exs, failed(err, "list the exercises of workshop %d", workshopID)
}

// ActiveExercises lists the running exercises (the scheduler's work).
func (x *Exercises) ActiveExercises(ctx context.Context) ([]exercise.Exercise, error) {
	exs, err := x.list(ctx, x.s.DB.Where("status = ?", string(exercise.Running)))
	return exs, failed(err, "list running exercises")
}

func (x *Exercises) list(ctx context.Context, q *gorm.DB) ([]exercise.Exercise, error) {
	var rows []exerciseRow
	if err := q.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]exercise.Exercise, len(rows))
	for i := range rows {
		out[i] = *toExercise(&rows[i])
	}
	return out, nil
}

// ExerciseByObserverCode finds the exercise an observer code opens.
func (x *Exercises) ExerciseByObserverCode(ctx context.Context, code string) (*exercise.Exercise, error) {
	var r exerciseRow
	if err := x.s.DB.WithContext(ctx).Where("observer_code = ?", code).First(&r).Error; err != nil {
		return nil, failed(err, "find exercise by observer code") // a code opens the exercise: not logged
	}
	return toExercise(&r), nil
}

// Teams lists an exercise's teams in scenario order.
func (x *Exercises) Teams(ctx context.Context, exerciseID int64) ([]exercise.Team, error) {
	var rows []teamRow
	if err := x.s.DB.WithContext(ctx).Where("exercise_id = ?", exerciseID).Order("position").Find(&rows).Error; err != nil {
		return nil, failed(err, "list the teams of exercise %d", exerciseID)
	}
	out := make([]exercise.Team, len(rows))
	for i, r := range rows {
		out[i] = exercise.Team(r)
	}
	return out, nil
}

// TeamByCode finds the team a join code opens.
func (x *Exercises) TeamByCode(ctx context.Context, code string) (*exercise.Team, error) {
	var r teamRow
	if err := x.s.DB.WithContext(ctx).Where("join_code = ?", code).First(&r).Error; err != nil {
		return nil, failed(err, "find team by join code") // a code opens the team: not logged
	}
	t := exercise.Team(r)
	return &t, nil
}

// UpdateTeam saves a team's name and code.
func (x *Exercises) UpdateTeam(ctx context.Context, t *exercise.Team) error {
	err := x.s.DB.WithContext(ctx).Model(&teamRow{ID: t.ID}).
		Updates(map[string]any{"name": t.Name, "join_code": t.JoinCode}).Error
	return failed(err, "update team %d", t.ID)
}

// AddParticipant records a person who joined (inside the context's
// transaction, if any).
func (x *Exercises) AddParticipant(ctx context.Context, p *exercise.Participant) error {
	r := participantRow{ExerciseID: p.ExerciseID, TeamID: p.TeamID, Name: p.Name, SessionID: p.SessionID, JoinedAt: p.JoinedAt,
		Language: p.Language}
	if err := x.s.conn(ctx).Create(&r).Error; err != nil {
		return failed(err, "add a participant to exercise %d", p.ExerciseID)
	}
	p.ID = r.ID
	return nil
}

// Participants lists everyone who joined an exercise.
func (x *Exercises) Participants(ctx context.Context, exerciseID int64) ([]exercise.Participant, error) {
	var rows []participantRow
	if err := x.s.DB.WithContext(ctx).Where("exercise_id = ?", exerciseID).Order("id").Find(&rows).Error; err != nil {
		return nil, failed(err, "list the participants of exercise %d", exerciseID)
	}
	out := make([]exercise.Participant, len(rows))
	for i, r := range rows {
		out[i] = exercise.Participant(r)
	}
	return out, nil
}

// ParticipantBySession finds the participant holding a session.
func (x *Exercises) ParticipantBySession(ctx context.Context, sessionID string) (*exercise.Participant, error) {
	var r participantRow
	if err := x.s.DB.WithContext(ctx).Where("session_id = ?", sessionID).First(&r).Error; err != nil {
		return nil, failed(err, "find participant by session")
	}
	p := exercise.Participant(r)
	return &p, nil
}

// SetParticipantLanguage records the language a participant reads in.
func (x *Exercises) SetParticipantLanguage(ctx context.Context, id int64, lang string) error {
	err := x.s.DB.WithContext(ctx).Model(&participantRow{ID: id}).Update("language", lang).Error
	return failed(err, "set the language of participant %d", id)
}

// WorkshopLanguage is the language a workshop is held in.
func (x *Exercises) WorkshopLanguage(ctx context.Context, workshopID int64) (string, error) {
	var lang string
	err := x.s.DB.WithContext(ctx).Table("workshops").Select("language").Where("id = ?", workshopID).Scan(&lang).Error
	return lang, failed(err, "read the language of workshop %d", workshopID)
}

// RemoveParticipant marks a participant removed.
func (x *Exercises) RemoveParticipant(ctx context.Context, id int64, at time.Time) error {
	err := x.s.DB.WithContext(ctx).Model(&participantRow{ID: id}).Update("removed_at", at).Error
	return failed(err, "remove participant %d", id)
}

// Append is the one way events enter the log. Under a lock on the exercise
// row it lets decide look at the current exercise, inserts the once keys,
// numbers the events after last_seq and stores the clock, then commits. On
// PostgreSQL the row lock is SELECT … FOR UPDATE and a NOTIFY goes out with
// the commit; on SQLite the single connection and BEGIN IMMEDIATE serialise
// appends. Inside the context's transaction it is a savepoint of it, and the
// NOTIFY goes out when that transaction commits.
func (x *Exercises) Append(ctx context.Context, exerciseID int64, now time.Time, decide func(*exercise.Exercise) (exercise.Write, error)) ([]exercise.Event, error) {
	var out []exercise.Event
	var refused error // decide's own answer, returned as it is
	err := x.s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		var r exerciseRow
		q := tx
		if x.s.Dialect == Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.First(&r, exerciseID).Error; err != nil {
			return translate(err)
		}
		ex := toExercise(&r)
		w, err := decide(ex)
		if err != nil {
			refused = err
			return err
		}
		if w.Clock != nil {
			ex.Clock = *w.Clock
		}
		out, err = x.write(tx, ex, w, now)
		return err
	})
	switch {
	case err == nil:
		return out, nil
	case refused != nil:
		return nil, refused
	}
	return nil, failed(err, "append to exercise %d", exerciseID)
}

func (x *Exercises) write(tx *gorm.DB, ex *exercise.Exercise, w exercise.Write, now time.Time) ([]exercise.Event, error) {
	if len(w.Events) == 0 && w.Clock == nil {
		return nil, nil
	}
	seq := ex.LastSeq
	for _, k := range w.Once {
		if err := tx.Create(&onceRow{ExerciseID: ex.ID, Key: k, Seq: seq + 1}).Error; err != nil {
			return nil, translate(err)
		}
	}
	offset := ex.Clock.Now(now)
	out := make([]exercise.Event, 0, len(w.Events))
	for _, ne := range w.Events {
		seq++
		e, row, err := newEventRow(ex.ID, seq, ne, offset, now)
		if err != nil {
			return nil, err
		}
		if err := tx.Create(row).Error; err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	cols := map[string]any{"last_seq": seq, "updated_at": now.UTC()}
	if w.Clock != nil {
		for k, v := range clockColumns(*w.Clock) {
			cols[k] = v
		}
	}
	if err := tx.Model(&exerciseRow{ID: ex.ID}).Updates(cols).Error; err != nil {
		return nil, err
	}
	if x.s.Dialect == Postgres && seq > ex.LastSeq {
		// Delivered at commit, in commit order; carries only ids, replicas read the rows.
		if err := tx.Exec("SELECT pg_notify(?, ?)", NotifyChannel, fmt.Sprintf("%d:%d", ex.ID, seq)).Error; err != nil {
			return nil, err
		}
	}
	return out, nil
}

func newEventRow(exerciseID, seq int64, ne exercise.NewEvent, offset time.Duration, now time.Time) (exercise.Event, *eventRow, error) {
	data, err := json.Marshal(ne.Data)
	if err != nil {
		return exercise.Event{}, nil, err
	}
	aud, err := json.Marshal(ne.Audience)
	if err != nil {
		return exercise.Event{}, nil, err
	}
	at := now.UTC().Truncate(time.Microsecond) // what both dialects keep, so the event handed on equals the row read back
	e := exercise.Event{ExerciseID: exerciseID, Seq: seq, Type: ne.Type, Audience: ne.Audience, Data: data,
		Offset: offset.Truncate(time.Millisecond), CreatedAt: at}
	return e, &eventRow{ExerciseID: exerciseID, Seq: seq, Type: ne.Type, Audience: string(aud), Data: string(data),
		OffsetMs: offset.Milliseconds(), CreatedAt: at}, nil
}

// Events reads the log after a sequence number, in order.
func (x *Exercises) Events(ctx context.Context, exerciseID, afterSeq int64, limit int) ([]exercise.Event, error) {
	var rows []eventRow
	err := x.s.conn(ctx).Where("exercise_id = ? AND seq > ?", exerciseID, afterSeq).
		Order("seq").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, failed(err, "read the events of exercise %d after %d", exerciseID, afterSeq)
	}
	out := make([]exercise.Event, len(rows))
	for i, r := range rows {
		var aud exercise.Audience
		if err := json.Unmarshal([]byte(r.Audience), &aud); err != nil {
			return nil, fmt.Errorf("event %d/%d: %w", exerciseID, r.Seq, err)
		}
		out[i] = exercise.Event{ExerciseID: r.ExerciseID, Seq: r.Seq, Type: r.Type, Audience: aud,
			Data: json.RawMessage(r.Data), Offset: time.Duration(r.OffsetMs) * time.Millisecond, CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}
