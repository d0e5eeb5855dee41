package httpapi

import (
	"net/http"
	"testing"
)

// POST /exercises names what is missing with 422 and field errors; only a
// complete request looks the workshop and the scenario up.
func TestCreateExerciseRefusesMissingFields(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		admin := e.adminToken()
		w := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: admin, body: map[string]any{"title": "Vienna"}})
		if w.status != http.StatusCreated {
			t.Fatalf("workshop: %d %s", w.status, w.raw)
		}
		wid := w.json["workshop"].(map[string]any)["id"]
		cases := []struct {
			name   string
			body   map[string]any
			status int
			code   string
			fields []string
		}{
			{"empty body", map[string]any{}, 422, "validation_failed", []string{"workshop_id", "scenario_id"}},
			{"no scenario", map[string]any{"workshop_id": wid}, 422, "validation_failed", []string{"scenario_id"}},
			{"blank scenario", map[string]any{"workshop_id": wid, "scenario_id": "  "}, 422, "validation_failed", []string{"scenario_id"}},
			{"no workshop", map[string]any{"scenario_id": "tutorial-first-contact"}, 422, "validation_failed", []string{"workshop_id"}},
			{"negative workshop", map[string]any{"workshop_id": -1, "scenario_id": "tutorial-first-contact"}, 422, "validation_failed", []string{"workshop_id"}},
			{"negative version", map[string]any{"workshop_id": wid, "scenario_id": "tutorial-first-contact", "version": -2}, 422, "validation_failed", []string{"version"}},
			{"unknown workshop", map[string]any{"workshop_id": 999, "scenario_id": "tutorial-first-contact"}, 404, "not_found", nil},
			{"unknown scenario", map[string]any{"workshop_id": wid, "scenario_id": "no-such-scenario"}, 404, "not_found", nil},
			{"complete", map[string]any{"workshop_id": wid, "scenario_id": "tutorial-first-contact"}, 201, "", nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := e.do(req{method: "POST", path: "/api/v1/exercises", bearer: admin, body: c.body})
				if c.code == "" {
					if r.status != c.status {
						t.Fatalf("status %d, want %d: %s", r.status, c.status, r.raw)
					}
					return
				}
				expectError(t, r, c.status, c.code)
				fields, _ := r.json["error"].(map[string]any)["fields"].(map[string]any)
				if len(fields) != len(c.fields) {
					t.Fatalf("fields %v, want %v", fields, c.fields)
				}
				for _, f := range c.fields {
					if msg, _ := fields[f].(string); msg == "" {
						t.Fatalf("no message for %s in %s", f, r.raw)
					}
				}
			})
		}
	})
}
