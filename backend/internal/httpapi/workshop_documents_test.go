package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A workshop's document settings — the classification line, the place and
// the organiser — are stored, returned and editable by an admin; over-long
// or multi-line values are refused (422, nothing changes) or folded to one
// line.
func TestWorkshopDocumentSettings(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		admin := e.adminToken()
		r := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: admin, body: map[string]any{"title": "Almaty"}})
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.raw)
		}
		w := r.json["workshop"].(map[string]any)
		if w["classification"] != "" || w["organiser"] != "" {
			t.Fatalf("a new workshop has no classification or organiser: %v", w)
		}
		path := fmt.Sprintf("/api/v1/workshops/%v", w["id"])
		r = e.do(req{method: "PATCH", path: path, bearer: admin, body: map[string]any{
			"classification": "For workshop\n participants only", "organiser": " OSCE Transnational Threats Department ", "place": "Almaty"}})
		if r.status != http.StatusOK {
			t.Fatalf("patch: %d %s", r.status, r.raw)
		}
		got := e.do(req{method: "GET", path: path, bearer: admin}).json["workshop"].(map[string]any)
		if got["classification"] != "For workshop participants only" || got["organiser"] != "OSCE Transnational Threats Department" || got["place"] != "Almaty" {
			t.Fatalf("stored settings: %v", got)
		}
		for field, n := range map[string]int{"classification": 121, "organiser": 201, "place": 201} {
			r := e.do(req{method: "PATCH", path: path, bearer: admin, body: map[string]any{field: strings.Repeat("я", n)}})
			expectError(t, r, http.StatusUnprocessableEntity, "validation_failed")
			if !strings.Contains(string(r.raw), field) {
				t.Errorf("the error does not name %s: %s", field, r.raw)
			}
		}
		if again := e.do(req{method: "GET", path: path, bearer: admin}).json["workshop"].(map[string]any); again["classification"] != got["classification"] || again["place"] != "Almaty" {
			t.Errorf("a refused change altered the workshop: %v", again)
		}
	})
}
