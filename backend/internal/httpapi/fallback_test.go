package httpapi

import (
	"net/http"
	"testing"
)

// A wrong method on an address that exists answers 405 with the methods it
// takes in Allow and the one error body; an address that does not exist
// answers 404. Neither needs credentials, nor a CSRF token.
func TestWrongMethodAnswers405WithAllow(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, cookies := e.login(adminEmail, adminPassword)
		admin := e.adminToken()
		cases := []struct {
			name, method, path string
			bearer             string
			cookie             bool
			status             int
			allow              string
		}{
			{"PUT on sign-in", "PUT", "/api/v1/auth/login", "", false, 405, "OPTIONS, POST"},
			{"GET on sign-in", "GET", "/api/v1/auth/login", "", false, 405, "OPTIONS, POST"},
			{"DELETE on the workshop list", "DELETE", "/api/v1/workshops", admin, false, 405, "OPTIONS, GET, POST"},
			{"PUT on a user", "PUT", "/api/v1/users/1", admin, false, 405, "OPTIONS, DELETE, PATCH"},
			{"POST on an exercise", "POST", "/api/v1/exercises/1", "", false, 405, "OPTIONS, GET"},
			{"GET on a request step", "GET", "/api/v1/exercises/1/messages/5/acknowledge", admin, false, 405, "OPTIONS, POST"},
			{"DELETE on the PoC directory", "DELETE", "/api/v1/exercises/1/poc", admin, false, 405, "OPTIONS, GET, PUT"},
			{"PATCH on the event stream", "PATCH", "/api/v1/exercises/1/events", admin, false, 405, "OPTIONS, GET"},
			{"cookie session without CSRF token", "PUT", "/api/v1/auth/me", "", true, 405, "OPTIONS, GET"},
			{"outside the API", "POST", "/healthz", "", false, 405, "OPTIONS, GET"},
			{"OPTIONS", "OPTIONS", "/api/v1/workshops/3", "", false, 204, "OPTIONS, GET, PATCH"},
			{"no such address", "GET", "/api/v1/no-such-thing", admin, false, 404, ""},
			{"no such address, other method", "POST", "/api/v1/exercises/1/nothing", "", false, 404, ""},
			{"OPTIONS on no such address", "OPTIONS", "/api/v1/nothing", "", false, 404, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := req{method: c.method, path: c.path, bearer: c.bearer}
				if c.cookie {
					r.cookies = cookies
				}
				got := e.do(r)
				switch c.status {
				case http.StatusMethodNotAllowed:
					expectError(t, got, c.status, "method_not_allowed")
				case http.StatusNotFound:
					expectError(t, got, c.status, "not_found")
				default:
					if got.status != c.status {
						t.Fatalf("status %d, want %d: %s", got.status, c.status, got.raw)
					}
				}
				if a := got.header.Get("Allow"); a != c.allow {
					t.Fatalf("Allow %q, want %q", a, c.allow)
				}
			})
		}
	})
}
