package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The visibility scenario is the tutorial with one inject more, for the
// facilitators only. Its three teams receive, during play:
//
//	everyone: "Welcome to the exercise"
//	Norhaven only: "Your directory entry is empty"
//	Valdoria only: "VAL-CERT: phishing wave against ministries"
//	Esterra only: an ad-hoc inject, "Ad-hoc: Nubivo asks for a court order"
//	nobody: "Control cue: watch Valdoria's first message" (facilitators)
//	nobody: "A hosting company calls NCSC Esterra" (held, never released)
const (
	titleWelcome  = "Welcome to the exercise"
	titleNorhaven = "Your directory entry is empty"
	titleValdoria = "VAL-CERT: phishing wave against ministries"
	titleAdHoc    = "Ad-hoc: Nubivo asks for a court order"
	titleCue      = "Control cue: watch Valdoria"
	titleHeld     = "A hosting company calls NCSC Esterra"

	subjectHotline = "Phishing servers in Esterra"
	answerShared   = "VAL-SHARED-ANSWER"   // Valdoria, getting-started (shared)
	answerEsterra  = "EST-SHARED-ANSWER"   // Esterra, getting-started (shared)
	answerDraft    = "NOR-DRAFT-ANSWER"    // Norhaven, first-incident (never shared)
	noteText       = "NOTE-FOR-STAFF-ONLY" // a facilitator's note
	scoreComment   = "SCORE-COMMENT-STAFF" // a facilitator's score comment
	strengthsText  = "ESTERRA-STRENGTHS"   // the assessment of Esterra
)

func visibilityScenario(t *testing.T) string {
	src := bundledYAML(t, "tutorial-first-contact.yaml")
	src = strings.Replace(src, "id: tutorial-first-contact", "id: visibility-check", 1)
	cue := `injects:
  - key: control-cue
    title: "` + titleCue + `'s first message"
    phase: getting-started
    channel: official_note
    from: Exercise control
    audience: facilitators
    at: 0m
    body: Watch whether Valdoria finds Esterra's technical point of contact.
`
	return strings.Replace(src, "injects:\n", cue, 1)
}

// played is an exercise played through every kind of visibility, ended and
// (unless told otherwise) published.
type played struct {
	fac, base, observer string
	tok                 map[string]string
	ids                 map[string]int64
	observerStream      *sseClient
	adHoc, cue          string // the keys of the ad-hoc and the facilitators' injects
}

func (e *env) playForVisibility(publish bool) played {
	t := e.t
	t.Helper()
	fac := e.facilitatorToken()
	if r := e.do(req{method: "POST", path: "/api/v1/scenarios", bearer: fac, yaml: visibilityScenario(t)}); r.status != http.StatusCreated {
		t.Fatalf("scenario: %d %s", r.status, r.raw)
	}
	me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
	r := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: e.adminToken(), body: map[string]any{
		"title": "Visibility workshop", "facilitator_ids": []any{me["id"]}, "starts_on": "2026-11-27", "ends_on": "2026-11-28"}})
	if r.status != http.StatusCreated {
		t.Fatalf("workshop: %d %s", r.status, r.raw)
	}
	r = e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{
		"workshop_id": r.json["workshop"].(map[string]any)["id"], "scenario_id": "visibility-check"}})
	if r.status != http.StatusCreated {
		t.Fatalf("exercise: %d %s", r.status, r.raw)
	}
	ex := r.json["exercise"].(map[string]any)
	p := played{fac: fac, base: fmt.Sprintf("/api/v1/exercises/%d", int64(ex["id"].(float64))), tok: map[string]string{}, ids: map[string]int64{}}
	for _, x := range ex["teams"].([]any) {
		tm := x.(map[string]any)
		key := tm["key"].(string)
		p.ids[key] = int64(tm["id"].(float64))
		p.tok[key] = e.join(tm["join_code"].(string), "Delegate of "+key)
	}
	p.observer = e.join(ex["observer_code"].(string), "Olga Observer")
	p.observerStream = e.openStream(p.base+"/events", p.observer, 0)
	ok := func(r resp, what string) {
		t.Helper()
		if r.status >= 300 {
			t.Fatalf("%s: %d %s", what, r.status, r.raw)
		}
	}
	do := func(method, path, token string, body any) resp {
		return e.do(req{method: method, path: p.base + path, bearer: token, body: body})
	}

	ok(do("POST", "/start", fac, nil), "start")
	e.tick() // 0:00 welcome, the facilitators' cue, phase getting-started
	ok(do("POST", "/injects/esterra-hoster-call/hold", fac, nil), "hold")
	e.clock.Advance(time.Minute)
	e.tick() // 1:00 Norhaven's inject
	ok(do("PUT", "/answers/getting-started/gs-q1", p.tok["valdoria"], map[string]any{"text": answerShared}), "Valdoria's answer")
	ok(do("PUT", "/answers/getting-started/gs-q1", p.tok["esterra"], map[string]any{"text": answerEsterra, "submit": true}), "Esterra's answer")
	ok(do("POST", "/phases/getting-started/share", fac, nil), "share")
	e.clock.Advance(4 * time.Minute)
	e.tick() // 5:00 Valdoria's inject, phase first-incident
	ok(do("PUT", "/answers/first-incident/fi-q1", p.tok["norhaven"], map[string]any{"text": answerDraft}), "Norhaven's answer")
	ok(do("POST", "/injects", fac, map[string]any{"title": titleAdHoc, "body": "Nubivo will act on a court order only.",
		"channel": "phone_call", "teams": []int64{p.ids["esterra"]}}), "ad-hoc inject")
	hot := e.send(p.base, p.tok["valdoria"], map[string]any{"to": []int64{p.ids["esterra"]}, "channel": "poc_hotline",
		"subject": subjectHotline, "body": "Please take down 203.0.113.45.", "cbms": []string{"8"}})
	ok(hot, "hotline message")
	seq := int64(hot.json["message"].(map[string]any)["id"].(float64))
	ok(do("PUT", fmt.Sprintf("/messages/%d/tags", seq), fac, map[string]any{"cbms": []string{"8", "2"}}), "retag")
	ok(do("POST", "/notes", fac, map[string]any{"text": noteText}), "note")
	ok(do("PUT", "/scores", fac, map[string]any{"team_id": p.ids["valdoria"], "criterion": "first-message", "value": "S",
		"comment": scoreComment, "final": true}), "score")
	ok(do("PUT", fmt.Sprintf("/assessments/%d", p.ids["esterra"]), fac, map[string]any{"strengths": strengthsText}), "assessment")
	e.clock.Advance(3 * time.Minute)
	e.tick() // 8:00 the held inject stays held
	ok(do("POST", "/end", fac, nil), "end")
	if publish {
		ok(do("POST", "/report/publish", fac, nil), "publish")
	}
	for _, in := range do("GET", "/injects", fac, nil).json["injects"].([]any) {
		m := in.(map[string]any)
		switch m["title"] {
		case titleAdHoc:
			p.adHoc = m["key"].(string)
		case titleCue + "'s first message":
			p.cue = m["key"].(string)
		case titleHeld:
			if m["state"] != "held" {
				t.Fatalf("the hoster's call is %v, want held", m["state"])
			}
		}
	}
	if p.adHoc == "" || p.cue == "" {
		t.Fatal("the ad-hoc or the facilitators' inject is missing from the staff's timeline")
	}
	return p
}

// reportOf fetches a report as JSON and CSV.
func (e *env) reportOf(p played, token string) (map[string]any, string, string) {
	e.t.Helper()
	r := e.do(req{method: "GET", path: p.base + "/report", bearer: token})
	c := e.do(req{method: "GET", path: p.base + "/report.csv", bearer: token})
	if r.status != http.StatusOK || c.status != http.StatusOK {
		e.t.Fatalf("report: %d %s; csv: %d %s", r.status, r.raw, c.status, c.raw)
	}
	return r.json["report"].(map[string]any), string(r.raw), string(c.raw)
}

func containsAll(t *testing.T, who, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s's copy lacks %q", who, w)
		}
	}
}

func containsNone(t *testing.T, who, text string, banned ...string) {
	t.Helper()
	for _, b := range banned {
		if strings.Contains(text, b) {
			t.Errorf("%s's copy shows %q", who, b)
		}
	}
}

// Each team's published report, in JSON and CSV, holds only what that team
// could see during play: no inject sent only to other teams, no
// facilitators' inject, no ad-hoc inject for another team, no held inject,
// no other team's unshared answer, scorecard or assessment, no note. Staff
// see everything; an observer sees the play but no team's scorecard.
func TestPublishedReportShowsEachTeamOnlyWhatItCouldSee(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		p := e.playForVisibility(true)
		teamNames := map[string]string{"valdoria": "Republic of Valdoria", "esterra": "Kingdom of Esterra", "norhaven": "Republic of Norhaven"}

		// Staff: everything, every team's row in the CSV.
		staff, staffJSON, staffCSV := e.reportOf(p, p.fac)
		containsAll(t, "staff", staffJSON, titleWelcome, titleNorhaven, titleValdoria, titleAdHoc, titleCue, subjectHotline,
			answerShared, answerEsterra, answerDraft, noteText, scoreComment, strengthsText, "esterra-hoster-call", "norhaven-empty-entry")
		containsAll(t, "staff CSV", staffCSV, teamNames["valdoria"], teamNames["esterra"], teamNames["norhaven"])
		if n := len(staff["teams"].([]any)); n != 3 {
			t.Fatalf("staff see %d teams", n)
		}

		staffOnly := []string{titleCue, p.cue, titleHeld, noteText}
		cases := map[string]struct{ see, notSee []string }{
			"valdoria": {
				see:    []string{titleWelcome, titleValdoria, subjectHotline, answerShared, answerEsterra, scoreComment, "valdoria-phishing"},
				notSee: []string{titleNorhaven, "norhaven-empty-entry", titleAdHoc, p.adHoc, "esterra-hoster-call", strengthsText, answerDraft},
			},
			"esterra": {
				see:    []string{titleWelcome, titleAdHoc, subjectHotline, answerShared, answerEsterra, strengthsText},
				notSee: []string{titleNorhaven, "norhaven-empty-entry", titleValdoria, "valdoria-phishing", "esterra-hoster-call", scoreComment, answerDraft},
			},
			"norhaven": {
				see:    []string{titleWelcome, titleNorhaven, "norhaven-empty-entry", answerShared, answerEsterra, answerDraft},
				notSee: []string{titleValdoria, "valdoria-phishing", titleAdHoc, p.adHoc, subjectHotline, scoreComment, strengthsText},
			},
		}
		for team, c := range cases {
			rep, js, csv := e.reportOf(p, p.tok[team])
			containsAll(t, team, js, c.see...)
			containsNone(t, team, js, append(c.notSee, staffOnly...)...)
			if _, ok := rep["notes"]; ok {
				t.Errorf("%s's copy has notes", team)
			}
			if ts := rep["teams"].([]any); len(ts) != 1 || ts[0].(map[string]any)["team_id"] != float64(p.ids[team]) {
				t.Errorf("%s's copy has scorecards %v", team, ts)
			}
			if hm := rep["heat_map"].(map[string]any)["teams"].([]any); len(hm) != 1 || hm[0] != float64(p.ids[team]) {
				t.Errorf("%s's heat map has columns %v", team, hm)
			}
			// The CSV: only the team's own rows, none of the staff-only text.
			containsAll(t, team+" CSV", csv, teamNames[team])
			for other, name := range teamNames {
				if other != team && strings.Contains(csv, name) {
					t.Errorf("%s's CSV has %s's rows", team, other)
				}
			}
			containsNone(t, team+" CSV", csv, staffOnly...)
			// Every timeline entry is one the team saw on its stream.
			for _, x := range rep["timeline"].([]any) {
				en := x.(map[string]any)
				if en["kind"] == "inject" && en["teams"] != nil {
					if !containsID(en["teams"].([]any), p.ids[team]) {
						t.Errorf("%s's timeline has an inject for others: %v", team, en)
					}
				}
			}
		}

		// An observer: the play as it reached the teams, no scorecard, no CSV rows.
		rep, js, csv := e.reportOf(p, p.observer)
		containsAll(t, "observer", js, titleWelcome, titleNorhaven, titleValdoria, titleAdHoc, subjectHotline, answerShared, answerEsterra)
		containsNone(t, "observer", js, append(staffOnly, answerDraft, scoreComment, strengthsText)...)
		if n := len(rep["teams"].([]any)); n != 0 {
			t.Errorf("the observer sees %d scorecards", n)
		}
		if lines := strings.Count(strings.TrimSpace(csv), "\n"); lines != 0 {
			t.Errorf("the observer's CSV has %d rows: %s", lines, csv)
		}
	})
}

// Before publication only staff read the report: participants and
// observers get 403 report_not_published, in JSON and CSV.
func TestUnpublishedReportIsStaffOnly(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		p := e.playForVisibility(false)
		for _, token := range []string{p.tok["valdoria"], p.observer} {
			for _, path := range []string{"/report", "/report.csv"} {
				expectError(t, e.do(req{method: "GET", path: p.base + path, bearer: token}), http.StatusForbidden, "report_not_published")
			}
		}
		if r := e.do(req{method: "GET", path: p.base + "/report", bearer: p.fac}); r.status != http.StatusOK {
			t.Fatalf("staff report: %d", r.status)
		}
	})
}

func containsID(xs []any, id int64) bool {
	for _, x := range xs {
		if x == float64(id) {
			return true
		}
	}
	return false
}

// An observer watches the play live — released injects, the clock and
// phases, the teams' traffic, shared answers — but never receives staff-only
// material (the facilitators' and held injects, triggers, notes, scores,
// tag corrections, who joined, join codes) nor a team's unshared answers:
// not on the stream, not in the log, not through any REST read.
func TestObserverSeesThePlayButNoStaffMaterial(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		p := e.playForVisibility(true)
		get := func(path string) resp {
			t.Helper()
			return e.do(req{method: "GET", path: p.base + path, bearer: p.observer})
		}
		staffTypes := []string{"note.added", "score.set", "team.assessed", "inject.held", "trigger.fired", "trigger.decided",
			"participant.joined", "message.retagged", "exercise.created"}

		// The stream, up to the publication (the last event).
		var streamed []sseEvent
		streamed = append(streamed, p.observerStream.until(t, "report.published")...)
		log := get("/log")
		var logged []map[string]any
		for _, x := range log.json["events"].([]any) {
			logged = append(logged, x.(map[string]any))
		}
		for where, evs := range map[string][]map[string]any{"stream": sseData(streamed), "log": logged} {
			types := map[string]int{}
			var titles []string
			for _, ev := range evs {
				typ, _ := ev["type"].(string)
				types[typ]++
				d, _ := ev["data"].(map[string]any)
				if typ == "inject.released" {
					titles = append(titles, d["title"].(string))
				}
				if typ == "answer.updated" || typ == "answer.submitted" {
					t.Errorf("%s: the observer received a team's draft answer: %v", where, d)
				}
			}
			for _, st := range staffTypes {
				if types[st] > 0 {
					t.Errorf("%s: the observer received %d %s", where, types[st], st)
				}
			}
			all := strings.Join(titles, "|")
			containsAll(t, "observer "+where, all, titleWelcome, titleNorhaven, titleValdoria, titleAdHoc)
			containsNone(t, "observer "+where, all, titleCue, titleHeld)
			for _, want := range []string{"exercise.clock", "phase.started", "answers.shared", "message.sent", "report.published"} {
				if types[want] == 0 {
					t.Errorf("%s: the observer did not receive %s", where, want)
				}
			}
		}
		if streamed := fmt.Sprint(sseData(streamed)); !strings.Contains(streamed, answerShared) || strings.Contains(streamed, answerDraft) {
			t.Error("the stream's shared answers are wrong for the observer")
		}

		// REST reads.
		in := get("/injects")
		containsAll(t, "observer injects", string(in.raw), titleWelcome, titleNorhaven, titleValdoria, titleAdHoc)
		containsNone(t, "observer injects", string(in.raw), titleCue, titleHeld, "facilitator_notes", "Say a few words aloud", `"state"`)
		expectError(t, get("/triggers"), http.StatusForbidden, "forbidden")
		expectError(t, get("/participants"), http.StatusForbidden, "forbidden")
		ans := get("/answers")
		containsAll(t, "observer answers", string(ans.raw), answerShared, answerEsterra)
		containsNone(t, "observer answers", string(ans.raw), answerDraft)
		msgs := get("/messages")
		containsAll(t, "observer messages", string(msgs.raw), subjectHotline)
		containsNone(t, "observer messages", string(msgs.raw), "corrected_cbms")
		ex := get("")
		containsNone(t, "observer exercise", string(ex.raw), "join_code", "observer_code")
		if ex.json["exercise"].(map[string]any)["viewer"].(map[string]any)["role"] != "observer" {
			t.Errorf("viewer: %s", ex.raw)
		}
		if n := len(get("/briefing").json["teams"].([]any)); n != 3 {
			t.Errorf("the observer reads %d team briefings, want 3", n)
		}
		// Staff still read it all.
		if r := e.do(req{method: "GET", path: p.base + "/triggers", bearer: p.fac}); r.status != http.StatusOK {
			t.Errorf("staff triggers: %d", r.status)
		}
		containsAll(t, "staff messages", string(e.do(req{method: "GET", path: p.base + "/messages", bearer: p.fac}).raw), "corrected_cbms")
		// And the observer writes nothing.
		expectError(t, e.send(p.base, p.observer, map[string]any{"channel": "public_statement", "subject": "s", "body": "b"}),
			http.StatusForbidden, "observers_read_only")
	})
}

// sseData turns stream events into the log's shape.
func sseData(evs []sseEvent) []map[string]any {
	out := make([]map[string]any, len(evs))
	for i, ev := range evs {
		out[i] = map[string]any{"type": ev.typ, "seq": float64(ev.id), "data": ev.data["data"]}
	}
	return out
}
