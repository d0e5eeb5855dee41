package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

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
	return c.JSON(http.StatusOK, loginJSON{Token: token, User: toUserJSON(u), CSRFToken: s.ensureCSRFCookie(c)})
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
	return c.JSON(http.StatusOK, toMeJSON(p, s.ensureCSRFCookie(c)))
}
