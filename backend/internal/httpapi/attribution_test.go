package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// playedAndPublished plays the tutorial with Valdoria renamed by staff to
// the real delegation playing it: two messages, an agreed score and an
// assessment, the exercise ended and its report published.
func (e *env) playedAndPublished(delegation string) (fac, base string, tok map[string]string, ids map[string]int64, wid int64) {
	e.t.Helper()
	fac, base, tok, ids = e.threeTeams()
	val, est := ids["valdoria"], ids["esterra"]
	if r := e.do(req{method: "PATCH", path: fmt.Sprintf("%s/teams/%d", base, val), bearer: fac, body: map[string]string{"name": delegation}}); r.status != http.StatusOK {
		e.t.Fatalf("rename: %d %s", r.status, r.raw)
	}
	e.clock.Advance(5 * time.Minute)
	e.tick()
	e.send(base, tok["valdoria"], map[string]any{"to": []int64{est}, "channel": "poc_hotline", "subject": "Phishing servers",
		"body": "Servers in your country host the phishing pages.", "cbms": []string{"8"}})
	e.clock.Advance(time.Minute)
	e.send(base, tok["esterra"], map[string]any{"to": []int64{val}, "channel": "poc_hotline", "subject": "Re: Phishing servers",
		"body": "We are looking into it.", "cbms": []string{"8"}})
	for _, w := range []req{
		{method: "PUT", path: base + "/scores", body: map[string]any{"team_id": val, "criterion": "first-message", "value": "P", "final": true}},
		{method: "PUT", path: fmt.Sprintf("%s/assessments/%d", base, val), body: map[string]any{"strengths": "Reached Esterra's point of contact within minutes."}},
		{method: "POST", path: base + "/end"},
		{method: "POST", path: base + "/report/publish"},
	} {
		w.bearer = fac
		if r := e.do(w); r.status >= 300 {
			e.t.Fatalf("%s %s: %d %s", w.method, w.path, r.status, r.raw)
		}
	}
	wid = int64(e.do(req{method: "GET", path: base, bearer: fac}).json["exercise"].(map[string]any)["workshop_id"].(float64))
	return fac, base, tok, ids, wid
}

// The published outputs, as staff and as participants read them.
func (e *env) publishedReads(fac, base string, tok map[string]string) map[string]resp {
	e.t.Helper()
	reads := map[string]req{
		"staff report":          {path: base + "/report", bearer: fac},
		"staff report.csv":      {path: base + "/report.csv", bearer: fac},
		"Valdoria's report":     {path: base + "/report", bearer: tok["valdoria"]},
		"Valdoria's report.csv": {path: base + "/report.csv", bearer: tok["valdoria"]},
		"Esterra's report":      {path: base + "/report", bearer: tok["esterra"]},
		"dashboard":             {path: "/api/v1/dashboard", bearer: fac},
		"dashboard.csv":         {path: "/api/v1/dashboard.csv", bearer: fac},
	}
	out := map[string]resp{}
	for name, r := range reads {
		r.method = "GET"
		out[name] = e.do(r)
		if out[name].status != http.StatusOK {
			e.t.Fatalf("%s: %d %s", name, out[name].status, out[name].raw)
		}
	}
	return out
}

// A real delegation's name that staff entered (a team rename) appears in no
// published report, CSV or dashboard while the workshop's attributed
// results are off, the default; turned on with a reason, the report names
// it beside the role and shows the reason, and the dashboard adds a row
// per delegation, marked as attributed.
func TestDelegationNamedOnlyWithAttributedResults(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids, wid := e.playedAndPublished("Republic of Realia")
		for name, r := range e.publishedReads(fac, base, tok) {
			if strings.Contains(string(r.raw), "Realia") {
				t.Errorf("%s names the delegation with attributed results off:\n%s", name, r.raw)
			}
		}
		rep := e.do(req{method: "GET", path: base + "/report", bearer: fac}).json["report"].(map[string]any)
		if rep["attribution"] != nil || teamIn(rep, "teams", ids["valdoria"])["name"] != "Republic of Valdoria" ||
			teamIn(rep, "roles", ids["valdoria"])["name"] != "Republic of Valdoria" {
			t.Fatalf("non-attributive report: attribution %v, teams %v, roles %v", rep["attribution"], rep["teams"], rep["roles"])
		}
		// The console keeps the delegation for staff.
		if r := e.do(req{method: "GET", path: base, bearer: fac}); !strings.Contains(string(r.raw), "Republic of Realia") {
			t.Fatalf("the staff's exercise lost the delegation: %s", r.raw)
		}

		reason := "The participating States asked for their own delegations' results."
		if r := e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/workshops/%d", wid), bearer: e.adminToken(),
			body: map[string]any{"attributed_results": true, "attribution_reason": reason}}); r.status != http.StatusOK {
			t.Fatalf("attribution on: %d %s", r.status, r.raw)
		}
		reads := e.publishedReads(fac, base, tok)
		for _, name := range []string{"staff report", "Valdoria's report", "Esterra's report", "staff report.csv", "Valdoria's report.csv", "dashboard", "dashboard.csv"} {
			if !strings.Contains(string(reads[name].raw), "Republic of Realia") {
				t.Errorf("%s does not name the delegation with attributed results on:\n%s", name, reads[name].raw)
			}
		}
		for _, name := range []string{"staff report", "Esterra's report"} {
			rep := reads[name].json["report"].(map[string]any)
			a, _ := rep["attribution"].(map[string]any)
			if a == nil || a["reason"] != reason || a["by"] == "" || a["at"] == nil {
				t.Fatalf("%s: attribution %v", name, rep["attribution"])
			}
			if role := teamIn(rep, "roles", ids["valdoria"]); role["name"] != "Republic of Valdoria" || role["delegation"] != "Republic of Realia" {
				t.Fatalf("%s: Valdoria's role %v", name, role)
			}
		}
		if tm := teamIn(reads["staff report"].json["report"].(map[string]any), "teams", ids["valdoria"]); tm["name"] != "Republic of Valdoria" || tm["delegation"] != "Republic of Realia" {
			t.Fatalf("attributed scorecard: %v", tm)
		}
		dels := reads["dashboard"].json["delegations"].([]any)
		if len(dels) != 1 {
			t.Fatalf("dashboard delegations: %v", dels)
		}
		d := dels[0].(map[string]any)
		if d["delegation"] != "Republic of Realia" || d["role"] != "Republic of Valdoria" || d["attribution"].(map[string]any)["reason"] != reason ||
			len(d["final_scores"].([]any)) != 1 {
			t.Fatalf("dashboard delegation row: %v", d)
		}
		if ex := reads["dashboard"].json["exercises"].([]any)[0].(map[string]any); ex["attributed"] != true {
			t.Fatalf("the exercise is not marked attributed: %v", ex)
		}
		// Play stays non-attributive: the room names roles only.
		for _, path := range []string{base, base + "/poc", base + "/briefing", base + "/log"} {
			if r := e.do(req{method: "GET", path: path, bearer: tok["esterra"]}); strings.Contains(string(r.raw), "Realia") {
				t.Errorf("a participant's %s names the delegation: %s", path, r.raw)
			}
		}

		// Off again: the name is gone.
		e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/workshops/%d", wid), bearer: e.adminToken(), body: map[string]any{"attributed_results": false}})
		for name, r := range e.publishedReads(fac, base, tok) {
			if strings.Contains(string(r.raw), "Realia") {
				t.Errorf("%s names the delegation after attributed results were turned off", name)
			}
		}
	})
}

// teamIn finds a team by id in one of the report's lists (teams, roles).
func teamIn(rep map[string]any, list string, id int64) map[string]any {
	for _, x := range rep[list].([]any) {
		if m := x.(map[string]any); m["team_id"] == float64(id) {
			return m
		}
	}
	return nil
}
