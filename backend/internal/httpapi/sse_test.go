package httpapi

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sseEvent is one parsed Server-Sent Event.
type sseEvent struct {
	id   int64
	typ  string
	data map[string]any
}

// sseClient reads a stream in the background.
type sseClient struct {
	events chan sseEvent
	cancel context.CancelFunc
	status int
}

func (e *env) openStream(path, bearer string, lastID int64) *sseClient {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+bearer)
	if lastID > 0 {
		req.Header.Set("Last-Event-ID", strconv.FormatInt(lastID, 10))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		e.t.Fatal(err)
	}
	c := &sseClient{events: make(chan sseEvent, 1000), cancel: cancel, status: res.StatusCode}
	e.t.Cleanup(cancel)
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		close(c.events)
		return c
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		e.t.Fatalf("stream content type %q", ct)
	}
	go func() {
		defer res.Body.Close()
		defer close(c.events)
		sc := bufio.NewScanner(res.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.typ != "" {
					c.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.id, _ = strconv.ParseInt(line[4:], 10, 64)
			case strings.HasPrefix(line, "event: "):
				ev.typ = line[7:]
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(line[6:]), &ev.data) // the server writes JSON; data left nil fails the test's checks of it
			}
		}
	}()
	return c
}

// next waits for the next event (failing after a generous timeout: this
// guards against a hang, it measures nothing).
func (c *sseClient) next(t *testing.T) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return sseEvent{}
}

// until reads events until one of the type arrives, returning all read.
func (c *sseClient) until(t *testing.T, typ string) []sseEvent {
	t.Helper()
	var out []sseEvent
	for {
		ev := c.next(t)
		out = append(out, ev)
		if ev.typ == typ {
			return out
		}
	}
}

// liveExercise makes a workshop with a facilitator and a tutorial exercise;
// it returns the facilitator's token, the exercise id and team codes by key.
func (e *env) liveExercise() (string, int64, map[string]string, map[string]int64) {
	e.t.Helper()
	fac := e.facilitatorToken()
	me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
	r := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: e.adminToken(), body: map[string]any{
		"title": "Vienna workshop", "facilitator_ids": []any{me["id"]}, "starts_on": "2026-11-27", "ends_on": "2026-11-28"}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("workshop: %d %s", r.status, r.raw)
	}
	wid := r.json["workshop"].(map[string]any)["id"]
	r = e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{"workshop_id": wid, "scenario_id": "tutorial-first-contact"}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("exercise: %d %s", r.status, r.raw)
	}
	ex := r.json["exercise"].(map[string]any)
	codes, ids := map[string]string{}, map[string]int64{}
	for _, t := range ex["teams"].([]any) {
		tm := t.(map[string]any)
		codes[tm["key"].(string)] = tm["join_code"].(string)
		ids[tm["key"].(string)] = int64(tm["id"].(float64))
	}
	return fac, int64(ex["id"].(float64)), codes, ids
}

func (e *env) join(code, name string) string {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/api/v1/join", body: map[string]string{"code": code, "name": name}})
	if r.status != http.StatusOK {
		e.t.Fatalf("join: %d %s", r.status, r.raw)
	}
	return r.json["token"].(string)
}

func (e *env) tick() {
	e.t.Helper()
	if err := e.exercises.Tick(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// A client that reconnects with Last-Event-ID gets every event it missed,
// once and in order, and nothing it may not see.
func TestStreamResumesWithoutLossOrRepeats(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		esterra := e.join(codes["esterra"], "Ben")
		s1 := e.openStream(base+"/events", esterra, 0)
		if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("start: %d %s", r.status, r.raw)
		}
		e.tick()
		got := s1.until(t, "inject.released") // clock, phase, welcome
		last := got[len(got)-1].id
		s1.cancel()

		// While Esterra is away: Valdoria's private inject and Esterra's own.
		e.clock.Advance(8 * time.Minute)
		e.tick()
		e.do(req{method: "POST", path: base + "/notes", bearer: fac, body: map[string]string{"text": "private note"}})
		e.do(req{method: "POST", path: base + "/injects", bearer: fac, body: map[string]any{"title": "Ad hoc", "body": "For everyone"}})

		s2 := e.openStream(base+"/events", esterra, last)
		var seen []sseEvent
		for {
			ev := s2.next(t)
			seen = append(seen, ev)
			if ev.typ == "inject.released" && ev.data["data"].(map[string]any)["source"] == "adhoc" {
				break
			}
		}
		prev := last
		keys := map[string]bool{}
		for _, ev := range seen {
			if ev.id <= prev {
				t.Fatalf("event %d after %d: repeated or out of order", ev.id, prev)
			}
			prev = ev.id
			if ev.typ == "note.added" || ev.typ == "participant.joined" {
				t.Fatalf("participant received staff-only %s", ev.typ)
			}
			if ev.typ == "inject.released" {
				keys[ev.data["data"].(map[string]any)["key"].(string)] = true
			}
		}
		if keys["valdoria-phishing"] || keys["norhaven-empty-entry"] || !keys["esterra-hoster-call"] || !keys["comm-check"] {
			t.Fatalf("Esterra's injects after reconnecting: %v", keys)
		}
		// The log endpoint agrees with the stream (one policy for both).
		r := e.do(req{method: "GET", path: fmt.Sprintf("%s/log?after=%d", base, last), bearer: esterra})
		if n := len(r.json["events"].([]any)); n != len(seen) {
			t.Fatalf("log has %d events after %d, stream had %d", n, last, len(seen))
		}
	})
}

// The stream resumes across a server restart: a new server process on the
// same database replays from Last-Event-ID.
func TestStreamResumesAcrossRestart(t *testing.T) {
	storetestDialects(t, func(t *testing.T, e *env, restart func() *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		tok := e.join(codes["valdoria"], "Ana")
		e.do(req{method: "POST", path: base + "/start", bearer: fac})
		e.tick()
		s := e.openStream(base+"/events", tok, 0)
		last := s.until(t, "inject.released")[0].id
		s.cancel()
		e2 := restart()
		e2.clock.Advance(6 * time.Minute)
		e2.tick()
		logged := e2.do(req{method: "GET", path: fmt.Sprintf("%s/log?after=%d", base, last), bearer: tok}).json["events"].([]any)
		if len(logged) < 3 {
			t.Fatalf("only %d events after the restart", len(logged))
		}
		s2 := e2.openStream(base+"/events", tok, last)
		for i, l := range logged {
			ev := s2.next(t)
			if want := int64(l.(map[string]any)["seq"].(float64)); ev.id != want {
				t.Fatalf("event %d after restart: seq %d, want %d", i, ev.id, want)
			}
		}
	})
}

func TestRemovedParticipantsStreamCloses(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		tok := e.join(codes["norhaven"], "Chen")
		s := e.openStream(base+"/events", tok, 0)
		ps := e.do(req{method: "GET", path: base + "/participants", bearer: fac}).json["participants"].([]any)
		pid := int64(ps[0].(map[string]any)["id"].(float64))
		if r := e.do(req{method: "DELETE", path: fmt.Sprintf("%s/participants/%d", base, pid), bearer: fac}); r.status != http.StatusNoContent {
			t.Fatalf("remove: %d %s", r.status, r.raw)
		}
		ev := s.until(t, "close")
		if ev[len(ev)-1].data["reason"] != "removed" {
			t.Fatalf("close reason %v", ev[len(ev)-1].data)
		}
		expectError(t, e.do(req{method: "GET", path: base, bearer: tok}), http.StatusUnauthorized, "unauthenticated")
	})
}

func TestExerciseAccessControl(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, ids := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		// Another facilitator, not assigned to the workshop, finds nothing.
		other := e.do(req{method: "POST", path: "/api/v1/users", bearer: e.adminToken(),
			body: map[string]string{"email": "other@example.org", "role": "facilitator", "password": facilitatorPwd}})
		if other.status != http.StatusCreated {
			t.Fatal(other.status)
		}
		otherTok, _ := e.login("other@example.org", facilitatorPwd)
		expectError(t, e.do(req{method: "GET", path: base, bearer: otherTok}), http.StatusNotFound, "not_found")
		expectError(t, e.do(req{method: "POST", path: base + "/start", bearer: otherTok}), http.StatusNotFound, "not_found")
		if n := len(e.do(req{method: "GET", path: "/api/v1/workshops", bearer: otherTok}).json["workshops"].([]any)); n != 0 {
			t.Fatalf("unassigned facilitator lists %d workshops", n)
		}
		// Participants may not act as staff, nor look at other exercises.
		p := e.join(codes["valdoria"], "Ana")
		expectError(t, e.do(req{method: "POST", path: base + "/start", bearer: p}), http.StatusForbidden, "forbidden")
		expectError(t, e.do(req{method: "GET", path: base + "/participants", bearer: p}), http.StatusForbidden, "forbidden")
		expectError(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/exercises/%d", id+1), bearer: p}), http.StatusNotFound, "not_found")
		r := e.do(req{method: "GET", path: base, bearer: p})
		for _, tm := range r.json["exercise"].(map[string]any)["teams"].([]any) {
			if tm.(map[string]any)["join_code"] != nil {
				t.Fatal("a participant sees join codes")
			}
		}
		// A participant writes only their own team's answers.
		e.do(req{method: "POST", path: base + "/start", bearer: fac})
		e.tick()
		if r := e.do(req{method: "PUT", path: base + "/answers/getting-started/gs-q1", bearer: p, body: map[string]any{"text": "Ana reads injects"}}); r.status != http.StatusNoContent {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		expectError(t, e.do(req{method: "PUT", path: base + "/answers/getting-started/gs-q1", bearer: fac, body: map[string]any{"text": "x"}}),
			http.StatusForbidden, "participants_only")
		other2 := e.join(codes["esterra"], "Ben")
		if n := len(e.do(req{method: "GET", path: base + "/answers", bearer: other2}).json["answers"].([]any)); n != 0 {
			t.Fatalf("Esterra reads %d of Valdoria's answers", n)
		}
		if n := len(e.do(req{method: "GET", path: base + "/answers", bearer: fac}).json["answers"].([]any)); n != 1 {
			t.Fatalf("facilitator reads %d answers", n)
		}
		// Releasing twice is a 409; unknown codes a 404.
		e.do(req{method: "POST", path: base + "/injects/valdoria-hint/release", bearer: fac})
		expectError(t, e.do(req{method: "POST", path: base + "/injects/valdoria-hint/release", bearer: fac}), http.StatusConflict, "already_released")
		expectError(t, e.do(req{method: "POST", path: "/api/v1/join", body: map[string]string{"code": "AAAA-AAAA", "name": "x"}}), http.StatusNotFound, "unknown_code")
		_ = ids
	})
}
