package store

import (
	"context"
	"errors"

	"gorm.io/gorm/clause"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// SettingOrCreate returns the stored value for key, storing make() first when
// there is none. Replicas starting together agree on one value: the insert
// ignores conflicts and everyone then reads back what won.
func (s *Store) SettingOrCreate(ctx context.Context, key string, make func() string) (string, error) {
	var r settingRow
	err := s.DB.WithContext(ctx).Where("key = ?", key).First(&r).Error
	if err == nil {
		return r.Value, nil
	}
	if !errors.Is(translate(err), apperr.ErrNoRow) {
		return "", failed(err, "read setting %s", key)
	}
	r = settingRow{Key: key, Value: make(), CreatedAt: s.DB.NowFunc()}
	if err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&r).Error; err != nil {
		return "", failed(err, "create setting %s", key)
	}
	if err := s.DB.WithContext(ctx).Where("key = ?", key).First(&r).Error; err != nil {
		return "", failed(err, "read setting %s", key)
	}
	return r.Value, nil
}

// Setting returns the stored value for key; ok is false when there is none.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	var r settingRow
	err = s.DB.WithContext(ctx).Where("key = ?", key).First(&r).Error
	if errors.Is(translate(err), apperr.ErrNoRow) {
		return "", false, nil
	}
	if err != nil {
		return "", false, failed(err, "read setting %s", key)
	}
	return r.Value, true, nil
}
