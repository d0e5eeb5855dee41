package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// hostileText is what a careless or hostile client puts in a string.
type hostileText struct {
	name, value string
	atTheEdge   bool // refused before any handler, as a field error (422)
}

var hostileTexts = []hostileText{
	{"NUL", "a\x00b", true},
	{"invalid UTF-8", "a\xff\xfeb", true},
	// Within the test server's 64K body limit: longer than any field takes,
	// and as long as the longest field takes, which handlers see.
	{"over-long", strings.Repeat("é", maxTextChars+1), true},
	{"longest", strings.Repeat("é", maxTextChars), false},
}

// routeFixture is what a request to a route needs to get past the checks
// that come before the ones under test: a caller, valid path parameters,
// and a valid body whose strings are then made hostile one at a time.
type routeFixture struct {
	admin, staff, participant string            // bearer tokens
	spareSessions             []string          // admin sessions for logout to end
	ids                       map[string]string // path parameter values by route prefix and name
	bodies                    map[string]any    // "METHOD /path" → a valid body
	participantRoutes         map[string]bool   // "METHOD /path" a participant calls
}

// hostileFixture makes an exercise with a participant, a message, a comm
// check and a spare user to edit.
func hostileFixture(t *testing.T, e *env) routeFixture {
	fac, exID, codes, teamIDs := e.liveExercise()
	admin := e.adminToken()
	base := fmt.Sprintf("/api/v1/exercises/%d", exID)
	part := e.join(codes["valdoria"], "Delegate")
	other := e.join(codes["esterra"], "Other delegate")
	if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
		t.Fatalf("start: %d %s", r.status, r.raw)
	}
	e.tick()
	// A request to the participant's team, for it to acknowledge, answer…
	msg := e.send(base, other, map[string]any{"to": []int64{teamIDs["valdoria"]}, "channel": "consultation_request",
		"subject": "Consultations", "body": "We ask for consultations.", "cbms": []string{"3"}, "kind": "consultation"})
	if msg.status != http.StatusCreated {
		t.Fatalf("message: %d %s", msg.status, msg.raw)
	}
	check := e.do(req{method: "POST", path: base + "/commchecks", bearer: fac, body: map[string]string{"text": "Check"}})
	if check.status >= 300 {
		t.Fatalf("comm check: %d %s", check.status, check.raw)
	}
	spare := e.do(req{method: "POST", path: "/api/v1/users", bearer: admin,
		body: map[string]string{"email": "spare@example.org", "role": "facilitator", "password": "spare password 1"}})
	if spare.status != http.StatusCreated {
		t.Fatalf("spare user: %d %s", spare.status, spare.raw)
	}
	ws := e.do(req{method: "GET", path: "/api/v1/workshops", bearer: admin}).json["workshops"].([]any)
	pids := e.do(req{method: "GET", path: base + "/participants", bearer: fac}).json["participants"].([]any)
	checks := e.do(req{method: "GET", path: base + "/commchecks", bearer: fac}).json["checks"].([]any)
	num := func(v any) string { return fmt.Sprint(int64(v.(float64))) }
	var sessions []string
	for range len(hostileTexts) * (len(queryNames) + 3) { // each call to logout: query parameters and a body of three strings
		tok, _ := e.login(adminEmail, adminPassword)
		sessions = append(sessions, tok)
	}
	vald := teamIDs["valdoria"]
	return routeFixture{
		admin: admin, staff: fac, participant: part, spareSessions: sessions,
		ids: map[string]string{
			"users:id": num(spare.json["user"].(map[string]any)["id"]), "workshops:id": num(ws[0].(map[string]any)["id"]),
			"scenarios:id": "grid-cascade", "exercises:id": fmt.Sprint(exID),
			"phase": "getting-started", "question": "gs-q1", "injects:key": "norhaven-empty-entry", "triggers:key": "valdoria-silent",
			"team": fmt.Sprint(vald), "pid": num(pids[0].(map[string]any)["id"]), "msg": num(msg.json["message"].(map[string]any)["id"]),
			"check": num(checks[0].(map[string]any)["id"]), "*": "nothing-here",
		},
		bodies: map[string]any{
			"POST /api/v1/auth/login":                              map[string]any{"email": adminEmail, "password": "a wrong password"},
			"POST /api/v1/join":                                    map[string]any{"code": codes["esterra"], "name": "Delegate"},
			"POST /api/v1/users":                                   map[string]any{"email": "new@example.org", "name": "New", "role": "facilitator", "password": "new password 12"},
			"PATCH /api/v1/users/:id":                              map[string]any{"name": "Spare", "role": "facilitator", "password": "spare password 2"},
			"POST /api/v1/workshops":                               map[string]any{"title": "Workshop", "host_organisation": "OSCE", "place": "Vienna", "starts_on": "2026-11-27", "ends_on": "2026-11-28", "language": "en", "participants": []any{"Aurelia"}},
			"PATCH /api/v1/workshops/:id":                          map[string]any{"title": "Workshop", "host_organisation": "OSCE", "place": "Vienna", "language": "en", "participants": []any{"Aurelia"}},
			"POST /api/v1/exercises":                               map[string]any{"workshop_id": ws[0].(map[string]any)["id"], "scenario_id": "tutorial-first-contact", "title": "Exercise"},
			"POST /api/v1/exercises/:id/speed":                     map[string]any{"speed": 2},
			"POST /api/v1/exercises/:id/jump":                      map[string]any{"phase": "first-incident"},
			"PUT /api/v1/exercises/:id/answers/:phase/:question":   map[string]any{"text": "An answer"},
			"POST /api/v1/exercises/:id/injects":                   map[string]any{"title": "Ad hoc", "body": "Body", "channel": "email", "from": "Control", "teams": []any{vald}},
			"POST /api/v1/exercises/:id/triggers/:key/decide":      map[string]any{"yes": false},
			"POST /api/v1/exercises/:id/notes":                     map[string]any{"text": "A note"},
			"PATCH /api/v1/exercises/:id/teams/:team":              map[string]any{"name": "Valdoria"},
			"POST /api/v1/exercises/:id/messages":                  map[string]any{"to": []any{teamIDs["esterra"]}, "channel": "poc_hotline", "subject": "Subject", "body": "Body", "cbms": []any{"8"}},
			"POST /api/v1/exercises/:id/messages/:msg/acknowledge": map[string]any{"text": "Noted"},
			"POST /api/v1/exercises/:id/messages/:msg/answer":      map[string]any{"text": "An answer"},
			"POST /api/v1/exercises/:id/messages/:msg/decline":     map[string]any{"text": "No"},
			"POST /api/v1/exercises/:id/messages/:msg/escalate":    map[string]any{"text": "Up"},
			"PUT /api/v1/exercises/:id/messages/:msg/tags":         map[string]any{"cbms": []any{"8"}},
			"PUT /api/v1/exercises/:id/poc":                        map[string]any{"entries": []any{map[string]any{"role": "policy", "name": "Ana", "channel": "email", "hours": "9-17", "languages": []any{"en"}}}},
			"POST /api/v1/exercises/:id/commchecks":                map[string]any{"text": "Check"},
			"POST /api/v1/exercises/:id/commchecks/:check/ack":     map[string]any{"text": "Here"},
			"PUT /api/v1/exercises/:id/scores":                     map[string]any{"team_id": vald, "criterion": "comm-check", "value": "S", "comment": "Good"},
			"PUT /api/v1/exercises/:id/assessments/:team":          map[string]any{"strengths": "Quick", "improvements": "Slower"},
			"POST /api/v1/exercises/:id/improvements":              map[string]any{"recommendation": "Train", "cbm": "8", "owner": "Ana", "due": "2027-01-01"},
		},
		participantRoutes: map[string]bool{
			"PUT /api/v1/exercises/:id/answers/:phase/:question": true, "POST /api/v1/exercises/:id/messages": true,
			"PUT /api/v1/exercises/:id/poc": true, "POST /api/v1/exercises/:id/commchecks/:check/ack": true,
			"POST /api/v1/exercises/:id/messages/:msg/acknowledge": true, "POST /api/v1/exercises/:id/messages/:msg/answer": true,
			"POST /api/v1/exercises/:id/messages/:msg/decline": true, "POST /api/v1/exercises/:id/messages/:msg/escalate": true,
		},
	}
}

// queryNames are the query parameters any handler reads.
var queryNames = []string{"q", "filename", "version", "cbm", "channel", "workshop_id", "after", "last_event_id", "limit", "team", "open"}

// TestHostileTextIsNeverA5xx sends NUL bytes, invalid UTF-8 and over-long
// strings in every path parameter, in the query and in every string of the
// body of every route the server has (walked from Echo, so a new route is
// covered without editing this test), without an account and with the
// account the route is for. Nothing may answer 5xx; NUL, invalid UTF-8
// and strings longer than any field takes are refused with a 422 naming the
// field, on both dialects alike.
func TestHostileTextIsNeverA5xx(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		fx := hostileFixture(t, e)
		routes := e.srv.Config.Handler.(*echo.Echo).Routes()
		// Calls that end sessions or exercises go last, so that the others
		// still reach the handlers.
		last := func(r *echo.Route) bool {
			return strings.HasSuffix(r.Path, "/end") || strings.HasSuffix(r.Path, "/logout") || r.Method == http.MethodDelete
		}
		sort.SliceStable(routes, func(i, j int) bool { return !last(routes[i]) && last(routes[j]) })
		n := 0
		for _, rt := range routes {
			if rt.Method == echo.RouteNotFound {
				continue
			}
			route := rt.Method + " " + rt.Path
			callers := []string{""}
			switch {
			case !strings.HasPrefix(rt.Path, "/api/v1/") || route == "POST /api/v1/auth/login" || route == "POST /api/v1/join":
			case fx.participantRoutes[route]:
				callers = append(callers, fx.participant)
			case strings.HasPrefix(rt.Path, "/api/v1/users") || strings.HasPrefix(rt.Path, "/api/v1/workshops") && rt.Method != http.MethodGet:
				callers = append(callers, fx.admin)
			default:
				callers = append(callers, fx.staff)
			}
			for _, bearer := range callers {
				for _, h := range hostileTexts {
					for _, c := range hostileCalls(t, rt, fx, h) {
						if strings.HasSuffix(rt.Path, "/logout") && bearer != "" {
							bearer, fx.spareSessions = fx.spareSessions[0], fx.spareSessions[1:] // a session of its own to end
						}
						n++
						r := e.send2(c.method, c.path, bearer, c.body)
						who := map[string]string{"": "anonymous", fx.admin: "admin", fx.staff: "facilitator", fx.participant: "participant"}[bearer]
						switch {
						case r.status >= 500:
							t.Errorf("%s %s in %s as %s: %d %.200s", route, h.name, c.where, who, r.status, r.raw)
						case h.atTheEdge && r.status != http.StatusUnprocessableEntity:
							t.Errorf("%s %s in %s as %s: %d, want 422: %.200s", route, h.name, c.where, who, r.status, r.raw)
						case h.atTheEdge && rt.Method != http.MethodHead && !refusesField(r, c.field):
							t.Errorf("%s %s in %s as %s: the answer does not name the field %q: %.300s", route, h.name, c.where, who, c.field, r.raw)
						}
					}
				}
			}
		}
		if n < 500 {
			t.Fatalf("only %d calls; the route walk is broken", n)
		}
		t.Logf("%d calls to %d routes", n, len(routes))
	})
}

// hostileCall is one request with one hostile string in it.
type hostileCall struct {
	method, path string
	body         []byte
	where, field string // where the string is, and the field an answer should name
}

var pathParam = regexp.MustCompile(`^(:\w+|\*)$`)

// hostileCalls puts h in each path parameter, in the query, and in each
// string of the route's body, one at a time.
func hostileCalls(t *testing.T, rt *echo.Route, fx routeFixture, h hostileText) []hostileCall {
	route := rt.Method + " " + rt.Path
	// value is a valid value for the parameter in segment i of the path,
	// named after the segment before it when that matters ("users:id").
	segs := strings.Split(rt.Path, "/")
	value := func(i int) string {
		if v, ok := fx.ids[segs[i-1]+segs[i]]; ok {
			return v
		}
		if v, ok := fx.ids[strings.TrimPrefix(segs[i], ":")]; ok {
			return v
		}
		return "1"
	}
	var params []int
	for i, s := range segs {
		if pathParam.MatchString(s) {
			params = append(params, i)
		}
	}
	path := func(hostile int) string {
		out := append([]string(nil), segs...)
		for _, i := range params {
			out[i] = url.PathEscape(value(i))
			if i == hostile {
				out[i] = url.PathEscape(h.value)
			}
		}
		return strings.Join(out, "/")
	}
	base, hasBody := fx.bodies[route]
	if !hasBody && rt.Method != http.MethodGet && rt.Method != http.MethodDelete {
		base = map[string]any{"name": "x", "title": "x", "text": "x"} // a route the fixture does not know yet
	}
	body, _ := json.Marshal(base)
	if base == nil {
		body = nil
	}
	var calls []hostileCall
	for _, i := range params {
		field := strings.TrimPrefix(segs[i], ":")
		if field == "*" {
			field = "path"
		}
		calls = append(calls, hostileCall{rt.Method, path(i), body, "path parameter " + segs[i], field})
	}
	for _, q := range queryNames {
		calls = append(calls, hostileCall{rt.Method, path(-1) + "?" + url.Values{q: {h.value}}.Encode(), body, "query parameter " + q, q})
	}
	for _, f := range stringsIn(base, "") {
		calls = append(calls, hostileCall{rt.Method, path(-1), withHostile(t, base, f, h.value), "body field " + f, f})
	}
	return calls
}

// stringsIn lists the paths of the strings in a JSON value ("name",
// "entries[0].role").
func stringsIn(v any, at string) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = append(out, at)
	case map[string]any:
		for k, x := range v {
			out = append(out, stringsIn(x, strings.TrimPrefix(at+"."+k, "."))...)
		}
	case []any:
		for i, x := range v {
			out = append(out, stringsIn(x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	sort.Strings(out)
	return out
}

// withHostile returns base as JSON with the string at field replaced by
// value, byte for byte (json.Marshal would mend invalid UTF-8).
func withHostile(t *testing.T, base any, field, value string) []byte {
	const mark = "\x01hostile\x01"
	var set func(v any, at string) any
	set = func(v any, at string) any {
		switch x := v.(type) {
		case string:
			if at == field {
				return mark
			}
		case map[string]any:
			out := map[string]any{}
			for k, y := range x {
				out[k] = set(y, strings.TrimPrefix(at+"."+k, "."))
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, y := range x {
				out[i] = set(y, fmt.Sprintf("%s[%d]", at, i))
			}
			return out
		}
		return v
	}
	b, err := json.Marshal(set(base, ""))
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(mark)
	escaped := strings.ReplaceAll(strings.ReplaceAll(value, `\`, `\\`), "\x00", `\u0000`)
	return bytes.Replace(b, quoted, []byte(`"`+escaped+`"`), 1)
}

// refusesField tells whether a 422 names the field.
func refusesField(r resp, field string) bool {
	e, _ := r.json["error"].(map[string]any)
	fields, _ := e["fields"].(map[string]any)
	_, ok := fields[field]
	return ok
}

// send2 sends body as JSON, with a bearer token when there is one.
func (e *env) send2(method, path, bearer string, body []byte) resp {
	e.t.Helper()
	hr, err := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		hr.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	r := resp{status: res.StatusCode, header: res.Header}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		return r // an open stream: its status is all there is to see
	}
	r.raw, _ = io.ReadAll(res.Body)
	_ = json.Unmarshal(r.raw, &r.json) // a body that is not JSON (CSV, a spreadsheet) leaves json nil; raw has it
	e.checkContract(hr, res, r.raw)
	return r
}

// Each bad string of a JSON body is named by its path.
func TestCheckJSONNamesTheField(t *testing.T) {
	for _, tt := range []struct {
		body string
		want []string
	}{
		{`{"name": "a\u0000b", "title": "fine"}`, []string{"name"}},
		{`{"a": {"b": [1, "x", {"c": "\u0000"}]}, "d": "\u0000"}`, []string{"a.b[2].c", "d"}},
		{`{"entries": [{"role": "p"}, {"role": "x` + "\xff" + `"}]}`, []string{"entries[1].role"}},
		{`{"a\u0000": 1}`, []string{`a\0`}},
		{`["ok", "\u0000"]`, []string{"[1]"}},
		{`"\u0000"`, []string{"body"}},
		{`{"a": [[], {}], "b": "\u0000"}`, []string{"b"}},
		{`{"a": "\\u0000 is only text"}`, nil},
		{`{"a": "\u0000", broken`, []string{"a"}},
	} {
		bad := badFields{}
		bad.checkJSON([]byte(tt.body))
		var got []string
		for f := range bad {
			got = append(got, f)
		}
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: fields %v, want %v", tt.body, got, tt.want)
		}
	}
}
