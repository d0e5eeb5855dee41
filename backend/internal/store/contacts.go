package store

import (
	"context"
	"time"

	"github.com/cbmex/cbmex/backend/internal/contactcheck"
)

type contactRow struct {
	ID          int64 `gorm:"primaryKey"`
	WorkshopID  int64
	Delegation  string
	Code        string
	Policy      string
	Technical   string
	Shared      bool
	ConfirmedAt *time.Time
	CreatedAt   time.Time
}

func (contactRow) TableName() string { return "contact_checks" }

// ContactChecks implements contactcheck.Store.
type ContactChecks struct{ s *Store }

// ContactChecks returns the storage of the contact checks before play.
func (s *Store) ContactChecks() *ContactChecks { return &ContactChecks{s: s} }

var _ contactcheck.Store = (*ContactChecks)(nil)

// AddContactEntry stores a new entry.
func (c *ContactChecks) AddContactEntry(ctx context.Context, e *contactcheck.Entry) error {
	r := contactRow(*e)
	if err := c.s.DB.WithContext(ctx).Create(&r).Error; err != nil {
		return failed(translate(err), "add a contact check to workshop %d", e.WorkshopID)
	}
	e.ID = r.ID
	return nil
}

// ContactEntries lists a workshop's entries in the order they were added.
func (c *ContactChecks) ContactEntries(ctx context.Context, workshopID int64) ([]contactcheck.Entry, error) {
	var rows []contactRow
	err := c.s.DB.WithContext(ctx).Where("workshop_id = ?", workshopID).Order("id").Find(&rows).Error
	out := make([]contactcheck.Entry, len(rows))
	for i, r := range rows {
		out[i] = contactcheck.Entry(r)
	}
	return out, failed(err, "list the contact checks of workshop %d", workshopID)
}

// ContactEntryByCode finds an entry by its code.
func (c *ContactChecks) ContactEntryByCode(ctx context.Context, code string) (*contactcheck.Entry, error) {
	var r contactRow
	if err := c.s.DB.WithContext(ctx).Where("code = ?", code).First(&r).Error; err != nil {
		return nil, failed(err, "find a contact check by code")
	}
	e := contactcheck.Entry(r)
	return &e, nil
}

// UpdateContactEntry stores a delegation's confirmation.
func (c *ContactChecks) UpdateContactEntry(ctx context.Context, e *contactcheck.Entry) error {
	err := c.s.DB.WithContext(ctx).Model(&contactRow{ID: e.ID}).Updates(map[string]any{
		"policy": e.Policy, "technical": e.Technical, "shared": e.Shared, "confirmed_at": e.ConfirmedAt}).Error
	return failed(err, "confirm contact check %d", e.ID)
}
