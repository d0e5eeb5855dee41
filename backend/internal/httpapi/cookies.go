package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/auth"
)

// setSessionCookie sets the session cookie (maxAge -1 deletes it). It is
// HttpOnly: scripts never read the token.
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
