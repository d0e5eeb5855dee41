package httpapi

import (
	"net/http"
	"testing"
	"time"
)

// A facilitator confirms a candidate with one call: the report then counts
// it, says it was confirmed and by whom. A verdict on something that is not
// there is a 422 naming the field, and changes nothing.
func TestJudgeEvidenceThroughTheAPI(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		// Norhaven asks Valdoria on the OSCE network, not on the hotline the
		// tutorial names: tagged 8, it is only a candidate.
		r := e.send(base, tok["norhaven"], map[string]any{"to": []int64{ids["valdoria"]}, "channel": "osce_network",
			"subject": "Indicators?", "body": "Could you share the phishing indicators?", "cbms": []string{"8"}})
		msg := r.json["message"].(map[string]any)["id"].(float64)
		if src := r.json["message"].(map[string]any)["tag_sources"].(map[string]any); src["8"] != "sender" {
			t.Errorf("tag sources = %v", src)
		}
		verdict := map[string]any{"team_id": ids["norhaven"], "inject": "comm-check", "action": "comm-check-answered", "message": msg, "verdict": "confirmed"}
		action := func() map[string]any {
			rep := e.do(req{method: "GET", path: base + "/report", bearer: fac}).json["report"].(map[string]any)
			for _, tm := range rep["teams"].([]any) {
				if tm.(map[string]any)["key"] != "norhaven" {
					continue
				}
				for _, x := range tm.(map[string]any)["metrics"].(map[string]any)["expected_actions"].([]any) {
					if x.(map[string]any)["action"] == "comm-check-answered" {
						return x.(map[string]any)
					}
				}
			}
			t.Fatal("no comm-check-answered for Norhaven")
			return nil
		}
		e.clock.Advance(150 * time.Second) // the comm check comes out at 2m
		e.tick()
		if a := action(); a["status"] != "candidate" || a["observed"] != false {
			t.Fatalf("before the verdict: %v", a)
		}
		bad := map[string]any{}
		for k, v := range verdict {
			bad[k] = v
		}
		bad["action"] = "no-such-action"
		expectError(t, e.do(req{method: "PUT", path: base + "/evidence", bearer: fac, body: bad}), http.StatusUnprocessableEntity, "validation_failed")
		if a := action(); a["status"] != "candidate" {
			t.Fatalf("a refused verdict changed the report: %v", a)
		}
		if r := e.do(req{method: "PUT", path: base + "/evidence", bearer: fac, body: verdict}); r.status != http.StatusNoContent {
			t.Fatalf("verdict: %d %s", r.status, r.raw)
		}
		a := action()
		found, _ := a["found"].(map[string]any)
		if a["status"] != "confirmed" || a["observed"] != true || a["source"] != "confirmed" || found == nil || found["by"] == "" {
			t.Fatalf("after the verdict: %v", a)
		}
		// Participants cannot judge.
		if r := e.do(req{method: "PUT", path: base + "/evidence", bearer: tok["norhaven"], body: verdict}); r.status != http.StatusForbidden {
			t.Errorf("a participant's verdict: %d", r.status)
		}
	})
}
