package httpapi

import (
	"net/http"
	"strings"
	"testing"
)

// A facilitator posts to the news feed as the scenario's news agency: every
// team sees the agency as the author, never the facilitator; only the staff
// see who wrote it. Nobody else posts there: not a team (as an actor or
// not), not the control cell as a non-media actor or as itself.
func TestPressPostAsMediaActor(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, _ := e.cableCut()
		const facName = "facilitator@example.org"
		const agency = "Kestria Press Agency (KPA)"
		post := map[string]any{"as_actor": "kpa", "channel": "news", "subject": "Minister: 'we will find who did this'",
			"body": "Kestria's Minister of Digital Affairs promised answers by noon."}

		r := e.send(base, fac, post)
		if r.status != http.StatusCreated {
			t.Fatalf("post: %d %s", r.status, r.raw)
		}
		m := msgOf(r)
		if m["from"] != float64(0) || m["from_actor"] != "kpa" || m["from_name"] != agency || m["all"] != true || m["channel"] != "news" || m["by"] != facName {
			t.Errorf("the staff see the post as %v", m)
		}
		for _, team := range []string{"kestria", "veskland"} {
			list := e.do(req{method: "GET", path: base + "/messages", bearer: tok[team]})
			got := findMessage(list, m["id"])
			if got == nil || got["from_name"] != agency || got["from_actor"] != "kpa" || got["by"] != nil {
				t.Errorf("%s sees the post as %v", team, got)
			}
			if strings.Contains(string(list.raw), facName) {
				t.Errorf("%s's messages name the facilitator", team)
			}
		}
		social := e.send(base, fac, map[string]any{"as_actor": "trending", "channel": "social_media", "subject": "Banks down",
			"body": "Card payments down again in Port Sarel. #KestriaOffline"})
		if social.status != http.StatusCreated || msgOf(social)["channel"] != "social_media" {
			t.Errorf("social post: %d %s", social.status, social.raw)
		}

		before := len(e.do(req{method: "GET", path: base + "/messages", bearer: fac}).json["messages"].([]any))
		refused := []struct {
			name, token string
			body        map[string]any
		}{
			{"a team as the agency", tok["kestria"], map[string]any{"as_actor": "kpa", "channel": "news", "subject": "x", "body": "y"}},
			{"a team on news", tok["kestria"], map[string]any{"channel": "news", "subject": "x", "body": "y"}},
			{"a team as the agency on a public statement", tok["veskland"], map[string]any{"as_actor": "kpa", "channel": "public_statement", "subject": "x", "body": "y"}},
			{"control as itself", fac, map[string]any{"channel": "news", "subject": "x", "body": "y"}},
			{"control as the Secretariat", fac, map[string]any{"as_actor": "secretariat", "channel": "social_media", "subject": "x", "body": "y"}},
			{"control as an unknown actor", fac, map[string]any{"as_actor": "nobody", "channel": "news", "subject": "x", "body": "y"}},
			{"a post as a request", fac, map[string]any{"as_actor": "kpa", "channel": "news", "subject": "x", "body": "y", "kind": "information"}},
			{"a post without a headline", fac, map[string]any{"as_actor": "kpa", "channel": "news", "subject": " ", "body": "y"}},
		}
		for _, c := range refused {
			r := e.send(base, c.token, c.body)
			expectError(t, r, http.StatusUnprocessableEntity, "validation_failed")
			if !strings.Contains(string(r.raw), "channel") && !strings.Contains(string(r.raw), "as_actor") && !strings.Contains(string(r.raw), "subject") {
				t.Errorf("%s: %s", c.name, r.raw)
			}
		}
		if after := len(e.do(req{method: "GET", path: base + "/messages", bearer: fac}).json["messages"].([]any)); after != before {
			t.Errorf("refused posts stored: %d messages, was %d", after, before)
		}
		// An evaluator does not play the control cell.
		eva := e.staffMember(base, "eva@example.org", "Eva", "evaluator")
		expectError(t, e.send(base, eva, post), http.StatusForbidden, "duty_not_allowed")

		// The staff log records who wrote as the agency; the teams' log does not.
		seen := func(token string) bool {
			for _, ev := range e.do(req{method: "GET", path: base + "/log", bearer: token}).json["events"].([]any) {
				ev := ev.(map[string]any)
				if d, _ := ev["data"].(map[string]any); ev["type"] == "actor.voiced" && d["by"] == facName && d["message"] == m["id"] {
					return true
				}
			}
			return false
		}
		if !seen(fac) || seen(tok["kestria"]) {
			t.Errorf("actor.voiced: staff %v, Kestria %v", seen(fac), seen(tok["kestria"]))
		}
	})
}
