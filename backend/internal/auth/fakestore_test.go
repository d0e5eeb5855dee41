package auth

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// memStore is an in-memory Store, so the service's rules are tested without
// a database (signin_test.go runs them on both dialects too). failWith, when
// set, is returned by every call: a database that stopped answering.
type memStore struct {
	mu       sync.Mutex
	users    map[int64]*User
	sessions map[string]*Session
	nextID   int64
	failWith error
}

func newMemStore() *memStore {
	return &memStore{users: map[int64]*User{}, sessions: map[string]*Session{}}
}

func (m *memStore) CountUsers(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return int64(len(m.users)), m.failWith
}

func (m *memStore) CreateUser(_ context.Context, u *User) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return m.failWith
	}
	for _, o := range m.users {
		if o.Email == u.Email {
			return apperr.ErrDuplicate
		}
	}
	m.nextID++
	u.ID = m.nextID
	cp := *u
	m.users[u.ID] = &cp
	return nil
}

func (m *memStore) UpdateUser(_ context.Context, u *User) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return m.failWith
	}
	if m.users[u.ID] == nil {
		return apperr.ErrNoRow
	}
	cp := *u
	m.users[u.ID] = &cp
	return nil
}

func (m *memStore) DeleteUser(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return m.failWith
	}
	delete(m.users, id)
	for k, s := range m.sessions {
		if s.UserID != nil && *s.UserID == id {
			delete(m.sessions, k)
		}
	}
	return nil
}

func (m *memStore) UserByID(_ context.Context, id int64) (*User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return nil, m.failWith
	}
	u := m.users[id]
	if u == nil {
		return nil, apperr.ErrNoRow
	}
	cp := *u
	return &cp, nil
}

func (m *memStore) UserByEmail(_ context.Context, email string) (*User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return nil, m.failWith
	}
	for _, u := range m.users {
		if u.Email == email {
			cp := *u
			return &cp, nil
		}
	}
	return nil, apperr.ErrNoRow
}

func (m *memStore) ListUsers(context.Context) ([]User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return nil, m.failWith
	}
	var out []User
	for _, u := range m.users {
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (m *memStore) CreateSession(_ context.Context, s *Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return m.failWith
	}
	cp := *s
	m.sessions[s.ID] = &cp
	return nil
}

func (m *memStore) SessionByID(_ context.Context, id string) (*Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return nil, m.failWith
	}
	s := m.sessions[id]
	if s == nil {
		return nil, apperr.ErrNoRow
	}
	cp := *s
	return &cp, nil
}

func (m *memStore) RevokeSession(_ context.Context, id string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return m.failWith
	}
	if s := m.sessions[id]; s != nil && s.RevokedAt == nil {
		s.RevokedAt = &at
	}
	return nil
}

func (m *memStore) RevokeUserSessions(_ context.Context, userID int64, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWith != nil {
		return m.failWith
	}
	for _, s := range m.sessions {
		if s.UserID != nil && *s.UserID == userID && s.RevokedAt == nil {
			s.RevokedAt = &at
		}
	}
	return nil
}

var _ Store = (*memStore)(nil)

var errDatabaseDown = errors.New("database down")

// failingCounters are rate-limit counters whose database stopped answering.
type failingCounters struct{}

func (failingCounters) Add(context.Context, time.Time, ...Hit) ([]Count, error) {
	return nil, errDatabaseDown
}
func (failingCounters) Undo(context.Context, ...Count) error { return errDatabaseDown }
func (failingCounters) Peek(context.Context, time.Time, ...Hit) ([]Count, error) {
	return nil, errDatabaseDown
}
