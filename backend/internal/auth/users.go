package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// NewUser is the input to CreateUser.
type NewUser struct {
	Email    string
	Name     string
	Role     Role
	Password string
}

// UserPatch changes some fields of a user; nil fields stay as they are.
type UserPatch struct {
	Name     *string
	Role     *Role
	Password *string
	Disabled *bool
}

var errEmailTaken = apperr.New(http.StatusConflict, "email_taken", "A user with this e-mail already exists.")

// CreateUser validates and stores a new account.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (*User, error) {
	in.Email, in.Name = normaliseEmail(in.Email), strings.TrimSpace(in.Name)
	fields := map[string]string{}
	if !validEmail(in.Email) {
		fields["email"] = "Enter a valid e-mail address, such as name@example.org."
	}
	if msg := checkName(in.Name); msg != "" {
		fields["name"] = msg
	}
	if !validRole(in.Role) {
		fields["role"] = "The role must be admin or facilitator."
	}
	if msg := checkPassword(in.Password); msg != "" {
		fields["password"] = msg
	}
	if len(fields) > 0 {
		return nil, apperr.Invalid(fields)
	}
	hash, err := hashPassword(in.Password, s.hashCost)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	u := &User{Email: in.Email, Name: in.Name, Role: in.Role, PasswordHash: hash, CreatedAt: now, UpdatedAt: now}
	if err := s.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, apperr.ErrDuplicate) {
			return nil, errEmailTaken
		}
		return nil, err
	}
	return u, nil
}

// UpdateUser applies a patch. Changing the password or disabling the account
// ends all its sessions. Admins cannot disable or demote themselves, so there
// is always someone left who can manage accounts.
func (s *Service) UpdateUser(ctx context.Context, actor *Principal, id int64, p UserPatch) (*User, error) {
	u, err := s.userOrNotFound(ctx, id)
	if err != nil {
		return nil, err
	}
	fields := s.applyPatch(actor, u, p)
	if len(fields) > 0 {
		return nil, apperr.Invalid(fields)
	}
	if p.Password != nil {
		if u.PasswordHash, err = hashPassword(*p.Password, s.hashCost); err != nil {
			return nil, err
		}
	}
	u.UpdatedAt = s.now().UTC()
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	if p.Password != nil || u.Disabled {
		if err := s.store.RevokeUserSessions(ctx, u.ID, s.now()); err != nil {
			return nil, err
		}
	}
	return u, nil
}

func (s *Service) applyPatch(actor *Principal, u *User, p UserPatch) map[string]string {
	fields := map[string]string{}
	self := actor.User != nil && actor.User.ID == u.ID
	if p.Name != nil {
		name := strings.TrimSpace(*p.Name)
		if msg := checkName(name); msg != "" {
			fields["name"] = msg
		}
		u.Name = name
	}
	if p.Role != nil {
		switch {
		case !validRole(*p.Role):
			fields["role"] = "The role must be admin or facilitator."
		case self && *p.Role != u.Role:
			fields["role"] = "You cannot change your own role."
		}
		u.Role = *p.Role
	}
	if p.Password != nil {
		if msg := checkPassword(*p.Password); msg != "" {
			fields["password"] = msg
		}
	}
	if p.Disabled != nil {
		if self && *p.Disabled {
			fields["disabled"] = "You cannot disable your own account."
		}
		u.Disabled = *p.Disabled
	}
	return fields
}

// DeleteUser removes an account and, with it, its sessions.
func (s *Service) DeleteUser(ctx context.Context, actor *Principal, id int64) error {
	if actor.User != nil && actor.User.ID == id {
		return apperr.New(http.StatusUnprocessableEntity, "cannot_delete_self", "You cannot delete your own account.")
	}
	if _, err := s.userOrNotFound(ctx, id); err != nil {
		return err
	}
	return s.store.DeleteUser(ctx, id)
}

// ListUsers returns every account.
func (s *Service) ListUsers(ctx context.Context) ([]User, error) { return s.store.ListUsers(ctx) }

// EnsureAdmin creates the first admin when there are no users at all. When
// password is empty a random one is made; it is returned so the caller can
// print it once.
func (s *Service) EnsureAdmin(ctx context.Context, email, password string) (created bool, pw string, err error) {
	n, err := s.store.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, "", err
	}
	if password == "" {
		password = RandomSecret(15)
	}
	_, err = s.CreateUser(ctx, NewUser{Email: email, Name: "Administrator", Role: RoleAdmin, Password: password})
	if err != nil {
		return false, "", err
	}
	return true, password, nil
}

func (s *Service) userOrNotFound(ctx context.Context, id int64) (*User, error) {
	u, err := s.store.UserByID(ctx, id)
	if errors.Is(err, apperr.ErrNoRow) {
		return nil, apperr.NotFound("user")
	}
	return u, err
}

func checkName(name string) string {
	if utf8.RuneCountInString(name) > 200 {
		return "The name must be at most 200 characters."
	}
	return ""
}

// ResetPassword sets a new password by e-mail (for the command line, when
// the only admin forgot theirs) and ends the account's sessions.
func (s *Service) ResetPassword(ctx context.Context, email, password string) error {
	u, err := s.store.UserByEmail(ctx, normaliseEmail(email))
	if errors.Is(err, apperr.ErrNoRow) {
		return apperr.NotFound("user")
	}
	if err != nil {
		return err
	}
	if msg := checkPassword(password); msg != "" {
		return apperr.Invalid(map[string]string{"password": msg})
	}
	if u.PasswordHash, err = hashPassword(password, s.hashCost); err != nil {
		return err
	}
	u.UpdatedAt = s.now().UTC()
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	return s.store.RevokeUserSessions(ctx, u.ID, s.now())
}
