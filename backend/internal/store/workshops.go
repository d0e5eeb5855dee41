package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/cbmex/cbmex/backend/internal/stream"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

type workshopRow struct {
	ID               int64 `gorm:"primaryKey"`
	Title            string
	HostOrganisation string
	Place            string
	StartsOn         string
	EndsOn           string
	Language         string
	Participants     string
	Classification   string
	Organiser        string
	// Attribution: on, why, who and when (see workshop.Attribution).
	AttributedResults bool
	AttributionReason string
	AttributionBy     string
	AttributionAt     *time.Time
	CreatedBy         *int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (workshopRow) TableName() string { return "workshops" }

type workshopFacilitatorRow struct {
	WorkshopID int64 `gorm:"primaryKey"`
	UserID     int64 `gorm:"primaryKey"`
	Duty       string
}

func (workshopFacilitatorRow) TableName() string { return "workshop_facilitators" }

// Workshops implements workshop.Store.
type Workshops struct{ s *Store }

// Workshops returns the workshop storage.
func (s *Store) Workshops() *Workshops { return &Workshops{s: s} }

var _ workshop.Store = (*Workshops)(nil)

// Participant names may contain commas ("Republic of X, the"), so they are
// stored one per line.
func fromWorkshop(w *workshop.Workshop) *workshopRow {
	r := &workshopRow{ID: w.ID, Title: w.Title, HostOrganisation: w.HostOrganisation, Place: w.Place, StartsOn: w.StartsOn,
		EndsOn: w.EndsOn, Language: w.Language, Participants: joinLines(w.Participants),
		Classification: w.Classification, Organiser: w.Organiser, CreatedBy: w.CreatedBy,
		CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt}
	if a := w.Attribution; a != nil {
		at := a.At
		r.AttributedResults, r.AttributionReason, r.AttributionBy, r.AttributionAt = true, a.Reason, a.By, &at
	}
	return r
}

// attributionOf reads the attribution columns back.
func attributionOf(r workshopRow) *workshop.Attribution {
	if !r.AttributedResults {
		return nil
	}
	a := &workshop.Attribution{Reason: r.AttributionReason, By: r.AttributionBy}
	if r.AttributionAt != nil {
		a.At = *r.AttributionAt
	}
	return a
}

// CreateWorkshop inserts a workshop and its facilitators.
func (ws *Workshops) CreateWorkshop(ctx context.Context, w *workshop.Workshop) error {
	err := ws.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := fromWorkshop(w)
		if err := tx.Create(r).Error; err != nil {
			return translate(err)
		}
		w.ID = r.ID
		return setFacilitators(tx, w)
	})
	return failed(err, "create workshop")
}

// UpdateWorkshop saves a workshop and replaces its facilitators.
// A facilitator may have lost the workshop, so staff streams are checked
// again.
func (ws *Workshops) UpdateWorkshop(ctx context.Context, w *workshop.Workshop) error {
	err := ws.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Save(fromWorkshop(w)).Error; err != nil {
			return translate(err)
		}
		if err := tx.Where("workshop_id = ?", w.ID).Delete(&workshopFacilitatorRow{}).Error; err != nil {
			return err
		}
		return setFacilitators(tx, w)
	})
	if err != nil {
		return failed(err, "update workshop %d", w.ID)
	}
	ws.s.accessChanged(ctx, stream.AccessStaff)
	return nil
}

func setFacilitators(tx *gorm.DB, w *workshop.Workshop) error {
	seen := map[int64]bool{}
	for _, id := range w.FacilitatorIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := tx.Create(&workshopFacilitatorRow{WorkshopID: w.ID, UserID: id, Duty: string(w.DutyOf(id))}).Error; err != nil {
			return translate(err)
		}
	}
	return nil
}

// Workshop finds one workshop with its facilitators.
func (ws *Workshops) Workshop(ctx context.Context, id int64) (*workshop.Workshop, error) {
	var r workshopRow
	if err := ws.s.DB.WithContext(ctx).First(&r, id).Error; err != nil {
		return nil, failed(err, "load workshop %d", id)
	}
	all, err := ws.withFacilitators(ctx, []workshopRow{r})
	if err != nil {
		return nil, failed(err, "load the facilitators of workshop %d", id)
	}
	return &all[0], nil
}

// Workshops lists every workshop, newest first.
func (ws *Workshops) Workshops(ctx context.Context) ([]workshop.Workshop, error) {
	var rows []workshopRow
	if err := ws.s.DB.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, failed(err, "list workshops")
	}
	all, err := ws.withFacilitators(ctx, rows)
	return all, failed(err, "list the workshops' facilitators")
}

func (ws *Workshops) withFacilitators(ctx context.Context, rows []workshopRow) ([]workshop.Workshop, error) {
	var links []workshopFacilitatorRow
	if err := ws.s.DB.WithContext(ctx).Order("user_id").Find(&links).Error; err != nil {
		return nil, err
	}
	byWorkshop := map[int64][]int64{}
	duties := map[int64]map[int64]workshop.Duty{}
	for _, l := range links {
		byWorkshop[l.WorkshopID] = append(byWorkshop[l.WorkshopID], l.UserID)
		if duties[l.WorkshopID] == nil {
			duties[l.WorkshopID] = map[int64]workshop.Duty{}
		}
		duties[l.WorkshopID][l.UserID] = workshop.Duty(l.Duty)
	}
	out := make([]workshop.Workshop, len(rows))
	for i, r := range rows {
		out[i] = workshop.Workshop{ID: r.ID, Title: r.Title, HostOrganisation: r.HostOrganisation, Place: r.Place,
			StartsOn: r.StartsOn, EndsOn: r.EndsOn, Language: r.Language, Participants: splitLines(r.Participants),
			Classification: r.Classification, Organiser: r.Organiser,
			FacilitatorIDs: byWorkshop[r.ID], Duties: duties[r.ID], Attribution: attributionOf(r), CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}

// UserExists tells whether a user id exists.
func (ws *Workshops) UserExists(ctx context.Context, id int64) (bool, error) {
	var r userRow
	err := ws.s.DB.WithContext(ctx).Select("id").First(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	return err == nil, failed(err, "look up user %d", id)
}
