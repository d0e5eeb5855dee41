package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/auth"
)

func (s *server) listUsers(c echo.Context) error {
	users, err := s.Auth.ListUsers(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]userJSON, len(users))
	for i := range users {
		out[i] = toUserJSON(&users[i])
	}
	return c.JSON(http.StatusOK, usersJSON{Users: out})
}

type createUserRequest struct {
	Email    string    `json:"email"`
	Name     string    `json:"name"`
	Role     auth.Role `json:"role"`
	Password string    `json:"password"`
}

func (s *server) createUser(c echo.Context) error {
	var req createUserRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	u, err := s.Auth.CreateUser(c.Request().Context(), auth.NewUser(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, userEnvelope{User: toUserJSON(u)})
}

type updateUserRequest struct {
	Name     *string    `json:"name"`
	Role     *auth.Role `json:"role"`
	Password *string    `json:"password"`
	Disabled *bool      `json:"disabled"`
}

func (s *server) updateUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req updateUserRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	u, err := s.Auth.UpdateUser(c.Request().Context(), principal(c), id, auth.UserPatch(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, userEnvelope{User: toUserJSON(u)})
}

func (s *server) deleteUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.Auth.DeleteUser(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
