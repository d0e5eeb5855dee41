package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// cableCut starts cable-cut (which has simulated actors) with Kestria and
// Veskland at the table.
func (e *env) cableCut() (fac, base string, tok map[string]string, ids map[string]int64) {
	e.t.Helper()
	fac = e.facilitatorToken()
	me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
	w := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: e.adminToken(), body: map[string]any{
		"title": "Vienna workshop", "facilitator_ids": []any{me["id"]}, "starts_on": "2026-11-27", "ends_on": "2026-11-28"}})
	r := e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{
		"workshop_id": w.json["workshop"].(map[string]any)["id"], "scenario_id": "cable-cut"}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("exercise: %d %s", r.status, r.raw)
	}
	ex := r.json["exercise"].(map[string]any)
	base = fmt.Sprintf("/api/v1/exercises/%v", ex["id"])
	tok, ids = map[string]string{}, map[string]int64{}
	for _, t := range ex["teams"].([]any) {
		tm := t.(map[string]any)
		ids[tm["key"].(string)] = int64(tm["id"].(float64))
		if k := tm["key"].(string); k == "kestria" || k == "veskland" {
			tok[k] = e.join(tm["join_code"].(string), "Delegate of "+k)
		}
	}
	if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
		e.t.Fatalf("start: %d", r.status)
	}
	return fac, base, tok, ids
}

func msgOf(r resp) map[string]any { return r.json["message"].(map[string]any) }

// findMessage is the message with the id in a listing, or nil.
func findMessage(r resp, id any) map[string]any {
	for _, m := range r.json["messages"].([]any) {
		if m.(map[string]any)["id"] == id {
			return m.(map[string]any)
		}
	}
	return nil
}

// A team writes to the Secretariat; a facilitator answers as the
// Secretariat. The team sees the actor as the sender and never the
// facilitator; the staff see who wrote it, in the message and in the log.
func TestWhiteCellAnswerAsActor(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.cableCut()
		const facName = "facilitator@example.org"
		const secretariat = "OSCE Secretariat, Transnational Threats Department"

		// The actors are part of the exercise; their notes are for staff.
		teamActors := e.do(req{method: "GET", path: base, bearer: tok["kestria"]}).json["exercise"].(map[string]any)["scenario"].(map[string]any)["actors"].([]any)
		if len(teamActors) != 6 || teamActors[0].(map[string]any)["name"] != secretariat || teamActors[0].(map[string]any)["note"] != nil {
			t.Fatalf("actors for a team: %v", teamActors)
		}
		staffActors := e.do(req{method: "GET", path: base, bearer: fac}).json["exercise"].(map[string]any)["scenario"].(map[string]any)["actors"].([]any)
		if note, _ := staffActors[0].(map[string]any)["note"].(string); !strings.Contains(note, "never attributes") {
			t.Errorf("staff do not see the note: %v", staffActors[0])
		}

		// Not on a channel the Secretariat cannot be reached on, nor to an actor the scenario lacks.
		ask := map[string]any{"to_actors": []string{"secretariat"}, "channel": "poc_hotline", "subject": "Cable cut",
			"body": "Can the Secretariat confirm the informal working group will take this up?", "kind": "information"}
		expectError(t, e.send(base, tok["kestria"], ask), http.StatusUnprocessableEntity, "validation_failed")
		expectError(t, e.send(base, tok["kestria"], map[string]any{"to_actors": []string{"unesco"}, "channel": "osce_network",
			"subject": "x", "body": "y"}), http.StatusUnprocessableEntity, "validation_failed")
		// A team cannot speak as an actor.
		expectError(t, e.send(base, tok["veskland"], map[string]any{"as_actor": "secretariat", "to": []int64{ids["kestria"]},
			"channel": "osce_network", "subject": "x", "body": "y"}), http.StatusUnprocessableEntity, "validation_failed")

		ask["channel"] = "osce_network"
		r := e.send(base, tok["kestria"], ask)
		if r.status != http.StatusCreated {
			t.Fatalf("send: %d %s", r.status, r.raw)
		}
		reqID := msgOf(r)["id"]
		if findMessage(e.do(req{method: "GET", path: base + "/messages", bearer: tok["veskland"]}), reqID) != nil {
			t.Error("Veskland sees Kestria's message to the Secretariat")
		}
		if m := findMessage(e.do(req{method: "GET", path: base + "/messages", bearer: fac}), reqID); m == nil || m["to_actors"].([]any)[0] != "secretariat" {
			t.Fatalf("the white cell does not see the message: %v", m)
		}

		// The facilitator answers as the Secretariat.
		r = e.send(base, fac, map[string]any{"as_actor": "secretariat", "reply_to": reqID, "to": []int64{ids["kestria"]},
			"channel": "osce_network", "subject": "Re: Cable cut", "body": "Yes: it is on the agenda of the next meeting."})
		if r.status != http.StatusCreated {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		ans := msgOf(r)
		if ans["from_actor"] != "secretariat" || ans["from_name"] != secretariat || ans["by"] != facName {
			t.Errorf("the staff see the answer as %v", ans)
		}

		// Kestria sees the Secretariat, answered, and nothing of the facilitator.
		list := e.do(req{method: "GET", path: base + "/messages", bearer: tok["kestria"]})
		got, asked := findMessage(list, ans["id"]), findMessage(list, reqID)
		if got == nil || got["from_name"] != secretariat || got["from_actor"] != "secretariat" || got["by"] != nil {
			t.Errorf("Kestria sees the answer as %v", got)
		}
		if asked["status"] != "answered" || len(asked["steps"].([]any)) != 1 || asked["steps"].([]any)[0].(map[string]any)["by"] != secretariat {
			t.Errorf("the request for Kestria: %v", asked)
		}
		if strings.Contains(string(list.raw), facName) {
			t.Error("Kestria's messages name the facilitator who wrote as the Secretariat")
		}
		for _, ev := range e.do(req{method: "GET", path: base + "/log", bearer: tok["kestria"]}).json["events"].([]any) {
			ev := ev.(map[string]any)
			if ev["type"] == "actor.voiced" || (ev["type"] == "message.sent" && strings.Contains(fmt.Sprint(ev["data"]), facName)) {
				t.Errorf("Kestria's log shows the facilitator: %v", ev)
			}
		}

		// The staff's log records who wrote as the actor.
		voiced := false
		for _, ev := range e.do(req{method: "GET", path: base + "/log", bearer: fac}).json["events"].([]any) {
			ev := ev.(map[string]any)
			if d, _ := ev["data"].(map[string]any); ev["type"] == "actor.voiced" && d["by"] == facName && d["actor"] == "secretariat" && d["message"] == ans["id"] {
				voiced = true
			}
		}
		if !voiced {
			t.Error("the staff log does not record who wrote as the Secretariat")
		}
		if m := findMessage(e.do(req{method: "GET", path: base + "/messages", bearer: fac}), ans["id"]); m["by"] != facName {
			t.Errorf("the staff listing: %v", m)
		}
	})
}

// A facilitator acknowledging a request to an actor does so as the actor,
// and an evaluator (whose duty does not play the control cell) cannot
// write as one.
func TestWhiteCellStepsAndDuty(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.cableCut()
		r := e.send(base, tok["kestria"], map[string]any{"to_actors": []string{"chairmanship"}, "channel": "diplomatic_note",
			"subject": "Informal meeting", "body": "Kestria asks the Chairmanship to convene an informal meeting.", "kind": "consultation"})
		if r.status != http.StatusCreated {
			t.Fatalf("send: %d %s", r.status, r.raw)
		}
		ack := e.do(req{method: "POST", path: fmt.Sprintf("%s/messages/%v/acknowledge", base, msgOf(r)["id"]), bearer: fac})
		if ack.status != http.StatusOK {
			t.Fatalf("acknowledge: %d %s", ack.status, ack.raw)
		}
		if st := msgOf(ack)["steps"].([]any)[0].(map[string]any); st["by"] != "OSCE Chairmanship" || st["actor"] != "chairmanship" || st["voiced_by"] != "facilitator@example.org" {
			t.Errorf("the staff see the step as %v", st)
		}
		m := findMessage(e.do(req{method: "GET", path: base + "/messages", bearer: tok["kestria"]}), msgOf(r)["id"])
		if st := m["steps"].([]any)[0].(map[string]any); st["by"] != "OSCE Chairmanship" || st["voiced_by"] != nil {
			t.Errorf("Kestria sees the step as %v", st)
		}

		eva := e.staffMember(base, "eva@example.org", "Eva", "evaluator")
		expectError(t, e.send(base, eva, map[string]any{"as_actor": "secretariat", "to": []int64{ids["kestria"]},
			"channel": "osce_network", "subject": "x", "body": "y"}), http.StatusForbidden, "duty_not_allowed")
		// The control cell plays the actors: it does not write to them.
		expectError(t, e.send(base, fac, map[string]any{"to_actors": []string{"secretariat"},
			"channel": "osce_network", "subject": "x", "body": "y"}), http.StatusUnprocessableEntity, "validation_failed")
	})
}
