// Package contactcheck is the check of the real points of contact that
// many workshops hold before play: each delegation confirms or updates its
// own policy and technical contact, and the organisers see who confirmed
// and when. It is separate from the scenario's fictional directory: these
// are real people, so an entry is seen by the staff and by its delegation,
// and by the other delegations only when it is shared.
package contactcheck

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Entry is one delegation's contacts.
type Entry struct {
	ID         int64
	WorkshopID int64
	Delegation string
	// Code opens the delegation's page without an account; it is long and
	// random, so it cannot be guessed.
	Code        string
	Policy      string // the policy point of contact: name, office, how to reach them
	Technical   string // the technical point of contact
	Shared      bool   // the other delegations of the workshop may read it
	ConfirmedAt *time.Time
	CreatedAt   time.Time
}

// Store keeps the entries.
type Store interface {
	AddContactEntry(ctx context.Context, e *Entry) error
	ContactEntries(ctx context.Context, workshopID int64) ([]Entry, error)
	// ContactEntryByCode returns apperr.ErrNoRow for an unknown code.
	ContactEntryByCode(ctx context.Context, code string) (*Entry, error)
	UpdateContactEntry(ctx context.Context, e *Entry) error
}

// Service runs contact checks.
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

// Limits of an entry.
const (
	MaxDelegation = 160
	MaxContact    = 1000
)

// Add opens a contact check for one delegation of a workshop.
func (s *Service) Add(ctx context.Context, workshopID int64, delegation string) (*Entry, error) {
	delegation = strings.TrimSpace(delegation)
	if delegation == "" || utf8.RuneCountInString(delegation) > MaxDelegation {
		return nil, apperr.Invalid(map[string]string{"delegation": "Name the delegation (at most 160 characters), e.g. the participating State it comes from."})
	}
	e := &Entry{WorkshopID: workshopID, Delegation: delegation, Code: newCode(), CreatedAt: s.now().UTC()}
	return e, s.store.AddContactEntry(ctx, e)
}

// List returns a workshop's entries, in the order they were added.
func (s *Service) List(ctx context.Context, workshopID int64) ([]Entry, error) {
	return s.store.ContactEntries(ctx, workshopID)
}

// Page is what a delegation's page shows: its own entry and the entries
// other delegations shared.
type Page struct {
	Entry  *Entry
	Shared []Entry
}

// Open returns a delegation's page by its code.
func (s *Service) Open(ctx context.Context, code string) (*Page, error) {
	e, err := s.byCode(ctx, code)
	if err != nil {
		return nil, err
	}
	all, err := s.store.ContactEntries(ctx, e.WorkshopID)
	if err != nil {
		return nil, err
	}
	p := &Page{Entry: e, Shared: []Entry{}}
	for _, o := range all {
		if o.ID != e.ID && o.Shared && o.ConfirmedAt != nil {
			p.Shared = append(p.Shared, o)
		}
	}
	return p, nil
}

// Confirm records a delegation's contacts as confirmed now.
func (s *Service) Confirm(ctx context.Context, code, policy, technical string, shared bool) (*Entry, error) {
	e, err := s.byCode(ctx, code)
	if err != nil {
		return nil, err
	}
	policy, technical = strings.TrimSpace(policy), strings.TrimSpace(technical)
	bad := map[string]string{}
	for field, v := range map[string]string{"policy": policy, "technical": technical} {
		if utf8.RuneCountInString(v) > MaxContact {
			bad[field] = "At most 1,000 characters."
		}
	}
	if policy == "" && technical == "" {
		bad["policy"] = "Give at least one contact: the policy or the technical point of contact."
	}
	if len(bad) > 0 {
		return nil, apperr.Invalid(bad)
	}
	now := s.now().UTC()
	e.Policy, e.Technical, e.Shared, e.ConfirmedAt = policy, technical, shared, &now
	return e, s.store.UpdateContactEntry(ctx, e)
}

func (s *Service) byCode(ctx context.Context, code string) (*Entry, error) {
	if len(code) != codeLen {
		return nil, apperr.NotFound("contact check")
	}
	e, err := s.store.ContactEntryByCode(ctx, code)
	if errors.Is(err, apperr.ErrNoRow) {
		return nil, apperr.NotFound("contact check")
	}
	return e, err
}

// codeLen is the length of a code: 16 random bytes in base32.
const codeLen = 26

var encoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

func newCode() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return encoding.EncodeToString(b)
}
