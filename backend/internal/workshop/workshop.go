// Package workshop holds workshops: the assistance events in which an
// organiser runs one or more exercises for several States. It decides who
// may see and run them. Storage is behind the Store interface declared here.
package workshop

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
)

// Workshop is one assistance event.
type Workshop struct {
	ID               int64
	Title            string
	HostOrganisation string
	Place            string
	StartsOn         string // YYYY-MM-DD, or empty
	EndsOn           string
	Language         string
	Participants     []string // participating States and organisations
	FacilitatorIDs   []int64  // every staff member assigned, whatever their duty
	// Duties says what each assigned staff member does; one not listed is
	// a lead facilitator.
	Duties map[int64]Duty

	// Classification is the handling line printed at the top of every page
	// of the workshop's documents ("For workshop participants only"); empty
	// prints none.
	Classification string
	// Organiser is who organises the workshop ("OSCE Transnational Threats
	// Department"), named on its documents and certificates.
	Organiser string

	// Attribution is set when an organiser turned on attributed results:
	// reports, CSVs and the dashboard then name the real delegations.
	Attribution *Attribution
	CreatedBy   *int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Duty is what a staff member does in a workshop's exercises.
type Duty string

// The duties, as exercise staff split the work.
const (
	DutyLead       Duty = "lead"       // runs the clock and injects, and scores
	DutyController Duty = "controller" // runs the clock and injects
	DutyEvaluator  Duty = "evaluator"  // observes and scores
)

// Duties lists every duty, lead first.
var Duties = []Duty{DutyLead, DutyController, DutyEvaluator}

// DutyOf is what an assigned staff member does (lead when not recorded).
func (w *Workshop) DutyOf(userID int64) Duty {
	if d, ok := w.Duties[userID]; ok {
		return d
	}
	return DutyLead
}

// Attribution records that an organiser turned on attributed results, why,
// who and when.
type Attribution struct {
	Reason string
	By     string
	At     time.Time
}

// Store is what workshops need from storage; lookups return apperr.ErrNoRow.
type Store interface {
	CreateWorkshop(ctx context.Context, w *Workshop) error
	UpdateWorkshop(ctx context.Context, w *Workshop) error
	Workshop(ctx context.Context, id int64) (*Workshop, error)
	Workshops(ctx context.Context) ([]Workshop, error)
	UserExists(ctx context.Context, id int64) (bool, error)
}

// Service manages workshops.
type Service struct {
	store Store
	now   func() time.Time
}

// New wires a Service.
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// CanRun tells whether the caller may see and run the workshop: admins all
// of them, facilitators those they are assigned to.
func CanRun(p *auth.Principal, w *Workshop) bool {
	if p == nil || p.User == nil {
		return false
	}
	if p.Role == auth.RoleAdmin {
		return true
	}
	for _, id := range w.FacilitatorIDs {
		if id == p.User.ID {
			return p.Role == auth.RoleFacilitator
		}
	}
	return false
}

// Create stores a new workshop (admins only; checked by the caller's route).
func (s *Service) Create(ctx context.Context, actor *auth.Principal, w Workshop) (*Workshop, error) {
	if err := s.validate(ctx, &w); err != nil {
		return nil, err
	}
	s.stamp(actor, nil, &w)
	now := s.now().UTC()
	w.CreatedAt, w.UpdatedAt = now, now
	if actor != nil && actor.User != nil {
		w.CreatedBy = &actor.User.ID
	}
	if err := s.store.CreateWorkshop(ctx, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// Update replaces the editable fields of a workshop.
func (s *Service) Update(ctx context.Context, actor *auth.Principal, id int64, patch func(*Workshop)) (*Workshop, error) {
	w, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	var before *Attribution
	if w.Attribution != nil {
		a := *w.Attribution
		before = &a
	}
	patch(w)
	if err := s.validate(ctx, w); err != nil {
		return nil, err
	}
	s.stamp(actor, before, w)
	w.UpdatedAt = s.now().UTC()
	return w, s.store.UpdateWorkshop(ctx, w)
}

// stamp records who turned attribution on (or changed its reason) and when.
func (s *Service) stamp(actor *auth.Principal, before *Attribution, w *Workshop) {
	a := w.Attribution
	if a == nil || (before != nil && before.Reason == a.Reason) {
		if a != nil {
			a.By, a.At = before.By, before.At
		}
		return
	}
	a.At = s.now().UTC()
	if actor != nil && actor.User != nil {
		a.By = actor.User.Name
		if a.By == "" {
			a.By = actor.User.Email
		}
	}
}

// Get returns a workshop the caller may run; others look not found, so
// their existence is not revealed.
func (s *Service) Get(ctx context.Context, actor *auth.Principal, id int64) (*Workshop, error) {
	w, err := s.store.Workshop(ctx, id)
	if errors.Is(err, apperr.ErrNoRow) || (err == nil && !CanRun(actor, w)) {
		return nil, apperr.NotFound("workshop")
	}
	return w, err
}

// List returns the workshops the caller may run, newest first.
func (s *Service) List(ctx context.Context, actor *auth.Principal) ([]Workshop, error) {
	all, err := s.store.Workshops(ctx)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, w := range all {
		if CanRun(actor, &w) {
			out = append(out, w)
		}
	}
	return out, nil
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

var languages = map[string]bool{"en": true, "fr": true, "de": true, "it": true, "ru": true, "es": true}

func (s *Service) validate(ctx context.Context, w *Workshop) error {
	w.Title = strings.TrimSpace(w.Title)
	fields := map[string]string{}
	if w.Title == "" || utf8.RuneCountInString(w.Title) > 200 {
		fields["title"] = "Give the workshop a title of at most 200 characters."
	}
	for name, d := range map[string]string{"starts_on": w.StartsOn, "ends_on": w.EndsOn} {
		if d != "" && !validDate(d) {
			fields[name] = "Write the date as YYYY-MM-DD, for example 2026-11-27."
		}
	}
	if w.StartsOn != "" && w.EndsOn != "" && w.EndsOn < w.StartsOn {
		fields["ends_on"] = "The workshop cannot end before it starts."
	}
	if w.Language == "" {
		w.Language = "en"
	}
	if !languages[w.Language] {
		fields["language"] = "The language must be one of en, fr, de, it, ru, es."
	}
	documentFields(w, fields)
	w.Participants = cleanNames(w.Participants)
	if len(w.Participants) > 60 {
		fields["participants"] = "List at most 60 participating States and organisations."
	}
	for _, id := range w.FacilitatorIDs {
		if ok, err := s.store.UserExists(ctx, id); err != nil {
			return err
		} else if !ok {
			fields["facilitator_ids"] = "Every facilitator must be an existing user."
		}
	}
	for id, d := range w.Duties {
		if !slices.Contains(Duties, d) {
			fields["staff"] = "A staff member's duty is lead, controller or evaluator."
		}
		if !slices.Contains(w.FacilitatorIDs, id) {
			delete(w.Duties, id) // a duty of someone no longer assigned
		}
	}
	if a := w.Attribution; a != nil {
		a.Reason = strings.TrimSpace(a.Reason)
		if n := utf8.RuneCountInString(a.Reason); n < 10 || n > 1000 {
			fields["attribution_reason"] = "Say why results are attributed to delegations (10 to 1,000 characters); the report shows it."
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields)
	}
	return nil
}

// The longest document settings: one printed line each.
const (
	MaxClassification = 120
	MaxOrganiser      = 200
	MaxPlace          = 200
)

// documentFields folds the one-line settings printed on documents (a line
// break would break the page header) and checks their length.
func documentFields(w *Workshop, fields map[string]string) {
	for _, f := range []struct {
		name, msg string
		v         *string
		max       int
	}{
		{"classification", "Keep the classification line to at most 120 characters.", &w.Classification, MaxClassification},
		{"organiser", "Keep the organiser's name to at most 200 characters.", &w.Organiser, MaxOrganiser},
		{"place", "Keep the place to at most 200 characters.", &w.Place, MaxPlace},
	} {
		*f.v = strings.Join(strings.Fields(*f.v), " ")
		if utf8.RuneCountInString(*f.v) > f.max {
			fields[f.name] = f.msg
		}
	}
}

func validDate(d string) bool {
	if !dateRe.MatchString(d) {
		return false
	}
	_, err := time.Parse("2006-01-02", d)
	return err == nil
}

// cleanNames trims the participants' names, drops empty ones and folds line
// breaks (a name is one line).
func cleanNames(names []string) []string {
	out := []string{}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n != "" && utf8.RuneCountInString(n) <= 200 {
			out = append(out, n)
		}
	}
	return out
}

// Printed is what a workshop's documents print — title, dates, place,
// organiser and classification line — for documents any reader of an
// exercise may download (a team's report), who cannot read the workshop.
func (s *Service) Printed(ctx context.Context, id int64) (Workshop, error) {
	w, err := s.store.Workshop(ctx, id)
	if err != nil {
		return Workshop{}, err
	}
	return Workshop{ID: w.ID, Title: w.Title, StartsOn: w.StartsOn, EndsOn: w.EndsOn, Place: w.Place,
		Organiser: w.Organiser, Classification: w.Classification, Language: w.Language}, nil
}

// Title is a workshop's title, for pages opened without an account (a
// delegation's contact check) that name the workshop and nothing more.
func (s *Service) Title(ctx context.Context, id int64) (string, error) {
	w, err := s.store.Workshop(ctx, id)
	if err != nil {
		return "", err
	}
	return w.Title, nil
}
