package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/workshop"
)

type workshopJSON struct {
	ID               int64            `json:"id"`
	Title            string           `json:"title"`
	HostOrganisation string           `json:"host_organisation"`
	Place            string           `json:"place"`
	StartsOn         string           `json:"starts_on"` // YYYY-MM-DD, or "" for no date
	EndsOn           string           `json:"ends_on"`   // likewise
	Language         string           `json:"language"`
	Participants     []string         `json:"participants"`
	Classification   string           `json:"classification"` // printed at the top of every page of its documents
	Organiser        string           `json:"organiser"`
	FacilitatorIDs   []int64          `json:"facilitator_ids"` // every staff member assigned
	Staff            []staffJSON      `json:"staff"`
	Attribution      *attributionJSON `json:"attribution"` // null: results are non-attributive
	CreatedAt        time.Time        `json:"created_at"`
	UpdatedAt        time.Time        `json:"updated_at"`
}

func toWorkshopJSON(w *workshop.Workshop) workshopJSON {
	ids := w.FacilitatorIDs
	if ids == nil {
		ids = []int64{}
	}
	staff := make([]staffJSON, len(ids))
	for i, id := range ids {
		staff[i] = staffJSON{UserID: id, Duty: string(w.DutyOf(id))}
	}
	out := workshopJSON{ID: w.ID, Title: w.Title, HostOrganisation: w.HostOrganisation, Place: w.Place,
		StartsOn: w.StartsOn, EndsOn: w.EndsOn, Language: w.Language, Participants: nonNil(w.Participants),
		Classification: w.Classification, Organiser: w.Organiser,
		FacilitatorIDs: ids, Staff: staff, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt}
	if a := w.Attribution; a != nil {
		out.Attribution = &attributionJSON{Reason: a.Reason, By: a.By, At: a.At}
	}
	return out
}

// staffJSON is one staff member of a workshop and their duty: lead,
// controller or evaluator.
type staffJSON struct {
	UserID int64  `json:"user_id"`
	Duty   string `json:"duty"`
}

// attributionJSON says that results name the real delegations, why, who
// turned it on and when.
type attributionJSON struct {
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// workshopsJSON answers GET /workshops.
type workshopsJSON struct {
	Workshops []workshopJSON `json:"workshops"`
}

// workshopEnvelope answers POST /workshops and PATCH /workshops/{id}.
type workshopEnvelope struct {
	Workshop workshopJSON `json:"workshop"`
}

// workshopDetailJSON answers GET /workshops/{id}: the workshop and its
// exercises.
type workshopDetailJSON struct {
	Workshop  workshopJSON          `json:"workshop"`
	Exercises []exerciseSummaryJSON `json:"exercises"`
}
