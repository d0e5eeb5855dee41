package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/cbmex/cbmex/backend/internal/stream"
)

type presenceRow struct {
	Replica    string `gorm:"primaryKey"`
	ExerciseID int64  `gorm:"primaryKey"`
	SessionID  string `gorm:"primaryKey"`
	Streams    int
	SeenAt     time.Time
}

func (presenceRow) TableName() string { return "stream_presence" }

// Presence implements stream.PresenceStore.
type Presence struct{ s *Store }

// Presence returns the shared "who is connected" storage.
func (s *Store) Presence() *Presence { return &Presence{s: s} }

var _ stream.PresenceStore = (*Presence)(nil)

// SavePresence replaces the replica's rows in one transaction.
func (p *Presence) SavePresence(ctx context.Context, replica string, streams map[stream.PresenceKey]int, at time.Time) error {
	rows := make([]presenceRow, 0, len(streams))
	for k, n := range streams {
		rows = append(rows, presenceRow{Replica: replica, ExerciseID: k.ExerciseID, SessionID: k.SessionID, Streams: n, SeenAt: at.UTC()})
	}
	err := p.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("replica = ?", replica).Delete(&presenceRow{}).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		return tx.CreateInBatches(rows, 200).Error
	})
	if err != nil {
		return fmt.Errorf("save stream presence: %w", err)
	}
	return nil
}

// TouchPresence marks the replica's rows fresh.
func (p *Presence) TouchPresence(ctx context.Context, replica string, at time.Time) error {
	err := p.s.DB.WithContext(ctx).Model(&presenceRow{}).Where("replica = ?", replica).Update("seen_at", at.UTC()).Error
	if err != nil {
		return fmt.Errorf("touch stream presence: %w", err)
	}
	return nil
}

// Presence sums the other replicas' fresh rows per session.
func (p *Presence) Presence(ctx context.Context, exerciseID int64, since time.Time, exceptReplica string) (map[string]int, error) {
	var rows []presenceRow
	err := p.s.DB.WithContext(ctx).Where("exercise_id = ? AND seen_at > ? AND replica <> ?", exerciseID, since.UTC(), exceptReplica).
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read stream presence: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.SessionID] += r.Streams
	}
	return out, nil
}

// ForgetPresence deletes the replica's rows and every stale one.
func (p *Presence) ForgetPresence(ctx context.Context, replica string, staleBefore time.Time) error {
	err := p.s.DB.WithContext(ctx).Where("replica = ? OR seen_at < ?", replica, staleBefore.UTC()).Delete(&presenceRow{}).Error
	if err != nil {
		return fmt.Errorf("forget stream presence: %w", err)
	}
	return nil
}
