package httpapi

import (
	"fmt"
	"net/http"
	"testing"
)

// Every operation that answers JSON answers at least once in the API tests,
// for each kind of caller whose answer has a shape of its own, so that
// checkContract compares each response schema of openapi.yaml with a real
// answer. The other tests cover most operations; this one plays the rest:
// the clock controls, inject holds, decisions, team renames, declined and
// escalated requests, a points-of-contact entry saved empty and an ad-hoc
// inject to all teams (whose recipients are null), the improvement plan,
// and the reads by a participant and an observer.
func TestEveryOperationAnswersAsDocumented(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, admin := e.facilitatorToken(), e.adminToken()
		me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
		w := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: admin, body: map[string]any{"title": "Tour", "facilitator_ids": []any{me["id"]}}})
		wpath := fmt.Sprintf("/api/v1/workshops/%d", int64(w.json["workshop"].(map[string]any)["id"].(float64)))
		x := e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{
			"workshop_id": w.json["workshop"].(map[string]any)["id"], "scenario_id": "grid-cascade"}})
		ex := x.json["exercise"].(map[string]any)
		base := fmt.Sprintf("/api/v1/exercises/%d", int64(ex["id"].(float64)))
		teams := ex["teams"].([]any)
		team := func(i int) map[string]any { return teams[i].(map[string]any) }
		halvena := e.join(team(0)["join_code"].(string), "Delegate of Halvena")
		marrovia := e.join(team(1)["join_code"].(string), "Delegate of Marrovia")
		observer := e.join(ex["observer_code"].(string), "Observer")
		marroviaID := int64(team(1)["id"].(float64))

		calls := []struct {
			method, path, token string
			body                any
			status              int
		}{
			{"GET", wpath, fac, nil, http.StatusOK},
			{"POST", base + "/start", fac, nil, http.StatusOK},
			{"POST", base + "/pause", fac, nil, http.StatusOK},
			{"POST", base + "/resume", fac, nil, http.StatusOK},
			{"POST", base + "/speed", fac, map[string]any{"speed": 2}, http.StatusOK},
			{"POST", base + "/jump", fac, map[string]any{"phase": "malware-found", "overtaken": "skip"}, http.StatusOK},
			{"POST", base + "/injects/news-blackout/hold", fac, nil, http.StatusNoContent},
			{"POST", base + "/injects/news-blackout/unhold", fac, nil, http.StatusNoContent},
			{"POST", base + "/injects/ngoa-data-gap/skip", fac, nil, http.StatusNoContent},
			{"POST", base + "/injects/sitrep-trip/release", fac, nil, http.StatusNoContent},
			{"POST", base + "/injects", fac, map[string]any{"title": "Flash", "body": "To every team."}, http.StatusCreated},
			{"POST", base + "/triggers/public-blame/decide", fac, map[string]any{"yes": true}, http.StatusNoContent},
			{"POST", base + "/phases/frequency-drop/close", fac, nil, http.StatusNoContent},
			{"PATCH", fmt.Sprintf("%s/teams/%d", base, marroviaID), fac, map[string]any{"name": "Republic of Marrovia"}, http.StatusOK},
			{"POST", fmt.Sprintf("%s/teams/%d/code", base, marroviaID), fac, nil, http.StatusOK},
			{"PUT", base + "/poc", halvena, map[string]any{}, http.StatusNoContent},
			{"POST", base + "/commchecks", fac, map[string]any{}, http.StatusCreated},
			{"POST", base + "/improvements", fac, map[string]any{"recommendation": "Keep the hotline staffed."}, http.StatusCreated},
			{"GET", wpath, fac, nil, http.StatusOK},
			{"GET", "/api/v1/auth/me", halvena, nil, http.StatusOK},
			{"GET", "/api/v1/auth/me", observer, nil, http.StatusOK},
		}
		for _, c := range calls {
			if r := e.do(req{method: c.method, path: c.path, bearer: c.token, body: c.body}); r.status != c.status {
				t.Fatalf("%s %s: %d, want %d: %s", c.method, c.path, r.status, c.status, r.raw)
			}
		}
		for _, step := range []string{"decline", "escalate"} {
			r := e.send(base, halvena, map[string]any{"to": []int64{marroviaID}, "channel": "poc_hotline",
				"subject": "Grid data", "body": "Please share what you see.", "kind": "information"})
			path := fmt.Sprintf("%s/messages/%d/%s", base, int64(r.json["message"].(map[string]any)["id"].(float64)), step)
			if r := e.do(req{method: "POST", path: path, bearer: marrovia, body: map[string]string{"text": "Not now."}}); r.status != http.StatusOK {
				t.Fatalf("%s: %d %s", step, r.status, r.raw)
			}
		}
		e.do(req{method: "POST", path: base + "/report/publish", bearer: fac})
		for _, path := range []string{"", "/injects", "/briefing", "/answers", "/messages", "/poc", "/commchecks", "/log", "/report"} {
			for who, tok := range map[string]string{"staff": fac, "participant": halvena, "observer": observer} {
				if r := e.do(req{method: "GET", path: base + path, bearer: tok}); r.status != http.StatusOK {
					t.Errorf("GET %s as %s: %d %s", base+path, who, r.status, r.raw)
				}
			}
		}
		for _, path := range []string{"/triggers", "/participants"} {
			if r := e.do(req{method: "GET", path: base + path, bearer: fac}); r.status != http.StatusOK {
				t.Errorf("GET %s: %d %s", base+path, r.status, r.raw)
			}
		}
		if r := e.do(req{method: "GET", path: "/api/v1/dashboard", bearer: fac}); r.status != http.StatusOK {
			t.Errorf("dashboard: %d %s", r.status, r.raw)
		}
	})
}
