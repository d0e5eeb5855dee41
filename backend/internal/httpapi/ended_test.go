package httpapi

import (
	"fmt"
	"net/http"
	"testing"
)

// Once the exercise has ended, every participant write answers 409
// exercise_ended and stores nothing: messages, each request step, stage
// answers, points-of-contact entries and communication-check
// acknowledgements.
func TestEveryParticipantWriteAnswers409AfterTheEnd(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "consultation_request",
			"subject": "Consultations", "body": "We ask for consultations.", "cbms": []string{"3"}, "kind": "consultation"})
		if r.status != http.StatusCreated {
			t.Fatalf("request: %d %s", r.status, r.raw)
		}
		request := int64(r.json["message"].(map[string]any)["id"].(float64))
		r = e.do(req{method: "POST", path: base + "/commchecks", bearer: fac})
		if r.status != http.StatusCreated {
			t.Fatalf("comm check: %d %s", r.status, r.raw)
		}
		check := int64(r.json["id"].(float64))
		if r := e.do(req{method: "POST", path: base + "/end", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("end: %d %s", r.status, r.raw)
		}
		logLen := func() int {
			return len(e.do(req{method: "GET", path: base + "/log", bearer: fac}).json["events"].([]any))
		}
		before := logLen()

		writes := []struct {
			name, method, path, team string
			body                     any
		}{
			{"message", "POST", "/messages", "valdoria", map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b"}},
			{"acknowledge", "POST", fmt.Sprintf("/messages/%d/acknowledge", request), "esterra", nil},
			{"answer", "POST", fmt.Sprintf("/messages/%d/answer", request), "esterra", map[string]string{"text": "Yes."}},
			{"decline", "POST", fmt.Sprintf("/messages/%d/decline", request), "esterra", nil},
			{"escalate", "POST", fmt.Sprintf("/messages/%d/escalate", request), "esterra", nil},
			{"stage answer", "PUT", "/answers/getting-started/gs-q1", "valdoria", map[string]any{"text": "late"}},
			{"submitted stage answer", "PUT", "/answers/getting-started/gs-q1", "valdoria", map[string]any{"text": "late", "submit": true}},
			{"points of contact", "PUT", "/poc", "norhaven", map[string]any{"entries": []map[string]any{{"role": "technical", "name": "NOR-CERT"}}}},
			{"comm-check acknowledgement", "POST", fmt.Sprintf("/commchecks/%d/ack", check), "valdoria", nil},
		}
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				expectError(t, e.do(req{method: w.method, path: base + w.path, bearer: tok[w.team], body: w.body}), http.StatusConflict, "exercise_ended")
			})
		}
		// The control cell's messages end with the play too.
		expectError(t, e.send(base, fac, map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b"}),
			http.StatusConflict, "exercise_ended")
		if after := logLen(); after != before {
			t.Fatalf("the log grew from %d to %d events after the end", before, after)
		}
		// Reading still works after the end.
		if r := e.do(req{method: "GET", path: base + "/messages", bearer: tok["valdoria"]}); r.status != http.StatusOK {
			t.Fatalf("messages after the end: %d", r.status)
		}
	})
}
