package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// PUT /poc from an organisation's team naming a States-only channel: 422
// with the field message, and the directory still shows what it showed.
func TestPoCOrganisationRefusedOnStatesChannel(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac := e.facilitatorToken()
		me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
		r := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: e.adminToken(), body: map[string]any{
			"title": "Vienna workshop", "facilitator_ids": []any{me["id"]}, "starts_on": "2026-11-27", "ends_on": "2026-11-28"}})
		wid := r.json["workshop"].(map[string]any)["id"]
		r = e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{"workshop_id": wid, "scenario_id": "grid-cascade"}})
		if r.status != http.StatusCreated {
			t.Fatalf("exercise: %d %s", r.status, r.raw)
		}
		ex := r.json["exercise"].(map[string]any)
		base := fmt.Sprintf("/api/v1/exercises/%d", int64(ex["id"].(float64)))
		tok := map[string]string{}
		for _, x := range ex["teams"].([]any) {
			tm := x.(map[string]any)
			tok[tm["key"].(string)] = e.join(tm["join_code"].(string), "Delegate of "+tm["key"].(string))
		}
		if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("start: %d", r.status)
		}
		before := e.do(req{method: "GET", path: base + "/poc", bearer: fac}).raw
		r = e.do(req{method: "PUT", path: base + "/poc", bearer: tok["ngoa"], body: map[string]any{"entries": []map[string]any{
			{"role": "technical", "name": "Control room", "channel": "osce_network"}}}})
		if r.status != http.StatusUnprocessableEntity || r.json["error"].(map[string]any)["code"] != "validation_failed" {
			t.Fatalf("organisation's contact on the OSCE network: %d %s", r.status, r.raw)
		}
		if msg := fmt.Sprint(r.json["error"].(map[string]any)["fields"].(map[string]any)["entries"]); !strings.Contains(msg, "OSCE Communications Network") ||
			!strings.Contains(msg, "participating States") {
			t.Errorf("entries message: %q", msg)
		}
		if after := e.do(req{method: "GET", path: base + "/poc", bearer: fac}).raw; string(after) != string(before) {
			t.Errorf("directory changed after the refused save:\n%s\n%s", before, after)
		}
		r = e.do(req{method: "PUT", path: base + "/poc", bearer: tok["halvena"], body: map[string]any{"entries": []map[string]any{
			{"role": "policy", "name": "MFA desk", "channel": "osce_network"}}}})
		if r.status != http.StatusNoContent {
			t.Fatalf("State's contact on the OSCE network: %d %s", r.status, r.raw)
		}
	})
}
