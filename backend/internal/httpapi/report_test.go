package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A scripted exercise with known answers: every metric of the report is
// checked against the times the script chose.
func TestReportMetricsOnAScriptedLog(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams() // started at 0:00; welcome released
		val, est := ids["valdoria"], ids["esterra"]
		e.clock.Advance(5 * time.Minute)
		e.tick() // valdoria-phishing released to Valdoria at 5:00
		e.clock.Advance(150 * time.Second)
		// 7:30 — Valdoria writes to Esterra on the hotline, tagged CBM 8: 2m30s after the inject, within its 4 minutes.
		hot := e.send(base, tok["valdoria"], map[string]any{"to": []int64{est}, "channel": "poc_hotline",
			"subject": "Phishing servers", "body": "Please take down 203.0.113.45.", "cbms": []string{"8"}})
		e.clock.Advance(30 * time.Second)
		// 8:00 — Valdoria asks Esterra for information (a request, CBM 2).
		r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{est}, "channel": "poc_hotline", "subject": "Logs?",
			"body": "Can you share the hosting logs?", "cbms": []string{"2"}, "kind": "information"})
		reqSeq := int64(r.json["message"].(map[string]any)["id"].(float64))
		e.clock.Advance(60 * time.Second) // 9:00 — acknowledged after 60 s
		e.do(req{method: "POST", path: fmt.Sprintf("%s/messages/%d/acknowledge", base, reqSeq), bearer: tok["esterra"]})
		e.clock.Advance(240 * time.Second) // 13:00 — answered after 300 s
		e.do(req{method: "POST", path: fmt.Sprintf("%s/messages/%d/answer", base, reqSeq), bearer: tok["esterra"], body: map[string]string{"text": "Attached."}})
		// Two facilitators score Valdoria differently on one criterion, then agree.
		other := e.do(req{method: "POST", path: "/api/v1/users", bearer: e.adminToken(),
			body: map[string]string{"email": "second@example.org", "role": "admin", "password": facilitatorPwd}})
		if other.status != http.StatusCreated {
			t.Fatal(other.status)
		}
		second, _ := e.login("second@example.org", facilitatorPwd)
		score := func(token, value string, final bool) {
			r := e.do(req{method: "PUT", path: base + "/scores", bearer: token, body: map[string]any{"team_id": val, "criterion": "first-message",
				"value": value, "comment": "clear", "evidence": []float64{hot.json["message"].(map[string]any)["id"].(float64)}, "final": final}})
			if r.status != http.StatusNoContent {
				t.Fatalf("score: %d %s", r.status, r.raw)
			}
		}
		score(fac, "S", false)
		score(second, "P", false)
		score(fac, "P", true)
		expectError(t, e.do(req{method: "PUT", path: base + "/scores", bearer: fac, body: map[string]any{"team_id": val, "criterion": "first-message", "value": "7"}}),
			http.StatusUnprocessableEntity, "validation_failed")

		// Scores never reach participants through the log or the stream either.
		for _, ev := range e.do(req{method: "GET", path: base + "/log", bearer: tok["valdoria"]}).json["events"].([]any) {
			if typ := ev.(map[string]any)["type"]; typ == "score.set" || typ == "note.added" {
				t.Fatalf("a participant's log holds %v", typ)
			}
		}
		// Participants cannot read the report before it is published.
		expectError(t, e.do(req{method: "GET", path: base + "/report", bearer: tok["valdoria"]}), http.StatusForbidden, "report_not_published")
		expectError(t, e.do(req{method: "GET", path: base + "/report.csv", bearer: tok["valdoria"]}), http.StatusForbidden, "report_not_published")

		rep := e.do(req{method: "GET", path: base + "/report", bearer: fac}).json["report"].(map[string]any)
		team := func(rep map[string]any, id int64) map[string]any {
			for _, tm := range rep["teams"].([]any) {
				if m := tm.(map[string]any); m["team_id"] == float64(id) {
					return m
				}
			}
			return nil
		}
		vm := team(rep, val)["metrics"].(map[string]any)
		em := team(rep, est)["metrics"].(map[string]any)
		if vm["messages_sent"] != float64(2) || vm["requests_sent"] != float64(1) || vm["requests_sent_answered"] != float64(1) {
			t.Fatalf("Valdoria's counts: %v", vm)
		}
		if em["median_ack_seconds"] != float64(60) || em["median_answer_seconds"] != float64(300) {
			t.Fatalf("Esterra's response times: ack %v answer %v, want 60 and 300", em["median_ack_seconds"], em["median_answer_seconds"])
		}
		var exp map[string]any
		for _, x := range vm["expected_actions"].([]any) {
			if x.(map[string]any)["action"] == "valdoria-contacts-esterra" {
				exp = x.(map[string]any)
			}
		}
		if exp == nil || exp["observed"] != true || exp["after_seconds"] != float64(150) || exp["in_time"] != true {
			t.Fatalf("expected action: %v", exp)
		}
		for _, ir := range vm["inject_responses"].([]any) {
			m := ir.(map[string]any)
			if m["inject"] == "valdoria-phishing" && m["first_action_seconds"] != float64(150) {
				t.Fatalf("first action after the phishing report: %v", m)
			}
		}
		if use := vm["cbm_use"].(map[string]any); use["8"] != float64(1) || use["2"] != float64(1) {
			t.Fatalf("Valdoria's CBM use: %v", use)
		}
		card := team(rep, val)["scorecard"].([]any)
		for _, c := range card {
			m := c.(map[string]any)
			if m["criterion"] != "first-message" {
				continue
			}
			if m["differ"] != true || len(m["scores"].([]any)) != 2 || m["final"].(map[string]any)["value"] != "P" {
				t.Fatalf("scorecard: %v", m)
			}
		}
		// Published: Valdoria reads its own scorecard, no one else's, and no notes.
		e.do(req{method: "POST", path: base + "/notes", bearer: fac, body: map[string]string{"text": "Valdoria hesitated"}})
		if r := e.do(req{method: "POST", path: base + "/report/publish", bearer: fac}); r.status != http.StatusNoContent {
			t.Fatalf("publish: %d", r.status)
		}
		mine := e.do(req{method: "GET", path: base + "/report", bearer: tok["valdoria"]})
		if mine.status != http.StatusOK {
			t.Fatalf("participant report: %d %s", mine.status, mine.raw)
		}
		mr := mine.json["report"].(map[string]any)
		if len(mr["teams"].([]any)) != 1 || team(mr, val) == nil || mr["notes"] != nil || strings.Contains(string(mine.raw), "hesitated") {
			t.Fatalf("Valdoria's view of the report: teams %v notes %v", len(mr["teams"].([]any)), mr["notes"])
		}
		csv := e.do(req{method: "GET", path: base + "/report.csv", bearer: fac})
		if csv.status != http.StatusOK || !strings.Contains(string(csv.raw), "A clear first message,P,clear,") {
			t.Fatalf("csv: %d %s", csv.status, csv.raw)
		}
	})
}
