package httpapi

import (
	"fmt"
	"net/http"
	"testing"
)

// A workshop's dates are YYYY-MM-DD or "" for no date, the same for
// starts_on and ends_on, on create and on update; "" is also what a workshop
// without a date answers. null or leaving a field out on update keeps it.
func TestWorkshopDatesAreADateOrEmpty(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		admin := e.adminToken()
		create := func(body map[string]any) resp {
			body["title"] = "Vienna"
			return e.do(req{method: "POST", path: "/api/v1/workshops", bearer: admin, body: body})
		}
		dated := create(map[string]any{"starts_on": "2026-11-27", "ends_on": "2026-11-28"})
		if dated.status != http.StatusCreated {
			t.Fatalf("dated workshop: %d %s", dated.status, dated.raw)
		}
		path := fmt.Sprintf("/api/v1/workshops/%v", dated.json["workshop"].(map[string]any)["id"])
		update := func(body map[string]any) resp {
			return e.do(req{method: "PATCH", path: path, bearer: admin, body: body})
		}
		cases := []struct {
			name       string
			call       func(map[string]any) resp
			body       map[string]any
			status     int
			starts     string
			ends       string
			badField   string
			wantFields int
		}{
			{"create, both empty", create, map[string]any{"starts_on": "", "ends_on": ""}, 201, "", "", "", 0},
			{"create, both absent", create, map[string]any{}, 201, "", "", "", 0},
			{"create, both null", create, map[string]any{"starts_on": nil, "ends_on": nil}, 201, "", "", "", 0},
			{"create, start only", create, map[string]any{"starts_on": "2026-11-27", "ends_on": ""}, 201, "2026-11-27", "", "", 0},
			{"create, end only", create, map[string]any{"starts_on": "", "ends_on": "2026-11-28"}, 201, "", "2026-11-28", "", 0},
			{"create, start not a date", create, map[string]any{"starts_on": "27/11/2026"}, 422, "", "", "starts_on", 1},
			{"create, end not a date", create, map[string]any{"ends_on": "2026-13-01"}, 422, "", "", "ends_on", 1},
			{"create, start blank", create, map[string]any{"starts_on": " "}, 422, "", "", "starts_on", 1},
			{"create, end before start", create, map[string]any{"starts_on": "2026-11-28", "ends_on": "2026-11-27"}, 422, "", "", "ends_on", 1},
			{"update, null keeps both", update, map[string]any{"starts_on": nil, "ends_on": nil}, 200, "2026-11-27", "2026-11-28", "", 0},
			{"update, absent keeps both", update, map[string]any{"place": "Hofburg"}, 200, "2026-11-27", "2026-11-28", "", 0},
			{"update, end not a date", update, map[string]any{"ends_on": "tomorrow"}, 422, "", "", "ends_on", 1},
			{"update, start not a date", update, map[string]any{"starts_on": "2026-02-30"}, 422, "", "", "starts_on", 1},
			{"update, empty end clears it", update, map[string]any{"ends_on": ""}, 200, "2026-11-27", "", "", 0},
			{"update, empty start clears it", update, map[string]any{"starts_on": ""}, 200, "", "", "", 0},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := c.call(c.body)
				if c.badField != "" {
					expectError(t, r, c.status, "validation_failed")
					fields := r.json["error"].(map[string]any)["fields"].(map[string]any)
					if _, ok := fields[c.badField]; !ok || len(fields) != c.wantFields {
						t.Fatalf("fields %v, want only %s", fields, c.badField)
					}
					return
				}
				if r.status != c.status {
					t.Fatalf("status %d, want %d: %s", r.status, c.status, r.raw)
				}
				w := r.json["workshop"].(map[string]any)
				if w["starts_on"] != c.starts || w["ends_on"] != c.ends {
					t.Fatalf("starts_on %#v, ends_on %#v; want %q, %q", w["starts_on"], w["ends_on"], c.starts, c.ends)
				}
			})
		}
	})
}
