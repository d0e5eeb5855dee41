package httpapi

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// The dashboard adds up how the CBMs were used, per CBM, per scenario and
// its roles, and per workshop; a facilitator sees only the workshops they
// are assigned to.
func TestDashboardPerCBMScenarioAndWorkshop(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "a", "body": "b", "cbms": []string{"8"}})
		e.send(base, tok["esterra"], map[string]any{"to": []int64{ids["valdoria"]}, "channel": "osce_network", "subject": "a", "body": "b", "cbms": []string{"10", "8"}})
		e.do(req{method: "PUT", path: base + "/scores", bearer: fac, body: map[string]any{"team_id": ids["valdoria"], "criterion": "comm-check", "value": "S", "final": true}})
		d := e.do(req{method: "GET", path: "/api/v1/dashboard", bearer: fac})
		if d.status != http.StatusOK {
			t.Fatalf("dashboard: %d %s", d.status, d.raw)
		}
		cbms := map[string]map[string]any{}
		for _, c := range d.json["cbms"].([]any) {
			cbms[c.(map[string]any)["cbm"].(string)] = c.(map[string]any)
		}
		if c := cbms["8"]; c == nil || c["uses"] != float64(2) || c["teams_using"] != float64(2) || c["exercises_expecting"] != float64(1) {
			t.Fatalf("CBM 8: %v", c)
		}
		if c := cbms["3"]; c == nil || c["uses"] != float64(0) { // in the scenario's focus, not used
			t.Fatalf("CBM 3: %v", c)
		}
		most := d.json["most_used"].([]any)
		if len(most) != 2 || most[0].(map[string]any)["cbm"] != "8" || most[0].(map[string]any)["rank"] != float64(1) {
			t.Fatalf("most used: %v", most)
		}
		sc := d.json["scenarios"].([]any)[0].(map[string]any)
		if f := sc["figures"].(map[string]any); f["exercises"] != float64(1) || f["teams"] != float64(3) || f["messages_sent"] != float64(2) ||
			f["scores"].(map[string]any)["S"] != float64(1) {
			t.Fatalf("scenario figures: %v", f)
		}
		roles := map[string]map[string]any{}
		for _, r := range sc["roles"].([]any) {
			roles[r.(map[string]any)["name"].(string)] = r.(map[string]any)["figures"].(map[string]any)
		}
		if v := roles["Republic of Valdoria"]; v == nil || v["messages_sent"] != float64(1) || v["cbm_use"].(map[string]any)["8"] != float64(1) {
			t.Fatalf("Valdoria's role: %v", roles)
		}
		ws := d.json["workshops"].([]any)
		if len(ws) != 1 || ws[0].(map[string]any)["title"] != "Vienna workshop" || ws[0].(map[string]any)["attribution"] != nil {
			t.Fatalf("workshops: %v", ws)
		}
		if dl := d.json["delegations"].([]any); len(dl) != 0 {
			t.Fatalf("delegations without attributed results: %v", dl)
		}
		c := e.do(req{method: "GET", path: "/api/v1/dashboard.csv", bearer: fac})
		for _, want := range []string{"cbm,,,,,,,8,", "role,,First contact: a 15-minute tutorial,,Republic of Valdoria,", "workshop,Vienna workshop,"} {
			if !strings.Contains(string(c.raw), want) {
				t.Fatalf("dashboard.csv lacks %q:\n%s", want, c.raw)
			}
		}

		e.do(req{method: "POST", path: "/api/v1/users", bearer: e.adminToken(), body: map[string]string{"email": "o@example.org", "role": "facilitator", "password": facilitatorPwd}})
		other, _ := e.login("o@example.org", facilitatorPwd)
		if n := len(e.do(req{method: "GET", path: "/api/v1/dashboard", bearer: other}).json["exercises"].([]any)); n != 0 {
			t.Fatalf("an unassigned facilitator's dashboard counts %d exercises", n)
		}
	})
}

// Titles and names typed by people reach dashboard.csv as text, never as
// formulas: a workshop titled =1+1, an exercise titled @SUM(1), a
// delegation =HYPERLINK(…) (attributed results on, so that it is written).
func TestDashboardCSVNeutralisesFormulas(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, _, _, _, wid := e.playedAndPublished(`=HYPERLINK("http://x","y")`)
		if r := e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/workshops/%d", wid), bearer: e.adminToken(),
			body: map[string]any{"title": "=1+1", "attributed_results": true, "attribution_reason": "+reason asked by the States"}}); r.status != http.StatusOK {
			t.Fatalf("workshop: %d %s", r.status, r.raw)
		}
		// A second exercise titled @SUM(1), with a delegation recorded, so
		// that its title is written on a delegation row.
		r := e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{"workshop_id": wid, "scenario_id": "tutorial-first-contact", "title": "@SUM(1)"}})
		if r.status != http.StatusCreated {
			t.Fatalf("exercise: %d %s", r.status, r.raw)
		}
		ex := r.json["exercise"].(map[string]any)
		second := fmt.Sprintf("/api/v1/exercises/%v", ex["id"])
		team := ex["teams"].([]any)[0].(map[string]any)["id"]
		for _, w := range []req{
			{method: "PATCH", path: fmt.Sprintf("%s/teams/%v", second, team), body: map[string]string{"name": "-Delegation of Ostmark"}},
			{method: "POST", path: second + "/start"},
		} {
			w.bearer = fac
			if r := e.do(w); r.status != http.StatusOK {
				t.Fatalf("%s %s: %d %s", w.method, w.path, r.status, r.raw)
			}
		}
		c := e.do(req{method: "GET", path: "/api/v1/dashboard.csv", bearer: fac})
		if c.status != http.StatusOK {
			t.Fatalf("dashboard.csv: %d %s", c.status, c.raw)
		}
		rows, err := csv.NewReader(strings.NewReader(string(c.raw))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("a formula in dashboard.csv: %q", cell)
				}
				seen[cell] = true
			}
		}
		for _, want := range []string{"'=1+1", "'@SUM(1)", `'=HYPERLINK("http://x","y")`, "'-Delegation of Ostmark", "'+reason asked by the States"} {
			if !seen[want] {
				t.Errorf("dashboard.csv has no cell %q:\n%s", want, c.raw)
			}
		}
	})
}
