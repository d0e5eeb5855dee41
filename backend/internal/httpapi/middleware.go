package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
)

const (
	sessionCookie = "cbmex_session"
	csrfCookie    = "cbmex_csrf"
	csrfHeader    = "X-CSRF-Token"
	principalKey  = "principal"
	authErrorKey  = "auth_error"
)

// contentSecurityPolicy lets the SPA load only its own scripts, styles and
// images, and talk only to its own origin.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
	"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// hstsValue asks browsers to use HTTPS only for a year (the usual figure).
// It leaves out includeSubDomains: cbmex does not know whether the
// operator's sibling hosts all speak HTTPS.
const hstsValue = "max-age=31536000"

// securityHeaders sets the headers every answer carries. With hsts (the
// public URL is https://) it adds Strict-Transport-Security itself rather
// than through echo's HSTSMaxAge, which sends it only when the request looks
// like HTTPS: behind a TLS-terminating proxy that sets no X-Forwarded-Proto
// the header would silently never go out. Browsers ignore it on plain HTTP,
// so sending it on every answer is harmless.
func securityHeaders(hsts bool) echo.MiddlewareFunc {
	secure := middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		ContentSecurityPolicy: contentSecurityPolicy,
		ReferrerPolicy:        "same-origin",
	})
	if !hsts {
		return secure
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := secure(next)
		return func(c echo.Context) error {
			c.Response().Header().Set(echo.HeaderStrictTransportSecurity, hstsValue)
			return h(c)
		}
	}
}

// metricsMiddleware records the latency of every request by route pattern
// (not raw path, which would explode the label count).
func metricsMiddleware(h *prometheus.HistogramVec) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			status := c.Response().Status
			if err != nil {
				status, _ = describe(err)
			}
			route := c.Path()
			if route == "" {
				route = "unmatched"
			}
			h.WithLabelValues(c.Request().Method, route, strconv.Itoa(status)).Observe(time.Since(start).Seconds())
			return err
		}
	}
}

// csrfProtection guards cookie-authenticated writes with the double-submit
// token (cookie cbmex_csrf echoed in X-CSRF-Token). Requests without a session
// cookie carry their credentials in a header, which a foreign site cannot
// make a browser send, so they are skipped.
func csrfProtection(secure bool) echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		Skipper: func(c echo.Context) bool {
			_, err := c.Cookie(sessionCookie)
			return err != nil
		},
		TokenLookup:    "header:" + csrfHeader,
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieSameSite: http.SameSiteStrictMode,
		CookieSecure:   secure,
		CookieMaxAge:   86400,
		ErrorHandler: func(error, echo.Context) error {
			return apperr.New(http.StatusForbidden, "csrf_failed",
				"This request is missing its anti-forgery token. Reload the page and try again.")
		},
	})
}

// authenticate reads the token from the Authorization header or the session
// cookie and, when it is valid, stores the caller in the context. It never
// rejects by itself, so a stale cookie does not block signing in again: routes
// that need a caller use requireRole, which reports why there is none.
func (s *server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := bearerToken(c.Request())
		if raw == "" {
			if ck, err := c.Cookie(sessionCookie); err == nil {
				raw = ck.Value
			}
		}
		if raw == "" {
			return next(c)
		}
		p, err := s.Auth.Authenticate(c.Request().Context(), raw)
		if err != nil {
			c.Set(authErrorKey, err)
			return next(c)
		}
		c.Set(principalKey, p)
		return next(c)
	}
}

func bearerToken(r *http.Request) string {
	h := r.Header.Get(echo.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// requireRole lets through only callers with one of the roles.
func requireRole(roles ...auth.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := principal(c)
			if p == nil {
				if err, ok := c.Get(authErrorKey).(error); ok {
					return err
				}
				return apperr.Unauthenticated()
			}
			for _, r := range roles {
				if p.Role == r {
					return next(c)
				}
			}
			return apperr.Forbidden()
		}
	}
}
