package httpapi

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// staffMember makes an account, assigns it to the exercise's workshop with
// a duty, and signs it in.
func (e *env) staffMember(base, email, name, duty string) string {
	e.t.Helper()
	admin := e.adminToken()
	u := e.do(req{method: "POST", path: "/api/v1/users", bearer: admin,
		body: map[string]string{"email": email, "name": name, "role": "facilitator", "password": facilitatorPwd}})
	if u.status != http.StatusCreated {
		e.t.Fatalf("user: %d %s", u.status, u.raw)
	}
	id := u.json["user"].(map[string]any)["id"]
	wid := e.do(req{method: "GET", path: base, bearer: admin}).json["exercise"].(map[string]any)["workshop_id"]
	w := e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/workshops/%v", wid), bearer: admin}).json["workshop"].(map[string]any)
	staff := append(w["staff"].([]any), map[string]any{"user_id": id, "duty": duty})
	if r := e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/workshops/%v", wid), bearer: admin,
		body: map[string]any{"staff": staff}}); r.status != http.StatusOK {
		e.t.Fatalf("assign: %d %s", r.status, r.raw)
	}
	tok, _ := e.login(email, facilitatorPwd)
	return tok
}

// Two evaluators score a team; a controller may not, nor may an evaluator
// touch the clock; the report gives the evaluators' agreement.
func TestEvaluatorsScoreAndTheReportGivesTheirAgreement(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		lead, base, _, ids := e.threeTeams()
		ana := e.staffMember(base, "ana@example.org", "Ana", "evaluator")
		ben := e.staffMember(base, "ben@example.org", "Ben", "evaluator")
		carl := e.staffMember(base, "carl@example.org", "Carl", "controller")
		val := ids["valdoria"]

		viewer := e.do(req{method: "GET", path: base, bearer: ana}).json["exercise"].(map[string]any)["viewer"].(map[string]any)
		acts := viewer["acts"].([]any)
		if viewer["duty"] != "evaluator" || slices.Contains(acts, any("clock")) || !slices.Contains(acts, any("score")) {
			t.Fatalf("an evaluator's viewer: %v", viewer)
		}
		if v := e.do(req{method: "GET", path: base, bearer: lead}).json["exercise"].(map[string]any)["viewer"].(map[string]any); v["duty"] != "lead" {
			t.Fatalf("the lead's viewer: %v", v)
		}
		refused := e.do(req{method: "POST", path: base + "/pause", bearer: ana})
		expectError(t, refused, http.StatusForbidden, "duty_not_allowed")
		if !strings.Contains(string(refused.raw), "only the lead facilitator or a controller may") {
			t.Fatalf("the refusal does not say who may: %s", refused.raw)
		}

		score := func(token, criterion, value string, final bool) resp {
			return e.do(req{method: "PUT", path: base + "/scores", bearer: token,
				body: map[string]any{"team_id": val, "criterion": criterion, "value": value, "final": final}})
		}
		expectError(t, score(carl, "comm-check", "P", false), http.StatusForbidden, "duty_not_allowed")
		criteria := []string{"comm-check", "poc-directory", "first-message", "consult-before-public"}
		for i, v := range []string{"P", "S", "S", "M"} {
			if r := score(ana, criteria[i], v, false); r.status != http.StatusNoContent {
				t.Fatalf("Ana scores: %d %s", r.status, r.raw)
			}
		}
		for i, v := range []string{"P", "S", "M", "M"} {
			if r := score(ben, criteria[i], v, false); r.status != http.StatusNoContent {
				t.Fatalf("Ben scores: %d %s", r.status, r.raw)
			}
		}
		if r := score(lead, "first-message", "S", true); r.status != http.StatusNoContent {
			t.Fatalf("the lead agrees a score: %d %s", r.status, r.raw)
		}

		// The controller reads the report as every staff member does.
		rep := e.do(req{method: "GET", path: base + "/report", bearer: carl})
		if rep.status != http.StatusOK {
			t.Fatalf("report: %d %s", rep.status, rep.raw)
		}
		var ag map[string]any
		for _, tm := range rep.json["report"].(map[string]any)["teams"].([]any) {
			m := tm.(map[string]any)
			if m["team_id"] == float64(val) {
				ag, _ = m["agreement"].(map[string]any)
			} else if m["agreement"] != nil {
				t.Fatalf("an unscored team has an agreement: %v", m["agreement"])
			}
		}
		// 3 of 4 alike; Ana P1 S2 M1, Ben P1 S1 M2: κ = (4·3 − 5)/(16 − 5) = 7/11.
		t.Logf("Valdoria: %v, %v criteria, %v%% agreement, κ = %v, differ on %v", ag["method"], ag["criteria"], ag["percent"], ag["kappa"], ag["differing"])
		kappa, _ := ag["kappa"].(float64)
		if ag["method"] != "cohen" || ag["criteria"] != float64(4) || ag["percent"] != float64(75) || math.Abs(kappa-7.0/11) > 1e-9 {
			t.Fatalf("agreement: %v", ag)
		}
		if d := ag["differing"].([]any); len(d) != 1 || d[0] != "first-message" || len(ag["raters"].([]any)) != 2 {
			t.Fatalf("differing %v, raters %v", d, ag["raters"])
		}
	})
}

// A facilitator scoring alone who marks the score as agreed sees it as
// their own score too.
func TestSingleFacilitatorsAgreedScoreIsTheirs(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac, base, _, ids := e.threeTeams()
	if r := e.do(req{method: "PUT", path: base + "/scores", bearer: fac, body: map[string]any{"team_id": ids["esterra"],
		"criterion": "comm-check", "value": "S", "final": true}}); r.status != http.StatusNoContent {
		t.Fatalf("score: %d %s", r.status, r.raw)
	}
	for _, tm := range e.do(req{method: "GET", path: base + "/report", bearer: fac}).json["report"].(map[string]any)["teams"].([]any) {
		m := tm.(map[string]any)
		if m["team_id"] != float64(ids["esterra"]) {
			continue
		}
		c := m["scorecard"].([]any)[0].(map[string]any)
		scores := c["scores"].([]any)
		if c["criterion"] != "comm-check" || len(scores) != 1 || scores[0].(map[string]any)["value"] != "S" || c["final"] == nil {
			t.Fatalf("scorecard: %v", c)
		}
	}
}
