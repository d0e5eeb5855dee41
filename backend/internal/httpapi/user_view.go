package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/auth"
)

// userJSON is an account as admins and its owner see it.
type userJSON struct {
	ID        int64     `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      auth.Role `json:"role"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toUserJSON(u *auth.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Disabled: u.Disabled,
		CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// usersJSON answers GET /users.
type usersJSON struct {
	Users []userJSON `json:"users"`
}

// userEnvelope answers POST /users and PATCH /users/{id}.
type userEnvelope struct {
	User userJSON `json:"user"`
}
