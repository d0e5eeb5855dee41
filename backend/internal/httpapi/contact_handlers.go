package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/contactcheck"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// contactEntryJSON is a delegation's entry as the staff see it.
type contactEntryJSON struct {
	ID          int64      `json:"id"`
	Delegation  string     `json:"delegation"`
	Policy      string     `json:"policy"`
	Technical   string     `json:"technical"`
	Shared      bool       `json:"shared"`
	ConfirmedAt *time.Time `json:"confirmed_at"`
	Path        string     `json:"path"` // the delegation's page, to send it
}

func toContactEntryJSON(e contactcheck.Entry) contactEntryJSON {
	return contactEntryJSON{ID: e.ID, Delegation: e.Delegation, Policy: e.Policy, Technical: e.Technical,
		Shared: e.Shared, ConfirmedAt: e.ConfirmedAt, Path: "/contact-check/" + e.Code}
}

// sharedContactJSON is another delegation's shared entry.
type sharedContactJSON struct {
	Delegation  string     `json:"delegation"`
	Policy      string     `json:"policy"`
	Technical   string     `json:"technical"`
	ConfirmedAt *time.Time `json:"confirmed_at"`
}

// contactPageJSON answers a delegation's page.
type contactPageJSON struct {
	Workshop    string              `json:"workshop"`
	Delegation  string              `json:"delegation"`
	Policy      string              `json:"policy"`
	Technical   string              `json:"technical"`
	Shared      bool                `json:"shared"`
	ConfirmedAt *time.Time          `json:"confirmed_at"`
	Others      []sharedContactJSON `json:"others"`
}

// runWorkshop is the workshop of :id when the caller runs it.
func (s *server) runWorkshop(c echo.Context) (*workshop.Workshop, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return s.Workshops.Get(c.Request().Context(), principal(c), id)
}

func (s *server) listContactChecks(c echo.Context) error {
	w, err := s.runWorkshop(c)
	if err != nil {
		return err
	}
	es, err := s.ContactChecks.List(c.Request().Context(), w.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"contacts": append([]contactEntryJSON{}, each(es, toContactEntryJSON)...)})
}

// addContactCheck opens the check for one delegation; setting up play is
// the controllers' and leads' work.
func (s *server) addContactCheck(c echo.Context) error {
	w, err := s.runWorkshop(c)
	if err != nil {
		return err
	}
	duty, _ := w.StaffDuty(principal(c))
	if err := workshop.Allow(duty, workshop.ActCreateExercise); err != nil {
		return err
	}
	var in struct {
		Delegation string `json:"delegation"`
	}
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	e, err := s.ContactChecks.Add(c.Request().Context(), w.ID, in.Delegation)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"contact": toContactEntryJSON(*e)})
}

// openContactCheck is a delegation's page, by its code, without an account.
func (s *server) openContactCheck(c echo.Context) error {
	p, err := s.ContactChecks.Open(c.Request().Context(), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.toContactPage(c, p))
}

func (s *server) confirmContactCheck(c echo.Context) error {
	var in struct {
		Policy    string `json:"policy"`
		Technical string `json:"technical"`
		Shared    bool   `json:"shared"`
	}
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	ctx := c.Request().Context()
	if _, err := s.ContactChecks.Confirm(ctx, c.Param("code"), in.Policy, in.Technical, in.Shared); err != nil {
		return err
	}
	p, err := s.ContactChecks.Open(ctx, c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.toContactPage(c, p))
}

func (s *server) toContactPage(c echo.Context, p *contactcheck.Page) contactPageJSON {
	e := p.Entry
	out := contactPageJSON{Delegation: e.Delegation, Policy: e.Policy, Technical: e.Technical, Shared: e.Shared,
		ConfirmedAt: e.ConfirmedAt, Others: []sharedContactJSON{}}
	if w, err := s.Workshops.Title(c.Request().Context(), e.WorkshopID); err == nil {
		out.Workshop = w
	}
	for _, o := range p.Shared {
		out.Others = append(out.Others, sharedContactJSON{Delegation: o.Delegation, Policy: o.Policy, Technical: o.Technical,
			ConfirmedAt: o.ConfirmedAt})
	}
	return out
}
