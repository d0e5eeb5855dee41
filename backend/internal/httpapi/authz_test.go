package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/xliff"
)

// caller is a kind of principal: a column of the authorisation table.
// Callers call in this order.
type caller int

// The workshop's staff come in the order that lets each duty act on a fresh
// state: an evaluator's refused clock action leaves the exercise for the
// controller to start, and a controller's refused score leaves nothing.
const (
	anonymous   caller = iota
	participant        // a delegate of Valdoria, the team the fixture's request is addressed to
	otherTeam          // a delegate of Esterra, in the same exercise (the request's sender)
	observer           // holds the exercise's observer code
	stranger           // a facilitator not assigned to the exercise's workshop
	evaluator          // the workshop's evaluator: observes and scores
	controller         // the workshop's controller: runs the clock, injects and the control cell
	lead               // the workshop's lead facilitator: both
	admin
	callers
)

var callerNames = [callers]string{"anonymous", "participant", "other team", "observer", "unassigned facilitator",
	"evaluator", "controller", "lead facilitator", "admin"}

// staffEmails are the accounts of the workshop's staff callers.
var staffEmails = map[caller]string{stranger: "stranger@example.org", evaluator: "evaluator@example.org",
	controller: "controller@example.org", lead: "facilitator@example.org", admin: adminEmail}

// statuses are what each caller gets, in caller order.
type statuses [callers]int

// authzRow is one route and what every caller gets from it. The path is the
// route as Echo has it; its parameters are filled from the fixture
// (fixtureParams). Callers call in column order, so a later one sees what an
// earlier one did: a request acknowledged by its recipient is then a 409
// for the staff, which still shows they passed the access check.
type authzRow struct {
	route string
	body  any // nil; JSON; yamlDoc; xlsxDoc; or func(caller) any for a body per caller
	want  statuses
	// fresh: the row acts on an exercise of its own (it changes its state);
	// draft: one not started yet.
	fresh, draft bool
	// ownSessions: each caller uses a session of its own (the row ends it).
	ownSessions bool
}

type (
	yamlDoc  string
	xlsxDoc  []byte
	xliffDoc []byte
)

// Status patterns that many rows share.
var (
	everyone    = statuses{200, 200, 200, 200, 200, 200, 200, 200, 200}
	signedIn    = statuses{401, 200, 200, 200, 200, 200, 200, 200, 200}
	adminOnly   = statuses{401, 403, 403, 403, 403, 403, 403, 403, 200}
	staffOnly   = statuses{401, 403, 403, 403, 200, 200, 200, 200, 200}
	inExercise  = statuses{401, 200, 200, 200, 404, 200, 200, 200, 200} // every caller of the exercise reads it
	exStaffRead = statuses{401, 403, 403, 403, 404, 200, 200, 200, 200} // every staff duty reads what staff read
	// organiserOnly: the people's names and the survey's questions are the
	// organiser's (a lead facilitator, or an admin).
	organiserOnly = statuses{401, 403, 403, 403, 404, 403, 403, 200, 200}
)

// Staff writes by duty (workshop/duties.go): controllers run the play,
// evaluators judge it; the lead and admins do both. ok is the status of
// those who may.
func controlWrite(ok int) statuses { return statuses{401, 403, 403, 403, 404, 403, ok, ok, ok} }
func judgeWrite(ok int) statuses   { return statuses{401, 403, 403, 403, 404, ok, 403, ok, ok} }

// authzTable is every route × every caller. A new route is one row in one
// of these lists; TestAuthorisationTable fails until it has one.
func authzTable(fx *authzFixture) []authzRow {
	return slices.Concat(serverRows(fx), exerciseRows(fx), messageRows(fx))
}

// serverRows are the routes outside an exercise.
func serverRows(fx *authzFixture) []authzRow {
	perCaller := func(f func(c caller) any) func(caller) any { return f }
	return []authzRow{
		// Outside the API.
		{route: "GET /healthz", want: everyone},
		{route: "GET /readyz", want: everyone},
		{route: "GET /metrics", want: everyone}, // the test server is this machine (see metrics.go)
		{route: "GET /*", want: everyone},       // the UI

		// Signing in and out.
		{route: "GET /api/v1/openapi.json", want: everyone},
		{route: "POST /api/v1/auth/login", body: map[string]any{"email": adminEmail, "password": adminPassword}, want: everyone},
		{route: "POST /api/v1/auth/logout", ownSessions: true, want: statuses{401, 204, 204, 204, 204, 204, 204, 204, 204}},
		{route: "GET /api/v1/auth/me", want: signedIn},
		{route: "POST /api/v1/join", body: map[string]any{"code": fx.main.codes["norhaven"], "name": "Delegate"}, want: everyone},
		{route: "GET /api/v1/cbms", want: signedIn},
		{route: "GET /api/v1/*", want: statuses{404, 404, 404, 404, 404, 404, 404, 404, 404}},

		// Accounts: admins only.
		{route: "GET /api/v1/users", want: adminOnly},
		{route: "POST /api/v1/users", body: map[string]any{"email": "new@example.org", "role": "facilitator", "password": "new password 12"},
			want: statuses{401, 403, 403, 403, 403, 403, 403, 403, 201}},
		{route: "PATCH /api/v1/users/:id", body: map[string]any{"name": "Spare"}, want: adminOnly},
		{route: "DELETE /api/v1/users/:id", want: statuses{401, 403, 403, 403, 403, 403, 403, 403, 204}},

		// Scenarios: any staff member.
		{route: "GET /api/v1/scenarios", want: staffOnly},
		{route: "POST /api/v1/scenarios", body: perCaller(func(c caller) any { return fx.scenarioYAML(fmt.Sprintf("authz-new-%d", c)) }),
			want: statuses{401, 403, 403, 403, 201, 201, 201, 201, 201}},
		{route: "POST /api/v1/scenarios/validate", body: fx.scenarioYAML("authz-check"), want: staffOnly},
		{route: "GET /api/v1/scenarios/:id", want: staffOnly},
		{route: "PUT /api/v1/scenarios/:id", body: fx.scenarioYAML(fx.scenario), want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/export", want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/msel.xlsx", want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/guide.pdf", want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/guide.docx", want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/manual/:file", want: staffOnly},
		{route: "POST /api/v1/scenarios/:id/msel", body: fx.msel, want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/translations", want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/translations/:lang", want: staffOnly},
		{route: "PUT /api/v1/scenarios/:id/translations/:lang", body: map[string]any{"texts": map[string]string{"title": "Titre"}},
			want: statuses{401, 403, 403, 403, 201, 200, 200, 200, 200}}, // the first saves, the others change nothing
		{route: "GET /api/v1/scenarios/:id/translations/:lang/xliff", want: staffOnly},
		{route: "POST /api/v1/scenarios/:id/translations/:lang/xliff", body: fx.xliff(), want: staffOnly},
		{route: "GET /api/v1/scenarios/:id/translations/:lang/file", want: staffOnly},

		// Workshops: staff read those they run (an unassigned facilitator
		// lists none), admins write; the controllers set up exercises.
		{route: "GET /api/v1/workshops", want: staffOnly},
		{route: "GET /api/v1/workshops/:id", want: exStaffRead},
		{route: "POST /api/v1/workshops", body: map[string]any{"title": "Another workshop"}, want: statuses{401, 403, 403, 403, 403, 403, 403, 403, 201}},
		{route: "PATCH /api/v1/workshops/:id", body: map[string]any{"title": "Vienna workshop", "staff": fx.staffDuties(),
			"starts_on": "2026-11-27", "ends_on": "2026-11-28"}, want: adminOnly},
		{route: "POST /api/v1/exercises", body: map[string]any{"workshop_id": fx.workshopID, "scenario_id": fx.scenario},
			want: controlWrite(201)},
		{route: "GET /api/v1/workshops/:id/contacts", want: exStaffRead},
		{route: "POST /api/v1/workshops/:id/contacts", body: map[string]any{"delegation": "Delegation B"}, want: controlWrite(201)},
		{route: "GET /api/v1/contact-check/:code", want: everyone}, // the code is the key; no account
		{route: "PUT /api/v1/contact-check/:code", body: map[string]any{"policy": "Ministry of Foreign Affairs, cyber desk"}, want: everyone},
		// The feedback survey and attendance: staff read the questions,
		// results and counts; the organiser (lead, admin) edits the questions
		// and has the names and the certificates.
		{route: "GET /api/v1/workshops/:id/survey", want: exStaffRead},
		{route: "PUT /api/v1/workshops/:id/survey", body: map[string]any{"questions": []any{}}, want: organiserOnly},
		{route: "GET /api/v1/workshops/:id/survey/results", want: exStaffRead},
		{route: "GET /api/v1/workshops/:id/survey.csv", want: exStaffRead},
		{route: "GET /api/v1/workshops/:id/attendance", want: organiserOnly},
		{route: "GET /api/v1/workshops/:id/attendance.csv", want: organiserOnly},
		{route: "GET /api/v1/workshops/:id/attendance/counts", want: exStaffRead},
		{route: "GET /api/v1/workshops/:id/attendance/counts.csv", want: exStaffRead},
		{route: "GET /api/v1/workshops/:id/certificates.pdf", want: organiserOnly},
		{route: "GET /api/v1/dashboard", want: staffOnly},
		{route: "GET /api/v1/dashboard.csv", want: staffOnly},
	}
}

// exerciseRows are one exercise's routes for reading, the clock, injects and teams.
func exerciseRows(fx *authzFixture) []authzRow {
	ex := fx.main
	return []authzRow{
		// One exercise: its participants and observers see what their
		// token is scoped to, its staff run it, other staff find nothing.
		{route: "GET /api/v1/exercises/:id", want: inExercise},
		{route: "GET /api/v1/exercises/:id/events", want: inExercise},
		{route: "GET /api/v1/exercises/:id/log", want: inExercise},
		{route: "GET /api/v1/exercises/:id/briefing", want: inExercise},
		// Valdoria's manual: its delegate and the staff; Esterra's does not see it.
		{route: "GET /api/v1/exercises/:id/manual/:file", want: statuses{401, 200, 404, 403, 404, 200, 200, 200, 200}},
		{route: "GET /api/v1/exercises/:id/injects", want: inExercise},
		{route: "GET /api/v1/exercises/:id/injects/:key/texts", want: exStaffRead},
		{route: "PUT /api/v1/exercises/:id/language", body: map[string]any{"language": "fr"},
			want: statuses{401, 204, 204, 204, 404, 403, 403, 403, 403}},
		{route: "GET /api/v1/exercises/:id/answers", want: inExercise},
		{route: "PUT /api/v1/exercises/:id/answers/:phase/:question", body: map[string]any{"text": "An answer"},
			want: statuses{401, 204, 204, 403, 404, 403, 403, 403, 403}},
		{route: "GET /api/v1/exercises/:id/triggers", want: exStaffRead},
		{route: "GET /api/v1/exercises/:id/participants", want: exStaffRead},

		// The clock: the controllers' (the first of them to act changes
		// the state; a 409 after it still shows the access check passed).
		{route: "POST /api/v1/exercises/:id/start", draft: true, want: statuses{401, 403, 403, 403, 404, 403, 200, 409, 409}},
		{route: "POST /api/v1/exercises/:id/pause", fresh: true, want: statuses{401, 403, 403, 403, 404, 403, 200, 409, 409}},
		{route: "POST /api/v1/exercises/:id/resume", want: controlWrite(409)},
		{route: "POST /api/v1/exercises/:id/end", fresh: true, want: statuses{401, 403, 403, 403, 404, 403, 200, 409, 409}},
		{route: "POST /api/v1/exercises/:id/speed", body: map[string]any{"speed": 1}, want: controlWrite(200)},
		{route: "POST /api/v1/exercises/:id/jump", fresh: true, body: map[string]any{"phase": "first-incident"}, want: controlWrite(200)},

		// Injects and triggers: the controllers'.
		{route: "POST /api/v1/exercises/:id/injects/:key/release", fresh: true, want: statuses{401, 403, 403, 403, 404, 403, 204, 409, 409}},
		{route: "POST /api/v1/exercises/:id/injects/:key/hold", fresh: true, want: controlWrite(204)},
		{route: "POST /api/v1/exercises/:id/injects/:key/unhold", fresh: true, want: controlWrite(204)},
		{route: "POST /api/v1/exercises/:id/injects/:key/skip", fresh: true, want: controlWrite(204)},
		{route: "POST /api/v1/exercises/:id/injects", body: map[string]any{"title": "Ad hoc", "body": "Body", "teams": []int64{ex.teams["valdoria"]}},
			want: controlWrite(201)},
		{route: "POST /api/v1/exercises/:id/triggers/:key/decide", body: map[string]any{"yes": false}, want: controlWrite(204)},
		{route: "POST /api/v1/exercises/:id/phases/:phase/close", fresh: true, want: controlWrite(204)},
		{route: "POST /api/v1/exercises/:id/phases/:phase/share", fresh: true, want: controlWrite(204)},
		// The tour de table, on the main exercise in this order: a team's
		// statement, then the controller opens the tour of three delegations,
		// "next" gives the floor twice and the third closes it.
		{route: "GET /api/v1/exercises/:id/tours", want: inExercise},
		{route: "PUT /api/v1/exercises/:id/phases/:phase/statement", body: map[string]any{"text": "Our position"},
			want: statuses{401, 204, 204, 403, 404, 403, 403, 403, 403}},
		{route: "POST /api/v1/exercises/:id/phases/:phase/tour", body: map[string]any{"seconds": 60},
			want: statuses{401, 403, 403, 403, 404, 403, 204, 409, 409}},
		{route: "POST /api/v1/exercises/:id/phases/:phase/tour/next", want: controlWrite(204)},
		{route: "POST /api/v1/exercises/:id/phases/:phase/tour/close", want: controlWrite(409)},
		{route: "POST /api/v1/exercises/:id/notes", body: map[string]any{"text": "A note"}, want: statuses{401, 403, 403, 403, 404, 201, 201, 201, 201}},

		// Teams and people: the controllers'.
		{route: "PATCH /api/v1/exercises/:id/teams/:team", body: map[string]any{"name": "Valdoria"}, want: controlWrite(200)},
		{route: "POST /api/v1/exercises/:id/teams/:team/code", fresh: true, want: controlWrite(200)},
		{route: "DELETE /api/v1/exercises/:id/participants/:pid", want: controlWrite(204)},

		// Evidence of expected actions: staff who score confirm or reject a
		// candidate message (Esterra's request, for an action of Valdoria and Esterra).
		{route: "PUT /api/v1/exercises/:id/evidence", body: map[string]any{"team_id": ex.teams["esterra"], "inject": "social-media-blame",
			"action": "consult-before-public", "message": ex.msg, "verdict": "confirmed"}, want: judgeWrite(204)},
	}
}

// messageRows are one exercise's routes for messages, scoring and the report.
func messageRows(fx *authzFixture) []authzRow {
	ex := fx.main
	return []authzRow{
		// Messages and requests: staff write as the control cell, which
		// the controllers play.
		{route: "GET /api/v1/exercises/:id/messages", want: inExercise},
		{route: "POST /api/v1/exercises/:id/messages", body: map[string]any{"to": []int64{ex.teams["norhaven"]}, "channel": "poc_hotline",
			"subject": "Subject", "body": "Body", "cbms": []string{"8"}}, want: statuses{401, 201, 201, 403, 404, 403, 201, 201, 201}},
		{route: "POST /api/v1/exercises/:id/messages/:msg/acknowledge", fresh: true, body: map[string]any{"text": "Noted"},
			want: statuses{401, 200, 403, 403, 404, 403, 409, 409, 409}},
		{route: "POST /api/v1/exercises/:id/messages/:msg/answer", fresh: true, body: map[string]any{"text": "An answer"},
			want: statuses{401, 200, 403, 403, 404, 403, 409, 409, 409}},
		{route: "POST /api/v1/exercises/:id/messages/:msg/decline", fresh: true, body: map[string]any{"text": "No"},
			want: statuses{401, 200, 403, 403, 404, 403, 409, 409, 409}},
		{route: "POST /api/v1/exercises/:id/messages/:msg/escalate", fresh: true, body: map[string]any{"text": "Up"},
			want: statuses{401, 200, 403, 403, 404, 403, 409, 409, 409}},
		{route: "PUT /api/v1/exercises/:id/messages/:msg/tags", body: map[string]any{"cbms": []string{"8"}}, want: judgeWrite(204)},
		{route: "GET /api/v1/exercises/:id/poc", want: inExercise},
		{route: "PUT /api/v1/exercises/:id/poc", body: map[string]any{"entries": []any{map[string]any{"role": "policy", "name": "Ana"}}},
			want: statuses{401, 204, 204, 403, 404, 403, 403, 403, 403}},
		{route: "GET /api/v1/exercises/:id/commchecks", want: inExercise},
		{route: "POST /api/v1/exercises/:id/commchecks", body: map[string]any{"text": "Check"}, want: controlWrite(201)},
		{route: "POST /api/v1/exercises/:id/commchecks/:check/ack", body: map[string]any{"text": "Here"},
			want: statuses{401, 204, 204, 403, 404, 403, 403, 403, 403}},

		// Scoring and the report: the evaluators'; every staff duty reads it.
		{route: "PUT /api/v1/exercises/:id/scores", body: map[string]any{"team_id": ex.teams["valdoria"], "criterion": "comm-check", "value": "S"},
			want: judgeWrite(204)},
		{route: "PUT /api/v1/exercises/:id/assessments/:team", body: map[string]any{"strengths": "Quick", "improvements": "Slower"},
			want: judgeWrite(204)},
		{route: "POST /api/v1/exercises/:id/improvements", body: map[string]any{"recommendation": "Train", "cbm": "8"},
			want: judgeWrite(201)},
		{route: "GET /api/v1/exercises/:id/report", want: exStaffRead},
		{route: "GET /api/v1/exercises/:id/report.csv", want: exStaffRead},
		{route: "GET /api/v1/exercises/:id/report.pdf", want: exStaffRead},
		{route: "GET /api/v1/exercises/:id/report.docx", want: exStaffRead},
		{route: "POST /api/v1/exercises/:id/report/publish", fresh: true, want: judgeWrite(204)},
		// After the end: the survey and the own certificate are the
		// participants' (the fixture's exercise runs, hence 409 for them).
		{route: "GET /api/v1/exercises/:id/survey", want: inExercise},
		{route: "POST /api/v1/exercises/:id/survey", body: map[string]any{"skip": true},
			want: statuses{401, 409, 409, 403, 404, 403, 403, 403, 403}},
		{route: "GET /api/v1/exercises/:id/certificate.pdf", want: statuses{401, 409, 409, 403, 404, 403, 403, 403, 403}},
	}
}

// TestAuthorisationTable calls every route of the server as every kind of
// caller and checks the status each gets, on both dialects. It walks the
// routes Echo has, so a route without a row fails it.
func TestAuthorisationTable(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		fx := newAuthzFixture(t, e)
		table := authzTable(fx)
		rows := map[string]bool{}
		for _, row := range table {
			if rows[row.route] {
				t.Errorf("%s has two rows", row.route)
			}
			rows[row.route] = true
		}
		for _, rt := range e.srv.Config.Handler.(*echo.Echo).Routes() {
			route := rt.Method + " " + rt.Path
			if !rows[route] && !catchAll(rt) {
				t.Errorf("%s has no row in the authorisation table (authz_test.go)", route)
			}
		}
		n := 0
		for _, row := range table {
			if _, known := rows[row.route]; !known {
				continue
			}
			got := fx.run(row)
			n += len(got)
			if got != row.want {
				t.Errorf("%s\n got  %v\n want %v", row.route, fmtStatuses(got), fmtStatuses(row.want))
			}
		}
		t.Logf("%d calls to %d routes", n, len(table))
	})
}

// catchAll tells the API's answer to unknown paths, registered for every
// method, apart from its GET (which has a row).
func catchAll(rt *echo.Route) bool {
	return rt.Method == echo.RouteNotFound || (strings.HasSuffix(rt.Path, "/api/v1/*") && rt.Method != http.MethodGet)
}

func fmtStatuses(s statuses) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprintf("%s %d", callerNames[i], v)
	}
	return strings.Join(parts, ", ")
}

// authzExercise is one exercise of the fixture's workshop with a delegate of
// Valdoria and one of Esterra, an observer, a request from Esterra to
// Valdoria, a communication check and a spare participant to remove.
type authzExercise struct {
	id                           int64
	codes, tokens                map[string]string // join codes by team key; tokens by caller name
	teams                        map[string]int64  // team ids by key
	msg, check, spareParticipant int64
}

type authzFixture struct {
	t                                    *testing.T
	e                                    *env
	staff                                map[caller]string // tokens of the staff callers
	staffIDs                             map[caller]int64  // their accounts (the workshop's staff)
	workshopID, facilitatorID, spareUser int64
	scenario                             string // a scenario of the fixture's own, for the scenario routes
	contactCode                          string // a delegation's contact-check code
	msel                                 xlsxDoc
	main                                 *authzExercise
}

func newAuthzFixture(t *testing.T, e *env) *authzFixture {
	fx := &authzFixture{t: t, e: e, staff: map[caller]string{}, staffIDs: map[caller]int64{}, scenario: "authz-scenario"}
	fac := e.facilitatorToken()
	fx.staff[lead], fx.staff[admin] = fac, e.adminToken()
	me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
	fx.facilitatorID = int64(me["id"].(float64))
	fx.staffIDs[lead] = fx.facilitatorID
	for _, c := range []caller{controller, evaluator} {
		fx.staffIDs[c] = fx.newUser(staffEmails[c])
		fx.staff[c], _ = e.login(staffEmails[c], facilitatorPwd)
	}
	w := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: fx.staff[admin], body: map[string]any{
		"title": "Vienna workshop", "staff": fx.staffDuties(), "starts_on": "2026-11-27", "ends_on": "2026-11-28"}})
	if w.status != http.StatusCreated {
		t.Fatalf("workshop: %d %s", w.status, w.raw)
	}
	fx.workshopID = int64(w.json["workshop"].(map[string]any)["id"].(float64))
	fx.staff[stranger] = fx.newStaff(staffEmails[stranger])
	fx.spareUser = fx.newUser("spare@example.org")
	if r := fx.send(http.MethodPost, "/api/v1/scenarios", fac, fx.scenarioYAML(fx.scenario)); r.status != http.StatusCreated {
		t.Fatalf("scenario: %d %s", r.status, r.raw)
	}
	x := fx.send(http.MethodGet, "/api/v1/scenarios/"+fx.scenario+"/msel.xlsx", fac, nil)
	if x.status != http.StatusOK {
		t.Fatalf("msel: %d", x.status)
	}
	fx.msel = xlsxDoc(x.raw)
	cc := fx.send(http.MethodPost, fmt.Sprintf("/api/v1/workshops/%d/contacts", fx.workshopID), fac, map[string]any{"delegation": "Delegation A"})
	if cc.status != http.StatusCreated {
		t.Fatalf("contact check: %d %s", cc.status, cc.raw)
	}
	var created struct{ Contact struct{ Path string } }
	if err := json.Unmarshal(cc.raw, &created); err != nil {
		t.Fatal(err)
	}
	fx.contactCode = strings.TrimPrefix(created.Contact.Path, "/contact-check/")
	fx.main = fx.newExercise(false)
	return fx
}

// staffDuties is the workshop's staff: a lead facilitator, a controller
// and an evaluator.
func (fx *authzFixture) staffDuties() []map[string]any {
	return []map[string]any{{"user_id": fx.staffIDs[lead], "duty": "lead"},
		{"user_id": fx.staffIDs[controller], "duty": "controller"}, {"user_id": fx.staffIDs[evaluator], "duty": "evaluator"}}
}

func (fx *authzFixture) newUser(email string) int64 {
	r := fx.e.do(req{method: "POST", path: "/api/v1/users", bearer: fx.staff[admin],
		body: map[string]string{"email": email, "role": "facilitator", "password": facilitatorPwd}})
	if r.status != http.StatusCreated {
		fx.t.Fatalf("user %s: %d %s", email, r.status, r.raw)
	}
	return int64(r.json["user"].(map[string]any)["id"].(float64))
}

func (fx *authzFixture) newStaff(email string) string {
	fx.newUser(email)
	tok, _ := fx.e.login(email, facilitatorPwd)
	return tok
}

// newExercise is a fresh exercise of the workshop, started unless draft.
func (fx *authzFixture) newExercise(draft bool) *authzExercise {
	r := fx.e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fx.staff[lead],
		body: map[string]any{"workshop_id": fx.workshopID, "scenario_id": fx.scenario}})
	if r.status != http.StatusCreated {
		fx.t.Fatalf("exercise: %d %s", r.status, r.raw)
	}
	ex := r.json["exercise"].(map[string]any)
	codes, teams := map[string]string{}, map[string]int64{}
	for _, t := range ex["teams"].([]any) {
		tm := t.(map[string]any)
		codes[tm["key"].(string)], teams[tm["key"].(string)] = tm["join_code"].(string), int64(tm["id"].(float64))
	}
	return fx.play(int64(ex["id"].(float64)), codes, teams, !draft)
}

// play lets the delegates and the observer in and, when start is set,
// starts the exercise, sends the request and the communication check.
func (fx *authzFixture) play(id int64, codes map[string]string, teams map[string]int64, start bool) *authzExercise {
	e, fac := fx.e, fx.staff[lead]
	base := fmt.Sprintf("/api/v1/exercises/%d", id)
	x := &authzExercise{id: id, codes: codes, teams: teams, tokens: map[string]string{}}
	obs := e.do(req{method: "GET", path: base, bearer: fac}).json["exercise"].(map[string]any)["observer_code"].(string)
	codes["observer"] = obs
	x.tokens["participant"], x.tokens["other team"] = e.join(codes["valdoria"], "Ana"), e.join(codes["esterra"], "Ben")
	x.tokens["observer"] = e.join(obs, "Olga")
	e.join(codes["norhaven"], "Spare")
	for _, p := range e.do(req{method: "GET", path: base + "/participants", bearer: fac}).json["participants"].([]any) {
		if pm := p.(map[string]any); pm["name"] == "Spare" {
			x.spareParticipant = int64(pm["id"].(float64))
		}
	}
	if !start {
		return x
	}
	if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
		fx.t.Fatalf("start: %d %s", r.status, r.raw)
	}
	e.tick()
	msg := e.send(base, x.tokens["other team"], map[string]any{"to": []int64{teams["valdoria"]}, "channel": "consultation_request",
		"subject": "Consultations", "body": "We ask for consultations.", "cbms": []string{"3"}, "kind": "consultation"})
	if msg.status != http.StatusCreated {
		fx.t.Fatalf("request: %d %s", msg.status, msg.raw)
	}
	x.msg = int64(msg.json["message"].(map[string]any)["id"].(float64))
	check := e.do(req{method: "POST", path: base + "/commchecks", bearer: fac, body: map[string]string{"text": "Check"}})
	if check.status != http.StatusCreated {
		fx.t.Fatalf("comm check: %d %s", check.status, check.raw)
	}
	x.check = int64(check.json["id"].(float64))
	return x
}

// scenarioYAML is the tutorial under another id, with a decision for the
// facilitators to take.
func (fx *authzFixture) scenarioYAML(id string) yamlDoc {
	src := bundledYAML(fx.t, "tutorial-first-contact.yaml")
	src = strings.Replace(src, "id: tutorial-first-contact", "id: "+id, 1)
	return yamlDoc(strings.Replace(src, "triggers:\n", `triggers:
  - key: staff-call
    title: The facilitators decide whether Valdoria needs the hint
    condition:
      type: facilitator_decision
      prompt: Has Valdoria found Esterra's technical point of contact?
    release: [valdoria-hint]
`, 1))
}

// run makes the row's calls, one per caller in order, and returns their statuses.
func (fx *authzFixture) run(row authzRow) statuses {
	method, pattern, _ := strings.Cut(row.route, " ")
	x := fx.main
	if row.fresh || row.draft {
		x = fx.newExercise(row.draft)
	}
	path := fx.fill(pattern, x)
	var got statuses
	for c := range callers {
		body := row.body
		if f, ok := body.(func(caller) any); ok {
			body = f(c)
		}
		r := fx.send(method, path, fx.token(c, x, row.ownSessions), body)
		got[c] = r.status
		fx.checkRefusal(row.route, c, r)
	}
	return got
}

// checkRefusal checks that a refusal has the one error shape, and that a
// missing caller and a hidden or missing thing are told apart by their code
// only (401 unauthenticated, 404 not_found), never by their wording.
func (fx *authzFixture) checkRefusal(route string, c caller, r resp) {
	if r.status != http.StatusUnauthorized && r.status != http.StatusForbidden && r.status != http.StatusNotFound {
		return
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	_ = json.Unmarshal(r.raw, &body) // a refusal that is not JSON fails below
	want := map[int]string{http.StatusUnauthorized: "unauthenticated", http.StatusNotFound: "not_found"}[r.status]
	if body.Error.Code == "" || body.Error.Message == "" || (want != "" && body.Error.Code != want) {
		fx.t.Errorf("%s as %s: %d %.200s; want the error shape with code %q", route, callerNames[c], r.status, r.raw, want)
	}
}

// token is the caller's bearer token ("" for anonymous); a new session when
// own is set.
func (fx *authzFixture) token(c caller, x *authzExercise, own bool) string {
	switch {
	case c == anonymous:
		return ""
	case !own && x.tokens[callerNames[c]] != "":
		return x.tokens[callerNames[c]]
	case !own:
		return fx.staff[c]
	}
	switch c {
	case participant:
		return fx.e.join(x.codes["valdoria"], "Ana again")
	case otherTeam:
		return fx.e.join(x.codes["esterra"], "Ben again")
	case observer:
		return fx.e.join(x.codes["observer"], "Olga again")
	}
	pw := map[bool]string{true: adminPassword, false: facilitatorPwd}[c == admin]
	tok, _ := fx.e.login(staffEmails[c], pw)
	return tok
}

// fill puts the fixture's values in a route's parameters, chosen by the
// segment before them where the name alone is ambiguous (users/:id).
func (fx *authzFixture) fill(pattern string, x *authzExercise) string {
	values := map[string]string{
		"users/:id": fmt.Sprint(fx.spareUser), "workshops/:id": fmt.Sprint(fx.workshopID), "scenarios/:id": fx.scenario,
		"exercises/:id": fmt.Sprint(x.id), "injects/:key": "valdoria-phishing", "triggers/:key": "staff-call",
		":phase": "getting-started", ":question": "gs-q1", ":team": fmt.Sprint(x.teams["valdoria"]),
		":pid": fmt.Sprint(x.spareParticipant), ":msg": fmt.Sprint(x.msg), ":check": fmt.Sprint(x.check),
		":lang": "fr", ":code": fx.contactCode, "manual/:file": "valdoria.pdf",
	}
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		switch {
		case s == "*" && strings.HasPrefix(pattern, "/api/"):
			segs[i] = "no-such-route"
		case s == "*":
			segs[i] = "workshops"
		case strings.HasPrefix(s, ":") && values[segs[i-1]+"/"+s] != "":
			segs[i] = url.PathEscape(values[segs[i-1]+"/"+s])
		case strings.HasPrefix(s, ":"):
			if values[s] == "" {
				fx.t.Fatalf("no fixture value for %s in %s", s, pattern)
			}
			segs[i] = url.PathEscape(values[s])
		}
	}
	return strings.Join(segs, "/")
}

// send makes one call. An event stream that opens counts by its status and
// is closed at once.
func (fx *authzFixture) send(method, path, bearer string, body any) resp {
	fx.t.Helper()
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case yamlDoc:
		rd, ctype = strings.NewReader(string(b)), "application/yaml"
	case xlsxDoc:
		rd, ctype = bytes.NewReader(b), xlsxType
	case xliffDoc:
		rd, ctype = bytes.NewReader(b), xliffType
	default:
		j, err := json.Marshal(b)
		if err != nil {
			fx.t.Fatal(err)
		}
		rd, ctype = bytes.NewReader(j), "application/json"
	}
	hr, err := http.NewRequest(method, fx.e.srv.URL+path, rd)
	if err != nil {
		fx.t.Fatal(err)
	}
	if ctype != "" {
		hr.Header.Set("Content-Type", ctype)
	}
	if bearer != "" {
		hr.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		fx.t.Fatal(err)
	}
	defer res.Body.Close()
	r := resp{status: res.StatusCode, header: res.Header}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		return r
	}
	r.raw, _ = io.ReadAll(res.Body)
	return r
}

// xliff is an XLIFF file of the fixture's scenario for French with nothing
// translated: importing it stores nothing new.
func (fx *authzFixture) xliff() xliffDoc {
	fx.t.Helper()
	sc, probs := scenario.Parse("authz.yaml", []byte(fx.scenarioYAML(fx.scenario)), nil)
	if probs != nil {
		fx.t.Fatal(probs)
	}
	data, err := xliff.Export(sc, nil, "fr")
	if err != nil {
		fx.t.Fatal(err)
	}
	return xliffDoc(data)
}
