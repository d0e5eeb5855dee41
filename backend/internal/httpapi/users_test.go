package httpapi

import (
	"fmt"
	"net/http"
	"testing"
)

func TestUserAdministration(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		admin := e.adminToken()
		post := func(body map[string]any) resp {
			return e.do(req{method: "POST", path: "/api/v1/users", bearer: admin, body: body})
		}
		r := post(map[string]any{"email": "Fac@Example.org ", "name": "Faye", "role": "facilitator", "password": facilitatorPwd})
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.raw)
		}
		u := r.json["user"].(map[string]any)
		id := int(u["id"].(float64))
		if u["email"] != "fac@example.org" || u["role"] != "facilitator" || u["password_hash"] != nil {
			t.Fatalf("created user: %s", r.raw)
		}

		r = post(map[string]any{"email": "not-an-email", "role": "king", "password": "short"})
		expectError(t, r, http.StatusUnprocessableEntity, "validation_failed")
		fields := r.json["error"].(map[string]any)["fields"].(map[string]any)
		for _, f := range []string{"email", "role", "password"} {
			if fields[f] == nil {
				t.Errorf("no message for field %s in %s", f, r.raw)
			}
		}
		expectError(t, post(map[string]any{"email": "fac@example.org", "role": "admin", "password": facilitatorPwd}), http.StatusConflict, "email_taken")
		if n := len(e.listUsers(admin)); n != 2 {
			t.Fatalf("refused creates stored something: %d users", n)
		}

		// A facilitator signs in but may not manage accounts.
		fac, _ := e.login("fac@example.org", facilitatorPwd)
		expectError(t, e.do(req{method: "GET", path: "/api/v1/users", bearer: fac}), http.StatusForbidden, "forbidden")

		path := fmt.Sprintf("/api/v1/users/%d", id)
		r = e.do(req{method: "PATCH", path: path, bearer: admin, body: map[string]any{"name": "Faye F.", "role": "admin"}})
		if r.status != http.StatusOK || r.json["user"].(map[string]any)["role"] != "admin" {
			t.Fatalf("patch: %d %s", r.status, r.raw)
		}
		// The promotion takes effect on the existing session at once.
		if r := e.do(req{method: "GET", path: "/api/v1/users", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("promoted user still refused: %d", r.status)
		}
		// A new password ends the account's sessions.
		e.do(req{method: "PATCH", path: path, bearer: admin, body: map[string]any{"password": "a brand new password"}})
		expectError(t, e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}), http.StatusUnauthorized, "unauthenticated")
		fac, _ = e.login("fac@example.org", "a brand new password")
		// Disabling ends them too, and sign-in is refused.
		e.do(req{method: "PATCH", path: path, bearer: admin, body: map[string]any{"disabled": true}})
		expectError(t, e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}), http.StatusUnauthorized, "unauthenticated")
		expectError(t, e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": "fac@example.org", "password": "a brand new password"}}),
			http.StatusUnauthorized, "invalid_credentials")

		// Admins cannot lock themselves out.
		me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: admin}).json["user"].(map[string]any)
		self := fmt.Sprintf("/api/v1/users/%d", int(me["id"].(float64)))
		expectError(t, e.do(req{method: "PATCH", path: self, bearer: admin, body: map[string]any{"disabled": true}}), http.StatusUnprocessableEntity, "validation_failed")
		expectError(t, e.do(req{method: "DELETE", path: self, bearer: admin}), http.StatusUnprocessableEntity, "cannot_delete_self")

		if r := e.do(req{method: "DELETE", path: path, bearer: admin}); r.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", r.status, r.raw)
		}
		expectError(t, e.do(req{method: "DELETE", path: path, bearer: admin}), http.StatusNotFound, "not_found")
		expectError(t, e.do(req{method: "PATCH", path: "/api/v1/users/abc", bearer: admin, body: map[string]any{}}), http.StatusBadRequest, "invalid_id")
		expectError(t, e.do(req{method: "PATCH", path: path, bearer: admin, body: map[string]any{"name": 5}}), http.StatusBadRequest, "invalid_json")
	})
}
