package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

func TestLoginWrongPasswordIs401WithErrorShape(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": adminEmail, "password": "wrong password!"}})
		expectError(t, r, http.StatusUnauthorized, "invalid_credentials")
		r = e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": "nobody@example.org", "password": adminPassword}})
		expectError(t, r, http.StatusUnauthorized, "invalid_credentials")
	})
}

func TestLoginSetsHardenedCookies(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, cs := e.login(adminEmail, adminPassword)
		s := cookie(cs, sessionCookie)
		if s == nil || !s.HttpOnly || s.SameSite != http.SameSiteStrictMode || s.Path != "/" {
			t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, Path=/", s)
		}
		c := cookie(cs, csrfCookie)
		if c == nil || c.HttpOnly || c.Value == "" {
			t.Fatalf("csrf cookie %+v: want a value readable by scripts", c)
		}
	})
}

// Every kind of unacceptable token gets 401 on a route that needs a caller.
func TestBadTokensAre401(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		good := e.adminToken()
		claims := &auth.Claims{}
		if _, _, err := jwt.NewParser().ParseUnverified(good, claims); err != nil {
			t.Fatal(err)
		}
		sign := func(m jwt.SigningMethod, key any, edit func(*auth.Claims)) string {
			c := *claims
			if edit != nil {
				edit(&c)
			}
			s, err := jwt.NewWithClaims(m, c).SignedString(key)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		parts := strings.Split(good, ".")
		tampered := parts[0] + "." + parts[1] + "x." + parts[2]
		revoked, _ := e.login(adminEmail, adminPassword)
		if r := e.do(req{method: "POST", path: "/api/v1/auth/logout", bearer: revoked}); r.status != http.StatusNoContent {
			t.Fatalf("logout: %d %s", r.status, r.raw)
		}
		cases := map[string]string{
			"tampered":       tampered,
			"bad signature":  parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2])),
			"other key":      sign(jwt.SigningMethodHS256, []byte("another key of thirty-two bytes!!!"), nil),
			"HS512":          sign(jwt.SigningMethodHS512, []byte(testKey), nil),
			"alg none":       sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, nil),
			"wrong audience": sign(jwt.SigningMethodHS256, []byte(testKey), func(c *auth.Claims) { c.Audience = jwt.ClaimStrings{"elsewhere"} }),
			"wrong issuer":   sign(jwt.SigningMethodHS256, []byte(testKey), func(c *auth.Claims) { c.Issuer = "elsewhere" }),
			"no expiry":      sign(jwt.SigningMethodHS256, []byte(testKey), func(c *auth.Claims) { c.ExpiresAt = nil }),
			"unknown jti":    sign(jwt.SigningMethodHS256, []byte(testKey), func(c *auth.Claims) { c.ID = "forged" }),
			"revoked":        revoked,
			"garbage":        "not-a-token",
		}
		for name, tok := range cases {
			t.Run(name, func(t *testing.T) {
				expectError(t, e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: tok}), http.StatusUnauthorized, "unauthenticated")
			})
		}
		if r := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: good}); r.status != http.StatusOK {
			t.Fatalf("the good token stopped working: %d %s", r.status, r.raw)
		}
	})
}

func TestExpiredTokenIs401(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		tok := e.adminToken()
		e.clock.Advance(12*time.Hour + time.Minute)
		expectError(t, e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: tok}), http.StatusUnauthorized, "unauthenticated")
	})
}

func TestParticipantTokenOnAdminRouteIs403(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		tok, _, err := e.auth.IssueParticipant(context.Background(), 7, 3)
		if err != nil {
			t.Fatal(err)
		}
		r := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: tok})
		p, _ := r.json["participant"].(map[string]any)
		if r.status != http.StatusOK || p["exercise_id"] != float64(7) || p["team_id"] != float64(3) {
			t.Fatalf("participant me: %d %s", r.status, r.raw)
		}
		expectError(t, e.do(req{method: "GET", path: "/api/v1/users", bearer: tok}), http.StatusForbidden, "forbidden")
		expectError(t, e.do(req{method: "POST", path: "/api/v1/users", bearer: tok,
			body: map[string]string{"email": "x@example.org", "role": "admin", "password": "long enough password"}}), http.StatusForbidden, "forbidden")
	})
}

func TestLoginRateLimitEngages(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		var last resp
		for i := 0; i < 6; i++ {
			last = e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": adminEmail, "password": "guess number " + string(rune('a'+i))}})
		}
		expectError(t, last, http.StatusTooManyRequests, "too_many_attempts")
		// Even the right password is refused from the guessing address (other
		// addresses are not: see limits_test.go)…
		r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": adminEmail, "password": adminPassword}})
		expectError(t, r, http.StatusTooManyRequests, "too_many_attempts")
		// …and accepted again once the failures have aged out.
		e.clock.Advance(30 * time.Minute)
		e.login(adminEmail, adminPassword)
	})
}

// Only failures count: a workshop room signing in from one address is never
// locked out by its own successful sign-ins.
func TestSuccessfulSignInsAreNotLimited(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	for i := 0; i < 30; i++ {
		e.login(adminEmail, adminPassword)
	}
}

func TestCookieWritesNeedCSRFToken(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		token, cs := e.login(adminEmail, adminPassword)
		body := map[string]string{"email": "f1@example.org", "role": "facilitator", "password": facilitatorPwd}
		r := e.do(req{method: "POST", path: "/api/v1/users", cookies: cs, body: body})
		expectError(t, r, http.StatusForbidden, "csrf_failed")
		r = e.do(req{method: "POST", path: "/api/v1/users", cookies: cs, body: body, csrf: "wrong"})
		expectError(t, r, http.StatusForbidden, "csrf_failed")
		if n := len(e.listUsers(token)); n != 1 {
			t.Fatalf("a refused write stored something: %d users", n)
		}
		r = e.do(req{method: "POST", path: "/api/v1/users", cookies: cs, body: body, csrf: cookie(cs, csrfCookie).Value})
		if r.status != http.StatusCreated {
			t.Fatalf("with the token: %d %s", r.status, r.raw)
		}
		// Bearer clients are not exposed to CSRF and need no token.
		body["email"] = "f2@example.org"
		if r := e.do(req{method: "POST", path: "/api/v1/users", bearer: token, body: body}); r.status != http.StatusCreated {
			t.Fatalf("bearer write: %d %s", r.status, r.raw)
		}
	})
}

func (e *env) listUsers(token string) []any {
	e.t.Helper()
	r := e.do(req{method: "GET", path: "/api/v1/users", bearer: token})
	if r.status != http.StatusOK {
		e.t.Fatalf("list users: %d %s", r.status, r.raw)
	}
	return r.json["users"].([]any)
}
