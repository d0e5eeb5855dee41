package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// A tour de table with three delegations in an order of the facilitator's
// choosing: the log keeps the order, when each delegation took the floor
// (exercise and wall time) and the statements, which the other teams read
// only once the tour is closed; the report shows them beside the answers.
func TestTourDeTableRecordsOrderTimesAndStatements(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		phase := base + "/phases/getting-started"
		order := []int64{ids["norhaven"], ids["valdoria"], ids["esterra"]}
		must := func(r resp, want int) resp {
			t.Helper()
			if r.status != want {
				t.Fatalf("%d %s (want %d)", r.status, r.raw, want)
			}
			return r
		}
		must(e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["valdoria"],
			body: map[string]any{"text": "Valdoria will share indicators through its point of contact."}}), 204)
		must(e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["esterra"],
			body: map[string]any{"text": "Esterra will investigate the servers."}}), 204)

		// Before the tour closes each team reads its own statement only.
		seen := must(e.do(req{method: "GET", path: base + "/tours", bearer: tok["norhaven"]}), 200)
		if strings.Contains(string(seen.raw), "Valdoria will share") {
			t.Fatal("another team reads Valdoria's statement before the tour")
		}

		must(e.do(req{method: "POST", path: phase + "/tour", bearer: fac, body: map[string]any{"order": order, "seconds": 120}}), 204)
		e.clock.Advance(150 * time.Second) // Norhaven runs over by half a minute
		must(e.do(req{method: "POST", path: phase + "/tour/next", bearer: fac}), 204)
		// Once the tour is open, a delegation may still polish its words.
		must(e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["valdoria"],
			body: map[string]any{"text": "Valdoria will share indicators through its point of contact (CBM 8)."}}), 204)
		e.clock.Advance(90 * time.Second)
		must(e.do(req{method: "POST", path: phase + "/tour/next", bearer: fac}), 204)
		e.clock.Advance(60 * time.Second)
		must(e.do(req{method: "POST", path: phase + "/tour/next", bearer: fac}), 204) // after the last: closed

		tours := must(e.do(req{method: "GET", path: base + "/tours", bearer: tok["norhaven"]}), 200).json
		tour := tours["tours"].([]any)[0].(map[string]any)
		if tour["phase"] != "getting-started" || tour["seconds"].(float64) != 120 || tour["closed_at"] == nil {
			t.Fatalf("tour: %v", tour)
		}
		if got := fmt.Sprint(tour["order"]); got != fmt.Sprint(order) {
			t.Fatalf("order %s, want %v", got, order)
		}
		var speakers []int64
		var offsets []float64
		for _, turn := range tour["turns"].([]any) {
			tm := turn.(map[string]any)
			speakers = append(speakers, int64(tm["team_id"].(float64)))
			offsets = append(offsets, tm["offset_seconds"].(float64))
		}
		if !slices.Equal(speakers, order) {
			t.Fatalf("speakers %v, want %v", speakers, order)
		}
		for i, want := range []float64{150, 90} {
			if d := offsets[i+1] - offsets[i]; d != want {
				t.Fatalf("turn %d lasted %vs, want %vs (offsets %v)", i, d, want, offsets)
			}
		}
		if d := tour["closed_offset_seconds"].(float64) - offsets[2]; d != 60 {
			t.Fatalf("the last turn lasted %vs", d)
		}

		// Closed: every team reads the statements, and they can no longer change.
		stmts := tours["statements"].([]any)
		if len(stmts) != 2 || !strings.Contains(fmt.Sprint(stmts), "(CBM 8)") {
			t.Fatalf("statements after the tour: %v", stmts)
		}
		must(e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["esterra"], body: map[string]any{"text": "Later"}}), 409)
		must(e.do(req{method: "POST", path: phase + "/tour/next", bearer: fac}), 409)

		log := string(must(e.do(req{method: "GET", path: base + "/log", bearer: tok["norhaven"]}), 200).raw)
		for _, typ := range []string{"tour.opened", "tour.speaker", "tour.closed"} {
			if !strings.Contains(log, typ) {
				t.Fatalf("the log lacks %s", typ)
			}
		}

		must(e.do(req{method: "POST", path: base + "/end", bearer: fac}), 200)
		report := must(e.do(req{method: "GET", path: base + "/report", bearer: fac}), 200).json["report"].(map[string]any)
		rs := report["statements"].([]any)
		if len(rs) != 2 || rs[0].(map[string]any)["phase_title"] != "Getting started" {
			t.Fatalf("report statements: %v", rs)
		}
	})
}

// Participants and observers follow a tour but do not run it; an evaluator
// neither (the controllers moderate). Bad orders and times change nothing.
func TestTourIsTheControllersAndChecksItsInput(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		phase := base + "/phases/getting-started"
		for _, path := range []string{phase + "/tour", phase + "/tour/next", phase + "/tour/close"} {
			if r := e.do(req{method: "POST", path: path, bearer: tok["valdoria"]}); r.status != http.StatusForbidden {
				t.Fatalf("participant %s: %d %s", path, r.status, r.raw)
			}
		}
		evaluator := e.staffMember(base, "eval@example.org", "Eva", "evaluator")
		if r := e.do(req{method: "POST", path: phase + "/tour", bearer: evaluator}); r.status != http.StatusForbidden {
			t.Fatalf("evaluator: %d %s", r.status, r.raw)
		}
		for _, body := range []map[string]any{
			{"seconds": 10}, {"seconds": 901},
			{"order": []int64{ids["valdoria"], ids["valdoria"]}},
			{"order": []int64{ids["valdoria"], 999999}},
		} {
			if r := e.do(req{method: "POST", path: phase + "/tour", bearer: fac, body: body}); r.status != http.StatusUnprocessableEntity {
				t.Fatalf("%v: %d %s", body, r.status, r.raw)
			}
		}
		if r := e.do(req{method: "POST", path: base + "/phases/talking-it-through/tour", bearer: fac}); r.status != http.StatusConflict {
			t.Fatalf("a phase not started: %d %s", r.status, r.raw)
		}
		if r := e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["valdoria"],
			body: map[string]any{"text": strings.Repeat("é", 2001)}}); r.status != http.StatusUnprocessableEntity {
			t.Fatalf("long statement: %d", r.status)
		}
		r := e.do(req{method: "GET", path: base + "/tours", bearer: fac})
		if len(r.json["tours"].([]any)) != 0 || len(r.json["statements"].([]any)) != 0 {
			t.Fatalf("refused writes stored something: %s", r.raw)
		}
		// Opened with the defaults: every team in the teams' order, three minutes each.
		if r := e.do(req{method: "POST", path: phase + "/tour", bearer: fac}); r.status != http.StatusNoContent {
			t.Fatalf("open: %d %s", r.status, r.raw)
		}
		tour := e.do(req{method: "GET", path: base + "/tours", bearer: fac}).json["tours"].([]any)[0].(map[string]any)
		if tour["seconds"].(float64) != 180 || len(tour["order"].([]any)) != 3 || len(tour["turns"].([]any)) != 1 {
			t.Fatalf("defaults: %v", tour)
		}
		if r := e.do(req{method: "POST", path: phase + "/tour/close", bearer: fac}); r.status != http.StatusNoContent {
			t.Fatalf("close: %d %s", r.status, r.raw)
		}
	})
}
