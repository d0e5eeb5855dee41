package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/auth"
)

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

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (s *server) login(c echo.Context) error {
	var req loginRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	token, u, err := s.Auth.Login(c.Request().Context(), req.Email, req.Password, c.RealIP())
	if err != nil {
		return err
	}
	s.setSessionCookie(c, token, int(s.SessionTTL.Seconds()))
	csrf := s.ensureCSRFCookie(c)
	return c.JSON(http.StatusOK, map[string]any{"token": token, "user": toUserJSON(u), "csrf_token": csrf})
}

func (s *server) logout(c echo.Context) error {
	if err := s.Auth.Logout(c.Request().Context(), principal(c)); err != nil {
		return err
	}
	s.setSessionCookie(c, "", -1)
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: "", Path: "/", MaxAge: -1, SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies})
	return c.NoContent(http.StatusNoContent)
}

func (s *server) me(c echo.Context) error {
	p := principal(c)
	body := map[string]any{"role": p.Role, "csrf_token": s.ensureCSRFCookie(c)}
	if p.User != nil {
		body["user"] = toUserJSON(p.User)
	} else {
		body["participant"] = map[string]int64{"exercise_id": p.ExerciseID, "team_id": p.TeamID}
	}
	return c.JSON(http.StatusOK, body)
}

func (s *server) setSessionCookie(c echo.Context, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies,
	})
}

// ensureCSRFCookie returns the anti-forgery token, creating the cookie when
// the browser has none yet (right after sign-in the CSRF middleware has not
// run, since there was no session cookie).
func (s *server) ensureCSRFCookie(c echo.Context) string {
	if t, ok := c.Get("csrf").(string); ok && t != "" {
		return t
	}
	if ck, err := c.Cookie(csrfCookie); err == nil && ck.Value != "" {
		return ck.Value
	}
	t := auth.RandomSecret(24)
	c.SetCookie(&http.Cookie{
		Name: csrfCookie, Value: t, Path: "/", MaxAge: 86400,
		SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies,
	})
	return t
}
