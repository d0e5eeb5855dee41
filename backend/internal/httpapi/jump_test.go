package httpapi

import (
	"net/http"
	"testing"
	"time"
)

// rows lists the entries of a JSON array field by a key field.
func rowsBy(v any, key string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, x := range v.([]any) {
		m := x.(map[string]any)
		k, _ := m[key].(string)
		out[k] = m
	}
	return out
}

// The jump's choice for the injects it passes over reaches the engine, and
// the MSEL and the report say what the jump did, who jumped and when.
func TestJumpReleasesOrSkipsAndSaysSo(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, _ := e.threeTeams()
		e.clock.Advance(30 * time.Second)
		expectError(t, e.do(req{method: "POST", path: base + "/jump", bearer: fac, body: map[string]any{"phase": "first-incident", "overtaken": "later"}}),
			http.StatusUnprocessableEntity, "validation_failed")
		// To the second phase, releasing what lies between (the default).
		if r := e.do(req{method: "POST", path: base + "/jump", bearer: fac, body: map[string]any{"phase": "first-incident"}}); r.status != http.StatusOK {
			t.Fatalf("jump: %d %s", r.status, r.raw)
		}
		e.tick()
		e.clock.Advance(30 * time.Second)
		// Then to the third, skipping what lies between.
		if r := e.do(req{method: "POST", path: base + "/jump", bearer: fac, body: map[string]any{"phase": "talking-it-through", "overtaken": "skip"}}); r.status != http.StatusOK {
			t.Fatalf("jump: %d %s", r.status, r.raw)
		}
		e.tick()
		msel := rowsBy(e.do(req{method: "GET", path: base + "/injects", bearer: fac}).json["injects"], "key")
		if r := msel["comm-check"]; r["state"] != "released" || r["source"] != "jump" || r["released_by"] == "" || r["released_at"] == nil {
			t.Errorf("comm-check: %v", r)
		}
		if r := msel["esterra-hoster-call"]; r["state"] != "skipped" || r["skipped_by_jump"] != true || r["skipped_by"] == "" || r["skipped_seconds"] != float64(600) {
			t.Errorf("esterra-hoster-call: %v", r)
		}
		if r := msel["valdoria-phishing"]; r["source"] != "schedule" {
			t.Errorf("the second phase's opening inject: %v", r)
		}
		// A team reads who released it by the jump.
		mine := rowsBy(e.do(req{method: "GET", path: base + "/injects", bearer: tok["valdoria"]}).json["injects"], "key")
		if r := mine["comm-check"]; r["source"] != "jump" || r["by"] == "" {
			t.Errorf("Valdoria's comm-check: %v", r)
		}
		rep := e.do(req{method: "GET", path: base + "/report", bearer: fac}).json["report"].(map[string]any)
		var jumps, released, skipped int
		for _, x := range rep["timeline"].([]any) {
			m := x.(map[string]any)
			switch {
			case m["kind"] == "clock" && m["detail"] == "jump":
				jumps++
				if m["by"] == "" || m["wall_at"] == nil || m["from_seconds"] != float64(30) && m["from_seconds"] != float64(330) {
					t.Errorf("jump entry: %v", m)
				}
			case m["detail"] == "jump":
				released++
				if m["by"] == "" || m["wall_at"] == nil || m["due_seconds"] == nil {
					t.Errorf("released entry: %v", m)
				}
			case m["detail"] == "jump_skipped":
				skipped++
				if m["title"] == "" || m["due_seconds"] != float64(420) {
					t.Errorf("skipped entry: %v", m)
				}
			case m["detail"] == "schedule" && (m["title"] == "Communication check from the OSCE Secretariat"):
				t.Errorf("a passed-over inject reported as on schedule: %v", m)
			}
		}
		if jumps != 2 || released != 2 || skipped != 1 {
			t.Errorf("timeline: %d jumps, %d released by a jump, %d skipped by a jump", jumps, released, skipped)
		}
		// Skips are the facilitators' plan: a team's copy has the jumps, not them.
		e.do(req{method: "POST", path: base + "/report/publish", bearer: fac})
		theirs := e.do(req{method: "GET", path: base + "/report", bearer: tok["valdoria"]}).json["report"].(map[string]any)
		for _, x := range theirs["timeline"].([]any) {
			if x.(map[string]any)["detail"] == "jump_skipped" {
				t.Errorf("a team reads a skipped inject: %v", x)
			}
		}
	})
}
