package httpapi

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// threeTeams starts the tutorial with one participant per team.
func (e *env) threeTeams() (fac string, base string, tok map[string]string, ids map[string]int64) {
	e.t.Helper()
	fac, id, codes, ids := e.liveExercise()
	base = fmt.Sprintf("/api/v1/exercises/%d", id)
	tok = map[string]string{}
	for k, code := range codes {
		tok[k] = e.join(code, "Delegate of "+k)
	}
	if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
		e.t.Fatalf("start: %d", r.status)
	}
	e.tick()
	return fac, base, tok, ids
}

func (e *env) send(base, token string, body map[string]any) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: base + "/messages", bearer: token, body: body})
}

func messageIDs(r resp) map[float64]bool {
	out := map[float64]bool{}
	for _, m := range r.json["messages"].([]any) {
		out[m.(map[string]any)["id"].(float64)] = true
	}
	return out
}

// A bilateral message reaches exactly its sender, its recipient and the
// staff — in GET, in the log and on the stream — and its id leaks nothing.
func TestMessagesReachExactlyTheirRecipients(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		norhavenStream := e.openStream(base+"/events", tok["norhaven"], 0)
		esterraStream := e.openStream(base+"/events", tok["esterra"], 0)
		r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline",
			"subject": "Phishing servers", "body": "Servers in your country host the phishing pages.", "cbms": []string{"8", "2"}, "kind": "information"})
		if r.status != http.StatusCreated {
			t.Fatalf("send: %d %s", r.status, r.raw)
		}
		seq := r.json["message"].(map[string]any)["id"].(float64)
		pub := e.send(base, tok["norhaven"], map[string]any{"channel": "public_statement", "subject": "Statement", "body": "We are watching."})
		pubSeq := pub.json["message"].(map[string]any)["id"].(float64)

		for who, want := range map[string]bool{"valdoria": true, "esterra": true, "norhaven": false} {
			got := messageIDs(e.do(req{method: "GET", path: base + "/messages", bearer: tok[who]}))
			if got[seq] != want || !got[pubSeq] {
				t.Errorf("%s sees the bilateral message: %v (want %v); public statement: %v", who, got[seq], want, got[pubSeq])
			}
		}
		if got := messageIDs(e.do(req{method: "GET", path: base + "/messages", bearer: fac})); !got[seq] || !got[pubSeq] {
			t.Error("the facilitator does not see all traffic")
		}
		// Norhaven cannot reach it by id either: 404, as for a message that does not exist.
		expectError(t, e.do(req{method: "POST", path: fmt.Sprintf("%s/messages/%d/acknowledge", base, int64(seq)), bearer: tok["norhaven"]}), http.StatusNotFound, "not_found")
		expectError(t, e.do(req{method: "POST", path: fmt.Sprintf("%s/messages/%d/acknowledge", base, 99999), bearer: tok["norhaven"]}), http.StatusNotFound, "not_found")
		// On the stream: Esterra gets it, Norhaven gets only the public statement.
		for _, ev := range esterraStream.until(t, "message.sent") {
			if ev.id == int64(pubSeq) {
				t.Fatal("Esterra got the statement before the message")
			}
		}
		for {
			ev := norhavenStream.next(t)
			if ev.id == int64(seq) {
				t.Fatal("Norhaven received Valdoria's message to Esterra on its stream")
			}
			if ev.id == int64(pubSeq) {
				break
			}
		}
	})
}

func TestRequestLifecycleAndResponseTimes(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, base, tok, ids := e.threeTeams()
		r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "consultation_request",
			"subject": "Consultations", "body": "We ask for consultations under CBM 3.", "cbms": []string{"3"}, "kind": "consultation"})
		seq := int64(r.json["message"].(map[string]any)["id"].(float64))
		path := func(verb string) string { return fmt.Sprintf("%s/messages/%d/%s", base, seq, verb) }
		// The requester cannot answer its own request.
		expectError(t, e.do(req{method: "POST", path: path("answer"), bearer: tok["valdoria"], body: map[string]string{"text": "x"}}), http.StatusForbidden, "forbidden")
		e.clock.Advance(3 * time.Minute)
		if r := e.do(req{method: "POST", path: path("acknowledge"), bearer: tok["esterra"]}); r.status != http.StatusOK {
			t.Fatalf("acknowledge: %d %s", r.status, r.raw)
		}
		e.clock.Advance(7 * time.Minute)
		expectError(t, e.do(req{method: "POST", path: path("answer"), bearer: tok["esterra"], body: map[string]string{}}), http.StatusUnprocessableEntity, "validation_failed")
		r = e.do(req{method: "POST", path: path("answer"), bearer: tok["esterra"], body: map[string]string{"text": "Agreed: tomorrow 10:00 via the OSCE network."}})
		if r.status != http.StatusOK {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		m := r.json["message"].(map[string]any)
		steps := m["steps"].([]any)
		if m["status"] != "answered" || len(steps) != 2 {
			t.Fatalf("after answering: %s", r.raw)
		}
		ack, ans := steps[0].(map[string]any), steps[1].(map[string]any)
		if ack["after_seconds"] != float64(180) || ans["after_seconds"] != float64(600) {
			t.Fatalf("response times %v and %v, want 180 and 600", ack["after_seconds"], ans["after_seconds"])
		}
		expectError(t, e.do(req{method: "POST", path: path("decline"), bearer: tok["esterra"]}), http.StatusConflict, "invalid_state")
		// The answer reached Valdoria as a reply, and the request is no longer open.
		got := e.do(req{method: "GET", path: base + "/messages", bearer: tok["valdoria"]}).json["messages"].([]any)
		reply := got[0].(map[string]any)
		if reply["reply_to"] != float64(seq) || reply["from"] != float64(ids["esterra"]) {
			t.Fatalf("newest message for Valdoria: %v", reply)
		}
		if n := len(e.do(req{method: "GET", path: base + "/messages?open=true", bearer: tok["valdoria"]}).json["messages"].([]any)); n != 0 {
			t.Fatalf("%d open requests after the answer", n)
		}
	})
}

// A recipient's reply to a request is its answer: the request is answered
// by that reply, with the time of the reply, and a later reply is only a
// message. The requester's own follow-up answers nothing.
func TestReplyToARequestAnswersIt(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, base, tok, ids := e.threeTeams()
		r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline",
			"subject": "Preserve the logs", "body": "Please preserve the logs of the server.", "kind": "assistance"})
		seq := int64(r.json["message"].(map[string]any)["id"].(float64))
		reply := func(who string, body string) resp {
			return e.send(base, tok[who], map[string]any{"to": []int64{ids[map[string]string{"valdoria": "esterra", "esterra": "valdoria"}[who]]},
				"channel": "poc_hotline", "subject": "Re: Preserve the logs", "body": body, "reply_to": seq})
		}
		if r := reply("valdoria", "Adding: the server is 203.0.113.7."); r.status != http.StatusCreated {
			t.Fatalf("follow-up: %d %s", r.status, r.raw)
		}
		request := func() map[string]any {
			for _, m := range e.do(req{method: "GET", path: base + "/messages", bearer: tok["valdoria"]}).json["messages"].([]any) {
				if m := m.(map[string]any); m["id"] == float64(seq) {
					return m
				}
			}
			t.Fatal("the request is gone")
			return nil
		}
		if st := request()["status"]; st != "open" {
			t.Fatalf("the requester's own follow-up made the request %v", st)
		}
		e.clock.Advance(4 * time.Minute)
		ans := reply("esterra", "Preserved; a copy is on its way.")
		if ans.status != http.StatusCreated {
			t.Fatalf("reply: %d %s", ans.status, ans.raw)
		}
		m := request()
		steps := m["steps"].([]any)
		if m["status"] != "answered" || len(steps) != 1 || steps[0].(map[string]any)["after_seconds"] != float64(240) {
			t.Fatalf("after the reply: %v", m)
		}
		if r := reply("esterra", "One more detail."); r.status != http.StatusCreated {
			t.Fatalf("second reply: %d %s", r.status, r.raw)
		}
		if n := len(request()["steps"].([]any)); n != 1 {
			t.Fatalf("a second reply added a step: %d", n)
		}
	})
}

func TestMessageLimitsAndValidation(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		bad := []map[string]any{
			{"to": []int64{ids["esterra"]}, "channel": "carrier_pigeon", "subject": "s", "body": "b"},
			{"to": []int64{999999}, "channel": "poc_hotline", "subject": "s", "body": "b"},
			{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "", "body": "b"},
			{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b", "cbms": []string{"17"}},
			{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b", "kind": "gossip"},
			{"channel": "poc_hotline", "subject": "s", "body": "b"},
		}
		for _, b := range bad {
			expectError(t, e.send(base, tok["valdoria"], b), http.StatusUnprocessableEntity, "validation_failed")
		}
		expectError(t, e.send(base, fac, map[string]any{"to": []int64{ids["esterra"]}, "channel": "control", "subject": "s", "body": "b"}),
			http.StatusUnprocessableEntity, "validation_failed")
		if n := len(e.do(req{method: "GET", path: base + "/messages", bearer: fac}).json["messages"].([]any)); n != 0 {
			t.Fatalf("refused messages were stored: %d", n)
		}
		// Every attempt counts against the rate, refused ones too.
		good := map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b"}
		for i := 0; i < 20; i++ { // CBMEX_MESSAGE_RATE is 20 a minute in tests
			if r := e.send(base, tok["norhaven"], good); r.status != http.StatusCreated {
				t.Fatalf("message %d: %d %s", i, r.status, r.raw)
			}
		}
		expectError(t, e.send(base, tok["norhaven"], good), http.StatusTooManyRequests, "too_many_messages")
		// Another participant is not slowed by Valdoria's rate.
		if r := e.send(base, tok["esterra"], map[string]any{"to": []int64{ids["valdoria"]}, "channel": "poc_hotline", "subject": "s", "body": "b"}); r.status != http.StatusCreated {
			t.Fatalf("Esterra: %d", r.status)
		}
	})
}

// A message on the PoC hotline before the trigger's deadline keeps the
// contingency inject back; the trigger reads the messages.
func TestMessagesFeedTriggers(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		e.clock.Advance(6 * time.Minute) // valdoria-phishing at 5m; deadline 4m after it
		e.tick()
		if r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "Hello", "body": "Our PoC here."}); r.status != http.StatusCreated {
			t.Fatal(r.status)
		}
		e.clock.Advance(4 * time.Minute)
		e.tick()
		for _, in := range e.do(req{method: "GET", path: base + "/injects", bearer: fac}).json["injects"].([]any) {
			m := in.(map[string]any)
			if m["key"] == "valdoria-hint" && m["state"] == "released" {
				t.Fatal("the hint went out although Valdoria wrote to Esterra in time")
			}
		}
		trig := e.do(req{method: "GET", path: base + "/triggers", bearer: fac}).json["triggers"].([]any)[0].(map[string]any)
		if trig["fired"] != false {
			t.Fatalf("trigger state %v", trig)
		}
	})
}

func TestCommCheckAndPoCDirectory(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		r := e.do(req{method: "POST", path: base + "/commchecks", bearer: fac, body: map[string]string{}})
		if r.status != http.StatusCreated {
			t.Fatalf("comm check: %d %s", r.status, r.raw)
		}
		check := int64(r.json["id"].(float64))
		e.clock.Advance(90 * time.Second)
		ack := fmt.Sprintf("%s/commchecks/%d/ack", base, check)
		for _, team := range []string{"valdoria", "esterra"} {
			if r := e.do(req{method: "POST", path: ack, bearer: tok[team]}); r.status != http.StatusNoContent {
				t.Fatalf("ack %s: %d %s", team, r.status, r.raw)
			}
		}
		expectError(t, e.do(req{method: "POST", path: ack, bearer: tok["valdoria"]}), http.StatusConflict, "already_done")
		rows := e.do(req{method: "GET", path: base + "/commchecks", bearer: fac}).json["checks"].([]any)[0].(map[string]any)["teams"].([]any)
		acked := 0
		for _, row := range rows {
			m := row.(map[string]any)
			if m["acknowledged"] == true {
				acked++
				if m["after_seconds"] != float64(90) {
					t.Fatalf("ack time %v, want 90", m["after_seconds"])
				}
			}
		}
		if acked != 2 || len(rows) != 3 {
			t.Fatalf("%d of %d teams acknowledged, want 2 of 3", acked, len(rows))
		}
		// Norhaven fills in its empty directory entry; Valdoria sees it.
		entries := []map[string]any{{"role": "policy", "name": "MFA cyber desk", "channel": "poc_hotline", "hours": "24/7"},
			{"role": "technical", "name": "CERT-NH", "channel": "poc_hotline"}}
		if r := e.do(req{method: "PUT", path: base + "/poc", bearer: tok["norhaven"], body: map[string]any{"entries": entries}}); r.status != http.StatusNoContent {
			t.Fatalf("poc: %d %s", r.status, r.raw)
		}
		for _, d := range e.do(req{method: "GET", path: base + "/poc", bearer: tok["valdoria"]}).json["directory"].([]any) {
			m := d.(map[string]any)
			if m["team_id"] == float64(ids["norhaven"]) && (m["complete"] != true || len(m["entries"].([]any)) != 2) {
				t.Fatalf("Norhaven's directory entry: %v", m)
			}
		}
		expectError(t, e.do(req{method: "PUT", path: base + "/poc", bearer: tok["norhaven"], body: map[string]any{"entries": []map[string]any{{"role": "boss", "name": "x"}}}}),
			http.StatusUnprocessableEntity, "validation_failed")
	})
}
