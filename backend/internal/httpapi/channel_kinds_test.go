package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// An organisation's team (the grid operators' association of grid-cascade)
// may not write on the OSCE Communications Network: 422 naming the channel,
// nothing stored. A State may. The exercise view says who may use each
// channel and what kind each team is, so the composer offers only those.
func TestOrganisationRefusedOnStatesChannel(t *testing.T) {
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
		tok, ids, kinds := map[string]string{}, map[string]int64{}, map[string]any{}
		for _, x := range ex["teams"].([]any) {
			tm := x.(map[string]any)
			k := tm["key"].(string)
			tok[k], ids[k], kinds[k] = e.join(tm["join_code"].(string), "Delegate of "+k), int64(tm["id"].(float64)), tm["kind"]
		}
		if kinds["ngoa"] != "organisation" || kinds["halvena"] != "state" {
			t.Errorf("team kinds in the view: %v", kinds)
		}
		for _, x := range ex["scenario"].(map[string]any)["channels"].([]any) {
			ch := x.(map[string]any)
			var got []string
			for _, k := range ch["kinds"].([]any) {
				got = append(got, k.(string))
			}
			want := []string{"state", "organisation"}
			if ch["key"] == "osce_network" || ch["key"] == "diplomatic_note" || ch["key"] == "consultation_request" {
				want = []string{"state"}
			}
			if !slices.Equal(got, want) {
				t.Errorf("channel %s: kinds %v, want %v", ch["key"], got, want)
			}
		}
		if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("start: %d", r.status)
		}
		count := func() int {
			return len(e.do(req{method: "GET", path: base + "/messages", bearer: fac}).json["messages"].([]any))
		}
		before := count()
		r = e.send(base, tok["ngoa"], map[string]any{"to": []int64{ids["halvena"]}, "channel": "osce_network",
			"subject": "Frequency", "body": "The grid is unstable.", "kind": "information"})
		if r.status != http.StatusUnprocessableEntity || r.json["error"].(map[string]any)["code"] != "validation_failed" {
			t.Fatalf("organisation on the OSCE network: %d %s", r.status, r.raw)
		}
		if msg := fmt.Sprint(r.json["error"].(map[string]any)["fields"].(map[string]any)["channel"]); !strings.Contains(msg, "participating States") {
			t.Errorf("channel message: %q", msg)
		}
		if got := count(); got != before {
			t.Fatalf("%d messages after the refused one, want %d", got, before)
		}
		r = e.send(base, tok["halvena"], map[string]any{"to": []int64{ids["marrovia"]}, "channel": "osce_network",
			"subject": "Frequency", "body": "The grid is unstable."})
		if r.status != http.StatusCreated {
			t.Fatalf("State on the OSCE network: %d %s", r.status, r.raw)
		}
	})
}
