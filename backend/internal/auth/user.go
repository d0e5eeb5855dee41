// Package auth holds accounts, passwords, sessions and tokens: who is calling
// and what they may do. It knows nothing of HTTP or SQL; storage is behind the
// Store interface declared here.
package auth

import (
	"context"
	"time"
)

// Role says what a caller may do.
type Role string

// The roles. Organisers are admins for now; participants hold tokens scoped to
// one exercise and one team and have no account.
const (
	RoleAdmin       Role = "admin"
	RoleFacilitator Role = "facilitator"
	RoleParticipant Role = "participant"
	RoleObserver    Role = "observer" // sees a whole exercise, writes nothing
)

// AccountRoles are the roles an account (a user with a password) may have.
var AccountRoles = []Role{RoleAdmin, RoleFacilitator}

// User is an account that signs in with e-mail and password.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Session kinds.
const (
	KindUser        = "user"
	KindParticipant = "participant"
)

// Session is one issued token. Its ID is the token's jti: revoking the
// session ends the token on every replica at once.
type Session struct {
	ID         string
	Kind       string
	UserID     *int64
	ExerciseID *int64
	TeamID     *int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
}

// Principal is the authenticated caller of one request. Participants and
// observers carry the one exercise (and, for participants, the team) their
// token is scoped to.
type Principal struct {
	SessionID  string
	Role       Role
	User       *User // nil for participants
	ExerciseID int64 // participants and observers
	TeamID     int64 // participants only
	ExpiresAt  time.Time
}

// IsStaff tells whether the caller is an admin or a facilitator.
func (p *Principal) IsStaff() bool {
	return p.Role == RoleAdmin || p.Role == RoleFacilitator
}

// Store is what auth needs from storage. Lookups return apperr.ErrNoRow when
// nothing matches; CreateUser and UpdateUser return apperr.ErrDuplicate when
// the e-mail is taken.
type Store interface {
	CountUsers(ctx context.Context) (int64, error)
	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error
	DeleteUser(ctx context.Context, id int64) error
	UserByID(ctx context.Context, id int64) (*User, error)
	UserByEmail(ctx context.Context, email string) (*User, error)
	ListUsers(ctx context.Context) ([]User, error)

	CreateSession(ctx context.Context, s *Session) error
	SessionByID(ctx context.Context, id string) (*Session, error)
	RevokeSession(ctx context.Context, id string, at time.Time) error
	RevokeUserSessions(ctx context.Context, userID int64, at time.Time) error
}
