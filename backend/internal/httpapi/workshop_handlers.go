package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// workshopInput is the body of POST and PATCH; PATCH leaves nil fields alone.
// A date is YYYY-MM-DD, or "" for none (what a date field of a form sends
// when left empty), in both starts_on and ends_on; PATCH clears a date with "".
type workshopInput struct {
	Title            *string   `json:"title"`
	HostOrganisation *string   `json:"host_organisation"`
	Place            *string   `json:"place"`
	StartsOn         *string   `json:"starts_on"`
	EndsOn           *string   `json:"ends_on"`
	Language         *string   `json:"language"`
	Participants     *[]string `json:"participants"`
	Classification   *string   `json:"classification"`
	Organiser        *string   `json:"organiser"`
	FacilitatorIDs   *[]int64  `json:"facilitator_ids"` // assigned as leads (a duty already recorded is kept)
	// Staff replaces the assigned staff and their duties; it wins over
	// facilitator_ids.
	Staff *[]staffJSON `json:"staff"`
	// AttributedResults turns attributed results on (with
	// attribution_reason) or off.
	AttributedResults *bool   `json:"attributed_results"`
	AttributionReason *string `json:"attribution_reason"`
}

func (in workshopInput) apply(w *workshop.Workshop) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&w.Title, in.Title)
	set(&w.HostOrganisation, in.HostOrganisation)
	set(&w.Place, in.Place)
	set(&w.StartsOn, in.StartsOn)
	set(&w.EndsOn, in.EndsOn)
	set(&w.Language, in.Language)
	set(&w.Classification, in.Classification)
	set(&w.Organiser, in.Organiser)
	if in.Participants != nil {
		w.Participants = *in.Participants
	}
	if in.FacilitatorIDs != nil {
		w.FacilitatorIDs = *in.FacilitatorIDs
	}
	if in.Staff != nil {
		w.FacilitatorIDs, w.Duties = []int64{}, map[int64]workshop.Duty{}
		for _, m := range *in.Staff {
			w.FacilitatorIDs = append(w.FacilitatorIDs, m.UserID)
			w.Duties[m.UserID] = workshop.Duty(m.Duty)
		}
	}
	in.applyAttribution(w)
}

// applyAttribution turns attributed results on or off; a reason alone
// changes the reason of attribution already on.
func (in workshopInput) applyAttribution(w *workshop.Workshop) {
	on := w.Attribution != nil
	if in.AttributedResults != nil {
		on = *in.AttributedResults
	}
	if !on {
		w.Attribution = nil
		return
	}
	a := workshop.Attribution{}
	if w.Attribution != nil {
		a = *w.Attribution
	}
	if in.AttributionReason != nil {
		a.Reason = *in.AttributionReason
	}
	w.Attribution = &a
}

func (s *server) createWorkshop(c echo.Context) error {
	var in workshopInput
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	var w workshop.Workshop
	in.apply(&w)
	created, err := s.Workshops.Create(c.Request().Context(), principal(c), w)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, workshopEnvelope{Workshop: toWorkshopJSON(created)})
}

func (s *server) listWorkshops(c echo.Context) error {
	ws, err := s.Workshops.List(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	out := make([]workshopJSON, len(ws))
	for i := range ws {
		out[i] = toWorkshopJSON(&ws[i])
	}
	return c.JSON(http.StatusOK, workshopsJSON{Workshops: out})
}

func (s *server) getWorkshop(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	w, err := s.Workshops.Get(ctx, principal(c), id)
	if err != nil {
		return err
	}
	exs, err := s.Exercises.List(ctx, w.ID)
	if err != nil {
		return err
	}
	out := make([]exerciseSummaryJSON, len(exs))
	for i := range exs {
		out[i] = toExerciseSummary(&exs[i], s.Exercises.Now())
	}
	return c.JSON(http.StatusOK, workshopDetailJSON{Workshop: toWorkshopJSON(w), Exercises: out})
}

func (s *server) updateWorkshop(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in workshopInput
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	w, err := s.Workshops.Update(c.Request().Context(), principal(c), id, in.apply)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, workshopEnvelope{Workshop: toWorkshopJSON(w)})
}
