package store

import (
	"context"
	"time"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// Accounts implements auth.Store.
type Accounts struct{ s *Store }

// Accounts returns the account storage.
func (s *Store) Accounts() *Accounts { return &Accounts{s: s} }

var _ auth.Store = (*Accounts)(nil)

func toUser(r *userRow) *auth.User {
	return &auth.User{ID: r.ID, Email: r.Email, Name: r.Name, Role: auth.Role(r.Role),
		PasswordHash: r.PasswordHash, Disabled: r.Disabled, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func fromUser(u *auth.User) *userRow {
	return &userRow{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role),
		PasswordHash: u.PasswordHash, Disabled: u.Disabled, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// CountUsers counts accounts.
func (a *Accounts) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := a.s.DB.WithContext(ctx).Model(&userRow{}).Count(&n).Error
	return n, failed(err, "count users")
}

// CreateUser inserts u and sets its ID.
func (a *Accounts) CreateUser(ctx context.Context, u *auth.User) error {
	r := fromUser(u)
	if err := a.s.DB.WithContext(ctx).Create(r).Error; err != nil {
		return failed(err, "create user")
	}
	u.ID = r.ID
	return nil
}

// UpdateUser writes every field of u. A role or a disabled flag may have
// changed, so staff streams are checked again.
func (a *Accounts) UpdateUser(ctx context.Context, u *auth.User) error {
	if err := a.s.DB.WithContext(ctx).Save(fromUser(u)).Error; err != nil {
		return failed(err, "update user %d", u.ID)
	}
	a.s.accessChanged(ctx, stream.AccessStaff)
	return nil
}

// DeleteUser removes the account; its sessions go with it (ON DELETE CASCADE).
func (a *Accounts) DeleteUser(ctx context.Context, id int64) error {
	if err := a.s.DB.WithContext(ctx).Delete(&userRow{}, id).Error; err != nil {
		return failed(err, "delete user %d", id)
	}
	a.s.accessChanged(ctx, stream.AccessStaff)
	return nil
}

// UserByID finds one account.
func (a *Accounts) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	var r userRow
	if err := a.s.DB.WithContext(ctx).First(&r, id).Error; err != nil {
		return nil, failed(err, "load user %d", id)
	}
	return toUser(&r), nil
}

// UserByEmail finds one account by its (lower-case) e-mail.
func (a *Accounts) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	var r userRow
	if err := a.s.DB.WithContext(ctx).Where("email = ?", email).First(&r).Error; err != nil {
		return nil, failed(err, "load user by e-mail") // the address stays out of logs
	}
	return toUser(&r), nil
}

// ListUsers returns all accounts, oldest first.
func (a *Accounts) ListUsers(ctx context.Context) ([]auth.User, error) {
	var rows []userRow
	if err := a.s.DB.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, failed(err, "list users")
	}
	out := make([]auth.User, len(rows))
	for i := range rows {
		out[i] = *toUser(&rows[i])
	}
	return out, nil
}

// CreateSession records an issued token (inside the context's transaction, if any).
func (a *Accounts) CreateSession(ctx context.Context, s *auth.Session) error {
	r := sessionRow{ID: s.ID, UserID: s.UserID, Kind: s.Kind, ExerciseID: s.ExerciseID, TeamID: s.TeamID,
		CreatedAt: s.CreatedAt, ExpiresAt: s.ExpiresAt}
	return failed(a.s.conn(ctx).Create(&r).Error, "create session")
}

// SessionByID finds a session by its token id.
func (a *Accounts) SessionByID(ctx context.Context, id string) (*auth.Session, error) {
	var r sessionRow
	if err := a.s.DB.WithContext(ctx).Where("id = ?", id).First(&r).Error; err != nil {
		return nil, failed(err, "load session") // its id is a token's: not logged
	}
	return &auth.Session{ID: r.ID, Kind: r.Kind, UserID: r.UserID, ExerciseID: r.ExerciseID, TeamID: r.TeamID,
		CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, RevokedAt: r.RevokedAt}, nil
}

// RevokeSession marks one session revoked (idempotent).
func (a *Accounts) RevokeSession(ctx context.Context, id string, at time.Time) error {
	err := a.s.DB.WithContext(ctx).Model(&sessionRow{}).
		Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", at.UTC()).Error
	if err != nil {
		return failed(err, "revoke session")
	}
	a.s.accessChanged(ctx, stream.AccessSession(id))
	return nil
}

// RevokeUserSessions revokes every open session of a user.
func (a *Accounts) RevokeUserSessions(ctx context.Context, userID int64, at time.Time) error {
	err := a.s.DB.WithContext(ctx).Model(&sessionRow{}).
		Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", at.UTC()).Error
	if err != nil {
		return failed(err, "revoke the sessions of user %d", userID)
	}
	a.s.accessChanged(ctx, stream.AccessStaff)
	return nil
}
